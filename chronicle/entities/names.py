"""Name lists and normalisation for entity resolution: titles, countries, demonyms, metonyms.

The place, demonym and organisation lists come from :mod:`chronicle.nlp.gazetteer` (which
also feeds the NER ruler), so resolution and tagging agree on what a name is. This module
adds what resolution needs on top: ISO 3166 codes for places and nationality words, the
title vocabulary that separates a role ("Russian President") from a name, and a short list
of institutional metonyms ("the Kremlin") that are organisations of a known country.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import pycountry

from chronicle.nlp import gazetteer

# --------------------------------------------------------------------------- titles

#: Honorifics: dropped from a person's name and carry no role ("Mr Putin" -> "Putin").
HONORIFICS: frozenset[str] = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "mme",
        "m",
        "herr",
        "monsieur",
    }
)

#: Title heads: a role word that can stand directly before a person's name. Religious
#: titles are roles too ("Sheikh", "Rabbi"); military and civil ranks likewise.
HEAD_TITLES: frozenset[str] = frozenset(
    {
        "president",
        "president-elect",
        "minister",
        "secretary",
        "secretary-general",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "emperor",
        "empress",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "envoy",
        "general",
        "gen",
        "admiral",
        "adm",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "commander",
        "chief",
        "judge",
        "justice",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "premier",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "ceo",
        "professor",
        "prof",
        "coach",
        "representative",
        "rep",
        "speaker",
        "sheikh",
        "sheik",
        "shaikh",
        "rabbi",
        "ayatollah",
        "imam",
        "cardinal",
        "bishop",
        "archbishop",
        "rev",
        "reverend",
        "father",
        "pastor",
        "mullah",
        "cleric",
        "patriarch",
        "attorney-general",
        "congressman",
        "congresswoman",
        "councillor",
        "commissioner",
        "emir",
        "sultan",
        "crown",
        "marshal",
        "field",
        "officer",
        "agent",
        "detective",
    }
)

#: Words that can come before a title head inside a role ("Deputy Prime Minister",
#: "Foreign Minister", "Secretary of State" via :data:`ROLE_OF_WORDS`).
TITLE_MODIFIERS: frozenset[str] = frozenset(
    {
        "vice",
        "deputy",
        "prime",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "health",
        "trade",
        "energy",
        "education",
        "agriculture",
        "economy",
        "economic",
        "senior",
        "supreme",
        "grand",
        "army",
        "police",
        "opposition",
        "rebel",
        "military",
        "intelligence",
        "labor",
        "labour",
        "security",
        "press",
        "attorney",
        "state",
        "first",
        "chief",
        "general",
        "foreign-affairs",
        "transport",
        "environment",
        "culture",
        "justice",
        "home",
        "communications",
        "information",
        "tourism",
        "industry",
        "defence-ministry",
        "executive",
        "managing",
        "party",
        "cabinet",
        "ruling",
        "crown",
        "high",
        "national",
    }
)

#: Qualifiers said about a role but not part of it ("former President" -> "President").
ROLE_QUALIFIERS: frozenset[str] = frozenset(
    {
        "former",
        "acting",
        "interim",
        "then",
        "late",
        "incumbent",
        "outgoing",
        "new",
        "ex",
        "current",
        "caretaker",
    }
)

#: Capitalised words after "of" that continue a role ("Secretary of State").
ROLE_OF_WORDS: frozenset[str] = frozenset(
    {
        "state",
        "defense",
        "defence",
        "health",
        "commerce",
        "energy",
        "labor",
        "labour",
        "education",
        "treasury",
        "staff",
        "justice",
        "homeland",
    }
)

#: Lower-case particles inside names ("Osama bin Laden", "Ursula von der Leyen").
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
        "de",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "abu",
        "ben",
        "dos",
        "das",
        "del",
        "y",
    }
)

#: Capitalised words that are never part of a person's name (titles, organisation words).
NOT_NAME_WORDS: frozenset[str] = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "for",
        "to",
        "by",
        "with",
        "ministry",
        "party",
        "council",
        "forces",
        "force",
        "army",
        "government",
        "office",
        "department",
        "committee",
        "court",
        "house",
        "agency",
        "authority",
        "embassy",
        "union",
        "bank",
        "group",
        "company",
        "corporation",
        "university",
        "school",
        "news",
        "times",
        "said",
        "says",
        "told",
        "has",
        "had",
        "was",
        "is",
        "will",
        "would",
        "could",
        "also",
        "he",
        "she",
        "it",
        "they",
        "his",
        "her",
        "their",
        "this",
        "that",
        "but",
        "after",
        "when",
        "while",
        "as",
        "if",
        "who",
        "which",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)


#: Words that make a capitalised run an organisation, place or work rather than a person.
NON_PERSON_WORDS: frozenset[str] = frozenset(
    {
        "university",
        "college",
        "airlines",
        "airways",
        "press",
        "street",
        "road",
        "avenue",
        "city",
        "state",
        "states",
        "republic",
        "international",
        "national",
        "news",
        "post",
        "journal",
        "daily",
        "herald",
        "institute",
        "foundation",
        "association",
        "society",
        "centre",
        "center",
        "club",
        "league",
        "federation",
        "organization",
        "organisation",
        "fund",
        "trust",
        "airport",
        "station",
        "square",
        "park",
        "hospital",
        "church",
        "mosque",
        "temple",
        "bridge",
        "river",
        "sea",
        "ocean",
        "island",
        "islands",
        "mountain",
        "valley",
        "strip",
        "bank",
        "gulf",
        "east",
        "west",
        "north",
        "south",
        "affairs",
        "war",
        "act",
        "day",
        "week",
        "year",
        "program",
        "programme",
        "project",
        "plan",
        "initiative",
        "accord",
        "agreement",
        "treaty",
        "summit",
        "conference",
        "forum",
        "show",
        "festival",
        "cup",
        "games",
        "prize",
        "award",
        "inc",
        "ltd",
        "corp",
        "co",
        "llc",
        "plc",
        "group",
        "holdings",
        "media",
        "tv",
        "radio",
        "online",
        "magazine",
        "review",
        "guardian",
        "telegraph",
        "express",
        "mail",
        "tribune",
        "chronicle",
        "gazette",
        "agency",
        "awards",
        "records",
        "music",
        "entertainment",
        "studios",
        "pictures",
        "films",
        "motors",
        "systems",
        "technologies",
        "labs",
        "partners",
        "capital",
        "ventures",
        "networks",
        "communications",
        "bureau",
        "council",
        "committee",
        "commission",
        "electric",
        "dynamics",
        "mills",
        "baseball",
        "football",
        "basketball",
        "hockey",
        "tech",
        "power",
        "gate",
        "canal",
        "wall",
        "today",
        "air",
        "basin",
        "times",
    }
)

#: Generational suffixes after a surname ("Patrick Carlineo Jr."), ignored when matching.
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_core(words: list[str]) -> list[str]:
    """Normalised name words without generational suffixes ("... carlineo jr" -> "... carlineo")."""
    end = len(words)
    while end > 1 and words[end - 1] in NAME_SUFFIXES:
        end -= 1
    return words[:end]


def title_kind(word: str) -> str | None:
    """``"honorific"``, ``"head"``, ``"modifier"``, ``"qualifier"`` or ``None`` for a word."""
    w = word.lower().rstrip(".")
    if w in HONORIFICS:
        return "honorific"
    if w in HEAD_TITLES:
        return "head"
    if w in ROLE_QUALIFIERS:
        return "qualifier"
    if w in TITLE_MODIFIERS:
        return "modifier"
    return None


# --------------------------------------------------------------------------- normalising

_SPACE = re.compile(r"\s+")
_DROP = re.compile(r"[.\u2019'`\"]")


def ascii_fold(text: str) -> str:
    """Strip accents ("Kraków" -> "Krakow") so spellings with and without them agree."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=262_144)
