"""Retention charts: cohort heatmaps (customers and revenue), the period-k line, retention curves
and survival curves. Pure builders `f(df, *, labels, presenter)`: the frames carry every shown
text (row labels, cell texts, hovers) and `labels` the translated titles; cx/retention/figures.py
builds both for a language."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx.charts.style import PALETTE, apply_style, message_figure

__all__ = ["cohort_heatmap", "revenue_heatmap", "period_k_chart", "retention_curves_chart",
           "survival_chart"]

HEAT_SCALE = [[0.0, "#F4F8FC"], [0.35, "#A9C8E8"], [0.7, "#4F86C6"], [1.0, "#173F73"]]
REVENUE_SCALE = [[0.0, "#FBF6EF"], [0.35, "#F2C48D"], [0.7, "#E07B39"], [1.0, "#8A3B12"]]
ALL_COLOR = "#333333"
TEXT_CELLS_MAX = 800  # above this many cells, values show on hover only


def _style(fig: go.Figure, title: str, presenter: bool, height: int) -> go.Figure:
    """The house style, with the title above the legend (both at the top)."""
    apply_style(fig, title, presenter, height=height)
    fig.update_layout(margin={"t": 95 if not presenter else 110},
                      title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 14}},
                      legend={"y": 1.01, "yanchor": "bottom"})
    return fig


def _grid(frame: pd.DataFrame, rows: list[str], ks: list[int], column: str, fill=None):
    table = frame.pivot_table(index="row", columns="k", values=column, aggfunc="first",
                              dropna=False) if len(frame) else pd.DataFrame()
    table = table.reindex(index=rows, columns=ks)
    out = table.to_numpy(dtype=object)
    if fill is not None:
        out = np.where(pd.isna(out), fill, out)
    return out


def _heatmap(df: pd.DataFrame, labels: dict, presenter: bool, scale, zmax: float,
             percent: bool) -> go.Figure:
    """df: row, k, z, text, hover, in_progress, top (the summary row, drawn first), and per
    cohort row size, size_text, size_hover (the bar of cohort sizes beside the rows)."""
    top = df[df["top"].astype(bool)]
    cells = df[~df["top"].astype(bool)]
    rows_df = cells[["row", "size", "size_text", "size_hover"]].drop_duplicates("row")
    rows = ([top["row"].iloc[0]] if len(top) else []) + list(rows_df["row"])
    ks = list(range(int(df["k"].max()) + 1))
    z = _grid(df, rows, ks, "z").astype(float)
    text = _grid(df, rows, ks, "text", "")
    hover = _grid(df, rows, ks, "hover", "")
    n_cells = len(rows) * len(ks)
    many = len(rows) > 30
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.86, 0.14],
                        horizontal_spacing=0.01)
    fig.add_trace(go.Heatmap(
        z=z, x=ks, y=rows, colorscale=scale, zmin=0, zmax=zmax, xgap=1, ygap=1,
        text=text, texttemplate="%{text}" if n_cells <= TEXT_CELLS_MAX else None,
        textfont={"size": 10 if n_cells > 200 else 12}, customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", hoverongaps=False,
        colorbar={"tickformat": ".0%" if percent else ",d", "thickness": 12, "len": 0.6,
                  "x": 1.0, "xanchor": "left"}), row=1, col=1)
    prog = df[df["in_progress"].astype(bool)]
    if len(prog):
        fig.add_trace(go.Scatter(  # a dot in the cell's right edge, clear of the number
            x=prog["k"] + 0.36, y=prog["row"], mode="markers", name=labels["in_progress"],
            marker={"symbol": "circle", "size": 5 if many else 7, "color": "#C44E52"},
            hovertext=prog["hover"], hoverinfo="text", showlegend=True), row=1, col=1)
    fig.add_trace(go.Bar(
        x=rows_df["size"], y=rows_df["row"], orientation="h", marker_color="#B8B8B8",
        text=list(rows_df["size_text"]) if not many else None,
        textposition="auto", hovertext=rows_df["size_hover"], hoverinfo="text",
        showlegend=False), row=1, col=2)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows,
                     autorange="reversed", tickfont={"size": 10 if many else None}, row=1, col=1)
    fig.update_xaxes(title_text=labels["x"], dtick=1 if len(ks) <= 26 else max(1, len(ks) // 13),
                     range=[-0.5, len(ks) - 0.5], side="top", row=1, col=1)
    fig.update_xaxes(title_text=labels["size"], showticklabels=False, side="top", row=1, col=2)
    height = int(min(max(110 + (16 if many else 28) * len(rows), 300), 1300))
    title = labels["title"]
    apply_style(fig, title, presenter, height=height)
    fig.update_layout(margin={"t": 120 if title else 70}, plot_bgcolor="#FFFFFF",
                      title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 12}},
                      legend={"y": -0.02, "yanchor": "top", "orientation": "h"})
    return fig


def _later(df: pd.DataFrame) -> pd.Series:
    """The cohort cells' values after period 0 (what the colour scale stops at)."""
    return df.loc[~df["top"].astype(bool) & (df["k"] >= 1), "z"].astype(float)


