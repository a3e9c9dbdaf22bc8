"""Boilerplate stripping and metadata extraction for plain-text news pages.

``extract_page(text)`` labels every non-empty line (title, body, heading, byline,
dateline, section, caption, comment, boilerplate, each with a reason code),
assembles the article body, and extracts title, authors, publication date,
section and reader comments. ``extract_html(html)`` does the same from HTML via
trafilatura. See docs/boilerplate.md for the method and measured scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from chronicle.boilerplate.body import assemble_body
from chronicle.boilerplate.classify import LINE_LABELS, LINE_REASONS, Classified, classify
from chronicle.boilerplate.config import DEFAULT_CONFIG, BoilerplateConfig
from chronicle.boilerplate.metadata import PAGE_DATE_SOURCES, Metadata, extract_metadata
from chronicle.boilerplate.sitestats import SiteLineStats

__all__ = [
    "DEFAULT_CONFIG",
    "LINE_LABELS",
    "LINE_REASONS",
    "PAGE_DATE_SOURCES",
    "BoilerplateConfig",
    "Comment",
    "LineLabel",
    "PageExtraction",
    "SiteLineStats",
    "extract_html",
    "extract_page",
]


@dataclass(frozen=True)
class LineLabel:
    """Label of one non-empty input line; ``line_no`` is 1-based in ``text.split("\\n")``."""

    line_no: int
    text: str
    label: str
    reason: str
    score: float = 0.0  # model p(content), for inspection


@dataclass(frozen=True)
class Comment:
    """A reader comment: 1-based position on the page, author, time and text."""

    position: int
    author: str | None
    posted_at: datetime | None
    text: str


@dataclass
class PageExtraction:
    """Everything extracted from one page."""

    lines: list[LineLabel]
    body: str
    title: str | None
    authors: list[str]
    section: str | None
    published_date: date | None
    published_date_precision: str | None
    published_date_source: str | None
    comments: list[Comment] = field(default_factory=list)
    # The text that ``lines[*].line_no`` refers to: the input for text pages, the
    # rendered main text for HTML pages.
    source_text: str = ""


def _apply_metadata_labels(c: Classified, meta: Metadata) -> None:
    """Relabel the lines that carried metadata (they never count as body)."""
    for i in meta.title_lines:
        c.labels[i] = "title"
        c.reasons[i] = "title_repeated" if len(meta.title_lines) > 1 else "title_header"
    for i, reason in zip(meta.author_lines, meta.author_reasons, strict=True):
        c.labels[i], c.reasons[i] = "byline", reason
    if meta.date_line is not None and c.labels[meta.date_line] != "byline":
        c.labels[meta.date_line] = "dateline"
        c.reasons[meta.date_line] = (
            "published_line" if meta.published_date_source == "published_line" else "dateline"
        )
    if meta.section_line is not None:
        c.labels[meta.section_line], c.reasons[meta.section_line] = "section", "section_label"


def _build(c: Classified, config: BoilerplateConfig) -> PageExtraction:
    meta = extract_metadata(c, config)
    _apply_metadata_labels(c, meta)
    keep = c.indices("body", "heading")
    body = assemble_body(
        c.lines,
        keep,
        join_wraps=config.join_hard_wraps,
        strip_markers=config.strip_footnote_markers,
    )
    comments = [
        Comment(
            position=k,
            author=block.author,
            posted_at=block.posted_at,
            text="\n\n".join(c.lines[j].text for j in block.text),
        )
        for k, block in enumerate(c.comments, start=1)
    ]
    labels = [
        LineLabel(line.line_no, line.text, c.labels[i], c.reasons[i], c.probs[i])
        for i, line in enumerate(c.lines)
    ]
    return PageExtraction(
        lines=labels,
        body=body,
        title=meta.title,
        authors=list(meta.authors),
        section=meta.section,
        published_date=meta.published_date,
        published_date_precision=meta.published_date_precision,
        published_date_source=meta.published_date_source,
        comments=comments,
        source_text=c.text,
    )


def extract_page(
    text: str,
    *,
    site: str | None = None,
    site_stats: SiteLineStats | None = None,
    config: BoilerplateConfig | None = None,
    probs: list[float] | None = None,
) -> PageExtraction:
    """Label lines, assemble the body and extract metadata and comments from a text page.

    ``site`` (e.g. the host name) and ``site_stats`` enable the template-line filter;
    ``probs`` replaces the line model's scores (cross-validation only).
    """
    config = config or DEFAULT_CONFIG
    c = classify(text, site=site, site_stats=site_stats, config=config, probs=probs)
    return _build(c, config)


def extract_html(html: str, *, config: BoilerplateConfig | None = None) -> PageExtraction:
    """Extract from HTML with trafilatura (comments kept apart), then label its text lines."""
    from chronicle.boilerplate.html import extract_html as _extract_html

    return _extract_html(html, config=config or DEFAULT_CONFIG)
