"""NPS charts: trend with its interval band and counts, group shares, breakdowns, themes.

Every builder is `f(df, *, labels, presenter)`: a DataFrame of cx.nps (with the text columns the
page adds, such as `label`) and a dict of translated strings the page builds. Builders never
query or translate."""
from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx.charts.style import NPS_GROUP_COLORS, PALETTE, apply_style, message_figure

__all__ = ["nps_trend_chart", "nps_mix_chart", "nps_breakdown_chart", "nps_themes_chart",
           "nps_behaviour_chart"]

LINE = PALETTE[0]
BAND = "rgba(46, 111, 186, 0.16)"
THIN_COLOR = "#9A9A9A"


def plain(text) -> str:
    """Text from the user's files (group names, comment themes) for plotly labels and hovers:
    plotly reads a subset of HTML (<b>, <a href>, <br>), so it is escaped to show as written."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return html.escape(str(text), quote=False)


def _axis_range(lo: pd.Series, hi: pd.Series) -> list[float]:
    low = float(lo.min()) if lo.notna().any() else -100.0
    high = float(hi.max()) if hi.notna().any() else 100.0
    pad = max(5.0, (high - low) * 0.08)
    return [max(-105.0, math.floor(low - pad)), min(105.0, math.ceil(high + pad))]


def nps_trend_chart(trend: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """NPS per period (x: column `label`) as a line with its 95% interval as a band (top) and the
    responses per period as bars (bottom). Thin periods (flag `thin`) have hollow grey markers
    and pale bars; unfinished periods (`partial`) are diamonds and said so in the hover.
    `labels`: title, nps, band, responses, thin, partial."""
    if trend.empty or trend["responses"].sum() == 0:
        return message_figure(labels["title"], presenter)
    x = list(trend["label"])
    thin = trend["thin"].astype(bool).tolist()
    partial = trend["partial"].astype(bool).tolist()
    notes = [" · ".join(s for s, flag in ((labels["thin"], t), (labels["partial"], p)) if flag)
             for t, p in zip(thin, partial)]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28],
                        vertical_spacing=0.06)
    fig.add_trace(go.Scatter(x=x, y=trend["ci_high"], mode="lines", line={"width": 0},
                             hoverinfo="skip", showlegend=False, connectgaps=False), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=trend["ci_low"], mode="lines", line={"width": 0},
                             fill="tonexty", fillcolor=BAND, name=labels["band"],
                             hoverinfo="skip", connectgaps=False), 1, 1)
    fig.add_trace(go.Scatter(
        x=x, y=trend["nps"], mode="lines+markers", name=labels["nps"],
        line={"color": LINE, "width": 2.5},
        marker={"size": 8 if not presenter else 10,
                "symbol": ["diamond" if p else "circle" for p in partial],
                "color": ["white" if t else LINE for t in thin],
                "line": {"color": [THIN_COLOR if t else LINE for t in thin], "width": 2}},
        customdata=list(zip(trend["ci_low"].round(0), trend["ci_high"].round(0),
                            trend["responses"], notes)),
        hovertemplate="%{x}: %{y:.0f} (%{customdata[0]:.0f} – %{customdata[1]:.0f}), "
                      "n=%{customdata[2]:,}<br>%{customdata[3]}<extra></extra>"), 1, 1)
    fig.add_hline(y=0, line={"color": "#BBBBBB", "width": 1}, row=1, col=1)
    fig.add_trace(go.Bar(
        x=x, y=trend["responses"], name=labels["responses"], showlegend=False,
        marker_color=[THIN_COLOR if t else LINE for t in thin],
        opacity=0.75, hovertemplate="%{x}: %{y:,}<extra>" + labels["responses"] + "</extra>"),
        2, 1)
    fig.update_yaxes(title=labels["nps"], range=_axis_range(trend["ci_low"], trend["ci_high"]),
                     row=1, col=1)
    fig.update_yaxes(title=labels["responses"], rangemode="tozero", row=2, col=1)
    fig.update_xaxes(type="category", row=2, col=1)
    fig.update_xaxes(type="category", row=1, col=1)
    fig = apply_style(fig, labels["title"], presenter, height=500 if presenter else 450)
    fig.update_layout(margin={"t": 90})  # room for the legend between title and plot
    return fig


def nps_mix_chart(trend: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Share of promoters, passives and detractors per period (x: column `label`), stacked to
    100%. `labels`: title, y, groups (group key -> name)."""
    title, group_labels = labels["title"], labels["groups"]
    if trend.empty or trend["responses"].sum() == 0:
        return message_figure(title, presenter)
    n = trend["responses"].where(trend["responses"] > 0)
    fig = go.Figure()
    for group, col in (("detractor", "detractors"), ("passive", "passives"),
                       ("promoter", "promoters")):
        share = trend[col] / n
        fig.add_trace(go.Bar(
            x=list(trend["label"]), y=share, name=group_labels[group],
            marker_color=NPS_GROUP_COLORS[group], customdata=trend[col],
            hovertemplate="%{x}: %{y:.0%} (%{customdata:,})<extra>" + group_labels[group]
                          + "</extra>"))
    fig.update_layout(barmode="stack", bargap=0.15)
    fig.update_yaxes(title=labels["y"], tickformat=".0%", range=[0, 1])
    fig.update_xaxes(type="category")
    fig = apply_style(fig, title, presenter, height=340)
    fig.update_layout(margin={"t": 90})
    return fig


