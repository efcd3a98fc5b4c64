"""Spenders vs referrers charts: quadrant, value shares, referral chain, RFM grid. Every builder
is f(df, *, labels, presenter): labels holds the translated strings and formatters the page built."""
from __future__ import annotations

import html
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cx.charts.style import PALETTE, SEGMENT_COLORS, apply_style
from cx.safety import mask_name

__all__ = ["quadrant_chart", "value_share_chart", "chain_chart", "rfm_grid_chart",
           "RFM_COLORS", "compact_number"]

RFM_COLORS = {"Champions": "#3A9D5D", "Loyal": "#2E6FBA", "Potential": "#64B5CD",
              "New": "#8172B2", "At risk": "#E07B39", "Hibernating": "#CCB974",
              "Lost": "#A0A0A0"}
SEGMENT_ORDER = ("Others", "Spenders", "Referrers", "Champions")  # drawn last = on top


def plain(text) -> str:
    """Customer text for plotly labels and hovers: plotly reads a subset of HTML (<b>, <a href>,
    <br>) in them, so entities are escaped and the text shows exactly as written."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return html.escape(str(text), quote=False)


def compact_number(x: float) -> str:
    """1, 10, 100, 1k, 10k, 1M: axis ticks (the axis title names the currency)."""
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= div:
            v = x / div
            return f"{v:,.0f}{unit}" if v == int(v) else f"{v:,.1f}{unit}"
    return f"{x:,.0f}" if x >= 1 or x == 0 else f"{x:g}"


def _log_axis(values: pd.Series, zero_label: str, tick: Callable[[float], str] = compact_number):
    """Positions on a log axis where zero and negative values sit on their own tick below the
    smallest decade; returns (positions, axis settings, where a 'zero is high' line goes)."""
    pos = values[values > 0]
    lo = math.floor(math.log10(pos.min()))
    hi = math.ceil(math.log10(pos.max()))
    if hi == lo:
        hi += 1
    zero_at = 10 ** (lo - 0.7)
    positions = np.where(values > 0, values, zero_at)
    ticks = [10.0 ** e for e in range(lo, hi + 1)]
    axis = {"type": "log", "tickvals": [zero_at, *ticks],
            "ticktext": [zero_label, *[tick(t) for t in ticks]],
            "range": [lo - 0.95, math.log10(max(pos.max(), ticks[-1])) + 0.05]}
    return positions, axis, 10 ** (lo - 0.35)


def _linear_axis(values: pd.Series):
    pos = values[values > 0]
    gap = float(pos.min()) / 2 if len(pos) else 0.5
    return values.to_numpy(dtype=float), {"type": "linear", "rangemode": "tozero"}, gap


def quadrant_chart(points: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Each customer a dot: spend value (x) against referral value (y), coloured by segment, with
    the two thresholds drawn and the quadrants named. Zero values get their own '0' tick on a log
    axis. labels (the page builds them): the strings title, x, y, spend_line, referral_line,
    referral_line_any, zero, customer; `segments` (segment -> name); the formatters `money`
    (hover values) and `tick` (log-axis ticks, in the reader's language); and the page's drawing
    choices `spend_threshold`, `referral_threshold` (None: not drawn), `log_x`, `log_y`."""
    segment_names = labels.get("segments", {})
    money = labels.get("money") or compact_number
    tick = labels.get("tick") or compact_number
    spend_threshold = labels.get("spend_threshold")
    referral_threshold = labels.get("referral_threshold")
    log_x, log_y = labels.get("log_x", False), labels.get("log_y", False)
    x, y = points["spend_value"], points["referral_value"]
    log_x = log_x and (x > 0).any()
    log_y = log_y and (y > 0).any()
    x_pos, x_axis, _ = _log_axis(x, labels["zero"], tick) if log_x else _linear_axis(x)
    y_pos, y_axis, y_gap = _log_axis(y, labels["zero"], tick) if log_y else _linear_axis(y)
    names = points["name"].map(mask_name) if presenter else points["name"]
    custom = np.column_stack([[plain(c) for c in points["customer_id"]],
                              [plain(n) for n in names],
                              [money(v) for v in x], [money(v) for v in y]])
    fig = go.Figure()
    for seg in SEGMENT_ORDER:
        m = (points["segment"] == seg).to_numpy()
        if not m.any():
            continue
        fig.add_trace(go.Scatter(
            x=x_pos[m], y=y_pos[m], mode="markers", name=segment_names.get(seg, seg),
            marker={"color": SEGMENT_COLORS[seg], "size": 7 if seg == "Others" else 9,
                    "opacity": 0.45 if seg == "Others" else 0.85,
                    "line": {"width": 0.5, "color": "white"}},
            customdata=custom[m],
            hovertemplate=(f"{labels['customer']} %{{customdata[0]}} %{{customdata[1]}}<br>"
                           f"{labels['x']}: %{{customdata[2]}}<br>"
                           f"{labels['y']}: %{{customdata[3]}}<extra>{segment_names.get(seg, seg)}"
                           "</extra>")))
    # threshold lines; their labels are annotations of our own (plotly's line annotations land
    # in the wrong place on log axes)
    note = {"showarrow": False, "font": {"size": 11, "color": "#444444"},
            "bgcolor": "rgba(255,255,255,0.8)"}
    if spend_threshold is not None and spend_threshold > 0:
        fig.add_vline(x=spend_threshold, line_dash="dash", line_color="#555555")
        fig.add_annotation(x=math.log10(spend_threshold) if log_x else spend_threshold,
                           xref="x", y=0.90, yref="paper", xanchor="right", yanchor="top",
                           text=labels["spend_line"], **note)
    line_y = None
    if referral_threshold is not None:
        if referral_threshold > 0:
            line_y, line_text = referral_threshold, labels["referral_line"]
        elif (y > 0).any():
            line_y, line_text = y_gap, labels["referral_line_any"]
        if line_y is not None:
            fig.add_hline(y=line_y, line_dash="dash", line_color="#555555")
            fig.add_annotation(x=0.5, xref="paper", y=math.log10(line_y) if log_y else line_y,
                               yref="y", xanchor="center", yanchor="bottom", text=line_text,
                               **note)
    # quadrant names: high referral at the top corners, low referral just under the line
    low_y, low_ref = 0.0, "paper"
    if line_y is not None:
        low_y, low_ref = (math.log10(line_y) if log_y else line_y), "y"
    for seg, (ax, ay, yref, xanchor, yanchor) in {
            "Champions": (0.99, 0.99, "paper", "right", "top"),
            "Referrers": (0.01, 0.99, "paper", "left", "top"),
            "Spenders": (0.99, low_y, low_ref, "right", "top" if low_ref == "y" else "bottom"),
            "Others": (0.01, low_y, low_ref, "left", "top" if low_ref == "y" else "bottom"),
    }.items():
        fig.add_annotation(x=ax, y=ay, xref="paper", yref=yref, xanchor=xanchor,
                           yanchor=yanchor, showarrow=False, text=segment_names.get(seg, seg),
                           font={"color": SEGMENT_COLORS[seg], "size": 14},
                           bgcolor="rgba(255,255,255,0.7)")
    fig.update_xaxes(title_text=labels["x"], **x_axis)
    fig.update_yaxes(title_text=labels["y"], **y_axis)
    return _legend_below(apply_style(fig, title=labels.get("title"), presenter=presenter,
                                     height=540))


