"""A stage that fails names the pages it fails on."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.plan import plan_units, scan_raw
from chronicle.stages import Page, Stage, StageFailed
from chronicle.stages.run import process_units


def fails_on_poison(pages: list[Page]) -> None:
    """A stage that cannot handle one kind of page (as spaCy could not handle long ones)."""
    for page in pages:
        if "poison" in page.text:
            raise ValueError("cannot handle this page")
        page.document["body"] = page.text


def fails_always(pages: list[Page]) -> None:
    raise RuntimeError("the model is missing")


def as_stage(step) -> Stage:
    return Stage(step.__name__, (step,), modules=(__name__,))


def units_of(raw: Path, pages: dict[str, str]):
    raw.mkdir()
    for name, text in pages.items():
        (raw / name).write_text(text)
    return plan_units(raw, scan_raw(raw)[0], 10_000)


def test_a_stage_that_fails_on_one_page_names_that_page(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    pages = {f"page{n}.txt": f"Page {n} text." for n in range(6)}
    pages["page4.txt"] = "A poison page."
    units = units_of(raw, pages)
    with pytest.raises(StageFailed) as failed:
        process_units(units, raw, "run", stages=[as_stage(fails_on_poison)])
    assert failed.value.stage == "fails_on_poison"
    assert failed.value.source_paths == ["page4.txt"]
    assert "page4.txt" in str(failed.value) and "page3.txt" not in str(failed.value)


def test_a_stage_that_fails_on_every_page_names_the_whole_batch(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    units = units_of(raw, {f"page{n}.txt": f"Page {n} text." for n in range(5)})
    with pytest.raises(StageFailed) as failed:
        process_units(units, raw, "run", stages=[as_stage(fails_always)])
    assert failed.value.source_paths == [f"page{n}.txt" for n in range(5)]
