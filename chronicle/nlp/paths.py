"""Where Chronicle finds its committed spaCy pipeline (``models/`` in the repository).

Located relative to the repository root (the parent of the ``chronicle`` package), so the
code works from a checkout and from an editable install alike. The shared corpora are the
lab's business (lab/datasets.py).
"""

from __future__ import annotations

from pathlib import Path

#: Repository root: ``chronicle/nlp/paths.py`` -> ``chronicle/nlp`` -> ``chronicle`` -> root.
REPO_ROOT = Path(__file__).resolve().parents[2]
#: Folder holding committed spaCy pipelines.
MODELS_DIR = REPO_ROOT / "models"
#: Name of the pipeline committed under ``models/``.
DEFAULT_MODEL_NAME = "chronicle_en"


def default_model_path() -> Path:
    """Return the path of the committed pipeline."""
    return MODELS_DIR / DEFAULT_MODEL_NAME
