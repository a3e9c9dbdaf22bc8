"""Benchmark long pages: the sentence-start component alone, and a 200,000-word page built.

Why: a long page must cost time in proportion to its length. The sentence-start component
once assigned ``token.is_sent_start`` per token, and spaCy checks the whole doc on each
assignment (quadratic: a 120,000-word page kept a build busy for over 15 minutes). Pages
over spaCy's ``max_length`` (1,000,000 characters) are parsed in pieces.

Text: the sample pages in ``raw/`` repeated, paragraphs separated by blank lines, cut to
the number of tokens (component) or words (page) asked for.

Usage::

    .venv/bin/python bench/bench_long_pages.py                     # component + 200k-word page
    .venv/bin/python bench/bench_long_pages.py --tokens 2000 8000 16000 --per-token
    .venv/bin/python bench/bench_long_pages.py --page-words 0      # component only
    .venv/bin/python bench/bench_long_pages.py --tokens --page-words 800000 --one-line
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def sample_text() -> str:
    """The sample pages, one after another, separated by blank lines."""
    pages = [p.read_text(encoding="utf-8") for p in sorted((REPO / "raw").glob("*.txt"))]
    return "\n\n".join(page.strip() for page in pages)


def long_text(words: int) -> str:
    """About ``words`` whitespace-separated words of the sample pages, repeated."""
    text = sample_text()
    per_copy = len(text.split())
    repeated = "\n\n".join([text] * (words // per_copy + 1))
    ends = (match.end() for match in re.finditer(r"\S+", repeated))
    return repeated[: next(itertools.islice(ends, words - 1, None))]


def time_component(tokens: list[int], per_token: bool, repeats: int) -> None:
    import numpy
    import spacy
    from spacy.attrs import SENT_START

    from chronicle.nlp.sentence_starts import mark_sentence_starts

    component = mark_sentence_starts
    if per_token:  # the version before the array rewrite, kept in the tests as the reference
        from tests.chronicle.nlp.test_sentence_starts import per_token_reference

        component = per_token_reference
    nlp = spacy.blank("en")
    text = sample_text()
    for n in tokens:
        doc = nlp.tokenizer(text)  # no max_length check: the component has no such limit
        while len(doc) < n:
            text = text + "\n\n" + text
            doc = nlp.tokenizer(text)
        doc = doc[:n].as_doc()
        best = float("inf")
        for _ in range(repeats):
            fresh = doc.copy()
            unknown = numpy.zeros(len(fresh), dtype=numpy.uint64)  # no preset starts
            fresh.from_array([SENT_START], unknown)
            start = time.process_time()
            component(fresh)
            best = min(best, time.process_time() - start)
        name = "per-token (before)" if per_token else "arrays (now)"
        print(f"component {name}: {len(doc):>7,} tokens  {best:8.3f} s CPU (best of {repeats})")


def time_page(words: int, stages: tuple[str, ...], one_line: bool = False) -> None:
    """One page of ``words`` words through ``stages``, as a build processes it."""
    from chronicle.plan import plan_units, scan_raw
    from chronicle.stages import default_stages
    from chronicle.stages.run import process_units

    text = long_text(words)
    if one_line:
        text = " ".join(text.split())
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        (raw / "long.txt").write_text(text, encoding="utf-8")
        units = plan_units(raw, scan_raw(raw)[0], 50 * 1024 * 1024)
        start, start_cpu = time.perf_counter(), time.process_time()
        rows, _ = process_units(units, raw, "bench", stages=default_stages(enabled=stages))
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    body = rows["documents"][0]["body_chars"]
    print(
        f"page: {len(text.split()):,} words, {len(text):,} characters, stages "
        f"{','.join(stages)}: body {body:,} characters; {wall:.1f} s wall, {cpu:.1f} s CPU; "
        "rows: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(rows.items()))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, nargs="*", default=[2000, 8000, 16000, 200_000])
    parser.add_argument("--per-token", action="store_true", help="time the old component")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--page-words", type=int, default=200_000, help="0: no page")
    parser.add_argument("--one-line", action="store_true", help="the page on one line")
    args = parser.parse_args(argv)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    if args.tokens:
        time_component(args.tokens, args.per_token, args.repeats)
    if args.page_words and args.one_line:
        time_page(args.page_words, ("articles", "timexes", "entities", "events"), True)
    elif args.page_words:
        # Without article extraction every line is body: the NLP stages get all of it.
        time_page(args.page_words, ("timexes", "entities", "events"))
        time_page(args.page_words, ("articles", "timexes", "entities", "events"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
