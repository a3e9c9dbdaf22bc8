"""Score event extraction against the hand-labelled dev set (blind to the extractor).

The dev set (``tests/fixtures/events_dev.json``, guidelines in ``docs/events-dev-set.md``)
labels every event of the ontology with a named participant in AQUAINT newswire files and
GUM news documents that the rules were not tuned on, read from ``../shared``
(``CHRONICLE_SHARED``). AQUAINT: text = the TimeML ``TEXT`` with tags stripped, reference
date = the file's DCT. GUM: text = the ``# text`` lines of the document's sentences (one
space between sentences, a blank line between paragraphs), reference date = its
``# meta::dateCreated``.

Scoring is per event mention (before merging repeated mentions). A predicted mention
matches a gold one when its trigger lies inside the gold trigger's span in the same
sentence. Then:

* detection: matched with the same event type (precision over predictions, recall over
  gold rows);
* actors / date: among type-matched pairs, the share with the same actor set (names
  compared through the page's mentions, countries through their ISO codes) and the same
  TIMEX3 date value (both null counts as right);
* full: (type, actors, date) all right, as precision and recall;
* per class: detection precision and recall of each event type, so a weak class shows.

Run ``python -m lab.events.score`` (``--tuning`` for the tuning set, labelled
the same way from other files; ``--errors`` to list errors, for the tuning set only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from chronicle.entities import names
from chronicle.entities.extract import mentions_from_doc
from chronicle.events.extract import (
    DEFAULT_SOURCES,
    TRIGGER_SOURCES,
    EventExtractor,
    EventMention,
    Participant,
)
from chronicle.timex import tag_timexes
from lab.datasets import REPO_ROOT, aquaint_dir, load_gum_document, load_tml

DEV_SET = REPO_ROOT / "tests" / "fixtures" / "events_dev.json"
#: Labelled the same way from other AQUAINT files: the rules are tuned on this one.
TUNING_SET = REPO_ROOT / "tests" / "fixtures" / "events_tuning.json"


@dataclass
class GoldEvent:
    start: int  # trigger span in the text
    end: int
    event_type: str
    actors: list[str]
    date: str | None


@dataclass
class DevPage:
    name: str
    text: str
    reference_date: date
    gold: list[GoldEvent]


def _page_text(page: dict[str, Any], source: str, folder: Path | None) -> str:
    if source == "ud_english_gum_ccby":
        return load_gum_document(page["file"])[0]
    return load_tml((folder or aquaint_dir()) / page["file"]).text


def load_dev_set(path: Path = DEV_SET, folder: Path | None = None) -> list[DevPage]:
    """The labelled pages with their text; FileNotFoundError without ../shared.

    A page's ``source`` (default: the file's) says where its text comes from: AQUAINT
    ``.tml`` files (``folder``, default the shared copy) or GUM documents."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = []
    for page in data["pages"]:
        text = _page_text(page, page.get("source", data["source"]), folder)
        gold = []
        for e in page["events"]:
            s = text.index(e["sentence"])
            t = s + e["sentence"].index(e["trigger"])
            gold.append(GoldEvent(t, t + len(e["trigger"]), e["event_type"], e["actors"],
                                  e["date"]))  # fmt: skip
        pages.append(DevPage(page["file"], text, date.fromisoformat(page["reference_date"]),
                             gold))  # fmt: skip
    return pages


def _same_entity(gold: str, p: Participant, surfaces: dict[str, set[str]]) -> bool:
    g = names.norm_name(gold)
    known = {names.norm_name(s) for s in surfaces.get(p.key, set())}
    known.add(p.key.split("|", 1)[1].lower())
    if g in known:
        return True
    if p.label == "PERSON" and g.split()[-1:] == p.key.split("|", 1)[1].split()[-1:]:
        return True
    code = names.country_code(gold) or names.demonym_country(gold)
    return code is not None and code == p.state


def _actors_match(gold: list[str], pred: list[Participant], surfaces: dict) -> bool:
    return all(any(_same_entity(g, p, surfaces) for p in pred) for g in gold) and all(
        any(_same_entity(g, p, surfaces) for g in gold) for p in pred
    )


def _date(event: EventMention) -> str | None:
    """The event's date as the dev set labels it: only an expression of its own sentence
    that governs it (docs/events-dev-set.md); dates taken from context (date_basis
    sentence/paragraph/narrative) are scored by ``lab.events.anchoring``."""
    t = event.timex
    if t is None or t.date_start is None or event.date_basis != "expression":
        return None
    return t.value.split("T", 1)[0]


@dataclass
class DevScores:
    gold: int = 0
    predicted: int = 0
    detected: int = 0  # type-matched pairs
    actors_right: int = 0
    date_right: int = 0
    full_right: int = 0
    #: event type -> [gold, predicted, detected]
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def by_type(self) -> dict[str, dict[str, float | int]]:
        """Detection precision and recall of each event type."""
        out: dict[str, dict[str, float | int]] = {}
        for event_type, (gold, predicted, detected) in sorted(self.per_type.items()):
            out[event_type] = {
                "gold": gold,
                "predicted": predicted,
                "precision": round(detected / predicted, 3) if predicted else 0.0,
                "recall": round(detected / gold, 3) if gold else 0.0,
            }
        return out

    def summary(self) -> dict[str, float | int]:
        def prf(tp: int) -> dict[str, float]:
            p = tp / self.predicted if self.predicted else 0.0
            r = tp / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}

        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "detection": prf(self.detected),
            "actor_accuracy": round(self.actors_right / self.detected, 3) if self.detected else 0,
            "date_accuracy": round(self.date_right / self.detected, 3) if self.detected else 0,
            "full": prf(self.full_right),
        }


