"""Event mentions of one parsed document: trigger, participants, place, date and flags.

For every sentence, each trigger of the ontology (``chronicle.events.lexicon``) takes its
arguments from the dependency parse of that sentence only:

* actors: the subject, a passive agent ("by X"), a possessor or nationality of an event
  noun ("Putin's visit", "Israeli raid"), the subject of a light verb ("held talks"), or
  the controller of a complement ("Putin pledged to arm", "urged Iran to withdraw");
* targets: objects and prepositional objects ("with", "to", "against", "on", "into",
  "between", "of" an event noun), a passive subject;
* location: a GPE/LOC attached with "in", "at", "near".

An argument is a named mention (``mentions`` rows of the page), or a descriptor the page
makes clear: "the Russian President" is the page's person with role President and
country RU; "the government in Kyiv" or "Russian troops" stand for their state. A
trigger without any named participant is not an event.

Repeated mentions of one event in a page (same type, same participants, compatible
dates) are merged into the first dated one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from chronicle.entities import names
from chronicle.events import cameo, lexicon
from chronicle.events.dating import Dater, TimexSpan, precision_of
from chronicle.events.landmarks import landmark_date
from chronicle.events.states import alpha3, state_of
from chronicle.events.ud_view import ud_view
from schemas.event_types import DEFAULT_CAMEO_CODES

Row = dict[str, Any]

#: Head nouns that stand for the state or body their modifier names ("Russian troops",
#: "the government in Kyiv", "Israeli jets").
STATE_AGENT_NOUNS = frozenset({
    "government", "administration", "authorities", "authority", "officials", "official",
    "ministry", "embassy", "army", "forces", "force", "troops", "military", "navy",
    "police", "legation", "regime", "leadership", "leader", "leaders", "delegation",
    "delegations", "diplomats", "jets", "warplanes", "soldiers", "militants", "side",
    "cabinet", "parliament", "diplomacy", "servicemen", "units", "fighters", "aircraft",
    "drones", "missiles", "rocket", "rockets", "coalition", "president",
    "minister", "spokesman", "spokeswoman", "envoy", "ambassador", "foreign",
    # what a state decides stands for it as a target ("protested Beijing's decision")
    "decision", "decisions",
})  # fmt: skip
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubj:pass", "csubj:pass"})
_OBJECT_DEPS = frozenset({"obj", "iobj", "dobj"})
_OBLIQUE_DEPS = frozenset({"obl", "nmod", "obl:arg"})
#: "X, *during a visit to* Y, said": an event noun in these phrases is the clause
#: subject's.
_CLAUSE_CASES = frozenset({"in", "during", "on", "at"})  # not "after the shooting"
#: Nouns whose "to" complement is promised or intended ("a pledge to arm", "plans to
#: visit"), also where a parser reads a verb as a noun.
_INTENT_OR_PLEDGE_NOUNS = lexicon.PLEDGE_NOUNS | {"plan", "intention", "bid", "attempt",
                                                  "threat", "offer", "proposal"}  # fmt: skip
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_QUANTITY_NOUNS = frozenset({
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
    "score", "scores", "group", "crowd", "crowds", "number", "handful", "some", "many",
})  # fmt: skip
_QUOTES = frozenset({'"', "``", "''", "“", "”", "'"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod:poss", "flat", "nmod:desc", "nmod"})
#: Where a verb's event type may come from (``EventExtractor(sources=...)``): our rules,
#: PETRARCH2's CAMEO verb patterns, and CAMEO's default code of a bare verb.
TRIGGER_SOURCES = frozenset({"rules", "cameo_patterns", "cameo_verbs"})
#: The sources used by default: measured on the tuning set, CAMEO's verbs alone add more
#: false events than true ones under our guidelines (docs/events.md, "Measured").
DEFAULT_SOURCES = frozenset({"rules"})
_EXCLUDED = "-"  # our rules say the word is no event, whatever CAMEO says


def event_id_for(doc_id: str, trigger_start: int) -> str:
    return hashlib.sha256(f"{doc_id}:{trigger_start}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Participant:
    """A named participant: the mention's page-level key, provisional id and state."""

    key: str
    entity_id: str
    label: str
    state: str | None
    #: CAMEO agent codes of the role it is named by here ("troops" -> MIL)
    sectors: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class EventMention:
    """One trigger with its arguments, before in-page merging."""

    trigger: Token
    event_type: str
    sentence_index: int
    cameo_code: str | None = None
    actors: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    location: Participant | None = None
    timex: TimexSpan | None = None
    date_basis: str | None = None  # how timex was found (dating.Dater.dated)
    negated: bool = False
    hypothetical: bool = False
    pledged: bool = False
    reported_by: Participant | None = None
    inherited: bool = False  # an argument came through a light verb or controller

    @property
    def participant_keys(self) -> frozenset[str]:
        return frozenset(p.key for p in self.actors + self.targets)


class _PageMentions:
    """The page's mentions indexed by token, with role-based descriptor lookup."""

    def __init__(self, doc: Doc, mentions: Sequence[Row]) -> None:
        self.doc = doc
        self.by_token: dict[int, Participant] = {}
        self.persons_by_role: dict[tuple[str, str | None], set[Participant]] = {}
        self.alliances: set[Participant] = set()  # intergovernmental bodies the page names
        starts = {t.idx: t.i for t in doc}
        for m in mentions:
            participant = Participant(
                m["doc_entity_key"],
                m["entity_id"],
                m["label"],
                state_of(m["label"], m["doc_entity_key"], m["text"], m.get("country")),
                _named_sectors(m),
            )
            i = starts.get(m["start"])
            if i is None:
                span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
                if span is None:
                    continue
                i = span.start
            while i < len(doc) and doc[i].idx < m["end"]:
                self.by_token[i] = participant
                i += 1
            if m["label"] == "ORG" and "IGO" in participant.sectors:
                self.alliances.add(participant)
            role = (m.get("role") or "").lower()
            if m["label"] == "PERSON" and role:
                for word in role.split():
                    self.persons_by_role.setdefault((word, m.get("country")), set()).add(
                        participant
                    )

    def descriptor(self, head: Token, modifier: Participant | None) -> Participant | None:
        """ "the Russian President" -> the one person the page gives that role and country."""
        role = head.lower_
        country = modifier.state if modifier is not None else None
        people = self.persons_by_role.get((role, country)) or set()
        if len(people) == 1:
            return next(iter(people))
        return None


#: Role nouns of news that PETRARCH2's agent list lacks or codes otherwise (it has
#: "spokesman" as media): Chronicle's additions, applied before the list.
SECTOR_NOUNS: dict[str, tuple[str, ...]] = {
    "forces": ("MIL",), "force": ("MIL",), "troops": ("MIL",), "jets": ("MIL",),
    "warplanes": ("MIL",), "servicemen": ("MIL",), "units": ("MIL",),
    "officials": ("GOV",), "official": ("GOV",), "authorities": ("GOV",),
    "authority": ("GOV",), "department": ("GOV",), "delegation": ("GOV",),
    "delegations": ("GOV",), "spokesman": ("GOV",), "spokeswoman": ("GOV",),
    "spokesperson": ("GOV",), "legation": ("GOV",), "leadership": ("GOV",),
    "side": (), "fighters": ("REB",), "militants": ("REB",),
}  # fmt: skip
#: Organisations that are intergovernmental by their head word ("the United Nations",
#: "NATO" is found by name).
_IGO_NAMES = frozenset({
    "united nations", "un", "u.n.", "nato", "european union", "eu", "african union",
    "arab league", "security council", "general assembly", "world bank", "imf",
    "international monetary fund", "osce", "asean", "opec", "interpol", "who",
    "north atlantic treaty organization", "organization of american states",
})  # fmt: skip


def sectors_of(words: list[str]) -> tuple[str, ...]:
    """CAMEO agent codes of a role phrase (head last): our additions, then PETRARCH2's."""
    if words and words[-1].lower() in SECTOR_NOUNS:
        return SECTOR_NOUNS[words[-1].lower()]
    return cameo.sectors_of(words)


