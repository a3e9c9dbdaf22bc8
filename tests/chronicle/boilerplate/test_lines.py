"""Line labels and reason codes on tiny inline pages."""

from __future__ import annotations

import json

from chronicle.boilerplate import (
    LINE_LABELS,
    LINE_REASONS,
    BoilerplateConfig,
    SiteLineStats,
    extract_page,
)
from chronicle.boilerplate.features import split_lines, widget_reason

PROSE = [
    "The city council voted on Tuesday to expand the bus network, a decision that officials "
    "said would cut commuting times for thousands of residents in the northern districts.",
    "Opponents of the plan argued that the money would be better spent on repairing roads, "
    "and several members said they had not been given enough time to read the proposal.",
    "The mayor, who has made public transport a priority since taking office, said the new "
    "routes would start running in the spring and that fares would not rise this year.",
    "Residents who attended the meeting were divided, with some welcoming the extra buses "
    "while others worried about noise and traffic on the narrow streets near the depot.",
]


def page(*parts: str) -> str:
    """Blocks separated by blank lines, like html-text output."""
    return "\n\n".join(parts) + "\n"


def labels_by_text(text: str, **kw: object) -> dict[str, tuple[str, str]]:
    result = extract_page(text, **kw)
    return {line.text: (line.label, line.reason) for line in result.lines}


def test_every_label_and_reason_is_from_the_documented_lists() -> None:
    text = page(
        "Council expands bus network | City Paper",
        "Home\nNews\nSport",
        "Council expands bus network",
        "By Jane Miller",
        *PROSE,
        "Share this article",
        "© 2024 City Paper. All rights reserved.",
    )
    result = extract_page(text)
    assert len(result.lines) == sum(1 for line in text.split("\n") if line.strip())
    for line in result.lines:
        assert line.label in LINE_LABELS
        assert line.reason in LINE_REASONS


def test_widgets_get_their_family_reason_codes() -> None:
    text = page(
        "Council expands bus network",
        *PROSE[:2],
        "Share this article",
        *PROSE[2:],
        "Sign up for our newsletter",
        "Leave a Reply",
        "Copyright 2024 City Paper",
        "Privacy Policy | Terms of Use",
        "Sign In",
    )
    got = labels_by_text(text)
    assert got["Share this article"] == ("boilerplate", "share_widget")
    assert got["Sign up for our newsletter"] == ("boilerplate", "newsletter_prompt")
    assert got["Leave a Reply"] == ("boilerplate", "comment_widget")
    assert got["Copyright 2024 City Paper"] == ("boilerplate", "copyright_line")
    assert got["Privacy Policy | Terms of Use"] == ("boilerplate", "cookie_privacy")
    assert got["Sign In"] == ("boilerplate", "account_link")
    assert all(got[p] == ("body", "content_model") for p in PROSE)


def test_widget_lexicon_covers_other_languages() -> None:
    for text, reason in [
        ("Compartilhe esta notícia", "share_widget"),
        ("Поделиться", "share_widget"),
        ("Baca juga", "related_list"),
        ("Комментарии", "comment_widget"),
        ("Tinggalkan Balasan", "comment_widget"),
    ]:
        (line,) = split_lines(text)
        assert line.widget == reason, text


def test_widget_words_in_news_headings_and_prose_are_not_widgets() -> None:
    for text in [
        "A spokesman did not immediately respond to a request for comment.",
        "The officials declined to comment",
        "Twitter suspends the account of a senator",
        "Share prices fall after the announcement",
        "Daftar Pemain Timnas Indonesia",
        "A new menu for the holidays",
    ]:
        assert split_lines(text)[0].widget is None, text
    for text in ["12 Comments", "Comments", "Video", "Show comments", "Twitter", "Share"]:
        assert split_lines(text)[0].widget is not None, text


def test_widget_words_inside_long_prose_do_not_fire() -> None:
    sentence = (
        "The company declined to comment on the report, and shares fell three percent in "
        "early trading before recovering later in the afternoon session."
    )
    (line,) = split_lines(sentence)
    assert widget_reason(line.text, [t.lower() for t in sentence.split()]) is None
    assert line.widget is None


