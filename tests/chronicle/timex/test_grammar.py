"""Detection: which spans the token grammar marks, with exact character offsets."""

from __future__ import annotations

import pytest

from chronicle.timex import tag_timexes
from chronicle.timex.tokenizer import tokenize


def spans(text: str) -> list[str]:
    return [t.text for t in tag_timexes(text)]


def test_offsets_point_into_the_input() -> None:
    text = "Suspected bombs exploded on Friday, killing dozens, on Oct. 30, 2021 at 3:42 am."
    found = tag_timexes(text)
    assert [(t.start, t.end) for t in found] == [(28, 34), (55, 79)]
    for t in found:
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It began on February 24, 2022 in the east.", ["February 24, 2022"]),
        ("Talks resume 24 February.", ["24 February"]),
        ("The plant opened in 2005 and closed 2020-04-01.", ["2005", "2020-04-01"]),
        ("Prices doubled in the 1990s.", ["1990s"]),
        ("He left last Tuesday and returns next year.", ["last Tuesday", "next year"]),
        ("Sales fell over the past six months.", ["the past six months"]),
        ("The war lasted 22 months.", ["22 months"]),
        ("It happened two years ago.", ["two years ago"]),
        ("He arrived a day after the vote.", ["a day"]),
        ("Profit rose in the third quarter of 2021.", ["third quarter of 2021"]),
        ("They met early next week, and again last fall.", ["early next week", "last fall"]),
        ("The shelter held for at least 72 hours.", ["at least 72 hours"]),
        ("The flight took 5 1/2 hours.", ["5 1/2 hours"]),
        ("The paper is published daily and twice a year in print.", ["daily", "twice a year"]),
        (
            "Now we wait; recently it rained; in the long run it pays.",
            ["Now", "recently", "the long run"],
        ),
        ("The ceremony is on Sha'ban 07, 1441.", ["Sha'ban 07, 1441"]),
        ("Budget cuts for fiscal 2021 hit schools.", ["fiscal 2021"]),
    ],
)
def test_detects_expression(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TimeML leaves out signals and the article before a point; it keeps
        # approximators and point modifiers ("nearly forty years", "late yesterday").
        ("It took about five hours.", ["about five hours"]),
        ("He lived there for nearly forty years.", ["nearly forty years"]),
        ("It took almost a hundred years.", ["almost a hundred years"]),
        ("In the last twenty four hours, rockets fell.", ["the last twenty four hours"]),
        ("It came late yesterday, after talks early Tuesday.", ["late yesterday", "early Tuesday"]),
        ("This past spring was dry.", ["This past spring"]),
        ("It could take a year or two.", ["a year or two"]),
        ("The bill passed in January nineteen ninety-seven.", ["January nineteen ninety-seven"]),
        ("The sale closed in the 1990s.", ["1990s"]),
        ("Earlier Friday, police came.", ["Friday"]),
        ("It ended at 10 p.m. Police left.", ["10 p.m"]),
    ],
)
def test_extent_conventions(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old man was arrested.",  # ages are not durations
        "Protesters joined the March for Life.",  # event named after a month
        "She may come, he said.",  # the modal, not the month
        "In his 30s he moved away.",  # an age, not a decade
        "The embassy hired 1500 troops.",  # a count that looks like a year
        "Prices fall when supply rises.",  # the verb, not the season
        "Read it in USA Today and Fantasy Football Today.",  # names, not deictics
        "The GTX 1660 laptop is fast.",  # a model number, not a year
    ],
)
def test_non_temporal_lookalikes_are_not_tagged(text: str) -> None:
    assert spans(text) == []


def test_tokenizer_keeps_multichar_units_and_collapses_gaps() -> None:
    toks = tokenize("The deal, signed Oct. 30 at 3:42 a.m., ends 2020-04-01.")
    texts = [t.text if t else None for t in toks]
    # ", ends " holds a word outside the vocabulary: one run boundary (None).
    assert texts == ["Oct.", "30", "at", "3:42", "a.m.", None, "2020-04-01"]
    month = toks[0]
    assert month is not None and "MONTH" in month.classes and month.value == 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Types: fractions are not durations, publications named for their frequency
        # are not sets, habits are sets.
        ("Three-quarters of voters agreed.", []),
        ("The quarterly report and the daily Maariv said so.", []),
        ("The shop is closed on Mondays and open Tuesday nights.", ["Mondays", "Tuesday nights"]),
        ("The festival is held each July.", ["each July"]),
        # "current" is now (TimeML PRESENT_REF), unless it names something or a unit follows.
        ("His current wife saw Current Affairs in the current year.", ["current", "current year"]),
        # A year after a determiner is a date, not a count.
        ("A 1996 law banned it.", ["1996"]),
    ],
)
def test_type_classes(text: str, expected: list[str]) -> None:
    assert spans(text) == expected
