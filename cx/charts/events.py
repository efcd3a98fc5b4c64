"""The timeline's events on a chart: the one function that draws them (`mark_events`).

A chart's calendar axis here is a category axis of periods (months, weeks, quarters, cohorts):
`slots` gives the first and last day of each category, in axis order, and an event is placed
inside its period in proportion to the day. On a time axis (axis="x"): a dashed vertical line
for a one-day event, a light band for a span, each with a small label at the top whose hover
says the event and its dates. On a cohort axis (axis="y", the cohort heatmaps): the cohort row
whose period holds the event's first day is outlined, with a marker beside it whose hover names
the events. Events outside the axis are not drawn.

Events are cx.annotations.Event-like objects (starts_on, ends_on, label); their text is the
user's and is escaped here (plotly reads a subset of HTML).
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

import plotly.graph_objects as go

__all__ = ["EVENT_COLOR", "mark_events"]

EVENT_COLOR = "#7A4FA0"
EVENT_FILL = "rgba(122, 79, 160, 0.10)"
LABEL_CHARS = 22  # the label at the top is cut to this; the hover has it whole

Slot = tuple[date, date] | None  # (first day, last day) of one category; None: not a period


def _position(slots: Sequence[Slot], day: date, edge: str) -> float:
    """Where `day` falls on the category axis: category i spans i - 0.5 .. i + 0.5. `edge`:
    "start" (the day's beginning), "end" (its end) or "mid"."""
    offset = {"start": 0.0, "mid": 0.5, "end": 1.0}[edge]
    periods = [(i, s) for i, s in enumerate(slots) if s is not None]
    for i, (first, last) in periods:
        if first <= day <= last:
            days = (last - first).days + 1
            return i - 0.5 + ((day - first).days + offset) / days
        if day < first:  # before it (or in a gap before it): its left edge
            return i - 0.5
    return periods[-1][0] + 0.5


def _plain(text: str) -> str:
    return html.escape(text, quote=False)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


def mark_events(fig: go.Figure, events: Sequence, slots: Sequence[Slot], *,
                describe: Callable[[object], str], axis: str = "x", legend: str = "",
                hover: Callable[[str], str] | None = None, xref: str = "x",
                yref: str = "y", columns: int = 0) -> go.Figure:
    """Draw `events` on `fig` (in place; returned) against the categories `slots`.

    describe(event) -> the plain text of its hover ("price rise · 1 Mar 2026"). axis="x": the
    figure's x axis `xref` is calendar time. axis="y": the y axis `yref` lists cohorts (the top
    rows may be None slots), `columns` the heatmap's columns, `legend` the marker's legend name
    and hover(events text) the marker's hover."""
    periods = [s for s in slots if s is not None]
    if not events or not periods:
        return fig
    first, last = periods[0][0], periods[-1][1]
    shown = [e for e in events if e.starts_on <= last and (e.ends_on or e.starts_on) >= first]
    if not shown:
        return fig
    if axis == "y":
        return _mark_rows(fig, shown, slots, describe, legend, hover, xref, yref, columns)
    for e in shown:
        text = _plain(describe(e))
        if e.ends_on is None:
            x0 = x1 = _position(slots, e.starts_on, "mid")
            fig.add_shape(type="line", xref=xref, yref="paper", x0=x0, x1=x0, y0=0, y1=1,
                          line={"color": EVENT_COLOR, "dash": "dash", "width": 1.5},
                          layer="above")
        else:
            x0 = _position(slots, max(e.starts_on, first), "start")
            x1 = _position(slots, min(e.ends_on, last), "end")
            fig.add_shape(type="rect", xref=xref, yref="paper", x0=x0, x1=x1, y0=0, y1=1,
                          fillcolor=EVENT_FILL, line={"width": 0}, layer="below")
        fig.add_annotation(x=x0, xref=xref, y=1, yref="paper", yanchor="top", xanchor="left",
                           text=_plain(_short(e.label)), hovertext=text, showarrow=False,
                           font={"size": 10, "color": EVENT_COLOR},
                           bgcolor="rgba(255, 255, 255, 0.7)", borderpad=1)
    return fig


def _mark_rows(fig: go.Figure, events: Sequence, slots: Sequence[Slot],
               describe: Callable[[object], str], legend: str,
               hover: Callable[[str], str] | None, xref: str, yref: str,
               columns: int) -> go.Figure:
    """Outline each cohort row whose period holds an event's first day; a marker beside it."""
    ys, texts = [], []
    for i, slot in enumerate(slots):
        if slot is None:
            continue
        inside = [e for e in events if slot[0] <= e.starts_on <= slot[1]]
        if not inside:
            continue
        names = "<br>".join(_plain(describe(e)) for e in inside)
        fig.add_shape(type="rect", xref=xref, yref=yref, x0=-0.5, x1=columns - 0.5,
                      y0=i - 0.5, y1=i + 0.5, line={"color": EVENT_COLOR, "width": 2,
                                                    "dash": "dot"}, layer="above")
        ys.append(i)
        texts.append(hover(names) if hover else names)
    if ys:
        axis_y = "y" if yref == "y" else yref
        fig.add_trace(go.Scatter(
            x=[-0.5] * len(ys), y=[_category(fig, axis_y, i) for i in ys], mode="markers",
            marker={"symbol": "diamond", "size": 10, "color": EVENT_COLOR,
                    "line": {"color": "white", "width": 1}},
            name=legend, hovertext=texts, hoverinfo="text", showlegend=bool(legend),
            cliponaxis=False, xaxis=xref, yaxis=axis_y))
    return fig


def _category(fig: go.Figure, yaxis: str, index: int):
    """The category name at `index` of the y axis (its categoryarray)."""
    name = "yaxis" if yaxis == "y" else "yaxis" + yaxis[1:]
    return fig.layout[name].categoryarray[index]
