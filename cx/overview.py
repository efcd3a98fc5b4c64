"""The overview page's numbers: activity headlines of its own plus each area's `headline()`."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from cx.headline import Headline
from cx.scope import Scope, TX_UNTIL_END
from cx.store import fetch_df

AREA_HEADLINES = ["cx.retention", "cx.segments", "cx.nps", "cx.churn"]

ACTIVITY_SQL = f"""
WITH windows AS (
    SELECT
        CASE WHEN ordered_at >= $cur_start THEN 'current'
             WHEN ordered_at >= $prev_start THEN 'previous' END AS time_window,
        customer_id, amount
    FROM transactions
    WHERE ordered_at >= $prev_start AND {TX_UNTIL_END}
)
SELECT time_window,
       COUNT(DISTINCT customer_id) AS active_customers,
       COUNT(*) AS orders,
       COALESCE(SUM(amount), 0) AS revenue
FROM windows GROUP BY time_window
"""

MONTHLY_SQL = f"""
SELECT CAST(date_trunc('month', ordered_at) AS DATE) AS month,
       COUNT(DISTINCT customer_id) AS active_customers,
       COUNT(*) AS orders,
       SUM(amount) AS revenue
FROM transactions
WHERE ordered_at >= $trend_start AND {TX_UNTIL_END}
GROUP BY month ORDER BY month
"""


@dataclass(frozen=True)
class ActivityWindow:
    days: int
    active_customers: int
    orders: int
    revenue: float


def activity(cur, scope: Scope, window_days: int = 30) -> tuple[ActivityWindow, ActivityWindow]:
    """Active customers, orders and revenue in the last `window_days` up to the analysis date,
    and in the window before it."""
    end = scope.as_of
    params = {**scope.params(),
              "cur_start": pd.Timestamp(end - timedelta(days=window_days - 1)),
              "prev_start": pd.Timestamp(end - timedelta(days=2 * window_days - 1))}
    df = fetch_df(cur, ACTIVITY_SQL, params).set_index("time_window")

    def window(name: str) -> ActivityWindow:
        if name not in df.index:
            return ActivityWindow(window_days, 0, 0, 0.0)
        r = df.loc[name]
        return ActivityWindow(window_days, int(r["active_customers"]), int(r["orders"]),
                              float(r["revenue"]))

    return window("current"), window("previous")


def monthly_activity(cur, scope: Scope, months: int = 12) -> pd.DataFrame:
    """Month by month (the last `months`, the analysis month included, possibly partial)."""
    start = (pd.Timestamp(scope.as_of).to_period("M") - (months - 1)).to_timestamp()
    return fetch_df(cur, MONTHLY_SQL, {**scope.params(), "trend_start": start})


def activity_headlines(cur, scope: Scope, window_days: int = 30) -> list[Headline]:
    current, previous = activity(cur, scope, window_days)
    trend = monthly_activity(cur, scope)
    # the last month may be partial: trends show complete months only
    complete = trend[trend["month"] < pd.Timestamp(scope.as_of).to_period("M").to_timestamp()]
    return [
        Headline("overview.active_customers", current.active_customers,
                 previous.active_customers, "int", "pages/retention.py",
                 tuple(float(x) for x in complete["active_customers"])),
        Headline("overview.revenue", current.revenue, previous.revenue, "money",
                 "pages/segments.py", tuple(float(x) for x in complete["revenue"])),
    ]


def area_headline_functions() -> list:
    """The `headline(cur, scope)` of every area module that has one."""
    found = []
    for name in AREA_HEADLINES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        fn = getattr(module, "headline", None)
        if callable(fn):
            found.append(fn)
    return found


def format_value(value, kind: str, lang: str, currency: str | None) -> str:
    from cx import i18n

    if value is None:
        return "–"
    if kind == "money":
        return i18n.fmt_money(value, currency, lang, compact=True)
    if kind == "pct":
        return i18n.fmt_pct(value, lang)
    if kind == "points":
        return i18n.fmt_points(value, lang)
    return i18n.fmt_int(value, lang)


def format_change(h: Headline, lang: str, currency: str | None) -> str | None:
    """The change against the previous period, in the headline's own unit
    (percentage points for rates)."""
    from cx import i18n

    change = h.change
    if change is None:
        return None
    if h.kind == "money":
        sign = "+" if change >= 0 else "-"
        return sign + i18n.fmt_money(abs(change), currency, lang, compact=True)
    if h.kind == "pct":
        return f"{change * 100:+.1f} pt"
    if h.kind == "points":
        return f"{change:+.0f}"
    return f"{change:+,.0f}"
