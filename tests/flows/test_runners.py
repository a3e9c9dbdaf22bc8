"""Every runner builds the same warehouse: worker processes, a Dask cluster, threads."""

from __future__ import annotations

import os
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests.conftest import read_tables
from tests.corpus import write_synthetic

pytestmark = [pytest.mark.usefixtures("prefect_api"), pytest.mark.slow]


def run_logs(flow_run_id: UUID, expect: str, count: int = 1, timeout_s: float = 30.0) -> list[str]:
    """The messages of a flow run's logs (its tasks' included), read back from the API.

    Logs are shipped in the background: wait until ``count`` messages hold ``expect``.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while True:
            logs = client.read_logs(
                LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])), limit=200
            )
            messages = [f"{log.name}: {log.message}" for log in logs]
            arrived = sum(expect in m for m in messages)
            if arrived >= count or time.monotonic() > deadline:
                return messages
            time.sleep(0.5)


def test_process_pool_and_dask_cluster_build_the_same_warehouse(
    sample_raw: Path, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    from flows.build import build_warehouse

    write_synthetic(sample_raw, 10, sites=3)  # 15 pages: several batches per worker
    by_process = tmp_path / "process"
    state = build_warehouse(
        raw_dir=str(sample_raw), warehouse_dir=str(by_process), workers=2, return_state=True
    )
    assert state.is_completed(), state.message
    assert state.result()["files_new"] == 15
    # Chronicle's own log records reach the run logs, also from the worker processes.
    # 15 documents in 8 batches (four per worker), shared by this process and a worker
    # process; each batch logs the process that ran it.
    messages = run_logs(state.state_details.flow_run_id, "units processed by process", 8)
    assert any(m.startswith("chronicle.build: run ") and "planned" in m for m in messages)
    assert any("8 batch(es) on process runner, 2 worker(s)" in m for m in messages), messages
    pids = {
        int(m.rsplit(" ", 1)[1])
        for m in messages
        if m.startswith("chronicle.build:") and "units processed by process" in m
    }
    assert len(pids) == 2 and os.getpid() in pids, messages

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        by_dask = tmp_path / "dask"
        summary = build_warehouse(
            raw_dir=str(sample_raw),
            warehouse_dir=str(by_dask),
            runner="dask",
            dask_address=cluster.scheduler_address,
        )
        assert summary["files_new"] == 15
    process_tables, dask_tables = read_tables(by_process), read_tables(by_dask)
    assert process_tables["mentions"].num_rows > 0
    for name, table in process_tables.items():
        assert dask_tables[name].equals(table), name
