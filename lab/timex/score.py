"""TempEval-3-style scorer for TIMEX3 tagging on TimeML documents.

The input text of a document is its ``TEXT`` element with every tag stripped and
XML entities decoded; gold offsets are computed on exactly that string, so the
tagger sees what the scorer scores. Run ``python -m lab.timex.score``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lab.datasets import GoldTimex, TimeMLDoc, aquaint_dir, load_corpus, missing


@dataclass
class Scores:
    """Counts and derived TempEval-3 numbers."""

    n_gold: int = 0
    n_pred: int = 0
    strict_match: int = 0
    relaxed_match: int = 0
    type_correct: int = 0
    value_correct: int = 0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict(self) -> tuple[float, float, float]:
        p = self.strict_match / self.n_pred if self.n_pred else 0.0
        r = self.strict_match / self.n_gold if self.n_gold else 0.0
        return p, r, self._f1(p, r)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        p = self.relaxed_match / self.n_pred if self.n_pred else 0.0
        r = self.relaxed_match / self.n_gold if self.n_gold else 0.0
        return p, r, self._f1(p, r)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.relaxed_match if self.relaxed_match else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed_match if self.relaxed_match else 0.0

    @property
    def value_f1(self) -> float:
        return self.relaxed[2] * self.value_accuracy

    @property
    def type_f1(self) -> float:
        return self.relaxed[2] * self.type_accuracy

    def add(self, other: Scores) -> None:
        for name in (
            "n_gold",
            "n_pred",
            "strict_match",
            "relaxed_match",
            "type_correct",
            "value_correct",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> dict[str, float]:
        sp, sr, sf = self.strict
        rp, rr, rf = self.relaxed
        return {
            "gold": self.n_gold,
            "pred": self.n_pred,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "type_acc": self.type_accuracy,
            "value_acc": self.value_accuracy,
            "type_f1": self.type_f1,
            "value_f1": self.value_f1,
        }


@dataclass(frozen=True)
class Pair:
    """A relaxed match between a gold and a predicted timex (for error analysis)."""

    gold: GoldTimex
    pred: object


def score_spans(gold: Iterable[GoldTimex], pred: Iterable[object]) -> tuple[Scores, list[Pair]]:
    """Score one document. ``pred`` items need start, end, type, value attributes.

    Relaxed matching pairs each gold timex with at most one overlapping prediction
    (the one with the largest overlap), one-to-one, as the TempEval-3 scorer does.
    """
    gold_l = list(gold)
    pred_l = list(pred)
    s = Scores(n_gold=len(gold_l), n_pred=len(pred_l))
    pred_spans = {(p.start, p.end) for p in pred_l}  # type: ignore[attr-defined]
    s.strict_match = sum(1 for g in gold_l if (g.start, g.end) in pred_spans)
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold_l):
        for pi, p in enumerate(pred_l):
            ov = min(g.end, p.end) - max(g.start, p.start)  # type: ignore[attr-defined]
            if ov > 0:
                candidates.append((-ov, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[Pair] = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold_l[gi], pred_l[pi]
        pairs.append(Pair(g, p))
        s.relaxed_match += 1
        s.type_correct += int(g.type == p.type)  # type: ignore[attr-defined]
        s.value_correct += int(g.value == p.value)  # type: ignore[attr-defined]
    return s, pairs


Tagger = Callable[[str, "date | None"], Sequence[object]]


def evaluate(docs: Sequence[TimeMLDoc], tagger: Tagger | None = None) -> Scores:
    """Tag every document with ``tagger`` (default: chronicle's) anchored on its DCT and score."""
    if tagger is None:
        from chronicle.timex import tag_timexes

        tagger = tag_timexes
    total = Scores()
    for doc in docs:
        s, _ = score_spans(doc.timexes, tagger(doc.text, doc.dct))
        total.add(s)
    return total


GUM_LABELS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "timex_gum.json"


def load_gum_check(labels: Path = GUM_LABELS) -> list[TimeMLDoc]:
    """The 10 hand-labelled GUM news documents (a check the rules were not tuned on):
    texts from ``../shared``, gold spans from the fixture. Empty when either is missing."""
    import json

    from lab.datasets import gum_pages

    if not labels.is_file():
        return []
    fixture = json.loads(labels.read_text(encoding="utf-8"))
    pages = {p.name: p for p in gum_pages()} if gum_available() else {}
    docs = []
    for entry in fixture["docs"]:
        page = pages.get(entry["doc"])
        if page is None:
            return []
        if len(page.text) != entry["chars"]:
            raise ValueError(f"{entry['doc']}: text is not the one labelled (length differs)")
        gold = [
            GoldTimex(t["start"], t["end"], page.text[t["start"] : t["end"]], t["type"],
                      t["value"], None)
            for t in entry["timexes"]
        ]  # fmt: skip
        if any(g.text != t["text"] for g, t in zip(gold, entry["timexes"], strict=True)):
            raise ValueError(f"{entry['doc']}: labelled spans do not match the text")
        docs.append(TimeMLDoc(entry["doc"], page.text, date.fromisoformat(entry["dct"]), gold))
    return docs


def gum_available() -> bool:
    from lab.datasets import gum_dir

    return gum_dir().is_dir()


def hash_half(name: str) -> int:
    """0 or 1: a fixed split of documents by a hash of their name, mixing the sources.

    Half 0 is the tuning half, half 1 is reported as held out (rules are changed only
    after reading half 0's errors)."""
    import hashlib

    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2


def _format(name: str, s: Scores) -> str:
    d = s.summary()
    return (
        f"{name:<11} gold={d['gold']:<4} pred={d['pred']:<4} "
        f"strict P/R/F1={d['strict_p']:.3f}/{d['strict_r']:.3f}/{d['strict_f1']:.3f}  "
        f"relaxed P/R/F1={d['relaxed_p']:.3f}/{d['relaxed_r']:.3f}/{d['relaxed_f1']:.3f}  "
        f"type_acc={d['type_acc']:.3f} value_acc={d['value_acc']:.3f} "
        f"value_F1={d['value_f1']:.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: score the tagger on AQUAINT (all, APW tuning part, NYT+XIE held-out part) and
    on the hand-labelled GUM news check (tests/fixtures/timex_gum.json)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", type=Path, default=None, help="folder of .tml files")
    ap.add_argument("--errors", action="store_true", help="print mismatches for analysis")
    ap.add_argument("--gum-errors", action="store_true", help="print the GUM check's mismatches")
    ap.add_argument(
        "--half",
        type=int,
        choices=(0, 1),
        default=None,
        help="with --errors: only documents of this hash half (0 = tuning, 1 = held out)",
    )
    args = ap.parse_args(argv)
    folder = args.dir or aquaint_dir()
    if not folder.is_dir():
        print(missing(folder), file=sys.stderr)
        return 2
    docs = load_corpus(folder)
    if args.errors:
        _print_errors([d for d in docs if args.half is None or hash_half(d.name) == args.half])
    if args.gum_errors:
        _print_errors(load_gum_check())
    print(f"command: python -m lab.timex.score{' --dir ' + str(args.dir) if args.dir else ''}")
    print(_format("all", evaluate(docs)))
    apw = [d for d in docs if d.name.startswith("APW")]
    rest = [d for d in docs if not d.name.startswith("APW")]
    if apw and rest:
        print(_format("APW(tune)", evaluate(apw)))
        print(_format("NYT+XIE", evaluate(rest)))
    print(_format("hash0(tune)", evaluate([d for d in docs if hash_half(d.name) == 0])))
    print(_format("hash1(held)", evaluate([d for d in docs if hash_half(d.name) == 1])))
    gum = load_gum_check()
    if gum:
        print(_format("GUM(10)", evaluate(gum)))
    return 0


def _print_errors(docs: Sequence[TimeMLDoc]) -> None:
    from chronicle.timex import tag_timexes

    for doc in docs:
        pred = tag_timexes(doc.text, doc.dct)
        _, pairs = score_spans(doc.timexes, pred)
        matched_g = {id(p.gold) for p in pairs}
        matched_p = {id(p.pred) for p in pairs}
        for p in pairs:
            pr = p.pred
            if (p.gold.start, p.gold.end) != (pr.start, pr.end):  # type: ignore[attr-defined]
                print(f"EXT  {doc.name} gold={p.gold.text!r} pred={pr.text!r}")  # type: ignore[attr-defined]
            if p.gold.value != pr.value or p.gold.type != pr.type:  # type: ignore[attr-defined]
                print(
                    f"VAL  {doc.name} dct={doc.dct} {p.gold.text!r} "
                    f"gold={p.gold.type}/{p.gold.value}"
                    f" pred={pr.type}/{pr.value}"  # type: ignore[attr-defined]
                )
        for g in doc.timexes:
            if id(g) not in matched_g:
                ctx = doc.text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
                print(f"FN   {doc.name} {g.text!r} {g.type}/{g.value}  ...{ctx}...")
        for pr in pred:
            if id(pr) not in matched_p:
                ctx = doc.text[max(0, pr.start - 40) : pr.end + 30].replace("\n", " ")
                print(f"FP   {doc.name} {pr.text!r} {pr.type}/{pr.value}  ...{ctx}...")


if __name__ == "__main__":
    raise SystemExit(main())
