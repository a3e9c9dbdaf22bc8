"""Normaliser rules, one by one, with hand-derived TIMEX3 values.

Reference date in most tests: Monday 25 October 2021 (ISO week 2021-W43).
"""

from __future__ import annotations

from datetime import date

import pytest

from chronicle.timex import Frame, normalise, value_interval
from chronicle.timex.normalise import (
    duration_value,
    resolve_month,
    resolve_month_day,
    resolve_season,
    resolve_weekday,
)
from chronicle.timex.tense import FUTURE, PAST

REF = date(2021, 10, 25)  # a Monday


def val(frame: Frame, ref: date | None = REF, tense: str | None = None) -> str:
    n = normalise(frame, ref, tense)
    assert n is not None
    return n.value


class TestWeekdays:
    def test_past_tense_picks_the_latest_on_or_before(self) -> None:
        assert resolve_weekday(4, REF, PAST, None) == date(2021, 10, 21)

    def test_future_tense_picks_the_first_on_or_after(self) -> None:
        assert resolve_weekday(4, REF, FUTURE, None) == date(2021, 10, 28)

    def test_no_tense_picks_the_nearer(self) -> None:
        assert resolve_weekday(7, REF, None, None) == date(2021, 10, 24)  # yesterday
        assert resolve_weekday(3, REF, None, None) == date(2021, 10, 27)  # in two days

    def test_same_weekday_as_reference_is_the_reference(self) -> None:
        assert resolve_weekday(1, REF, PAST, None) == REF

    def test_last_and_next_are_strict(self) -> None:
        assert resolve_weekday(1, REF, None, -1) == date(2021, 10, 18)
        assert resolve_weekday(1, REF, None, 1) == date(2021, 11, 1)
        assert resolve_weekday(2, REF, None, -1) == date(2021, 10, 19)

    def test_unanchored_weekday_is_underspecified(self) -> None:
        assert val(Frame("weekday", weekday=2), None) == "XXXX-WXX-2"


class TestIncompleteDates:
    def test_month_day_in_reference_month(self) -> None:
        assert resolve_month_day(10, 22, REF, None) == date(2021, 10, 22)

    def test_tense_chooses_between_past_and_future(self) -> None:
        assert resolve_month_day(3, 1, REF, PAST) == date(2021, 3, 1)
        assert resolve_month_day(3, 1, REF, FUTURE) == date(2022, 3, 1)

    def test_without_tense_the_nearest_year_wins(self) -> None:
        assert resolve_month_day(1, 14, date(2000, 1, 6), None) == date(2000, 1, 14)
        assert resolve_month_day(12, 20, date(2000, 1, 6), None) == date(1999, 12, 20)

    def test_a_tense_reading_over_nine_months_away_is_overruled(self) -> None:
        # "by Jan. 14" said on 6 Jan 2000 with a past verb nearby: 2000 not 1999.
        assert resolve_month_day(1, 14, date(2000, 1, 6), PAST) == date(2000, 1, 14)

    def test_weekday_selects_the_year(self) -> None:
        # Friday, Oct. 23: 23 Oct 2020 was a Friday, 23 Oct 2021 a Saturday.
        assert resolve_month_day(10, 23, REF, None, weekday=5) == date(2020, 10, 23)

    def test_bare_month(self) -> None:
        assert resolve_month(9, REF, PAST) == (2021, 9)
        assert resolve_month(2, REF, None) == (2022, 2)
        assert resolve_month(2, REF, PAST) == (2021, 2)

    def test_unanchored_month_day(self) -> None:
        assert val(Frame("date", month=10, day=22), None) == "XXXX-10-22"


