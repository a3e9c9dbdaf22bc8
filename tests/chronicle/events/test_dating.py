"""Precision of TIMEX3 values and the landmark list (the parse-based rules are exercised
in test_extract.py and by the AQUAINT gate)."""

from __future__ import annotations

from datetime import date

import pytest

from chronicle.events.dating import precision_of
from chronicle.events.landmarks import landmark_date


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2021-10-22", "day"), ("2021-10-22T10:30", "day"), ("2021-W43", "week"),
     ("2021-W43-WE", "day"), ("2021-10", "month"), ("2021-SU", "season"), ("2021-Q3", "quarter"),
     ("2021-H1", "half"), ("2021", "year"), ("198X", "decade"), ("19XX", "century"),
     ("PAST_REF", None), ("XXXX-10-22", None)],
)  # fmt: skip
def test_precision_of(value: str, precision: str | None) -> None:
    assert precision_of(value) == precision


def test_landmark_needs_the_day_the_type_and_the_states() -> None:
    assert landmark_date("XXXX-02-24", "mobilize", ["RU"], ["UA"]) == date(2022, 2, 24)
    assert landmark_date("XXXX-02-24", "consult", ["RU"], ["UA"]) is None
    assert landmark_date("XXXX-02-24", "mobilize", ["US"], ["UA"]) is None
    assert landmark_date("XXXX-02-25", "mobilize", ["RU"], ["UA"]) is None
    assert landmark_date("2021-02-24", "mobilize", ["RU"], ["UA"]) is None  # has a year
    assert landmark_date("XXXX-10-07", "assault", [], ["IL"]) == date(2023, 10, 7)


# ---------------------------------------------------------------- parse-based dating


def _dated(text: str, word: str, reference: date) -> tuple[str | None, str | None]:
    """(value of the dating expression, date_basis) of the first token ``word``."""
    from chronicle.events.dating import Dater, TimexSpan
    from chronicle.nlp import load_pipeline
    from chronicle.timex import tag_timexes

    doc = load_pipeline()(text)
    dater = Dater(doc, [TimexSpan.from_row(t.__dict__) for t in tag_timexes(text, reference)])
    tok = next(t for t in doc if t.text == word)
    found = dater.dated(tok)
    return (found[0].value, found[1]) if found else (None, None)


def test_a_time_right_after_a_speech_verb_dates_the_saying() -> None:
    text = "Clinton said Friday the INS did the right thing."
    assert _dated(text, "said", date(2000, 1, 8)) == ("2000-01-07", "expression")


def test_a_fronted_date_dates_the_verb_not_the_subject_after_it() -> None:
    text = "On Sept. 2, police in the Comoros raided two homes."
    assert _dated(text, "raided", date(1998, 9, 11)) == ("1998-09-02", "expression")


def test_a_date_before_an_event_noun_dates_the_noun() -> None:
    text = "Officials played down the likelihood that he was involved in the Oct. 23 killing."
    assert _dated(text, "killing", date(1998, 11, 21)) == ("1998-10-23", "expression")


def test_a_happening_in_a_dated_event_takes_its_date() -> None:
    text = "A nurse who was injured in the 1998 clinic bombing attended the ceremony."
    assert _dated(text, "injured", date(1999, 10, 24)) == ("1998", "anchored")


def test_a_definite_event_noun_takes_the_date_the_text_gave_it() -> None:
    text = (
        "The Aug. 7 bombings killed 258 people. "
        "Police questioned two suspects in the bombings and in an attack."
    )
    from chronicle.events.dating import Dater, TimexSpan
    from chronicle.nlp import load_pipeline
    from chronicle.timex import tag_timexes

    doc = load_pipeline()(text)
    timexes = [TimexSpan.from_row(t.__dict__) for t in tag_timexes(text, date(1998, 9, 11))]
    dater = Dater(doc, timexes)
    second = [t for t in doc if t.text == "bombings"][1]
    found = dater.dated(second)
    assert found is not None and (found[0].value, found[1]) == ("1998-08-07", "anchored")
    # An indefinite noun ("an attack") names no known event.
    attack = next(t for t in doc if t.text == "attack")
    assert dater.dated(attack) is None or dater.dated(attack)[1] != "anchored"


def test_an_event_said_not_to_have_happened_takes_no_date_from_context() -> None:
    text = "On Monday, gunmen attacked the clinic. None of the doctors were killed."
    assert _dated(text, "attacked", date(1999, 4, 21))[0] == "1999-04-19"
    assert _dated(text, "killed", date(1999, 4, 21)) == (None, None)


def test_statements_after_a_dated_one_share_its_day() -> None:
    text = (
        "Federal officials said Monday they will order the relatives to hand over the boy.\n\n"
        "``Our goal is to reunite the family,'' said a spokeswoman."
    )
    assert _dated(text, "said", date(2000, 4, 4)) == ("2000-04-03", "expression")
    from chronicle.events.dating import Dater, TimexSpan
    from chronicle.nlp import load_pipeline
    from chronicle.timex import tag_timexes

    doc = load_pipeline()(text)
    dater = Dater(
        doc, [TimexSpan.from_row(t.__dict__) for t in tag_timexes(text, date(2000, 4, 4))]
    )
    later = [t for t in doc if t.text == "said"][1]
    found = dater.dated(later)
    assert found is not None and (found[0].value, found[1]) == ("2000-04-03", "narrative")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Putin visited the UAE on Wednesday. "
         "A day after visiting the UAE, Putin received Raisi in the Kremlin.",
         "received", ("2023-12-07", "anchored")),
        ("The talks began on March 3. Two days after the talks, rebels attacked the town.",
         "attacked", ("2024-03-05", "anchored")),
        ("Slepian was killed on Oct. 23. His car was spotted two weeks before the killing.",
         "spotted", ("2023-10-09", "anchored")),
        # The other event has no day: no date is made up.
        ("A day after visiting the UAE, Putin received Raisi in the Kremlin.",
         "received", (None, None)),
    ],
)  # fmt: skip
def test_an_event_some_days_from_a_dated_one(text: str, word: str, expected: tuple) -> None:
    assert _dated(text, word, date(2023, 12, 8)) == expected


def test_a_condition_takes_no_time_from_its_sentence() -> None:
    text = "On Monday, Spitzer vowed to revive the unit if elected."
    assert _dated(text, "vowed", date(1998, 10, 27)) == ("1998-10-26", "expression")
    assert _dated(text, "elected", date(1998, 10, 27)) == (None, None)
