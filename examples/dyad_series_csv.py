"""Export a monthly time series of events between two states to CSV.

    python examples/dyad_series_csv.py WAREHOUSE STATE_A STATE_B OUT.csv
    python examples/dyad_series_csv.py warehouse RU IL ru-il.csv

States are ISO 3166 alpha-2 codes. One row per month from the first to the last month
with an event between the two (months without one are 0), one column per direction;
counts are real-world events (clusters), negated and hypothetical ones left out.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import duckdb

warehouse, state_a, state_b, out = sys.argv[1:5]
con = duckdb.connect(str(Path(warehouse) / "chronicle.duckdb"), read_only=True)
rows = con.execute(
    """
    WITH pair AS (
        SELECT month, actor_state, sum(events) AS events
        FROM state_dyads_by_month
        WHERE (actor_state, target_state) IN (($1, $2), ($2, $1))
        GROUP BY ALL
    ), months AS (
        SELECT CAST(unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH)) AS DATE)
               AS month
        FROM pair
    )
    SELECT strftime(m.month, '%Y-%m') AS month,
           coalesce(sum(p.events) FILTER (WHERE p.actor_state = $1), 0) AS a_to_b,
           coalesce(sum(p.events) FILTER (WHERE p.actor_state = $2), 0) AS b_to_a
    FROM months m LEFT JOIN pair p USING (month)
    GROUP BY m.month ORDER BY m.month
    """,
    [state_a, state_b],
).fetchall()
con.close()

with open(out, "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["month", f"{state_a}->{state_b}", f"{state_b}->{state_a}"])
    writer.writerows(rows)
print(f"{out}: {len(rows)} months of {state_a}-{state_b} events")
