"""Analysis views over ``mentions``, ``entities``, ``events`` and ``documents`` (DuckDB SQL).

Each value is a SELECT the catalog wraps as ``CREATE VIEW <name> AS <sql>``. Pairs are
unordered: ``entity_a`` < ``entity_b`` by id, each pair once.
"""

from __future__ import annotations

from schemas.event_types import SYMMETRIC_EVENT_TYPES

_SYMMETRIC = ", ".join(f"'{t}'" for t in SYMMETRIC_EVENT_TYPES)

ANALYSIS_VIEWS: dict[str, str] = {
    # Entity pairs named in the same sentence: how many sentences and documents.
    "entity_cooccurrence_sentence": """
        WITH s AS (SELECT DISTINCT doc_id, sentence_index, entity_id FROM mentions)
        SELECT a.entity_id AS entity_a, ea.name AS name_a,
               b.entity_id AS entity_b, eb.name AS name_b,
               count(*) AS sentences, count(DISTINCT a.doc_id) AS documents
        FROM s a
        JOIN s b ON a.doc_id = b.doc_id AND a.sentence_index = b.sentence_index
                AND a.entity_id < b.entity_id
        JOIN entities ea ON ea.entity_id = a.entity_id
        JOIN entities eb ON eb.entity_id = b.entity_id
        GROUP BY ALL
    """,
    # Entity pairs named in the same document: how many documents.
    "entity_cooccurrence_document": """
        WITH s AS (SELECT DISTINCT doc_id, entity_id FROM mentions)
        SELECT a.entity_id AS entity_a, ea.name AS name_a,
               b.entity_id AS entity_b, eb.name AS name_b,
               count(*) AS documents
        FROM s a
        JOIN s b ON a.doc_id = b.doc_id AND a.entity_id < b.entity_id
        JOIN entities ea ON ea.entity_id = a.entity_id
        JOIN entities eb ON eb.entity_id = b.entity_id
        GROUP BY ALL
    """,
    # Mentions per entity per calendar month of the documents' reference dates
    # (documents whose reference date is unknown, or known only loosely, are left out:
    # confidence under 0.5 and not a stated month).
    "entity_mentions_by_month": """
        SELECT m.entity_id, e.name, e.label,
               CAST(date_trunc('month', d.reference_date) AS DATE) AS month,
               count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
        FROM mentions m
        JOIN documents d ON d.doc_id = m.doc_id
        JOIN entities e ON e.entity_id = m.entity_id
        WHERE d.reference_date IS NOT NULL
          AND (coalesce(d.reference_date_confidence, 1) >= 0.5
               OR d.reference_date_precision = 'month')
        GROUP BY ALL
    """,
    # Dated events in date order, with participant names and the evidence sentence.
    # Negated and hypothetical events are kept (flags shown) so users decide.
    "event_timeline": """
        SELECT e.date_start, e.date_end, e.date_value, e.date_precision, e.event_type,
               e.cameo_code, e.trigger,
               list_transform(e.actor_ids, lambda i: names[i]) AS actors,
               e.actor_states, e.actor_countries, e.actor_sectors,
               list_transform(e.target_ids, lambda i: names[i]) AS targets,
               e.target_states, e.target_countries, e.target_sectors,
               names[e.location_id] AS location,
               e.negated, e.hypothetical, e.pledged,
               names[e.reported_by] AS reported_by, e.confidence,
               substr(d.body, e.start + 1, e."end" - e.start) AS evidence,
               d.title, d.source_path, e.doc_id, e.event_id, e.event_cluster_id
        FROM events e
        JOIN documents d USING (doc_id)
        CROSS JOIN (SELECT map(list(entity_id), list(name)) AS names FROM entities) n
        WHERE e.date_value IS NOT NULL
        ORDER BY e.date_start, e.date_end, e.doc_id, e.trigger_start
    """,
    # Actor -> target pairs per month of the event date and event type. Symmetric types
    # (meetings, fighting) count in both directions. Negated and hypothetical events
    # are left out; clusters count one real-world event once.
    "event_dyads_by_month": f"""
        WITH facts AS (
            SELECT * FROM events
            WHERE date_value IS NOT NULL AND NOT negated AND NOT hypothetical
        ), pairs AS (
            SELECT unnest(actor_ids) AS actor_id, target_ids, event_type, date_start,
                   event_cluster_id, event_id
            FROM facts
        ), directed AS (
            SELECT actor_id, unnest(target_ids) AS target_id, event_type, date_start,
                   event_cluster_id, event_id
            FROM pairs
        ), both_ways AS (
            SELECT * FROM directed
            UNION ALL
            SELECT target_id, actor_id, event_type, date_start, event_cluster_id, event_id
            FROM directed
            WHERE event_type IN ({_SYMMETRIC})
        )
        SELECT CAST(date_trunc('month', date_start) AS DATE) AS month, event_type,
               b.actor_id, ea.name AS actor, b.target_id, et.name AS target,
               count(DISTINCT event_cluster_id) AS events,
               count(DISTINCT event_id) AS reports
        FROM both_ways b
        JOIN entities ea ON ea.entity_id = b.actor_id
        JOIN entities et ON et.entity_id = b.target_id
        GROUP BY ALL
    """,
    # State -> state pairs per month of the event date and event type: the states the
    # actors and targets stand for (ISO 3166 alpha-2). Same rules as event_dyads_by_month;
    # a state acting on itself (a domestic event) is left out.
    "state_dyads_by_month": f"""
        WITH facts AS (
            SELECT * FROM events
            WHERE date_value IS NOT NULL AND NOT negated AND NOT hypothetical
        ), pairs AS (
            SELECT unnest(actor_states) AS actor_state, target_states, event_type,
                   date_start, event_cluster_id, event_id
            FROM facts
        ), directed AS (
            SELECT actor_state, unnest(target_states) AS target_state, event_type,
                   date_start, event_cluster_id, event_id
            FROM pairs
        ), both_ways AS (
            SELECT * FROM directed
            UNION ALL
            SELECT target_state, actor_state, event_type, date_start, event_cluster_id,
                   event_id
            FROM directed
            WHERE event_type IN ({_SYMMETRIC})
        )
        SELECT CAST(date_trunc('month', date_start) AS DATE) AS month, event_type,
               actor_state, target_state,
               count(DISTINCT event_cluster_id) AS events,
               count(DISTINCT event_id) AS reports
        FROM both_ways
        WHERE actor_state <> target_state
        GROUP BY ALL
    """,
    # One row per real-world event (cluster): its type, date and participants, and the
    # provenance: every document and sentence that reports it.
    "event_clusters": """
        SELECT e.event_cluster_id, any_value(e.event_type) AS event_type,
               min(e.date_start) AS date_start, max(e.date_end) AS date_end,
               list_sort(list_distinct(flatten(list(
                   list_transform(e.actor_ids, lambda i: names[i]))))) AS actors,
               list_sort(list_distinct(flatten(list(
                   list_transform(e.target_ids, lambda i: names[i]))))) AS targets,
               count(DISTINCT e.doc_id) AS documents, count(*) AS reports,
               list({'doc_id': e.doc_id, 'source_path': d.source_path,
                     'event_id': e.event_id, 'start': e.start, 'end': e."end",
                     'evidence': substr(d.body, e.start + 1, e."end" - e.start)}
                    ORDER BY d.reference_date NULLS LAST, e.event_id) AS provenance
        FROM events e
        JOIN documents d USING (doc_id)
        CROSS JOIN (SELECT map(list(entity_id), list(name)) AS names FROM entities) n
        GROUP BY e.event_cluster_id
    """,
}
