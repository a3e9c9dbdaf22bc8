"""Temporal expressions: TIMEX3 tagging and normalisation anchored on a reference date.

``tag_timexes(text, reference_date)`` finds dates, times, durations and sets with a
token-class grammar (``grammar.py``) and normalises them (``normalise.py``);
``infer_reference_date`` decides which date to anchor on when the publication
date is missing. See docs/timex.md.
"""

from chronicle.timex.grammar import Frame, find_candidates
from chronicle.timex.normalise import Normalised, normalise, value_interval
from chronicle.timex.refdate import infer_reference_date
from chronicle.timex.tagger import Timex, TimexConfig, tag_timexes
from chronicle.timex.tense import detect_tense
from schemas.codes import TIMEX_MODS, TIMEX_TYPES

__all__ = [
    "TIMEX_MODS",
    "TIMEX_TYPES",
    "Frame",
    "Normalised",
    "Timex",
    "TimexConfig",
    "detect_tense",
    "find_candidates",
    "infer_reference_date",
    "normalise",
    "tag_timexes",
    "value_interval",
]
