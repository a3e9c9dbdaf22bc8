"""The report as one self-contained HTML page: plotly.js, styles and data inline.

Nothing is fetched when the page opens (no CDN, no fonts, no images from elsewhere), so
it works offline, from a mail attachment or a file share.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

import plotly.io as pio
from plotly.offline import get_plotlyjs

from chronicle.report import figures
from chronicle.report.queries import Record, ReportData

PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}

STYLE = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #e3e6ec; --accent: #2b5fab; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
       color: var(--ink); background: #f6f7f9; }
header { background: var(--ink); color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #c9cfdb; }
nav { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--line);
      padding: 8px 28px; }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
main { max-width: 1280px; margin: 0 auto; padding: 12px 28px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
          padding: 14px 18px; margin: 16px 0; }
h2 { font-size: 18px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
p.note, p.empty { color: var(--muted); margin: 4px 0 8px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.kpi .value { display: block; font-size: 24px; font-weight: 600; }
.kpi .label { color: var(--muted); }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 10px 3px 0; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; }
code { font-size: 12px; }
#event-details { border-left: 3px solid var(--accent); padding: 6px 12px; background: #f3f6fb;
                 min-height: 2.5em; }
footer { color: var(--muted); max-width: 1280px; margin: 0 auto; padding: 0 28px 30px; }
"""

# Clicking an event point shows its evidence and page below the timeline.
TIMELINE_CLICK_JS = """
(function () {
  var plot = document.getElementById('fig-timeline');
  var panel = document.getElementById('event-details');
  if (!plot || !panel || !plot.on) { return; }
  // customdata is escaped for Plotly's hover labels: back to plain text.
  function plain(html) {
    var box = document.createElement('textarea');
    box.innerHTML = html.replace(/<br>/g, ' ');
    return box.value;
  }
  plot.on('plotly_click', function (ev) {
    var d = ev.points[0].customdata;
    if (!d) { return; }
    d = d.map(plain);
    panel.textContent = '';
    var head = document.createElement('div');
    var b = document.createElement('b');
    b.textContent = d[1] + ' on ' + d[0];
    head.appendChild(b);
    head.appendChild(document.createTextNode(': ' + d[2] + ' \\u2192 ' + d[3] + ' (' + d[8] + ')'));
    var quote = document.createElement('blockquote');
    quote.textContent = d[4];
    var page = document.createElement('div');
    page.appendChild(document.createTextNode('page: '));
    var src = document.createElement(d[7] ? 'a' : 'code');
    src.textContent = d[5] + d[6];
    if (d[7]) { src.href = d[7]; src.rel = 'noopener'; }
    page.appendChild(src);
    panel.appendChild(head); panel.appendChild(quote); panel.appendChild(page);
  });
})();
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def figure_html(fig: Any, div_id: str, empty: str) -> str:
    """A figure's div and script, or a sentence saying why there is none."""
    if fig is None:
        return f'<p class="empty" id="{div_id}-empty">{esc(empty)}</p>'
    return pio.to_html(
        fig, include_plotlyjs=False, full_html=False, div_id=div_id, config=PLOT_CONFIG
    )


def table_html(rows: list[Record], columns: list[str], numeric: set[str] = frozenset()) -> str:
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{esc(c)}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"num" if c in numeric else ""}">{esc(r.get(c))}</td>' for c in columns
        )
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def kpis(data: ReportData) -> str:
    t = data.totals
    cards = [
        ("documents", t["documents"], "pages"),
        ("sites", t["sites"], "sites"),
        ("comments", t["comments"], "reader comments"),
        ("entities", t["entities"], "entities"),
        ("events", t["events"], "events"),
        ("dated_events", t["dated_events"], "dated events"),
        ("rejects", t["rejects"], "rejected files"),
    ]
    return (
        '<div class="kpis">'
        + "".join(
            f'<div class="kpi" data-kpi="{key}"><span class="value">{value:,}</span>'
            f'<span class="label">{esc(label)}</span></div>'
            for key, value, label in cards
        )
        + "</div>"
    )


def _json_field(run: Record, name: str) -> Any:
    value = run.get(name)
    return json.loads(value) if isinstance(value, str) and value else None


def run_facts(data: ReportData, snapshot: dict[str, Any]) -> str:
    run = data.run
    parameters = _json_field(run, "parameters") or {}
    facts = [
        ("run id", run.get("run_id")),
        ("started", run.get("started_at")),
        ("finished", run.get("finished_at")),
        ("duration", f"{run['duration_s']:.1f} s" if run.get("duration_s") is not None else None),
        ("code version", run.get("code_version")),
        ("chronicle version", snapshot.get("chronicle_version")),
        ("pipeline fingerprint", snapshot.get("pipeline_fingerprint")),
        ("NLP model", run.get("model")),
        ("stages", ", ".join(parameters.get("stages", [])) or "none"),
        (
            "runner",
            f"{parameters.get('runner')} ({parameters.get('workers')} workers, 0 = per core)",
        ),
        (
            "files",
            ", ".join(
                f"{run.get('files_' + k, 0)} {k}"
                for k in ("seen", "new", "changed", "unchanged", "removed", "rejected")
            ),
        ),
        ("full rebuild", run.get("full_rebuild") or "no"),
    ]
    rows = "".join(
        f"<tr><th>{esc(k)}</th><td><code>{esc(v)}</code></td></tr>"
        for k, v in facts
        if v is not None
    )
    return f"<table>{rows}</table>"


