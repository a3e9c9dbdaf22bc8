"""Seed landmark events: widely known events a yearless day can name.

A page that says "Since February 24, when the Kremlin deployed troops" or "the October 7
Operation" names an event whose year every reader knows. This short, curated table is
the seed of that knowledge; pages of the corpus that date an event explicitly add to it
(``chronicle.timex.refdate.LandmarkDay``). Events use it to date a yearless expression
(``chronicle.events.landmarks``), reference-date inference to bound a page's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chronicle.timex.refdate import LandmarkDay


@dataclass(frozen=True)
class Landmark:
    name: str
    day: date
    event_types: frozenset[str]
    actor_states: frozenset[str]  # any of them among the actors (empty: any actor)
    target_states: frozenset[str]  # any of them among the targets
    cues: frozenset[str] = frozenset()  # words of a sentence that names it (lower case)


LANDMARKS: tuple[Landmark, ...] = (
    Landmark("Russian invasion of Ukraine", date(2022, 2, 24),
             frozenset({"mobilize", "fight", "assault"}), frozenset({"RU"}), frozenset({"UA"}),
             frozenset({"ukraine", "ukrainian", "kremlin", "invasion", "invaded", "troops"})),
    Landmark("Hamas-led attack on Israel", date(2023, 10, 7),
             frozenset({"assault", "fight"}), frozenset(), frozenset({"IL"}),
             frozenset({"hamas", "operation", "al-aqsa", "flood", "gaza"})),
    Landmark("September 11 attacks", date(2001, 9, 11),
             frozenset({"assault"}), frozenset(), frozenset({"US"}),
             frozenset({"attacks", "terrorist", "al-qaeda", "towers", "hijackers"})),
    Landmark("Russian annexation of Crimea", date(2014, 3, 18),
             frozenset({"fight"}), frozenset({"RU"}), frozenset({"UA"}),
             frozenset({"crimea", "annexation", "annexed"})),
)  # fmt: skip


def seed_landmark_days() -> list[LandmarkDay]:
    """The seed table as reference-date evidence: a yearless day with one of its cues."""
    return [LandmarkDay(lm.day, lm.cues, lm.name) for lm in LANDMARKS]
