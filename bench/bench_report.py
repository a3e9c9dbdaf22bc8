"""Benchmark the HTML report: file size and seconds on a large bench warehouse.

Builds a warehouse with the real CLI (`chronicle run`, Prefect flow), then times
`chronicle.report.report_html` on it (best and median of ``--repeats``) and prints a
Markdown row. Two corpora:

- ``synthetic``: bench_ingest's generated pages (100 sites, random prose); with
  ``--stages none`` this is the 10,000-page ingest-only warehouse;
- ``sample``: the sample pages of raw/, each copy with a unique line and in its own
  site folder, so the NLP stages find real entities and events (slow: the spaCy
  pipeline runs at a few pages per second per core).

    .venv/bin/python bench/bench_report.py --corpus synthetic --stages none --pages 10000
    .venv/bin/python bench/bench_report.py --corpus sample --pages 1000
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_ingest import timed_build, write_pages  # noqa: E402


def write_sample_copies(raw: Path, count: int) -> None:
    """``count`` pages: the sample pages again and again, each made unique by one line."""
    samples = sorted(p for p in (REPO / "raw").iterdir() if p.is_file())
    rng = random.Random(7)
    for n in range(count):
        source = samples[n % len(samples)]
        folder = raw / f"site{n // len(samples):04d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8", errors="replace")
        (folder / f"{n:06d}_{source.name}").write_text(
            text.rstrip("\n") + f"\nReference {n}-{rng.randrange(10**9)}\n", encoding="utf-8"
        )


def time_report(warehouse: Path, repeats: int) -> tuple[list[float], int]:
    from chronicle.config import Settings
    from chronicle.report import report_html

    seconds, size = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        html = report_html(warehouse, Settings.from_env())
        seconds.append(time.perf_counter() - start)
        size = len(html.encode("utf-8"))
    return seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--corpus", choices=["synthetic", "sample"], default="synthetic")
    parser.add_argument("--stages", default=None, help="as chronicle run --stages (default: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warehouse", type=Path, help="reuse (or keep) this warehouse folder")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="chronicle-bench-report-"))
    warehouse = args.warehouse or scratch / "warehouse"
    try:
        if not (warehouse / "current").exists():
            raw = scratch / "raw"
            if args.corpus == "synthetic":
                write_pages(raw, args.pages)
            else:
                write_sample_copies(raw, args.pages)
            build_s, _, _, _ = timed_build(raw, warehouse, scratch / "prefect", args.stages)
            print(f"built {args.pages} pages in {build_s:.1f} s", file=sys.stderr)
        import duckdb

        from chronicle.warehouse import Warehouse

        con: duckdb.DuckDBPyConnection = Warehouse(warehouse).connect()
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("documents", "mentions", "entities", "events", "rejects")
        }
        con.close()
        seconds, size = time_report(warehouse, args.repeats)
        print(
            "| pages | mentions | entities | events | report MB | best s | median s |\n"
            "|---:|---:|---:|---:|---:|---:|---:|\n"
            f"| {counts['documents']:,} | {counts['mentions']:,} | {counts['entities']:,} "
            f"| {counts['events']:,} | {size / 1e6:.2f} | {min(seconds):.2f} "
            f"| {statistics.median(seconds):.2f} |"
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
