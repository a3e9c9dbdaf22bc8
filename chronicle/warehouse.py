"""The published warehouse: immutable snapshots, an atomic ``current`` pointer, a DuckDB catalog.

Layout under the warehouse root::

    current -> snapshots/<run_id>        relative symlink, swapped atomically
    snapshots/<run_id>/<table>/part-00000.parquet
    snapshots/<run_id>/_manifest.parquet  unit path -> fingerprint (what the run saw)
    snapshots/<run_id>/_snapshot.json     run id, pipeline fingerprint, row counts
    snapshots/<run_id>/chronicle.duckdb   one view per table over this snapshot's files
    chronicle.duckdb -> current/chronicle.duckdb
    .staging/<run_id>/                    a run in progress (removed when it fails)
    .lock                                 held by the running build

Readers see either the previous or the new complete snapshot: a run writes and
validates everything in staging, renames it into ``snapshots/``, writes the snapshot's
catalog there, and only then swaps the ``current`` symlink with one ``rename``. The
catalog travels with its snapshot, so ``current`` and the catalog switch together, and
a connection opened on the catalog stays on one snapshot. ``kill -9`` or a full disk at
any point leaves ``current`` pointing at a complete snapshot with its catalog.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from chronicle.validation import (
    Failure,
    ValidationFailed,
    check_snapshot,
    to_arrow,
    validate_table,
)
from schemas import ANALYSIS_VIEWS, TABLES

logger = logging.getLogger(__name__)

CURRENT = "current"
SNAPSHOTS = "snapshots"
STAGING = ".staging"
LOCK_FILE = ".lock"
CATALOG = "chronicle.duckdb"
MANIFEST = "_manifest.parquet"
SNAPSHOT_INFO = "_snapshot.json"
PART = "part-00000.parquet"
ROW_GROUP_ROWS = 64_000
# Wide tables get small row groups so a key-range filter can skip most of a file.
ROW_GROUP_ROWS_BY_TABLE = {"documents": 2_048}
# Document-scoped tables are assembled in key ranges of the (uniformly hashed) doc_id,
# one sort per range, so memory stays a fraction of the table whatever its size.
DOC_ID_BUCKETS = tuple("0123456789abcdef")
SINGLE_SORT_BYTES = 64 * 1024 * 1024  # below this (uncompressed) one sort is cheaper
MANIFEST_SCHEMA = pa.schema(
    [
        ("path", pa.string(), False),
        ("kind", pa.string(), False),
        ("fingerprint", pa.string(), False),
        ("content_sha256", pa.string(), True),
        ("line_hashes", pa.list_(pa.string()), True),  # cached site-template evidence
        # What planning's stat check reads back (chronicle.plan.RecordedFile): the file's
        # stat, when the run that read it started, the planning code that read it, and
        # the evidence read from it (stated days, a sidecar's fields) as JSON.
        ("size", pa.int64(), True),
        ("mtime_ns", pa.int64(), True),
        ("ctime_ns", pa.int64(), True),
        ("inode", pa.int64(), True),
        ("verified_ns", pa.int64(), True),
        ("evidence", pa.string(), True),
        ("blank", pa.bool_(), True),
        ("dates", pa.string(), True),
        ("sidecar", pa.string(), True),
    ]
)


class ManifestEntry(NamedTuple):
    """One unit as a run saw it: a row of ``_manifest.parquet`` (MANIFEST_SCHEMA)."""

    path: str
    kind: str
    fingerprint: str
    content_sha256: str | None
    line_hashes: tuple[str, ...]  # cached site-template evidence
    size: int | None = None  # the stat check's columns (MANIFEST_SCHEMA)
    mtime_ns: int | None = None
    ctime_ns: int | None = None
    inode: int | None = None
    verified_ns: int | None = None
    evidence: str | None = None
    blank: bool | None = None
    dates: str | None = None
    sidecar: str | None = None


class WarehouseLocked(RuntimeError):
    """Another build holds the warehouse lock."""


class QueryRefused(ValueError):
    """A statement that the read-only query mode does not run; the message says why."""


# Statement types a read-only query may be (DESCRIBE, SHOW and SUMMARIZE parse as SELECT).
READ_STATEMENTS = frozenset({"SELECT"})


ASSEMBLY_MEMORY_LIMIT = "256MB"  # sorts beyond this spill to the staging folder


def duckdb_connection(
    database: str = ":memory:", read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(database, read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    return con


def sql_string(value: object) -> str:
    """A value (a path) as a SQL string literal: never put a path into SQL unquoted."""
    return "'" + str(value).replace("'", "''") + "'"


def is_disk_full(exc: BaseException) -> bool:
    """True for a full disk or quota, however the library reported it (OSError, DuckDB, Arrow)."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        text = str(exc)
        if "No space left on device" in text or "Disk quota exceeded" in text:
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def quote_ident(name: str) -> str:
    """A column name as a SQL identifier (columns such as ``end`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def _uncompressed(path: Path) -> int:
    """Uncompressed size of a Parquet file's data, from its footer."""
    meta = pq.read_metadata(path)
    return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """The first value of a query (fetching all rows: DuckDB 2 keeps unfinished results)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_parquet(
    path: Path,
    batches: Iterator[pa.RecordBatch] | pa.Table,
    schema: pa.Schema,
    row_group_rows: int = ROW_GROUP_ROWS,
) -> int:
    """Write rows with the exact table schema, in fixed-size row groups (deterministic bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(batches, pa.Table):
        batches = iter(batches.to_batches())
    written = 0
    pending: list[pa.RecordBatch] = []
    pending_rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd", compression_level=3) as writer:

        def flush(final: bool) -> None:
            nonlocal pending, pending_rows, written
            table = pa.Table.from_batches(pending, schema=schema) if pending else None
            while table is not None and (
                table.num_rows >= row_group_rows or (final and table.num_rows)
            ):
                chunk = table.slice(0, row_group_rows)
                writer.write_table(chunk, row_group_size=row_group_rows)
                written += chunk.num_rows
                table = table.slice(row_group_rows)
            pending = table.to_batches() if table is not None and table.num_rows else []
            pending_rows = sum(b.num_rows for b in pending)

        for batch in batches:
            if batch.schema != schema:
                batch = (
                    pa.Table.from_batches([batch]).cast(schema).combine_chunks().to_batches()[0]
                    if batch.num_rows
                    else pa.RecordBatch.from_pylist([], schema=schema)
                )
            pending.append(batch)
            pending_rows += batch.num_rows
            if pending_rows >= row_group_rows:
                flush(final=False)
        flush(final=True)
        if written == 0:
            writer.write_table(schema.empty_table())
    _fsync(path)
    return written


@dataclass
class Warehouse:
    """A warehouse folder: its published snapshot, lock and catalog."""

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).absolute()

    @property
    def catalog_path(self) -> Path:
        return self.root / CATALOG

    def current(self) -> Path | None:
        """The published snapshot folder, or None before the first run."""
        link = self.root / CURRENT
        if not link.is_symlink() and not link.exists():
            return None
        target = link.resolve()
        return target if (target / SNAPSHOT_INFO).exists() else None

    def info(self) -> dict[str, Any] | None:
        current = self.current()
        return json.loads((current / SNAPSHOT_INFO).read_text()) if current else None

    def manifest(self) -> dict[str, str]:
        """Unit path -> fingerprint as of the published snapshot."""
        current = self.current()
        if current is None:
            return {}
        table = pq.read_table(current / MANIFEST)
        return dict(zip(table["path"].to_pylist(), table["fingerprint"].to_pylist(), strict=True))

    def manifest_columns(self) -> dict[str, list[Any]]:
        """Every column of the published snapshot's manifest (empty before the first run)."""
        current = self.current()
        if current is None:
            return {}
        return pq.read_table(current / MANIFEST).to_pydict()

    def document_paths(self) -> frozenset[str]:
        """Source paths of the pages in the published documents table."""
        current = self.current()
        if current is None:
            return frozenset()
        table = pq.read_table(current / "documents" / PART, columns=["source_path"])
        return frozenset(table["source_path"].to_pylist())

    def known_line_hashes(self) -> dict[str, tuple[str, ...]]:
        """Content sha -> line hashes of the pages in the published snapshot."""
        current = self.current()
        if current is None or "line_hashes" not in pq.read_schema(current / MANIFEST).names:
            return {}  # nothing published yet, or by a version without this cache
        table = pq.read_table(current / MANIFEST, columns=["content_sha256", "line_hashes"])
        return {
            sha: tuple(hashes)
            for sha, hashes in zip(
                table["content_sha256"].to_pylist(), table["line_hashes"].to_pylist(), strict=True
            )
            if sha and hashes
        }

    def table_path(self, table: str, snapshot: Path | None = None) -> Path | None:
        snapshot = snapshot or self.current()
        return snapshot / table / PART if snapshot else None

    @contextmanager
    def lock(self, wait_s: float = 0.0) -> Iterator[None]:
        """Hold the build lock; another build waits up to ``wait_s`` then gets a clear error."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait_s
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = os.pread(fd, 500, 0).decode(errors="replace").strip()
                        raise WarehouseLocked(
                            f"another Chronicle build is running on {self.root} "
                            f"({holder or 'unknown'}); wait for it to finish or pass a "
                            "longer --wait"
                        ) from None
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            os.pwrite(fd, f"pid {os.getpid()} since {since}".encode(), 0)
            yield
        finally:
            os.close(fd)  # closing releases the flock, as does the death of the process

    def begin(self, run_id: str) -> StagedRun:
        """Start a run: clear what killed runs left behind and open a staging folder."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        for stale in [*self.root.glob(f".{CURRENT}-*"), self.root / f".{CATALOG}-link"]:
            stale.unlink(missing_ok=True)
        staging = self.root / STAGING / run_id
        (staging / "batches").mkdir(parents=True)
        return StagedRun(self, run_id, staging)

    def write_catalog(self, snapshot: Path) -> Path:
        """Write ``snapshot``'s catalog inside it: one view per table over its own files.

        Written under a temporary name and renamed, so the catalog is whole or absent.
        """
        tmp = snapshot / f".{CATALOG}.tmp"
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        con = duckdb_connection(str(tmp))
        try:
            _create_views(con, snapshot, comments=True)
            con.execute(
                "CREATE TABLE chronicle_catalog AS "
                "SELECT ? AS warehouse_root, ? AS snapshot, ? AS run_id",
                [self.root.as_posix(), snapshot.as_posix(), snapshot.name],
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
            # An exception's traceback keeps this frame: without the connection in it,
            # a failed write (a full disk) leaves no DuckDB object alive until exit.
            del con
        _fsync(tmp)
        os.replace(tmp, snapshot / CATALOG)
        _fsync(snapshot)
        return snapshot / CATALOG

    def link_catalog(self) -> None:
        """Make ``chronicle.duckdb`` the link to ``current/chronicle.duckdb`` (once; it
        replaces the plain file that older versions rewrote at each run)."""
        target = Path(CURRENT) / CATALOG
        if self.catalog_path.is_symlink() and Path(os.readlink(self.catalog_path)) == target:
            return
        pointer = self.root / f".{CATALOG}-link"
        pointer.unlink(missing_ok=True)
        os.symlink(target, pointer)
        os.replace(pointer, self.catalog_path)
        _fsync(self.root)

    def connect(
        self, lock_down: bool = True, snapshot: str | None = None
    ) -> duckdb.DuckDBPyConnection:
        """A connection to the views of one snapshot (the current one unless ``snapshot``
        names a run id); it stays on that snapshot until closed.

        ``lock_down`` (the default): the catalog is read-only and the connection can read
        only that snapshot's files: no other file, no ATTACH, no extensions, settings
        frozen. Without it the connection is a plain DuckDB one.
        """
        folder = self._snapshot_folder(snapshot)
        con = duckdb_connection()
        catalog = folder / CATALOG
        bound_to = None
        if catalog.exists():
            con.execute(f"ATTACH {sql_string(catalog)} AS chronicle (READ_ONLY)")
            bound_to = scalar(con, "SELECT snapshot FROM chronicle.chronicle_catalog")
        if bound_to == folder.as_posix():
            con.execute("USE chronicle")
        else:  # moved folder, or a snapshot of a version without its own catalog
            if catalog.exists():
                con.execute("DETACH chronicle")
            _create_views(con, folder, comments=False)
        if lock_down:
            con.execute(f"SET allowed_directories = [{sql_string(folder.as_posix() + '/')}]")
            con.execute("SET enable_external_access = false")
            con.execute("SET autoinstall_known_extensions = false")
            con.execute("SET autoload_known_extensions = false")
            con.execute("SET lock_configuration = true")
        return con

    def _snapshot_folder(self, run_id: str | None) -> Path:
        if run_id is None:
            folder = self.current()
            if folder is None:
                raise FileNotFoundError(
                    f"no warehouse at {self.root}: run `chronicle run` (or `make run`) first"
                )
            return self.root / SNAPSHOTS / folder.name
        folder = self.root / SNAPSHOTS / run_id
        if "/" in run_id or run_id.startswith(".") or not (folder / SNAPSHOT_INFO).exists():
            kept = ", ".join(self.snapshots()) or "none"
            raise FileNotFoundError(f"no snapshot {run_id!r} in {self.root} (kept: {kept})")
        return folder

    def snapshots(self) -> list[str]:
        """Run ids of the published snapshots still kept, oldest first."""
        folder = self.root / SNAPSHOTS
        kept = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        return [run_id for run_id in self.published_runs() if run_id in kept]

    def published_runs(self) -> list[str]:
        """Run ids the current snapshot's ``runs`` table records, in publication order."""
        runs = self.table_path("runs")
        if runs is None or not runs.exists():
            return []
        table = pq.read_table(runs, columns=["run_id", "finished_at"])
        order = sorted(
            zip(table["finished_at"].to_pylist(), table["run_id"].to_pylist(), strict=True)
        )
        return [run_id for _, run_id in order]

    def query(self, sql: str, unrestricted: bool = False) -> tuple[list[str], list[tuple]]:
        """Columns and rows of one read-only statement on the current snapshot.

        By default only one SELECT (DESCRIBE, SHOW, SUMMARIZE, FROM ...) runs, on a
        locked-down connection; ``unrestricted`` runs any DuckDB SQL on a plain one
        (the catalog itself stays read-only, files are not protected).
        """
        con = self.connect(lock_down=not unrestricted)
        try:
            if not unrestricted:
                statements = con.extract_statements(sql)
                if len(statements) != 1:
                    raise QueryRefused(
                        f"give one statement, not {len(statements)}; --unrestricted runs several"
                    )
                kind = statements[0].type.name
                if kind not in READ_STATEMENTS:
                    raise QueryRefused(
                        f"{kind} statements are not run: queries read the warehouse's views "
                        "only (SELECT, DESCRIBE, SHOW, SUMMARIZE); --unrestricted allows "
                        "writing files, ATTACH, INSTALL and file functions"
                    )
            relation = con.sql(sql)
            if relation is None:
                return [], []
            return list(relation.columns), relation.fetchall()
        finally:
            con.close()

    def collect_garbage(self, keep: int) -> None:
        """Delete old snapshots: keep the current one and the ``keep - 1`` last published
        before it; never-published leftovers (a run killed or failed before its
        ``current`` swap) go too."""
        current = self.current()
        folder = self.root / SNAPSHOTS
        if current is None or not folder.is_dir():
            return
        others = [run_id for run_id in self.snapshots() if run_id != current.name]
        kept = {current.name, *others[len(others) - max(keep - 1, 0) :]}
        for snapshot in folder.iterdir():
            if snapshot.name not in kept:
                shutil.rmtree(snapshot, ignore_errors=True)


def _create_views(con: duckdb.DuckDBPyConnection, snapshot: Path, comments: bool) -> None:
    """One view per table over ``snapshot``'s files, then the analysis views."""
    for name, spec in TABLES.items():
        files = sql_string((snapshot / name / "*.parquet").as_posix())
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({files})")
        if comments:
            con.execute(f"COMMENT ON VIEW {name} IS {sql_string(spec.grain)}")
    for name, sql in ANALYSIS_VIEWS.items():
        con.execute(f"CREATE VIEW {name} AS {sql}")


@dataclass
class StagedRun:
    """A run's staging folder: validated batch outputs, then the assembled snapshot."""

    warehouse: Warehouse
    run_id: str
    dir: Path

    @property
    def snapshot_dir(self) -> Path:
        return self.dir / "snapshot"

    def write_batch(self, batch_no: int, rows: dict[str, list[dict]]) -> list[Failure]:
        """Validate a batch's rows per table and stage them as Parquet parts."""
        failures: list[Failure] = []
        for name, table_rows in rows.items():
            spec = TABLES[name]
            table = to_arrow(spec, table_rows)
            failures += validate_table(spec, table, f"batch {batch_no}")
            folder = self.dir / "batches" / name
            if spec.scope != "document":
                write_parquet(folder / f"{batch_no:06d}.parquet", table, spec.arrow_schema)
                continue
            first = pc.utf8_slice_codeunits(table["doc_id"], 0, 1)
            for bucket in DOC_ID_BUCKETS:
                part = table.filter(pc.equal(first, bucket))
                if part.num_rows:
                    write_parquet(
                        folder / bucket / f"{batch_no:06d}.parquet", part, spec.arrow_schema
                    )
        return failures

    def assemble(
        self,
        keep_paths: set[str],
        manifest: list[ManifestEntry],
    ) -> dict[str, int]:
        """Previous rows of unchanged units + this run's rows, sorted by key, per table.

        Returns rows per table. Corpus tables are derived and runs appended afterwards
        (``replace_table``, ``append_run``).
        """
        previous = self.warehouse.current()
        out = self.snapshot_dir
        out.mkdir(parents=True, exist_ok=True)
        con = duckdb_connection()
        # Bounded memory whatever the corpus size: DuckDB spills large sorts to disk.
        con.execute(f"SET memory_limit = '{ASSEMBLY_MEMORY_LIMIT}'")
        con.execute(f"SET temp_directory = {sql_string((self.dir / 'spill').as_posix())}")
        counts: dict[str, int] = {}
        try:
            con.register("keep_paths", pa.table({"path": sorted(keep_paths)}))
            if previous is not None:
                con.execute(
                    "CREATE TEMP TABLE keep_docs AS SELECT doc_id FROM read_parquet(?) "
                    "WHERE source_path IN (SELECT path FROM keep_paths)",
                    [str(previous / "documents" / PART)],
                )
            for name, spec in TABLES.items():
                if spec.scope in ("log", "corpus"):
                    continue  # corpus tables are derived afterwards, runs appended last
                counts[name] = self._assemble_table(con, name, previous, out)
        finally:
            con.close()
        write_parquet(
            out / MANIFEST,
            pa.Table.from_pylist(
                [
                    {**entry._asdict(), "line_hashes": list(entry.line_hashes) or None}
                    for entry in sorted(manifest)
                ],
                schema=MANIFEST_SCHEMA,
            ),
            MANIFEST_SCHEMA,
        )
        return counts

    def _assemble_table(
        self, con: duckdb.DuckDBPyConnection, name: str, previous: Path | None, out: Path
    ) -> int:
        spec = TABLES[name]
        columns = ", ".join(quote_ident(c) for c in spec.columns)
        order = ", ".join(map(quote_ident, spec.key))
        folder = self.dir / "batches" / name
        parts = sorted(folder.rglob("*.parquet"))
        old = None
        condition = "source_path IN (SELECT path FROM keep_paths)"
        if previous is not None and (previous / name / PART).exists():
            old = sql_string(previous / name / PART)
            if spec.scope == "document" and name != "documents":
                condition = "doc_id IN (SELECT doc_id FROM keep_docs)"
            old_rows = scalar(con, f"SELECT count(*) FROM read_parquet({old})")
            kept_rows = scalar(con, f"SELECT count(*) FROM read_parquet({old}) WHERE {condition}")
            if not parts and kept_rows == old_rows:
                # Nothing changed in this table: share the previous file, byte for byte.
                (out / name).mkdir(parents=True, exist_ok=True)
                os.link(previous / name / PART, out / name / PART)
                return old_rows

        def quote_files(files: list[Path]) -> str:
            return ", ".join(sql_string(p) for p in files)

        def sorted_range(bucket: str | None) -> Iterator[pa.RecordBatch]:
            """Rows of one doc_id range (or all rows), sorted by key."""
            sources = []
            # a range, not a prefix test, so row-group statistics can skip the rest
            in_range = (
                f"doc_id >= '{bucket}' AND doc_id < '{chr(ord(bucket) + 1)}'" if bucket else "true"
            )
            if old is not None:
                sources.append(
                    f"SELECT {columns} FROM read_parquet({old}) WHERE {condition} AND {in_range}"
                )
            files = sorted((folder / bucket).glob("*.parquet")) if bucket else parts
            if files:
                sources.append(f"SELECT {columns} FROM read_parquet([{quote_files(files)}])")
            if sources:
                query = " UNION ALL ".join(sources) + f" ORDER BY {order}"
                yield from con.sql(query).to_arrow_reader(ROW_GROUP_ROWS)

        sources_bytes = sum(_uncompressed(p) for p in parts)
        if old is not None:
            sources_bytes += _uncompressed(previous / name / PART)
        split = spec.scope == "document" and sources_bytes > SINGLE_SORT_BYTES
        buckets = DOC_ID_BUCKETS if split else (None,)
        batches = (batch for bucket in buckets for batch in sorted_range(bucket))
        return write_parquet(
            out / name / PART,
            batches,
            spec.arrow_schema,
            row_group_rows=ROW_GROUP_ROWS_BY_TABLE.get(name, ROW_GROUP_ROWS),
        )

    def carry_over(self, name: str) -> bool:
        """Hard-link a table of the previous snapshot into this one; False if there is none."""
        previous = self.warehouse.table_path(name)
        if previous is None or not previous.exists():
            return False
        (self.snapshot_dir / name).mkdir(parents=True, exist_ok=True)
        os.link(previous, self.snapshot_dir / name / PART)
        return True

    def replace_table(self, name: str, table: pa.Table) -> int:
        """Validate a whole derived table and write it, sorted by key, into the snapshot."""
        spec = TABLES[name]
        table = table.select(spec.columns).cast(spec.arrow_schema)
        failures = validate_table(spec, table, f"{name} (derived)")
        if failures:
            raise ValidationFailed(failures)
        table = table.sort_by([(k, "ascending") for k in spec.key])
        target = self.snapshot_dir / name / PART
        target.unlink(missing_ok=True)  # may be a hard link to the previous snapshot
        return write_parquet(
            target,
            table,
            spec.arrow_schema,
            row_group_rows=ROW_GROUP_ROWS_BY_TABLE.get(name, ROW_GROUP_ROWS),
        )

    def append_run(self, run_row: dict[str, Any]) -> int:
        """Previous runs plus this one (validated), written to the staged snapshot."""
        spec = TABLES["runs"]
        new = to_arrow(spec, [run_row])
        failures = validate_table(spec, new, "this run")
        if failures:
            raise ValidationFailed(failures)
        previous = self.warehouse.table_path("runs")
        tables = (
            [pq.read_table(previous, schema=spec.arrow_schema)]
            if previous and previous.exists()
            else []
        )
        runs = pa.concat_tables([*tables, new]).sort_by([(k, "ascending") for k in spec.key])
        return write_parquet(self.snapshot_dir / "runs" / PART, runs, spec.arrow_schema)

    def check(self) -> list[Failure]:
        """Cross-table checks on the assembled snapshot."""
        con = duckdb_connection()
        try:
            views = {
                name: f"read_parquet({sql_string(self.snapshot_dir / name / PART)})"
                for name in TABLES
                if (self.snapshot_dir / name / PART).exists()
            }
            return check_snapshot(con, views) + self._check_views(con, views)
        finally:
            con.close()

    @staticmethod
    def _check_views(con: duckdb.DuckDBPyConnection, views: dict[str, str]) -> list[Failure]:
        """Every analysis view binds and runs on the staged tables, before anything is
        published (a broken view would otherwise surface only in the new catalog)."""
        for name, relation in views.items():
            con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {relation}")
        failures = []
        for name, sql in ANALYSIS_VIEWS.items():
            try:
                con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
                con.execute(f"SELECT * FROM {name} LIMIT 1").fetchall()
            except duckdb.Error as exc:
                failures.append(Failure(name, "view_runs", None, type(exc).__name__, str(exc)))
        return failures

    def publish(self, info: dict[str, Any], keep_snapshots: int) -> Path:
        """Make the staged snapshot and its catalog current with one atomic rename.

        Until the ``current`` swap nothing a reader sees has changed; a failure before it
        (a full disk while the catalog is written) removes this run's files and leaves
        the previous snapshot and catalog as they were.
        """
        (self.snapshot_dir / SNAPSHOT_INFO).write_text(json.dumps(info, indent=2, sort_keys=True))
        _fsync(self.snapshot_dir / SNAPSHOT_INFO)
        warehouse = self.warehouse
        root = warehouse.root
        final = root / SNAPSHOTS / self.run_id
        final.parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.snapshot_dir, final)
        pointer = root / f".{CURRENT}-{self.run_id}"
        try:
            _fsync(final.parent)
            warehouse.write_catalog(final)
            os.symlink(Path(SNAPSHOTS) / self.run_id, pointer)
            os.replace(pointer, root / CURRENT)
        except BaseException:
            pointer.unlink(missing_ok=True)
            shutil.rmtree(final, ignore_errors=True)
            raise
        _fsync(root)
        # Published. What follows only tidies up; the next run redoes what fails here.
        try:
            warehouse.link_catalog()
            shutil.rmtree(self.dir, ignore_errors=True)
            warehouse.collect_garbage(keep_snapshots)
        except OSError as exc:
            logger.warning("snapshot %s published; tidying up failed: %s", self.run_id, exc)
        return final

    def discard(self) -> None:
        """Remove what this run wrote, once it failed: staging and an unpublished snapshot."""
        shutil.rmtree(self.dir, ignore_errors=True)
        final = self.warehouse.root / SNAPSHOTS / self.run_id
        current = self.warehouse.current()
        if final.exists() and (current is None or current.name != self.run_id):
            shutil.rmtree(final, ignore_errors=True)
