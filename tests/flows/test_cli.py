"""The chronicle command as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.config import Settings
from chronicle.warehouse import Warehouse
from tests.conftest import REPO, fill


def chronicle(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_extract_prints_one_json_object_per_file_in_order(sample_raw: Path) -> None:
    pages = sorted(sample_raw.glob("*.txt"), reverse=True)[:2]
    result = chronicle("extract", *map(str, pages))
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source_path"] for o in objects] == [str(p) for p in pages]
    for obj, page in zip(objects, pages, strict=True):
        assert set(obj) >= {"document", "segments"}
        lines = [line.strip() for line in page.read_text().splitlines() if line.strip()]
        assert [s["text"] for s in obj["segments"]] == lines
        assert obj["document"]["body_chars"] == len(obj["document"]["body"])


def test_extract_no_clean_body_indexes_the_input(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = "Title line\r\n\r\nOn Thursday the talks\u00a0resumed.\r\n"
    page.write_bytes(text.encode())
    result = chronicle("extract", "--no-clean", "--reference-date", "2021-10-22", str(page))
    assert result.returncode == 0, result.stderr
    extraction = json.loads(result.stdout)
    document = extraction["document"]
    assert document["body"] == text
    assert (document["reference_date"], document["reference_date_source"]) == ("2021-10-22", "user")
    # 2021-10-22 is a Friday: the past-tense "On Thursday" is the day before
    [timex] = extraction["timexes"]
    assert text[timex["start"] : timex["end"]] == timex["text"] and "Thursday" in timex["text"]
    assert (timex["type"], timex["value"], timex["anchor_date"]) == (
        "DATE",
        "2021-10-21",
        "2021-10-22",
    )


def test_extract_reports_rejected_files_and_missing_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = chronicle("extract", str(empty), str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert "missing.txt: no such file" in result.stderr
    obj = json.loads(result.stdout)
    assert obj["document"] is None and obj["rejects"][0]["reason"] == "empty"


def test_query_formats(sample_raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    build(Settings(raw_dir=sample_raw, warehouse_dir=warehouse))
    sql = "SELECT source_path, line_count FROM documents ORDER BY source_path"
    as_csv = chronicle("query", "--warehouse", str(warehouse), "--format", "csv", sql)
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0] == ["source_path", "line_count"] and len(rows) == 6
    as_json = json.loads(
        chronicle("query", "--warehouse", str(warehouse), "--format", "json", sql).stdout
    )
    assert [r["source_path"] for r in as_json] == [r[0] for r in rows[1:]]
    table = chronicle("query", "--warehouse", str(warehouse), sql)
    assert sorted(sample_raw.glob("*.txt"))[0].name in table.stdout
    bad = chronicle("query", "--warehouse", str(warehouse), "SELECT nope FROM documents")
    assert bad.returncode == 1 and "query failed" in bad.stderr


def test_query_without_a_warehouse_says_to_run_first(tmp_path: Path) -> None:
    result = chronicle("query", "--warehouse", str(tmp_path / "none"), "SELECT 1")
    assert result.returncode == 2 and "chronicle run" in result.stderr


@pytest.mark.slow
def test_second_run_exits_with_a_clear_message_while_locked(
    sample_raw: Path, tmp_path: Path
) -> None:
    from chronicle.warehouse import Warehouse

    warehouse = tmp_path / "warehouse"
    with Warehouse(warehouse).lock():
        result = chronicle(
            "run", "--raw", str(sample_raw), "--warehouse", str(warehouse), cwd=tmp_path
        )
    assert result.returncode == 3
    assert "another Chronicle build is running" in result.stderr
    # one clear line: no Prefect ERROR record, no traceback
    assert "Traceback" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert not (warehouse / "current").exists()


def test_help_explains_every_command_with_an_example() -> None:
    result = chronicle("--help")
    assert result.returncode == 0
    for command in ("run", "serve", "extract", "query", "report", "train"):
        assert command in result.stdout
    assert "chronicle serve --cron" in result.stdout and "--dask-address" in result.stdout
    for command in ("run", "serve", "extract", "query", "report"):
        assert "Example: chronicle" in chronicle(command, "--help").stdout, command


def test_bad_options_say_what_to_do(tmp_path: Path) -> None:
    missing = chronicle("run", "--raw", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "create it or pass --raw" in missing.stderr
    mixed = chronicle("run", "--runner", "thread", "--dask-address", "tcp://127.0.0.1:8786")
    assert mixed.returncode == 2 and "needs --runner dask" in mixed.stderr
    address = chronicle("run", "--dask-address", "localhost")
    assert address.returncode == 2 and "tcp://HOST:8786" in address.stderr
    cron = chronicle("serve", "--cron", "61 * * * *")  # checked before any server starts
    assert cron.returncode == 2 and "Invalid cron" in cron.stderr and "hourly" in cron.stderr


@pytest.mark.slow
def test_failed_stage_exits_naming_the_stage_documents_and_what_to_do(
    sample_raw: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "CHRONICLE_SPACY_MODEL": str(tmp_path / "no-such-model")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    command = ["run", "--quiet", "--raw", str(sample_raw), "--warehouse", str(tmp_path / "wh")]
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", *command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stdout == ""
    assert "stage 'tag_entities' failed on a batch of 5 page(s)" in result.stderr
    assert all(page.name in result.stderr for page in sample_raw.iterdir())
    assert "Nothing was published" in result.stderr and "run again" in result.stderr
    assert "| INFO " not in result.stderr  # --quiet: no progress or info logs
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "wh" / "current").exists()
    assert list((tmp_path / "wh" / ".staging").iterdir()) == []  # the run cleaned up


def test_an_unreadable_raw_folder_exits_with_one_line(tmp_path: Path) -> None:
    from tests.permissions import modes_honoured_prefix

    raw = tmp_path / "raw"
    raw.mkdir()
    raw.chmod(0o000)
    try:
        result = subprocess.run(
            [*modes_honoured_prefix(), sys.executable, "-m", "flows.cli", "run", "--raw",
             str(raw), "--warehouse", str(tmp_path / "warehouse")],
            cwd=REPO, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        raw.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr == (
        f"chronicle: raw folder {raw} cannot be read (Permission denied): check its permissions\n"
    )


def test_extract_takes_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write(b"Ministers met in Geneva on Tuesday.\n")
    result = chronicle("extract", os.fsdecode(name))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["document"]["source_path"] == "caf\\xe9.txt"


def test_report_writes_one_self_contained_file(sample_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = chronicle("report", "--warehouse", str(sample_warehouse), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{out} (")
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    # Nothing to fetch: no external script, stylesheet, image or font.
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link[^>]+href=|@import|url\(http", html)
    run_id = (sample_warehouse / "current").resolve().name
    assert f"Published snapshot <code>{run_id}</code>" in html


def test_report_without_a_warehouse_says_to_run_first(tmp_path: Path) -> None:
    result = chronicle("report", "--warehouse", str(tmp_path / "none"), "--out", "x.html")
    assert result.returncode == 2
    assert "chronicle run" in result.stderr and not (tmp_path / "x.html").exists()


def test_query_is_read_only_unless_unrestricted(sample_raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    build(Settings(raw_dir=sample_raw, warehouse_dir=warehouse, stages=()))
    part = sorted((warehouse / "current" / "documents").glob("*.parquet"))[0]
    before = part.read_bytes()
    for sql in (
        f"COPY (SELECT * FROM documents LIMIT 1) TO '{part}'",
        "SELECT 1; SELECT 2",
        f"ATTACH '{tmp_path}/x.duckdb' AS x (READ_WRITE)",
        "SELECT * FROM read_text('/etc/passwd')",
    ):
        refused = chronicle("query", "--warehouse", str(warehouse), sql)
        assert refused.returncode == 2, (sql, refused.stderr)
        assert refused.stderr.startswith("chronicle: query refused:"), refused.stderr
        assert "--unrestricted" in refused.stderr and "Traceback" not in refused.stderr
    assert part.read_bytes() == before
    export = tmp_path / "ids.csv"
    sql = f"COPY (SELECT doc_id FROM documents) TO '{export}'"
    assert chronicle("query", "--unrestricted", "--warehouse", str(warehouse), sql).returncode == 0
    assert len(export.read_text().splitlines()) == 6


def test_query_table_shows_markup_and_control_characters_literally(
    sample_raw: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    build(Settings(raw_dir=sample_raw, warehouse_dir=warehouse, stages=()))
    sql = (
        "SELECT '[/x]' AS a, '[bold red]loud[/bold red]' AS \"[b]c\", "
        "'bell' || chr(7) || chr(27) || '[31mred' AS d, 'left' || chr(8238) || 'right' AS e"
    )
    result = chronicle("query", "--warehouse", str(warehouse), sql)
    assert result.returncode == 0, result.stderr
    for shown in ("[/x]", "[bold red]loud[/bold red]", "[b]c", "bell\\x07\\x1b[31mred"):
        assert shown in result.stdout, shown
    assert "left\\u202eright" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@pytest.mark.slow
def test_a_full_disk_ends_in_one_clear_line(sample_raw: Path, small_disk: Path) -> None:
    warehouse = small_disk / "wh"
    command = ["run", "--quiet", "--stages", "none", "--raw", str(sample_raw)]
    first = chronicle(*command, "--warehouse", str(warehouse), cwd=small_disk.parent)
    assert first.returncode == 0, first.stderr[-2000:]
    before = os.readlink(warehouse / "current")
    (sample_raw / "new.txt").write_text("A new page\n\nwith a line.\n")
    # no space at all; then enough for the tables but not the catalog (about 0.5 MB)
    for leave_bytes in (0, 256 * 1024):
        filler = fill(small_disk, leave_bytes)
        result = chronicle(*command, "--warehouse", str(warehouse), cwd=small_disk.parent)
        filler.unlink()
        assert result.returncode == 4, result.stderr[-3000:]
        assert result.stderr.startswith("chronicle: the disk is full"), result.stderr[-3000:]
        assert result.stderr.count("\n") == 1, result.stderr[-3000:]  # one line, nothing else
        assert "Free some space" in result.stderr
        assert os.readlink(warehouse / "current") == before
        assert list((warehouse / ".staging").iterdir()) == []
        assert os.listdir(warehouse / "snapshots") == [before.split("/")[1]]
    again = chronicle(*command, "--warehouse", str(warehouse), cwd=small_disk.parent)
    assert again.returncode == 0, again.stderr[-2000:]


def without_prefect_api(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return {**env, "PREFECT_HOME": str(tmp_path / "prefect-home"), **extra}


def test_run_without_a_server_builds_without_prefect_and_records_the_run(
    sample_raw: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    command = [sys.executable, "-m", "flows.cli", "run", "--stages", "none"]
    command += ["--raw", str(sample_raw), "--warehouse", str(warehouse)]

    def run(*extra: str, env: dict[str, str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*command, *extra], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )

    first = run(env=without_prefect_api(tmp_path))
    assert first.returncode == 0, first.stderr[-2000:]
    assert "(5 new, 0 changed" in first.stdout and "built without Prefect" in first.stdout
    assert "planned: 5 files (5 read" in first.stderr  # the logs still reach the terminal
    assert not (tmp_path / "prefect-home").exists()  # no Prefect server, no database
    # --no-prefect never reaches for a server, even a configured one (nothing listens here)
    unreachable = without_prefect_api(tmp_path, PREFECT_API_URL="http://127.0.0.1:9/api")
    second = run("--no-prefect", "--verify", env=unreachable)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "(0 new, 0 changed" in second.stdout
    assert "(5 read: --verify reads every file)" in second.stderr
    runs = Warehouse(warehouse).query("SELECT files_seen, parameters FROM runs ORDER BY started_at")
    assert [r[0] for r in runs[1]] == [5, 5]
    assert [json.loads(r[1])["verify"] for r in runs[1]] == [False, True]
    assert (warehouse / "reports" / "latest.html").exists()
