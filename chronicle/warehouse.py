"""The published warehouse: immutable snapshots, an atomic ``current`` pointer, a DuckDB catalog.

Layout under the warehouse root::

    current -> snapshots/<run_id>        relative symlink, swapped atomically
    snapshots/<run_id>/<table>/bucket-042-of-256.parquet
                                          one file per non-empty bucket of the table
    snapshots/<run_id>/runs/part-00000.parquet
    snapshots/<run_id>/_manifest/bucket-*.parquet  unit path -> fingerprint (what the
                                          run saw), bucketed by path like a table
    snapshots/<run_id>/_snapshot.json     run id, pipeline fingerprint, row counts, layout
    snapshots/<run_id>/chronicle.duckdb   one view per table over this snapshot's files
    chronicle.duckdb -> current/chronicle.duckdb
    .staging/<run_id>/                    a run in progress (removed when it fails)
    .lock                                 held by the running build

Each table but ``runs`` is split into ``Settings.table_buckets`` files by a stable hash
of its bucket key (``doc_id`` for document tables, ``source_path`` for rejects,
``entity_id`` for entities; see ``bucket_of``), rows sorted by key within a file. A run
writes only the buckets that hold changed rows and hard-links the others from the
previous snapshot, so an hourly run costs what changed, and old snapshots share their
unchanged files with the new one. An empty bucket has no file; a table with no rows at
all is one empty file (bucket 0) that carries the schema.

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
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import numpy as np
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
from schemas import ANALYSIS_VIEWS, TABLES, TableSpec

logger = logging.getLogger(__name__)

CURRENT = "current"
SNAPSHOTS = "snapshots"
STAGING = ".staging"
LOCK_FILE = ".lock"
CATALOG = "chronicle.duckdb"
MANIFEST = "_manifest"  # folder of bucket files, bucketed by path like a table
LEGACY_MANIFEST = "_manifest.parquet"  # one file, as versions before bucketing wrote
SNAPSHOT_INFO = "_snapshot.json"
PART = "part-00000.parquet"
ROW_GROUP_ROWS = 64_000
# Wide tables get small row groups so a key-range filter can skip most of a file.
ROW_GROUP_ROWS_BY_TABLE = {"documents": 2_048}
DEFAULT_BUCKETS = 256  # files per table (Settings.table_buckets)
# Staged rows are split into this many groups of buckets (bucket % groups); a large
# table is assembled one group at a time, so memory stays a fraction of the table.
BUCKET_GROUPS = 16
SINGLE_SORT_BYTES = 64 * 1024 * 1024  # below this (uncompressed) one sort is cheaper
BUCKET = "__bucket"  # the bucket number while rows are sorted (never written)
DIGEST_KEY = b"chronicle.rows_sha256"  # footer metadata: rows_digest of the file's rows
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


class ManifestFiles(NamedTuple):
    """How the manifest is laid out: bucket files by ``path``, as tables are by theirs."""

    name: str = MANIFEST
    arrow_schema: pa.Schema = MANIFEST_SCHEMA
    bucket_by: str = "path"
    key: tuple[str, ...] = ("path",)


Layout = TableSpec | ManifestFiles  # what the bucket writers need: name, schema, keys


class ManifestEntry(NamedTuple):
    """One unit as a run saw it: a row of the manifest (MANIFEST_SCHEMA)."""

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


def bucket_of(key: str, buckets: int) -> int:
    """A key's bucket: the first 32 bits of MD5(key, UTF-8), big-endian, modulo ``buckets``.

    Stable across processes, machines and tools (``bucket_sql`` is the same in DuckDB),
    unlike Python's ``hash``, so a run finds the file that held a document last time.
    """
    return int.from_bytes(hashlib.md5(key.encode()).digest()[:4], "big") % buckets


def bucket_sql(column: str, buckets: int) -> str:
    """``bucket_of`` as a DuckDB expression over ``column``."""
    return f"(('0x' || md5({quote_ident(column)})[1:8])::UBIGINT % {buckets})"


def buckets_of(keys: pa.Array | pa.ChunkedArray, buckets: int) -> pa.Array:
    """``bucket_of`` of every key, hashing each distinct key once."""
    distinct = pc.unique(keys)
    numbers = pa.array([bucket_of(k, buckets) for k in distinct.to_pylist()], pa.int32())
    return pc.take(numbers, pc.index_in(keys, distinct))


def bucket_file(bucket: int, buckets: int) -> str:
    """File name of one bucket, e.g. ``bucket-007-of-256.parquet`` (sorts by bucket)."""
    width = max(3, len(str(buckets)))
    return f"bucket-{bucket:0{width}d}-of-{buckets:0{width}d}.parquet"


def bucket_number(path: Path) -> int:
    """The bucket a file written by ``bucket_file`` holds."""
    return int(path.name.split("-")[1])


def table_files(folder: Path) -> list[Path]:
    """The Parquet files of one table folder, in name order (empty if there is none)."""
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def table_rows(folder: Path) -> int:
    """Rows of a table folder, from the files' footers."""
    return sum(pq.read_metadata(path).num_rows for path in table_files(folder))


