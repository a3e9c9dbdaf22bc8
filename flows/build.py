"""The build flow: raw/ -> validated Parquet tables and a DuckDB catalog in warehouse/.

Thin on purpose: each task calls one function of ``chronicle.build``. Documents are
processed in batches (one task per batch, never per document), on a task runner chosen
per run: this process plus worker processes on this machine (default), threads in this
process, or a Dask cluster. Every runner gives the same warehouse: rows are sorted by key when the
snapshot is assembled.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from prefect import Task, flow, get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.futures import PrefectFuture, as_completed
from prefect.logging.handlers import APILogHandler
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from chronicle import build as core
from chronicle.config import RUNNERS, Settings
from chronicle.plan import BuildPlan, Unit
from chronicle.report import WrittenReport, publish_report
from chronicle.stages import StageFailed
from chronicle.validation import ValidationFailed
from chronicle.warehouse import Warehouse, WarehouseLocked, is_disk_full
from flows import report
from flows.local import merge_failures
from flows.report import FAILURES_KEY, REPORT_KEY, STAGE_FAILURES_KEY, SUMMARY_KEY, TABLE_KEY

__all__ = [
    "FAILURES_KEY",
    "REPORT_KEY",
    "RUNNERS",
    "STAGE_FAILURES_KEY",
    "SUMMARY_KEY",
    "TABLE_KEY",
    "build_warehouse",
    "progress_listeners",
]

# Loggers whose records reach the Prefect run logs (what PREFECT_LOGGING_EXTRA_LOGGERS
# does, but independent of when Prefect read its settings).
LIBRARY_LOGGERS = ("chronicle", "spacy")
# A worker process costs seconds to start (Python, Prefect, spaCy's model): with the
# default worker count, each worker gets at least this many documents, else the run
# stays in one process. Without the NLP stage documents are much cheaper.
MIN_DOCS_PER_PROCESS = {"nlp": 20, "plain": 250}

# Called with (documents done, documents to do) as batches finish: the CLI's progress bar.
ProgressListener = Callable[[int, int], None]
progress_listeners: list[ProgressListener] = []


class _RunLogHandler(APILogHandler):
    """Prefect's API log handler, for records emitted inside a flow or task run only.

    Outside a run (``chronicle extract``, the Prefect-free ``build``) records are
    dropped here instead of warning that there is no run to attach them to.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        from prefect.context import FlowRunContext, TaskRunContext

        in_run = FlowRunContext.get() is not None or TaskRunContext.get() is not None
        return in_run and bool(super().filter(record))


def route_library_logs() -> None:
    """Send Chronicle's and spaCy's log records (INFO and up) to the run's Prefect logs."""
    for name in LIBRARY_LOGGERS:
        library_logger = logging.getLogger(name)
        if not any(isinstance(h, APILogHandler) for h in library_logger.handlers):
            library_logger.addHandler(_RunLogHandler())
        if library_logger.level == logging.NOTSET:
            library_logger.setLevel(logging.INFO)


def resolve_workers(workers: int) -> int:
    """0 means one worker per CPU core."""
    return workers if workers > 0 else os.cpu_count() or 1


def _start_worker(load_model: bool, model: str = "") -> None:
    """Once per worker process: route logs, load the spaCy pipeline before the first batch."""
    route_library_logs()
    if not load_model:
        return
    try:
        from chronicle.nlp import load_pipeline

        load_pipeline(model or None)  # cached per process: every batch of this worker reuses it
    except Exception as exc:  # the entities stage reports it with the documents concerned
        logging.getLogger("chronicle.worker").warning("spaCy pipeline not loaded: %s", exc)


def make_task_runner(
    runner: str, workers: int, dask_address: str, load_model: bool, model: str = ""
) -> TaskRunner:
    """The task runner for the batches of one run."""
    if runner == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if runner == "process":
        return ProcessPoolTaskRunner(
            max_workers=workers, initializer=_start_worker, initargs=(load_model, model)
        )
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # One single-threaded worker process per core: spaCy holds the GIL.
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    raise ValueError(f"unknown runner {runner!r}; choose one of {', '.join(RUNNERS)}")