def norm_name(text: str) -> str:
    """Key form of a name: accents stripped, lower case, no dots/quotes, single spaces.

    "U.S." -> "us", "Mahmoud Abbas’" -> "mahmoud abbas", "al-Assad" -> "al-assad".
    """
    text = ascii_fold(text).lower()
    # Hyphens and dashes count as spaces: "al-Assad" and "al Assad" are one name.
    text = re.sub(r"[-\u2010-\u2015]", " ", text)
    text = re.sub(r"\bst\b\.?", "saint", text) if text.startswith("st") else text
    text = _DROP.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


# --------------------------------------------------------------------------- countries

#: Common political names of countries that ISO 3166 spells otherwise, as news uses them.
#: Keys are :func:`norm_name` forms. Constituent countries (England, Scotland) are not here:
#: they are GPEs of their own whose country is GB (see :data:`PLACE_COUNTRY`).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "states": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "russia": "RU",
    "russian federation": "RU",
    "iran": "IR",
    "syria": "SY",
    "south korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "palestine": "PS",
    "state of palestine": "PS",
    "palestinian territories": "PS",
    "taiwan": "TW",
    "vietnam": "VN",
    "laos": "LA",
    "turkey": "TR",
    "turkiye": "TR",
    "czech republic": "CZ",
    "czechia": "CZ",
    "holland": "NL",
    "netherlands": "NL",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "burma": "MM",
    "myanmar": "MM",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "republic of congo": "CG",
    "congo-brazzaville": "CG",
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "east timor": "TL",
    "cape verde": "CV",
    "swaziland": "SZ",
    "macedonia": "MK",
    "north macedonia": "MK",
    "bosnia": "BA",
    "bosnia-herzegovina": "BA",
    "bosnia and herzegovina": "BA",
    "uae": "AE",
    "emirates": "AE",
    "united arab emirates": "AE",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "brunei": "BN",
    "micronesia": "FM",
    "gambia": "GM",
    "the gambia": "GM",
    "bahamas": "BS",
    "philippines": "PH",
    "saudi arabia": "SA",
    "dominican republic": "DO",
    "central african republic": "CF",
    "sao tome": "ST",
    "kosovo": "XK",
}

