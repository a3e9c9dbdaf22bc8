"""Reference dates as data: the interval a page's date lies in, and a stated date's.

Plain data and calendar arithmetic, with no imports of the pipeline, so the reference
stage, the corpus step and the landmark learner can use them without depending on the
temporal tagger (chronicle.timex.refdate infers reference dates from text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class LandmarkDay:
    """A dated event a yearless day may name, with the words that show it does."""

    day: date
    cues: frozenset[str]  # lower-cased words; one must be in the mention's sentence
    name: str = ""


@dataclass(frozen=True)
class ReferenceDate:
    """The inferred reference date, the interval it is known to lie in, and why."""

    date: date | None
    precision: str | None  # day, week, month, year, approximate; None when unknown
    source: str | None
    earliest: date | None
    latest: date | None
    confidence: float
    evidence: tuple[str, ...] = field(default_factory=tuple)

    @property
    def anchors(self) -> bool:
        """Whether relative expressions may be resolved against ``date``."""
        return self.date is not None and self.confidence >= ANCHOR_CONFIDENCE


#: Relative expressions are resolved only against a date known at least this well.
ANCHOR_CONFIDENCE = 0.5

UNKNOWN = ReferenceDate(None, None, None, None, None, 0.0)


def _as_date(x: date | datetime) -> date:
    return x.date() if isinstance(x, datetime) else x


def period_bounds(day: date, precision: str) -> tuple[date, date]:
    """First and last day of the ``precision`` period that starts at ``day``."""
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return date(day.year, day.month, 1), nxt - timedelta(days=1)
    return day, day


def precision_of_interval(earliest: date | None, latest: date | None) -> str:
    """The calendar precision an interval amounts to; never finer than it is."""
    if earliest is None or latest is None:
        return "approximate"
    if earliest == latest:
        return "day"
    if (latest - earliest).days <= 6:
        return "week"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return "month"
    if earliest.year == latest.year:
        return "year"
    return "approximate"


def stated_reference(
    published: date | datetime,
    precision: str = "day",
    source: str = "sidecar",
    fetched_at: date | datetime | None = None,
) -> ReferenceDate:
    """The reference date a page states (sidecar, dateline, byline), to its precision:
    the interval is the stated period (cut at the fetch time); a month's first day is no
    day to count relative expressions from (confidence 0.4; a year 0.2)."""
    day = _as_date(published)
    p0, p1 = period_bounds(day, precision)
    hi = min(p1, _as_date(fetched_at)) if fetched_at is not None else p1
    confidence = {"day": 1.0, "month": 0.4}.get(precision, 0.2)
    return ReferenceDate(day, precision, source, p0, max(p0, hi), confidence, (source,))
