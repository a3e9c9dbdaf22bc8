"""Tokenizer and token classifier for temporal expressions.

One compiled regex splits text into tokens (with a few multi-character units kept
whole: ISO dates, clock times, "a.m.", "Jan.", Hijri month names); each token is
then given the set of grammar classes it can play (MONTH, WDAY, NUM, UNIT ...).
Tokens outside the temporal vocabulary get no class; the grammar only ever looks
at runs of classified tokens, which is what keeps tagging fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.timex import lexicon as lx

_ORD_DIGITS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\Z")
_DECADE_DIGITS = re.compile(r"(?:(\d{3})0|(\d)0)s\Z")
_FY = re.compile(r"fy(\d{2}|\d{4})\Z")
_QTR = re.compile(r"q([1-4])\Z")
_HALF = re.compile(r"h([12])\Z")


@dataclass(slots=True)
class Token:
    """A token with character offsets, lower-cased form, grammar classes and a value."""

    start: int
    end: int
    text: str
    lower: str
    classes: tuple[str, ...]
    value: object = None


# Function words and punctuation the grammar uses as literals. They never start a
# run of temporal tokens on their own (see TRIGGER_FREE).
_LITERALS: tuple[str, ...] = (
    "mornings",
    "post",
    "pre",
    "afternoons",
    "evenings",
    "nights",
    "the",
    "a",
    "an",
    "of",
    "at",
    "in",
    "on",
    "that",
    "same",
    "every",
    "each",
    "per",
    "than",
    "more",
    "less",
    "least",
    "over",
    "under",
    "up",
    "to",
    "from",
    "and",
    "or",
    "no",
    "not",
    "within",
    "ago",
    "hence",
    "earlier",
    "later",
    "before",
    "after",
    "fiscal",
    "old",
    "olds",
    "clock",
    "s",
    "long",
    "end",
    "beginning",
    "start",
    "middle",
    "half",
    "twice",
    "thrice",
    "times",
    "am",
    "pm",
    "run",
    "past",
    "day",
    "eve",
    "new",
    "years",
    "since",
    "until",
    "this",
    "for",
    "recent",
    "additional",
    "straight",
    "consecutive",
    "between",
    "by",
    "during",
    "most",
    "black",
    "other",
    "near",
)

# Classes that never make a run temporal by themselves (modifiers, function words, and
# plain numbers: a table of figures must not be fed to every rule). "10 p.m." still
# qualifies through AMPM, "1998" through YEAR.
TRIGGER_FREE = frozenset(
    {"W", "P", "APOS", "ART", "APPROX", "PMOD", "VAGQ", "TZ", "NUM", "DAYN", "HOUR"}
)


def _build_lexicon(extra_vague: bool) -> dict[str, tuple[tuple[str, ...], object]]:
    lex: dict[str, tuple[tuple[str, ...], object]] = {}

    def add(word: str, cls: str, value: object = None) -> None:
        classes, old_value = lex.get(word, ((), None))
        if cls not in classes:
            classes = (*tuple(c for c in classes if c != "W"), cls)
        # The first class keeps its value ("second": ORD 2); the grammar reads unit
        # names from the lexicon, not from the token value.
        lex[word] = (classes, old_value if old_value is not None else value)

    for w in _LITERALS:
        lex[w] = (("W",), None)
    for p in ",-./":
        lex[p] = (("P",), None)
    for p in "'’":
        lex[p] = (("P", "APOS"), None)
    for w, m in lx.MONTHS.items():
        add(w, "MONTH", m)
    for w, d in lx.WEEKDAYS.items():
        add(w, "WDAY", d)
    for w, d in lx.WEEKDAY_PLURALS.items():
        add(w, "WDAYS", d)
    for w, n in lx.NUMBER_WORDS.items():
        add(w, "NUMW", n)
    for w, n in lx.ORDINAL_WORDS.items():
        if n > 0:
            add(w, "ORD", n)
    for w in ("a", "an"):
        add(w, "ART", 1)
    for w in lx.VAGUE_QUANTITIES:
        add(w, "VAGQ")
    for w, u in lx.UNITS.items():
        add(w, "UNIT", u)
    for w, s in lx.SEASONS.items():
        add(w, "SEASON", s)
    for w, p in lx.PARTS_OF_DAY.items():
        add(w, "POD", p)
    for w, d in lx.DEICTICS.items():
        add(w, "DEIC", d)
    for w, v in lx.VAGUE_WORDS.items():
        if extra_vague or w not in lx.OPTIONAL_VAGUE_WORDS:
            add(w, "VAGUE", v)
    for w, v in lx.SET_WORDS.items():
        add(w, "SETW", v)
    for w, h in lx.HOLIDAYS.items():
        add(w, "HOLI", h)
    for w, r in lx.RELATIVE.items():
        add(w, "REL", r)
    for w, m in lx.POINT_MODS.items():
        add(w, "PMOD", m)
    for w in lx.APPROX_WORDS:
        add(w, "APPROX")
    for w in lx.TIMEZONES:
        add(w, "TZ")
    for w in ("am", "pm"):
        add(w, "AMPM", w)
    add("ago", "AGO")
    add("run", "RUN")  # "the long run"
    add("hence", "AGO")
    return lex


_LEXICONS = {flag: _build_lexicon(flag) for flag in (False, True)}


def _classify_number(lower: str) -> tuple[tuple[str, ...], object] | None:
    """Classes of a token made of digits (and maybe a suffix)."""
    if lower.isdigit():
        n = int(lower)
        classes = ["NUM"]
        if len(lower) <= 2 and 1 <= n <= 31:
            classes.append("DAYN")
        if len(lower) <= 2 and n <= 24:
            classes.append("HOUR")
        if len(lower) == 4 and 1000 <= n <= 2199:
            classes.append("YEAR")
        return tuple(classes), n
    m = _ORD_DIGITS.match(lower)
    if m:
        return ("ORD",), int(m.group(1))
    m = _DECADE_DIGITS.match(lower)
    if m:
        if m.group(1):
            return ("DECADE",), int(m.group(1))
        return ("DECADE2",), int(m.group(2))
    return None


def _classify_word(lower: str) -> tuple[tuple[str, ...], object] | None:
    m = _FY.match(lower)
    if m:
        y = int(m.group(1))
        return ("FY",), (y if y > 99 else (1900 + y if y >= 50 else 2000 + y))
    m = _QTR.match(lower)
    if m:
        return ("QTR",), int(m.group(1))
    m = _HALF.match(lower)
    if m:
        return ("HALFY",), int(m.group(1))
    return None


def _trie_regex(words: list[str]) -> str:
    """A regex alternation of ``words`` shaped as a prefix trie (fast in ``re``)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


