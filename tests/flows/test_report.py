"""The run report: artifacts of a published, a failed and a skipped run; run logs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.warehouse import Warehouse
from tests.conftest import REPO
from tests.flows.test_runners import run_logs

pytestmark = pytest.mark.usefixtures("prefect_api")


def artifact_text(key: str) -> str:
    from prefect.artifacts import Artifact

    artifact = Artifact.get(key)
    assert artifact is not None, key
    return str(artifact.data)


def test_report_has_counts_top_entities_events_and_library_logs(
    sample_raw: Path, tmp_path: Path
) -> None:
    from flows.build import REPORT_KEY, SUMMARY_KEY, build_warehouse

    warehouse = tmp_path / "warehouse"
    state = build_warehouse(
        raw_dir=str(sample_raw), warehouse_dir=str(warehouse), runner="thread", return_state=True
    )
    summary = state.result()
    report = artifact_text(SUMMARY_KEY)
    assert summary["run_id"] in report and "| new | 5 |" in report
    assert "Validation: every check passed" in report
    con = Warehouse(warehouse).connect()
    top = con.execute(
        "SELECT name, mention_count FROM entities ORDER BY mention_count DESC, doc_count DESC, "
        "name, entity_id LIMIT 10"
    ).fetchall()
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    dated = (
        con.execute("SELECT count(*) FROM events WHERE date_start IS NOT NULL").fetchall()[0][0]
        if "events" in tables
        else 0
    )
    con.close()
    section = report.split("## Top 10 entities")[1]
    assert len(top) == 10 and "Vladimir Putin" in [name for name, _ in top]
    for name, mentions in top:
        assert f"| {name} |" in section and f"| {mentions} |" in section
    assert ("## Dated events per month" in report) == (dated > 0)
    # A record of Chronicle's own logger, emitted inside the run, is in the run's logs.
    messages = run_logs(state.state_details.flow_run_id, "published snapshot")
    planned = f"chronicle.build: run {summary['run_id']} planned: 5 files (5 read: "
    assert any(m.startswith(planned) and m.endswith(", 5 to process") for m in messages)
    # The run's HTML report: its own file and latest.html, linked from the artifacts.
    html = warehouse / "reports" / f"{summary['run_id']}.html"
    assert html.read_bytes() == (warehouse / "reports" / "latest.html").read_bytes()
    assert f"Published snapshot <code>{summary['run_id']}</code>" in html.read_text()
    assert html.as_uri() in artifact_text(REPORT_KEY)
    assert f"HTML report: [{html.name}]({html.as_uri()})" in report
    # The run row says which model and how long each stage took.
    con = Warehouse(warehouse).connect()
    model, seconds = con.execute(
        "SELECT model, stage_seconds FROM runs WHERE run_id = ?", [summary["run_id"]]
    ).fetchall()[0]
    con.close()
    meta = json.loads((REPO / "models" / "chronicle_en" / "meta.json").read_text())
    assert model == f"{meta['lang']}_{meta['name']} {meta['version']}"
    stages = json.loads(seconds)
    assert {"plan", "decode", "articles", "nlp", "assemble"} <= set(stages)
    assert all(v >= 0 for v in stages.values()) and stages["nlp"] > 0


def test_a_report_that_cannot_be_written_does_not_fail_the_published_build(
    sample_raw: Path, tmp_path: Path
) -> None:
    from flows.build import SUMMARY_KEY, build_warehouse

    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    (warehouse / "reports").write_text("a file where the reports folder should be")
    summary = build_warehouse(
        raw_dir=str(sample_raw), warehouse_dir=str(warehouse), runner="thread", stages=[]
    )
    assert (warehouse / "current").resolve().name == summary["run_id"]  # published
    report = artifact_text(SUMMARY_KEY)
    assert "HTML report: **not written** (FileExistsError" in report
    assert (warehouse / "reports").read_text().startswith("a file where")


def test_failed_stage_reports_the_stage_and_its_documents(
    sample_raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.stages import StageFailed
    from flows.build import STAGE_FAILURES_KEY, SUMMARY_KEY, build_warehouse

    # A real failure: the spaCy pipeline the entity stage needs is not there.
    monkeypatch.setenv("CHRONICLE_SPACY_MODEL", str(tmp_path / "no-such-model"))
    warehouse = tmp_path / "warehouse"
    with pytest.raises(StageFailed) as failed:
        build_warehouse(raw_dir=str(sample_raw), warehouse_dir=str(warehouse), runner="thread")
    pages = sorted(p.name for p in sample_raw.iterdir())
    assert failed.value.stage == "tag_entities"
    assert sorted(failed.value.source_paths) == pages
    assert not (warehouse / "current").exists()  # nothing was published
    report = artifact_text(SUMMARY_KEY)
    assert "failed" in report and "Stage `tag_entities`: 5 document(s)" in report
    assert all(f"- `{page}`" in report for page in pages)
    assert "ModelNotFoundError" in report
    rows = json.loads(artifact_text(STAGE_FAILURES_KEY))
    assert sorted(r["source_path"] for r in rows) == pages
    assert {r["stage"] for r in rows} == {"tag_entities"}


def test_scheduled_run_is_skipped_with_its_reason_while_a_build_holds_the_warehouse(
    sample_raw: Path, tmp_path: Path
) -> None:
    from flows.build import SUMMARY_KEY, build_warehouse

    warehouse = tmp_path / "warehouse"
    with Warehouse(warehouse).lock():
        result = build_warehouse(
            raw_dir=str(sample_raw), warehouse_dir=str(warehouse), skip_if_locked=True
        )
    assert "another Chronicle build is running" in result["skipped"]
    assert "skipped" in artifact_text(SUMMARY_KEY)
    assert not (warehouse / "current").exists()