@contextmanager
def _api_shared_with_workers() -> Iterator[None]:
    """Worker processes must report to the API this process uses, not start their own.

    On the ephemeral API the server's URL is only known to this process; while the
    runner starts its workers it is in the environment they inherit.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        os.environ["PREFECT_API_URL"] = str(client.api_url).rstrip("/")
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


@dataclasses.dataclass(frozen=True)
class BatchPolicy:
    runner: str
    workers: int
    batch_size: int  # documents per batch


def batch_policy(documents: int, settings: Settings) -> BatchPolicy:
    """How a run's documents are cut into batches and spread over workers (one place).

    Worker processes only where they pay (each costs seconds to start and load spaCy),
    a single worker runs in this process, and four batches per worker let a worker that
    starts late or gets long pages take fewer.
    """
    runner = settings.runner
    workers = max(1, min(resolve_workers(settings.workers), documents))
    if runner == "process" and settings.workers <= 0:  # auto: only where it pays
        per_worker = MIN_DOCS_PER_PROCESS["nlp" if "entities" in settings.stages else "plain"]
        workers = min(workers, max(1, documents // per_worker))
    if runner == "process" and workers == 1:
        runner = "thread"  # one worker: no process to start, no model to load twice
    size = core.effective_batch_size(documents, settings.batch_size, 2 * workers)
    return BatchPolicy(runner, workers, size)


def _retry_unless_stage_failed(task: Task[..., Any], task_run: TaskRun, state: State) -> bool:
    """Retry I/O hiccups; a stage that raised on its input, or a full disk, would again."""
    try:
        state.result()
    except StageFailed:
        return False
    except Exception as exc:
        return not is_disk_full(exc)
    return True


def _discard_unless_published(state: core.RunState) -> None:
    """A run that did not publish removes its staging (and an unpublished snapshot)."""
    current = state.staged.warehouse.current()
    if current is None or current.name != state.run_id:
        state.staged.discard()


# Unchanged files are skipped by content hash in the plan (the warehouse manifest is
# the cache), so Prefect's own result cache is off: staged outputs live per run.
@task(
    name="plan",
    retries=2,
    retry_delay_seconds=1,
    retry_condition_fn=_retry_unless_stage_failed,
    cache_policy=NO_CACHE,
)
def plan_task(settings: Settings) -> core.RunState:
    return core.plan_run(settings)


# Run state and batches are passed inside quote(): Prefect would otherwise walk every
# unit of the plan looking for futures, once per task (seconds per task at 20k files).
@task(
    name="process-batch",
    retries=2,
    retry_delay_seconds=1,
    retry_condition_fn=_retry_unless_stage_failed,
    cache_policy=NO_CACHE,
)
def process_batch_task(state: core.RunState, batch_no: int, units: list[Unit]) -> core.BatchReport:
    route_library_logs()  # idempotent; worker processes and Dask workers start without it
    return core.process_batch(state, batch_no, units)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(state: core.RunState, reports: list[core.BatchReport]) -> core.RunSummary:
    return core.finish_run(state, reports)


@task(name="html-report", cache_policy=NO_CACHE)
def html_report_task(settings: Settings, run_id: str) -> WrittenReport | str:
    """The published snapshot's HTML report, or why it could not be written: the snapshot
    is already published, so a report that fails is logged, never raised."""
    try:
        return publish_report(settings.warehouse_dir, run_id, settings)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        get_run_logger().warning("HTML report of run %s not written: %s", run_id, reason)
        return reason


def _notify(done: int, total: int) -> None:
    for listener in progress_listeners:
        listener(done, total)


def _process_batches(
    state: core.RunState, settings: Settings, logger: logging.LoggerAdapter
) -> tuple[list[core.BatchReport], str]:
    """Run every batch on the chosen runner; returns the reports and how they ran."""
    todo = len(state.plan.to_process)
    if not todo:
        return [], "no documents to process"
    policy = batch_policy(todo, settings)
    runner, workers = policy.runner, policy.workers
    batches = deque(enumerate(state.plan.batches(policy.batch_size)))
    how = f"{len(batches)} batch(es) on {runner} runner, {workers} worker(s)" + (
        f" (this process and {workers - 1} worker process(es))" if runner == "process" else ""
    )
    logger.info("processing %d documents: %s", todo, how)
    # Workers need what a batch needs, not the whole plan (tens of MB at 20k files).
    batch_state = dataclasses.replace(state, plan=BuildPlan(units=[]))
    load_model = "entities" in settings.stages
    reports: list[core.BatchReport] = []
    failures: list[StageFailed] = []
    _notify(0, todo)
    # prefect-dask turns quote() wrappers into plain tuples; without the plan, walking a
    # batch's parameters is cheap anyway.
    wrap: Callable[[Any], Any] = (lambda value: value) if runner == "dask" else quote
    with ExitStack() as stack:
        if runner != "thread":
            stack.enter_context(_api_shared_with_workers())
        slots: list[tuple[TaskRunner, int]] = []
        if runner == "process":
            # This process is one of the workers: it starts at once, while each worker
            # process takes seconds to start (Python, Prefect, spaCy's model).
            slots.append((stack.enter_context(ThreadPoolTaskRunner(max_workers=1)), 1))
            pool = make_task_runner(
                runner, workers - 1, settings.dask_address, load_model, settings.spacy_model
            )
            slots.append((stack.enter_context(pool), workers - 1))
        else:
            pool = make_task_runner(
                runner, workers, settings.dask_address, load_model, settings.spacy_model
            )
            slots.append((stack.enter_context(pool), workers))
        running: dict[PrefectFuture[Any], TaskRunner] = {}

        def submit(task_runner: TaskRunner) -> None:
            no, batch = batches.popleft()
            parameters = {"state": wrap(batch_state), "batch_no": no, "units": wrap(batch)}
            running[task_runner.submit(process_batch_task, parameters)] = task_runner

        for task_runner, count in slots:
            for _ in range(min(count, len(batches))):
                submit(task_runner)
        while running:  # a runner that finishes a batch gets the next one
            future = next(as_completed(list(running)))
            task_runner = running.pop(future)
            if batches:
                submit(task_runner)
            try:
                batch_report = future.result()
            except StageFailed as exc:
                logger.error("%s", exc)
                failures.append(exc)
                continue
            reports.append(batch_report)
            _notify(sum(r.units for r in reports), todo)
    if failures:
        create_markdown_artifact(
            key=SUMMARY_KEY,
            markdown=report.stage_failure_markdown(state.run_id, failures),
            description=f"Chronicle build {state.run_id} failed: nothing was published",
        )
        create_table_artifact(
            key=STAGE_FAILURES_KEY,
            table=report.stage_failure_rows(failures),
            description=f"Documents of run {state.run_id} a stage failed on",
        )
        raise merge_failures(failures)
    return sorted(reports, key=lambda r: r.batch_no), how


@flow(name="chronicle-build", log_prints=True)
def build_warehouse(
    raw_dir: str = "raw",
    warehouse_dir: str = "warehouse",
    batch_size: int | None = None,
    max_file_bytes: int | None = None,
    lock_wait_s: float | None = None,
    stages: list[str] | None = None,
    workers: int | None = None,
    runner: str | None = None,
    dask_address: str | None = None,
    skip_if_locked: bool = False,
    verify: bool | None = None,
) -> dict:
    """Build or update the warehouse from raw/; returns the run summary.

    ``workers``: parallel batch workers (0 or None: one per core, fewer for small runs).
    ``runner``: process (default), thread or dask; ``dask_address``: a Dask scheduler
    (default: a local cluster). ``skip_if_locked``: when another build holds the
    warehouse, log why and skip instead of failing (scheduled runs). ``verify``: read and
    hash every raw file, not only those whose stat changed.
    """
    route_library_logs()
    logger = get_run_logger()
    settings = Settings.from_env().with_overrides(
        raw_dir=Path(raw_dir),
        warehouse_dir=Path(warehouse_dir),
        batch_size=batch_size,
        max_file_bytes=max_file_bytes,
        lock_wait_s=lock_wait_s,
        stages=tuple(stages) if stages is not None else None,
        workers=workers,
        runner=runner,
        dask_address=dask_address,
        verify=verify,
    )
    if settings.runner not in RUNNERS:
        raise ValueError(f"unknown runner {settings.runner!r}; choose one of {', '.join(RUNNERS)}")
    with ExitStack() as stack:
        try:
            stack.enter_context(Warehouse(settings.warehouse_dir).lock(settings.lock_wait_s))
        except WarehouseLocked as exc:
            if not skip_if_locked:
                raise
            logger.warning("skipped: %s", exc)
            create_markdown_artifact(
                key=SUMMARY_KEY,
                markdown=f"# Chronicle build skipped\n\n{exc}.",
                description="Chronicle build skipped: another build holds the warehouse",
            )
            return {"skipped": str(exc)}
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
        stack.callback(_discard_unless_published, state)
        reports, how = _process_batches(state, settings, logger)
        try:
            summary = publish_task(quote(state), quote(reports))
        except ValidationFailed as exc:
            create_table_artifact(
                key=FAILURES_KEY,
                table=[f.__dict__ for f in exc.failures[:1000]],
                description=f"Validation failures of run {state.run_id}: nothing was published",
            )
            create_markdown_artifact(
                key=SUMMARY_KEY,
                markdown=report.validation_failure_markdown(state.run_id, exc.failures),
                description=f"Chronicle build {state.run_id} failed validation",
            )
            raise
        # Still under the lock: the report describes the snapshot just published.
        html_report = html_report_task(settings, summary.run_id)
    create_markdown_artifact(
        key=SUMMARY_KEY,
        markdown=report.success_markdown(summary, settings.warehouse_dir, how, html_report),
        description=f"Chronicle build {summary.run_id}",
    )
    if isinstance(html_report, WrittenReport):
        create_link_artifact(
            key=REPORT_KEY,
            link=html_report.path.as_uri(),
            link_text=f"HTML report of run {summary.run_id}",
            description=f"Chronicle build {summary.run_id}: timeline, dyads, entity network",
        )
    create_table_artifact(
        key=TABLE_KEY,
        table=report.count_rows(summary),
        description=f"Counts of Chronicle build {summary.run_id}",
    )
    logger.info("published snapshot %s", summary.snapshot)
    return summary.__dict__