#: Places that are not countries but belong to one (ISO alpha-2), beyond the city list.
PLACE_COUNTRY: dict[str, str] = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "tibet": "CN",
    "chechnya": "RU",
    "crimea": "UA",
    "donbas": "UA",
    "gaza": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "ramallah": "PS",
    "east jerusalem": "PS",
}

#: Display names for countries whose ISO 3166 name is formal ("Russian Federation").
_DISPLAY: dict[str, str] = {
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "KR": "South Korea",
    "KP": "North Korea",
    "PS": "Palestine",
    "TW": "Taiwan",
    "VN": "Vietnam",
    "LA": "Laos",
    "TR": "Turkey",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "CZ": "Czechia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "GB": "United Kingdom",
    "US": "United States",
    "VA": "Vatican City",
    "XK": "Kosovo",
    "BN": "Brunei",
    "FM": "Micronesia",
    "MK": "North Macedonia",
    "CI": "Ivory Coast",
    "MM": "Myanmar",
    "SZ": "Eswatini",
    "CV": "Cape Verde",
    "TL": "East Timor",
}

#: "XK" (Kosovo) is the user-assigned code in common use; ISO 3166 has none.
EXTRA_CODES: frozenset[str] = frozenset({"XK"})


def country_codes() -> tuple[str, ...]:
    """Every code the ``country`` columns may hold (ISO 3166-1 alpha-2 plus ``XK``)."""
    return tuple(sorted({c.alpha_2 for c in pycountry.countries} | EXTRA_CODES))


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                index[norm_name(value)] = c.alpha_2
    index.update({norm_name(k): v for k, v in COUNTRY_ALIASES.items()})
    return index


def country_code(text: str) -> str | None:
    """ISO alpha-2 code when ``text`` names a country ("the US", "U.S.", "Britain")."""
    return _country_index().get(norm_name(text))


