"""Decide what a build must do: scan raw/, hash files, find duplicates, diff with the last run.

A *unit* is one raw file (a page or a sidecar). Its fingerprint covers everything
its rows depend on, so a unit whose fingerprint is unchanged keeps its rows.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from chronicle.ingest import (
    HTML_SUFFIXES,
    Rejection,
    SidecarMeta,
    is_sidecar,
    read_sidecar,
    sidecar_for,
    site_for,
)
from chronicle.sitelines import SiteTemplates, page_line_hashes, template_digest

UnitKind = Literal["page", "sidecar"]
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class RawFile:
    """A file found under the raw root, before it is read."""

    path: str  # relative to the raw root, POSIX separators
    size: int


@dataclass(frozen=True)
class FileDigest:
    sha256: str | None  # None when unreadable
    blank: bool  # empty or whitespace only (ASCII whitespace)
    error: str | None = None
    line_hashes: tuple[str, ...] = ()  # text pages within the size limit


@dataclass(frozen=True)
class Unit:
    """One raw file and what the build already knows about it."""

    path: str
    kind: UnitKind
    sha256: str | None
    size: int
    sidecar_path: str | None = None
    sidecar_sha256: str | None = None
    rejection: Rejection | None = None  # decided without decoding (size, duplicate, ...)
    # The parsed sidecar: a page's (empty without one) or a sidecar unit's own; parsed
    # once, here, and carried to the stages.
    sidecar: SidecarMeta = field(default_factory=SidecarMeta)
    site: str | None = None
    line_hashes: tuple[str, ...] = ()
    template_lines: tuple[str, ...] = ()  # this page's lines that are its site's template
    # An unchanged page redone from this stage on (its earlier rows read back from the
    # published snapshot); None: decoded and run through every stage.
    resume_at: str | None = None

    @property
    def fingerprint(self) -> str:
        rejection = self.rejection
        reject_key = f"{rejection.reason}:{rejection.related_path}" if rejection else ""
        return "|".join(
            [
                self.kind,
                self.sha256 or "unreadable",
                self.sidecar_sha256 or "",
                reject_key,
                template_digest(self.template_lines),
            ]
        )


@dataclass
class BuildPlan:
    """What changed since the last published run, and the units to (re)process."""

    units: list[Unit]
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # hidden files and folders
    resumed: list[str] = field(default_factory=list)  # unchanged pages redone from a stage
    full_rebuild: str | None = None

    @property
    def to_process(self) -> list[Unit]:
        todo = set(self.new) | set(self.changed) | set(self.resumed)
        return [unit for unit in self.units if unit.path in todo]

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.removed or self.resumed)

    def batches(self, size: int) -> list[list[Unit]]:
        todo = self.to_process
        return [todo[i : i + size] for i in range(0, len(todo), size)]


def scan_raw(raw_dir: Path) -> tuple[list[RawFile], list[str]]:
    """All regular files under raw_dir (sorted), and the hidden entries skipped."""
    files: list[RawFile] = []
    ignored: list[str] = []
    root = os.fspath(raw_dir)
    stack = [""]  # folders relative to the root; plain strings are much cheaper than Paths
    while stack:
        folder = stack.pop()
        with os.scandir(os.path.join(root, folder) if folder else root) as entries:
            for entry in entries:
                rel = f"{folder}/{entry.name}" if folder else entry.name
                if entry.name.startswith("."):
                    ignored.append(rel)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(rel)
                else:
                    # Broken links, FIFOs and the like are listed too: they become
                    # 'unreadable' rejects instead of vanishing.
                    try:
                        size = entry.stat().st_size
                    except OSError:
                        size = -1
                    files.append(RawFile(rel, size))
    files.sort(key=lambda f: f.path)
    return files, sorted(ignored)


def digest_file(
    path: str | Path, lines_up_to: int = 0, known_lines: dict[str, tuple[str, ...]] | None = None
) -> FileDigest:
    """SHA-256 of a file, whether it is blank, and its line hashes if it is a text page.

    Line hashes are computed for files up to ``lines_up_to`` bytes, unless
    ``known_lines`` already has them for this content.
    """
    sha = hashlib.sha256()
    blank = True
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return FileDigest(None, False, "not a regular file")
        if info.st_size <= lines_up_to:
            with open(path, "rb") as handle:
                data = handle.read()
            digest = hashlib.sha256(data).hexdigest()
            known = (known_lines or {}).get(digest)
            hashes = known if known is not None else page_line_hashes(data)
            return FileDigest(digest, not data.strip(), line_hashes=hashes)
        with open(path, "rb") as handle:
            while chunk := handle.read(_READ_CHUNK):
                sha.update(chunk)
                if blank and chunk.strip():
                    blank = False
    except OSError as exc:
        return FileDigest(None, False, f"{type(exc).__name__}: {exc.strerror or exc}")
    return FileDigest(sha.hexdigest(), blank)


def plan_units(
    raw_dir: Path,
    files: list[RawFile],
    max_file_bytes: int,
    known_lines: dict[str, tuple[str, ...]] | None = None,
) -> list[Unit]:
    """Turn raw files into units, deciding the rejections that need no decoding.

    ``known_lines`` (content sha -> line hashes, from the last run) saves hashing
    the lines of unchanged pages again.
    """
    paths = {f.path for f in files}
    root = os.fspath(raw_dir)
    digests = {
        f.path: digest_file(
            os.path.join(root, f.path),
            0 if is_sidecar(f.path) or f.path.lower().endswith(HTML_SUFFIXES) else max_file_bytes,
            known_lines,
        )
        for f in files
    }
    units: list[Unit] = []
    pages_by_sha: dict[str, list[str]] = defaultdict(list)
    for f in files:
        digest = digests[f.path]
        if is_sidecar(f.path):
            continue
        if digest.sha256 and not digest.blank and f.size <= max_file_bytes:
            pages_by_sha[digest.sha256].append(f.path)
    keeper = {sha: min(group) for sha, group in pages_by_sha.items()}
    sidecars = {
        f.path: read_sidecar(raw_dir, f.path)
        for f in files
        if is_sidecar(f.path) and digests[f.path].sha256 is not None
    }
    page_of_sidecar: dict[str, str] = {}
    for f in files:  # sorted, so the first page claiming a sidecar name wins
        if not is_sidecar(f.path):
            page_of_sidecar.setdefault(sidecar_for(f.path), f.path)
    for f in files:
        digest = digests[f.path]
        rejection: Rejection | None = None
        if digest.sha256 is None:
            rejection = Rejection("unreadable", digest.error or "could not be read")
        if is_sidecar(f.path):
            meta = sidecars.get(f.path, SidecarMeta())
            if rejection is None and f.path not in page_of_sidecar:
                rejection = Rejection("orphan_sidecar", "no page with the same name beside it")
            if rejection is None and meta.issues:
                rejection = Rejection("invalid_sidecar", "; ".join(meta.issues))
            units.append(
                Unit(
                    f.path,
                    "sidecar",
                    digest.sha256,
                    f.size,
                    rejection=rejection,
                    sidecar_path=None,
                    sidecar=meta,
                )
            )
            continue
        sidecar = sidecar_for(f.path)
        if page_of_sidecar.get(sidecar) != f.path:
            sidecar = ""  # another page (e.g. a.txt vs a.html) claims this sidecar
        sidecar_sha = digests[sidecar].sha256 if sidecar in paths else None
        if rejection is None and f.size > max_file_bytes:
            rejection = Rejection(
                "too_large", f"{f.size:,} bytes is over the limit of {max_file_bytes:,} bytes"
            )
        if rejection is None and digest.blank:
            rejection = Rejection(
                "empty", "the file is empty" if f.size == 0 else "the file holds only whitespace"
            )
        if rejection is None and digest.sha256 and keeper[digest.sha256] != f.path:
            original = keeper[digest.sha256]
            rejection = Rejection("duplicate", f"byte-identical to {original}", original)
        meta = (
            sidecars.get(sidecar) or read_sidecar(raw_dir, sidecar)
            if sidecar in paths
            else SidecarMeta()
        )
        units.append(
            Unit(
                f.path,
                "page",
                digest.sha256,
                f.size,
                sidecar_path=sidecar if sidecar in paths else None,
                sidecar_sha256=sidecar_sha,
                rejection=rejection,
                site=site_for(f.path, meta),
                line_hashes=digest.line_hashes,
                sidecar=meta,
            )
        )
    return units


def annotate_template_lines(units: list[Unit]) -> tuple[list[Unit], SiteTemplates]:
    """Site-template evidence from every accepted text page, and units that carry theirs."""

    def counts(unit: Unit) -> bool:
        return bool(
            unit.kind == "page" and unit.rejection is None and unit.site and unit.line_hashes
        )

    templates = SiteTemplates.build((u.site, u.line_hashes) for u in units if counts(u))  # type: ignore[misc]
    annotated = []
    for unit in units:
        lines = templates.template_lines(unit.site, unit.line_hashes) if counts(unit) else ()
        annotated.append(replace(unit, template_lines=lines) if lines else unit)
    return annotated, templates


def diff_units(
    units: list[Unit],
    previous: dict[str, str],
    *,
    pipeline_changed: str | None,
    ignored: list[str] | None = None,
    resume_at: str | None = None,
    published_pages: frozenset[str] = frozenset(),
) -> BuildPlan:
    """Compare units with the previous run's manifest (path -> fingerprint).

    ``pipeline_changed``: why every unit is processed again. ``resume_at``: a stage whose
    fingerprint changed; unchanged pages among ``published_pages`` (those in documents)
    are redone from it on, the other unchanged units keep their rows.
    """
    units = list(units)
    plan = BuildPlan(units=units, ignored=list(ignored or []), full_rebuild=pipeline_changed)
    current = {u.path for u in units}
    for index, unit in enumerate(units):
        before = previous.get(unit.path)
        if before is None:
            plan.new.append(unit.path)
        elif pipeline_changed or before != unit.fingerprint:
            plan.changed.append(unit.path)
        elif resume_at is not None and unit.path in published_pages:
            units[index] = replace(unit, resume_at=resume_at)
            plan.resumed.append(unit.path)
        else:
            plan.unchanged.append(unit.path)
    plan.removed = sorted(set(previous) - current)
    return plan
