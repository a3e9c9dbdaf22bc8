"""All of Chronicle's defaults in one place, with user overrides."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1024 * 1024
# Stages a build may leave out (Settings.stages); decoding and validation always run.
OPTIONAL_STAGES: tuple[str, ...] = ("articles", "timexes", "entities", "events")
# How batches run (Settings.runner): local processes, threads in this process, or Dask.
RUNNERS: tuple[str, ...] = ("process", "thread", "dask")
# The parse cache's folder in the warehouse folder, beside (never inside) the snapshots.
PARSE_CACHE = "parse-cache"


@dataclass(frozen=True)
class Settings:
    """Settings of a build. Override with ``Settings(...)``, ``with_overrides`` or env vars.

    Environment variables ``CHRONICLE_<FIELD>`` (upper case) override the defaults,
    e.g. ``CHRONICLE_MAX_FILE_BYTES=1000000``.
    """

    raw_dir: Path = Path("raw")
    warehouse_dir: Path = Path("warehouse")
    max_file_bytes: int = 20 * MB  # larger raw files are rejected as too_large
    batch_size: int = 500  # documents per Prefect task: a task run costs milliseconds
    keep_snapshots: int = 2  # published snapshots kept so in-flight readers never lose files
    # Files per table (doc_id hash buckets): a run rewrites only the buckets holding
    # changed rows and hard-links the rest from the previous snapshot. More buckets:
    # fewer bytes per small change, more (smaller) files. A change rewrites every file.
    table_buckets: int = 256
    lock_wait_s: float = 0.0  # how long a second build waits for the lock before giving up
    # `chronicle serve` warns when a run due this long ago has not started
    schedule_late_after_s: float = 180.0
    clean: bool = True  # False: body is the decoded text verbatim (offsets index the raw file)
    stages: tuple[str, ...] = OPTIONAL_STAGES  # the optional stages to run
    # spaCy pipeline of the NLP stage: "" = the committed models/chronicle_en, else an
    # installed package name or a pipeline folder (CHRONICLE_SPACY_MODEL overrides it)
    spacy_model: str = ""
    # How to run, never what comes out (so in no fingerprint):
    workers: int = 0  # parallel batch workers; 0 = one per CPU core
    runner: str = "process"  # one of RUNNERS
    # Keep spaCy parses on disk, keyed by body hash and model fingerprint, so that a
    # change to the entity or event rules re-runs only the rules (chronicle.nlp.parse_cache)
    parse_cache: bool = False
    parse_cache_dir: str = ""  # "" = <warehouse_dir>/parse-cache (outside every snapshot)
    parse_cache_mb: int = 2048  # the oldest parses go past this size
    dask_address: str = ""  # Dask scheduler for runner=dask; "" = a local cluster
    # Read and hash every raw file while planning, not only those whose size, mtime,
    # ctime or inode changed (chronicle.plan): for raw folders whose stat cannot be trusted
    verify: bool = False
    # The HTML report (chronicle/report/): top-N limits keep its size and build time
    # bounded whatever the corpus size; every count is still over the whole snapshot.
    report_timeline_events: int = 1_000  # events plotted one by one (most reported first)
    report_top_dyads: int = 20  # actor -> target state pairs in the heat map
    report_top_entities: int = 40  # nodes of the entity network
    # who appears with whom: people and organisations (states are in the dyads)
    report_network_labels: tuple[str, ...] = ("PERSON", "ORG")
    report_top_edges: int = 150  # co-occurrence edges among those nodes
    report_top_sites: int = 25  # sites named in "pages per site" (the rest summed)
    keep_reports: int = 30  # reports/<run_id>.html kept besides latest.html

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None fields replaced."""
        changes = {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by ``CHRONICLE_*`` environment variables."""
        environ = dict(os.environ if environ is None else environ)
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            raw = environ.get(f"CHRONICLE_{field.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls, field.name)
            if isinstance(default, tuple):
                changes[field.name] = tuple(s.strip() for s in raw.split(",") if s.strip())
            elif isinstance(default, bool):
                changes[field.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
            elif isinstance(default, Path):
                changes[field.name] = Path(raw)
            else:
                changes[field.name] = type(default)(raw)
        return cls().with_overrides(**changes)

    def parse_cache_folder(self) -> Path | None:
        """Where parses are cached; None when the cache is off."""
        if not self.parse_cache:
            return None
        return (
            Path(self.parse_cache_dir) if self.parse_cache_dir else self.warehouse_dir / PARSE_CACHE
        )

    def decode_parameters(self) -> dict[str, Any]:
        """Settings that change how every page is read (part of the decode fingerprint).

        ``stages``, ``clean`` and ``spacy_model`` are parameters of the stages they change
        (chronicle.stages, chronicle.fingerprint).
        """
        return {"max_file_bytes": self.max_file_bytes, "clean": self.clean}

    def as_json_dict(self) -> dict[str, Any]:
        return {
            k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(self).items()
        }