def share_file(source: Path, target: Path) -> bool:
    """Put ``source`` at ``target`` as a hard link (same inode, no bytes written); where
    the file system refuses links (another device, no link support), copy it instead.
    Returns True for a link, False for a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return True
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES):
            raise
    shutil.copyfile(source, target)
    _fsync(target)
    return False


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
    metadata: dict[str, str] | None = None,
) -> int:
    """Write rows with the exact table schema, in fixed-size row groups (deterministic bytes),
    with ``metadata`` added to the file's key-value metadata.

    An existing file at ``path`` is unlinked first, never overwritten: it may be a hard
    link that a published snapshot shares.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
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
        if metadata:
            writer.add_key_value_metadata(metadata)
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
        table = pq.read_table(_manifest_source(current), columns=["path", "fingerprint"])
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
        table = pq.read_table(current / "documents", columns=["source_path"])
        return frozenset(table["source_path"].to_pylist())

    def known_line_hashes(self) -> dict[str, tuple[str, ...]]:
        """Content sha -> line hashes of the pages in the published snapshot."""
        current = self.current()
        if current is None:
            return {}
        source = _manifest_source(current)
        if source.is_file() and "line_hashes" not in pq.read_schema(source).names:
            return {}  # published by a version without this cache
        table = pq.read_table(source, columns=["content_sha256", "line_hashes"])
        return {
            sha: tuple(hashes)
            for sha, hashes in zip(
                table["content_sha256"].to_pylist(), table["line_hashes"].to_pylist(), strict=True
            )
            if sha and hashes
        }

    def table_path(self, table: str, snapshot: Path | None = None) -> Path | None:
        """The one file of an unbucketed table (``runs``) in a snapshot (default: current)."""
        snapshot = snapshot or self.current()
        return snapshot / table / PART if snapshot else None

    @staticmethod
    def snapshot_buckets(snapshot: Path) -> int | None:
        """Files per table of a snapshot (None: one ``part-00000.parquet`` per table, as
        versions before bucketing wrote)."""
        info = json.loads((snapshot / SNAPSHOT_INFO).read_text())
        return (info.get("layout") or {}).get("buckets")

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

    def begin(self, run_id: str, buckets: int = DEFAULT_BUCKETS) -> StagedRun:
        """Start a run: clear what killed runs left behind and open a staging folder."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        for stale in [*self.root.glob(f".{CURRENT}-*"), self.root / f".{CATALOG}-link"]:
            stale.unlink(missing_ok=True)
        staging = self.root / STAGING / run_id
        (staging / "batches").mkdir(parents=True)
        if buckets < 1:
            raise ValueError(f"table_buckets must be at least 1, not {buckets}")
        return StagedRun(self, run_id, staging, buckets)

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


def _manifest_source(snapshot: Path) -> Path:
    """The manifest of a snapshot: its folder, or the one file of an older version."""
    folder = snapshot / MANIFEST
    return folder if folder.is_dir() else snapshot / LEGACY_MANIFEST


def rows_digest(rows: pa.Table) -> str:
    """SHA-256 of the rows in Arrow's IPC format: equal digests mean equal rows (equal
    rows laid out differently in memory may differ, which costs only a closer look)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, rows.schema) as stream:
        stream.write_table(rows.combine_chunks())
    return hashlib.sha256(sink.getvalue()).hexdigest()


