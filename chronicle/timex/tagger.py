"""TIMEX3 tagging: grammar detection + tense-aware normalisation against a reference date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from chronicle.timex.grammar import find_candidates
from chronicle.timex.normalise import normalise
from chronicle.timex.tense import TENSES, detect_tense, document_tense

TenseFn = Callable[[str, int, int], "str | None"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression: offsets into the input, TIMEX3 attributes, denoted interval."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    anchor_date: date | None
    date_start: date | None
    date_end: date | None
    tense: str | None = None  # the tense used to resolve it, when one was needed
    rule: str = ""  # grammar rule that matched (for debugging and error analysis)


@dataclass(frozen=True)
class TimexConfig:
    """Tagger options.

    ``tense_fn`` lets a caller with better syntax (a parser) supply the governing
    verb's tense for a span; by default the token heuristic in ``tense.py`` runs.
    ``default_tense`` is used when no tense evidence is found (None: nearest date).
    ``extra_vague`` also tags words such as "currently", "formerly", "once".
    """

    tense_fn: TenseFn | None = None
    tense_window: int = 80
    default_tense: str | None = None
    extra_vague: bool = False
    #: Without local evidence, fall back on the narration's tense (past-tense news).
    narration_tense: bool = True

    def __post_init__(self) -> None:
        if self.default_tense is not None and self.default_tense not in TENSES:
            raise ValueError(f"default_tense must be one of {TENSES} or None")


_DEFAULT = TimexConfig()
# A sentence-final "p.m." carries the sentence's period; the extent ends before it.
_SENTENCE_AFTER = re.compile(r"\s*(?:\Z|[A-Z\"'`])")


def _trim_end(text: str, start: int, end: int) -> int:
    """Leave out a final period that also ends the sentence ("at 10 p.m. Police said")."""
    if text[max(start, end - 4) : end].lower() in ("a.m.", "p.m.") and _SENTENCE_AFTER.match(
        text, end
    ):
        return end - 1
    return end


# Frame kinds whose value depends on past/future reading; only these pay for tense detection.
_TENSE_KINDS = frozenset({"date", "time", "weekday", "season", "quarter", "holiday", "week_of"})


_SIGNALS_WITHOUT_TENSE = ("until", "till", "by", "before")
_WORD_BEFORE = re.compile(r"(\w+)\s*\Z")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[A-Z\"'`]|\n\s*\n")


def _signal_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return m.group(1).lower() if m else ""


def _day_of(t: Timex) -> date | None:
    """The day a DATE/TIME timex pins down, if it pins one down."""
    if t.date_start is not None and t.date_start == t.date_end and t.type in ("DATE", "TIME"):
        return t.date_start
    return None


def tag_timexes(
    text: str, reference_date: date | None = None, *, config: TimexConfig | None = None
) -> list[Timex]:
    """Find and normalise every temporal expression in ``text``.

    Relative expressions are resolved against ``reference_date`` (usually the
    publication date); without one they keep underspecified values ("XXXX-10-22").
    Anaphoric ones ("that day", "the next morning") are resolved against the last
    day mentioned before them, and a bare clock time ("at 10:35 a.m.") takes its
    day from a date in the same sentence when there is one.
    """
    cfg = config or _DEFAULT
    out: list[Timex] = []
    discourse: date | None = None  # last day mentioned, for "that day"
    discourse_any: date | None = None  # start of the last dated expression, for "that year"
    bare_times: list[int] = []
    narration: str | bool | None = False  # document tense, computed on first need
    for cand in find_candidates(text, extra_vague=cfg.extra_vague):
        f = cand.frame
        tense: str | None = None
        if reference_date is not None and f.kind in _TENSE_KINDS:
            if cfg.tense_fn is not None:
                tense = cfg.tense_fn(text, cand.start, cand.end)
            else:
                tense = detect_tense(text, cand.start, cand.end, cfg.tense_window)
            deadline = False
            if text.startswith(("'s", "’s"), cand.end):
                # "Wednesday's ruling": a noun modifier, the clause tense says nothing.
                tense = None
            elif (
                cfg.tense_fn is None and _signal_before(text, cand.start) in _SIGNALS_WITHOUT_TENSE
            ):
                # "until Tuesday", "by Jan. 14": a deadline, whatever the main verb's tense.
                tense = None
                deadline = True
            if tense is None:
                tense = cfg.default_tense
            if tense is None and not deadline and cfg.narration_tense:
                if narration is False:
                    narration = document_tense(text)
                tense = narration  # type: ignore[assignment]
        anchor = reference_date
        if f.kind == "anaphoric":
            if f.unit in ("month", "year"):
                anchor = discourse_any or reference_date
            else:
                anchor = discourse or reference_date
        norm = normalise(f, anchor, tense)
        if norm is None:
            continue
        end = _trim_end(text, cand.start, cand.end)
        t = Timex(
            start=cand.start,
            end=end,
            text=text[cand.start : end],
            type=norm.type,
            value=norm.value,
            mod=norm.mod,
            anchor_date=anchor if norm.anchored else None,
            date_start=norm.date_start,
            date_end=norm.date_end,
            tense=tense,
            rule=cand.rule,
        )
        if f.kind == "time" and f.month is None and f.year is None:
            bare_times.append(len(out))
        out.append(t)
        day = _day_of(t)
        if day is not None and f.kind != "time":
            discourse = day
        if t.date_start is not None and t.type in ("DATE", "TIME"):
            discourse_any = t.date_start
    for i in bare_times:
        out[i] = _date_bare_time(text, out, i)
    return _with_coordinated_days(text, out)


# "April 24 and 25": a day number joined to a full day takes its month and year. Not
# before a unit or a month ("May 3 and 4 p.m.", "May 3 and 4 June").
_COORDINATED_DAY = re.compile(r"(\s+(?:and|or)\s+)(\d{1,2})\b(?![.,]?\d)(?!\s*(?:%|[a-zA-Z]))")


def _with_coordinated_days(text: str, found: list[Timex]) -> list[Timex]:
    out: list[Timex] = []
    for i, t in enumerate(found):
        out.append(t)
        day = _day_of(t)
        if day is None or t.type != "DATE" or not t.text[-1:].isdigit():
            continue
        m = _COORDINATED_DAY.match(text, t.end)
        if m is None or (i + 1 < len(found) and found[i + 1].start < m.end()):
            continue
        n = int(m.group(2))
        if not day.day < n <= 31:
            continue
        try:
            other = day.replace(day=n)
        except ValueError:
            continue
        out.append(replace(t, start=m.start(2), end=m.end(2), text=m.group(2),
                           value=other.isoformat(), date_start=other, date_end=other,
                           rule="coordinated_day"))  # fmt: skip
    return out


def _date_bare_time(text: str, found: list[Timex], i: int) -> Timex:
    """Give a bare clock time the day of the nearest date in its sentence, if any."""
    t = found[i]
    best: tuple[int, date] | None = None
    for j in (i - 1, i + 1):
        if not 0 <= j < len(found):
            continue
        other = found[j]
        day = _day_of(other)
        if day is None or ("T" in other.value and other.rule == "time"):
            continue
        lo, hi = (other.end, t.start) if j < i else (t.end, other.start)
        if _SENTENCE_BREAK.search(text, lo, hi):
            continue
        dist = hi - lo
        if best is None or dist < best[0]:
            best = (dist, day)
    if best is None:
        return t
    day = best[1]
    clock = t.value.partition("T")[2]
    return replace(
        t,
        value=f"{day.isoformat()}T{clock}",
        date_start=day,
        date_end=day,
        anchor_date=t.anchor_date,
    )
