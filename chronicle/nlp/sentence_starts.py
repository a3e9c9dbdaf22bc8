"""Where a news sentence may start: preset boundaries the parser has to keep.

Two rules, both for edited news prose, set before the parser runs (spaCy's parser keeps
preset ``is_sent_start`` values, True and False alike):

* **Blank lines end sentences.** Chronicle's bodies separate paragraphs (and headlines,
  captions) by blank lines. A parser left to itself sometimes joins the last sentence of
  one paragraph with the first of the next ("...fill.\\n\\nSince February 24, ..."), and then
  evidence sentences, mention sentence numbers and same-sentence event arguments cross
  paragraphs.
* **No sentence starts without an end before it.** A sentence may start only after
  sentence-final punctuation (``. ! ? … :``, also behind closing quotes or brackets, and
  abbreviations such as "U.S."), or after a line break. A parser trained on web text,
  where many sentences end without punctuation, otherwise splits inside names
  ("Secretary of State Madeleine | Albright headed ...") and the halves become wrong
  entities and event arguments.

Single line breaks only allow a boundary: verbatim text (``--no-clean``, wire copy) wraps
lines inside sentences, so the parser decides there.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "chronicle_sentence_starts"
#: Characters that end a sentence when they end the token before a sentence start.
SENTENCE_FINAL = frozenset(".!?…:")
#: Tokens that may stand between the sentence-final character and the next sentence.
CLOSERS = frozenset({'"', "'", "''", "”", "’", "»", ")", "]", "}"})


@Language.component(COMPONENT)
def mark_sentence_starts(doc: Doc) -> Doc:
    """Start a sentence after each blank line; forbid starts that follow no sentence end.

    Works on the doc's SENT_START array in one pass: assigning ``token.is_sent_start``
    makes spaCy scan the whole doc for a parse each time, which is quadratic on long pages.
    """
    if len(doc) < 2:
        return doc
    texts = [token.text for token in doc]
    # SENT_START: 1 starts a sentence, -1 does not, 0 unknown (uint64 in spaCy's arrays)
    starts = doc.to_array(SENT_START).astype(numpy.int64).tolist()
    last_word = 0  # the last token before i that is not a closer (or token 0)
    for i in range(1, len(texts)):
        text, before = texts[i], texts[i - 1]
        if before not in CLOSERS:
            last_word = i - 1
        if text.isspace():
            # A blank line's whitespace token ends the sentence before it: a sentence that
            # opened with it would hand the parser a token it never saw in training.
            if starts[i] == 0:
                starts[i] = -1
        elif _blank_line(before):
            starts[i] = 1
        elif starts[i] == 0 and not _may_start(before, texts[last_word]):
            starts[i] = -1
    doc.from_array([SENT_START], numpy.asarray(starts, dtype=numpy.int64).view(numpy.uint64))
    return doc


def _blank_line(text: str) -> bool:
    """Whether a token is whitespace holding a blank line (spaCy keeps at most one space
    in ``whitespace_``; longer runs become a token of their own)."""
    return text.isspace() and text.count("\n") >= 2


def _may_start(before: str, last_word: str) -> bool:
    """Whether a sentence may start after token ``before``: it holds a line break, or
    ``last_word`` (``before`` itself, or the word behind the closers that end with
    ``before``) is whitespace or ends a sentence."""
    if "\n" in before:
        return True
    return last_word.isspace() or last_word[-1] in SENTENCE_FINAL


def add_sentence_starts(nlp: Language) -> Language:
    """Insert the component before the parser (or sentence splitter), once."""
    if COMPONENT in nlp.pipe_names:
        return nlp
    for before in ("parser", "senter", "sentencizer"):
        if before in nlp.pipe_names:
            nlp.add_pipe(COMPONENT, before=before)
            break
    return nlp
