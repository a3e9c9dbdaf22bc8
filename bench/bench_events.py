"""Benchmark event extraction against the spaCy pipeline it runs on.

Why: events must add under 25% to the time of the spaCy pipeline alone. Side by side,
each the best of ``--repeats`` alternated runs, in CPU seconds of this process (wall
seconds too):

1. spaCy alone: ``list(nlp.pipe(texts))``;
2. events alone on the parsed Docs: ``events_from_doc`` given each page's mentions and
   time expressions (computed once beforehand: they belong to the entity and temporal
   stages, benchmarked on their own);
3. the corpus step: ``finalise_events`` over the rows (ids and clusters).

Text: the AQUAINT TimeML newswire (73 files, ``../shared``) or, without it, the five
pages in ``raw/``.

Usage::

    .venv/bin/python bench/bench_events.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One BLAS/OpenMP thread, set before numpy loads (through pyarrow and spaCy below).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import pyarrow as pa  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chronicle.entities import mentions_from_doc  # noqa: E402
from chronicle.events import events_from_doc, finalise_events  # noqa: E402
from chronicle.timex import tag_timexes  # noqa: E402
from lab.datasets import aquaint_dir, load_corpus  # noqa: E402
from lab.nlp import chosen_pipeline  # noqa: E402
from schemas import TABLES  # noqa: E402


def texts_and_dates() -> tuple[list[str], list, str]:
    if aquaint_dir().is_dir():
        docs = load_corpus()
        return [d.text for d in docs], [d.dct for d in docs], f"AQUAINT ({len(docs)} files)"
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "raw").glob("*.txt"))]
    return texts, [None] * len(texts), "raw/ (5 pages)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    texts, dates, source = texts_and_dates()
    words = sum(len(t.split()) for t in texts)
    nlp = chosen_pipeline()
    docs = list(nlp.pipe(texts))
    ids = [f"{i:016x}" for i in range(len(texts))]
    mentions = [mentions_from_doc(d, i) for d, i in zip(docs, ids, strict=True)]
    timexes = [[t.__dict__ for t in tag_timexes(x, r)] for x, r in zip(texts, dates, strict=True)]

    def spacy_alone() -> None:
        list(nlp.pipe(texts))

    def events_alone() -> list[dict]:
        out = []
        for doc, doc_id, m, t in zip(docs, ids, mentions, timexes, strict=True):
            out += events_from_doc(doc, doc_id, m, t)
        return out

    rows = events_alone()
    events = pa.Table.from_pylist(rows, schema=TABLES["events"].arrow_schema)
    mention_table = pa.Table.from_pylist([r for m in mentions for r in m],
                                         schema=TABLES["mentions"].arrow_schema)  # fmt: skip
    documents = pa.table({"doc_id": ids, "reference_date": pa.array(dates, pa.date32())})

    def corpus_step() -> None:
        finalise_events(events, mention_table, mention_table, documents)

    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeats):
        for name, fn in (("spacy", spacy_alone), ("events", events_alone),
                         ("corpus", corpus_step)):  # fmt: skip
            cpu, wall = time.process_time(), time.perf_counter()
            fn()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if name not in best or cpu < best[name][0]:
                best[name] = (cpu, wall)
    spacy_cpu = best["spacy"][0]
    print(f"text: {source}, {words:,} words, {len(rows)} events")
    for name, (cpu, wall) in best.items():
        share = f" ({100 * cpu / spacy_cpu:.1f}% of spaCy)" if name != "spacy" else ""
        print(f"{name:8} cpu {cpu:7.2f} s  wall {wall:7.2f} s{share}")
    added = best["events"][0] + best["corpus"][0]
    print(f"events add {100 * added / spacy_cpu:.1f}% to the spaCy pipeline alone")


if __name__ == "__main__":
    main()
