"""Deriving the CAMEO lexicons: PETRARCH2's dictionary lines parsed into patterns."""

from __future__ import annotations

from lab.events.derive_cameo import parse_agents, parse_pattern, parse_verbs

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
