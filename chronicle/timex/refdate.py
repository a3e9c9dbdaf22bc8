"""Reference dates for pages: evidence combined as constraints on an interval.

A page's reference date is the day its relative expressions ("on Thursday", "last
month") are counted from, usually the publication date. When a page does not state
it, a careful reader still bounds it:

* the sidecar's ``published_at`` or a dateline/byline date fixes it (to the precision
  given: a month stays a month);
* the scraper's ``fetched_at`` and readers' comment times are upper bounds;
* a fully specified date the page reports in the past tense is a lower bound, and so
  is the start of the latest year it speaks of in the past tense;
* a weekday given with a day ("on Sunday [December 10]") fixes the year: the page was
  written within a few weeks of one of the years in which that day is that weekday;
* a yearless day that names a landmark event ("the October 7 Operation", "since
  February 24, when the Kremlin deployed troops") is a lower bound once the landmark's
  year is known (``landmarks``: learned from the corpus or the seed table);
* stretches since such events ("the past 22 months" in a sentence about Ukraine, "two
  months of violence" in Gaza) put the page that long after them, when at least two
  such readings agree.

:func:`infer_reference` intersects the bounds, picks the weekday-pair year they allow,
and reports the interval, its precision (``day``, ``week``, ``month``, ``year`` when the
interval fits in one such period, else ``approximate``), the evidence that decided it
and a confidence. It never invents precision: an interval two months wide is not a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from chronicle.dates import (
    ANCHOR_CONFIDENCE,
    UNKNOWN,
    LandmarkDay,
    ReferenceDate,
    _as_date,
    period_bounds,
    precision_of_interval,
    stated_reference,
)
from chronicle.timex import lexicon as lx
from chronicle.timex.tense import FUTURE, PAST, detect_tense

if TYPE_CHECKING:
    from chronicle.timex.tagger import Timex

#: A weekday given with a day is said of a date this close to the page's date.
PAIR_WINDOW_DAYS = 45
#: A yearless day ("since February 24") is within this much of the page's date.
YEARLESS_HORIZON_DAYS = 366
#: Weekday-pair years considered.
PAIR_YEARS = range(1950, 2101)


@dataclass(frozen=True)
class Bound:
    """One piece of evidence: the reference date lies in [earliest, latest]."""

    source: str
    earliest: date | None = None
    latest: date | None = None
    detail: str = ""


@dataclass(frozen=True)
class WeekdayPair:
    """ "Sunday, December 10": a weekday with a yearless day, and the clause's tense."""

    weekday: int  # ISO, Monday = 1
    month: int
    day: int
    tense: str | None
    text: str

    def candidates(self) -> list[date]:
        out = []
        for y in PAIR_YEARS:
            try:
                d = date(y, self.month, self.day)
            except ValueError:
                continue
            if d.isoweekday() == self.weekday:
                out.append(d)
        return out

    def window(self, d: date) -> tuple[date, date]:
        """Where the page's date lies when the pair means ``d``: after it in past
        narration, before it in future context, either side otherwise."""
        w = timedelta(days=PAIR_WINDOW_DAYS)
        if self.tense == FUTURE:
            return d - w, d
        if self.tense is not None:
            return d, d + w
        return d - w, d + w


# ---------------------------------------------------------------- evidence from text

_WD = "|".join(sorted((w for w in lx.WEEKDAYS if len(w) > 4), key=len, reverse=True))
_MON = "|".join(
    re.escape(m) for m in sorted(lx.MONTHS, key=len, reverse=True) if len(m) > 3 or m == "may"
)
_PAIR = re.compile(
    rf"\b(?P<wd>{_WD})\b\s*[,(\[]?\s*(?:the\s+)?"
    rf"(?:(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MON}))\b"
    r"(?!,?\s*\d{4})",
    re.IGNORECASE,
)


