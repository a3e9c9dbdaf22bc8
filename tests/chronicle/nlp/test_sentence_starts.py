"""Where sentences of the loaded pipeline may start."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from chronicle.nlp import load_pipeline
from chronicle.nlp.sentence_starts import COMPONENT, mark_sentence_starts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def starts(text: str) -> list[bool | None]:
    """The preset ``is_sent_start`` of each token, before any parser runs."""
    doc = mark_sentence_starts(spacy.blank("en").make_doc(text))
    return [t.is_sent_start for t in doc]


def test_blank_lines_end_sentences_and_single_breaks_do_not_force_one(nlp: Language) -> None:
    assert nlp.pipe_names.index(COMPONENT) < nlp.pipe_names.index("parser")
    doc = nlp("Analysts expect it to fill the gap\n\nSince February 24 prices rose sharply.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "Analysts expect it to fill the gap",
        "Since February 24 prices rose sharply.",
    ]
    wrapped = nlp("The minister said the talks\nwould resume on Monday in Geneva.")
    assert len(list(wrapped.sents)) == 1


def test_a_blank_line_ends_the_sentence_before_it_and_the_next_word_starts_one() -> None:
    # tokens: Talks ended . \n\n Putin left .
    assert starts("Talks ended.\n\nPutin left.") == [True, False, False, False, True, False,
                                                     False]
    # whitespace after the blank line joins its token: Talks ended "\n\n " Putin left .
    assert starts("Talks ended\n\n Putin left.")[2:4] == [False, True]


def test_a_sentence_starts_only_after_a_sentence_end_or_a_line_break() -> None:
    assert starts("Secretary of State Madeleine Albright headed Tuesday.")[1:] == [False] * 7
    assert starts("He left. She stayed.")[1:] == [False, False, None, False, False]
    assert starts('"We will go." Then he left.')[6] is None  # after a closing quote
    assert starts('"We will go," he said.')[6] is False  # the quote closes a comma
    assert starts("U.S. officials left. Talks ended.")[4] is None  # after "left ."
    assert starts("Putin meets Bennett\nSochi talks end")[4] is None  # a line break allows


def test_names_stay_in_one_sentence(nlp: Language) -> None:
    text = ("U.S. Secretary of State Madeleine Albright headed Tuesday to East Africa, "
            "seeking to demonstrate American support after the bombings.")
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    assert "Madeleine Albright" in [e.text for e in doc.ents]
