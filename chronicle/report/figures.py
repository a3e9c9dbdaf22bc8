"""Plotly figures from the report's rows (``ReportData``): no SQL and no HTML page here.

Colours are fixed per event type and entity label (from the code lists), so the same
type keeps its colour from one run's report to the next.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date

import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from chronicle.report.layout import force_layout
from chronicle.report.queries import Record, ReportData
from schemas.entity_labels import ENTITY_LABELS
from schemas.event_types import EVENT_TYPE_DEFINITIONS

EVENT_COLOURS = dict(zip(EVENT_TYPE_DEFINITIONS, qualitative.Dark24, strict=False))
LABEL_COLOURS = dict(zip(ENTITY_LABELS, qualitative.Set1, strict=False))
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
EVIDENCE_CHARS = 400  # evidence sentences longer than this are cut in hover labels
NAMED_NODES = 15  # network nodes labelled with their name (the most mentioned)


def _layout(fig: go.Figure, height: int, **extra: object) -> go.Figure:
    settings: dict[str, object] = {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "font": {"family": FONT, "size": 12},
        "template": "plotly_white",
        "hoverlabel": {"align": "left"},
    }
    fig.update_layout(**{**settings, **extra})
    return fig


def _text(value: object, limit: int = 200) -> str:
    """A value as hover text: escaped, shortened, lists joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text)


