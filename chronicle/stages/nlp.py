"""The NLP stage: one spaCy parse per body gives its entity mentions and its events."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from chronicle.stages.base import Page, Row, Stage

logger = logging.getLogger(__name__)
# spaCy pipelines are not documented as thread-safe; batches may run in two threads.
_NLP_LOCK = threading.Lock()
#: Texts per nlp.pipe minibatch: the parser batches its work across documents.
PIPE_BATCH_SIZE = 16


@dataclass(frozen=True)
class ParseCacheSettings:
    """Where parses are cached and how much disk they may take (Settings.parse_cache*)."""

    folder: Path
    max_mb: int


def tag_entities(
    pages: list[Page],
    *,
    events: bool = False,
    model: str = "",
    parse_cache: ParseCacheSettings | None = None,
) -> None:
    """Named-entity mentions of each body (and, with ``events``, its events), from one parse.

    Final entity ids are given across the corpus when the warehouse is assembled
    (chronicle.entities.build_entities, chronicle.events.finalise_events). Events use the
    page's mentions and time expressions, so this stage runs after the temporal one.
    ``model``: the spaCy pipeline (Settings.spacy_model; "" = the committed one).
    ``parse_cache``: read and keep parses there (chronicle.nlp.parse_cache); it changes
    how fast the stage runs, never what it outputs.
    """
    # spaCy and the model load only when this stage runs.
    from chronicle.entities import mentions_from_doc
    from chronicle.events import events_from_doc
    from chronicle.nlp import load_pipeline
    from chronicle.nlp.parse_cache import open_cache, parse_with_cache

    if not pages:
        return
    # Docs are consumed as they are parsed: a batch's parses never sit in memory together.
    with _NLP_LOCK:
        nlp = load_pipeline(model or None)
        cache = (
            None
            if parse_cache is None
            else open_cache(parse_cache.folder, model, parse_cache.max_mb * 1024 * 1024)
        )
        hits, misses = (cache.hits, cache.misses) if cache else (0, 0)
        # Bodies of any length: long ones are parsed in pieces (spaCy's max_length).
        bodies = [p.document["body"] for p in pages]
        docs = parse_with_cache(nlp, bodies, cache, batch_size=PIPE_BATCH_SIZE)
        for page, doc in zip(pages, docs, strict=True):
            mentions = mentions_from_doc(doc, page.doc_id)
            page.add_rows("mentions", mentions)
            if events:
                timexes = page.rows.get("timexes", [])
                page.add_rows("events", events_from_doc(doc, page.doc_id, mentions, timexes))
        if cache is not None:
            logger.info(
                "parse cache: %d parse(s) read, %d parsed",
                cache.hits - hits,
                cache.misses - misses,
            )


def nlp_stage(
    *, events: bool = True, model: str = "", parse_cache: ParseCacheSettings | None = None
) -> Stage:
    """Mentions (and, with ``events``, events) of each page; ``model`` as in Settings.

    ``parse_cache`` is no parameter of the stage's output (so in no fingerprint).
    """
    return Stage(
        "nlp",
        (partial(tag_entities, events=events, model=model, parse_cache=parse_cache),),
        modules=("chronicle.stages.nlp",),
        tables=("mentions", "events") if events else ("mentions",),
        parameters=(("events", events),),
        model=model,
        resume=_nothing_to_forget,
    )


def _nothing_to_forget(document: Row) -> None:
    """The NLP stage writes no documents column."""
