"""Event-date anchoring on AQUAINT TimeML: does the dater pick the gold anchor date?

Gold: a TLINK that puts an EVENT inside a TIMEX3 DATE of the text (event IS_INCLUDED /
DURING / SIMULTANEOUS time, or time INCLUDES event). Only anchors that Chronicle's
temporal tagger also finds (overlapping span) count: the question is the anchoring, not
the tagging. For each such gold event, the dater is asked for the expression that
governs the event's head word in our parse.

* coverage: share of anchored gold events the dater dates at all;
* accuracy: share of dated ones whose expression is the gold anchor (span overlap);
* value accuracy: share of dated ones whose TIMEX3 value equals the gold anchor's;
* by_basis: dated events and accuracy per ``date_basis`` (expression, sentence,
  paragraph, narrative); ``--expression-only`` leaves context dating out.

Files whose events hand-labelled dev set uses (``HELD_OUT``) are reported apart: the
rules were tuned by reading errors of the other files only.
Run ``python -m lab.events.anchoring``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from chronicle.events.dating import Dater, TimexSpan
from chronicle.timex import tag_timexes
from lab.datasets import GoldTimex, TimeMLDoc, aquaint_dir, load_corpus, missing

#: The AQUAINT files of the hand-labelled events dev set (tests/fixtures/events_dev.json
#: draws from these): kept out of rule tuning.
HELD_OUT: frozenset[str] = frozenset({
    "APW19980810.0907", "APW19980820.1428", "APW19981205.0374", "APW19990312.0251",
    "APW19990607.0041", "APW199980817.1193", "APW20000115.0031", "APW20000210.0328",
    "APW20000401.0150", "NYT19980907.0112", "NYT19981120.0362", "NYT19990505.0443",
    "NYT20000224.0173", "NYT20000406.0002", "XIE19980808.0031", "XIE19980809.0010",
    "XIE19981203.0008", "XIE19990313.0173",
})  # fmt: skip

_EVENT_IN_TIME = {"IS_INCLUDED", "DURING", "SIMULTANEOUS"}
_TIME_AROUND_EVENT = {"INCLUDES", "DURING", "SIMULTANEOUS"}


@dataclass(frozen=True)
class Anchor:
    """A gold event and the gold date it lies in."""

    doc: str
    event_start: int
    event_end: int
    timex: GoldTimex


def gold_anchors(doc: TimeMLDoc) -> list[Anchor]:
    """Events TLINKed into a DATE expression of the text (one anchor per event)."""
    found: dict[str, GoldTimex] = {}
    for link in doc.tlinks:
        rel = link.get("relType", "")
        if "eventInstanceID" in link and "relatedToTime" in link and rel in _EVENT_IN_TIME:
            instance, tid = link["eventInstanceID"], link["relatedToTime"]
        elif "timeID" in link and "relatedToEventInstance" in link and rel in _TIME_AROUND_EVENT:
            instance, tid = link["relatedToEventInstance"], link["timeID"]
        else:
            continue
        timex = doc.timex_ids.get(tid)
        eid = doc.instances.get(instance)
        if timex is None or timex.type != "DATE" or eid not in doc.events:
            continue
        found.setdefault(eid, timex)
    return [
        Anchor(doc.name, *doc.events[eid], timex)
        for eid, timex in sorted(found.items(), key=lambda kv: doc.events[kv[0]])
    ]


@dataclass
class AnchorScores:
    anchored: int = 0  # gold anchored events whose anchor we also tag
    dated: int = 0
    correct: int = 0
    value_correct: int = 0
    #: date_basis -> [dated, correct]
    by_basis: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: AnchorScores) -> None:
        self.anchored += other.anchored
        self.dated += other.dated
        self.correct += other.correct
        self.value_correct += other.value_correct
        for basis, (dated, correct) in other.by_basis.items():
            mine = self.by_basis.setdefault(basis, [0, 0])
            mine[0] += dated
            mine[1] += correct

    def summary(self) -> dict[str, float | int]:
        return {
            "anchored_events": self.anchored,
            "coverage": round(self.dated / self.anchored, 3) if self.anchored else 0.0,
            "accuracy": round(self.correct / self.dated, 3) if self.dated else 0.0,
            "value_accuracy": round(self.value_correct / self.dated, 3) if self.dated else 0.0,
            "dated_right_share": round(self.correct / self.anchored, 3) if self.anchored else 0.0,
            "by_basis": {
                basis: {"dated": d, "accuracy": round(c / d, 3) if d else 0.0}
                for basis, (d, c) in sorted(self.by_basis.items())
            },
        }


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_doc(
    doc: TimeMLDoc, nlp: Language, errors: list[dict] | None = None, context: bool = True
) -> AnchorScores:
    scores = AnchorScores()
    ours = [TimexSpan.from_row(t.__dict__) for t in tag_timexes(doc.text, doc.dct)]
    parsed = nlp(doc.text)
    dater = Dater(parsed, ours)
    for anchor in gold_anchors(doc):
        g = anchor.timex
        if not any(_overlaps(t.start, t.end, g.start, g.end) for t in ours):
            continue
        span = parsed.char_span(anchor.event_start, anchor.event_end, alignment_mode="expand")
        if span is None:
            continue
        scores.anchored += 1
        found = (
            dater.dated(span.root)
            if context
            else ((t, "expression") if (t := dater.date_for(span.root)) else None)
        )
        got = found[0] if found is not None else None
        if got is None:
            if errors is not None:
                errors.append({"doc": doc.name, "event": span.text, "gold": g.text,
                               "got": None, "sentence": span.sent.text})  # fmt: skip
            continue
        scores.dated += 1
        right = _overlaps(got.start, got.end, g.start, g.end)
        scores.correct += right
        tally = scores.by_basis.setdefault(found[1], [0, 0])  # type: ignore[index]
        tally[0] += 1
        tally[1] += right
        scores.value_correct += got.value == g.value
        if not right and errors is not None:
            got_text = doc.text[got.start : got.end]
            errors.append({"doc": doc.name, "event": span.text, "gold": g.text,
                           "got": got_text, "basis": found[1],  # type: ignore[index]
                           "sentence": span.sent.text})  # fmt: skip
    return scores


def evaluate(
    docs: Sequence[TimeMLDoc],
    nlp: Language | None = None,
    errors: list[dict] | None = None,
    context: bool = True,
) -> dict[str, AnchorScores]:
    """Scores over all files, the tuning files and the held-out files."""
    if nlp is None:
        from lab.nlp import chosen_pipeline

        nlp = chosen_pipeline()
    out = {"all": AnchorScores(), "tuning": AnchorScores(), "held_out": AnchorScores()}
    for doc in docs:
        part = "held_out" if doc.name in HELD_OUT else "tuning"
        s = score_doc(doc, nlp, errors if part == "tuning" else None, context)
        out["all"].add(s)
        out[part].add(s)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print errors of tuning files")
    parser.add_argument(
        "--expression-only",
        action="store_true",
        help="date only by governing expressions (no sentence/paragraph/narrative context)",
    )
    args = parser.parse_args(argv)
    folder = aquaint_dir()
    if not folder.is_dir():
        print(missing(folder), file=sys.stderr)
        return 2
    errors: list[dict] = []
    result = evaluate(
        load_corpus(folder),
        errors=errors if args.errors else None,
        context=not args.expression_only,
    )
    for e in errors:
        print(json.dumps(e, ensure_ascii=False))
    print(json.dumps({k: v.summary() for k, v in result.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
