"""Accuracy gates for events (``chronicle.events``), pinned a few points under the scores
measured with the committed model (docs/events.md).

* Dev set: ``tests/fixtures/events_dev.json``, 127 events hand-labelled blind in 10
  AQUAINT files the rules were not tuned on (guidelines: docs/events-dev-set.md).
* Anchoring: AQUAINT TLINKs that put a gold event inside a date of the text; for the
  anchors our temporal tagger also finds, how often the dater dates the event at all and
  how often with the gold expression.

Both read the texts from ``../shared``; they skip, with the reason, when it is absent.
"""

from __future__ import annotations

import pytest

from lab.datasets import aquaint_dir, load_corpus
from lab.events import anchoring
from lab.events import score as evaluate

# Measured with model 0.2.0: detection P 0.687 R 0.449 F1 0.543; actors 0.614;
# dates 0.895; (type, actors, date) P 0.398 R 0.260 F1 0.314.
DEV_FLOORS = {
    ("detection", "precision"): 0.64,
    ("detection", "f1"): 0.50,
    ("full", "f1"): 0.28,
    "actor_accuracy": 0.57,
    "date_accuracy": 0.85,
}
# Measured on all 73 files (model 0.2.0): coverage 0.382, accuracy 0.931, value 0.800.
ANCHOR_FLOORS = {"coverage": 0.35, "accuracy": 0.90, "value_accuracy": 0.76}


def _need_aquaint() -> None:
    if not aquaint_dir().is_dir():
        pytest.skip(f"AQUAINT TimeML not found at {aquaint_dir()} (../shared absent)")


@pytest.fixture(scope="module")
def dev_scores() -> dict:
    _need_aquaint()
    return evaluate.score(evaluate.load_dev_set()).summary()


@pytest.fixture(scope="module")
def anchor_scores() -> dict:
    _need_aquaint()
    return anchoring.evaluate(load_corpus())["all"].summary()


@pytest.mark.parametrize("metric", list(DEV_FLOORS), ids=str)
def test_dev_set_floor(dev_scores: dict, metric) -> None:
    value = dev_scores[metric[0]][metric[1]] if isinstance(metric, tuple) else dev_scores[metric]
    assert value >= DEV_FLOORS[metric], f"{metric}: {value} < floor {DEV_FLOORS[metric]}"


@pytest.mark.parametrize("metric", list(ANCHOR_FLOORS))
def test_anchoring_floor(anchor_scores: dict, metric: str) -> None:
    value = anchor_scores[metric]
    assert value >= ANCHOR_FLOORS[metric], f"{metric}: {value} < floor {ANCHOR_FLOORS[metric]}"


def test_the_dev_set_is_complete(dev_scores: dict) -> None:
    assert dev_scores["gold"] == 127  # the fixture and the texts it points into agree
