"""Line classification: model scores + lexicon filters + main-block decoding.

Each step is a small unit in the datatrove spirit: a filter either keeps a line
or returns a drop *reason* code. Order:

1. ``line_features`` + the trained model give p(content) per line;
2. hard filters: widget lexicon, site template (corpus evidence), comment blocks;
3. the main article block is the contiguous run of lines maximising
   sum(p - threshold) weighted by line length (the article is mostly one region);
4. inside it, content lines are ``body``, short lines between them ``heading``;
   outside it, everything is boilerplate unless the model is very sure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from chronicle.boilerplate.body import is_hard_wrap
from chronicle.boilerplate.comments import CommentBlock, find_comment_blocks
from chronicle.boilerplate.config import MODEL_PATH, BoilerplateConfig
from chronicle.boilerplate.features import Line, headline_anchor, line_features, split_lines
from chronicle.boilerplate.lexicons import LINK_INTRO_WORDS
from chronicle.boilerplate.model import LineModel, load_model
from chronicle.boilerplate.sitestats import SiteLineStats
from schemas.codes import SEGMENT_LABELS, SEGMENT_REASONS

# The code lists live with the tables (segments.label, segments.reason).
LINE_LABELS = SEGMENT_LABELS
LINE_REASONS = SEGMENT_REASONS

_CAPTION = re.compile(
    r"^(?:photo|image|picture|pic|credit|foto|фото|gambar|ilustrasi|illustration|caption|"
    r"above|file photo|source)s?\b\s*(?:by|credit|:|\||/)|"
    r"\b(?:getty images|shutterstock|afp via getty)|"
    r"(?:^|[(\[|/—–:.]\s*)(?:photo by|photograph by|image by|image credit|photo credit|"
    r"photo courtesy|courtesy of)|"
    r"\((?:photo|image|picture|credit|foto|фото)s?\s*:|"
    r"/ ?(?:reuters|ap|afp|getty)\)?$",
    re.IGNORECASE,
)


_WORDS = re.compile(r"\w+")

# Characters that close a paragraph (a question or a colon usually closes a teaser).
_PARAGRAPH_END = frozenset('.!"”’»)]。！')


def is_caption(line: Line) -> bool:
    """Image caption or credit line ("Photo: ...", "Image by ...", "... / Getty Images")."""
    return line.words <= 40 and bool(_CAPTION.search(line.text))


@dataclass
class Classified:
    """Intermediate result of classification, consumed by metadata and body assembly."""

    text: str
    lines: list[Line]
    probs: list[float]
    labels: list[str]
    reasons: list[str]
    region: tuple[int, int] | None  # inclusive indices of the main block
    comments: list[CommentBlock] = field(default_factory=list)

    def indices(self, *labels: str) -> list[int]:
        """Indices of lines carrying one of ``labels``."""
        return [i for i, lab in enumerate(self.labels) if lab in labels]


def _best_region(scores: list[float]) -> tuple[int, int] | None:
    """Maximum-sum contiguous run (Kadane); None when every score is negative."""
    best, best_span = 0.0, None
    cur, cur_start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best_span


def _segments(scores: list[float]) -> list[tuple[int, int, float]]:
    """Positive runs found by Kadane's resets: (start, end, sum) of each run's best span."""
    out: list[tuple[int, int, float]] = []
    cur, start = 0.0, 0
    best: tuple[int, int, float] | None = None
    for i, s in enumerate(scores):
        if cur <= 0:
            if best is not None:
                out.append(best)
            cur, start, best = s, i, None
        else:
            cur += s
        if cur > 0 and (best is None or cur > best[2]):
            best = (start, i, cur)
    if best is not None:
        out.append(best)
    return out


def _template_hit(
    line: Line, site: str | None, stats: SiteLineStats | None, config: BoilerplateConfig
) -> bool:
    if stats is None or site is None or line.words > config.template_max_words:
        return False
    seen = stats.pages_seen(site)
    if seen < config.template_min_pages:
        return False
    count = stats.count(site, line.text)
    return count >= config.template_min_pages and count / seen >= config.template_min_share


def _model(config: BoilerplateConfig) -> LineModel:
    return load_model(str(config.model_path or MODEL_PATH))


def _drop_heading_runs(
    labels: list[str],
    reasons: list[str],
    probs: list[float],
    span: tuple[int, int],
    max_run: int,
    threshold: float,
) -> None:
    """Headings lead into paragraphs: a run of more than ``max_run`` headings is a list
    of links, and weak headings (model score below ``threshold``) closing the block
    lead nowhere."""
    a, b = span
    run: list[int] = []
    for i in range(a, b + 2):
        lab = labels[i] if i <= b else "end"
        if lab == "heading":
            run.append(i)
        elif lab in ("body", "end"):
            if len(run) > max_run:
                drop = run
            elif lab == "end":
                drop = [j for j in run if probs[j] < threshold]
            else:
                drop = []
            for j in drop:
                labels[j], reasons[j] = "boilerplate", "related_item"
            run = []


def _include_lists(
    lines: list[Line],
    labels: list[str],
    reasons: list[str],
    blocked: list[bool],
    span: tuple[int, int],
    min_items: int,
) -> int:
    """Keep lists announced inside the article; returns the (possibly later) block end.

    A kept heading, or a kept line ending in ":", followed by a block of several
    non-widget lines introduces a list ("Qualified teams" + one line per team). The
    items are short, so the line model alone drops them. Menus fail the size test
    (one or two words per item).
    """
    a, b = span
    n = len(lines)
    for i in range(a, b + 1):
        if labels[i] not in ("body", "heading") or i + 1 >= n:
            continue
        line = lines[i]
        heading_like = labels[i] == "heading" or (line.words <= 16 and not line.sent_end)
        if not heading_like and not line.text.endswith(":"):
            continue
        # "More Great WIRED Stories" (or a list whose first link sits right under it).
        prev = lines[i - 1] if i > 0 else None
        short_prev = prev is not None and prev.words <= 8 and not prev.sent_end
        intro = prev.text + " " + line.text if short_prev else line.text
        if any(w in LINK_INTRO_WORDS for w in _WORDS.findall(intro.lower())):
            continue
        block = lines[i + 1].block
        items = []
        k = i + 1
        while k < n and lines[k].block == block:
            items.append(k)
            k += 1
        if len(items) < min_items:
            continue
        if any(blocked[k] or labels[k] == "comment" for k in items):
            continue
        if sum(lines[k].words for k in items) < 3 * len(items):
            continue
        for k in items:
            if labels[k] != "body":
                labels[k], reasons[k] = "body", "list_item"
        b = max(b, items[-1])
    return b


@dataclass
class _Labelling:
    """The lines of a page and their labels as the steps of ``classify`` set them."""

    lines: list[Line]
    probs: list[float]
    config: BoilerplateConfig
    labels: list[str]
    reasons: list[str]
    blocked: list[bool]  # a hard filter holds: never body, whatever the model says

    def set(self, i: int, label: str, reason: str) -> None:
        self.labels[i], self.reasons[i] = label, reason


def classify(
    text: str,
    *,
    site: str | None,
    site_stats: SiteLineStats | None,
    config: BoilerplateConfig,
    probs: list[float] | None = None,
) -> Classified:
    """Label every non-empty line (body/heading/comment/boilerplate; metadata comes later).

    ``probs`` overrides the model (used by cross-validation in ``train``).
    """
    lines = split_lines(text, config.widget_max_words, config.appeal_max_words)
    n = len(lines)
    if probs is None:
        probs = _model(config).predict(line_features(lines)) if n else []
    page = _Labelling(
        lines, probs, config, ["boilerplate"] * n, ["outside_main_block"] * n, [False] * n
    )
    _hard_filters(page, site, site_stats)
    # Longer lines weigh more: sqrt keeps one long paragraph from outvoting a menu alone.
    weights = [math.sqrt(line.words + 1) for line in lines]
    thr = config.content_threshold
    scores = [
        -w if b else (p - thr) * w for w, b, p in zip(weights, page.blocked, probs, strict=True)
    ]
    region = _article_region(lines, scores, config)
    comments: list[CommentBlock] = []
    if region is not None:
        comments, region = _mark_comments(page, scores, region)
    if region is not None:
        region = _label_article(page, region)
    return Classified(text, lines, probs, page.labels, page.reasons, region, comments)


def _hard_filters(page: _Labelling, site: str | None, site_stats: SiteLineStats | None) -> None:
    """Hard filters that hold whatever the model says."""
    for i, line in enumerate(page.lines):
        if line.words == 0:
            page.blocked[i], page.reasons[i] = True, "empty_token_line"
        elif line.widget:
            page.blocked[i], page.reasons[i] = True, line.widget
        elif _template_hit(line, site, site_stats, page.config):
            page.blocked[i], page.reasons[i] = True, "site_template"


def _article_region(
    lines: list[Line], scores: list[float], config: BoilerplateConfig
) -> tuple[int, int] | None:
    """The best-scoring block of lines, moved under the headline when the page repeats it."""
    region = _best_region(scores)
    # The headline repeated on the page (html-text's first line is the <title>) marks
    # where the article starts: take the first substantial block after it rather than
    # a sidebar or comment thread that happens to hold more text.
    anchor = headline_anchor(lines)
    if region is not None and anchor is not None:
        segments = _segments(scores[anchor + 1 :])
        if segments:
            top = max(seg[2] for seg in segments)
            good = [seg for seg in segments if seg[2] >= config.anchor_min_share * top]
            # Right under the headline a standfirst may form its own small block before
            # the byline: the biggest block starting near the headline is the article.
            near = [seg for seg in good if seg[0] < config.anchor_window]
            chosen = max(near, key=lambda seg: seg[2]) if near else good[0]
            region = (anchor + 1 + chosen[0], anchor + 1 + chosen[1])
    return region


def _mark_comments(
    page: _Labelling, scores: list[float], region: tuple[int, int]
) -> tuple[list[CommentBlock], tuple[int, int] | None]:
    """Comments come after the article starts; cut the block at the first comment header."""
    lines, probs, thr = page.lines, page.probs, page.config.content_threshold
    # Comments follow the article: look for them only after a couple of paragraphs.
    paragraphs = [
        i
        for i in range(region[0], region[1] + 1)
        if not page.blocked[i] and probs[i] >= thr and lines[i].sent_end and lines[i].words >= 8
    ]
    after = paragraphs[1] + 1 if len(paragraphs) >= 2 else region[1] + 1
    comments = find_comment_blocks(lines, after, page.config.comment_min_chars)
    if comments:
        first = comments[0].header[0]
        for block in comments:
            for j in block.header:
                page.set(j, "comment", "comment_header")
            for j in block.text:
                page.set(j, "comment", "comment_text")
                page.blocked[j] = True
        if first <= region[1]:
            sub = _best_region(scores[region[0] : first])
            return comments, None if sub is None else (region[0] + sub[0], region[0] + sub[1])
    return comments, region


def _label_article(page: _Labelling, region: tuple[int, int]) -> tuple[int, int]:
    """Body and headings inside the article block, then the rules that refine them."""
    config = page.config
    a, b = _label_region(page, region)
    if config.include_lists:
        b = _include_lists(
            page.lines, page.labels, page.reasons, page.blocked, (a, b), config.list_min_items
        )
    _keep_prose_outside(page, a, b)
    _mark_captions(page)
    _headings_and_wraps(page)
    if config.trim_tail:
        _trim_tail(page, a, b)
    # Headings lead into paragraphs: drop trailing ones and runs of three or more
    # (a list of headlines is a related-articles box, not article structure).
    _drop_heading_runs(
        page.labels, page.reasons, page.probs, (a, b), config.max_heading_run,
        config.content_threshold,
    )  # fmt: skip
    return (a, b)


def _label_region(page: _Labelling, region: tuple[int, int]) -> tuple[int, int]:
    lines, probs, labels, blocked, config = (
        page.lines, page.probs, page.labels, page.blocked, page.config
    )  # fmt: skip
    n, thr = len(lines), config.content_threshold
    a, b = region
    # The article's last paragraph sits next to the first widgets and the model
    # discounts it: extend the block over clear prose the model does not reject.
    while (
        b + 1 < n
        and not blocked[b + 1]
        and labels[b + 1] != "comment"
        and probs[b + 1] >= config.edge_threshold
        and lines[b + 1].prose
        and lines[b + 1].sent_end
    ):
        b += 1
    extended = set(range(region[1] + 1, b + 1))
    for i in range(a, b + 1):
        if blocked[i] or labels[i] == "comment":
            continue
        line = lines[i]
        if probs[i] >= thr or i in extended:
            page.set(i, "body", "content_model")
        elif (
            line.words <= config.heading_max_words
            and not line.has_date
            and probs[i] >= config.heading_threshold
        ):
            page.set(i, "heading", "inline_heading")
        else:
            page.reasons[i] = "short_nav_line" if line.words <= 6 else "low_content_score"
    return a, b


def _keep_prose_outside(page: _Labelling, a: int, b: int) -> None:
    """Outside the block: keep only confident prose (articles split by an ad block)."""
    config, lines = page.config, page.lines
    for i in list(range(0, a)) + list(range(b + 1, len(lines))):
        if (
            not page.blocked[i]
            and page.labels[i] == "boilerplate"
            and page.probs[i] >= config.outside_keep_threshold
            and lines[i].words >= config.outside_keep_min_words
        ):
            page.set(i, "body", "content_outside_block")


def _mark_captions(page: _Labelling) -> None:
    """Captions and credits inside the article are not body text."""
    for i, line in enumerate(page.lines):
        if page.labels[i] in ("body", "heading") and is_caption(line):
            page.set(i, "caption", "caption_credit")


def _headings_and_wraps(page: _Labelling) -> None:
    """Short unpunctuated lines read as headings, unless the next line continues the
    sentence (a hard wrap): then both are body."""
    lines, labels, reasons = page.lines, page.labels, page.reasons
    n = len(lines)
    for i in range(n):
        line = lines[i]
        wrapped = (
            i + 1 < n and labels[i + 1] in ("body", "heading") and is_hard_wrap(line, lines[i + 1])
        )
        if labels[i] in ("body", "heading") and wrapped:
            page.set(i, "body", "content_model")
        elif (
            labels[i] == "body"
            and reasons[i] != "list_item"
            and line.words <= page.config.heading_max_words
            and not (line.sent_end)
        ):
            page.set(i, "heading", "inline_heading")


def _trim_tail(page: _Labelling, a: int, b: int) -> None:
    """The article ends with a paragraph: kept lines after its last full sentence are link
    lists and teasers ("Royal wedding 2020: Will ...?")."""
    lines, labels, reasons = page.lines, page.labels, page.reasons
    last = max(
        (
            i
            for i in range(a, b + 1)
            if labels[i] == "body" and lines[i].words >= 6 and lines[i].text[-1] in _PARAGRAPH_END
        ),
        default=None,
    )
    tail = (
        []
        if last is None
        else [
            i
            for i in range(last + 1, b + 1)
            if labels[i] in ("body", "heading") and reasons[i] != "list_item"
        ]
    )
    # One or two stray lines may be the article's own ending; a list is not.
    if len(tail) >= page.config.tail_min_lines:
        for i in tail:
            page.set(i, "boilerplate", "related_item")
