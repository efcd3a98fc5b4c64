"""Overview and report charts."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx.charts.style import PALETTE, apply_style

__all__ = ["monthly_activity_chart"]


def monthly_activity_chart(monthly: pd.DataFrame, month_labels: list[str], revenue_label: str,
                           customers_label: str, title: str | None = None,
                           presenter: bool = False) -> go.Figure:
    """Revenue bars with active customers as a line on a second axis, one point per month."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=month_labels, y=monthly["revenue"], name=revenue_label,
                         marker_color=PALETTE[0], opacity=0.8), secondary_y=False)
    fig.add_trace(go.Scatter(x=month_labels, y=monthly["active_customers"], name=customers_label,
                             mode="lines+markers", line={"color": PALETTE[1], "width": 3}),
                  secondary_y=True)
    fig.update_yaxes(title_text=revenue_label, secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=customers_label, secondary_y=True, rangemode="tozero",
                     showgrid=False)
    fig.update_xaxes(type="category")
    return apply_style(fig, title=title, presenter=presenter, height=360)