class TestRelative:
    @pytest.mark.parametrize(
        ("unit", "rel", "expected"),
        [
            ("week", 0, "2021-W43"),
            ("week", -1, "2021-W42"),
            ("month", -1, "2021-09"),
            ("year", 1, "2022"),
            ("quarter", -1, "2021-Q3"),
            ("decade", 0, "202X"),
        ],
    )
    def test_relative_units(self, unit: str, rel: int, expected: str) -> None:
        assert val(Frame("relative", unit=unit, rel=rel)) == expected

    def test_deictics(self) -> None:
        assert val(Frame("deictic", offset=0)) == "2021-10-25"
        assert val(Frame("deictic", offset=-1)) == "2021-10-24"
        assert val(Frame("deictic", offset=0, pod="NI")) == "2021-10-25TNI"

    def test_ago_keeps_the_unit_granularity(self) -> None:
        assert val(Frame("ago", unit="year", amount=2, offset=-1)) == "2019"
        assert val(Frame("ago", unit="month", amount=3, offset=-1)) == "2021-07"
        assert val(Frame("ago", unit="day", amount=11, offset=-1)) == "2021-10-14"
        assert val(Frame("ago", unit="week", amount=6, offset=-1)) == "2021-W37"
        assert val(Frame("ago", unit="decade", amount=1, offset=-1)) == "2011"

    def test_vague_ago_is_past_ref(self) -> None:
        assert val(Frame("ago", unit="year", amount=None, offset=-1)) == "PAST_REF"

    def test_more_than_ago_means_before(self) -> None:
        n = normalise(Frame("ago", unit="decade", amount=4, offset=-1, mod="MORE_THAN"), REF)
        assert n is not None and (n.value, n.mod) == ("1981", "BEFORE")

    def test_weekend_said_on_monday_is_the_one_just_past(self) -> None:
        assert val(Frame("relative", unit="weekend", rel=0)) == "2021-W42-WE"

    def test_seasons(self) -> None:
        assert resolve_season("FA", REF, None, -1) == 2020  # fall 2021 is under way
        assert resolve_season("SU", REF, None, 0) == 2021
        assert resolve_season("SP", REF, None, 1) == 2022
        assert resolve_season("WI", date(2022, 1, 10), None, 0) == 2021  # winter 2021-22

    def test_unanchored_relative_stays_underspecified(self) -> None:
        assert val(Frame("relative", unit="week", rel=-1), None) == "XXXX-WXX"
        assert val(Frame("deictic", offset=0), None) == "XXXX-XX-XX"


class TestAbsolute:
    def test_time_of_day(self) -> None:
        n = normalise(Frame("time", year=2021, month=10, day=30, hour=3, minute=42), REF)
        assert n is not None and (n.type, n.value) == ("TIME", "2021-10-30T03:42")

    def test_decade_and_century(self) -> None:
        n = normalise(Frame("decade", decade=199), REF)
        assert n is not None and n.value == "199X"
        assert (n.date_start, n.date_end) == (date(1990, 1, 1), date(1999, 12, 31))
        assert val(Frame("century", century=19)) == "19XX"

    def test_hijri_date_converts_to_gregorian(self) -> None:
        # 1 Ramadan 1441 = 24 April 2020 and Sha'ban 1441 had 30 days,
        # so 1 Sha'ban = 25 March 2020 and 7 Sha'ban = 31 March 2020.
        assert val(Frame("hijri", year=1441, month=8, day=7), None) == "2020-03-31"

    def test_fiscal_year_and_quarter(self) -> None:
        assert val(Frame("fiscal", year=2021)) == "FY2021"
        assert val(Frame("quarter", quarter=4, unit="quarter", year=2020)) == "2020-Q4"

    def test_holidays(self) -> None:
        assert val(Frame("holiday", holiday="THANKSGIVING", year=1999)) == "1999-11-25"
        assert val(Frame("holiday", holiday="ELECTION", year=1998)) == "1998-11-03"


class TestDurationsAndSets:
    @pytest.mark.parametrize(
        ("parts", "expected"),
        [
            ([(6, "month")], "P6M"),
            ([(22, "month")], "P22M"),
            ([(5.5, "hour")], "PT5H30M"),
            ([(2, "hour"), (30, "minute")], "PT2H30M"),
            ([(4, "decade")], "P40Y"),
            ([(None, "year")], "PXY"),
            ([(1.5, "year")], "P1Y6M"),
            ([(0.5, "hour")], "PT30M"),
        ],
    )
    def test_duration_values(self, parts: list[tuple[float | None, str]], expected: str) -> None:
        assert duration_value(parts) == expected

    def test_past_n_units_is_a_duration(self) -> None:
        n = normalise(Frame("duration", unit="month", amount=6), REF)
        assert n is not None and (n.type, n.value, n.date_start) == ("DURATION", "P6M", None)

    def test_sets(self) -> None:
        assert val(Frame("set", set_value="P1D")) == "P1D"
        assert val(Frame("set", weekday=5)) == "XXXX-WXX-5"
        assert val(Frame("set", unit="year", amount=1, freq="2X")) == "P1Y"


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28)),
        ("2021-W43", date(2021, 10, 25), date(2021, 10, 31)),
        ("2021-W42-WE", date(2021, 10, 23), date(2021, 10, 24)),
        ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30)),
        ("2021-WI", date(2021, 12, 1), date(2022, 2, 28)),
        ("2021-10-30T03:42", date(2021, 10, 30), date(2021, 10, 30)),
        ("XXXX-10-22", None, None),
        ("PRESENT_REF", None, None),
    ],
)
def test_value_interval(value: str, start: date | None, end: date | None) -> None:
    assert value_interval(value) == (start, end)
