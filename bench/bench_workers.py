"""Benchmark parallel NLP: the same corpus built with 1 and with N worker processes.

Writes N synthetic pages (3-8 KB, names and places for the entity stage), then builds
a fresh warehouse per worker count, each in its own Python process through the real
flow (``build_warehouse``, ephemeral Prefect API) with every stage on. Reports the
processing phase (decode, article extraction, timexes, spaCy entities, staging; worker
start and model loading included) as documents/s, the speedup over one worker, and
checks that every table is identical whatever the worker count. With two corpus sizes
it also reports the marginal throughput (extra pages over extra seconds), where the
fixed costs of starting workers and loading spaCy cancel out. Prints Markdown tables.

    .venv/bin/python bench/bench_workers.py           # 200 and 400 pages, 1 and 2 workers
    .venv/bin/python bench/bench_workers.py --pages 200 --workers 1 2

Run it on a quiet machine: the load average is printed next to the numbers.
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


def write_pages(raw: Path, count: int, seed: int = 11) -> None:
    from tests.corpus import synthetic_page

    rng = random.Random(seed)
    for n in range(count):
        folder = raw / f"site{n % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{n:06d}.txt").write_text(synthetic_page(n, rng.randint(3000, 8000)))


def child(raw: str, warehouse: str, workers: int) -> None:
    """One build in this process; prints its timings as JSON on the last line."""
    from flows.build import build_warehouse, progress_listeners

    marks: dict[str, float] = {}

    def listener(done: int, total: int) -> None:
        marks.setdefault("start", time.perf_counter())
        if done == total:
            marks["end"] = time.perf_counter()

    progress_listeners.append(listener)
    started = time.perf_counter()
    summary = build_warehouse(
        raw_dir=raw, warehouse_dir=warehouse, workers=workers, runner="process"
    )
    total = time.perf_counter() - started
    print(
        json.dumps(
            {
                "documents": summary["files_new"],
                "process_s": marks["end"] - marks["start"],
                "run_s": total,
            }
        )
    )


def run_child(raw: Path, warehouse: Path, workers: int, home: Path, model: Path) -> dict:
    env = {
        **os.environ,
        "CHRONICLE_SPACY_MODEL": str(model),
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(raw), str(warehouse), str(workers)],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def published_tables(warehouse: Path) -> dict:
    """Every data table sorted by key, without the run id column that differs per run."""
    import pyarrow.parquet as pq

    from schemas import TABLES

    tables = {}
    for name, spec in TABLES.items():
        if spec.scope == "log":
            continue
        table = pq.read_table(warehouse / "current" / name)
        if "run_id" in table.column_names:
            table = table.drop_columns(["run_id"])
        tables[name] = table.sort_by([(k, "ascending") for k in spec.key])
    return tables


def code_version(warehouse: Path) -> str:
    """Chronicle version + pipeline fingerprint of the published run."""
    import pyarrow.parquet as pq

    return str(pq.read_table(warehouse / "current" / "runs")["code_version"][0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[200, 400])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    root = Path(tempfile.mkdtemp(prefix="chronicle-bench-workers-"))
    pages = sorted(args.pages)
    base_workers = args.workers[0]
    try:
        # Every build measures the same model, even if models/ is rebuilt meanwhile.
        from chronicle.nlp.pipeline import resolve_model

        model = root / "model"
        shutil.copytree(resolve_model(), model)
        timings: dict[tuple[int, int], dict] = {}
        for count in pages:
            raw = root / f"raw-{count}"
            write_pages(raw, count)  # the same first pages for every count (fixed seed)
            for workers in args.workers:
                load = os.getloadavg()[0]
                warehouse = root / f"warehouse-{count}-{workers}"
                timing = run_child(raw, warehouse, workers, root / "prefect", model)
                timings[count, workers] = {**timing, "load": load}
            reference_dir = root / f"warehouse-{count}-{base_workers}"
            reference = published_tables(reference_dir)
            for workers in args.workers:
                warehouse = root / f"warehouse-{count}-{workers}"
                tables = published_tables(warehouse)
                differ = [name for name in reference if not tables[name].equals(reference[name])]
                if differ:
                    versions = {code_version(reference_dir), code_version(warehouse)}
                    raise SystemExit(
                        f"{count} pages: the warehouse of {workers} workers differs in "
                        f"{', '.join(differ)}"
                        + ("" if len(versions) == 1 else f" (the code changed mid-run: {versions})")
                    )
        print(f"{os.cpu_count()} cores, every stage on; every warehouse identical to the one")
        print(f"of {base_workers} worker(s), table for table\n")
        print("| pages | workers | processing s | docs/s | speedup | whole run s | load before |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for (count, workers), timing in timings.items():
            base = timings[count, base_workers]["process_s"]
            print(
                f"| {count} | {workers} | {timing['process_s']:.1f} "
                f"| {count / timing['process_s']:.2f} | {base / timing['process_s']:.2f}x "
                f"| {timing['run_s']:.1f} | {timing['load']:.2f} |"
            )
        if len(pages) > 1:
            # The extra pages of the largest corpus over the smallest: what the workers
            # do once started, without the fixed costs (worker start, model load).
            extra = pages[-1] - pages[0]
            rates = {
                w: extra / (timings[pages[-1], w]["process_s"] - timings[pages[0], w]["process_s"])
                for w in args.workers
            }
            print(f"\nmarginal throughput ({extra} extra pages, fixed start-up costs cancel):\n")
            print("| workers | docs/s | speedup |")
            print("|---:|---:|---:|")
            for workers, rate in rates.items():
                print(f"| {workers} | {rate:.2f} | {rate / rates[base_workers]:.2f}x |")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
