"""Tests for corpus cleaning, label mapping and splits (hand-written fixtures only)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from spacy.vocab import Vocab

from chronicle.nlp import gazetteer
from lab.nlp import corpora
from schemas.entity_labels import ENTITY_LABEL_DEFINITIONS, ENTITY_LABELS


def test_bio_spans_handles_bio_and_io() -> None:
    assert corpora.bio_spans(["B-per", "I-per", "O", "B-geo", "B-geo"]) == [
        (0, 2, "per"),
        (3, 4, "geo"),
        (4, 5, "geo"),
    ]
    # IO tags: a type change starts a new span, a run of one type is one span.
    assert corpora.bio_spans(["I-PER", "I-PER", "I-ORG", "O", "I-LOC"]) == [
        (0, 2, "PER"),
        (2, 3, "ORG"),
        (4, 5, "LOC"),
    ]


def test_spaces_for_detokenises_news_text() -> None:
    words = ["Iraq", "'s", "leader", "(", "Maliki", ")", "said", ":", '"', "No", '"', "."]
    spaces = corpora.spaces_for(words)
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True))
    assert text == 'Iraq\'s leader (Maliki) said: "No".'


@pytest.mark.parametrize(
    ("text", "typ", "label"),
    [
        ("Russian", "gpe", "NORP"),
        ("Russia", "gpe", "GPE"),
        ("Brussels", "geo", "GPE"),
        ("Darfur", "geo", "LOC"),
        ("Middle East", "geo", "LOC"),
        ("U.N.", "geo", "ORG"),
        ("Tehran", "org", "GPE"),
        ("Reuters", "org", "ORG"),
        ("Vladimir Putin", "per", "PERSON"),
        ("Sunni", "per", "NORP"),
        ("World War II", "eve", "EVENT"),
        ("H5N1", "nat", "MISC"),
        ("Monday", "tim", None),
    ],
)
def test_map_gmb_label(text: str, typ: str, label: str | None) -> None:
    assert corpora.map_gmb_label(text, typ) == label


def test_repair_gmb_spans() -> None:
    words = ["Mr.", "Maliki", "met", "North", "Korean", "envoys", "after", "World", "War", "II"]
    spans = [(0, 1, "per"), (1, 2, "org"), (3, 4, "geo"), (4, 5, "gpe"), (9, 10, "eve")]
    assert corpora.repair_gmb_spans(words, spans) == [
        (1, 2, "per"),
        (3, 5, "gpe"),
        (7, 10, "eve"),
    ]


def test_trim_span_strips_titles_and_noise() -> None:
    words = ["the", "Prime", "Minister", "Tony", "Blair", ","]
    assert corpora.trim_span(words, 0, 6, person=True) == (3, 5)
    assert corpora.trim_span(["southern", "Africa"], 0, 2, person=False) == (1, 2)


def _write_gmb(path: Path, rows: list[str]) -> None:
    body = "Sentence #,Word,POS,Tag\r\n" + "".join(r + "\r\n" for r in rows)
    with gzip.open(path, "wb") as fh:
        fh.write(body.encode("cp1252"))


def test_read_gmb_cleans_duplicates_tilde_and_truncation(tmp_path: Path) -> None:
    path = tmp_path / "gmb.csv.gz"
    _write_gmb(
        path,
        [
            "Sentence: 1,Officials,NNS,O",
            ",in,IN,O",
            ",New~York,NNP,B-geo",
            ",met,VBD,O",
            ",on,IN,O",
            ",Monday,NNP,B-tim",
            ",.,.,O",
            "Sentence: 2,Officials,NNS,O",
            ",in,IN,O",
            ",New~York,NNP,B-geo",
            ",met,VBD,O",
            ",on,IN,O",
            ",Monday,NNP,B-tim",
            ",.,.,O",
            "Sentence: 3,Russian,JJ,B-gpe",
            ",troops,NNS,O",
            ",left,VBD,O",
            ",.,.,O",
            "Sentence: 4,Indian,JJ,B-gpe",
            ",forces,NNS,O",
            ",said,VBD,O",
        ],
    )
    sents = corpora.read_gmb(path)
    assert len(sents) == 2  # duplicate and truncated final sentence dropped
    first = sents[0]
    assert first.words == ["Officials", "in", "New", "York", "met", "on", "Monday", "."]
    assert first.ents == [(2, 4, "GPE")]  # tim is not an entity
    assert sents[1].ents == [(0, 1, "NORP")]


def test_read_wikigold_documents(tmp_path: Path) -> None:
    path = tmp_path / "wikigold.conll.txt"
    path.write_text(
        "The O\nFrench I-MISC\nband O\nplayed O\nin O\nLyon I-LOC\n. O\n\n"
        "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nleft O\nIBM I-ORG\n. O\n\n-DOCSTART- O\n",
        encoding="utf8",
    )
    docs = corpora.read_wikigold(path)
    assert len(docs) == 2
    assert docs[0][0].ents == [(1, 2, "NORP"), (5, 6, "GPE")]
    assert docs[1][0].ents == [(0, 2, "PERSON"), (3, 4, "ORG")]


def test_split_of_is_80_10_10() -> None:
    splits = [corpora.split_of(i) for i in range(100)]
    assert splits.count("test") == 10 and splits.count("dev") == 10
    assert splits.count("train") == 80


def test_sentence_doc_sets_entities() -> None:
    sent = corpora.Sentence(
        words=["NATO", "met", "in", "Brussels", "."], ents=[(0, 1, "ORG"), (3, 4, "GPE")]
    )
    doc = corpora.sentence_doc(Vocab(), sent)
    assert doc.text == "NATO met in Brussels."
    assert [(e.text, e.label_) for e in doc.ents] == [("NATO", "ORG"), ("Brussels", "GPE")]


def test_ruler_patterns_use_scheme_labels() -> None:
    patterns = gazetteer.ruler_patterns()
    by_text = {p["pattern"]: p["label"] for p in patterns}
    assert len(by_text) == len(patterns)  # one label per name
    assert {p["label"] for p in patterns} <= set(ENTITY_LABELS)
    assert by_text["Russian"] == by_text["Russians"] == "NORP"
    assert by_text["NATO"] == by_text["United Nations"] == "ORG"
    assert by_text["Brussels"] == by_text["Germany"] == "GPE"
    assert "Jackson" not in by_text  # ambiguous city names are excluded


def test_label_scheme_is_documented() -> None:
    assert list(ENTITY_LABEL_DEFINITIONS) == list(ENTITY_LABELS)
    assert len(set(ENTITY_LABELS)) == 7