def _named_sectors(mention: Row) -> tuple[str, ...]:
    """Sectors a mention carries by itself: its role ("Foreign Minister Lavrov"), or the
    kind of organisation its name says ("Justice Department", "the United Nations")."""
    role = mention.get("role")
    if role:
        return sectors_of(role.split())
    if mention["label"] == "ORG":
        name = mention["text"].lower().removeprefix("the ")
        if name in _IGO_NAMES:
            return ("IGO",)
        return sectors_of(name.split())
    return ()


def _lemma(tok: Token) -> str:
    """The token's lemma, with a fallback for verbs: a lemmatizer may leave an inflected
    or clipped form ("impos" for "imposed", "fl" for "fled"), so the first of the
    candidate lemmas that a word list of ours or CAMEO knows is taken."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return _verb_lemma(lemma, tok.lower_)
    return lemma


@cache
def _verb_lemma(lemma: str, form: str) -> str:
    known = lexicon.known_verbs() | cameo.known_verbs()
    for candidate in lexicon.verb_lemmas(lemma, form):
        if candidate in known:
            return candidate
    return lemma


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            out.extend(_conjuncts(child))
    return out


def _case(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ == "case":
            return child.lower_
    return None


class _Arguments:
    """Resolves argument heads to participants."""

    def __init__(self, page: _PageMentions) -> None:
        self.page = page
        self.bounds = (0, len(page.doc))  # token range of the current sentence
        self.excluded: set[int] = set()  # tokens of an "according to X" phrase
        self.recent_subject: Participant | None = None  # for "he"/"she" (see _antecedent)
        self.speaker: Participant | None = None  # of the sentence's quote, for "I"/"we"

    def participants(self, head: Token) -> list[Participant]:
        out: list[Participant] = []
        for tok in _conjuncts(head):
            if tok.dep_ == "appos" and out:
                continue  # "the spokeswoman, Maria Zakharova": the name was taken already
            named = [
                self.page.by_token[c.i]
                for c in tok.children
                if c.dep_ == "appos"
                and c.i in self.page.by_token
                and self.page.by_token[c.i].label in ("PERSON", "ORG")
                and self.bounds[0] <= c.i < self.bounds[1]
            ]
            found = named[0] if named and tok.i not in self.page.by_token else self._one(tok)
            if found is not None and found not in out:
                out.append(found)
            if found is not None and tok.i not in self.page.by_token:
                out += [p for p in self._coordinated_modifiers(tok, found) if p not in out]
        return out

    def _coordinated_modifiers(self, tok: Token, found: Participant) -> list[Participant]:
        """ "the presidents of Poland and the Czech Republic", "Polish and Czech
        leaders": a plural role noun stands for each of its coordinated modifiers."""
        if "Plur" not in tok.morph.get("Number") and not tok.tag_.endswith("S"):
            return []
        for child in tok.children:
            if child.dep_ in _MODIFIER_DEPS and self.page.by_token.get(child.i) == found:
                low, high = self.bounds
                return [self.page.by_token[c.i] for c in _conjuncts(child)[1:]
                        if c.i in self.page.by_token and low <= c.i < high]  # fmt: skip
        return []

    def _one(self, tok: Token) -> Participant | None:
        page = self.page
        if not self.bounds[0] <= tok.i < self.bounds[1] or tok.i in self.excluded:
            return None
        if tok.i in page.by_token:
            return page.by_token[tok.i]
        if tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_.startswith("acl"):
            antecedent = tok.head.head
            found = self._one(antecedent)
            if found is None and antecedent.dep_ == "appos":
                found = self._one(antecedent.head)  # "Albright, a daughter of X, who fled"
            return found
        reported, speaker = self._reporting_subject(tok)
        if reported and tok.lower_ in ("they", "it", "we") and (speaker or tok.lower_ != "we"):
            return speaker  # "NATO said it would ...", "police said they had ..."
        if reported and speaker is not None and speaker.label == "PERSON":
            return speaker  # "Burton said he subpoenaed ..."
        if tok.lower_ in ("he", "she", "him", "her", "his"):
            return self._antecedent(tok)
        if tok.lower_ in ("it", "its"):
            return self._antecedent(tok, ("ORG", "GPE"))
        if tok.lower_ in _FIRST_PERSON:
            return self.speaker  # "``We will not yield,'' Castro said"
        if tok.pos_ == "NUM" or _lemma(tok) in _QUANTITY_NOUNS:
            # "thousands of Serbs", "a group of Kenyans": the group the quantity counts
            for child in tok.children:
                if child.dep_ in ("nmod", "obl") and _case(child) == "of":
                    return self._one(child)
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        # "Russian troops", "the government in Kyiv", "two Hamas delegations",
        # "the Russian President" (a person the page names elsewhere).
        modifier: Participant | None = None
        for child in _modifiers(tok):
            if child.i in page.by_token:
                if child.dep_ == "nmod" and _case(child) not in ("in", "of", None):
                    continue
                modifier = page.by_token[child.i]
                break
        sectors = sectors_of([c.lower_ for c in tok.children if c.dep_ == "compound"]
                             + [tok.lower_])  # fmt: skip
        if tok.lower_ in STATE_AGENT_NOUNS or _lemma(tok) in STATE_AGENT_NOUNS:
            person = page.descriptor(tok, modifier) or self._named_in_phrase(tok)
            if person is not None:
                return replace(person, sectors=sectors or person.sectors)
            if modifier is not None and (modifier.state or modifier.label in ("ORG", "GPE")):
                return replace(modifier, sectors=sectors)
        named = self._person_in_role_phrase(tok)
        if named is not None:
            return named  # "Hungarian head of state Arpad Goencz"
        # "Palestinian civilians", "Hamas delegations": the group or body that qualifies them.
        for child in tok.children:
            if child.dep_ in ("amod", "compound") and child.i in page.by_token:
                found = page.by_token[child.i]
                if found.label in ("NORP", "ORG"):
                    return replace(found, sectors=sectors or found.sectors)
        if _lemma(tok) in _ALLIANCE_NOUNS and len(page.alliances) == 1:
            return next(iter(page.alliances))  # "the alliance": the page's one NATO, EU, ...
        return None

    def _reporting_subject(self, pronoun: Token) -> tuple[bool, Participant | None]:
        """ "Tanzanian police said they had arrested ...": whether a pronoun is the
        subject of reported speech, and the speaker (named or described) if so."""
        if pronoun.lower_ not in _SUBJECT_PRONOUNS or pronoun.dep_ not in (
            _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS
        ):
            return False, None
        clause = pronoun.head
        for _ in range(3):
            head = clause.head
            if head.i == clause.i:
                return False, None
            if clause.dep_ in ("ccomp", "parataxis") and _lemma(head) in lexicon.SPEECH_VERBS:
                for subj in _subjects(head)[0] or _controller(head):
                    if subj.lower_ not in _SUBJECT_PRONOUNS:
                        found = self.participants(subj)
                        return True, found[0] if found else None
                return True, None
            if clause.dep_ not in ("conj", "xcomp"):
                return False, None
            clause = head
        return False, None

    def _person_in_role_phrase(self, head: Token) -> Participant | None:
        """The one person a role noun's name dependents name ("head of state *Arpad
        Goencz*"), however the parser attached the name to it."""
        people = {
            self.page.by_token[c.i]
            for c in head.children
            if c.dep_ in ("appos", "compound", "flat", "nmod:desc", "dep")
            and c.i in self.page.by_token
            and self.page.by_token[c.i].label == "PERSON"
            and self.bounds[0] <= c.i < self.bounds[1]
        }
        return next(iter(people)) if len(people) == 1 else None

    def _named_in_phrase(self, head: Token) -> Participant | None:
        """ "the president of the Lombardy region, Roberto Maroni": the one person named
        inside a role noun's phrase (however the parser attached the name)."""
        people = {
            self.page.by_token[t.i]
            for t in head.subtree
            if t.i in self.page.by_token and self.page.by_token[t.i].label == "PERSON"
            and self.bounds[0] <= t.i < self.bounds[1] and t.i not in self.excluded
        }  # fmt: skip
        return next(iter(people)) if len(people) == 1 else None

    def _antecedent(
        self, pronoun: Token, labels: tuple[str, ...] = ("PERSON",)
    ) -> Participant | None:
        """ "he"/"she": the nearest person named before it in the sentence, else the person
        who was the subject of one of the two sentences before; "it": the nearest
        organisation or state named before it in the sentence."""
        for i in range(pronoun.i - 1, self.bounds[0] - 1, -1):
            found = self.page.by_token.get(i)
            if found is not None and found.label in labels and i not in self.excluded:
                return found
        return self.recent_subject if labels == ("PERSON",) else None

    def location(self, head: Token) -> Participant | None:
        """A place: a GPE or LOC, or a seat of power named as a place ("in the Kremlin")."""
        found = self.page.by_token.get(head.i)
        if found is None or not self.bounds[0] <= head.i < self.bounds[1]:
            return None
        if found.label in ("GPE", "LOC"):
            return found
        if found.label == "ORG" and head.text in names.METONYMS:
            return found
        return None


