"""One build of the warehouse, as plain functions the Prefect flow wires together.

plan_run -> process_batch (per batch) -> finish_run. ``build`` runs them in order
without Prefect (used by the benchmark and as the reference behaviour).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import math
import os
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import chronicle
from chronicle.boilerplate import SiteLineStats
from chronicle.config import Settings
from chronicle.corpus import CORPUS_DOCUMENT_COLUMNS, finalise_corpus
from chronicle.fingerprint import build_fingerprints, code_digest, first_change, model_identity
from chronicle.plan import (
    BuildPlan,
    Unit,
    annotate_landmarks,
    annotate_template_lines,
    diff_units,
    plan_units,
    recorded_fields,
    recorded_files,
    scan_raw,
)
from chronicle.stages import ParseCacheSettings, Stage, default_stages
from chronicle.stages.run import process_units
from chronicle.validation import Failure, ValidationFailed
from chronicle.warehouse import ManifestEntry, StagedRun, Warehouse, table_rows
from schemas import TABLES

logger = logging.getLogger(__name__)


def new_run_id(now: datetime | None = None) -> str:
    """Sortable by start time, unique across machines."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"


def stages_for(settings: Settings, site_stats: SiteLineStats | None = None) -> list[Stage]:
    """The stages a build with these settings runs, in order."""
    cache = settings.parse_cache_folder()
    return default_stages(
        clean=settings.clean,
        site_stats=site_stats,
        enabled=settings.stages,
        spacy_model=settings.spacy_model,
        parse_cache=None if cache is None else ParseCacheSettings(cache, settings.parse_cache_mb),
    )


def pipeline_fingerprints(settings: Settings) -> dict[str, str]:
    """Ordered fingerprints of decoding, each stage and the corpus step (chronicle.fingerprint)."""
    return build_fingerprints(stages_for(settings), settings.decode_parameters())


def combined_fingerprint(fingerprints: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(list(fingerprints.items())).encode()).hexdigest()


