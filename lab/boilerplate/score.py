"""Token-shingle scorer for article-body extraction (the benchmark metric).

Tokens are runs of word characters (``\\w+``); shingles are 4 consecutive tokens
counted as a multiset. Per page: precision = matched / predicted shingles,
recall = matched / ground-truth shingles. Precision and recall are averaged over
pages and F1 is the harmonic mean of the two averages, as the
article-extraction-benchmark does.

Run ``python -m lab.boilerplate.score`` to score the extractor (and the
unfiltered text, as a sanity anchor) on the shared dev set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from lab.datasets import boilerplate_dev_dir, missing

_TOKEN_RE = re.compile(r"\w+")
SHINGLE_N = 4


def shingles(text: str, n: int = SHINGLE_N) -> Counter[str]:
    """Multiset of n-token shingles; a text shorter than n tokens is one shingle."""
    tokens = _TOKEN_RE.findall(text or "")
    out: Counter[str] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = " ".join(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """Per-page (precision, recall); an empty prediction or truth scores 0 on that side."""
    pred = shingles(predicted)
    true = shingles(truth)
    tp = sum((pred & true).values())
    n_pred = sum(pred.values())
    n_true = sum(true.values())
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 0.0
    return precision, recall


@dataclass(frozen=True)
class Score:
    """Averaged precision/recall over pages and their harmonic mean."""

    precision: float
    recall: float
    f1: float
    pages: int


def aggregate(pairs: Iterable[tuple[float, float]]) -> Score:
    """Average per-page precision and recall; F1 of the averages."""
    pairs = list(pairs)
    if not pairs:
        return Score(0.0, 0.0, 0.0, 0)
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, len(pairs))


# --- dev-set access -------------------------------------------------------------------


def dev_dir() -> Path:
    """Folder of the boilerplate dev benchmark (may not exist)."""
    return boilerplate_dev_dir()


@dataclass(frozen=True)
class DevPage:
    """One benchmark page: id, site host, rendered text and ground-truth body."""

    page_id: str
    site: str
    text: str
    truth: str


def load_dev_pages(root: Path | None = None) -> list[DevPage]:
    """Load the dev pages sorted by id; raises FileNotFoundError when absent."""
    root = root or dev_dir()
    truth = json.loads((root / "ground-truth-dev.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        item = truth[page_id]
        text = (root / "text" / f"{page_id}.txt").read_text(encoding="utf-8")
        site = urlparse(item.get("url", "")).netloc.lower().removeprefix("www.")
        pages.append(DevPage(page_id, site, text, item.get("articleBody") or ""))
    return pages


def evaluate(pages: list[DevPage], extract: Callable[[DevPage], str]) -> Score:
    """Score an extractor (page -> body text) over pages."""
    return aggregate(page_scores(extract(page), page.truth) for page in pages)


def _extract_body(page: DevPage) -> str:
    from chronicle.boilerplate import extract_page

    return extract_page(page.text, site=page.site).body


def main(argv: list[str] | None = None) -> int:
    """CLI: print P/R/F1 on the dev set for the extractor and the unfiltered text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-page", action="store_true", help="print per-page scores")
    args = parser.parse_args(argv)
    try:
        pages = load_dev_pages()
    except FileNotFoundError:
        print(missing(dev_dir()), file=sys.stderr)
        return 2
    raw = evaluate(pages, lambda p: p.text)
    print(f"unfiltered text : P {raw.precision:.3f} R {raw.recall:.3f} F1 {raw.f1:.3f}")
    pairs = []
    for page in pages:
        pr = page_scores(_extract_body(page), page.truth)
        pairs.append(pr)
        if args.per_page:
            print(f"  {page.page_id[:12]} {page.site:32s} P {pr[0]:.3f} R {pr[1]:.3f}")
    score = aggregate(pairs)
    print(
        f"chronicle       : P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}"
        f" ({score.pages} pages)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