def _modifiers(tok: Token) -> list[Token]:
    """A noun's modifiers (``_MODIFIER_DEPS``), with the name inside a "-led" modifier
    ("NATO-led troops", however the parser attached it) in the modifier's place."""
    out = []
    for child in tok.children:
        if child.dep_ in ("amod", "compound") and child.lower_ == "led":
            out += [c for c in child.children if c.pos_ in ("PROPN", "NOUN", "ADJ")]
        elif child.dep_ in _MODIFIER_DEPS:
            out.append(child)
    return out


def _subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of a verb."""
    active = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    passive = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
    return active, passive


def _controller(verb: Token) -> list[Token]:
    """Subjects a subjectless verb takes from the clause it depends on."""
    tok = verb
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "xcomp":
            objects = [c for c in head.children if c.dep_ in _OBJECT_DEPS]
            if objects and _lemma(head) in (
                "urge",
                "ask",
                "call",
                "persuade",
                "force",
                "order",
                "tell",
                "invite",
                "help",
            ):
                return objects
            active, _ = _subjects(head)
            if active:
                return active
            tok = head
        elif _reports_accusation(tok):
            # "Russia accused Ukraine of shelling Donetsk": the accused did the shelling.
            objects = [c for c in head.children if c.dep_ in _OBJECT_DEPS]
            passive = _subjects(head)[1]
            return objects or passive
        elif tok.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            active, passive = _subjects(head)
            if active:
                return active
            if passive and tok.dep_ == "conj" and not _is_participle(tok):
                return passive  # "who was born in Prague and fled": the same subject acts
            tok = head
        elif tok.dep_ == "advcl" and head.pos_ == "PROPN" and head.dep_ == "ROOT":
            # "While meeting X, Iranian President Ebrahim Raisi accused ...", where the
            # parser made the name the root: the name is the subject.
            return [head]
        elif tok.dep_.startswith("acl") and tok.dep_ != "acl:relcl":
            return []
        else:
            break
    return []


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
#: Event types whose noun's "from" phrase is a place left, not the actor.
_FROM_IS_PLACE = frozenset({"yield", "coerce", "mobilize", "fight", "assault", "launch"})
#: Nouns by which news refers back to an intergovernmental body it has named.
_ALLIANCE_NOUNS = frozenset({"alliance", "bloc", "organization", "organisation", "union"})
#: Types whose event-noun object names who is asked to act ("demanded the withdrawal of
#: Russian troops").
_ASKED_OF_TYPES = frozenset({"demand", "appeal", "reject", "disapprove", "protest"})
_SUBJECT_PRONOUNS = frozenset({"they", "it", "we", "he", "she"})


def _noun_dependents(noun: Token) -> list[Token]:
    """An event noun's dependents, with those a parser hung on its date apposition ("the
    attacks Aug. 7 at the U.S. embassies")."""
    out = []
    for child in noun.children:
        out.append(child)
        if child.dep_ == "appos" and child.ent_type_ in ("DATE", "TIME"):
            out += [c for c in child.children if c.dep_ in _OBLIQUE_DEPS]
    return out


def _misattached_agent(verb: Token, by_phrase: Token) -> bool:
    """ "condemned the invasion of Ukraine *by Russia*": an active verb with a subject
    has no agent; a "by" phrase on it belongs to its event-noun object (a parser's
    attachment)."""
    if by_phrase.dep_ == "obl:agent" or any(c.dep_ == "aux:pass" for c in verb.children):
        return False
    return bool(_subjects(verb)[0]) and any(
        c.dep_ in _OBJECT_DEPS and _event_noun_lemma(c) for c in verb.children
    )


def _event_noun_lemma(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (
        _lemma(tok) in lexicon.NOUN_TRIGGERS or tok.lower_ in lexicon.NOUN_TRIGGERS
    )


def _is_participle(verb: Token) -> bool:
    """A past participle ("was arrested and *brought* to"): passive when coordinated."""
    if verb.tag_.startswith("VB"):  # a Penn tag, where the parser gives one, decides
        return verb.tag_ == "VBN"
    return "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")


def _agents(verb: Token) -> list[Token]:
    """The "by X" agents of a passive verb."""
    return [
        c for c in verb.children
        if c.dep_ == "obl:agent" or (c.dep_ in _OBLIQUE_DEPS and _case(c) == "by")
    ]  # fmt: skip


def _reports_accusation(tok: Token) -> bool:
    """ "accused Y *of shelling*", "blamed Y *for the attack*": the clause or noun an
    accusation reports."""
    head = tok.head
    return (
        head.i != tok.i
        and _lemma(head) in lexicon.ACCUSATION_VERBS
        and tok.dep_ in ("advcl", "acl", "obl", "nmod", "xcomp")
        and any(c.dep_ in ("mark", "case") and c.lower_ in ("of", "for") for c in tok.children)
    )


