"""Analysis views over ``mentions``, ``entities`` and ``documents`` (DuckDB SQL).

Each value is a SELECT the catalog wraps as ``CREATE VIEW <name> AS <sql>``. Pairs are
unordered: ``entity_a`` < ``entity_b`` by id, each pair once.
"""

from __future__ import annotations

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
    # (documents without a reference date are left out).
    "entity_mentions_by_month": """
        SELECT m.entity_id, e.name, e.label,
               CAST(date_trunc('month', d.reference_date) AS DATE) AS month,
               count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
        FROM mentions m
        JOIN documents d ON d.doc_id = m.doc_id
        JOIN entities e ON e.entity_id = m.entity_id
        WHERE d.reference_date IS NOT NULL
        GROUP BY ALL
    """,
}
