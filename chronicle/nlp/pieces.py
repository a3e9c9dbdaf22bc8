"""Parse texts of any length: a long text is parsed in pieces cut at paragraph breaks.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters, error E088), and the
parser's memory grows with the length of what it parses at once. A text longer than
``PIECE_CHARS`` is cut into pieces of at most that many characters, preferably at a blank
line (a sentence boundary anyway, see ``sentence_starts``), else at a line break, a
sentence end or a space, and the parsed pieces are joined into one ``Doc`` whose text is
the whole text, so every character offset is exactly that of the text. Shorter texts are
parsed whole, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

#: Texts longer than this many characters are parsed in pieces (a 5,000-word article is
#: about 30,000). Well under spaCy's max_length, to bound the parser's memory.
PIECE_CHARS = 100_000
# Where a piece may end, best first: after a blank line, a line break, a sentence, a word.
_CUTS = ("\n\n", "\n", ". ", " ")


def cut_points(text: str, max_chars: int = PIECE_CHARS) -> list[int]:
    """Offsets where ``text`` is cut so that no piece is longer than ``max_chars``.

    A cut goes after the last separator of the best kind in the second half of the
    window; without one, at ``max_chars`` exactly (so pieces are at least half as long
    and the cost stays linear).
    """
    cuts: list[int] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = end
        for separator in _CUTS:
            found = text.rfind(separator, start + max_chars // 2, end)
            if found != -1:
                cut = found + len(separator)
                break
        cuts.append(cut)
        start = cut
    return cuts


def pieces(text: str, max_chars: int = PIECE_CHARS) -> list[str]:
    """``text`` cut at ``cut_points``; the pieces join back to ``text``."""
    bounds = [0, *cut_points(text, max_chars), len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


def parse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = 16, max_chars: int = PIECE_CHARS
) -> Iterator[Doc]:
    """One ``Doc`` per text, in order, like ``nlp.pipe``, for texts of any length.

    Pieces are at most ``max_chars`` long, and never over the pipeline's ``max_length``.
    """
    limit = min(max_chars, nlp.max_length)
    split = [pieces(text, limit) for text in texts]
    docs = nlp.pipe((piece for parts in split for piece in parts), batch_size=batch_size)
    for parts in split:
        if len(parts) == 1:
            yield next(docs)
            continue
        parsed = [next(docs) for _ in parts]
        yield Doc.from_docs(parsed, ensure_whitespace=False, exclude=["tensor", "user_data"])
