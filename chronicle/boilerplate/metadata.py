"""Metadata from the lines around the article: title, authors, date, section.

Searches the header zone (lines just above the first body line, plus the page's
first line, which html-text takes from <title>) and the trailer zone (lines just
after the article). Never invents: a field stays None/empty when the page does
not state it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from chronicle.boilerplate.classify import Classified, is_caption
from chronicle.boilerplate.config import BoilerplateConfig
from chronicle.boilerplate.dates import DateMatch, find_dates
from chronicle.boilerplate.features import Line, headline_anchor
from chronicle.boilerplate.lexicons import (
    BYLINE_PREFIX,
    NAME_PARTICLES,
    ORG_WORDS,
    PUBLISHED_PREFIX,
    SECTION_JOINERS,
    SECTION_WORDS,
    STOPWORDS,
    UI_WORDS,
)

# Codes of PageExtraction.published_date_source, most trusted first (a subset of
# schemas.codes.DATE_SOURCES, which also has the sidecar, the user and inferred dates).
PAGE_DATE_SOURCES: tuple[str, ...] = ("published_line", "byline", "dateline", "html_metadata")

_WORD = re.compile(r"\w+")
_TITLE_SPLIT = re.compile(r"\s+(?:\||–|—|-|::|»|·)\s+")
# A capitalised name token; dots only after initials ("J.", "J.R."), never "site.info".
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]*\.?$|^(?:[A-Z]\.)+$")
_BYLINE_CUT = re.compile(
    r"\s*(?:\(|\||•|·|—|–| - |,?\s+(?:for|in|at|on|updated|published|posted)\s|\d).*$",
    re.IGNORECASE,
)
_UPDATED_BEFORE = re.compile(
    r"(?:updated|modified|atualizado|actualizado|обновлено|diperbarui|mis à jour)"
    r"\W*(?:on|em|el)?\W*$",
    re.IGNORECASE,
)
# "... / Original Nov. 19, 2019", "Posted on 5 May 2020": the date right after says
# when the piece was published.
_PUBLISHED_BEFORE = re.compile(
    r"(?:published|posted|original|first published|publicado|опубликовано|diterbitkan)"
    r"\W*(?:on|em|el|pada)?\W*$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Separators between a name and the date that follows it ("Jane Smith | ", "Jo Li - on").
_LEAD_TRIM = re.compile(r"[\s|•·,\-–—/]*(?:on|am|em|pada)?[\s|•·,\-–—/:]*$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_LONE_BY = re.compile(r"^(?:by|written by|por|oleh|от|par|von)\s*:?$", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\be\b|\bdan\b|\bи\b|\by\b|\bet\b|\bund\b)\s*")
_SECTION_PREFIX = re.compile(
    r"^(?:filed (?:to|under)|category|categories|section|posted in|categoria|рубрика|kategori)"
    r"\s*:?\s*",
    re.IGNORECASE,
)


@dataclass
class Metadata:
    """Extracted metadata and the line indices that carried it (for labelling)."""

    title: str | None = None
    title_lines: tuple[int, ...] = ()
    authors: tuple[str, ...] = ()
    author_lines: tuple[int, ...] = ()
    author_reasons: tuple[str, ...] = ()
    published_date: date | None = None
    published_date_precision: str | None = None
    published_date_source: str | None = None
    date_line: int | None = None
    section: str | None = None
    section_line: int | None = None


def normalise_title(text: str) -> str:
    """Lower-case word form used to spot the same headline twice."""
    return " ".join(_WORD.findall(text.lower()))


def looks_like_name(text: str, max_tokens: int = 5) -> bool:
    """2-``max_tokens`` capitalised tokens (particles allowed), no digits, no organisation,
    section or interface words."""
    text = text.strip().strip(".,;:")
    tokens = text.split()
    if not 2 <= len(tokens) <= max_tokens or len(text) > 45 or _DIGIT.search(text):
        return False
    caps = 0
    for tok in tokens:
        if _INITIALS.match(tok):
            continue  # "E." in "Sarah E. Needleman"
        low = tok.lower().strip(".,")
        if low in ORG_WORDS or low in UI_WORDS or low in SECTION_WORDS:
            return False
        if low in NAME_PARTICLES:
            continue
        if low in STOPWORDS or not _NAME_TOKEN.match(tok):
            return False
        caps += 1
    return caps >= 2


def _dedupe_repeat(name: str) -> str:
    """ "Sean Martin Sean Martin" (a name printed twice by the layout) -> "Sean Martin"."""
    tokens = name.split()
    half = len(tokens) // 2
    if len(tokens) % 2 == 0 and half and tokens[:half] == tokens[half:]:
        return " ".join(tokens[:half])
    return name


def _bare_name(line: Line) -> bool:
    """A line holding only a person's name: 2-3 tokens, mixed case, not a widget."""
    return (
        line.widget is None
        and line.block_len <= 2
        and not line.text.isupper()
        and looks_like_name(line.text, max_tokens=3)
    )


