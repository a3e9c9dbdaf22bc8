"""Normaliser: turn a grammar :class:`Frame` into a TIMEX3 type, value and mod.

All anchoring rules live here, each a small function of (frame, reference date,
tense); nothing here looks at text. Conventions follow TimeML 1.2.1 / TIMEX3:

* points are ISO 8601 (``2021-10-22``, ``2021-10``, ``2021``, weeks ``2021-W43``,
  weekends ``2021-W43-WE``, quarters ``2021-Q3``, halves ``2021-H1``, seasons
  ``2021-FA``, decades ``199X``, centuries ``19XX``, fiscal years ``FY2021``);
  times add ``THH:MM`` or a part of day ``TMO``/``TAF``/``TEV``/``TNI``;
* durations are ``P6M``, ``PT5H30M``, ``PXY`` when the quantity is unspecified;
* sets carry the period (``P1D``) or an underspecified date (``XXXX-WXX-5``);
* vague references are ``PAST_REF``, ``PRESENT_REF``, ``FUTURE_REF``.

Without a reference date, anything that needs one stays underspecified
(``XXXX-10-22``, ``XXXX-WXX-2``) rather than being given an invented year.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter
from hijridate import Hijri

from chronicle.timex.grammar import Frame
from chronicle.timex.tense import FUTURE, PAST

_SEASONS = ("SP", "SU", "FA", "WI")


@dataclass(frozen=True)
class Normalised:
    """TIMEX3 attributes of one expression plus the calendar interval it denotes."""

    type: str
    value: str
    mod: str | None
    anchored: bool
    date_start: date | None
    date_end: date | None


# ---------------------------------------------------------------- calendar helpers


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


# An incomplete date more than this far from the anchor in the tense's direction is
# unlikely (a writer would give the year), so the tense is overruled beyond it.
TENSE_HORIZON_DAYS = 270


def _nearest(cands: list[date], anchor: date, tense: str | None) -> date:
    """Pick among candidate dates: the tense filters past/future, then the nearest wins."""
    h = TENSE_HORIZON_DAYS
    if tense == PAST:
        ok = [c for c in cands if c <= anchor and (anchor - c).days <= h]
    elif tense == FUTURE:
        ok = [c for c in cands if c >= anchor and (c - anchor).days <= h]
    else:
        ok = []
    pool = ok or cands
    return min(pool, key=lambda c: (abs((c - anchor).days), c > anchor))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_month_day(
    month: int, day: int, anchor: date, tense: str | None, weekday: int | None = None
) -> date | None:
    """Year of an incomplete "October 22": the anchor's year or a neighbour.

    A weekday given with it ("Friday, Oct. 23") picks the year it fits; otherwise
    the tense decides past vs future and the nearest candidate wins.
    """
    cands = [
        c
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (c := _safe_date(y, month, day))
    ]
    if not cands:
        return None
    if weekday is not None:
        fits = [c for c in cands if c.isoweekday() == weekday]
        if fits:
            cands = fits
    return _nearest(cands, anchor, tense)


def resolve_month(month: int, anchor: date, tense: str | None) -> tuple[int, int]:
    """Year of a bare month name: nearest month instance, filtered by tense."""
    cands = [date(y, month, 15) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    mid = date(anchor.year, anchor.month, 15)
    return _nearest(cands, mid, tense).year, month


def resolve_weekday(weekday: int, anchor: date, tense: str | None, rel: int | None) -> date:
    """Date of a weekday name relative to the anchor.

    ``rel`` -1 ("last Friday"): the latest one strictly before the anchor; +1
    ("next Friday"): the first strictly after; 0 ("this Friday"): the one in the
    anchor's ISO week. Without ``rel`` the tense chooses: past -> on or before the
    anchor, future -> on or after, unknown -> the nearer of the two.
    """
    diff = weekday - anchor.isoweekday()
    if rel == 0:
        return anchor + timedelta(days=diff)
    back = (anchor.isoweekday() - weekday) % 7
    fwd = (weekday - anchor.isoweekday()) % 7
    if rel == -1:
        return anchor - timedelta(days=back or 7)
    if rel == 1:
        return anchor + timedelta(days=fwd or 7)
    if tense == FUTURE:
        return anchor + timedelta(days=fwd)
    if tense == PAST:
        return anchor - timedelta(days=back)
    return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)


def _season_of(d: date) -> tuple[int, int]:
    """(season-year, index) of a date; winter belongs to the year of its December."""
    m = d.month
    if m in (1, 2):
        return d.year - 1, 3
    if m == 12:
        return d.year, 3
    return d.year, (m - 3) // 3


def resolve_season(season: str, anchor: date, tense: str | None, rel: int | None) -> int:
    """Year of "last fall", "this winter", "next spring" or a bare season name."""
    ay, ai = _season_of(anchor)
    si = _SEASONS.index(season)
    here = ay * 4 + ai
    cands = [(y, y * 4 + si) for y in (ay - 1, ay, ay + 1)]
    if rel == -1:
        return max(y for y, k in cands if k < here)
    if rel == 1:
        return min(y for y, k in cands if k > here)
    if rel == 0:
        return ay
    if tense == PAST:
        pool = [c for c in cands if c[1] <= here]
    elif tense == FUTURE:
        pool = [c for c in cands if c[1] >= here]
    else:
        pool = cands
    return min(pool, key=lambda c: (abs(c[1] - here), c[1] > here))[0]


def _thanksgiving(y: int) -> date:
    first = date(y, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


# ---------------------------------------------------------------- intervals


def value_interval(value: str) -> tuple[date | None, date | None]:
    """Inclusive calendar interval a TIMEX3 DATE/TIME value denotes; (None, None) if none."""
    v = value.split("T", 1)[0]
    try:
        if v.startswith("FY"):
            return None, None
        if len(v) == 4 and v.isdigit():
            y = int(v)
            return date(y, 1, 1), date(y, 12, 31)
        if len(v) == 4 and v[:3].isdigit() and v[3] == "X":
            d = int(v[:3]) * 10
            return date(d, 1, 1), date(d + 9, 12, 31)
        if len(v) == 4 and v[:2].isdigit() and v[2:] == "XX":
            c = int(v[:2]) * 100
            return date(c, 1, 1), date(c + 99, 12, 31)
        if "X" in v or not v[:4].isdigit():
            return None, None
        y = int(v[:4])
        rest = v[5:]
        if len(rest) == 2 and rest.isdigit():
            m = int(rest)
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if len(rest) == 5 and rest[2] == "-":
            d = date(y, int(rest[:2]), int(rest[3:]))
            return d, d
        if rest in _SEASONS:
            i = _SEASONS.index(rest)
            if i == 3:
                end_y = y + 1
                return date(y, 12, 1), date(end_y, 2, calendar.monthrange(end_y, 2)[1])
            m0 = 3 + 3 * i
            return date(y, m0, 1), date(y, m0 + 2, calendar.monthrange(y, m0 + 2)[1])
        if rest.startswith("Q"):
            q = int(rest[1])
            m0 = 3 * q - 2
            return date(y, m0, 1), date(y, m0 + 2, calendar.monthrange(y, m0 + 2)[1])
        if rest.startswith("H"):
            h = int(rest[1])
            return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        if rest.startswith("W"):
            parts = rest[1:].split("-")
            monday = date.fromisocalendar(y, int(parts[0]), 1)
            if len(parts) > 1 and parts[1] == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None, None
    return None, None


# ---------------------------------------------------------------- durations


_DESIGNATORS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "week": ("W", False), "month": ("M", False), "year": ("Y", False),
}  # fmt: skip
# Larger units are written in a smaller designator, TimeML-style (P10Y, P2W, P3M).
_SCALED = {
    "decade": (10, "year"), "century": (100, "year"), "millennium": (1000, "year"),
    "fortnight": (2, "week"), "quarter": (3, "month"),
}  # fmt: skip
_SPLIT = {"year": (12, "month"), "month": (30, "day"), "week": (7, "day"), "day": (24, "hour"),
          "hour": (60, "minute"), "minute": (60, "second")}  # fmt: skip


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def duration_value(parts: list[tuple[float | None, str]]) -> str:
    """ISO 8601 duration from (amount, unit) parts; amount None gives "X"."""
    date_part: dict[str, str] = {}
    time_part: dict[str, str] = {}
    for amount, unit in parts:
        if unit == "weekend":
            date_part["WE"] = "X" if amount is None else _fmt_num(amount)
            continue
        if unit in _SCALED:
            k, unit = _SCALED[unit]
            amount = None if amount is None else amount * k
        # "5 1/2 hours" -> PT5H30M: move a fractional part to the next smaller unit
        # when it is a whole number there; otherwise keep a decimal ("P3.2Y").
        if amount is not None and not float(amount).is_integer() and unit in _SPLIT:
            k, small = _SPLIT[unit]
            whole = int(amount)
            frac = round((amount - whole) * k, 6)
            if float(frac).is_integer():
                if whole:
                    d, is_time = _DESIGNATORS[unit]
                    (time_part if is_time else date_part)[d] = str(whole)
                amount, unit = frac, small
        d, is_time = _DESIGNATORS[unit]
        target = time_part if is_time else date_part
        target[d] = "X" if amount is None else _fmt_num(amount)
    order_d = ("Y", "M", "W", "D", "WE")
    order_t = ("H", "M", "S")
    out = "P" + "".join(date_part[k] + k for k in order_d if k in date_part)
    if time_part:
        out += "T" + "".join(time_part[k] + k for k in order_t if k in time_part)
    return out


# ---------------------------------------------------------------- main entry


def _time_suffix(f: Frame) -> str:
    if f.hour is not None:
        return f"T{f.hour:02d}:{(f.minute or 0):02d}"
    if f.pod is not None:
        return "T" + f.pod
    return ""


def _point(value: str, mod: str | None, anchored: bool) -> Normalised:
    typ = "TIME" if "T" in value and not value.startswith("P") else "DATE"
    ds, de = value_interval(value)
    return Normalised(typ, value, mod, anchored, ds, de)


def _shift(anchor: date, unit: str, k: int) -> str | None:
    """Calendar unit containing anchor shifted by k units, at that unit's granularity."""
    try:
        return _shift_unchecked(anchor, unit, k)
    except (OverflowError, ValueError):
        return None  # beyond the calendar ("a million years ago")


