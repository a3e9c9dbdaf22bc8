"""The reference stage: publication date from the sidecar, and the page's reference date.

The reference date anchors relative time expressions (chronicle.stages.timexes, which
infers one from the page's own evidence when there is no publication date).
"""

from __future__ import annotations

from chronicle.dates import ReferenceDate, stated_reference
from chronicle.stages.base import Page, Row, Stage

_DATE_COLUMNS = ("published_date", "published_date_precision", "published_date_source")
_REFERENCE_COLUMNS = (
    "reference_date", "reference_date_precision", "reference_date_source",
    "reference_date_earliest", "reference_date_latest", "reference_date_confidence",
)  # fmt: skip


def apply_sidecar_metadata(pages: list[Page]) -> None:
    """Publication date from the sidecar where the page itself states none."""
    for page in pages:
        published = page.sidecar.published
        if published and page.document.get("published_date") is None:
            page.document["published_date"] = published.value
            page.document["published_date_precision"] = published.precision
            page.document["published_date_source"] = "sidecar"


def set_reference_date(pages: list[Page]) -> None:
    """Reference date = publication date when known (to its precision, bounded by the
    fetch time); else left to the timexes stage, which infers it from the page's
    evidence."""
    for page in pages:
        doc = page.document
        if doc.get("reference_date") is None and doc.get("published_date") is not None:
            ref = stated_reference(
                doc["published_date"],
                doc["published_date_precision"],
                doc["published_date_source"],
                doc.get("fetched_at"),
            )
            record_reference(doc, ref)


def record_reference(doc: Row, ref: ReferenceDate) -> None:
    """Write a :class:`ReferenceDate` into the documents row."""
    doc["reference_date"] = ref.date
    doc["reference_date_precision"] = ref.precision
    doc["reference_date_source"] = ref.source
    doc["reference_date_earliest"] = ref.earliest
    doc["reference_date_latest"] = ref.latest
    doc["reference_date_confidence"] = ref.confidence if ref.date is not None else None


def forget_sidecar_and_reference_dates(document: Row) -> None:
    """A published row as the articles stage left it (to redo this stage on)."""
    if document.get("published_date_source") == "sidecar":
        document.update(dict.fromkeys(_DATE_COLUMNS))
    document.update(dict.fromkeys(_REFERENCE_COLUMNS))


def reference_stage() -> Stage:
    return Stage(
        "reference",
        (apply_sidecar_metadata, set_reference_date),
        modules=("chronicle.stages.reference",),
        resume=forget_sidecar_and_reference_dates,
    )
