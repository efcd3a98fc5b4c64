"""The overview's SQL, each next to the function that runs it: activity in day windows and by
month, and who referred most new customers lately (referral credit as on the segments page:
cx.sql.credited_referrals)."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd

from cx.scope import TX_UNTIL_END, Scope, year_earlier
from cx.sql import credited_referrals
from cx.store import fetch_df

__all__ = ["activity_rows", "monthly_activity", "top_referrer_rows"]

ACTIVITY_SQL = f"""
WITH windows AS (
    SELECT
        CASE WHEN ordered_at >= $cur_start THEN 'current'
             WHEN ordered_at >= $prev_start THEN 'previous' ELSE 'year' END AS time_window,
        customer_id, amount
    FROM transactions
    WHERE (ordered_at >= $prev_start OR (ordered_at >= $year_start AND ordered_at < $year_end))
      AND {TX_UNTIL_END}
)
SELECT time_window,
       COUNT(DISTINCT customer_id) AS active_customers,
       COUNT(*) AS orders,
       COALESCE(SUM(amount), 0) AS revenue,
       COALESCE(SUM(amount * amount), 0) AS revenue_sq,
       (SELECT CAST(MIN(ordered_at) AS DATE) FROM transactions WHERE {TX_UNTIL_END}) AS first_day
FROM windows GROUP BY time_window
"""


def activity_rows(cur, scope: Scope, window_days: int = 30) -> pd.DataFrame:
    """Active customers, orders, revenue and the sum of squared order amounts (the variance of
    revenue, cx.stats.total_se) per time_window: 'current' (the last `window_days` up to the
    analysis date), 'previous' (the window before) and 'year' (the same days a year earlier,
    cx.scope.year_earlier); a window without orders has no row. `first_day`: the first order day
    in the data (whether it reaches back to a window)."""
    end = scope.as_of
    year_end = year_earlier(end)
    params = {**scope.params(),
              "cur_start": pd.Timestamp(end - timedelta(days=window_days - 1)),
              "prev_start": pd.Timestamp(end - timedelta(days=2 * window_days - 1)),
              "year_start": pd.Timestamp(year_end - timedelta(days=window_days - 1)),
              "year_end": pd.Timestamp(year_end + timedelta(days=1))}
    return fetch_df(cur, ACTIVITY_SQL, params)


MONTHLY_SQL = f"""
SELECT CAST(date_trunc('month', ordered_at) AS DATE) AS month,
       COUNT(DISTINCT customer_id) AS active_customers,
       COUNT(*) AS orders,
       SUM(amount) AS revenue
FROM transactions
WHERE ordered_at >= $trend_start AND {TX_UNTIL_END}
GROUP BY month ORDER BY month
"""


def monthly_activity(cur, scope: Scope, months: int = 12) -> pd.DataFrame:
    """Month by month (the last `months`, the analysis month included, possibly partial)."""
    start = (pd.Timestamp(scope.as_of).to_period("M") - (months - 1)).to_timestamp()
    return fetch_df(cur, MONTHLY_SQL, {**scope.params(), "trend_start": start})


# A credited referral (one per referred customer: the earliest, by a known referrer, no
# self-referral) made in the window: on its date, else the referred customer's first order.
TOP_REFERRERS_SQL = f"""
WITH {credited_referrals()},
firsts AS (
    SELECT customer_id, MIN(ordered_at) AS first_at FROM transactions
    WHERE customer_id IN (SELECT referred_id FROM credited) GROUP BY customer_id
),
made AS (
    SELECT c.referrer_id, c.referred_id, COALESCE(c.referred_at, f.first_at) AS made_at
    FROM credited c LEFT JOIN firsts f ON f.customer_id = c.referred_id
),
contacts AS (
    SELECT customer_id, MAX(name) AS name, MAX(email) AS email FROM customers GROUP BY customer_id
)
SELECT m.referrer_id AS customer_id, MAX(c.name) AS name, MAX(c.email) AS email,
       COUNT(*) AS referred
FROM made m
LEFT JOIN contacts c ON c.customer_id = m.referrer_id
WHERE m.made_at >= $ref_start AND m.made_at < $end_excl
GROUP BY m.referrer_id
ORDER BY referred DESC, customer_id
LIMIT $top
"""


def top_referrer_rows(cur, scope: Scope, days: int, top: int) -> pd.DataFrame:
    """customer_id, name, email, referred: the `top` referrers with the most credited referrals
    made in the last `days` up to the analysis date; most referred first, then by id."""
    params = {**scope.params(), "top": int(top),
              "ref_start": pd.Timestamp(scope.as_of - timedelta(days=days - 1))}
    return fetch_df(cur, TOP_REFERRERS_SQL, params)
