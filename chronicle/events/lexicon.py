"""Word lists of the event extractor: triggers per event type, and the words that set
flags (negation, modality, pledges, speech) or pass arguments on (light verbs).

Triggers are lemmas. A verb trigger may name the particle it needs ("call on", "pull
out"); a noun trigger is an event noun ("visit", "talks", "air strike"). Keep the lists
conservative: a trigger word is only an event when it also has a named participant.
"""

from __future__ import annotations

from functools import cache
from typing import Final

#: verb lemma -> event type
VERB_TRIGGERS: Final[dict[str, str]] = {
    # make_statement: declarations that are news in themselves (not "said")
    "announce": "make_statement", "declare": "make_statement", "proclaim": "make_statement",
    "unveil": "make_statement",
    # appeal
    "appeal": "appeal", "urge": "appeal", "request": "appeal", "plead": "appeal",
    "implore": "appeal",
    # express intent to cooperate
    "offer": "express_intent_to_cooperate", "propose": "express_intent_to_cooperate",
    "invite": "express_intent_to_cooperate",
    # consult
    "meet": "consult", "visit": "consult", "host": "consult", "consult": "consult",
    "confer": "consult", "negotiate": "consult", "receive": "consult", "phone": "consult",
    "discuss": "consult", "tour": "consult",
    # diplomatic cooperation
    "agree": "diplomatic_cooperation", "sign": "diplomatic_cooperation",
    "recognize": "diplomatic_cooperation", "recognise": "diplomatic_cooperation",
    "praise": "diplomatic_cooperation", "endorse": "diplomatic_cooperation",
    "support": "diplomatic_cooperation", "back": "diplomatic_cooperation",
    "welcome": "diplomatic_cooperation", "apologize": "diplomatic_cooperation",
    "apologise": "diplomatic_cooperation", "ally": "diplomatic_cooperation",
    "normalize": "diplomatic_cooperation", "normalise": "diplomatic_cooperation",
    "ratify": "diplomatic_cooperation",
    # material cooperation
    "arm": "material_cooperation", "train": "material_cooperation",
    "supply": "material_cooperation", "provide": "material_cooperation",
    "deliver": "material_cooperation", "fund": "material_cooperation",
    "finance": "material_cooperation", "aid": "material_cooperation",
    "assist": "material_cooperation", "help": "material_cooperation",
    "equip": "material_cooperation", "extradite": "material_cooperation",
    "donate": "material_cooperation", "sell": "material_cooperation",
    "ship": "material_cooperation", "transfer": "material_cooperation",
    # demand
    "demand": "demand", "insist": "demand",
    # disapprove
    "criticize": "disapprove", "criticise": "disapprove", "condemn": "disapprove",
    "accuse": "disapprove", "blame": "disapprove", "denounce": "disapprove",
    "lambaste": "disapprove", "slam": "disapprove", "rebuke": "disapprove",
    "censure": "disapprove", "complain": "disapprove", "decry": "disapprove",
    # reject
    "reject": "reject", "refuse": "reject", "veto": "reject", "oppose": "reject",
    "dismiss": "reject", "rebuff": "reject", "snub": "reject",
    # threaten
    "threaten": "threaten", "warn": "threaten",
    # protest
    "protest": "protest", "demonstrate": "protest", "rally": "protest", "march": "protest",
    "boycott": "protest", "picket": "protest",
    # mobilize
    "deploy": "mobilize", "mobilize": "mobilize", "mobilise": "mobilize",
    "station": "mobilize", "redeploy": "mobilize",
    # coerce
    "sanction": "coerce", "arrest": "coerce", "detain": "coerce", "expel": "coerce",
    "ban": "coerce", "seize": "coerce", "blockade": "coerce", "indict": "coerce",
    "sentence": "coerce", "prosecute": "coerce", "deport": "coerce", "jail": "coerce",
    "imprison": "coerce", "embargo": "coerce", "confiscate": "coerce", "raid": "coerce",
    "close": "coerce",
    # assault
    "attack": "assault", "bomb": "assault", "kill": "assault", "assassinate": "assault",
    "kidnap": "assault", "abduct": "assault", "massacre": "assault", "murder": "assault",
    "shoot": "assault", "hijack": "assault", "torture": "assault", "wound": "assault",
    "execute": "assault",
    # fight
    "fight": "fight", "invade": "fight", "shell": "fight", "clash": "fight",
    "occupy": "fight", "bombard": "fight", "strike": "fight", "storm": "fight",
    "annex": "fight", "battle": "fight",
    # launch
    "launch": "launch", "test-fire": "launch", "fire": "launch",
    # yield
    "withdraw": "yield", "retreat": "yield", "release": "yield", "resign": "yield",
    "surrender": "yield", "concede": "yield", "free": "yield", "pardon": "yield",
    "lift": "yield", "evacuate": "yield",
    # investigate
    "investigate": "investigate", "probe": "investigate", "inspect": "investigate",
    # synonyms kept in line with the dev-set guidelines (docs/events-dev-set.md)
    "approve": "diplomatic_cooperation",
    "accept": "diplomatic_cooperation", "accede": "diplomatic_cooperation",
    "appreciate": "diplomatic_cooperation", "sympathize": "diplomatic_cooperation",
    "thank": "diplomatic_cooperation", "congratulate": "diplomatic_cooperation",
    "embrace": "diplomatic_cooperation", "admit": "diplomatic_cooperation",
    "deplore": "disapprove", "object": "disapprove", "protest_": "disapprove",
    "dispute": "reject", "press": "appeal", "counsel": "appeal", "seek": "appeal",
    "head": "consult", "travel": "consult", "fly": "consult",
    "cooperate": "material_cooperation", "review": "investigate", "question": "investigate",
    "interrogate": "investigate", "search": "investigate",
    "charge": "coerce", "convict": "coerce", "apprehend": "coerce", "prohibit": "coerce",
    "coerce": "coerce", "punish": "coerce", "fine": "coerce", "capture": "coerce",
    "flee": "yield", "intervene": "fight", "wage": "fight",
    "explode": "assault", "injure": "assault", "target": "assault", "retaliate": "fight",
    "dispatch": "mobilize", "reinforce": "mobilize", "mass": "mobilize",
    "block": "coerce", "sue": "coerce", "shot": "assault", "gun": "assault",
    "arrive": "consult", "send": "material_cooperation", "overthrow": "fight",
    "hearten": "diplomatic_cooperation", "join": "diplomatic_cooperation",
    "expell": "coerce",  # the lemmatizer's form of "expelled"
    # weak classes, from CAMEO's entries for them (and the dev-set guideline synonyms)
    "exhort": "appeal", "beseech": "appeal", "petition": "appeal",
    "contact": "consult", "subpoena": "coerce", "outlaw": "coerce", "evict": "coerce",
    "besiege": "fight", "ambush": "assault", "behead": "assault", "riot": "protest",
    "repudiate": "reject", "spurn": "reject", "resist": "reject",
    "defy": "reject", "renounce": "reject",
    "menace": "threaten", "intimidate": "threaten",
    "exercise": "mobilize", "patrol": "mobilize", "alert": "mobilize",
    "recapture": "fight", "retake": "fight", "encircle": "fight",
}  # fmt: skip