def _has_child(tok: Token, deps: set[str] | frozenset[str], words: frozenset[str]) -> bool:
    return any(c.dep_ in deps and c.lower_ in words for c in tok.children)


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the heads whose modality reaches it (light verb, controllers)."""
    out = [trigger]
    tok = trigger
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        if (
            tok.dep_ in ("xcomp", "conj")
            or (tok.dep_ in ("obj", "nsubj:pass") and _lemma(head) in lexicon.LIGHT_VERBS)
            or (tok.dep_ == "obj" and _lemma(head) in lexicon.NOUN_CONTROLLERS)
            or (tok.dep_ == "acl" and _lemma(head) in _INTENT_OR_PLEDGE_NOUNS)
        ):
            out.append(head)
            tok = head
        else:
            break
    return out


#: Marks a verb rule that does not decide the verb's type (see ``_TriggerRules``).
_UNDECIDED = "?"


class _TriggerRules:
    """Which words are event triggers, of which type and CAMEO code."""

    def __init__(
        self, doc: Doc, page: _PageMentions, args: _Arguments, sources: frozenset[str]
    ) -> None:
        self.doc = doc
        self.page = page
        self.args = args
        self.sources = sources

    def classify(self, tok: Token) -> tuple[str | None, str | None]:
        """(event type, CAMEO code) of a word: our rules for nouns, light verbs and
        controllers, PETRARCH2's CAMEO verb patterns for verbs (``self.sources``)."""
        if tok.i in self.page.by_token:
            return None, None  # part of a name: "North Atlantic Treaty", "Cold War"
        if tok.pos_ == "VERB":
            return self._verb_type(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            event_type = self.noun_type(tok)
            if event_type is None:
                return None, None
            return event_type, self._noun_code(tok, event_type)
        return None, None

    def _verb_type(self, tok: Token) -> tuple[str | None, str | None]:
        ours = self._our_verb_type(tok) if "rules" in self.sources else None
        if ours is _EXCLUDED:
            return None, None
        use_patterns = "cameo_patterns" in self.sources
        use_verbs = "cameo_verbs" in self.sources
        # CAMEO always refines the code; the sources say whether it may make an event.
        found = cameo.match_verb(tok, lexicon.verb_lemmas(_lemma(tok), tok.text))
        code = found.code if found is not None else None
        cameo_type = cameo.event_type_of(code)
        if ours is not None:
            # Our classes follow our guidelines where CAMEO's differ ("condemned the
            # attacks" is CAMEO 018, empathy): CAMEO refines the code, never the type.
            return ours, code if cameo_type == ours else DEFAULT_CAMEO_CODES[ours]
        if cameo_type is None or not self._cameo_only_allowed(tok, found):
            return None, None
        wanted = use_patterns if found is not None and found.specific else use_verbs
        if found is not None and wanted:
            return cameo_type, code
        return None, None

    def _our_verb_type(self, tok: Token) -> str | None:
        """Our rules for a verb: its type, None, or ``_EXCLUDED`` when the word is no
        event whatever CAMEO says (a consequence of an event noun, attribution, a light
        verb whose object is the event). The first rule that decides wins."""
        lemma = _lemma(tok)
        rules = (
            self._consequence_or_standard,
            self._phrasal_type,
            self._attribution_or_light,
            self._missing_argument,
            _weapon_or_force,
        )
        for rule in rules:
            decided = rule(tok, lemma)
            if decided != _UNDECIDED:
                return decided
        for candidate in lexicon.verb_lemmas(lemma, tok.text):
            if candidate in lexicon.VERB_TRIGGERS:
                return lexicon.VERB_TRIGGERS[candidate]
        return None

    def _consequence_or_standard(self, tok: Token, lemma: str) -> str | None:
        """ "the attack killed 253" (the attack is the event), "meet the standards"."""
        if lemma in lexicon.CONSEQUENCE_VERBS and any(
            c.dep_ in ("nsubj", "obl") and _is_event_noun(c) for c in tok.children
        ):
            return _EXCLUDED
        if (
            lemma in lexicon.CONSEQUENCE_VERBS
            and tok.dep_ == "acl:relcl"
            and _names_event_noun(tok.head)
            and any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE_PRONOUNS for c in tok.children)
        ):
            return _EXCLUDED  # "the bombings at the embassies, which killed 224 people"
        if (
            lemma in lexicon.CONSEQUENCE_VERBS
            and tok.dep_ == "conj"
            and _lemma(tok.head) in lexicon.CONSEQUENCE_VERBS
        ):
            return self._consequence_or_standard(tok.head, _lemma(tok.head))  # "and injured"
        if lemma == "meet" and any(
            c.dep_ in _OBJECT_DEPS and not self.args.participants(c) for c in tok.children
        ):
            return None
        return _UNDECIDED

    def _phrasal_type(self, tok: Token, lemma: str) -> str | None:
        """ "pull out", "call on X", "bring them to justice", "send troops"."""
        for child in tok.children:
            for word in (child.lower_, _case(child) if child.dep_ == "obl" else None):
                phrasal = lexicon.PHRASAL_TRIGGERS.get((lemma, word or ""))
                if phrasal:
                    return phrasal
        if tok.i + 1 < len(self.doc):
            phrasal = lexicon.PHRASAL_TRIGGERS.get((lemma, self.doc[tok.i + 1].lower_))
            if phrasal:
                return phrasal
        return _UNDECIDED

    def _attribution_or_light(self, tok: Token, lemma: str) -> str | None:
        """A speech verb is attribution; "launched an attack": the noun is the event;
        "asked Iran to withdraw" is an appeal, not "asked a question"."""
        if lemma == "deny" and any(
            c.dep_ in _OBJECT_DEPS and c.pos_ in ("NOUN", "PROPN") for c in tok.children
        ):
            return "reject"  # "denied the allegations", "denied visas"; "denied that" speaks
        if lemma in lexicon.SPEECH_VERBS and lemma not in ("announce",):
            return _EXCLUDED
        if lemma in lexicon.THREAT_PLEDGE_VERBS and any(
            self._our_verb_type(v) in lexicon.THREATENED_TYPES
            for c in tok.children
            if c.dep_ == "xcomp"
            for v in _conjuncts(c)
        ):
            return "threaten"  # "vowed to hunt down the bombers"
        if lemma == "join" and any(
            c.dep_ in _OBJECT_DEPS and self.noun_type(c) == "diplomatic_cooperation"
            for c in tok.children
        ):
            return "diplomatic_cooperation"  # "joined the alliance": the joining is the act
        if lemma in lexicon.LIGHT_VERBS and any(
            c.dep_ in _OBJECT_DEPS and self.noun_type(c) for c in tok.children
        ):
            return _EXCLUDED
        if lemma == "ask" and any(c.dep_ == "xcomp" for c in tok.children):
            return "appeal"
        if lemma == "accuse" and _subjects(tok)[1] and not _agents(tok):
            return "coerce"  # "X is accused of murder": a charge, nobody's criticism
        return _UNDECIDED

    def _missing_argument(self, tok: Token, lemma: str) -> str | None:
        """Verbs that are events only with the right argument: an object, a destination,
        a person received; "fighting to keep the boy" is a struggle, not combat."""
        participle_of_noun = tok.dep_ == "acl" and _is_participle(tok)  # "troops sent by X"
        if (
            lemma in lexicon.NEED_OBJECT
            and not participle_of_noun
            and not any(
                c.dep_ in _OBJECT_DEPS or c.dep_ in _PASSIVE_SUBJECT_DEPS for c in tok.children
            )
        ):
            return None
        if lemma in lexicon.MOTION_VERBS and not any(
            c.dep_ in _OBLIQUE_DEPS and _case(c) in ("to", "for", "in", "at") for c in tok.children
        ):
            return None
        if lemma == "receive" and not any(
            c.dep_ in _OBJECT_DEPS
            and self.page.by_token.get(c.i) is not None
            and self.page.by_token[c.i].label == "PERSON"
            for c in tok.children
        ):
            return None  # "received Raisi" is a meeting; "received evidence" is not
        if lemma in ("fight", "battle") and any(c.dep_ == "xcomp" for c in tok.children):
            return None
        return _UNDECIDED

    def noun_type(self, tok: Token) -> str | None:
        """Our rules for an event noun ("visit", "talks", "air strike")."""
        lemma = _lemma(tok)
        if tok.i in self.page.by_token or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if (
            lemma == "sit"
            and tok.i + 2 < len(tok.doc)
            and tok.nbor(1).text == "-"
            and (tok.nbor(2).lower_ == "in")
        ):
            return "protest"  # "a sit-in", split by the tokenizer
        if lemma not in lexicon.NOUN_TRIGGERS and tok.lower_ not in lexicon.NOUN_TRIGGERS:
            return None
        modifiers = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
        if lemma in ("strike", "strikes") and modifiers & lexicon.LABOUR_STRIKE_MODIFIERS:
            return "protest"  # "a general strike", "a hunger strike": not an air strike
        if lemma in ("raid", "attack") and "air" in modifiers:
            return "fight"  # aerial force is fighting (CAMEO 195), not an assault
        guard = lexicon.GUARDED_NOUNS.get(lemma)
        if guard is not None:
            named = lemma in lexicon.NAMED_MODIFIER_LICENSES and any(
                c.i in self.page.by_token for c in tok.children
                if c.dep_ in ("amod", "compound", "nmod:poss")
            )  # fmt: skip
            ordered = tok.dep_ in _OBJECT_DEPS and _lemma(tok.head) in (
                lexicon.GUARD_LICENSING_VERBS
            )  # "ordered the strikes"
            if not modifiers & guard and not named and not ordered:
                return None
        if lemma == "alliance" and _lemma(tok.head) == "join":
            return None  # "joining the alliance": the alliance is who is joined
        if lemma in ("statement", "speech", "interview", "release", "communique") and (
            tok.dep_ == "obl" and _lemma(tok.head) in lexicon.SPEECH_VERBS
        ):
            return None  # "said in a statement": attribution
        return lexicon.NOUN_TRIGGERS.get(lemma) or lexicon.NOUN_TRIGGERS.get(tok.lower_)

    def _noun_code(self, noun: Token, event_type: str) -> str | None:
        """A noun's CAMEO code: its light verb's pattern ("imposed sanctions" -> 163)
        when that agrees with the type, else the type's default."""
        head = noun.head
        if noun.dep_ in _OBJECT_DEPS and head.pos_ == "VERB" and head.i != noun.i:
            found = cameo.match_verb(head, lexicon.verb_lemmas(_lemma(head), head.text))
            agrees = found is not None and cameo.event_type_of(found.code) == event_type
            if found is not None and found.specific and agrees:
                return found.code
        return DEFAULT_CAMEO_CODES[event_type]

    def _cameo_only_allowed(self, verb: Token, found: cameo.CameoMatch | None) -> bool:
        """A verb only CAMEO knows is an event unless it is a statement verb (CAMEO 01:
        "said", "noted" are attribution here) or a bare verb of wanting and thinking."""
        if found is None or found.code is None or found.code.startswith("01"):
            return False
        return _lemma(verb) not in lexicon.NOT_CAMEO_TRIGGERS


