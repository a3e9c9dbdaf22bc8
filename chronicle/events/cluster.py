"""Corpus step for events: final entity ids, and one cluster per real-world event.

A pure function of all ``events`` rows, the final ``mentions`` and the documents' dates,
so it reruns after every change like ``build_entities``.

* Ids: a document stage writes each participant as the hash of its page-level key; the
  corpus step maps it to the final ``entity_id`` that cross-document linking gave that key.
* Clusters: events of different documents are the same event when they have the same
  type, share a participant (the same entity, or for symmetric types such as meetings
  the same entity on either side) and have compatible dates: the same value, or a day
  inside the other's week or month. Undated, negated and hypothetical events are never
  merged with others. A cluster's id is the ``event_id`` of its earliest-reported member
  (reference date, then event id).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pyarrow as pa

from chronicle.events.states import alpha3
from schemas._base import TableSpec
from schemas.event_types import SYMMETRIC_EVENT_TYPES
from schemas.events import Events

EVENTS_SCHEMA: pa.Schema = TableSpec(
    "events", Events, key=("event_id",), scope="document"
).arrow_schema

_ID_LIST_COLUMNS = ("actor_ids", "target_ids")
_ID_COLUMNS = ("location_id", "reported_by")
_NEST = {"day": 0, "week": 1, "month": 2}


def final_ids(assembled: pa.Table, final: pa.Table) -> dict[tuple[str, str], str]:
    """(doc_id, id an event row carries) -> final ``entity_id``.

    An event row carries the ids its document's mention rows had when both were written:
    page-level hashes for documents processed in this run, the previous run's final ids
    for documents carried over. ``assembled`` (mentions before linking) still has those
    ids beside each ``doc_entity_key``; ``final`` gives the key's final id.
    """

    def distinct(table: pa.Table, columns: list[str]) -> list[tuple]:
        grouped = table.select(columns).group_by(columns).aggregate([])
        return list(zip(*(grouped[c].to_pylist() for c in columns), strict=True))

    key_to_final = dict(distinct(final, ["doc_entity_key", "entity_id"]))
    return {
        (doc_id, carried): key_to_final[key]
        for doc_id, carried, key in distinct(assembled, ["doc_id", "entity_id", "doc_entity_key"])
    }


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["date_value"] == b["date_value"]:
        return True
    pa_, pb = _NEST.get(a["date_precision"]), _NEST.get(b["date_precision"])
    if pa_ is None or pb is None or min(pa_, pb) != 0:
        return False  # only a day nests in a week or month
    return bool(a["date_start"] <= b["date_end"] and b["date_start"] <= a["date_end"])


def _participants(event: dict[str, Any]) -> set[str]:
    actors = set(event["actor_ids"])
    if event["event_type"] in SYMMETRIC_EVENT_TYPES:
        actors |= set(event["target_ids"])
    return actors


def cluster_ids(events: list[dict[str, Any]], reference: dict[str, date | None]) -> list[str]:
    """``event_cluster_id`` of each event (see the module docstring)."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidates share (type, participant, month): no quadratic scan over the corpus.
    buckets: dict[tuple[str, str, int, int], list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e["date_value"] is None or e["negated"] or e["hypothetical"]:
            continue
        if _NEST.get(e["date_precision"]) is None:
            months = {(e["date_start"].year, -1)}  # coarse dates only meet the same value
        else:
            months = {(e["date_start"].year, e["date_start"].month),
                      (e["date_end"].year, e["date_end"].month)}  # fmt: skip
        for who in _participants(e):
            for year, month in months:
                buckets[(e["event_type"], who, year, month)].append(i)
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = events[i], events[j]
                if a["doc_id"] != b["doc_id"] and _compatible(a, b):
                    ra, rb = find(i), find(j)
                    if ra != rb:
                        parent[rb] = ra
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    out = [""] * len(events)
    for members in groups.values():

        def order(i: int) -> tuple[bool, date, str]:
            day = reference.get(events[i]["doc_id"])
            return (day is None, day or date.min, events[i]["event_id"])

        first = events[min(members, key=order)]["event_id"]
        for i in members:
            out[i] = first
    return out


def finalise_events(
    events: pa.Table,
    assembled: pa.Table,
    final: pa.Table,
    documents: pa.Table,
    entities: pa.Table | None = None,
) -> pa.Table:
    """``events`` with final entity ids, states and cluster ids, sorted by ``event_id``.

    ``assembled``/``final``: the mentions before and after ``build_entities``;
    ``documents``: ``doc_id`` and ``reference_date``; ``entities`` (optional): a person
    or organisation whose page states no country stands for the country the corpus
    gives it ("President Vladimir Putin" on a page that never says "Russian").
    """
    mapping = final_ids(assembled, final)
    affiliation: dict[str, str] = {}
    if entities is not None:
        for entity_id, label, country in zip(
            entities["entity_id"].to_pylist(),
            entities["label"].to_pylist(),
            entities["country"].to_pylist(),
            strict=True,
        ):
            if label in ("PERSON", "ORG") and country:
                affiliation[entity_id] = country
    rows = events.to_pylist()
    for row in rows:
        doc = row["doc_id"]
        for column in _ID_LIST_COLUMNS:
            row[column] = list(dict.fromkeys(mapping[(doc, i)] for i in row[column]))
        for column in _ID_COLUMNS:
            if row[column] is not None:
                row[column] = mapping[(doc, row[column])]
        for side in ("actor", "target"):
            extra = [affiliation[i] for i in row[f"{side}_ids"] if i in affiliation]
            row[f"{side}_states"] = list(dict.fromkeys([*row[f"{side}_states"], *extra]))
            row[f"{side}_countries"] = alpha3(row[f"{side}_states"])
    reference = dict(
        zip(
            documents["doc_id"].to_pylist(),
            documents["reference_date"].to_pylist(),
            strict=True,
        )
    )
    for row, cluster in zip(rows, cluster_ids(rows, reference), strict=True):
        row["event_cluster_id"] = cluster
    return pa.Table.from_pylist(rows, schema=EVENTS_SCHEMA).sort_by("event_id")
