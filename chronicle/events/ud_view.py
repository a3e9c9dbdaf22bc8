"""A Universal Dependencies view of a parse, so the event rules read one label set.

Chronicle's own pipeline parses in UD (``obj``, ``obl`` + ``case``, ``nsubj:pass``).
OntoNotes-style pipelines (spaCy's ``en_core_web_*``, ClearNLP labels) attach a
preposition to its head and its noun to the preposition (``prep`` + ``pobj``), and name
relations differently (``dobj``, ``nsubjpass``, ``poss``, ``relcl``). :func:`ud_view`
returns a copy of such a parse in UD shape: the noun of a prepositional phrase hangs from
the phrase's head as ``obl`` (under a verb or adjective) or ``nmod`` (under a noun), with
the preposition as its ``case``; a clause after a preposition ("after leaving") becomes
``advcl``/``acl`` with the preposition as ``mark``; the other labels are renamed. Words,
offsets, tags, lemmas, entities and sentences are kept, so token indices and character
offsets stay those of the original document. A UD parse is returned as it is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: OntoNotes/ClearNLP label -> UD label, for relations that differ only in name.
RENAMED: dict[str, str] = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "relcl": "acl:relcl",
    "prt": "compound:prt",
    "neg": "advmod",
    "dative": "iobj",
    "npadvmod": "obl:npmod",
    "acomp": "xcomp",
    "oprd": "xcomp",
    "quantmod": "advmod",
    "predet": "det",
    "preconj": "cc:preconj",
    "meta": "dep",
}
#: Labels only OntoNotes-style parsers produce.
ONTONOTES_ONLY = frozenset({"dobj", "pobj", "prep", "nsubjpass", "poss", "pcomp", "agent"})
_VERBAL = frozenset({"VERB", "AUX", "ADJ", "ADV"})


def is_ontonotes(doc: Doc) -> bool:
    """True when the parse uses OntoNotes/ClearNLP labels."""
    return any(t.dep_ in ONTONOTES_ONLY for t in doc)


def ud_view(doc: Doc) -> Doc:
    """``doc`` itself when its parse is UD, else a copy with the parse in UD shape."""
    if not doc.has_annotation("DEP") or not is_ontonotes(doc):
        return doc
    heads = [t.head.i for t in doc]
    deps = [RENAMED.get(t.dep_, t.dep_) for t in doc]
    for prep in doc:
        if prep.dep_ not in ("prep", "agent"):
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        clauses = [c for c in prep.children if c.dep_ == "pcomp"]
        verbal_head = prep.head.pos_ in _VERBAL
        if objects or clauses:
            new_head = (objects or clauses)[0]
            heads[new_head.i] = heads[prep.i] if prep.head.i != prep.i else new_head.i
            if objects:
                deps[new_head.i] = "obl" if verbal_head else "nmod"
            else:
                deps[new_head.i] = "advcl" if verbal_head else "acl"
            if prep.head.i == prep.i:
                deps[new_head.i] = "ROOT"
            heads[prep.i] = new_head.i
            deps[prep.i] = "case" if objects else "mark"
            for child in prep.children:  # "right after the talks": the rest follows
                if child.i != new_head.i:
                    heads[child.i] = new_head.i
        elif prep.dep_ == "prep":
            deps[prep.i] = "compound:prt" if verbal_head else "advmod"
    view = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        heads=heads,
        deps=deps,
        pos=[t.pos_ for t in doc],
        tags=[t.tag_ for t in doc],
        lemmas=[t.lemma_ for t in doc],
        morphs=[str(t.morph) for t in doc],
    )
    view.ents = [Span(view, e.start, e.end, label=e.label_) for e in doc.ents]
    return view
