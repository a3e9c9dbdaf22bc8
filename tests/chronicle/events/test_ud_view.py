"""OntoNotes-style parses read as UD, so the same rules find the same events."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from chronicle.events.extract import EventExtractor
from chronicle.events.ud_view import is_ontonotes, ud_view

# "Russian troops were attacked by rebels in Donetsk ." as an OntoNotes parser labels it.
WORDS = ["Russian", "troops", "were", "attacked", "by", "rebels", "in", "Donetsk", "."]
HEADS = [1, 3, 3, 3, 3, 4, 3, 6, 3]
DEPS = ["amod", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "prep", "pobj", "punct"]
POS = ["ADJ", "NOUN", "AUX", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"]
LEMMAS = ["russian", "troop", "be", "attack", "by", "rebel", "in", "Donetsk", "."]


def ontonotes_doc() -> Doc:
    return Doc(spacy.blank("en").vocab, words=WORDS, heads=HEADS, deps=DEPS, pos=POS, lemmas=LEMMAS)


def test_prepositional_phrases_become_obl_with_case() -> None:
    doc = ontonotes_doc()
    assert is_ontonotes(doc)
    view = ud_view(doc)
    assert [t.text for t in view] == WORDS
    assert [(t.dep_, t.head.text) for t in view] == [
        ("amod", "troops"), ("nsubj:pass", "attacked"), ("aux:pass", "attacked"),
        ("ROOT", "attacked"), ("case", "rebels"), ("obl", "attacked"), ("case", "Donetsk"),
        ("obl", "attacked"), ("punct", "attacked"),
    ]  # fmt: skip
    assert not is_ontonotes(view) and ud_view(view) is view


def test_events_from_an_ontonotes_parse() -> None:
    doc = ontonotes_doc()
    text = doc.text
    mentions = [
        {"start": text.index(w), "end": text.index(w) + len(w), "doc_entity_key": key,
         "entity_id": eid, "label": label, "text": w, "country": country, "role": None}
        for w, key, eid, label, country in (
            ("Russian", "NORP|russian", "a" * 16, "NORP", "RU"),
            ("Donetsk", "GPE|donetsk", "b" * 16, "GPE", "UA"),
        )
    ]  # fmt: skip
    (event,) = EventExtractor(doc, mentions, []).mentions()
    assert event.event_type == "assault" and event.trigger.text == "attacked"
    assert [p.key for p in event.targets] == ["NORP|russian"]  # the passive subject
    assert event.targets[0].sectors == ("MIL",)
    assert event.location is not None and event.location.key == "GPE|donetsk"
