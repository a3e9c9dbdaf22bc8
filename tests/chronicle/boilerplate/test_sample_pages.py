"""The five sample pages in raw/: clean bodies, headings kept, metadata and comments.

Expectations come from reading the pages (what a person would extract), checked as
properties rather than copies of the output.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from chronicle.boilerplate import PageExtraction, extract_page

RAW = Path(__file__).resolve().parents[3] / "raw"

CHROME = re.compile(
    r"share|leave a (?:reply|comment)|post a comment|no comments|related articles|©|"
    r"copyright|sign ?in|sign ?up|newsletter|subscribe|privacy policy|terms of use|"
    r"trending|exit mobile version|follow us|forgot password|email address will not",
    re.IGNORECASE,
)


@cache
def extracted(prefix: str) -> PageExtraction:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return extract_page(path.read_text(encoding="utf-8"))


PAGES = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("prefix", PAGES)
def test_bodies_carry_no_site_chrome(prefix: str) -> None:
    result = extracted(prefix)
    assert len(result.body) > 2000
    for paragraph in result.body.split("\n\n"):
        assert not (CHROME.search(paragraph) and len(paragraph) < 200), paragraph
    assert not CHROME.search(result.body[-300:])


@pytest.mark.parametrize("prefix", PAGES)
def test_every_line_is_labelled_once(prefix: str) -> None:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    result = extracted(prefix)
    expected = [i for i, line in enumerate(text.split("\n"), start=1) if line.strip()]
    assert [x.line_no for x in result.lines] == expected


def test_page_000_footnotes_wraps_and_title() -> None:
    result = extracted("000")
    assert result.title is not None and result.title.startswith("Putin aims to shift")
    assert [x.label for x in result.lines].count("title") == 2  # the headline is repeated
    body = result.body
    assert "[i]" not in body and "[iv]" not in body
    assert not any(p.startswith("v]") for p in body.split("\n\n"))
    assert "[the so-called]" in body and "[their]" in body
    assert "to the extent that Putin issued an order" in body
    assert "Russia, Iran, and Ukraine’s support" in body  # in-article heading kept
    assert result.published_date is None
    assert result.authors == []
    assert result.comments == []


def test_page_001_headings_and_trailing_byline() -> None:
    result = extracted("001")
    assert result.title == "Is a shift happening in Moscow’s policies in West Asia?"
    assert "\n\nDrivers of Russia’s tilt\n\n" in result.body
    assert "\n\nRussia’s alleged role in Hamas operation\n\n" in result.body
    assert result.authors == ["Mona Hojat Ansari"]
    assert "Mona Hojat Ansari" not in result.body
    assert result.body.startswith("TEHRAN")
    assert result.published_date is None


def test_page_002_hijri_dateline_author_and_section() -> None:
    result = extracted("002")
    assert result.title == "Broader Look at Russia-Israel Partnership"
    assert result.authors == ["Akhmet Makhmoudov"]
    assert result.published_date == date(2020, 4, 1)
    assert result.published_date_precision == "day"
    assert result.section == "News & Analysis"
    assert "Ayman Ahmed" not in result.body
    assert "Zionist Entity: The Abnormal State" not in result.body
    assert "Empowering Weak" not in result.body


def test_page_003_three_reader_comments() -> None:
    result = extracted("003")
    assert result.title == "Should Iran Worry About Russian–Israeli Ties?"
    assert len(result.comments) == 3
    assert [c.position for c in result.comments] == [1, 2, 3]
    assert all(c.author for c in result.comments)
    assert result.comments[1].author == "Walkin O'Shea"
    assert [c.posted_at.date() for c in result.comments if c.posted_at] == [
        date(2021, 10, 30),
        date(2021, 11, 2),
        date(2021, 11, 25),
    ]
    assert "I’d say Iran has plenty to worry about" in result.comments[0].text
    for comment in result.comments:
        assert comment.text[:40] not in result.body
    assert "Image by" not in result.body
    assert "Help us here" not in result.body
    assert "Bitcoin" not in result.body
    # The comment dates are not the article's date.
    assert result.published_date is None


def test_page_004_section_heading_and_no_invented_date() -> None:
    result = extracted("004")
    assert result.section == "Geopolitics & Foreign Policy"
    assert result.title is not None and result.title.startswith("Iran’s Raisi tells Putin")
    assert "\n\nTIES TO THE MILITARY\n\n" in result.body
    assert "Deputy Prime Minister Alexander Novak" in result.body
    assert result.published_date is None  # "Published / on" states no date
    assert result.authors == []
