"""Churn charts: calibration, lift, risk bands, where customers are lost, what-if, recency.

Every builder is `f(df, *, labels, presenter)`: a frame in, translated texts in `labels`, a figure
out; no queries and no translation here."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cx.charts.style import PALETTE, apply_style, message_figure

__all__ = ["churn_calibration_chart", "churn_lift_chart", "churn_band_chart",
           "churn_groups_chart", "churn_whatif_chart", "churn_whatif_probability_chart",
           "churn_recency_chart"]

MODEL_COLORS = {"gradient_boosting": PALETTE[0], "logistic": PALETTE[4], "recency": PALETTE[7],
                "bgnbd": PALETTE[1]}
BAND_COLORS = {"low": "#3A9D5D", "medium": "#E0A030", "high": "#C44E52"}


def churn_calibration_chart(df: pd.DataFrame, *, labels: dict,
                            presenter: bool = False) -> go.Figure:
    """Predicted vs observed churn per probability bin, one line per model, and the diagonal.
    df: model, predicted, observed, customers (one row per model and bin); labels: title, x, y,
    ideal, models (model key -> name)."""
    title, names = labels["title"], labels["models"]
    if df.empty:
        return message_figure(title, presenter)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=labels["ideal"],
                             line={"color": "#BBBBBB", "dash": "dash"}, hoverinfo="skip"))
    for key, table in df.groupby("model", sort=False):
        fig.add_trace(go.Scatter(
            x=table["predicted"], y=table["observed"], mode="lines+markers", name=names[key],
            line={"color": MODEL_COLORS.get(key, PALETTE[2]), "width": 3 if key == "gradient_boosting" else 1.5},
            marker={"size": 6}, customdata=table["customers"],
            hovertemplate="%{x:.0%} → %{y:.0%} (n=%{customdata:,})<extra>" + names[key] + "</extra>"))
    fig.update_xaxes(title=labels["x"], tickformat=".0%", range=[0, 1])
    fig.update_yaxes(title=labels["y"], tickformat=".0%", range=[0, 1.02])
    return _legend_below(apply_style(fig, title, presenter, height=460))


def churn_lift_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Share of all churners caught when contacting the riskiest 10%, 20%, ... of customers.
    df: model, decile, captured (one row per model and decile); labels: title, x, y, models."""
    title, names = labels["title"], labels["models"]
    if df.empty:
        return message_figure(title, presenter)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", showlegend=False,
                             line={"color": "#BBBBBB", "dash": "dash"}, hoverinfo="skip"))
    for key, table in df.groupby("model", sort=False):
        x = [0.0] + list(table["decile"] / table["decile"].max())
        y = [0.0] + list(table["captured"])
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", name=names[key],
            line={"color": MODEL_COLORS.get(key, PALETTE[2]), "width": 3 if key == "gradient_boosting" else 1.5},
            hovertemplate="%{x:.0%} → %{y:.0%}<extra>" + names[key] + "</extra>"))
    fig.update_xaxes(title=labels["x"], tickformat=".0%", range=[0, 1])
    fig.update_yaxes(title=labels["y"], tickformat=".0%", range=[0, 1.02])
    return _legend_below(apply_style(fig, title, presenter, height=460))


def _legend_below(fig: go.Figure) -> go.Figure:
    """Model legends are long: below the plot, never over the title."""
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left",
                              "x": 0}, margin={"b": 10})
    return fig


