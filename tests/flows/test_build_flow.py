"""The build flow end to end on a real Prefect API, real Parquet and real DuckDB."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from schemas import TABLES
from schemas.codes import REJECT_REASONS
from tests.conftest import read_tables
from tests.corpus import (
    MAX_FILE_BYTES,
    REPAIRED_INPUTS,
    write_bad_inputs,
    write_repaired_inputs,
)

pytestmark = pytest.mark.usefixtures("prefect_api")


def run_build(raw: Path, warehouse: Path, **kwargs) -> dict:
    from flows.build import build_warehouse

    return build_warehouse(raw_dir=str(raw), warehouse_dir=str(warehouse), **kwargs)


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_sample_pages_become_validated_tables(sample_raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    summary = run_build(sample_raw, warehouse)
    pages = sorted(p.name for p in sample_raw.iterdir())
    assert summary["files_new"] == len(pages) == 5
    assert summary["files_rejected"] == 0
    docs = query(
        warehouse,
        "SELECT source_path, doc_id, content_sha256, body FROM documents ORDER BY source_path",
    )
    assert [d[0] for d in docs] == pages
    for _source_path, doc_id, sha, body in docs:
        assert doc_id == sha[:16]
        assert "Putin" in body  # the five pages are all about Russian policy
    lines = sum(
        sum(1 for line in (sample_raw / p).read_text().splitlines() if line.strip()) for p in pages
    )
    assert query(warehouse, "SELECT count(*) FROM segments")[0][0] == lines
    run = query(warehouse, "SELECT files_seen, files_new, table_rows FROM runs")
    assert run[0][:2] == (5, 5)
    assert json.loads(run[0][2])["segments"] == lines
    # timexes index the body: the text at their offsets is the expression
    spans = query(
        warehouse,
        'SELECT t.text, substr(d.body, t.start + 1, t."end" - t.start), t.type '
        "FROM timexes t JOIN documents d USING (doc_id)",
    )
    assert len(spans) > 20 and all(text == span for text, span, _ in spans)
    assert {"DATE", "DURATION"} <= {kind for *_, kind in spans}
    for name, spec in TABLES.items():
        files = sorted((warehouse / "current" / name).glob("*.parquet"))
        assert files, name
        assert all(pq.read_schema(f).equals(spec.arrow_schema) for f in files), name


def test_every_bad_input_lands_in_rejects_with_its_reason(sample_raw: Path, tmp_path: Path) -> None:
    raw = sample_raw
    bad_inputs = write_bad_inputs(raw, original=next(iter(sorted(raw.glob("*.txt")))))
    write_repaired_inputs(raw)
    warehouse = tmp_path / "warehouse"
    summary = run_build(raw, warehouse, max_file_bytes=MAX_FILE_BYTES)
    rejects = dict(query(warehouse, "SELECT source_path, reason FROM rejects"))
    assert rejects == bad_inputs
    assert set(rejects.values()) == set(REJECT_REASONS), "a reject reason has no test input"
    details = dict(query(warehouse, "SELECT source_path, detail FROM rejects"))
    assert all(details.values())
    related = dict(
        query(
            warehouse,
            "SELECT source_path, related_path FROM rejects WHERE related_path IS NOT NULL",
        )
    )
    assert related == {"copy.txt": sorted(p.name for p in raw.glob("0*.txt"))[0]}
    # pages with bad sidecars are still ingested, with the valid fields and the issues
    meta = {
        row[0]: row[1:]
        for row in query(
            warehouse,
            "SELECT source_path, site, url, published_date, published_date_source, "
            "len(metadata_issues) FROM documents WHERE source_path LIKE 'bad%'",
        )
    }
    assert meta["badjson.txt"][:2] == (None, None) and meta["badjson.txt"][4] == 1
    assert meta["badfields.txt"][0] == "Example" and meta["badfields.txt"][1] is None
    assert str(meta["badfields.txt"][2]) == "2021-10-22" and meta["badfields.txt"][3] == "sidecar"
    repairs = dict(query(warehouse, "SELECT source_path, repairs FROM documents"))
    for name, repair in REPAIRED_INPUTS.items():
        assert repair in repairs[name], (name, repairs[name])
    # the repaired text is what every line of these pages holds now
    lines = query(
        warehouse,
        "SELECT d.source_path, string_agg(s.text, '\n' ORDER BY s.line_no) "
        "FROM segments s JOIN documents d USING (doc_id) GROUP BY ALL",
    )
    texts = dict(lines)
    for name in ["bom.txt", "utf16.txt", "cp1252.txt", "mojibake.txt"]:
        assert "Café owners’ naïve plans" in texts[name], texts[name]
        assert "\ufeff" not in texts[name] and "\r" not in texts[name]
    assert summary["rejected_by_reason"]["invalid_sidecar"] == 2


def test_rerun_without_changes_is_byte_identical(sample_raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    run_build(sample_raw, warehouse)

    def table_files(name: str) -> dict[str, tuple[int, bytes]]:
        files = sorted((warehouse / "current" / name).glob("*.parquet"))
        return {f.name: (f.stat().st_ino, f.read_bytes()) for f in files}

    first = {n: table_files(n) for n, s in TABLES.items() if s.scope != "log"}
    summary = run_build(sample_raw, warehouse)
    assert (summary["files_unchanged"], summary["files_new"], summary["files_changed"]) == (5, 0, 0)
    second = {n: table_files(n) for n in first}
    assert first == second  # the same files: hard links to the previous snapshot's
    assert query(warehouse, "SELECT count(*) FROM runs")[0][0] == 2


def test_incremental_add_change_delete_matches_a_fresh_build(
    sample_raw: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    run_build(sample_raw, warehouse)
    pages = sorted(sample_raw.glob("*.txt"))
    old_id = query(warehouse, f"SELECT doc_id FROM documents WHERE source_path = '{pages[1].name}'")
    pages[0].unlink()
    pages[1].write_text(pages[1].read_text() + "\nA correction was appended.\n")
    (sample_raw / "site-b").mkdir()
    (sample_raw / "site-b" / "new.txt").write_text("A new page\nWith a body line.\n")
    summary = run_build(sample_raw, warehouse)
    assert (
        summary["files_new"],
        summary["files_changed"],
        summary["files_removed"],
        summary["files_unchanged"],
    ) == (1, 1, 1, 3)
    paths = {r[0] for r in query(warehouse, "SELECT source_path FROM documents")}
    assert pages[0].name not in paths and "site-b/new.txt" in paths
    assert query(warehouse, f"SELECT count(*) FROM segments WHERE doc_id = '{old_id[0][0]}'") == [
        (0,)
    ]
    assert query(warehouse, "SELECT site FROM documents WHERE source_path = 'site-b/new.txt'") == [
        ("site-b",)
    ]
    fresh = tmp_path / "fresh"
    run_build(sample_raw, fresh)
    assert read_tables(warehouse) == read_tables(fresh)


def test_catalog_works_from_another_directory_and_after_a_move(
    sample_raw: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    warehouse = tmp_path / "warehouse"
    run_build(sample_raw, warehouse)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import duckdb, sys\n"
        f"con = duckdb.connect({str(warehouse / 'chronicle.duckdb')!r}, read_only=True)\n"
        "print(con.execute('SELECT count(*) FROM documents').fetchall()[0][0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "5"
    moved = tmp_path / "moved"
    shutil.copytree(warehouse, moved, symlinks=True)
    shutil.rmtree(warehouse)
    from chronicle.warehouse import Warehouse

    con = Warehouse(moved).connect()
    assert con.execute("SELECT count(*) FROM segments").fetchall()[0][0] > 100


def test_each_run_publishes_summary_artifacts(sample_raw: Path, tmp_path: Path) -> None:
    from prefect.artifacts import Artifact

    from flows.build import SUMMARY_KEY, TABLE_KEY

    (sample_raw / "empty.txt").write_bytes(b"")
    summary = run_build(sample_raw, tmp_path / "warehouse")
    markdown = Artifact.get(SUMMARY_KEY)
    assert markdown is not None and summary["run_id"] in str(markdown.data)
    assert "| empty | 1 |" in str(markdown.data)
    table = Artifact.get(TABLE_KEY)
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    counts = {row["what"]: row["count"] for row in rows}
    assert counts["files new"] == 6 and counts["rejected: empty"] == 1
    assert counts["rows: documents"] == 5


TEMPLATE_LINE = (
    "The Harbour Gazette is an independent newspaper serving the whole coast since 1901."
)


GAZETTE_STORIES = {
    "docks": ("Council approves the old docks plan", "the old docks", "the seafront"),
    "school": ("New school opens in the north quarter", "a new school", "the north quarter"),
    "ferry": ("Ferry service to the islands resumes", "the island ferry", "the western pier"),
}


def gazette_page(story: str) -> str:
    """A page of one site: its own story, and the site's slogan line between paragraphs."""
    title, subject, place = GAZETTE_STORIES[story]
    return (
        f"{title}\n"
        f"Officials met on Tuesday to discuss {subject}, after a long debate about costs, "
        f"jobs and the future of {place}.\n"
        f"{TEMPLATE_LINE}\n"
        f"Residents said that {subject} mattered to families near {place}, and asked to be "
        "consulted on the details before any decision was taken by the council.\n"
    )