def _weapon_or_force(tok: Token, lemma: str) -> str | None:
    """ "fired artillery rounds at", "exchanged fire": fighting, not a launch; "sent
    troops": a mobilisation."""
    if lemma in ("fire", "launch", "exchange") and any(
        c.dep_ in _OBJECT_DEPS and _lemma(c) in lexicon.GUN_NOUNS
        for t in (tok, *(c for c in tok.children if c.dep_ in _OBJECT_DEPS))
        for c in (t, *t.children)
        if c is not tok
    ):
        return "fight"
    if lemma == "send" and (
        any(c.dep_ in _OBJECT_DEPS and c.lower_ in lexicon.FORCE_NOUNS for c in tok.children)
        or (tok.dep_ == "acl" and tok.head.lower_ in lexicon.FORCE_NOUNS)  # "troops sent"
    ):
        return "mobilize"
    if lemma in ("attack", "strike", "hit", "pound", "target") and any(
        c.dep_ in _OBLIQUE_DEPS and _case(c) == "with" and c.lower_ in lexicon.HEAVY_WEAPONS
        for t in (tok, *(c for c in tok.children if c.dep_ in _OBJECT_DEPS))
        for c in t.children
    ):
        return "fight"  # "attacked Armenian positions with artillery" (CAMEO 194)
    return _UNDECIDED


