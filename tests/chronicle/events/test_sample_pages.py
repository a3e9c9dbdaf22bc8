"""Events of the five sample pages in raw/, through a real build: the events table, its
final entity ids, and the timeline and dyad views of the DuckDB catalog.

Expectations are read off the pages by hand: the first page reports a 2005 pledge by
Vladimir Putin to arm and train the Palestinian Authority, and the deployment of Russian
troops into Ukraine on February 24 (2022: the page gives no year and no publication date,
so the year comes from the landmark list); the fifth reports Ebrahim Raisi meeting
Vladimir Putin in Moscow on a Thursday.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from chronicle.build import build
from chronicle.config import Settings
from chronicle.warehouse import Warehouse

RAW = Path(__file__).resolve().parents[3] / "raw"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("events")
    shutil.copytree(RAW, root / "raw")
    build(Settings(raw_dir=root / "raw", warehouse_dir=root / "warehouse"))
    return Warehouse(root / "warehouse").connect()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_the_2005_pledge_to_arm_the_palestinian_authority(con) -> None:
    found = rows(
        con,
        """
        SELECT * FROM event_timeline
        WHERE date_value = '2005' AND event_type = 'material_cooperation'""",
    )
    assert len(found) == 1, found
    event = found[0]
    assert event["actors"] == ["Vladimir Putin"] and event["actor_states"] == ["RU"]
    assert event["targets"] == ["Palestinian Authority"]
    assert event["pledged"] and not event["negated"]
    assert event["date_start"] == date(2005, 1, 1) and event["date_precision"] == "year"
    assert "pledged to provide weapons and training" in event["evidence"]
    assert event["evidence"].startswith("When, in 2005, Russian President Vladimir Putin")


def test_the_deployment_into_ukraine_on_24_february_2022(con) -> None:
    found = rows(
        con,
        """
        SELECT t.*, e.date_basis FROM event_timeline t JOIN events e USING (event_id)
        WHERE t.event_type = 'mobilize' AND list_contains(t.target_states, 'UA')""",
    )
    assert len(found) == 1, found
    event = found[0]
    assert event["date_start"] == date(2022, 2, 24) and event["date_basis"] == "landmark"
    assert event["actor_states"] == ["RU"] and event["actors"] == ["Kremlin"]
    assert event["targets"] == ["Ukraine"]
    assert "the Kremlin deployed tens of thousands of troops into Ukraine" in event["evidence"]


def test_evidence_offsets_index_the_body(con) -> None:
    events = rows(
        con,
        """
        SELECT e.start, e."end", e.trigger, e.trigger_start, d.body
        FROM events e JOIN documents d USING (doc_id)""",
    )
    assert len(events) > 20
    for event in events:
        sentence = event["body"][event["start"] : event["end"]]
        assert sentence and sentence == sentence.strip()
        trigger_at = event["trigger_start"]
        assert event["body"][trigger_at : trigger_at + len(event["trigger"])] == event["trigger"]


def test_participants_are_final_entities(con) -> None:
    orphans = rows(
        con,
        """
        SELECT DISTINCT i FROM (SELECT unnest(actor_ids || target_ids) AS i FROM events)
        WHERE i NOT IN (SELECT entity_id FROM entities)""",
    )
    assert orphans == []
    putin = rows(con, "SELECT entity_id FROM entities WHERE name = 'Vladimir Putin'")
    assert len(putin) == 1
    as_actor = rows(
        con,
        f"""
        SELECT count(DISTINCT doc_id) AS docs FROM events
        WHERE list_contains(actor_ids, '{putin[0]["entity_id"]}')""",
    )
    assert as_actor[0]["docs"] >= 2  # one entity across pages, not one per page


def test_raisi_meets_putin_in_moscow(con) -> None:
    found = rows(
        con,
        """
        SELECT e.* FROM events e
        WHERE e.event_type = 'consult'
          AND list_has_any(e.actor_states || e.target_states, ['IR'])
          AND list_has_any(e.actor_states || e.target_states, ['RU'])
          AND e.doc_id IN (SELECT doc_id FROM documents WHERE source_path LIKE '004_%')""",
    )
    assert found, "no meeting between Iranian and Russian leaders on the fifth page"


def test_dyad_view_counts_meetings_both_ways(con) -> None:
    dyads = rows(con, "SELECT * FROM event_dyads_by_month WHERE event_type = 'consult'")
    pairs = {(d["actor"], d["target"], d["month"]) for d in dyads}
    assert pairs, "the sample pages report dated meetings (Bennett and Putin, October 2021)"
    for actor, target, month in pairs:
        assert (target, actor, month) in pairs


def test_clusters_list_their_provenance(con) -> None:
    clusters = rows(con, "SELECT * FROM event_clusters")
    events = rows(con, "SELECT count(*) AS n FROM events")[0]["n"]
    assert sum(c["reports"] for c in clusters) == events
    for cluster in clusters:
        assert len(cluster["provenance"]) == cluster["reports"]
        assert all(p["evidence"] for p in cluster["provenance"])


def test_extract_returns_the_pages_events_with_its_entities() -> None:
    from chronicle.extract import extract_file

    result = extract_file(sorted(RAW.glob("000_*.txt"))[0])
    names = {e["entity_id"]: e["name"] for e in result["entities"]}
    pledges = [e for e in result["events"] if e["pledged"]]
    assert any(
        [names[i] for i in e["actor_ids"]] == ["Vladimir Putin"] and e["date_value"] == "2005"
        for e in pledges
    )
    for event in result["events"]:
        assert set(event["actor_ids"] + event["target_ids"]) <= set(names)
        assert result["document"]["body"][event["start"] : event["end"]]


def test_reference_dates_say_what_evidence_bounds_them(con) -> None:
    got = {
        r["source_path"][:3]: r
        for r in rows(con, "SELECT source_path, reference_date, reference_date_precision, "
                           "reference_date_source, reference_date_earliest, "
                           "reference_date_latest, reference_date_confidence FROM documents")
    }  # fmt: skip
    # 001: "Sunday [December 10]" after "the October 7 Operation by Hamas" (7 Oct 2023):
    # the first Sunday 10 December after it is in 2023.
    assert (got["001"]["reference_date"], got["001"]["reference_date_source"]) == (
        date(2023, 12, 10), "weekday_date",
    )  # fmt: skip
    # 003: reader comments from 30 October 2021 on; Bennett's visit "on October 22".
    assert (got["003"]["reference_date_earliest"], got["003"]["reference_date_latest"]) == (
        date(2021, 10, 22), date(2021, 10, 30),
    )  # fmt: skip
    assert got["003"]["reference_date_precision"] == "month"
    # 000: only "since February 24, when the Kremlin deployed troops": a lower bound and
    # a year's horizon, too wide to resolve "last Tuesday" against.
    assert got["000"]["reference_date_earliest"] == date(2022, 2, 24)
    assert got["000"]["reference_date_confidence"] < 0.5
    # 001 also: "the past 22 months" (of Ukraine) and "the past 2 months" (of Gaza) agree
    # on late November 2023 to early January 2024, which closes the interval above.
    assert got["001"]["reference_date_latest"] == date(2024, 1, 7)
    # 004 gives no year, no full date, no comment; only "Russia hosted a Hamas delegation
    # in Moscow in October" names a landmark month (October 2023): an interval from then,
    # too loose to anchor "on Thursday" on, so no day is invented.
    assert (got["004"]["reference_date_source"], got["004"]["reference_date_earliest"]) == (
        "landmark", date(2023, 10, 1),
    )  # fmt: skip
    assert got["004"]["reference_date_confidence"] < 0.5
