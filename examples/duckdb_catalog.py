"""Query the warehouse from another project: DuckDB alone, the catalog opened read-only.

    python examples/duckdb_catalog.py [WAREHOUSE]

``chronicle.duckdb`` holds one view per table and the analysis views (event_timeline,
state_dyads_by_month, ...) over the published Parquet files. Read-only connections
never block a build, and a build replaces the catalog file in one rename.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

warehouse = Path(sys.argv[1] if len(sys.argv) > 1 else "warehouse")
con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
con.execute("SET TimeZone = 'UTC'")

# Meetings, visits and talks, with who met whom and the sentence that says so.
meetings = con.execute(
    """
    SELECT date_start, actors, targets, evidence, source_path
    FROM event_timeline
    WHERE event_type = 'consult' AND NOT negated AND NOT hypothetical
    ORDER BY date_start
    """
).fetchall()
print(f"{len(meetings)} dated meetings")
for date_start, actors, targets, evidence, source_path in meetings:
    print(f"{date_start}  {', '.join(actors) or '-'} -> {', '.join(targets) or '-'}")
    print(f"    {evidence[:160]}  ({source_path})")

# Pages per site: plain tables are views too.
for site, pages in con.execute(
    "SELECT coalesce(site, '(none)'), count(*) FROM documents GROUP BY ALL ORDER BY 2 DESC"
).fetchall():
    print(f"site {site}: {pages} pages")
con.close()
