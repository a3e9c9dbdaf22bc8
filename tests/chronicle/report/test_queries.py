"""The report's SQL on the sample warehouse: what it finds, and the top-N bounds."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from chronicle.config import Settings
from chronicle.report.queries import ReportData, collect
from chronicle.warehouse import Warehouse


def report_data(warehouse: Path, **limits: object) -> ReportData:
    con = Warehouse(warehouse).connect()
    try:
        return collect(con, Settings().with_overrides(**limits))
    finally:
        con.close()


def test_totals_match_the_parquet_files(sample_warehouse: Path) -> None:
    data = report_data(sample_warehouse)
    current = sample_warehouse / "current"
    for table in ("documents", "comments", "mentions", "entities", "events", "rejects"):
        assert data.totals[table] == pq.read_table(current / table).num_rows, table
    events = pq.read_table(current / "events", columns=["date_value"])
    assert data.totals["dated_events"] == events["date_value"].drop_null().length()
    assert {r["reason"]: r["files"] for r in data.rejects} == {"duplicate": 1, "empty": 1}


def test_timeline_keeps_the_most_reported_events_up_to_the_limit(sample_warehouse: Path) -> None:
    everything = report_data(sample_warehouse)
    dated = {(str(e["date_start"]), e["event_type"]) for e in everything.timeline_events}
    assert ("2021-10-22", "consult") in dated and ("2022-02-24", "mobilize") in dated
    assert sum(r["events"] for r in everything.timeline_counts) == everything.totals["dated_events"]
    two = report_data(sample_warehouse, report_timeline_events=2).timeline_events
    assert len(two) == 2
    widest = max(e["documents"] for e in everything.timeline_events)
    assert two[0]["documents"] == widest


def test_network_is_the_top_people_and_organisations_and_their_links(
    sample_warehouse: Path,
) -> None:
    data = report_data(sample_warehouse, report_top_entities=3, report_top_edges=2)
    assert [e["label"] in ("PERSON", "ORG") for e in data.entities] == [True] * 3
    assert data.entities[0]["name"] == "Vladimir Putin"
    ids = {e["entity_id"] for e in data.entities}
    assert len(data.edges) <= 2
    assert all({e["entity_a"], e["entity_b"]} <= ids for e in data.edges)
    everyone = report_data(sample_warehouse, report_network_labels=("GPE",), report_top_entities=1)
    assert [e["name"] for e in everyone.entities] == ["Russia"]


def test_state_dyads_and_sites(sample_warehouse: Path) -> None:
    data = report_data(sample_warehouse, report_top_sites=0)
    pairs = {(d["actor_state"], d["target_state"]) for d in data.top_dyads}
    # Netanyahu's visits to Moscow: a meeting counts both ways.
    assert {("IL", "RU"), ("RU", "IL")} <= pairs
    assert all(a != b for a, b in pairs)
    assert data.sites == [{"site": "other sites (1)", "pages": 5, "rank": 1}]
