"""End to end: tagging anchored on a reference date, tense-driven anchoring, config."""

from __future__ import annotations

from datetime import date

import pytest

from chronicle.timex import TIMEX_MODS, TIMEX_TYPES, Timex, TimexConfig, tag_timexes

REF = date(2021, 10, 25)  # Monday


def one(text: str, ref: date | None = REF, config: TimexConfig | None = None) -> Timex:
    found = tag_timexes(text, ref, config=config)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "typ", "value"),
    [
        ("The deal was signed on October 22.", "DATE", "2021-10-22"),
        ("They met on Thursday.", "DATE", "2021-10-21"),
        ("They will meet on Thursday.", "DATE", "2021-10-28"),
        ("The talks are expected to end on Thursday.", "DATE", "2021-10-28"),
        ("He left last Tuesday.", "DATE", "2021-10-19"),
        ("Prices rose this week.", "DATE", "2021-W43"),
        ("Prices rose last month.", "DATE", "2021-09"),
        ("Elections are due next year.", "DATE", "2022"),
        ("The plant closed two years ago.", "DATE", "2019"),
        ("Sales fell over the past six months.", "DURATION", "P6M"),
        ("The war lasted 22 months.", "DURATION", "P22M"),
        ("Crime has recently fallen.", "DATE", "PAST_REF"),
        ("It is raining now.", "DATE", "PRESENT_REF"),
        ("It will pay off in the long run.", "DATE", "FUTURE_REF"),
        ("It rained yesterday.", "DATE", "2021-10-24"),
        ("The vote is on Oct. 30, 2021 at 3:42 am.", "TIME", "2021-10-30T03:42"),
        ("Profit rose in the third quarter.", "DATE", "2021-Q3"),
        ("The fair opened last fall.", "DATE", "2020-FA"),
        ("Growth was strong in the 1990s.", "DATE", "199X"),
        ("Fighting resumed over the weekend.", "DATE", "2021-W42-WE"),
        ("The ceremony is on Sha'ban 07, 1441.", "DATE", "2020-03-31"),
        ("They arrived a day after the vote.", "DURATION", "P1D"),
        ("Deals go live on Black Friday.", "DATE", "2021-11-26"),
        ("Life expectancy fell by 3.2 years.", "DURATION", "P3.2Y"),
        ("The meeting lasted half an hour.", "DURATION", "PT30M"),
        ("The trial took a year and a half.", "DURATION", "P1Y6M"),
        ("It closed on Christmas Eve 1999.", "DATE", "1999-12-24"),
        ("Bins are emptied every other week.", "SET", "P2W"),
        ("The post-1959 politics split families.", "DATE", "1959"),
        ("1996 was a good year for the company.", "DATE", "1996"),
        ("The company, founded 1978, employs staff.", "DATE", "1978"),
        ("The search could take weeks or months.", "DURATION", "PXW"),
        ("Their vacation plans on Friday changed nothing.", "DATE", "2021-10-22"),
    ],
)
def test_values_anchored_on_reference_date(text: str, typ: str, value: str) -> None:
    t = one(text)
    assert (t.type, t.value) == (typ, value)


def test_anchor_and_interval_fields() -> None:
    t = one("They met on Thursday.")
    assert t.anchor_date == REF
    assert (t.date_start, t.date_end) == (date(2021, 10, 21), date(2021, 10, 21))
    d = one("Sales fell over the past six months.")
    assert (d.anchor_date, d.date_start, d.date_end) == (None, None, None)
    a = one("It began on February 24, 2022.")
    assert a.anchor_date is None  # absolute: the reference date was not needed


def test_mods() -> None:
    assert one("Talks stalled in late November.").mod == "END"
    assert one("It began in the early 1990s.").mod == "START"
    t = one("The shelter held for at least 72 hours.")
    assert (t.value, t.mod) == ("PT72H", "EQUAL_OR_MORE")
    t = one("The siege lasted more than two years.")
    assert (t.value, t.mod) == ("P2Y", "MORE_THAN")
    found = tag_timexes("the late 1990s, at most two days", REF)
    assert [t.mod for t in found] == ["END", "EQUAL_OR_LESS"]
    assert {t.mod for t in found} <= set(TIMEX_MODS)


def test_without_reference_date_values_stay_underspecified() -> None:
    found = tag_timexes("It was signed October 22 and ratified on Tuesday, last week.", None)
    assert [t.value for t in found] == ["XXXX-10-22", "XXXX-WXX-2", "XXXX-WXX"]
    assert all(t.anchor_date is None and t.date_start is None for t in found)


def test_anaphora_and_bare_times_follow_the_discourse() -> None:
    text = "The bomb went off on Aug. 7, 1998. The next day, police arrived at 10 a.m. Friday."
    found = tag_timexes(text, date(1998, 8, 20))
    assert [(t.text, t.value) for t in found] == [
        ("Aug. 7, 1998", "1998-08-07"),
        ("The next day", "1998-08-08"),
        ("10 a.m. Friday", "1998-08-14T10:00"),
    ]
    found = tag_timexes("The blast came at 10:35 a.m. (0735 GMT) on Friday, police said.", REF)
    assert [(t.text, t.value) for t in found] == [
        ("10:35 a.m.", "2021-10-22T10:35"),
        ("Friday", "2021-10-22"),
    ]


