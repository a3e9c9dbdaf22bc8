"""Score entity mentions and their resolution against the hand-labelled sample.

The sample (``tests/fixtures/entities_sample.json``, guidelines in ``docs/entities.md``)
stores page ids, offsets, surfaces, labels and canonical names only; the text is read from
``../shared/datasets/boilerplate_dev/ground-truth-dev.json`` (``CHRONICLE_SHARED``):
body = the first ``lines`` lines of the page's ``articleBody`` joined with "\\n".

Metrics:

* exact: a predicted mention is right when start, end and label all match a gold one;
* relaxed: spans overlap and labels match (each gold mention is matched at most once);
* resolution: among exactly-found mentions, the share whose predicted entity groups the
  same found mentions as the gold canonical name does (across all sample pages), and the
  share whose predicted entity name equals the gold canonical name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from spacy.language import Language

from chronicle.entities.extract import extract_mentions
from chronicle.entities.resolve import build_entities
from lab.datasets import REPO_ROOT, boilerplate_dev_dir

SAMPLE = REPO_ROOT / "tests" / "fixtures" / "entities_sample.json"


def ground_truth_file() -> Path:
    """The boilerplate benchmark's ground truth (article bodies)."""
    return boilerplate_dev_dir() / "ground-truth-dev.json"


@dataclass(frozen=True)
class GoldPage:
    doc_id: str  # the first 16 hex digits of the page id, as documents.doc_id
    body: str
    mentions: list[tuple[int, int, str, str, str]]  # start, end, surface, label, canonical


def load_sample(sample: Path = SAMPLE, truth: Path | None = None) -> list[GoldPage]:
    """The labelled pages with their body text; raises FileNotFoundError without ../shared."""
    truth = truth or ground_truth_file()
    bodies = json.loads(truth.read_text(encoding="utf-8"))
    pages = []
    for page in json.loads(sample.read_text(encoding="utf-8"))["pages"]:
        lines = bodies[page["page"]]["articleBody"].split("\n")[: page["lines"]]
        body = "\n".join(lines)
        mentions = [tuple(m) for m in page["mentions"]]
        for start, end, surface, _label, _canonical in mentions:
            if body[start:end] != surface:
                raise ValueError(f"{page['page']}: {surface!r} is not at {start}:{end}")
        pages.append(GoldPage(page["page"][:16], body, mentions))
    return pages


def predict(pages: list[GoldPage], nlp: Language | None = None) -> tuple[list[dict], dict]:
    """Run extraction and corpus resolution over the sample pages: (mentions, entities)."""
    rows = extract_mentions([p.body for p in pages], [p.doc_id for p in pages], nlp)
    table = pa.Table.from_pylist([r for page in rows for r in page])
    documents = pa.table({"doc_id": [p.doc_id for p in pages]})
    mentions, entities = build_entities(table, documents)
    return mentions.to_pylist(), {e["entity_id"]: e for e in entities.to_pylist()}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def score(pages: list[GoldPage], predicted: list[dict], entities: dict) -> dict[str, float]:
    """Mention P/R/F1 (exact and relaxed) and resolution accuracy; see the module doc."""
    gold = {(p.doc_id, s, e): (label, canon) for p in pages for s, e, _, label, canon in p.mentions}
    pred = {(m["doc_id"], m["start"], m["end"]): m for m in predicted}
    exact = [k for k, m in pred.items() if k in gold and gold[k][0] == m["label"]]

    gold_by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (doc, s, e), (label, _) in gold.items():
        gold_by_doc[doc].append((s, e, label))
    used: set[tuple[str, int, int]] = set()
    relaxed = 0
    for (doc, s, e), m in sorted(pred.items()):
        for gs, ge, label in gold_by_doc[doc]:
            if (doc, gs, ge) not in used and gs < e and s < ge and label == m["label"]:
                used.add((doc, gs, ge))
                relaxed += 1
                break

    by_canon: dict[str, set] = defaultdict(set)
    by_entity: dict[str, set] = defaultdict(set)
    for k in exact:
        by_canon[gold[k][1]].add(k)
        by_entity[pred[k]["entity_id"]].add(k)
    grouped = sum(by_entity[pred[k]["entity_id"]] == by_canon[gold[k][1]] for k in exact)
    named = sum(entities[pred[k]["entity_id"]]["name"] == gold[k][1] for k in exact)
    out = {f"exact_{k}": v for k, v in _prf(len(exact), len(pred), len(gold)).items()}
    out |= {f"relaxed_{k}": v for k, v in _prf(relaxed, len(pred), len(gold)).items()}
    out["resolution_acc"] = grouped / len(exact) if exact else 0.0
    out["name_acc"] = named / len(exact) if exact else 0.0
    out["gold"], out["predicted"], out["found"] = len(gold), len(pred), len(exact)
    return out


def main() -> None:
    """Print the scores: ``python -m lab.entities.score``."""
    pages = load_sample()
    predicted, entities = predict(pages)
    for key, value in score(pages, predicted, entities).items():
        print(f"{key:16s} {value:.3f}" if isinstance(value, float) else f"{key:16s} {value}")


if __name__ == "__main__":
    main()
