"""The parse cache: a rules-only rebuild reads parses instead of parsing, and gives the
tables a fresh build gives; a model change never reads an old parse."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.config import Settings
from chronicle.nlp import load_pipeline
from chronicle.nlp.parse_cache import ParseCache, body_key, open_cache, parse_fingerprint
from chronicle.nlp.pieces import parse_texts
from chronicle.nlp.pipeline import resolve_model
from tests.chronicle.test_fingerprint import copy_warehouse, record_other_fingerprint
from tests.conftest import SAMPLE_RAW, read_tables

TEXTS = [
    "Russian President Vladimir Putin met Turkish officials in Ankara on Tuesday.",
    "The Palestinian Authority (PA) said talks would resume.\n\nNo date was set.",
]


def token_view(doc) -> list[tuple]:
    """What the rules read of a parse: every token attribute, entities and sentences."""
    return [
        (
            *(t.text, t.whitespace_, t.idx, t.tag_, t.pos_, t.morph.to_json(), t.lemma_),
            *(t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start),
        )
        for t in doc
    ] + [(e.start, e.end, e.label_) for e in doc.ents]


def test_a_cached_parse_reads_back_as_the_parse(tmp_path: Path) -> None:
    nlp = load_pipeline()
    cache = ParseCache(tmp_path, parse_fingerprint(), max_bytes=10**9)
    first = [token_view(doc) for doc in cache.parse(nlp, TEXTS, batch_size=4)]
    assert (cache.hits, cache.misses) == (0, 2)
    again = [token_view(doc) for doc in cache.parse(nlp, [TEXTS[1], TEXTS[0]], batch_size=4)]
    assert (cache.hits, cache.misses) == (2, 2)
    assert again == [first[1], first[0]]
    assert first == [token_view(doc) for doc in parse_texts(nlp, TEXTS)]


def test_an_unreadable_cached_parse_is_parsed_again(tmp_path: Path) -> None:
    nlp = load_pipeline()
    cache = ParseCache(tmp_path, parse_fingerprint(), max_bytes=10**9)
    list(cache.parse(nlp, TEXTS[:1], batch_size=4))
    cache.path(body_key(TEXTS[0])).write_bytes(b"torn")
    (doc,) = cache.parse(nlp, TEXTS[:1], batch_size=4)
    assert (cache.hits, cache.misses) == (0, 2)
    assert token_view(doc) == token_view(next(parse_texts(nlp, TEXTS[:1])))


def test_the_cache_stays_under_its_bound(tmp_path: Path) -> None:
    nlp = load_pipeline()
    cache = ParseCache(tmp_path, parse_fingerprint(), max_bytes=10**9)
    list(cache.parse(nlp, TEXTS[:1], batch_size=4))
    one = cache.path(body_key(TEXTS[0])).stat().st_size
    small = ParseCache(tmp_path / "small", parse_fingerprint(), max_bytes=int(one * 1.5))
    texts = [f"Minister {name} spoke in Geneva." for name in ("Ann Lee", "Bo Chen", "Cy Ruiz")]
    list(small.parse(nlp, texts, batch_size=4))
    files = list(small.folder.rglob("*.spacy"))
    assert sum(p.stat().st_size for p in files) <= one * 1.5
    assert files  # the newest parses stay


def test_the_cache_lies_beside_the_snapshots_and_is_off_by_default(tmp_path: Path) -> None:
    assert Settings(warehouse_dir=tmp_path).parse_cache_folder() is None
    on = Settings(warehouse_dir=tmp_path, parse_cache=True)
    assert on.parse_cache_folder() == tmp_path / "parse-cache"
    elsewhere = on.with_overrides(parse_cache_dir=str(tmp_path / "parses"))
    assert elsewhere.parse_cache_folder() == tmp_path / "parses"


def test_a_model_change_reads_no_old_parse(tmp_path: Path) -> None:
    """Another model (here: the same weights under another version) has its own
    fingerprint; opening its cache removes the other model's parses."""
    nlp = load_pipeline()
    other = tmp_path / "model"
    shutil.copytree(resolve_model(), other)
    meta = json.loads((other / "meta.json").read_text())
    meta["version"] = meta["version"] + "-retrained"
    (other / "meta.json").write_text(json.dumps(meta))
    root = tmp_path / "cache"
    ours = open_cache(root, "", max_bytes=10**9)
    list(ours.parse(nlp, TEXTS, batch_size=4))
    theirs = open_cache(root, str(other), max_bytes=10**9)
    assert theirs.fingerprint != ours.fingerprint
    assert not ours.folder.exists()
    list(theirs.parse(nlp, TEXTS, batch_size=4))
    assert (theirs.hits, theirs.misses) == (0, 2)


@pytest.mark.slow
def test_a_rules_only_rebuild_reads_the_cache_and_equals_a_fresh_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    cache = tmp_path / "parses"
    cached = Settings(raw_dir=raw, parse_cache=True, parse_cache_dir=str(cache))
    first = build(cached.with_overrides(warehouse_dir=tmp_path / "first"))
    assert first.stage_pages["nlp"] == 5
    assert len(list(cache.rglob("*.spacy"))) == 5
    assert not list((tmp_path / "first").rglob("*.spacy"))  # nothing in the warehouse
    # The entity and event rules changed (what another version of them would record).
    rebuilt = copy_warehouse(tmp_path / "first", tmp_path / "rebuilt")
    record_other_fingerprint(rebuilt, "nlp")
    with caplog.at_level(logging.INFO, logger="chronicle.stages.nlp"):
        summary = build(cached.with_overrides(warehouse_dir=rebuilt))
    assert summary.files_resumed == 5 and summary.stage_pages["nlp"] == 5
    read = [r.getMessage() for r in caplog.records if r.getMessage().startswith("parse cache")]
    assert read == ["parse cache: 5 parse(s) read, 0 parsed"]
    fresh = tmp_path / "fresh"
    build(Settings(raw_dir=raw, warehouse_dir=fresh, parse_cache=False))
    assert read_tables(rebuilt) == read_tables(fresh)
