"""The consumer recipes in examples/, run as a user runs them on the sample warehouse."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def run_example(name: str, *args: str | Path) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pandas_reads_the_parquet_files(sample_warehouse: Path) -> None:
    out = run_example("pandas_parquet.py", sample_warehouse)
    entities = pq.read_table(sample_warehouse / "current" / "entities").num_rows
    assert out.startswith(f"5 documents, {entities} entities, ")
    people = out.split("Most mentioned people:\n")[1].split("\n\n")[0].splitlines()
    assert people[0].startswith("  Vladimir Putin: ") and len(people) == 5
    # The deployment into Ukraine on 24 February 2022 is a dated mobilisation.
    assert "  mobilize: 1" in out.split("Dated events by type")[1]


def test_duckdb_opens_the_catalog_read_only_from_another_project(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    out = run_example("duckdb_catalog.py", sample_warehouse)
    meetings = [line for line in out.splitlines() if line[:4].isdigit()]
    assert any(line.startswith("2021-10-22  Naftali Bennett -> ") for line in meetings), (
        "the Bennett visit of 22 October 2021"
    )
    assert out.splitlines()[0] == f"{len(meetings)} dated meetings"
    assert "site (none): 5 pages" in out


def test_dyad_series_is_exported_to_csv(sample_warehouse: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "il-ru.csv"
    out = run_example("dyad_series_csv.py", sample_warehouse, "IL", "RU", out_file)
    rows = list(csv.DictReader(out_file.open()))
    assert out.strip() == f"{out_file}: {len(rows)} months of IL-RU events"
    months = [row["month"] for row in rows]
    # One row per month, none skipped, none repeated.
    first_year, first_month = map(int, months[0].split("-"))
    expected = [
        f"{first_year + (first_month - 1 + i) // 12}-{(first_month - 1 + i) % 12 + 1:02d}"
        for i in range(len(months))
    ]
    assert months == expected
    by_month = {row["month"]: row for row in rows}
    # Netanyahu's visits to Moscow in 2015 and 2016 (year-precision dates: January).
    assert int(by_month["2015-01"]["IL->RU"]) >= 1
    assert int(by_month["2016-01"]["IL->RU"]) >= 1
    assert all(int(row["IL->RU"]) >= 0 and int(row["RU->IL"]) >= 0 for row in rows)
