"""The timexes stage: TIMEX3 expressions of each body, anchored on the reference date."""

from __future__ import annotations

from chronicle.dates import ANCHOR_CONFIDENCE
from chronicle.landmarks import landmark_days, seed_landmark_days
from chronicle.stages.base import Page, Row, Stage
from chronicle.stages.reference import record_reference
from chronicle.timex import tag_timexes
from chronicle.timex.refdate import infer_reference

#: documents.reference_date_source values this stage infers (the rest come from the page's
#: own statement or the user, in the reference stage).
INFERRED_SOURCES = frozenset(
    {"fetched_at", "earliest_comment", "latest_body_date", "body_year", "landmark",
     "duration_since", "weekday_date", "constraints"}
)  # fmt: skip


def tag_time_expressions(pages: list[Page]) -> None:
    """TIMEX3 expressions in each body, anchored on the reference date.

    Without a publication date the reference date is inferred from the page's evidence
    (``chronicle.timex.refdate``: fetch and comment times bound it from above, reported
    dates, weekday-day pairs and landmark days from below; landmarks from the seed table
    and from the corpus, ``Page.landmarks``) and recorded with its interval, precision,
    source and confidence. Relative expressions are resolved only against a reference
    date known well enough (confidence >= 0.5); otherwise they keep underspecified
    values.
    """
    for page in pages:
        doc = page.document
        body = doc["body"]
        if doc["reference_date"] is None:
            comment_times = [
                c["posted_at"] for c in page.rows.get("comments", []) if c["posted_at"] is not None
            ]
            ref = infer_reference(
                fetched_at=doc.get("fetched_at"),
                comment_times=comment_times,
                text=body,
                timexes=tag_timexes(body),
                landmarks=[*seed_landmark_days(), *landmark_days(page.landmarks)],
            )
            record_reference(doc, ref)
        confidence = doc.get("reference_date_confidence")
        anchor = (
            doc["reference_date"] if confidence is None or confidence >= ANCHOR_CONFIDENCE else None
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
    if document.get("reference_date_source") in INFERRED_SOURCES:
        for column in (
            "reference_date", "reference_date_precision", "reference_date_source",
            "reference_date_earliest", "reference_date_latest", "reference_date_confidence",
        ):  # fmt: skip
            document[column] = None


def timexes_stage() -> Stage:
    return Stage(
        "timexes",
        (tag_time_expressions,),
        modules=("chronicle.stages.timexes",),
        tables=("timexes",),
        resume=forget_inferred_reference_date,
    )
