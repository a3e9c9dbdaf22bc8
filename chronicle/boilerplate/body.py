"""Body assembly: body and heading lines in order, hard wraps re-joined, footnote
markers removed, paragraphs separated by a blank line.

Later stages index the body by character offset, so the output depends only on
the input lines and the config (no randomness, no dict-order effects).
"""

from __future__ import annotations

import re

from chronicle.boilerplate.features import Line

# "[i]", "[iv]", "[12]" footnote markers; bracketed words ("[the so-called]") stay.
_FOOTNOTE = re.compile(r"\s?\[(?:[ivxlc]{1,6}|\d{1,3})\]")
# A marker cut in half at a line start: "v]Russian officials ...".
_STRAY_START = re.compile(r"^(?:[ivxlc]{1,6}|\d{1,3})\]\s*")
_SPACES = re.compile(r"[ \t]{2,}")
# A line ends mid-sentence when it lacks terminal punctuation.
_TERMINAL = re.compile(r"[.!?…:;\"”’»)\]。！？」』]\s*$")


def clean_footnotes(text: str) -> str:
    """Drop footnote markers and a truncated marker at the start of the text."""
    if "]" not in text:  # no marker possible: the common case, skip the regexes
        return text.strip()
    text = _STRAY_START.sub("", text)
    text = _FOOTNOTE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_hard_wrap(prev: Line, cur: Line) -> bool:
    """True when ``cur`` continues the sentence ``prev`` broke off (same block, no
    terminal punctuation before, lower-case start after)."""
    if cur.block != prev.block:
        return False
    if _TERMINAL.search(prev.text):
        return False
    first = cur.text[0]
    return first.islower() or (prev.text.endswith(("-", ",")) and first.isalnum())


def assemble_body(
    lines: list[Line], keep: list[int], *, join_wraps: bool = True, strip_markers: bool = True
) -> str:
    """Join the kept lines (indices into ``lines``) into the body text."""
    paragraphs: list[str] = []
    prev: Line | None = None
    for i in keep:
        line = lines[i]
        text = clean_footnotes(line.text) if strip_markers else line.text
        if not text:
            continue
        if join_wraps and prev is not None and paragraphs and is_hard_wrap(prev, line):
            paragraphs[-1] = paragraphs[-1] + " " + text
        else:
            paragraphs.append(text)
        prev = line
    return "\n\n".join(paragraphs)