def test_counted_anaphora_and_period_edges() -> None:
    text = "The plant opened on Aug. 7, 1998. Two days later it closed; it reopens by year-end."
    found = tag_timexes(text, date(1998, 10, 27))
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("Aug. 7, 1998", "1998-08-07", None),
        ("Two days later", "1998-08-09", None),
        ("year-end", "1998", "END"),
    ]
    t = one("Growth returns in the first quarter of next year.")
    assert t.value == "2022-Q1"
    assert one("Talks end at the beginning of next month.").value == "2021-11"
    assert tag_timexes("The strike could last months.", REF) == []


def test_deadline_signals_ignore_the_main_verb_tense() -> None:
    # "until"/"by" + weekday: the nearest one, not the past one the verb suggests.
    assert one("INS extended its deadline until Tuesday.").value == "2021-10-26"


def test_explicit_tense_overrides_the_heuristic() -> None:
    cfg = TimexConfig(tense_fn=lambda text, start, end: "FUTURE")
    assert one("They met on Thursday.", config=cfg).value == "2021-10-28"
    assert one("They met on Thursday.", config=cfg).tense == "FUTURE"


def test_default_tense_applies_only_without_evidence() -> None:
    cfg = TimexConfig(default_tense="PAST")
    assert one("Thursday: talks.", config=cfg).value == "2021-10-21"
    assert one("Thursday: talks.").value == "2021-10-28"  # nearest without a default
    with pytest.raises(ValueError):
        TimexConfig(default_tense="SOON")


def test_types_are_from_the_code_list() -> None:
    text = "On Friday at 10 a.m., daily, for two years, last week."
    assert {t.type for t in tag_timexes(text, REF)} == set(TIMEX_TYPES)


def test_out_of_calendar_values_are_dropped_not_crashing() -> None:
    assert tag_timexes("Dinosaurs lived 9999 years ago, in the 0th century.", REF) == []


def test_empty_and_plain_text() -> None:
    assert tag_timexes("") == []
    assert tag_timexes("No dates here, just words and 42 apples.") == []


def test_new_classes_values() -> None:
    from datetime import date as _date

    got = {
        t.text: (t.type, t.value, t.mod)
        for t in tag_timexes(
            "He works Tuesday nights, and the fair is held each July. It took nearly forty "
            "years. The bill passed in January nineteen ninety-seven. Rates fell over the "
            "past three months. The vote came late yesterday.",
            _date(2023, 12, 8),
        )
    }
    assert got == {
        "Tuesday nights": ("SET", "XXXX-WXX-2TNI", None),
        "each July": ("SET", "XXXX-07", None),
        "nearly forty years": ("DURATION", "P40Y", "APPROX"),
        "January nineteen ninety-seven": ("DATE", "1997-01", None),
        "the past three months": ("DURATION", "P3M", None),
        "late yesterday": ("DATE", "2023-12-07", "END"),
    }


def test_a_day_joined_to_a_full_date_takes_its_month() -> None:
    found = tag_timexes("The summit is set for April 24 and 25.", REF)
    assert [(t.text, t.value) for t in found] == [("April 24", "2022-04-24"), ("25", "2022-04-25")]
    # A count or a clock time after "and" is not a day.
    assert len(tag_timexes("On April 24 and 25 people died.", REF)) == 1
    assert [t.text for t in tag_timexes("It was May 3 and 4 p.m.", REF)][-1] == "4 p.m"


def test_a_weekday_without_a_tense_of_its_own_follows_the_narration() -> None:
    # Monday 25 October: a bare "Friday" is the coming one by nearness, but in a story
    # told in the past tense it is the one before.
    text = (
        "Troops crossed the border and shelled the town. Residents fled, and officials "
        "said the attack killed ten. Aid arrived late.\n\nTalks in Geneva on Friday."
    )
    last = tag_timexes(text, date(2021, 10, 26))[-1]
    assert (last.text, last.value) == ("Friday", "2021-10-22")
    nearest = tag_timexes(text, date(2021, 10, 26), config=TimexConfig(narration_tense=False))
    assert nearest[-1].value == "2021-10-29"
    # "planned to" says nothing of the side: nearness decides, whatever the narration.
    planned = text + " The team planned to leave on Wednesday."
    assert tag_timexes(planned, date(2021, 10, 26))[-1].value == "2021-10-27"


def test_a_bare_number_before_a_noun_stays_a_count() -> None:
    assert tag_timexes("It sold 1996 cars.", REF) == []
    assert tag_timexes("They hired 1500 workers, officials said.", REF) == []


def test_the_day_before_and_the_previous_day_count_from_the_day_under_discussion() -> None:
    text = "On Thursday police arrested him. The day before, he had fled. The previous day he hid."
    found = [(t.text, t.type, t.value) for t in tag_timexes(text, REF)]
    assert found == [
        ("Thursday", "DATE", "2021-10-21"),
        ("The day before", "DATE", "2021-10-20"),
        ("The previous day", "DATE", "2021-10-19"),  # the day before the day before
    ]
    # With an event after it, "the day before" counts from that event: not tagged alone.
    assert [t.text for t in tag_timexes("It was the day before the vote.", REF)] == []
    # "the past year" stays the year-long stretch.
    assert one("Sales rose over the past year.").value == "P1Y"
