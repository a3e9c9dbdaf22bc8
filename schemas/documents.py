"""The documents table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Date, Float, Int, Str, StrList, Timestamp
from schemas.codes import DATE_PRECISIONS, DATE_SOURCES, REFERENCE_DATE_PRECISIONS

SHA256 = r"^[0-9a-f]{64}$"
DOC_ID = r"^[0-9a-f]{16}$"


class Documents(pa.DataFrameModel):
    """One row per accepted raw page. Key: ``doc_id``.

    ``doc_id`` is the first 16 hex digits of the SHA-256 of the raw bytes, so it is
    stable across runs and machines and changes when the page's bytes change.
    Columns of stages that have not run stay null; nothing is invented.
    """

    doc_id: Series[Str] = pa.Field(
        unique=True,
        str_matches=DOC_ID,
        description="stable id: sha256 of the raw bytes, 16 hex digits",
    )
    source_path: Series[Str] = pa.Field(
        unique=True, description="path of the raw file, relative to the raw root"
    )
    content_sha256: Series[Str] = pa.Field(
        str_matches=SHA256, description="SHA-256 of the raw bytes"
    )
    sidecar_path: Series[Str] = pa.Field(
        nullable=True, description="the <name>.meta.json sidecar read, if any"
    )
    sidecar_sha256: Series[Str] = pa.Field(
        nullable=True, str_matches=SHA256, description="SHA-256 of the sidecar bytes"
    )
    metadata_issues: Series[StrList] = pa.Field(
        description="problems found in the sidecar (the valid fields are still used)"
    )
    site: Series[Str] = pa.Field(
        nullable=True,
        description="site: sidecar 'site', else the first raw sub-folder, else the URL host",
    )
    url: Series[Str] = pa.Field(nullable=True, description="page URL from the sidecar")
    fetched_at: Series[Timestamp] = pa.Field(
        nullable=True, description="when the scraper fetched the page (UTC)"
    )
    encoding: Series[Str] = pa.Field(description="detected encoding of the raw bytes")
    repairs: Series[StrList] = pa.Field(
        description="repairs applied while decoding (bom_removed, mojibake_fixed, "
        "text_fixed, newlines_normalised, control_chars_removed, unicode_normalised)"
    )
    title: Series[Str] = pa.Field(nullable=True, description="article headline")
    authors: Series[StrList] = pa.Field(nullable=True, description="person names of the authors")
    section: Series[Str] = pa.Field(nullable=True, description="site section or category")
    published_date: Series[Date] = pa.Field(
        nullable=True,
        description="publication date (first day of the period when precision is month or year)",
    )
    published_date_precision: Series[Str] = pa.Field(nullable=True, isin=list(DATE_PRECISIONS))
    published_date_source: Series[Str] = pa.Field(nullable=True, isin=list(DATE_SOURCES))
    reference_date: Series[Date] = pa.Field(
        nullable=True,
        description="date relative time expressions are resolved against: the publication "
        "date, else the best date the page's evidence allows (inside the interval below)",
    )
    reference_date_precision: Series[Str] = pa.Field(
        nullable=True,
        isin=list(REFERENCE_DATE_PRECISIONS),
        description="how exactly reference_date is known: the period the interval fits in",
    )
    reference_date_source: Series[Str] = pa.Field(
        nullable=True,
        isin=list(DATE_SOURCES),
        description="the evidence that decided reference_date",
    )
    reference_date_earliest: Series[Date] = pa.Field(
        nullable=True, description="first day the reference date can be (null: unbounded)"
    )
    reference_date_latest: Series[Date] = pa.Field(
        nullable=True, description="last day the reference date can be (null: unbounded)"
    )
    reference_date_confidence: Series[Float] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="heuristic confidence in reference_date (1: a stated day; relative expressions "
        "are resolved against it only from 0.5)",
    )
    line_count: Series[Int] = pa.Field(ge=0, description="non-empty lines in the decoded page")
    body: Series[Str] = pa.Field(
        description="clean article text; later tables index it by character offset"
    )
    body_chars: Series[Int] = pa.Field(ge=0, description="length of body in characters")
    run_id: Series[Str] = pa.Field(description="run that produced this row")

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check(description="published date fields are all set or all null")
    def published_date_fields_agree(cls, df):
        has_date = df["published_date"].notna()
        return (has_date == df["published_date_precision"].notna()) & (
            has_date == df["published_date_source"].notna()
        )

    @pa.dataframe_check(description="reference_date lies in its interval")
    def reference_date_in_interval(cls, df):
        ref = df["reference_date"]
        lo, hi = df["reference_date_earliest"], df["reference_date_latest"]
        ok_lo = lo.isna() | ref.isna() | (ref >= lo)
        ok_hi = hi.isna() | ref.isna() | (ref <= hi)
        return ok_lo & ok_hi

    @pa.dataframe_check(description="body_chars is the length of body")
    def body_chars_matches(cls, df):
        return df["body"].str.len() == df["body_chars"]
