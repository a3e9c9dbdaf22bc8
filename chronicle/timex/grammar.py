"""Token-level grammar that finds temporal expressions and builds their meaning.

Rules are written over token *classes* (MONTH, WDAY, NUM, UNIT, ...) and quoted
literal words, e.g. ``(?P<mon>MONTH) (?P<day>DAYN|ORD) (',' (?P<year>YEAR))?``.
Each rule is compiled to one regular expression over an encoding of the token
stream (``^<class codes>=word `` per token, one character per class), so matching
runs in C while the rules stay readable. Only runs of vocabulary tokens that hold
at least one temporal word are encoded. Every rule has a builder that turns the
matched tokens into a :class:`Frame`, an unanchored description of the expression
("weekday 5 with relation -1", "duration 6 months"). Anchoring to a reference date is the
normaliser's job, not the grammar's.

Overlaps are resolved by keeping the longest match (ties: earlier rule).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from chronicle.timex import lexicon as lx
from chronicle.timex.lexicon import words
from chronicle.timex.tokenizer import TRIGGER_FREE, Token, tokenize


@dataclass(frozen=True)
class Frame:
    """Unanchored meaning of a temporal expression, as read off its tokens.

    ``kind`` selects the normalisation rule: date, time, weekday, deictic, relative,
    ago, duration, set, vague, decade, century, season, quarter, half, fiscal,
    holiday, hijri, week_of.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    pod: str | None = None  # part of day: MO AF EV NI MI
    unit: str | None = None
    amount: float | None = None  # None = unspecified quantity ("years" -> PXY)
    rel: int | None = None  # -1 last/past, 0 this, +1 next
    offset: int | None = None  # signed day/unit offset (deictics, "ago")
    mod: str | None = None
    season: str | None = None
    quarter: int | None = None
    decade: int | None = None  # first three digits: 199 = the 1990s
    century: int | None = None  # first two digits: 19 = the 1900s
    holiday: object = None
    vague: str | None = None
    set_value: str | None = None
    freq: str | None = None
    time_zone: str | None = None
    parts: tuple[tuple[float, str], ...] = field(default_factory=tuple)  # extra duration parts
    year_rel: int | None = None  # "February this year" (0), "April next year" (+1)


@dataclass(frozen=True)
class Candidate:
    """A grammar match: token span, character span and frame."""

    tok_start: int
    tok_end: int  # exclusive
    start: int
    end: int
    frame: Frame
    rule: str
    priority: int


class Groups:
    """Access to a rule match's named groups as token lists, plus context tokens."""

    def __init__(
        self, m: re.Match[str], starts: list[int], tokens: list[Token], t0: int, t1: int, text: str
    ):
        self._m = m
        self.text = text
        self._starts = starts
        self.tokens = tokens
        self.t0 = t0
        self.t1 = t1

    def toks(self, name: str) -> list[Token]:
        s, e = self._m.span(name)
        if s < 0 or s == e:
            return []
        i = bisect_right(self._starts, s) - 1
        j = bisect_right(self._starts, e - 1)
        return self.tokens[i:j]

    def tok(self, name: str) -> Token | None:
        t = self.toks(name)
        return t[0] if t else None

    def has(self, name: str) -> bool:
        return bool(self.toks(name))

    def val(self, name: str) -> object:
        t = self.tok(name)
        return t.value if t is not None else None

    def lower(self, name: str) -> str:
        return " ".join(t.lower for t in self.toks(name))

    def prev(self, k: int = 1) -> Token | None:
        i = self.t0 - k
        return self.tokens[i] if i >= 0 else None

    def next(self, k: int = 0) -> Token | None:
        i = self.t1 + k
        return self.tokens[i] if i < len(self.tokens) else None

    def word_before(self) -> str:
        """The raw word right before the match, lower-cased ("" if none)."""
        start = self.tokens[self.t0].start
        m = _LAST_WORD.search(self.text, max(0, start - 30), start)
        return m.group(1).lower() if m else ""

    def in_title_case_name(self) -> bool:
        """A capitalised match inside a run of capitalised words ("USA Today", "Play Now")
        is part of a name or headline, not a temporal expression."""
        first = self.tokens[self.t0]
        if not first.text[:1].isupper():
            return False
        m = _PREV_RAW.search(self.text, max(0, first.start - 40), first.start)
        if m is None or any(c in m.group(2) for c in '.!?:;\n"“|•'):
            return False  # start of text, of a sentence, a line or a quotation
        word = m.group(1)
        return (word[:1].isupper() and not word.isupper()) or (word.isupper() and len(word) > 1)

    def raw_word_before(self) -> str:
        """The raw word right before the match, as written ("" if none)."""
        start = self.tokens[self.t0].start
        m = _LAST_WORD.search(self.text, max(0, start - 30), start)
        return m.group(1) if m else ""

    def word_after(self) -> str:
        """The raw word right after the match, as written ("" if none)."""
        m = _FIRST_WORD.match(self.text, self.tokens[self.t1 - 1].end)
        return m.group(1) if m else ""

    def after(self, n: int = 20) -> str:
        """Raw text right after the match (sees words outside the vocabulary too)."""
        end = self.tokens[self.t1 - 1].end
        return self.text[end : end + n]


Builder = Callable[[Groups], "Frame | None"]
_LAST_WORD = re.compile(r"(\w+)[^\w\n]{0,3}\Z")
_FIRST_WORD = re.compile(r"[^\w\n]{0,3}(\w+)")
# The word before a match, and whether a sentence end or line break separates them.
_PREV_RAW = re.compile(r"(\w+)(\W*)\Z")


@dataclass(frozen=True)
class Rule:
    """A named grammar rule: a class pattern and the builder of its frame."""

    name: str
    pattern: str
    build: Builder
    regex: re.Pattern[str]