def _names_event_noun(tok: Token) -> bool:
    """A violent event noun, or a noun inside its phrase ("the bombings at the embassies
    in Kenya and Tanzania": a relative clause may attach to any of them)."""
    for _ in range(5):
        if _is_event_noun(tok):
            return True
        if tok.dep_ not in ("nmod", "conj", "appos", "compound") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _is_event_noun(tok: Token) -> bool:
    """A violent event noun ("the attack", "the bombing")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    kind = lexicon.NOUN_TRIGGERS.get(_lemma(tok)) or lexicon.NOUN_TRIGGERS.get(tok.lower_)
    return kind in ("assault", "fight")


class _ArgumentFinder:
    """Fills an event's actors, targets and place from the parse around its trigger."""

    def __init__(self, doc: Doc, page: _PageMentions, args: _Arguments) -> None:
        self.doc = doc
        self.page = page
        self.args = args

    def of_verb(self, event: EventMention) -> None:
        """A verb's subjects, objects and obliques, or those it inherits if it has none."""
        verb = event.trigger
        active, passive = _subjects(verb)
        for subj in active:
            event.actors += self.args.participants(subj)
        for subj in passive:
            event.targets += self.args.participants(subj)
        if not active and not passive:
            self._subjectless_verb(event)
        if verb.dep_ == "acl:relcl" and not event.actors:
            event.actors += self.args.participants(verb.head)
        for child in verb.children:
            case = _case(child)
            if child.dep_ in _OBJECT_DEPS:
                self._object(event, child)
            elif child.dep_ == "obl:agent" or (child.dep_ in _OBLIQUE_DEPS and case == "by"):
                if not _misattached_agent(verb, child):
                    event.actors += self.args.participants(child)
            else:
                self._place_or_target(event, child, case, at_is_target=True)
        if event.event_type in ("threaten", "demand", "appeal") and not event.targets:
            self._complement_targets(event)

    def _complement_targets(self, event: EventMention) -> None:
        """ "Iran threatened to attack Israel", "vowed to bomb X": who the threatened
        act is done to is the threat's target; "demanded that Russia withdraw": who is
        to act is the demand's."""
        for child in event.trigger.children:
            if child.dep_ == "ccomp" and event.event_type in ("demand", "appeal"):
                for subj in _subjects(child)[0]:  # "demanded that Russia withdraw"
                    event.targets += self.args.participants(subj)
            if child.dep_ != "xcomp":
                continue
            for verb in _conjuncts(child):
                for arg in verb.children:
                    if arg.dep_ in _OBJECT_DEPS or (
                        arg.dep_ in _OBLIQUE_DEPS and _case(arg) in lexicon.TARGET_CASES
                    ):
                        event.targets += self.args.participants(arg)

    def _subjectless_verb(self, event: EventMention) -> None:
        """Actors of a verb without subjects: its controller, the noun a participle
        modifies, or a noun the parser left on its left."""
        verb = event.trigger
        inherited = _controller(verb)
        passive = any(c.dep_ == "aux:pass" for c in verb.children)
        for subj in inherited:  # "X remembered being asked": X is asked, not asking
            found = self.args.participants(subj)
            if passive:
                event.targets += found
            else:
                event.actors += found
        event.inherited = bool(inherited)
        if not inherited and verb.dep_ == "conj" and _is_participle(verb):
            # "X was arrested and brought to the United States": X is acted on again
            for subj in _subjects(verb.head)[1]:
                event.targets += self.args.participants(subj)
        if not event.actors and verb.dep_ == "acl":
            self._participle_head(event)
        if not event.actors and verb.dep_ != "xcomp":
            event.actors += self._subject_on_the_left(verb)

    def _place_or_target(
        self, event: EventMention, child: Token, case: str | None, *, at_is_target: bool
    ) -> None:
        """An oblique "in/at/near" a place is where the event happens (or, "fired at
        Israel", a target when no place); "with", "to", "against" ... mark targets."""
        if child.dep_ not in _OBLIQUE_DEPS:
            return
        if case in lexicon.LOCATION_CASES:
            place = self.args.location(child)
            if place is not None and event.location is None:
                event.location = place
            elif (
                place is None
                and at_is_target
                and (case == "at" or (case != "in" and event.event_type in lexicon.SITE_IS_TARGET))
            ):  # "fired at X", "a car bomb attack outside the U.S. embassy"
                event.targets += self.args.participants(child)
        elif case in lexicon.TARGET_CASES:
            event.targets += self.args.participants(child)

    def _participle_head(self, event: EventMention) -> None:
        """A clause that modifies a noun: "troops *crossing* into Ukraine" (the noun
        acts), "troops *sent* to Kosovo" (the noun is acted on). A parser that made a
        sentence's subject its root and the verb a modifier of it ("Moscow | blamed
        Kyiv") also lands here: a modifier of the root noun that has an object of its
        own is that noun's predicate."""
        verb = event.trigger
        head = verb.head
        forms = verb.morph.get("VerbForm")
        has_object = any(c.dep_ in _OBJECT_DEPS for c in verb.children)
        if "Ger" in forms or verb.tag_ == "VBG" or (head.dep_ == "ROOT" and (
            has_object or "Fin" in forms or head.i < verb.i - 1 or _case(head) is None
        ) and head.pos_ in ("NOUN", "PROPN")):  # fmt: skip
            event.actors += self.args.participants(head)
        elif "Part" in forms:
            event.targets += self.args.participants(head)

    def _subject_on_the_left(self, verb: Token) -> list[Participant]:
        """A finite verb the parser left without a subject ("after the Hungarian
        parliament ratified"): the noun right before it, over adverbs and auxiliaries."""
        if "Fin" not in verb.morph.get("VerbForm"):
            return []
        i = verb.i - 1
        while i >= self.args.bounds[0] and self.doc[i].pos_ in ("ADV", "AUX", "PART"):
            i -= 1
        if i < self.args.bounds[0] or self.doc[i].pos_ not in ("NOUN", "PROPN"):
            return []
        return self.args.participants(self.doc[i])

    def _object(self, event: EventMention, obj: Token) -> None:
        found = self.args.participants(obj)
        event.targets += found
        if not found and event.event_type in _ASKED_OF_TYPES and _event_noun_lemma(obj):
            # "demanded the resignation of Mubarak": who is to act is the demand's target
            for child in obj.children:
                if child.dep_ == "nmod:poss" or (
                    child.dep_ in _OBLIQUE_DEPS and _case(child) in ("of", "by")
                ):
                    event.targets += self.args.participants(child)
        # "deployed troops into Ukraine", "provide weapons to the PA": the destination
        # hangs inside the object phrase.
        for tok in obj.subtree:
            destination = tok.dep_ in _OBLIQUE_DEPS and _case(tok) in (
                "into",
                "to",
                "against",
                "on",
            )
            if destination and tok.head.i != event.trigger.i:
                event.targets += self.args.participants(tok)

    def of_noun(self, event: EventMention) -> None:
        """An event noun's modifiers and obliques, then what the verb governing it says."""
        for child in _noun_dependents(event.trigger):
            self._noun_dependent(event, child)
            if _case(child) == "of" and child.dep_ in _OBLIQUE_DEPS:
                # "the expulsion of Russian diplomats by Poland", "by" hung on "diplomats"
                for agent in child.children:
                    if agent.dep_ in _OBLIQUE_DEPS and _case(agent) == "by":
                        event.actors += self.args.participants(agent)
        head = event.trigger.head
        if event.trigger.dep_ in _OBJECT_DEPS and head.i != event.trigger.i:
            for child in head.children:
                if (
                    child.dep_ in _OBLIQUE_DEPS
                    and _case(child) == "by"
                    and (_misattached_agent(head, child))
                ):
                    event.actors += self.args.participants(child)
        self._victims(event)
        self._accused(event)
        self._governing_verb(event, event.trigger)
        anchor = event.trigger.head
        if (
            not event.actors
            and (
                event.trigger.dep_ == "compound"
                or (event.trigger.dep_ == "nmod" and _case(event.trigger) == "of")
            )
            and anchor.pos_ == "NOUN"
            and not _is_event_noun(anchor)
            and lexicon.NOUN_TRIGGERS.get(_lemma(anchor)) is None
        ):
            # "an arrest warrant for X", "Budapest's accession document", "papers of
            # accession", "a condolence telegram to Y": the phrase's head noun carries
            # the event's arguments.
            for child in anchor.children:
                if child.i != event.trigger.i:
                    self._noun_dependent(event, child)
            self._governing_verb(event, anchor)

    def _noun_dependent(self, event: EventMention, child: Token) -> None:
        """One dependent of an event noun: its place, actor or target."""
        noun = event.trigger
        case = _case(child)
        modifier = self.page.by_token.get(child.i) if child.dep_ in ("amod", "compound") else None
        country_acts = (
            modifier is not None
            and modifier.label == "GPE"
            and modifier.state is not None
            and _lemma(noun) in lexicon.STATE_ACT_NOUNS
        )
        if (
            modifier is not None
            and modifier.label in ("GPE", "LOC")
            and not country_acts
            and (self.args.bounds[0] <= child.i < self.args.bounds[1])
        ):
            # "the Kenya bombing", "the Madrid summit": where, not who
            event.location = event.location or modifier
            return
        possessor = child.dep_ == "nmod:poss" or modifier is not None
        if child.dep_ == "nmod:poss" and _lemma(noun) in lexicon.PATIENT_NOUNS:
            found = self.args.participants(child)
            if found and all(p.label == "PERSON" for p in found):
                event.targets += found  # "bin Laden's extradition": he is extradited
                return
        if (
            child.dep_ == "compound"
            and event.event_type in lexicon.MODIFIER_IS_TARGET
            and _lemma(child) in lexicon.SITE_NOUNS
        ):
            event.targets += self.args.participants(child)  # "U.S. Embassy blasts"
            return
        if child.dep_ == "nmod:poss" and child.lower_ in _POSSESSIVE_PRONOUNS:
            owners = self._clause_subjects(noun)
            if owners:  # "Russia stepped up its attacks": the clause's subject
                event.actors += owners
                return
        agent = child.dep_ in _OBLIQUE_DEPS and (
            case == "by"
            or (case == "of" and event.event_type in lexicon.OF_MARKS_ACTOR)
            or (case == "of" and _lemma(noun) in lexicon.OF_ACTOR_NOUNS)
            # "cooperation from Kenya", "criticism from Moscow": the source acts; not where
            # a withdrawal, expulsion or invasion comes from
            or (case == "from" and event.event_type not in _FROM_IS_PLACE)
        )
        if possessor or agent:
            event.actors += self.args.participants(child)
        elif child.dep_ == "compound" and event.event_type in lexicon.MODIFIER_IS_TARGET:
            event.targets += self.args.participants(child)  # "the embassy bombing"
        elif child.dep_ in _OBLIQUE_DEPS and case == "between":
            both = self.args.participants(child)
            event.actors += both[:1]
            event.targets += both[1:]
        else:
            self._place_or_target(event, child, case, at_is_target=True)

    def _clause_subjects(self, noun: Token) -> list[Participant]:
        """Named subjects (or controllers) of the verb that governs a noun."""
        head = noun.head
        if head.i == noun.i or head.pos_ not in ("VERB", "AUX"):
            return []
        subjects = _subjects(head)[0] or _controller(head)
        return [p for s in subjects for p in self.args.participants(s)]

    def _victims(self, event: EventMention) -> None:
        """ "Twelve Americans were killed in the bombing": its victims are its targets."""
        noun = event.trigger
        head = noun.head
        if noun.dep_ in ("nsubj", "obl") and _lemma(head) in lexicon.CONSEQUENCE_VERBS:
            for child in head.children:
                if child.dep_ in _OBJECT_DEPS or child.dep_ in _PASSIVE_SUBJECT_DEPS:
                    event.targets += self.args.participants(child)

    def _accused(self, event: EventMention) -> None:
        """ "accused Ukraine of the shelling": the accused is its actor."""
        noun = event.trigger
        if not event.actors and _reports_accusation(noun):
            for obj in [c for c in noun.head.children if c.dep_ in _OBJECT_DEPS]:
                event.actors += self.args.participants(obj)
            event.inherited = bool(event.actors)

    def _governing_verb(self, event: EventMention, noun: Token) -> None:
        """Arguments an event noun (or the noun phrase it heads) takes from the verb it
        depends on: a controller ("promised mass mobilization"), a light verb ("held
        talks") or, for "in a phone conversation with X", the clause's subject."""
        head = noun.head
        light = _lemma(head) in lexicon.LIGHT_VERBS
        controller = _lemma(head) in lexicon.NOUN_CONTROLLERS
        if noun.dep_ == "obj" and controller and not event.actors and head.i != noun.i:
            self._controller_actors(event, head)
        if noun.dep_ in ("obj", "nsubj:pass") and light and head.i != noun.i:
            self._light_verb_arguments(event, head)
        elif noun.dep_ == "nsubj" and _lemma(head) == "come" and not event.actors:
            for child in head.children:  # "requests have come from X and from Y"
                if child.dep_ in _OBLIQUE_DEPS and _case(child) == "from":
                    event.actors += self.args.participants(child)
        elif noun.dep_ == "obl" and _case(noun) in _CLAUSE_CASES and not event.actors:
            # "Herzog, in a phone conversation with Putin, voiced ...": the clause's subject.
            active, _ = _subjects(head)
            for subj in active:
                event.actors += self.args.participants(subj)
            event.inherited = bool(active)

    def _controller_actors(self, event: EventMention, head: Token) -> None:
        """ "Castro promised mass mobilization", "Clinton ordered the strikes": who
        promises or orders the act is its actor."""
        active, _ = _subjects(head)
        for subj in active or _controller(head):
            event.actors += self.args.participants(subj)
        event.inherited = True

    def _light_verb_arguments(self, event: EventMention, head: Token) -> None:
        """ "Putin held talks with Bennett in Moscow": the light verb's arguments."""
        if not event.actors:
            active, _ = _subjects(head)
            if not active:
                active = _agents(head)  # "the attacks were plotted by X"
            if not active:
                active = _controller(head)
            if not active and head.dep_ == "acl" and head.head.dep_ == "ROOT":
                active = [head.head]  # "Greek unions | staged a strike", mis-rooted
            for subj in active:
                event.actors += self.args.participants(subj)
            event.inherited = True
        for child in head.children:
            self._place_or_target(event, child, _case(child), at_is_target=False)


