"""Report files: written whole or not at all, pinned to a snapshot, old ones pruned."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from chronicle.config import Settings
from chronicle.report import LATEST, prune_reports, publish_report, write_atomic


def test_write_atomic_replaces_the_whole_file_or_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "latest.html"
    assert write_atomic(target, "first") == 5
    write_atomic(target, "second é")
    assert target.read_text() == "second é"
    blocked = tmp_path / "reports" / "blocked.html"
    blocked.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError):
        write_atomic(blocked, "never")
    assert blocked.is_dir()
    assert sorted(p.name for p in target.parent.iterdir()) == ["blocked.html", "latest.html"]


def test_prune_keeps_the_newest_run_reports_and_latest(tmp_path: Path) -> None:
    for run in ("20260101T000000Z-aaaaaa", "20260102T000000Z-bbbbbb", "20260103T000000Z-cccccc"):
        (tmp_path / f"{run}.html").write_text(run)
    (tmp_path / LATEST).write_text("latest")
    (tmp_path / ".latest.html.k1ll3d.tmp").write_text("half a report")
    prune_reports(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "20260102T000000Z-bbbbbb.html",
        "20260103T000000Z-cccccc.html",
        LATEST,
    ]


def kpi(html: str, name: str) -> str:
    match = re.search(rf'data-kpi="{name}"><span class="value">([^<]*)<', html)
    assert match, name
    return match.group(1)


def test_a_run_report_describes_that_run_snapshot(sample_warehouse: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    shutil.copytree(sample_warehouse, warehouse, symlinks=True)
    runs = sorted(p.name for p in (warehouse / "snapshots").iterdir())
    assert len(runs) == 2  # the first run (four pages) and the second
    latest_before = (warehouse / "reports" / LATEST).read_bytes()
    written = publish_report(warehouse, runs[0], Settings())
    old = written.path.read_text()
    assert written.path == warehouse / "reports" / f"{runs[0]}.html"
    assert written.latest is None  # not the published snapshot: latest.html stays
    assert (warehouse / "reports" / LATEST).read_bytes() == latest_before
    assert kpi(old, "documents") == "4" and kpi(old, "rejects") == "0"
    assert kpi(latest_before.decode(), "documents") == "5"
    assert kpi(latest_before.decode(), "rejects") == "2"
    assert f"Published snapshot <code>{runs[0]}</code>" in old
