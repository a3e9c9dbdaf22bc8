"""The runs table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Float, Int, Str, Timestamp
from schemas.codes import RUN_STATUSES


class Runs(pa.DataFrameModel):
    """One row per published run of the build. Key: ``run_id``.

    File counts compare the raw folder with the previous published warehouse;
    ``rejected_by_reason`` and ``table_rows`` are JSON objects.
    """

    run_id: Series[Str] = pa.Field(unique=True, description="UTC start time plus a random suffix")
    started_at: Series[Timestamp] = pa.Field()
    finished_at: Series[Timestamp] = pa.Field()
    duration_s: Series[Float] = pa.Field(ge=0)
    status: Series[Str] = pa.Field(isin=list(RUN_STATUSES))
    files_seen: Series[Int] = pa.Field(ge=0, description="raw files found, sidecars included")
    files_new: Series[Int] = pa.Field(ge=0)
    files_changed: Series[Int] = pa.Field(
        ge=0, description="content, sidecar or duplicate status changed"
    )
    files_unchanged: Series[Int] = pa.Field(ge=0)
    files_removed: Series[Int] = pa.Field(ge=0)
    files_rejected: Series[Int] = pa.Field(ge=0, description="rows in rejects after this run")
    rejected_by_reason: Series[Str] = pa.Field(description="JSON: reason -> rows in rejects")
    table_rows: Series[Str] = pa.Field(description="JSON: table -> rows after this run")
    full_rebuild: Series[Str] = pa.Field(
        nullable=True, description="why every file was reprocessed, if it was"
    )
    code_version: Series[Str] = pa.Field(description="package version + pipeline fingerprint")
    parameters: Series[Str] = pa.Field(description="JSON: the settings of the run")
    model: Series[Str] = pa.Field(
        nullable=True, description="spaCy pipeline name and version (null: no entity stage)"
    )
    stage_seconds: Series[Str] = pa.Field(
        nullable=True,
        description="JSON: step or stage -> seconds (stages summed over batches and workers; "
        "null for runs before it was recorded)",
    )

    class Config:
        strict = True
        ordered = True
