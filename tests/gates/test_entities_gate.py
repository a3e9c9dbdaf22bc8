"""Accuracy gate for entity mentions and their resolution (``chronicle.entities``).

Scores the hand-labelled sample ``tests/fixtures/entities_sample.json`` (8 news pages of
the boilerplate benchmark, none used for tuning; guidelines in ``docs/entities.md``) with
the installed pipeline, and fails when a score drops below its pinned floor. Floors sit a
few points under the scores measured with the committed model (``docs/entities.md``).
Skips, with the reason, when ``../shared`` is absent.
"""

from __future__ import annotations

import pytest

from lab.entities import score as evaluate

# Measured with models/chronicle_en 0.2.0: exact P 0.810 R 0.725 F1 0.765,
# relaxed F1 0.796, resolution 0.887, names 0.960.
FLOORS = {
    "exact_p": 0.78,
    "exact_f": 0.73,
    "relaxed_f": 0.77,
    "resolution_acc": 0.82,
    "name_acc": 0.93,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    truth = evaluate.ground_truth_file()
    if not truth.exists():
        pytest.skip(f"shared corpus not found: {truth} (set CHRONICLE_SHARED)")
    pages = evaluate.load_sample()
    predicted, entities = evaluate.predict(pages)
    return evaluate.score(pages, predicted, entities)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_above_floor(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= FLOORS[metric], f"{metric} {scores[metric]:.3f} < {FLOORS[metric]}"


def test_sample_offsets_match_the_bodies() -> None:
    if not evaluate.ground_truth_file().exists():
        pytest.skip(f"shared corpus not found: {evaluate.ground_truth_file()}")
    pages = evaluate.load_sample()  # raises if a stored surface is not at its offsets
    assert len(pages) == 8
    assert sum(len(p.mentions) for p in pages) == 171
