"""Chronicle's event ontology: the ``events.event_type`` code list, and the CAMEO codes
and agent sectors that ``events.cameo_code`` / ``actor_sectors`` / ``target_sectors`` use.

Modelled on the top-level classes of PLOVER (the successor of CAMEO), with ``launch``
added for missiles, rockets and satellites. Each type lists the CAMEO root codes it
corresponds to and the PLOVER event types (CAMEO2PLOVER 2021 table) they become, so
events can be compared with GDELT/ICEWS/POLECAT-style data.

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

#: CAMEO root (2 digits) -> Chronicle event type. ``launch`` has no CAMEO root.
CAMEO_ROOT_TYPES: Final[dict[str, str]] = {
    "01": "make_statement", "02": "appeal", "03": "express_intent_to_cooperate",
    "04": "consult", "05": "diplomatic_cooperation", "06": "material_cooperation",
    "07": "material_cooperation", "08": "yield", "09": "investigate", "10": "demand",
    "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest", "15": "mobilize",
    "16": "coerce", "17": "coerce", "18": "assault", "19": "fight", "20": "fight",
}  # fmt: skip

#: The CAMEO code an event of each type gets when no verb pattern gives a finer one
#: (the root's "not specified" code); None for ``launch``.
DEFAULT_CAMEO_CODES: Final[dict[str, str | None]] = {
    "make_statement": "010", "appeal": "020", "express_intent_to_cooperate": "030",
    "consult": "040", "diplomatic_cooperation": "050", "material_cooperation": "060",
    "demand": "100", "disapprove": "110", "reject": "120", "threaten": "130",
    "protest": "140", "mobilize": "150", "coerce": "170", "assault": "180", "fight": "190",
    "launch": None, "yield": "080", "investigate": "090",
}  # fmt: skip

#: PLOVER event types (CAMEO2PLOVER 2021) of each Chronicle type's CAMEO roots; PLOVER
#: codes no public statements (CAMEO 01) and no launches.
PLOVER_TYPES: Final[dict[str, str]] = {
    "make_statement": "-", "appeal": "REQUEST", "express_intent_to_cooperate": "AGREE",
    "consult": "CONSULT", "diplomatic_cooperation": "SUPPORT",
    "material_cooperation": "COOPERATE, AID", "demand": "REQUEST", "disapprove": "ACCUSE",
    "reject": "REJECT", "threaten": "THREATEN", "protest": "PROTEST", "mobilize": "MOBILIZE",
    "coerce": "SANCTION, COERCE", "assault": "ASSAULT", "fight": "ASSAULT", "launch": "-",
    "yield": "CONCEDE, RETREAT", "investigate": "ACCUSE",
}  # fmt: skip

#: CAMEO agent (sector) codes of ``events.actor_sectors`` / ``target_sectors``, from
#: PETRARCH2's ``Phoenix.agents.txt`` (role nouns) and the kind of participant.
AGENT_SECTORS: Final[dict[str, str]] = {
    "GOV": "government: executive, ministers, officials, diplomats, embassies",
    "MIL": "military: armed forces, troops, soldiers",
    "COP": "police and security forces",
    "JUD": "judiciary: courts, judges, prosecutors",
    "LEG": "legislature: parliament, lawmakers",
    "SPY": "intelligence services",
    "REB": "rebels, insurgents, militias",
    "UAF": "unidentified armed forces: gunmen, militants",
    "OPP": "political opposition, dissidents",
    "PRO": "protesters",
    "PTY": "political parties",
    "CVL": "civilians",
    "PPL": "the people, the public",
    "BUS": "business",
    "MED": "media, journalists",
    "EDU": "education: students, teachers, universities",
    "HLH": "health workers",
    "LAB": "labour: unions, workers",
    "AGR": "agriculture: farmers",
    "ENV": "environmental groups",
    "DEV": "development workers",
    "HRI": "human rights groups",
    "NGO": "non-governmental organisations",
    "IGO": "intergovernmental organisations",
    "CRM": "criminals",
    "REF": "refugees",
    "IMG": "immigrants",
    "MAR": "marginalised groups",
    "ELI": "elites",
    "RAD": "radicals",
    "REL": "religious groups and clergy",
    "BUD": "Buddhist",
    "CHR": "Christian",
    "CTH": "Catholic",
    "HIN": "Hindu",
    "JEW": "Jewish",
    "MUS": "Muslim",
}  # fmt: skip

#: The event types, in a fixed order (use this list for validation and for columns).
EVENT_TYPES: Final[tuple[str, ...]] = tuple(EVENT_TYPE_DEFINITIONS)

#: Types whose participants act on each other alike (a meeting of X and Y is also a
#: meeting of Y and X): the dyad view counts them in both directions.
SYMMETRIC_EVENT_TYPES: Final[tuple[str, ...]] = ("consult", "fight")

__all__ = [
    "AGENT_SECTORS",
    "CAMEO_ROOT_TYPES",
    "DEFAULT_CAMEO_CODES",
    "EVENT_TYPES",
    "EVENT_TYPE_DEFINITIONS",
    "PLOVER_TYPES",
    "SYMMETRIC_EVENT_TYPES",
]