def test_menu_outside_the_article_is_outside_main_block() -> None:
    text = page("Home\nWorld\nBusiness\nSport\nWeather", *PROSE, "About us\nContact\nJobs")
    got = labels_by_text(text)
    assert got["Business"] == ("boilerplate", "outside_main_block")
    assert got["Jobs"][0] == "boilerplate"


def test_short_heading_between_paragraphs_is_kept() -> None:
    text = page("Council expands bus network", *PROSE[:2], "What happens next", *PROSE[2:])
    result = extract_page(text)
    got = {line.text: line for line in result.lines}
    assert got["What happens next"].label == "heading"
    assert got["What happens next"].reason == "inline_heading"
    assert "What happens next" in result.body


def test_list_of_headlines_after_the_article_is_dropped() -> None:
    text = page(
        "Council expands bus network",
        *PROSE,
        "Mayor opens new library",
        "Storm closes coastal road",
        "Local team wins the cup final",
    )
    result = extract_page(text)
    assert "Mayor opens new library" not in result.body
    assert "Local team wins" not in result.body


def test_site_template_lines_need_corpus_evidence() -> None:
    slogan = "Independent news for curious readers"
    text = page("Council expands bus network", slogan, *PROSE)
    stats = SiteLineStats()
    for k in range(5):
        stats.add_page("example.org", f"{slogan}\nSome page {k} text that differs\n")
    with_stats = labels_by_text(text, site="example.org", site_stats=stats)
    assert with_stats[slogan] == ("boilerplate", "site_template")
    # Without the stats (or for another site) the filter does not apply.
    other = labels_by_text(text, site="other.org", site_stats=stats)
    assert other[slogan][1] != "site_template"
    assert labels_by_text(text)[slogan][1] != "site_template"


def test_site_line_stats_counts_pages_not_occurrences() -> None:
    stats = SiteLineStats()
    stats.add_page("a.com", "Menu\nMenu\nStory one")
    stats.add_page("a.com", "menu \nStory two")
    stats.add_page("b.com", "Menu")
    assert stats.count("a.com", "Menu") == 2
    assert stats.pages_seen("a.com") == 2
    assert stats.count("b.com", "Menu") == 1
    assert stats.count("a.com", "Story three") == 0
    restored = SiteLineStats.from_dict(json.loads(json.dumps(stats.to_dict())))
    assert restored.count("a.com", "Menu") == 2 and restored.pages_seen("a.com") == 2


def test_config_overrides_change_behaviour() -> None:
    text = page("Council expands bus network", *PROSE[:2], "What happens next", *PROSE[2:])
    strict = BoilerplateConfig(max_heading_run=0)  # no headings allowed between paragraphs
    result = extract_page(text, config=strict)
    label = next(x for x in result.lines if x.text == "What happens next")
    assert (label.label, label.reason) == ("boilerplate", "related_item")
    assert "What happens next" not in result.body
    assert BoilerplateConfig().with_overrides(content_threshold=0.7).content_threshold == 0.7


def test_page_without_blank_lines_still_yields_the_article() -> None:
    menu = ["Home", "World", "Business", "Sport", "Weather", "Video", "Podcasts", "Contact"]
    footer = ["About us", "Careers", "Advertise with us", "Terms of Use", "Privacy Policy"]
    text = "\n".join([*menu, "Council expands bus network", *PROSE, *footer]) + "\n"
    result = extract_page(text)
    assert all(p in result.body for p in PROSE)
    assert "Weather" not in result.body and "Careers" not in result.body


def test_list_announced_by_a_heading_is_kept_but_link_lists_are_not() -> None:
    items = [
        "England (Group A): tenth appearance at the finals",
        "Spain (Group F): eleventh appearance at the finals",
        "France (Group H): tenth appearance at the finals",
        "Wales (Group E): second appearance at the finals",
    ]
    links = [
        "Mayor opens new library in the old town hall",
        "Storm closes coastal road for the second time",
        "Local team wins the cup final after extra time",
    ]
    text = page(
        "Council expands bus network",
        *PROSE[:2],
        "Qualified teams",
        "\n".join(items),
        *PROSE[2:],
        "More stories",
        "\n".join(links),
    )
    result = extract_page(text)
    got = {x.text: (x.label, x.reason) for x in result.lines}
    assert all(got[item] == ("body", "list_item") for item in items)
    assert all(item in result.body for item in items)
    assert not any(link in result.body for link in links)