# Literals that end a pattern ("decades-long", "Christmas Eve", "the long run") must be
# seen even when no temporal word follows them.
_TRAILING_LITERALS = frozenset(
    {"long", "run", "eve", "old", "olds", "later", "earlier", "half", "before", "after"}
    | {"mornings", "afternoons", "evenings", "nights"}
)
_ALL_WORDS = {w for lex in _LEXICONS.values() for w, (cls, _) in lex.items() if w.isalpha()}
# Function words ("the", "of", "a") are by far the most frequent vocabulary tokens but
# only matter next to a temporal word, so the tokenizer matches them only when a chain
# of them leads to one (a regex lookahead), which keeps the Python loop short.
_FUNCTION_WORDS = sorted(
    w
    for w in _ALL_WORDS
    if set(_LEXICONS[True][w][0]) <= {"W", "ART"} and w not in _TRAILING_LITERALS
)
_CONTENT_WORDS = sorted(_ALL_WORDS - set(_FUNCTION_WORDS))
_NA = r"(?![^\W_])"  # no word character after
# Only tokens that can be part of a temporal expression are matched; the text in
# between is inspected just enough to find run boundaries (see ``tokenize``).
_ABBREVIATIONS = sorted(
    lx.words(
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "mon tue tues wed thu thur thurs fri sat sun"
    )
)


def _cased(words: list[str]) -> list[str]:
    """lower, Capitalised and UPPER forms: a case-sensitive regex is ~3x faster than re.I."""
    return sorted({f for w in words for f in (w, w.capitalize(), w.upper())})


