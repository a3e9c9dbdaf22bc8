"""The events table."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Bool, Date, Float, Int, Str, StrList
from schemas.codes import EVENT_DATE_BASES, EVENT_DATE_PRECISIONS
from schemas.documents import DOC_ID
from schemas.event_types import AGENT_SECTORS, CAMEO_ROOT_TYPES, EVENT_TYPES
from schemas.mentions import ENTITY_ID


class Events(pa.DataFrameModel):
    """One row per event of a document: a trigger with its participants, place and date.
    Key: ``event_id``.

    Actor, trigger, target and location come from one sentence (``start``/``end`` are its
    offsets in ``documents.body``). Repeated mentions of the same event in a document are
    merged into the first (``mention_count``, ``evidence_spans``); the same event reported
    by several documents shares an ``event_cluster_id`` (same type, shared actors,
    compatible dates), the ``event_id`` of its earliest-reported member.

    ``actor_states``/``target_states`` are the states the participants stand for: a
    country itself, a capital or seat of government acting for its state ("Moscow",
    "the Kremlin"), a nationality ("Russian troops"), or a person or body the page ties
    to a country ("Russian President Vladimir Putin"), as ISO 3166-1 alpha-2 codes like
    every country column of Chronicle; ``actor_countries``/``target_countries`` are the
    same states in the same order as alpha-3 codes, the key of CAMEO/ICEWS/GDELT-style
    data. ``cameo_code`` is the most specific CAMEO code the trigger gives (a PETRARCH2
    verb pattern, else the type's root code); ``actor_sectors``/``target_sectors`` are
    the CAMEO agent codes of the participants' roles ("Russian troops" -> MIL, "the
    Iranian president" -> GOV). ``date_value`` is the TIMEX3 value
    of the time expression that governs the trigger (``timex_start`` points to it in
    ``timexes``); an event without a resolvable date has no date and is not a dated event.
    """

    event_id: Series[Str] = pa.Field(
        unique=True,
        str_matches=ENTITY_ID,
        description="sha256 of doc_id and trigger offset, 16 hex",
    )
    doc_id: Series[Str] = pa.Field(str_matches=DOC_ID, description="documents.doc_id")
    start: Series[Int] = pa.Field(ge=0, description="offset of the evidence sentence in body")
    end: Series[Int] = pa.Field(ge=1, description="offset after the evidence sentence")
    sentence_index: Series[Int] = pa.Field(ge=0, description="0-based sentence of the body")
    trigger: Series[Str] = pa.Field(
        str_length={"min_value": 1}, description="the word that names the event"
    )
    trigger_start: Series[Int] = pa.Field(ge=0, description="offset of the trigger in body")
    event_type: Series[Str] = pa.Field(
        isin=list(EVENT_TYPES), description="ontology class (schemas/event_types.py)"
    )
    cameo_code: Series[Str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{2,4}$",
        description="most specific CAMEO code (2-4 digits) of the trigger; null for launch",
    )
    actor_ids: Series[StrList] = pa.Field(description="entities.entity_id of who acts")
    actor_states: Series[StrList] = pa.Field(
        description="states the actors stand for (ISO 3166-1 alpha-2)"
    )
    actor_countries: Series[StrList] = pa.Field(
        description="actor_states as ISO 3166-1 alpha-3 codes (CAMEO/ICEWS join key)"
    )
    actor_sectors: Series[StrList] = pa.Field(
        description="CAMEO agent codes of the actors' roles (GOV, MIL, REB, OPP, ...)"
    )
    target_ids: Series[StrList] = pa.Field(description="entities.entity_id of whom it is done to")
    target_states: Series[StrList] = pa.Field(
        description="states the targets stand for (ISO 3166-1 alpha-2)"
    )
    target_countries: Series[StrList] = pa.Field(
        description="target_states as ISO 3166-1 alpha-3 codes"
    )
    target_sectors: Series[StrList] = pa.Field(
        description="CAMEO agent codes of the targets' roles"
    )
    location_id: Series[Str] = pa.Field(
        nullable=True, str_matches=ENTITY_ID, description="entities.entity_id of where it happened"
    )
    timex_start: Series[Int] = pa.Field(
        nullable=True, ge=0, description="timexes.start of the governing expression"
    )
    date_value: Series[Str] = pa.Field(
        nullable=True,
        str_length={"min_value": 4},
        description="TIMEX3 date value of the event's date (to the day at most)",
    )
    date_start: Series[Date] = pa.Field(nullable=True, description="first day it may have been")
    date_end: Series[Date] = pa.Field(nullable=True, description="last day it may have been")
    date_precision: Series[Str] = pa.Field(
        nullable=True,
        isin=list(EVENT_DATE_PRECISIONS),
        description="calendar precision of date_value",
    )
    date_basis: Series[Str] = pa.Field(
        nullable=True,
        isin=list(EVENT_DATE_BASES),
        description="how the date was found: 'expression' (the time expression governing "
        "the trigger), 'sentence' (the time of a clause above it or a free expression of "
        "its sentence), 'paragraph' (the time of the sentence just before, same paragraph), "
        "'narrative' (the story's day, kept by statements and the next happenings), "
        "'anchored' (the date of another event it is tied to: 'injured in the 1998 "
        "bombing', 'the bombing' after 'the Aug. 7 bombings'), "
        "'landmark' (a yearless day completed from a landmark event); filter on "
        "'expression' for dates the text gives the event itself",
    )
    negated: Series[Bool] = pa.Field(description="the text says it did not happen")
    hypothetical: Series[Bool] = pa.Field(
        description="modal, conditional, planned or future: not (yet) a fact"
    )
    pledged: Series[Bool] = pa.Field(description="promised or vowed, not yet carried out")
    reported_by: Series[Str] = pa.Field(
        nullable=True,
        str_matches=ENTITY_ID,
        description="entities.entity_id of whose speech reports it ('X said ...')",
    )
    confidence: Series[Float] = pa.Field(
        ge=0.0, le=1.0, description="how sure the extractor is (0-1)"
    )
    mention_count: Series[Int] = pa.Field(
        ge=1, description="mentions of this event in the document"
    )
    evidence_spans: Series[StrList] = pa.Field(
        description="'start:end' of each merged evidence sentence, in body order"
    )
    event_cluster_id: Series[Str] = pa.Field(
        str_matches=ENTITY_ID, description="the same event across documents (an event_id)"
    )

    class Config:
        strict = True
        ordered = True

    @pa.check(
        "actor_ids",
        "target_ids",
        element_wise=True,
        error="every participant is an entity_id (16 hex)",
    )
    def ids_are_entity_ids(cls, ids) -> bool:
        return all(len(i) == 16 and all(c in "0123456789abcdef" for c in i) for i in ids)

    @pa.check(
        "actor_states",
        "target_states",
        element_wise=True,
        error="every state is an ISO 3166 alpha-2 code",
    )
    def states_are_country_codes(cls, codes) -> bool:
        return all(len(c) == 2 and c.isascii() and c.isupper() for c in codes)

    @pa.check(
        "actor_countries",
        "target_countries",
        element_wise=True,
        error="every country is an ISO 3166-1 alpha-3 code",
    )
    def countries_are_alpha3(cls, codes) -> bool:
        return all(len(c) == 3 and c.isascii() and c.isupper() for c in codes)

    @pa.check(
        "actor_sectors",
        "target_sectors",
        element_wise=True,
        error="every sector is a CAMEO agent code of schemas/event_types.py",
    )
    def sectors_are_agent_codes(cls, codes) -> bool:
        return all(c in AGENT_SECTORS for c in codes)

    @pa.dataframe_check(description="the CAMEO code's root is of the event's type")
    def cameo_code_fits_type(cls, df):
        roots = df["cameo_code"].str[:2].map(CAMEO_ROOT_TYPES)
        return df["cameo_code"].isna() | (roots == df["event_type"])

    @pa.dataframe_check(description="one alpha-3 country per alpha-2 state")
    def countries_follow_states(cls, df):
        return (df["actor_states"].map(len) == df["actor_countries"].map(len)) & (
            df["target_states"].map(len) == df["target_countries"].map(len)
        )

    @pa.dataframe_check(description="evidence spans are non-empty")
    def end_after_start(cls, df):
        return df["end"] > df["start"]

    @pa.dataframe_check(description="the trigger lies in its evidence sentence")
    def trigger_in_sentence(cls, df):
        return (df["trigger_start"] >= df["start"]) & (df["trigger_start"] < df["end"])

    @pa.dataframe_check(description="a dated event has its interval and precision")
    def date_complete(cls, df):
        dated = df["date_value"].notna()
        complete = (
            df["date_start"].notna()
            & df["date_end"].notna()
            & df["date_precision"].notna()
            & df["date_basis"].notna()
        )
        return ~dated | complete

    @pa.dataframe_check(description="date intervals are ordered")
    def interval_ordered(cls, df):
        both = df["date_start"].notna() & df["date_end"].notna()
        return ~both | (df["date_end"] >= df["date_start"])
