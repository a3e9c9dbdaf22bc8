"""Extract one page (or a few) without a warehouse: what ``chronicle extract`` prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from chronicle.config import Settings
from chronicle.corpus import finalise_corpus
from chronicle.ingest import sidecar_for
from chronicle.plan import RawFile, plan_units
from chronicle.stages import Page, Stage, default_stages
from chronicle.stages.run import process_units
from chronicle.validation import to_arrow
from schemas import TABLES

EXTRACT_RUN_ID = "extract"


def fixed_reference_date(reference: date) -> Stage:
    """A stage that sets the reference date the user gave."""

    def user_reference_date(pages: list[Page]) -> None:
        for page in pages:
            page.document["reference_date"] = reference
            page.document["reference_date_precision"] = "day"
            page.document["reference_date_source"] = "user"

    return Stage("user_reference_date", (user_reference_date,), modules=())


def extract_file(
    path: Path, settings: Settings | None = None, reference_date: date | None = None
) -> dict[str, Any]:
    """The rows a build would give for one file: {"document", "segments", ..., "rejects"}."""
    settings = settings or Settings()
    path = Path(path)
    files = [RawFile(path.name, path.stat().st_size if path.exists() else -1)]
    sidecar = path.parent / sidecar_for(path.name)
    if sidecar.exists() and sidecar != path:
        files.append(RawFile(sidecar.name, sidecar.stat().st_size))
    units = [
        u for u in plan_units(path.parent, files, settings.max_file_bytes) if u.path == path.name
    ]
    stages = default_stages(clean=settings.clean, spacy_model=settings.spacy_model)
    if reference_date is not None:
        stages.insert(0, fixed_reference_date(reference_date))
    rows, _ = process_units(units, path.parent, EXTRACT_RUN_ID, clean=settings.clean, stages=stages)
    documents = rows.pop("documents")
    if documents and "mentions" in rows:
        corpus = finalise_corpus(
            to_arrow(TABLES["mentions"], rows["mentions"]),
            to_arrow(TABLES["documents"], documents),
            to_arrow(TABLES["events"], rows["events"]) if "events" in rows else None,
        )
        rows["mentions"] = corpus.mentions.to_pylist()
        rows["entities"] = corpus.entities.to_pylist()
        if corpus.events is not None:
            rows["events"] = corpus.events.to_pylist()
    result: dict[str, Any] = {
        "source_path": str(path),
        "document": documents[0] if documents else None,
    }
    result["segments"] = rows.pop("segments", [])
    result.update(rows)
    return result
