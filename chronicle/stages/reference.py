"""The reference stage: publication date from the sidecar, and the page's reference date.

The reference date anchors relative time expressions (chronicle.stages.timexes, which
infers one from the page's own evidence when there is no publication date).
"""

from __future__ import annotations

from chronicle.stages.base import Page, Row, Stage

_DATE_COLUMNS = ("published_date", "published_date_precision", "published_date_source")
_REFERENCE_COLUMNS = ("reference_date", "reference_date_precision", "reference_date_source")


def apply_sidecar_metadata(pages: list[Page]) -> None:
    """Publication date from the sidecar where the page itself states none."""
    for page in pages:
        published = page.sidecar.published
        if published and page.document.get("published_date") is None:
            page.document["published_date"] = published.value
            page.document["published_date_precision"] = published.precision
            page.document["published_date_source"] = "sidecar"


def set_reference_date(pages: list[Page]) -> None:
    """Reference date = publication date when known; otherwise left null."""
    for page in pages:
        doc = page.document
        if doc.get("reference_date") is None and doc.get("published_date") is not None:
            doc["reference_date"] = doc["published_date"]
            doc["reference_date_precision"] = doc["published_date_precision"]
            doc["reference_date_source"] = doc["published_date_source"]


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
