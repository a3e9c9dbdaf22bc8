"""Date an event from the time expression that governs its trigger in the parse.

A time expression governs the nearest predicate above it in the dependency tree (a verb,
or an event noun): "Putin pledged *in 2005*", "the visit *on Monday*". An event without
an expression of its own takes one only through a path that keeps the time:

* a noun event under a light verb takes the verb's ("held talks *on Monday*"), and so
  does one that is the subject of a verb of occurrence ("the blast occurred *Friday*");
* a complement takes its controller's ("pledged *in 2005* to arm" — the pledge's date);
* a conjoined verb takes the first conjunct's ("met *on Monday* and signed a deal");
* a "when" clause right after an expression takes it ("Since *February 24*, when the
  Kremlin deployed troops");
* an event tied to another dated one takes its date (``anchored``): "injured in the
  *1998* bombing", "the bombing" after "the *Aug. 7* bombings", and "*a day after*
  visiting the UAE" moves the visit's day by the duration.

Expressions introduced by "since", "until", "before", "after", "by" bound a period, not
the event, and durations and sets never date one. Nothing falls back to the
publication date: relative expressions ("on Thursday", "yesterday") are already
resolved against it by the temporal tagger.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Token

from chronicle.events import lexicon

#: Signals that make an expression a bound of a period, not the event's date.
PERIOD_SIGNALS = frozenset({"since", "until", "till", "before", "after", "by", "from", "through"})
#: Verbs that say when their subject event happened.
OCCURRENCE_VERBS = frozenset({"occur", "happen", "take", "begin", "start", "end", "come",
                              "continue", "resume", "erupt", "break"})  # fmt: skip
_DATING_TYPES = frozenset({"DATE", "TIME"})
#: Precisions a point in time must have to date the events around it.
_CONTEXT_PRECISIONS = frozenset({"day", "week", "month"})
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "ll"})
_MAX_CLIMB = 8
#: Words that open a noun phrase a date may premodify ("the Oct. 23 killing").
_NOUN_PHRASE_OPENERS = frozenset(
    {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "last", "'s"}
)
#: How many sentences after a statement dated to the day later undated ones still
#: count as the same round of statements.
SAYING_SENTENCES = 6


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
        #: Points in time events may take from context, in text order: resolved days,
        #: weeks and months that no signal makes a period bound.
        self._context: list[TimexSpan] = []
        self._free: set[int] = set()  # starts of expressions that govern no predicate
        self._timed: list[TimexSpan] = []  # every date or time in the text
        self._sent_starts = [sent.start_char for sent in doc.sents]
        self._durations: list[TimexSpan] = []  # for "a day after the meeting"
        for timex in sorted(timexes, key=lambda t: t.start):
            if timex.type == "DURATION":
                self._durations.append(timex)
            if timex.type not in _DATING_TYPES:
                continue
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            head = span.root
            self._timed.append(timex)
            if self._signal(span) in PERIOD_SIGNALS:
                self._note_when_clause(span, timex)
                continue
            if timex.date_start is not None and precision_of(timex.value) in _CONTEXT_PRECISIONS:
                self._context.append(timex)
            governor = (
                self._speech_before(span)
                or self._premodified(span)
                or self._governor(head, span.start, span.end)
            )
            if governor is not None:
                self.governed.setdefault(governor.i, []).append(timex)
            else:
                self._free.add(timex.start)
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
    def _premodified(span: Any) -> Token | None:
        """ "the Oct. 23 killing", "the 1998 clinic bombing": a date between a determiner
        and an event noun dates that noun, even where the parser made the date the head
        of the phrase."""
        doc = span.doc
        if span.start == 0 or doc[span.start - 1].pos_ not in ("DET", "PRON"):
            return None
        if doc[span.start - 1].lower_ not in _NOUN_PHRASE_OPENERS:
            return None
        nouns = []
        for tok in doc[span.end : span.end + 3]:
            if tok.pos_ not in ("NOUN", "PROPN"):
                break
            nouns.append(tok)
        events = [t for t in nouns if t.pos_ == "NOUN" and _is_predicate(t)]
        return events[-1] if events else None

    @staticmethod
    def _speech_before(span: Any) -> Token | None:
        """ "said Friday the INS did the right thing": a time right after a speech verb
        dates the saying, wherever the parser hangs it (often on the reported clause)."""
        i = span.start - 1
        if i >= 0 and span.doc[i].lower_ == "on":
            i -= 1
        if i < 0:
            return None
        tok = span.doc[i]
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.SPEECH_VERBS:
            return tok
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
                first and tok.pos_ in ("NOUN", "PROPN") and _premodifies(head, start, end, tok)
            ):
                return tok  # a noun the expression premodifies: "the Oct. 23 slaying"
            first = False
        return None

    def _note_when_clause(self, span: Any, timex: TimexSpan) -> None:
        """ "<expression>, when <clause>": the clause's verb happened then."""
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
        # The most precise resolved value wins; a calendar date before a clock time on
        # the same day ("at 10:35 a.m. Friday": the event's date is Friday's); then the
        # nearest to the trigger.
        return min(
            candidates,
            key=lambda t: (t.date_start is None, _width(t), t.type != "DATE",
                           abs(t.start - tok.idx)),
        )  # fmt: skip

    def dated(self, trigger: Token) -> tuple[TimexSpan, str] | None:
        """The expression that dates ``trigger`` and how it was found (``date_basis``):

        * ``expression``: it governs the trigger (see :meth:`date_for`);
        * ``sentence``: the trigger's sentence has a time of its own: that of a predicate
          above it ("officials said *Friday* the blast killed 12"), unless a temporal
          conjunction or preposition orders them ("before Slepian died"), or else an
          expression of the sentence that governs no predicate;
        * ``paragraph``: a sentence without a time keeps the one the paragraph gave in
          the sentence just before ("*On Thursday*, Putin received Raisi. He then
          condemned ...");
        * ``narrative``: the story's day (the day its expressions name most often) for
          statements reported later in the story, and for happenings told right after it.

        Only past or untensed clauses take a time from context, never present, future or
        modal ones ("will meet", "is expected to"), nor states ("it was the clinic"); event
        nouns outside the dated sentence ("the bombing") name background happenings.
        """
        own = self.date_for(trigger)
        if own is not None:
            return own, "expression"
        anchored = self._offsets.get(trigger.i) or self._anchored_time(trigger)
        if anchored is not None:
            return anchored, "anchored"
        if not self._past_or_untensed(trigger) or _negated(trigger):
            return None
        sent = trigger.sent
        if any(sent.start_char <= t.start < sent.end_char for t in self._timed):
            found = self._sentence_time(trigger)
            return (found, "sentence") if found is not None else None
        if trigger.pos_ not in ("VERB", "AUX") or trigger.lemma_.lower() in _STATIVE:
            return None
        return self._context_time(trigger)

    def _anchored_time(self, trigger: Token) -> TimexSpan | None:
        """The date of another event this one is tied to (``anchored``):

        * a happening "in" or "during" a dated event ("injured in the 1998 bombing",
          "killed during the raid on Sept. 2") took place then;
        * a definite event noun that names an event the text dated before ("the
          bombing", after "the Aug. 7 bombings") takes that date, when every dated
          mention of the noun agrees on it. The clause's tense does not matter: "will
          investigate the bombing" still names the bombing of Aug. 7.
        """
        if trigger.pos_ in ("VERB", "AUX"):
            for child in trigger.children:
                if (
                    child.dep_ == "obl"
                    and child.pos_ == "NOUN"
                    and _case(child) in ("in", "during")
                    and _is_predicate(child)
                ):
                    own = self._own(child)
                    if own is not None and own.date_start is not None:
                        return own
            return None
        if trigger.pos_ == "NOUN" and _is_predicate(trigger) and _definite(trigger):
            found = self._event_dates.get(trigger.lemma_.lower())
            if found is not None and found.start < trigger.idx:
                return found
        return None

    @cached_property
    def _offsets(self) -> dict[int, TimexSpan]:
        """Events placed a number of days from another dated event: "*a day after*
        visiting the UAE, Putin received Raisi", "two weeks before the Oct. 23 killing".
        The dated predicate is the one the "after"/"before" phrase hangs from; its date is
        the other event's day moved by the duration (only whole days or weeks from an
        event dated to the day, so no precision is invented). The span is that of the
        duration expression, the evidence in the text."""
        out: dict[int, TimexSpan] = {}
        doc = self.doc
        for dur in self._durations:
            days = _whole_days(dur.value)
            span = doc.char_span(dur.start, dur.end, alignment_mode="expand")
            if days is None or span is None or span.end >= len(doc):
                continue
            signal = doc[span.end]
            if signal.lower_ not in ("after", "before"):
                continue
            other = next((t for t in doc[span.end + 1 : span.end + 6] if _is_predicate(t)), None)
            if other is None:
                continue
            base = (
                self.date_for(other)
                or self._anchored_time(other)
                or (self._lemma_day(other) if _definite_or_verb(other) else None)
            )
            if base is None or precision_of(base.value) != "day" or base.date_start is None:
                continue
            day = base.date_start + timedelta(days=days if signal.lower_ == "after" else -days)
            governor = other.head
            while governor.i != governor.head.i and not _is_predicate(governor):
                governor = governor.head
            if governor.i == other.i or not _is_predicate(governor):
                continue
            out[governor.i] = TimexSpan(dur.start, dur.end, "DATE", day.isoformat(), day, day)
        return out

    def _lemma_day(self, tok: Token) -> TimexSpan | None:
        """The day of another mention of the same happening: same lemma, or the verb
        of a gerund noun ("the killing" -> "was killed on Oct. 23")."""
        lemma = tok.lemma_.lower()
        keys = [lemma]
        if tok.pos_ == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
            keys += [lemma[:-3], lemma[:-3] + "e"]
            if lemma[-4] == lemma[-5]:
                keys.append(lemma[:-4])  # "shopping" -> "shop"
        return next((self._lemma_days[k] for k in keys if k in self._lemma_days), None)

    @cached_property
    def _lemma_days(self) -> dict[str, TimexSpan]:
        """Predicates (verbs and event nouns) dated to the day by their own expression,
        by lemma, where all such mentions agree: "visited the UAE on Wednesday" dates a
        later "after visiting the UAE"."""
        seen: dict[str, set[str]] = {}
        first: dict[str, TimexSpan] = {}
        for tok in self.doc:
            if not _is_predicate(tok):
                continue
            own = self.date_for(tok)
            if own is None or precision_of(own.value) != "day":
                continue
            lemma = tok.lemma_.lower()
            seen.setdefault(lemma, set()).add(own.value.split("T")[0])
            first.setdefault(lemma, own)
        return {lemma: first[lemma] for lemma, days in seen.items() if len(days) == 1}

    @cached_property
    def _event_dates(self) -> dict[str, TimexSpan]:
        """Event nouns the text dates by an expression, by lemma, where every dated
        mention of the noun agrees on the day (or month, or year)."""
        seen: dict[str, list[TimexSpan]] = {}
        for i in self.governed:
            tok = self.doc[i]
            if tok.pos_ != "NOUN" or not _is_predicate(tok):
                continue
            own = self._own(tok)
            if own is None or own.date_start is None or precision_of(own.value) is None:
                continue
            seen.setdefault(tok.lemma_.lower(), []).append(own)
        return {
            lemma: found[0]
            for lemma, found in seen.items()
            if len({t.value.split("T")[0] for t in found}) == 1
        }

    def _sentence_time(self, trigger: Token) -> TimexSpan | None:
        tok = trigger
        for _ in range(_MAX_CLIMB):
            if not _keeps_time(tok):
                break
            tok = tok.head
            own = self._own(tok)
            if own is not None:
                return own
        sent = trigger.sent
        free = [
            t
            for t in self._context
            if sent.start_char <= t.start < sent.end_char and t.start in self._free
        ]
        return min(free, key=lambda t: abs(t.start - trigger.idx)) if free else None

    def _context_time(self, trigger: Token) -> tuple[TimexSpan, str] | None:
        sent_start = trigger.sent.start_char
        earlier = [t for t in self._context if t.start < sent_start]
        if not earlier:
            return None
        last = earlier[-1]
        if last.start >= self._paragraph_start(trigger.idx) and (
            self._sentences_between(last.start, sent_start) <= 1
        ):
            return last, "paragraph"
        if trigger.lemma_.lower() in lexicon.SPEECH_VERBS:
            said = self._last_dated_saying(trigger)
            if said is not None:
                return said, "narrative"
        story = self._story_day
        same = [t for t in earlier if story is not None and t.value.split("T")[0] == story]
        if same and (
            trigger.lemma_.lower() in lexicon.SPEECH_VERBS
            or self._sentences_between(same[-1].start, sent_start) <= 1
        ):
            return same[-1], "narrative"
        return None

    def _last_dated_saying(self, trigger: Token) -> TimexSpan | None:
        """The day of the latest statement before ``trigger`` that the text dates to the
        day ("officials said Monday ..."): quotes that follow come from the same round of
        statements, unless another day is named in between."""
        best: TimexSpan | None = None
        for i in self.governed:
            tok = self.doc[i]
            if i >= trigger.i or tok.lemma_.lower() not in lexicon.SPEECH_VERBS:
                continue
            own = self._own(tok)
            if own is None or precision_of(own.value) != "day":
                continue
            if best is None or own.start > best.start:
                best = own
        if best is None or self._sentences_between(best.start, trigger.idx) > SAYING_SENTENCES:
            return None
        later = [t for t in self._context if best.start < t.start < trigger.idx]
        if any(t.value.split("T")[0] != best.value.split("T")[0] for t in later):
            return None
        return best

    def _sentences_between(self, start: int, end: int) -> int:
        """Sentence starts strictly between two offsets."""
        return bisect_right(self._sent_starts, end - 1) - bisect_right(self._sent_starts, start)

    @cached_property
    def _story_day(self) -> str | None:
        """The day the story is about: the only day its expressions name, or the one
        they name at least twice more often than any other."""
        counts: dict[str, int] = {}
        for t in self._context:
            if precision_of(t.value) == "day":
                day = t.value.split("T")[0]
                counts[day] = counts.get(day, 0) + 1
        if not counts:
            return None
        ranked = sorted(counts.values(), reverse=True)
        best = max(counts, key=lambda d: counts[d])
        runner_up = ranked[1] if len(ranked) > 1 else 0
        return best if runner_up == 0 or ranked[0] >= runner_up + 2 else None

    def _paragraph_start(self, offset: int) -> int:
        text = self.doc.text
        cut = text.rfind("\n\n", 0, offset)
        return 0 if cut < 0 else cut + 2

    @staticmethod
    def _past_or_untensed(trigger: Token) -> bool:
        """Whether a trigger's clause may take a time from its context: past tense, or
        a noun or participle under a past verb; never under a future/modal auxiliary."""
        tok = trigger
        for _ in range(3):
            auxes = [c for c in tok.children if c.dep_ in ("aux", "aux:pass")]
            if any(a.lower_ in _FUTURE_AUX or a.tag_ == "MD" for a in auxes):
                return False
            if tok.pos_ in ("VERB", "AUX"):
                tense = tok.morph.get("Tense")
                if "Pres" in tense and not any(a.lemma_ == "have" for a in auxes):
                    return False
                if "Past" in tense or auxes:
                    return True
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return True

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
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ in ("obj", "nsubj:pass")
                and (head.lemma_.lower() in lexicon.LIGHT_VERBS)
            ):
                tok = head  # "held talks", "talks were held"
            elif (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ == "nsubj"
                and (head.lemma_.lower() in OCCURRENCE_VERBS)
            ):
                tok = head  # "the blast occurred Friday"
            elif (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ == "obl"
                and _case(tok) in ("during", "on", "in", "at")
            ):
                tok = head  # "paid tribute Tuesday on a visit to East Africa"
            elif tok.dep_ == "xcomp":
                tok = head  # "pledged to arm"
            elif (
                tok.dep_ == "conj"
                and head.pos_ in ("VERB", "AUX")
                and tok.pos_ == "VERB"
                and not _negated(tok)
            ):
                tok = head  # "met and signed"
            else:
                return None
        return None


