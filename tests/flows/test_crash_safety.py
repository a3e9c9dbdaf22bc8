"""kill -9 during publish leaves the previous warehouse readable; the next run converges."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, read_tables
from tests.corpus import write_synthetic

pytestmark = [pytest.mark.usefixtures("prefect_api"), pytest.mark.slow]


def run_build(raw: Path, warehouse: Path) -> dict:
    from flows.build import build_warehouse

    return build_warehouse(raw_dir=str(raw), warehouse_dir=str(warehouse))


def start_cli_build(raw: Path, warehouse: Path, home: Path) -> subprocess.Popen:
    """The real CLI in its own process group, on the test's running Prefect API."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": PREFECT_API_URL.value()}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "run",
            "--raw",
            str(raw),
            "--warehouse",
            str(warehouse),
            "--batch-size",
            "20",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes its server too
    )


def test_kill_during_publish_keeps_previous_snapshot(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    warehouse = tmp_path / "warehouse"
    write_synthetic(raw, 40)
    run_build(raw, warehouse)
    before_target = os.readlink(warehouse / "current")
    before = read_tables(warehouse, drop=())

    write_synthetic(raw, 60, start=40)  # every stage runs, the entity step included
    (raw / "site00" / "page000000.txt").write_text("Rewritten page\nWith new text.\n")
    process = start_cli_build(raw, warehouse, tmp_path / "prefect-home")
    staging = warehouse / ".staging"
    deadline = time.monotonic() + 180
    killed_during_publish = False
    while time.monotonic() < deadline and process.poll() is None:
        if any(staging.glob("*/snapshot")):  # assembling the new snapshot: publish phase
            os.killpg(process.pid, signal.SIGKILL)
            killed_during_publish = True
            break
        time.sleep(0.002)
    process.wait(timeout=60)
    assert killed_during_publish, process.stderr.read().decode()[-2000:] if process.stderr else ""

    # Readers still see the previous complete snapshot, through files and the catalog.
    assert os.readlink(warehouse / "current") == before_target
    assert read_tables(warehouse, drop=()) == before
    import duckdb

    con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(40,)]
    con.close()

    # The next run converges to what an uninterrupted run gives.
    summary = run_build(raw, warehouse)
    assert summary["files_new"] == 60 and summary["files_changed"] == 1
    assert not any(staging.glob("*"))
    fresh = tmp_path / "fresh"
    run_build(raw, fresh)
    assert read_tables(warehouse) == read_tables(fresh)
