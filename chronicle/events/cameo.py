"""CAMEO codes from PETRARCH2's verb patterns and agent nouns, matched over the parse.

The lexicons are derived from PETRARCH2's dictionaries by
``lab/events/derive_cameo.py`` (MIT, Open Event Data Alliance; see NOTICE) and
committed beside this module (``chronicle/events/cameo_*.json``, so the build
fingerprint of the stage covers them):

* a verb's patterns (particle, object head, preposition + its object's head, synonym
  sets) give the most specific code ("deployed troops" -> 154, "imposed sanctions" ->
  163); a pattern with no code says the phrase is no event ("take part");
* without a matching pattern a verb has its own default code, if any ("arrest" -> 173);
* agent nouns give sectors ("troops" -> MIL, "president" -> GOV).

Codes are strings of 2 to 4 digits; :func:`event_type_of` maps them onto Chronicle's
classes (``schemas/event_types.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from schemas.event_types import CAMEO_ROOT_TYPES

DATA_DIR = Path(__file__).resolve().parent
_OBJECT_DEPS = frozenset({"obj", "dobj", "iobj", "nsubj:pass", "nsubjpass"})
_PARTICLE_DEPS = frozenset({"compound:prt", "prt"})
_PREP_DEPS = frozenset({"obl", "nmod", "obl:arg", "obl:agent", "advmod"})


@dataclass(frozen=True)
class CameoMatch:
    """A verb's CAMEO reading: ``code`` None means the phrase is no event."""

    code: str | None
    specific: bool  # a pattern matched (not only the verb's default code)


@cache
def _verbs() -> dict[str, Any]:
    data = json.loads((DATA_DIR / "cameo_verbs.json").read_text(encoding="utf-8"))
    sets = {name: frozenset(words) for name, words in data["synsets"].items()}

    def words(items: list[str] | None) -> frozenset[str] | None:
        if items is None:
            return None
        out: set[str] = set()
        for item in items:
            out |= sets.get(item, frozenset()) if item.startswith("&") else {item}
        # PETRARCH matches plural and singular alike
        out |= {w[:-1] for w in out if w.endswith("s") and len(w) > 3}
        return frozenset(w.split()[-1] for w in out if w)

    blocks = [
        [
            (
                p["particle"],
                words(p["object"]),
                p["prep"],
                words(p["prep_object"]),
                p["code"],
                p["verb"],
            )
            for p in block
        ]
        for block in data["blocks"]
    ]
    return {"verbs": data["verbs"], "blocks": blocks, "forms": data["forms"]}


def known_verbs() -> frozenset[str]:
    """Every verb lemma the CAMEO dictionary lists."""
    return frozenset(_verbs()["verbs"])


@cache
def agents() -> dict[str, tuple[str, ...]]:
    """Agent noun (lower case, singular and plural) -> CAMEO agent codes."""
    data = json.loads((DATA_DIR / "cameo_agents.json").read_text(encoding="utf-8"))
    return {noun: tuple(codes) for noun, codes in data["agents"].items()}


def event_type_of(code: str | None) -> str | None:
    """Chronicle's event type of a CAMEO code ("0311" -> express_intent_to_cooperate)."""
    if not code:
        return None
    return CAMEO_ROOT_TYPES.get(code[:2])


def _case(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ == "case":
            return child.lower_
    return None


def _words_of(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


def _prepositional(verb: Token) -> list[tuple[str, Token | None]]:
    """(preposition, its object) pairs of a verb, in UD ("obl" + "case") and OntoNotes
    ("prep" + "pobj") style."""
    out: list[tuple[str, Token | None]] = []
    for child in verb.children:
        if child.dep_ in _PREP_DEPS:
            case = _case(child)
            if case is not None:
                out.append((case, child))
        elif child.dep_ in ("prep", "agent"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            out.append((child.lower_, objects[0] if objects else None))
    return out


def match_verb(verb: Token, lemmas: list[str]) -> CameoMatch | None:
    """The most specific CAMEO pattern of the verb that its parse satisfies, else the
    verb's default code; None when CAMEO does not know the verb."""
    data = _verbs()
    lemma = next((c for c in lemmas if c in data["verbs"]), None)
    if lemma is None:
        form = data["forms"].get(verb.lower_)
        if form is None or form not in data["verbs"]:
            return None
        lemma = form
    default, block_ids = data["verbs"][lemma]
    particles = {c.lower_ for c in verb.children if c.dep_ in _PARTICLE_DEPS}
    if verb.i + 1 < len(verb.doc):
        particles.add(verb.doc[verb.i + 1].lower_)
    objects: set[str] = set()
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            objects |= _words_of(child)
    preps = _prepositional(verb)
    best: tuple[float, str | None] | None = None
    for block_id in block_ids:
        for particle, obj, prep, prep_obj, code, source in data["blocks"][block_id]:
            # a block's patterns serve all its verbs; the verb's own ones win ties
            score = 0.5 if source == lemma else 0.0
            if particle is not None:
                if particle not in particles:
                    continue
                score += 1
            if obj is not None:
                if not obj & objects:
                    continue
                score += 2
            if prep is not None:
                if not any(
                    p == prep and (prep_obj is None or (o is not None and _words_of(o) & prep_obj))
                    for p, o in preps
                ):
                    continue
                score += 1 + (prep_obj is not None)
            if score >= 1 and (best is None or score > best[0]):
                best = (score, code)
    if best is not None:
        return CameoMatch(best[1], True)
    return CameoMatch(default, False)


def sectors_of(words: list[str]) -> tuple[str, ...]:
    """CAMEO agent codes of the longest agent phrase among ``words`` (head last):
    "riot police" -> COP, "troops" -> MIL, "prime minister" -> GOV."""
    table = agents()
    lowered = [w.lower() for w in words]
    for n in range(min(3, len(lowered)), 0, -1):
        phrase = " ".join(lowered[-n:])
        if phrase in table:
            return table[phrase]
    return ()
