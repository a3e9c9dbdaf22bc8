"""Turn planned units into table rows: decode pages, run the stages, collect rejects.

A stage is a small callable over a batch of pages that fills columns of the
``documents`` row and rows of other tables (datatrove-style: one step, one job).
Stages run per batch so model-backed stages can use batched inference.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from functools import partial
from pathlib import Path
from typing import Any

from chronicle.boilerplate import SiteLineStats, extract_html, extract_page
from chronicle.ingest import (
    HTML_SUFFIXES,
    DecodedText,
    Rejection,
    SidecarMeta,
    decode_bytes,
    doc_id_for,
    read_sidecar,
    sha256_bytes,
    site_for,
)
from chronicle.plan import Unit
from chronicle.timex import infer_reference_date, tag_timexes

Row = dict[str, Any]


@dataclass
class PageContext:
    """A page being processed: its text, its documents row and its rows in other tables."""

    source_path: str
    content_sha256: str
    decoded: DecodedText
    sidecar: SidecarMeta
    document: Row
    is_html: bool = False
    rows: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.document["doc_id"]

    @property
    def text(self) -> str:
        return self.decoded.text

    def add_rows(self, table: str, rows: list[Row]) -> None:
        self.rows.setdefault(table, []).extend(rows)


Stage = Callable[[list[PageContext]], None]


def stage_name(stage: Stage) -> str:
    """A stage's function name (through ``functools.partial``)."""
    func = stage.func if isinstance(stage, partial) else stage
    return getattr(func, "__name__", repr(func))


class StageFailed(RuntimeError):
    """A stage raised on a batch: the run fails before publishing, naming the stage and pages."""

    def __init__(self, stage: str, source_paths: list[str], cause: BaseException) -> None:
        shown = ", ".join(source_paths[:10]) + (
            f" and {len(source_paths) - 10} more" if len(source_paths) > 10 else ""
        )
        super().__init__(
            f"stage {stage!r} failed on a batch of {len(source_paths)} page(s) "
            f"({shown}): {type(cause).__name__}: {cause}"
        )
        self.stage = stage
        self.source_paths = source_paths
        self.cause = cause

    def __reduce__(self) -> tuple:  # keeps the fields across process and Dask workers
        return (StageFailed, (self.stage, self.source_paths, self.cause))


def extract_articles(pages: list[PageContext], site_stats: SiteLineStats | None = None) -> None:
    """Label every line, assemble the clean body, extract metadata and reader comments.

    ``site_stats`` is the corpus evidence of site-template lines (see chronicle.sitelines).
    """
    for page in pages:
        doc = page.document
        if page.is_html:
            extraction = extract_html(page.text)
        else:
            extraction = extract_page(page.text, site=doc["site"], site_stats=site_stats)
        page.add_rows(
            "segments",
            [
                {
                    "doc_id": page.doc_id,
                    "line_no": line.line_no,
                    "text": line.text,
                    "label": line.label,
                    "reason": line.reason,
                }
                for line in extraction.lines
            ],
        )
        page.add_rows(
            "comments",
            [
                {
                    "doc_id": page.doc_id,
                    "position": c.position,
                    "author": c.author,
                    # pages show local times without a zone; they are stored as written
                    "posted_at": c.posted_at.replace(tzinfo=UTC)
                    if c.posted_at and c.posted_at.tzinfo is None
                    else c.posted_at,
                    "text": c.text,
                }
                for c in extraction.comments
            ],
        )
        doc["line_count"] = len(extraction.lines)
        doc["body"] = extraction.body
        doc["title"] = extraction.title
        doc["authors"] = extraction.authors or None
        doc["section"] = extraction.section
        if extraction.published_date is not None:
            doc["published_date"] = extraction.published_date
            doc["published_date_precision"] = extraction.published_date_precision
            doc["published_date_source"] = extraction.published_date_source


def apply_sidecar_metadata(pages: list[PageContext]) -> None:
    """Publication date from the sidecar where the page itself states none."""
    for page in pages:
        published = page.sidecar.published
        if published and page.document.get("published_date") is None:
            page.document["published_date"] = published.value
            page.document["published_date_precision"] = published.precision
            page.document["published_date_source"] = "sidecar"