def is_section_label(text: str) -> bool:
    """Short label made of newsroom section words ("News & Analysis", "Politics")."""
    tokens = [t.lower() for t in re.findall(r"[\w']+|&|/|\|", text)]
    if not tokens or len(tokens) > 6:
        return False
    content = [t for t in tokens if t not in SECTION_JOINERS]
    if not content:
        return False
    return sum(t in SECTION_WORDS for t in content) / len(content) >= 0.99


def byline_authors(text: str) -> list[str]:
    """Person names from a "By A, B and C" line (agency and site names dropped)."""
    m = BYLINE_PREFIX.match(text)
    rest = text[m.end() :] if m else text
    dates = find_dates(rest)
    if dates:
        rest = rest[: dates[0].start]  # "By Regan December 6, 2017"
    rest = _BYLINE_CUT.sub("", rest).strip()
    names = []
    for part in _AUTHOR_SPLIT.split(rest):
        part = _dedupe_repeat(part.strip(" .,;:"))
        if looks_like_name(part):
            names.append(part)
            continue
        # "JOHN SMITH Associated Press": the longest leading run of tokens that is a name,
        # followed by an organisation of two words or more ("European Space Agency" is
        # not "European Space").
        tokens = part.split()
        for k in range(min(len(tokens) - 2, 5), 1, -1):
            if looks_like_name(" ".join(tokens[:k])):
                names.append(" ".join(tokens[:k]))
                break
    return names


def _title_parts(text: str) -> list[str]:
    """A page <title> such as "Headline | Site" split into its parts, longest first."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(text) if p.strip()]
    return sorted(parts, key=len, reverse=True)


def _best_date(text: str) -> DateMatch | None:
    """Most useful date in a line: Gregorian day > Hijri day > month precision.

    A date introduced by "Updated" is a revision, not the publication date.
    """
    found = [d for d in find_dates(text) if not _UPDATED_BEFORE.search(text[: d.start][-25:])]
    if not found:
        return None

    def rank(d: DateMatch) -> tuple[int, int]:
        return ({"day": 0, "month": 1, "year": 2}[d.precision], d.calendar != "gregorian")

    return min(found, key=rank)


def _title_candidate(line: Line, text: str, usable: bool, config: BoilerplateConfig) -> bool:
    """A line that may hold the headline: not chrome, a date, a byline, a label or a name."""
    return not (
        not usable
        or not normalise_title(text)
        or line.widget
        or len(text) > config.title_max_chars
        or len(_WORD.findall(text)) < 2
        or is_caption(line)
        or BYLINE_PREFIX.match(text)
        or PUBLISHED_PREFIX.match(text)
        or find_dates(text)
        or is_section_label(text)
        or looks_like_name(text)
    )


@dataclass(frozen=True)
class _Zones:
    """Where metadata may stand: lines around the article's paragraphs."""

    start: int  # first paragraph
    end: int  # last paragraph
    first_comment: int
    usable: list[bool]  # may carry metadata at all
    header: list[int]  # usable lines just above the article
    trailer: list[int]  # usable lines just below it, before related lists and comments


def extract_metadata(c: Classified, config: BoilerplateConfig) -> Metadata:
    """Title, authors, date and section from the lines around the article body."""
    meta = Metadata()
    lines = c.lines
    if not lines:
        return meta
    zones = _zones(c, config)
    _find_title(meta, lines, zones, config)
    _find_authors(meta, lines, zones, config)
    _find_date(meta, lines, zones)
    _find_section(meta, lines, zones, config)
    return meta


def _zones(c: Classified, config: BoilerplateConfig) -> _Zones:
    lines = c.lines
    n = len(lines)
    # The article proper starts at its first paragraph: headline, byline and dateline
    # often sit inside the main block as short "heading" lines just above it.
    paragraphs = [
        i
        for i in c.indices("body", "heading")
        if c.labels[i] == "body" and (lines[i].sent_end or lines[i].words > 20)
    ] or c.indices("body", "heading")
    start = paragraphs[0] if paragraphs else min(n, config.header_window)
    end = paragraphs[-1] if paragraphs else start - 1
    first_comment = c.comments[0].header[0] if c.comments else n
    # Lines the filters marked as chrome for certain never carry metadata; body lines
    # only do outside the paragraph span.
    usable = [
        (c.labels[i] not in ("body", "heading") or not start <= i <= end)
        and c.labels[i] != "comment"
        and c.reasons[i] not in ("site_template", "empty_token_line")
        for i in range(n)
    ]

    header = [i for i in range(max(0, start - config.header_window), start) if usable[i]]
    trailer: list[int] = []
    for i in range(end + 1, min(n, first_comment)):
        if len(trailer) >= config.trailer_window:
            break
        if lines[i].widget in ("related_list", "comment_widget"):
            break
        if usable[i]:
            trailer.append(i)
    return _Zones(start, end, first_comment, usable, header, trailer)


