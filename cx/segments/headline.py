"""Overview headlines of the segments area: revenue from referred customers and its share."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd

from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.cache import kept
from cx.scope import TX_UNTIL_END, Scope
from cx.store import fetch_df, one

PAGE = "views/segments.py"

# Revenue per day bucket: the last `days` (current), the `days` before (previous), and calendar
# months for the trend; "referred" = ordered by a customer some known customer referred (the
# same credit rules as customer_values: no self-referral, referral made by the analysis date).
REFERRED_REVENUE_SQL = f"""
WITH known AS (
    SELECT customer_id FROM customers
    UNION SELECT customer_id FROM transactions WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}
),
referred AS (
    SELECT DISTINCT r.referred_id AS customer_id
    FROM referrals r JOIN known k ON k.customer_id = r.referrer_id
    WHERE r.referrer_id <> r.referred_id
      AND (r.referred_at IS NULL OR r.referred_at < $end_excl)
),
tx AS (
    SELECT t.ordered_at, t.amount,
           CASE WHEN rf.customer_id IS NULL THEN 0 ELSE 1 END AS is_referred
    FROM transactions t LEFT JOIN referred rf ON rf.customer_id = t.customer_id
    WHERE t.ordered_at >= $trend_start AND t.ordered_at < $end_excl
      AND ($currency IS NULL OR t.currency = $currency OR t.currency IS NULL)
)
SELECT CASE WHEN ordered_at >= $cur_start THEN 'current'
            WHEN ordered_at >= $prev_start THEN 'previous' ELSE 'older' END AS time_window,
       CAST(date_trunc('month', ordered_at) AS DATE) AS month,
       SUM(amount) AS revenue,
       SUM(CASE WHEN is_referred = 1 THEN amount ELSE 0 END) AS referred_revenue
FROM tx GROUP BY 1, 2
"""


def referred_revenue(cur, scope: Scope, window_days: int = 30, months: int = 12) -> dict:
    """Revenue and referred revenue in the last `window_days` up to the analysis date, the window
    before, and per complete calendar month (the last `months`)."""
    as_of = scope.as_of
    month_start = pd.Timestamp(as_of).to_period("M").to_timestamp()
    trend_start = (pd.Timestamp(as_of).to_period("M") - months).to_timestamp()
    prev_start = pd.Timestamp(as_of - timedelta(days=2 * window_days - 1))
    params = {**scope.params(), "cur_start": pd.Timestamp(as_of - timedelta(days=window_days - 1)),
              "prev_start": prev_start, "trend_start": min(trend_start, prev_start)}
    df = fetch_df(cur, REFERRED_REVENUE_SQL, params)
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


WINDOW_CUSTOMERS_SQL = f"""
SELECT COUNT(DISTINCT CASE WHEN ordered_at >= $cur_start THEN customer_id END) AS current,
       COUNT(DISTINCT CASE WHEN ordered_at < $cur_start THEN customer_id END) AS previous
FROM transactions
WHERE customer_id IS NOT NULL AND ordered_at >= $prev_start AND {TX_UNTIL_END}
"""


def window_customers(cur, scope: Scope, window_days: int = 30) -> tuple[int, int]:
    """Customers with an order in the last `window_days` up to the analysis date, and in the
    window before: what the referred-revenue headlines rest on."""
    as_of = scope.as_of
    params = {**scope.params(), "cur_start": pd.Timestamp(as_of - timedelta(days=window_days - 1)),
              "prev_start": pd.Timestamp(as_of - timedelta(days=2 * window_days - 1))}
    row = one(cur, WINDOW_CUSTOMERS_SQL, params)
    return int(row[0] or 0), int(row[1] or 0)


def _share(part: float, whole: float, customers: int) -> float | None:
    """A share of revenue, shown only when it rests on at least MIN_SAMPLE customers."""
    return part / whole if whole > 0 and customers >= MIN_SAMPLE else None


@kept
def headline(cur, scope: Scope, window_days: int = 30) -> list[Headline]:
    """Revenue from referred customers in the last `window_days` and its share of revenue; with no
    referral data at all, sentences saying so instead of zeros (cx.available)."""
    from cx.available import available

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
