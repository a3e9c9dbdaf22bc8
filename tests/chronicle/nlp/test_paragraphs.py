"""Sentences of the loaded pipeline never cross a blank line."""

from __future__ import annotations

from chronicle.nlp import load_pipeline
from chronicle.nlp.paragraphs import COMPONENT


def test_blank_lines_end_sentences_and_single_breaks_do_not_force_one() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names.index(COMPONENT) < nlp.pipe_names.index("parser")
    doc = nlp("Analysts expect it to fill the gap\n\nSince February 24 prices rose sharply.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "Analysts expect it to fill the gap",
        "Since February 24 prices rose sharply.",
    ]
    wrapped = nlp("The minister said the talks\nwould resume on Monday in Geneva.")
    assert len(list(wrapped.sents)) == 1