def test_site_template_lines_follow_the_corpus_incrementally(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "gazette").mkdir(parents=True)
    for story in ("docks", "school"):
        (raw / "gazette" / f"{story}.txt").write_text(gazette_page(story))
    warehouse = tmp_path / "warehouse"
    run_build(raw, warehouse)
    sql = "SELECT count(*) FROM segments WHERE text = ? AND reason = 'site_template'"
    con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
    assert con.execute(sql, [TEMPLATE_LINE]).fetchall() == [(0,)]  # two pages: no evidence yet
    con.close()
    (raw / "gazette" / "ferry.txt").write_text(gazette_page("ferry"))
    summary = run_build(raw, warehouse)
    # the third page makes the line template text of the site: all three pages are redone
    assert (summary["files_new"], summary["files_changed"]) == (1, 2)
    con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
    assert con.execute(sql, [TEMPLATE_LINE]).fetchall() == [(3,)]
    bodies = con.execute("SELECT body FROM documents").fetchall()
    reasons = con.execute("SELECT DISTINCT reason FROM segments WHERE label = 'body'").fetchall()
    con.close()
    assert all(TEMPLATE_LINE not in body and "Residents said" in body for (body,) in bodies)
    assert reasons  # the stories themselves stay body
    fresh = tmp_path / "fresh"
    run_build(raw, fresh)
    assert read_tables(warehouse) == read_tables(fresh)