def set_reference_date(pages: list[PageContext]) -> None:
    """Reference date = publication date when known; otherwise left null."""
    for page in pages:
        doc = page.document
        if doc.get("reference_date") is None and doc.get("published_date") is not None:
            doc["reference_date"] = doc["published_date"]
            doc["reference_date_precision"] = doc["published_date_precision"]
            doc["reference_date_source"] = doc["published_date_source"]


# infer_reference_date's precision -> (documents.reference_date_precision, source)
_INFERRED_REFERENCE = {
    ("week", "comments+body_dates"): ("week", "comments_and_body_dates"),
    ("bounded", "comments+body_dates"): ("approximate", "comments_and_body_dates"),
    ("upper_bound", "earliest_comment"): ("approximate", "earliest_comment"),
    ("lower_bound", "latest_body_date"): ("approximate", "latest_body_date"),
}
# Relative expressions are only resolved against a reference date known to the week.
_ANCHORING_PRECISIONS = {"day", "week", "approximate"}


def tag_time_expressions(pages: list[PageContext]) -> None:
    """TIMEX3 expressions in each body, anchored on the reference date.

    Without a publication date the reference date is inferred from the page's own
    evidence (comment times bound it from above, full dates in the body from below)
    and recorded as such; without evidence it stays null and relative expressions
    keep underspecified values.
    """
    for page in pages:
        doc = page.document
        body = doc["body"]
        if doc["reference_date"] is None:
            comment_times = [
                c["posted_at"] for c in page.rows.get("comments", []) if c["posted_at"] is not None
            ]
            reference, precision, source = infer_reference_date(
                None, comment_times, tag_timexes(body)
            )
            if reference is not None:
                precision, source = _INFERRED_REFERENCE[(precision, source)]
                doc["reference_date"] = reference
                doc["reference_date_precision"] = precision
                doc["reference_date_source"] = source
        anchor = (
            doc["reference_date"]
            if doc["reference_date_precision"] in _ANCHORING_PRECISIONS
            else None
        )
        page.add_rows(
            "timexes",
            [
                {
                    "doc_id": page.doc_id,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "mod": t.mod,
                    "anchor_date": t.anchor_date,
                    "date_start": t.date_start,
                    "date_end": t.date_end,
                }
                for t in tag_timexes(body, anchor)
            ],
        )


# spaCy pipelines are not documented as thread-safe; batches may run in two threads.
_NLP_LOCK = threading.Lock()


def tag_entities(pages: list[PageContext], *, events: bool = False) -> None:
    """Named-entity mentions of each body (and, with ``events``, its events), from one parse.

    Final entity ids are given across the corpus when the warehouse is assembled
    (chronicle.entities.build_entities, chronicle.events.finalise_events). Events use the
    page's mentions and time expressions, so this stage runs after the temporal one.
    """
    # spaCy and the model load only when this stage runs.
    from chronicle.entities import mentions_from_doc
    from chronicle.events import events_from_doc
    from chronicle.nlp import load_pipeline

    if not pages:
        return
    # Docs are consumed as they are parsed: a batch's parses never sit in memory together.
    with _NLP_LOCK:
        nlp = load_pipeline()
        docs = nlp.pipe([p.document["body"] for p in pages], batch_size=16)
        for page, doc in zip(pages, docs, strict=True):
            mentions = mentions_from_doc(doc, page.doc_id)
            page.add_rows("mentions", mentions)
            if events:
                timexes = page.rows.get("timexes", [])
                page.add_rows("events", events_from_doc(doc, page.doc_id, mentions, timexes))


def keep_verbatim_body(pages: list[PageContext]) -> None:
    """Without cleaning, body is the decoded input itself so offsets index the raw file."""
    for page in pages:
        page.document["body"] = page.text


