"""Convert the shared corpora into spaCy ``DocBin`` files for training and evaluation.

* UD English EWT (CoNLL-U) keeps its official train/dev/test split; sentences are grouped
  ten to a ``Doc`` (like ``spacy convert --n-sents 10``) so the parser learns sentence
  boundaries across sentence joins.
* GMB (Kaggle CSV) is cleaned as its NOTICE explains (truncated last sentence dropped,
  duplicate sentences dropped, ``~``-joined tokens split, span noise trimmed) and mapped to
  Chronicle's label scheme (:mod:`schemas.entity_labels`).
* WikiGold (IO tags) is converted to spans and mapped to the same scheme.

Splits are deterministic (no randomness): GMB sentences are cut into blocks of
``GMB_BLOCK`` consecutive sentences (neighbouring sentences usually come from the same
article) and block ``b`` goes to test when ``b % 10 == 0``, to dev when ``b % 10 == 1`` and
to train otherwise; WikiGold documents go to test/dev/train by document index ``% 10`` the
same way.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

from chronicle.nlp import gazetteer
from lab import datasets

GMB_BLOCK = 100
SPLITS = ("train", "dev", "test")

# Tokens that attach to the previous token without a space when GMB/WikiGold token lists
# are detokenised into running text (so the model sees news-like spacing).
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "'S",
    "n't",
    "N'T",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "...",
    "''",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}

# Lower-case words that GMB/WikiGold sometimes include at the edges of entity spans but
# that are not part of the name ("the"/B-geo, "of"/B-geo, "and"/B-org, "southern Africa").
_EDGE_NOISE = {
    "the",
    "of",
    "and",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "for",
    "'s",
    "-",
    ",",
    ".",
    "(",
    ")",
    '"',
    "'",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
}


def split_of(index: int) -> str:
    """Map a block or document index to a split: test 10 %, dev 10 %, train 80 %."""
    rest = index % 10
    return "test" if rest == 0 else "dev" if rest == 1 else "train"


# ----------------------------------------------------------------------------- EWT


def ewt_docs(path: Path, n_sents: int = 10) -> list[Doc]:
    """Read a CoNLL-U file into Docs of ``n_sents`` sentences with full UD annotation."""
    text = path.read_text(encoding="utf8")
    return list(conllu_to_docs(text, n_sents=n_sents, no_print=True))


def write_ewt(out_dir: Path) -> dict[str, int]:
    """Convert EWT train/dev/test to ``ewt_<split>.spacy``; return sentence counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for split in SPLITS:
        docs = ewt_docs(datasets.ewt_dir() / f"en_ewt-ud-{split}.conllu")
        DocBin(docs=docs, store_user_data=False).to_disk(out_dir / f"ewt_{split}.spacy")
        counts[split] = sum(1 for d in docs for _ in d.sents)
    return counts


# ----------------------------------------------------------------------------- NER


@dataclass
class Sentence:
    """A tokenised sentence with entity spans as (start, end, label) token offsets."""

    words: list[str]
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    source: str = ""


def spaces_for(words: list[str]) -> list[bool]:
    """Guess whitespace after each token so that the Doc text reads like news text."""
    spaces = []
    quote_open = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        space = nxt is not None
        if nxt is not None and (nxt in _NO_SPACE_BEFORE or word in _NO_SPACE_AFTER):
            space = False
        if word == '"':
            quote_open = not quote_open
            if quote_open:
                space = False
        if nxt == '"' and quote_open:
            space = False
        spaces.append(space)
    return spaces


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Turn BIO (or IO) tags into (start, end, type) spans; an I- after another type starts
    a new span, as the WikiGold NOTICE says to do for IO data."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and not continues:
            start, label = i, typ
    return spans


def trim_span(words: list[str], start: int, end: int, person: bool) -> tuple[int, int]:
    """Strip edge noise (articles, compass adjectives, punctuation; titles for persons)."""
    while start < end and words[start] in _EDGE_NOISE:
        start += 1
    while end > start and words[end - 1] in _EDGE_NOISE:
        end -= 1
    if person:
        while start < end and gazetteer.is_title(words[start]):
            start += 1
    return start, end


_HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr"}
_COMPASS = {"North", "South", "East", "West"}
_ROMAN = {"I", "II", "III"}


def repair_gmb_spans(
    words: list[str], spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Fix GMB's systematic span errors before label mapping.

    * "Mr./B-per Maliki/B-org": an honorific-only person span followed directly by another
      span makes that span a person.
    * "North/B-geo Korean/B-gpe": a lone compass word followed directly by another span is
      merged into it.
    * "World War/O II/B-eve": a lone Roman numeral event after "World War" is extended.
    """
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(spans):
        start, end, typ = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        text = " ".join(words[start:end])
        if nxt and nxt[0] == end and typ == "per" and text in _HONORIFICS:
            out.append((nxt[0], nxt[1], "per"))
            i += 2
            continue
        if nxt and nxt[0] == end and text in _COMPASS and nxt[2] in ("geo", "gpe"):
            out.append((start, nxt[1], nxt[2]))
            i += 2
            continue
        if (
            typ == "eve"
            and text in _ROMAN
            and start >= 2
            and words[start - 2 : start] == ["World", "War"]
        ):
            start -= 2
        out.append((start, end, typ))
        i += 1
    return out


def map_gmb_label(text: str, typ: str) -> str | None:
    """Map a (trimmed) GMB span to Chronicle's scheme; ``None`` drops it.

    ``tim`` (time expressions) is dropped. For ``geo``/``gpe``/``org`` the gazetteer
    overrides GMB's type where GMB is inconsistent: international organisations → ORG,
    demonyms/groups → NORP, countries/capitals → GPE (GMB tags "Tehran said" or "U.S."
    as org at times), cities/states → GPE for geo/gpe, known regions → LOC. Otherwise
    ``geo`` → LOC, ``gpe`` → NORP, ``org`` → ORG, ``eve`` → EVENT, ``art``/``nat`` → MISC.
    """
    if typ == "tim":
        return None
    if typ == "per":
        # "Sunni"/"Western" tagged per are group names.
        return "NORP" if gazetteer.is_norp_name(text) else "PERSON"
    if typ == "eve":
        return "EVENT"
    if typ in ("art", "nat"):
        return "MISC"
    override = gazetteer.classify(text, allow_city=typ in ("geo", "gpe"))
    if override:
        return override
    return {"geo": "LOC", "gpe": "NORP", "org": "ORG"}.get(typ)


def map_wikigold_label(text: str, typ: str) -> str | None:
    """Map a WikiGold CoNLL type to Chronicle's scheme.

    PER → PERSON and ORG → ORG as annotated (the data is gold); LOC → GPE for countries,
    states and cities, else LOC; MISC → NORP for demonyms/groups, else MISC.
    """
    if typ == "PER":
        return "PERSON"
    if typ == "ORG":
        return "ORG"
    if typ == "LOC":
        return "GPE" if gazetteer.is_gpe_name(text) else "LOC"
    return "NORP" if gazetteer.is_norp_name(text) else "MISC"


Mapper = Callable[[str, str], "str | None"]


def _finish(
    words: list[str], spans: list[tuple[int, int, str]], mapper: Mapper, source: str
) -> Sentence:
    """Trim each span, map its type to a Chronicle label and build the Sentence."""
    ents = []
    for start, end, typ in spans:
        s, e = trim_span(words, start, end, person=typ in ("per", "PER"))
        if s >= e:
            continue
        label = mapper(" ".join(words[s:e]), typ)
        if label is not None:
            ents.append((s, e, label))
    return Sentence(words=words, ents=ents, source=source)


def read_gmb(path: Path | None = None) -> list[Sentence]:
    """Read and clean the GMB CSV; returns sentences in file order (duplicates dropped)."""
    path = path or datasets.gmb_csv()
    raw: list[tuple[list[str], list[str]]] = []
    with gzip.open(path, "rt", encoding="cp1252", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)  # header: Sentence #,Word,POS,Tag
        words: list[str] = []
        tags: list[str] = []
        for sent_id, word, _pos, tag in reader:
            if sent_id and words:
                raw.append((words, tags))
                words, tags = [], []
            # "~"-joined multiword tokens (New~York) are split; tags continue with I-.
            parts = [p for p in word.replace("\u00a0", " ").replace("~", " ").split() if p]
            for j, part in enumerate(parts or [word]):
                words.append(part)
                tags.append(tag if j == 0 or tag == "O" else "I-" + tag.split("-", 1)[1])
    # The final sentence is still in ``words`` here and is deliberately not appended: the
    # spreadsheet export cut it off mid-sentence (NOTICE, problem 1).
    seen: set[tuple[str, ...]] = set()
    out = []
    for words, tags in raw:
        key = tuple(words)
        if key in seen:
            continue
        seen.add(key)
        spans = repair_gmb_spans(words, bio_spans(tags))
        out.append(_finish(words, spans, map_gmb_label, "gmb"))
    return out


def read_wikigold(path: Path | None = None) -> list[list[Sentence]]:
    """Read WikiGold into documents (lists of sentences) with mapped entity spans."""
    path = path or datasets.wikigold_file()
    docs: list[list[Sentence]] = [[]]
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if words:
                docs[-1].append(_finish(words, bio_spans(tags), map_wikigold_label, "wikigold"))
                words, tags = [], []
            continue
        token, tag = line.rsplit(" ", 1)
        if token == "-DOCSTART-":
            docs.append([])  # DOCSTART comes *after* each document
            continue
        words.append(token)
        tags.append(tag)
    return [d for d in docs if d]


def ner_splits() -> dict[str, list[Sentence]]:
    """Return the documented NER train/dev/test splits (GMB blocks + WikiGold docs)."""
    splits: dict[str, list[Sentence]] = {s: [] for s in SPLITS}
    for i, sent in enumerate(read_gmb()):
        splits[split_of(i // GMB_BLOCK)].append(sent)
    for i, doc in enumerate(read_wikigold()):
        splits[split_of(i)].extend(doc)
    return splits


def sentence_doc(vocab: Vocab, sent: Sentence) -> Doc:
    """Build a Doc with entity annotation (everything outside a span is O)."""
    doc = Doc(vocab, words=sent.words, spaces=spaces_for(sent.words))
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in sent.ents], default="outside")
    return doc


def group_docs(vocab: Vocab, sents: Iterable[Sentence], n_sents: int = 1) -> Iterator[Doc]:
    """Yield Docs of ``n_sents`` consecutive sentences from the same source."""
    batch: list[Doc] = []
    for sent in sents:
        batch.append(sentence_doc(vocab, sent))
        if len(batch) == n_sents:
            yield Doc.from_docs(batch) if n_sents > 1 else batch[0]
            batch = []
    if batch:
        yield Doc.from_docs(batch) if len(batch) > 1 else batch[0]


def write_ner(out_dir: Path) -> dict[str, dict[str, int]]:
    """Write ``ner_<split>.spacy`` plus per-source test/dev files; return counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    counts: dict[str, dict[str, int]] = {}
    for split, sents in ner_splits().items():
        DocBin(docs=group_docs(vocab, sents)).to_disk(out_dir / f"ner_{split}.spacy")
        for source in ("gmb", "wikigold"):
            part = [s for s in sents if s.source == source]
            DocBin(docs=group_docs(vocab, part)).to_disk(out_dir / f"ner_{split}_{source}.spacy")
        labels: dict[str, int] = {"sentences": len(sents)}
        for s in sents:
            for _, _, lab in s.ents:
                labels[lab] = labels.get(lab, 0) + 1
        counts[split] = labels
    return counts


__all__ = [
    "GMB_BLOCK",
    "Sentence",
    "bio_spans",
    "ewt_docs",
    "ner_splits",
    "read_gmb",
    "read_wikigold",
    "spaces_for",
    "split_of",
    "write_ewt",
    "write_ner",
]
