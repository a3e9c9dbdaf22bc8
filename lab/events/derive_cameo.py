"""Derive Chronicle's CAMEO trigger and agent lexicons from PETRARCH2's dictionaries.

Reads ``../shared/datasets/cameo/`` (``CHRONICLE_SHARED``; MIT, Open Event Data
Alliance) and writes the committed, derived files the runtime reads:

* ``chronicle/events/cameo_verbs.json``: each verb lemma's default CAMEO code (the
  code of its own entry, else of its block; ``null`` = no event without a pattern), the
  index of its block, the blocks' patterns (particle, object head, preposition and the
  preposition's object head, each a word list or ``&SET``, with the code they give;
  ``null`` code = the pattern blocks coding, and the verb the pattern was written for),
  as in PETRARCH2 shared by all verbs of a block, the synonym sets the patterns use, and
  irregular verb forms;
* ``chronicle/events/cameo_agents.json``: role and sector nouns
  (``Phoenix.agents.txt``) -> CAMEO agent codes (``GOV``, ``MIL``, ``REB`` ...).

Run ``python -m lab.events.derive_cameo`` after the dictionaries change; the output
is deterministic (sorted keys). Patterns with words before the verb (a subject
constraint) are left out: Chronicle finds the actor itself.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from lab.datasets import REPO_ROOT, datasets_dir, missing

#: Where the derived lexicons go: beside the runtime module that reads them.
DATA_DIR = REPO_ROOT / "chronicle" / "events"
#: Words after the verb that are particles, not objects ("- * OFF (FROM ^)").
PARTICLES = frozenset({
    "off", "out", "up", "down", "back", "away", "over", "in", "on", "aside", "forward",
    "together", "through", "about", "around",
})  # fmt: skip
#: Bare words after the verb that open a prepositional phrase ("- * AGAINST +").
PREPOSITIONS = frozenset({
    "against", "for", "to", "into", "with", "at", "from", "of", "outside", "near", "toward",
    "towards", "upon", "onto", "across", "between", "behind", "inside", "as", "by",
})  # fmt: skip
_TOKENS = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")
_CODE = re.compile(r"\[([^\]]*)\]")
_MARKERS = frozenset({"$", "+", "^", "%", "|"})


def _word(raw: str) -> str:
    """PETRARCH spelling -> lower-case words ("ARMED_FORCES" -> "armed forces")."""
    return raw.strip("_").replace("_", " ").lower()


def _head_words(raw: str) -> list[str]:
    """The head (last word) of a phrase, or ``&SET`` kept as a reference."""
    raw = raw.strip("{}").split()[-1] if raw.strip("{}").split() else ""
    if raw.startswith("&"):
        return [raw.rstrip("_")]
    word = _word(raw).split()[-1] if _word(raw) else ""
    return [word] if word else []


def _code(text: str) -> str | None:
    """First code of ``[042:043]``; None for ``[---]`` (no event)."""
    match = _CODE.search(text)
    if match is None:
        return None
    code = match.group(1).split(":", 1)[0].strip()
    return code if code.isdigit() else None


def parse_pattern(line: str) -> dict[str, Any] | None:
    """``- * POLICE (TO BORDER) [153] # RUSH`` -> particle/object/prep/prep_object/code.
    None for patterns with a subject constraint (words before ``*``)."""
    body = line[1:].split("#", 1)[0]
    code_match = _CODE.search(body)
    if code_match is None or "*" not in body:
        return None
    code = _code(body)
    body = body[: code_match.start()]
    before, after = body.split("*", 1)
    if any(t not in _MARKERS for t in before.split()):
        return None
    comment = line.split("#", 1)[1].split() if "#" in line else []
    source = _word(comment[0]) if comment and comment[0].isupper() else None
    out: dict[str, Any] = {"particle": None, "object": None, "prep": None,
                           "prep_object": None, "code": code, "verb": source}  # fmt: skip
    for tok in _TOKENS.findall(after):
        if tok in _MARKERS:
            continue
        if tok.startswith("("):
            inner = [t for t in _TOKENS.findall(tok[1:-1]) if t not in _MARKERS]
            if out["prep"] is None and inner:
                out["prep"] = _word(inner[0])
                out["prep_object"] = _head_words(inner[-1]) if len(inner) > 1 else None
            continue
        words = _head_words(tok)
        if words and words[0] in PREPOSITIONS and out["prep"] is None:
            out["prep"] = words[0]
            continue
        if out["prep"] is not None and out["prep_object"] is None and words:
            out["prep_object"] = words
            continue
        if out["particle"] is None and out["object"] is None and words and words[0] in PARTICLES:
            out["particle"] = words[0]
        elif out["object"] is None and words:
            out["object"] = words
    return out


def parse_verbs(text: str) -> dict[str, Any]:
    """The verb section and synonym sets of ``CAMEO.2.0.txt``."""
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, list[Any]] = {}  # lemma -> [default code, block indices]
    blocks: list[list[dict[str, Any]]] = []
    forms: dict[str, str] = {}
    section = "head"
    current_set: str | None = None
    block_code: str | None = None
    block_verbs: list[tuple[str, str | None, bool]] = []
    block_patterns: list[dict[str, Any]] = []

    def close_block() -> None:
        if not block_verbs and not block_patterns:
            return
        seen: dict[str, dict[str, Any]] = {}
        for item in block_patterns:
            seen.setdefault(json.dumps(item, sort_keys=True), item)
        blocks.append([seen[k] for k in sorted(seen)])
        for verb, code, single in block_verbs:
            entry = verbs.setdefault(verb, [None, []])
            if single and entry[0] is None:
                entry[0] = code  # a verb's own entry gives its default code
            if len(blocks) - 1 not in entry[1]:
                entry[1].append(len(blocks) - 1)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("- ") else raw.rstrip()
        if raw.startswith("####### SYNONYM SETS"):
            section = "sets"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if section == "sets":
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set:
                word = _word(line[1:].split()[0])
                if word and word not in synsets[current_set]:
                    synsets[current_set].append(word)
            continue
        if section != "verbs":
            continue
        if line.startswith("---"):
            close_block()
            block_code, block_verbs, block_patterns = _code(line), [], []
        elif line.startswith("- "):
            pattern = parse_pattern(line)
            if pattern is not None:
                block_patterns.append(pattern)
        elif line[0].isalpha() or line[0] == "+":
            head = line.split()[0]
            own = _code(line)
            code = own or block_code
            words = _word(head.lstrip("+")).split()
            if not words:
                continue
            verb = words[0]
            for form in re.findall(r"\{([^}]*)\}", line)[:1]:
                for f in form.split():
                    f_words = _word(f.lstrip("+")).split()
                    if f_words and f_words[0] != verb:
                        forms[f_words[0]] = verb
            if words[0] == "re":
                continue  # "RE_ARREST": PETRARCH's spelling of a prefix, not a verb
            if len(words) == 1:
                block_verbs.append((verb, code, True))
            else:
                # "+SHUT_DOWN", "+TAKE_CONTROL": a verb with its particle or object.
                rest = words[1:]
                particle = rest[0] if rest[0] in PARTICLES else None
                obj = [rest[-1]] if particle is None or len(rest) > 1 else None
                block_verbs.append((verb, None, False))
                block_patterns.append(
                    {
                        "particle": particle,
                        "object": obj,
                        "prep": None,
                        "prep_object": None,
                        "code": code,
                        "verb": verb,
                    }
                )
    close_block()
    return {
        "verbs": dict(sorted(verbs.items())),
        "blocks": blocks,
        "synsets": dict(sorted(synsets.items())),
        "forms": dict(sorted(forms.items())),
    }


def parse_agents(text: str) -> dict[str, list[str]]:
    """``Phoenix.agents.txt``: noun phrase -> agent codes (``GOVMIL`` -> GOV, MIL)."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",")]
            continue
        match = re.match(r"^(\S+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", line)
        if match is None:
            continue
        phrase, plurals, code = match.group(1), match.group(2), match.group(3)
        codes = [code[i : i + 3] for i in range(0, len(code), 3)]
        names = [phrase]
        for name, expansions in macros.items():
            if name in phrase:
                names = [phrase.replace(name, e) for e in expansions]
        if plurals:
            names += [p for p in plurals.strip("{}").split()]
        else:  # PETRARCH adds the regular plural unless "{}" says otherwise
            names += [n + "S" for n in names if not n.endswith(("S", "_"))]
        for name in names:
            key = _word(name)
            if key and key not in agents:
                agents[key] = codes
    return dict(sorted(agents.items()))