def churn_band_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Active customers per risk band. df: band, customers, text; labels: title, x, bands (band
    key -> name)."""
    if df.empty or df["customers"].sum() == 0:
        return message_figure(labels["title"], presenter)
    fig = go.Figure(go.Bar(
        y=[labels["bands"][b] for b in df["band"]], x=df["customers"], orientation="h",
        marker_color=[BAND_COLORS[b] for b in df["band"]], text=df["text"],
        textposition="auto", hovertemplate="%{y}: %{x:,}<extra></extra>"))
    fig.update_xaxes(title=labels["x"], tickformat=",")
    fig.update_yaxes(autorange="reversed")
    return apply_style(fig, labels["title"], presenter, height=240)


def churn_groups_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Churn rate per group, highest first. df: label, churn_rate, text; labels: title, x."""
    data = df.dropna(subset=["churn_rate"])
    if data.empty:
        return message_figure(labels["title"], presenter)
    fig = go.Figure(go.Bar(
        y=data["label"], x=data["churn_rate"], orientation="h", marker_color=PALETTE[3],
        text=data["text"], textposition="auto", cliponaxis=False,
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.update_xaxes(title=labels["x"], tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return apply_style(fig, labels["title"], presenter, height=max(240, 60 + 38 * len(data)))


def churn_whatif_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Reasons: how much each group of inputs moves this customer's probability compared with the
    typical customer. df: label, effect, and optionally original (the same effect before the
    sliders moved, drawn as a grey diamond named labels["original"]); red pushes the risk up,
    green down. labels: title, x, original (optional)."""
    title, original_label = labels["title"], labels.get("original")
    has_original = "original" in df.columns
    size = df["effect"].abs()
    if has_original:
        size = size.combine(df["original"].abs(), max)
    data = df[size >= 0.005]
    if data.empty:
        return message_figure(title, presenter)
    data = data.loc[size[data.index].sort_values(ascending=False).index].head(8)
    fig = go.Figure(go.Bar(
        y=data["label"], x=data["effect"], orientation="h", showlegend=False,
        marker_color=["#C44E52" if e > 0 else "#3A9D5D" for e in data["effect"]],
        text=[f"{e * 100:+.0f} pt" for e in data["effect"]], textposition="auto",
        hovertemplate="%{y}: %{x:+.1%}<extra></extra>"))
    if has_original:
        fig.add_trace(go.Scatter(
            y=data["label"], x=data["original"], mode="markers", name=original_label or "",
            showlegend=bool(original_label),
            marker={"symbol": "diamond", "size": 11, "color": "#555555",
                    "line": {"color": "white", "width": 1}},
            hovertemplate="%{y}: %{x:+.1%}<extra>" + (original_label or "") + "</extra>"))
    fig.update_xaxes(title=labels["x"], tickformat="+.0%", zeroline=True, zerolinecolor="#888")
    fig.update_yaxes(autorange="reversed")
    fig = apply_style(fig, title, presenter, height=max(220, 60 + 36 * len(data)))
    if has_original and original_label:
        fig = _legend_below(fig)
    return fig


def churn_whatif_probability_chart(df: pd.DataFrame, *, labels: dict,
                                   presenter: bool = False) -> go.Figure:
    """The what-if probability as a bar from 0 to 100%, with the customer's probability as it
    is drawn beside it and marked by a dashed line. df: one row, original and probability;
    labels: title, as_is, new, mark (e.g. "As it is: 62%")."""
    original, probability = float(df["original"].iloc[0]), float(df["probability"].iloc[0])
    colors = ["#999999", "#C44E52" if probability > original + 1e-9 else
              "#3A9D5D" if probability < original - 1e-9 else PALETTE[0]]
    fig = go.Figure(go.Bar(
        y=[labels["as_is"], labels["new"]], x=[original, probability], orientation="h",
        marker_color=colors, text=[f"{original:.1%}", f"{probability:.1%}"],
        textposition="auto", hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.add_vline(x=original, line_dash="dash", line_color="#555555", line_width=2)
    fig.add_annotation(x=original, y=1.0, yref="paper", yanchor="bottom", text=labels["mark"],
                       showarrow=False, font={"color": "#555555"})
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return apply_style(fig, labels["title"], presenter, height=200)


def churn_recency_chart(df: pd.DataFrame, *, labels: dict, presenter: bool = False) -> go.Figure:
    """Customers by days since their last purchase. df: label, customers; labels: title, x, y."""
    if df.empty or df["customers"].sum() == 0:
        return message_figure(labels["title"], presenter)
    colors = ["#3A9D5D", "#E0A030", "#E07B39", "#C44E52"][: len(df)]
    fig = go.Figure(go.Bar(x=df["label"], y=df["customers"], marker_color=colors,
                           text=df["customers"], textposition="auto",
                           hovertemplate="%{x}: %{y:,}<extra></extra>"))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    return apply_style(fig, labels["title"], presenter, height=320)
