"""The comments table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Int, Str, Timestamp
from schemas.documents import DOC_ID


class Comments(pa.DataFrameModel):
    """One row per reader comment on an accepted page. Key: (``doc_id``, ``position``).

    Comments are kept out of ``documents.body``; their lines are labelled ``comment``
    in segments.
    """

    doc_id: Series[Str] = pa.Field(str_matches=DOC_ID, description="the page (documents.doc_id)")
    position: Series[Int] = pa.Field(ge=1, description="1-based order of the comment on the page")
    author: Series[Str] = pa.Field(nullable=True, description="name the commenter gave")
    posted_at: Series[Timestamp] = pa.Field(
        nullable=True, description="time the page shows for the comment (as written, taken as UTC)"
    )
    text: Series[Str] = pa.Field(str_length={"min_value": 1}, description="the comment text")

    class Config:
        strict = True
        ordered = True
        unique = ["doc_id", "position"]
