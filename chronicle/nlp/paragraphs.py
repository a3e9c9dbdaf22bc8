"""Sentences never cross a blank line: a pipeline component that marks them.

Chronicle's bodies separate paragraphs (and headlines, captions) by blank lines. A parser
left to itself sometimes joins the last sentence of one paragraph with the first of the next
("...fill.\\n\\nSince February 24, ..."), and then evidence sentences, mention sentence
numbers and same-sentence event arguments cross paragraphs. Marking the token after a
blank line as a sentence start constrains the parser (spaCy keeps preset boundaries).
Single line breaks are left to the parser: verbatim text (``--no-clean``, wire copy) wraps
lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "chronicle_line_breaks"


@Language.component(COMPONENT)
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each blank line (at the whitespace token, if any, so that
    blank lines do not become sentences of their own)."""
    after_break = False
    for token in doc:
        if token.i > 0 and after_break:
            token.is_sent_start = True
        elif token.i > 0 and doc[token.i - 1].is_space and token.is_sent_start is None:
            token.is_sent_start = False  # the word after a blank line continues its sentence
        after_break = _blank_line(token.whitespace_) or (
            token.is_space and _blank_line(token.text)
        )
        if token.is_space and token.i > 0 and _blank_line(token.text):
            token.is_sent_start = True
            after_break = False
    return doc


def _blank_line(whitespace: str) -> bool:
    return whitespace.count("\n") >= 2


def add_line_breaks(nlp: Language) -> Language:
    """Insert the component before the parser (or sentence splitter), once."""
    if COMPONENT in nlp.pipe_names:
        return nlp
    for before in ("parser", "senter", "sentencizer"):
        if before in nlp.pipe_names:
            nlp.add_pipe(COMPONENT, before=before)
            break
    return nlp
