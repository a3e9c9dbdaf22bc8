"""The rejects table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Str
from schemas.codes import REJECT_REASONS
from schemas.documents import SHA256


class Rejects(pa.DataFrameModel):
    """One row per raw file that could not be used as it is. Key: ``source_path``.

    Pages land here instead of in documents; a sidecar with problems lands here
    while its page is still ingested with the sidecar's valid fields.
    """

    source_path: Series[Str] = pa.Field(
        unique=True,
        description="path of the file (or of a folder that cannot be listed), relative to the "
        "raw root, written as documents.source_path",
    )
    content_sha256: Series[Str] = pa.Field(
        nullable=True, str_matches=SHA256, description="SHA-256 of the bytes (null if unreadable)"
    )
    reason: Series[Str] = pa.Field(isin=list(REJECT_REASONS), description="reason code")
    detail: Series[Str] = pa.Field(description="what exactly was wrong, for a person")
    related_path: Series[Str] = pa.Field(
        nullable=True, description="the kept original of a duplicate, or the page of a sidecar"
    )
    run_id: Series[Str] = pa.Field(description="run that produced this row")

    class Config:
        strict = True
        ordered = True
