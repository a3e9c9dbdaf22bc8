"""Reader comments: find "Name  Month D, YYYY at H:MM am" headers after the article and
collect the text under each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from chronicle.boilerplate.dates import find_dates, find_datetime, find_time, has_relative_time
from chronicle.boilerplate.features import Line
from chronicle.boilerplate.lexicons import NAME_PARTICLES

_SAYS = re.compile(r"\s*(?:says|said|wrote|disse|пишет|berkata)\s*:?\s*$", re.IGNORECASE)
_AUTHOR_TRIM = re.compile(r"[\s,|•·@–—\-:]+(?:on|am|em|pada)?[\s,|•·@–—\-:]*$", re.IGNORECASE)
_NAME_OK = re.compile(r"^[^\d\n@]{1,60}$")
_HEADER_WORDS = re.compile(
    r"^(?:published|posted|updated|by|por|oleh|от|date|filed|last|modified|copyright)\b",
    re.IGNORECASE,
)
_RELATIVE_START = re.compile(
    r"^\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE
)
_NAME_THEN_AGO = re.compile(
    r"^(?P<name>[^\d]+?)\s*[·|,~•\-–—]?\s*\d+\s+"
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\W*$",
    re.IGNORECASE,
)
_AT = re.compile(r"\b(?:at|às|в|pukul|um)\b|@|\d:\d\d", re.IGNORECASE)


@dataclass
class CommentBlock:
    """A reader comment located in the page: header line indices and text line indices."""

    header: list[int]
    text: list[int] = field(default_factory=list)
    author: str | None = None
    posted_at: datetime | None = None


def _author_from_prefix(prefix: str, max_tokens: int = 5) -> str | None:
    prefix = _SAYS.sub("", prefix)
    prefix = _AUTHOR_TRIM.sub("", prefix).strip(" \t,|-–—:")
    tokens = prefix.split()
    if not prefix or not _NAME_OK.match(prefix) or len(tokens) > max_tokens:
        return None
    # A user handle ("carlos") or capitalised name words ("Walkin O'Shea", "Nick A"), not
    # a phrase: "Apple's new ..." or "Molten planetary core" fail.
    if len(tokens) > 1 and any(
        not t[0].isupper() and t.lower() not in NAME_PARTICLES for t in tokens
    ):
        return None
    return prefix


def parse_header(line: Line, next_line: Line | None) -> tuple[int, str | None, datetime | None]:
    """Recognise a comment header at ``line``: (number of header lines, author, time).

    Returns (0, None, None) when the line is not a header. Forms accepted:
    "Name Month D, YYYY at H:MM am", "Name says: <date>", "Name" followed by a
    date/time line, "Name · 3 hours ago".
    """
    text = line.text
    # Every header form carries digits (a date, a time or "3 hours ago") on the line
    # itself or on the next one: most lines leave here.
    if line.digits == 0 and (next_line is None or next_line.digits == 0):
        return 0, None, None
    if line.words > 16 or _HEADER_WORDS.match(text):
        return 0, None, None
    dates = [d for d in find_dates(text) if d.precision == "day"]
    if dates:
        # A stamp with a time ("at 3:42 am") is what distinguishes comment headers from datelines.
        rest = text[dates[0].end :]
        if not (_AT.search(rest) or find_time(rest) or _SAYS.search(text[: dates[0].start])):
            return 0, None, None
        author = _author_from_prefix(text[: dates[0].start])
        if author:
            return 1, author, find_datetime(text)
        return 0, None, None
    if has_relative_time(text):
        # "Name · 3 hours ago": the stamp closes the line and the name is short.
        m = _NAME_THEN_AGO.match(text)
        author = _author_from_prefix(m["name"], max_tokens=3) if m else None
        if author:
            return 1, author, None
        return 0, None, None
    # Two-line header: a bare name, then a date/time-only line.
    if (
        next_line is not None
        and line.words <= 4
        and _NAME_OK.match(text)
        and not line.widget
        and next_line.words <= 10
        and next_line.block - line.block <= 1
    ):
        stamp = [d for d in find_dates(next_line.text) if d.precision == "day"]
        # The date line must carry no name of its own (else it is a header by itself).
        lead = next_line.text[: stamp[0].start].strip(" ,|-–—:") if stamp else ""
        if (
            stamp
            and lead.lower() in ("", "on", "at", "em", "pada")
            and (find_time(next_line.text) or _AT.search(next_line.text))
        ):
            return 2, _author_from_prefix(text), find_datetime(next_line.text)
        # "Name" then "2 days ago at 07:52 am".
        if _RELATIVE_START.match(next_line.text) and (author := _author_from_prefix(text, 3)):
            return 2, author, None
    return 0, None, None


def find_comment_blocks(lines: list[Line], start: int, min_chars: int = 2) -> list[CommentBlock]:
    """Comment blocks from line index ``start`` on: each header plus the text under it.

    Text runs until the next header or a widget line (e.g. "Leave a Comment"); a
    header with no text under it is not a comment.
    """
    blocks: list[CommentBlock] = []
    current: CommentBlock | None = None
    i = start
    n = len(lines)
    while i < n:
        line = lines[i]
        size, author, posted = parse_header(line, lines[i + 1] if i + 1 < n else None)
        if size:
            current = CommentBlock(header=list(range(i, i + size)), author=author, posted_at=posted)
            blocks.append(current)
            i += size
            continue
        if current is not None:
            if line.widget and line.words <= 14:
                current = None  # a widget closes the comment list ("Leave a Comment", "Reply")
            else:
                current.text.append(i)
        i += 1
    return [b for b in blocks if b.text and sum(lines[j].chars for j in b.text) >= min_chars]
