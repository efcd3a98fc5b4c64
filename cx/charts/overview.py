"""Overview and report charts."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx.charts.style import PALETTE, apply_style

__all__ = ["monthly_activity_chart", "nice_ticks"]


def nice_ticks(top: float, count: int = 4, whole: bool = False) -> list[float]:
    """0 and a few round steps (1, 2, 2.5 or 5 times a power of ten; whole numbers only when
    `whole`) reaching at least `top`."""
    if not top or top <= 0 or math.isnan(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in steps if m * power >= raw)
    if whole:
        step = max(1, round(step))
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def monthly_activity_chart(monthly: pd.DataFrame, *, labels: dict,
                           presenter: bool = False) -> go.Figure:
    """Revenue bars with active customers as a line on a second axis, one point per month.
    labels (the page builds them): `months` (one label per row), `revenue` and `customers` (the
    two series' names), `title` (optional); the formatters `money` (hover amounts), `money_tick`
    (the revenue axis ticks, ¥15万 / $150k: plotly's own would say 150k on a Japanese screen)
    and `number` (customer counts)."""
    month_labels = labels["months"]
    revenue_label, customers_label = labels["revenue"], labels["customers"]
    title = labels.get("title")
    money = labels.get("money") or (lambda v: f"{v:,.0f}")
    money_tick = labels.get("money_tick")
    number = labels.get("number") or (lambda v: f"{v:,.0f}")
    revenue = monthly["revenue"].astype(float).fillna(0.0)
    customers = monthly["active_customers"].astype(float).fillna(0.0)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=month_labels, y=revenue, name=revenue_label,
                         marker_color=PALETTE[0], opacity=0.8,
                         customdata=[money(v) for v in revenue],
                         hovertemplate=f"%{{x}}<br>{revenue_label}: %{{customdata}}<extra></extra>"),
                  secondary_y=False)
    fig.add_trace(go.Scatter(x=month_labels, y=customers, name=customers_label,
                             mode="lines+markers", line={"color": PALETTE[1], "width": 3},
                             customdata=[number(v) for v in customers],
                             hovertemplate=(f"%{{x}}<br>{customers_label}: %{{customdata}}"
                                            "<extra></extra>")),
                  secondary_y=True)
    money_axis = {}
    if money_tick is not None:
        ticks = nice_ticks(float(revenue.max()) if len(revenue) else 0.0)
        money_axis = {"tickmode": "array", "tickvals": ticks,
                      "ticktext": [money_tick(v) for v in ticks], "range": [0, ticks[-1] * 1.03]}
    count_ticks = nice_ticks(float(customers.max()) if len(customers) else 0.0, whole=True)
    fig.update_yaxes(title_text=revenue_label, secondary_y=False, rangemode="tozero",
                     **money_axis)
    fig.update_yaxes(title_text=customers_label, secondary_y=True, rangemode="tozero",
                     showgrid=False, tickmode="array", tickvals=count_ticks,
                     ticktext=[number(v) for v in count_ticks],
                     range=[0, count_ticks[-1] * 1.03])
    fig.update_xaxes(type="category")
    return apply_style(fig, title=title, presenter=presenter, height=360)
