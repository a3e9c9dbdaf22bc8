"""HTML input: trafilatura finds the main content (comments kept apart), then its text
lines are labelled and assembled into the same ``PageExtraction`` structure.

For HTML the ``line_no`` of each label refers to ``PageExtraction.source_text``:
the headline, a blank line, then trafilatura's main text, one block per line.
"""

from __future__ import annotations

import re
from datetime import date

import trafilatura

from chronicle.boilerplate import Comment, LineLabel, PageExtraction
from chronicle.boilerplate.body import assemble_body, is_hard_wrap
from chronicle.boilerplate.classify import is_caption
from chronicle.boilerplate.comments import find_comment_blocks
from chronicle.boilerplate.config import BoilerplateConfig
from chronicle.boilerplate.features import split_lines
from chronicle.boilerplate.metadata import looks_like_name, normalise_title

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def _authors(raw: str | None) -> list[str]:
    """Person names from trafilatura's author field (site and agency names dropped)."""
    if not raw:
        return []
    out: list[str] = []
    for part in _AUTHOR_SPLIT.split(raw):
        part = part.strip()
        if looks_like_name(part) and part not in out:
            out.append(part)
    return out


def _date(raw: str | None) -> tuple[date | None, str | None]:
    if not raw:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", raw)
    if not m:
        return None, None
    try:
        if m[3]:
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m[2]:
            return date(int(m[1]), int(m[2]), 1), "month"
        return date(int(m[1]), 1, 1), "year"
    except ValueError:
        return None, None


def _comments(raw: str | None, config: BoilerplateConfig) -> list[Comment]:
    """Comments from trafilatura's comment text: by header when present, else per block."""
    if not raw or not raw.strip():
        return []
    lines = split_lines(raw, config.widget_max_words, config.appeal_max_words)
    blocks = find_comment_blocks(lines, 0, config.comment_min_chars)
    if blocks:
        return [
            Comment(k, b.author, b.posted_at, "\n\n".join(lines[j].text for j in b.text))
            for k, b in enumerate(blocks, start=1)
        ]
    return [
        Comment(k, None, None, line.text)
        for k, line in enumerate((ln for ln in lines if not ln.widget), start=1)
    ]


def extract_html(html: str, *, config: BoilerplateConfig) -> PageExtraction:
    """Main text, metadata and comments of an HTML page via trafilatura."""
    doc = trafilatura.bare_extraction(
        html, include_comments=True, with_metadata=True, include_tables=True
    )
    if doc is None:
        return PageExtraction([], "", None, [], None, None, None, None, [], source_text="")
    title = (doc.title or "").strip() or None
    text = doc.text or ""
    source = "\n".join([title or "", "", *text.split("\n")])
    lines = split_lines(source, config.widget_max_words, config.appeal_max_words)
    title_key = normalise_title(title or "")
    labels: list[LineLabel] = []
    keep: list[int] = []
    for i, line in enumerate(lines):
        if title and (line.line_no == 1 or normalise_title(line.text) == title_key):
            # The headline repeated at the top of the main text counts once.
            reason = "title_header" if line.line_no == 1 else "title_repeated"
            labels.append(LineLabel(line.line_no, line.text, "title", reason, 1.0))
            continue
        if line.widget:
            labels.append(LineLabel(line.line_no, line.text, "boilerplate", line.widget, 0.0))
            continue
        if is_caption(line):
            labels.append(LineLabel(line.line_no, line.text, "caption", "caption_credit", 1.0))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        heading = (
            line.words <= config.heading_max_words
            and not line.sent_end
            and not (nxt is not None and is_hard_wrap(line, nxt))
        )
        label = "heading" if heading else "body"
        labels.append(LineLabel(line.line_no, line.text, label, "html_main_content", 1.0))
        keep.append(i)
    body = assemble_body(
        lines, keep, join_wraps=config.join_hard_wraps, strip_markers=config.strip_footnote_markers
    )
    published, precision = _date(doc.date)
    categories = [c for c in (doc.categories or []) if c]
    return PageExtraction(
        lines=labels,
        body=body,
        title=title,
        authors=_authors(doc.author),
        section=categories[0] if categories else None,
        published_date=published,
        published_date_precision=precision,
        published_date_source="html_metadata" if published else None,
        comments=_comments(doc.comments, config),
        source_text=source,
    )
