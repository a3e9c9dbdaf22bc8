"""The entities table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Date, Int, Str, StrList
from schemas.entity_labels import ENTITY_LABELS
from schemas.mentions import COUNTRY_CODE, ENTITY_ID


class Entities(pa.DataFrameModel):
    """One row per canonical entity of the corpus. Key: ``entity_id``.

    Built from all ``mentions`` after every change. ``entity_id`` is the first 16 hex
    digits of the SHA-256 of the entity's canonical key ("PERSON|vladimir putin",
    "GPE|RU"), so a full-name entity keeps its id as the corpus grows. ``name`` is the
    fullest proper name without titles ("Vladimir Putin"); for countries the short
    English name ("Russia"), for nationalities the adjective ("Russian").
    """

    entity_id: Series[Str] = pa.Field(unique=True, str_matches=ENTITY_ID)
    name: Series[Str] = pa.Field(str_length={"min_value": 1}, description="canonical name")
    label: Series[Str] = pa.Field(isin=list(ENTITY_LABELS), description="entity label")
    aliases: Series[StrList] = pa.Field(description="distinct surface forms of its mentions")
    roles: Series[StrList] = pa.Field(description="distinct roles its mentions carry")
    country: Series[Str] = pa.Field(
        nullable=True,
        str_matches=COUNTRY_CODE,
        description="ISO 3166 alpha-2: a GPE's country, a nationality's country, or the "
        "affiliation pages state most often for a person/organisation",
    )
    mention_count: Series[Int] = pa.Field(ge=1, description="rows in mentions")
    doc_count: Series[Int] = pa.Field(ge=1, description="documents it is mentioned in")
    first_seen: Series[Date] = pa.Field(
        nullable=True, description="earliest reference (else publication) date of its documents"
    )
    last_seen: Series[Date] = pa.Field(
        nullable=True, description="latest reference (else publication) date of its documents"
    )

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check(description="a document count never exceeds the mention count")
    def docs_le_mentions(cls, df):
        return df["doc_count"] <= df["mention_count"]

    @pa.dataframe_check(description="first_seen <= last_seen")
    def seen_ordered(cls, df):
        both = df["first_seen"].notna() & df["last_seen"].notna()
        return ~both | (df["last_seen"] >= df["first_seen"])
