"""Per-stage fingerprints: an upgrade redoes only the stages whose inputs changed.

The code cases change a copy of the source tree (the fingerprint of a tree is what a
build records); the build cases redo a real warehouse and compare it with a fresh build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chronicle.build import build, pipeline_fingerprints
from chronicle.config import Settings
from chronicle.fingerprint import (
    PROJECT_ROOT,
    build_fingerprints,
    first_change,
    model_identity,
    module_closure,
)
from chronicle.nlp import paths
from chronicle.stages import default_stages
from tests.conftest import read_tables


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the code the fingerprints read (core, schemas and the lab)."""
    root = tmp_path_factory.mktemp("tree")
    for package in ("chronicle", "schemas", "lab"):
        shutil.copytree(
            PROJECT_ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return root


def fingerprints_of(root: Path) -> dict[str, str]:
    return build_fingerprints(default_stages(), Settings().decode_parameters(), root)


def append_comment(path: Path) -> None:
    path.write_text(path.read_text() + "\n# a comment\n")


def test_a_stage_follows_the_core_modules_it_imports_and_never_the_lab() -> None:
    nlp = default_stages()[-1]
    files = {p.relative_to(PROJECT_ROOT).as_posix() for p in module_closure(nlp.modules)}
    assert {"chronicle/stages/nlp.py", "chronicle/events/lexicon.py"} <= files
    assert "chronicle/nlp/pipeline.py" in files
    assert not any(f.startswith(("lab/", "chronicle/boilerplate/")) for f in files)
    assert "chronicle/timex/grammar.py" not in files  # timexes come from the page's rows


def test_a_comment_in_a_lab_module_changes_no_fingerprint(tree: Path) -> None:
    before = fingerprints_of(tree)
    append_comment(tree / "lab" / "events" / "score.py")
    append_comment(tree / "lab" / "datasets.py")
    after = fingerprints_of(tree)
    assert after == before
    assert first_change(before, after) is None


def test_the_events_lexicon_changes_the_nlp_stage_and_the_corpus_step_only(tree: Path) -> None:
    before = fingerprints_of(tree)
    append_comment(tree / "chronicle" / "events" / "lexicon.py")
    after = fingerprints_of(tree)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"nlp", "corpus"}
    assert first_change(before, after) == "nlp"


def test_the_timex_grammar_changes_timexes_and_its_data_files_count(tree: Path) -> None:
    before = fingerprints_of(tree)
    append_comment(tree / "chronicle" / "timex" / "grammar.py")
    middle = fingerprints_of(tree)
    assert {n for n in before if before[n] != middle[n]} == {"timexes"}
    model = tree / "chronicle" / "boilerplate" / "line_model.json"
    model.write_text(model.read_text() + " ")
    after = fingerprints_of(tree)
    assert {n for n in middle if middle[n] != after[n]} == {"decode", "articles"}


