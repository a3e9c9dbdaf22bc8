"""Shared fixtures: a real Prefect API for the whole session, sample pages, table readers."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_RAW = REPO / "raw"


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A real (ephemeral) Prefect API with its own home, shared by the flow tests."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def sample_raw(tmp_path: Path) -> Path:
    """A copy of the five sample pages, safe to modify."""
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    for path in raw.rglob("*"):
        path.chmod(0o644)
    return raw


@pytest.fixture(scope="session")
def sample_warehouse(prefect_api: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample pages built by the real flow in two runs: four pages first, then the
    fifth plus an empty file and a byte-identical copy (two rejects). Read-only."""
    from flows.build import build_warehouse

    root = tmp_path_factory.mktemp("sample-warehouse")
    raw, warehouse = root / "raw", root / "warehouse"
    shutil.copytree(SAMPLE_RAW, raw)
    pages = sorted(raw.iterdir())
    held_back = root / pages[-1].name
    pages[-1].rename(held_back)
    build_warehouse(raw_dir=str(raw), warehouse_dir=str(warehouse), runner="thread")
    held_back.rename(pages[-1])
    (raw / "empty.txt").write_bytes(b"")
    shutil.copyfile(pages[0], raw / "zz-copy.txt")
    build_warehouse(raw_dir=str(raw), warehouse_dir=str(warehouse), runner="thread")
    return warehouse


def read_tables(warehouse: Path, drop: tuple[str, ...] = ("run_id",)) -> dict[str, pa.Table]:
    """Every published data table (runs excluded), sorted, without run-specific columns."""
    from schemas import TABLES

    tables = {}
    for name, spec in TABLES.items():
        if spec.scope == "log":
            continue
        table = pq.read_table(warehouse / "current" / name)
        table = table.drop_columns([c for c in drop if c in table.column_names])
        tables[name] = table.sort_by([(k, "ascending") for k in spec.key])
    return tables


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs of the test's own, to fill (mounting needs root: skipped otherwise)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to fill (needs root): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave_bytes: int) -> Path:
    """Fill ``disk`` until about ``leave_bytes`` are free; returns the filler file."""
    filler = disk / "filler"
    remaining = max(shutil.disk_usage(disk).free - leave_bytes, 0)
    with filler.open("wb") as f:
        while remaining > 0:  # written, not sparse: tmpfs counts written pages
            chunk = min(remaining, 1 << 20)
            f.write(b"\0" * chunk)
            remaining -= chunk
    return filler
