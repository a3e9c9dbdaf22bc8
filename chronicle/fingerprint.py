"""What a build's output depends on, one fingerprint per stage.

A stage's fingerprint hashes the source of the core modules it runs (its modules and
everything they import from ``chronicle`` and ``schemas``, followed through the source,
never ``lab/`` or docs), the data files beside those modules, the identity of the spaCy
pipeline it loads (name, version, a hash of its weights) and its parameters. A page is
redone from the first stage whose fingerprint changed (chronicle.plan.diff_units).
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from chronicle.stages.base import Stage

#: The project root: the folder holding the ``chronicle`` package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGES = ("chronicle", "schemas")
DATA_SUFFIXES = frozenset({".json", ".txt", ".tsv", ".csv", ".cfg", ".toml"})
#: Decoding, planning, validation and the table contract: a change redoes every page.
DECODE_MODULES = ("chronicle.stages.run", "chronicle.validation", "schemas")
#: The cross-document step run on the assembled tables (entity ids, entities, events).
CORPUS_MODULES = ("chronicle.corpus",)


def module_file(module: str, root: Path = PROJECT_ROOT) -> Path | None:
    """The source file of a core module (``a.b`` -> a/b.py or a/b/__init__.py)."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(tree: ast.AST, root: Path) -> Iterable[str]:
    """Core modules a module imports, anywhere in it except ``if TYPE_CHECKING:`` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            for alias in node.names:  # `from package import module`
                if module_file(f"{node.module}.{alias.name}", root) is not None:
                    yield f"{node.module}.{alias.name}"


@cache
def _imports_of(path: Path, mtime_ns: int, root: Path) -> tuple[str, ...]:
    """A module file's core imports (parsed once per process and version of the file)."""
    return tuple(_imported(ast.parse(path.read_bytes()), root))


def module_closure(modules: Iterable[str], root: Path = PROJECT_ROOT) -> list[Path]:
    """Source files of ``modules`` and of every core module they import, transitively."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module in seen or module.split(".")[0] not in CORE_PACKAGES:
            continue
        path = module_file(module, root)
        if path is None:
            continue
        seen[module] = path
        todo.extend(_imports_of(path, path.stat().st_mtime_ns, root))
    return sorted(set(seen.values()))


def code_digest(modules: Iterable[str], root: Path = PROJECT_ROOT) -> str:
    """Hash of the closure's source files and the data files in their folders."""
    files = module_closure(modules, root)
    folders = sorted({path.parent for path in files})
    data = [p for folder in folders for p in sorted(folder.iterdir()) if p.suffix in DATA_SUFFIXES]
    digest = hashlib.sha256()
    for path in [*files, *data]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def model_identity(name_or_path: str = "") -> dict[str, str]:
    """A spaCy pipeline's name, version and weights hash (not where it is installed)."""
    from chronicle.nlp.pipeline import pipeline_dir

    folder = pipeline_dir(name_or_path)
    meta = json.loads((folder / "meta.json").read_text())
    files = tuple(
        (p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    )
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": str(meta.get("version", "")),
        "weights_sha256": _weights_digest(str(folder), files),
    }


@cache
def _weights_digest(folder: str, files: tuple[tuple[str, int, int], ...]) -> str:
    """Hash of every file of a pipeline folder (cached per process by name, size, mtime)."""
    digest = hashlib.sha256()
    for name, _, _ in files:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((Path(folder) / name).read_bytes()).digest())
    return digest.hexdigest()


def _digest(parts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def stage_fingerprint(stage: Stage, root: Path = PROJECT_ROOT) -> str:
    parts: dict[str, Any] = {
        "name": stage.name,
        "code": code_digest(stage.modules, root),
        "tables": list(stage.tables),
        "parameters": [list(p) for p in stage.parameters],
    }
    if stage.model is not None:
        from chronicle.nlp.pipeline import ModelNotFoundError

        try:
            parts["model"] = model_identity(stage.model)
        except ModelNotFoundError:  # the stage itself fails, naming the pages
            parts["model"] = {"missing": stage.model}
    return _digest(parts)


def build_fingerprints(
    stages: Sequence[Stage], decode_parameters: dict[str, Any], root: Path = PROJECT_ROOT
) -> dict[str, str]:
    """Ordered fingerprints: ``decode``, each stage, then ``corpus``.

    A page is redone from the first entry that differs from the published snapshot's
    (``decode``: every page from the start); ``corpus`` alone only re-derives the
    corpus tables.
    """
    fingerprints = {
        "decode": _digest({"code": code_digest(DECODE_MODULES, root), **decode_parameters})
    }
    for stage in stages:
        fingerprints[stage.name] = stage_fingerprint(stage, root)
    fingerprints["corpus"] = _digest({"code": code_digest(CORPUS_MODULES, root)})
    return fingerprints


def first_change(before: dict[str, str] | None, now: dict[str, str]) -> str | None:
    """The first entry of ``now`` (in order) that ``before`` lacks or differs on.

    ``""`` when only trailing stages were removed; None when nothing changed.
    """
    if before is None:
        return "decode"
    stages_before = [k for k in before if k != "corpus"]
    stages_now = [k for k in now if k != "corpus"]
    for index, name in enumerate(stages_now):
        if index >= len(stages_before) or stages_before[index] != name:
            return name
        if before[name] != now[name]:
            return name
    if len(stages_before) > len(stages_now):
        return ""
    return "corpus" if before.get("corpus") != now.get("corpus") else None
