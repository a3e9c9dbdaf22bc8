"""Reference-date inference measured on pages whose date is hidden from it.

Dev pages (read from ``../shared``; nothing is copied into the repository):

* GUM news and interview documents (Wikinews, CC BY) with their ``dateCreated``; scored
  as written (most open with a dateline such as "Friday, May 8, 2009") and with every
  paragraph that is only a date removed (``gum-nodateline``), the harder case;
* AQUAINT TimeML newswire with the document creation time removed.

For each page :func:`chronicle.timex.refdate.infer_reference` sees only the text (and
the seed landmarks). Reported per set:

* ``covered``: share of pages given a date at all; ``contains``: share of covered pages
  whose interval (open ends unbounded) contains the true date;
* ``at_day`` / ``at_month`` / ``at_year``: share of pages whose interval is that precise
  or better (day; day/week/month; up to year), with the share of those containing the
  truth (``*_acc``);
* ``point_day`` / ``point_month`` / ``point_year``: share of covered pages whose point
  estimate has the right day / month / year.

Each set is also scored with a scraper's fetch time 3 and 30 days after the true date
(``+fetch3d``, ``+fetch30d``), the upper bound a sidecar's ``fetched_at`` gives.
Run ``python -m lab.timex.refdate``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from chronicle.landmarks import seed_landmark_days
from chronicle.timex.refdate import ReferenceDate, infer_reference
from chronicle.timex.tagger import tag_timexes
from lab.datasets import DevPage, aquaint_dir, gum_dir, gum_pages, load_corpus, missing


def aquaint_pages() -> Iterator[DevPage]:
    for doc in load_corpus(aquaint_dir()):
        if doc.dct is not None:
            yield DevPage(doc.name, doc.text, doc.dct)


def infer(page: DevPage, fetched_after: int | None = None) -> ReferenceDate:
    """Infer ``page``'s reference date from its text; ``fetched_after``: also give a
    scraper's fetch time that many days after the true date (an upper bound)."""
    fetched = page.truth + timedelta(days=fetched_after) if fetched_after is not None else None
    return infer_reference(
        fetched_at=fetched,
        text=page.text,
        timexes=tag_timexes(page.text),
        landmarks=seed_landmark_days(),
    )


def _contains(ref: ReferenceDate, truth: date) -> bool:
    return (ref.earliest is None or ref.earliest <= truth) and (
        ref.latest is None or truth <= ref.latest
    )


_AT = {
    "at_day": {"day"},
    "at_month": {"day", "week", "month"},
    "at_year": {"day", "week", "month", "year"},
}


def score(pages: Sequence[DevPage], fetched_after: int | None = None) -> dict[str, float | int]:
    """Coverage and accuracy of the inferred reference dates of ``pages``."""
    refs = [(p, infer(p, fetched_after)) for p in pages]
    covered = [(p, r) for p, r in refs if r.date is not None]
    n = len(refs)
    out: dict[str, float | int] = {"pages": n, "covered": _share(len(covered), n)}
    out["contains"] = _share(sum(_contains(r, p.truth) for p, r in covered), len(covered))
    for key, precisions in _AT.items():
        sel = [(p, r) for p, r in covered if r.precision in precisions]
        out[key] = _share(len(sel), n)
        out[f"{key}_acc"] = _share(sum(_contains(r, p.truth) for p, r in sel), len(sel))
    for key, n_chars in (("point_day", 10), ("point_month", 7), ("point_year", 4)):
        right = sum(
            r.date.isoformat()[:n_chars] == p.truth.isoformat()[:n_chars]  # type: ignore[union-attr]
            for p, r in covered
        )
        out[key] = _share(right, len(covered))
    return out


def _share(k: int, n: int) -> float:
    return round(k / n, 3) if n else 0.0


def dev_sets() -> dict[str, list[DevPage]]:
    """The dev sets available under ``../shared`` (missing ones are left out)."""
    sets: dict[str, list[DevPage]] = {}
    if gum_dir().is_dir():
        sets["gum"] = list(gum_pages())
        sets["gum-nodateline"] = list(gum_pages(strip_datelines=True))
    if aquaint_dir().is_dir():
        sets["aquaint-nodct"] = list(aquaint_pages())
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", action="store_true", help="print every page's inference")
    ap.add_argument(
        "--fetched-after",
        type=int,
        nargs="*",
        default=[3, 30],
        help="also score with a fetch time this many days after the true date",
    )
    args = ap.parse_args(argv)
    sets = dev_sets()
    if not sets:
        print(missing(gum_dir()), file=sys.stderr)
        return 2
    print("command: python -m lab.timex.refdate")
    for name, pages in sets.items():
        if args.pages:
            for p in pages:
                r = infer(p)
                print(f"  {name} {p.name} truth={p.truth} ref={r.date} [{r.earliest}, "
                      f"{r.latest}] {r.precision} {r.source} {r.confidence}")  # fmt: skip
        for fetched_after in (None, *args.fetched_after):
            s = score(pages, fetched_after)
            label = name if fetched_after is None else f"{name}+fetch{fetched_after}d"
            print(f"{label:<24} " + " ".join(f"{k}={v}" for k, v in s.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
