"""Benchmark upgrades: what an unchanged, lab-only, lexicon or model change costs a warehouse.

Copies the code (chronicle/, schemas/, lab/, models/) to a scratch tree, writes N
synthetic pages plus the sample pages, builds a warehouse with every stage, then runs
the Prefect-free build (``chronicle.build.build``, one process) again after each change,
in order, on the same warehouse:

1. no change;
2. a comment added to a lab module (lab/events/score.py);
3. a comment added to the events lexicon (chronicle/events/lexicon.py);
4. another spaCy model (a copy of models/chronicle_en with another version in meta.json),
   compared with a fresh build of the final code and model.

Each build runs in a fresh Python process on the scratch tree, so the numbers include
imports and model loading. Prints wall time, pages redone per stage and whether each
warehouse equals a fresh build of the same code (every table, run ids aside).

    .venv/bin/python bench/bench_fingerprints.py --pages 1000
    .venv/bin/python bench/bench_fingerprints.py --pages 1000 --baseline ../main-checkout

``--baseline`` also builds with a checkout of an earlier version: its tables must equal
this version's, and its first build is what any change under chronicle/ (a scorer
lived there) cost it, since its one fingerprint hashed every file.
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHILD = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from chronicle.build import build
from chronicle.config import Settings
raw, warehouse, model = sys.argv[1], sys.argv[2], sys.argv[3]
extra = {"spacy_model": model} if model else {}  # earlier versions have no such setting
summary = build(Settings(raw_dir=Path(raw), warehouse_dir=Path(warehouse), batch_size=100,
                         **extra))
print(json.dumps({"wall_s": time.perf_counter() - started,
                  "stage_pages": getattr(summary, "stage_pages", None),
                  "resumed": getattr(summary, "files_resumed", None),
                  "changed": summary.files_changed, "new": summary.files_new,
                  "full_rebuild": summary.full_rebuild}))
"""


def write_pages(raw: Path, count: int, seed: int = 7) -> None:
    from tests.corpus import synthetic_page

    rng = random.Random(seed)
    for n in range(count):
        folder = raw / f"site{n % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{n:06d}.txt").write_text(synthetic_page(n, rng.randint(3000, 8000)))
    shutil.copytree(REPO / "raw", raw / "sample")


def copy_code(source: Path, target: Path) -> Path:
    for name in ("chronicle", "schemas", "lab", "models"):
        if (source / name).exists():
            shutil.copytree(
                source / name, target / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    return target


def run_build(code: Path, raw: Path, warehouse: Path, model: str = "") -> dict:
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(raw), str(warehouse), model],
        env=env, cwd=code, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def same_tables(a: Path, b: Path) -> bool:
    from tests.conftest import read_tables

    return read_tables(a) == read_tables(b)


def append_comment(path: Path) -> None:
    path.write_text(path.read_text() + "\n# benchmark: a comment\n")


def row(case: str, result: dict, same: bool | str) -> str:
    """A table row, also printed at once (a long benchmark shows its progress)."""
    pages = result.get("stage_pages") or {}
    redone = ", ".join(f"{k} {v}" for k, v in pages.items() if v) or "none"
    line = f"| {case} | {result['wall_s']:.1f} | {redone} | {same} |"
    print(line, file=sys.stderr, flush=True)
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier version")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chronicle-fp-") as tmp:
        root = Path(tmp)
        raw = root / "raw"
        write_pages(raw, args.pages)
        code = copy_code(REPO, root / "code")
        warehouse = root / "warehouse"
        lines = [
            "| run | wall s | pages redone per stage | equals a fresh build |",
            "|---|---:|---|---|",
        ]
        load = os.getloadavg()[0]
        first = run_build(code, raw, warehouse)
        lines.append(row(f"first build ({args.pages + 5} pages)", first, "-"))
        lines.append(row("no change", run_build(code, raw, warehouse), "-"))
        append_comment(code / "lab" / "events" / "score.py")
        lines.append(row("comment in lab/events/score.py", run_build(code, raw, warehouse), "-"))
        append_comment(code / "chronicle" / "events" / "lexicon.py")
        result = run_build(code, raw, warehouse)
        lines.append(row("comment in chronicle/events/lexicon.py", result, "see below"))
        model = root / "other_model"
        shutil.copytree(code / "models" / "chronicle_en", model)
        meta = json.loads((model / "meta.json").read_text())
        (model / "meta.json").write_text(json.dumps({**meta, "version": meta["version"] + "-b"}))
        result = run_build(code, raw, warehouse, str(model))
        fresh = root / "fresh"
        fresh_result = run_build(code, raw, fresh, str(model))
        same = same_tables(warehouse, fresh)
        lines.append(row("another model (CHRONICLE_SPACY_MODEL)", result, same))
        lines.append(row("fresh build of the final code and model", fresh_result, "-"))
        if args.baseline:
            # Before per-stage fingerprints any change under chronicle/ (a scorer lived
            # there) redid every page: that costs what its first build costs.
            old = copy_code(args.baseline.resolve(), root / "old")
            result = run_build(old, raw, root / "old-warehouse")
            same = same_tables(root / "old-warehouse", fresh)
            lines.append(row("earlier version: first build", result, f"equals this one: {same}"))
        print(f"load average at start: {load:.1f} on {os.cpu_count()} cores\n")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
