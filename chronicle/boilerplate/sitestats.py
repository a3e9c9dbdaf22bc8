"""Corpus evidence: how many pages of a site contain a given line.

A line that recurs on many pages of the same site (menus, footers, slogans) is
template text. The pipeline keeps one ``SiteLineStats`` and feeds it each page
with ``add_page`` so the evidence grows incrementally; classification works
without it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def normalise_line(line: str) -> str:
    """Case-, space- and number-insensitive form: "Posted 3 hours ago" matches "Posted 5 ..."."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line.strip().lower()))


def line_hash(line: str) -> str:
    """Short stable hash of the normalised line (stable across processes, unlike hash())."""
    return hashlib.blake2b(normalise_line(line).encode("utf-8"), digest_size=8).hexdigest()


class SiteLineStats:
    """Mapping (site, normalised line hash) -> number of pages of that site containing it."""

    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str]] = Counter()
        self._pages: Counter[str] = Counter()

    def add_page(self, site: str, text_or_lines: str | Iterable[str]) -> None:
        """Count each distinct non-empty line of one page once."""
        lines = text_or_lines.split("\n") if isinstance(text_or_lines, str) else text_or_lines
        hashes = {line_hash(line) for line in lines if line.strip()}
        for h in hashes:
            self._counts[(site, h)] += 1
        self._pages[site] += 1

    def pages_seen(self, site: str) -> int:
        """Number of pages of ``site`` added so far."""
        return self._pages[site]

    def count(self, site: str, line: str) -> int:
        """Pages of ``site`` containing ``line`` (0 when unseen)."""
        return self._counts.get((site, line_hash(line)), 0)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form, so a pipeline can persist the evidence between runs."""
        return {
            "pages": dict(self._pages),
            "lines": {f"{site}\t{h}": c for (site, h), c in self._counts.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteLineStats:
        """Inverse of ``to_dict``."""
        stats = cls()
        stats._pages.update({site: int(n) for site, n in data.get("pages", {}).items()})
        for key, count in data.get("lines", {}).items():
            site, h = key.split("\t", 1)
            stats._counts[(site, h)] = int(count)
        return stats

    def __getitem__(self, key: tuple[str, str]) -> int:
        return self._counts.get(key, 0)

    def __len__(self) -> int:
        return len(self._counts)