class _Attribution:
    """Who reports a sentence or an event, and who its "he", "I" and "we" are."""

    def __init__(self, doc: Doc, page: _PageMentions, args: _Arguments) -> None:
        self.doc = doc
        self.page = page
        self.args = args

    def according_to(self, sent: Any) -> Participant | None:
        """ "According to X, ...": X reports the sentence and is no participant of it."""
        doc = self.doc
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                j = tok.i + 2
                while j < sent.end and doc[j].text not in (",", ";", ":"):
                    found = self.page.by_token.get(j)
                    if found is not None:
                        self._exclude_source(tok.i, j, found, sent.end)
                        return found
                    j += 1
        return None

    def _exclude_source(self, start: int, j: int, found: Participant, end: int) -> None:
        """Keep the "according to X" tokens, X's whole name included, out of arguments."""
        self.args.excluded.update(range(start, j + 1))
        k = j + 1
        while k < end and self.page.by_token.get(k) is found:
            self.args.excluded.add(k)
            k += 1

    def reporter(self, trigger: Token) -> Participant | None:
        """The subject of the speech verb whose clause holds the trigger ("X said that ...").
        "According to X" is found per sentence (:meth:`according_to`)."""
        tok = trigger
        for _ in range(_MAX_REPORT_CLIMB):
            head = tok.head
            if head.i == tok.i:
                return None
            accusation = _reports_accusation(tok)
            if accusation or (
                _lemma(head) in lexicon.SPEECH_VERBS and tok.dep_ in ("ccomp", "parataxis")
            ):
                active, _ = _subjects(head)
                if not active and head.dep_ == "acl" and head.head.dep_ == "ROOT":
                    active = [head.head]  # "Moscow | blamed Kyiv for ...", parsed as a modifier
                for subj in active:
                    found = self.args.participants(subj)
                    if found:
                        return found[0]
                return None
            tok = head
        return None

    def speaker(self, sent: Any) -> Participant | None:
        """Who speaks a quote in the sentence: the named subject of its speech verb."""
        if not any(t.text in _QUOTES for t in sent):
            return None
        for tok in sent:
            if tok.pos_ == "VERB" and _lemma(tok) in lexicon.SPEECH_VERBS:
                for subj in _subjects(tok)[0]:
                    if subj.lower_ in _FIRST_PERSON:
                        continue
                    found = self.args.participants(subj)
                    if found:
                        return found[0]
        return None

    def person_subject(self, sent: Any) -> Participant | None:
        """The person named as subject of the sentence's main clause, if any."""
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.dep_ == "ROOT":
                found = self.page.by_token.get(tok.i)
                if found is None:
                    named = [self.page.by_token[c.i] for c in tok.children
                             if c.dep_ == "appos" and c.i in self.page.by_token]  # fmt: skip
                    found = named[0] if named else None
                if found is not None and found.label == "PERSON":
                    return found
        return None


def _set_modality(event: EventMention) -> None:
    """Negated, hypothetical and pledged, from the trigger and the heads whose modality
    reaches it ("did not attack", "may visit", "pledged to arm", "a possible strike")."""
    for tok in _chain(event.trigger):
        if _has_child(tok, {"advmod", "neg", "det", "advmod:neg"}, lexicon.NEGATIONS):
            event.negated = True
        if _has_child(tok, {"aux", "aux:pass"}, lexicon.MODALS):
            event.hypothetical = True
        if _has_child(tok, {"mark"}, frozenset({"if", "unless", "whether"})):
            event.hypothetical = True
        if tok is not event.trigger:
            lemma = _lemma(tok)
            if lemma in lexicon.PLEDGE_VERBS or lemma in lexicon.PLEDGE_NOUNS:
                event.pledged = True
            elif lemma in lexicon.NEGATING_VERBS:
                event.negated = True
            elif lemma in lexicon.INTENT_VERBS:
                event.hypothetical = True
    trigger = event.trigger
    if trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound") and c.lower_ in lexicon.HYPOTHETICAL_MODIFIERS
        for c in trigger.children
    ):
        event.hypothetical = True


class EventExtractor:
    """Event mentions of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Row],
        timexes: Sequence[Row],
        sources: frozenset[str] = DEFAULT_SOURCES,
    ) -> None:
        doc = ud_view(doc)  # an OntoNotes-style parse, read as UD (same tokens)
        self.doc = doc
        self.sources = sources
        self.page = _PageMentions(doc, mentions)
        self.args = _Arguments(self.page)
        self.dater = Dater(doc, [TimexSpan.from_row(t) for t in timexes])
        self.triggers = _TriggerRules(doc, self.page, self.args, sources)
        self.arguments = _ArgumentFinder(doc, self.page, self.args)
        self.attribution = _Attribution(doc, self.page, self.args)

    def trigger_type(self, tok: Token) -> str | None:
        """The event type of a trigger word, or None (see :meth:`classify`)."""
        return self.classify(tok)[0]

    def classify(self, tok: Token) -> tuple[str | None, str | None]:
        """(event type, CAMEO code) of a word (see :meth:`_TriggerRules.classify`)."""
        return self.triggers.classify(tok)

    def mentions(self) -> list[EventMention]:
        """Every event mention of the page, coordinated triggers merged."""
        out: list[EventMention] = []
        subject_sentence = -10
        for sentence_index, sent in enumerate(self.doc.sents):
            source = self._enter_sentence(sent, sentence_index - subject_sentence > 2)
            for tok in sent:
                event = self._event_at(tok, sentence_index, source)
                if event is not None:
                    out.append(event)
            subject = self.attribution.person_subject(sent)
            if subject is not None:
                self.args.recent_subject, subject_sentence = subject, sentence_index
        return _merge_coordinated(out)

    def _enter_sentence(self, sent: Any, subject_stale: bool) -> Participant | None:
        """Scope the arguments to the sentence (they never cross it, even where the parse
        does) and find who reports it; returns its "according to" source."""
        self.args.bounds = (sent.start, sent.end)
        self.args.excluded = set()
        if subject_stale:
            self.args.recent_subject = None
        source = self.attribution.according_to(sent)
        self.args.speaker = self.attribution.speaker(sent)
        return source

    def _event_at(
        self, tok: Token, sentence_index: int, source: Participant | None
    ) -> EventMention | None:
        """The event a word triggers, with its arguments, date and flags; None if the
        word is no trigger or names no participant."""
        event_type, cameo_code = self.classify(tok)
        if event_type is None:
            return None
        event = EventMention(tok, event_type, sentence_index, cameo_code)
        if tok.pos_ == "VERB":
            self.arguments.of_verb(event)
        else:
            self.arguments.of_noun(event)
        _tidy_participants(event)
        if (not event.actors and not event.targets) or _going_home(event):
            return None
        found = self.dater.dated(tok)
        if found is not None:
            event.timex, event.date_basis = found
        _set_modality(event)
        event.reported_by = self.attribution.reporter(tok) or source
        if event.reported_by in event.actors and len(event.actors) > 1:
            event.actors.remove(event.reported_by)
        return event


def _going_home(event: EventMention) -> bool:
    """ "Freeh flew to Washington": travel within the traveller's own state is no visit."""
    if _lemma(event.trigger) not in lexicon.MOTION_VERBS:
        return False
    home = {p.state for p in event.actors}
    away = {p.state for p in event.targets}
    return bool(home and away) and None not in home | away and away <= home


