"""The mentions table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Int, Str
from schemas.documents import DOC_ID
from schemas.entity_labels import ENTITY_LABELS

ENTITY_ID = r"^[0-9a-f]{16}$"
#: ``LABEL|name``: the label, a bar, then an ISO 3166 code (countries) or a lower-case name.
ENTITY_KEY = r"^(" + "|".join(ENTITY_LABELS) + r")\|.+$"
COUNTRY_CODE = r"^[A-Z]{2}$"


class Mentions(pa.DataFrameModel):
    """One row per named-entity mention in a document body. Key: (``doc_id``, ``start``,
    ``end``).

    ``text`` is the name itself: titles, honorifics and a possessive "'s" are outside the
    span ("Russian President *Vladimir Putin*", "*Putin*'s"), and names inside hyphenated
    compounds are mentions of their own ("*Moscow*-based"). ``doc_entity_key`` identifies
    the canonical entity within the page ("PERSON|vladimir putin" for "Putin" when the page
    also says "Vladimir Putin"; "GPE|US" for "the U.S."); ``entity_id`` is the corpus-level
    entity (``entities.entity_id``) after cross-document linking.
    """

    doc_id: Series[Str] = pa.Field(str_matches=DOC_ID, description="documents.doc_id")
    start: Series[Int] = pa.Field(ge=0, description="offset of the first character in body")
    end: Series[Int] = pa.Field(ge=1, description="offset after the last character in body")
    text: Series[Str] = pa.Field(str_length={"min_value": 1}, description="body[start:end]")
    label: Series[Str] = pa.Field(isin=list(ENTITY_LABELS), description="entity label")
    entity_id: Series[Str] = pa.Field(
        str_matches=ENTITY_ID, description="entities.entity_id (sha256 of the final key)"
    )
    doc_entity_key: Series[Str] = pa.Field(
        str_matches=ENTITY_KEY, description="key of the canonical entity within the page"
    )
    sentence_index: Series[Int] = pa.Field(ge=0, description="0-based sentence of the body")
    role: Series[Str] = pa.Field(
        nullable=True,
        str_length={"min_value": 1},
        description="title or function carried by the mention (President, spokeswoman)",
    )
    country: Series[Str] = pa.Field(
        nullable=True,
        str_matches=COUNTRY_CODE,
        description="ISO 3166 alpha-2: the place's or nationality's country, or an "
        "affiliation the page states ('Russian President Vladimir Putin' -> RU)",
    )

    class Config:
        strict = True
        ordered = True
        unique = ["doc_id", "start", "end"]

    @pa.dataframe_check(description="spans are non-empty")
    def end_after_start(cls, df):
        return df["end"] > df["start"]

    @pa.dataframe_check(description="the key's label is the mention's label")
    def key_matches_label(cls, df):
        return df["doc_entity_key"].str.extract(r"^([A-Z]+)\|", expand=False) == df["label"]
