"""The bucketed snapshot layout: a run rewrites only the files of changed rows and
shares the rest with the previous snapshot; any Parquet reader gets exactly the table."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from chronicle.build import build
from chronicle.config import Settings
from chronicle.plan import RACY_MARGIN_NS
from chronicle.warehouse import Warehouse, bucket_of, bucket_sql, share_file
from schemas import TABLES
from tests.conftest import REPO

BUCKETS = 8  # few buckets, so that a handful of pages share some of them
DOCUMENT_TABLES = [name for name, spec in TABLES.items() if spec.scope == "document"]


def page_text(n: int) -> str:
    return f"Headline number {n}\n\nThe council met on day {n} and voted.\nA second line {n}.\n"


def write_pages(raw: Path, numbers: range) -> None:
    for n in numbers:
        folder = raw / f"site{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{n:03d}.txt").write_text(page_text(n))


def expected_bucket(text: str, buckets: int = BUCKETS) -> int:
    """Independently of the code under test: MD5 of the doc_id (16 hex digits of the
    SHA-256 of the bytes), first 4 bytes big-endian, modulo the bucket count."""
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    return int(hashlib.md5(doc_id.encode()).hexdigest()[:8], 16) % buckets


def run(raw: Path, warehouse: Path, **overrides: object) -> Path:
    """A Prefect-free build without the NLP stages; returns the published snapshot folder."""
    settings = Settings(raw_dir=raw, warehouse_dir=warehouse, stages=(), table_buckets=BUCKETS)
    summary = build(settings.with_overrides(**overrides))
    return warehouse / "snapshots" / str(summary.snapshot)


def inodes(snapshot: Path, table: str) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in sorted((snapshot / table).glob("*.parquet"))}


def read_duckdb(folder: Path, table: str) -> pa.Table:
    """A table as DuckDB reads the files ``<table>/*.parquet``, sorted by key, no run_id."""
    key = ", ".join(f'"{k}"' for k in TABLES[table].key)
    columns = ", ".join(f'"{c}"' for c in TABLES[table].columns if c != "run_id")
    con = duckdb.connect()
    try:
        files = (folder / table / "*.parquet").as_posix()
        return con.sql(
            f"SELECT {columns} FROM read_parquet('{files}') ORDER BY {key}"
        ).to_arrow_table()
    finally:
        con.close()


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    write_pages(raw, range(12))
    return raw


def test_bucket_of_is_md5_of_the_key_in_python_and_duckdb() -> None:
    # RFC 1321 test vector: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72
    assert bucket_of("abc", 256) == 0x98 and bucket_of("abc", 1 << 32) == 0x90015098
    keys = [f"{n:016x}" for n in range(0, 10**6, 997)] + ["site/page one.txt", "é/ü"]
    con = duckdb.connect()
    sql = bucket_sql("key", 37)
    rows = con.execute(f"SELECT key, {sql} FROM (SELECT unnest(?) AS key)", [keys]).fetchall()
    assert {k: int(b) for k, b in rows} == {k: bucket_of(k, 37) for k in keys}


def test_bucket_of_is_the_same_in_another_process_with_another_hash_seed() -> None:
    keys = ["0123456789abcdef", "fedcba9876543210", "a/b.txt"]
    code = (
        "import sys\nfrom chronicle.warehouse import bucket_of\n"
        "print([bucket_of(k, 256) for k in sys.argv[1:]])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code, *keys], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == str([bucket_of(k, 256) for k in keys]), out.stderr


def test_every_row_is_in_its_buckets_file_sorted_by_key(raw: Path, tmp_path: Path) -> None:
    snapshot = run(raw, tmp_path / "wh")
    for table in ("documents", "segments"):
        files = sorted((snapshot / table).glob("*.parquet"))
        assert 1 < len(files) <= BUCKETS
        for path in files:
            rows = pq.read_table(path)
            bucket = int(path.name.split("-")[1])
            assert path.name == f"bucket-{bucket:03d}-of-{BUCKETS:03d}.parquet"
            assert all(
                int(hashlib.md5(d.encode()).hexdigest()[:8], 16) % BUCKETS == bucket
                for d in rows["doc_id"].to_pylist()
            )
            keys = list(zip(*(rows[k].to_pylist() for k in TABLES[table].key), strict=True))
            assert keys == sorted(keys) and rows.num_rows > 0


def test_changing_one_page_rewrites_only_its_buckets(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    # Pages read within the racy margin of their last write are read again by the next
    # run (as git does), which records a new read time in their manifest rows. Let the
    # margin pass so only the changed page's manifest bucket may change.
    time.sleep(RACY_MARGIN_NS / 1e9 + 0.5)
    first = run(raw, warehouse)
    page = raw / "site1" / "page004.txt"
    new_text = "Headline number 4, corrected\n\nThe council met and voted again.\n"
    touched = {expected_bucket(page_text(4)), expected_bucket(new_text)}
    page.write_text(new_text)
    second = run(raw, warehouse)
    rewritten = 0
    for table in ("documents", "segments"):
        before, after = inodes(first, table), inodes(second, table)
        assert {int(n.split("-")[1]) for n in set(before) ^ set(after)} <= touched, table
        for name, inode in after.items():
            if int(name.split("-")[1]) in touched:
                assert inode != before.get(name), (table, name)
                rewritten += 1
            else:
                assert inode == before[name], (table, name)  # the same file, linked
    manifest = inodes(second, "_manifest").items() - inodes(first, "_manifest").items()
    assert len(manifest) == 1  # the bucket of the page's path: its fingerprint changed
    files = json.loads((second / "_snapshot.json").read_text())["files"]
    assert files["written"] == rewritten + 1 and rewritten > 0 and files["copied"] == 0
    assert files["linked"] > files["written"]


def test_incremental_changes_read_back_equal_to_a_fresh_build(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    run(raw, warehouse)
    write_pages(raw, range(12, 15))  # new pages
    (raw / "site0" / "page003.txt").write_text("A rewritten page\n\nWith other words.\n")
    (raw / "site2" / "page005.txt").unlink()  # a deleted page
    (raw / "site2" / "empty.txt").write_bytes(b"")  # a reject
    incremental = run(raw, warehouse)
    (raw / "site1" / "page007.txt").unlink()
    incremental = run(raw, warehouse)
    fresh = run(raw, tmp_path / "fresh")
    for table, spec in TABLES.items():
        if spec.scope == "log":
            continue
        mine = read_duckdb(incremental, table)
        assert mine.equals(read_duckdb(fresh, table)), table
        # pyarrow reads the folder to the same rows and the exact schema
        arrow = pq.read_table(incremental / table)
        assert arrow.schema.equals(spec.arrow_schema), table
        arrow = arrow.drop_columns([c for c in ["run_id"] if c in arrow.column_names]).sort_by(
            [(k, "ascending") for k in spec.key]
        )
        assert arrow.to_pylist() == mine.to_pylist(), table  # (DuckDB drops NOT NULL)
        # and the same files: the same buckets hold the same rows
        assert sorted(inodes(incremental, table)) == sorted(inodes(fresh, table)), table
    assert read_duckdb(incremental, "documents").num_rows == 13
    assert "site1/page007.txt" not in pq.read_table(incremental / "documents")["source_path"]


def test_an_empty_table_is_one_file_that_carries_the_schema(raw: Path, tmp_path: Path) -> None:
    snapshot = run(raw, tmp_path / "wh")
    files = sorted((snapshot / "comments").glob("*.parquet"))
    assert [f.name for f in files] == [f"bucket-000-of-{BUCKETS:03d}.parquet"]
    assert pq.read_table(snapshot / "comments").schema.equals(TABLES["comments"].arrow_schema)
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_parquet('{snapshot}/comments/*.parquet')")
    assert relation.columns == TABLES["comments"].columns and relation.fetchall() == []
    # A table that gets rows keeps no empty file: a reject lands in bucket b only.
    (raw / "empty.txt").write_bytes(b"")
    second = run(raw, tmp_path / "wh")
    bucket = int(hashlib.md5(b"empty.txt").hexdigest()[:8], 16) % BUCKETS
    assert [f.name for f in (second / "rejects").glob("*.parquet")] == [
        f"bucket-{bucket:03d}-of-{BUCKETS:03d}.parquet"
    ]


def test_old_snapshot_stays_queryable_after_a_new_publish(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    first = run(raw, warehouse)
    (raw / "site0" / "page000.txt").unlink()
    write_pages(raw, range(12, 20))
    second = run(raw, warehouse)
    assert os.readlink(warehouse / "current") == f"snapshots/{second.name}"
    old = Warehouse(warehouse).connect(snapshot=first.name)
    try:
        assert old.execute("SELECT count(*) FROM documents").fetchall() == [(12,)]
        assert old.execute("SELECT count(*) FROM segments").fetchall()[0][0] > 12
    finally:
        old.close()
    assert Warehouse(warehouse).query("SELECT count(*) FROM documents")[1] == [(19,)]


def test_retention_keeps_the_setting_and_never_drops_current(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    published = []
    for n, keep in enumerate([3, 3, 3, 3, 1]):
        write_pages(raw, range(20 + n, 21 + n))
        published.append(run(raw, warehouse, keep_snapshots=keep).name)
        kept = sorted(p.name for p in (warehouse / "snapshots").iterdir())
        assert kept == sorted(published[-keep:]), n
    assert os.readlink(warehouse / "current") == f"snapshots/{published[-1]}"
    # The files the collected snapshots wrote live on through the links of the current one.
    assert read_duckdb(warehouse / "current", "documents").num_rows == 17


def test_linking_falls_back_to_a_copy_across_file_systems(tmp_path: Path) -> None:
    other = Path("/dev/shm")
    if not other.is_dir() or os.stat(other).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs /dev/shm on another file system than the test's temp folder")
    source = other / f"chronicle-test-{os.getpid()}.parquet"
    source.write_bytes(b"PAR1 bytes")
    try:
        assert share_file(source, tmp_path / "a" / "copy.parquet") is False
        assert (tmp_path / "a" / "copy.parquet").read_bytes() == b"PAR1 bytes"
        assert share_file(tmp_path / "a" / "copy.parquet", tmp_path / "link.parquet") is True
        assert (tmp_path / "link.parquet").stat().st_ino == (
            tmp_path / "a/copy.parquet"
        ).stat().st_ino
    finally:
        source.unlink()


def test_changing_the_bucket_count_lays_every_table_out_again(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    run(raw, warehouse)
    snapshot = run(raw, warehouse, table_buckets=3)  # nothing changed but the layout
    for table in [*DOCUMENT_TABLES, "rejects", "entities"]:
        names = [p.name for p in (snapshot / table).glob("*.parquet")]
        assert names and all(n.endswith("-of-003.parquet") for n in names), table
    assert read_duckdb(snapshot, "segments").equals(
        read_duckdb(run(raw, tmp_path / "f"), "segments")
    )


def test_a_snapshot_of_the_one_file_layout_is_read_and_laid_out_again(
    raw: Path, tmp_path: Path
) -> None:
    """Warehouses published before bucketing hold ``<table>/part-00000.parquet`` and no
    layout in ``_snapshot.json``: the next run reads them and writes buckets."""
    warehouse = tmp_path / "wh"
    snapshot = run(raw, warehouse)
    for table in TABLES:
        whole = pq.read_table(snapshot / table)
        for path in (snapshot / table).glob("*.parquet"):
            path.unlink()
        pq.write_table(whole, snapshot / table / "part-00000.parquet")
    info = json.loads((snapshot / "_snapshot.json").read_text())
    del info["layout"]
    (snapshot / "_snapshot.json").write_text(json.dumps(info))
    write_pages(raw, range(12, 14))
    (raw / "site0" / "page000.txt").unlink()
    second = run(raw, warehouse)
    assert [p.parent.name for p in second.glob("*/part-00000.parquet")] == ["runs"]
    assert all(p.name.startswith("bucket-") for p in (second / "segments").glob("*"))
    fresh = run(raw, tmp_path / "fresh")
    for table, spec in TABLES.items():
        if spec.scope != "log":
            assert read_duckdb(second, table).equals(read_duckdb(fresh, table)), table
    assert Warehouse(warehouse).connect(snapshot=snapshot.name).execute(
        "SELECT count(*) FROM documents"
    ).fetchall() == [(12,)]


