"""Validate rows with the pandera models, and tables against each other with DuckDB.

Failures are returned as rows (table, check, column, failure case, where) so a run
can report all of them at once and fail before anything is published.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

import duckdb
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from schemas import TABLES, TableSpec

MAX_FAILURES_PER_CHECK = 20


def _skip_pandera_dask_types() -> None:
    """pandera's first validation looks up its Dask frame types, importing dask.dataframe
    (about 2 s) whenever Dask is installed, as it is for ``--runner dask``. Chronicle
    validates pandas frames only, so pandera is told Dask frames are not available."""
    name = "pandera.typing.dask"
    if name not in sys.modules and "dask.dataframe" not in sys.modules:
        stand_in = types.ModuleType(name, "Dask frame types: not used by Chronicle")
        stand_in.DASK_INSTALLED = False  # type: ignore[attr-defined]
        sys.modules[name] = stand_in


_skip_pandera_dask_types()


@dataclass(frozen=True)
class Failure:
    table: str
    check: str
    column: str | None
    failure_case: str
    where: str  # row index in the batch, a key value, or a file


class ValidationFailed(Exception):
    """A build produced rows that break the table contracts; nothing was published."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        tables = sorted({f.table for f in failures})
        shown = "\n".join(
            f"  {f.table}.{f.column or '*'}: {f.check} failed for {f.failure_case!r} ({f.where})"
            for f in failures[:20]
        )
        more = f"\n  ... and {len(failures) - 20} more" if len(failures) > 20 else ""
        super().__init__(
            f"validation failed: {len(failures)} failure(s) in {', '.join(tables)}; "
            f"nothing was published\n{shown}{more}"
        )


def to_arrow(spec: TableSpec, rows: list[dict]) -> pa_arrow.Table:
    """Rows as an Arrow table with the table's exact schema (raises on wrong types)."""
    return pa_arrow.Table.from_pylist(rows, schema=spec.arrow_schema)


def validate_table(spec: TableSpec, table: pa_arrow.Table, where: str) -> list[Failure]:
    """Lazy pandera validation of every row; failures as rows instead of an exception."""
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    try:
        spec.model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = []
        for case in exc.failure_cases.head(500).itertuples(index=False):
            index = getattr(case, "index", None)
            failures.append(
                Failure(
                    table=spec.name,
                    check=str(case.check),
                    column=None if pd.isna(case.column) else str(case.column),
                    failure_case=str(case.failure_case),
                    where=f"{where} row {index}"
                    if index is not None and not pd.isna(index)
                    else where,
                )
            )
        return failures
    return []


def check_snapshot(con: duckdb.DuckDBPyConnection, views: dict[str, str]) -> list[Failure]:
    """Cross-table checks on assembled tables: unique keys and parent rows that exist.

    ``views`` maps table name to a DuckDB relation expression over its files.
    """
    failures: list[Failure] = []
    for name, spec in TABLES.items():
        if name not in views:
            continue
        key = ", ".join(f'"{k}"' for k in spec.key)
        duplicates = con.execute(
            f"SELECT {key}, count(*) AS n FROM {views[name]} GROUP BY ALL HAVING n > 1 "
            f"LIMIT {MAX_FAILURES_PER_CHECK}"
        ).fetchall()
        for dup in duplicates:
            failures.append(Failure(name, "key_unique", key, str(dup[:-1]), f"{dup[-1]} rows"))
        for column, target in spec.parents.items():
            parent, parent_column = target.split(".")
            # A list column (events.actor_ids) references its parent element by element.
            is_list = pa_arrow.types.is_list(spec.arrow_schema.field(column).type)
            values = (
                f'(SELECT unnest("{column}") AS "{column}" FROM {views[name]})'
                if is_list
                else views[name]
            )
            orphans = con.execute(
                f'SELECT DISTINCT c."{column}" FROM {values} c '
                f'ANTI JOIN {views[parent]} p ON c."{column}" = p."{parent_column}" '
                f'WHERE c."{column}" IS NOT NULL '
                f"LIMIT {MAX_FAILURES_PER_CHECK}"
            ).fetchall()
            for (value,) in orphans:
                failures.append(
                    Failure(name, f"references {target}", column, str(value), "no parent row")
                )
    return failures