def _find_title(
    meta: Metadata, lines: Sequence[Line], zones: _Zones, config: BoilerplateConfig
) -> None:
    """html-text's first line is the page <title> ("Headline | Site"); the headline
    repeated on the page is the surest title. Otherwise score the header lines."""
    start, header, usable = zones.start, zones.header, zones.usable
    page_title = normalise_title(lines[0].text)
    page_title_parts = {normalise_title(p) for p in _title_parts(lines[0].text)}
    anchor = headline_anchor(lines)
    if anchor is not None and (usable[anchor] or anchor < start):
        meta.title = lines[anchor].text
    else:
        best: tuple[float, str] | None = None
        for i in sorted(set(header) | {0}):
            line = lines[i]
            text = _title_parts(line.text)[0] if i == 0 and line.text else line.text
            if not _title_candidate(line, text, usable[i], config):
                continue
            words = len(_WORD.findall(text))
            score = 2.0 * min(words, 12) / 12
            score += 0.5 if line.cap_ratio >= 0.6 or text.endswith(("?", "!")) else 0.0
            score -= 1.0 if text.endswith(".") else 0.0
            score -= 1.0 if words > 30 else 0.0
            score -= 0.02 * max(0, start - i)
            if i == 0 and words >= 3:
                score += 1.5  # the <title> element, site name removed
            if best is None or score > best[0]:
                best = (score, text)
        if best is not None:
            meta.title = best[1]
    if meta.title is not None:
        key = normalise_title(meta.title)
        meta.title_lines = tuple(
            j
            for j in sorted(set(header) | {0} | ({anchor} if anchor is not None else set()))
            if normalise_title(lines[j].text) == key
            or (j == 0 and (key in page_title_parts or key == page_title))
        )


@dataclass
class _Authors:
    """Authors found so far, with the lines that name them and why."""

    names: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def add(self, names: list[str], i: int, reason: str) -> None:
        fresh = [a for a in names if a.lower() not in {x.lower() for x in self.names}]
        self.names.extend(fresh)
        if names:
            self.lines.append(i)
            self.reasons.append(reason)

    def mark(self, i: int) -> None:
        """A line that names a known author again."""
        self.lines.append(i)
        self.reasons.append("author_line")


def _find_authors(
    meta: Metadata, lines: Sequence[Line], zones: _Zones, config: BoilerplateConfig
) -> None:
    """Bylines first; without one, bare names next to the metadata, an author box after
    the article, or a name in front of the dateline."""
    found = _Authors()
    _byline_authors(found, meta, lines, [*zones.header, *zones.trailer])
    # A "By ..." line is authoritative; bare name lines count only without one.
    if not found.names:
        _bare_name_authors(found, meta, lines, zones.header)
    if not found.names:
        _author_box(found, lines, zones, config)
    if not found.names:
        _name_before_dateline(found, meta, lines, zones.header)
    # The same name printed again near the headline is a byline too (not body, not chrome).
    known = {a.lower() for a in found.names}
    for i in zones.header:
        if i not in found.lines and lines[i].text.strip(" .,").lower() in known:
            found.mark(i)
    meta.authors = tuple(found.names)
    meta.author_lines = tuple(found.lines)
    meta.author_reasons = tuple(found.reasons)


def _byline_authors(
    found: _Authors, meta: Metadata, lines: Sequence[Line], zones: list[int]
) -> None:
    n = len(lines)
    for i in zones:
        if i in meta.title_lines:
            continue
        text = lines[i].text
        if BYLINE_PREFIX.match(text) and lines[i].words <= 25:
            found.add(byline_authors(text), i, "byline_prefix")
        elif _LONE_BY.match(text) and i + 1 < n and looks_like_name(lines[i + 1].text):
            # "By" on its own line, the name on the next one.
            found.add([_dedupe_repeat(lines[i + 1].text.strip(" .,"))], i, "byline_prefix")
            found.mark(i + 1)


