"""Reference-date inference for documents whose publication date is unknown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronicle.timex.tagger import Timex


def _as_day(x: object) -> date | None:
    """A fully specified day from a date, datetime or absolute day-precision Timex."""
    if isinstance(x, datetime):
        return x.date()
    if isinstance(x, date):
        return x
    start = getattr(x, "date_start", None)
    # Only absolute dates count: a relative one was resolved against a guess.
    absolute_day = (
        start is not None
        and start == getattr(x, "date_end", None)
        and getattr(x, "anchor_date", None) is None
        and getattr(x, "type", "DATE") in ("DATE", "TIME")
    )
    return start if absolute_day else None


def infer_reference_date(
    published: date | None,
    comment_times: list[datetime],
    body_dates: Sequence[date | datetime | Timex],
) -> tuple[date | None, str, str]:
    """Pick the date to anchor relative expressions on, and say how it was chosen.

    Returns ``(date, precision, source)``:

    * the publication date when known: precision ``"day"``, source ``"published"``;
    * otherwise evidence bounds it: readers comment after publication, so the
      earliest comment timestamp is an upper bound; an article cannot report a
      fully specified date later than its own (future announcements aside), so the
      latest such date in the body is a lower bound. With both bounds the upper
      one is used when they are within a week (precision ``"week"``), else
      ``"bounded"``; with one bound only, that bound is used with precision
      ``"upper_bound"`` / ``"lower_bound"``;
    * no evidence: ``(None, "none", "unknown")``, never a guess.

    ``body_dates`` holds dates found in the article: dates, datetimes (reduced to
    their date) or the ``Timex`` list from ``tag_timexes(body)``, of which only
    absolute day-precision ones count ("Oct. 22, 2021", not "Friday"). A body date after the
    earliest comment is inconsistent with it (a forward-looking mention) and is
    ignored.
    """
    if published is not None:
        if isinstance(published, datetime):
            published = published.date()
        return published, "day", "published"
    upper = (
        min((t.date() if isinstance(t, datetime) else t) for t in comment_times)
        if comment_times
        else None
    )
    days = [d for d in (_as_day(x) for x in body_dates) if d is not None]
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
