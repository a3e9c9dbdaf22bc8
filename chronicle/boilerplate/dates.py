"""Find calendar dates (Gregorian and Hijri) and clock times inside a line of text.

Used both as a line feature (datelines, comment headers) and to fill
``published_date``. Hijri dates are converted with ``hijridate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from hijridate import Hijri

from chronicle.boilerplate.lexicons import HIJRI_MONTHS, MONTHS, compact


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: value, precision ("day"/"month"/"year") and span."""

    value: date
    precision: str
    start: int
    end: int
    calendar: str = "gregorian"


_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# Long month names only for month-year dates: "may 2019" alone is too ambiguous.
_LONG_MONTH_ALT = "|".join(
    sorted((re.escape(m) for m in MONTHS if len(m) >= 4 or m == "may"), key=len, reverse=True)
)
_ORD = r"(?:st|nd|rd|th|er|º|-?го)?"
_YEAR = r"((?:19|20)\d\d)"

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_MDY = re.compile(rf"(?<!\w)({_MONTH_ALT})\.?\s+(\d{{1,2}}){_ORD},?\s+{_YEAR}(?!\d)", re.IGNORECASE)
_DMY = re.compile(
    rf"(?<![\w:])(\d{{1,2}}){_ORD}\.?\s+(?:de\s+)?({_MONTH_ALT})\.?,?\s+(?:de\s+)?{_YEAR}(?!\d)",
    re.IGNORECASE,
)
_MY = re.compile(rf"(?<!\w)({_LONG_MONTH_ALT})\.?,?\s+(?:de\s+)?{_YEAR}(?!\d)", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?![\d/])")
_HIJRI_NAME = r"([A-Z][A-Za-z'’]*(?:[\s-]+(?:al|ul|el|as|ath)?-?[A-Za-z'’]+)?)"
_HIJRI_MDY = re.compile(rf"{_HIJRI_NAME}\s+(\d{{1,2}}),?\s+(1[345]\d\d)(?!\d)")
_HIJRI_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_HIJRI_NAME},?\s+(1[345]\d\d)(?!\d)")
_HIJRI_MY = re.compile(rf"{_HIJRI_NAME},?\s+(1[345]\d\d)(?!\d)")
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d\d)(?::\d\d)?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d])", re.IGNORECASE
)
_AGO = re.compile(
    r"\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE
)

# Cheap pre-check so that most lines skip the expensive patterns.
_HAS_DIGIT_RUN = re.compile(r"\d{4}")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _hijri(year: int, month: int, day: int) -> date | None:
    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def _hijri_month(name: str) -> int | None:
    key = compact(name)
    if key in HIJRI_MONTHS:
        return HIJRI_MONTHS[key]
    # "Rabi' al-Awwal" may be cut to its first word by the pattern; try the first word.
    return HIJRI_MONTHS.get(compact(name.split()[0])) if " " in name else None


def find_dates(text: str) -> list[DateMatch]:
    """All non-overlapping dates in ``text``, most precise first at each position."""
    if not _HAS_DIGIT_RUN.search(text):
        return []
    return list(_find_dates_cached(text))


@lru_cache(maxsize=8192)
def _find_dates_cached(text: str) -> tuple[DateMatch, ...]:
    # Lines are looked at several times (features, metadata, comments): cache by text.
    found: list[DateMatch] = []

    def add(value: date | None, precision: str, m: re.Match[str], calendar: str) -> None:
        if value is None:
            return
        if any(m.start() < f.end and f.start < m.end() for f in found):
            return
        found.append(DateMatch(value, precision, m.start(), m.end(), calendar))

    for m in _ISO.finditer(text):
        add(_safe_date(int(m[1]), int(m[2]), int(m[3])), "day", m, "gregorian")
    for m in _MDY.finditer(text):
        add(_safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2])), "day", m, "gregorian")
    for m in _DMY.finditer(text):
        add(_safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1])), "day", m, "gregorian")
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        # Dotted dates are day-first (European); slashed ones month-first unless impossible.
        day, month = (a, b) if m[2] == "." or a > 12 else (b, a)
        add(_safe_date(year, month, day), "day", m, "gregorian")
    for m in _HIJRI_MDY.finditer(text):
        month = _hijri_month(m[1])
        if month:
            add(_hijri(int(m[3]), month, int(m[2])), "day", m, "hijri")
    for m in _HIJRI_DMY.finditer(text):
        month = _hijri_month(m[2])
        if month:
            add(_hijri(int(m[3]), month, int(m[1])), "day", m, "hijri")
    for m in _MY.finditer(text):
        add(_safe_date(int(m[2]), MONTHS[m[1].lower()], 1), "month", m, "gregorian")
    for m in _HIJRI_MY.finditer(text):
        month = _hijri_month(m[1])
        if month:
            add(_hijri(int(m[2]), month, 1), "month", m, "hijri")
    found.sort(key=lambda d: d.start)
    return tuple(found)


def find_time(text: str) -> time | None:
    """First clock time in ``text`` (12- or 24-hour), or None."""
    m = _TIME.search(text)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2])
    suffix = (m[3] or "").lower().replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def has_relative_time(text: str) -> bool:
    """True for "3 hours ago"-style stamps (comment headers, feeds)."""
    return bool(_AGO.search(text))


def find_datetime(text: str) -> datetime | None:
    """Date plus optional time from a line (comment headers); None without a day date."""
    dates = [d for d in find_dates(text) if d.precision == "day"]
    if not dates:
        return None
    t = find_time(text[dates[0].end :]) or find_time(text) or time(0, 0)
    return datetime.combine(dates[0].value, t)
