"""The table models: grain and key documented, Arrow schemas derived, docs in sync."""

from pathlib import Path

import pyarrow as pa
import pytest

from schemas import TABLES
from schemas.dictionary import render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_states_grain_and_key(name: str) -> None:
    spec = TABLES[name]
    assert spec.grain.startswith("One row per"), name
    assert "Key:" in spec.grain
    assert set(spec.key) <= set(spec.columns)
    for column, target in spec.parents.items():
        parent, parent_column = target.split(".")
        assert column in spec.columns and parent_column in TABLES[parent].columns


def test_arrow_schema_follows_the_model() -> None:
    documents = TABLES["documents"].arrow_schema
    assert documents.field("authors").type == pa.list_(pa.string())
    assert documents.field("published_date").type == pa.date32()
    assert documents.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert not documents.field("doc_id").nullable and documents.field("title").nullable


def test_data_dictionary_is_generated_from_the_models() -> None:
    regenerate = "python -m schemas.dictionary > docs/data-dictionary.md"
    assert DOCS.read_text() == render(), f"the dictionary is stale; run: {regenerate}"