def country_name(code: str) -> str:
    """Short English display name of a country code."""
    if code in _DISPLAY:
        return _DISPLAY[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


@cache
def _place_index() -> dict[str, str]:
    """Place name -> country: cities (most populous of a name wins), then subdivisions."""
    best: dict[str, tuple[int, str]] = {}
    for city in gazetteer.geonames_cities().values():
        spellings = {city["name"], ascii_fold(city["name"])}
        if city["population"] >= 100_000:
            # English spellings of big cities ("St. Petersburg", "Kiev") are alternate names.
            spellings |= {a for a in city.get("alternatenames") or () if a.isascii()}
        for name in spellings:
            key = norm_name(name)
            if best.get(key, (-1, ""))[0] < city["population"]:
                best[key] = (city["population"], city["countrycode"])
    index = {k: v[1] for k, v in best.items()}
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            index.setdefault(norm_name(s.name.split(" [")[0].split(" (")[0]), s.country_code)
    index.update(PLACE_COUNTRY)
    return index


def place_country(text: str) -> str | None:
    """Country of a place: the country itself, else the country a city/region lies in."""
    return country_code(text) or _place_index().get(norm_name(text))


# --------------------------------------------------------------------------- demonyms

#: Demonyms whose country the spelling does not reveal (or reveals wrongly).
_DEMONYM_OVERRIDES: dict[str, str | None] = {
    "british": "GB",
    "britons": "GB",
    "english": "GB",
    "scottish": "GB",
    "scots": "GB",
    "welsh": "GB",
    "dutch": "NL",
    "swiss": "CH",
    "danish": "DK",
    "danes": "DK",
    "finnish": "FI",
    "finns": "FI",
    "polish": "PL",
    "poles": "PL",
    "swedish": "SE",
    "swedes": "SE",
    "spanish": "ES",
    "spaniards": "ES",
    "turkish": "TR",
    "turks": "TR",
    "greek": "GR",
    "greeks": "GR",
    "french": "FR",
    "filipino": "PH",
    "filipinos": "PH",
    "philippine": "PH",
    "emirati": "AE",
    "emiratis": "AE",
    "kosovar": "XK",
    "kosovars": "XK",
    "american": "US",
    "americans": "US",
    "saudi": "SA",
    "saudis": "SA",
    "icelandic": "IS",
    "icelanders": "IS",
    "irish": "IE",
    "lao": "LA",
    "laotian": "LA",
    "laotians": "LA",
    "malagasy": "MG",
    "burmese": "MM",
    "congolese": "CD",
    "north korean": "KP",
    "north koreans": "KP",
    "south korean": "KR",
    "south koreans": "KR",
    "korean": "KR",
    "koreans": "KR",
    "ivorian": "CI",
    "ivorians": "CI",
    "new zealander": "NZ",
    "new zealanders": "NZ",
    "nigerien": "NE",
    "nigeriens": "NE",
    "salvadoran": "SV",
    "salvadorans": "SV",
    "argentine": "AR",
    "argentines": "AR",
    "guinean": "GN",
    "guineans": "GN",
    "croat": "HR",
    "croats": "HR",
    "serb": "RS",
    "serbs": "RS",
    "thai": "TH",
    "thais": "TH",
    "nepali": "NP",
    "nepalis": "NP",
    "nepalese": "NP",
    "cypriot": "CY",
    "cypriots": "CY",
    "bosnian": "BA",
    "bosnians": "BA",
    "palestinian": "PS",
    "palestinians": "PS",
    "israeli": "IL",
    "israelis": "IL",
    "iraqi": "IQ",
    "iraqis": "IQ",
    "iranian": "IR",
    "iranians": "IR",
    "austrian": "AT",
    "austrians": "AT",
    "australian": "AU",
    "australians": "AU",
    "indian": "IN",
    "indians": "IN",
    "indonesian": "ID",
    "indonesians": "ID",
    "slovak": "SK",
    "slovaks": "SK",
    "slovenian": "SI",
    "slovenians": "SI",
    "sri lankan": "LK",
    "sri lankans": "LK",
    "somali": "SO",
    "somalis": "SO",
    "sudanese": "SD",
    "sierra leonean": "SL",
    "sierra leoneans": "SL",
    "south african": "ZA",
    "south africans": "ZA",
    "nigerian": "NG",
    "nigerians": "NG",
    "malian": "ML",
    "malians": "ML",
    "malawian": "MW",
    "malawians": "MW",
    "mauritanian": "MR",
    "mauritanians": "MR",
    "georgian": "GE",
    "georgians": "GE",
    "dominican": "DO",
    "tajik": "TJ",
    "tajiks": "TJ",
    "uzbek": "UZ",
    "uzbeks": "UZ",
    "kazakh": "KZ",
    "kazakhs": "KZ",
    "kyrgyz": "KG",
    "turkmen": "TM",
    "afghan": "AF",
    "afghans": "AF",
    "belarusian": "BY",
    "belarusians": "BY",
    "azerbaijani": "AZ",
    "azerbaijanis": "AZ",
    "ukrainian": "UA",
    "ukrainians": "UA",
    "russian": "RU",
    "russians": "RU",
    "chinese": "CN",
    "japanese": "JP",
    "vietnamese": "VN",
    "taiwanese": "TW",
    "lebanese": "LB",
    "syrian": "SY",
    "syrians": "SY",
    "jordanian": "JO",
    "jordanians": "JO",
    "egyptian": "EG",
    "egyptians": "EG",
    "german": "DE",
    "germans": "DE",
    "italian": "IT",
    "italians": "IT",
    "mexican": "MX",
    "mexicans": "MX",
    "canadian": "CA",
    "canadians": "CA",
    "portuguese": "PT",
    "brazilian": "BR",
    "brazilians": "BR",
    "senegalese": "SN",
    "togolese": "TG",
    "yemeni": "YE",
    "yemenis": "YE",
    "omani": "OM",
    "omanis": "OM",
    "qatari": "QA",
    "qataris": "QA",
    "kuwaiti": "KW",
    "kuwaitis": "KW",
    "bahraini": "BH",
    "bahrainis": "BH",
    "libyan": "LY",
    "libyans": "LY",
    "tunisian": "TN",
    "tunisians": "TN",
    "moroccan": "MA",
    "moroccans": "MA",
    "algerian": "DZ",
    "algerians": "DZ",
    "pakistani": "PK",
    "pakistanis": "PK",
    "bangladeshi": "BD",
    "bangladeshis": "BD",
    "tibetan": "CN",
    "tibetans": "CN",
    "chechen": "RU",
    "chechens": "RU",
}

#: Supranational, ethnic and religious words: NORP without a single country.
_NO_COUNTRY: frozenset[str] = frozenset(
    {
        "european",
        "europeans",
        "african",
        "africans",
        "asian",
        "asians",
        "arab",
        "arabs",
        "kurdish",
        "kurds",
        "pashtun",
        "pashtuns",
        "baluch",
        "uighur",
        "uighurs",
        "uyghur",
        "uyghurs",
        "tamil",
        "tamils",
        "sinhalese",
        "hutu",
        "hutus",
        "tutsi",
        "tutsis",
        "basque",
        "basques",
        "catalan",
        "catalans",
        "latino",
        "latinos",
        "hispanic",
        "hispanics",
        "persian",
        "persians",
        "western",
        "westerners",
    }
)


def _stem_match(word: str) -> str | None:
    """Country whose short name shares the longest prefix (>= 4 letters) with a demonym."""
    best, best_len = None, 3
    for name, code in _country_index().items():
        if " " in name:
            continue
        n = 0
        for a, b in zip(word, name, strict=False):
            if a != b:
                break
            n += 1
        if n > best_len or (n == best_len and best is not None and len(name) < len(best[0])):
            best, best_len = (name, code), n
    return best[1] if best else None


@cache
def demonym_countries() -> dict[str, str]:
    """Demonym (:func:`norm_name` form, singular and plural) -> ISO alpha-2 code.

    Built from the gazetteer's demonym list: the overrides above, else the country whose
    name shares the longest prefix ("Ukrainian" -> "ukraine"). Supranational and ethnic
    words are left out.
    """
    out: dict[str, str] = {}
    for pair in gazetteer.DEMONYMS:
        for word in pair:
            key = norm_name(word)
            if not key or key in _NO_COUNTRY:
                continue
            code = _DEMONYM_OVERRIDES.get(key) or _stem_match(key.split()[-1])
            if code:
                out[key] = code
    out.update({k: v for k, v in _DEMONYM_OVERRIDES.items() if v})
    return out


def demonym_country(text: str) -> str | None:
    """Country a nationality word refers to ("Russian" -> RU, "Israelis" -> IL)."""
    return demonym_countries().get(norm_name(text))


@cache
def norp_display() -> dict[str, str]:
    """NORP key name -> its written form ("russian" -> "Russian", "muslim" -> "Muslim")."""
    words = [a for a, _ in gazetteer.DEMONYMS] + list(gazetteer.GROUPS)
    return {norm_name(w): w for w in reversed(words)}


@cache
def group_singulars() -> dict[str, str]:
    """Plural religious/political group or demonym -> its singular ("Muslims" -> "muslim")."""
    singular = {norm_name(w) for w in gazetteer.GROUPS} | {
        norm_name(a) for a, _ in gazetteer.DEMONYMS
    }
    out = {norm_name(p): norm_name(a) for a, p in gazetteer.DEMONYMS if p}
    for word in gazetteer.GROUPS:
        key = norm_name(word)
        if key.endswith("s") and key[:-1] in singular:
            out[key] = key[:-1]
    return out


# --------------------------------------------------------------------------- organisations

#: Institutions named by their seat or building: organisations of a known country.
METONYMS: dict[str, tuple[str, str]] = {
    "Kremlin": ("ORG", "RU"),
    "White House": ("ORG", "US"),
    "Pentagon": ("ORG", "US"),
    "State Department": ("ORG", "US"),
    "Downing Street": ("ORG", "GB"),
    "Whitehall": ("ORG", "GB"),
    "Knesset": ("ORG", "IL"),
    "Elysee": ("ORG", "FR"),
    "Élysée": ("ORG", "FR"),
    "Duma": ("ORG", "RU"),
    "Quai d'Orsay": ("ORG", "FR"),
    "Zhongnanhai": ("ORG", "CN"),
}


@cache
def org_canonical() -> dict[str, str]:
    """Organisation alias (:func:`norm_name` form) -> canonical name, from the gazetteer."""
    out: dict[str, str] = {}
    for names in gazetteer.ORGANISATIONS:
        for alias in names:
            out.setdefault(norm_name(alias), names[0])
    return out


def is_gazetteer_name(text: str) -> bool:
    """True for a country, demonym/group or listed organisation name."""
    key = norm_name(text)
    return (
        key in _country_index()
        or key in demonym_countries()
        or key in org_canonical()
        or gazetteer.is_norp_name(text)
        or gazetteer.is_gpe_name(text)
    )


#: Given names that are also city names the gazetteer tags ("Vladimir Putin"): the cities
#: the NER ruler already leaves out. Followed by capitalised words, they start a name.
GIVEN_NAME_PLACES: frozenset[str] = gazetteer.RULER_EXCLUDE

#: Countries, states and cities that are also common given names ("Chad Wolf", "Israel
#: Katz", "Jordan Peterson"). Being frequent place names too, they start a person's name
#: only in a stricter context (see ``extract._given_name_persons``).
GIVEN_NAME_COUNTRIES: frozenset[str] = frozenset(
    {
        "Chad",
        "Jordan",
        "Georgia",
        "Israel",
        "Kenya",
        "India",
        "Paris",
        "Sydney",
        "Florence",
        "Victoria",
        "Houston",
        "Dallas",
        "Denver",
        "Orlando",
        "Brooklyn",
        "Adelaide",
        "Regina",
        "Valencia",
        "Lima",
        "Savannah",
        "Sofia",
        "Lourdes",
        "Maria",
        "Camden",
        "Tyler",
    }
)
