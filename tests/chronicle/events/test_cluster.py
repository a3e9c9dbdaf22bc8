"""Corpus step for events: final entity ids (also for carried-over rows) and clusters."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from chronicle.entities.extract import entity_id_for
from chronicle.events import event_id_for, finalise_events
from chronicle.events.cluster import cluster_ids
from schemas import TABLES

D1, D2, D3 = "1" * 16, "2" * 16, "3" * 16
PUTIN, BENNETT = entity_id_for("PERSON|vladimir putin"), entity_id_for("PERSON|naftali bennett")


def event(doc: str, start: int, event_type: str = "consult", actors=(PUTIN,), targets=(BENNETT,),
          value: str | None = "2021-10-22", precision: str | None = "day",
          negated: bool = False) -> dict:  # fmt: skip
    day = date.fromisoformat(value) if value and precision == "day" else None
    if precision == "month" and value:
        day = date.fromisoformat(value + "-01")
    end = date(day.year, day.month, 28) if precision == "month" and day else day
    return {
        "event_id": event_id_for(doc, start), "doc_id": doc, "start": start, "end": start + 10,
        "sentence_index": 0, "trigger": "met", "trigger_start": start, "event_type": event_type,
        "cameo_code": None, "actor_ids": list(actors), "actor_states": [], "actor_countries": [],
        "actor_sectors": [], "target_ids": list(targets), "target_states": [],
        "target_countries": [], "target_sectors": [], "location_id": None, "timex_start": None,
        "date_value": value,
        "date_start": day, "date_end": end, "date_precision": precision,
        "date_basis": "expression" if value else None, "negated": negated,
        "hypothetical": False, "pledged": False, "reported_by": None, "confidence": 0.8,
        "mention_count": 1, "evidence_spans": [f"{start}:{start + 10}"],
        "event_cluster_id": event_id_for(doc, start),
    }  # fmt: skip


REFERENCE = {D1: date(2021, 10, 23), D2: date(2021, 10, 22), D3: None}


def test_same_event_in_two_documents_is_one_cluster_named_by_the_earliest_report() -> None:
    rows = [event(D1, 0), event(D2, 5)]
    ids = cluster_ids(rows, REFERENCE)
    assert ids == [rows[1]["event_id"]] * 2  # D2 was published first


def test_symmetric_meeting_reported_from_either_side_clusters() -> None:
    rows = [event(D1, 0), event(D2, 5, actors=(BENNETT,), targets=(PUTIN,))]
    assert len(set(cluster_ids(rows, REFERENCE))) == 1
    attacks = [event(D1, 0, "assault"), event(D2, 5, "assault", (BENNETT,), (PUTIN,))]
    assert len(set(cluster_ids(attacks, REFERENCE))) == 2  # who attacked whom matters


def test_a_day_nests_in_its_month_but_not_in_another_day_or_document() -> None:
    month = event(D2, 5, value="2021-10", precision="month")
    assert len(set(cluster_ids([event(D1, 0), month], REFERENCE))) == 1
    other_day = event(D2, 5, value="2021-10-21")
    assert len(set(cluster_ids([event(D1, 0), other_day], REFERENCE))) == 2
    same_doc = [event(D1, 0), event(D1, 50)]
    assert len(set(cluster_ids(same_doc, REFERENCE))) == 2


def test_undated_negated_and_other_types_stay_apart() -> None:
    for other in (event(D2, 5, value=None, precision=None), event(D2, 5, negated=True),
                  event(D2, 5, "assault")):  # fmt: skip
        ids = cluster_ids([event(D1, 0), other], REFERENCE)
        assert ids == [r["event_id"] for r in [event(D1, 0), other]]


def test_finalise_maps_page_ids_and_carried_over_ids_to_final_entities() -> None:
    mention_spec, event_spec = TABLES["mentions"], TABLES["events"]
    partial, full = "PERSON|putin", "PERSON|vladimir putin"

    def mention(doc: str, key: str, entity_id: str) -> dict:
        return {"doc_id": doc, "start": 0, "end": 5, "text": "Putin", "label": "PERSON",
                "entity_id": entity_id, "doc_entity_key": key, "sentence_index": 0,
                "role": None, "country": None}  # fmt: skip

    # D1 was processed now (page-level id); D2 was carried over with an older final id.
    stale = "f" * 16
    assembled = pa.Table.from_pylist(
        [mention(D1, partial, entity_id_for(partial)), mention(D2, partial, stale),
         mention(D3, full, entity_id_for(full))], schema=mention_spec.arrow_schema)  # fmt: skip
    final = assembled.set_column(
        assembled.schema.get_field_index("entity_id"), "entity_id",
        pa.array([PUTIN] * 3, pa.string()))  # fmt: skip
    events = pa.Table.from_pylist(
        [event(D1, 0, actors=(entity_id_for(partial),), targets=()),
         event(D2, 0, actors=(stale,), targets=())], schema=event_spec.arrow_schema)  # fmt: skip
    documents = pa.table({"doc_id": [D1, D2, D3],
                          "reference_date": pa.array([None] * 3, pa.date32())})  # fmt: skip
    out = finalise_events(events, assembled, final, documents)
    assert out["actor_ids"].to_pylist() == [[PUTIN], [PUTIN]]
    # both report Putin meeting on the same day: one cluster
    assert len(set(out["event_cluster_id"].to_pylist())) == 1
