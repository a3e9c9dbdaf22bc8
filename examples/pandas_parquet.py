"""Read the warehouse's Parquet files with pandas: no Chronicle and no DuckDB needed.

    python examples/pandas_parquet.py [WAREHOUSE]

``current`` points at the published snapshot and a build swaps it in one rename, so
resolve it once: every file read below then comes from the same snapshot.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

warehouse = Path(sys.argv[1] if len(sys.argv) > 1 else "warehouse")
snapshot = (warehouse / "current").resolve()

documents = pd.read_parquet(snapshot / "documents", columns=["doc_id", "site", "title"])
entities = pd.read_parquet(snapshot / "entities")
events = pd.read_parquet(
    snapshot / "events",
    columns=["doc_id", "event_type", "actor_ids", "target_ids", "date_start", "negated"],
)
print(f"{len(documents)} documents, {len(entities)} entities, {len(events)} events")

print("\nMost mentioned people:")
people = entities[entities["label"] == "PERSON"].nlargest(5, "mention_count")
for person in people.itertuples():
    print(f"  {person.name}: {person.mention_count} mentions in {person.doc_count} documents")

print("\nDated events by type (negated ones left out):")
dated = events[events["date_start"].notna() & ~events["negated"]]
for event_type, count in dated["event_type"].value_counts().sort_index().items():
    print(f"  {event_type}: {count}")

# Ids to names: actor_ids and target_ids are lists of entities.entity_id.
names = entities.set_index("entity_id")["name"]
first = dated.sort_values("date_start").head(3)
print("\nEarliest dated events:")
for event in first.itertuples():
    actors = ", ".join(names[i] for i in event.actor_ids) or "-"
    targets = ", ".join(names[i] for i in event.target_ids) or "-"
    print(f"  {event.date_start}: {actors} -[{event.event_type}]-> {targets}")