#: (verb lemma, particle) -> event type, for phrasal verbs
PHRASAL_TRIGGERS: Final[dict[tuple[str, str], str]] = {
    ("call", "on"): "appeal", ("call", "for"): "appeal", ("call", "upon"): "appeal",
    ("pull", "out"): "yield", ("step", "down"): "yield", ("back", "down"): "yield",
    ("crack", "down"): "coerce", ("shut", "down"): "coerce", ("turn", "down"): "reject",
    ("speak", "with"): "consult", ("talk", "with"): "consult", ("hold", "talks"): "consult",
    ("send", "troops"): "mobilize", ("send", "forces"): "mobilize",
    ("send", "agents"): "mobilize", ("send", "warships"): "mobilize",
    ("hand", "over"): "material_cooperation", ("track", "down"): "coerce",
    ("round", "up"): "coerce", ("go", "off"): "assault", ("blow", "up"): "assault",
    ("bring", "justice"): "coerce",
    # reported in news as fixed phrases (CAMEO's own phrasal entries for the weak classes)
    ("speak", "against"): "disapprove", ("apply", "for"): "appeal",
    ("become", "member"): "diplomatic_cooperation",
    ("become", "members"): "diplomatic_cooperation",
    ("search", "for"): "investigate", ("approve", "of"): "diplomatic_cooperation",
    ("rip", "through"): "assault", ("open", "fire"): "fight", ("rule", "out"): "reject",
    ("walk", "out"): "protest", ("take", "streets"): "protest", ("freeze", "assets"): "coerce",
    ("move", "troops"): "mobilize", ("mass", "troops"): "mobilize",
    ("amass", "troops"): "mobilize", ("go", "strike"): "protest",
}  # fmt: skip

