"""Accuracy gate: body extraction on the shared boilerplate dev set.

Floors sit a couple of points under the measured scores (see docs/boilerplate.md);
the scorer itself is checked against the README anchor for the unfiltered text.
"""

from __future__ import annotations

import pytest

from chronicle.boilerplate import extract_page
from lab.boilerplate.score import dev_dir, evaluate, load_dev_pages

PRECISION_FLOOR = 0.935
RECALL_FLOOR = 0.92
F1_FLOOR = 0.93


@pytest.fixture(scope="module")
def pages():
    if not (dev_dir() / "ground-truth-dev.json").exists():
        pytest.skip(f"shared dev set not found at {dev_dir()} (set CHRONICLE_SHARED)")
    return load_dev_pages()


def test_scorer_reproduces_the_readme_anchor(pages) -> None:
    raw = evaluate(pages, lambda p: p.text)
    assert round(raw.precision, 3) == 0.534
    assert round(raw.recall, 3) == 0.993
    assert round(raw.f1, 3) == 0.695


def test_body_extraction_meets_the_floors(pages) -> None:
    score = evaluate(pages, lambda p: extract_page(p.text, site=p.site).body)
    assert score.precision >= PRECISION_FLOOR, score
    assert score.recall >= RECALL_FLOOR, score
    assert score.f1 >= F1_FLOOR, score
