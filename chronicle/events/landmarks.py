"""Landmark events: the year of a widely known event that a page dates without one.

A page with no publication date that says "Since February 24, when the Kremlin deployed
troops into Ukraine" gives the temporal tagger only ``XXXX-02-24``. A reader knows the
year from the event itself. This short, curated list does the same for a handful of
events whose month and day alone name them in news; it applies only when the governing
expression has a month and day but no year, and the event's type and participants'
states match. Such dates say ``date_basis = 'landmark'`` so users can leave them out.
"""

from __future__ import annotations

import re
from datetime import date

from chronicle.landmarks import LANDMARKS

_MONTH_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")


def landmark_date(
    value: str, event_type: str, actor_states: list[str], target_states: list[str]
) -> date | None:
    """The landmark's date when ``value`` is a yearless day that names it, else None."""
    match = _MONTH_DAY.match(value)
    if match is None:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    for landmark in LANDMARKS:
        if (
            (landmark.day.month, landmark.day.day) == (month, day)
            and event_type in landmark.event_types
            and (not landmark.actor_states or landmark.actor_states & set(actor_states))
            and landmark.target_states & set(target_states)
        ):
            return landmark.day
    return None
