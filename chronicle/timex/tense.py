"""A light tense heuristic: is a temporal expression said of the past or the future?

No parser is available, so the tense is read from the tensed word nearest to the
expression inside its sentence: future markers ("will", "'ll", "is expected to",
"would", "plans to", "next"), past markers ("was", "had", "said", irregular past
forms, "-ed" words) and present markers ("is", "are", "says"). The nearest marker
wins; ``None`` means no evidence. "plans"/"intends" are future only before "to"
(else nouns: "vacation plans"), and "planned to"/"was expected to" are PROSPECTIVE: a
future seen from the past, on either side of the reference date. ``document_tense``
gives the narration's tense, which the tagger falls back on when a clause has none.
Callers that know the tense (e.g. from a parser) pass it to the normaliser instead.
"""

from __future__ import annotations

import re

from chronicle.timex.lexicon import words

PAST = "PAST"
PRESENT = "PRESENT"
FUTURE = "FUTURE"
TENSES = (PAST, PRESENT, FUTURE)
#: "planned to leave Thursday": future seen from a past viewpoint; the date may lie on
#: either side of the reference date, so only nearness decides (never the narration).
PROSPECTIVE = "PROSPECTIVE"

_FUTURE_WORDS = words(
    "will 'll shall wo won't would 'd going expected scheduled due must should "
    "upcoming postponed delayed adjourned soon planning"
)
# Future only when a "to" follows ("plans to visit"); otherwise nouns ("vacation plans").
_FUTURE_BEFORE_TO = words("plans plan intends intend aims aim")
_PRESENT_WORDS = words("is are am says say 're does do")
# Present perfect auxiliaries describe past events for dating purposes.
_PERFECT = words("has have 've")
# Auxiliaries after which a participle is not itself the tense carrier ("must be returned").
_PASSIVE_AUX = words("be been being is are was were am has have had 's")
# Words that look tensed but do not decide past vs future ("planned to", "to be").
_NEUTRAL = words("be")
_PROSPECTIVE_BEFORE_TO = words("scheduled expected due set supposed")
_PAST_IRREGULAR = words(
    """was were had did been said told met went came left took gave made began held found
    got saw won lost sent fell rose struck hit shot spoke wrote broke became brought bought
    built caught chose drew drove ate flew forgot forgave froze grew hung heard hid kept
    knew laid led lent lit meant paid put quit ran rang sang sat slept sold shook shut
    stood stole stuck swore swept swam taught tore thought threw understood woke wore wept
    won withdrew overthrew fought fled sought spent fed felt"""
)
# "-ed" words that are not past tense verbs.
_ED_EXCEPTIONS = words(
    "need indeed red bed hundred speed seed feed weed shed breed bleed proceed succeed "
    "exceed steed creed greed deed embed united limited ahead based related"
)
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n")


def _classify(word: str, prev: str | None, nxt: str | None = None) -> str | None:
    w = word.lower()
    if w in _FUTURE_BEFORE_TO:
        return FUTURE if nxt == "to" else None
    if w == "planned" or (nxt == "to" and w in _PROSPECTIVE_BEFORE_TO and prev in ("was", "were")):
        return PROSPECTIVE  # "planned a rally on Saturday", "was expected to land Friday"
    if word == "May":
        return None  # the month, not the modal
    if "'" in w:
        # Contractions: "he'll", "they'd" (future); "didn't", "wasn't" (past).
        stem, _, suffix = w.partition("'")
        if suffix in ("ll", "d"):
            return FUTURE
        if suffix == "t" and stem.endswith("n"):
            return _classify(stem[:-1] if stem != "won" else "will", prev)
        if suffix in ("s", "re", "m"):
            return PRESENT
        w = stem
    if w in _NEUTRAL:
        return None
    if w in _FUTURE_WORDS:
        return FUTURE
    if w in _PAST_IRREGULAR:
        # A participle after an auxiliary defers to the auxiliary ("is held", "was held").
        return None if prev in _PASSIVE_AUX and w not in _PASSIVE_AUX else PAST
    if w in _PRESENT_WORDS:
        return PRESENT
    if w in _PERFECT:
        return PAST
    if len(w) > 4 and w.endswith("ed") and w not in _ED_EXCEPTIONS:
        # A participle after an auxiliary defers to the auxiliary.
        return None if prev in _PASSIVE_AUX else PAST
    return None


LEFT_WORDS = 10  # how far left to look for the governing verb
RIGHT_WORDS = 6  # and right, when the left has none ("Friday, police said")


def detect_tense(text: str, start: int, end: int, window: int = 80) -> str | None:
    """Tense of the clause around ``text[start:end]``, from the nearest tense marker.

    Looks at most ``window`` characters either side, without crossing a sentence
    boundary. Returns PAST, PRESENT, FUTURE or None.
    """
    lo = max(0, start - window)
    left = text[lo:start]
    cut = None
    for m in _SENTENCE_END.finditer(left):
        # A period ends a sentence only if a capital (or quote) follows: "U.S. officials".
        nxt = text[lo + m.end() : lo + m.end() + 1]
        if m.group().startswith("\n") or nxt[:1].isupper() or nxt in ('"', "'", "`", "("):
            cut = m.end()
    if cut is not None:
        left = left[cut:]
    right = text[end : end + window]
    m = _SENTENCE_END.search(right)
    if m:
        right = right[: m.start() + 1]
    # The governing verb is usually to the left ("said Friday", "will leave at 4 a.m.");
    # the right side is consulted only when the left has no marker.
    words = _WORD.findall(left)
    after = _WORD.findall(right)
    for i in range(len(words) - 1, max(-1, len(words) - 1 - LEFT_WORDS), -1):
        nxt = words[i + 1] if i + 1 < len(words) else (after[0] if after else None)
        t = _classify(words[i], words[i - 1].lower() if i else None, nxt and nxt.lower())
        if t is not None:
            return t
    prev = None
    for i, w in enumerate(after[:RIGHT_WORDS]):
        nxt = after[i + 1].lower() if i + 1 < len(after) else None
        t = _classify(w, prev, nxt)
        if t is not None:
            return t
        prev = w.lower()
    return None


def document_tense(text: str, share: float = 0.75) -> str | None:
    """The narration's tense: PAST when at least ``share`` of the tense markers in the
    whole text are past ones (news told in the past tense), else None.

    Used only where a clause has no marker of its own: a bare "Tuesday" in past-tense
    narration means the one before the reference date, not the coming one.
    """
    counts = {PAST: 0, PRESENT: 0, FUTURE: 0, PROSPECTIVE: 0}
    ws = _WORD.findall(text)
    for i, w in enumerate(ws):
        t = _classify(
            w, ws[i - 1].lower() if i else None, ws[i + 1].lower() if i + 1 < len(ws) else None
        )
        if t is not None:
            counts[t] += 1
    total = sum(counts.values())
    if total >= 5 and counts[PAST] >= share * total:
        return PAST
    return None
