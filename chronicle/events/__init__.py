"""Dated events: who did what to whom, where and when, with evidence and provenance.

* :func:`events_from_doc` (per document, in the NLP stage): ``events`` rows from the
  parse, the page's mentions and its time expressions.
* :func:`finalise_events` (corpus step): final entity ids and ``event_cluster_id``.
"""

from chronicle.events.cluster import finalise_events
from chronicle.events.extract import event_id_for, events_from_doc

__all__ = ["event_id_for", "events_from_doc", "finalise_events"]