# Chrome lines read off the sample pages by hand; none may reach a body.
SAMPLE_CHROME = [
    "Without comment",
    "There are no comments for this article",
    "Post a comment for this article",
    "Share The News",
    "shared this story",
    "Related Articles",
    "Related articles",
    "Copyrights © 1436 AH",
    "Sign In",
    "Leave a Comment",
    "Subscribe to our evening newsletter",
    "Leave a Reply",
    "Image by Kremlin.ru",
]


def test_sample_pages_come_out_clean(sample_raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    run_build(sample_raw, warehouse)
    docs = {
        row[0]: row[1:]
        for row in query(
            warehouse,
            "SELECT source_path, title, authors, published_date, published_date_source, body "
            "FROM documents",
        )
    }
    for path, (title, _, _, _, body) in docs.items():
        assert title and title not in body.split("\n\n")[0], path
        for chrome in SAMPLE_CHROME:
            assert chrome not in body, (path, chrome)
    # Facts stated on the pages (checked by reading them).
    assert docs["001_6be5243f01a9e231.txt"][1] == ["Mona Hojat Ansari"]
    page_002 = docs["002_dac4dfd4f164a684.txt"]
    assert page_002[1] == ["Akhmet Makhmoudov"]
    assert str(page_002[2]) == "2020-04-01"  # "Sha'ban 07, 1441 2020-04-01"
    assert docs["003_0cfae077b6775c94.txt"][1] == ["Nikola Mikovic"]
    comments = query(
        warehouse,
        "SELECT d.source_path, c.position, c.author, c.posted_at, c.text "
        "FROM comments c JOIN documents d USING (doc_id) ORDER BY c.position",
    )
    assert [c[:2] for c in comments] == [("003_0cfae077b6775c94.txt", i) for i in (1, 2, 3)]
    assert all(c[2] and c[3] and c[4] for c in comments)
    assert any("I see Putin allowing Israel" in c[4] for c in comments)
    body_003 = docs["003_0cfae077b6775c94.txt"][4]
    assert "I see Putin allowing Israel" not in body_003  # comments never leak into body
    # every line is kept in segments, with a label and a reason
    labels = dict(query(warehouse, "SELECT label, count(*) FROM segments GROUP BY label"))
    assert labels["comment"] >= 6 and labels["boilerplate"] >= len(SAMPLE_CHROME) - 2


def test_optional_stages_can_be_left_out(sample_raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    run_build(sample_raw, warehouse, stages=[])
    reasons = query(warehouse, "SELECT DISTINCT label, reason FROM segments")
    assert reasons == [("body", "not_classified")]
    assert query(warehouse, "SELECT count(*) FROM timexes") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM documents WHERE title IS NULL") == [(5,)]
    summary = run_build(sample_raw, warehouse)  # back to all stages: everything is redone
    assert summary["full_rebuild"] and summary["files_changed"] == 5
    assert query(warehouse, "SELECT count(*) FROM timexes")[0][0] > 20


def test_entities_are_one_per_real_world_entity_across_pages(
    sample_raw: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    run_build(sample_raw, warehouse)
    putin = query(
        warehouse,
        "SELECT e.entity_id, e.label, e.country, e.doc_count, count(DISTINCT m.doc_id) "
        "FROM entities e JOIN mentions m USING (entity_id) "
        "WHERE e.name = 'Vladimir Putin' GROUP BY ALL",
    )
    assert putin and putin[0][1:] == ("PERSON", "RU", 5, 5)  # Putin is on all five pages
    # every mention of the surname resolves to him
    surnames = query(
        warehouse, "SELECT DISTINCT entity_id FROM mentions WHERE text IN ('Putin', 'Putin’s')"
    )
    assert surnames == [(putin[0][0],)]
    # mentions index the body
    spans = query(
        warehouse,
        'SELECT m.text, substr(d.body, m.start + 1, m."end" - m.start) '
        "FROM mentions m JOIN documents d USING (doc_id)",
    )
    assert spans and all(text == span for text, span in spans)
    pairs = query(
        warehouse,
        "SELECT documents FROM entity_cooccurrence_document "
        "WHERE (name_a, name_b) IN (('Vladimir Putin', 'Israel'), ('Israel', 'Vladimir Putin'))",
    )
    assert pairs == [(5,)]
    assert query(warehouse, "SELECT count(*) FROM entity_cooccurrence_sentence")[0][0] > 0
    assert query(warehouse, "SELECT count(*) FROM entity_mentions_by_month")[0][0] > 0


def test_corpus_landmarks_follow_the_corpus_incrementally(tmp_path: Path) -> None:
    """A page that states a day's year teaches it to pages that name the day without one;
    adding that page redoes exactly those pages, as a fresh build would have them."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "talks.txt").write_text(
        "Envoys meet again\n\n"
        "Since the March 3 Accord of Velmora, envoys have met four times. The envoys "
        "talked in Lisbon on Tuesday, March 19, and agreed to meet again.\n"
    )
    (raw / "other.txt").write_text(
        "Harbour reopens\n\nThe harbour reopened on Monday after repairs, officials said.\n"
    )
    warehouse = tmp_path / "warehouse"
    run_build(raw, warehouse, stages=["articles", "timexes"])
    sql = "SELECT reference_date, reference_date_source FROM documents WHERE source_path = ?"
    # "Tuesday, March 19" fits 2019, 2024, 2030...: nothing bounds it, no year is invented.
    assert query(warehouse, sql.replace("?", "'talks.txt'")) == [(None, None)]
    (raw / "accord.txt").write_text(
        "Accord signed\n\nThe Velmora parties signed the Accord on March 3, 2024, in Geneva.\n"
    )
    summary = run_build(raw, warehouse, stages=["articles", "timexes"])
    # The new page dates the Accord: the page naming it is redone, the other one is not.
    assert (summary["files_new"], summary["files_changed"]) == (1, 1)
    ((ref, source),) = query(warehouse, sql.replace("?", "'talks.txt'"))
    assert (str(ref), source) == ("2024-03-19", "weekday_date")
    fresh = tmp_path / "fresh"
    run_build(raw, fresh, stages=["articles", "timexes"])
    assert read_tables(warehouse) == read_tables(fresh)
