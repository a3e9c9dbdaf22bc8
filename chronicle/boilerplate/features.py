"""Per-line features: shape of the line itself plus its neighbourhood on the page.

The page text is split on "\\n"; blank lines separate blocks (html-text puts a
blank line between paragraphs and a single newline between items of a list or
menu). Features are computed column-wise with numpy (a few array operations per page
instead of Python loops per line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from chronicle.boilerplate.dates import find_dates, has_relative_time
from chronicle.boilerplate.lexicons import STOPWORDS, WIDGET_PHRASES

_WORD = re.compile(r"\w+")
_SENT_CHARS = frozenset('.!?…:;"”»)]。！？」』')
# Chinese/Japanese/Korean script: no spaces between words, so count characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# A word starting with a capital letter (Latin or Cyrillic).
_CAP_START = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞА-ЯЁ]")
_DIGIT = re.compile(r"\d")
# Characters and strings that separate menu items or title parts.
_SEPARATORS = ("|", "•", "»", "›", "·", "/", " - ")


@dataclass(slots=True)
class Line:
    """One non-empty input line with its position and cheap shape statistics."""

    line_no: int  # 1-based number in the input split on "\n"
    text: str
    block: int  # index of the blank-line separated block
    block_pos: int  # position inside the block
    block_len: int = 1
    words: int = 0
    chars: int = 0
    stop_ratio: float = 0.0
    cap_ratio: float = 0.0
    sent_end: bool = False
    widget: str | None = None  # reason code of the first widget phrase found (short lines)
    has_date: bool = False
    word_chars: int = 0  # characters inside word tokens
    # Cheap character counts used by the features (str.count runs in C).
    commas: int = 0
    spaces: int = 0
    digits: int = 0
    separators: int = 0
    url: bool = False

    @property
    def prose(self) -> bool:
        """Running text: enough words and function words."""
        return self.words >= 10 and self.stop_ratio >= 0.15


@dataclass(frozen=True)
class _WidgetIndex:
    """The widget lexicon indexed for a few dict lookups per line."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]]  # phrases by first token
    first: dict[str, str]  # "^word": only as a line's first token
    whole: dict[tuple[str, ...], str]  # "=words": the whole line (digits ignored)
    prefixes: dict[str, list[tuple[str, str]]]  # "stem*" by the stem's first 3 letters


def _build_widget_index() -> _WidgetIndex:
    """Index the widget lexicon (see the phrase syntax in lexicons)."""
    index = _WidgetIndex({}, {}, {}, {})
    for reason, phrases in WIDGET_PHRASES.items():
        for phrase in phrases:
            if phrase.startswith("^"):
                index.first.setdefault(phrase[1:], reason)
            elif phrase.startswith("="):
                index.whole.setdefault(tuple(_WORD.findall(phrase[1:])), reason)
            elif phrase.endswith("*"):
                stem = phrase[:-1]
                index.prefixes.setdefault(stem[:3], []).append((stem, reason))
            elif phrase != "©":
                key = tuple(_WORD.findall(phrase))
                index.by_first.setdefault(key[0], []).append((key, reason))
    for entries in index.by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_INDEX = _build_widget_index()
# Reasons whose phrases are specific enough to trust in longer lines too.
_APPEAL_REASONS = frozenset(
    {"donation_appeal", "newsletter_prompt", "comment_widget", "copyright_line"}
)
# Stems ("комментари*") only in lines this short: prose inflects the same words.
_STEM_MAX_WORDS = 4