#: noun lemma -> event type (event nouns)
NOUN_TRIGGERS: Final[dict[str, str]] = {
    "announcement": "make_statement", "declaration": "make_statement",
    "statement": "make_statement", "communiqué": "make_statement",
    "communique": "make_statement",
    "appeal": "appeal", "plea": "appeal",
    "offer": "express_intent_to_cooperate", "proposal": "express_intent_to_cooperate",
    "invitation": "express_intent_to_cooperate",
    "visit": "consult", "meeting": "consult", "talk": "consult", "talks": "consult",
    "summit": "consult", "conversation": "consult", "negotiation": "consult",
    "consultation": "consult", "call": "consult", "trip": "consult", "discussion": "consult",
    "deal": "diplomatic_cooperation", "agreement": "diplomatic_cooperation",
    "accord": "diplomatic_cooperation", "treaty": "diplomatic_cooperation",
    "recognition": "diplomatic_cooperation", "backing": "diplomatic_cooperation",
    "support": "diplomatic_cooperation", "alliance": "diplomatic_cooperation",
    "aid": "material_cooperation", "assistance": "material_cooperation",
    "shipment": "material_cooperation", "delivery": "material_cooperation",
    "training": "material_cooperation", "funding": "material_cooperation",
    "loan": "material_cooperation", "extradition": "material_cooperation",
    "demand": "demand", "ultimatum": "threaten", "threat": "threaten",
    "criticism": "disapprove", "condemnation": "disapprove", "accusation": "disapprove",
    "rejection": "reject", "veto": "reject",
    "protest": "protest", "demonstration": "protest", "rally": "protest",
    "boycott": "protest",
    "deployment": "mobilize", "mobilization": "mobilize", "mobilisation": "mobilize",
    "sanction": "coerce", "sanctions": "coerce", "arrest": "coerce", "embargo": "coerce",
    "blockade": "coerce", "expulsion": "coerce", "ban": "coerce", "crackdown": "coerce",
    "raid": "assault", "attack": "assault", "bombing": "assault", "assassination": "assault",
    "killing": "assault", "kidnapping": "assault", "massacre": "assault", "murder": "assault",
    "shooting": "assault", "explosion": "assault", "blast": "assault",
    "invasion": "fight", "offensive": "fight", "strike": "fight", "airstrike": "fight",
    "shelling": "fight", "clash": "fight", "battle": "fight", "war": "fight",
    "campaign": "fight", "operation": "fight", "occupation": "fight", "bombardment": "fight",
    "hostility": "fight", "hostilities": "fight", "annexation": "fight",
    "launch": "launch",
    "withdrawal": "yield", "release": "yield", "resignation": "yield",
    "ceasefire": "yield", "truce": "yield", "pullout": "yield",
    "investigation": "investigate", "probe": "investigate", "inquiry": "investigate",
    "inspection": "investigate",
    # synonyms kept in line with the dev-set guidelines (docs/events-dev-set.md)
    "ratification": "diplomatic_cooperation", "accession": "diplomatic_cooperation",
    "approval": "diplomatic_cooperation", "signing": "diplomatic_cooperation",
    "cooperation": "material_cooperation", "speech": "make_statement",
    "address": "make_statement", "review": "investigate", "charge": "coerce",
    "conviction": "coerce", "indictment": "coerce", "detention": "coerce",
    "intervention": "fight", "assault": "fight", "presence": "mobilize",
    "reward": "express_intent_to_cooperate", "tribute": "diplomatic_cooperation",
    "condolence": "diplomatic_cooperation", "condolences": "diplomatic_cooperation",
    "slaying": "assault", "violence": "assault", "coup": "fight", "lawsuit": "coerce",
    "trial": "coerce", "touring": "consult",
    # weak classes, from CAMEO's entries for them (and the dev-set guideline synonyms)
    "request": "appeal", "petition": "appeal", "sympathy": "diplomatic_cooperation",
    "refusal": "reject", "denial": "reject", "subpoena": "coerce", "seizure": "coerce",
    "deportation": "coerce", "imprisonment": "coerce", "curfew": "coerce",
    "confiscation": "coerce", "march": "protest", "sit-in": "protest",
    "walkout": "protest", "riot": "protest", "warning": "threaten",
    "exercise": "mobilize", "exercises": "mobilize", "drill": "mobilize",
    "drills": "mobilize", "buildup": "mobilize", "build-up": "mobilize", "alert": "mobilize",
    "firefight": "fight", "skirmish": "fight", "incursion": "fight", "ambush": "assault",
    "admission": "diplomatic_cooperation", "maneuvers": "mobilize", "manoeuvres": "mobilize",
    "movement": "mobilize", "movements": "mobilize",
    "expulsions": "coerce", "arrests": "coerce", "seizures": "coerce",
}  # fmt: skip

