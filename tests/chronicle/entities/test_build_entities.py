"""Corpus-level resolution (build_entities) and the analysis views, on hand-made rows."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pyarrow as pa

from chronicle.entities import ANALYSIS_VIEWS, build_entities, entity_id_for
from schemas._base import TableSpec
from schemas.entities import Entities
from schemas.mentions import Mentions

SPEC = TableSpec("mentions", Mentions, key=("doc_id", "start", "end"), scope="document")
D1, D2, D3 = "1" * 16, "2" * 16, "3" * 16


def mention(
    doc: str,
    start: int,
    text: str,
    key: str,
    *,
    sentence: int = 0,
    role: str | None = None,
    country: str | None = None,
) -> dict:
    return {
        "doc_id": doc,
        "start": start,
        "end": start + len(text),
        "text": text,
        "label": key.split("|")[0],
        "entity_id": entity_id_for(key),
        "doc_entity_key": key,
        "sentence_index": sentence,
        "role": role,
        "country": country,
    }


def documents(dates: dict[str, dt.date | None]) -> pa.Table:
    return pa.table(
        {
            "doc_id": list(dates),
            "reference_date": pa.array(list(dates.values()), pa.date32()),
            "reference_date_precision": pa.array(["day" if d else None for d in dates.values()]),
            "reference_date_confidence": pa.array([1.0 if d else None for d in dates.values()]),
            "published_date": pa.array([None] * len(dates), pa.date32()),
        }
    )


def build(rows: list[dict], dates: dict[str, dt.date | None]) -> tuple[pa.Table, pa.Table]:
    mentions, entities = build_entities(
        pa.Table.from_pylist(rows, schema=SPEC.arrow_schema), documents(dates)
    )
    Mentions.validate(mentions.to_pandas(types_mapper=pd.ArrowDtype), lazy=True)
    Entities.validate(entities.to_pandas(types_mapper=pd.ArrowDtype), lazy=True)
    return mentions, entities


def by_name(entities: pa.Table) -> dict[str, dict]:
    return {e["name"]: e for e in entities.to_pylist()}


PUTIN_ROWS = [
    mention(D1, 0, "Vladimir Putin", "PERSON|vladimir putin", role="President", country="RU"),
    mention(D1, 30, "Putin", "PERSON|vladimir putin"),
    mention(D2, 5, "Putin", "PERSON|putin"),
    mention(D2, 20, "Putin", "PERSON|putin"),
]
DATES = {D1: dt.date(2022, 8, 3), D2: dt.date(2022, 9, 1), D3: None}


def test_surname_only_key_links_to_the_unique_full_name() -> None:
    mentions, entities = build(PUTIN_ROWS, DATES)
    assert set(mentions.column("entity_id").to_pylist()) == {entity_id_for("PERSON|vladimir putin")}
    keys = [r["doc_entity_key"] for r in PUTIN_ROWS]
    assert mentions.column("doc_entity_key").to_pylist() == keys
    putin = by_name(entities)["Vladimir Putin"]
    assert putin["aliases"] == ["Putin", "Vladimir Putin"]
    assert putin["roles"] == ["President"]
    assert putin["country"] == "RU"
    assert (putin["mention_count"], putin["doc_count"]) == (4, 2)
    assert (putin["first_seen"], putin["last_seen"]) == (dt.date(2022, 8, 3), dt.date(2022, 9, 1))


def test_shared_surname_with_different_first_names_is_not_merged() -> None:
    rows = [
        mention(D1, 0, "Bashar al-Assad", "PERSON|bashar al assad"),
        mention(D2, 0, "Hafez al-Assad", "PERSON|hafez al assad"),
        mention(D3, 0, "Assad", "PERSON|assad"),
    ]
    _, entities = build(rows, DATES)
    names_ = by_name(entities)
    assert set(names_) == {"Bashar al-Assad", "Hafez al-Assad", "Assad"}
    assert names_["Assad"]["entity_id"] == entity_id_for("PERSON|assad")


def test_full_name_ids_are_stable_when_the_corpus_grows() -> None:
    _, before = build(PUTIN_ROWS[:2], DATES)
    more = [*PUTIN_ROWS, mention(D3, 0, "Vladimir Putin", "PERSON|vladimir putin")]
    _, after = build(more, DATES)
    assert (
        by_name(before)["Vladimir Putin"]["entity_id"]
        == by_name(after)["Vladimir Putin"]["entity_id"]
        == entity_id_for("PERSON|vladimir putin")
    )


def test_acronym_key_links_to_the_one_organisation_defined_with_it() -> None:
    rows = [
        mention(D1, 0, "Palestinian Authority", "ORG|palestinian authority", country="PS"),
        mention(D1, 23, "PA", "ORG|palestinian authority"),
        mention(D2, 0, "PA", "ORG|pa"),
    ]
    mentions, entities = build(rows, DATES)
    assert len(set(mentions.column("entity_id").to_pylist())) == 1
    pa_ = entities.to_pylist()[0]
    assert (pa_["name"], pa_["country"], pa_["doc_count"]) == ("Palestinian Authority", "PS", 2)


def test_countries_and_nationalities_get_display_names_and_codes() -> None:
    rows = [
        mention(D1, 0, "U.S.", "GPE|US", country="US"),
        mention(D2, 0, "America", "GPE|US", country="US"),
        mention(D2, 10, "Russians", "NORP|russian", country="RU"),
        mention(D3, 0, "Kremlin", "ORG|kremlin", country="RU"),
    ]
    _, entities = build(rows, DATES)
    names_ = by_name(entities)
    assert names_["United States"]["aliases"] == ["America", "U.S."]
    assert names_["United States"]["country"] == "US"
    assert names_["Russian"]["country"] == "RU"  # nationality words are named by the adjective
    assert names_["Kremlin"]["label"] == "ORG"
    assert names_["Kremlin"]["first_seen"] is None  # its only document has no date


def test_analysis_views() -> None:
    rows = [
        mention(D1, 0, "Putin", "PERSON|vladimir putin", sentence=0),
        mention(D1, 10, "Russia", "GPE|RU", sentence=0),
        mention(D1, 20, "Russia", "GPE|RU", sentence=0),
        mention(D1, 40, "Israel", "GPE|IL", sentence=1),
        mention(D2, 0, "Russia", "GPE|RU", sentence=0),
        mention(D2, 10, "Israel", "GPE|IL", sentence=0),
    ]
    mentions, entities = build(rows, DATES)
    con = duckdb.connect()
    con.register("mentions", mentions)
    con.register("entities", entities)
    con.register("documents", documents(DATES))
    for name, sql in ANALYSIS_VIEWS.items():
        if name.startswith("entity_"):  # event views: tests/chronicle/events
            con.execute(f"CREATE VIEW {name} AS {sql}")
    sent = {
        frozenset((a, b)): (s, d)
        for a, b, s, d in con.execute(
            "SELECT name_a, name_b, sentences, documents FROM entity_cooccurrence_sentence"
        ).fetchall()
    }
    # Russia-Putin: D1 sentence 0; Russia-Israel: D2 sentence 0 only.
    assert sent == {frozenset({"Russia", "Putin"}): (1, 1), frozenset({"Russia", "Israel"}): (1, 1)}
    docs = {
        frozenset((a, b)): n
        for a, b, n in con.execute(
            "SELECT name_a, name_b, documents FROM entity_cooccurrence_document"
        ).fetchall()
    }
    assert docs == {
        frozenset({"Russia", "Putin"}): 1,
        frozenset({"Russia", "Israel"}): 2,
        frozenset({"Putin", "Israel"}): 1,
    }
    months = set(
        con.execute(
            "SELECT name, month, mentions, documents FROM entity_mentions_by_month"
        ).fetchall()
    )
    assert months == {
        ("Putin", dt.date(2022, 8, 1), 1, 1),
        ("Russia", dt.date(2022, 8, 1), 2, 1),
        ("Israel", dt.date(2022, 8, 1), 1, 1),
        ("Russia", dt.date(2022, 9, 1), 1, 1),
        ("Israel", dt.date(2022, 9, 1), 1, 1),
    }


def test_surname_links_to_a_full_name_with_a_suffix() -> None:
    rows = [
        mention(D1, 0, "Patrick W. Carlineo Jr.", "PERSON|patrick w carlineo jr"),
        mention(D2, 0, "Carlineo", "PERSON|carlineo"),
    ]
    mentions, entities = build(rows, DATES)
    assert set(mentions.column("entity_id").to_pylist()) == {
        entity_id_for("PERSON|patrick w carlineo jr")
    }
    assert entities.column("name").to_pylist() == ["Patrick W. Carlineo Jr."]


def test_empty_corpus_gives_empty_tables() -> None:
    mentions, entities = build([], {})
    assert (mentions.num_rows, entities.num_rows) == (0, 0)
    assert mentions.schema == SPEC.arrow_schema


def test_entity_name_has_plain_spaces() -> None:
    _, entities = build([mention(D1, 0, "Mohammad\xa0Bagheri", "PERSON|mohammad bagheri")], DATES)
    row = entities.to_pylist()[0]
    assert (row["name"], row["aliases"]) == ("Mohammad Bagheri", ["Mohammad\xa0Bagheri"])


def test_entity_country_is_the_most_frequent_stated_one() -> None:
    rows = [
        mention(D1, 0, "Hamas", "ORG|hamas", country="PS"),
        mention(D2, 0, "Hamas", "ORG|hamas", country="PS"),
        mention(D3, 0, "Hamas", "ORG|hamas", country="LB"),
        mention(D3, 9, "Hamas", "ORG|hamas"),
    ]
    _, entities = build(rows, DATES)
    assert entities.column("country").to_pylist() == ["PS"]
    tie = [
        mention(D1, 0, "Hamas", "ORG|hamas", country="PS"),
        mention(D2, 0, "Hamas", "ORG|hamas", country="LB"),
    ]
    assert build(tie, DATES)[1].column("country").to_pylist() == ["LB"]
