"""The HTML report of a published snapshot: timeline, dyads, entity network, coverage.

Prefect-free, so the CLI, the build flow and tests make the same file:
``queries`` runs the SQL, ``figures`` turns rows into Plotly figures, ``page`` writes
the self-contained HTML. This module pins the snapshot and writes files atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from chronicle.config import Settings
from chronicle.report.page import render
from chronicle.report.queries import collect
from chronicle.warehouse import SNAPSHOT_INFO, SNAPSHOTS, Warehouse

REPORTS = "reports"
LATEST = "latest.html"


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    latest: Path | None
    bytes: int
    run_id: str


def report_html(warehouse_dir: Path, settings: Settings, snapshot: Path | None = None) -> str:
    """The report of one snapshot (default: the published one) as an HTML string.

    The snapshot folder is resolved once and every query reads it, so a build that
    publishes meanwhile cannot mix two snapshots into one report.
    """
    warehouse = Warehouse(warehouse_dir)
    snapshot = snapshot or warehouse.current()
    if snapshot is None:
        raise FileNotFoundError(
            f"no published snapshot in {warehouse.root}: run `chronicle run` first"
        )
    info = json.loads((snapshot / SNAPSHOT_INFO).read_text())
    con = warehouse.connect(snapshot=snapshot.name)
    try:
        data = collect(con, settings)
    finally:
        con.close()
    # The snapshot's own run is the one that published it (not a later one).
    # (by position, not by id: run ids of one second sort by their random suffix)
    ids = [r["run_id"] for r in data.runs]
    if info["run_id"] in ids:
        data.runs = data.runs[ids.index(info["run_id"]) :]
    stage_seconds = json.loads(data.run.get("stage_seconds") or "{}")
    return render(data, info, stage_seconds)


def write_atomic(path: Path, text: str) -> int:
    """Write a file whole or not at all: a temporary file beside it, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


def publish_report(warehouse_dir: Path, run_id: str, settings: Settings) -> WrittenReport:
    """After a build: ``reports/<run_id>.html`` for that run's snapshot, then ``latest.html``.

    Each file is replaced in one rename, so readers see the old report or the new one,
    never half of one. Only the newest ``keep_reports`` run reports are kept.
    """
    warehouse = Warehouse(warehouse_dir)
    text = report_html(warehouse.root, settings, warehouse.root / SNAPSHOTS / run_id)
    folder = warehouse.root / REPORTS
    path = folder / f"{run_id}.html"
    size = write_atomic(path, text)
    current = warehouse.current()
    latest = None
    if current is not None and current.name == run_id:  # a newer run may have published
        latest = folder / LATEST
        write_atomic(latest, text)
    prune_reports(folder, settings.keep_reports)
    return WrittenReport(path, latest, size, run_id)


def prune_reports(folder: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` run reports (run ids sort by time), and the
    temporary files of a build killed while writing one (builds hold the lock)."""
    runs = sorted(p for p in folder.glob("*.html") if p.name != LATEST)
    for old in [*runs[: max(len(runs) - keep, 0)], *folder.glob(".*.html.*.tmp")]:
        old.unlink(missing_ok=True)
