"""The report's numbers: one DuckDB query per figure over the published views.

Every query aggregates or ranks in DuckDB and returns at most a top-N of rows, so the
report's size and build time stay bounded however large the corpus is; totals are
always over the whole snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from chronicle.config import Settings

Record = dict[str, Any]


def records(
    con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None
) -> list[Record]:
    """The rows of a query as dicts keyed by column name."""
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Record:
    rows = records(con, sql, params)
    return rows[0] if rows else {}


TOTALS_SQL = """
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(DISTINCT coalesce(site, '')) FROM documents) AS sites,
       (SELECT count(*) FROM comments) AS comments,
       (SELECT count(*) FROM mentions) AS mentions,
       (SELECT count(*) FROM entities) AS entities,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM events WHERE date_value IS NOT NULL) AS dated_events,
       (SELECT count(DISTINCT event_cluster_id) FROM events) AS event_clusters,
       (SELECT count(DISTINCT event_cluster_id) FROM events WHERE date_value IS NOT NULL)
           AS dated_event_clusters,
       (SELECT count(*) FROM timexes) AS timexes,
       (SELECT count(*) FROM rejects) AS rejects,
       (SELECT count(*) FROM documents WHERE len(metadata_issues) > 0) AS metadata_issues
"""

# The run that published this snapshot is its newest row in runs.
RUNS_SQL = """
SELECT * FROM runs
ORDER BY started_at DESC, run_id DESC
LIMIT ?
"""

SPAN_SQL = """
SELECT min(date_start) AS first, max(date_start) AS last
FROM events WHERE date_value IS NOT NULL
"""

# Dated events per period (week or month) and type, one event report per row.
TIMELINE_COUNTS_SQL = """
SELECT CAST(date_trunc(?, date_start) AS DATE) AS period, event_type, count(*) AS events,
       count(DISTINCT event_cluster_id) AS clusters
FROM events
WHERE date_value IS NOT NULL
GROUP BY ALL
ORDER BY period, event_type
"""

# One point per real-world event (cluster): its most confident dated report, the most
# widely reported clusters first.
TIMELINE_EVENTS_SQL = """
WITH clusters AS (
    SELECT event_cluster_id, count(*) AS reports, count(DISTINCT doc_id) AS documents
    FROM events GROUP BY event_cluster_id
), best AS (
    SELECT * FROM event_timeline
    QUALIFY row_number() OVER (
        PARTITION BY event_cluster_id ORDER BY confidence DESC, event_id) = 1
)
SELECT b.date_start, b.date_end, b.date_value, b.date_precision, b.event_type, b.trigger,
       b.actors, b.targets, b.location, b.negated, b.hypothetical, b.pledged,
       b.reported_by, b.evidence, b.title, b.source_path, d.url,
       c.reports, c.documents
FROM best b
JOIN clusters c USING (event_cluster_id)
JOIN documents d USING (doc_id)
ORDER BY c.documents DESC, c.reports DESC, b.confidence DESC, b.date_start, b.event_id
LIMIT ?
"""

# The top state -> state pairs over the whole snapshot, then their monthly counts by type.
TOP_DYADS_SQL = """
SELECT actor_state, target_state, sum(events) AS events
FROM state_dyads_by_month
GROUP BY ALL
ORDER BY events DESC, actor_state, target_state
LIMIT ?
"""

DYAD_MONTHS_SQL = """
SELECT month, event_type, actor_state, target_state, events
FROM state_dyads_by_month
WHERE (actor_state, target_state) IN (SELECT (actor_state, target_state) FROM top_dyads)
ORDER BY month
"""

TOP_ENTITIES_SQL = """
SELECT entity_id, name, label, country, mention_count, doc_count
FROM entities
WHERE list_contains(?, label)
ORDER BY mention_count DESC, doc_count DESC, name, entity_id
LIMIT ?
"""

# Sentence co-occurrence among the top entities only: the self-join stays small.
NETWORK_EDGES_SQL = """
WITH s AS (
    SELECT DISTINCT doc_id, sentence_index, entity_id FROM mentions
    WHERE entity_id IN (SELECT entity_id FROM top_entities)
)
SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS sentences,
       count(DISTINCT a.doc_id) AS documents
FROM s a JOIN s b
  ON a.doc_id = b.doc_id AND a.sentence_index = b.sentence_index
 AND a.entity_id < b.entity_id
GROUP BY ALL
ORDER BY sentences DESC, entity_a, entity_b
LIMIT ?
"""

# The top sites by pages, then one row summing the rest.
SITES_SQL = """
WITH counted AS (
    SELECT coalesce(site, '(no site)') AS site, count(*) AS pages
    FROM documents GROUP BY ALL
), ranked AS (
    SELECT *, row_number() OVER (ORDER BY pages DESC, site) AS rank FROM counted
)
SELECT site, pages, rank FROM ranked WHERE rank <= $top
UNION ALL
SELECT 'other sites (' || count(*) || ')', sum(pages), max(rank) FROM ranked
WHERE rank > $top HAVING count(*) > 0
ORDER BY rank
"""

REFERENCE_DATES_SQL = """
SELECT coalesce(reference_date_source, 'none') AS source,
       coalesce(reference_date_precision, 'none') AS precision, count(*) AS pages