def _shift_unchecked(anchor: date, unit: str, k: int) -> str | None:
    if unit == "day":
        return (anchor + timedelta(days=k)).isoformat()
    if unit in ("week", "fortnight"):
        return _week_value(anchor + timedelta(days=7 * k))
    if unit == "weekend":
        return _week_value(anchor + timedelta(days=7 * k)) + "-WE"
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, k)
        return f"{y}-{m:02d}"
    if unit == "quarter":
        q0 = (anchor.month - 1) // 3
        i = anchor.year * 4 + q0 + k
        return f"{i // 4}-Q{i % 4 + 1}"
    if unit == "half":
        i = anchor.year * 2 + (anchor.month - 1) // 6 + k
        return f"{i // 2}-H{i % 2 + 1}"
    if unit == "year":
        y = anchor.year + k
        if not 1 <= y <= 9999:
            raise ValueError(y)
        return f"{y:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + k}X"
    if unit == "century":
        return f"{anchor.year // 100 + k}XX"
    return None


_UNDERSPEC = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
    "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX", "decade": "XXXX",
    "century": "XXXX", "fortnight": "XXXX-WXX",
}  # fmt: skip

_AGO_MODS = {"MORE_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_BEFORE", "LESS_THAN": "AFTER",
             "EQUAL_OR_LESS": "ON_OR_AFTER", "APPROX": "APPROX"}  # fmt: skip


