"""Rebuild Chronicle's spaCy pipeline (``models/chronicle_en``) from the shared corpora.

``python -m lab.nlp.train`` runs five stages (``--stages`` picks a subset):

1. ``data``: convert UD English EWT and the cleaned GMB + WikiGold NER data into DocBins
   under the build folder (``build/nlp/corpus``; gitignored, never committed).
2. ``ewt``: train tok2vec + tagger + morphologizer + edit-tree lemmatizer + parser with
   ``configs/ewt.cfg`` on EWT train (dev for model selection).
3. ``ner``: train the self-contained NER with ``configs/ner.cfg`` on the NER train split.
4. ``assemble``: EWT pipeline + sourced NER + news tokenizer special cases + gazetteer
   entity ruler (placed before or after the NER, whichever gives the better dev F1; when
   neither beats no ruler it is shipped disabled), written to ``--output``.
5. ``evaluate``: score on EWT test and the NER test split, with and without the ruler;
   results go to ``<output>/meta.json`` (``performance``) and ``build/nlp/metrics.json``.

Seeds are fixed in the configs (``[system] seed``) and training runs on one thread, so
a rebuild on the same machine gives the same pipeline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from lab import datasets
from lab.nlp import BUILD_DIR, CONFIG_DIR

STAGES = ("data", "ewt", "ner", "assemble", "evaluate")

#: News abbreviations that spaCy's English tokenizer splits off their full stop, plus
#: "U.S.-led" style compounds split so the country can be tagged on its own.
NEWS_ABBREVIATIONS = (
    "Lt.",
    "Col.",
    "Sgt.",
    "Maj.",
    "Capt.",
    "Cmdr.",
    "Ft.",
    "Sr.",
    "Supt.",
    "Insp.",
    "Pres.",
    "Amb.",
    "Dept.",
    "Brig.",
    "Cpl.",
    "Pvt.",
    "Lt.Col.",
    "Msgr.",
    "Atty.",
)
COMPOUND_PREFIXES = ("U.S.", "U.N.", "U.K.", "E.U.")
COMPOUND_SUFFIXES = (
    "led",
    "backed",
    "based",
    "brokered",
    "sponsored",
    "made",
    "funded",
    "run",
    "owned",
    "mediated",
    "allied",
    "trained",
    "imposed",
)


def _env_one_thread() -> dict[str, str]:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    return env


def stage_data(build: Path) -> dict[str, Any]:
    """Write EWT and NER DocBins; return their sizes."""
    from lab.nlp import corpora

    corpus = build / "corpus"
    return {"ewt_sentences": corpora.write_ewt(corpus), "ner": corpora.write_ner(corpus)}


def train_config(config: Path, output: Path, train: Path, dev: Path, overrides: list[str]) -> None:
    """Run ``spacy train`` in a one-thread subprocess (keeps BLAS from using every core)."""
    from lab.datasets import REPO_ROOT

    if output.exists():
        shutil.rmtree(output)

    def rel(path: Path) -> str:  # keeps machine paths out of the saved config.cfg
        return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)

    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        rel(config),
        "--output",
        rel(output),
        "--paths.train",
        rel(train),
        "--paths.dev",
        rel(dev),
        *overrides,
    ]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=_env_one_thread(), cwd=REPO_ROOT)


def add_news_special_cases(nlp) -> None:
    """Teach the tokenizer news abbreviations and "U.S.-led" style compounds."""
    from spacy.symbols import ORTH

    for abbr in NEWS_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    for prefix in COMPOUND_PREFIXES:
        for suffix in COMPOUND_SUFFIXES:
            text = f"{prefix}-{suffix}"
            nlp.tokenizer.add_special_case(text, [{ORTH: prefix}, {ORTH: "-"}, {ORTH: suffix}])


def add_ruler(nlp, where: str) -> None:
    """Add the gazetteer entity ruler ``before`` or ``after`` the statistical NER."""
    from chronicle.nlp import gazetteer
    from lab.nlp.score import RULER_NAME

    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    position = {"before": "ner"} if where == "before" else {"after": "ner"}
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        config={
            "overwrite_ents": False,
            "phrase_matcher_attr": "ORTH",
            "validate": True,
        },
        **position,
    )
    # Phrase patterns only need the tokenizer: keep the other pipes from running on them.
    with nlp.select_pipes(enable=[RULER_NAME]):
        ruler.add_patterns(gazetteer.ruler_patterns())


def stage_assemble(build: Path, output: Path) -> dict[str, Any]:
    """Combine EWT and NER models, add tokenizer cases and (if it helps) the ruler."""
    import spacy

    from lab.nlp.score import RULER_NAME, load_docs, score_ner

    nlp = spacy.load(build / "ewt_model" / "model-best")
    ner_nlp = spacy.load(build / "ner_model" / "model-best")
    nlp.add_pipe("ner", source=ner_nlp)
    add_news_special_cases(nlp)

    dev = load_docs(build / "corpus" / "ner_dev.spacy", nlp)
    choice: dict[str, float] = {"none": score_ner(nlp, dev, use_ruler=False)["f"]}
    for where in ("after", "before"):
        add_ruler(nlp, where)
        choice[where] = score_ner(nlp, dev)["f"]
    best = max(choice, key=lambda k: choice[k])
    if best == "none":
        # Ship the ruler but disabled: it costs dev F1 on GMB-style annotation, yet users
        # can switch it on (nlp.enable_pipe("entity_ruler")) for gazetteer-consistent labels.
        add_ruler(nlp, "after")
        nlp.disable_pipe(RULER_NAME)
    else:
        add_ruler(nlp, best)
    print("dev NER F1 by ruler placement:", choice, "-> keep", best, flush=True)

    nlp.meta.update(
        {
            "name": "chronicle_en",
            "version": "0.2.0",
            "description": (
                "Chronicle English news pipeline: tagger, morphologizer, lemmatizer and parser "
                "from UD English EWT 2.16; NER from GMB + WikiGold with a gazetteer ruler."
            ),
            "author": "Chronicle contributors",
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "UD English EWT 2.16",
                    "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "Groningen Meaning Bank (Bos et al. 2017), via Kaggle "
                    "'Annotated Corpus for Named Entity Recognition' by Abhinav Walia",
                    "license": "public domain (GMB, second-hand) / ODbL 1.0 + DbCL 1.0 (Kaggle)",
                },
                {
                    "name": "WikiGold (Balasuriya et al. 2009; Nothman et al. 2013)",
                    "license": "CC BY 4.0",
                },
            ],
            "chronicle": {"ruler_placement": best, "dev_ner_f_by_ruler": choice},
        }
    )
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    return {"ruler": best, "dev_ner_f": choice}


def stage_evaluate(build: Path, output: Path) -> dict[str, Any]:
    """Score the assembled pipeline on the test splits and record speed-free metrics."""
    import spacy

    from lab.nlp.score import (
        RULER_NAME,
        load_docs,
        score_ewt,
        score_ewt_gold_sentences,
        score_ner,
    )

    nlp = spacy.load(output)
    corpus = build / "corpus"
    has_ruler = RULER_NAME in nlp.component_names  # enabled or shipped disabled
    ewt_test = load_docs(corpus / "ewt_test.spacy", nlp)
    metrics: dict[str, Any] = {
        "ewt_test": score_ewt(nlp, ewt_test),
        "ewt_test_gold_sentences": score_ewt_gold_sentences(nlp, ewt_test),
        "ner_test": {},
    }
    for part in ("ner_test", "ner_test_gmb", "ner_test_wikigold"):
        docs = load_docs(corpus / f"{part}.spacy", nlp)
        key = part.removeprefix("ner_test").lstrip("_") or "all"
        metrics["ner_test"][key] = {"without_ruler": score_ner(nlp, docs, use_ruler=False)}
        if has_ruler:
            metrics["ner_test"][key]["with_ruler"] = score_ner(nlp, docs, use_ruler=True)
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["performance"] = metrics
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    return metrics


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns a process exit code."""
    from chronicle.nlp import paths

    parser = argparse.ArgumentParser(
        prog="python -m lab.nlp.train", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--build-dir",
        type=Path,
        default=BUILD_DIR,
        help="intermediate data and training outputs (default: build/nlp)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=paths.default_model_path(),
        help="where the assembled pipeline is written (default: models/chronicle_en)",
    )
    parser.add_argument(
        "--stages", default=",".join(STAGES), help=f"comma-separated subset of {','.join(STAGES)}"
    )
    parser.add_argument(
        "--ewt-max-steps",
        type=int,
        default=None,
        help="override training.max_steps for the EWT model",
    )
    parser.add_argument(
        "--ner-max-steps",
        type=int,
        default=None,
        help="override training.max_steps for the NER model",
    )
    args = parser.parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    if "data" in stages and not datasets.datasets_dir().is_dir():
        print(f"error: {datasets.missing(datasets.datasets_dir())}", file=sys.stderr)
        return 2

    build: Path = args.build_dir.resolve()
    corpus = build / "corpus"
    report: dict[str, Any] = {}
    for stage in STAGES:
        if stage not in stages:
            continue
        started = time.time()
        print(f"== stage {stage}", flush=True)
        if stage == "data":
            report["data"] = stage_data(build)
        elif stage == "ewt":
            extra = [f"--training.max_steps={args.ewt_max_steps}"] if args.ewt_max_steps else []
            train_config(
                CONFIG_DIR / "ewt.cfg",
                build / "ewt_model",
                corpus / "ewt_train.spacy",
                corpus / "ewt_dev.spacy",
                extra,
            )
        elif stage == "ner":
            extra = [f"--training.max_steps={args.ner_max_steps}"] if args.ner_max_steps else []
            train_config(
                CONFIG_DIR / "ner.cfg",
                build / "ner_model",
                corpus / "ner_train.spacy",
                corpus / "ner_dev.spacy",
                extra,
            )
        elif stage == "assemble":
            report["assemble"] = stage_assemble(build, args.output)
        elif stage == "evaluate":
            report["evaluate"] = stage_evaluate(build, args.output)
        report.setdefault("seconds", {})[stage] = round(time.time() - started, 1)
    build.mkdir(parents=True, exist_ok=True)
    (build / "metrics.json").write_text(json.dumps(report, indent=2) + "\n")
    if "evaluate" in report:
        from lab.nlp.score import markdown_tables

        print(markdown_tables(report["evaluate"]))
    else:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