FROM documents GROUP BY ALL ORDER BY source, precision
"""

EVENT_DATING_SQL = """
SELECT event_type, count(*) FILTER (WHERE date_value IS NOT NULL) AS dated,
       count(*) FILTER (WHERE date_value IS NULL) AS undated
FROM events GROUP BY ALL ORDER BY dated + undated DESC, event_type
"""

SEGMENTS_SQL = """
SELECT label, count(*) AS lines, count(DISTINCT doc_id) AS pages
FROM segments GROUP BY ALL ORDER BY lines DESC, label
"""

REJECTS_SQL = """
SELECT reason, count(*) AS files FROM rejects GROUP BY ALL ORDER BY files DESC, reason
"""

REJECT_EXAMPLES_SQL = """
SELECT reason, source_path, detail, related_path
FROM rejects
QUALIFY row_number() OVER (PARTITION BY reason ORDER BY source_path) <= 3
ORDER BY reason, source_path
"""

METADATA_ISSUES_SQL = """
SELECT issue, count(*) AS pages
FROM (SELECT unnest(metadata_issues) AS issue FROM documents)
GROUP BY ALL ORDER BY pages DESC, issue
LIMIT 20
"""


@dataclass
class ReportData:
    """Everything the report shows, as plain rows (no figure or HTML here)."""

    totals: Record
    runs: list[Record]  # newest first: this snapshot's run, then the ones before
    period: str  # 'week' or 'month': the timeline's bucket
    timeline_counts: list[Record]
    timeline_events: list[Record]
    top_dyads: list[Record]
    dyad_months: list[Record]
    entities: list[Record]
    edges: list[Record]
    sites: list[Record]
    reference_dates: list[Record]
    event_dating: list[Record]
    segments: list[Record]
    rejects: list[Record]
    reject_examples: list[Record]
    metadata_issues: list[Record]
    limits: dict[str, int] = field(default_factory=dict)

    @property
    def run(self) -> Record:
        return self.runs[0] if self.runs else {}

    def table_changes(self) -> list[Record]:
        """Rows per table in this run and the one before (from runs.table_rows)."""
        if not self.runs:
            return []
        now = json.loads(self.runs[0]["table_rows"])
        before = json.loads(self.runs[1]["table_rows"]) if len(self.runs) > 1 else {}
        return [
            {"table": t, "before": before.get(t), "now": n, "change": n - before.get(t, 0)}
            for t, n in now.items()
        ]


def timeline_period(con: duckdb.DuckDBPyConnection) -> str:
    """Weeks for a span up to half a year, months beyond."""
    span = one(con, SPAN_SQL)
    if not span.get("first"):
        return "month"
    return "week" if (span["last"] - span["first"]).days <= 183 else "month"


def collect(con: duckdb.DuckDBPyConnection, settings: Settings) -> ReportData:
    """Run every query of the report on a connection over one published snapshot."""
    period = timeline_period(con)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE top_dyads AS " + TOP_DYADS_SQL, [settings.report_top_dyads]
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE top_entities AS " + TOP_ENTITIES_SQL,
        [list(settings.report_network_labels), settings.report_top_entities],
    )
    return ReportData(
        totals=one(con, TOTALS_SQL),
        runs=records(con, RUNS_SQL, [50]),
        period=period,
        timeline_counts=records(con, TIMELINE_COUNTS_SQL, [period]),
        timeline_events=records(con, TIMELINE_EVENTS_SQL, [settings.report_timeline_events]),
        top_dyads=records(con, "SELECT * FROM top_dyads"),
        dyad_months=records(con, DYAD_MONTHS_SQL),
        entities=records(con, "SELECT * FROM top_entities"),
        edges=records(con, NETWORK_EDGES_SQL, [settings.report_top_edges]),
        sites=records(con, SITES_SQL, {"top": settings.report_top_sites}),
        reference_dates=records(con, REFERENCE_DATES_SQL),
        event_dating=records(con, EVENT_DATING_SQL),
        segments=records(con, SEGMENTS_SQL),
        rejects=records(con, REJECTS_SQL),
        reject_examples=records(con, REJECT_EXAMPLES_SQL),
        metadata_issues=records(con, METADATA_ISSUES_SQL),
        limits={
            "timeline events": settings.report_timeline_events,
            "state pairs": settings.report_top_dyads,
            "entities (" + ", ".join(settings.report_network_labels) + ")": (
                settings.report_top_entities
            ),
            "edges": settings.report_top_edges,
            "sites": settings.report_top_sites,
        },
    )
