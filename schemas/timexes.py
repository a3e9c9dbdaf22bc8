"""The timexes table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Date, Int, Str
from schemas.codes import TIMEX_MODS, TIMEX_TYPES
from schemas.documents import DOC_ID


class Timexes(pa.DataFrameModel):
    """One row per temporal expression in a document body. Key: (``doc_id``, ``start``).

    ``value`` follows TIMEX3 (e.g. ``2021-10-22``, ``2021-W43``, ``P6M``, ``PAST_REF``,
    ``XXXX-10-22`` when no reference date is known); ``date_start``/``date_end`` give
    the calendar interval a date value denotes, for filtering in SQL.
    """

    doc_id: Series[Str] = pa.Field(str_matches=DOC_ID, description="documents.doc_id")
    start: Series[Int] = pa.Field(ge=0, description="offset of the first character in body")
    end: Series[Int] = pa.Field(ge=1, description="offset after the last character in body")
    text: Series[Str] = pa.Field(str_length={"min_value": 1}, description="body[start:end]")
    type: Series[Str] = pa.Field(isin=list(TIMEX_TYPES), description="DATE, TIME, DURATION or SET")
    value: Series[Str] = pa.Field(str_length={"min_value": 1}, description="TIMEX3 value")
    mod: Series[Str] = pa.Field(nullable=True, isin=list(TIMEX_MODS), description="TIMEX3 mod")
    anchor_date: Series[Date] = pa.Field(
        nullable=True, description="reference date a relative expression was resolved against"
    )
    date_start: Series[Date] = pa.Field(nullable=True, description="first day the value denotes")
    date_end: Series[Date] = pa.Field(nullable=True, description="last day the value denotes")

    class Config:
        strict = True
        ordered = True
        unique = ["doc_id", "start"]

    @pa.dataframe_check(description="spans are non-empty")
    def end_after_start(cls, df):
        return df["end"] > df["start"]

    @pa.dataframe_check(description="date intervals are ordered")
    def interval_ordered(cls, df):
        both = df["date_start"].notna() & df["date_end"].notna()
        return ~both | (df["date_end"] >= df["date_start"])
