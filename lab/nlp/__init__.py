"""Scoring and training of the spaCy pipeline under models/."""

from pathlib import Path

from lab.datasets import REPO_ROOT

#: Training configs (spaCy).
CONFIG_DIR = Path(__file__).resolve().parent / "configs"
#: Default location of intermediate training data and outputs (gitignored).
BUILD_DIR = REPO_ROOT / "build" / "nlp"