def widget_reason(
    text: str, tokens: list[str], max_words: int = 14, appeal_max_words: int = 40
) -> str | None:
    """Reason code of the widget lexicon matching a short line, else None.

    ``tokens`` are the line's lower-cased word tokens.
    """
    n = len(tokens)
    if n > appeal_max_words or n == 0:
        return "copyright_line" if n <= appeal_max_words and "©" in text else None
    if "©" in text:
        return "copyright_line"
    low = tokens  # already lower case
    short = n <= max_words
    if short and low[0] in _INDEX.first:
        return _INDEX.first[low[0]]
    if n <= _STEM_MAX_WORDS:
        whole = _INDEX.whole.get(tuple(t for t in low if not t.isdigit()))
        if whole:
            return whole
    for start, tok in enumerate(low):
        entries = _INDEX.by_first.get(tok)
        if entries:
            for key, reason in entries:
                size = len(key)
                if tuple(low[start : start + size]) != key:
                    continue
                # In longer lines only multi-word appeals count ("we need your support"):
                # prose says "declined to comment" or "subscribe" too.
                if short or (reason in _APPEAL_REASONS and size >= 3):
                    return reason
        if n <= _STEM_MAX_WORDS and not tok.isascii():
            for stem, reason in _INDEX.prefixes.get(tok[:3], ()):
                if tok.startswith(stem):
                    return reason
    return None


def split_lines(text: str, widget_max_words: int = 14, appeal_max_words: int = 40) -> list[Line]:
    """Non-empty lines with block structure and per-line statistics."""
    out: list[Line] = []
    block = 0
    pos = 0
    prev_blank = True
    raw_lines = text.split("\n")
    # A page saved without blank lines has no block structure to read: treat every
    # line as its own block rather than the whole page as one giant menu.
    flat = len(raw_lines) > 20 and "\n\n" not in text.replace("\r", "").replace(" \n", "\n")
    for i, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        if not stripped:
            if not prev_blank:
                block += 1
                pos = 0
            prev_blank = True
            continue
        if flat and not prev_blank:
            block += 1
            pos = 0
        prev_blank = False
        low = stripped.lower()
        tokens = _WORD.findall(low)
        n = len(tokens)
        if not low.isascii() and (cjk := len(_CJK.findall(low))):
            # About two characters per word in CJK text.
            n += cjk // 2
        stops = sum(map(STOPWORDS.__contains__, tokens))
        caps = len(_CAP_START.findall(stripped))
        word_chars = sum(map(len, tokens))
        digits = len(_DIGIT.findall(stripped)) if _DIGIT.search(stripped) else 0
        # Positional arguments in field order: this runs for every line of every page.
        line = Line(
            i,
            stripped,
            block,
            pos,
            1,
            n,
            len(stripped),
            stops / n if n else 0.0,
            caps / n if n else 0.0,
            stripped[-1] in _SENT_CHARS,
            widget_reason(stripped, tokens, widget_max_words, appeal_max_words),
            # Every date form we parse has a 4-digit year; "3 hours ago" has none.
            (digits >= 4 and bool(find_dates(stripped)))
            or ("ago" in low and has_relative_time(low)),
            word_chars,
            stripped.count(","),
            stripped.count(" "),
            digits,
            sum(map(stripped.count, _SEPARATORS)),
            "http" in low or "www." in low or ".com" in low or ".org" in low,
        )
        out.append(line)
        pos += 1
    # Block sizes.
    sizes: dict[int, int] = {}
    for line in out:
        sizes[line.block] = sizes.get(line.block, 0) + 1
    for line in out:
        line.block_len = sizes[line.block]
    return out


_TITLE_PARTS = re.compile(r"\s+(?:\||–|—|-|::|»|·)\s+")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def headline_anchor(lines: list[Line]) -> int | None:
    """Index of the first later line repeating the page title (or its longest part).

    html-text's first line is the page <title>; where the headline shows again on the
    page is where the article starts.
    """
    if len(lines) < 2:
        return None
    first = lines[0].text
    keys = {_norm(first)}
    parts = [p for p in _TITLE_PARTS.split(first) if p.strip()]
    if parts:
        keys.add(_norm(max(parts, key=len)))
    keys = {k for k in keys if k.count(" ") >= 2}
    if not keys:
        return None
    for i in range(1, len(lines)):
        if lines[i].words >= 3 and _norm(lines[i].text) in keys:
            return i
    return None


FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "stop_ratio",
    "cap_ratio",
    "sent_end",
    "comma_ratio",
    "punct_ratio",
    "digit_ratio",
    "separators",
    "url",
    "widget",
    "has_date",
    "starts_lower",
    "block_len_log",
    "block_pos_first",
    "prose",
    "prev_log_chars",
    "next_log_chars",
    "prev_stop",
    "next_stop",
    "win_prose",
    "win_log_chars",
    "win_widget",
    "prose_before",
    "prose_after",
    "inside_prose_span",
    "rel_pos",
    "short_title_like",
    "prose_x_span",
    "stop_x_chars",
    "block_mean_words",
    "block_single",
)


def line_features(lines: list[Line]) -> np.ndarray:
    """Feature matrix (lines x FEATURE_NAMES) of a page, computed column-wise in numpy.

    Per-line Python work is limited to reading the Line fields; the neighbourhood
    features are shifts and windowed sums over whole columns.
    """
    n = len(lines)
    if not n:
        return np.zeros((0, len(FEATURE_NAMES)))
    base = np.array(
        [
            (
                x.chars,
                x.words,
                x.word_chars,
                x.stop_ratio,
                x.cap_ratio,
                x.sent_end,
                x.widget is not None,
                x.has_date,
                x.block_len,
                x.block_pos == 0,
                x.text[0].islower(),
                x.commas,
                x.spaces,
                x.digits,
                x.separators,
                x.url,
                x.block,
            )
            for x in lines
        ],
        dtype=float,
    )
    (
        chars,
        words,
        word_chars,
        stop,
        cap,
        sent_end,
        widget,
        has_date,
        block_len,
        block_first,
        starts_lower,
        commas,
        spaces,
        digits,
        seps,
        url,
        block_col,
    ) = base.T
    blocks = block_col.astype(np.int64)

    safe_chars = np.maximum(chars, 1.0)
    safe_words = np.maximum(words, 1.0)
    log_chars = np.log1p(chars)
    prose = ((words >= 10) & (stop >= 0.15)).astype(float)

    def shifted(col: np.ndarray, k: int) -> np.ndarray:
        out = np.zeros(n)
        if k > 0:
            out[k:] = col[:-k]
        else:
            out[:k] = col[-k:]
        return out

    # Windowed means over +-3 lines (truncated at the page edges).
    idx = np.arange(n)
    lo = np.maximum(0, idx - 3)
    hi = np.minimum(n, idx + 4)
    width = hi - lo

    def window_mean(col: np.ndarray) -> np.ndarray:
        cum = np.concatenate(([0.0], np.cumsum(col)))
        return (cum[hi] - cum[lo]) / width

    # Where the page's running text lies relative to each line.
    prose_chars = chars * prose
    total_prose = prose_chars.sum() or 1.0
    before = np.cumsum(prose_chars) - prose_chars
    prose_before = before / total_prose
    prose_after = (total_prose - before - prose_chars) / total_prose
    prose_idx = np.flatnonzero(prose)
    inside = np.zeros(n)
    if prose_idx.size:
        inside[prose_idx[0] : prose_idx[-1] + 1] = 1.0
    title_like = ((words >= 3) & (words <= 20) & (cap >= 0.5) & (sent_end == 0)).astype(float)
    block_words = np.bincount(blocks, weights=words)[blocks]

    columns = [
        log_chars,
        np.log1p(words),
        stop,
        cap,
        sent_end,
        commas / safe_words,
        np.maximum(0.0, chars - word_chars - spaces) / safe_chars,
        digits / safe_chars,
        np.minimum(seps, 5.0),
        url,
        widget,
        has_date,
        starts_lower,
        np.log1p(block_len),
        block_first,
        prose,
        shifted(log_chars, 1),
        shifted(log_chars, -1),
        shifted(stop, 1),
        shifted(stop, -1),
        window_mean(prose),
        window_mean(log_chars),
        window_mean(widget),
        prose_before,
        prose_after,
        inside,
        idx / n,
        title_like,
        prose * np.minimum(prose_before, prose_after) * 4,
        stop * log_chars,
        np.log1p(block_words / block_len),
        (block_len == 1).astype(float),
    ]
    return np.column_stack(columns)
