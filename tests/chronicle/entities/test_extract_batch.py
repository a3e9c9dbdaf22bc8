"""extract_mentions over a batch: one list per document, in order, through nlp.pipe."""

from __future__ import annotations

import pytest
import spacy

from chronicle.entities import extract_mentions


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """A blank pipeline whose only NER is a small entity ruler (no trained model needed)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "GPE", "pattern": "Russia"}, {"label": "ORG", "pattern": "Hamas"}]
    )
    return nlp


def test_one_list_per_document_in_order(nlp: spacy.language.Language) -> None:
    texts = ["Officials in Russia spoke.", "", "Officials of Hamas and Russia met."]
    ids = ["a" * 16, "b" * 16, "c" * 16]
    rows = extract_mentions(texts, ids, nlp)
    assert [[(r["doc_id"], r["text"]) for r in page] for page in rows] == [
        [("a" * 16, "Russia")],
        [],
        [("c" * 16, "Hamas"), ("c" * 16, "Russia")],
    ]
    assert rows[2][1]["doc_entity_key"] == "GPE|RU"


def test_texts_and_ids_must_pair_up(nlp: spacy.language.Language) -> None:
    with pytest.raises(ValueError, match="2 texts but 1 doc_ids"):
        extract_mentions(["a", "b"], ["a" * 16], nlp)