#: Nouns that are only events with a military or political modifier ("military operation",
#: "air strike"): alone they are too often something else ("a strike at the plant").
GUARDED_NOUNS: Final[dict[str, frozenset[str]]] = {
    "operation": frozenset({"military", "special", "ground", "air", "naval", "counter",
                            "counterterrorism", "anti-terror", "security"}),
    "strike": frozenset({"air", "missile", "drone", "military", "retaliatory", "israeli",
                         "russian", "american", "u.s.", "nato", "pre-emptive", "preemptive"}),
    "campaign": frozenset({"military", "bombing", "air", "brutal", "ground"}),
    "call": frozenset({"phone", "telephone", "video"}),
    "presence": frozenset({"military", "troop", "naval", "army", "armed"}),
    "exercise": frozenset({"military", "naval", "joint", "war", "army", "air", "live-fire"}),
    "exercises": frozenset({"military", "naval", "joint", "war", "army", "air", "live-fire"}),
    "drill": frozenset({"military", "naval", "joint", "army", "air", "live-fire"}),
    "drills": frozenset({"military", "naval", "joint", "army", "air", "live-fire"}),
    "alert": frozenset({"high", "military", "maximum", "full", "combat", "red"}),
    "warning": frozenset({"stern", "military", "final", "strong", "grave"}),
    "march": frozenset({"protest", "peaceful", "mass", "opposition", "silent"}),
    "maneuvers": frozenset({"military", "naval", "joint", "army", "war"}),
    "manoeuvres": frozenset({"military", "naval", "joint", "army", "war"}),
    "movement": frozenset({"troop", "military", "army"}),
    "movements": frozenset({"troop", "military", "army"}),
    "admission": frozenset({"nato", "membership"}),
}  # fmt: skip

#: Verbs whose ordering of a guarded noun licenses it ("ordered the strikes").
GUARD_LICENSING_VERBS: Final[frozenset[str]] = frozenset({
    "order", "authorize", "authorise", "conduct",
})  # fmt: skip

#: Modifiers that make "strike" a labour or political protest (CAMEO 143), not force.
LABOUR_STRIKE_MODIFIERS: Final[frozenset[str]] = frozenset({
    "general", "hunger", "labor", "labour", "workers", "national", "nationwide", "teachers",
    "doctors", "miners", "transport", "rail", "dock", "one-day", "indefinite",
})  # fmt: skip

