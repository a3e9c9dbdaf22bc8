"""What every stage shares: the page being processed, the stage itself, its failure.

A stage is a named list of steps over a batch of pages; each step fills columns of the
``documents`` row and rows of other tables (datatrove-style: one step, one job). Stages
run per batch so model-backed stages can use batched inference. A stage also says what
its output depends on (code, tables, settings, model), which decides its fingerprint
(chronicle.fingerprint): when that changes, pages are redone from this stage on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: a stage's fingerprint follows the imports it runs
    from chronicle.ingest import DecodedText, SidecarMeta

Row = dict[str, Any]


@dataclass
class Page:
    """A page being processed: its text, its documents row and its rows in other tables.

    ``decoded`` is None for a page resumed from the published warehouse after its first
    stages (chronicle.stages.run.resume_pages): later stages read the ``documents`` row.
    """

    source_path: str
    content_sha256: str
    decoded: DecodedText | None
    sidecar: SidecarMeta
    document: Row
    is_html: bool = False
    rows: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.document["doc_id"]

    @property
    def text(self) -> str:
        if self.decoded is None:
            raise RuntimeError(f"{self.source_path}: resumed pages carry no decoded text")
        return self.decoded.text

    def add_rows(self, table: str, rows: list[Row]) -> None:
        self.rows.setdefault(table, []).extend(rows)


Step = Callable[[list[Page]], None]


def step_name(step: Step) -> str:
    """A step's function name (through ``functools.partial``)."""
    func = step.func if isinstance(step, partial) else step
    return getattr(func, "__name__", repr(func))


@dataclass(frozen=True)
class Stage:
    """One stage of a build: its steps and what its output depends on.

    ``modules``: the core modules it runs (their imports are followed for the
    fingerprint). ``tables``: tables it adds rows to. ``parameters``: the settings that
    change its output. ``model``: the spaCy pipeline it loads, if any. ``resume``:
    brings a published documents row back to its state before this stage, so a page
    can be redone from here; None when the stage needs the decoded page (redo it all).
    """

    name: str
    steps: tuple[Step, ...]
    modules: tuple[str, ...]
    tables: tuple[str, ...] = ()
    parameters: tuple[tuple[str, Any], ...] = ()
    model: str | None = None
    resume: Callable[[Row], None] | None = None

    def __call__(self, pages: list[Page]) -> None:
        for step in self.steps:
            try:
                step(pages)
            except Exception as exc:
                raise StageFailed(step_name(step), [p.source_path for p in pages], exc) from exc


class StageFailed(RuntimeError):
    """A stage raised on a batch: the run fails before publishing, naming the step and pages."""

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
