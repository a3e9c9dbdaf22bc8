"""Table specifications: a pandera model plus key, relationships and layout.

The pandera model is the single source of truth; the Arrow schema of the
Parquet files and the data dictionary are derived from it here.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Literal

import pandera.pandas as pa_pd
import pyarrow as pa

Scope = Literal["document", "source", "corpus", "log"]


@dataclass(frozen=True)
class TableSpec:
    """How one table is keyed, related to others and maintained across runs.

    scope:
      - ``document``: rows belong to one document (have ``doc_id``) and are
        replaced when that document's raw file changes;
      - ``source``: rows belong to one raw file path (``source_path``);
      - ``corpus``: derived from the other tables after every change;
      - ``log``: append-only history (one row per run).
    """

    name: str
    model: type[pa_pd.DataFrameModel]
    key: tuple[str, ...]
    scope: Scope
    parents: dict[str, str] = field(default_factory=dict)  # column -> "table.column"

    @property
    def schema(self) -> pa_pd.DataFrameSchema:
        return self.model.to_schema()

    @property
    def arrow_schema(self) -> pa.Schema:
        """The explicit Arrow schema Parquet files are written with."""
        fields = []
        for name, column in self.schema.columns.items():
            arrow_type = column.dtype.type.pyarrow_dtype
            fields.append(pa.field(name, arrow_type, nullable=column.nullable))
        return pa.schema(fields)

    @property
    def bucket_by(self) -> str | None:
        """The column whose hash picks a row's file in a snapshot (``chronicle.warehouse``):
        ``doc_id`` for document tables, ``source_path`` for per-file tables, the key for
        corpus tables; None for the log, which is one file."""
        if self.scope == "log":
            return None
        return {"document": "doc_id", "source": "source_path"}.get(self.scope, self.key[0])

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)

    @property
    def grain(self) -> str:
        """The model docstring: grain ("one row per ...") and key."""
        return inspect.cleandoc(self.model.__doc__ or "")

    def describe_columns(self) -> list[tuple[str, str, bool, str]]:
        """(name, arrow type, nullable, description) for the data dictionary."""
        rows = []
        for name, column in self.schema.columns.items():
            rows.append(
                (
                    name,
                    str(column.dtype.type.pyarrow_dtype),
                    bool(column.nullable),
                    column.description or "",
                )
            )
        return rows
