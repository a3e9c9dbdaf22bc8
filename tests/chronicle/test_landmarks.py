"""Corpus landmarks: days a page states with their year teach other pages that year."""

from __future__ import annotations

from datetime import date

from chronicle.landmarks import CorpusLandmarks, landmark_days, page_dates


def test_page_dates_keep_the_names_of_their_sentence() -> None:
    dates = page_dates(
        "Hamas attacked Israel on October 7, 2023. Putin spoke after the October 7 "
        "Operation by Hamas. It rained on 3 May."
    )
    assert dates.stated == (("2023-10-07", ("hamas", "israel")),)
    # "It rained on 3 May" names nothing: no cue, no evidence.
    assert dates.yearless == (("10-07", ("hamas", "operation", "putin")),)


def test_a_yearless_day_takes_the_year_of_the_page_that_shares_a_name() -> None:
    stated = page_dates("Hamas attacked Israel on October 7, 2023.")
    other = page_dates("Festival of Lorn opened on October 7, 2019.")
    naming = page_dates("Putin spoke after the October 7 Operation by Hamas.")
    learned = CorpusLandmarks.build([stated, other, naming])
    assert learned.for_page(naming) == ("2023-10-07|hamas",)
    (day,) = landmark_days(learned.for_page(naming))
    assert (day.day, day.cues) == (date(2023, 10, 7), frozenset({"hamas"}))


def test_two_years_that_fit_as_well_give_none() -> None:
    a = page_dates("Hamas fired rockets on October 7, 2023.")
    b = page_dates("Hamas held a rally on October 7, 2015.")
    naming = page_dates("After the October 7 events, Hamas spoke.")
    assert CorpusLandmarks.build([a, b, naming]).for_page(naming) == ()
