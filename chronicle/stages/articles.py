"""The articles stage: label every line, keep the article body, its metadata and comments.

Without article extraction (``--stages`` leaving out ``articles``) the ``lines`` stage
keeps every non-empty line as body instead. Without cleaning, the body is the decoded
input itself so offsets index the raw file.
"""

from __future__ import annotations

from datetime import UTC
from functools import partial

from chronicle.boilerplate import SiteLineStats, extract_html, extract_page
from chronicle.stages.base import Page, Stage


def extract_articles(pages: list[Page], site_stats: SiteLineStats | None = None) -> None:
    """Label every line, assemble the clean body, extract metadata and reader comments.

    ``site_stats`` is the corpus evidence of site-template lines (see chronicle.sitelines).
    """
    for page in pages:
        doc = page.document
        if page.is_html:
            extraction = extract_html(page.text)
        else:
            extraction = extract_page(page.text, site=doc["site"], site_stats=site_stats)
        page.add_rows(
            "segments",
            [
                {
                    "doc_id": page.doc_id,
                    "line_no": line.line_no,
                    "text": line.text,
                    "label": line.label,
                    "reason": line.reason,
                }
                for line in extraction.lines
            ],
        )
        page.add_rows(
            "comments",
            [
                {
                    "doc_id": page.doc_id,
                    "position": c.position,
                    "author": c.author,
                    # pages show local times without a zone; they are stored as written
                    "posted_at": c.posted_at.replace(tzinfo=UTC)
                    if c.posted_at and c.posted_at.tzinfo is None
                    else c.posted_at,
                    "text": c.text,
                }
                for c in extraction.comments
            ],
        )
        doc["line_count"] = len(extraction.lines)
        doc["body"] = extraction.body
        doc["title"] = extraction.title
        doc["authors"] = extraction.authors or None
        doc["section"] = extraction.section
        if extraction.published_date is not None:
            doc["published_date"] = extraction.published_date
            doc["published_date_precision"] = extraction.published_date_precision
            doc["published_date_source"] = extraction.published_date_source


def split_lines(pages: list[Page]) -> None:
    """Without article extraction: every non-empty line is body, one paragraph each."""
    for page in pages:
        lines = [
            (no, line.strip()) for no, line in enumerate(page.text.split("\n"), 1) if line.strip()
        ]
        page.add_rows(
            "segments",
            [
                {
                    "doc_id": page.doc_id,
                    "line_no": no,
                    "text": text,
                    "label": "body",
                    "reason": "not_classified",
                }
                for no, text in lines
            ],
        )
        page.document["line_count"] = len(lines)
        page.document["body"] = "\n\n".join(text for _, text in lines)


def keep_verbatim_body(pages: list[Page]) -> None:
    """Without cleaning, body is the decoded input itself so offsets index the raw file."""
    for page in pages:
        page.document["body"] = page.text


def articles_stage(*, clean: bool = True, site_stats: SiteLineStats | None = None) -> Stage:
    """Article extraction (site-template evidence from the whole corpus in ``site_stats``)."""
    steps = [partial(extract_articles, site_stats=site_stats)]
    if not clean:
        steps.append(keep_verbatim_body)
    return Stage(
        "articles",
        tuple(steps),
        modules=("chronicle.stages.articles",),
        tables=("segments", "comments"),
        parameters=(("clean", clean),),
    )


def lines_stage(*, clean: bool = True) -> Stage:
    """Every non-empty line is body (no article extraction)."""
    steps = [split_lines] + ([] if clean else [keep_verbatim_body])
    return Stage(
        "lines",
        tuple(steps),
        modules=("chronicle.stages.articles",),
        tables=("segments",),
        parameters=(("clean", clean),),
    )
