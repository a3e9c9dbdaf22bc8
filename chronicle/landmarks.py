"""Landmarks: days whose year a yearless mention can borrow.

A page that says "Since February 24, when the Kremlin deployed troops" or "the October 7
Operation" names an event whose year a reader knows. A short, curated seed table
(``LANDMARKS``) starts that knowledge; pages of the corpus that state a day with its
year add to it (:class:`CorpusLandmarks`, learned while planning a build). The events
rules (chronicle.events.landmarks) and reference-date inference (chronicle.timex.refdate,
as :class:`chronicle.dates.LandmarkDay`) use them. No imports of the pipeline: the
planner runs this on every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from chronicle.dates import LandmarkDay


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


# ---------------------------------------------------------------- learned from the corpus

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<mon>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH_NAMES})\.?)\b"
    r"(?P<year>,?\s+\d{4}\b)?"
)
_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]{2,}")
_NOT_CUES = frozenset(
    "the this that these those in on at of for from since after before during when while "
    "and but or as by with its his her their our january february march april may june "
    "july august september october november december monday tuesday wednesday thursday "
    "friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


@dataclass(frozen=True)
class PageDates:
    """Days a page names: stated with their year (and the names around them), and
    yearless (with the names around them) — the corpus evidence for landmarks."""

    stated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (ISO day, cues)
    yearless: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ("MM-DD", cues)


def _sentence_cues(text: str, start: int, end: int) -> tuple[str, ...]:
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    sentence = text[lo : min(stops) if stops else len(text)]
    return tuple(sorted({w.lower() for w in _NAME.findall(sentence)} - _NOT_CUES))


def page_dates(text: str) -> PageDates:
    """The days ``text`` names, stated or yearless, each with the names of its sentence."""
    stated, yearless = set(), set()
    for m in _DAY_MONTH.finditer(text):
        month_word = (m.group("mon") or m.group("mon2")).lower()
        if month_word == "may" and "May" not in m.group():
            continue
        month, day = _MONTH_NUMBER[month_word], int(m.group("day") or m.group("day2"))
        cues = _sentence_cues(text, m.start(), m.end())
        if not cues:
            continue
        if m.group("year"):
            try:
                stated.add((date(int(m.group("year")[-4:]), month, day).isoformat(), cues))
            except ValueError:
                continue
        elif 1 <= day <= 31:
            yearless.add((f"{month:02d}-{day:02d}", cues))
    return PageDates(tuple(sorted(stated)), tuple(sorted(yearless)))


@dataclass
class CorpusLandmarks:
    """Days the corpus states with their year, and the names said around them.

    A page's yearless day names one of them when its sentence shares a name with the
    sentences that state it ("the October 7 Operation by Hamas" and "Hamas attacked on
    October 7, 2023"); when two years share as many names, neither is used.
    """

    cues: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # MM-DD -> day -> cues

    @classmethod
    def build(cls, pages: Iterable[PageDates]) -> CorpusLandmarks:
        learned = cls()
        for page in pages:
            for day, cues in page.stated:
                learned.cues.setdefault(day[5:], {}).setdefault(day, set()).update(cues)
        return learned

    def for_page(self, page: PageDates) -> tuple[str, ...]:
        """The landmarks a page's yearless days name, as ``"YYYY-MM-DD|cue,cue"``."""
        out = set()
        for month_day, cues in page.yearless:
            scored = sorted(
                ((len(known & set(cues)), day, known & set(cues))
                 for day, known in self.cues.get(month_day, {}).items()),
                reverse=True,
            )  # fmt: skip
            if not scored or scored[0][0] == 0:
                continue
            if len(scored) > 1 and scored[1][0] == scored[0][0]:
                continue  # two years fit as well: the day does not say which
            _, day, shared = scored[0]
            out.add(f"{day}|{','.join(sorted(shared))}")
        return tuple(sorted(out))


def landmark_days(encoded: Iterable[str]) -> list[LandmarkDay]:
    """``CorpusLandmarks.for_page`` strings back as evidence for reference dates."""
    days = []
    for item in encoded:
        day, _, cues = item.partition("|")
        days.append(LandmarkDay(date.fromisoformat(day), frozenset(cues.split(",")), "corpus"))
    return days