_CONTENT = _trie_regex(_cased(_CONTENT_WORDS))
_FUNCTION = _trie_regex(_cased(_FUNCTION_WORDS))
_GLUE = r"(?:\s+|\s*[,\-/'’]\s*)"
_CAND_RE = re.compile(
    r"\b(?:(?=\d)(?:(?P<iso>\d{4}-\d{1,2}-\d{1,2}(?:T\d{1,2}:\d{2}(?::\d{2})?)?(?![\w-]))"
    r"|(?P<slash>\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/]))"
    r"|(?P<clock>\d{1,2}:\d{2}(?::\d{2})?(?!\d))"
    r"|(?P<frac>\d/\d{1,2}(?![\d/]))"
    r"|(?P<bignum>\d{1,3}(?:,\d{3})+(?!\d)|\d+\.\d+)"
    r"|(?P<num>\d[^\W_]*))"
    r"|(?P<abbr>" + _trie_regex(_cased(_ABBREVIATIONS)) + r"\.)"
    r"|(?P<ampm>[aApP]\.\s?[mM]\.?)"
    r"|(?P<word>" + _CONTENT + _NA + r")"
    r"|(?P<fw>"
    + _FUNCTION
    + _NA
    + r"(?=(?:"
    + _GLUE
    + _FUNCTION
    + _NA
    + r"){0,3}"  # bounded: a long run of function words must not make this quadratic
    + _GLUE
    + r"(?:\d|[aApP]\.[mM]|"
    + _CONTENT
    + _NA
    + r")))"
    r"|(?P<code>(?:[fF][yY]|[qQhH])\d+" + _NA + r")"
    r"|(?=[mMsSrRjJdDzZ])(?P<hmonth>(?i:" + lx.HIJRI_MONTH_RE + r")(?![\w'])))"
    r"|(?P<decade>['’]\d0s\b)"
)
_PUNCT_TOKENS = frozenset(",-./'’")


def tokenize(text: str, *, extra_vague: bool = False) -> list[Token | None]:
    """Tokenize ``text``; runs of tokens outside the temporal vocabulary become one ``None``.

    Only vocabulary tokens are produced (plus the punctuation between two of them);
    anything else between two tokens is a run boundary, so callers can split the
    stream into candidate runs cheaply.
    """
    lex = _LEXICONS[extra_vague]
    out: list[Token | None] = []
    append = out.append
    last_none = True
    prev_end = 0
    for m in _CAND_RE.finditer(text):
        start = m.start()
        if start > prev_end and not last_none:
            between = text[prev_end:start]
            if not between.isspace() or "\n\n" in between:
                b = between.strip()
                if len(b) == 1 and b in _PUNCT_TOKENS and "\n\n" not in between:
                    i = prev_end + between.index(b)
                    append(Token(i, i + 1, b, b, lex[b][0], None))
                else:
                    append(None)
                    last_none = True
        prev_end = m.end()
        kind = m.lastgroup
        tok_text = m.group()
        lower = tok_text.lower()
        info: tuple[tuple[str, ...], object] | None
        if kind == "word" or kind == "fw":
            info = lex.get(lower)
            if info is None:
                pass
            elif ("MONTH" in info[0] and lower in lx.AMBIGUOUS_MONTHS) or (
                "SEASON" in info[0] and lower in lx.AMBIGUOUS_SEASONS
            ):
                # "may"/"march" are months only when capitalised; "fall"/"spring" keep
                # a weaker class the grammar accepts only with a modifier or year.
                if lower in lx.AMBIGUOUS_SEASONS:
                    info = (("SEASON_AMB",), info[1])
                elif not tok_text[0].isupper():
                    info = None
            elif "WDAY" in info[0] and lower in lx.AMBIGUOUS_WEEKDAYS:
                info = None
        elif kind == "num":
            info = _classify_number(lower)
        elif kind == "code":
            info = _classify_word(lower)
        elif kind == "iso":
            info = (("ISO",), tok_text)
        elif kind == "slash":
            info = (("SLASH",), tok_text)
        elif kind == "clock":
            info = (("CLOCK",), tok_text)
        elif kind == "frac":
            a, b = tok_text.split("/")
            info = (("FRAC",), int(a) / int(b)) if int(b) else None
        elif kind == "bignum":
            try:
                info = (("NUM",), float(tok_text.replace(",", "")))
            except ValueError:
                info = None
        elif kind == "ampm":
            info = (("AMPM",), "am" if lower[0] == "a" else "pm")
        elif kind == "hmonth":
            info = (("HMONTH",), lx.hijri_month(tok_text))
        elif kind == "abbr":
            info = lex.get(lower)
        else:  # decade like '90s
            info = (("DECADE2",), int(tok_text[1]))
        if info is None:
            if not last_none:
                append(None)
                last_none = True
            continue
        last_none = False
        append(Token(start, m.end(), tok_text, lower, info[0], info[1]))
    return out
