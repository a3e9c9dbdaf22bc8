"""The NLP stage: one spaCy parse per body gives its entity mentions and its events."""

from __future__ import annotations

import threading
from functools import partial

from chronicle.stages.base import Page, Row, Stage

# spaCy pipelines are not documented as thread-safe; batches may run in two threads.
_NLP_LOCK = threading.Lock()


def tag_entities(pages: list[Page], *, events: bool = False, model: str = "") -> None:
    """Named-entity mentions of each body (and, with ``events``, its events), from one parse.

    Final entity ids are given across the corpus when the warehouse is assembled
    (chronicle.entities.build_entities, chronicle.events.finalise_events). Events use the
    page's mentions and time expressions, so this stage runs after the temporal one.
    ``model``: the spaCy pipeline (Settings.spacy_model; "" = the committed one).
    """
    # spaCy and the model load only when this stage runs.
    from chronicle.entities import mentions_from_doc
    from chronicle.events import events_from_doc
    from chronicle.nlp import load_pipeline

    if not pages:
        return
    # Docs are consumed as they are parsed: a batch's parses never sit in memory together.
    with _NLP_LOCK:
        nlp = load_pipeline(model or None)
        docs = nlp.pipe([p.document["body"] for p in pages], batch_size=16)
        for page, doc in zip(pages, docs, strict=True):
            mentions = mentions_from_doc(doc, page.doc_id)
            page.add_rows("mentions", mentions)
            if events:
                timexes = page.rows.get("timexes", [])
                page.add_rows("events", events_from_doc(doc, page.doc_id, mentions, timexes))


def nlp_stage(*, events: bool = True, model: str = "") -> Stage:
    """Mentions (and, with ``events``, events) of each page; ``model`` as in Settings."""
    return Stage(
        "nlp",
        (partial(tag_entities, events=events, model=model),),
        modules=("chronicle.stages.nlp",),
        tables=("mentions", "events") if events else ("mentions",),
        parameters=(("events", events),),
        model=model,
        resume=_nothing_to_forget,
    )


def _nothing_to_forget(document: Row) -> None:
    """The NLP stage writes no documents column."""