_STATIVE = frozenset({"be", "have", "remain", "seem", "know", "believe", "want"})


def _keeps_time(tok: Token) -> bool:
    """Whether ``tok`` happens at the time of the word it hangs from — measured on
    AQUAINT, a clause or noun inside a dated clause mostly does ("said Friday the blast
    killed 12", "the visit *on Monday* of the delegation") — unless a temporal
    conjunction or preposition orders the two ("before Slepian died", "after the vote")
    or the clause is a condition ("vowing to do so if elected")."""
    if tok.head.i == tok.i:
        return False
    return not any(
        c.dep_ in ("mark", "case")
        and c.lower_ in PERIOD_SIGNALS | {"when", "as", "once", "if", "unless", "whether"}
        for c in tok.children
    )


def _whole_days(value: str) -> int | None:
    """Days in a TIMEX3 duration of whole days or weeks ("P1D" -> 1, "P2W" -> 14)."""
    if len(value) < 3 or value[0] != "P" or not value[1:-1].isdigit():
        return None
    n = int(value[1:-1])
    return {"D": n, "W": 7 * n}.get(value[-1])


def _definite_or_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or _definite(tok)


def _definite(tok: Token) -> bool:
    """ "the bombing", "the attacks", "Friday's bombing": a noun that names a known event."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or c.dep_ == "nmod:poss"
        for c in tok.children
    )


def _premodifies(head: Token, start: int, end: int, noun: Token) -> bool:
    """Whether the expression ``[start, end)`` stands before ``noun`` inside its noun
    phrase ("the 1996 bombing"), not as a fronted adverbial ("On Sept. 2, police")."""
    if head.i > noun.i or any(c.dep_ == "case" for c in head.children):
        return False
    if start > 0 and head.doc[start - 1].pos_ == "ADP":
        return False
    return not any(t.is_punct for t in head.doc[end : noun.i])


_NEGATORS = frozenset({"not", "n't", "never", "no", "none", "nobody", "nothing", "neither"})


def _negated(tok: Token) -> bool:
    """ "None of the doctors were killed", "no date was fixed": an event said not to
    have happened has no date to take from its context."""
    return any(
        c.lower_ in _NEGATORS or (c.dep_ in ("nsubj", "nsubj:pass") and _has_negator(c))
        for c in tok.children
    )


def _has_negator(tok: Token) -> bool:
    return tok.lower_ in _NEGATORS or any(c.lower_ in ("no", "none") for c in tok.children)


def _case(tok: Token) -> str | None:
    return next((c.lower_ for c in tok.children if c.dep_ == "case"), None)


def _width(timex: TimexSpan) -> int:
    if timex.date_start is None or timex.date_end is None:
        return 1 << 30
    return int((timex.date_end - timex.date_start).days)
