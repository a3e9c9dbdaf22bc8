"""Warehouse mechanics: deterministic Parquet, the lock, snapshots and the catalog."""

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from chronicle.warehouse import Warehouse, WarehouseLocked, write_parquet


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


def test_garbage_collection_keeps_current_and_newest(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path)
    for name in ["r1", "r2", "r3", "r4"]:
        (tmp_path / "snapshots" / name).mkdir(parents=True)
        (tmp_path / "snapshots" / name / "_snapshot.json").write_text("{}")
    (tmp_path / "current").symlink_to(Path("snapshots") / "r2")
    warehouse.collect_garbage(keep=2)
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == ["r2", "r4"]


def test_connect_without_a_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="chronicle run"):
        Warehouse(tmp_path).connect()
