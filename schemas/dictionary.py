"""Render the data dictionary (docs/data-dictionary.md) from the table models.

python -m schemas.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import textwrap

from schemas import ANALYSIS_VIEWS, TABLES
from schemas.codes import REJECT_REASONS, SEGMENT_LABELS


def render() -> str:
    """The whole data dictionary as Markdown."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `schemas/` by `python -m schemas.dictionary`; do not edit by hand.",
        "Each table is a Parquet file at `warehouse/current/<table>/part-00000.parquet` and a",
        "view of the same name in `warehouse/chronicle.duckdb`.",
        "",
    ]
    for name, spec in TABLES.items():
        out += [f"## {name}", "", spec.grain, ""]
        key = ", ".join(f"`{k}`" for k in spec.key)
        out.append(f"Key: {key}. Maintained per {spec.scope}.")
        for column, target in spec.parents.items():
            out.append(f"`{column}` references `{target}`.")
        out += ["", "| column | type | nullable | description |", "|---|---|---|---|"]
        for column, arrow_type, nullable, description in spec.describe_columns():
            out.append(
                f"| `{column}` | {arrow_type} | {'yes' if nullable else 'no'} | {description} |"
            )
        out.append("")
    out += [
        "## Analysis views",
        "",
        "Views in `warehouse/chronicle.duckdb` over the tables above.",
        "",
    ]
    for name, sql in ANALYSIS_VIEWS.items():
        out += [f"### {name}", "", "```sql", textwrap.dedent(sql).strip(), "```", ""]
    out += ["## Code lists", "", "### rejects.reason", "", "| code | meaning |", "|---|---|"]
    out += [f"| `{code}` | {meaning} |" for code, meaning in REJECT_REASONS.items()]
    out += ["", "### segments.label", "", ", ".join(f"`{label}`" for label in SEGMENT_LABELS), ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
