"""Date an event from the time expression that governs its trigger in the parse.

A time expression governs the nearest predicate above it in the dependency tree (a verb,
or an event noun): "Putin pledged *in 2005*", "the visit *on Monday*". An event without
an expression of its own takes one only through a path that keeps the time:

* a noun event under a light verb takes the verb's ("held talks *on Monday*"), and so
  does one that is the subject of a verb of occurrence ("the blast occurred *Friday*");
* a complement takes its controller's ("pledged *in 2005* to arm" — the pledge's date);
* a conjoined verb takes the first conjunct's ("met *on Monday* and signed a deal");
* a "when" clause right after an expression takes it ("Since *February 24*, when the
  Kremlin deployed troops").

Expressions introduced by "since", "until", "before", "after", "by" bound a period, not
the event, and durations and sets never date one. Nothing falls back to the
publication date: relative expressions ("on Thursday", "yesterday") are already
resolved against it by the temporal tagger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from chronicle.events import lexicon

#: Signals that make an expression a bound of a period, not the event's date.
PERIOD_SIGNALS = frozenset({"since", "until", "till", "before", "after", "by", "from", "through"})
#: Verbs that say when their subject event happened.
OCCURRENCE_VERBS = frozenset({"occur", "happen", "take", "begin", "start", "end", "come",
                              "continue", "resume", "erupt", "break"})  # fmt: skip
_DATING_TYPES = frozenset({"DATE", "TIME"})
_MAX_CLIMB = 8


@dataclass(frozen=True)
class TimexSpan:
    """A ``timexes`` row as the dater needs it."""

    start: int
    end: int
    type: str
    value: str
    date_start: Any  # datetime.date | None
    date_end: Any

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> TimexSpan:
        return cls(row["start"], row["end"], row["type"], row["value"],
                   row.get("date_start"), row.get("date_end"))  # fmt: skip


def precision_of(value: str) -> str | None:
    """Calendar precision of a TIMEX3 date value ("2021-10-22" -> "day")."""
    v = value.split("T", 1)[0]
    if len(v) >= 4 and not v[:2].isdigit():
        return None  # no year ("XXXX-10-22") or not a date ("PAST_REF")
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        return "day"
    if len(v) == 4:
        if v.isdigit():
            return "year"
        if v[:3].isdigit() and v[3] == "X":
            return "decade"
        if v[:2].isdigit() and v[2:] == "XX":
            return "century"
        return None
    rest = v[5:]
    if rest.startswith("W") and "-WE" not in rest:
        return "week"
    if rest.startswith("W"):
        return "day"  # a weekend: two days
    if rest.isdigit() and len(rest) == 2:
        return "month"
    if rest in ("SP", "SU", "FA", "WI"):
        return "season"
    if rest.startswith("Q"):
        return "quarter"
    if rest.startswith("H"):
        return "half"
    return None


def _is_predicate(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (
        tok.pos_ in ("NOUN", "PROPN")
        and (tok.lemma_.lower() in lexicon.NOUN_TRIGGERS or tok.lower_ in lexicon.NOUN_TRIGGERS)
    )


class Dater:
    """The governing expressions of one parsed document's predicates."""

    def __init__(self, doc: Doc, timexes: Sequence[TimexSpan]) -> None:
        self.doc = doc
        self.governed: dict[int, list[TimexSpan]] = {}
        self.after_when: dict[int, TimexSpan] = {}
        for timex in timexes:
            if timex.type not in _DATING_TYPES:
                continue
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            head = span.root
            if self._signal(span) in PERIOD_SIGNALS:
                self._note_when_clause(span, timex)
                continue
            governor = self._governor(head, span.start, span.end)
            if governor is not None:
                self.governed.setdefault(governor.i, []).append(timex)
            self._note_when_clause(span, timex)

    @staticmethod
    def _signal(span: Any) -> str | None:
        """The preposition introducing the expression ("since February 24" -> since)."""
        for child in span.root.children:
            if child.dep_ == "case" or (child.dep_ == "mark" and child.i < span.start):
                return child.lower_
        if span.start > 0:
            before = span.doc[span.start - 1]
            if before.pos_ in ("ADP", "SCONJ"):
                return before.lower_
        return None

    @staticmethod
    def _governor(head: Token, start: int, end: int) -> Token | None:
        """The predicate a time expression dates: the word it hangs from when that is a
        verb or a noun it premodifies ("the *1996* bombing", "met *Wednesday*"), else the
        nearest verb or event noun above it ("in *early March*")."""
        tok = head
        first = True
        for _ in range(_MAX_CLIMB):
            if tok.head.i == tok.i:
                return tok if _is_predicate(tok) and not (start <= tok.i < end) else None
            tok = tok.head
            if start <= tok.i < end:
                continue
            if _is_predicate(tok) or (
                first and tok.pos_ in ("NOUN", "PROPN") and head.i < tok.i
            ):
                return tok  # a noun the expression premodifies: "the Oct. 23 slaying"
            first = False
        return None

    def _note_when_clause(self, span: Any, timex: TimexSpan) -> None:
        """"<expression>, when <clause>": the clause's verb happened then."""
        doc = self.doc
        i = span.end
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ == "when":
            verb = doc[i].head
            if verb.i != doc[i].i and verb.pos_ in ("VERB", "AUX"):
                self.after_when[verb.i] = timex

    def _own(self, tok: Token) -> TimexSpan | None:
        if tok.i in self.after_when:
            return self.after_when[tok.i]
        candidates = self.governed.get(tok.i, [])
        if not candidates:
            return None
        # The most precise resolved value wins; then the nearest to the trigger.
        return min(
            candidates,
            key=lambda t: (t.date_start is None, _width(t), abs(t.start - tok.idx)),
        )

    def date_for(self, trigger: Token) -> TimexSpan | None:
        """The expression that dates the event named by ``trigger``, if any."""
        tok = trigger
        for _ in range(_MAX_CLIMB):
            own = self._own(tok)
            if own is not None:
                return own
            head = tok.head
            if head.i == tok.i:
                return None
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("obj", "nsubj:pass") and (
                head.lemma_.lower() in lexicon.LIGHT_VERBS
            ):
                tok = head  # "held talks", "talks were held"
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" and (
                head.lemma_.lower() in OCCURRENCE_VERBS
            ):
                tok = head  # "the blast occurred Friday"
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "obl" and _case(tok) in (
                "during", "on", "in", "at"
            ):
                tok = head  # "paid tribute Tuesday on a visit to East Africa"
            elif tok.dep_ == "xcomp":
                tok = head  # "pledged to arm"
            elif tok.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and tok.pos_ == "VERB":
                tok = head  # "met and signed"
            else:
                return None
        return None


def _case(tok: Token) -> str | None:
    return next((c.lower_ for c in tok.children if c.dep_ == "case"), None)


def _width(timex: TimexSpan) -> int:
    if timex.date_start is None or timex.date_end is None:
        return 1 << 30
    return int((timex.date_end - timex.date_start).days)
