"""The Prefect-free build: validation failures stop a run before it publishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.build import build, finish_run, plan_run, process_batch
from chronicle.config import Settings
from chronicle.validation import ValidationFailed
from chronicle.warehouse import Warehouse


def settings_for(raw: Path, tmp_path: Path) -> Settings:
    return Settings(raw_dir=raw, warehouse_dir=tmp_path / "warehouse")


def test_invalid_rows_fail_the_run_and_publish_nothing(sample_raw: Path, tmp_path: Path) -> None:
    settings = settings_for(sample_raw, tmp_path)
    first = build(settings)
    warehouse = Warehouse(settings.warehouse_dir)
    published = warehouse.current()
    (sample_raw / "new.txt").write_text("A new page.\n")
    state = plan_run(settings)
    reports = [process_batch(state, 0, state.plan.to_process)]
    bad = {"doc_id": "0" * 16, "line_no": 0, "text": "x", "label": "advert", "reason": "r"}
    reports[0].failures += state.staged.write_batch(1, {"segments": [bad]})
    with pytest.raises(ValidationFailed) as caught:
        finish_run(state, reports)
    checks = {(f.column, f.check) for f in caught.value.failures}
    assert (
        "label",
        "isin(['title', 'body', 'heading', 'byline', 'dateline', 'section', "
        "'caption', 'comment', 'boilerplate'])",
    ) in checks
    assert ("line_no", "greater_than_or_equal_to(1)") in checks
    assert "nothing was published" in str(caught.value)
    assert warehouse.current() == published
    assert warehouse.info()["run_id"] == first.run_id


def test_orphan_child_rows_fail_the_cross_table_check(sample_raw: Path, tmp_path: Path) -> None:
    settings = settings_for(sample_raw, tmp_path)
    state = plan_run(settings)
    reports = [process_batch(state, 0, state.plan.to_process)]
    orphan = {"doc_id": "f" * 16, "line_no": 1, "text": "x", "label": "body", "reason": "r"}
    assert state.staged.write_batch(1, {"segments": [orphan]}) == []  # valid row by itself
    with pytest.raises(ValidationFailed) as caught:
        finish_run(state, reports)
    assert [(f.table, f.check, f.failure_case) for f in caught.value.failures] == [
        ("segments", "references documents.doc_id", "f" * 16)
    ]
    assert Warehouse(settings.warehouse_dir).current() is None


def test_settings_from_env_parse_every_type(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "CHRONICLE_STAGES": "timexes, articles",
            "CHRONICLE_CLEAN": "false",
            "CHRONICLE_MAX_FILE_BYTES": "123",
            "CHRONICLE_RAW_DIR": str(tmp_path),
        }
    )
    assert settings.stages == ("timexes", "articles")
    assert (settings.clean, settings.max_file_bytes, settings.raw_dir) == (False, 123, tmp_path)


def test_unknown_stage_is_a_clear_error() -> None:
    from chronicle.stages import default_stages

    with pytest.raises(ValueError, match="unknown stages"):
        default_stages(enabled=("articles", "sentiment"))