def cohort_heatmap(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Cohort x period heatmap of retention or of returning customers (labels["percent"]: the
    values are shares), with cohort sizes beside the rows, the summary row on top and
    in-progress cells marked. labels: title, x, size, in_progress, empty, percent."""
    if df.empty:
        return message_figure(labels["empty"], presenter)
    percent = bool(labels["percent"])
    later = _later(df)
    cells_z = df.loc[~df["top"].astype(bool), "z"].astype(float)
    if percent:
        zmax = float(min(1.0, max(later.max() * 1.05, 0.05))) if len(later) else 1.0
    else:
        zmax = float(max(later.max(), 1)) if len(later) else float(cells_z.max())
    return _heatmap(df, labels, presenter, HEAT_SCALE, zmax, percent)


def revenue_heatmap(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Net revenue of each cohort per period relative to its first period (above 100% possible),
    the same layout as cohort_heatmap. labels: title, x, size, in_progress, empty."""
    if df.empty:
        return message_figure(labels["empty"], presenter)
    later = _later(df).dropna()
    zmax = float(min(max(later.quantile(0.95) * 1.05, 0.05), 2.0)) if len(later) else 1.0
    return _heatmap(df, labels, presenter, REVENUE_SCALE, zmax, True)


def period_k_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Retention at one period for successive cohorts, with their average. df: row, retention,
    hover, thin (a cohort too small to be a trend: drawn hollow), average. labels: title, empty,
    x, y, thin (legend of the hollow marker), average (legend of the average line)."""
    if df.empty:
        return message_figure(labels["empty"], presenter)
    rows = list(df["row"])
    thin = [bool(t) for t in df["thin"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=rows, y=df["retention"], mode="lines+markers",
                             line={"color": PALETTE[0], "width": 2.5},
                             marker={"size": 7,
                                     "symbol": ["circle-open" if t else "circle" for t in thin]},
                             hovertext=df["hover"], hoverinfo="text", showlegend=False))
    if any(thin):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers",
                                 marker={"size": 7, "symbol": "circle-open",
                                         "color": PALETTE[0]},
                                 name=labels["thin"], hoverinfo="skip"))
    avg = float(df["average"].iloc[0])
    fig.add_trace(go.Scatter(x=[rows[0], rows[-1]], y=[avg, avg], mode="lines",
                             name=labels["average"],
                             line={"color": "#888888", "dash": "dash", "width": 1.5},
                             hoverinfo="skip"))
    fig.update_xaxes(type="category", title=labels["x"], nticks=min(len(rows), 14))
    top = float(df["retention"].max())
    fig.update_yaxes(title=labels["y"], tickformat=".0%", range=[0, min(1.0, top * 1.2 + 0.02)])
    return _style(fig, labels["title"], presenter, 360)


def _order(segments) -> list:
    """'all' first, then the other segments in sorted order (their colours follow it)."""
    present = set(segments)
    return [s for s in ["all"] + sorted(s for s in present if s != "all") if s in present]


def retention_curves_chart(df: pd.DataFrame, *, labels: dict,
                           presenter: bool = False) -> go.Figure:
    """Average retention (or revenue retention) per period since the first purchase, one line per
    segment plus all customers. df: segment, name, k, value, hover, shown (points left out are
    kept in the frame, unshown, so a segment's colour does not depend on what is drawn).
    labels: title, x, y, empty."""
    order = _order(df["segment"]) if len(df) else []
    fig = go.Figure()
    for i, seg in enumerate(order):
        part = df[(df["segment"] == seg) & df["shown"].astype(bool)]
        if part.empty:
            continue
        is_all = seg == "all"
        fig.add_trace(go.Scatter(
            x=part["k"], y=part["value"], mode="lines+markers", name=part["name"].iloc[0],
            line={"color": ALL_COLOR if is_all else PALETTE[(i - 1) % len(PALETTE)],
                  "width": 3.5 if is_all else 2,
                  "dash": "dot" if is_all and len(order) > 1 else None},
            marker={"size": 5}, hovertext=part["hover"], hoverinfo="text"))
    if not fig.data:
        return message_figure(labels["empty"], presenter)
    fig.update_xaxes(title=labels["x"], rangemode="tozero")
    fig.update_yaxes(title=labels["y"], tickformat=".0%", rangemode="tozero")
    return _style(fig, labels["title"], presenter, 440)


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def survival_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Kaplan-Meier step curves with their 95% bands, one per segment. df: segment, name, t,
    survival, lower, upper, hover. labels: title, x, y, band, empty."""
    if df.empty:
        return message_figure(labels["empty"], presenter)
    fig = go.Figure()
    order = _order(df["segment"])
    several = len(order) > 1
    for i, seg in enumerate(order):
        part = df[df["segment"] == seg]
        color = ALL_COLOR if seg == "all" else PALETTE[(i - 1) % len(PALETTE)]
        band_alpha = 0.10 if several else 0.18
        fig.add_trace(go.Scatter(x=part["t"], y=part["upper"], mode="lines", line_shape="hv",
                                 line={"width": 0}, hoverinfo="skip", showlegend=False,
                                 legendgroup=seg))
        fig.add_trace(go.Scatter(x=part["t"], y=part["lower"], mode="lines", line_shape="hv",
                                 line={"width": 0}, fill="tonexty",
                                 fillcolor=_rgba(color, band_alpha), hoverinfo="skip",
                                 showlegend=False, legendgroup=seg, name=labels["band"]))
        fig.add_trace(go.Scatter(
            x=part["t"], y=part["survival"], mode="lines", line_shape="hv",
            name=part["name"].iloc[0], legendgroup=seg,
            line={"color": color, "width": 3 if seg == "all" else 2,
                  "dash": "dot" if seg == "all" and several else None},
            hovertext=part["hover"], hoverinfo="text"))
    fig.add_hline(y=0.5, line={"color": "#999999", "dash": "dash", "width": 1})
    fig.update_xaxes(title=labels["x"], rangemode="tozero")
    fig.update_yaxes(title=labels["y"], tickformat=".0%", range=[0, 1.02])
    return _style(fig, labels["title"], presenter, 440)
