"""Render the data dictionary (docs/data-dictionary.md) from the table models.

python -m schemas.dictionary > docs/data-dictionary.md
"""

from __future__ import annotations

import textwrap

from schemas import ANALYSIS_VIEWS, TABLES
from schemas.codes import REJECT_REASONS, SEGMENT_LABELS
from schemas.entity_labels import ENTITY_LABEL_DEFINITIONS
from schemas.event_types import (
    AGENT_SECTORS,
    EVENT_TYPE_DEFINITIONS,
    PLOVER_TYPES,
    SYMMETRIC_EVENT_TYPES,
)


def render() -> str:
    """The whole data dictionary as Markdown."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `schemas/` by `python -m schemas.dictionary`; do not edit by hand.",
        "Each table is a folder of Parquet files, `warehouse/current/<table>/*.parquet` (read",
        "the folder or the glob: the files together are the table), and a view of the same",
        "name in `warehouse/chronicle.duckdb`. A table's rows are spread over a fixed number",
        "of files (`bucket-042-of-256.parquet`) by a hash of its bucket column; `runs` is",
        "one file. See the README's warehouse section for the layout.",
        "",
    ]
    for name, spec in TABLES.items():
        out += [f"## {name}", "", spec.grain, ""]
        key = ", ".join(f"`{k}`" for k in spec.key)
        files = f"Files: by hash of `{spec.bucket_by}`." if spec.bucket_by else "Files: one."
        out.append(f"Key: {key}. Maintained per {spec.scope}. {files}")
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
    out += ["### mentions.label, entities.label", "", "| label | meaning |", "|---|---|"]
    out += [f"| `{label}` | {meaning} |" for label, meaning in ENTITY_LABEL_DEFINITIONS.items()]
    out += [
        "",
        "### events.event_type",
        "",
        "Modelled on PLOVER/CAMEO top-level classes (`schemas/event_types.py`). Symmetric"
        f" types ({', '.join(f'`{t}`' for t in SYMMETRIC_EVENT_TYPES)}) count in both"
        " directions in `event_dyads_by_month`.",
        "",
        "| type | CAMEO | PLOVER | meaning | example triggers |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| `{code}` | {cameo} | {PLOVER_TYPES[code]} | {meaning} | {examples} |"
        for code, (cameo, meaning, examples) in EVENT_TYPE_DEFINITIONS.items()
    ]
    out += [
        "",
        "### events.cameo_code",
        "",
        "A CAMEO event code of 2 to 4 digits whose root (first two digits) is the CAMEO root"
        " of `event_type`: the most specific code a PETRARCH2 verb pattern gives (`163`"
        " impose sanctions, `154` deploy troops), else the root's unspecified code (`040`);"
        " null for `launch`.",
        "",
        "### events.actor_sectors, events.target_sectors",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    out += [f"| `{code}` | {meaning} |" for code, meaning in AGENT_SECTORS.items()]
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