def _holds(path: Path, rows: pa.Table, digest: str, spec: Layout, known: list | None) -> bool:
    """True if the Parquet file at ``path`` holds exactly ``rows``, in order: from its
    row count and digest (``known``, else its footer) when they match, else by reading it."""
    if known is None:
        meta = pq.read_metadata(path)
        known = [meta.num_rows, (meta.metadata or {}).get(DIGEST_KEY, b"").decode() or None]
    if known[0] != rows.num_rows:
        return False
    if known[1] == digest:
        return True
    return pq.read_table(path, schema=spec.arrow_schema).equals(rows)


def _quote_files(files: list[Path]) -> str:
    return ", ".join(sql_string(p) for p in files)


def _runs(numbers: np.ndarray) -> list[tuple[int, int, int]]:
    """(value, start, stop) of each run of equal values in a sorted array."""
    if not len(numbers):
        return []
    starts = [0, *(np.flatnonzero(np.diff(numbers)) + 1).tolist()]
    stops = [*starts[1:], len(numbers)]
    return [(int(numbers[a]), a, b) for a, b in zip(starts, stops, strict=True)]


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
class FileCounts:
    """What assembling a snapshot wrote and what it shared with the previous one."""

    written: int = 0  # table files written by this run
    bytes_written: int = 0
    linked: int = 0  # hard links to the previous snapshot's files (no bytes written)
    copied: int = 0  # shared by copying because the file system refused a hard link


