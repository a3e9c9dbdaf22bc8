"""Accuracy gate: TIMEX3 tagging on the shared AQUAINT TimeML corpus.

Floors sit a couple of points under the measured scores (all 73 files: strict 0.876,
relaxed 0.953, value 0.789; NYT+XIE: 0.824 / 0.938 / 0.791; the fixed hash split of
``lab.timex.score``, tuning half 0.862 / 0.947 / 0.778, held-out half 0.888 / 0.959 /
0.799; see docs/timex.md). Strict
F1 was 0.895 before extents followed TimeML ("the past two months", "about five hours",
"late Monday"), which AQUAINT's annotators applied only part of the time.
The anchors to beat were HeidelTime's 0.766 strict / 0.893 relaxed / 0.658 value F1.
"""

from __future__ import annotations

import pytest

from lab.datasets import aquaint_dir, load_corpus
from lab.timex.score import evaluate

STRICT_F1_FLOOR = 0.86
RELAXED_F1_FLOOR = 0.94
VALUE_F1_FLOOR = 0.77
HELD_OUT_STRICT_F1_FLOOR = 0.80
HELD_OUT_RELAXED_F1_FLOOR = 0.92
HELD_OUT_VALUE_F1_FLOOR = 0.77  # NYT + XIE files, reported apart from the APW tuning files


@pytest.fixture(scope="module")
def docs():
    if not aquaint_dir().is_dir():
        pytest.skip(f"AQUAINT TimeML corpus not found at {aquaint_dir()} (set CHRONICLE_SHARED)")
    return load_corpus()


def test_scorer_sees_every_gold_timex(docs) -> None:
    # README: 652 TIMEX3 = 73 DCT + 579 in TEXT.
    assert len(docs) == 73
    assert sum(len(d.timexes) for d in docs) == 579


def test_accuracy_floors(docs) -> None:
    s = evaluate(docs)
    assert s.strict[2] >= STRICT_F1_FLOOR, s.summary()
    assert s.relaxed[2] >= RELAXED_F1_FLOOR, s.summary()
    assert s.value_f1 >= VALUE_F1_FLOOR, s.summary()


def test_held_out_split(docs) -> None:
    held_out = [d for d in docs if not d.name.startswith("APW")]
    s = evaluate(held_out)
    assert s.strict[2] >= HELD_OUT_STRICT_F1_FLOOR, s.summary()
    assert s.relaxed[2] >= HELD_OUT_RELAXED_F1_FLOOR, s.summary()
    assert s.value_f1 >= HELD_OUT_VALUE_F1_FLOOR, s.summary()


# The GUM news check (tests/fixtures/timex_gum.json, 97 TIMEX3 in 10 Wikinews documents,
# labelled by hand before the tagger ran on them): strict 0.903, relaxed 0.946, value F1
# 0.871 (0.897 / 0.941 / 0.865 before "the year before", a class read off its errors);
# blind (rules frozen before its errors were read) 0.873 / 0.917 / 0.840; before the
# TimeML-extent rules 0.846 / 0.912 / 0.835.
GUM_STRICT_F1_FLOOR = 0.86
GUM_VALUE_F1_FLOOR = 0.83


def test_gum_news_check() -> None:
    from lab.timex.score import gum_available, load_gum_check

    if not gum_available():
        pytest.skip("GUM (ud_english_gum_ccby) not found under ../shared (set CHRONICLE_SHARED)")
    docs = load_gum_check()  # raises if the labelled spans no longer match the texts
    assert len(docs) == 10 and sum(len(d.timexes) for d in docs) == 97
    s = evaluate(docs)
    assert s.strict[2] >= GUM_STRICT_F1_FLOOR, s.summary()
    assert s.value_f1 >= GUM_VALUE_F1_FLOOR, s.summary()
