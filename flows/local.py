"""A build without Prefect: what ``chronicle run`` does when no Prefect server is there.

Starting Prefect's temporary server costs 15-20 s on a two-core machine, more than a run
with little to do. Without a server (no ``PREFECT_API_URL``, no ``chronicle serve``
running) the build runs its steps (chronicle.build) in this process, one batch after
another, and publishes the same warehouse: the ``runs`` table and the HTML report record
the run; only Prefect's own records (flow run, task runs, artifacts) are missing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from chronicle import build as core
from chronicle.config import Settings
from chronicle.stages import StageFailed
from chronicle.warehouse import Warehouse

logger = logging.getLogger("chronicle.local")


def merge_failures(failures: list[StageFailed]) -> StageFailed:
    """One error naming every failed document when the batches failed in the same stage."""
    first = failures[0]
    if any(f.stage != first.stage for f in failures):
        return first  # the run report lists the others
    paths = sorted(path for failure in failures for path in failure.source_paths)
    return StageFailed(first.stage, paths, first.cause)


def build_without_prefect(
    settings: Settings, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Plan, process every batch in this process, publish and write the HTML report;
    returns the run summary as the flow does. A failed run leaves nothing behind."""
    from chronicle.report import publish_report

    warehouse = Warehouse(settings.warehouse_dir)
    with warehouse.lock(settings.lock_wait_s):
        state = core.plan_run(settings)
        plan = state.plan
        logger.info(
            "%d files: %d new, %d changed, %d unchanged, %d removed",
            len(plan.units), len(plan.new), len(plan.changed), len(plan.unchanged),
            len(plan.removed),
        )  # fmt: skip
        try:
            todo = len(plan.to_process)
            reports: list[core.BatchReport] = []
            failures: list[StageFailed] = []
            for no, batch in enumerate(plan.batches(settings.batch_size)):
                try:
                    reports.append(core.process_batch(state, no, batch))
                except StageFailed as exc:  # raised below with the others: the CLI says it
                    failures.append(exc)
                if progress is not None:
                    progress(sum(r.units for r in reports), todo)
            if failures:
                raise merge_failures(failures)
            summary = core.finish_run(state, reports)
        except BaseException:
            current = warehouse.current()
            if current is None or current.name != state.run_id:
                state.staged.discard()
            raise
        try:  # the snapshot is published: a report that fails is logged, never raised
            publish_report(settings.warehouse_dir, summary.run_id, settings)
        except Exception as exc:
            logger.warning("HTML report of run %s not written: %s", summary.run_id, exc)
    return summary.__dict__
