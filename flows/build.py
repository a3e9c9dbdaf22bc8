"""The build flow: raw/ -> validated Parquet tables and a DuckDB catalog in warehouse/.

Thin on purpose: each task calls one function of ``chronicle.build``. Documents are
processed in batches (one task per batch, never per document).
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from chronicle import build as core
from chronicle.config import Settings
from chronicle.plan import Unit
from chronicle.validation import ValidationFailed
from chronicle.warehouse import Warehouse

SUMMARY_KEY = "chronicle-build-summary"
TABLE_KEY = "chronicle-build-counts"
FAILURES_KEY = "chronicle-validation-failures"


# Unchanged files are skipped by content hash in the plan (the warehouse manifest is
# the cache), so Prefect's own result cache is off: staged outputs live per run.
@task(name="plan", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def plan_task(settings: Settings) -> core.RunState:
    return core.plan_run(settings)


# Run state and batches are passed inside quote(): Prefect would otherwise walk every
# unit of the plan looking for futures, once per task (seconds per task at 20k files).
@task(name="process-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def process_batch_task(state: core.RunState, batch_no: int, units: list[Unit]) -> core.BatchReport:
    return core.process_batch(state, batch_no, units)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(state: core.RunState, reports: list[core.BatchReport]) -> core.RunSummary:
    return core.finish_run(state, reports)


# Batches are CPU-bound Python: two threads keep I/O overlapped without holding more
# batches in memory than that.
@flow(name="chronicle-build", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=2))
def build_warehouse(
    raw_dir: str = "raw",
    warehouse_dir: str = "warehouse",
    batch_size: int | None = None,
    max_file_bytes: int | None = None,
    lock_wait_s: float | None = None,
    stages: list[str] | None = None,
) -> dict:
    """Build or update the warehouse from raw/; returns the run summary."""
    logger = get_run_logger()
    settings = Settings.from_env().with_overrides(
        raw_dir=Path(raw_dir),
        warehouse_dir=Path(warehouse_dir),
        batch_size=batch_size,
        max_file_bytes=max_file_bytes,
        lock_wait_s=lock_wait_s,
        stages=tuple(stages) if stages is not None else None,
    )
    with Warehouse(settings.warehouse_dir).lock(settings.lock_wait_s):
        state = plan_task(settings)
        plan = state.plan
        logger.info(
            "%d files: %d new, %d changed, %d unchanged, %d removed%s",
            len(plan.units),
            len(plan.new),
            len(plan.changed),
            len(plan.unchanged),
            len(plan.removed),
            f" (full rebuild: {plan.full_rebuild})" if plan.full_rebuild else "",
        )
        futures = [
            process_batch_task.submit(quote(state), no, quote(batch))
            for no, batch in enumerate(plan.batches(settings.batch_size))
        ]
        reports = [future.result() for future in futures]
        try:
            summary = publish_task(quote(state), quote(reports))
        except ValidationFailed as exc:
            create_table_artifact(
                key=FAILURES_KEY,
                table=[f.__dict__ for f in exc.failures[:1000]],
                description=f"Validation failures of run {state.run_id}: nothing was published",
            )
            raise
    create_markdown_artifact(
        key=SUMMARY_KEY,
        markdown=summary.to_markdown(),
        description=f"Chronicle build {summary.run_id}",
    )
    create_table_artifact(
        key=TABLE_KEY,
        table=[{"what": f"files {k}", "count": v} for k, v in summary.file_counts().items()]
        + [{"what": f"rejected: {k}", "count": v} for k, v in summary.rejected_by_reason.items()]
        + [{"what": f"rows: {k}", "count": v} for k, v in summary.table_rows.items()],
        description=f"Counts of Chronicle build {summary.run_id}",
    )
    logger.info("published snapshot %s", summary.snapshot)
    return summary.__dict__
