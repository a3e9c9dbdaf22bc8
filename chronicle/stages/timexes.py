"""The timexes stage: TIMEX3 expressions of each body, anchored on the reference date."""

from __future__ import annotations

from chronicle.stages.base import Page, Row, Stage
from chronicle.timex import infer_reference_date, tag_timexes

# infer_reference_date's precision -> (documents.reference_date_precision, source)
_INFERRED_REFERENCE = {
    ("week", "comments+body_dates"): ("week", "comments_and_body_dates"),
    ("bounded", "comments+body_dates"): ("approximate", "comments_and_body_dates"),
    ("upper_bound", "earliest_comment"): ("approximate", "earliest_comment"),
    ("lower_bound", "latest_body_date"): ("approximate", "latest_body_date"),
}
# Relative expressions are only resolved against a reference date known to the week.
_ANCHORING_PRECISIONS = {"day", "week", "approximate"}


def tag_time_expressions(pages: list[Page]) -> None:
    """TIMEX3 expressions in each body, anchored on the reference date.

    Without a publication date the reference date is inferred from the page's own
    evidence (comment times bound it from above, full dates in the body from below)
    and recorded as such; without evidence it stays null and relative expressions
    keep underspecified values.
    """
    for page in pages:
        doc = page.document
        body = doc["body"]
        if doc["reference_date"] is None:
            comment_times = [
                c["posted_at"] for c in page.rows.get("comments", []) if c["posted_at"] is not None
            ]
            reference, precision, source = infer_reference_date(
                None, comment_times, tag_timexes(body)
            )
            if reference is not None:
                precision, source = _INFERRED_REFERENCE[(precision, source)]
                doc["reference_date"] = reference
                doc["reference_date_precision"] = precision
                doc["reference_date_source"] = source
        anchor = (
            doc["reference_date"]
            if doc["reference_date_precision"] in _ANCHORING_PRECISIONS
            else None
        )
        page.add_rows(
            "timexes",
            [
                {
                    "doc_id": page.doc_id,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "mod": t.mod,
                    "anchor_date": t.anchor_date,
                    "date_start": t.date_start,
                    "date_end": t.date_end,
                }
                for t in tag_timexes(body, anchor)
            ],
        )


def forget_inferred_reference_date(document: Row) -> None:
    """A published row as the reference stage left it (to redo this stage on)."""
    inferred = {source for _, source in _INFERRED_REFERENCE.values()}
    if document.get("reference_date_source") in inferred:
        for column in ("reference_date", "reference_date_precision", "reference_date_source"):
            document[column] = None


def timexes_stage() -> Stage:
    return Stage(
        "timexes",
        (tag_time_expressions,),
        modules=("chronicle.stages.timexes",),
        tables=("timexes",),
        resume=forget_inferred_reference_date,
    )