#: Verbs that are only events with an object ("sought support", not "sought to").
NEED_OBJECT: Final[frozenset[str]] = frozenset({
    "seek", "press", "question", "search", "target", "mass", "admit", "accept", "approve",
    "back", "free", "fire", "close", "sign", "support", "ship", "transfer", "block", "send",
    "join", "exercise", "alert", "contact", "petition", "resist",
})  # fmt: skip

#: Event nouns whose "of X" is the actor whatever their type ("the accession of Poland").
OF_ACTOR_NOUNS: Final[frozenset[str]] = frozenset({
    "accession", "entry", "admission", "visit", "trip", "resignation", "withdrawal",
    "arrival", "speech", "statement", "announcement", "deployment", "offer", "proposal",
})  # fmt: skip

#: Verbs of harm that are the consequence of an event noun in their clause ("the attack
#: killed 253", "were killed in the bombing"): the noun is the event, not the verb.
CONSEQUENCE_VERBS: Final[frozenset[str]] = frozenset({
    "kill", "wound", "injure", "die", "hurt", "destroy", "damage",
})  # fmt: skip

#: Event nouns whose named person possessor is acted on ("bin Laden's extradition",
#: "Elian's return"), not the actor.
PATIENT_NOUNS: Final[frozenset[str]] = frozenset({
    "arrest", "extradition", "release", "detention", "trial", "execution", "killing",
    "assassination", "murder", "deportation", "expulsion", "capture", "kidnapping",
    "abduction", "conviction", "indictment", "imprisonment", "return", "rescue", "pardon",
})  # fmt: skip

#: Types whose event is aimed at a site it happens at ("a car bomb attack outside the
#: U.S. embassy", "protested outside the U.S. embassy"): the site's owner is the target.
SITE_IS_TARGET: Final[frozenset[str]] = frozenset({"assault", "fight", "coerce", "protest"})

#: Weapons that make an attack conventional fighting (CAMEO 19), not an assault.
HEAVY_WEAPONS: Final[frozenset[str]] = frozenset({
    "artillery", "tank", "tanks", "mortar", "mortars", "rocket", "rockets", "missile",
    "missiles", "drone", "drones", "airstrike", "airstrikes", "jets", "warplanes",
    "helicopters", "gunships", "shells",
})  # fmt: skip

#: Compound modifiers that name a site attacked ("U.S. Embassy blasts").
SITE_NOUNS: Final[frozenset[str]] = frozenset({
    "embassy", "consulate", "mission", "base", "headquarters", "office", "building",
    "compound", "barracks", "station", "checkpoint",
})  # fmt: skip

#: Types whose event noun's bare noun modifier is what is acted on ("the embassy
#: bombing": the embassy's state is the target).
MODIFIER_IS_TARGET: Final[frozenset[str]] = frozenset({"assault", "fight", "coerce"})

#: Event nouns that states carry out: a country named before them is the actor ("U.S.
#: strikes"), where before other event nouns it is the place ("the Kenya bombing").
STATE_ACT_NOUNS: Final[frozenset[str]] = frozenset({
    "strike", "airstrike", "raid", "invasion", "offensive", "operation", "campaign",
    "sanction", "sanctions", "deployment", "blockade", "embargo", "occupation", "aid",
    "recognition", "withdrawal", "intervention", "bombardment", "shelling", "attack",
    "mobilization", "mobilisation", "support", "backing", "veto", "proposal", "offer",
})  # fmt: skip

#: Guarded nouns a named nationality or state may license ("Israeli strike").
NAMED_MODIFIER_LICENSES: Final[frozenset[str]] = frozenset({"strike", "operation", "campaign"})

#: Objects that make "fire", "launch" or "exchange" conventional fighting (CAMEO 19),
#: not a missile launch.
GUN_NOUNS: Final[frozenset[str]] = frozenset({
    "artillery", "shell", "round", "mortar", "gun", "bullet", "shot", "fire", "salvo",
    "tank", "grenade", "gunfire", "volley",
})  # fmt: skip

#: Objects that make "send" a deployment rather than a delivery.
FORCE_NOUNS: Final[frozenset[str]] = frozenset({
    "troops", "troop", "forces", "force", "soldiers", "warships", "jets", "agents", "units",
    "marines", "paratroopers", "police", "reinforcements", "army",
})  # fmt: skip

