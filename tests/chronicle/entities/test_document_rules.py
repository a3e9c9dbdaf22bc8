"""Document-level resolution rules on tiny texts with hand-set NER spans.

The Docs come from a blank English tokenizer with ``doc.ents`` set by hand, so these tests
check the resolution rules, not whichever statistical model is installed.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc, Span

from chronicle.entities import entity_id_for, mentions_from_doc

NLP = spacy.blank("en")
DOC_ID = "0123456789abcdef"


def make_doc(text: str, ents: list[tuple[str, str, int]] = ()) -> Doc:
    """A Doc whose NER output is ``ents``: (surface, label, occurrence index)."""
    doc = NLP(text)
    spans = []
    for surface, label, nth in ents:
        start = [m.start() for m in re.finditer(re.escape(surface), text)][nth]
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def run(text: str, ents: list[tuple[str, str, int]] = ()) -> list[dict]:
    return mentions_from_doc(make_doc(text, ents), DOC_ID)


def found(rows: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["text"], r["label"], r["doc_entity_key"]) for r in rows]


def test_titled_full_name_surname_honorific_and_possessive_are_one_person() -> None:
    text = (
        "The talks began when Russian President Vladimir Putin arrived. "
        "Aides of Mr Putin's team said Putin left."
    )
    rows = run(text, [("Russian", "NORP", 0), ("Vladimir", "GPE", 0)])
    people = [r for r in rows if r["label"] == "PERSON"]
    assert [r["text"] for r in people] == ["Vladimir Putin", "Putin", "Putin"]
    assert {r["doc_entity_key"] for r in people} == {"PERSON|vladimir putin"}
    assert {r["entity_id"] for r in people} == {entity_id_for("PERSON|vladimir putin")}
    first = people[0]
    assert (first["role"], first["country"]) == ("President", "RU")
    assert people[1]["role"] is None  # "Mr" is an honorific, not a role
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Then Israeli Prime Minister Naftali Bennett flew in.",
            "Naftali Bennett",
            "Prime Minister",
        ),
        ("On Monday Sheikh Ahmed Yassin spoke.", "Ahmed Yassin", "Sheikh"),
        ("On Monday Rabbi David Lau spoke.", "David Lau", "Rabbi"),
        ("The ministry spokeswoman, Maria Zakharova, said so.", "Maria Zakharova", "spokeswoman"),
        (
            "On Monday former Secretary of State Antony Blinken spoke.",
            "Antony Blinken",
            "Secretary of State",
        ),
        ("Later Dr. Jane Goodall spoke.", "Jane Goodall", None),
    ],
)
def test_titles_make_persons_and_roles(text: str, name: str, role: str | None) -> None:
    people = [
        r
        for r in run(text, [("Israeli", "NORP", 0)] if "Israeli" in text else [])
        if r["label"] == "PERSON"
    ]
    assert [(r["text"], r["role"]) for r in people] == [(name, role)]


def test_title_inside_an_organisation_name_is_no_person() -> None:
    text = "On Monday the UN General Assembly voted."
    rows = run(text, [("UN General Assembly", "ORG", 0)])
    assert found(rows) == [("UN General Assembly", "ORG", "ORG|un general assembly")]


def test_affiliation_from_possessive_country() -> None:
    rows = run("Later Syria's President Bashar al-Assad spoke.", [("Syria", "GPE", 0)])
    person = next(r for r in rows if r["label"] == "PERSON")
    assert (person["text"], person["role"], person["country"]) == (
        "Bashar al-Assad",
        "President",
        "SY",
    )


def test_surname_goes_to_nearest_preceding_full_name_when_two_share_it() -> None:
    text = (
        "Hafez al-Assad ruled first. Bashar al-Assad followed. Assad spoke. "
        "Hafez al-Assad died. Assad wept."
    )
    ents = [
        ("Hafez al-Assad", "PERSON", 0),
        ("Bashar al-Assad", "PERSON", 0),
        ("Hafez al-Assad", "PERSON", 1),
    ]
    rows = [r for r in run(text, ents) if r["text"] == "Assad"]
    assert [r["doc_entity_key"] for r in rows] == [
        "PERSON|bashar al assad",
        "PERSON|hafez al assad",
    ]


def test_surname_without_full_name_keeps_a_surname_key() -> None:
    rows = run("Aides said Netanyahu left.", [("Netanyahu", "PERSON", 0)])
    assert found(rows) == [("Netanyahu", "PERSON", "PERSON|netanyahu")]


def test_acronym_definition_adds_long_form_and_links_later_uses() -> None:
    text = "He armed the Palestinian Authority (PA) in 2005. Later the PA agreed."
    rows = run(text, [("Palestinian", "NORP", 0)])
    assert found(rows) == [
        ("Palestinian Authority", "ORG", "ORG|palestinian authority"),
        ("PA", "ORG", "ORG|palestinian authority"),
        ("PA", "ORG", "ORG|palestinian authority"),
    ]
    assert rows[0]["country"] == "PS"  # the name starts with a nationality word


def test_gazetteer_acronym_maps_to_full_name() -> None:
    rows = run(
        "Members of NATO met the North Atlantic Treaty Organization chief.",
        [("NATO", "ORG", 0), ("North Atlantic Treaty Organization", "ORG", 0)],
    )
    assert {r["doc_entity_key"] for r in rows} == {"ORG|north atlantic treaty organization"}


def test_hyphenated_compounds_yield_known_names() -> None:
    text = (
        "Naftali Bennett and Yair Lapid met in Moscow. The Bennett-Lapid coalition "
        "fell, a Moscow-based paper said."
    )
    ents = [("Naftali Bennett", "PERSON", 0), ("Yair Lapid", "PERSON", 0), ("Moscow", "GPE", 0)]
    rows = run(text, ents)
    compound = text.index("Bennett-Lapid")
    based = text.index("Moscow-based")
    by_start = {r["start"]: r for r in rows}
    assert by_start[compound]["text"] == "Bennett"
    assert by_start[compound]["doc_entity_key"] == "PERSON|naftali bennett"
    assert by_start[compound + 8]["text"] == "Lapid"
    assert by_start[compound + 8]["doc_entity_key"] == "PERSON|yair lapid"
    assert by_start[based]["text"] == "Moscow"
    assert by_start[based]["doc_entity_key"] == "GPE|moscow"
    assert by_start[based]["country"] == "RU"


def test_possessive_with_curly_apostrophe_is_trimmed() -> None:
    text = "Aides of Mahmoud Abbas said Abbas’ plan failed."
    rows = run(text, [("Mahmoud Abbas", "PERSON", 0)])
    assert found(rows)[1] == ("Abbas", "PERSON", "PERSON|mahmoud abbas")


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("the US", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("America", "US"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("South Korea", "KR"),
    ],
)
def test_country_names_normalise_to_iso_codes(surface: str, code: str) -> None:
    text = f"Officials in {surface} agreed."
    bare = surface.removeprefix("the ")
    rows = run(text, [(bare, "GPE", 0)])
    assert found(rows) == [(bare, "GPE", f"GPE|{code}")]
    assert rows[0]["country"] == code


def test_city_keeps_its_own_key_with_its_country() -> None:
    rows = run("Officials in Tel Aviv agreed.", [("Tel Aviv", "GPE", 0)])
    assert (rows[0]["doc_entity_key"], rows[0]["country"]) == ("GPE|tel aviv", "IL")


def test_kremlin_is_an_organisation_of_russia_not_russia() -> None:
    rows = run("Officials in Russia said the Kremlin’s offer stands.", [("Russia", "GPE", 0)])
    assert found(rows) == [("Russia", "GPE", "GPE|RU"), ("Kremlin", "ORG", "ORG|kremlin")]
    assert rows[1]["country"] == "RU"


@pytest.mark.parametrize(
    ("word", "code", "key"),
    [
        ("Russian", "RU", "NORP|russian"),
        ("Russians", "RU", "NORP|russian"),
        ("Israelis", "IL", "NORP|israeli"),
        ("Chechens", "RU", "NORP|chechen"),
        ("Muslims", None, "NORP|muslim"),
    ],
)
def test_nationality_words_get_their_country(word: str, code: str | None, key: str) -> None:
    rows = run(f"Many {word} agreed.", [(word, "NORP", 0)])
    assert (rows[0]["doc_entity_key"], rows[0]["country"]) == (key, code)


def test_false_positives_are_dropped() -> None:
    text = "Share\nFacebook\nHowever the plan failed in texas. Officials in Berlin agreed."
    ents = [
        ("Share", "ORG", 0),
        ("Facebook", "MISC", 0),
        ("However", "ORG", 0),
        ("texas", "GPE", 0),
        ("Berlin", "GPE", 0),
    ]
    assert [r["text"] for r in run(text, ents)] == ["Berlin"]


def test_one_label_per_name_in_a_page() -> None:
    text = "Officials of Hamas met. Later Hamas and Fatah spoke. Then Hamas left."
    rows = run(text, [("Hamas", "ORG", 0), ("Hamas", "MISC", 1), ("Hamas", "ORG", 2)])
    assert [r["label"] for r in rows] == ["ORG", "ORG", "ORG"]


def tagged_doc(words: list[str], tags: list[str], spaces: list[bool]) -> Doc:
    """A Doc with part-of-speech tags, as the untitled-name rule reads them."""
    return Doc(NLP.vocab, words=words, spaces=spaces, tags=tags)


def test_untitled_name_before_a_verb_of_saying_is_a_person() -> None:
    doc = tagged_doc(
        ["Officials", "and", "Mahmoud", "Abbas", "said", "no", "."],
        ["NNS", "CC", "NNP", "NNP", "VBD", "DT", "."],
        [True, True, True, True, True, False, False],
    )
    assert found(mentions_from_doc(doc, DOC_ID)) == [
        ("Mahmoud Abbas", "PERSON", "PERSON|mahmoud abbas")
    ]


def test_untitled_capitalised_run_after_an_article_or_a_name_is_no_person() -> None:
    doc = tagged_doc(
        ["Officials", "of", "Grand", "Ventures", "said", "no", "."],
        ["NNS", "IN", "NNP", "NNP", "VBD", "DT", "."],
        [True, True, True, True, True, False, False],
    )
    assert mentions_from_doc(doc, DOC_ID) == []
    doc = tagged_doc(
        ["Officials", "met", "American", "Music", "Stars", "said", "."],
        ["NNS", "VBD", "NNP", "NNP", "NNP", "VBD", "."],
        [True, True, True, True, True, False, False],
    )
    doc.ents = [Span(doc, 2, 3, label="NORP")]
    assert found(mentions_from_doc(doc, DOC_ID)) == [("American", "NORP", "NORP|american")]


def test_roles_are_spelt_one_way() -> None:
    rows = run(
        "Later the Iranian president, Ebrahim Raisi, and the army spokesman John Kirby spoke.",
        [("Iranian", "NORP", 0)],
    )
    people = [(r["text"], r["role"], r["country"]) for r in rows if r["label"] == "PERSON"]
    assert people == [("Ebrahim Raisi", "President", "IR"), ("John Kirby", "Army spokesman", None)]


def test_a_place_after_a_title_word_stays_a_place() -> None:
    rows = run("In general Tel Aviv agreed.", [("Tel Aviv", "GPE", 0)])
    assert found(rows) == [("Tel Aviv", "GPE", "GPE|tel aviv")]


def test_surname_matches_a_full_name_with_a_generational_suffix() -> None:
    rows = run(
        "Officials said Patrick W. Carlineo Jr. called. Later Carlineo pleaded guilty.",
        [("Patrick W. Carlineo Jr.", "PERSON", 0), ("Carlineo", "PERSON", 1)],
    )
    assert {r["doc_entity_key"] for r in rows} == {"PERSON|patrick w carlineo jr"}


@pytest.mark.parametrize(
    "text", ["Shares of General Electric fell.", "He played Major League Baseball for years."]
)
def test_title_word_starting_an_organisation_name_is_no_person(text: str) -> None:
    assert [r for r in run(text) if r["label"] == "PERSON"] == []


def test_person_span_that_includes_its_role_is_split() -> None:
    text = "Then Russian President Vladimir Putin spoke with John Major."
    rows = run(
        text, [("Russian President Vladimir Putin", "PERSON", 0), ("John Major", "PERSON", 0)]
    )
    assert found(rows) == [
        ("Russian", "NORP", "NORP|russian"),
        ("Vladimir Putin", "PERSON", "PERSON|vladimir putin"),
        ("John Major", "PERSON", "PERSON|john major"),
    ]
    assert (rows[1]["role"], rows[1]["country"]) == ("President", "RU")


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Later Chad Wolf was named.", [("Chad", "GPE", 0)], [("Chad Wolf", "PERSON")]),
        ("Later Israel Katz spoke.", [("Israel", "GPE", 0)], [("Israel Katz", "PERSON")]),
        ("Along the Jordan River farms dried.", [("Jordan", "GPE", 0)], [("Jordan", "GPE")]),
        ("Troops left Chad today.", [("Chad", "GPE", 0)], [("Chad", "GPE")]),
    ],
)
def test_given_names_that_are_place_names(text: str, ents: list, expected: list) -> None:
    assert [(r["text"], r["label"]) for r in run(text, ents)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Broader Look at Russia-Israel Partnership\n\nLater it rained.",
        "Officials of Israel Aerospace Industries met.",
        "He spoke to United Israel Appeal members.",
    ],
)
def test_place_given_names_inside_longer_names_stay_places(text: str) -> None:
    rows = run(text, [("Israel", "GPE", 0)])
    assert [(r["text"], r["label"]) for r in rows] == [("Israel", "GPE")]


def test_other_pipelines_labels_are_folded_into_the_scheme() -> None:
    text = "On Monday the Eiffel Tower and the Patriot Act made news in 2005."
    rows = run(
        text,
        [
            ("Monday", "DATE", 0),
            ("Eiffel Tower", "FAC", 0),
            ("Patriot Act", "LAW", 0),
            ("2005", "DATE", 0),
        ],
    )
    assert [(r["text"], r["label"]) for r in rows] == [
        ("Eiffel Tower", "LOC"),
        ("Patriot Act", "MISC"),
    ]


def test_country_names_split_by_the_model_are_joined() -> None:
    text = "The United States of America is concerned. The US said so."
    rows = run(text, [("United States", "GPE", 0), ("America", "LOC", 0), ("US", "GPE", 0)])
    assert [(r["text"], r["label"], r["country"]) for r in rows] == [
        ("United States of America", "GPE", "US"),
        ("US", "GPE", "US"),
    ]
    assert len({r["entity_id"] for r in rows}) == 1