def nps_breakdown_chart(table: pd.DataFrame, *, labels: dict,
                        presenter: bool = False) -> go.Figure:
    """NPS per group with its 95% interval as error bars (columns label, nps, ci_low, ci_high,
    responses, small); small groups hollow and grey. Rows in the order given, first on top.
    `labels`: title, x, small."""
    title, x_label, small_label = labels["title"], labels["x"], labels["small"]
    data = table.dropna(subset=["nps"])
    if data.empty:
        return message_figure(title, presenter)
    small = data["small"].astype(bool).tolist()
    color = [THIN_COLOR if s else LINE for s in small]
    names = [f"{plain(lab)}  (n={n:,}{', ' + small_label if s else ''})"
             for lab, n, s in zip(data["label"], data["responses"], small)]
    fig = go.Figure(go.Scatter(
        y=names, x=data["nps"], mode="markers",
        marker={"size": 11 if not presenter else 14,
                "color": ["white" if s else LINE for s in small],
                "line": {"color": color, "width": 2}},
        error_x={"type": "data", "symmetric": False,
                 "array": (data["ci_high"] - data["nps"]).tolist(),
                 "arrayminus": (data["nps"] - data["ci_low"]).tolist(),
                 "color": "#7A7A7A", "thickness": 1.5, "width": 4},
        customdata=list(zip(data["ci_low"], data["ci_high"])),
        hovertemplate="%{y}: %{x:.0f} (%{customdata[0]:.0f} – %{customdata[1]:.0f})"
                      "<extra></extra>"))
    fig.add_vline(x=0, line={"color": "#BBBBBB", "width": 1})
    fig.update_xaxes(title=x_label, range=_axis_range(data["ci_low"], data["ci_high"]))
    fig.update_yaxes(autorange="reversed", type="category")
    height = max(240, 80 + 40 * len(data))
    return apply_style(fig, title, presenter, height=height)


def nps_themes_chart(themes: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Comments per theme (columns theme, comments, nps, text), coloured by the theme's NPS
    (red below 0, green above); most mentioned on top. `labels`: title, x."""
    title, x_label = labels["title"], labels["x"]
    if themes.empty:
        return message_figure(title, presenter)
    nps = themes["nps"].fillna(0).clip(-100, 100)
    fig = go.Figure(go.Bar(
        y=[plain(t) for t in themes["theme"]], x=themes["comments"], orientation="h",
        text=themes["text"],
        textposition="auto", cliponaxis=False,
        marker={"color": nps, "colorscale": [[0, NPS_GROUP_COLORS["detractor"]],
                                             [0.5, "#D8D8D8"],
                                             [1, NPS_GROUP_COLORS["promoter"]]],
                "cmin": -100, "cmax": 100},
        hovertemplate="%{y}: %{x:,}<extra></extra>"))
    fig.update_xaxes(title=x_label)
    fig.update_yaxes(autorange="reversed", type="category")
    return apply_style(fig, title, presenter, height=max(260, 70 + 30 * len(themes)))


def nps_behaviour_chart(table: pd.DataFrame, *, labels: dict,
                        presenter: bool = False) -> go.Figure:
    """Per group (promoter, passive, detractor): the share who came back within the follow-up
    window (left) and their mean revenue in it (right, its text from column `revenue_text`).
    `labels`: title, came_back, revenue, groups (group key -> name), currency_symbol."""
    group_labels, currency_symbol = labels["groups"], labels.get("currency_symbol", "")
    data = table[table["followed"] > 0]
    if data.empty:
        return message_figure(labels["title"], presenter)
    names = [group_labels[g] for g in data["group"]]
    colors = [NPS_GROUP_COLORS[g] for g in data["group"]]
    fig = make_subplots(rows=1, cols=2, subplot_titles=[labels["came_back"], labels["revenue"]],
                        horizontal_spacing=0.12)
    fig.add_trace(go.Bar(x=names, y=data["came_back_rate"], marker_color=colors,
                         text=[f"{v:.0%}" for v in data["came_back_rate"]], textposition="auto",
                         showlegend=False, hovertemplate="%{x}: %{y:.1%}<extra></extra>"), 1, 1)
    fig.add_trace(go.Bar(x=names, y=data["revenue_after"], marker_color=colors,
                         text=data["revenue_text"], textposition="auto", showlegend=False,
                         hovertemplate="%{x}: %{text}<extra></extra>"), 1, 2)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(tickprefix=currency_symbol, tickformat=",.0f", rangemode="tozero",
                     row=1, col=2)
    fig = apply_style(fig, labels["title"], presenter, height=360)
    fig.update_layout(margin={"t": 90})
    return fig