@pytest.mark.slow
def test_kill_while_linking_and_writing_buckets_leaves_the_previous_snapshot_whole(
    tmp_path: Path,
) -> None:
    raw, warehouse = tmp_path / "raw", tmp_path / "wh"
    write_pages(raw, range(300))
    first = run(raw, warehouse)
    before = {p: p.read_bytes() for p in sorted(first.rglob("*.parquet"))}
    write_pages(raw, range(300, 310))
    (raw / "site0" / "page000.txt").unlink()
    code = (
        "import sys\nfrom pathlib import Path\nfrom chronicle.build import build\n"
        "from chronicle.config import Settings\n"
        "build(Settings(raw_dir=Path(sys.argv[1]), warehouse_dir=Path(sys.argv[2]), "
        f"stages=(), table_buckets={BUCKETS}))\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(raw), str(warehouse)], cwd=REPO)
    killed = False
    while process.poll() is None:
        if any((warehouse / ".staging").glob("*/snapshot/segments/*.parquet")):
            process.kill()  # SIGKILL while the snapshot's buckets are linked and written
            killed = True
            break
        time.sleep(0.002)
    process.wait(timeout=60)
    assert killed, "the build finished before it could be killed while assembling"
    assert os.readlink(warehouse / "current") == f"snapshots/{first.name}"
    assert {p: p.read_bytes() for p in sorted(first.rglob("*.parquet"))} == before
    assert Warehouse(warehouse).query("SELECT count(*) FROM documents")[1] == [(300,)]
    converged = run(raw, warehouse)
    assert not any((warehouse / ".staging").glob("*"))
    fresh = run(raw, tmp_path / "fresh")
    for table, spec in TABLES.items():
        if spec.scope != "log":
            assert read_duckdb(converged, table).equals(read_duckdb(fresh, table)), table