def _tidy_participants(event: EventMention) -> None:
    """Each participant once, an actor never also a target, the place never a target."""
    event.actors = _unique(event.actors)
    event.targets = _unique([p for p in event.targets if p not in event.actors])
    if event.location in event.targets:
        event.targets.remove(event.location)


_MAX_REPORT_CLIMB = 8


def _merge_coordinated(events: list[EventMention]) -> list[EventMention]:
    """ "provide weapons and training to the PA": coordinated triggers of one type are one
    event with the participants, place and date of both."""
    by_trigger = {e.trigger.i: e for e in events}
    dropped: set[int] = set()
    for event in events:
        tok = event.trigger
        if tok.dep_ != "conj":
            continue
        first = by_trigger.get(tok.head.i)
        while first is not None and first.trigger.i in dropped:
            first = by_trigger.get(first.trigger.head.i)
        if first is None or first.event_type != event.event_type:
            continue
        if _distinct_acts(first.trigger, tok):
            continue
        first.actors = _unique(first.actors + event.actors)
        first.targets = _unique(first.targets + [t for t in event.targets if t not in first.actors])
        first.location = first.location or event.location
        if first.timex is None:
            # The time and how it was found travel together: a date without its basis
            # fails the events contract (date_complete) and would stop the whole run.
            first.timex, first.date_basis = event.timex, event.date_basis
        dropped.add(tok.i)
    return [e for e in events if e.trigger.i not in dropped]


def _distinct_acts(first: Token, second: Token) -> bool:
    """ "expelled the ambassador and seized two ships": two verbs, each with an object
    of its own, are two acts (one event per act, docs/events-dev-set.md)."""
    return (
        first.pos_ == "VERB"
        and second.pos_ == "VERB"
        and _lemma(first) != _lemma(second)
        and any(c.dep_ in _OBJECT_DEPS for c in second.children)
    )


def _unique(items: list[Participant]) -> list[Participant]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out


def _confidence(event: EventMention) -> float:
    """A heuristic score: more named participants, a date and a verb make it surer."""
    score = 0.45
    score += 0.2 if event.actors else 0.0
    score += 0.15 if event.targets else 0.0
    score += 0.1 if event.timex is not None and event.timex.date_start is not None else 0.0
    score -= 0.1 if event.trigger.pos_ != "VERB" else 0.0
    score -= 0.1 if event.inherited else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.event_type != b.event_type or (a.negated, a.hypothetical) != (b.negated, b.hypothetical):
        return False
    if not a.participant_keys or a.participant_keys != b.participant_keys:
        return False
    return a.timex is None or b.timex is None or a.timex.value == b.timex.value


def events_from_doc(
    doc: Doc, doc_id: str, mentions: Sequence[Row], timexes: Sequence[Row]
) -> list[Row]:
    """``events`` rows of one parsed document (entity ids still page-level, see cluster)."""
    extractor = EventExtractor(doc, mentions, timexes)
    sentences = [_trimmed(s) for s in extractor.doc.sents]
    return [_event_row(doc_id, group, sentences) for group in _same_events(extractor.mentions())]


def _same_events(found: list[EventMention]) -> list[list[EventMention]]:
    """Mentions grouped by the event they repeat (see :func:`_compatible`), in page order."""
    groups: list[list[EventMention]] = []
    for event in found:
        for group in groups:
            if _compatible(group[0], event):
                group.append(event)
                break
        else:
            groups.append([event])
    return groups


#: date_value, date_start, date_end, date_precision, date_basis of an event row
_EventDate = tuple[str | None, Any, Any, str | None, str | None]


def _event_date(
    primary: EventMention, actor_states: list[str], target_states: list[str]
) -> _EventDate:
    """An event's date: its timex to the day (a clock time stays on the timexes row), or
    the landmark day an undated expression names for this kind of event."""
    timex = primary.timex
    dated = (
        timex is not None
        and timex.date_start is not None
        and timex.date_end is not None
        and precision_of(timex.value) is not None
    )
    if dated and timex is not None:
        return (
            timex.value.split("T", 1)[0],
            timex.date_start,
            timex.date_end,
            precision_of(timex.value),
            primary.date_basis,
        )
    if timex is not None:
        day = landmark_date(timex.value, primary.event_type, actor_states, target_states)
        if day is not None:
            return day.isoformat(), day, day, "day", "landmark"
    return None, None, None, None, None


def _evidence_spans(group: list[EventMention], sentences: list[tuple[int, int]]) -> list[str]:
    """ "start:end" of each sentence that mentions the event, once each."""
    spans: list[str] = []
    for e in group:
        start, end = sentences[e.sentence_index]
        span = f"{start}:{end}"
        if span not in spans:
            spans.append(span)
    return spans


def _event_row(doc_id: str, group: list[EventMention], sentences: list[tuple[int, int]]) -> Row:
    """The ``events`` row of one event: its primary mention (dated by an expression
    if any, else dated at all, else the first) speaks for the group."""
    primary = next(
        (e for e in group if e.date_basis == "expression"),
        next((e for e in group if e.timex is not None), group[0]),
    )
    sent_start, sent_end = sentences[primary.sentence_index]
    timex = primary.timex
    actor_states, target_states = _states(primary.actors), _states(primary.targets)
    date_value, date_start, date_end, precision, basis = _event_date(
        primary, actor_states, target_states
    )
    trigger_start = primary.trigger.idx
    return {
        "event_id": event_id_for(doc_id, trigger_start),
        "doc_id": doc_id,
        "start": sent_start,
        "end": sent_end,
        "sentence_index": primary.sentence_index,
        "trigger": primary.trigger.text,
        "trigger_start": trigger_start,
        "event_type": primary.event_type,
        "cameo_code": primary.cameo_code,
        "actor_ids": [p.entity_id for p in primary.actors],
        "actor_states": actor_states,
        "actor_countries": alpha3(actor_states),
        "actor_sectors": _sectors(primary.actors),
        "target_ids": [p.entity_id for p in primary.targets],
        "target_states": target_states,
        "target_countries": alpha3(target_states),
        "target_sectors": _sectors(primary.targets),
        "location_id": primary.location.entity_id if primary.location else None,
        "timex_start": timex.start if timex is not None else None,
        "date_value": date_value,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": precision,
        "date_basis": basis,
        "negated": primary.negated,
        "hypothetical": primary.hypothetical,
        "pledged": primary.pledged,
        "reported_by": primary.reported_by.entity_id if primary.reported_by else None,
        "confidence": _confidence(primary),
        "mention_count": len(group),
        "evidence_spans": _evidence_spans(group, sentences),
        "event_cluster_id": event_id_for(doc_id, trigger_start),
    }


def _trimmed(sent: Any) -> tuple[int, int]:
    """Character offsets of a sentence without the blank lines a parser may attach."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, max(start + 1, sent.start_char + len(text.rstrip()))


def _sectors(participants: list[Participant]) -> list[str]:
    return list(dict.fromkeys(code for p in participants for code in p.sectors))


def _states(participants: list[Participant]) -> list[str]:
    out: list[str] = []
    for p in participants:
        if p.state and p.state not in out:
            out.append(p.state)
    return out
