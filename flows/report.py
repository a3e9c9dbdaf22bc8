"""The run report: what a build did, in Markdown and table rows for Prefect artifacts.

Kept apart from the flow so the CLI, tests and other tools can build the same report
from a published warehouse. Sections for optional tables (entities, events) appear
once the published catalog has them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from chronicle.build import RunSummary
from chronicle.stages import StageFailed
from chronicle.validation import Failure
from chronicle.warehouse import Warehouse

# Stable artifact keys: Prefect shows each key's history across runs.
SUMMARY_KEY = "chronicle-build-summary"
TABLE_KEY = "chronicle-build-counts"
FAILURES_KEY = "chronicle-validation-failures"
STAGE_FAILURES_KEY = "chronicle-stage-failures"

TOP_ENTITIES = 10

TOP_ENTITIES_SQL = f"""
SELECT name, label, mention_count, doc_count
FROM entities
ORDER BY mention_count DESC, doc_count DESC, name, entity_id
LIMIT {TOP_ENTITIES}
"""

# Dated events only: an event without a start date has no month.
EVENTS_PER_MONTH_SQL = """
SELECT strftime(date_start, '%Y-%m') AS month, event_type, count(*) AS events
FROM events
WHERE date_start IS NOT NULL
GROUP BY ALL
ORDER BY month, event_type
"""


def _md_cell(value: object) -> str:
    """A value that cannot break a Markdown table row."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[tuple[Any, ...]], align: str) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
        *("| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows),
    ]


def _catalog_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables and views the published catalog holds."""
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {row[0] for row in rows}


def warehouse_sections(warehouse_dir: Path) -> list[str]:
    """Markdown for the stage outputs: top entities and dated events per month."""
    con = Warehouse(warehouse_dir).connect()
    lines: list[str] = []
    try:
        tables = _catalog_tables(con)
        if "entities" in tables:
            top = con.execute(TOP_ENTITIES_SQL).fetchall()
            if top:
                lines += ["", f"## Top {TOP_ENTITIES} entities", ""]
                lines += _md_table(["entity", "label", "mentions", "documents"], top, "llrr")
        if "events" in tables:
            per_month = con.execute(EVENTS_PER_MONTH_SQL).fetchall()
            if per_month:
                lines += ["", "## Dated events per month", ""]
                lines += _md_table(["month", "event type", "events"], per_month, "llr")
    finally:
        con.close()
    return lines


def success_markdown(summary: RunSummary, warehouse_dir: Path, workers: str) -> str:
    """The report of a published run."""
    lines = [summary.to_markdown(), "", f"Validation: every check passed. Workers: {workers}."]
    lines += warehouse_sections(warehouse_dir)
    return "\n".join(lines)


def count_rows(summary: RunSummary) -> list[dict[str, Any]]:
    """The run's counts as table-artifact rows."""
    return (
        [{"what": f"files {k}", "count": v} for k, v in summary.file_counts().items()]
        + [{"what": f"rejected: {k}", "count": v} for k, v in summary.rejected_by_reason.items()]
        + [{"what": f"rows: {k}", "count": v} for k, v in summary.table_rows.items()]
    )


def stage_failure_markdown(run_id: str, failures: list[StageFailed]) -> str:
    """Which stage failed on which documents; nothing was published."""
    lines = [
        f"# Chronicle build `{run_id}` failed",
        "",
        "A stage raised, so **nothing was published**; the previous snapshot stays current.",
        "Fix the stage or move the documents out of raw/, then run again.",
        "",
    ]
    by_stage: dict[str, list[StageFailed]] = {}
    for failure in failures:
        by_stage.setdefault(failure.stage, []).append(failure)
    for stage, stage_failures in by_stage.items():
        paths = sorted(path for f in stage_failures for path in f.source_paths)
        errors = sorted({f"{type(f.cause).__name__}: {f.cause}" for f in stage_failures})
        lines += [
            f"## Stage `{stage}`: {len(paths)} document(s)",
            "",
            *(f"Error: `{_md_cell(error)}`" for error in errors),
            "",
            *(f"- `{path}`" for path in paths),
            "",
        ]
    return "\n".join(lines)


def stage_failure_rows(failures: list[StageFailed]) -> list[dict[str, Any]]:
    return [
        {
            "stage": failure.stage,
            "source_path": path,
            "error": f"{type(failure.cause).__name__}: {failure.cause}",
        }
        for failure in failures
        for path in failure.source_paths
    ]


def validation_failure_markdown(run_id: str, failures: list[Failure]) -> str:
    """Validation failures by table and check; nothing was published."""
    by_check = Counter((f.table, f.check, f.column or "*") for f in failures)
    lines = [
        f"# Chronicle build `{run_id}` failed validation",
        "",
        f"{len(failures)} failure(s): **nothing was published**; the previous snapshot "
        f"stays current. The table artifact `{FAILURES_KEY}` lists them.",
        "",
        *_md_table(
            ["table", "check", "column", "failures"],
            [(*key, n) for key, n in sorted(by_check.items())],
            "lllr",
        ),
    ]
    return "\n".join(lines)
