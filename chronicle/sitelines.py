"""Site template evidence for a build: which lines recur across the pages of a site.

A page's labels depend on the corpus only through which of its own lines are
template lines of its site (the boilerplate classifier applies a threshold), so
that set goes into the page's fingerprint: when new pages push a line over the
threshold, exactly the pages holding it are processed again, and an incremental
build stays equal to a fresh one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from chronicle.boilerplate import DEFAULT_CONFIG, BoilerplateConfig, SiteLineStats
from chronicle.boilerplate.sitestats import line_hash


def page_line_hashes(data: bytes) -> tuple[str, ...]:
    """Sorted distinct hashes of the non-empty lines of raw page bytes.

    Decoded leniently: the evidence only needs lines to compare equal across pages.
    """
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return tuple(sorted({line_hash(line) for line in text.split("\n") if line.strip()}))


@dataclass
class SiteTemplates:
    """Per-site page counts of each line hash, and the threshold that makes a template line."""

    config: BoilerplateConfig = DEFAULT_CONFIG
    pages: Counter[str] = field(default_factory=Counter)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def build(
        cls,
        pages: Iterable[tuple[str, tuple[str, ...]]],
        config: BoilerplateConfig = DEFAULT_CONFIG,
    ) -> SiteTemplates:
        """From (site, line hashes) of every accepted text page of the corpus."""
        templates = cls(config)
        for site, hashes in pages:
            templates.pages[site] += 1
            templates.counts.update((site, h) for h in hashes)
        return templates

    def is_template(self, site: str, line: str) -> bool:
        seen = self.pages[site]
        count = self.counts.get((site, line), 0)
        return (
            seen >= self.config.template_min_pages
            and count >= self.config.template_min_pages
            and count / seen >= self.config.template_min_share
        )

    def template_lines(self, site: str | None, hashes: tuple[str, ...]) -> tuple[str, ...]:
        """The page's lines that are template lines of its site."""
        if site is None:
            return ()
        return tuple(h for h in hashes if self.is_template(site, h))

    def stats(self) -> SiteLineStats:
        """The evidence for the classifier, reduced to template lines (same decisions)."""
        members = {key: n for key, n in self.counts.items() if self.is_template(*key)}
        return SiteLineStats.from_dict(
            {
                "pages": dict(self.pages),
                "lines": {f"{site}\t{h}": n for (site, h), n in members.items()},
            }
        )


def template_digest(lines: tuple[str, ...]) -> str:
    """Short digest of a page's template lines, for its fingerprint."""
    return hashlib.sha256(",".join(lines).encode()).hexdigest()[:16] if lines else ""
