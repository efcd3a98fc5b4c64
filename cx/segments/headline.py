"""Overview headlines of the segments area: revenue from referred customers and its share."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd

from cx.available import available
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.scope import Scope
from cx.segments.queries import referred_revenue_rows, window_customers

__all__ = ["PAGE", "headline", "referred_revenue"]

PAGE = "views/segments.py"


def referred_revenue(cur, scope: Scope, window_days: int = 30, months: int = 12) -> dict:
    """Revenue and referred revenue in the last `window_days` up to the analysis date, the window
    before, and per complete calendar month (the last `months`)."""
    as_of = scope.as_of
    month_start = pd.Timestamp(as_of).to_period("M").to_timestamp()
    trend_start = (pd.Timestamp(as_of).to_period("M") - months).to_timestamp()
    prev_start = pd.Timestamp(as_of - timedelta(days=2 * window_days - 1))
    df = referred_revenue_rows(cur, scope,
                               cur_start=pd.Timestamp(as_of - timedelta(days=window_days - 1)),
                               prev_start=prev_start, trend_start=min(trend_start, prev_start))
    windows = df.groupby("time_window")[["revenue", "referred_revenue"]].sum()

    def pick(name: str, col: str) -> float:
        return float(windows.loc[name, col]) if name in windows.index else 0.0

    df["month"] = pd.to_datetime(df["month"])
    monthly = (df[(df["month"] >= trend_start) & (df["month"] < month_start)]
               .groupby("month")[["revenue", "referred_revenue"]].sum().sort_index())
    return {"current": pick("current", "referred_revenue"),
            "previous": pick("previous", "referred_revenue"),
            "current_total": pick("current", "revenue"),
            "previous_total": pick("previous", "revenue"),
            "monthly": monthly}


def _share(part: float, whole: float, customers: int) -> float | None:
    """A share of revenue, shown only when it rests on at least MIN_SAMPLE customers."""
    return part / whole if whole > 0 and customers >= MIN_SAMPLE else None


@kept
def headline(cur, scope: Scope, window_days: int = 30) -> list[Headline]:
    """Revenue from referred customers in the last `window_days` and its share of revenue; with no
    referral data at all, sentences saying so instead of zeros (cx.available)."""
    keys = ("segments.headline_referred_revenue", "segments.headline_referred_share")
    avail = available(cur)
    if not avail.referrals or not avail.orders:  # revenue needs both
        absent = "referrals" if not avail.referrals else "orders"
        return [Headline(k, None, kind="absent", page=PAGE, absent=absent) for k in keys]
    r = referred_revenue(cur, scope, window_days)
    n_now, n_before = window_customers(cur, scope, window_days)
    m = r["monthly"]
    share_trend = tuple(float(a / b) for a, b in zip(m["referred_revenue"], m["revenue"]) if b > 0)
    basis = Basis("days", n_now, last=scope.as_of, days=window_days)
    before = Basis("days", n_before, last=scope.as_of - timedelta(days=window_days),
                   days=window_days)
    share = _share(r["current"], r["current_total"], n_now)
    return [
        Headline(keys[0], r["current"], r["previous"], "money", PAGE,
                 tuple(float(x) for x in m["referred_revenue"]), basis=basis,
                 previous_basis=before),
        Headline(keys[1], share, _share(r["previous"], r["previous_total"], n_before), "pct",
                 PAGE, share_trend, basis=basis, previous_basis=before,
                 thin=n_now if share is None else None),
    ]
