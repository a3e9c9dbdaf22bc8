"""Where Chronicle's NLP code finds the shared corpora, its build folder and its models.

Everything is located relative to the repository root (the parent of the ``chronicle``
package), so the code works from a checkout and from an editable install alike. The shared
corpora live next to the repository (``../shared/datasets``) unless ``CHRONICLE_SHARED``
points somewhere else.
"""

from __future__ import annotations

from pathlib import Path

from chronicle.config import shared_root

#: Repository root: ``chronicle/nlp/paths.py`` -> ``chronicle/nlp`` -> ``chronicle`` -> root.
REPO_ROOT = Path(__file__).resolve().parents[2]
#: Folder holding committed spaCy pipelines.
MODELS_DIR = REPO_ROOT / "models"
#: Name of the pipeline committed under ``models/``.
DEFAULT_MODEL_NAME = "chronicle_en"
#: Default location of intermediate training data and outputs (gitignored).
BUILD_DIR = REPO_ROOT / "build" / "nlp"
#: Training configs shipped with the package.
CONFIG_DIR = Path(__file__).resolve().parent / "configs"


def datasets_dir() -> Path:
    """Return ``shared/datasets``, the folder with the reference corpora."""
    return shared_root() / "datasets"


def ewt_dir() -> Path:
    """Return the UD English EWT folder."""
    return datasets_dir() / "ud_english_ewt"


def gmb_csv() -> Path:
    """Return the GMB NER CSV (gzip)."""
    return datasets_dir() / "ner" / "gmb" / "ner_dataset.csv.gz"


def wikigold_file() -> Path:
    """Return the WikiGold CoNLL file."""
    return datasets_dir() / "ner" / "wikigold" / "wikigold.conll.txt"


def default_model_path() -> Path:
    """Return the path of the committed pipeline."""
    return MODELS_DIR / DEFAULT_MODEL_NAME
