"""The segments table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Int, Str
from schemas.codes import SEGMENT_LABELS
from schemas.documents import DOC_ID


class Segments(pa.DataFrameModel):
    """One row per non-empty line of an accepted raw page. Key: (``doc_id``, ``line_no``).

    Every line is kept with its label and the reason for it, so each removal
    from ``documents.body`` can be audited.
    """

    doc_id: Series[Str] = pa.Field(
        str_matches=DOC_ID, description="the document (documents.doc_id)"
    )
    line_no: Series[Int] = pa.Field(
        ge=1,
        description="1-based line number in the decoded raw file "
        "(HTML input: in the text extracted from it)",
    )
    text: Series[Str] = pa.Field(str_length={"min_value": 1}, description="the line, stripped")
    label: Series[Str] = pa.Field(isin=list(SEGMENT_LABELS), description="what the line is")
    reason: Series[Str] = pa.Field(
        str_length={"min_value": 1},
        description="code of the rule or model decision behind the label",
    )

    class Config:
        strict = True
        ordered = True
        unique = ["doc_id", "line_no"]
