"""Readers of the reference corpora in ``../shared/datasets`` (never copied into the repo).

Every scorer, trainer, gate and benchmark finds its data here, and says the same thing
when it is absent (:func:`missing`).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SHARED_ENV = "CHRONICLE_SHARED"
#: Repository root (``lab/datasets.py`` -> ``lab`` -> root).
REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    """The shared reference data: ``$CHRONICLE_SHARED``, else ``shared/`` beside the repo."""
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else REPO_ROOT.parent / "shared"


def missing(path: Path) -> str:
    """The one message for absent shared data (scorers print it, gates skip with it)."""
    return (
        f"shared data not found: {path} (put shared/datasets beside the repository "
        f"or set {SHARED_ENV})"
    )


def datasets_dir() -> Path:
    """``shared/datasets``, the folder with the reference corpora."""
    return shared_root() / "datasets"


def ewt_dir() -> Path:
    """The UD English EWT folder."""
    return datasets_dir() / "ud_english_ewt"


def gmb_csv() -> Path:
    """The GMB NER CSV (gzip)."""
    return datasets_dir() / "ner" / "gmb" / "ner_dataset.csv.gz"


def wikigold_file() -> Path:
    """The WikiGold CoNLL file."""
    return datasets_dir() / "ner" / "wikigold" / "wikigold.conll.txt"


def boilerplate_dev_dir() -> Path:
    """The labelled boilerplate dev pages (CleanEval-style ground truth)."""
    return datasets_dir() / "boilerplate_dev"


AQUAINT_REL = Path("timeml_aquaint")


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 from a TimeML ``TEXT`` element."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None


@dataclass
class TimeMLDoc:
    """A TimeML document reduced to what TIMEX scoring needs."""

    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)
    #: For event work: EVENT id -> (start, end) in text, TIMEX3 id -> GoldTimex, event
    #: instance id -> EVENT id, and the TLINKs' attributes.
    events: dict[str, tuple[int, int]] = field(default_factory=dict)
    timex_ids: dict[str, GoldTimex] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)
    tlinks: list[dict[str, str]] = field(default_factory=list)


def aquaint_dir() -> Path:
    """Folder of the AQUAINT TimeML files (may not exist on a machine without shared/)."""
    return datasets_dir() / AQUAINT_REL


def _parse_dct(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def load_tml(path: Path) -> TimeMLDoc:
    """Parse one .tml file: stripped TEXT, gold TIMEX3 offsets on it, and the DCT date."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = _parse_dct(dct_el.get("value") if dct_el is not None else None)
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    tids: list[str | None] = []
    events: dict[str, tuple[int, int]] = {}
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "EVENT" and el.get("eid"):
            events[el.get("eid", "")] = (start, pos)
        if el.tag == "TIMEX3":
            tids.append(el.get("tid"))
            gold.append(
                GoldTimex(
                    start,
                    pos,
                    "",
                    el.get("type", ""),
                    el.get("value", ""),
                    el.get("mod"),
                )
            )

    if text_el is not None:
        walk(text_el)
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value, g.mod) for g in gold]
    timex_ids = {tid: g for tid, g in zip(tids, gold, strict=True) if tid}
    gold.sort(key=lambda g: g.start)
    instances = {el.get("eiid", ""): el.get("eventID", "") for el in root.iter("MAKEINSTANCE")}
    tlinks = [dict(el.attrib) for el in root.iter("TLINK")]
    return TimeMLDoc(path.stem, text, dct, gold, events, timex_ids, instances, tlinks)


def load_corpus(folder: Path | None = None, prefixes: Sequence[str] = ()) -> list[TimeMLDoc]:
    """Load the .tml files in ``folder`` (default: AQUAINT), optionally only name prefixes."""
    folder = folder or aquaint_dir()
    paths = sorted(folder.glob("*.tml"))
    if prefixes:
        paths = [p for p in paths if p.name.startswith(tuple(prefixes))]
    return [load_tml(p) for p in paths]