def score(pages: list[DevPage], nlp: Language | None = None,
          errors: list[dict[str, Any]] | None = None,
          sources: frozenset[str] = DEFAULT_SOURCES) -> DevScores:  # fmt: skip
    if nlp is None:
        from lab.nlp import chosen_pipeline

        nlp = chosen_pipeline()
    total = DevScores()
    for page in pages:
        doc = nlp(page.text)
        mentions = mentions_from_doc(doc, "0" * 16)
        surfaces: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            surfaces[m["doc_entity_key"]].add(m["text"])
        timexes = [t.__dict__ for t in tag_timexes(page.text, page.reference_date)]
        predicted = EventExtractor(doc, mentions, timexes, sources).mentions()
        total.gold += len(page.gold)
        total.predicted += len(predicted)
        for g in page.gold:
            total.per_type[g.event_type][0] += 1
        for event in predicted:
            total.per_type[event.event_type][1] += 1
        used: set[int] = set()
        for event in predicted:
            i = event.trigger.idx
            match = next(
                (k for k, g in enumerate(page.gold)
                 if k not in used and g.start <= i < g.end and g.event_type == event.event_type),
                None,
            )  # fmt: skip
            if match is None:
                if errors is not None:
                    errors.append({"page": page.name, "kind": "false_positive",
                                   "trigger": event.trigger.text, "type": event.event_type,
                                   "sentence": event.trigger.sent.text})  # fmt: skip
                continue
            used.add(match)
            gold = page.gold[match]
            total.detected += 1
            total.per_type[gold.event_type][2] += 1
            actors = _actors_match(gold.actors, event.actors, surfaces)
            dated = _date(event) == gold.date
            total.actors_right += actors
            total.date_right += dated
            total.full_right += actors and dated
            if errors is not None and not (actors and dated):
                errors.append({"page": page.name, "kind": "wrong_arguments",
                               "trigger": event.trigger.text, "gold_actors": gold.actors,
                               "actors": [p.key for p in event.actors],
                               "gold_date": gold.date, "date": _date(event)})  # fmt: skip
        if errors is not None:
            extractor = EventExtractor(doc, mentions, timexes, sources)
            for k, g in enumerate(page.gold):
                if k not in used:
                    errors.append(_missed(page, g, extractor, predicted))
    return total


def _missed(page: DevPage, gold: GoldEvent, extractor: EventExtractor,
            predicted: list[EventMention]) -> dict[str, Any]:  # fmt: skip
    """An error row for a gold event no prediction matched, with why: no word of the
    trigger is typed, typed otherwise, or typed right but without a named participant."""
    span = extractor.doc.char_span(gold.start, gold.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    typed = {t.text: extractor.trigger_type(t) for t in tokens}
    there = [e.event_type for e in predicted if gold.start <= e.trigger.idx < gold.end]
    if there:
        why = "predicted as " + ",".join(there)
    elif gold.event_type in typed.values():
        why = "typed right, no participant found"
    elif any(typed.values()):
        why = "typed as " + ",".join(str(v) for v in typed.values() if v)
    else:
        why = "no trigger"
    sentence = tokens[0].sent.text if tokens else ""
    return {"page": page.name, "kind": "missed", "why": why,
            "trigger": page.text[gold.start : gold.end], "type": gold.event_type,
            "pos": [t.pos_ + "/" + t.dep_ for t in tokens], "gold_actors": gold.actors,
            "sentence": sentence}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tuning", action="store_true", help="score the tuning set instead of the blind dev set"
    )
    parser.add_argument("--errors", action="store_true", help="print every error")
    parser.add_argument(
        "--sources",
        default=",".join(sorted(DEFAULT_SOURCES)),
        help="trigger sources to use, comma-separated (ablation): "
        + ", ".join(sorted(TRIGGER_SOURCES)),
    )
    parser.add_argument(
        "--per-type",
        action="store_true",
        help="print detection precision and recall per event type",
    )
    args = parser.parse_args(argv)
    try:
        pages = load_dev_set(TUNING_SET if args.tuning else DEV_SET)
    except FileNotFoundError as exc:
        print(f"labelled texts not found ({exc}); is ../shared beside the repo?",
              file=sys.stderr)  # fmt: skip
        return 2
    show = args.errors
    errors: list[dict[str, Any]] = []
    sources = frozenset(args.sources.split(","))
    if not sources <= TRIGGER_SOURCES:
        parser.error(f"--sources: choose from {', '.join(sorted(TRIGGER_SOURCES))}")
    result = score(pages, errors=errors if show else None, sources=sources)
    for e in errors:
        print(json.dumps(e, ensure_ascii=False))
    print(json.dumps(result.summary(), indent=1))
    if args.per_type:
        print("| event_type | gold | predicted | precision | recall |")
        print("|---|---|---|---|---|")
        for event_type, row in result.by_type().items():
            print(f"| {event_type} | {row['gold']} | {row['predicted']} | "
                  f"{row['precision']:.3f} | {row['recall']:.3f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