def test_model_identity_is_name_version_and_weights_not_the_folder(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(paths.default_model_path(), copy)
    original = model_identity()
    assert model_identity(str(copy)) == original
    meta = json.loads((copy / "meta.json").read_text())
    assert original["name"] == f"{meta['lang']}_{meta['name']}"
    assert original["version"] == meta["version"]
    weights = copy / "ner" / "model"
    weights.write_bytes(weights.read_bytes() + b"\0")
    assert model_identity(str(copy))["weights_sha256"] != original["weights_sha256"]


def test_settings_change_only_the_stages_they_feed() -> None:
    base = pipeline_fingerprints(Settings())
    no_events = pipeline_fingerprints(Settings(stages=("articles", "timexes", "entities")))
    assert {n for n in base if base[n] != no_events.get(n)} == {"nlp"}
    not_clean = pipeline_fingerprints(Settings(clean=False))
    assert first_change(base, not_clean) == "decode"
    fewer = pipeline_fingerprints(Settings(stages=("articles", "timexes")))
    assert first_change(base, fewer) == ""  # a stage left out at the end


# --- builds ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Sample pages and a warehouse built from them with every stage."""
    root = tmp_path_factory.mktemp("built")
    raw = root / "raw"
    shutil.copytree(Path(__file__).resolve().parents[2] / "raw", raw)
    build(Settings(raw_dir=raw, warehouse_dir=root / "warehouse"))
    return raw, root / "warehouse"


def copy_warehouse(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def record_other_fingerprint(warehouse: Path, stage: str) -> None:
    """What a build by another version of ``stage``'s code would have recorded."""
    info_path = (warehouse / "current").resolve() / "_snapshot.json"
    info = json.loads(info_path.read_text())
    info["stage_fingerprints"] = [
        [name, "another version" if name == stage else fp]
        for name, fp in info["stage_fingerprints"]
    ]
    info_path.write_text(json.dumps(info))


@pytest.mark.slow
def test_no_change_redoes_nothing(built: tuple[Path, Path], tmp_path: Path) -> None:
    raw, source = built
    warehouse = copy_warehouse(source, tmp_path / "warehouse")
    summary = build(Settings(raw_dir=raw, warehouse_dir=warehouse))
    assert (summary.files_resumed, summary.files_changed, summary.stage_pages) == (0, 0, {})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stage", "redone"),
    [
        ("nlp", {"articles": 0, "reference": 0, "timexes": 0, "nlp": 5}),
        ("timexes", {"articles": 0, "reference": 0, "timexes": 5, "nlp": 5}),
        ("reference", {"articles": 0, "reference": 5, "timexes": 5, "nlp": 5}),
    ],
)
def test_a_changed_stage_is_redone_with_what_follows_and_equals_a_fresh_build(
    built: tuple[Path, Path], tmp_path: Path, stage: str, redone: dict[str, int]
) -> None:
    raw, source = built
    warehouse = copy_warehouse(source, tmp_path / "warehouse")
    record_other_fingerprint(warehouse, stage)
    summary = build(Settings(raw_dir=raw, warehouse_dir=warehouse))
    assert summary.full_rebuild is None
    assert (summary.files_resumed, summary.files_changed) == (5, 0)
    assert summary.stage_pages == redone
    assert read_tables(warehouse) == read_tables(source)


@pytest.mark.slow
def test_a_changed_articles_stage_redoes_every_page(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, source = built
    warehouse = copy_warehouse(source, tmp_path / "warehouse")
    record_other_fingerprint(warehouse, "articles")
    summary = build(Settings(raw_dir=raw, warehouse_dir=warehouse))
    assert summary.full_rebuild and "articles" in summary.full_rebuild
    assert summary.files_changed == 5 and summary.stage_pages["articles"] == 5
    assert read_tables(warehouse) == read_tables(source)


@pytest.mark.slow
def test_switching_the_model_redoes_the_nlp_stage_only(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, source = built
    other = tmp_path / "other_model"
    shutil.copytree(paths.default_model_path(), other)
    meta = json.loads((other / "meta.json").read_text())
    (other / "meta.json").write_text(json.dumps({**meta, "version": meta["version"] + "-b"}))
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "switched", spacy_model=str(other))
    copy_warehouse(source, settings.warehouse_dir)
    summary = build(settings)
    assert summary.stage_pages == {"articles": 0, "reference": 0, "timexes": 0, "nlp": 5}
    fresh = build(settings.with_overrides(warehouse_dir=tmp_path / "fresh"))
    assert fresh.stage_pages["articles"] == 5
    assert read_tables(settings.warehouse_dir) == read_tables(tmp_path / "fresh")


@pytest.mark.slow
def test_leaving_out_the_last_stage_keeps_the_earlier_rows(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, source = built
    warehouse = copy_warehouse(source, tmp_path / "warehouse")
    stages = ("articles", "timexes")
    summary = build(Settings(raw_dir=raw, warehouse_dir=warehouse, stages=stages))
    assert summary.stage_pages == {"articles": 0, "reference": 0, "timexes": 0}
    fresh = tmp_path / "fresh"
    build(Settings(raw_dir=raw, warehouse_dir=fresh, stages=stages))
    tables = read_tables(warehouse)
    assert tables["mentions"].num_rows == 0 and tables["segments"].num_rows > 0
    assert tables == read_tables(fresh)