def changes(data: ReportData) -> str:
    rows = data.table_changes()
    if not rows:
        return '<p class="empty">No run recorded.</p>'
    if len(data.runs) < 2:
        note = "This is the first published run: every row is new."
    else:
        note = f"Compared with run <code>{esc(data.runs[1]['run_id'])}</code>."
    for r in rows:
        r["change"] = f"{r['change']:+,}"
    return f'<p class="note">{note}</p>' + table_html(
        rows, ["table", "before", "now", "change"], {"before", "now", "change"}
    )


def validation(data: ReportData) -> str:
    issues = data.totals["metadata_issues"]
    parts = [
        "<p>Every table of this snapshot passed its contract (schemas/) and the cross-table "
        "checks before it was published: a build with validation failures publishes "
        "nothing, and its failures are listed in that run's Prefect artifacts.</p>",
        f'<p data-kpi="metadata_issues">Pages whose sidecar had problems (the valid '
        f"fields were used): <b>{issues:,}</b></p>",
    ]
    if data.metadata_issues:
        parts.append(table_html(data.metadata_issues, ["issue", "pages"], {"pages"}))
    return "".join(parts)


def render(data: ReportData, snapshot: dict[str, Any], stage_seconds: dict[str, float]) -> str:
    """The whole page."""
    run_id = data.run.get("run_id", "?")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    limits = ", ".join(f"{v} {k}" for k, v in data.limits.items())
    fig = figures
    body = f"""
<header><h1>Chronicle report</h1>
<p>Published snapshot <code>{esc(run_id)}</code> · generated {generated}</p></header>
<nav><a href="#summary">Summary</a><a href="#timeline">Timeline</a><a href="#dyads">Dyads</a>
<a href="#network">Entity network</a><a href="#coverage">Coverage &amp; quality</a>
<a href="#run">Run facts</a></nav>
<main>
<section id="summary"><h2>Summary</h2>{kpis(data)}</section>
<section id="timeline"><h2>Timeline</h2>
<p class="note">Dated events by {data.period} and type (every report counted), and below
one point per real-world event: the {len(data.timeline_events):,} most widely reported of
{data.totals["dated_event_clusters"]:,} dated ones. Open circles are negated or
hypothetical. Hover or click a point for actors, targets and the evidence sentence with
its page.</p>
{figure_html(fig.timeline(data), "fig-timeline", "No dated events in this snapshot.")}
<div id="event-details">Click an event point to see its evidence here.</div>
</section>
<section id="dyads"><h2>Dyads</h2>
<p class="note">The top {len(data.top_dyads)} actor → target state pairs (ISO codes) by
month: real-world events, negated and hypothetical ones left out; meetings and fighting
count both ways. Pick an event type above the map.</p>
{figure_html(fig.dyads(data), "fig-dyads", "No event ties two states in this snapshot.")}
</section>
<section id="network"><h2>Entity network</h2>
<p class="note">Who appears with whom: the top {len(data.entities)} entities labelled
{esc(", ".join(sorted({e["label"] for e in data.entities})))} by mentions, sized by
mentions and coloured by label (countries are in the dyads above); a line joins two
entities named in the same sentence (thicker: more sentences; the {len(data.edges)}
strongest links).</p>
{figure_html(fig.network(data), "fig-network", "No entities in this snapshot.")}
</section>
<section id="coverage"><h2>Coverage &amp; quality</h2>
<div class="grid2">
<div><h3>Pages per site</h3>
{figure_html(fig.bars(data.sites, "site", "pages", "pages"), "fig-sites", "No pages.")}</div>
<div><h3>Pages by reference-date source and precision</h3>
{
        figure_html(
            fig.stacked(data.reference_dates, "source", "precision", "pages", "pages"),
            "fig-refdates",
            "No pages.",
        )
    }</div>
<div><h3>Events dated and undated</h3>
{figure_html(fig.event_dating(data), "fig-dating", "No events in this snapshot.")}</div>
<div><h3>Input lines by segment label</h3>
{
        figure_html(
            fig.bars(data.segments, "label", "lines", "lines", colour="#54a24b"),
            "fig-segments",
            "No segments.",
        )
    }</div>
</div>
<h3>Rejected files by reason</h3>
<p class="note" data-kpi="rejects-total">{data.totals["rejects"]:,} file(s) rejected.</p>
{
        figure_html(
            fig.bars(data.rejects, "reason", "files", "files", colour="#e45756"),
            "fig-rejects",
            "No rejected files in this snapshot.",
        )
    }
{
        table_html(data.reject_examples, ["reason", "source_path", "detail", "related_path"])
        if data.reject_examples
        else ""
    }
<h3>Validation</h3>{validation(data)}
<h3>Changes since the previous run</h3>{changes(data)}
{figure_html(fig.run_history(data), "fig-history", "") if len(data.runs) > 1 else ""}
</section>
<section id="run"><h2>Run facts</h2>{run_facts(data, snapshot)}
<h3>Stage timings</h3>
<p class="note">Seconds per stage, summed over batches and workers, then the publishing
steps.</p>
{
        figure_html(
            fig.stage_timings(stage_seconds), "fig-stages", "This run did not record stage timings."
        )
    }
</section>
</main>
<footer>Every figure is computed by SQL over the snapshot's views (the DuckDB catalog);
lists are cut to the top ({limits}) while every count covers the whole snapshot.
Made by <code>chronicle report</code>.</footer>
"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Chronicle report · {esc(run_id)}</title>"
        f"<style>{STYLE}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script>'
        f"</head><body>{body}<script>{TIMELINE_CLICK_JS}</script></body></html>\n"
    )
