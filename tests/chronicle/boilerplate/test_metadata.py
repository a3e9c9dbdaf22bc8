"""Title, authors, publication date (incl. Hijri) and section extraction."""

from __future__ import annotations

from datetime import date

from hijridate import Hijri

from chronicle.boilerplate import PAGE_DATE_SOURCES, extract_page
from chronicle.boilerplate.dates import find_dates
from chronicle.boilerplate.metadata import byline_authors, is_section_label, looks_like_name

PROSE = (
    "The regional government approved the budget on Thursday after a long debate, and "
    "ministers said the extra money would go to schools and hospitals in rural areas.\n\n"
    "Opposition members criticised the plan, arguing that it relied on optimistic growth "
    "forecasts and did too little to reduce the public debt built up in recent years.\n\n"
    "The finance minister said the figures had been checked by independent experts and "
    "that spending would be reviewed in the middle of the year if revenues fell short.\n"
)


def test_repeated_headline_counts_once_and_site_suffix_is_dropped() -> None:
    text = (
        "Budget approved after long debate | The Daily Example\n\nMenu\n\n"
        f"Budget approved after long debate\n\n{PROSE}"
    )
    result = extract_page(text)
    assert result.title == "Budget approved after long debate"
    titles = [x for x in result.lines if x.label == "title"]
    assert len(titles) == 2
    assert "Budget approved" not in result.body


def test_title_is_not_a_section_label() -> None:
    text = f"Politics\n\nBudget approved after long debate\n\n{PROSE}"
    result = extract_page(text)
    assert result.title == "Budget approved after long debate"
    assert result.section == "Politics"


def test_byline_authors_and_site_name_is_not_an_author() -> None:
    text = (
        "Budget approved after long debate\n\nBy Maria Lopez and John Smith, Example News\n\n"
        f"{PROSE}"
    )
    result = extract_page(text)
    assert result.authors == ["Maria Lopez", "John Smith"]
    labels = {x.text: x.label for x in result.lines}
    assert labels["By Maria Lopez and John Smith, Example News"] == "byline"
    assert byline_authors("By Reuters Staff") == []
    assert byline_authors("By AFP") == []
    assert not looks_like_name("Getty Images")
    assert not looks_like_name("Example News")
    assert looks_like_name("Walkin O'Shea")


def test_name_before_the_dateline_and_agency_after_the_name() -> None:
    text = f"Budget approved after long debate\n\nJane Smith | March 3, 2020\n\n{PROSE}"
    result = extract_page(text)
    assert result.authors == ["Jane Smith"]
    assert result.published_date == date(2020, 3, 3)
    assert byline_authors("By JOHN SMITH Associated Press") == ["JOHN SMITH"]
    assert byline_authors("By Sarah E. Needleman The Wall Street Journal") == ["Sarah E. Needleman"]


def test_by_on_its_own_line() -> None:
    text = f"Budget approved after long debate\n\nBy\nAna Torres\n\n{PROSE}"
    result = extract_page(text)
    assert result.authors == ["Ana Torres"]
    labels = {x.text: x.label for x in result.lines}
    assert labels["By"] == labels["Ana Torres"] == "byline"


def test_author_line_after_the_article() -> None:
    text = f"Budget approved after long debate\n\n{PROSE}\nBy Mona Example\n\nShare this\n"
    assert extract_page(text).authors == ["Mona Example"]


def test_published_line_gives_date_precision_and_source() -> None:
    text = f"Budget approved after long debate\n\nPublished on March 5, 2021 at 10:00 am\n\n{PROSE}"
    result = extract_page(text)
    assert result.published_date == date(2021, 3, 5)
    assert result.published_date_precision == "day"
    assert result.published_date_source == "published_line"


def test_updated_dates_are_not_publication_dates() -> None:
    text = f"Budget approved after long debate\n\nUpdated Nov. 19, 2019 8:21 am ET\n\n{PROSE}"
    assert extract_page(text).published_date is None
    text = (
        "Budget approved after long debate\n\n"
        f"Updated Nov. 19, 2019 8:21 am ET / Original Nov. 18, 2019 7:00 am ET\n\n{PROSE}"
    )
    result = extract_page(text)
    assert result.published_date == date(2019, 11, 18)
    assert result.published_date_source == "published_line"
    assert result.published_date_source in PAGE_DATE_SOURCES


def test_month_precision_dateline() -> None:
    text = f"Budget approved after long debate\n\nNovember 2019\n\n{PROSE}"
    result = extract_page(text)
    assert result.published_date == date(2019, 11, 1)
    assert result.published_date_precision == "month"
    assert result.published_date_source == "dateline"


def test_hijri_date_is_converted() -> None:
    (found,) = find_dates("Sha'ban 07, 1441")
    assert found.calendar == "hijri"
    assert found.value == date(*Hijri(1441, 8, 7).to_gregorian().datetuple())
    (found,) = find_dates("Dhu al-Qa'dah 01, 1443")
    assert found.value == date(*Hijri(1443, 11, 1).to_gregorian().datetuple())
    text = f"Budget approved after long debate\n\nRamadan 10, 1445\n\n{PROSE}"
    result = extract_page(text)
    assert result.published_date == date(*Hijri(1445, 9, 10).to_gregorian().datetuple())
    assert result.published_date_source == "dateline"


def test_stated_gregorian_date_wins_over_hijri_on_the_same_line() -> None:
    text = f"Budget approved after long debate\n\nSha'ban 07, 1441 2020-04-01\n\n{PROSE}"
    assert extract_page(text).published_date == date(2020, 4, 1)


def test_nothing_invented_when_absent() -> None:
    result = extract_page(f"Budget approved after long debate\n\nPublished\n\non\n\n{PROSE}")
    assert result.published_date is None
    assert result.published_date_precision is None
    assert result.published_date_source is None
    assert result.authors == []
    assert result.section is None
    assert extract_page(PROSE).title is None or extract_page(PROSE).title not in PROSE


def test_section_labels() -> None:
    assert is_section_label("News & Analysis")
    assert is_section_label("Geopolitics & Foreign Policy")
    assert not is_section_label("Empowering Weak & Oppressed")
    assert not is_section_label("Budget approved after long debate")
