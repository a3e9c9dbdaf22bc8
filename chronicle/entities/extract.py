"""Document-level entity mentions: repair the NER spans, add what it missed, resolve in-page.

For each document body this returns one ``mentions`` row per named-entity mention with a
``doc_entity_key``, the key of the canonical entity *within the page* ("PERSON|vladimir
putin", "GPE|RU", "ORG|palestinian authority"). Rules, in order:

1. NER spans are trimmed: a leading "the", titles and honorifics (kept as the role of a
   person; "Russian" in "Russian President Vladimir Putin" becomes its own NORP), a
   trailing possessive ("Putin's") and punctuation.
2. Acronym definitions "Palestinian Authority (PA)" add the long form and the acronym.
3. A title or honorific followed by capitalised words ("President Vladimir Putin",
   "Mr Putin", "Sheikh Ahmed Yassin", "spokeswoman, Maria Zakharova") is a person,
   replacing what the NER put there (a city tagged in "Vladimir").
   A given name the gazetteer lists as a city ("Vladimir") before a surname is a person;
   so are two or three proper nouns the NER left unlabelled when a verb of saying, a
   possessive or a comma follows, or their last word recurs in the page.
4. Names known in the page (people's full names and surnames, organisations, acronyms,
   places) and institutional metonyms ("the Kremlin") are added where the NER missed them,
   including inside hyphenated compounds ("Moscow-based", "Bennett-Lapid") and
   possessives ("Abbas’").
5. One label per name in a page (the majority). Obvious false positives are dropped:
   spans without capitals, single-word spans at a sentence start that look like ordinary
   words, share-button chrome.
6. Keys: a person's surname or partial name maps to the full name in the page that ends
   with it (the nearest one before it when two do); places and nationality words map to
   ISO 3166 codes; acronyms and gazetteer aliases map to the organisation's full name.

Corpus-level linking (surname-only keys across pages) happens in
:func:`chronicle.entities.resolve.build_entities`.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token

from chronicle.entities import names
from schemas.entity_labels import ENTITY_LABELS

Row = dict[str, Any]

#: Tie-break order when one name got different labels in a page.
_LABEL_RANK = {label: i for i, label in enumerate(ENTITY_LABELS)}
#: OntoNotes name types of other spaCy pipelines (``CHRONICLE_SPACY_MODEL``) folded into
#: the scheme as ``schemas/entity_labels.py`` describes; dates and numbers are not entities.
_FOLDED_LABELS = {
    "FAC": "LOC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
#: Tokens that end a name span without being part of it.
_POSSESSIVE = {"'s", "’s", "'", "’", "s"}
_LEADING_DETERMINERS = {"the", "a", "an"}
#: Share buttons and site chrome that a tagger may read as names.
CHROME_WORDS: frozenset[str] = frozenset(
    {
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "telegram",
        "instagram",
        "youtube",
        "email",
        "e-mail",
        "print",
        "rss",
        "share",
        "tweet",
        "google",
        "flipboard",
        "messenger",
        "tumblr",
        "vk",
        "comment",
        "comments",
        "subscribe",
        "login",
    }
)
#: Lines this short that hold chrome words are navigation/share bars, not article text.
_CHROME_LINE_TOKENS = 6
_MAX_NAME_TOKENS = 4
_MAX_SPAN_TOKENS = 10


def entity_id_for(key: str) -> str:
    """Entity id: the first 16 hex digits of the SHA-256 of a canonical key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(eq=False)  # spans are compared by identity
class _Span:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    source: str
    role: str | None = None
    country: str | None = None
    key: str | None = None
    words: list[str] = field(default_factory=list)


def _is_cap(tok: Token) -> bool:
    return _is_cap_word(tok.text)