#: Motion verbs that are visits only with a destination ("headed to East Africa").
MOTION_VERBS: Final[frozenset[str]] = frozenset({"head", "travel", "fly", "arrive"})

#: Verbs whose object noun is the event and whose subject is its actor ("held talks",
#: "launched an attack", "paid a visit", "carried out raids", "imposed sanctions").
LIGHT_VERBS: Final[frozenset[str]] = frozenset({
    "hold", "have", "conduct", "carry", "launch", "stage", "make", "pay", "mount", "wage",
    "begin", "start", "continue", "impose", "announce", "sign", "reach", "issue", "give",
    "order", "lead", "host", "join", "resume", "take", "deliver", "provide",
    "offer", "extend", "level", "voice", "express", "step", "intensify", "escalate",
    "release", "unveil", "declare", "end", "halt", "suspend", "attend", "organize",
    "organise", "call", "convene", "plan", "complete", "finish",
    # who plots or commits an act is its actor ("the attacks were plotted by X")
    "plot", "mastermind", "perpetrate", "commit", "orchestrate", "advance", "file",
})  # fmt: skip

#: Verbs whose complement promised against someone is a threat ("vowed to hunt down
#: the bombers": CAMEO 13), when the complement is coercion or force.
THREAT_PLEDGE_VERBS: Final[frozenset[str]] = frozenset({"vow", "pledge", "promise", "swear"})
THREATENED_TYPES: Final[frozenset[str]] = frozenset({"coerce", "assault", "fight"})

#: Event nouns whose "of X" names the actor ("the visit of Mr Putin"); for the other
#: types it names the target ("the invasion of Ukraine").
OF_MARKS_ACTOR: Final[frozenset[str]] = frozenset({
    "consult", "make_statement", "appeal", "protest", "mobilize", "yield", "demand",
    "threaten",
})  # fmt: skip

#: Verbs CAMEO codes by default that are rarely events in news on their own (wanting,
#: thinking, helping verbs, motion): only our own rules or a CAMEO pattern make them one.
NOT_CAMEO_TRIGGERS: Final[frozenset[str]] = frozenset({
    "want", "need", "hope", "wish", "think", "believe", "know", "expect", "consider", "intend",
    "prepare", "plan", "try", "seem", "appear", "become", "get", "go", "come", "make", "take",
    "give", "put", "set", "keep", "hold", "have", "be", "do", "see", "look", "find", "show",
    "continue", "start", "begin", "end", "use", "move", "leave", "return", "run", "work",
    "play", "call", "ask", "tell", "speak", "talk", "write", "read", "hear", "include",
    "allow", "let", "help", "remain", "stay", "turn", "bring", "reach", "lead", "follow",
})  # fmt: skip

#: Verbs that report speech: their subject is ``reported_by`` of events in their clause.
SPEECH_VERBS: Final[frozenset[str]] = frozenset({
    "say", "tell", "report", "claim", "state", "add", "note", "assert", "insist",
    "allege", "confirm", "announce", "write", "quote", "explain", "stress", "acknowledge",
    "reveal", "disclose", "deny", "argue", "suggest", "believe", "think",
})  # fmt: skip

#: Verbs whose "of"/"for" complement is an event they report ("accused Y of shelling X"):
#: Y is its actor, the accuser its reporter.
ACCUSATION_VERBS: Final[frozenset[str]] = frozenset({
    "accuse", "blame", "charge", "condemn", "criticize", "criticise", "denounce", "fault",
    "indict", "convict", "suspect", "sue", "sanction", "punish", "arrest",
})  # fmt: skip

#: Verbs whose complement is promised, not done ("pledged to arm").
PLEDGE_VERBS: Final[frozenset[str]] = frozenset({
    "pledge", "promise", "vow", "commit", "undertake", "swear", "guarantee",
})  # fmt: skip
PLEDGE_NOUNS: Final[frozenset[str]] = frozenset({"pledge", "promise", "vow", "commitment"})

