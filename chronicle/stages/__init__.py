"""The stages of a build, in order, from one list (one module per stage).

decode (chronicle.stages.run) -> articles | lines -> reference -> timexes -> nlp.
Decoding and validation always run; the optional stages are chosen in Settings.stages.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicle.boilerplate import SiteLineStats
from chronicle.config import OPTIONAL_STAGES
from chronicle.stages.articles import articles_stage, lines_stage
from chronicle.stages.base import Page, Row, Stage, StageFailed, step_name
from chronicle.stages.nlp import ParseCacheSettings, nlp_stage
from chronicle.stages.reference import reference_stage
from chronicle.stages.timexes import timexes_stage

__all__ = [
    "OPTIONAL_STAGES",
    "Page",
    "ParseCacheSettings",
    "Row",
    "Stage",
    "StageFailed",
    "default_stages",
    "step_name",
]


def default_stages(
    *,
    clean: bool = True,
    site_stats: SiteLineStats | None = None,
    enabled: Sequence[str] = OPTIONAL_STAGES,
    spacy_model: str = "",
    parse_cache: ParseCacheSettings | None = None,
) -> list[Stage]:
    """The stages of a build, in order (``parse_cache``: see chronicle.nlp.parse_cache)."""
    unknown = set(enabled) - set(OPTIONAL_STAGES)
    if unknown:
        raise ValueError(f"unknown stages {sorted(unknown)}; choose from {OPTIONAL_STAGES}")
    if "events" in enabled and "entities" not in enabled:
        raise ValueError("the events stage needs the entities stage (its participants)")
    stages = [
        articles_stage(clean=clean, site_stats=site_stats)
        if "articles" in enabled
        else lines_stage(clean=clean),
        reference_stage(),
    ]
    if "timexes" in enabled:
        stages.append(timexes_stage())  # indexes the final body
    if "entities" in enabled:
        stages.append(
            nlp_stage(events="events" in enabled, model=spacy_model, parse_cache=parse_cache)
        )
    return stages
