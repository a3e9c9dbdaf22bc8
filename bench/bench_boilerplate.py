"""Throughput of line classification + body assembly (pages per second, one core).

Usage: python bench/bench_boilerplate.py [--repeat N]
Uses the shared dev pages when present (../shared or $CHRONICLE_SHARED), else the
sample pages in raw/. Metadata and comments are included: it times extract_page.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chronicle.boilerplate import extract_page  # noqa: E402
from lab.boilerplate.score import load_dev_pages  # noqa: E402


def load_texts() -> tuple[str, list[str]]:
    """Dev pages if available, else raw/ samples; returns (source name, texts)."""
    try:
        return "shared dev set", [p.text for p in load_dev_pages()]
    except FileNotFoundError:
        files = sorted((REPO / "raw").glob("*.txt"))
        return "raw/ samples", [f.read_text(encoding="utf-8") for f in files]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="passes over the pages")
    args = parser.parse_args()
    source, texts = load_texts()
    for text in texts[:3]:
        extract_page(text)  # warm-up: model load, regex compilation
    # CPU time of this process per pass (one core); the best pass is the figure, as
    # timeit does, because other jobs on a shared machine only ever slow a pass down.
    passes: list[float] = []
    wall = time.perf_counter()
    for _ in range(args.repeat):
        start = time.process_time()
        for text in texts:
            extract_page(text)
        passes.append(time.process_time() - start)
    wall = time.perf_counter() - wall
    n = len(texts)
    chars = sum(len(t) for t in texts)
    passes.sort()
    print(f"{source}: {n} pages x {args.repeat} passes, {chars / n:.0f} chars/page on average")
    print(
        f"{n / passes[0]:.0f} pages/s per core (best pass), "
        f"{n / passes[len(passes) // 2]:.0f} median, {n * args.repeat / wall:.0f} wall"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
