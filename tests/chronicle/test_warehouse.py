"""Warehouse mechanics: deterministic Parquet, the lock, snapshots and the catalog."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from chronicle.build import build
from chronicle.config import Settings
from chronicle.warehouse import (
    QueryRefused,
    Warehouse,
    WarehouseLocked,
    is_disk_full,
    write_parquet,
)
from tests.conftest import SAMPLE_RAW, fill


def test_parquet_bytes_do_not_depend_on_batching(tmp_path: Path) -> None:
    schema = pa.schema([("n", pa.int64(), False), ("s", pa.string(), True)])
    table = pa.table(
        {"n": list(range(150_000)), "s": [str(i % 7) for i in range(150_000)]}, schema=schema
    )
    one = tmp_path / "one.parquet"
    many = tmp_path / "many.parquet"
    assert write_parquet(one, table, schema) == 150_000
    write_parquet(many, iter(table.to_batches(max_chunksize=999)), schema)
    assert one.read_bytes() == many.read_bytes()


def test_empty_tables_still_get_a_file_with_the_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    schema = pa.schema([("n", pa.int64(), False)])
    path = tmp_path / "empty.parquet"
    assert write_parquet(path, schema.empty_table(), schema) == 0
    assert pq.read_schema(path).equals(schema)


def test_second_lock_holder_gets_a_clear_error(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "wh")
    with warehouse.lock():
        # Another process, as a real second build would be.
        code = (
            "import sys; from chronicle.warehouse import Warehouse, WarehouseLocked\n"
            f"try:\n    Warehouse({str(tmp_path / 'wh')!r}).lock(0.3).__enter__()\n"
            "except WarehouseLocked as e:\n    print(e); sys.exit(7)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 7
        assert "another Chronicle build is running" in result.stdout
        assert "pid" in result.stdout
    with warehouse.lock():  # released on exit, so it can be taken again
        pass


def test_lock_is_reentrant_only_by_waiting(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path)
    with warehouse.lock(), pytest.raises(WarehouseLocked), Warehouse(tmp_path).lock(0.0):
        pass


def test_connect_without_a_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="chronicle run"):
        Warehouse(tmp_path).connect()


def plain_build(raw: Path, warehouse: Path) -> str:
    """A build without the NLP stages (fast); returns the published run id."""
    summary = build(Settings(raw_dir=raw, warehouse_dir=warehouse, stages=()))
    return str(summary.snapshot)


def add_page(raw: Path, name: str) -> None:
    (raw / name).write_text(f"A page called {name}\n\nIt says something new.\n")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    return raw


def snapshot_names(warehouse: Path) -> list[str]:
    return sorted(p.name for p in (warehouse / "snapshots").iterdir())


def test_retention_keeps_the_snapshot_current_pointed_at_not_an_unpublished_one(
    raw: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    plain_build(raw, warehouse)
    add_page(raw, "second.txt")
    was_current = plain_build(raw, warehouse)
    # What a kill between the rename into snapshots/ and the `current` swap leaves: a
    # complete snapshot folder, newer than current, that was never published.
    orphan = "29991231T235959Z-000000"
    shutil.copytree(warehouse / "snapshots" / was_current, warehouse / "snapshots" / orphan)
    add_page(raw, "third.txt")
    newest = plain_build(raw, warehouse)
    assert snapshot_names(warehouse) == sorted([was_current, newest])
    assert os.readlink(warehouse / "current") == f"snapshots/{newest}"


def test_two_snapshots_are_kept_through_a_symlinked_warehouse_path(
    raw: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    ids = []
    for n in range(3):
        add_page(raw, f"page{n}.txt")
        ids.append(plain_build(raw, tmp_path / "link"))
    assert snapshot_names(real) == sorted(ids[1:])  # run ids of one second sort by their suffix


def test_a_warehouse_path_with_a_quote_builds_and_queries(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "it's a warehouse"
    plain_build(raw, warehouse)
    add_page(raw, "o'brien.txt")
    plain_build(raw, warehouse)  # the second run reads the first snapshot back
    columns, rows = Warehouse(warehouse).query("SELECT count(*) AS n FROM documents")
    assert (columns, rows) == (["n"], [(6,)])


def test_a_connection_stays_on_its_snapshot_across_builds(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    first = plain_build(raw, warehouse)
    join = "SELECT count(DISTINCT d.doc_id) FROM documents d JOIN segments s USING (doc_id)"
    plain = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
    ours = Warehouse(warehouse).connect()
    before = [con.execute(join).fetchall() for con in (plain, ours)]
    assert before == [[(5,)], [(5,)]]
    add_page(raw, "new.txt")
    second = plain_build(raw, warehouse)
    # Both old connections still read the first snapshot, all of its tables ...
    assert [con.execute(join).fetchall() for con in (plain, ours)] == before
    plain.close()
    ours.close()
    # ... a new connection reads the new one, and a pinned one names its snapshot.
    assert Warehouse(warehouse).query(join)[1] == [(6,)]
    pinned = Warehouse(warehouse).connect(snapshot=first)
    assert pinned.execute(join).fetchall() == [(5,)]
    pinned.close()
    assert Warehouse(warehouse).snapshots() == [first, second]
    with pytest.raises(FileNotFoundError, match="kept: "):
        Warehouse(warehouse).connect(snapshot="../../etc")


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("COPY (SELECT 1 AS x) TO '{part}'", "COPY statements are not run"),
        ("SELECT 1; COPY (SELECT 1 AS x) TO '{part}'", "one statement, not 2"),
        ("ATTACH '{tmp}/other.duckdb' AS other", "ATTACH statements are not run"),
        ("INSTALL httpfs", "statements are not run"),
        ("SET enable_external_access = true", "SET statements are not run"),
        ("CREATE TABLE t AS SELECT 1", "CREATE statements are not run"),
        ("SELECT * FROM read_text('/etc/passwd')", "Permission Error"),
        ("SELECT * FROM glob('/etc/*')", "Permission Error"),
        ("SELECT * FROM read_parquet('{tmp}/wh/current/../../secret.parquet')", "Permission"),
    ],
)
def test_queries_read_the_views_only(raw: Path, tmp_path: Path, sql: str, refusal: str) -> None:
    warehouse = tmp_path / "wh"
    plain_build(raw, warehouse)
    part = sorted((warehouse / "current" / "documents").glob("*.parquet"))[0]
    before = part.read_bytes()
    write_parquet(tmp_path / "secret.parquet", pa.table({"x": [1]}), pa.schema([("x", pa.int64())]))
    with pytest.raises((QueryRefused, duckdb.Error), match=refusal):
        Warehouse(warehouse).query(sql.format(part=part, tmp=tmp_path))
    assert part.read_bytes() == before
    assert Warehouse(warehouse).query("SELECT count(*) FROM documents")[1] == [(5,)]


def test_unrestricted_queries_may_export(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh"
    plain_build(raw, warehouse)
    out = tmp_path / "export.csv"
    Warehouse(warehouse).query(f"COPY (SELECT doc_id FROM documents) TO '{out}'", unrestricted=True)
    assert len(out.read_text().splitlines()) == 6  # header and 5 rows


def test_a_full_disk_at_any_step_leaves_the_previous_snapshot_and_catalog(
    raw: Path, small_disk: Path
) -> None:
    warehouse = small_disk / "wh"
    first = plain_build(raw, warehouse)
    expected = Warehouse(warehouse).query("SELECT source_path FROM documents ORDER BY 1")
    for n in range(12):
        add_page(raw, f"extra{n:02d}.txt")
    failed_steps = []
    for leave_kb in (0, 16, 64, 128, 256, 384, 512):
        filler = fill(small_disk, leave_kb * 1024)
        try:
            plain_build(raw, warehouse)
        except Exception as exc:
            assert is_disk_full(exc), repr(exc)
            failed_steps.append(str(exc))
        else:
            pytest.fail(f"{leave_kb} KB free sufficed: the test needs a failing level")
        finally:
            filler.unlink()
        # The previous pair is intact: `current`, its files and its catalog.
        assert os.readlink(warehouse / "current") == f"snapshots/{first}"
        assert Warehouse(warehouse).query("SELECT source_path FROM documents ORDER BY 1") == (
            expected
        )
        plain = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
        assert plain.execute("SELECT count(*) FROM documents").fetchall() == [(5,)]
        plain.close()
        # The failed run removed what it wrote.
        assert list((warehouse / ".staging").iterdir()) == []
        assert snapshot_names(warehouse) == [first]
    # Some levels failed while the catalog was written, after the snapshot was complete.
    assert any("chronicle.duckdb.tmp" in step for step in failed_steps), failed_steps
    plain_build(raw, warehouse)  # with the space back, the next run publishes
    assert Warehouse(warehouse).query("SELECT count(*) FROM documents")[1] == [(17,)]
