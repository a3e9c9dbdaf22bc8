"""All tunable defaults of the boilerplate stage in one place (like trafilatura's config).

Override with ``BoilerplateConfig(content_threshold=0.6)`` or
``DEFAULT_CONFIG.with_overrides(**kw)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("line_model.json")


@dataclass(frozen=True)
class BoilerplateConfig:
    """Thresholds and switches for line classification, metadata and comments."""

    # Line model: probability above which a line counts as article content.
    content_threshold: float = 0.5
    # Prose right after the block's end joins it when scoring at least this much.
    edge_threshold: float = 0.25
    # Keep a block of >= list_min_items lines announced by a heading or a line ending ":".
    include_lists: bool = True
    list_min_items: int = 3
    # Drop kept lines after the block's last full-sentence paragraph.
    trim_tail: bool = True
    tail_min_lines: int = 3
    # Short lines inside the article block scoring above this are kept as headings.
    heading_threshold: float = 0.25
    # After the repeated headline, blocks holding this share of the best block's score
    # are candidates for the article.
    anchor_min_share: float = 0.25
    # Of the blocks starting within this many lines after the headline, the largest wins.
    anchor_window: int = 20
    # More consecutive short unpunctuated lines than this (no paragraph between) are a
    # menu or link list that slipped into the block, not article headings.
    max_heading_run: int = 10
    # Lines scoring above this are kept even outside the main block (articles split by
    # an ad block). Off by default (> 1): on the benchmark it kept comment threads and
    # teaser lists more often than split paragraphs.
    outside_keep_threshold: float = 1.01
    outside_keep_min_words: int = 12
    # Path of the trained line model (JSON logistic regression); None = packaged file.
    model_path: str | None = None
    # Widget lexicons only fire on short lines: long lines are prose that may mention "share".
    widget_max_words: int = 14
    # Strong prompts (donation, newsletter) are recognised in lines up to this many words.
    appeal_max_words: int = 40
    # A short line between two body lines is kept as an in-article heading up to this size.
    heading_max_words: int = 16
    # Site statistics: a line seen on at least this many pages of a site is template text...
    template_min_pages: int = 3
    # ... and on at least this share of the site's pages.
    template_min_share: float = 0.3
    # Lines longer than this are never treated as template text (long repeated lines are
    # rare, and dropping a repeated paragraph by mistake costs a lot).
    template_max_words: int = 60
    # Metadata is searched this many non-empty lines above the body start.
    header_window: int = 14
    # ... and this many lines after the body end (trailing bylines).
    trailer_window: int = 6
    # A section label is at most this many lines from the headline, byline or article.
    section_window: int = 4
    # An author box (bare name) is looked for this many lines after the article.
    author_box_window: int = 12
    # Lines longer than this are never a title.
    title_max_chars: int = 250
    # A comment needs at least this many characters of text under its header.
    comment_min_chars: int = 2
    # Reassemble hard-wrapped lines inside a block.
    join_hard_wraps: bool = True
    # Remove footnote markers such as "[iv]" from the body.
    strip_footnote_markers: bool = True

    def with_overrides(self, **overrides: object) -> BoilerplateConfig:
        """Copy with some fields replaced (unknown names raise TypeError)."""
        return replace(self, **overrides)


DEFAULT_CONFIG = BoilerplateConfig()