def weekday_pairs(text: str) -> list[WeekdayPair]:
    """Weekdays given with a yearless day ("Sunday [December 10]", "Friday, 3 March")."""
    out = []
    for m in _PAIR.finditer(text):
        wd_word, mon_word = m.group("wd").lower(), (m.group("mon") or m.group("mon2")).lower()
        if mon_word == "may" and (m.group("mon") or m.group("mon2")) != "May":
            continue
        weekday = lx.WEEKDAYS.get(wd_word) or lx.WEEKDAYS.get(wd_word.rstrip("."))
        month = lx.MONTHS.get(mon_word) or lx.MONTHS.get(mon_word.rstrip("."))
        if weekday is None or month is None:
            continue
        day = int(m.group("day") or m.group("day2"))
        if not 1 <= day <= 31:
            continue
        tense = detect_tense(text, m.start(), m.end())
        out.append(WeekdayPair(int(weekday), int(month), day, tense, m.group()))
    return out


def _absolute_day(t: Timex) -> date | None:
    """A fully specified day the text itself gives (not resolved against a guess)."""
    if (
        t.type in ("DATE", "TIME")
        and t.date_start is not None
        and t.date_start == t.date_end
        and t.anchor_date is None
    ):
        return t.date_start
    return None


_YEAR_VALUE = re.compile(r"^\d{4}$")
_YEARLESS_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_YEARLESS_MONTH = re.compile(r"^XXXX-(\d\d)$")


def _landmark_month_bound(text: str, t: Timex, marks: list[LandmarkDay]) -> Bound | None:
    """ "Russia hosted a Hamas delegation in October": a yearless month, said in the
    past of a sentence that names a landmark of that month, is that month or later.
    Only when one landmark (one year) fits; the bound starts at the month's first day
    (the sentence may tell of days before the landmark's)."""
    sentence = {w.lower() for w in _WORDS.findall(_sentence_at(text, t.start, t.end))}
    fits = {lm.day: lm for lm in marks if lm.cues & sentence}
    if len(fits) != 1 or detect_tense(text, t.start, t.end) != PAST:
        return None
    lm = next(iter(fits.values()))
    return Bound(
        "landmark",
        earliest=lm.day.replace(day=1),
        latest=lm.day + timedelta(days=YEARLESS_HORIZON_DAYS),
        detail=f"{t.text} = {lm.name or lm.day.isoformat()}",
    )


_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]+")


#: "by 2050", "until 2030": a deadline, not something the page reports.
_DEADLINE_SIGNALS = frozenset({"by", "until", "till", "before", "through", "to"})
_LAST_WORD = re.compile(r"(\w+)\W*\Z")


def _word_before(text: str, start: int) -> str:
    m = _LAST_WORD.search(text, max(0, start - 20), start)
    return m.group(1).lower() if m else ""


