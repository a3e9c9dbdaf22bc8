"""Body assembly: paragraph breaks, hard wraps, footnote markers, determinism."""

from __future__ import annotations

from chronicle.boilerplate import BoilerplateConfig, extract_page
from chronicle.boilerplate.body import assemble_body, clean_footnotes
from chronicle.boilerplate.features import split_lines

PARA_A = (
    "The ministry said on Monday that the new rules would apply to all imported goods, "
    "and that customs officers had already been trained to check the documents."
)
PARA_B = (
    "Traders at the port said they had not been told about the change and feared long "
    "delays, while some importers planned to move their shipments to other harbours."
)
PARA_C = (
    "Officials insisted that the checks would take no more than a few minutes per "
    "container and promised to review the system after the first three months."
)


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    text = f"Port rules change\n\n{PARA_A}\n\n{PARA_B}\n\n{PARA_C}\n"
    body = extract_page(text).body
    assert body.split("\n\n") == [PARA_A, PARA_B, PARA_C]


def test_hard_wrapped_sentence_is_rejoined() -> None:
    first, rest = PARA_B[:60].rsplit(" ", 1)[0], None
    rest = PARA_B[len(first) + 1 :]
    text = f"Port rules change\n\n{PARA_A}\n\n{first}\n{rest}\n\n{PARA_C}\n"
    body = extract_page(text).body
    assert PARA_B in body
    assert body.count("\n\n") == 2


def test_lines_in_one_block_ending_a_sentence_stay_separate() -> None:
    lines = split_lines(f"{PARA_A}\n{PARA_B}")
    assert assemble_body(lines, [0, 1]) == f"{PARA_A}\n\n{PARA_B}"


def test_hard_wrap_joining_can_be_switched_off() -> None:
    lines = split_lines("It was the end of\nthe road for the plan.")
    assert assemble_body(lines, [0, 1]) == "It was the end of the road for the plan."
    assert assemble_body(lines, [0, 1], join_wraps=False) == (
        "It was the end of\n\nthe road for the plan."
    )


def test_footnote_markers_are_removed_and_editorial_brackets_kept() -> None:
    assert clean_footnotes("He voiced serious concerns. [i]") == "He voiced serious concerns."
    assert clean_footnotes("the embassy asserted.[iv]") == "the embassy asserted."
    assert clean_footnotes("v]Russian officials decided") == "Russian officials decided"
    assert clean_footnotes("as reported[12] by the daily") == "as reported by the daily"
    kept = "To maintain [their] image and [the so-called] two-state solution"
    assert clean_footnotes(kept) == kept


def test_footnote_stripping_applies_in_the_page_body() -> None:
    text = f"Port rules change\n\n{PARA_A} [ii]\n\nv]{PARA_B}\n\n{PARA_C[:-1]} [in the region].\n"
    body = extract_page(text).body
    assert "[ii]" not in body
    assert "v]" not in body
    assert "[in the region]" in body
    keep_markers = extract_page(text, config=BoilerplateConfig(strip_footnote_markers=False))
    assert "[ii]" in keep_markers.body


def test_body_is_deterministic() -> None:
    text = f"Port rules change\n\nShare this\n\n{PARA_A}\n\n{PARA_B}\n\nRead more\n"
    bodies = {extract_page(text).body for _ in range(3)}
    assert len(bodies) == 1


def test_empty_and_boilerplate_only_pages() -> None:
    assert extract_page("").body == ""
    result = extract_page("Home\nNews\n\nSign in\n\n© 2024 Example\n")
    assert result.body == ""
    assert all(line.label != "body" for line in result.lines)