_CLASS_CODES: dict[str, str] = {}
_CODE_POOL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _class_code(name: str) -> str:
    """One character per token class, so a class test is a short character scan."""
    code = _CLASS_CODES.get(name)
    if code is None:
        code = _CODE_POOL[len(_CLASS_CODES)]
        _CLASS_CODES[name] = code
    return code


_PREFIXES: dict[tuple[str, ...], str] = {}


def _prefix(classes: tuple[str, ...]) -> str:
    p = _PREFIXES.get(classes)
    if p is None:
        p = "^" + "".join(_class_code(c) for c in classes) + "="
        _PREFIXES[classes] = p
    return p


_ATOM = re.compile(r"'([^']+)'|(?<![?\w<])([A-Z][A-Z0-9_]*)|(\s+)")


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile the class-pattern language to a regex over the encoded token stream."""

    def atom(m: re.Match[str]) -> str:
        if m.group(3) is not None:
            return ""
        if m.group(1) is not None:
            words = "|".join(re.escape(w) for w in m.group(1).split("/"))
            return rf"(?:\^[^=]*=(?:{words})[ ])"
        code = _class_code(m.group(2))
        return rf"(?:\^[^={code}]*{code}[^=]*=\S+[ ])"

    body = _ATOM.sub(atom, pattern)
    return re.compile(body)


_RULES: list[Rule] = []


def rule(name: str, pattern: str) -> Callable[[Builder], Builder]:
    """Register a grammar rule; rules registered earlier win ties."""

    def deco(fn: Builder) -> Builder:
        _RULES.append(Rule(name, pattern, fn, _compile(pattern)))
        return fn

    return deco


# ---------------------------------------------------------------- helpers


def _num(tokens: list[Token]) -> float | None:
    """Value of a quantity phrase ("twenty - five", "5 1/2", "a", "half an"); None if vague."""
    total = 0.0
    current = 0.0
    seen = False
    for t in tokens:
        c = t.classes
        if "VAGQ" in c:
            return None
        if t.lower in ("half",):
            current = (current or 1) * 0.5 if not seen else current + 0.5
            seen = True
        elif "FRAC" in c:
            current += float(t.value)  # type: ignore[arg-type]
            seen = True
        elif "ART" in c and seen:
            continue  # "half an hour", "one and a half": the article is not a number
        elif "NUM" in c or "NUMW" in c or "ART" in c or "ORD" in c:
            v = float(t.value)  # type: ignore[arg-type]
            if t.lower == "hundred":
                current = (current or 1) * 100
            elif t.lower == "dozen":
                current = (current or 1) * 12
            else:
                current += v
            seen = True
    total += current
    return total if seen else None


_DURATION_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "just over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "fewer than": "LESS_THAN", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "about": "APPROX", "around": "APPROX", "nearly": "APPROX",
    "almost": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "circa": "APPROX",
}  # fmt: skip


def _qmod(g: Groups) -> str | None:
    words = g.lower("qmod")
    return _DURATION_MODS.get(words) if words else None


def _pmod(g: Groups) -> str | None:
    t = g.tok("pmod")
    if t is None:
        return None
    return lx.POINT_MODS.get(t.lower)


def _unit_of(t: Token) -> str:
    """Canonical unit of a UNIT token (its ``value`` may be another class's, e.g. ORD 2
    for "second")."""
    return lx.UNITS[t.lower]


def _year_value(t: Token | None) -> int | None:
    if t is None:
        return None
    v = int(t.value)  # type: ignore[arg-type]
    return v


# Pattern fragments reused by several rules.
QTY = (
    r"(?P<qty>NUM FRAC? | NUMW ('-'? NUMW)? ('and' ART 'half')? | ART ('half' | 'hundred/dozen')?"
    r" | FRAC | VAGQ | ART VAGQ 'of'? | 'half' ART?)"
)
# Bound modifiers are inside a duration's extent ("at least 72 hours"); approximators
# ("about five hours") are not, following the TimeML corpora.
_BOUNDS = (
    r"'more/less/fewer' 'than' | 'at' 'least/most' | 'no' 'more/less' 'than' | 'up' 'to'"
    r" | 'just/well'? 'over/under'"
)
QMOD = rf"(?P<qmod>{_BOUNDS})"
QMOD_AGO = rf"(?P<qmod>{_BOUNDS} | APPROX)"
# TimeML extents include approximators of a quantity ("nearly forty years", mod APPROX).
QMOD_APPROX = QMOD_AGO
MORE = r"('more/additional/straight/consecutive')?"
PMOD = r"(?P<pmod>PMOD) '-'?"
EDGE = r"(?P<edge>'the' 'end/beginning/start/middle' 'of')"
TIME = (
    r"((?P<clock>CLOCK) (?P<ampm>AMPM)? | (?P<hour>HOUR) (?P<ampm2>AMPM) "
    r"| (?P<hour2>HOUR) 'in' 'the' (?P<tpod>POD) | (?P<noon>'noon/midnight/midday')) (?P<tz>TZ)?"
)
DAYREF = r"(?P<mon>MONTH) (?P<day>DAYN|ORD) | (?P<day2>DAYN|ORD) 'of'? (?P<mon2>MONTH)"


def _time_fields(g: Groups) -> dict[str, object]:
    """Clock fields (hour, minute, time zone) from the TIME fragment, or {} if none."""
    hour = minute = None
    if g.has("clock"):
        parts = str(g.val("clock")).split(":")
        hour, minute = int(parts[0]), int(parts[1])
        ampm = g.val("ampm")
    elif g.has("hour"):
        hour, minute, ampm = int(g.val("hour")), 0, g.val("ampm2")  # type: ignore[arg-type]
    elif g.has("hour2"):
        hour, minute = int(g.val("hour2")), 0  # type: ignore[arg-type]
        ampm = "pm" if g.val("tpod") in ("AF", "EV", "NI") else "am"
    elif g.has("noon"):
        hh = lx.CLOCK_PARTS_OF_DAY[g.lower("noon")]
        hour, minute, ampm = int(hh[:2]), 0, None
    else:
        return {}
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return {"bad": True}
    tz = g.tok("tz")
    return {"hour": hour, "minute": minute, "time_zone": tz.text.upper() if tz else None}


def _time_ok(g: Groups) -> bool:
    """A bare clock time ("3:42") counts only with am/pm, a zone or a preceding "at"."""
    if g.has("clock") and not (g.has("ampm") or g.has("tz")):
        p = g.prev()
        return p is not None and p.lower in ("at", "by", "until", "before", "after", "from")
    return True


# ---------------------------------------------------------------- rules
# Order matters only for ties between equally long matches.


@rule("iso", r"(?P<iso>ISO)")
def _iso(g: Groups) -> Frame | None:
    v = str(g.val("iso"))
    date_part, _, time_part = v.partition("T")
    y, m, d = (int(x) for x in date_part.split("-"))
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if time_part:
        hh, mm = (int(x) for x in time_part.split(":")[:2])
        return Frame("time", year=y, month=m, day=d, hour=hh, minute=mm)
    return Frame("date", year=y, month=m, day=d)


@rule("slash", r"(?P<sl>SLASH)")
def _slash(g: Groups) -> Frame | None:
    m, d, y = (int(x) for x in str(g.val("sl")).split("/"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return Frame("date", year=y, month=m, day=d)


@rule(
    "hijri",
    r"(?P<hm>HMONTH) (?P<day>DAYN|ORD) ','? (?P<year>NUM) ('ah/h')?"
    r"| (?P<day2>DAYN|ORD) (?P<hm2>HMONTH) ','? (?P<year2>NUM) ('ah/h')?",
)
def _hijri(g: Groups) -> Frame | None:
    month = g.val("hm") or g.val("hm2")
    day = g.val("day") or g.val("day2")
    year = g.val("year") or g.val("year2")
    if not month or not day or not year:
        return None
    return Frame("hijri", year=int(year), month=int(month), day=int(day))  # type: ignore[arg-type]


@rule(
    "date",
    rf"({EDGE} | {PMOD})? ((?P<wd>WDAY) ','?)? ({DAYREF})"
    r"(','? (?P<year>YEAR) | (?P<yrel>REL) 'year')?"
    rf"(','? ('at')? {TIME})?",
)
def _date(g: Groups) -> Frame | None:
    month = g.val("mon") or g.val("mon2")
    day = g.val("day") or g.val("day2")
    if not (1 <= int(day) <= 31):  # type: ignore[arg-type]
        return None
    tf = _time_fields(g)
    if tf.get("bad") or not _time_ok(g):
        return None
    kind = "time" if tf else "date"
    tf.pop("bad", None)
    return Frame(
        kind,
        year=_year_value(g.tok("year")),
        month=int(month),  # type: ignore[arg-type]
        day=int(day),  # type: ignore[arg-type]
        weekday=g.val("wd"),  # type: ignore[arg-type]
        mod=_edge_mod(g) or _pmod(g),
        year_rel=int(g.val("yrel")) if g.has("yrel") else None,  # type: ignore[arg-type]
        **tf,  # type: ignore[arg-type]
    )


def _edge_mod(g: Groups) -> str | None:
    words = g.lower("edge")
    if not words:
        return None
    return {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}[words.split()[1]]


@rule(
    "time_then_date",
    rf"{TIME} ','? ('on')? ((?P<wd>WDAY) | (?P<de>'today/yesterday/tomorrow') "
    rf"| ((?P<wd2>WDAY) ','?)? ({DAYREF}) (','? (?P<year>YEAR))?)",
)
def _time_then_date(g: Groups) -> Frame | None:
    tf = _time_fields(g)
    if not tf or tf.get("bad"):
        return None
    if g.has("de"):
        return Frame("deictic", offset=int(lx.DEICTICS[g.lower("de")]), **tf)  # type: ignore[arg-type]
    if g.has("wd"):
        return Frame("weekday", weekday=int(g.val("wd")), **tf)  # type: ignore[arg-type]
    month = g.val("mon") or g.val("mon2")
    day = g.val("day") or g.val("day2")
    return Frame(
        "time",
        year=_year_value(g.tok("year")),
        month=int(month),  # type: ignore[arg-type]
        day=int(day),  # type: ignore[arg-type]
        weekday=g.val("wd2"),  # type: ignore[arg-type]
        **tf,  # type: ignore[arg-type]
    )


@rule(
    "month_year",
    rf"({EDGE} | {PMOD})? (?P<mon>MONTH) ((','|'of')? (?P<year>YEAR) | (?P<yrel>REL) 'year'"
    r"| (?P<yw1>'nineteen/twenty') (?P<yw2>NUMW) ('-'? (?P<yw3>NUMW))?)?",
)
def _month_year(g: Groups) -> Frame | None:
    mon = g.tok("mon")
    assert mon is not None
    if not g.has("year"):
        nxt = g.next()
        if g.after(5).lstrip().lower().startswith(("for ", "of ")) and not (
            nxt is not None and "YEAR" in nxt.classes
        ):
            return None  # "March for Life", "March of the Mothers"
        # A lone abbreviation ("Jan") or a month name right after a determiner/number
        # is more often a name or a typo than a date.
        if mon.lower.endswith(".") or (len(mon.lower) == 3 and mon.lower != "may"):
            nxt = g.next()
            if nxt is None or "YEAR" not in nxt.classes:
                return None
    year = _year_value(g.tok("year"))
    if g.has("yw1"):
        # A year said in words: "January nineteen ninety-seven".
        year = int(g.val("yw1")) * 100 + int(g.val("yw2")) + int(g.val("yw3") or 0)  # type: ignore[arg-type]
    return Frame(
        "date",
        year=year,
        month=int(mon.value),  # type: ignore[arg-type]
        mod=_edge_mod(g) or _pmod(g),
        year_rel=int(g.val("yrel")) if g.has("yrel") else None,  # type: ignore[arg-type]
    )


_YEAR_INTRODUCERS = words(
    "in since of by until till from during before after through to between and or early late "
    "mid the until around circa fiscal year s"
)
# Nouns a frequency adjective names rather than times ("quarterly report").
_PERIODICALS = words(
    "report reports results earnings newspaper newspapers paper papers magazine bulletin "
    "statement statements figures data review reviews update updates briefing digest"
)
_DETERMINERS = words("the a an its his her their our my your this that these those")
_YEAR_FOLLOWERS = words(
    "and or to when after before as the a an that which but while until through "
    # a year as the subject of a verb: "1996 was a good year", "2001 saw ..."
    "was is were has had saw sees will would marked marks brought brings began ended"
)


@rule("year", rf"({EDGE} | {PMOD} | 'post/pre' '-')? (?P<year>YEAR)")
def _year(g: Groups) -> Frame | None:
    y = int(g.val("year"))  # type: ignore[arg-type]
    if not 1500 <= y <= 2100:
        return None
    nxt = g.next()
    prv = g.prev()
    # Counts and measures look like years: "1500 troops", "$1999", "2000-point".
    if nxt is not None and ("UNIT" in nxt.classes or nxt.lower in ("%", "-")):
        return None
    if prv is not None and (prv.lower in ("no", "number") or "NUM" in prv.classes):
        return None
    # "GTX 1660", "Boeing 747": a number after an all-caps or brand word is a model.
    raw_before = g.raw_word_before()
    if len(raw_before) > 1 and raw_before.isupper() and raw_before.isalpha() and not g.has("pmod"):
        return None
    # "hired 1500 troops": a bare number before a plain noun is a count, unless a
    # preposition or determiner that introduces years comes first ("in 1998 prices").
    after = g.word_after()
    # "founded 1978, employs", "Born 1945, he": a clause ends after it, so it counts no noun.
    ends_clause = 1900 <= y <= 2099 and re.match(r"[,;:)]|\.(?!\d)", g.after(2)) is not None
    if (
        not ends_clause
        and after.isalpha()
        and after.islower()
        and after not in _YEAR_FOLLOWERS
        and g.word_before() not in _YEAR_INTRODUCERS
        and not (g.word_before() in _DETERMINERS and 1900 <= y <= 2099)
    ):
        return None  # but "a 1996 law", "its 2005 pledge" are dates
    pre = g.toks("pmod")
    mod = _edge_mod(g) or _pmod(g)
    if not pre and g.t0 < g.t1 and g.tokens[g.t0].lower in ("post", "pre"):
        mod = "AFTER" if g.tokens[g.t0].lower == "post" else "BEFORE"
    return Frame("date", year=y, mod=mod)


@rule("fiscal", r"'fiscal' ('year')? (?P<year>YEAR|NUM) | (?P<fy>FY)")
def _fiscal(g: Groups) -> Frame | None:
    if g.has("fy"):
        return Frame("fiscal", year=int(g.val("fy")))  # type: ignore[arg-type]
    y = int(g.val("year"))  # type: ignore[arg-type]
    if y < 100:
        y += 1900 if y >= 50 else 2000
    return Frame("fiscal", year=y)


@rule("decade", rf"({EDGE} | {PMOD})? ((?P<dec>DECADE) | (?P<dec2>DECADE2))")
def _decade(g: Groups) -> Frame | None:
    if g.has("dec"):
        d = int(g.val("dec"))  # type: ignore[arg-type]
    else:
        # "'90s" -> 199; "'00s"/"'10s" are 20xx.
        t = g.tok("dec2")
        assert t is not None
        prv = g.prev()
        # "in his 30s" is an age; "the 90s" / "'90s" are decades.
        if t.lower[0].isdigit() and not (prv is not None and prv.lower == "the"):
            return None
        d2 = int(t.value)  # type: ignore[arg-type]
        d = 190 + d2 if d2 >= 3 else 200 + d2
    return Frame("decade", decade=d, mod=_edge_mod(g) or _pmod(g))


@rule("century", rf"({EDGE} | {PMOD})? (?P<ord>ORD) '-'? (?P<unit>'century')")
def _century(g: Groups) -> Frame | None:
    n = int(g.val("ord"))  # type: ignore[arg-type]
    if n < 1:
        return None
    return Frame("century", century=n - 1, mod=_edge_mod(g) or _pmod(g))


@rule(
    "season",
    rf"({EDGE} | {PMOD})? ('this')? (?P<rel>REL)? (?P<s>SEASON|SEASON_AMB)"
    r"(('of')? (?P<year>YEAR))?",
)
def _season(g: Groups) -> Frame | None:
    s = g.tok("s")
    assert s is not None
    if "SEASON_AMB" in s.classes and not (g.has("rel") or g.has("year") or g.has("pmod")):
        return None
    rel = g.val("rel")
    return Frame(
        "season",
        season=str(s.value),
        year=_year_value(g.tok("year")),
        rel=int(rel) if rel is not None else None,  # type: ignore[arg-type]
        mod=_edge_mod(g) or _pmod(g),
    )


@rule(
    "quarter",
    r"((?P<ord>ORD) | (?P<rel>REL)) ('fiscal')? (?P<u>'quarter/half')"
    r"(('of'|',')? ('fiscal')? (?P<year>YEAR) | 'of'? (?P<yrel>REL) ('fiscal')? 'year')?"
    r"| (?P<q>QTR|HALFY) (?P<year2>YEAR)?",
)
def _quarter(g: Groups) -> Frame | None:
    year = _year_value(g.tok("year") or g.tok("year2"))
    if g.has("q"):
        t = g.tok("q")
        assert t is not None
        unit = "quarter" if "QTR" in t.classes else "half"
        return Frame("quarter", quarter=int(t.value), unit=unit, year=year)  # type: ignore[arg-type]
    unit = g.lower("u")
    if g.has("ord"):
        n = int(g.val("ord"))  # type: ignore[arg-type]
        if n > (4 if unit == "quarter" else 2):
            return None
        yrel = g.val("yrel")
        return Frame(
            "quarter",
            quarter=n,
            unit=unit,
            year=year,
            year_rel=int(yrel) if yrel is not None else None,  # type: ignore[arg-type]
        )
    return Frame("relative", unit=unit, rel=int(g.val("rel")))  # type: ignore[arg-type]


@rule("black_friday", r"'black' (?P<wd>WDAY)")
def _black_friday(g: Groups) -> Frame | None:
    """ "Black Friday": the day after US Thanksgiving, not a weekday reference."""
    t = g.tokens[g.t0]
    if g.val("wd") != 5 or not t.text[0].isupper():
        return None
    return Frame("holiday", holiday="BLACKFRIDAY")


@rule(
    "weekday",
    rf"({PMOD})? ((?P<rel>REL) | (?P<wk>'this/last/next') 'week' APOS 's')? (?P<wd>WDAY) "
    rf"((?P<pod>POD) | ','? ('at')? {TIME})?",
)
def _weekday(g: Groups) -> Frame | None:
    tf = _time_fields(g)
    if tf.get("bad") or not _time_ok(g):
        return None
    rel = g.val("rel")
    if rel is None and g.has("wk"):
        rel = lx.RELATIVE[g.lower("wk").split()[0]]
    return Frame(
        "weekday",
        weekday=int(g.val("wd")),  # type: ignore[arg-type]
        rel=int(rel) if rel is not None else None,  # type: ignore[arg-type]
        pod=str(g.val("pod")) if g.has("pod") else None,
        mod=_pmod(g),
        **tf,  # type: ignore[arg-type]
    )


@rule(
    "deictic",
    rf"({PMOD})? (?P<de>DEIC) ((?P<pod>POD) | ','? ('at')? {TIME})?"
    r"| (?P<rel>'this/last') (?P<pod2>POD)",
)
def _deictic(g: Groups) -> Frame | None:
    if g.in_title_case_name():
        return None
    tf = _time_fields(g)
    if tf.get("bad"):
        return None
    if g.has("rel"):
        pod = str(g.val("pod2"))
        offset = -1 if g.lower("rel") == "last" else 0
        if g.lower("pod2") in ("noon", "midday", "midnight"):
            return None
        return Frame("deictic", offset=offset, pod=pod)
    v = g.val("de")
    if v == "NI":  # tonight
        return Frame("deictic", offset=0, pod="NI")
    pod = str(g.val("pod")) if g.has("pod") else None
    return Frame("deictic", offset=int(v), pod=pod, mod=_pmod(g), **tf)  # type: ignore[arg-type]


@rule("time", rf"{TIME}")
def _time(g: Groups) -> Frame | None:
    tf = _time_fields(g)
    if not tf or tf.get("bad") or not _time_ok(g):
        return None
    if g.has("clock") and not (g.has("ampm") or g.has("tz")) and g.has("hour"):
        return None
    if g.has("hour") and not g.has("ampm2"):
        return None
    return Frame("time", **tf)  # type: ignore[arg-type]


@rule(
    "holiday",
    r"(?P<rel>REL)? ((?P<h>HOLI) ('day/eve')? | 'new' 'year' APOS 's' (?P<nyd>'day/eve')"
    r"| (?P<h2>'valentine') APOS 's' 'day') (','? (?P<year>YEAR))?",
)
def _holiday(g: Groups) -> Frame | None:
    if g.has("nyd"):
        key: object = (12, 31) if g.lower("nyd") == "eve" else (1, 1)
    else:
        t = g.tok("h") or g.tok("h2")
        assert t is not None
        key = lx.HOLIDAYS[t.lower]
        words_in = {tok.lower for tok in g.tokens[g.t0 : g.t1]}
        if key == "ELECTION" and ("day" not in words_in or not t.text[0].isupper()):
            return None  # only "Election Day"; "election" alone is an event
        if isinstance(key, tuple) and "eve" in words_in:
            m, d = key
            key = (m, d - 1) if d > 1 else (m - 1 or 12, 31)
    rel = g.val("rel")
    return Frame(
        "holiday",
        holiday=key,
        year=_year_value(g.tok("year")),
        rel=int(rel) if rel is not None else None,  # type: ignore[arg-type]
    )


@rule(
    "relative_unit",
    rf"({PMOD} | (?P<det>'the'))? (?P<rel>REL) (?P<unit>UNIT)",
)
def _relative_unit(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    if unit_tok.lower in lx.PLURAL_UNITS:
        # "coming years", "past weeks": an unspecified stretch, not a calendar unit.
        rel_word = g.lower("rel")
        # Not "last": "could last months" is the verb.
        if rel_word in ("coming", "past", "next", "recent", "previous"):
            return Frame("duration", unit=_unit_of(unit_tok), amount=None)
        return None
    if (g.lower("rel") == "past" or g.has("det")) and not g.has("pmod"):
        if g.lower("rel") not in ("past", "last"):
            return None  # "the next day", "the previous day" are anaphoric
        # "the past year" is the year-long stretch up to now, not the calendar year.
        return Frame("duration", unit=_unit_of(unit_tok), amount=1.0)
    mod = _pmod(g)
    return Frame("relative", unit=_unit_of(unit_tok), rel=int(g.val("rel")), mod=mod)  # type: ignore[arg-type]


@rule("relative_month", rf"({PMOD})? (?P<rel>REL) (?P<mon>MONTH)")
def _relative_month(g: Groups) -> Frame | None:
    return Frame(
        "date",
        month=int(g.val("mon")),  # type: ignore[arg-type]
        rel=int(g.val("rel")),  # type: ignore[arg-type]
        mod=_pmod(g),
    )


@rule(
    "span",
    rf"({QMOD_APPROX} | (?P<det>'the'))? (?P<rel>'past/last/next/coming/previous/following"
    rf"/first/recent') {QTY}? (?P<unit>UNIT)",
)
def _span(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    if not g.has("qty") and unit_tok.lower not in lx.PLURAL_UNITS:
        return None  # "last week" is relative_unit
    if not g.has("qty") and g.lower("rel") == "last":
        return None  # "could last months": the verb
    amount = _num(g.toks("qty")) if g.has("qty") else None
    if g.has("qty") and amount is not None and amount == 1 and g.tok("qty").lower in ("a", "an"):  # type: ignore[union-attr]
        return None
    return Frame("duration", unit=_unit_of(unit_tok), amount=amount, mod=_qmod(g))


@rule("ago", rf"{QMOD_AGO}? {QTY}? (?P<unit>UNIT) (?P<ago>'ago' | 'from' 'now' | 'hence')")
def _ago(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    amount = _num(g.toks("qty")) if g.has("qty") else None
    if not g.has("qty") and unit_tok.lower not in lx.PLURAL_UNITS:
        amount = 1.0
    sign = -1 if g.lower("ago") == "ago" else 1
    return Frame(
        "ago",
        unit=_unit_of(unit_tok),
        amount=amount,
        offset=sign,
        mod=_qmod(g),
    )


@rule(
    "duration",
    rf"{QMOD_APPROX}? {QTY} {MORE} '-'? (?P<unit>UNIT)"
    r"('-' 'long' | (?P<andhalf>'and' ART 'half'))? (?P<alt>'or' (?P<q2>NUM|NUMW))?",
)
def _duration(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    nxt = g.next()
    # Ages are not marked as durations in TimeML news ("a 45-year-old man").
    if nxt is not None and nxt.lower in ("old", "olds"):
        return None
    if (
        nxt is not None
        and nxt.lower == "-"
        and g.t1 + 1 < len(g.tokens)
        and g.tokens[g.t1 + 1].lower in ("old", "olds")
    ):
        return None
    amount = _num(g.toks("qty"))
    if g.lower("qty") in ("a", "an") and unit_tok.lower in lx.PLURAL_UNITS:
        return None  # "a decades-long war": the article belongs to the noun
    if _unit_of(unit_tok) == "weekend" and amount == 1:
        return None
    if _unit_of(unit_tok) == "second" and g.lower("qty") in ("a", "an"):
        return None  # "a second betrayal" is an ordinal
    if _unit_of(unit_tok) == "quarter" and (
        (g.has("qty") and g.text[g.toks("qty")[-1].end : unit_tok.start] == "-")
        or g.after(4).lstrip().lower().startswith("of ")
    ):
        return None  # "three-quarters of voters": a fraction, not nine months
    if g.has("andhalf") and amount is not None:
        amount += 0.5  # "a year and a half"
    if g.has("alt"):
        amount = None  # "a year or two": an unspecified number of years
    return Frame("duration", unit=_unit_of(unit_tok), amount=amount, mod=_qmod(g))


@rule("unit_long", r"(?P<unit>UNIT) '-' 'long'")
def _unit_long(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    plural = unit_tok.lower in lx.PLURAL_UNITS
    return Frame("duration", unit=_unit_of(unit_tok), amount=None if plural else 1.0)


_UNIT_ORDER = ("second", "minute", "hour", "day", "week", "month", "year")


@rule(
    "duration_pair",
    rf"{QMOD_APPROX}? {QTY} (?P<unit>UNIT) ','? 'and' (?P<q2>NUM|NUMW|ART) (?P<unit2>UNIT)",
)
def _duration_pair(g: Groups) -> Frame | None:
    u1, u2 = g.tok("unit"), g.tok("unit2")
    assert u1 is not None and u2 is not None
    # Only "two hours and 30 minutes"-style compounds, largest unit first.
    if _unit_of(u1) not in _UNIT_ORDER or _unit_of(u2) not in _UNIT_ORDER:
        return None
    if _UNIT_ORDER.index(_unit_of(u2)) >= _UNIT_ORDER.index(_unit_of(u1)):
        return None
    a1, a2 = _num(g.toks("qty")), _num(g.toks("q2"))
    if a1 is None or a2 is None:
        return None
    return Frame(
        "duration", unit=_unit_of(u1), amount=a1, mod=_qmod(g), parts=((a2, _unit_of(u2)),)
    )


@rule("and_a_half", rf"{QMOD_APPROX}? {QTY} 'and' ART 'half' (?P<unit>UNIT)")
def _and_a_half(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    amount = _num(g.toks("qty"))
    return Frame("duration", unit=_unit_of(unit_tok), amount=(amount or 0) + 0.5, mod=_qmod(g))


@rule("plural_pair", rf"{QMOD}? (?P<unit>UNIT) 'or' (?P<unit2>UNIT)")
def _plural_pair(g: Groups) -> Frame | None:
    """ "weeks or months", "days or weeks": a vague duration in the first unit named."""
    first, second = g.tok("unit"), g.tok("unit2")
    assert first is not None and second is not None
    units = (_unit_of(first), _unit_of(second))
    if (
        first.lower not in lx.PLURAL_UNITS
        or second.lower not in lx.PLURAL_UNITS
        or units[0] == units[1]
        or any(u in ("weekend", "quarter") for u in units)
    ):
        return None
    return Frame("duration", unit=units[0], amount=None, mod=_qmod(g))


@rule("bare_plural", rf"{QMOD}? (?P<unit>UNIT) ('-' 'long')?")
def _bare_plural(g: Groups) -> Frame | None:
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    if unit_tok.lower not in lx.PLURAL_UNITS or _unit_of(unit_tok) in (
        "weekend",
        "quarter",
        "second",
    ):
        return None
    prv = g.prev()
    # "for years", "in recent weeks": a bare plural unit is an unspecified duration,
    # but only after a preposition or adjective that makes it temporal.
    if not g.has("qmod") and (
        prv is None or prv.lower not in ("for", "in", "within", "over", "recent", "the")
    ):
        nxt = g.next()
        if not (nxt is not None and nxt.lower == "-"):
            return None
    return Frame("duration", unit=_unit_of(unit_tok), amount=None, mod=_qmod(g))


@rule(
    "set",
    r"(?P<sw>SETW) | (?P<every>'every/each/per') (?P<qty>NUM|NUMW|'other')? (?P<unit>UNIT|WDAY)"
    r"| (?P<times>'once/twice/thrice' | (NUM|NUMW) 'times') ('a/an/per'|'each/every')"
    r"(?P<unit2>UNIT)"
    r"| (?P<wds>WDAYS) (?P<podp>'mornings/afternoons/evenings/nights')?"
    r"| (?P<wd1>WDAY) (?P<podp2>'mornings/afternoons/evenings/nights')"
    r"| (?P<every2>'every/each') (?P<mon>MONTH)",
)
def _set(g: Groups) -> Frame | None:
    if g.has("sw"):
        t = g.tok("sw")
        assert t is not None
        if g.in_title_case_name():
            return None
        after = g.word_after()
        if t.lower == "annual" or after.lower() in _PERIODICALS or after[:1].isupper():
            # "the quarterly report", "the daily Maariv": what a publication is called,
            # not how often something happens.
            return None
        return Frame("set", set_value=str(t.value), freq="1X")
    if g.has("wds") or g.has("wd1"):
        # "on Mondays", "Tuesday nights": a habit, every such day (part).
        wd = int(g.val("wds") if g.has("wds") else g.val("wd1"))  # type: ignore[arg-type]
        pod = (g.lower("podp") or g.lower("podp2")).rstrip("s")
        suffix = f"T{lx.PARTS_OF_DAY[pod]}" if pod else ""
        return Frame("set", set_value=f"XXXX-WXX-{wd}{suffix}")
    if g.has("every2"):
        return Frame("set", set_value=f"XXXX-{int(g.val('mon')):02d}")  # type: ignore[arg-type]
    if g.has("every"):
        u = g.tok("unit")
        assert u is not None
        if "WDAY" in u.classes:
            return Frame("set", weekday=int(u.value))  # type: ignore[arg-type]
        n = 2.0 if g.lower("qty") == "other" else (_num(g.toks("qty")) or 1.0)
        return Frame("set", unit=_unit_of(u), amount=n)
    u2 = g.tok("unit2")
    assert u2 is not None
    times = g.lower("times").split()[0]
    n = {"once": 1, "twice": 2, "thrice": 3}.get(times)
    if n is None:
        n = int(_num(g.toks("times")[:1]) or 1)
    return Frame("set", unit=_unit_of(u2), amount=1.0, freq=f"{n}X")


@rule(
    "vague",
    r"(?P<v>VAGUE) | 'the' (?P<fp>'future/past') | 'the' 'long' RUN | 'the' 'near' 'future'",
)
def _vague(g: Groups) -> Frame | None:
    if g.in_title_case_name():
        return None
    if g.has("v"):
        t = g.tok("v")
        assert t is not None
        return Frame("vague", vague=str(t.value))
    fp = g.lower("fp")
    if fp == "past":
        nxt = g.next()
        if nxt is not None and (
            "NUM" in nxt.classes or "NUMW" in nxt.classes or "UNIT" in nxt.classes
        ):
            return None
        return Frame("vague", vague="PAST_REF")
    return Frame("vague", vague="FUTURE_REF")


@rule("current", r"'current'")
def _current(g: Groups) -> Frame | None:
    """ "his current wife", "the current flag": now, as TimeML marks it (PRESENT_REF).
    Before a unit or month ("the current year") the longer relative rules win."""
    if g.in_title_case_name() or (
        g.tokens[g.t0].text[0].isupper() and g.word_after()[:1].isupper()
    ):
        return None  # "Current Affairs": a name
    return Frame("vague", vague="PRESENT_REF")


@rule("week_of", rf"'the' 'week' 'of' ({DAYREF}) (','? (?P<year>YEAR))?")
def _week_of(g: Groups) -> Frame | None:
    month = g.val("mon") or g.val("mon2")
    day = g.val("day") or g.val("day2")
    return Frame(
        "week_of",
        year=_year_value(g.tok("year")),
        month=int(month),  # type: ignore[arg-type]
        day=int(day),  # type: ignore[arg-type]
    )


@rule(
    "anaphoric",
    r"(?P<el>'earlier/later')? 'that' ('same')? (?P<u1>'day/week/month/year') "
    r"| (?P<el2>'earlier/later')? 'that' (?P<pod>POD)"
    r"| 'the' (?P<rel>'next/following/previous/same')"
    r"((?P<u2>'day/week/month/year') | (?P<pod2>POD))"
    r"| 'the' (?P<u3>'day/week/month/year') (?P<ba>'before/after')",
)
def _anaphoric(g: Groups) -> Frame | None:
    """ "that day", "the next morning", "later that year", "the day before,": relative to
    the date under discussion (the last one mentioned), not to the reference date."""
    unit = g.lower("u1") or g.lower("u2") or g.lower("u3") or "day"
    if g.has("ba"):
        # Only with nothing after it: "the day before the vote" is counted from the vote.
        if not re.match(r"\s*(?:[,.;:]|(?:he|she|it|they|we|i|and)\b)", g.after(6), re.I):
            return None
        return Frame("anaphoric", unit=unit, offset=-1 if g.lower("ba") == "before" else 1)
    pod_tok = g.tok("pod") or g.tok("pod2")
    pod = str(pod_tok.value) if pod_tok is not None else None
    if pod_tok is not None and pod_tok.lower in ("noon", "midday", "midnight"):
        return None
    rel = g.lower("rel")
    offset = {"next": 1, "following": 1, "previous": -1}.get(rel, 0)
    return Frame("anaphoric", unit=unit, offset=offset, pod=pod)


@rule("later", rf"{QTY} (?P<unit>UNIT) (?P<dir>'later/earlier')")
def _later(g: Groups) -> Frame | None:
    """ "two days later", "a year earlier": counted from the date under discussion."""
    amount = _num(g.toks("qty"))
    unit = _unit_of(g.tok("unit"))  # type: ignore[arg-type]
    if amount is None or not float(amount).is_integer() or unit not in _SHIFTABLE:
        return None
    sign = 1 if g.lower("dir") == "later" else -1
    return Frame("anaphoric", unit=unit, offset=sign * int(amount))


_SHIFTABLE = frozenset({"day", "week", "month", "quarter", "year", "decade"})


@rule(
    "edge_unit",
    rf"{EDGE} ('the' | (?P<rel>REL))? (?P<unit>UNIT) | (?P<rel2>REL)? (?P<ye>'year') '-'? 'end'",
)
def _edge_unit(g: Groups) -> Frame | None:
    """ "the end of the year", "the beginning of next month", "by year-end"."""
    if g.has("ye"):
        rel = g.val("rel2")
        return Frame("relative", unit="year", rel=int(rel) if rel is not None else 0, mod="END")  # type: ignore[arg-type]
    unit_tok = g.tok("unit")
    assert unit_tok is not None
    unit = _unit_of(unit_tok)
    if unit_tok.lower in lx.PLURAL_UNITS or unit not in _SHIFTABLE - {"day"}:
        return None  # "at the end of the day" is an idiom
    rel = g.val("rel")
    return Frame("relative", unit=unit, rel=int(rel) if rel is not None else 0, mod=_edge_mod(g))  # type: ignore[arg-type]


@rule("the_weekend", r"'the' (?P<unit>'weekend')")
def _the_weekend(g: Groups) -> Frame | None:
    if g.in_title_case_name():
        return None
    return Frame("relative", unit="weekend", rel=0)


RULES: tuple[Rule, ...] = tuple(_RULES)


def _encode(tokens: list[Token | None]) -> tuple[str, list[int], list[Token]]:
    """Encode runs of classified tokens that contain at least one trigger class."""
    pieces: list[str] = []
    starts: list[int] = []
    kept: list[Token] = []
    pos = 0
    run: list[Token] = []

    def flush() -> None:
        nonlocal pos
        if run and any(c not in TRIGGER_FREE for t in run for c in t.classes):
            for t in run:
                enc = _prefix(t.classes) + t.lower.replace(" ", "_") + " "
                starts.append(pos)
                kept.append(t)
                pieces.append(enc)
                pos += len(enc)
            # A separator no atom can match keeps rules from spanning runs.
            starts.append(pos)
            kept.append(_SEP)
            pieces.append("# ")
            pos += 2
        run.clear()

    for t in tokens:
        if t is None:
            flush()
        else:
            run.append(t)
    flush()
    return "".join(pieces), starts, kept


_SEP = Token(-1, -1, "", "<sep>", ("SEP",))


def find_candidates(text: str, *, extra_vague: bool = False) -> list[Candidate]:
    """All non-overlapping grammar matches in ``text`` (longest first, then rule order)."""
    tokens = tokenize(text, extra_vague=extra_vague)
    enc, starts, kept = _encode(tokens)
    if not enc:
        return []
    found: list[Candidate] = []
    for prio, r in enumerate(RULES):
        search = r.regex.search
        pos = 0
        while (m := search(enc, pos)) is not None:
            t0 = bisect_right(starts, m.start()) - 1
            t1 = bisect_right(starts, m.end() - 1)
            frame = r.build(Groups(m, starts, kept, t0, t1, text))
            if frame is None:
                # Resume at the next token, not after the match: a rejected long match
                # must not hide a shorter valid one inside it.
                pos = starts[t0 + 1]
                continue
            found.append(Candidate(t0, t1, kept[t0].start, kept[t1 - 1].end, frame, r.name, prio))
            pos = m.end()
    found.sort(key=lambda c: (-(c.tok_end - c.tok_start), c.priority, c.start))
    taken: list[Candidate] = []
    used = [False] * len(kept)
    for c in found:
        if any(used[c.tok_start : c.tok_end]):
            continue
        for i in range(c.tok_start, c.tok_end):
            used[i] = True
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken


__all__ = ["RULES", "Candidate", "Frame", "Rule", "find_candidates"]
