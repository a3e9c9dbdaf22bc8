"""Reader comments: header forms, positions, authors, times, no leak into the body."""

from __future__ import annotations

from datetime import datetime

from chronicle.boilerplate import extract_page
from chronicle.boilerplate.comments import parse_header
from chronicle.boilerplate.features import split_lines

ARTICLE = (
    "Should the city build a new stadium?\n\n"
    "The city council will vote next week on whether to fund a new stadium, a project that "
    "supporters say would bring jobs and visitors to the struggling eastern district.\n\n"
    "Critics argue that the money should go to housing instead, pointing to studies that "
    "found stadiums rarely pay for themselves through tax revenue or new businesses.\n\n"
    "The council's finance committee is expected to publish its own estimate of the costs "
    "on Friday, ahead of a public hearing scheduled for the following Monday evening.\n\n"
)


def test_comment_blocks_are_parsed_and_kept_out_of_the_body() -> None:
    text = ARTICLE + (
        "Leave a Comment\n\n"
        "alice_w March 3, 2022 at 9:15 pm\n\n"
        "I think the stadium is a waste of money for a city with so many other needs.\n\n"
        "Bob Stone March 4, 2022 at 7:02 am\n\n"
        "Disagree. It will bring jobs.\n\nReply\n\n"
        "Privacy Policy\n"
    )
    result = extract_page(text)
    assert [c.position for c in result.comments] == [1, 2]
    assert [c.author for c in result.comments] == ["alice_w", "Bob Stone"]
    assert result.comments[0].posted_at == datetime(2022, 3, 3, 21, 15)
    assert result.comments[1].posted_at == datetime(2022, 3, 4, 7, 2)
    assert result.comments[1].text == "Disagree. It will bring jobs."
    assert "waste of money" not in result.body
    assert "Disagree" not in result.body
    labels = {x.text: (x.label, x.reason) for x in result.lines}
    assert labels["Bob Stone March 4, 2022 at 7:02 am"] == ("comment", "comment_header")
    assert labels["Disagree. It will bring jobs."] == ("comment", "comment_text")
    assert labels["Reply"][0] == "boilerplate"


def test_multi_paragraph_comment_text_is_joined() -> None:
    text = ARTICLE + (
        "Jo Park April 1, 2023 at 1:00 pm\n\nFirst thought about the plan.\n\n"
        "Second thought, after reading the report again.\n"
    )
    (comment,) = extract_page(text).comments
    assert comment.text == (
        "First thought about the plan.\n\nSecond thought, after reading the report again."
    )


def test_header_forms() -> None:
    lines = split_lines(
        "Maria says:\nJune 2, 2021 at 3:00 pm\nMaria June 2, 2021 at 3:00 pm\n"
        "Published June 2, 2021 at 3:00 pm\nJune 2, 2021"
    )
    two_line = parse_header(lines[0], lines[1])
    assert two_line[0] == 2 and two_line[1] == "Maria"
    assert two_line[2] == datetime(2021, 6, 2, 15, 0)
    assert parse_header(lines[2], lines[3])[:2] == (1, "Maria")
    # A published line and a bare dateline are not comment headers.
    assert parse_header(lines[3], lines[4])[0] == 0
    assert parse_header(lines[4], None)[0] == 0


def test_no_comments_widget_gives_no_comments() -> None:
    text = ARTICLE + "There are no comments for this article\n\nPost a comment for this article\n"
    result = extract_page(text)
    assert result.comments == []
    assert "no comments" not in result.body


def test_relative_time_headers_and_headlines_with_stamps() -> None:
    lines = split_lines(
        "Maria · 3 hours ago\nNick A\n2 days ago at 07:47 am\n"
        "Apple Card gender bias on the AppleInsider Podcast ~5 days ago\n"
        "Molten planetary core\n16 hours ago"
    )
    assert parse_header(lines[0], lines[1])[:2] == (1, "Maria")
    assert parse_header(lines[1], lines[2])[:2] == (2, "Nick A")
    assert parse_header(lines[3], lines[4])[0] == 0  # a headline, not a name
    assert parse_header(lines[4], lines[5])[0] == 0  # lower-case words: not a name
