"""Reference-date inference from publication date, reader comments and body dates."""

from __future__ import annotations

from datetime import date, datetime

from chronicle.timex import infer_reference_date, tag_timexes
from chronicle.timex.refdate import (
    LandmarkDay,
    infer_reference,
    precision_of_interval,
    weekday_pairs,
)


def test_publication_date_wins() -> None:
    got = infer_reference_date(date(2021, 10, 25), [datetime(2021, 10, 26, 9)], [date(2021, 10, 1)])
    assert got == (date(2021, 10, 25), "day", "published")


def test_both_bounds_close_together() -> None:
    comments = [datetime(2021, 10, 26, 8), datetime(2021, 10, 25, 21, 30)]
    got = infer_reference_date(None, comments, [date(2021, 10, 22), date(2021, 3, 1)])
    assert got == (date(2021, 10, 25), "week", "comments+body_dates")


def test_both_bounds_far_apart() -> None:
    got = infer_reference_date(None, [datetime(2021, 12, 1, 10)], [date(2021, 10, 22)])
    assert got == (date(2021, 12, 1), "bounded", "comments+body_dates")


def test_only_comments() -> None:
    got = infer_reference_date(None, [datetime(2021, 10, 26, 8)], [])
    assert got == (date(2021, 10, 26), "upper_bound", "earliest_comment")


def test_only_body_dates() -> None:
    got = infer_reference_date(None, [], [date(2021, 10, 22), date(2021, 10, 2)])
    assert got == (date(2021, 10, 22), "lower_bound", "latest_body_date")


def test_body_date_after_first_comment_is_ignored() -> None:
    # An announced future date ("the vote on Nov. 30") cannot bound publication from below.
    got = infer_reference_date(None, [datetime(2021, 10, 26, 8)], [date(2021, 11, 30)])
    assert got == (date(2021, 10, 26), "upper_bound", "earliest_comment")


def test_no_evidence_gives_none() -> None:
    assert infer_reference_date(None, [], []) == (None, "none", "unknown")


def test_accepts_the_taggers_output_and_uses_only_absolute_days() -> None:
    body = "The law passed on Oct. 19, 2021. On Friday, protests began; in 2020 it failed."
    got = infer_reference_date(None, [], tag_timexes(body))
    assert got == (date(2021, 10, 19), "lower_bound", "latest_body_date")


# ---------------------------------------------------------------- infer_reference


def _infer(text: str, **kw):
    return infer_reference(text=text, timexes=tag_timexes(text), **kw)


def test_published_month_stays_a_month() -> None:
    ref = infer_reference(published=date(2021, 10, 1), published_precision="month")
    assert (ref.date, ref.precision, ref.earliest, ref.latest) == (
        date(2021, 10, 1), "month", date(2021, 10, 1), date(2021, 10, 31),
    )  # fmt: skip
    assert not ref.anchors  # "yesterday" cannot be counted from a month
    assert infer_reference(published=date(2021, 10, 22)).confidence == 1.0


def test_fetch_time_bounds_from_above_and_reported_days_from_below() -> None:
    text = "Bennett visited Russia on October 22 and met Putin in Sochi."
    ref = _infer(text, fetched_at=datetime(2021, 10, 30, 8, 0))
    assert (ref.date, ref.earliest, ref.latest) == (
        date(2021, 10, 30), date(2021, 10, 22), date(2021, 10, 30),
    )  # fmt: skip
    assert (ref.precision, ref.source) == ("month", "constraints")
    assert ref.anchors


def test_weekday_with_day_fixes_the_year_above_a_lower_bound() -> None:
    text = (
        "During his visit in 2016 the two got on well. The two leaders spoke on "
        "Sunday [December 10] and nothing changed."
    )
    ref = _infer(text)
    # Sunday 10 December falls in 2017, 2023, 2028...: the first after 2016 is 2017.
    assert (ref.date, ref.source, ref.earliest) == (date(2017, 12, 10), "weekday_date",
                                                    date(2017, 12, 10))  # fmt: skip


def test_weekday_pair_without_any_bound_gives_no_year() -> None:
    ref = _infer("The leaders spoke on Sunday, December 10.")
    assert ref.date is None and ref.precision is None


