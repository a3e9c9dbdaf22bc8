"""HTML input through trafilatura, and the shingle scorer on tiny inputs."""

from __future__ import annotations

from datetime import date

from chronicle.boilerplate import LINE_LABELS, extract_html
from lab.boilerplate.score import aggregate, page_scores, shingles

PARAGRAPHS = [
    "The harbour authority confirmed on Tuesday that the new container terminal will open "
    "next spring, two years later than planned, after delays in dredging the channel.",
    "Local businesses had hoped the terminal would bring hundreds of jobs to the area, and "
    "several said the delay had forced them to postpone their own expansion plans.",
    "A spokesperson for the authority said the final cost was still being calculated but "
    "insisted that the project remained within the budget approved by the council.",
]

HTML = f"""<html><head><title>Harbour terminal delayed | Coast News</title>
<meta name="author" content="Anna Berg">
<meta property="article:published_time" content="2023-05-02T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour terminal delayed</h1>
<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article>
<footer>© 2023 Coast News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_extract_html_gives_the_same_structure() -> None:
    result = extract_html(HTML)
    assert result.body.split("\n\n") == PARAGRAPHS
    assert result.title == "Harbour terminal delayed"
    assert result.authors == ["Anna Berg"]
    assert result.published_date == date(2023, 5, 2)
    assert result.published_date_source == "html_metadata"
    assert "Privacy" not in result.body and "Home" not in result.body
    lines = result.source_text.split("\n")
    for label in result.lines:
        assert label.label in LINE_LABELS
        assert lines[label.line_no - 1].strip() == label.text


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert shingles("x y") == {"x y": 1}  # shorter than 4 tokens: one shingle
    assert shingles("a b c d a b c d")["a b c d"] == 2


def test_page_scores_and_aggregate() -> None:
    truth = "one two three four five six"
    assert page_scores(truth, truth) == (1.0, 1.0)
    precision, recall = page_scores("one two three four five six seven eight nine", truth)
    assert precision == 3 / 6 and recall == 1.0
    assert page_scores("", truth) == (0.0, 0.0)
    score = aggregate([(1.0, 0.5), (0.5, 0.5)])
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert abs(score.f1 - 0.6) < 1e-12
