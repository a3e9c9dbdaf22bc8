"""Named-entity mentions and canonical entities.

* :func:`extract_mentions` (per document, in a pipeline stage): ``mentions`` rows with a
  page-level ``doc_entity_key`` and a provisional ``entity_id``.
* :func:`build_entities` (corpus step, after every change): final ``entity_id`` for every
  mention and the ``entities`` table, as a pure function of all mentions.
* :data:`ANALYSIS_VIEWS`: DuckDB views over ``mentions``, ``entities`` and ``documents``.
"""

from chronicle.entities.extract import entity_id_for, extract_mentions, mentions_from_doc
from chronicle.entities.resolve import build_entities
from schemas.views import ANALYSIS_VIEWS

__all__ = [
    "ANALYSIS_VIEWS",
    "build_entities",
    "entity_id_for",
    "extract_mentions",
    "mentions_from_doc",
]
