"""Score a pipeline on the held-out splits: EWT (tags, lemmas, parse) and NER.

The predicted side always starts from raw text (``nlp.make_doc(reference.text)``), so the
scores include tokenisation errors, as they would on scraped news. spaCy's ``Scorer``
aligns predicted and gold tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

EWT_KEYS = (
    "token_acc",
    "pos_acc",
    "tag_acc",
    "morph_acc",
    "lemma_acc",
    "dep_uas",
    "dep_las",
    "sents_f",
)
RULER_NAME = "entity_ruler"


def load_docs(path: Path, nlp: Language, limit: int | None = None) -> list[Doc]:
    """Read gold Docs from a ``.spacy`` file (first ``limit`` Docs if given)."""
    docs = DocBin().from_disk(path).get_docs(nlp.vocab)
    out = []
    for i, doc in enumerate(docs):
        if limit is not None and i >= limit:
            break
        out.append(doc)
    return out


def examples(nlp: Language, docs: Iterable[Doc]) -> list[Example]:
    """Pair raw-text predictions with gold Docs."""
    return [Example(nlp.make_doc(doc.text), doc) for doc in docs]


def score_ewt(nlp: Language, docs: list[Doc]) -> dict[str, float]:
    """UPOS/XPOS/morph/lemma accuracy, UAS/LAS and sentence F on UD docs."""
    disable = [n for n in nlp.pipe_names if n == "ner" or n == RULER_NAME]
    with nlp.select_pipes(disable=disable):
        scores = nlp.evaluate(examples(nlp, docs))
    return {k: float(scores[k]) for k in EWT_KEYS if scores.get(k) is not None}


def one_sentence_docs(docs: Iterable[Doc]) -> list[Doc]:
    """Split gold Docs into one Doc per gold sentence (annotations kept)."""
    return [sent.as_doc() for doc in docs for sent in doc.sents]


def score_ewt_gold_sentences(nlp: Language, docs: list[Doc]) -> dict[str, float]:
    """The same scores with one gold sentence per text, the usual treebank protocol.

    Predictions still start from raw text, but the parser no longer has to find where
    sentences end, so a head can never point into a neighbouring sentence. Parsing
    papers report EWT this way; ``score_ewt`` (several sentences per text) is closer to
    what Chronicle meets in news paragraphs, so the model card gives both.
    """
    return score_ewt(nlp, one_sentence_docs(docs))


def upstream_of(nlp: Language, name: str) -> list[str]:
    """Names of the shared ``tok2vec`` components that component ``name`` listens to."""
    return [
        up
        for up, proc in nlp.pipeline
        if name in (getattr(proc, "listening_components", None) or [])
    ]


def score_ner(nlp: Language, docs: list[Doc], use_ruler: bool = True) -> dict[str, Any]:
    """Entity precision/recall/F1 overall and per label (only NER-relevant pipes run)."""
    keep = {"ner"} | ({RULER_NAME} if use_ruler else set()) | set(upstream_of(nlp, "ner"))
    enabled_here = use_ruler and RULER_NAME in nlp.disabled
    if enabled_here:  # the committed pipeline ships the ruler disabled
        nlp.enable_pipe(RULER_NAME)
    try:
        disable = [n for n in nlp.pipe_names if n not in keep]
        with nlp.select_pipes(disable=disable):
            scores = nlp.evaluate(examples(nlp, docs))
    finally:
        if enabled_here:
            nlp.disable_pipe(RULER_NAME)
    return {
        "p": float(scores["ents_p"]),
        "r": float(scores["ents_r"]),
        "f": float(scores["ents_f"]),
        "per_type": {
            label: {k: float(v) for k, v in prf.items()}
            for label, prf in sorted((scores.get("ents_per_type") or {}).items())
        },
    }


def markdown_tables(performance: dict[str, Any]) -> str:
    """Render ``meta.json``'s ``performance`` block as the model card's Markdown tables."""
    lines = ["| EWT test | score |", "|---|---|"]
    names = {
        "token_acc": "tokenization accuracy",
        "pos_acc": "UPOS accuracy",
        "tag_acc": "XPOS accuracy",
        "morph_acc": "FEATS accuracy",
        "lemma_acc": "lemma accuracy",
        "dep_uas": "UAS",
        "dep_las": "LAS",
        "sents_f": "sentence boundary F1",
    }
    gold = performance.get("ewt_test_gold_sentences")
    if gold:
        lines = [
            "| EWT test | 10 sentences per text | one gold sentence per text |",
            "|---|---|---|",
        ]
    for key, value in performance["ewt_test"].items():
        row = f"| {names.get(key, key)} | {value:.4f} |"
        if gold:
            other = gold.get(key)
            row += f" {other:.4f} |" if other is not None else " — |"
        lines.append(row)
    for part, runs in performance["ner_test"].items():
        lines += ["", f"NER test split ({part}):", ""]
        header = "| label |"
        rule = "|---|"
        for run in runs:
            header += f" P {run} | R {run} | F1 {run} |"
            rule += "---|---|---|"
        lines += [header, rule]
        labels = sorted({lab for r in runs.values() for lab in r["per_type"]})
        rows = [("**overall**", {run: (r["p"], r["r"], r["f"]) for run, r in runs.items()})]
        for lab in labels:
            rows.append(
                (
                    lab,
                    {
                        run: tuple(r["per_type"].get(lab, {}).get(k, 0.0) for k in ("p", "r", "f"))
                        for run, r in runs.items()
                    },
                )
            )
        for name, by_run in rows:
            cells = "".join(f" {p:.3f} | {r:.3f} | {f:.3f} |" for p, r, f in by_run.values())
            lines.append(f"| {name} |{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m lab.nlp.score MODEL CORPUS.spacy [ewt|ner]``: print scores."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("model")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("kind", choices=("ewt", "ner"))
    parser.add_argument("--no-ruler", action="store_true")
    args = parser.parse_args(argv)
    nlp = spacy.load(args.model)
    docs = load_docs(args.corpus, nlp)
    if args.kind == "ewt":
        result: dict[str, Any] = score_ewt(nlp, docs)
    else:
        result = score_ner(nlp, docs, use_ruler=not args.no_ruler)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
