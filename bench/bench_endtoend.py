"""End-to-end build vs the model alone: how close a whole build comes to ``nlp.pipe``.

Writes N news-like pages (sentences of the GMB news corpus, mostly Voice of America,
grouped into pages with a headline, a dateline, a menu line and a share line; the
synthetic pages of tests/corpus.py when the shared datasets are absent), then times,
each in a fresh Python process on one core (BLAS/OpenMP threads at one):

- ``build``: the Prefect-free build with every stage (``chronicle.build.build``):
  imports, spaCy load, planning, every stage, validation, staging and publishing;
- ``pipe``: importing spaCy, loading the same model and ``nlp.pipe`` over the same
  bodies (the ``body`` column the build published), nothing else.

The model's share is pipe / build (the goal of issue 16 is >= 0.85). The build's own
per-stage seconds (the runs row's ``stage_seconds``) are printed beside it.

Other modes:

- ``--profile FILE``: cProfile the build in this process; prints where the time goes
  grouped by area (spaCy, mention extraction, events, timexes, validation, staging...)
  and writes the raw profile to FILE (for ``python -m pstats`` or snakeviz).
- ``--dump DIR``: build and write every published data table, sorted by key and
  without ``run_id``, to DIR (one Parquet file per table). ``--compare DIR1 DIR2``
  checks two dumps row for row: run ``--dump`` with two versions of the code (or two
  settings) to show that a change leaves the output identical.
- ``--child-build`` / ``--child-pipe``: one timed side, used by the above and by
  whole-process timers (``/usr/bin/time -v``).

    .venv/bin/python bench/bench_endtoend.py --pages 1000
    .venv/bin/python bench/bench_endtoend.py --pages 1000 --profile /tmp/build.prof
    .venv/bin/python bench/bench_endtoend.py --pages 300 --dump /tmp/after
    .venv/bin/python bench/bench_endtoend.py --compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_workers import published_tables  # noqa: E402  (bench/ is on sys.path)

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _gmb_texts() -> list[str] | None:
    """GMB sentences as text, in corpus order; None when the shared datasets are absent."""
    from lab import datasets

    if not datasets.gmb_csv().is_file():
        return None
    from lab.nlp import corpora

    texts = []
    for sent in corpora.read_gmb():
        spaces = corpora.spaces_for(sent.words)
        texts.append(
            "".join(w + (" " if s else "") for w, s in zip(sent.words, spaces, strict=True))
        )
    return texts


def news_page(n: int, sentences: list[str], rng: random.Random, size: int) -> str:
    """A page: headline, dateline, menu, paragraphs of consecutive sentences, chrome."""
    start = rng.randrange(len(sentences))
    body: list[str] = []
    paragraph: list[str] = []
    chars = 0
    i = start
    while chars < size:
        sentence = sentences[i % len(sentences)]
        paragraph.append(sentence)
        chars += len(sentence) + 1
        i += 1
        if len(paragraph) >= rng.randint(2, 5):
            body.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        body.append(" ".join(paragraph))
    headline = sentences[start].rstrip(" .")[:90]
    date = f"{_MONTHS[n % 12]} {1 + n % 28}, {2015 + n % 10}"
    return (
        "\n".join(
            [
                headline,
                "Home | World | Politics | Business | Sport",
                f"Published {date}",
                *body,
                "Share on Facebook | Share on Twitter | Email",
                f"© {2015 + n % 10} Example News {n % 20}. All rights reserved.",
            ]
        )
        + "\n"
    )


def write_pages(raw: Path, count: int, seed: int = 16) -> str:
    """``count`` news-like pages (3-8 KB) over 20 site folders; returns their source."""
    rng = random.Random(seed)
    sentences = _gmb_texts()
    if sentences is None:
        from tests.corpus import synthetic_page

    for n in range(count):
        folder = raw / f"site{n % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        size = rng.randint(3000, 8000)
        text = synthetic_page(n, size) if sentences is None else news_page(n, sentences, rng, size)
        (folder / f"page{n:06d}.txt").write_text(text, encoding="utf-8")
    if sentences is None:
        return "synthetic pages (tests/corpus.py; shared GMB corpus absent)"
    return "news-like pages from GMB sentences"


def corpus_dir(count: int) -> Path:
    """A cached raw folder of ``count`` pages (written once per machine and count)."""
    root = Path(tempfile.gettempdir()) / "chronicle-bench-endtoend"
    raw = root / f"raw-{count}"
    done = root / f"raw-{count}.done"
    if not done.exists():
        import shutil

        shutil.rmtree(raw, ignore_errors=True)
        source = write_pages(raw, count)
        done.write_text(source)
    return raw


def settings_for(raw: Path, warehouse: Path, **overrides):
    from chronicle.config import Settings

    return Settings.from_env().with_overrides(
        raw_dir=raw, warehouse_dir=warehouse, workers=1, **overrides
    )


def child_build(raw: str, warehouse: str) -> None:
    """One Prefect-free build with every stage; prints its per-stage seconds as JSON.

    ``warehouse`` "-": a new temporary folder, removed afterwards (for repeated timing).
    """
    if warehouse == "-":
        with tempfile.TemporaryDirectory(prefix="chronicle-e2e-") as tmp:
            return child_build(raw, str(Path(tmp) / "warehouse"))
    started = time.perf_counter()
    from chronicle.build import build

    summary = build(settings_for(Path(raw), Path(warehouse)))
    stage_seconds = _stage_seconds(Path(warehouse))
    print(
        json.dumps(
            {
                "wall_s": time.perf_counter() - started,
                "cpu_s": _cpu_seconds(),
                "documents": summary.table_rows.get("documents"),
                "stage_seconds": stage_seconds,
            }
        )
    )


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process so far (a shared machine's load does not
    count in them, unlike wall time)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _stage_seconds(warehouse: Path) -> dict[str, float]:
    """The last run's seconds per stage (the runs table's ``stage_seconds``)."""
    import pyarrow.parquet as pq

    runs = pq.read_table(warehouse / "current" / "runs").to_pylist()
    return json.loads(runs[-1]["stage_seconds"] or "{}")


def child_pipe(warehouse: str, batch_size: int) -> None:
    """spaCy import, model load and nlp.pipe over the published bodies, nothing else."""
    started = time.perf_counter()
    import pyarrow.parquet as pq

    bodies = pq.read_table(Path(warehouse) / "current" / "documents", columns=["body"])
    texts = bodies["body"].to_pylist()
    from chronicle.nlp import load_pipeline

    nlp = load_pipeline(os.environ.get("CHRONICLE_SPACY_MODEL") or None)
    loaded = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "wall_s": done - started,
                "cpu_s": _cpu_seconds(),
                "pipe_s": done - loaded,
                "texts": len(texts),
            }
        )
    )


def _run(args: list[str]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=REPO
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def ratio(count: int, repeats: int, batch_size: int) -> None:
    raw = corpus_dir(count)
    source = (raw.parent / f"raw-{count}.done").read_text()
    rows = []
    with tempfile.TemporaryDirectory(prefix="chronicle-e2e-") as tmp:
        for repeat in range(repeats):
            warehouse = Path(tmp) / f"warehouse-{repeat}"
            load = os.getloadavg()[0]
            built = _run(["--child-build", str(raw), str(warehouse)])
            piped = _run(["--child-pipe", str(warehouse), "--batch-size", str(batch_size)])
            rows.append((built, piped, load))
    print(f"{count} {source}; every stage; one process, one BLAS thread; load before each pair")
    print("\nmodel share = nlp.pipe process / build process, in wall and in CPU seconds\n")
    print(
        "| pair | build wall s | pipe wall s | share (wall) "
        "| build CPU s | pipe CPU s | share (CPU) | load |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, (built, piped, load) in enumerate(rows, 1):
        wall = piped["wall_s"] / built["wall_s"]
        cpu = piped["cpu_s"] / built["cpu_s"]
        print(
            f"| {n} | {built['wall_s']:.1f} | {piped['wall_s']:.1f} | {wall:.2f} "
            f"| {built['cpu_s']:.1f} | {piped['cpu_s']:.1f} | {cpu:.2f} | {load:.2f} |"
        )
    best = min(rows, key=lambda r: r[0]["wall_s"])
    print("\nbuild stage seconds (fastest build):")
    for stage, seconds in best[0]["stage_seconds"].items():
        print(f"  {stage:<30} {seconds:8.2f}")


# Where a profiled function's file lies -> the area its time is counted in (first match).
AREAS = (
    ("chronicle/entities/", "mention extraction"),
    ("chronicle/events/", "events"),
    ("chronicle/timex/", "timexes"),
    ("chronicle/boilerplate/", "articles"),
    ("chronicle/extract", "articles"),
    ("chronicle/corpus", "corpus tables"),
    ("pandera", "validation (pandera)"),
    ("chronicle/validation", "validation (pandera)"),
    ("chronicle/warehouse", "staging + publishing"),
    ("duckdb", "staging + publishing"),
    ("pyarrow", "staging + publishing"),
    ("spacy/", "spaCy"),
    ("thinc/", "spaCy"),
    ("srsly/", "spaCy"),
    ("chronicle/", "other chronicle"),
)


# Functions whose time is counted to their callers: builtins, and spaCy's Doc and Token
# accessors (the rules read tokens through them; the model does not).
PASS_THROUGH = ("spacy/tokens/", "~", "<built-in", "<method")


def _area(filename: str) -> str:
    if filename.startswith(PASS_THROUGH):
        return "caller"
    for fragment, area in AREAS:
        if fragment in filename:
            return area
    return "other"


def areas_of(stats) -> dict[str, float]:
    """Own time per area; the time of pass-through functions goes to the areas of their
    callers, in proportion to the time spent under each caller."""
    import functools

    table = stats.stats

    @functools.cache
    def shares(func: tuple) -> tuple[tuple[str, float], ...]:
        area = _area(func[0])
        if area != "caller":
            return ((area, 1.0),)
        callers = table[func][4] if func in table else {}
        total = sum(c[3] for c in callers.values())
        if not callers or total <= 0:
            return (("other", 1.0),)
        out: dict[str, float] = {}
        for caller, figures in callers.items():
            if caller == func:
                continue
            for name, share in shares(caller):
                out[name] = out.get(name, 0.0) + share * figures[3] / total
        return tuple(out.items()) or (("other", 1.0),)

    areas: dict[str, float] = {}
    for func, figures in table.items():
        for name, share in shares(func):
            areas[name] = areas.get(name, 0.0) + figures[2] * share
    return areas


def print_areas(stats) -> None:
    areas = areas_of(stats)
    total = sum(areas.values())
    print("| area | own s | share |")
    print("|---|---:|---:|")
    for area, seconds in sorted(areas.items(), key=lambda kv: -kv[1]):
        print(f"| {area} | {seconds:.1f} | {seconds / total:.0%} |")


def profile(count: int, out: Path) -> None:
    """cProfile one build and print its time per area (see ``areas_of``)."""
    import cProfile
    import pstats

    raw = corpus_dir(count)
    with tempfile.TemporaryDirectory(prefix="chronicle-e2e-") as tmp:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        from chronicle.build import build

        imported = time.perf_counter()
        build(settings_for(raw, Path(tmp) / "warehouse"))
        profiler.disable()
        wall = time.perf_counter() - started
    profiler.dump_stats(out)
    stats = pstats.Stats(str(out))
    print(f"{count} pages, Prefect-free build, every stage: {wall:.1f} s wall under cProfile")
    print(f"(import of chronicle.build: {imported - started:.1f} s)\n")
    print_areas(stats)
    print("\ntop 25 functions by own time:")
    stats.sort_stats("tottime").print_stats(25)


def rules(count: int, repeats: int) -> None:
    """CPU seconds of mention extraction and of events on ``count`` parsed pages, beside
    the CPU seconds of parsing them (pages from the first 300 of the bench corpus)."""
    import pyarrow.parquet as pq
    from spacy.tokens import DocBin

    from chronicle.entities import mentions_from_doc
    from chronicle.events import events_from_doc
    from chronicle.nlp import load_pipeline

    nlp = load_pipeline()
    parsed = corpus_dir(300).parent / f"parsed-{count}.spacy"
    parse_s = None
    if not parsed.exists():
        with tempfile.TemporaryDirectory(prefix="chronicle-e2e-") as tmp:
            from chronicle.build import build

            raw = Path(tmp) / "raw"
            raw.mkdir()
            for path in sorted(corpus_dir(300).rglob("*.txt"))[:count]:
                (raw / path.name).write_bytes(path.read_bytes())
            build(settings_for(raw, Path(tmp) / "warehouse", stages=("articles",)))
            bodies = pq.read_table(Path(tmp) / "warehouse" / "current" / "documents")
            texts = bodies["body"].to_pylist()
        started = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=16))
        parse_s = time.process_time() - started
        DocBin(docs=docs).to_disk(parsed)
    docs = list(DocBin().from_disk(parsed).get_docs(nlp.vocab))
    mentions_from_doc(docs[0], "warm-up")
    best_mentions = best_events = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        rows = [mentions_from_doc(doc, str(n)) for n, doc in enumerate(docs)]
        best_mentions = min(best_mentions, time.process_time() - started)
        started = time.process_time()
        for n, doc in enumerate(docs):
            events_from_doc(doc, str(n), rows[n], [])
        best_events = min(best_events, time.process_time() - started)
    per_page = 1000 / len(docs)
    print(f"{len(docs)} parsed pages, best of {repeats}, CPU seconds:")
    print(f"  mention extraction {best_mentions:.2f} s ({best_mentions * per_page:.2f} ms a page)")
    print(f"  events             {best_events:.2f} s ({best_events * per_page:.2f} ms a page)")
    if parse_s is not None:
        print(f"  nlp.pipe           {parse_s:.2f} s ({parse_s * per_page:.2f} ms a page)")


def _record_other_nlp_fingerprint(warehouse: Path) -> None:
    """What a build with other entity or event rules would have recorded."""
    info_path = (warehouse / "current").resolve() / "_snapshot.json"
    info = json.loads(info_path.read_text())
    info["stage_fingerprints"] = [
        [name, "other rules" if name == "nlp" else fp] for name, fp in info["stage_fingerprints"]
    ]
    info_path.write_text(json.dumps(info))


def parse_cache(count: int) -> None:
    """A rules-only rebuild with and without the parse cache: its disk cost per 1,000
    pages and the time of the NLP stage and of the whole rebuild, tables compared."""
    import shutil

    from chronicle.build import build
    from chronicle.nlp.parse_cache import cache_bytes

    raw = corpus_dir(count)
    with tempfile.TemporaryDirectory(prefix="chronicle-e2e-") as tmp:
        root = Path(tmp)
        cache = root / "parses"
        on = {"parse_cache": True, "parse_cache_dir": str(cache)}
        started = time.perf_counter()
        build(settings_for(raw, root / "first", **on))
        first_s = time.perf_counter() - started
        disk = cache_bytes(cache)
        rows = []
        for label, overrides in (("without cache", {"parse_cache": False}), ("with cache", on)):
            warehouse = root / label.replace(" ", "-")
            shutil.copytree(root / "first", warehouse, symlinks=True)
            _record_other_nlp_fingerprint(warehouse)
            load = os.getloadavg()[0]
            started = time.perf_counter()
            build(settings_for(raw, warehouse, **overrides))
            rows.append((label, time.perf_counter() - started, _stage_seconds(warehouse), load))
        same = published_tables(root / "with-cache") == published_tables(root / "without-cache")
    print(f"{count} pages; first build with the cache on: {first_s:.1f} s")
    print(f"cache on disk: {disk / 1e6:.1f} MB, {disk / count * 1000 / 1e6:.1f} MB per 1,000 pages")
    print("\nrules-only rebuild (nlp stage fingerprint changed: every page redone from it):\n")
    print("| rebuild | whole build s | nlp stage s | load |")
    print("|---|---:|---:|---:|")
    for label, seconds, stage_seconds, load in rows:
        print(f"| {label} | {seconds:.1f} | {stage_seconds.get('nlp', 0.0):.1f} | {load:.2f} |")
    print(f"\ntables of the two rebuilds identical: {same}")


def dump(raw: Path, out: Path) -> None:
    import pyarrow.parquet as pq

    from chronicle.build import build

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chronicle-e2e-") as tmp:
        build(settings_for(raw, Path(tmp) / "warehouse"))
        for name, table in published_tables(Path(tmp) / "warehouse").items():
            pq.write_table(table, out / f"{name}.parquet")
            print(f"{name}: {table.num_rows} rows")


def compare(before: Path, after: Path) -> int:
    """0 when every table of two dumps is equal row for row; else names what differs."""
    import pyarrow.parquet as pq

    differ = 0
    for path in sorted(before.glob("*.parquet")):
        a = pq.read_table(path)
        other = after / path.name
        if not other.exists():
            print(f"{path.stem}: missing in {after}")
            differ += 1
            continue
        b = pq.read_table(other)
        if a.equals(b):
            print(f"{path.stem}: {a.num_rows} rows, identical")
            continue
        differ += 1
        print(f"{path.stem}: {a.num_rows} vs {b.num_rows} rows, DIFFERENT")
        rows_a, rows_b = a.to_pylist(), b.to_pylist()
        shown = 0
        for n, (x, y) in enumerate(zip(rows_a, rows_b, strict=False)):
            if x != y and shown < 3:
                shown += 1
                print(f"  row {n}:")
                for column in x:
                    if x[column] != y.get(column):
                        print(f"    {column}: {x[column]!r} != {y.get(column)!r}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=1, help="build/pipe pairs")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    parser.add_argument("--profile", type=Path, help="cProfile a build, write the profile here")
    parser.add_argument("--dump", type=Path, help="build and dump the tables to this folder")
    parser.add_argument("--raw", type=Path, help="with --dump: this raw folder (default: pages)")
    parser.add_argument("--compare", type=Path, nargs=2, help="compare two dumps row for row")
    parser.add_argument(
        "--rules", action="store_true", help="CPU of mention extraction and events on parses"
    )
    parser.add_argument(
        "--parse-cache", action="store_true", help="a rules-only rebuild with and without the cache"
    )
    parser.add_argument("--child-build", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-pipe", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_build:
        child_build(*args.child_build)
    elif args.child_pipe:
        child_pipe(args.child_pipe, args.batch_size)
    elif args.compare:
        return compare(*args.compare)
    elif args.dump:
        dump(args.raw or corpus_dir(args.pages), args.dump)
    elif args.rules:
        rules(args.pages, args.repeats)
    elif args.parse_cache:
        parse_cache(args.pages)
    elif args.profile:
        profile(args.pages, args.profile)
    else:
        ratio(args.pages, args.repeats, args.batch_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
