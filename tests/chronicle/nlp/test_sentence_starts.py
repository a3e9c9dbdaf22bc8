"""Where sentences of the loaded pipeline may start."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from chronicle.nlp import load_pipeline
from chronicle.nlp.sentence_starts import COMPONENT, mark_sentence_starts
from tests.conftest import SAMPLE_RAW


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def starts(text: str) -> list[bool | None]:
    """The preset ``is_sent_start`` of each token, before any parser runs."""
    doc = mark_sentence_starts(spacy.blank("en").make_doc(text))
    return [t.is_sent_start for t in doc]


def test_blank_lines_end_sentences_and_single_breaks_do_not_force_one(nlp: Language) -> None:
    assert nlp.pipe_names.index(COMPONENT) < nlp.pipe_names.index("parser")
    doc = nlp("Analysts expect it to fill the gap\n\nSince February 24 prices rose sharply.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "Analysts expect it to fill the gap",
        "Since February 24 prices rose sharply.",
    ]
    wrapped = nlp("The minister said the talks\nwould resume on Monday in Geneva.")
    assert len(list(wrapped.sents)) == 1


def test_a_blank_line_ends_the_sentence_before_it_and_the_next_word_starts_one() -> None:
    # tokens: Talks ended . \n\n Putin left .
    assert starts("Talks ended.\n\nPutin left.") == [True, False, False, False, True, False, False]
    # whitespace after the blank line joins its token: Talks ended "\n\n " Putin left .
    assert starts("Talks ended\n\n Putin left.")[2:4] == [False, True]


def test_a_sentence_starts_only_after_a_sentence_end_or_a_line_break() -> None:
    assert starts("Secretary of State Madeleine Albright headed Tuesday.")[1:] == [False] * 7
    assert starts("He left. She stayed.")[1:] == [False, False, None, False, False]
    assert starts('"We will go." Then he left.')[6] is None  # after a closing quote
    assert starts('"We will go," he said.')[6] is False  # the quote closes a comma
    assert starts("U.S. officials left. Talks ended.")[4] is None  # after "left ."
    assert starts("Putin meets Bennett\nSochi talks end")[4] is None  # a line break allows


def test_names_stay_in_one_sentence(nlp: Language) -> None:
    text = (
        "U.S. Secretary of State Madeleine Albright headed Tuesday to East Africa, "
        "seeking to demonstrate American support after the bombings."
    )
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    assert "Madeleine Albright" in [e.text for e in doc.ents]


def per_token_reference(doc: Doc) -> Doc:
    """The component as it was before it worked on arrays (one ``is_sent_start`` assignment
    per token, quadratic on long pages): the array version must give the same starts."""
    texts = [token.text for token in doc]
    for i in range(1, len(doc)):
        token = doc[i]
        if texts[i].isspace():
            if token.is_sent_start is None:
                token.is_sent_start = False
        elif texts[i - 1].isspace() and texts[i - 1].count("\n") >= 2:
            token.is_sent_start = True
        elif token.is_sent_start is None:
            j = i - 1
            if "\n" not in texts[j]:
                while j > 0 and texts[j] in {'"', "'", "''", "”", "’", "»", ")", "]", "}"}:
                    j -= 1
                if not (texts[j].isspace() or texts[j][-1] in ".!?…:"):
                    token.is_sent_start = False
    return doc


VARIED_TEXTS = [
    "",
    "One",
    "\n\nStarts with a blank line. Then more.",
    'He said: "We leave." ) ] } Then they left!\n\n\n  Next paragraph?\nWrapped line',
    "“Quoted.” » ’ Then… he went\r\n\r\nWindows lines. U.S. officials (in D.C.) met.",
    "Tabs\t\tand  double  spaces.\n \n \nSpaces between breaks: yes",
    "'' '' '' Closers at the start. \"\n\n\"",
    "No punctuation at all across\nlines\nand\n\nparagraphs",
]


def random_news_text(seed: int) -> str:
    """Words, sentence ends, closers and line breaks in random order."""
    rng = random.Random(seed)
    pieces = [
        "Talks",
        "ended",
        "U.S.",
        "Putin",
        "said",
        ".",
        "!",
        "?",
        ":",
        "…",
        ",",
        '"',
        "”",
        "’",
        ")",
        "]",
        "\n",
        "\n\n",
        "\n \n",
        "  ",
        "Madeleine",
        "Albright",
        "e.g.",
    ]
    return " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 300)))


@pytest.mark.parametrize("text", VARIED_TEXTS + [random_news_text(seed) for seed in range(40)])
def test_array_version_sets_the_same_starts_as_per_token_assignment(text: str) -> None:
    nlp = spacy.blank("en")
    expected = [t.is_sent_start for t in per_token_reference(nlp.make_doc(text))]
    assert [t.is_sent_start for t in mark_sentence_starts(nlp.make_doc(text))] == expected


def test_preset_starts_are_kept() -> None:
    doc = spacy.blank("en").make_doc("Secretary of State Madeleine Albright headed out.")
    doc[3].is_sent_start = True  # set by an earlier component: kept, as spaCy's parser does
    assert [t.is_sent_start for t in mark_sentence_starts(doc)][3] is True


def test_sample_pages_get_the_same_parse_entities_and_events(nlp: Language) -> None:
    """The whole pipeline with either version of the component: identical sentences,
    entities, mentions and events on the sample pages."""
    from chronicle.entities import mentions_from_doc
    from chronicle.events import events_from_doc
    from chronicle.timex import tag_timexes

    pages = sorted(SAMPLE_RAW.glob("*.txt"))
    assert pages, "the sample pages in raw/ are missing"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        timexes = [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
                "anchor_date": t.anchor_date,
                "date_start": t.date_start,
                "date_end": t.date_end,
            }
            for t in tag_timexes(text)
        ]
        results = []
        for component in (mark_sentence_starts, per_token_reference):
            doc = nlp.make_doc(text)
            for name, step in nlp.pipeline:
                doc = component(doc) if name == COMPONENT else step(doc)
            mentions = mentions_from_doc(doc, "0" * 16)
            events = events_from_doc(doc, "0" * 16, mentions, timexes)
            results.append(
                (
                    [(s.start, s.end) for s in doc.sents],
                    [(e.start_char, e.end_char, e.label_) for e in doc.ents],
                    mentions,
                    events,
                )
            )
        assert results[0] == results[1], path.name
