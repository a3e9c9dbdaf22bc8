"""Site-template evidence agrees with the boilerplate classifier's own threshold."""

from chronicle.boilerplate import DEFAULT_CONFIG
from chronicle.sitelines import SiteTemplates, page_line_hashes, template_digest


def test_lines_on_enough_pages_of_a_site_are_template_lines() -> None:
    slogan = "Read the Gazette every morning"
    pages = [f"Story number {word}\n{slogan}\nText about {word}." for word in "abcdefghij"]
    hashes = [page_line_hashes(p.encode()) for p in pages]
    templates = SiteTemplates.build([("gazette", h) for h in hashes[:2]])
    assert templates.template_lines("gazette", hashes[0]) == ()  # two pages: too few
    templates = SiteTemplates.build([("gazette", h) for h in hashes])
    found = templates.template_lines("gazette", hashes[0])
    assert found == page_line_hashes(slogan.encode())
    assert templates.template_lines("other-site", hashes[0]) == ()
    assert templates.template_lines(None, hashes[0]) == ()
    stats = templates.stats()
    assert stats.count("gazette", slogan) == 10 and stats.pages_seen("gazette") == 10
    assert stats.count("gazette", "Text about a.") == 0  # only template lines are kept


def test_threshold_matches_the_classifier_test_at_the_boundary() -> None:
    share, least = DEFAULT_CONFIG.template_min_share, DEFAULT_CONFIG.template_min_pages
    for seen in range(least, 40):
        for count in range(1, seen + 1):
            pages = [("s", ("line",) if i < count else ("other",)) for i in range(seen)]
            expected = count >= least and count / seen >= share
            assert bool(SiteTemplates.build(pages).template_lines("s", ("line",))) == expected


def test_digest_is_empty_without_template_lines_and_stable_otherwise() -> None:
    assert template_digest(()) == ""
    assert template_digest(("a", "b")) == template_digest(("a", "b")) != template_digest(("a",))
