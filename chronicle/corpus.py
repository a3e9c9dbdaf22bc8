"""The corpus step: what is decided across documents, once every page has its rows.

Final entity ids for mentions, the entities table, and events with final participant
ids and clusters. A pure function of all mention, event and documents rows, used by the
build (on the assembled snapshot) and by ``chronicle extract`` (on one page's rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from chronicle.dates import ANCHOR_CONFIDENCE

#: The documents columns the corpus step reads.
CORPUS_DOCUMENT_COLUMNS = (
    "doc_id", "reference_date", "published_date", "reference_date_confidence",
    "reference_date_precision",
)  # fmt: skip


@dataclass(frozen=True)
class CorpusTables:
    mentions: pa.Table  # with final entity ids
    entities: pa.Table
    events: pa.Table | None  # None when no events were extracted


def firm_reference_dates(documents: pa.Table) -> pa.Table:
    """``doc_id``, ``published_date`` and the reference dates firm enough to order pages by
    (confidence >= 0.5 or a stated month); a mere bound ("at least 2016") becomes null, so
    it cannot make an entity's first sighting or a cluster's first report."""
    if "reference_date_confidence" not in documents.column_names:
        return documents
    firm = pc.or_kleene(
        pc.fill_null(pc.greater_equal(documents["reference_date_confidence"], ANCHOR_CONFIDENCE),
                     False),
        pc.fill_null(pc.equal(documents["reference_date_precision"], "month"), False),
    )  # fmt: skip
    reference = pc.if_else(firm, documents["reference_date"], pa.scalar(None, pa.date32()))
    return pa.table(
        {
            "doc_id": documents["doc_id"],
            "reference_date": reference,
            "published_date": documents["published_date"],
        }
    )


def finalise_corpus(
    mentions: pa.Table, documents: pa.Table, events: pa.Table | None = None
) -> CorpusTables:
    """Entities across pages, then events that name them (``documents``: doc_id,
    reference_date, published_date at least; with reference_date_confidence and
    reference_date_precision, only firm reference dates order pages)."""
    from chronicle.entities import build_entities
    from chronicle.events import finalise_events

    documents = firm_reference_dates(documents)
    final_mentions, entities = build_entities(mentions, documents)
    if events is not None:
        events = finalise_events(events, mentions, final_mentions, documents, entities)
    return CorpusTables(final_mentions, entities, events)