def _is_cap_word(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


#: ``names.title_kind`` of a word, remembered: it is asked of every token of a page.
_title_kind = lru_cache(maxsize=1 << 16)(names.title_kind)


def _clean_title_word(tok: Token) -> str:
    return tok.text.rstrip(".")


class _Page:
    """Mutable state while one document's mentions are worked out.

    The token attributes the rules scan every token for are read once into lists:
    spaCy builds a new ``Token`` object on every ``doc[i]``.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.owner: list[_Span | None] = [None] * len(doc)
        self.spans: list[_Span] = []
        strings = doc.vocab.strings
        orth, lower, space, idx = doc.to_array([ORTH, LOWER, SPACY, IDX]).T.tolist()
        self.words: list[str] = [strings[h] for h in orth]
        self.lowers: list[str] = [strings[h] for h in lower]
        self.spaces: list[str] = [" " if flag else "" for flag in space]
        self.offsets: list[int] = idx
        caps = {word: _is_cap_word(word) for word in set(self.words)}
        self.caps: list[bool] = [caps[word] for word in self.words]
        # What Doc.text is, without the Token object per token it builds on every access.
        self.doc_text = "".join([w + sp for w, sp in zip(self.words, self.spaces, strict=True)])

    # ---------------------------------------------------------------- span bookkeeping
    def overlapping(self, start: int, end: int) -> list[_Span]:
        seen: dict[int, _Span] = {}
        for i in range(start, end):
            s = self.owner[i]
            if s is not None:
                seen[id(s)] = s
        return list(seen.values())

    def remove(self, span: _Span) -> None:
        self.spans.remove(span)
        for i in range(span.start, span.end):
            if self.owner[i] is span:
                self.owner[i] = None

    def add(self, span: _Span, *, replace: bool) -> bool:
        """Add a span; with ``replace`` overlapping spans are dropped, else it is skipped."""
        clash = self.overlapping(span.start, span.end)
        if clash and not replace:
            return False
        for other in clash:
            self.remove(other)
        self.spans.append(span)
        for i in range(span.start, span.end):
            self.owner[i] = span
        return True

    def text(self, span: _Span) -> str:
        """The span's text (as ``doc[start:end].text``), cut from the page's text."""
        last = span.end - 1
        return self.doc_text[self.offsets[span.start] : self.offsets[last] + len(self.words[last])]


# -------------------------------------------------------------------- 1. trimming


#: Functions written in lower case in roles ("spokeswoman"); other role words are titles
#: and capitalised ("president" -> "President"), so one role is spelt one way.
_LOWER_ROLES = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "cleric",
        "officer",
        "agent",
        "detective",
        "coach",
        "envoy",
        "analyst",
    }
)


def _role_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """Role words just before token ``start`` and the index where they begin.

    Walks back over title heads, modifiers, "of" inside a role ("Secretary of State") and
    qualifiers ("former", dropped from the role). Honorifics are skipped without a role.
    """
    words: list[str] = []
    i = start - 1
    if i >= 0 and doc[i].text == "," and i - 1 >= 0 and names.title_kind(doc[i - 1].text):
        i -= 1  # "spokeswoman, Maria Zakharova"
    begin = start
    while i >= 0:
        tok = doc[i]
        kind = names.title_kind(tok.text)
        if kind in ("head", "modifier"):
            words.append(_clean_title_word(tok))
        elif kind == "honorific" or kind == "qualifier":
            pass
        elif (
            tok.lower_ == "of"
            and words
            and words[-1].lower() in names.ROLE_OF_WORDS
            and i - 1 >= 0
            and names.title_kind(doc[i - 1].text) == "head"
        ):
            words.append("of")
        elif tok.text == "-" and not tok.whitespace_ and words:
            words[-1] = "-" + words[-1]  # "Secretary-General" split by the tokenizer
        else:
            break
        begin = i
        i -= 1
    words.reverse()
    words = [w if w == "of" or w.lower() in _LOWER_ROLES else w[:1].upper() + w[1:] for w in words]
    role = " ".join(words).replace(" -", "-") if words else None
    heads = [w for w in (role or "").replace("-", " ").split() if names.title_kind(w) == "head"]
    if not heads:
        role = None  # modifiers alone ("Foreign") are no role
    return role, begin


def _name_start(doc: Doc, start: int, end: int) -> int:
    """Where the name begins in a PERSON span that includes its role.

    "Russian President Vladimir Putin" -> "Vladimir Putin": after the rightmost title word
    (among the first five tokens) that still has a name word after it, so "John Major" and
    "Martin Luther King Jr." keep their last words.
    """
    begin = start
    for p in range(start, min(end - 1, start + 5)):
        if names.title_kind(doc[p].text) and any(
            _is_cap(t) and t.is_alpha and t.lower_ not in names.NAME_SUFFIXES
            for t in doc[p + 1 : end]
        ):
            begin = p + 1
    return begin


def _trim(page: _Page, span: _Span) -> tuple[_Span | None, list[_Span]]:
    """Strip determiners, titles (a person's role), possessives and punctuation.

    Returns the trimmed span (``None`` when nothing is left) and, for a person span that
    carried "Russian President", a NORP/GPE span for the nationality or country word.
    """
    doc = page.doc
    start, end = span.start, span.end
    extra: list[_Span] = []
    if span.label == "PERSON":
        begin = _name_start(doc, start, end)
        for k in range(start, begin):
            word = doc[k].text
            if _is_cap(doc[k]) and names.demonym_country(word):
                extra.append(_Span(k, k + 1, "NORP", "ner"))
            elif _is_cap(doc[k]) and names.country_code(word):
                extra.append(_Span(k, k + 1, "GPE", "ner"))
        start = begin
    while start < end:
        tok = doc[start]
        if tok.lower_ in _LEADING_DETERMINERS or tok.is_punct or tok.is_space:
            start += 1
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if tok.text in _POSSESSIVE or tok.lower_ in _POSSESSIVE or tok.is_punct or tok.is_space:
            end -= 1
        else:
            break
    if end <= start or end - start > _MAX_SPAN_TOKENS:
        return None, extra
    span.start, span.end = start, end
    return span, extra


# -------------------------------------------------------------------- 2. acronyms


def _acronym_letters(text: str) -> str | None:
    bare = text.replace(".", "")
    if (
        2 <= len(bare) <= 8
        and bare.isalpha()
        and bare[0].isupper()
        and sum(c.isupper() for c in bare) >= 2
    ):
        return "".join(c for c in bare if c.isupper())
    return None


_CONNECTORS = {"of", "for", "and", "the", "de", "on", "&", "in", "du", "des", "la", "to"}


def _acronyms(page: _Page) -> dict[str, _Span]:
    """``LONG FORM (ACR)`` definitions: add both, return acronym text -> long-form span."""
    doc = page.doc
    words = page.words
    found: dict[str, _Span] = {}
    for i in range(1, len(doc) - 2):
        if words[i] != "(" or words[i + 2] != ")":
            continue
        acr = doc[i + 1].text
        letters = _acronym_letters(acr)
        if not letters:
            continue
        # Walk back over capitalised words (and connectors) until the initials match.
        caps: list[int] = []
        j = i - 1
        while j >= 0 and len(caps) < len(letters):
            tok = doc[j]
            if _is_cap(tok) and tok.is_alpha:
                caps.append(j)
            elif tok.lower_ not in _CONNECTORS or not caps:
                break
            j -= 1
        if len(caps) != len(letters):
            continue
        first = caps[-1]
        initials = "".join(doc[k].text[0].upper() for k in reversed(caps))
        if initials != letters:
            continue
        inner = page.overlapping(first, i)
        label = "ORG"
        for s in inner:
            if (
                s.start == first
                and s.end == i
                and s.label in ("ORG", "GPE", "LOC", "EVENT", "MISC")
            ):
                label = s.label
        long_span = _Span(first, i, label, "acronym")
        page.add(long_span, replace=True)
        page.add(_Span(i + 1, i + 2, label, "acronym"), replace=True)
        found[acr] = long_span
    return found


# -------------------------------------------------------------------- 3. titled persons


def _name_tokens(doc: Doc, j: int) -> int:
    """End (exclusive) of a person name starting at token ``j``; ``j`` when none."""
    end = j
    n = 0
    while end < len(doc) and n < _MAX_NAME_TOKENS:
        tok = doc[end]
        low = tok.lower_
        if _is_cap(tok) and (tok.is_alpha or "'" in tok.text or "’" in tok.text):
            if (
                names.title_kind(tok.text)
                or low in names.NOT_NAME_WORDS
                or low in names.NON_PERSON_WORDS
            ):
                break
            if (
                tok.text not in names.GIVEN_NAME_PLACES
                and tok.text not in names.GIVEN_NAME_COUNTRIES
                and n == 0
                and end + 1 < len(doc)
                and not _is_cap(doc[end + 1])
                and names.is_gazetteer_name(tok.text)
            ):
                break  # "President Russia ..." is no name
            end += 1
            n += 1
        elif (
            low in names.NAME_PARTICLES
            and end + 1 < len(doc)
            and n > 0
            and (
                _is_cap(doc[end + 1])
                or (doc[end + 1].text == "-" and end + 2 < len(doc) and _is_cap(doc[end + 2]))
            )
        ):
            end += 1
        elif (
            tok.is_space
            and "\n" not in tok.text
            and n > 0
            and end + 1 < len(doc)
            and _is_cap(doc[end + 1])
        ):
            end += 1  # a no-break space between given name and surname
        elif (
            tok.text == "-"
            and not doc[end - 1].whitespace_
            and end > j
            and (doc[end - 1].lower_ in names.NAME_PARTICLES)
            and end + 1 < len(doc)
            and _is_cap(doc[end + 1])
        ):
            end += 1  # "al-Assad"
        else:
            break
    # A name ends on a capitalised word, never on a particle or hyphen.
    while end > j and not _is_cap(doc[end - 1]):
        end -= 1
    return end


def _titled_persons(page: _Page) -> None:
    doc = page.doc
    words, lowers = page.words, page.lowers
    i = 0
    while i < len(doc):
        kind = _title_kind(words[i])
        trigger = kind in ("head", "honorific") or (
            lowers[i] in names.ROLE_OF_WORDS
            and i >= 2
            and lowers[i - 1] == "of"
            and _title_kind(words[i - 2]) == "head"
        )
        if not trigger or (kind == "honorific" and not page.caps[i]):
            i += 1
            continue
        tok = doc[i]
        holder = page.owner[i]
        if holder is not None and holder.label != "PERSON":
            i += 1  # "UN General Assembly": the title word is inside another name
            continue
        j = i + 1
        if j < len(doc) and doc[j].text == "." and kind == "honorific":
            j += 1
        if j < len(doc) and doc[j].text == "," and tok.is_lower:
            j += 1
        end = _name_tokens(doc, j)
        if end == j:
            i += 1
            continue
        phrase = doc[i:end].text
        if (
            names.norm_name(phrase) in names.org_canonical()
            or names.norm_name(doc[j:end].text) in names.org_canonical()
        ):
            i = end
            continue
        clash = page.overlapping(j, end)
        keep = [s for s in clash if s.label == "PERSON" and s.start <= j and s.end >= end]
        # A whole place name after a title word ("general Tel Aviv") stays a place.
        same = [s for s in clash if s.start == j and s.end == end and s.label != "PERSON"]
        if not keep and not same:
            page.add(_Span(j, end, "PERSON", "title"), replace=True)
        i = end


def _given_name_persons(page: _Page) -> None:
    """A given name the gazetteer lists as a place, before a surname, is a person.

    "Vladimir" (a city the ruler already leaves out) before capitalised words; "Chad",
    "Israel" and the like (see :data:`names.GIVEN_NAME_COUNTRIES`) only before exactly one
    surname that ends the name, and not inside a compound or a longer name ("Russia-Israel
    Partnership", "United Israel Appeal", "Israel Aerospace Industries").
    """
    doc = page.doc
    for span in list(page.spans):
        if span.label == "PERSON" or span.end - span.start != 1:
            continue
        word = doc[span.start].text
        if word not in names.GIVEN_NAME_PLACES and word not in names.GIVEN_NAME_COUNTRIES:
            continue
        end = _name_tokens(doc, span.start)
        if end <= span.end or page.overlapping(span.end, end):
            continue
        if word in names.GIVEN_NAME_COUNTRIES:
            prev = doc[span.start - 1] if span.start > 0 else None
            inside = prev is not None and (
                (prev.text in ("-", "–") and not prev.whitespace_)
                or (
                    _is_cap(prev)
                    and not names.title_kind(prev.text)
                    and not _sentence_initial(doc, span.start - 1)
                )
            )
            nxt = doc[end] if end < len(doc) else None
            if end - span.end != 1 or inside or (nxt is not None and _is_cap(nxt)):
                continue
        page.remove(span)
        page.add(_Span(span.start, end, "PERSON", "given_name"), replace=True)


_SAID_WORDS = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "added",
        "wrote",
        "writes",
        "explained",
        "stated",
        "argued",
        "noted",
        "warned",
        "claimed",
        "insisted",
        "declared",
        "announced",
        "asked",
    }
)


def _may_be_name_like(text: str) -> bool:
    """False for words ``_name_like`` rejects by their spelling alone (most words)."""
    return len(text) > 1 and text[0].isupper() and not text.isupper()


def _name_like(tok: Token) -> bool:
    text = tok.text
    return (
        tok.is_alpha
        and len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and tok.tag_ in ("NNP", "NNPS")
        and not tok.is_stop
        and tok.lower_ not in names.NOT_NAME_WORDS
        and tok.lower_ not in names.NON_PERSON_WORDS
        and names.title_kind(text) is None
        and not names.is_gazetteer_name(text)
    )


def _untitled_persons(page: _Page) -> None:
    """Two or three proper nouns the NER left unlabelled, in a person's context.

    A fallback for names without a title: the run must not follow a determiner or "of"
    (organisations and places do), and must be followed by a verb of saying, a
    possessive or an appositive comma, or its last word must recur alone in the page.
    """
    doc = page.doc
    words = Counter(page.words)
    i = 0
    while i < len(doc):
        if page.owner[i] is not None or not _may_be_name_like(page.words[i]):
            i += 1
            continue
        if not _name_like(doc[i]):
            i += 1
            continue
        end = i
        while (
            end < len(doc)
            and end - i < 3
            and page.owner[end] is None
            and _name_like(doc[end])
            and (end == i or doc[end - 1].whitespace_ == " ")
        ):
            end += 1
        n = end - i
        nxt = doc[end] if end < len(doc) else None
        prev = doc[i - 1] if i > 0 else None
        if n < 2 or (nxt is not None and _is_cap(nxt) and nxt.text not in ("'s", "’s")):
            i = max(end, i + 1)
            continue
        # Organisations and places follow articles and "of"; a run right after another
        # name ("American Music Awards") is part of a longer name.
        after_article = prev is not None and (
            prev.lower_ in ("the", "of", "a", "an", "in") or page.owner[i - 1] is not None
        )
        context = nxt is not None and (
            nxt.text in ("'s", "’s", "’", ",")
            or nxt.lower_ in _SAID_WORDS
            or (end + 1 < len(doc) and doc[end + 1].lower_ in _SAID_WORDS)
        )
        recurs = words[doc[end - 1].text] > 1
        if not after_article and (context or recurs):
            page.add(_Span(i, end, "PERSON", "untitled"), replace=False)
        i = end


# -------------------------------------------------------------------- 4. known names


def _known_names(page: _Page, acronyms: dict[str, _Span]) -> dict[tuple[str, ...], str]:
    """Token-text sequences of names the page already has -> label."""
    doc = page.doc
    known: dict[tuple[str, ...], str] = {}
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for span in page.spans:
        toks = tuple(t.text for t in doc[span.start : span.end])
        votes[toks][span.label] += 1
        if span.label == "PERSON" and len(toks) >= 2 and _is_cap(doc[span.end - 1]):
            votes[(toks[-1],)]["PERSON"] += 1
            # "Bashar al-Assad" -> "al-Assad"
            for k in range(1, len(toks) - 1):
                if toks[k].lower() in names.NAME_PARTICLES:
                    votes[toks[k:]]["PERSON"] += 1
                    break
    for toks, counter in votes.items():
        known[toks] = min(counter, key=lambda lab: (-counter[lab], _LABEL_RANK[lab]))
    for acr, long_span in acronyms.items():
        known[(acr,)] = long_span.label
    for name, (label, _country) in names.METONYMS.items():
        known.setdefault(tuple(name.split()), label)
    return known


def _propagate(page: _Page, known: dict[tuple[str, ...], str]) -> None:
    """Add mentions of known names wherever the NER left the tokens unlabelled."""
    doc = page.doc
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for toks in known:
        by_first[toks[0]].append(toks)
    for seqs in by_first.values():
        seqs.sort(key=len, reverse=True)
    words = page.words
    i = 0
    while i < len(doc):
        seqs = by_first.get(words[i])
        matched = 0
        if seqs:
            for toks in seqs:
                n = len(toks)
                if i + n > len(doc) or tuple(words[i : i + n]) != toks:
                    continue
                label = known[toks]
                # Not the start of a longer capitalised name ("Moscow Metro"); people are
                # exempt, as headlines capitalise the word after a name ("Putin Aims").
                longer = i + n < len(doc) and page.caps[i + n] and page.spaces[i + n - 1]
                if longer and label != "PERSON":
                    continue
                clash = page.overlapping(i, i + n)
                if not clash:
                    page.add(_Span(i, i + n, label, "known"), replace=False)
                    matched = n
                elif (
                    len(clash) == 1
                    and clash[0].start == i
                    and clash[0].end == i + n
                    and clash[0].label != label
                    and label == "PERSON"
                    and not names.is_gazetteer_name(doc[i : i + n].text)
                ):
                    clash[0].label = "PERSON"  # a surname the NER read as a place
                    matched = n
                break
        i += matched or 1


# -------------------------------------------------------------------- 5. filtering


def _line_token_count(doc: Doc, i: int) -> int:
    """Number of non-space tokens on the line holding token ``i``."""
    n = 0
    j = i
    while j >= 0 and "\n" not in doc[j].text and (j == i or "\n" not in doc[j].whitespace_):
        j -= 1
    k = j + 1
    while k < len(doc) and "\n" not in doc[k].text:
        n += 1
        if "\n" in doc[k].whitespace_:
            break
        k += 1
    return n


def _sentence_initial(doc: Doc, i: int) -> bool:
    """True when token ``i`` starts a line or sentence (after an opening quote too), where
    capitals say nothing about names."""
    if i == 0:
        return True
    prev = doc[i - 1]
    if prev.is_space or "\n" in prev.whitespace_:
        return True
    if prev.is_quote or prev.text in ("(", "[", "-", "—", "–"):
        return i - 1 == 0 or doc[i - 2].text in (".", "!", "?", ":") or doc[i - 1].is_sent_start
    return bool(doc[i].is_sent_start)


def _keep(page: _Page, span: _Span, capitalised_elsewhere: set[str]) -> bool:
    """False for obvious false positives (see rule 5 in the module docstring)."""
    doc = page.doc
    text = page.text(span)
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return False
    low = text.lower()
    if low in CHROME_WORDS and _line_token_count(doc, span.start) <= _CHROME_LINE_TOKENS:
        return False
    if span.end - span.start == 1 and _sentence_initial(doc, span.start):
        tok = doc[span.start]
        ordinary = tok.is_stop or (tok.tag_ not in ("NNP", "NNPS") and tok.pos_ != "PROPN")
        if ordinary and not names.is_gazetteer_name(text) and text not in capitalised_elsewhere:
            return False
    return True


# -------------------------------------------------------------------- 6. keys


def _person_words(page: _Page, span: _Span) -> list[str]:
    return names.norm_name(page.text(span)).split()


def _join_words(words: list[str]) -> str:
    return " ".join(words)


def _assign_person_keys(page: _Page, persons: list[_Span]) -> None:
    """Full names key themselves; partial names take the full name they are part of."""
    core: dict[int, list[str]] = {}
    for span in persons:
        span.words = _person_words(page, span)
        core[id(span)] = names.name_core(span.words)  # matched without "Jr."
    full = [s for s in persons if len(core[id(s)]) >= 2]
    for span in persons:
        words = core[id(span)]
        candidates: list[_Span] = []
        for other in full:
            ow = core[id(other)]
            if len(ow) <= len(words) or other is span:
                continue
            if ow[-len(words) :] == words or (
                len(words) >= 2 and words[0] == ow[0] and words[-1] == ow[-1]
            ):
                candidates.append(other)
        longest: dict[str, _Span] = {}
        for c in candidates:
            name = _join_words(c.words)
            # A candidate that is itself part of a longer candidate defers to it.
            longest[name] = c
        names_ = sorted(longest, key=len, reverse=True)
        targets = [n for n in names_ if not any(n != m and m.endswith(" " + n) for m in names_)]
        if not targets:
            span.key = "PERSON|" + _join_words(span.words)
        elif len(targets) == 1:
            span.key = "PERSON|" + targets[0]
        else:
            # Two people share the name in this page: the nearest full mention before it.
            before = [c for c in candidates if c.start < span.start] or candidates
            nearest = (
                max(before, key=lambda c: c.start)
                if before[0].start < span.start
                else min(before, key=lambda c: c.start)
            )
            span.key = "PERSON|" + _join_words(nearest.words)


def _org_initials(text: str) -> str:
    return "".join(w[0].upper() for w in text.split() if w[:1].isupper())


def _assign_keys(page: _Page, acronyms: dict[str, _Span]) -> None:
    doc = page.doc
    persons = [s for s in page.spans if s.label == "PERSON"]
    _assign_person_keys(page, persons)
    long_forms = {acr: names.norm_name(page.text(s)) for acr, s in acronyms.items()}
    org_texts = {
        names.norm_name(page.text(s)): page.text(s)
        for s in page.spans
        if s.label == "ORG" and s.end - s.start >= 2
    }
    for span in page.spans:
        text = page.text(span)
        key_text = names.norm_name(text)
        label = span.label
        if label == "PERSON":
            continue
        if label == "GPE":
            code = names.country_code(text)
            span.key = f"GPE|{code}" if code else f"GPE|{key_text}"
            span.country = code or names.place_country(text)
        elif label == "NORP":
            code = names.demonym_country(text)
            span.country = code
            # Keyed by the word, not the country: "Chechens" are not "Russians".
            span.key = "NORP|" + names.group_singulars().get(key_text, key_text)
        elif label == "ORG":
            if text in acronyms or (long_forms.get(text)):
                key_text = long_forms.get(text, key_text)
            elif key_text in names.org_canonical():
                key_text = names.norm_name(names.org_canonical()[key_text])
            elif _acronym_letters(text):
                matches = [
                    n for n, t in org_texts.items() if _org_initials(t) == _acronym_letters(text)
                ]
                if len(matches) == 1:
                    key_text = matches[0]
            span.key = f"ORG|{key_text}"
            metonym = names.METONYMS.get(text)
            if metonym:
                span.country = metonym[1]
            else:
                first = doc[span.start].text
                span.country = names.demonym_country(first) or names.country_code(first)
        else:
            if label == "LOC":
                span.country = names.place_country(text)
            span.key = f"{label}|{key_text}"


def _person_context(page: _Page, span: _Span) -> None:
    """Role from the title words before a person, affiliation from the word before that."""
    doc = page.doc
    role, begin = _role_before(doc, span.start)
    span.role = role
    j = begin - 1
    if j >= 0 and doc[j].text in ("'s", "’s") and j - 1 >= 0:
        j -= 1
    if role and j >= 0:
        other = page.owner[j]
        if other is not None and other.label in ("GPE", "NORP") and other.end == j + 1:
            text = page.text(other)
            span.country = (
                names.demonym_country(text) if other.label == "NORP" else names.country_code(text)
            )


# -------------------------------------------------------------------- driver


def _sentence_starts(doc: Doc) -> list[int]:
    if doc.has_annotation("SENT_START"):
        return [s.start_char for s in doc.sents]
    return [0]


def _ner_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """NER spans, with "X of (the) Y" pieces joined when together they name a country.

    Models often split "United States of America" into "United States" and "America".
    """
    ents = list(doc.ents)
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents) and ents[i + 1].start - ent.end in (1, 2):
            nxt = ents[i + 1]
            gap = [t.lower_ for t in doc[ent.end : nxt.start]]
            if gap in (["of"], ["of", "the"]) and names.country_code(doc[ent.start : nxt.end].text):
                spans.append((ent.start, nxt.end, "GPE"))
                i += 2
                continue
        spans.append((ent.start, ent.end, ent.label_))
        i += 1
    return spans


def mentions_from_doc(doc: Doc, doc_id: str) -> list[Row]:
    """``mentions`` rows for one processed spaCy Doc (its ``ents`` are the NER output)."""
    page = _Page(doc)
    for ent_start, ent_end, ent_label in _ner_spans(doc):
        label = _FOLDED_LABELS.get(ent_label, ent_label)
        if label in _LABEL_RANK:
            span, extra = _trim(page, _Span(ent_start, ent_end, label, "ner"))
            for part in [*extra, span] if span is not None else extra:
                page.add(part, replace=False)
    acronyms = _acronyms(page)
    _titled_persons(page)
    _given_name_persons(page)
    _untitled_persons(page)
    _propagate(page, _known_names(page, acronyms))

    # One label per name in a page: the majority (ties by label order).
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in page.spans:
        votes[page.text(span)][span.label] += 1
    for span in page.spans:
        counter = votes[page.text(span)]
        span.label = min(counter, key=lambda lab: (-counter[lab], _LABEL_RANK[lab]))

    elsewhere = {
        page.text(s)
        for s in page.spans
        if not (s.end - s.start == 1 and _sentence_initial(doc, s.start))
    }
    for span in list(page.spans):
        if not _keep(page, span, elsewhere):
            page.remove(span)
    for span in page.spans:
        if span.label == "PERSON":
            _person_context(page, span)
    _assign_keys(page, acronyms)

    starts = _sentence_starts(doc)
    text = page.doc_text
    rows: list[Row] = []
    for span in sorted(page.spans, key=lambda s: s.start):
        start_char = doc[span.start].idx
        end_char = doc[span.end - 1].idx + len(doc[span.end - 1].text)
        key = span.key or f"{span.label}|{names.norm_name(page.text(span))}"
        rows.append(
            {
                "doc_id": doc_id,
                "start": start_char,
                "end": end_char,
                "text": text[start_char:end_char],
                "label": span.label,
                "entity_id": entity_id_for(key),
                "doc_entity_key": key,
                "sentence_index": bisect.bisect_right(starts, start_char) - 1,
                "role": span.role,
                "country": span.country,
            }
        )
    return rows


def extract_mentions(
    texts: list[str],
    doc_ids: list[str],
    nlp: Language | None = None,
    batch_size: int = 16,
) -> list[list[Row]]:
    """``mentions`` rows for a batch of document bodies, one list per document.

    Parses the whole batch (texts of any length, see ``chronicle.nlp.pieces``; ``nlp`` defaults to
    :func:`chronicle.nlp.load_pipeline`), then resolves each page. ``entity_id`` is
    provisional (the hash of ``doc_entity_key``); the corpus step finalises it.
    """
    if len(texts) != len(doc_ids):
        raise ValueError(f"{len(texts)} texts but {len(doc_ids)} doc_ids")
    if nlp is None:
        from chronicle.nlp import load_pipeline

        nlp = load_pipeline()
    from chronicle.nlp.pieces import parse_texts

    docs: Iterable[Doc] = parse_texts(nlp, texts, batch_size=batch_size)
    return [mentions_from_doc(doc, doc_id) for doc, doc_id in zip(docs, doc_ids, strict=True)]
