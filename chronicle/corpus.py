"""The corpus step: what is decided across documents, once every page has its rows.

Final entity ids for mentions, the entities table, and events with final participant
ids and clusters. A pure function of all mention, event and documents rows, used by the
build (on the assembled snapshot) and by ``chronicle extract`` (on one page's rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class CorpusTables:
    mentions: pa.Table  # with final entity ids
    entities: pa.Table
    events: pa.Table | None  # None when no events were extracted


def finalise_corpus(
    mentions: pa.Table, documents: pa.Table, events: pa.Table | None = None
) -> CorpusTables:
    """Entities across pages, then events that name them (``documents``: doc_id,
    reference_date, published_date at least)."""
    from chronicle.entities import build_entities
    from chronicle.events import finalise_events

    final_mentions, entities = build_entities(mentions, documents)
    if events is not None:
        events = finalise_events(events, mentions, final_mentions, documents, entities)
    return CorpusTables(final_mentions, entities, events)
