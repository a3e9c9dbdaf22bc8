"""Rebuild the line model: ``python -m lab.boilerplate.train``.

Line labels come from aligning each page line with the ground-truth body of the
shared benchmark (a line is content when most of its 4-token shingles occur in
the truth; a short line when it occurs there verbatim between content lines).
The five sample pages in raw/ (other sites, other languages of politics news)
are added with hand labels (``sample_labels.json``) so that the benchmark is not
the only evidence. The model is a strongly regularised logistic regression over
generic features (no site-specific input). We report the *cross-validated* body score: folds are
grouped by site, and every page is scored with a model that never saw its site.
The final model is then fitted on all pages and written to ``line_model.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

from chronicle.boilerplate.config import MODEL_PATH
from chronicle.boilerplate.features import FEATURE_NAMES, Line, line_features, split_lines
from chronicle.boilerplate.model import LineModel
from lab.boilerplate.score import (
    DevPage,
    aggregate,
    dev_dir,
    load_dev_pages,
    page_scores,
    shingles,
)
from lab.datasets import missing

_TOKEN = re.compile(r"\w+")
SEED = 0
N_FOLDS = 5
C_REG = 0.5


def align_labels(lines: list[Line], truth: str) -> list[int]:
    """1 for lines that belong to the ground-truth body, else 0."""
    true_sh = shingles(truth)
    true_tokens = " " + " ".join(_TOKEN.findall(truth)) + " "
    raw: list[float] = []
    for line in lines:
        toks = _TOKEN.findall(line.text)
        if len(toks) >= 4:
            sh = shingles(line.text)
            raw.append(sum((sh & true_sh).values()) / sum(sh.values()))
        elif toks:
            # Short lines match by accident ("News"); require verbatim presence and
            # content on both sides within three lines (in-article headings).
            raw.append(0.5 if f" {' '.join(toks)} " in true_tokens else 0.0)
        else:
            raw.append(0.0)
    labels = []
    for i, f in enumerate(raw):
        if f == 0.5:
            before = any(raw[j] >= 0.6 for j in range(max(0, i - 3), i))
            after = any(raw[j] >= 0.6 for j in range(i + 1, min(len(raw), i + 4)))
            labels.append(1 if before and after else 0)
        else:
            labels.append(1 if f >= 0.5 else 0)
    return labels


def page_matrix(page: DevPage) -> tuple[np.ndarray, list[int], list[float]]:
    """Features, labels and sample weights (longer lines count more) of one page."""
    lines = split_lines(page.text)
    feats = line_features(lines)
    labels = align_labels(lines, page.truth)
    weights = [1.0 + min(line.words, 60) ** 0.5 for line in lines]
    return feats, labels, weights


def fit(rows: list[np.ndarray], labels: list[int], weights: list[float]) -> LineModel:
    """Standardise and fit a logistic regression; fold the scaling into the weights."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack(rows)
    y = np.asarray(labels)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C_REG, max_iter=2000, class_weight="balanced", random_state=SEED)
    clf.fit((x - mean) / scale, y, sample_weight=np.asarray(weights))
    w = clf.coef_[0] / scale
    b = float(clf.intercept_[0] - (w * mean).sum())
    return LineModel(FEATURE_NAMES, tuple(float(v) for v in w), b, {})


SAMPLE_LABELS = Path(__file__).with_name("sample_labels.json")
RAW_DIR = Path(__file__).resolve().parents[2] / "raw"


def sample_matrices() -> list[tuple[np.ndarray, list[int], list[float]]]:
    """Hand-labelled sample pages from raw/ (other sites than the benchmark), if present."""
    if not SAMPLE_LABELS.exists() or not RAW_DIR.exists():
        return []
    spec = json.loads(SAMPLE_LABELS.read_text(encoding="utf-8"))["pages"]
    out = []
    for name, ranges in sorted(spec.items()):
        path = RAW_DIR / name
        if not path.exists():
            continue
        lines = split_lines(path.read_text(encoding="utf-8"))
        labels = [int(any(a <= x.line_no <= b for a, b in ranges)) for x in lines]
        weights = [1.0 + min(x.words, 60) ** 0.5 for x in lines]
        out.append((line_features(lines), labels, weights))
    return out


def cross_validate(
    pages: list[DevPage], mats: list[tuple], extra: list[tuple] | None = None
) -> tuple[dict, list[list[float]]]:
    """Site-grouped K-fold: out-of-fold line probabilities and the resulting body score.

    ``extra`` pages (hand-labelled samples) are added to every training fold; the
    score is computed on the benchmark pages only.
    """
    from sklearn.model_selection import GroupKFold

    from chronicle.boilerplate import extract_page

    groups = [p.site for p in pages]
    oof: list[list[float]] = [[] for _ in pages]
    for train_idx, test_idx in GroupKFold(n_splits=N_FOLDS).split(pages, groups=groups):
        rows, labels, weights = [], [], []
        for f, y, w in [*(mats[k] for k in train_idx), *(extra or [])]:
            rows.append(f)
            labels += y
            weights += w
        model = fit(rows, labels, weights)
        for k in test_idx:
            oof[k] = model.predict(mats[k][0])
    pairs = [
        page_scores(extract_page(p.text, site=p.site, probs=oof[k]).body, p.truth)
        for k, p in enumerate(pages)
    ]
    score = aggregate(pairs)
    return (
        {
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
            "folds": N_FOLDS,
            "grouped_by": "site",
        },
        oof,
    )


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, fit on all dev pages, write the model JSON."""
    parser = argparse.ArgumentParser(description="Rebuild the boilerplate line model.")
    parser.add_argument("--out", default=str(MODEL_PATH), help="model file to write")
    parser.add_argument("--cv-only", action="store_true", help="report CV, do not write")
    args = parser.parse_args(argv)
    try:
        pages = load_dev_pages()
    except FileNotFoundError:
        print(missing(dev_dir()), file=sys.stderr)
        return 2
    mats = [page_matrix(p) for p in pages]
    extra = sample_matrices()
    cv, _ = cross_validate(pages, mats, extra)
    print(
        f"cross-validated (by site): P {cv['precision']:.3f} R {cv['recall']:.3f} F1 {cv['f1']:.3f}"
    )
    if args.cv_only:
        return 0
    rows, labels, weights = [], [], []
    for f, y, w in [*mats, *extra]:
        rows.append(f)
        labels += y
        weights += w
    model = fit(rows, labels, weights)
    meta = {
        "trained_on": "shared/datasets/boilerplate_dev (61 pages, 50 sites)"
        f" + {len(extra)} hand-labelled raw/ sample pages",
        "lines": len(labels),
        "positives": int(sum(labels)),
        "C": C_REG,
        "cross_validated": cv,
        "command": "python -m lab.boilerplate.train",
    }
    model = LineModel(model.feature_names, model.weights, model.intercept, meta)
    Path(args.out).write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(labels)} lines)")
    print(json.dumps(meta["cross_validated"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
