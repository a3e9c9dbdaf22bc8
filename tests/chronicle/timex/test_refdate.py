"""Reference-date inference from publication date, reader comments and body dates."""

from __future__ import annotations

from datetime import date, datetime

from chronicle.timex import infer_reference_date, tag_timexes


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
