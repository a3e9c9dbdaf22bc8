"""Benchmark planning on a corpus with nothing new: stat-first against reading every file.

Generates N synthetic raw pages (3-8 KB, 100 site folders), builds them once without
Prefect (``--stages none``), waits out the racily-clean margin, then times
``chronicle.build.plan_run`` with nothing changed: by file stat (the default) and with
``verify`` (every file read and hashed, as every run did before). Prints a Markdown table.

    .venv/bin/python bench/bench_plan.py --pages 10000
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_ingest import write_pages  # noqa: E402
from chronicle.build import build, plan_run  # noqa: E402
from chronicle.config import Settings  # noqa: E402


def time_plans(settings: Settings, repeat: int) -> tuple[float, int, int]:
    """(median plan seconds, files read, files to process) of ``repeat`` no-change plans."""
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        state = plan_run(settings)
        seconds.append(time.perf_counter() - started)
        state.staged.discard()
    plan = state.plan
    return (
        statistics.median(seconds),
        getattr(plan, "files_read", len(plan.units)),
        len(plan.to_process),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=None, help="keep the corpus here")
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="chronicle-bench-plan-"))
    raw, warehouse = root / "raw", root / "warehouse"
    settings = Settings(raw_dir=raw, warehouse_dir=warehouse, stages=())
    if not raw.exists():
        size = write_pages(raw, args.pages)
        print(f"{args.pages} pages, {size / 1e6:.1f} MB in {raw}", file=sys.stderr)
    if not warehouse.exists():
        time.sleep(2.1)  # the pages are then older than the racily-clean margin
        build(settings)
    rows = []
    for name, verify in (("stat first (default)", False), ("--verify (every file)", True)):
        seconds, read, todo = time_plans(dataclasses.replace(settings, verify=verify), args.repeat)
        rows.append(f"| {name} | {seconds:.2f} | {read} | {todo} |")
    print(f"\nNo-change planning, {args.pages} pages (median of {args.repeat}):\n")
    print("| planning | seconds | files read | to process |\n|---|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
