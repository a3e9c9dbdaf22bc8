"""Benchmark whole-pipeline throughput (words/s) of Chronicle's spaCy pipeline on one core.

Why: the issue's target is ≥ 10,000 words/s per core for the full pipeline (tagger,
morphologizer, lemmatizer, parser, NER, entity ruler) on news-like text. BLAS/OpenMP
threads are limited to one and the process is pinned to a single CPU where the OS allows.

Both wall-clock words/s and words per CPU-second are printed: on a shared machine the
wall-clock figure also counts time the core spent on other processes.

Text: the sample news pages in ``raw/`` plus, when the shared corpora are present, the
GMB sentences of Chronicle's NER test split (news from Voice of America).

Usage::

    .venv/bin/python bench/bench_nlp.py [--model PATH_OR_NAME] [--repeats 3] [--gmb 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One BLAS/OpenMP thread; set before numpy/spaCy are imported (they are imported in main).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def pin_one_core() -> str:
    """Pin this process to one CPU (Linux); return a description for the report."""
    if hasattr(os, "sched_setaffinity"):
        cpu = sorted(os.sched_getaffinity(0))[-1]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def news_texts(gmb_sentences: int) -> tuple[list[str], str]:
    """Return benchmark texts (paragraphs of raw/ pages + GMB test sentences)."""
    texts: list[str] = []
    for path in sorted((REPO / "raw").glob("*.txt")):
        texts.extend(p for p in path.read_text(encoding="utf8").splitlines() if p.strip())
    source = f"raw/ ({len(texts)} paragraphs)"
    if gmb_sentences:
        from lab import datasets

        if datasets.gmb_csv().is_file():
            from lab.nlp import corpora

            test = [s for s in corpora.ner_splits()["test"] if s.source == "gmb"]
            for sent in test[:gmb_sentences]:
                texts.append(
                    "".join(
                        w + (" " if sp else "")
                        for w, sp in zip(sent.words, corpora.spaces_for(sent.words), strict=True)
                    )
                )
            source += f" + {min(gmb_sentences, len(test))} GMB test sentences"
        else:
            source += " (GMB not found; shared datasets absent)"
    return texts, source


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print words/s; returns an exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model",
        default=None,
        help="pipeline name or path (default: committed models/chronicle_en)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--gmb", type=int, default=2000, help="number of GMB test sentences to add (0: raw/ only)"
    )
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument(
        "--per-component",
        action="store_true",
        help="also print CPU seconds per pipeline component (best of runs)",
    )
    args = parser.parse_args(argv)

    pinned = pin_one_core()
    from chronicle.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    texts, source = news_texts(args.gmb)
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:50]))  # warm-up
    best = best_cpu = float("inf")
    for _ in range(args.repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(f"command:   {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"pipeline:  {nlp.meta.get('name')} {nlp.meta.get('version')} {nlp.pipe_names}")
    print(f"text:      {source}; {len(texts)} texts, {words} words (whitespace-split)")
    print(f"threads:   1 ({pinned}); best of {args.repeats} runs")
    print(f"time:      {best:.2f} s wall, {best_cpu:.2f} s CPU")
    print(f"speed:     {words / best:,.0f} words/s wall-clock on one core")
    # CPU time excludes time the core spent on other processes (shared machines).
    print(f"speed_cpu: {words / best_cpu:,.0f} words per CPU-second")
    if args.per_component:
        parts = per_component(nlp, texts, args.batch_size, args.repeats)
        total = sum(parts.values())
        print(
            "per component (CPU s, best of runs): "
            + ", ".join(f"{name} {sec:.2f} ({sec / total:.0%})" for name, sec in parts.items())
        )
    return 0


def per_component(nlp, texts: list[str], batch_size: int, repeats: int) -> dict[str, float]:
    """CPU seconds per stage (tokenizer, then each enabled component), best of ``repeats``."""
    best: dict[str, float] = {}
    for _ in range(repeats):
        start = time.process_time()
        docs = list(nlp.tokenizer.pipe(texts, batch_size=batch_size))
        times = {"tokenizer": time.process_time() - start}
        for name, proc in nlp.pipeline:
            start = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:  # plain function components
                docs = [proc(doc) for doc in docs]
            times[name] = time.process_time() - start
        for name, sec in times.items():
            best[name] = min(best.get(name, sec), sec)
    return best


if __name__ == "__main__":
    raise SystemExit(main())
