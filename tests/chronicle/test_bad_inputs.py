"""The bad-input corpus: every kind of file ends in documents or rejects exactly once.

The light kinds share one build (ingest only); kinds that need a stage, a file growing
during the build, or many megabytes get a build each. bench/bench_bad_inputs.py builds
every kind on its own and prints the trial table with the time each takes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bad_inputs import (
    KINDS,
    Expect,
    Kind,
    accounting_errors,
    build_folder,
    published,
    restore_modes,
    run_kind,
    write_kind,
)
from tests.permissions import modes_honoured_prefix


def shares_a_build(kind: Kind) -> bool:
    return not (kind.heavy or kind.stages or kind.grows)


def kind_params() -> list:
    return [
        pytest.param(kind, id=kind.name, marks=[pytest.mark.slow] if kind.heavy else [])
        for kind in KINDS
        if not shares_a_build(kind)
    ]


def test_the_corpus_has_at_least_40_kinds() -> None:
    assert len(KINDS) >= 40
    assert len({kind.name for kind in KINDS}) == len(KINDS)


@pytest.mark.parametrize("kind", kind_params())
def test_each_kind_ends_in_documents_or_rejects_exactly_once(kind: Kind, tmp_path: Path) -> None:
    prefix = modes_honoured_prefix() if kind.modes else None
    result = run_kind(kind, tmp_path, prefix)
    assert result.survived, result.errors
    assert result.errors == []


def test_all_light_kinds_in_one_raw_folder(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    expects: list[Expect] = []
    for kind in KINDS:
        if not shares_a_build(kind):
            continue
        folder = re.sub(r"\W+", "-", kind.name).strip("-")
        for expect in write_kind(kind, raw / folder, tmp_path / "outside"):
            expects.append(Expect(f"{folder}/{expect.path}", expect.table, expect.reason,
                                  expect.detail))  # fmt: skip
    try:
        build_folder(raw, tmp_path / "warehouse", (), modes_honoured_prefix())
    finally:
        restore_modes(raw)
    assert accounting_errors(expects, published(tmp_path / "warehouse")) == []
