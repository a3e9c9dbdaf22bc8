"""The sample warehouse's report, opened as a person would: in a real headless Chromium.

The page the build wrote (reports/latest.html) must load offline with no console error,
draw marks in every figure, and show what the sample pages say: the 2021-10-22
Bennett-Putin meeting and the 2022-02-24 deployment on the timeline, Putin as the
largest node of the network, and the comments and rejects counts.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tests.browser import Browser, chromium_path

pytestmark = pytest.mark.skipif(
    chromium_path() is None, reason="chromium is not installed: run `make chromium` (as root)"
)

FIGURES = {
    "fig-timeline",
    "fig-dyads",
    "fig-network",
    "fig-sites",
    "fig-refdates",
    "fig-dating",
    "fig-segments",
    "fig-rejects",
    "fig-history",
    "fig-stages",
}

# Per figure: visible traces, and the SVG/canvas marks Plotly drew for them.
MARKS_JS = """
Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
  id: gd.id,
  traces: gd._fullData.filter(t => t.visible === true).length,
  marks: gd.querySelectorAll('path.point, .point path, .heatmaplayer image, .hm image').length,
}))
"""

# Every event point of the timeline: date, type, actors, targets, evidence.
TIMELINE_POINTS_JS = """
(() => {
  const gd = document.getElementById('fig-timeline');
  const out = [];
  gd.data.filter(t => t.type === 'scatter').forEach((t, k) => t.x.forEach((x, i) => out.push({
    trace: k, index: i, date: String(x).slice(0, 10), type: t.customdata[i][1],
    actors: t.customdata[i][2], targets: t.customdata[i][3], evidence: t.customdata[i][4],
    page: t.customdata[i][5]})));
  return out;
})()
"""

# Network nodes as drawn: name and rendered width of each marker.
NETWORK_NODES_JS = """
(() => {
  const gd = document.getElementById('fig-network');
  const traces = gd.querySelectorAll('.scatterlayer .trace');
  const out = [];
  gd._fullData.forEach((t, k) => {
    if (!t.customdata) { return; }
    traces[k].querySelectorAll('path.point').forEach((p, i) => out.push({
      name: t.customdata[i][0], width: p.getBoundingClientRect().width}));
  });
  return out;
})()
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def report(sample_warehouse: Path, browser: Browser) -> Path:
    path = sample_warehouse / "reports" / "latest.html"
    browser.open(path)
    return path


def point_centre(browser: Browser, trace: int, index: int) -> tuple[float, float]:
    """Viewport centre of a timeline event point, scrolled into view."""
    box = browser.evaluate(
        f"""(() => {{
      const t = document.querySelectorAll('#fig-timeline .scatterlayer .trace');
      const p = t[{trace}].querySelectorAll('path.point')[{index}];
      p.scrollIntoView({{block: 'center'}});
      const r = p.getBoundingClientRect();
      return {{x: r.x + r.width / 2, y: r.y + r.height / 2}};
    }})()"""
    )
    return box["x"], box["y"]


def mouse(browser: Browser, kind: str, x: float, y: float) -> None:
    extra: dict[str, Any] = {"button": "left", "clickCount": 1} if kind != "mouseMoved" else {}
    browser.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, **extra)


def wait_for(browser: Browser, expression: str, timeout_s: float = 10) -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        value = browser.evaluate(expression)
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def test_the_page_loads_offline_without_console_errors(report: Path, browser: Browser) -> None:
    assert browser.console_errors == []
    assert report.stat().st_size > 1_000_000  # plotly.js is inline
    foreign = [u for u in browser.requests if not u.startswith(("file:", "data:", "blob:"))]
    assert foreign == [], "the report fetched something from elsewhere"


def test_every_figure_drew_marks(report: Path, browser: Browser) -> None:
    drawn = {f["id"]: f for f in browser.evaluate(MARKS_JS)}
    assert set(drawn) == FIGURES
    for figure in drawn.values():
        assert figure["traces"] > 0 and figure["marks"] > 0, figure


def test_timeline_shows_the_bennett_putin_meeting_and_the_deployment(
    report: Path, browser: Browser
) -> None:
    points = browser.evaluate(TIMELINE_POINTS_JS)
    [meeting] = [
        p
        for p in points
        if p["date"] == "2021-10-22" and "Bennett" in p["actors"] and "Putin" in p["evidence"]
    ]
    assert meeting["type"] == "consult"
    [deployment] = [p for p in points if p["date"] == "2022-02-24"]
    assert deployment["type"] == "mobilize" and "deployed" in deployment["evidence"]
    assert "Ukraine" in deployment["targets"]

    # Hovering the meeting's point shows its actors; clicking shows evidence and page.
    x, y = point_centre(browser, meeting["trace"], meeting["index"])
    mouse(browser, "mouseMoved", x, y)
    hover = wait_for(
        browser, "document.querySelector('#fig-timeline .hoverlayer').textContent", timeout_s=5
    )
    assert "Bennett" in hover and "2021-10-22" in hover
    mouse(browser, "mousePressed", x, y)
    mouse(browser, "mouseReleased", x, y)
    details = wait_for(
        browser,
        "(t => t.includes('Putin') && t)(document.getElementById('event-details').textContent)",
    )
    assert details and meeting["page"] in details and "consult on 2021-10-22" in details
    assert browser.console_errors == []


def test_putin_is_the_largest_node(report: Path, browser: Browser) -> None:
    nodes = browser.evaluate(NETWORK_NODES_JS)
    assert len(nodes) > 10
    largest = max(nodes, key=lambda n: n["width"])
    assert largest["name"] == "Vladimir Putin"
    assert largest["width"] > 1.2 * sorted(n["width"] for n in nodes)[-2]


def test_counts_of_comments_and_rejects_are_shown(
    report: Path, browser: Browser, sample_warehouse: Path
) -> None:
    current = sample_warehouse / "current"
    comments = pq.read_table(current / "comments").num_rows
    rejects = pq.read_table(current / "rejects", columns=["reason"])["reason"].to_pylist()
    assert comments > 0 and sorted(rejects) == ["duplicate", "empty"]
    shown = browser.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('.kpi'))"
        ".map(k => [k.dataset.kpi, k.querySelector('.value').textContent]))"
    )
    assert shown["comments"] == f"{comments:,}" and shown["rejects"] == "2"
    reasons = browser.evaluate(
        "document.getElementById('fig-rejects').data[0].y.map(String).sort()"
    )
    assert reasons == ["duplicate", "empty"]


def test_screenshot(report: Path, browser: Browser, tmp_path: Path) -> None:
    browser.evaluate("window.scrollTo(0, 0)")
    shot = browser.screenshot(tmp_path / "report.png")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 100_000
    keep = os.environ.get("CHRONICLE_SCREENSHOT_DIR")
    if keep:  # to look at it: CHRONICLE_SCREENSHOT_DIR=/some/folder pytest ...
        shutil.copy(shot, Path(keep) / "report.png")
