"""Turn planned units into table rows: decode pages, run the stages, collect rejects.

A page is either decoded from raw/ and run through every stage, or (``Unit.resume_at``)
resumed from the published warehouse: its rows from the stages before ``resume_at`` are
read back and only the stages from there on run again (their fingerprints changed).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

from chronicle.ingest import (
    HTML_SUFFIXES,
    DecodedText,
    Rejection,
    SidecarMeta,
    decode_bytes,
    doc_id_for,
    sha256_bytes,
    site_for,
)
from chronicle.plan import Unit
from chronicle.rawfiles import open_regular_file, raw_file_path
from chronicle.stages.base import Page, Row, Stage


def reject_row(path: str, sha: str | None, rejection: Rejection, run_id: str) -> Row:
    return {
        "source_path": path,
        "content_sha256": sha,
        "reason": rejection.reason,
        "detail": rejection.detail,
        "related_path": rejection.related_path,
        "run_id": run_id,
    }


def new_document_row(
    source_path: str,
    sha: str,
    decoded: DecodedText,
    sidecar: SidecarMeta,
    sidecar_path: str | None,
    sidecar_sha: str | None,
    run_id: str,
) -> Row:
    """A documents row with every column present; stage columns start null."""
    return {
        "doc_id": doc_id_for(sha),
        "source_path": source_path,
        "content_sha256": sha,
        "sidecar_path": sidecar_path,
        "sidecar_sha256": sidecar_sha,
        "metadata_issues": list(sidecar.issues),
        "site": site_for(source_path, sidecar),
        "url": sidecar.url,
        "fetched_at": sidecar.fetched_at,
        "encoding": decoded.encoding,
        "repairs": list(decoded.repairs),
        "title": None,
        "authors": None,
        "section": None,
        "published_date": None,
        "published_date_precision": None,
        "published_date_source": None,
        "reference_date": None,
        "reference_date_precision": None,
        "reference_date_source": None,
        "reference_date_earliest": None,
        "reference_date_latest": None,
        "reference_date_confidence": None,
        "line_count": 0,
        "body": "",
        "body_chars": 0,
        "run_id": run_id,
    }


def process_units(
    units: Sequence[Unit],
    raw_dir: Path,
    run_id: str,
    *,
    stages: Sequence[Stage],
    clean: bool = True,
    published: Path | None = None,
    seconds: dict[str, float] | None = None,
) -> tuple[dict[str, list[Row]], dict[str, int]]:
    """Rows per table for a batch of units, and pages per stage run.

    Bad input becomes rejects rows, never an exception. Units with ``resume_at`` are
    read back from the ``published`` snapshot folder instead of decoded. ``seconds``, if
    given, gets each stage's time added (decoding and reading back: "decode").
    """
    seconds = {} if seconds is None else seconds
    started = time.perf_counter()
    rows: dict[str, list[Row]] = {"documents": [], "rejects": []}
    pages: list[Page] = []
    first_stage: list[int] = []  # per page, the index of the first stage it runs
    fresh = [u for u in units if u.resume_at is None]
    for unit in fresh:
        page = decode_unit(unit, raw_dir, run_id, clean, rows["rejects"])
        if page is not None:
            pages.append(page)
            first_stage.append(0)
    names = [stage.name for stage in stages]
    resumed = [u for u in units if u.resume_at is not None]
    for name, group in _by_resume_stage(resumed).items():
        start = names.index(name) if name in names else len(stages)
        for page in resume_pages(group, published, stages, start, run_id):
            pages.append(page)
            first_stage.append(start)
    seconds["decode"] = seconds.get("decode", 0.0) + time.perf_counter() - started
    ran: dict[str, int] = {}
    for index, stage in enumerate(stages):
        batch = [page for page, first in zip(pages, first_stage, strict=True) if first <= index]
        ran[stage.name] = len(batch)
        if batch:
            started = time.perf_counter()
            stage(batch)
            seconds[stage.name] = seconds.get(stage.name, 0.0) + time.perf_counter() - started
    for page in pages:
        page.document["body_chars"] = len(page.document["body"])
        rows["documents"].append(page.document)
        for table, table_rows in page.rows.items():
            rows.setdefault(table, []).extend(table_rows)
    return rows, ran


def decode_unit(
    unit: Unit, raw_dir: Path, run_id: str, clean: bool, rejects: list[Row]
) -> Page | None:
    """Read and decode one unit into a page; a rejects row (and None) when it cannot be."""
    if unit.rejection is not None:
        rejects.append(reject_row(unit.path, unit.sha256, unit.rejection, run_id))
        return None
    if unit.kind == "sidecar":
        return None  # its rejects (orphan, invalid) were decided when planning
    try:
        with open_regular_file(raw_file_path(raw_dir, unit.path)) as handle:
            data = handle.read()
    except OSError as exc:
        rejection = Rejection("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        rejects.append(reject_row(unit.path, None, rejection, run_id))
        return None
    sha = sha256_bytes(data)  # the bytes actually read decide the id
    decoded = decode_bytes(data, clean=clean)
    if isinstance(decoded, Rejection):
        rejects.append(reject_row(unit.path, sha, decoded, run_id))
        return None
    document = new_document_row(
        unit.path, sha, decoded, unit.sidecar, unit.sidecar_path, unit.sidecar_sha256, run_id
    )
    is_html = unit.path.lower().endswith(HTML_SUFFIXES)
    return Page(unit.path, sha, decoded, unit.sidecar, document, is_html, landmarks=unit.landmarks)


def _by_resume_stage(units: list[Unit]) -> dict[str, list[Unit]]:
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        groups[unit.resume_at or ""].append(unit)
    return groups


def resume_pages(
    units: list[Unit],
    published: Path | None,
    stages: Sequence[Stage],
    start: int,
    run_id: str,
) -> list[Page]:
    """Pages as the stages before ``start`` left them, read back from the published snapshot.

    Each later stage's ``resume`` undoes what it wrote into the documents row, last
    stage first; the rows of the earlier stages' tables are carried on the page.
    """
    if published is None:
        raise ValueError("pages can only be resumed from a published snapshot")
    paths = [unit.path for unit in units]
    documents = pq.read_table(
        published / "documents", filters=[("source_path", "in", paths)]
    ).to_pylist()
    doc_ids = [document["doc_id"] for document in documents]
    earlier: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for table in dict.fromkeys(t for stage in stages[:start] for t in stage.tables):
        for row in pq.read_table(
            published / table, filters=[("doc_id", "in", doc_ids)]
        ).to_pylist():
            earlier[row["doc_id"]][table].append(row)
    units_by_path = {unit.path: unit for unit in units}
    pages = []
    for document in documents:
        for stage in reversed(stages[start:]):
            if stage.resume is None:
                raise ValueError(f"stage {stage.name!r} cannot be resumed")
            stage.resume(document)
        document["run_id"] = run_id
        unit = units_by_path[document["source_path"]]
        page = Page(
            unit.path,
            document["content_sha256"],
            None,
            unit.sidecar,
            document,
            unit.path.lower().endswith(HTML_SUFFIXES),
            landmarks=unit.landmarks,
        )
        for table, table_rows in earlier[page.doc_id].items():
            page.add_rows(table, table_rows)
        pages.append(page)
    return pages