#: Verbs whose complement is intended or possible, not done ("plans to visit").
INTENT_VERBS: Final[frozenset[str]] = frozenset({
    "plan", "intend", "want", "seek", "aim", "hope", "expect", "consider", "prepare",
    "propose", "try", "attempt", "threaten", "wish", "mean", "decide", "agree", "offer",
    "ask", "urge", "call", "demand", "need", "going", "likely", "able", "ready", "set", "due",
    "expected", "scheduled",
})  # fmt: skip

#: Modifiers that make an event noun hypothetical ("a planned visit").
HYPOTHETICAL_MODIFIERS: Final[frozenset[str]] = frozenset({
    "planned", "proposed", "possible", "potential", "upcoming", "future", "expected",
    "prospective", "likely", "imminent", "hypothetical", "next", "would-be",
})  # fmt: skip

MODALS: Final[frozenset[str]] = frozenset({
    "will", "would", "could", "may", "might", "should", "can", "shall", "must", "'ll", "wo",
    "ca",
})  # fmt: skip

#: Verbs whose object noun is an act their subject promises, plans or orders ("promised
#: mobilization", "ordered the strikes", "authorized a raid").
NOUN_CONTROLLERS: Final[frozenset[str]] = PLEDGE_VERBS | frozenset({
    "plan", "intend", "prepare", "propose", "threaten", "order", "authorize", "authorise",
    "approve", "vow", "seek", "attempt", "try", "demand", "request",
})  # fmt: skip

#: Verbs whose complement did not happen ("refused to meet", "failed to reach a deal").
NEGATING_VERBS: Final[frozenset[str]] = frozenset({"refuse", "fail", "decline", "deny"})

NEGATIONS: Final[frozenset[str]] = frozenset({"not", "n't", "never", "no", "without"})

#: Prepositions that introduce a target / a location.
TARGET_CASES: Final[frozenset[str]] = frozenset({
    "with", "to", "against", "on", "into", "upon", "toward", "towards", "between", "for",
    "of", "from", "at",
})  # fmt: skip
LOCATION_CASES: Final[frozenset[str]] = frozenset({"in", "at", "near", "inside", "outside"})

#: Irregular past forms, for when the lemmatizer leaves them (or mangles them: "fl").
IRREGULAR_VERBS: Final[dict[str, str]] = {
    "fled": "flee", "fought": "fight", "met": "meet", "shot": "shoot", "sent": "send",
    "struck": "strike", "held": "hold", "took": "take", "gave": "give", "sought": "seek",
    "brought": "bring", "withdrew": "withdraw", "withdrawn": "withdraw",
    "overthrew": "overthrow", "overthrown": "overthrow", "froze": "freeze",
    "frozen": "freeze", "forbade": "forbid", "forbidden": "forbid", "led": "lead",
    "began": "begin", "begun": "begin", "spoke": "speak", "spoken": "speak",
    "flew": "fly", "flown": "fly", "rang": "ring", "beat": "beat", "hit": "hit",
    "won": "win", "lost": "lose", "sold": "sell", "bombed": "bomb",
}  # fmt: skip


@cache
def known_verbs() -> frozenset[str]:
    """Every verb lemma the word lists above name."""
    return frozenset(
        set(VERB_TRIGGERS) | {v for v, _ in PHRASAL_TRIGGERS} | LIGHT_VERBS | SPEECH_VERBS
        | PLEDGE_VERBS | INTENT_VERBS | NEGATING_VERBS | CONSEQUENCE_VERBS | MOTION_VERBS
        | ACCUSATION_VERBS | set(IRREGULAR_VERBS.values())
    )  # fmt: skip


def verb_lemmas(lemma: str, form: str) -> list[str]:
    """Candidate lemmas of a verb: the lemmatizer's, an irregular form's, and the word
    with its inflection taken off ("prosecuting" -> "prosecute", "expelled" -> "expel")."""
    form = form.lower()
    out = [lemma, IRREGULAR_VERBS.get(form, ""), form]
    for suffix, endings in (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)), ("s", ("",))):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out += [stem + e for e in endings]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "expelled" -> "expel"
    return [c for c in dict.fromkeys(out) if c]