def _legend_below(fig: go.Figure) -> go.Figure:
    """Title on top, legend under the plot: they never overlap."""
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left",
                              "x": 0})
    return fig


def value_share_chart(table: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Per segment, its share of customers beside its share of total value (the story in one
    glance: Referrers are few but bring much). table: segment_summary rows (All is left out).
    labels: title, customers, value; `segments` (segment -> name)."""
    segment_names = labels.get("segments", {})
    t = table[table["segment"] != "All"]
    total = float(t["total_value"].sum())
    names = [segment_names.get(s, s) for s in t["segment"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=names, x=t["share"] * 100, orientation="h",
                         name=labels["customers"], marker_color="#B0B0B0",
                         text=[f"{v * 100:.0f}%" for v in t["share"]], textposition="outside",
                         hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    value_share = t["total_value"] / total * 100 if total > 0 else t["total_value"] * 0
    fig.add_trace(go.Bar(y=names, x=value_share, orientation="h", name=labels["value"],
                         marker_color=[SEGMENT_COLORS.get(s, PALETTE[0]) for s in t["segment"]],
                         text=[f"{v:.0f}%" for v in value_share], textposition="outside",
                         hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(ticksuffix="%", range=[0, max(100.0, float(value_share.max()) + 10)])
    fig.update_yaxes(autorange="reversed")
    return _legend_below(apply_style(fig, title=labels.get("title"), presenter=presenter,
                                     height=400))


def chain_chart(leaders: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Top referrers: revenue of their direct referrals, and (hatched, labelled) the friends of
    friends one level further. labels: title, direct, fof, x."""
    names = leaders["name"].map(mask_name) if presenter else leaders["name"]
    who = [f"{plain(n)} ({plain(c)})" if isinstance(n, str) and n else plain(c)
           for n, c in zip(names, leaders["customer_id"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=who, x=leaders["referral_value"], orientation="h",
                         name=labels["direct"], marker_color=SEGMENT_COLORS["Referrers"],
                         customdata=leaders["referrals"],
                         hovertemplate="%{y}<br>%{x:,.0f} (%{customdata})<extra></extra>"))
    fig.add_trace(go.Bar(y=who, x=leaders["chain_value"], orientation="h", name=labels["fof"],
                         marker={"color": "rgba(224,123,57,0.35)",
                                 "pattern": {"shape": "/", "fgcolor": "#E07B39"}},
                         customdata=leaders["chain_referrals"],
                         hovertemplate="%{y}<br>%{x:,.0f} (%{customdata})<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text=labels["x"], tickformat=",")
    return _legend_below(apply_style(fig, title=labels.get("title"), presenter=presenter,
                                     height=max(320, 120 + 26 * len(leaders))))


def rfm_grid_chart(grid: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """The 5 x 5 recency x frequency grid, each cell coloured by its RFM group and labelled with
    the group and its customers. labels: title, x, y, customers, avg; cell (format with group,
    count); `groups` (RFM group -> name)."""
    group_names = labels.get("groups", {})
    groups = list(RFM_COLORS)
    code = {g: i for i, g in enumerate(groups)}
    n = len(groups)
    scale = []
    for i, g in enumerate(groups):
        scale += [[i / n, RFM_COLORS[g]], [(i + 1) / n, RFM_COLORS[g]]]
    z = np.zeros((5, 5))
    text = [["" for _ in range(5)] for _ in range(5)]
    hover = [["" for _ in range(5)] for _ in range(5)]
    for r, f, g, c, m in grid[["r_score", "f_score", "group", "customers",
                               "avg_monetary"]].itertuples(index=False):
        z[f - 1][r - 1] = code[g] + 0.5
        name = group_names.get(g, g)
        text[f - 1][r - 1] = labels["cell"].format(group=name, count=f"{c:,}")
        avg = "–" if pd.isna(m) else f"{m:,.0f}"
        hover[f - 1][r - 1] = (f"R {r} · F {f}<br>{name}<br>{labels['customers']}: {c:,}"
                               f"<br>{labels['avg']}: {avg}")
    fig = go.Figure(go.Heatmap(
        z=z, x=[1, 2, 3, 4, 5], y=[1, 2, 3, 4, 5], zmin=0, zmax=n, colorscale=scale,
        showscale=False, text=text, texttemplate="%{text}", xgap=3, ygap=3,
        textfont={"color": "white", "size": 14 if presenter else 12},
        customdata=hover, hovertemplate="%{customdata}<extra></extra>"))
    fig.update_xaxes(title_text=labels["x"], tickvals=[1, 2, 3, 4, 5], showgrid=False)
    fig.update_yaxes(title_text=labels["y"], tickvals=[1, 2, 3, 4, 5], showgrid=False)
    return apply_style(fig, title=labels.get("title"), presenter=presenter, height=460)
