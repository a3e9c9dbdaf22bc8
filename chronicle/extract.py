"""Extract one page (or a few) without a warehouse: what ``chronicle extract`` prints."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from chronicle.config import Settings
from chronicle.ingest import sidecar_for
from chronicle.pipeline import PageContext, default_stages, process_units
from chronicle.plan import RawFile, plan_units
from chronicle.rawfiles import file_name_bytes, file_name_text
from chronicle.validation import to_arrow

EXTRACT_RUN_ID = "extract"


def fixed_reference_date(reference: date):
    """A stage that sets the reference date the user gave."""

    def stage(pages: list[PageContext]) -> None:
        for page in pages:
            page.document["reference_date"] = reference
            page.document["reference_date_precision"] = "day"
            page.document["reference_date_source"] = "user"

    return stage


def extract_file(
    path: Path, settings: Settings | None = None, reference_date: date | None = None
) -> dict[str, Any]:
    """The rows a build would give for one file: {"document", "segments", ..., "rejects"}."""
    settings = settings or Settings()
    path = Path(path)
    name = file_name_text(os.fsencode(path.name))  # any bytes the OS allows
    files = [RawFile(name, path.stat().st_size if path.exists() else -1)]
    sidecar = path.parent / os.fsdecode(file_name_bytes(sidecar_for(name)))
    if sidecar.exists() and sidecar != path:
        files.append(RawFile(sidecar_for(name), sidecar.stat().st_size))
    units = [u for u in plan_units(path.parent, files, settings.max_file_bytes) if u.path == name]
    stages = default_stages(clean=settings.clean)
    if reference_date is not None:
        stages.insert(0, fixed_reference_date(reference_date))
    rows = process_units(units, path.parent, EXTRACT_RUN_ID, clean=settings.clean, stages=stages)
    documents = rows.pop("documents")
    if documents and "mentions" in rows:
        assembled = rows["mentions"]
        rows["mentions"], rows["entities"] = _resolve_entities(assembled, documents)
        if "events" in rows:
            rows["events"] = _finalise_events(
                rows["events"], assembled, rows["mentions"], documents, rows["entities"]
            )
    result: dict[str, Any] = {
        "source_path": file_name_text(os.fsencode(path)),  # valid UTF-8 on stdout
        "document": documents[0] if documents else None,
    }
    result["segments"] = rows.pop("segments", [])
    result.update(rows)
    return result


def _resolve_entities(mentions: list[dict], documents: list[dict]) -> tuple[list, list]:
    """Canonical entities of one page, as the corpus step would give them for it alone."""
    from chronicle.entities import build_entities
    from schemas import TABLES

    final, entities = build_entities(
        to_arrow(TABLES["mentions"], mentions), to_arrow(TABLES["documents"], documents)
    )
    return final.to_pylist(), entities.to_pylist()


def _finalise_events(
    events: list[dict],
    assembled: list[dict],
    mentions: list[dict],
    documents: list[dict],
    entities: list[dict],
) -> list[dict]:
    """Events with the page's final entity ids, as the corpus step would give them."""
    from chronicle.events import finalise_events
    from schemas import TABLES

    table = finalise_events(
        to_arrow(TABLES["events"], events),
        to_arrow(TABLES["mentions"], assembled),
        to_arrow(TABLES["mentions"], mentions),
        to_arrow(TABLES["documents"], documents),
        to_arrow(TABLES["entities"], entities),
    )
    return table.to_pylist()
