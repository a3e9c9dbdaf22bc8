"""Throughput of the TIMEX3 tagger in MB of text per second (single core).

Usage: ``python bench/bench_timex.py [--mb 2]``. Uses the AQUAINT TimeML texts
(from ``../shared``, or ``$CHRONICLE_SHARED``) repeated to the requested size,
tagged document by document with their own reference dates, so the mix of
temporal expressions is that of real news; without shared data it falls back to
a synthetic news-like text.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronicle.timex import tag_timexes
from lab.datasets import aquaint_dir, load_corpus

_SYNTHETIC = (
    "NAIROBI, Kenya (AP) _ Suspected bombs exploded outside the U.S. embassies on Friday, "
    "killing dozens of people, witnesses said. The talks, which began in early 1998, will "
    "resume next Tuesday at 10 a.m. and may last two weeks, officials said on Oct. 30, 2021. "
    "Prices rose 3 percent over the past six months, the ministry reported, the biggest rise "
    "since the 1990s. Many residents fled to the countryside as fighting spread across the "
    "region, and aid agencies struggled to reach them with food and medicine.\n\n"
)


def _docs() -> list[tuple[str, date | None]]:
    folder = aquaint_dir()
    if folder.is_dir():
        return [(d.text, d.dct) for d in load_corpus(folder)]
    return [(_SYNTHETIC * 20, date(2021, 11, 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=2.0, help="MB of text to tag")
    args = ap.parse_args()
    docs = _docs()
    target = int(args.mb * 1_000_000)
    batch: list[tuple[str, date | None]] = []
    size = 0
    while size < target:
        for text, dct in docs:
            batch.append((text, dct))
            size += len(text.encode("utf-8"))
            if size >= target:
                break
    tag_timexes(docs[0][0], docs[0][1])  # warm-up: compile regexes
    # CPU time of this process is the per-core figure; wall time also counts other
    # processes competing for the core (the machine is shared).
    c0, t0 = time.process_time(), time.perf_counter()
    n = 0
    for text, dct in batch:
        n += len(tag_timexes(text, dct))
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    mb = size / 1e6
    print(f"command: python bench/bench_timex.py --mb {args.mb:g}")
    print(
        f"tagged {mb:.2f} MB ({len(batch)} docs, {n} timexes): "
        f"{mb / cpu:.2f} MB/s per core (CPU {cpu:.2f} s), {mb / wall:.2f} MB/s wall"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
