"""The committed CAMEO lexicon matched over a parse: codes and sectors."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from chronicle.events import cameo


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str],
            lemmas: list[str]) -> Doc:  # fmt: skip
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_the_committed_lexicon_matches_patterns_over_the_parse() -> None:
    # "Russia deployed troops to the border"
    doc = _parsed(
        ["Russia", "deployed", "troops", "to", "the", "border"],
        [1, 1, 1, 5, 5, 1],
        ["nsubj", "ROOT", "obj", "case", "det", "obl"],
        ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN"],
        ["Russia", "deploy", "troop", "to", "the", "border"],
    )
    found = cameo.match_verb(doc[1], ["deploy"])
    assert found is not None and found.specific and found.code.startswith("15")
    assert cameo.event_type_of(found.code) == "mobilize"
    # A verb CAMEO knows with no pattern that fits: its own default code.
    doc = _parsed(["Police", "arrested", "Smith"], [1, 1, 1], ["nsubj", "ROOT", "obj"],
                  ["NOUN", "VERB", "PROPN"], ["police", "arrest", "Smith"])  # fmt: skip
    found = cameo.match_verb(doc[1], ["arrest"])
    assert found is not None and found.code.startswith("17")
    assert cameo.match_verb(doc[2], ["smith"]) is None


def test_sectors_of_role_phrases() -> None:
    assert cameo.sectors_of(["riot", "police"]) == ("COP",)
    assert cameo.sectors_of(["foreign", "minister"]) == ("GOV",)
    assert cameo.sectors_of(["rebels"]) == ("REB",)
    assert cameo.sectors_of(["weather"]) == ()
