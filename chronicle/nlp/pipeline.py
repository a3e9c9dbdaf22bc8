"""Load the spaCy pipeline Chronicle uses, offline and once per process.

By default this is the pipeline committed under ``models/chronicle_en`` in the
repository (found relative to this package, so it works from a checkout and from an
editable install). The ``name_or_path`` argument (``Settings.spacy_model``, which
``CHRONICLE_SPACY_MODEL`` overrides) may name any other installed spaCy package (e.g.
``en_core_web_trf``) or pipeline directory.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import spacy
from spacy.language import Language

from chronicle.nlp import paths
from chronicle.nlp.sentence_starts import add_sentence_starts

ENV_VAR = "CHRONICLE_SPACY_MODEL"  # read by Settings.from_env (spacy_model), named in hints

_cache: dict[str, Language] = {}
_lock = threading.Lock()


class ModelNotFoundError(RuntimeError):
    """Raised when the requested spaCy pipeline is neither a directory nor a package."""


def resolve_model(name_or_path: str | None = None) -> str:
    """Return what to load: the argument, else the committed pipeline's directory."""
    return name_or_path or str(paths.default_model_path())


def pipeline_dir(name_or_path: str | None = None) -> Path:
    """The folder of a pipeline (a directory, or an installed package's data folder)."""
    target = resolve_model(name_or_path)
    path = Path(target).expanduser()
    if _is_pipeline_dir(path):
        return path
    if spacy.util.is_package(target):
        package = spacy.util.get_package_path(target)
        found = [p.parent for p in package.rglob("config.cfg") if _is_pipeline_dir(p.parent)]
        if found:
            return min(found, key=lambda p: len(p.parts))
    raise ModelNotFoundError(f"spaCy pipeline {target!r} not found")


def _is_pipeline_dir(path: Path) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


def _load(target: str) -> Language:
    path = Path(target).expanduser()
    if path.exists():
        if not _is_pipeline_dir(path):
            raise ModelNotFoundError(
                f"{path} exists but is not a spaCy pipeline directory (no config.cfg and "
                "meta.json). Rebuild the default pipeline with `python -m lab.nlp.train`."
            )
        return add_sentence_starts(spacy.load(path))
    if spacy.util.is_package(target):
        return add_sentence_starts(spacy.load(target))
    hint = (
        f"install it (e.g. `python -m spacy download {target}`) or set {ENV_VAR} to an "
        "installed pipeline or a pipeline directory"
        if "/" not in target and os.sep not in target
        else f"rebuild it with `python -m lab.nlp.train` or point {ENV_VAR} at another pipeline"
    )
    raise ModelNotFoundError(f"spaCy pipeline {target!r} not found: {hint}.")


def load_pipeline(name_or_path: str | None = None) -> Language:
    """Load (once per process) and return a spaCy pipeline.

    ``name_or_path``: a spaCy package name or a pipeline directory. Defaults to the
    committed ``models/chronicle_en``.
    Raises :class:`ModelNotFoundError` with a hint when the pipeline is missing.
    """
    target = resolve_model(name_or_path)
    with _lock:
        if target not in _cache:
            _cache[target] = _load(target)
        return _cache[target]


def clear_cache() -> None:
    """Forget loaded pipelines (tests, or after rebuilding the model)."""
    with _lock:
        _cache.clear()