def _wrap(text: str, width: int = 80) -> str:
    """Break a long hover line at spaces (Plotly does not wrap hover labels)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


# An event point's customdata, all escaped for Plotly's hover HTML: 0 date, 1 type,
# 2 actors, 3 targets, 4 evidence (cut, <br>-wrapped), 5 page, 6 " — title", 7 URL,
# 8 "trigger on date [flags]", 9 more lines (place, reporter, how often reported).
EVENT_HOVER = (
    "<b>%{customdata[1]}</b>: %{customdata[8]}<br>actors: %{customdata[2]}<br>"
    "targets: %{customdata[3]}<br>%{customdata[9]}“%{customdata[4]}”<br>"
    "page: %{customdata[5]}%{customdata[6]}<extra></extra>"
)


def event_fields(event: Record) -> list[str]:
    """Who did what to whom, when, and the sentence and page that say so."""
    flags = [f for f in ("negated", "hypothetical", "pledged") if event.get(f)]
    when = event["date_value"] + (
        f" ({event['date_precision']})" if event["date_precision"] else ""
    )
    more = []
    if event.get("location"):
        more.append(f"where: {_text(event['location'])}")
    if event.get("reported_by"):
        more.append(f"reported by: {_text(event['reported_by'])}")
    more.append(f"reported {event['reports']}× in {event['documents']} document(s)")
    return [
        str(event["date_start"]),
        _text(event["event_type"]),
        _text(event["actors"]) or "-",
        _text(event["targets"]) or "-",
        _wrap(_text(event["evidence"], EVIDENCE_CHARS)),
        _text(event["source_path"], 120),
        f" — {_text(event['title'], 80)}" if event.get("title") else "",
        _text(event.get("url") or "", 300),
        f"{_text(event['trigger'])} on {_text(when)}" + (f" [{', '.join(flags)}]" if flags else ""),
        "".join(f"{line}<br>" for line in more),
    ]


def timeline(data: ReportData) -> go.Figure | None:
    """Dated events per period and type (bars) over each real-world event (points)."""
    if not data.timeline_counts:
        return None
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.4, 0.6],
        vertical_spacing=0.04,
        subplot_titles=(
            f"dated events per {data.period} (reports)",
            "events (one point per real-world event; hover or click for the evidence)",
        ),
    )
    counts: dict[str, list[Record]] = defaultdict(list)
    for row in data.timeline_counts:
        counts[row["event_type"]].append(row)
    points: dict[str, list[Record]] = defaultdict(list)
    for event in data.timeline_events:
        points[event["event_type"]].append(event)
    for event_type in sorted(set(counts) | set(points), key=_type_order):
        colour = EVENT_COLOURS.get(event_type, "#777")
        rows = counts.get(event_type, [])
        fig.add_trace(
            go.Bar(
                x=[r["period"] for r in rows],
                y=[r["events"] for r in rows],
                name=event_type,
                legendgroup=event_type,
                marker_color=colour,
                hovertemplate=f"{event_type}<br>%{{x}}: %{{y}} report(s)<extra></extra>",
                xperiod={"week": 7 * 86_400_000, "month": "M1"}[data.period],
                xperiodalignment="start",
            ),
            row=1,
            col=1,
        )
        events = points.get(event_type, [])
        if not events:
            continue
        fig.add_trace(
            go.Scatter(
                x=[e["date_start"] for e in events],
                y=[event_type] * len(events),
                mode="markers",
                name=event_type,
                legendgroup=event_type,
                showlegend=False,
                marker={
                    "color": colour,
                    "size": [min(6 + 3 * e["documents"], 24) for e in events],
                    "symbol": [
                        "circle-open" if e["negated"] or e["hypothetical"] else "circle"
                        for e in events
                    ],
                    "line": {"width": 1, "color": colour},
                },
                customdata=[event_fields(e) for e in events],
                hovertemplate=EVENT_HOVER,
            ),
            row=2,
            col=1,
        )
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.08})
    fig.update_yaxes(title_text="reports", row=1, col=1)
    fig.update_yaxes(type="category", automargin=True, row=2, col=1)
    return _layout(fig, 640)


def _type_order(event_type: str) -> int:
    order = list(EVENT_TYPE_DEFINITIONS)
    return order.index(event_type) if event_type in order else len(order)


def dyads(data: ReportData, top_types: int = 6) -> go.Figure | None:
    """Top actor -> target state pairs by month: a heat map per event type, one shown."""
    if not data.top_dyads:
        return None
    pairs = [(d["actor_state"], d["target_state"]) for d in data.top_dyads]
    labels = [f"{a} → {t}" for a, t in pairs]
    # Months with events only, as categories: a date axis would stretch sparse cells
    # over the empty months between them.
    months = sorted({r["month"] for r in data.dyad_months})
    month_labels = [m.strftime("%Y-%m") for m in months]
    by_type: dict[str, dict[tuple[tuple[str, str], date], int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for r in data.dyad_months:
        key = ((r["actor_state"], r["target_state"]), r["month"])
        for name in ("all types", r["event_type"]):
            by_type[name][key] = by_type[name].get(key, 0) + r["events"]
        totals[r["event_type"]] += r["events"]
    shown = ["all types", *sorted(totals, key=lambda t: (-totals[t], t))[:top_types]]
    fig = go.Figure()
    for i, name in enumerate(shown):
        cells = by_type[name]
        z = [[cells.get((pair, m)) for m in months] for pair in pairs]
        fig.add_trace(
            go.Heatmap(
                x=month_labels,
                y=labels,
                z=z,
                name=name,
                visible=i == 0,
                colorscale="Blues",
                hoverongaps=False,
                xgap=1,
                ygap=1,
                colorbar={"title": {"text": "events"}},
                hovertemplate="%{y}<br>%{x}: %{z} event(s)<extra>" + name + "</extra>",
            )
        )
    buttons = [
        {
            "label": name,
            "method": "update",
            "args": [{"visible": [j == i for j in range(len(shown))]}],
        }
        for i, name in enumerate(shown)
    ]
    fig.update_layout(
        updatemenus=[{"buttons": buttons, "x": 0, "y": 1.12, "xanchor": "left"}],
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        xaxis={"type": "category", "automargin": True},
    )
    return _layout(
        fig, max(260, 90 + 24 * len(labels)), margin={"l": 10, "r": 10, "t": 50, "b": 10}
    )


def network(data: ReportData) -> go.Figure | None:
    """Top entities by mentions, linked by sentence co-occurrence; size = mentions."""
    if not data.entities:
        return None
    index = {e["entity_id"]: i for i, e in enumerate(data.entities)}
    edges = [
        (index[e["entity_a"]], index[e["entity_b"]], float(e["sentences"])) for e in data.edges
    ]
    pos = force_layout(len(index), edges)
    fig = go.Figure()
    strongest = max((w for _, _, w in edges), default=1.0)
    # Three edge widths: one trace each (a Plotly line trace has a single width).
    for band, width in ((0.0, 0.6), (0.34, 1.6), (0.67, 3.0)):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b, w in edges:
            if band <= w / strongest < band + 0.34 or (band == 0.67 and w == strongest):
                xs += [pos[a, 0], pos[b, 0], None]
                ys += [pos[a, 1], pos[b, 1], None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"width": width, "color": "rgba(120,120,140,0.45)"},
                    hoverinfo="skip",
                    showlegend=False,
                    name="co-occurrence",
                )
            )
    largest = max(e["mention_count"] for e in data.entities)
    degree: dict[int, int] = defaultdict(int)
    for a, b, _ in edges:
        degree[a] += 1
        degree[b] += 1
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(data.entities):
        by_label[e["label"]].append(i)
    for label in sorted(by_label, key=lambda lab: ENTITY_LABELS.index(lab)):
        members = by_label[label]
        fig.add_trace(
            go.Scatter(
                x=[pos[i, 0] for i in members],
                y=[pos[i, 1] for i in members],
                mode="markers+text",
                name=label,
                marker={
                    "size": [
                        10 + 40 * (data.entities[i]["mention_count"] / largest) ** 0.5
                        for i in members
                    ],
                    "color": LABEL_COLOURS.get(label, "#777"),
                    "line": {"width": 1, "color": "white"},
                    "opacity": 0.9,
                },
                # Names on the largest nodes only; every node names itself on hover.
                text=[data.entities[i]["name"] if i < NAMED_NODES else "" for i in members],
                textposition="top center",
                textfont={"size": 11},
                customdata=[
                    [
                        data.entities[i]["name"],
                        data.entities[i]["mention_count"],
                        data.entities[i]["doc_count"],
                        data.entities[i]["country"] or "-",
                        degree[i],
                    ]
                    for i in members
                ],
                hovertemplate="<b>%{customdata[0]}</b> (" + label + ")<br>%{customdata[1]} "
                "mentions in %{customdata[2]} document(s)<br>country: %{customdata[3]}<br>"
                "linked to %{customdata[4]} of the top entities<extra></extra>",
            )
        )
    axis = {"visible": False, "range": [-1.2, 1.2]}
    fig.update_layout(xaxis=axis, yaxis={**axis, "scaleanchor": "x"}, legend={"title": "label"})
    return _layout(fig, 620)


def bars(
    rows: list[Record],
    category: str,
    value: str,
    name: str,
    colour: str = "#4c78a8",
    horizontal: bool = True,
) -> go.Figure | None:
    """One bar per row (largest first), labelled with its value."""
    if not rows:
        return None
    cats = [str(r[category]) for r in rows]
    vals = [r[value] for r in rows]
    trace = (
        go.Bar(y=cats, x=vals, orientation="h", name=name, marker_color=colour, text=vals)
        if horizontal
        else go.Bar(x=cats, y=vals, name=name, marker_color=colour, text=vals)
    )
    trace.update(
        textposition="auto", hovertemplate="%{label}: %{value} " + name + "<extra></extra>"
    )
    fig = go.Figure(trace)
    if horizontal:
        fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    return _layout(fig, max(180, 40 + 24 * len(rows)) if horizontal else 320)


def stacked(
    rows: list[Record], category: str, stack: str, value: str, unit: str
) -> go.Figure | None:
    """Horizontal bars of ``category`` split by ``stack``."""
    if not rows:
        return None
    categories = list(dict.fromkeys(str(r[category]) for r in rows))
    fig = go.Figure()
    palette = qualitative.Safe
    for i, part in enumerate(dict.fromkeys(str(r[stack]) for r in rows)):
        cells = {str(r[category]): r[value] for r in rows if str(r[stack]) == part}
        fig.add_trace(
            go.Bar(
                y=categories,
                x=[cells.get(c, 0) for c in categories],
                name=part,
                orientation="h",
                marker_color="#bbb" if part == "none" else palette[i % len(palette)],
                hovertemplate="%{y}, " + part + ": %{x} " + unit + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"title": stack})
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    return _layout(fig, max(200, 60 + 26 * len(categories)))


def event_dating(data: ReportData) -> go.Figure | None:
    """Events with and without a resolvable date, per event type."""
    rows = [
        {"event_type": r["event_type"], "dating": part, "events": r[part]}
        for r in data.event_dating
        for part in ("dated", "undated")
    ]
    return stacked(rows, "event_type", "dating", "events", "events")


def run_history(data: ReportData) -> go.Figure | None:
    """Documents, events and rejects after each of the recent runs (oldest first)."""
    import json

    if len(data.runs) < 2:
        return None
    runs = list(reversed(data.runs))
    fig = go.Figure()
    for table in ("documents", "events", "rejects"):
        fig.add_trace(
            go.Scatter(
                x=[r["finished_at"] for r in runs],
                y=[json.loads(r["table_rows"]).get(table, 0) for r in runs],
                mode="lines+markers",
                name=table,
                text=[r["run_id"] for r in runs],
                hovertemplate="%{text}<br>" + table + ": %{y}<extra></extra>",
            )
        )
    return _layout(fig, 280)


def stage_timings(stage_seconds: dict[str, float]) -> go.Figure | None:
    """Seconds per stage of the run (summed over batches and workers)."""
    if not stage_seconds:
        return None
    rows = [
        {"stage": k, "seconds": round(v, 2)}
        for k, v in sorted(stage_seconds.items(), key=lambda kv: -kv[1])
    ]
    return bars(rows, "stage", "seconds", "s", colour="#72b7b2")