def split_lines(pages: list[PageContext]) -> None:
    """Without article extraction: every non-empty line is body, one paragraph each."""
    for page in pages:
        lines = [
            (no, line.strip()) for no, line in enumerate(page.text.split("\n"), 1) if line.strip()
        ]
        page.add_rows(
            "segments",
            [
                {
                    "doc_id": page.doc_id,
                    "line_no": no,
                    "text": text,
                    "label": "body",
                    "reason": "not_classified",
                }
                for no, text in lines
            ],
        )
        page.document["line_count"] = len(lines)
        page.document["body"] = "\n\n".join(text for _, text in lines)


# Stages a build may leave out (Settings.stages); ingest and validation always run.
OPTIONAL_STAGES: tuple[str, ...] = ("articles", "timexes", "entities", "events")


def default_stages(
    *,
    clean: bool = True,
    site_stats: SiteLineStats | None = None,
    enabled: Sequence[str] = OPTIONAL_STAGES,
) -> list[Stage]:
    """The stages of a build, in order."""
    unknown = set(enabled) - set(OPTIONAL_STAGES)
    if unknown:
        raise ValueError(f"unknown stages {sorted(unknown)}; choose from {OPTIONAL_STAGES}")
    if "events" in enabled and "entities" not in enabled:
        raise ValueError("the events stage needs the entities stage (its participants)")
    stages: list[Stage] = [
        partial(extract_articles, site_stats=site_stats) if "articles" in enabled else split_lines,
        apply_sidecar_metadata,
        set_reference_date,
    ]
    if not clean:
        stages.append(keep_verbatim_body)
    if "timexes" in enabled:
        stages.append(tag_time_expressions)  # indexes the final body
    if "entities" in enabled:
        stages.append(partial(tag_entities, events="events" in enabled))
    return stages


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
    clean: bool = True,
    stages: Sequence[Stage] | None = None,
    site_stats: SiteLineStats | None = None,
    enabled: Sequence[str] = OPTIONAL_STAGES,
    seconds: dict[str, float] | None = None,
) -> dict[str, list[Row]]:
    """Rows per table for a batch of units. Bad input becomes rejects rows, never an exception.

    ``seconds``, if given, gets each stage's time added (reading and decoding: "decode").
    """
    seconds = {} if seconds is None else seconds
    started = time.perf_counter()
    rows: dict[str, list[Row]] = {"documents": [], "rejects": []}
    pages: list[PageContext] = []
    for unit in units:
        if unit.rejection is not None:
            rows["rejects"].append(reject_row(unit.path, unit.sha256, unit.rejection, run_id))
            continue
        if unit.kind == "sidecar":
            meta = read_sidecar(raw_dir, unit.path)
            if meta.issues:
                rejection = Rejection("invalid_sidecar", "; ".join(meta.issues))
                rows["rejects"].append(reject_row(unit.path, unit.sha256, rejection, run_id))
            continue
        try:
            data = (raw_dir / unit.path).read_bytes()
        except OSError as exc:
            rejection = Rejection("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
            rows["rejects"].append(reject_row(unit.path, None, rejection, run_id))
            continue
        sha = sha256_bytes(data)  # the bytes actually read decide the id
        decoded = decode_bytes(data, clean=clean)
        if isinstance(decoded, Rejection):
            rows["rejects"].append(reject_row(unit.path, sha, decoded, run_id))
            continue
        sidecar = read_sidecar(raw_dir, unit.sidecar_path)
        document = new_document_row(
            unit.path, sha, decoded, sidecar, unit.sidecar_path, unit.sidecar_sha256, run_id
        )
        is_html = unit.path.lower().endswith(HTML_SUFFIXES)
        pages.append(PageContext(unit.path, sha, decoded, sidecar, document, is_html))
    seconds["decode"] = seconds.get("decode", 0.0) + time.perf_counter() - started
    for stage in (
        stages
        if stages is not None
        else default_stages(clean=clean, site_stats=site_stats, enabled=enabled)
    ):
        started = time.perf_counter()
        try:
            stage(pages)
        except Exception as exc:
            raise StageFailed(stage_name(stage), [p.source_path for p in pages], exc) from exc
        name = stage_name(stage)
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
    for page in pages:
        page.document["body_chars"] = len(page.document["body"])
        rows["documents"].append(page.document)
        for table, table_rows in page.rows.items():
            rows.setdefault(table, []).extend(table_rows)
    return rows
