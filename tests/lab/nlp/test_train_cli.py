"""Tests for the rebuild command's argument handling and tokenizer additions."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from lab import datasets
from lab.nlp import CONFIG_DIR, train


def test_unknown_stage_is_rejected() -> None:
    with pytest.raises(SystemExit) as info:
        train.main(["--stages", "data,bogus"])
    assert info.value.code == 2


def test_missing_shared_data_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHRONICLE_SHARED", str(tmp_path / "nowhere"))
    code = train.main(["--stages", "data", "--build-dir", str(tmp_path / "build")])
    assert code == 2
    assert "CHRONICLE_SHARED" in capsys.readouterr().err
    assert not (tmp_path / "build").exists()


def test_shared_root_honours_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHRONICLE_SHARED", str(tmp_path))
    assert datasets.datasets_dir() == tmp_path / "datasets"
    monkeypatch.delenv("CHRONICLE_SHARED")
    assert datasets.datasets_dir() == datasets.REPO_ROOT.parent / "shared" / "datasets"


def test_news_special_cases() -> None:
    nlp = spacy.blank("en")
    assert [t.text for t in nlp.make_doc("Lt. Smith")] != ["Lt.", "Smith"]
    train.add_news_special_cases(nlp)
    assert [t.text for t in nlp.make_doc("Lt. Smith of the U.N.-backed force")] == [
        "Lt.",
        "Smith",
        "of",
        "the",
        "U.N.",
        "-",
        "backed",
        "force",
    ]


def test_configs_are_shipped_with_fixed_seeds() -> None:
    for name in ("ewt.cfg", "ner.cfg"):
        config = spacy.util.load_config(CONFIG_DIR / name)
        assert config["system"]["seed"] == 4242
        assert config["training"]["max_steps"] > 0
        assert config["paths"]["vectors"] is None
