"""Chronicle's NLP layer: the committed spaCy pipeline and how to rebuild it.

Use :func:`load_pipeline` to get the pipeline (``models/chronicle_en`` by default, or any
spaCy pipeline named by ``CHRONICLE_SPACY_MODEL``); ``python -m lab.nlp.train``
rebuilds the committed pipeline from ``../shared/datasets``.
"""

from chronicle.nlp.pipeline import ModelNotFoundError, clear_cache, load_pipeline

__all__ = ["ModelNotFoundError", "clear_cache", "load_pipeline"]
