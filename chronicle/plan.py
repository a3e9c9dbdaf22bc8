"""Decide what a build must do: scan raw/, hash files, find duplicates, diff with the last run.

A *unit* is one raw file (a page or a sidecar). Its fingerprint covers everything
its rows depend on, so a unit whose fingerprint is unchanged keeps its rows.

Planning trusts file metadata first, as git's index does: a file whose size, mtime,
ctime and inode are those the last published run recorded (``RecordedFile``) keeps the
content hash and the evidence (line hashes, stated days, sidecar fields) read from it
then; only the others are read and hashed. A file modified within ``RACY_MARGIN_NS`` of
the moment the run that read it started ("racily clean") is read again, since a change
in the same clock tick leaves its stat unchanged. ``verify`` reads and hashes every file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from chronicle.ingest import (
    HTML_SUFFIXES,
    PartialDate,
    Rejection,
    SidecarMeta,
    is_sidecar,
    read_sidecar,
    sidecar_for,
    site_for,
)
from chronicle.landmarks import CorpusLandmarks, PageDates, page_dates
from chronicle.rawfiles import (
    NotARegularFile,
    file_kind,
    file_name_text,
    open_regular_file,
    raw_file_path,
)
from chronicle.sitelines import SiteTemplates, page_line_hashes, template_digest

UnitKind = Literal["page", "sidecar"]
_READ_CHUNK = 1 << 20
# A file whose mtime or ctime is this close to (or after) the start of the run that read
# it is read again: it may have changed in the same clock tick. Covers coarse kernel
# clocks and filesystems that keep whole (FAT: two) seconds.
RACY_MARGIN_NS = 2_000_000_000


@dataclass(frozen=True)
class FileStat:
    """What the OS says about a file (a link's target) without reading it."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileStat:
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


@dataclass(frozen=True)
class RawFile:
    """A file found under the raw root, before it is read."""

    path: str  # relative to the raw root, POSIX separators, rendered by file_name_text
    size: int
    problem: Rejection | None = None  # found while scanning: a bad link, a FIFO, ...
    is_link: bool = False  # a symbolic link to a file inside raw/
    stat: FileStat | None = None  # None: not a readable regular file (or not scanned)


@dataclass(frozen=True)
class RecordedFile:
    """A raw file as the last published run recorded it (a row of its manifest)."""

    sha256: str | None
    stat: FileStat | None
    verified_ns: int | None  # when the run that read the content started
    evidence: str | None  # planning_version of the code that read it
    blank: bool = False
    line_hashes: tuple[str, ...] = ()
    dates: PageDates | None = None
    sidecar: SidecarMeta | None = None  # a sidecar's fields

    def trusted(self, now: FileStat | None, evidence: str) -> bool:
        """True when the file's stat says it still holds what was read (git's index test)."""
        if self.sha256 is None or now is None or self.verified_ns is None:
            return False
        if self.evidence != evidence or self.stat != now:
            return False
        return max(now.mtime_ns, now.ctime_ns) < self.verified_ns - RACY_MARGIN_NS


class RawFolderUnreadable(OSError):
    """The raw folder itself cannot be listed: nothing can be built from it."""


@dataclass(frozen=True)
class FileDigest:
    sha256: str | None  # None when unreadable
    blank: bool  # empty or whitespace only (ASCII whitespace)
    error: str | None = None
    line_hashes: tuple[str, ...] = ()  # text pages within the size limit
    dates: PageDates | None = None  # days the page names (text pages within the limit)
    verified_ns: int | None = None  # when the run that read the content started


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
    dates: PageDates | None = None  # days the page names: evidence for corpus landmarks
    landmarks: tuple[str, ...] = ()  # landmarks its yearless days name (CorpusLandmarks)
    # An unchanged page redone from this stage on (its earlier rows read back from the
    # published snapshot); None: decoded and run through every stage.
    resume_at: str | None = None
    # What the manifest records for the next run's stat check (RecordedFile).
    stat: FileStat | None = None
    verified_ns: int | None = None
    blank: bool = False

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
                template_digest(self.landmarks),
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
    files_read: int = 0  # files read and hashed while planning (the rest: stat unchanged)

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


def _check_link(full: bytes, root_real: bytes) -> tuple[os.stat_result | None, Rejection | None]:
    """(target's stat, problem) of a symbolic link: it must stay inside raw/ and end at a file."""
    try:
        target_stat = os.stat(full)
    except OSError as exc:
        target = file_name_text(os.readlink(full))
        if exc.errno == errno.ELOOP:
            return None, Rejection("broken_link", f"a symbolic link to {target!r} that loops")
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            detail = f"a symbolic link to {target!r}, which does not exist"
            return None, Rejection("broken_link", detail)
        detail = f"a symbolic link to {target!r}, which cannot be read: {exc.strerror}"
        return None, Rejection("unreadable", detail)
    target = os.path.realpath(full)
    if os.path.commonpath([root_real, target]) != root_real:
        shown = file_name_text(target)
        return None, Rejection(
            "link_outside_raw", f"a symbolic link to {shown!r}, outside the raw folder (not read)"
        )
    if not stat.S_ISREG(target_stat.st_mode):
        kind = file_kind(target_stat.st_mode)
        return None, Rejection("not_a_file", f"a symbolic link to {kind} (not followed)")
    return target_stat, None


def scan_raw(raw_dir: Path) -> tuple[list[RawFile], list[str]]:
    """All files under raw_dir (sorted), and the hidden entries skipped.

    Every entry that is not a hidden one and not a folder is listed, so that it becomes
    a document or a reject: links that leave raw/, loop or dangle, FIFOs and the like, and
    folders that cannot be listed carry their problem. Raises ``RawFolderUnreadable`` when
    raw_dir itself cannot be listed.
    """
    files: list[RawFile] = []
    ignored: list[str] = []
    root = os.fsencode(raw_dir)
    root_real = os.path.realpath(root)
    stack = [b""]  # folders relative to the root, as bytes: any name the OS gives
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(root, folder) if folder else root))
        except OSError as exc:
            if not folder:
                raise RawFolderUnreadable(
                    f"raw folder {raw_dir} cannot be read: {exc.strerror or exc}"
                ) from exc
            problem = Rejection("unreadable", f"a folder that cannot be listed: {exc.strerror}")
            files.append(RawFile(file_name_text(folder), -1, problem))
            continue
        for entry in entries:
            rel = folder + b"/" + entry.name if folder else entry.name
            if entry.name.startswith(b"."):
                ignored.append(file_name_text(rel))
                continue
            info, problem, is_link = None, None, False
            try:
                if is_link := entry.is_symlink():
                    info, problem = _check_link(entry.path, root_real)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(rel)
                    continue
                else:
                    info = entry.stat(follow_symlinks=False)
                    if not stat.S_ISREG(info.st_mode):
                        problem = Rejection("not_a_file", f"{file_kind(info.st_mode)}, not read")
            except OSError as exc:
                problem = Rejection("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
            size = info.st_size if info is not None else -1
            found = FileStat.of(info) if info is not None and problem is None else None
            files.append(RawFile(file_name_text(rel), size, problem, is_link, found))
    files.sort(key=lambda f: f.path)
    return files, sorted(ignored)


def digest_file(
    path: str | bytes | Path,
    lines_up_to: int = 0,
    known: Mapping[str, tuple[tuple[str, ...], PageDates]] | None = None,
) -> FileDigest:
    """SHA-256 of a file, whether it is blank, and its evidence if it is a text page.

    Line hashes and stated days are computed for files up to ``lines_up_to`` bytes,
    unless ``known`` (content sha -> line hashes, days) already has them.
    """
    sha = hashlib.sha256()
    blank = True
    try:
        with open_regular_file(path) as handle:
            if os.fstat(handle.fileno()).st_size <= lines_up_to:
                data = handle.read()
                digest = hashlib.sha256(data).hexdigest()
                if (evidence := (known or {}).get(digest)) is not None:
                    hashes, dates = evidence
                else:
                    hashes = page_line_hashes(data)
                    dates = page_dates(data.decode("utf-8", errors="replace"))
                return FileDigest(digest, not data.strip(), line_hashes=hashes, dates=dates)
            while chunk := handle.read(_READ_CHUNK):
                sha.update(chunk)
                if blank and chunk.strip():
                    blank = False
    except NotARegularFile as exc:
        return FileDigest(None, False, str(exc))
    except OSError as exc:
        return FileDigest(None, False, f"{type(exc).__name__}: {exc.strerror or exc}")
    return FileDigest(sha.hexdigest(), blank)


def _lines_up_to(path: str, max_file_bytes: int) -> int:
    """Text pages within the size limit give evidence; sidecars and HTML pages do not."""
    return 0 if is_sidecar(path) or path.lower().endswith(HTML_SUFFIXES) else max_file_bytes


def plan_units(
    raw_dir: Path,
    files: list[RawFile],
    max_file_bytes: int,
    recorded: Mapping[str, RecordedFile] | None = None,
    *,
    evidence: str = "",
    started_ns: int | None = None,
    verify: bool = False,
) -> list[Unit]:
    """Turn raw files into units, deciding the rejections that need no decoding.

    ``recorded`` (path -> what the last published run read, with ``evidence``, the
    planning_version it must match): a file whose stat is unchanged keeps it unread
    (``RecordedFile.trusted``); the others are read, and a content seen before keeps
    its evidence. ``started_ns``: when this run started reading (time.time_ns() before
    the scan). ``verify``: read and hash every file.
    """
    recorded = recorded or {}
    started_ns = time.time_ns() if started_ns is None else started_ns
    known: dict[str, tuple[tuple[str, ...], PageDates]] | None = None  # built if needed
    # Files that can be read; a sidecar that is a bad link or a FIFO is rejected, not read.
    paths = {f.path for f in files if f.problem is None}
    digests: dict[str, FileDigest] = {}
    sidecars: dict[str, SidecarMeta] = {}
    for f in files:
        before = recorded.get(f.path)
        if f.problem:
            digests[f.path] = FileDigest(None, False)
        elif not verify and before is not None and before.trusted(f.stat, evidence):
            digests[f.path] = FileDigest(
                before.sha256, before.blank, None, before.line_hashes, before.dates,
                before.verified_ns,
            )  # fmt: skip
            if before.sidecar is not None:
                sidecars[f.path] = before.sidecar
        else:
            if known is None:  # evidence by content: a renamed or touched page keeps it
                known = {
                    r.sha256: (r.line_hashes, r.dates)
                    for r in recorded.values()
                    if r.sha256 and r.dates is not None and r.evidence == evidence
                }
            digest = digest_file(
                raw_file_path(raw_dir, f.path), _lines_up_to(f.path, max_file_bytes), known
            )
            digests[f.path] = replace(digest, verified_ns=started_ns)
    for f in files:
        if is_sidecar(f.path) and f.path not in sidecars and digests[f.path].sha256 is not None:
            sidecars[f.path] = read_sidecar(raw_dir, f.path)
    units: list[Unit] = []
    pages_by_sha: dict[str, list[str]] = defaultdict(list)
    for f in files:
        digest = digests[f.path]
        if is_sidecar(f.path):
            continue
        if digest.sha256 and not digest.blank and f.size <= max_file_bytes:
            pages_by_sha[digest.sha256].append(f.path)
    # The first path of a group of byte-identical pages is kept; a file before a link to it.
    linked = {f.path for f in files if f.is_link}
    keeper = {
        sha: min(group, key=lambda p: (p in linked, p)) for sha, group in pages_by_sha.items()
    }
    page_of_sidecar: dict[str, str] = {}
    for f in files:  # sorted, so the first page claiming a sidecar name wins
        if not is_sidecar(f.path):
            page_of_sidecar.setdefault(sidecar_for(f.path), f.path)
    for f in files:
        digest = digests[f.path]
        rejection: Rejection | None = f.problem
        if rejection is None and digest.sha256 is None:
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
                    stat=f.stat,
                    verified_ns=digest.verified_ns,
                    blank=digest.blank,
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
                dates=digest.dates,
                sidecar=meta,
                stat=f.stat,
                verified_ns=digest.verified_ns,
                blank=digest.blank,
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


def annotate_landmarks(units: list[Unit]) -> list[Unit]:
    """Corpus landmarks: every accepted page's stated days teach the others their year.

    A page carries the landmarks its own yearless days name, and they enter its
    fingerprint: when new pages add or change a landmark, exactly the pages that name it
    are processed again, and an incremental build stays equal to a fresh one.
    """
    accepted = [u for u in units if u.kind == "page" and u.rejection is None and u.dates]
    learned = CorpusLandmarks.build(u.dates for u in accepted)  # type: ignore[misc]
    paths = {u.path for u in accepted}
    out = []
    for unit in units:
        days = learned.for_page(unit.dates) if unit.path in paths and unit.dates else ()
        out.append(replace(unit, landmarks=days) if days else unit)
    return out


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


# ------------------------------------------------ what the manifest records for the next run


def _dates_json(dates: PageDates | None) -> str | None:
    if dates is None:
        return None
    return json.dumps([[list(d) for d in dates.stated], [list(d) for d in dates.yearless]])


def _dates_from_json(text: str | None) -> PageDates | None:
    if text is None:
        return None
    stated, yearless = json.loads(text)
    return PageDates(
        tuple((day, tuple(cues)) for day, cues in stated),
        tuple((day, tuple(cues)) for day, cues in yearless),
    )


def _sidecar_json(meta: SidecarMeta) -> str:
    return json.dumps(
        {
            "url": meta.url,
            "site": meta.site,
            "published": [meta.published.value.isoformat(), meta.published.precision]
            if meta.published
            else None,
            "fetched_at": meta.fetched_at.isoformat() if meta.fetched_at else None,
            "issues": list(meta.issues),
        }
    )


def _sidecar_from_json(text: str | None) -> SidecarMeta | None:
    if text is None:
        return None
    obj = json.loads(text)
    published = obj["published"]
    return SidecarMeta(
        url=obj["url"],
        site=obj["site"],
        published=PartialDate(date.fromisoformat(published[0]), published[1])
        if published
        else None,
        fetched_at=datetime.fromisoformat(obj["fetched_at"]) if obj["fetched_at"] else None,
        issues=tuple(obj["issues"]),
    )


def recorded_fields(unit: Unit, evidence: str) -> dict[str, Any]:
    """The manifest columns a later run's stat check reads back (``recorded_files``)."""
    found = unit.stat
    return {
        "size": found.size if found else None,
        "mtime_ns": found.mtime_ns if found else None,
        "ctime_ns": found.ctime_ns if found else None,
        "inode": found.inode if found else None,
        "verified_ns": unit.verified_ns,
        "evidence": evidence,
        "blank": unit.blank,
        "dates": _dates_json(unit.dates),
        "sidecar": _sidecar_json(unit.sidecar) if unit.kind == "sidecar" else None,
    }


def recorded_files(columns: Mapping[str, list[Any]]) -> dict[str, RecordedFile]:
    """Path -> RecordedFile from a manifest's columns (a manifest written before these
    columns existed gives files that are all read again)."""
    count = len(columns.get("path", []))

    def column(name: str) -> list[Any]:
        return columns.get(name) or [None] * count

    stats = zip(column("size"), column("mtime_ns"), column("ctime_ns"), column("inode"),
                strict=True)  # fmt: skip
    recorded = {}
    for path, sha, found, verified, evidence, blank, lines, dates, sidecar in zip(
        columns.get("path", []), column("content_sha256"), stats, column("verified_ns"),
        column("evidence"), column("blank"), column("line_hashes"), column("dates"),
        column("sidecar"), strict=True,
    ):  # fmt: skip
        recorded[path] = RecordedFile(
            sha256=sha,
            stat=FileStat(*found) if None not in found else None,
            verified_ns=verified,
            evidence=evidence,
            blank=bool(blank),
            line_hashes=tuple(lines or ()),
            dates=_dates_from_json(dates),
            sidecar=_sidecar_from_json(sidecar),
        )
    return recorded
