"""Chronicle's event ontology: the ``events.event_type`` code list.

Modelled on the top-level classes of PLOVER (the successor of CAMEO), with ``launch``
added for missiles, rockets and satellites. Each type lists the CAMEO root codes it
corresponds to, so events can be compared with GDELT/ICEWS-style data.

Routine attribution ("X said", "told reporters") is **not** an event: it gives the
``reported_by`` of the events it reports. ``make_statement`` is kept for declarations
that are news in themselves ("announced", "issued a statement").
"""

from __future__ import annotations

from typing import Final

#: code -> (CAMEO root codes, definition, example triggers)
EVENT_TYPE_DEFINITIONS: Final[dict[str, tuple[str, str, str]]] = {
    "make_statement": (
        "01",
        "a public declaration that is news in itself",
        "announce, declare, issue a statement",
    ),
    "appeal": ("02", "ask another actor to act", "appeal, urge, call on, request"),
    "express_intent_to_cooperate": ("03", "offer or propose cooperation", "offer, propose, invite"),
    "consult": ("04", "meet, visit, talk or negotiate", "meet, visit, talks, summit, phone call"),
    "diplomatic_cooperation": (
        "05",
        "agree, sign, recognise, praise or back another actor",
        "agree, sign, deal, support, praise",
    ),
    "material_cooperation": (
        "06-07",
        "material help: arms, training, aid, money, intelligence",
        "arm, train, supply, provide, aid, fund",
    ),
    "demand": ("10", "demand that another actor act", "demand, insist"),
    "disapprove": (
        "11",
        "criticise, condemn, accuse or blame",
        "criticise, condemn, accuse, blame",
    ),
    "reject": ("12", "reject, refuse, deny or veto", "reject, refuse, veto"),
    "threaten": ("13", "threaten force or sanctions", "threaten, warn, ultimatum"),
    "protest": ("14", "demonstrate, rally, strike or boycott", "protest, demonstrate, rally"),
    "mobilize": ("15", "deploy, mobilise or move forces", "deploy, mobilise, send troops"),
    "coerce": (
        "16-17",
        "sanctions, arrests, expulsions, bans, seizures",
        "sanction, arrest, expel, ban",
    ),
    "assault": (
        "18",
        "unconventional violence: bombings, killings, kidnappings",
        "attack, bomb, kill, assassinate",
    ),
    "fight": (
        "19-20",
        "conventional military force: battles, invasions, air strikes",
        "fight, invade, shell, air strike, war",
    ),
    "launch": ("-", "launch a missile, rocket or satellite", "launch, test-fire"),
    "yield": ("08", "withdraw, release, resign, ease or lift", "withdraw, release, resign"),
    "investigate": ("09", "investigate, inspect or probe", "investigate, probe, inspect"),
}

#: The event types, in a fixed order (use this list for validation and for columns).
EVENT_TYPES: Final[tuple[str, ...]] = tuple(EVENT_TYPE_DEFINITIONS)

#: Types whose participants act on each other alike (a meeting of X and Y is also a
#: meeting of Y and X): the dyad view counts them in both directions.
SYMMETRIC_EVENT_TYPES: Final[tuple[str, ...]] = ("consult", "fight")

__all__ = ["EVENT_TYPES", "EVENT_TYPE_DEFINITIONS", "SYMMETRIC_EVENT_TYPES"]