#: A normalisation rule: TIMEX3 attributes of a frame of one kind, given the anchor
#: and the tense (None where the frame denotes nothing on the calendar).
Rule = Callable[[Frame, date | None, str | None], Normalised | None]


def normalise(frame: Frame, anchor: date | None, tense: str | None = None) -> Normalised | None:
    """TIMEX3 type/value/mod of ``frame`` anchored on ``anchor`` (None: stay underspecified).

    ``tense`` (PAST, PRESENT, FUTURE or None) decides past vs future where the
    calendar alone does not (bare weekdays, months, month-days, seasons).
    """
    rule = _RULES.get(frame.kind)
    return rule(frame, anchor, tense) if rule is not None else None


def _vague(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "recently", "now", "in the future": a vague reference, never anchored."""
    return Normalised("DATE", str(f.vague), None, False, None, None)


def _duration(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "six months", "5 1/2 hours": an ISO 8601 duration."""
    parts: list[tuple[float | None, str]] = [(f.amount, str(f.unit))]
    parts.extend(f.parts)
    return Normalised("DURATION", duration_value(parts), f.mod, False, None, None)


def _set(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "every Friday", "daily": a set by its period or its underspecified date."""
    if f.set_value:
        return Normalised("SET", f.set_value, None, False, None, None)
    if f.weekday is not None:
        return Normalised("SET", f"XXXX-WXX-{f.weekday}", None, False, None, None)
    return Normalised("SET", duration_value([(f.amount, str(f.unit))]), None, False, None, None)


def _decade(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    return _point(f"{f.decade}X", f.mod, False)


def _century(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    return _point(f"{f.century:02d}XX", f.mod, False)


def _fiscal(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "fiscal 2021": FY2021, which has no calendar interval of its own."""
    return Normalised("DATE", f"FY{f.year}", f.mod, False, None, None)


def _hijri(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """A Hijri calendar date, converted to its Gregorian day (None if it does not exist)."""
    try:
        g = Hijri(int(f.year), int(f.month), int(f.day)).to_gregorian()  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None
    return _point(date(g.year, g.month, g.day).isoformat(), f.mod, False)


def _weekday(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "Friday", "last Friday", "Friday morning"."""
    if anchor is None:
        return _point(f"XXXX-WXX-{f.weekday}{_time_suffix(f)}", f.mod, False)
    d = resolve_weekday(int(f.weekday), anchor, tense, f.rel)  # type: ignore[arg-type]
    return _point(d.isoformat() + _time_suffix(f), f.mod, True)


def _deictic(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "today", "yesterday", "tomorrow night": a day offset from the anchor."""
    if anchor is None:
        return _point("XXXX-XX-XX" + _time_suffix(f), f.mod, False)
    d = anchor + timedelta(days=int(f.offset or 0))
    return _point(d.isoformat() + _time_suffix(f), f.mod, True)


def _relative(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "last month", "this week", "next year": the anchor's unit shifted by ``rel``."""
    mod = f.mod
    unit = str(f.unit)
    rel = int(f.rel or 0)
    if unit in ("decade", "century") and rel == -1:
        return Normalised("DURATION", duration_value([(1.0, unit)]), mod, False, None, None)
    if unit == "weekend" and anchor is not None and rel == 0:
        return _weekend(anchor, tense, mod)
    if unit in ("second", "minute", "hour"):
        return None
    if anchor is None:
        return _point(_UNDERSPEC.get(unit, "XXXX"), mod, False)
    v = _shift(anchor, unit, rel)
    return _point(v, mod, True) if v else None


def _anaphoric(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "the next day", "that week": ``anchor`` is the discourse date here (the last
    date mentioned, see tagger)."""
    mod = f.mod
    unit = str(f.unit)
    if anchor is None:
        return _point(_UNDERSPEC.get(unit, "XXXX") + _time_suffix(f), mod, False)
    v = _shift(anchor, unit, int(f.offset or 0))
    return _point(v + (_time_suffix(f) if unit == "day" else ""), mod, True) if v else None


_YEARS_IN = {"decade": 10, "century": 100, "millennium": 1000}


def _ago(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "three years ago", "in two weeks": the anchor shifted by an amount of units."""
    unit = str(f.unit)
    pmod = _AGO_MODS.get(f.mod or "")
    if f.amount is None:
        return Normalised("DATE", "PAST_REF" if (f.offset or -1) < 0 else "FUTURE_REF",
                          None, False, None, None)  # fmt: skip
    if anchor is None:
        return _point(_UNDERSPEC.get(unit, "XXXX"), pmod, False)
    n = round(f.amount) * int(f.offset or -1)
    if unit in ("second", "minute", "hour"):
        return _point(anchor.isoformat(), pmod, True)
    if unit in _YEARS_IN:
        n *= _YEARS_IN[unit]
        unit = "year"
    if unit == "month" and not float(f.amount).is_integer():
        unit = "day"
        n = round(f.amount * 30) * int(f.offset or -1)
    v = _shift(anchor, unit, n)
    return _point(v, pmod, True) if v else None


def _season(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "fall 2021", "last winter", "this spring"."""
    s = str(f.season)
    if f.year is not None:
        return _point(f"{f.year}-{s}", f.mod, False)
    if anchor is None:
        return _point(f"XXXX-{s}", f.mod, False)
    return _point(f"{resolve_season(s, anchor, tense, f.rel)}-{s}", f.mod, True)


def _quarter(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "the third quarter", "the first half of next year": a quarter or half year."""
    mod = f.mod
    unit = "Q" if f.unit == "quarter" else "H"
    if f.year is not None:
        return _point(f"{f.year}-{unit}{f.quarter}", mod, False)
    if anchor is None:
        return _point(f"XXXX-{unit}{f.quarter}", mod, False)
    if f.year_rel is not None:  # "the first quarter of next year"
        return _point(f"{anchor.year + f.year_rel}-{unit}{f.quarter}", mod, True)
    year = anchor.year
    cur = (anchor.month - 1) // (3 if unit == "Q" else 6) + 1
    if tense == PAST and int(f.quarter) > cur:  # type: ignore[arg-type]
        year -= 1
    return _point(f"{year}-{unit}{f.quarter}", mod, True)


def _week_of(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    """ "the week of March 3": the ISO week holding that day."""
    if f.year is not None:
        d = _safe_date(f.year, int(f.month), int(f.day))  # type: ignore[arg-type]
    elif anchor is not None:
        d = resolve_month_day(int(f.month), int(f.day), anchor, tense)  # type: ignore[arg-type]
    else:
        return _point("XXXX-WXX", f.mod, False)
    return _point(_week_value(d), f.mod, f.year is None) if d else None


def _weekend(anchor: date, tense: str | None, mod: str | None) -> Normalised:
    """ "the weekend": the one just past early in the week or when said in the past tense."""
    wd = anchor.isoweekday()
    if wd >= 6:
        d = anchor
    elif tense == PAST or (tense != FUTURE and wd <= 2):
        d = anchor - timedelta(days=wd)
    else:
        d = anchor
    return _point(_week_value(d) + "-WE", mod, True)


def _date_like(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    if f.year_rel is not None and f.year is None:
        # "February this year", "April next year": the year is relative, the rest absolute.
        if anchor is None:
            return _date_like(replace(f, year_rel=None), None, tense)
        return _date_like(replace(f, year=anchor.year + f.year_rel, year_rel=None), anchor, tense)
    mod = f.mod
    suffix = _time_suffix(f)
    if f.month is None and f.year is None:
        # A bare clock time: the reference day.
        if anchor is None:
            return _point("XXXX-XX-XX" + suffix, mod, False)
        return _point(anchor.isoformat() + suffix, mod, True)
    if f.month is None:
        return _point(f"{f.year}", mod, False)
    if f.day is None:
        if f.year is not None:
            return _point(f"{f.year}-{f.month:02d}", mod, False)
        if anchor is None:
            return _point(f"XXXX-{f.month:02d}", mod, False)
        if f.rel is not None and f.rel != 0:
            # "last November": the latest November strictly before the anchor month.
            y = anchor.year
            if f.rel < 0:
                y = y if f.month < anchor.month else y - 1
            else:
                y = y if f.month > anchor.month else y + 1
            return _point(f"{y}-{f.month:02d}", mod, True)
        if f.rel == 0:
            return _point(f"{anchor.year}-{f.month:02d}", mod, True)
        y, m = resolve_month(f.month, anchor, tense)
        return _point(f"{y}-{m:02d}", mod, True)
    if f.year is not None:
        d = _safe_date(f.year, f.month, f.day)
        return (
            _point(d.isoformat() + suffix, mod, anchor is not None and f.year_rel is not None)
            if d
            else None
        )
    if anchor is None:
        return _point(f"XXXX-{f.month:02d}-{f.day:02d}{suffix}", mod, False)
    d = resolve_month_day(f.month, f.day, anchor, tense, f.weekday)
    return _point(d.isoformat() + suffix, mod, True) if d else None


def _holiday(f: Frame, anchor: date | None, tense: str | None) -> Normalised | None:
    h = f.holiday

    def on(y: int) -> date:
        if h == "THANKSGIVING":
            return _thanksgiving(y)
        if h == "EASTER":
            return easter(y)
        if h == "BLACKFRIDAY":
            return _thanksgiving(y) + timedelta(days=1)
        if h == "ELECTION":  # US: the Tuesday after the first Monday of November
            first = date(y, 11, 2)
            return first + timedelta(days=(1 - first.weekday()) % 7)
        m, d = h  # type: ignore[misc]
        return date(y, m, d)

    if f.year is not None:
        return _point(on(f.year).isoformat(), f.mod, False)
    if anchor is None:
        if isinstance(h, tuple):
            return _point(f"XXXX-{h[0]:02d}-{h[1]:02d}", f.mod, False)
        return None
    cands = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if f.rel == -1:
        d = max(c for c in cands if c < anchor)
    elif f.rel == 1:
        d = min(c for c in cands if c > anchor)
    else:
        d = _nearest(cands, anchor, tense)
    return _point(d.isoformat(), f.mod, True)


#: The rule of each frame kind (``Frame.kind``); a kind without one denotes nothing.
_RULES: dict[str, Rule] = {
    "vague": _vague,
    "duration": _duration,
    "set": _set,
    "decade": _decade,
    "century": _century,
    "fiscal": _fiscal,
    "hijri": _hijri,
    "date": _date_like,
    "time": _date_like,
    "weekday": _weekday,
    "deictic": _deictic,
    "relative": _relative,
    "anaphoric": _anaphoric,
    "ago": _ago,
    "season": _season,
    "quarter": _quarter,
    "holiday": _holiday,
    "week_of": _week_of,
}