def _bare_name_authors(
    found: _Authors, meta: Metadata, lines: Sequence[Line], header: list[int]
) -> None:
    """Bare name lines right next to the dateline or the headline."""
    date_near = {i for i in header if lines[i].has_date}
    for i in header:
        if i in meta.title_lines:
            continue
        near_meta = any(
            j in date_near or j in meta.title_lines or j in found.lines for j in (i - 1, i + 1)
        ) or any(j in meta.title_lines for j in (i - 2, i + 2))
        if near_meta and _bare_name(lines[i]):
            found.add([_dedupe_repeat(lines[i].text.strip(" .,"))], i, "author_line")


def _author_box(
    found: _Authors, lines: Sequence[Line], zones: _Zones, config: BoilerplateConfig
) -> None:
    """An author box after the article: a bare name before the comments that is not
    part of a related-article item (those carry a date in the same block)."""
    n, end = len(lines), zones.end
    names = [
        i
        for i in range(end + 1, min(n, zones.first_comment, end + 1 + config.author_box_window))
        if zones.usable[i] and _bare_name(lines[i])
    ]
    # Only the last name before the comments, and only when it is alone: several
    # names there are the authors of listed articles.
    if len(names) == 1:
        i = names[0]
        block = lines[i].block
        same_block = [j for j in range(max(0, i - 3), min(n, i + 4)) if lines[j].block == block]
        if not any(lines[j].has_date for j in same_block):
            found.add([lines[i].text.strip(" .,")], i, "author_line")


def _name_before_dateline(
    found: _Authors, meta: Metadata, lines: Sequence[Line], header: list[int]
) -> None:
    """A name in front of the dateline: "Jane Smith | March 3, 2020"."""
    for i in header:
        line = lines[i]
        if not line.has_date or line.words > 12 or i in meta.title_lines:
            continue
        dates = find_dates(line.text)
        if not dates:
            continue
        lead = _LEAD_TRIM.sub("", line.text[: dates[0].start])
        if looks_like_name(lead, max_tokens=3) and not lead.isupper():
            found.add([lead], i, "author_line")
            break


# Where a date was written, most trusted first (the rank in _find_date).
_DATE_RANK = {"published_line": 0, "byline": 1, "dateline": 2}


def _find_date(meta: Metadata, lines: Sequence[Line], zones: _Zones) -> None:
    """The most precise date near the article, from its most trusted line."""
    start, end = zones.start, zones.end
    candidates: list[tuple[int, int, DateMatch, str]] = []  # (rank, distance, match, source)
    for i in [*zones.header, *zones.trailer]:
        line = lines[i]
        found = _best_date(line.text)
        if found is None:
            continue
        dist = abs(start - i) if i < start else abs(i - end) + 5
        if PUBLISHED_PREFIX.match(line.text) or _PUBLISHED_BEFORE.search(
            line.text[: found.start][-25:]
        ):
            source = "published_line"
        elif i in meta.author_lines or BYLINE_PREFIX.match(line.text):
            source = "byline"
        elif not is_caption(line) and (
            line.words <= 8 or (line.words <= 14 and found.end - found.start >= 0.25 * line.chars)
        ):
            # A dateline is mostly date; a sentence or caption mentioning one is not.
            source = "dateline"
        else:
            continue
        candidates.append((_DATE_RANK[source], dist, found, source))
    if candidates:
        rank_precision = {"day": 0, "month": 1, "year": 2}
        candidates.sort(key=lambda c: (rank_precision[c[2].precision], c[0], c[1]))
        _, _, found, source = candidates[0]
        meta.published_date = found.value
        meta.published_date_precision = found.precision
        meta.published_date_source = source
        for i in [*zones.header, *zones.trailer]:
            if _best_date(lines[i].text) == found:
                meta.date_line = i
                break


def _find_section(
    meta: Metadata, lines: Sequence[Line], zones: _Zones, config: BoilerplateConfig
) -> None:
    """A section label sits next to the headline or the byline, not in the site menu."""
    start = zones.start
    anchors = [j for j in meta.title_lines if j > 0] + list(meta.author_lines) + [start]
    for i in sorted(zones.header, key=lambda j: abs(start - j)):
        line = lines[i]
        if i in meta.title_lines or i in meta.author_lines or line.block_len > 2 or line.widget:
            continue
        if min(abs(i - j) for j in anchors) > config.section_window:
            continue
        m = _SECTION_PREFIX.match(line.text)
        if m and line.words <= 8:
            meta.section = line.text[m.end() :].strip(" |:") or None
            meta.section_line = i
            break
        if is_section_label(line.text):
            meta.section = line.text.strip()
            meta.section_line = i
            break