def _sentence_at(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi_dot = text.find(".", end)
    hi_nl = text.find("\n", end)
    his = [h for h in (hi_dot, hi_nl) if h >= 0]
    return text[lo : min(his) if his else len(text)]


def text_bounds(
    text: str, timexes: Sequence[Timex], landmarks: Iterable[LandmarkDay] = ()
) -> list[Bound]:
    """Lower bounds a page's own words give: past full dates, past years, landmark days.

    ``timexes`` come from tagging ``text`` without a reference date.
    """
    bounds: list[Bound] = []
    by_day: dict[tuple[int, int], list[LandmarkDay]] = {}
    by_month: dict[int, list[LandmarkDay]] = {}
    for lm in landmarks:
        by_day.setdefault((lm.day.month, lm.day.day), []).append(lm)
        by_month.setdefault(lm.day.month, []).append(lm)
    for t in timexes:
        if detect_tense(text, t.start, t.end) == FUTURE:
            continue  # "the vote will be held on Dec. 12, 2024" says nothing of the page
        day = _absolute_day(t)
        if day is not None:
            bounds.append(Bound("latest_body_date", earliest=day, detail=t.text))
            continue
        if (
            t.type == "DATE"
            and _YEAR_VALUE.match(t.value)
            and t.mod is None
            and _word_before(text, t.start) not in _DEADLINE_SIGNALS
        ):
            bounds.append(Bound("body_year", earliest=date(int(t.value), 1, 1), detail=t.text))
            continue
        mm = _YEARLESS_MONTH.match(t.value)
        if mm and by_month:
            bound = _landmark_month_bound(text, t, by_month.get(int(mm.group(1)), []))
            if bound is not None:
                bounds.append(bound)
            continue
        m = _YEARLESS_DAY.match(t.value)
        if m and by_day:
            sentence = {w.lower() for w in _WORDS.findall(_sentence_at(text, t.start, t.end))}
            for lm in by_day.get((int(m.group(1)), int(m.group(2))), []):
                if lm.cues & sentence:
                    bounds.append(
                        Bound(
                            "landmark",
                            earliest=lm.day,
                            latest=lm.day + timedelta(days=YEARLESS_HORIZON_DAYS),
                            detail=f"{t.text} = {lm.name or lm.day.isoformat()}",
                        )
                    )
                    break
    return bounds + duration_bounds(text, timexes, landmarks)


# "the past 22 months", "two years of war", "after only two months of violence": a
# stretch that runs from a known event up to the page's time.
_SINCE_BEFORE = re.compile(
    r"(?:\b(?:past|last|after|only|for|over|first|nearly|almost)\s+)\Z", re.I
)
_SINCE_AFTER = re.compile(r"\s+of\b", re.I)
_DURATION_VALUE = re.compile(r"P(\d+)([DWMY])\Z")


def _shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by a whole number of days, weeks, months or years (end-of-month
    days clamp: January 31 + 1 month is February 28)."""
    if unit in ("D", "W"):
        return day + timedelta(days=amount * (7 if unit == "W" else 1))
    months = amount * (12 if unit == "Y" else 1)
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def duration_bounds(
    text: str, timexes: Sequence[Timex], landmarks: Iterable[LandmarkDay] = ()
) -> list[Bound]:
    """Where a stretch since a known event puts the page: "the past 22 months" in a
    sentence about Ukraine, with the invasion known to have begun on 2022-02-24, says
    the page is 22 to 23 months later.

    Each duration pairs with each landmark its sentence names (a shared cue word). A
    sentence often names two ("22 months" of Ukraine, "2 months" of Gaza): only pairs
    that agree with one another are kept (those allowing the day most pairs allow),
    and only when at least two agree.
    """
    marks = list(landmarks)
    if not marks:
        return []
    candidates: list[Bound] = []
    for t in timexes:
        m = _DURATION_VALUE.match(t.value)
        if t.type != "DURATION" or m is None or int(m.group(1)) == 0:
            continue
        if not (
            _SINCE_BEFORE.search(text, 0, t.start)
            or t.text.lower().startswith(("the past", "the last", "past", "last"))
            or _SINCE_AFTER.match(text, t.end)
        ):
            continue
        if detect_tense(text, t.start, t.end) == FUTURE:
            continue
        sentence = _sentence_at(text, t.start, t.end)
        words = {w.lower() for w in _WORDS.findall(sentence)}
        named = [lm for lm in marks if lm.cues & words]
        n, unit = int(m.group(1)), m.group(2)
        # Writers round ("the past 22 months" on a day 21.5 months on): one unit either
        # side, only below for "nearly"/"almost".
        lo_n, hi_n = (n - 1, n) if t.mod in ("LESS_THAN", "EQUAL_OR_LESS") else (n - 1, n + 1)
        for lm in named:
            bound = Bound(
                "duration_since",
                earliest=_shift(lm.day, lo_n, unit),
                latest=_shift(lm.day, hi_n, unit),
                detail=f"{t.text} since {lm.name or lm.day.isoformat()}",
            )
            candidates.append(bound)
    if not candidates:
        return []
    bounds = candidates

    def holding(day: date) -> list[Bound]:
        return [b for b in bounds if b.earliest <= day <= b.latest]  # type: ignore[operator]

    # The day most pairs allow (a wide "two years" allows much; what counts is the
    # day where the most readings meet), and the pairs that allow it.
    best = max((holding(b.earliest) for b in bounds), key=len)  # type: ignore[arg-type]
    # A lone reading is not enough: "in the past six months, Hamas delegations visited
    # Moscow" measures a window before the page, not the time since the Hamas attack.
    return best if len(best) >= 2 else []


# ---------------------------------------------------------------- combining


# How far each kind of bound can be trusted, weakest first: dropped in this order
# when the bounds contradict each other.
_TRUST = {"body_year": 0, "landmark": 1, "duration_since": 1, "latest_body_date": 2,
          "earliest_comment": 3, "fetched_at": 4}  # fmt: skip


def _consistent(bounds: list[Bound]) -> tuple[list[Bound], date | None, date | None]:
    """Drop the least trusted lower bounds until the interval is not empty."""
    kept = sorted(bounds, key=lambda b: _TRUST.get(b.source, 5), reverse=True)
    while True:
        lo_b = [b.earliest for b in kept if b.earliest is not None]
        hi_b = [b.latest for b in kept if b.latest is not None]
        lo = max(lo_b) if lo_b else None
        hi = min(hi_b) if hi_b else None
        if lo is None or hi is None or lo <= hi:
            return kept, lo, hi
        kept.pop()


def _choose_pair(
    pairs: Sequence[WeekdayPair], lo: date | None, hi: date | None
) -> tuple[date, date, date, bool] | None:
    """(pair day, window start, window end, unique) of the first weekday-pair reading at
    or after the lower bound (and before the upper one, if any). Without a lower bound
    no year is chosen: every 5 to 11 years the day falls on that weekday again."""
    if lo is None:
        return None
    best = None
    for pair in pairs:
        options = []
        for d in pair.candidates():
            w0, w1 = pair.window(d)
            a = max(w0, lo)
            b = min(w1, hi) if hi else w1
            if a <= b:
                options.append((d, a, b))
        if not options:
            continue
        candidate = (*options[0], len(options) == 1)
        # Prefer a pair the bounds fix uniquely.
        if best is None or (candidate[3] and not best[3]):
            best = candidate
    return best


def _narrated_before(text: str, upper: date | None) -> date | None:
    """The latest yearless day ("on October 22") the text narrates in the past tense,
    its year taken from ``upper``. Weekdays and deictics ("on Friday", "yesterday") count
    from the unknown reference date itself, so they say nothing here."""
    if upper is None or not text:
        return None
    from chronicle.timex.tagger import TimexConfig, tag_timexes

    days = [
        t.date_start
        for t in tag_timexes(text, upper, config=TimexConfig(narration_tense=False))
        if t.tense == PAST
        and t.type in ("DATE", "TIME")
        and t.date_start is not None
        and t.date_start == t.date_end
        and t.date_start <= upper
        and t.rule in ("date", "time_then_date")
        and "XXXX" not in t.value
    ]
    return max(days, default=None)


def _plausible(bounds: list[Bound]) -> list[Bound]:
    """A year later than every full date the page reports is a plan, not a report ("the
    referendum in 2016" on a page of May 2015): with reported days, such years go."""
    days = [b.earliest for b in bounds if b.source == "latest_body_date" and b.earliest]
    if not days:
        return bounds
    last = max(days)
    return [
        b
        for b in bounds
        if not (b.source == "body_year" and b.earliest and b.earliest.year > last.year)
    ]


def infer_reference(
    *,
    published: date | None = None,
    published_precision: str = "day",
    published_source: str = "sidecar",
    fetched_at: date | datetime | None = None,
    comment_times: Sequence[date | datetime] = (),
    text: str = "",
    timexes: Sequence[Timex] = (),
    landmarks: Iterable[LandmarkDay] = (),
    today: date | None = None,
) -> ReferenceDate:
    """Combine every piece of evidence into a :class:`ReferenceDate`."""
    upper_bounds: list[Bound] = []
    if fetched_at is not None:
        upper_bounds.append(Bound("fetched_at", latest=_as_date(fetched_at)))
    if comment_times:
        upper_bounds.append(
            Bound("earliest_comment", latest=min(_as_date(t) for t in comment_times))
        )
    if published is not None:
        return stated_reference(published, published_precision, published_source, fetched_at)
    bounds = upper_bounds + _plausible(text_bounds(text, timexes, landmarks))
    if today is not None:
        bounds.append(Bound("today", latest=today))
    kept, lo, hi = _consistent(bounds)
    pair = _choose_pair(weekday_pairs(text), lo, hi)
    real = [b for b in kept if b.source != "today"]
    if pair is not None:
        day, a, b, unique = pair
        sources = ("weekday_date", *sorted({k.source for k in real}))
        return ReferenceDate(
            min(max(day, a), b), precision_of_interval(a, b), "weekday_date", a, b,
            0.7 if unique else 0.4, sources,
        )  # fmt: skip
    if not real:
        return UNKNOWN
    lo_src = max(
        (k for k in real if k.earliest is not None and k.earliest == lo),
        key=lambda k: _TRUST.get(k.source, 5),
        default=None,
    )
    hi_src = next((k for k in real if k.latest is not None and k.latest == hi), None)
    sources = tuple(sorted({k.source for k in real}))
    if hi_src is not None and hi_src.source in ("fetched_at", "earliest_comment"):
        # An upper bound the page's own life gives: the page is a little older. Against
        # it, yearless days the page narrates in the past ("visited on October 22") get
        # their year, and the latest of them bounds the page from below.
        narrated = _narrated_before(text, hi)
        if narrated is not None and (lo is None or narrated > lo):
            lo = narrated
            real.append(Bound("latest_body_date", earliest=narrated))
            lo_src = real[-1]
        gap = (hi - lo).days if lo is not None and hi is not None else None
        conf = 0.8 if gap is not None and gap <= 7 else 0.5
        source = hi_src.source if lo_src is None else "constraints"
        return ReferenceDate(hi, precision_of_interval(lo, hi), source, lo, hi, conf, sources)
    assert lo_src is not None and lo is not None
    # Only lower bounds (and perhaps a landmark horizon): the page is at least this late.
    conf = {"latest_body_date": 0.5, "duration_since": 0.4, "landmark": 0.3}.get(lo_src.source, 0.2)
    latest = hi if hi_src is not None and hi_src.source != "today" else None
    return ReferenceDate(
        lo, precision_of_interval(lo, latest), lo_src.source, lo, latest, conf, sources
    )


def infer_reference_date(
    published: date | None,
    comment_times: list[datetime],
    body_dates: Sequence[date | datetime | Timex],
) -> tuple[date | None, str, str]:
    """Backward-compatible summary of :func:`infer_reference` for callers with dates only.

    Returns ``(date, precision, source)`` as before: ``(published, "day", "published")``;
    with comments and body dates, the earliest comment and ``"week"``/``"bounded"``;
    one bound: ``"upper_bound"``/``"lower_bound"``; nothing: ``(None, "none", "unknown")``.
    """
    if published is not None:
        return _as_date(published), "day", "published"
    upper = min((_as_date(t) for t in comment_times), default=None)
    days = []
    for x in body_dates:
        if isinstance(x, (date, datetime)):
            days.append(_as_date(x))
        else:
            d = _absolute_day(x)  # type: ignore[arg-type]
            if d is not None:
                days.append(d)
    if upper is not None:
        days = [d for d in days if d <= upper]
    lower = max(days) if days else None
    if upper is not None and lower is not None:
        gap = (upper - lower).days
        return upper, ("week" if gap <= 7 else "bounded"), "comments+body_dates"
    if upper is not None:
        return upper, "upper_bound", "earliest_comment"
    if lower is not None:
        return lower, "lower_bound", "latest_body_date"
    return None, "none", "unknown"


__all__ = [
    "ANCHOR_CONFIDENCE",
    "UNKNOWN",
    "Bound",
    "LandmarkDay",
    "ReferenceDate",
    "WeekdayPair",
    "infer_reference",
    "infer_reference_date",
    "period_bounds",
    "precision_of_interval",
    "text_bounds",
    "weekday_pairs",
]
