"""Repeat-purchase charts: second purchase by cohort and window, the order funnel, the days to a
second purchase and the first-purchase groups. Pure builders `f(df, *, labels, presenter)`: the
frames carry every shown text; cx/repeat/figures.py builds both for a language."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx.charts.retention import cohort_heatmap
from cx.charts.style import PALETTE, apply_style, message_figure

__all__ = ["days_to_second_chart", "first_purchase_chart", "funnel_chart",
           "second_purchase_heatmap"]

THIN_COLOR = "#C9C9C9"


def second_purchase_heatmap(df: pd.DataFrame, *, labels: dict,
                            presenter: bool = False) -> go.Figure:
    """Cohort x window heatmap of second-purchase shares (cx.charts.retention.cohort_heatmap's
    frame, k = the window's position), windows named on the axis. labels: those of
    cohort_heatmap plus windows (the axis' tick texts, in k order)."""
    fig = cohort_heatmap(df, labels={**labels, "percent": True}, presenter=presenter)
    if not df.empty:
        ticks = list(labels["windows"])
        fig.update_xaxes(tickvals=list(range(len(ticks))), ticktext=ticks, row=1, col=1)
    return fig


def funnel_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """df: step (its shown name), customers, text (what each bar says), hover. labels: title,
    empty."""
    if df.empty or int(df["customers"].iloc[0]) == 0:
        return message_figure(labels["empty"], presenter)
    fig = go.Figure(go.Funnel(
        y=df["step"], x=df["customers"], text=df["text"], textinfo="text",
        hovertext=df["hover"], hoverinfo="text", textposition="inside", marker={"color": PALETTE[0]},
        connector={"fillcolor": "#E3ECF6"}))
    return apply_style(fig, labels["title"], presenter, height=320)


def days_to_second_chart(df: pd.DataFrame, *, labels: dict, marks: pd.DataFrame,
                         presenter: bool = False) -> go.Figure:
    """Second purchases by days since the first (bars: bin start `d`, width `width`, count `n`,
    hover) with their cumulative share (line: `d_end`, `cumulative`) and vertical marks (marks:
    d, text) at the 50% and 80% days. labels: title, x, y, y2, cumulative, empty."""
    if df.empty:
        return message_figure(labels["empty"], presenter)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=df["d"] + df["width"] / 2, y=df["n"], width=df["width"],
                         marker_color=PALETTE[0], hovertext=df["hover"], hoverinfo="text",
                         name=labels["y"], showlegend=False), secondary_y=False)
    fig.add_trace(go.Scatter(x=df["d_end"], y=df["cumulative"], mode="lines",
                             line={"color": PALETTE[1], "width": 2.5}, name=labels["cumulative"],
                             hoverinfo="skip"), secondary_y=True)
    for i, r in enumerate(marks.itertuples(index=False)):
        fig.add_vline(x=r.d, line_dash="dash", line_color="#444444")
        fig.add_annotation(x=r.d, y=0.96 - 0.12 * i, xref="x", yref="paper", text=r.text,
                           showarrow=False, xanchor="left", xshift=4, bgcolor="#FFFFFF",
                           font={"color": "#333333"})
    fig.update_xaxes(title_text=labels["x"], rangemode="tozero")
    fig.update_yaxes(title_text=labels["y"], secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=labels["y2"], tickformat=".0%", range=[0, 1.02],
                     tickvals=[0, 0.25, 0.5, 0.75, 1], secondary_y=True, showgrid=False)
    apply_style(fig, labels["title"], presenter, height=400)
    fig.update_layout(legend={"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0})
    return fig


def first_purchase_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Second-purchase rate per first-purchase group with its 95% interval. df: group (shown
    name), rate, low, high, thin (bool), hover. Thin groups are drawn grey. labels: title, x,
    empty, thin."""
    shown = df.dropna(subset=["rate"])
    if shown.empty:
        return message_figure(labels["empty"], presenter)
    shown = shown.iloc[::-1]  # the first group on top
    colors = [THIN_COLOR if t else PALETTE[0] for t in shown["thin"]]
    fig = go.Figure(go.Bar(
        x=shown["rate"], y=shown["group"], orientation="h", marker_color=colors,
        error_x={"type": "data", "symmetric": False,
                 "array": (shown["high"] - shown["rate"]).clip(lower=0),
                 "arrayminus": (shown["rate"] - shown["low"]).clip(lower=0),
                 "color": "#555555"},
        hovertext=shown["hover"], hoverinfo="text", showlegend=False))
    if shown["thin"].any():
        fig.add_trace(go.Bar(x=[None], y=[None], marker_color=THIN_COLOR, name=labels["thin"],
                             showlegend=True))
    fig.update_xaxes(title_text=labels["x"], tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(type="category")
    height = int(min(max(160 + 40 * len(shown), 260), 900))
    return apply_style(fig, labels["title"], presenter, height=height)