def test_landmark_day_bounds_the_page_and_moves_the_weekday_year() -> None:
    oct7 = LandmarkDay(date(2023, 10, 7), frozenset({"hamas"}), "attack")
    text = (
        "In 2016 Netanyahu came to Moscow. Putin spoke after the October 7 Operation by "
        "Hamas. The leaders spoke on Sunday [December 10]."
    )
    ref = _infer(text, landmarks=[oct7])
    assert (ref.date, ref.source) == (date(2023, 12, 10), "weekday_date")
    assert "landmark" in ref.evidence


def test_landmark_needs_a_cue_in_its_sentence() -> None:
    oct7 = LandmarkDay(date(2023, 10, 7), frozenset({"hamas"}), "attack")
    assert _infer("The fair opened on October 7.", landmarks=[oct7]).date is None


def test_future_dates_and_deadlines_are_not_lower_bounds() -> None:
    ref = _infer("Emissions must fall by 2050. The vote will be held on March 3, 2030.")
    assert ref.date is None


def test_weekday_pair_parsing() -> None:
    pairs = weekday_pairs("on Friday, 3 March and on Tuesday the 5th of May 2020")
    assert [(p.weekday, p.month, p.day) for p in pairs] == [(5, 3, 3)]


def test_precision_never_finer_than_the_interval() -> None:
    assert precision_of_interval(date(2021, 10, 22), date(2021, 10, 22)) == "day"
    assert precision_of_interval(date(2021, 10, 28), date(2021, 11, 2)) == "week"
    assert precision_of_interval(date(2021, 10, 2), date(2021, 10, 30)) == "month"
    assert precision_of_interval(date(2021, 3, 2), date(2021, 10, 30)) == "year"
    assert precision_of_interval(date(2020, 3, 2), date(2021, 10, 30)) == "approximate"
    assert precision_of_interval(date(2020, 3, 2), None) == "approximate"


def test_a_year_after_every_reported_day_is_a_plan() -> None:
    ref = _infer("The panel met on May 5, 2015. A referendum will follow in 2016.")
    assert (ref.date, ref.source) == (date(2015, 5, 5), "latest_body_date")


UKRAINE = LandmarkDay(date(2022, 2, 24), frozenset({"ukraine"}), "invasion")
GAZA = LandmarkDay(date(2023, 10, 7), frozenset({"gaza"}), "attack")


def test_stretches_since_known_events_that_agree_bound_the_page() -> None:
    text = (
        "Casualties in Ukraine over the past 22 months drew more notice than those in "
        "Gaza over the past 2 months."
    )
    ref = _infer(text, landmarks=[UKRAINE, GAZA])
    # 22 months after 2022-02-24 and 2 months after 2023-10-07 meet in Nov 2023 to
    # Jan 2024 (one unit either side: writers round); the other pairings disagree.
    assert (ref.earliest, ref.latest) == (date(2023, 11, 24), date(2024, 1, 7))
    assert ref.source == "duration_since" and ref.precision == "approximate"


def test_a_lone_stretch_is_not_evidence() -> None:
    text = "In the past six months, two delegations from Gaza visited Moscow."
    assert _infer(text, landmarks=[GAZA]).date is None


def test_stretches_pick_the_weekday_year() -> None:
    text = (
        "Casualties in Ukraine over the past 22 months drew more notice than those in "
        "Gaza over the past 2 months. The leaders spoke on Sunday [December 10]."
    )
    ref = _infer(text, landmarks=[UKRAINE, GAZA])
    assert (ref.date, ref.source) == (date(2023, 12, 10), "weekday_date")
    assert "duration_since" in ref.evidence


def test_a_month_said_of_a_landmark_bounds_the_page_without_anchoring_it() -> None:
    text = "Russia hosted a delegation from Gaza in October. Talks were held on Thursday."
    ref = _infer(text, landmarks=[GAZA])
    assert (ref.source, ref.earliest, ref.latest) == (
        "landmark",
        date(2023, 10, 1),
        date(2024, 10, 7),
    )
    assert ref.precision == "approximate" and ref.confidence < 0.5  # too loose to anchor on
    # The month must be the landmark's, and said in the past.
    assert _infer("Russia hosted a delegation from Gaza in March.", landmarks=[GAZA]).date is None
    assert _infer("Gaza talks will resume in October.", landmarks=[GAZA]).date is None