def planning_version(settings: Settings) -> str:
    """What the evidence planning reads from a file depends on (its code and size limit):
    evidence recorded under another version is read again."""
    parts = [code_digest(("chronicle.plan",)), str(settings.max_file_bytes)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@dataclass
class RunState:
    """What the tasks of one run share."""

    run_id: str
    started_at: datetime
    settings: Settings
    fingerprints: dict[str, str]  # decode, each stage, corpus (chronicle.fingerprint)
    plan: BuildPlan
    staged: StagedRun
    site_stats: SiteLineStats  # site-template evidence over the whole corpus
    plan_seconds: float = 0.0
    evidence: str = ""  # planning_version: recorded in the manifest for the next run


@dataclass
class BatchReport:
    batch_no: int
    units: int
    rows: dict[str, int]
    failures: list[Failure] = field(default_factory=list)
    stage_pages: dict[str, int] = field(default_factory=dict)  # pages each stage ran on
    stage_seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class RunSummary:
    """What a run did: the source of the runs row, the artifacts and the CLI report."""

    run_id: str
    published: bool
    duration_s: float
    files_seen: int
    files_new: int
    files_changed: int
    files_unchanged: int
    files_removed: int
    files_ignored: int
    files_rejected: int
    rejected_by_reason: dict[str, int]
    table_rows: dict[str, int]
    full_rebuild: str | None
    batches: int
    snapshot: str | None = None
    files_resumed: int = 0  # of the unchanged, pages redone from a changed stage on
    stage_pages: dict[str, int] = field(default_factory=dict)  # pages each stage ran on
    stage_seconds: dict[str, float] = field(default_factory=dict)
    # table and manifest files of the snapshot: written, linked to the previous one, copied
    snapshot_files: dict[str, int] = field(default_factory=dict)

    def to_markdown(self) -> str:
        lines = [
            f"# Chronicle build `{self.run_id}`",
            "",
            f"Published: **{'yes' if self.published else 'no'}** in {self.duration_s:.2f} s"
            + (f" (full rebuild: {self.full_rebuild})" if self.full_rebuild else ""),
            "",
            "| files | count |",
            "|---|---:|",
            *(f"| {k} | {v} |" for k, v in self.file_counts().items()),
            "",
            "| rejected by reason | files |",
            "|---|---:|",
            *(f"| {k} | {v} |" for k, v in sorted(self.rejected_by_reason.items())),
            "",
            "| table | rows |",
            "|---|---:|",
            *(f"| {k} | {v} |" for k, v in self.table_rows.items()),
        ]
        if self.snapshot_files:
            lines += ["", "| snapshot files | count |", "|---|---:|"]
            lines += [f"| {k} | {v:,} |" for k, v in self.snapshot_files.items()]
        if self.stage_pages:
            lines += ["", "| stage | pages run |", "|---|---:|"]
            lines += [f"| {k} | {v} |" for k, v in self.stage_pages.items()]
        return "\n".join(lines)

    def file_counts(self) -> dict[str, int]:
        return {
            "seen": self.files_seen,
            "new": self.files_new,
            "changed": self.files_changed,
            "unchanged": self.files_unchanged,
            "unchanged, redone from a changed stage": self.files_resumed,
            "removed": self.files_removed,
            "rejected": self.files_rejected,
            "ignored (hidden)": self.files_ignored,
        }


def plan_run(settings: Settings, run_id: str | None = None) -> RunState:
    """Scan raw/, hash and classify the files whose stat changed (every file with
    ``settings.verify``), and diff them with the published snapshot."""
    run_id = run_id or new_run_id()
    started = datetime.now(UTC)
    warehouse = Warehouse(settings.warehouse_dir)
    raw_dir = Path(settings.raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    fingerprints = pipeline_fingerprints(settings)
    evidence = planning_version(settings)
    manifest = warehouse.manifest_columns()
    scan_started_ns = time.time_ns()  # before any stat: the racily-clean test needs it
    with _no_cyclic_gc():
        files, ignored = scan_raw(raw_dir)
        units = plan_units(
            raw_dir,
            files,
            settings.max_file_bytes,
            recorded_files(manifest),
            evidence=evidence,
            started_ns=scan_started_ns,
            verify=settings.verify,
        )
        units, templates = annotate_template_lines(units)
        units = annotate_landmarks(units)
    previous = dict(zip(manifest.get("path", []), manifest.get("fingerprint", []), strict=True))
    plan = diff_units(
        units,
        previous,
        ignored=ignored,
        **_what_changed(warehouse, settings, fingerprints),
    )
    plan.files_read = sum(u.verified_ns == scan_started_ns for u in units)
    staged = warehouse.begin(run_id, settings.table_buckets)
    logger.info(
        "run %s planned: %d files (%d read: %s), %d to process",
        run_id,
        len(plan.units),
        plan.files_read,
        "--verify reads every file" if settings.verify else "the others' stat is unchanged",
        len(plan.to_process),
    )
    return RunState(
        run_id,
        started,
        settings,
        fingerprints,
        plan,
        staged,
        templates.stats(),
        plan_seconds=(datetime.now(UTC) - started).total_seconds(),
        evidence=evidence,
    )


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Planning makes a few objects per file, none in cycles: the cyclic collector would
    walk them all again and again (a quarter of planning's time at 10,000 files)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _what_changed(
    warehouse: Warehouse, settings: Settings, fingerprints: dict[str, str]
) -> dict[str, Any]:
    """diff_units' arguments from the fingerprints: redo every page, redo pages from a
    stage on, or nothing (the corpus step alone reruns whenever its own code changed)."""
    info = warehouse.info()
    if info is None:
        return {"pipeline_changed": None}
    before = info.get("stage_fingerprints")
    change = first_change(dict(before) if before else None, fingerprints)
    if change is None or change == "corpus":
        return {"pipeline_changed": None}
    stages = {stage.name: stage for stage in stages_for(settings)}
    names = list(stages)
    later = names[names.index(change) :] if change in stages else []
    if change == "decode" or any(stages[name].resume is None for name in later):
        what = "decoding" if change == "decode" else f"the {change} stage"
        return {"pipeline_changed": f"the pipeline changed ({what}: code, data or settings)"}
    return {
        "pipeline_changed": None,
        "resume_at": change,
        "published_pages": warehouse.document_paths(),
    }


def effective_batch_size(documents: int, batch_size: int, workers: int) -> int:
    """Documents per batch so that ``workers`` workers all get work.

    Two batches per worker when the work is small keeps both busy to the end even when
    pages differ in length; never more than ``batch_size`` (memory per task).
    """
    if workers <= 1 or documents <= 0:
        return max(1, batch_size)
    return max(1, min(batch_size, math.ceil(documents / (2 * workers))))


def process_batch(state: RunState, batch_no: int, units: list[Unit]) -> BatchReport:
    """Process one batch of units and stage its validated rows."""
    seconds: dict[str, float] = {}
    rows, stage_pages = process_units(
        units,
        Path(state.settings.raw_dir),
        state.run_id,
        stages=stages_for(state.settings, state.site_stats),
        clean=state.settings.clean,
        published=state.staged.warehouse.current(),
        seconds=seconds,
    )
    started = time.perf_counter()
    failures = state.staged.write_batch(batch_no, rows)
    seconds["validate_and_stage"] = time.perf_counter() - started
    logger.info(
        "run %s batch %d: %d units processed by process %d",
        state.run_id,
        batch_no,
        len(units),
        os.getpid(),
    )
    counts = {k: len(v) for k, v in rows.items()}
    return BatchReport(batch_no, len(units), counts, failures, stage_pages, seconds)


def finish_run(state: RunState, reports: list[BatchReport]) -> RunSummary:
    """Assemble, validate across tables and publish; raise ValidationFailed before publishing."""
    failures = [f for report in reports for f in report.failures]
    if failures:
        raise ValidationFailed(failures)
    plan = state.plan
    staged = state.staged
    keep = set(plan.unchanged)
    manifest = [
        ManifestEntry(
            u.path, u.kind, u.fingerprint, u.sha256, u.line_hashes,
            **recorded_fields(u, state.evidence),
        )
        for u in plan.units
    ]  # fmt: skip
    seconds = _stage_seconds(state, reports)
    step = time.perf_counter()
    table_rows = staged.assemble(keep, manifest)
    seconds["assemble"], step = time.perf_counter() - step, time.perf_counter()
    corpus_changed = state.fingerprints["corpus"] != _published_fingerprints(staged).get("corpus")
    table_rows.update(
        _derive_corpus_tables(
            staged, changed=plan.has_changes or bool(plan.full_rebuild) or corpus_changed
        )
    )
    seconds["entities_and_event_clusters"], step = time.perf_counter() - step, time.perf_counter()
    # Tables carried over unchanged were checked when first published.
    failures = [] if not plan.has_changes and not plan.full_rebuild else staged.check()
    failures += _check_every_page_accounted_for(state)
    seconds["cross_table_checks"] = time.perf_counter() - step
    if failures:
        raise ValidationFailed(failures)
    rejects = pq.read_table(staged.snapshot_dir / "rejects", columns=["reason"])
    by_reason = dict(sorted(Counter(rejects["reason"].to_pylist()).items()))
    finished = datetime.now(UTC)
    summary = RunSummary(
        run_id=state.run_id,
        published=True,
        duration_s=(finished - state.started_at).total_seconds(),
        files_seen=len(plan.units),
        files_new=len(plan.new),
        files_changed=len(plan.changed),
        files_unchanged=len(plan.unchanged) + len(plan.resumed),
        files_removed=len(plan.removed),
        files_ignored=len(plan.ignored),
        files_rejected=sum(by_reason.values()),
        rejected_by_reason=by_reason,
        table_rows=table_rows,
        full_rebuild=plan.full_rebuild,
        batches=len(reports),
        files_resumed=len(plan.resumed),
        stage_pages=_stage_pages(reports),
    )
    run_row = _run_row(state, summary, finished)
    run_row["stage_seconds"] = json.dumps({k: round(v, 3) for k, v in seconds.items()})
    summary.table_rows["runs"] = staged.append_run(run_row)
    info = {
        "run_id": state.run_id,
        "pipeline_fingerprint": combined_fingerprint(state.fingerprints),
        "stage_fingerprints": list(state.fingerprints.items()),  # in stage order
        "chronicle_version": chronicle.__version__,
        "published_at": finished.isoformat(),
        "table_rows": summary.table_rows,
    }
    summary.snapshot = staged.publish(info, state.settings.keep_snapshots).name
    summary.snapshot_files = dict(vars(staged.files))
    logger.info("run %s published snapshot %s", state.run_id, summary.snapshot)
    return summary


def _derive_corpus_tables(staged: StagedRun, changed: bool) -> dict[str, int]:
    """Cross-document tables: final entity ids for mentions and events, the entities table,
    and event clusters.

    A pure function of all mention and event rows, so it is recomputed after any change
    and carried over byte for byte otherwise; ``replace_table`` then writes only the
    buckets whose rows the recomputation changed.
    """
    if not changed and staged.carry_over("entities"):
        return {"entities": table_rows(staged.snapshot_dir / "entities")}
    corpus = finalise_corpus(
        _read_sorted(staged, "mentions"),
        _read_sorted(staged, "documents", list(CORPUS_DOCUMENT_COLUMNS)),
        _read_sorted(staged, "events"),
    )
    assert corpus.events is not None
    return {
        "mentions": staged.replace_table("mentions", corpus.mentions),
        "entities": staged.replace_table("entities", corpus.entities),
        "events": staged.replace_table("events", corpus.events),
    }


def _read_sorted(staged: StagedRun, name: str, columns: list[str] | None = None) -> pa.Table:
    """A staged table in key order (its bucket files are each sorted, not the whole), so
    the corpus step sees the same row order whatever the layout."""
    key = [(k, "ascending") for k in TABLES[name].key]
    return pq.read_table(staged.snapshot_dir / name, columns=columns).sort_by(key)


def _published_fingerprints(staged: StagedRun) -> dict[str, str]:
    info = staged.warehouse.info() or {}
    return dict(info.get("stage_fingerprints") or [])


def _stage_pages(reports: list[BatchReport]) -> dict[str, int]:
    pages: Counter[str] = Counter()
    for report in reports:
        pages.update(report.stage_pages)
    return dict(pages)


def _check_every_page_accounted_for(state: RunState) -> list[Failure]:
    """Every raw page is in documents or in rejects: nothing is silently dropped."""
    snapshot = state.staged.snapshot_dir
    documents = set(
        pq.read_table(snapshot / "documents", columns=["source_path"])["source_path"].to_pylist()
    )
    rejects = set(
        pq.read_table(snapshot / "rejects", columns=["source_path"])["source_path"].to_pylist()
    )
    failures = []
    for unit in state.plan.units:
        if unit.kind == "page" and (unit.path in documents) == (unit.path in rejects):
            where = (
                "in both documents and rejects" if unit.path in documents else "in neither table"
            )
            failures.append(
                Failure("documents", "page_accounted_for", "source_path", unit.path, where)
            )
    return failures


def _stage_seconds(state: RunState, reports: list[BatchReport]) -> dict[str, float]:
    """Planning, then each stage summed over batches (and so over workers), in run order."""
    seconds = {"plan": state.plan_seconds}
    for batch in reports:
        for stage, spent in batch.stage_seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + spent
    return seconds


def model_version(settings: Settings) -> str | None:
    """Name and version of the spaCy pipeline the entity stage used, if it ran."""
    if "entities" not in settings.stages:
        return None
    identity = model_identity(settings.spacy_model)
    return f"{identity['name']} {identity['version']}"


def _run_row(state: RunState, summary: RunSummary, finished: datetime) -> dict[str, Any]:
    return {
        "run_id": state.run_id,
        "started_at": state.started_at,
        "finished_at": finished,
        "duration_s": summary.duration_s,
        "status": "published",
        "files_seen": summary.files_seen,
        "files_new": summary.files_new,
        "files_changed": summary.files_changed,
        "files_unchanged": summary.files_unchanged,
        "files_removed": summary.files_removed,
        "files_rejected": summary.files_rejected,
        "rejected_by_reason": json.dumps(summary.rejected_by_reason, sort_keys=True),
        "table_rows": json.dumps(summary.table_rows, sort_keys=True),
        "full_rebuild": summary.full_rebuild,
        "code_version": f"{chronicle.__version__}+{combined_fingerprint(state.fingerprints)[:12]}",
        "parameters": json.dumps(state.settings.as_json_dict(), sort_keys=True),
        "model": model_version(state.settings),
    }


def build(settings: Settings) -> RunSummary:
    """A whole build without Prefect, under the warehouse lock."""
    warehouse = Warehouse(settings.warehouse_dir)
    with warehouse.lock(settings.lock_wait_s):
        started = time.perf_counter()
        state = plan_run(settings)
        try:
            reports = [
                process_batch(state, no, batch)
                for no, batch in enumerate(state.plan.batches(settings.batch_size))
            ]
            summary = finish_run(state, reports)
        except BaseException:
            state.staged.discard()  # a failed run leaves nothing behind
            raise
        summary.duration_s = time.perf_counter() - started
        return summary
