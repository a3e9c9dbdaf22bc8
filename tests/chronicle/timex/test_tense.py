"""The tense heuristic: the nearest tense marker in the clause around a span."""

from __future__ import annotations

import pytest

from chronicle.timex import detect_tense


def tense_of(sentence: str, span: str) -> str | None:
    i = sentence.index(span)
    return detect_tense(sentence, i, i + len(span))


@pytest.mark.parametrize(
    ("sentence", "span", "expected"),
    [
        ("He will arrive on Friday.", "Friday", "FUTURE"),
        ("He'll arrive on Friday.", "Friday", "FUTURE"),
        ("He arrived on Friday.", "Friday", "PAST"),
        ("The ministry said Friday that prices rose.", "Friday", "PAST"),
        ("Friday, the ministry said, prices rose.", "Friday", "PAST"),
        ("The boy must be returned by Jan. 14.", "Jan. 14", "FUTURE"),
        ("The ruling was announced Wednesday.", "Wednesday", "PAST"),
        ("The case is heard in May.", "May", "PRESENT"),
        ("The talks are expected to resume on Monday.", "Monday", "FUTURE"),
        ("Results on Monday.", "Monday", None),
        ("He plans to leave on Monday.", "Monday", "FUTURE"),
        ("On Monday, his vacation plans changed.", "Monday", "PAST"),
        ("The team planned to leave on Monday.", "Monday", "PROSPECTIVE"),
        ("The vote was expected to take place on Monday.", "Monday", "PROSPECTIVE"),
    ],
)
def test_detect_tense(sentence: str, span: str, expected: str | None) -> None:
    assert tense_of(sentence, span) == expected


def test_does_not_cross_sentence_boundaries() -> None:
    text = "Prices will rise. On Friday markets opened."
    i = text.index("Friday")
    assert detect_tense(text, i, i + 6) == "PAST"
    text2 = "Prices will rise. Friday: results."
    j = text2.index("Friday")
    assert detect_tense(text2, j, j + 6) is None
