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
