"""Benchmark incremental snapshots: what a run that adds 10 pages to N pages writes.

For each N: a full build of N synthetic pages (``--stages none`` by default), then a
run that adds ``--add`` pages, then a run with nothing new. Each build is the
Prefect-free ``chronicle.build.build`` in its own process (flow overhead and Prefect's
start-up are not in it). Per build it reports the build seconds, the bytes the process
wrote (``wchar`` of /proc/<pid>/io: every write call, staging and catalog included),
and the data files (tables and manifest) of the new snapshot: written (a new inode) or
shared with the previous snapshot (the same inode). Prints a Markdown table.

    .venv/bin/python bench/bench_snapshots.py --sizes 2000 10000
    .venv/bin/python bench/bench_snapshots.py --sizes 10000 --repo ../other-checkout

``--repo`` runs the builds with another checkout's code (say, before a change), on the
same pages. ``step`` toggles the added pages (adds them when absent, removes them when
present) and runs one build: a repeatable 10-page change for side-by-side timing:

    .venv/bin/python bench/bench_snapshots.py step --raw DIR --warehouse DIR
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.corpus import synthetic_page  # noqa: E402

ADDED = "added"  # folder of the pages an incremental run adds

BUILD = """
import json, sys
from pathlib import Path
from chronicle.build import build
from chronicle.config import Settings
stages = tuple(s for s in sys.argv[3].split(",") if s and s != "none")
summary = build(Settings.from_env().with_overrides(
    raw_dir=Path(sys.argv[1]), warehouse_dir=Path(sys.argv[2]), stages=stages))
io = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
print("RESULT", json.dumps({"seconds": summary.duration_s, "wchar": int(io["wchar"]),
    "snapshot": summary.snapshot, "new": summary.files_new, "removed": summary.files_removed}))
"""


def write_pages(raw: Path, numbers: range, folder: str | None = None, seed: int = 7) -> int:
    """Synthetic pages of 3-8 KB in 100 site folders (or all in ``folder``)."""
    rng = random.Random(seed + numbers.start)
    total = 0
    for n in numbers:
        site = raw / (folder or f"site{n % 100:02d}")
        site.mkdir(parents=True, exist_ok=True)
        text = synthetic_page(n, rng.randint(3000, 8000))
        (site / f"page{n:06d}.txt").write_text(text)
        total += len(text.encode())
    return total


def run_build(repo: Path, raw: Path, warehouse: Path, stages: str) -> dict:
    """One build in its own process with ``repo``'s code: its result and wall seconds."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(raw), str(warehouse), stages],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    out = json.loads(result.stdout.split("RESULT", 1)[1])
    out["wall"] = time.perf_counter() - started
    return out


def table_files(snapshot: Path) -> dict[Path, os.stat_result]:
    """Every data file of a snapshot: tables and manifest (one file or a folder of them;
    not the catalog or ``_snapshot.json``)."""
    paths = [*snapshot.glob("*/*.parquet"), *snapshot.glob("_manifest.parquet")]
    return {path.relative_to(snapshot): path.stat() for path in paths}


def shared_with(snapshot: Path, previous: Path | None) -> dict[str, int]:
    """Table files of ``snapshot`` written anew vs shared (same inode) with ``previous``."""
    files = table_files(snapshot)
    old = {stat.st_ino for stat in table_files(previous).values()} if previous else set()
    written = [stat for stat in files.values() if stat.st_ino not in old]
    return {
        "files": len(files),
        "written": len(written),
        "linked": len(files) - len(written),
        "bytes_written": sum(stat.st_size for stat in written),
        "bytes": sum(stat.st_size for stat in files.values()),
    }


def measure(repo: Path, raw: Path, warehouse: Path, stages: str) -> dict:
    previous = (warehouse / "current").resolve() if (warehouse / "current").exists() else None
    result = run_build(repo, raw, warehouse, stages)
    result.update(shared_with(warehouse / "snapshots" / result["snapshot"], previous))
    return result


def toggle_step(raw: Path, warehouse: Path, stages: str, add: int, repo: Path) -> dict:
    """Add the ``add`` pages when absent, remove them when present, then build once."""
    added = raw / ADDED
    if added.exists():
        shutil.rmtree(added)
    else:
        write_pages(raw, range(10**7, 10**7 + add), folder=ADDED)
    return measure(repo, raw, warehouse, stages)


def row(n: int, what: str, result: dict) -> str:
    mb = 1e6
    return (
        f"| {n:,} | {what} | {result['seconds']:.2f} s | {result['wall']:.1f} s "
        f"| {result['wchar'] / mb:.1f} MB | {result['bytes_written'] / mb:.2f} MB "
        f"| {result['written']} / {result['linked']} | {result['bytes'] / mb:.1f} MB |"
    )


def main() -> None:
    if sys.argv[1:2] == ["step"]:
        step = argparse.ArgumentParser(description="one toggle step: add or remove pages, build")
        step.add_argument("step")
        step.add_argument("--raw", type=Path, required=True)
        step.add_argument("--warehouse", type=Path, required=True)
        step.add_argument("--stages", default="none")
        step.add_argument("--add", type=int, default=10)
        step.add_argument("--repo", type=Path, default=REPO)
        args = step.parse_args()
        result = toggle_step(args.raw, args.warehouse, args.stages, args.add, args.repo)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--stages", default="none", help="as chronicle run --stages")
    parser.add_argument("--add", type=int, default=10, help="pages the incremental run adds")
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose code builds")
    parser.add_argument("--work", type=Path, default=None, help="keep the folders here")
    args = parser.parse_args()
    print(
        f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, stages: {args.stages}, "
        f"load average: {os.getloadavg()[0]:.1f}, code: {args.repo.resolve().name}"
    )
    print(
        "| N | run | build | wall | written (all writes) | data files written "
        "| files written / linked | snapshot data |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"chronicle-snapshots-{n}-", dir=args.work))
        try:
            raw, warehouse = work / "raw", work / "warehouse"
            write_pages(raw, range(n))
            print(row(n, "full build", measure(args.repo, raw, warehouse, args.stages)))
            added = toggle_step(raw, warehouse, args.stages, args.add, args.repo)
            print(row(n, f"+{args.add} pages", added))
            print(row(n, "no change", measure(args.repo, raw, warehouse, args.stages)), flush=True)
        finally:
            if args.work is None:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