@dataclass
class StagedRun:
    """A run's staging folder: validated batch outputs, then the assembled snapshot."""

    warehouse: Warehouse
    run_id: str
    dir: Path
    buckets: int = DEFAULT_BUCKETS  # files per table (Settings.table_buckets)
    files: FileCounts = field(default_factory=FileCounts)
    # What each staged file holds, table -> file name -> [rows, rows_digest or None]: kept
    # in _snapshot.json, so the next run counts and compares the files it shares
    # without opening them.
    index: dict[str, dict[str, list]] = field(default_factory=dict)
    _previous: tuple[Path | None, dict[str, dict[str, list]]] | None = None

    @property
    def snapshot_dir(self) -> Path:
        return self.dir / "snapshot"

    @property
    def groups(self) -> int:
        return min(BUCKET_GROUPS, self.buckets)

    def write_batch(self, batch_no: int, rows: dict[str, list[dict]]) -> list[Failure]:
        """Validate a batch's rows per table and stage them as Parquet parts, one per
        group of buckets (``batches/<table>/<group>/<batch>.parquet``)."""
        failures: list[Failure] = []
        for name, table_rows in rows.items():
            spec = TABLES[name]
            table = to_arrow(spec, table_rows)
            failures += validate_table(spec, table, f"batch {batch_no}")
            folder = self.dir / "batches" / name
            key = spec.bucket_by
            if key is None:
                write_parquet(folder / f"{batch_no:06d}.parquet", table, spec.arrow_schema)
                continue
            groups = buckets_of(table[key], self.buckets).to_numpy() % self.groups
            for group in np.unique(groups):
                part = table.filter(pa.array(groups == group))
                target = folder / f"{group:02d}" / f"{batch_no:06d}.parquet"
                write_parquet(target, part, spec.arrow_schema)
        return failures

    def assemble(
        self,
        keep_paths: set[str],
        manifest: list[ManifestEntry],
    ) -> dict[str, int]:
        """Previous rows of unchanged units + this run's rows, per table and bucket.

        Buckets without a changed row are hard-linked from the previous snapshot; the
        others are rewritten, sorted by key. Returns rows per table. Corpus tables are
        derived and runs appended afterwards (``replace_table``, ``append_run``).
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
            con.register(
                "keep_paths", pa.table({"path": pa.array(sorted(keep_paths), pa.string())})
            )
            dropped: set[int] = set()  # buckets of documents that changed or went away
            if previous is not None:
                documents = f"read_parquet({sql_string(previous / 'documents' / '*.parquet')})"
                con.execute(
                    f"CREATE TEMP TABLE keep_docs AS SELECT doc_id FROM {documents} "
                    "WHERE source_path IN (SELECT path FROM keep_paths)"
                )
                gone = con.execute(
                    f"SELECT doc_id FROM {documents} "
                    "WHERE source_path NOT IN (SELECT path FROM keep_paths)"
                ).fetchall()
                dropped = {bucket_of(doc_id, self.buckets) for (doc_id,) in gone}
            same_layout = (
                previous is not None and Warehouse.snapshot_buckets(previous) == self.buckets
            )
            for name, spec in TABLES.items():
                if spec.scope in ("log", "corpus"):
                    continue  # corpus tables are derived afterwards, runs appended last
                counts[name] = self._assemble_table(
                    con, spec, previous, same_layout=same_layout, dropped=dropped
                )
        finally:
            con.close()
        rows = [
            {**entry._asdict(), "line_hashes": list(entry.line_hashes) or None}
            for entry in manifest
        ]
        self._replace_buckets(ManifestFiles(), pa.Table.from_pylist(rows, schema=MANIFEST_SCHEMA))
        return counts

    def _assemble_table(
        self,
        con: duckdb.DuckDBPyConnection,
        spec: TableSpec,
        previous: Path | None,
        same_layout: bool,
        dropped: set[int],
    ) -> int:
        """One table: link the previous snapshot's untouched buckets, rewrite the rest."""
        key = spec.bucket_by
        assert key is not None
        staged_folder = self.dir / "batches" / spec.name
        staged = {
            int(folder.name): sorted(folder.glob("*.parquet"))
            for folder in (staged_folder.iterdir() if staged_folder.is_dir() else [])
        }
        condition = "source_path IN (SELECT path FROM keep_paths)"
        if spec.scope == "document" and spec.name != "documents":
            condition = "doc_id IN (SELECT doc_id FROM keep_docs)"
        old = table_files(previous / spec.name) if previous is not None else []
        if same_layout:
            by_bucket = {bucket_number(path): path for path in old}
            candidates = (
                old
                if spec.scope != "document"
                else [by_bucket[b] for b in sorted(dropped) if b in by_bucket]
            )
            touched = self._buckets_in(con, key, [p for files in staged.values() for p in files])
            touched |= self._buckets_in(con, key, candidates, where=f"NOT ({condition})")
            for bucket, path in by_bucket.items():
                if bucket not in touched:
                    self._share(path, self.snapshot_dir / spec.name / path.name)
            old = [by_bucket[b] for b in sorted(touched) if b in by_bucket]
        self._write_buckets(con, spec, old, condition, staged, old_bucketed=same_layout)
        return self._settle(spec)

    def _buckets_in(
        self, con: duckdb.DuckDBPyConnection, key: str, files: list[Path], where: str = "true"
    ) -> set[int]:
        """The buckets of the rows of ``files`` that match ``where``."""
        if not files:
            return set()
        rows = con.execute(
            f"SELECT DISTINCT {bucket_sql(key, self.buckets)} "
            f"FROM read_parquet([{_quote_files(files)}]) WHERE {where}"
        ).fetchall()
        return {int(bucket) for (bucket,) in rows}

    def _write_buckets(
        self,
        con: duckdb.DuckDBPyConnection,
        spec: TableSpec,
        old: list[Path],
        condition: str,
        staged: dict[int, list[Path]],
        old_bucketed: bool,
    ) -> None:
        """Sort kept old rows and staged rows by (bucket, key) and write each bucket.

        A large table is sorted one group of buckets at a time (bounded memory).
        """
        key = spec.bucket_by
        assert key is not None
        columns = ", ".join(quote_ident(c) for c in spec.columns)
        order = ", ".join(map(quote_ident, spec.key))
        every_staged = [p for group in sorted(staged) for p in staged[group]]
        size = sum(_uncompressed(p) for p in [*old, *every_staged])
        groups: list[int | None] = [None] if size <= SINGLE_SORT_BYTES else list(range(self.groups))
        for group in groups:
            old_files, staged_files, where = old, every_staged, "true"
            if group is not None:
                staged_files = staged.get(group, [])
                where = f"{BUCKET} % {self.groups} = {group}"
                if old_bucketed:  # the file name says the bucket: read only this group's
                    old_files = [p for p in old if bucket_number(p) % self.groups == group]
            sources = []
            if old_files:
                sources.append(
                    f"SELECT {columns} FROM read_parquet([{_quote_files(old_files)}]) "
                    f"WHERE {condition}"
                )
            if staged_files:
                sources.append(
                    f"SELECT {columns} FROM read_parquet([{_quote_files(staged_files)}])"
                )
            if not sources:
                continue
            query = (
                f"SELECT * FROM (SELECT *, {bucket_sql(key, self.buckets)} AS {BUCKET} "
                f"FROM ({' UNION ALL '.join(sources)})) WHERE {where} "
                f"ORDER BY {BUCKET}, {order}"
            )
            self._write_sorted(spec, con.sql(query).to_arrow_reader(ROW_GROUP_ROWS))

    def _write_sorted(self, spec: TableSpec, batches: Iterator[pa.RecordBatch]) -> None:
        """Write rows sorted by bucket, one file per bucket, streaming."""
        pending: list[pa.RecordBatch] = []
        current: int | None = None
        for batch in batches:
            for bucket, start, stop in _runs(batch.column(BUCKET).to_numpy()):
                if current is not None and bucket != current:
                    self._write_bucket(spec, current, pending)
                    pending = []
                current = bucket
                pending.append(batch.slice(start, stop - start).select(spec.columns))
        if current is not None:
            self._write_bucket(spec, current, pending)

    def _write_bucket(
        self, spec: Layout, bucket: int, batches: list[pa.RecordBatch], digest: str | None = None
    ) -> int:
        path = self.snapshot_dir / spec.name / bucket_file(bucket, self.buckets)
        self._remove(path)  # (write_parquet never writes through a shared file either)
        rows = write_parquet(
            path,
            iter(batches),
            spec.arrow_schema,
            row_group_rows=ROW_GROUP_ROWS_BY_TABLE.get(spec.name, ROW_GROUP_ROWS),
            metadata={DIGEST_KEY.decode(): digest} if digest else None,
        )
        self.files.written += 1
        self.files.bytes_written += path.stat().st_size
        self.index.setdefault(spec.name, {})[path.name] = [rows, digest]
        return rows

    def _share(self, source: Path, target: Path) -> None:
        """A previous snapshot's file in this one: a hard link, else a copy (logged)."""
        self._remove(target)
        known = self._known(source)
        self.index.setdefault(target.parent.name, {})[target.name] = known
        if share_file(source, target):
            self.files.linked += 1
            return
        if not self.files.copied:
            logger.warning(
                "run %s: hard links refused in %s; unchanged files are copied instead",
                self.run_id,
                target.parent.parent,
            )
        self.files.copied += 1
        self.files.bytes_written += target.stat().st_size

    def _settle(self, spec: Layout) -> int:
        """Rows of a staged table. A table with rows keeps no empty file; a table
        without rows gets one, bucket 0, so every reader still finds its schema."""
        index = self.index.setdefault(spec.name, {})
        rows = {path: index[path.name][0] for path in table_files(self.snapshot_dir / spec.name)}
        total = sum(rows.values())
        for path, count in rows.items():
            if total and not count:
                self._remove(path)
        if not rows:
            earlier = self._previous_file(spec.name, bucket_file(0, self.buckets))
            if earlier is not None and not self._known(earlier)[0]:
                self._share(earlier, self.snapshot_dir / spec.name / earlier.name)
            else:
                self._write_bucket(spec, 0, [])
        return total

    def _remove(self, path: Path) -> None:
        """Take a staged file out (never touching the file a link shares)."""
        path.unlink(missing_ok=True)
        self.index.get(path.parent.name, {}).pop(path.name, None)

    def _previous_snapshot(self) -> tuple[Path | None, dict[str, dict[str, list]]]:
        """The published snapshot if it has this run's layout, and its file index
        (read once: the lock keeps it current for the whole run)."""
        if self._previous is None:
            previous = self.warehouse.current()
            if previous is None or Warehouse.snapshot_buckets(previous) != self.buckets:
                self._previous = (None, {})
            else:
                info = json.loads((previous / SNAPSHOT_INFO).read_text())
                self._previous = (previous, info.get("index") or {})
        return self._previous

    def _previous_file(self, table: str, name: str) -> Path | None:
        """The file of that name in the previous snapshot, if it has this layout."""
        previous, index = self._previous_snapshot()
        if previous is None:
            return None
        if index:
            return previous / table / name if name in index.get(table, {}) else None
        path = previous / table / name
        return path if path.exists() else None

    def _known(self, path: Path) -> list:
        """[rows, rows_digest or None] of a previous snapshot's file, from its index if
        it has one, else from the file's footer."""
        previous, index = self._previous_snapshot()
        known = index.get(path.parent.name, {}).get(path.name) if previous else None
        if known is not None and path.parent.parent == previous:
            return list(known)
        meta = pq.read_metadata(path)
        return [meta.num_rows, (meta.metadata or {}).get(DIGEST_KEY, b"").decode() or None]

    def carry_over(self, name: str) -> bool:
        """Hard-link a table of the previous snapshot into this one; False if there is
        none in this layout."""
        previous, _ = self._previous_snapshot()
        if previous is None:
            return False
        files = table_files(previous / name)
        for path in files:
            self._share(path, self.snapshot_dir / name / path.name)
        return bool(files)

    def replace_table(self, name: str, table: pa.Table) -> int:
        """Validate a whole derived table and stage it bucket by bucket, sorted by key.

        A bucket whose rows equal the staged file's (often a link to the previous
        snapshot) keeps that file; only buckets that differ are written.
        """
        spec = TABLES[name]
        table = table.select(spec.columns).cast(spec.arrow_schema)
        failures = validate_table(spec, table, f"{name} (derived)")
        if failures:
            raise ValidationFailed(failures)
        return self._replace_buckets(spec, table)

    def _replace_buckets(self, spec: Layout, table: pa.Table) -> int:
        """Stage a whole table bucket by bucket, sorted by key, keeping (or linking) the
        file of every bucket whose rows did not change."""
        key = spec.bucket_by
        assert key is not None
        folder = self.snapshot_dir / spec.name
        numbers = buckets_of(table[key], self.buckets)
        table = table.append_column(BUCKET, numbers).sort_by(
            [(BUCKET, "ascending"), *((k, "ascending") for k in spec.key)]
        )
        present: set[str] = set()
        for bucket, start, stop in _runs(table[BUCKET].to_numpy()):
            rows = table.slice(start, stop - start).select(spec.arrow_schema.names)
            path = folder / bucket_file(bucket, self.buckets)
            present.add(path.name)
            digest = rows_digest(rows)
            staged = self.index.get(spec.name, {}).get(path.name)
            if staged is not None and _holds(path, rows, digest, spec, staged):
                continue
            earlier = self._previous_file(spec.name, path.name)
            if earlier is not None and _holds(earlier, rows, digest, spec, self._known(earlier)):
                self._share(earlier, path)
                continue
            self._write_bucket(spec, bucket, rows.combine_chunks().to_batches(), digest)
        for path in table_files(folder):
            if path.name not in present:
                self._remove(path)
        return self._settle(spec)

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
                name: f"read_parquet({sql_string(self.snapshot_dir / name / '*.parquet')})"
                for name in TABLES
                if table_files(self.snapshot_dir / name)
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
        info = {
            **info,
            "layout": {
                "buckets": self.buckets,
                "bucket_by": {n: s.bucket_by for n, s in TABLES.items() if s.bucket_by},
            },
            "files": asdict(self.files),
            "index": {
                name: dict(sorted(files.items())) for name, files in sorted(self.index.items())
            },
        }
        logger.info(
            "run %s: %d table files written (%d bytes), %d linked, %d copied",
            self.run_id,
            self.files.written,
            self.files.bytes_written,
            self.files.linked,
            self.files.copied,
        )
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
