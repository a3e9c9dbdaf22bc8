"""The derived CAMEO lexicon: parsing PETRARCH2's dictionary lines, matching patterns."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from chronicle.events import cameo
from chronicle.events.derive_cameo import parse_agents, parse_pattern, parse_verbs

VERBS = """
####### SYNONYM SETS #######

&MILITARY
+TROOPS
+ARMED_FORCES

####### VERB PATTERNS #######

---  SEND   [---]  ---
SEND {SENDS SENT SENDING }
DEPLOY
- * &MILITARY (TO BORDER)                             [154]         # DEPLOY
- * &MILITARY                                         [150]         # SEND
- * POLICE                                            [153]         # SEND
- RUSSIA * AID                                        [070]         # SEND

---  ARREST   [173]  ---
ARREST
DETAIN [1731]
+ROUND_UP [173]
"""


def test_a_pattern_line_gives_object_preposition_and_code() -> None:
    assert parse_pattern("- * &MILITARY (TO BORDER)   [154]   # DEPLOY") == {
        "particle": None, "object": ["&MILITARY"], "prep": "to", "prep_object": ["border"],
        "code": "154", "verb": "deploy",
    }  # fmt: skip
    assert parse_pattern("- * OFF (FROM ^)   [042]   # SET")["particle"] == "off"
    assert parse_pattern("- * AGAINST +   [141]   # RALLY")["prep"] == "against"
    assert parse_pattern("- * DIVORCE   [---]   # WANT")["code"] is None  # no event
    assert parse_pattern("- RUSSIA * AID   [070]") is None  # a subject constraint


def test_verbs_share_their_block_and_keep_their_own_code() -> None:
    data = parse_verbs(VERBS)
    assert data["synsets"]["&MILITARY"] == ["troops", "armed forces"]
    assert data["verbs"]["send"][0] is None and data["verbs"]["deploy"][0] is None
    assert data["verbs"]["send"][1] == data["verbs"]["deploy"][1]
    assert data["verbs"]["arrest"][0] == "173" and data["verbs"]["detain"][0] == "1731"
    assert data["forms"]["sent"] == "send"
    block = data["blocks"][data["verbs"]["send"][1][0]]
    assert len(block) == 3  # the subject-constrained pattern is left out
    round_up = data["blocks"][data["verbs"]["round"][1][0]]
    assert {"particle": "up", "object": None, "prep": None, "prep_object": None,
            "code": "173", "verb": "round"} in round_up  # fmt: skip


def test_agents_expand_macros_and_plurals() -> None:
    agents = parse_agents(
        "!PERSON! = MAN, MEN\nPOLICE!PERSON!  [~COP]\nTROOP [~MIL]\nPOLICE {} [~COP]\n"
        "STATE_MEDIA [~GOVMED]\n"
    )
    assert agents["policeman"] == ["COP"] and agents["policemen"] == ["COP"]
    assert agents["troops"] == ["MIL"] and "polices" not in agents
    assert agents["state media"] == ["GOV", "MED"]


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