def derive(folder: Path | None = None, out_dir: Path = DATA_DIR) -> dict[str, int]:
    folder = folder or datasets_dir() / "cameo"
    verbs = parse_verbs((folder / "CAMEO.2.0.txt").read_text(encoding="latin-1"))
    agents = parse_agents((folder / "Phoenix.agents.txt").read_text(encoding="latin-1"))
    note = ("Derived by lab/events/derive_cameo.py from PETRARCH2's CAMEO dictionaries "
            "(openeventdata/petrarch2, MIT licence, Copyright (c) 2015 Open Event Data "
            "Alliance); see NOTICE.")  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "cameo_verbs.json").write_text(
        json.dumps({"note": note, **verbs}, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    (out_dir / "cameo_agents.json").write_text(
        json.dumps({"note": note, "agents": agents}, indent=0) + "\n", encoding="utf-8"
    )
    return {
        "verbs": len(verbs["verbs"]),
        "patterns": sum(len(b) for b in verbs["blocks"]),
        "synsets": len(verbs["synsets"]),
        "agents": len(agents),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cameo", type=Path, default=None, help="folder of the dictionaries")
    args = parser.parse_args(argv)
    try:
        counts = derive(args.cameo)
    except FileNotFoundError:
        print(missing(args.cameo or datasets_dir() / "cameo"), file=sys.stderr)
        return 2
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
