"""Long texts parsed in pieces: exact offsets, and the same annotations as the pieces."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chronicle.nlp import load_pipeline
from chronicle.nlp.pieces import cut_points, parse_texts, pieces

PARAGRAPH = (
    "The foreign ministers of France and Germany met on Tuesday in Geneva. "
    "Officials said Angela Merkel would travel to Washington next week.\n\n"
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("aaaa\n\nbbbb\ncccc dddd", 100, []),  # short: whole
        ("aaaa\n\nbbbb\ncccc dddd", 8, [6, 11, 16]),  # blank line, line break, space
        ("aaaa bbbb\ncc. dddd", 12, [10]),  # a line break before a sentence end
        ("aaaaa. bbb ccc", 10, [7]),  # a sentence end before a space
        ("x" * 25, 10, [10, 20]),  # no separator: cut at the limit
        ("\n\n" + "x" * 20, 10, [10, 20]),  # a separator in the first half does not count
    ],
)
def test_cut_points_prefer_paragraphs_and_bound_the_piece_length(
    text: str, max_chars: int, expected: list[int]
) -> None:
    assert cut_points(text, max_chars) == expected
    parts = pieces(text, max_chars)
    assert "".join(parts) == text
    assert all(0 < len(part) <= max_chars for part in parts)


def test_a_long_text_parsed_in_pieces_keeps_exact_offsets_and_each_pieces_parse(
    nlp: Language,
) -> None:
    text = PARAGRAPH * 40  # about 5,600 characters, cut into pieces of at most 1,000
    parts = pieces(text, 1000)
    assert len(parts) > 5
    [doc] = parse_texts(nlp, [text], max_chars=1000)
    assert doc.text == text
    offset, expected_ents, expected_sents = 0, [], []
    for part in parts:
        piece_doc = nlp(part)
        expected_ents += [
            (e.start_char + offset, e.end_char + offset, e.label_) for e in piece_doc.ents
        ]
        expected_sents += [(s.start_char + offset, s.end_char + offset) for s in piece_doc.sents]
        offset += len(part)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected_ents
    assert [(s.start_char, s.end_char) for s in doc.sents] == expected_sents
    assert {e.text for e in doc.ents} >= {"France", "Germany", "Geneva", "Angela Merkel"}
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_short_texts_are_parsed_whole_in_order(nlp: Language) -> None:
    texts = ["Angela Merkel met Emmanuel Macron.", PARAGRAPH * 3, "Paris."]
    docs = list(parse_texts(nlp, texts, max_chars=200))
    assert [d.text for d in docs] == texts
    assert [e.text for e in docs[0].ents] == [e.text for e in nlp(texts[0]).ents]


def test_texts_over_the_pipelines_max_length_are_parsed_not_refused() -> None:
    import spacy

    blank = spacy.blank("en")
    blank.max_length = 1000  # spaCy refuses longer texts with E088
    text = PARAGRAPH * 20  # about 2,800 characters
    with pytest.raises(ValueError, match="E088"):
        list(blank.pipe([text]))
    [doc] = parse_texts(blank, [text])
    assert doc.text == text
    assert len(doc) == len(blank.make_doc(PARAGRAPH)) * 20
