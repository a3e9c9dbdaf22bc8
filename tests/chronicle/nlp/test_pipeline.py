"""Tests for the committed pipeline and :func:`chronicle.nlp.load_pipeline`.

The news sentences and their expected entities are written and checked by hand; they are
not copied from the pipeline's output.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import spacy

from chronicle.nlp import ModelNotFoundError, clear_cache, load_pipeline, paths, pipeline
from schemas.entity_labels import ENTITY_LABELS


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load_pipeline()


def ents(nlp: spacy.language.Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_committed_pipeline_loads_offline_from_repo(nlp: spacy.language.Language) -> None:
    model_dir = paths.default_model_path()
    assert model_dir.parent == Path(__file__).resolve().parents[3] / "models"
    assert (model_dir / "config.cfg").is_file()
    assert nlp.meta["name"] == "chronicle_en"
    for pipe in ("tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert pipe in nlp.pipe_names
    assert not nlp.vocab.vectors.shape[0], "the committed pipeline ships no word vectors"
    assert set(nlp.get_pipe("ner").labels) <= set(ENTITY_LABELS)


def test_loading_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("load_pipeline tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    clear_cache()
    fresh = load_pipeline()
    assert "ner" in fresh.pipe_names
    clear_cache()


def test_load_pipeline_is_cached_per_process() -> None:
    first = load_pipeline()
    assert load_pipeline() is first
    assert load_pipeline(str(paths.default_model_path())) is first


def test_committed_model_is_small() -> None:
    size = sum(f.stat().st_size for f in paths.default_model_path().rglob("*") if f.is_file())
    assert size < 30 * 1024 * 1024


def test_missing_package_error_is_clear() -> None:
    clear_cache()
    with pytest.raises(ModelNotFoundError) as info:
        load_pipeline("en_chronicle_no_such_model")
    message = str(info.value)
    assert "en_chronicle_no_such_model" in message
    assert pipeline.ENV_VAR in message


def test_missing_directory_and_non_pipeline_dir(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="not found"):
        load_pipeline(str(tmp_path / "nowhere" / "model"))
    with pytest.raises(ModelNotFoundError, match="not a spaCy pipeline directory"):
        load_pipeline(str(tmp_path))


def test_settings_select_another_pipeline(tmp_path: Path) -> None:
    from chronicle.config import Settings

    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "blank_en")
    settings = Settings.from_env({pipeline.ENV_VAR: str(tmp_path / "blank_en")})
    assert settings.spacy_model == str(tmp_path / "blank_en")
    loaded = load_pipeline(settings.spacy_model)
    assert loaded.pipe_names == []
    clear_cache()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian President Vladimir Putin met NATO officials in Brussels on Monday.",
            {
                ("Russian", "NORP"),
                ("Vladimir Putin", "PERSON"),
                ("NATO", "ORG"),
                ("Brussels", "GPE"),
            },
        ),
        (
            "German Chancellor Angela Merkel told reporters in Berlin that the European "
            "Union would send aid to Ukraine.",
            {
                ("German", "NORP"),
                ("Angela Merkel", "PERSON"),
                ("Berlin", "GPE"),
                ("European Union", "ORG"),
                ("Ukraine", "GPE"),
            },
        ),
        (
            "The World Health Organization said hundreds of Iraqis had fled to Syria and Jordan.",
            {
                ("World Health Organization", "ORG"),
                ("Iraqis", "NORP"),
                ("Syria", "GPE"),
                ("Jordan", "GPE"),
            },
        ),
        (
            "U.S. Secretary of State Condoleezza Rice arrived in Kabul for talks with "
            "Afghan President Hamid Karzai.",
            {
                ("U.S.", "GPE"),
                ("Condoleezza Rice", "PERSON"),
                ("Kabul", "GPE"),
                ("Afghan", "NORP"),
                ("Hamid Karzai", "PERSON"),
            },
        ),
        (
            "Fighting continued in Darfur, the United Nations said in a statement from Geneva.",
            {("Darfur", "LOC"), ("United Nations", "ORG"), ("Geneva", "GPE")},
        ),
    ],
)
def test_news_sentences_give_expected_entities(
    nlp: spacy.language.Language, text: str, expected: set[tuple[str, str]]
) -> None:
    found = ents(nlp, text)
    missing = expected - found
    assert not missing, f"missing {missing}; found {found}"


def test_gazetteer_ruler_ships_and_can_be_enabled(nlp: spacy.language.Language) -> None:
    assert "entity_ruler" in nlp.component_names
    text = "Hundreds of Muslims and Christians marched in Karachi."
    was_disabled = "entity_ruler" in nlp.disabled
    nlp.enable_pipe("entity_ruler")
    try:
        found = ents(nlp, text)
    finally:
        if was_disabled:
            nlp.disable_pipe("entity_ruler")
    assert {("Muslims", "NORP"), ("Christians", "NORP"), ("Karachi", "GPE")} <= found


def test_time_expressions_are_not_entities(nlp: spacy.language.Language) -> None:
    doc = nlp("Officials met on Monday, June 5, and again last week.")
    assert not [e for e in doc.ents if e.text in ("Monday", "June 5", "last week")]


def test_syntax_lemmas_and_sentences(nlp: spacy.language.Language) -> None:
    doc = nlp("The ministers met in Paris. They signed two agreements.")
    assert len(list(doc.sents)) == 2
    by_text = {t.text: t for t in doc}
    assert by_text["met"].lemma_ == "meet"
    assert by_text["ministers"].lemma_ == "minister"
    assert by_text["met"].pos_ == "VERB"
    assert by_text["ministers"].dep_ == "nsubj"
    assert by_text["ministers"].head.text == "met"
    assert by_text["Paris"].pos_ == "PROPN"


def test_news_tokenizer_cases(nlp: spacy.language.Language) -> None:
    assert [t.text for t in nlp.make_doc("the U.S.-led coalition")] == [
        "the",
        "U.S.",
        "-",
        "led",
        "coalition",
    ]
    assert [t.text for t in nlp.make_doc("Lt. Col. Smith")] == ["Lt.", "Col.", "Smith"]
