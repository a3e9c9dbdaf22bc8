"""Scoring helpers for the held-out splits."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lab.nlp.score import markdown_tables, one_sentence_docs


def two_sentence_doc() -> Doc:
    nlp = spacy.blank("en")
    words = ["Putin", "met", "Bennett", ".", "They", "talked", "."]
    return Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 1, 1, 5, 5, 5],
        deps=["nsubj", "ROOT", "obj", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
        lemmas=["Putin", "meet", "Bennett", ".", "they", "talk", "."],
        sent_starts=[True, False, False, False, True, False, False],
    )


def test_one_sentence_docs_keeps_each_sentences_annotation() -> None:
    first, second = one_sentence_docs([two_sentence_doc()])
    assert [t.text for t in first] == ["Putin", "met", "Bennett", "."]
    assert [t.text for t in second] == ["They", "talked", "."]
    # heads are re-indexed inside the new Doc: "talked" is now token 1 and the root
    assert [t.head.i for t in second] == [1, 1, 1]
    assert [t.dep_ for t in second] == ["nsubj", "ROOT", "punct"]
    assert [t.pos_ for t in first] == ["PROPN", "VERB", "PROPN", "PUNCT"]
    assert [t.lemma_ for t in second] == ["they", "talk", "."]


def test_markdown_tables_puts_both_protocols_side_by_side() -> None:
    ner = {"p": 0.9, "r": 0.8, "f": 0.85, "per_type": {}}
    table = markdown_tables(
        {
            "ewt_test": {"pos_acc": 0.94, "dep_las": 0.79, "sents_f": 0.71},
            "ewt_test_gold_sentences": {"pos_acc": 0.945, "dep_las": 0.81},
            "ner_test": {"all": {"without_ruler": ner}},
        }
    )
    lines = table.splitlines()
    assert lines[0] == "| EWT test | 10 sentences per text | one gold sentence per text |"
    assert "| LAS | 0.7900 | 0.8100 |" in lines
    assert "| sentence boundary F1 | 0.7100 | — |" in lines
