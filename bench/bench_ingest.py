"""Benchmark the build flow: throughput, no-change re-run and peak memory.

Generates N synthetic raw pages (3-8 KB, 100 site folders) and runs the real CLI
(`chronicle run`: without a Prefect server it builds without Prefect, with
PREFECT_API_URL set it runs the Prefect flow there) in a subprocess per build, so
peak memory is the build's own. ``--stages none`` measures ingest + validate +
publish alone; the default runs every stage (article extraction, timexes). Prints
a Markdown table.

    .venv/bin/python bench/bench_ingest.py --stages none --sizes 5000 20000
    .venv/bin/python bench/bench_ingest.py --sizes 2000
"""

from __future__ import annotations

import argparse
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


def write_pages(raw: Path, count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for n in range(count):
        folder = raw / f"site{n % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = synthetic_page(n, rng.randint(3000, 8000))
        (folder / f"page{n:06d}.txt").write_text(text)
        total += len(text.encode())
    return total


def timed_build(
    raw: Path, warehouse: Path, home: Path, stages: str | None
) -> tuple[float, float, dict, float]:
    """(wall seconds, run seconds inside the flow, last runs row, peak RSS MB) of one build."""
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    code = (
        "import resource, sys\n"
        "from flows.cli import main\n"
        "extra = ['--stages', sys.argv[3]] if len(sys.argv) > 3 else []\n"
        "rc = main(['run', '--quiet', '--raw', sys.argv[1], '--warehouse', sys.argv[2], *extra])\n"
        "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(rc)\n"
    )
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, str(raw), str(warehouse), *([stages] if stages else [])],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    rss_kb = int(result.stdout.split("MAXRSS")[-1].split()[0])
    import duckdb

    con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
    cols = [
        d[0] for d in con.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1").description
    ]
    row = dict(
        zip(
            cols,
            con.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1").fetchall()[0],
            strict=True,
        )
    )
    con.close()
    return wall, row["duration_s"], row, rss_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--stages", default=None, help="as chronicle run --stages (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    args = parser.parse_args()
    print(
        f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, "
        f"stages: {args.stages or 'all'}, load average: {os.getloadavg()[0]:.1f}"
    )
    print(
        "| N | MB | full build (flow) | docs/s | full build (wall, incl. Prefect start) "
        "| no-change re-run (flow) | re-run wall | peak RSS full | peak RSS re-run |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"chronicle-bench-{n}-"))
        try:
            raw, warehouse, home = work / "raw", work / "warehouse", work / "prefect"
            size = write_pages(raw, n)
            wall1, flow1, _, rss1 = timed_build(raw, warehouse, home, args.stages)
            wall2, flow2, row2, rss2 = timed_build(raw, warehouse, home, args.stages)
            assert row2["files_unchanged"] == n, row2
            print(
                f"| {n:,} | {size / 1e6:.0f} | {flow1:.1f} s | {n / flow1:,.0f} | {wall1:.1f} s "
                f"| {flow2:.2f} s | {wall2:.1f} s | {rss1:.0f} MB | {rss2:.0f} MB |",
                flush=True,
            )
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
