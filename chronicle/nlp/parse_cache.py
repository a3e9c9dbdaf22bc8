"""A disk cache of spaCy parses, so that a change to the rules re-runs only the rules.

A parse is a pure function of the body, the spaCy pipeline and the code that runs it
(``chronicle.nlp``: loading, the sentence-start rules, cutting long texts). Each parse is
stored as a one-document ``DocBin`` under the SHA-256 of the body, in a folder named by
the fingerprint of all of those, so a new model (or new parsing code) never reads an old
parse: it finds an empty folder. Folders of other fingerprints are removed when a cache
is opened, and the least recently used parses go when the cache grows past its bound.

Layout: ``<dir>/<fingerprint>/<body sha[:2]>/<body sha>.spacy``. The cache is outside
every published snapshot (``Settings.parse_cache_dir``); deleting it at any time is safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from chronicle.nlp.pieces import parse_texts

logger = logging.getLogger(__name__)

#: One file per parse: a DocBin of every token attribute (spaCy's full list), compressed.
SUFFIX = ".spacy"
#: Modules whose code decides a parse besides the model (followed through their imports).
PARSE_MODULES = ("chronicle.nlp.pipeline", "chronicle.nlp.pieces")


def parse_fingerprint(model: str = "") -> str:
    """What a parse depends on: the pipeline's identity, spaCy's version, the parse code."""
    import spacy

    from chronicle.fingerprint import _digest, code_digest, model_identity

    return _digest(
        {
            "model": model_identity(model),
            "spacy": spacy.__version__,
            "code": code_digest(PARSE_MODULES),
        }
    )[:24]


def body_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ParseCache:
    """Parses of one pipeline under ``root``; at most ``max_bytes`` on disk (about)."""

    root: Path
    fingerprint: str
    max_bytes: int
    hits: int = 0
    misses: int = 0
    _size: int | None = field(default=None, repr=False)  # bytes on disk, counted once

    @property
    def folder(self) -> Path:
        return self.root / self.fingerprint

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def load(self, key: str, nlp: Language) -> Doc | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            (doc,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
        except Exception as exc:  # a torn or foreign file is a miss, and goes
            logger.warning("parse cache: unreadable %s (%s); parsing again", path.name, exc)
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # read now: the last to be trimmed
        return doc

    def store(self, key: str, doc: Doc) -> None:
        """Write atomically (a reader never sees half a file); a full disk only warns."""
        path = self.path(key)
        data = DocBin(docs=[doc], store_user_data=False).to_bytes()
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            logger.warning("parse cache: not stored (%s)", exc)
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            return
        if self._size is None:
            self._size = cache_bytes(self.folder)
        else:
            self._size += len(data)

    def parse(self, nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
        """One Doc per text, in order: from the cache, or parsed (in one batch) and stored.

        Cached parses are read one at a time as they are consumed, like fresh ones.
        """
        keys = [body_key(text) for text in texts]
        present = [self.path(key).is_file() for key in keys]
        parsed = parse_texts(
            nlp, [t for t, here in zip(texts, present, strict=True) if not here], batch_size
        )
        for key, text, here in zip(keys, texts, present, strict=True):
            doc = self.load(key, nlp) if here else None
            if doc is not None:
                self.hits += 1
                yield doc
                continue
            # Not cached, or gone since it was looked up (trimmed by another worker).
            doc = next(parsed) if not here else next(parse_texts(nlp, [text], batch_size))
            self.misses += 1
            self.store(key, doc)
            yield doc
        if self._size is not None and self._size > self.max_bytes:
            self.trim()

    def trim(self) -> None:
        """Remove the least recently used parses until the cache is 90 % of its bound
        (some room, so that not every batch trims)."""
        files = _parse_files(self.folder)
        total = sum(stat.st_size for stat, _ in files)
        for stat, path in sorted(files, key=lambda f: f[0].st_mtime_ns):
            if total <= self.max_bytes * 0.9:
                break
            path.unlink(missing_ok=True)
            total -= stat.st_size
        self._size = total


_open: dict[tuple[str, str, int], ParseCache] = {}


def open_cache(root: Path, model: str, max_bytes: int) -> ParseCache:
    """The cache of ``model`` under ``root`` (one per process); parses of other
    fingerprints are removed when it is first opened."""
    fingerprint = parse_fingerprint(model)
    slot = (str(Path(root).absolute()), fingerprint, max_bytes)
    if slot not in _open:
        _open[slot] = ParseCache(Path(root), fingerprint, max_bytes)
        forget_others(Path(root), keep=fingerprint)
    return _open[slot]


def forget_others(root: Path, keep: str) -> None:
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.is_dir() and entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)


def cache_bytes(root: Path) -> int:
    """Bytes of every parse under ``root`` (any fingerprint)."""
    return sum(stat.st_size for stat, _ in _parse_files(Path(root)))


def _parse_files(folder: Path) -> list[tuple[os.stat_result, Path]]:
    """Parse files under ``folder`` with their stat; files another worker removed
    meanwhile are left out."""
    found = []
    for path in folder.rglob(f"*{SUFFIX}"):
        try:
            found.append((path.stat(), path))
        except FileNotFoundError:
            continue
    return found


def parse_with_cache(
    nlp: Language, texts: Iterable[str], cache: ParseCache | None, batch_size: int
) -> Iterator[Doc]:
    """``parse_texts`` through ``cache`` when there is one."""
    texts = list(texts)
    if cache is None:
        return parse_texts(nlp, texts, batch_size=batch_size)
    return cache.parse(nlp, texts, batch_size)
