"""Corpus-level entity resolution: final entity ids and the ``entities`` table.

A pure function of all ``mentions`` rows (and the documents' dates), so the corpus step can
rerun it after every incremental change. Work is done per distinct key, not per mention:
Python only sees the distinct ``doc_entity_key`` values and (key, surface) pairs, and DuckDB
joins and aggregates the mention rows.

Linking rules (page-level keys -> final canonical keys):

* a surname-only person key ("PERSON|putin", "PERSON|al assad") goes to the one full-name
  person whose last word it is, when exactly one such full name exists in the corpus; with
  two ("Bashar al-Assad", "Hafez al-Assad") it stays on its own key, so different people
  are never merged;
* an organisation key that is only an acronym ("ORG|pa") goes to the one organisation that a
  page defined with that acronym ("Palestinian Authority (PA)"), when exactly one did.

Full-name keys are never rewritten, so their ``entity_id`` (a hash of the key) is stable
as the corpus grows; a surname-only entity keeps its id until a full name claims it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import duckdb
import pyarrow as pa

from chronicle.entities import names
from chronicle.entities.extract import entity_id_for
from schemas._base import TableSpec
from schemas.entities import Entities

#: Arrow schema of the ``entities`` table, derived from its pandera model.
ENTITIES_SCHEMA: pa.Schema = TableSpec(
    "entities", Entities, key=("entity_id",), scope="corpus"
).arrow_schema


def _split(key: str) -> tuple[str, str]:
    label, _, name = key.partition("|")
    return label, name


def _is_partial(person: str) -> bool:
    """A surname alone, possibly with its particles ("putin", "al assad")."""
    words = names.name_core(person.split())
    return len([w for w in words if w not in names.NAME_PARTICLES]) <= 1


def link_keys(keys: list[str], surfaces: list[tuple[str, str]]) -> dict[str, str]:
    """Map each page-level key to its final key (see the module docstring for the rules).

    ``surfaces``: distinct (key, surface text) pairs, used to find acronym definitions.
    """
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        label, name = _split(key)
        if label == "PERSON" and not _is_partial(name):
            by_surname[names.name_core(name.split())[-1]].add(key)
    acronym_of: dict[str, set[str]] = defaultdict(set)
    for key, text in surfaces:
        label, name = _split(key)
        if label == "ORG" and names.norm_name(text) != name and text.replace(".", "").isupper():
            acronym_of[names.norm_name(text)].add(key)
    final: dict[str, str] = {}
    for key in keys:
        label, name = _split(key)
        target = key
        if label == "PERSON" and _is_partial(name):
            full = by_surname.get(name.rsplit(" ", 1)[-1], set())
            if len(full) == 1:
                target = next(iter(full))
        elif label == "ORG" and name in acronym_of:
            defs = acronym_of[name] - {key}
            if len(defs) == 1:
                target = next(iter(defs))
        final[key] = target
    return final


def _display_name(key: str, counts: Counter[str]) -> str:
    """Canonical name: the country/demonym/gazetteer name, else the surface that spells the
    key (most frequent), else the longest surface."""
    label, name = _split(key)
    if label == "GPE" and name.isupper():
        return names.country_name(name)
    if label == "NORP" and name in names.norp_display():
        return names.norp_display()[name]
    if label == "ORG" and name in names.org_canonical():
        canonical = names.org_canonical()[name]
        if names.norm_name(canonical) == name:
            return canonical
    exact = [(n, t) for t, n in counts.items() if names.norm_name(t) == name]
    if exact:
        best = min(exact, key=lambda p: (-p[0], p[1]))[1]
    else:
        best = min(counts.items(), key=lambda p: (-len(p[0]), -p[1], p[0]))[0]
    return " ".join(best.split())  # a no-break space or line break inside a name


def build_entities(mentions: pa.Table, documents: pa.Table) -> tuple[pa.Table, pa.Table]:
    """(``mentions`` with final ``entity_id``, ``entities``) from all mentions of the corpus.

    ``documents`` needs ``doc_id`` and, when known, ``reference_date`` / ``published_date``
    (``first_seen``/``last_seen`` use the reference date, else the publication date).
    Mentions come back in the input's columns, sorted by (doc_id, start, end); entities
    sorted by ``entity_id``.
    """
    con = duckdb.connect()
    con.register("m", mentions)
    date_cols = [c for c in ("reference_date", "published_date") if c in documents.column_names]
    day = f"coalesce({', '.join(date_cols)})" if date_cols else "CAST(NULL AS DATE)"
    con.register("d", documents.select(["doc_id", *date_cols]))

    pairs = con.execute("SELECT doc_entity_key, text, count(*) FROM m GROUP BY ALL").fetchall()
    keys = sorted({k for k, _, _ in pairs})
    final = link_keys(keys, [(k, t) for k, t, _ in pairs])
    surface_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, text, n in pairs:
        surface_counts[final[key]][text] += n
    final_keys = sorted(set(final.values()))
    ids = {k: entity_id_for(k) for k in final_keys}
    mapping = pa.table(
        {
            "doc_entity_key": pa.array(keys, pa.string()),
            "final_key": pa.array([final[k] for k in keys], pa.string()),
            "final_id": pa.array([ids[final[k]] for k in keys], pa.string()),
        }
    )
    con.register("k", mapping)
    cols = ", ".join(
        "k.final_id AS entity_id" if c == "entity_id" else f'm."{c}"' for c in mentions.column_names
    )
    out_mentions = con.sql(
        f'SELECT {cols} FROM m JOIN k USING (doc_entity_key) ORDER BY m.doc_id, m.start, m."end"'
    ).to_arrow_table()
    out_mentions = out_mentions.cast(mentions.schema)

    rows = con.execute(
        f"""
        WITH j AS (
            SELECT k.final_key, m.doc_id, m.label, m.text, m.role, m.country, {day} AS day
            FROM m JOIN k USING (doc_entity_key) LEFT JOIN d USING (doc_id)
        ), c AS (
            SELECT final_key, country, count(*) AS n FROM j
            WHERE country IS NOT NULL GROUP BY ALL
        ), best AS (
            SELECT final_key, first(country ORDER BY n DESC, country) AS country
            FROM c GROUP BY final_key
        )
        SELECT j.final_key, list_sort(list_distinct(list(j.text))),
               list_sort(list_distinct(list(j.role))), any_value(best.country),
               count(*), count(DISTINCT j.doc_id), min(j.day), max(j.day)
        FROM j LEFT JOIN best USING (final_key)
        GROUP BY j.final_key ORDER BY j.final_key
        """
    ).fetchall()
    out: dict[str, list] = {f.name: [] for f in ENTITIES_SCHEMA}
    for key, aliases, roles, country, n, docs, first, last in rows:
        label, name = _split(key)
        if label == "GPE" and name.isupper():
            country = name  # the key is the country code itself
        out["entity_id"].append(ids[key])
        out["name"].append(_display_name(key, surface_counts[key]))
        out["label"].append(label)
        out["aliases"].append(aliases)
        out["roles"].append(roles)
        out["country"].append(country)
        out["mention_count"].append(n)
        out["doc_count"].append(docs)
        out["first_seen"].append(first)
        out["last_seen"].append(last)
    entities = pa.table(out, schema=ENTITIES_SCHEMA).sort_by("entity_id")
    con.close()
    return out_mentions, entities
