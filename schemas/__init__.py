"""One pandera model per table: the single source of truth for Parquet schemas and docs.

``TABLES`` lists every table of the warehouse in publication order.
"""

from schemas._base import TableSpec
from schemas.comments import Comments
from schemas.documents import Documents
from schemas.entities import Entities
from schemas.events import Events
from schemas.mentions import Mentions
from schemas.rejects import Rejects
from schemas.runs import Runs
from schemas.segments import Segments
from schemas.timexes import Timexes

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("documents", Documents, key=("doc_id",), scope="document"),
        TableSpec(
            "segments",
            Segments,
            key=("doc_id", "line_no"),
            scope="document",
            parents={"doc_id": "documents.doc_id"},
        ),
        TableSpec(
            "comments",
            Comments,
            key=("doc_id", "position"),
            scope="document",
            parents={"doc_id": "documents.doc_id"},
        ),
        TableSpec(
            "timexes",
            Timexes,
            key=("doc_id", "start"),
            scope="document",
            parents={"doc_id": "documents.doc_id"},
        ),
        TableSpec(
            "mentions",
            Mentions,
            key=("doc_id", "start", "end"),
            scope="document",
            parents={"doc_id": "documents.doc_id", "entity_id": "entities.entity_id"},
        ),
        TableSpec("entities", Entities, key=("entity_id",), scope="corpus"),
        TableSpec(
            "events",
            Events,
            key=("event_id",),
            scope="document",
            parents={
                "doc_id": "documents.doc_id",
                "actor_ids": "entities.entity_id",
                "target_ids": "entities.entity_id",
                "location_id": "entities.entity_id",
                "reported_by": "entities.entity_id",
            },
        ),
        TableSpec("rejects", Rejects, key=("source_path",), scope="source"),
        TableSpec("runs", Runs, key=("run_id",), scope="log"),
    )
}

from schemas.views import ANALYSIS_VIEWS  # noqa: E402  (SQL views over the tables)

__all__ = ["ANALYSIS_VIEWS", "TABLES", "TableSpec"]
