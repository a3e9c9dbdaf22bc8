"""Closed word lists for temporal expressions (the grammar's terminals).

Every entry maps a lower-cased token to its meaning; the tokenizer turns these
into token classes and the normaliser reads the values. Keeping the vocabulary
here (and only here) is what lets the grammar stay small.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    start=1,
):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
    MONTHS[_name[:3] + "."] = _i
MONTHS.update({"sept": 9, "sept.": 9})
# Month names that are also ordinary English words are only months when capitalised.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "aug", "dec", "sep", "oct"})

WEEKDAYS: dict[str, int] = {}  # ISO weekday, Monday = 1
for _i, _name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1
):
    WEEKDAYS[_name] = _i
    WEEKDAYS[_name[:3]] = _i
    WEEKDAYS[_name[:3] + "."] = _i
WEEKDAYS.update({"tues": 2, "tues.": 2, "thur": 4, "thurs": 4, "thur.": 4, "thurs.": 4})
AMBIGUOUS_WEEKDAYS = frozenset({"mon", "wed", "sat", "sun", "thu", "fri", "tue", "mon.", "sun."})
WEEKDAY_PLURALS: dict[str, int] = {
    name + "s": i for name, i in WEEKDAYS.items() if len(name) > 4 and not name.endswith(".")
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "thirtieth": 30, "last": -1,
}  # fmt: skip
# Quantities with no definite number: they give "X" in values (PXY = "years").
VAGUE_QUANTITIES = frozenset({"several", "few", "many", "some", "couple", "numerous", "recent"})

# Canonical unit -> (ISO 8601 designator, is a time unit (goes after "T")).
UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "day": "day", "days": "day",
    "week": "week", "weeks": "week",
    "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month",
    "quarter": "quarter", "quarters": "quarter",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
    "millennium": "millennium", "millennia": "millennium",
    "weekend": "weekend", "weekends": "weekend",
}  # fmt: skip
PLURAL_UNITS = frozenset(w for w in UNITS if w.endswith("s") or w in {"centuries", "millennia"})

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
# Seasons that are also common verbs/nouns need a modifier or a year to count.
AMBIGUOUS_SEASONS = frozenset({"spring", "fall"})

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "midday": "MI", "noon": "MI", "midnight": "NI", "dawn": "MO", "dusk": "EV",
    "overnight": "NI",
}  # fmt: skip
# Exact clock times some part-of-day words denote (TimeML gives them a time value).
CLOCK_PARTS_OF_DAY: dict[str, str] = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

# Deictic words anchored directly on the reference date.
DEICTICS: dict[str, int | str] = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": "NI",
}  # fmt: skip
VAGUE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "future": "FUTURE_REF", "lately": "PAST_REF", "formerly": "PAST_REF",
    "previously": "PAST_REF", "once": "PAST_REF",
}  # fmt: skip
# Words kept out of the default vocabulary because in news they are rarely marked.
OPTIONAL_VAGUE_WORDS = frozenset(
    {"currently", "nowadays", "lately", "formerly", "previously", "once"}
)

SET_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y",
    "yearly": "P1Y", "annual": "P1Y",
}  # fmt: skip

HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas": (12, 25), "xmas": (12, 25), "halloween": (10, 31),
    "valentine": (2, 14), "thanksgiving": "THANKSGIVING", "easter": "EASTER",
    "election": "ELECTION",
}  # fmt: skip

# Relative modifiers before a unit, month, weekday or season: offset in that unit.
RELATIVE: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1,
    "this": 0, "current": 0, "present": 0,
    "next": 1, "coming": 1, "following": 1, "upcoming": 1,
}  # fmt: skip

# Pre-modifiers of points ("early 1990s") and of durations ("more than two years").
POINT_MODS: dict[str, str] = {
    "early": "START", "beginning": "START", "start": "START",
    "late": "END", "end": "END", "mid": "MID", "middle": "MID",
}  # fmt: skip
APPROX_WORDS = frozenset(
    {"about", "around", "nearly", "almost", "approximately", "roughly", "some", "circa"}
)
TIMEZONES = frozenset(
    [
        "utc",
        "gmt",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "bst",
        "cet",
        "cest",
        "eet",
        "eest",
        "ist",
        "jst",
        "msk",
    ]
)

HIJRI_MONTH_PATTERNS: list[tuple[int, str]] = [
    (1, r"muharram"),
    (2, r"safar"),
    (3, r"rabi['’]?\s?(?:al|ul)[- ]?awwal|rabi['’]?\s?i(?![\w'])"),
    (4, r"rabi['’]?\s?(?:al|ul|us)[- ]?(?:thani|akhir)|rabi['’]?\s?ii(?![\w'])"),
    (5, r"jumad[ae]['’]?\s?(?:al|ul)[- ]?(?:awwal|ula)|jumad[ae]\s?i(?![\w'])"),
    (6, r"jumad[ae]['’]?\s?(?:al|ul|us)[- ]?(?:thani|akhir|akhirah)|jumad[ae]\s?ii(?![\w'])"),
    (7, r"rajab"),
    (8, r"sha['’]?aban|sha['’]?ban"),
    (9, r"ramadh?an"),
    (10, r"shawwal"),
    (11, r"dhu['’]?\s?(?:al|l)[- ]?q[ai]['’]?d[ae]?h?|zul[- ]?qa['’]?dah"),
    (12, r"dhu['’]?\s?(?:al|l)[- ]?hij+a?h?|zul[- ]?hijjah"),
]
HIJRI_MONTH_RE = "|".join(f"(?:{p})" for _, p in HIJRI_MONTH_PATTERNS)
_HIJRI_COMPILED = [(m, re.compile(p + r"\Z", re.I)) for m, p in HIJRI_MONTH_PATTERNS]


def hijri_month(token: str) -> int | None:
    """Hijri month number of a tokenised month name (e.g. "Sha'ban" -> 8)."""
    for month, rx in _HIJRI_COMPILED:
        if rx.match(token):
            return month
    return None
