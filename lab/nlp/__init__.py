"""Scoring and training of the spaCy pipeline under models/."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lab.datasets import REPO_ROOT

if TYPE_CHECKING:
    from spacy.language import Language

#: Training configs (spaCy).
CONFIG_DIR = Path(__file__).resolve().parent / "configs"
#: Default location of intermediate training data and outputs (gitignored).
BUILD_DIR = REPO_ROOT / "build" / "nlp"


def chosen_pipeline() -> Language:
    """The pipeline a build would use: ``CHRONICLE_SPACY_MODEL`` (Settings.spacy_model),
    else the committed one; scorers and benchmarks measure that."""
    from chronicle.config import Settings
    from chronicle.nlp import load_pipeline

    return load_pipeline(Settings.from_env().spacy_model or None)
