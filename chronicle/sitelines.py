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
    """Per-site page counts of each line hash, and the lines over the template threshold."""

    config: BoilerplateConfig = DEFAULT_CONFIG
    pages: Counter[str] = field(default_factory=Counter)
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # site -> hash -> pages
    members: dict[str, frozenset[str]] = field(default_factory=dict)  # site -> template hashes

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
            templates.counts.setdefault(site, Counter()).update(hashes)
        for site, counter in templates.counts.items():
            seen = templates.pages[site]
            if seen < config.template_min_pages:
                continue
            # The fewest pages that pass the classifier's own test (same float arithmetic).
            needed = next(
                n
                for n in range(config.template_min_pages, seen + 1)
                if n / seen >= config.template_min_share
            )
            lines = frozenset(h for h, n in counter.items() if n >= needed)
            if lines:
                templates.members[site] = lines
        return templates

    def template_lines(self, site: str | None, hashes: tuple[str, ...]) -> tuple[str, ...]:
        """The page's lines that are template lines of its site (sorted)."""
        members = self.members.get(site) if site else None
        return tuple(sorted(members.intersection(hashes))) if members else ()

    def stats(self) -> SiteLineStats:
        """The evidence for the classifier, reduced to template lines (same decisions)."""
        return SiteLineStats.from_dict(
            {
                "pages": dict(self.pages),
                "lines": {
                    f"{site}\t{h}": self.counts[site][h]
                    for site, lines in self.members.items()
                    for h in lines
                },
            }
        )


def template_digest(lines: tuple[str, ...]) -> str:
    """Short digest of a page's template lines, for its fingerprint."""
    return hashlib.sha256(",".join(lines).encode()).hexdigest()[:16] if lines else ""
