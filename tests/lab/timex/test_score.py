"""The TempEval-3-style scorer on a small hand-written TimeML document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lab.datasets import load_tml
from lab.timex.score import score_spans

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-10-25">2021-10-25</TIMEX3></DCT>
<TEXT>
Talks ended <TIMEX3 tid="t1" type="DATE" value="2021-10-22">Friday</TIMEX3> &amp;
resume <TIMEX3 tid="t2" type="DATE" value="2021-W44">next week</TIMEX3>
for <TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3>.
</TEXT>
</TimeML>
"""


@dataclass
class P:
    start: int
    end: int
    type: str
    value: str


def test_load_tml_strips_tags_and_decodes_entities(tmp_path: Path) -> None:
    f = tmp_path / "t.tml"
    f.write_text(DOC)
    doc = load_tml(f)
    assert doc.dct == date(2021, 10, 25)
    assert "&" in doc.text and "<" not in doc.text
    assert [g.text for g in doc.timexes] == ["Friday", "next week", "two days"]
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text


def test_strict_relaxed_and_value_scores(tmp_path: Path) -> None:
    f = tmp_path / "t.tml"
    f.write_text(DOC)
    doc = load_tml(f)
    fri, nxt, two = doc.timexes
    pred = [
        P(fri.start, fri.end, "DATE", "2021-10-22"),  # exact, right value
        P(nxt.start + 5, nxt.end, "DATE", "2021-W45"),  # "week": relaxed only, wrong value
        P(0, 5, "DATE", "PAST_REF"),  # spurious
    ]
    s, pairs = score_spans(doc.timexes, pred)
    assert (s.n_gold, s.n_pred, s.strict_match, s.relaxed_match) == (3, 3, 1, 2)
    assert len(pairs) == 2
    assert s.strict == (1 / 3, 1 / 3, 1 / 3)
    assert s.relaxed[2] == 2 / 3
    assert (s.type_accuracy, s.value_accuracy) == (1.0, 0.5)
    assert s.value_f1 == 2 / 3 * 0.5
    assert two not in [p.gold for p in pairs]
