"""Retention's SQL, each statement next to the function that runs it: `fn(cur, scope, ...)`.

Every query reads the canonical tables through `cx.sql` (a purchase, survey-to-customer matching)
and `cx.scope` (the analysis window, the period start of a date); the definitions in words are in
cx/retention/__init__.py. Segment names and periods are checked against fixed lists before they
reach SQL; every value travels as a parameter.
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from cx.scope import PERIODS, TX_UNTIL_END, Scope, period_floor, period_start_sql, shift_period
from cx.sql import PURCHASE, matched_responses, purchase_visits
from cx.store import fetch_df, one

__all__ = ["FIRST_ORDER_DIMENSIONS", "MODES", "REPEAT_DAYS", "SEGMENT_DIMENSIONS",
           "cell_counts", "cells_sql", "check", "cohort_customer_rows", "gap_medians",
           "gap_month_medians",
           "repeat_by_cohort", "segment_value_counts",
           "survival_counts", "survival_sql", "value_bands"]

MODES = ("on", "on_or_after")
REPEAT_DAYS = 90  # "repeat purchase rate": bought again within this many days of the first day

SEGMENT_DIMENSIONS = ("acquisition_channel", "first_order_value", "first_product",
                      "first_channel", "first_nps", "region")
FIRST_ORDER_DIMENSIONS = {"first_order_value", "first_product", "first_channel"}


def check(period: str, segment: str | None = None, mode: str | None = None) -> None:
    """Refuse a period, segment dimension or mode that is not one of the fixed lists."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if segment is not None and segment not in SEGMENT_DIMENSIONS:
        raise ValueError(f"segment must be one of {', '.join(SEGMENT_DIMENSIONS)}, "
                         f"not {segment!r}")
    if mode is not None and mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


# -- segments ---------------------------------------------------------------------------------
_CUSTOMER_ATTRS = """(SELECT customer_id, MAX(acquisition_channel) AS acquisition_channel,
        MAX(region) AS region FROM customers GROUP BY customer_id)"""

# The first survey answer of each customer before the analysis date, matched to customers as on
# every page (cx.sql.matched_responses: known id, else the order answered about, else e-mail).
_FIRST_RESPONSE_CTES = matched_responses("responded_at < $end_excl") + """,
first_response AS (
    SELECT cid AS customer_id, grp FROM (
        SELECT cid, grp, ROW_NUMBER() OVER (PARTITION BY cid
                                            ORDER BY responded_at, response_id) AS rn
        FROM matched WHERE cid IS NOT NULL) ranked
    WHERE rn = 1)"""

# dimension -> (SQL expression over firsts f and its join, the join, CTEs it needs); constants.
_SEGMENT_SQL = {
    None: ("'all'", "", ""),
    "acquisition_channel": ("COALESCE(ca.acquisition_channel, 'unknown')",
                            f"LEFT JOIN {_CUSTOMER_ATTRS} ca ON ca.customer_id = f.customer_id",
                            ""),
    "region": ("COALESCE(ca.region, 'unknown')",
               f"LEFT JOIN {_CUSTOMER_ATTRS} ca ON ca.customer_id = f.customer_id", ""),
    "first_order_value": ("CASE NTILE(3) OVER (ORDER BY f.first_amount, f.customer_id) "
                          "WHEN 1 THEN 'low' WHEN 2 THEN 'middle' ELSE 'high' END", "", ""),
    "first_product": ("COALESCE(f.first_product, 'unknown')", "", ""),
    "first_channel": ("COALESCE(f.first_channel, 'unknown')", "", ""),
    "first_nps": ("COALESCE(fr.grp, 'none')",
                  "LEFT JOIN first_response fr ON fr.customer_id = f.customer_id",
                  _FIRST_RESPONSE_CTES),
}


def _cohort_ctes(period: str, segment: str | None) -> str:
    """WITH tx (the customer's transactions up to the analysis date), firsts (first purchase of
    customers acquired in scope) and cohort (customer_id, first_at, cohort, last_p, segment)."""
    check(period, segment)
    seg_expr, seg_join, seg_ctes = _SEGMENT_SQL[segment]
    if segment in FIRST_ORDER_DIMENSIONS:
        firsts = """firsts AS (
    SELECT customer_id, ordered_at AS first_at, last_at, amount AS first_amount,
           channel AS first_channel, product_category AS first_product
    FROM (SELECT customer_id, ordered_at, amount, channel, product_category,
                 ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS rn,
                 MAX(ordered_at) OVER (PARTITION BY customer_id) AS last_at
          FROM tx WHERE is_purchase) ranked
    WHERE rn = 1 AND ordered_at >= $start)"""
    else:
        firsts = """firsts AS (
    SELECT customer_id, MIN(ordered_at) AS first_at, MAX(ordered_at) AS last_at
    FROM tx WHERE is_purchase
    GROUP BY customer_id HAVING MIN(ordered_at) >= $start)"""
    return f"""WITH tx AS (
    SELECT customer_id, order_id, ordered_at, amount, channel, product_category,
           {PURCHASE} AS is_purchase
    FROM transactions
    WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}),{seg_ctes + "," if seg_ctes else ""}
{firsts},
cohort AS (
    SELECT f.customer_id, f.first_at, {period_start_sql('f.first_at', period)} AS cohort,
           {period_start_sql('f.last_at', period)} AS last_p, {seg_expr} AS segment
    FROM firsts f {seg_join})"""


# -- the matrix -------------------------------------------------------------------------------
def cells_sql(period: str, segment: str | None = None) -> str:
    """Per (segment, cohort, period p >= cohort): customers who bought in p (`active`), customers
    whose last purchase period is p (`last_active`, for "on or after") and net revenue."""
    ps = period_start_sql("ordered_at", period)
    return _cohort_ctes(period, segment) + f""",
per_cp AS (
    SELECT customer_id, {ps} AS p, MAX(CASE WHEN is_purchase THEN 1 ELSE 0 END) AS bought,
           SUM(amount) AS revenue
    FROM tx GROUP BY customer_id, {ps})
SELECT c.segment, c.cohort, x.p, SUM(x.bought) AS active,
       SUM(CASE WHEN x.bought = 1 AND x.p = c.last_p THEN 1 ELSE 0 END) AS last_active,
       SUM(x.revenue) AS revenue
FROM per_cp x JOIN cohort c ON c.customer_id = x.customer_id
WHERE x.p >= c.cohort
GROUP BY c.segment, c.cohort, x.p ORDER BY c.segment, c.cohort, x.p
"""


def cell_counts(cur, scope: Scope, period: str, segment: str | None = None) -> pd.DataFrame:
    """segment, cohort, p, active, last_active, revenue (see cells_sql)."""
    return fetch_df(cur, cells_sql(period, segment), scope.params())


AVAILABLE_SQL = f"""
SELECT
    (SELECT COUNT(DISTINCT acquisition_channel) FROM customers) AS acquisition_channel,
    (SELECT COUNT(DISTINCT region) FROM customers) AS region,
    (SELECT COUNT(DISTINCT product_category) FROM transactions WHERE {TX_UNTIL_END}) AS first_product,
    (SELECT COUNT(DISTINCT channel) FROM transactions WHERE {TX_UNTIL_END}) AS first_channel,
    (SELECT COUNT(*) FROM survey_responses WHERE responded_at < $end_excl) AS first_nps,
    (SELECT COUNT(DISTINCT amount) FROM transactions WHERE amount > 0 AND {TX_UNTIL_END}) AS first_order_value
"""


def segment_value_counts(cur, scope: Scope) -> dict[str, int]:
    """Per segment dimension, how many distinct values the data holds (first_nps: answers)."""
    row = one(cur, AVAILABLE_SQL, scope.params())
    names = ["acquisition_channel", "region", "first_product", "first_channel", "first_nps",
             "first_order_value"]
    return {name: int(n or 0) for name, n in zip(names, row)}


VALUE_BANDS_SQL = """
, banded AS (SELECT c.segment, f.first_amount FROM cohort c JOIN firsts f USING (customer_id))
SELECT segment, MIN(first_amount) AS low, MAX(first_amount) AS high, COUNT(*) AS customers
FROM banded GROUP BY segment
"""


def value_bands(cur, scope: Scope) -> pd.DataFrame:
    """The first-order value range of each tercile band (low, middle, high)."""
    sql = _cohort_ctes("month", "first_order_value") + VALUE_BANDS_SQL
    return fetch_df(cur, sql, scope.params())


# -- drill-down -------------------------------------------------------------------------------
def _as_date(x) -> date:
    return x.date() if isinstance(x, datetime) else x  # pd.Timestamp is a datetime


def cohort_customer_rows(cur, scope: Scope, period: str, cohort: date, k: int) -> pd.DataFrame:
    """The customers of one cohort: their orders and net revenue in period k and overall, whether
    they bought in period k or later (`bought_later`), first and last purchase."""
    check(period)
    ps = period_start_sql("t.ordered_at", period)
    sql = _cohort_ctes(period, None) + f"""
SELECT c.customer_id, ca.name, ca.email, ca.acquisition_channel,
       CAST(c.first_at AS DATE) AS first_purchase,
       CAST(MAX(CASE WHEN t.is_purchase THEN t.ordered_at END) AS DATE) AS last_purchase,
       COUNT(CASE WHEN t.is_purchase AND {ps} = $target THEN 1 END) AS orders_in_period,
       COALESCE(SUM(CASE WHEN {ps} = $target THEN t.amount END), 0) AS revenue_in_period,
       COUNT(CASE WHEN t.is_purchase THEN 1 END) AS orders_total,
       SUM(t.amount) AS revenue_total,
       MAX(CASE WHEN t.is_purchase AND {ps} >= $target THEN 1 ELSE 0 END) AS bought_later
FROM cohort c JOIN tx t ON t.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, MAX(name) AS name, MAX(email) AS email,
                  MAX(acquisition_channel) AS acquisition_channel
           FROM customers GROUP BY customer_id) ca ON ca.customer_id = c.customer_id
WHERE c.cohort = $cohort
GROUP BY c.customer_id, ca.name, ca.email, ca.acquisition_channel, c.first_at
"""
    cohort = period_floor(_as_date(cohort), period)
    params = {**scope.params(), "cohort": cohort, "target": shift_period(cohort, period, k)}
    return fetch_df(cur, sql, params)


# -- survival ---------------------------------------------------------------------------------
# The purchase days of each customer, one row per purchase: no DISTINCT (de-duplicating ~1M
# (customer, day) pairs cost as much as the window after it). Two purchases on one day give a
# gap of 0 days, which the queries below skip (GAP_SQL) or never count as a lapse (survival), so
# the answers are those of distinct purchase days.
_DAYS_CTE = f"""days AS (
    SELECT customer_id, CAST(ordered_at AS DATE) AS day FROM transactions
    WHERE customer_id IS NOT NULL AND {PURCHASE} AND {TX_UNTIL_END})"""

_LAPSE_CTES = """gaps AS (
    SELECT customer_id, day, LEAD(day) OVER (PARTITION BY customer_id ORDER BY day) AS next_day
    FROM days),
lapse AS (
    SELECT customer_id, MIN(day) AS first_day,
           MIN(CASE WHEN next_day IS NULL OR date_diff('day', day, next_day) > $horizon
                    THEN day END) AS lapse_day
    FROM gaps GROUP BY customer_id HAVING MIN(day) >= $start),
durations AS (
    SELECT {segment} AS segment,
           CASE WHEN date_diff('day', l.lapse_day, $as_of) >= $horizon
                THEN date_diff('day', l.first_day, l.lapse_day) + $horizon
                ELSE date_diff('day', l.first_day, $as_of) END AS t,
           CASE WHEN date_diff('day', l.lapse_day, $as_of) >= $horizon THEN 1 ELSE 0 END AS event
    FROM lapse l {join})
SELECT segment, t, event, COUNT(*) AS n FROM durations GROUP BY segment, t, event
ORDER BY segment, t, event
"""


def survival_sql(segment: str | None) -> str:
    """(segment, t days, event 0/1, n customers): time from first purchase to the first lapse of
    `$horizon` days without a purchase (event), or to the analysis date (censored). Customers
    acquired in scope only (first purchase day on or after the scope's start)."""
    if segment is None:
        return "WITH " + _DAYS_CTE + ",\n" + _LAPSE_CTES.format(segment="'all'", join="")
    check("month", segment)
    if segment not in FIRST_ORDER_DIMENSIONS:
        # a property of the customer, not of their first order: joined straight onto the lapse
        # rows (the cohort CTEs would read every transaction a second time)
        expr, join, ctes = (x.replace("f.customer_id", "l.customer_id")
                            for x in _SEGMENT_SQL[segment])
        return ("WITH " + (ctes + ",\n" if ctes else "") + _DAYS_CTE + ",\n"
                + _LAPSE_CTES.format(segment=expr, join=join))
    return (_cohort_ctes("month", segment) + ",\n" + _DAYS_CTE + ",\n"
            + _LAPSE_CTES.format(segment="c.segment",
                                 join="JOIN cohort c ON c.customer_id = l.customer_id"))


def survival_counts(cur, scope: Scope, horizon: int, segment: str | None = None) -> pd.DataFrame:
    """segment, t, event, n (see survival_sql) for a lapse after `horizon` days."""
    params = {**scope.params(), "horizon": int(horizon), "as_of": scope.as_of}
    return fetch_df(cur, survival_sql(segment), params)


# -- key numbers ------------------------------------------------------------------------------
REPEAT_SQL = f"""
WITH {purchase_visits()}
SELECT {period_start_sql('first_day', 'month')} AS cohort, COUNT(*) AS customers,
       SUM(CASE WHEN date_diff('day', first_day, second_day) <= $repeat_days THEN 1 ELSE 0 END)
           AS repeaters
FROM visits
WHERE first_day >= $start
GROUP BY {period_start_sql('first_day', 'month')} ORDER BY cohort
"""


def repeat_by_cohort(cur, scope: Scope, days: int = REPEAT_DAYS) -> pd.DataFrame:
    """Per month cohort: customers and repeaters (second purchase, cx.sql.purchase_visits,
    within `days` of the first purchase day): the second-purchase share the repeat area shows
    for every window (cx/repeat)."""
    df = fetch_df(cur, REPEAT_SQL, {**scope.params(), "repeat_days": int(days)})
    df["cohort"] = pd.to_datetime(df["cohort"]).dt.date
    for col in ("customers", "repeaters"):
        df[col] = df[col].astype("int64")
    return df


# Gaps ending in scope, and (for the change) those ending in month m1 and the month m0 before
# it, whatever the scope's start. One window pass for all three.
GAP_SQL = f"""
WITH {_DAYS_CTE},
seq AS (
    SELECT day, date_diff('day', LAG(day) OVER (PARTITION BY customer_id ORDER BY day), day)
               AS gap
    FROM days)
SELECT COUNT(gap) FILTER (WHERE day >= $start) AS gaps,
       quantile_cont(gap, 0.5) FILTER (WHERE day >= $start) AS median_gap,
       COUNT(gap) FILTER (WHERE day >= $m1 AND day < $m1_end) AS gaps_m1,
       quantile_cont(gap, 0.5) FILTER (WHERE day >= $m1 AND day < $m1_end) AS median_m1,
       COUNT(gap) FILTER (WHERE day >= $m0 AND day < $m1) AS gaps_m0,
       quantile_cont(gap, 0.5) FILTER (WHERE day >= $m0 AND day < $m1) AS median_m0
FROM seq
WHERE gap > 0 AND (day >= $start OR (day >= $m0 AND day < $m1_end))
"""


# The median gap of each of a few months with the order statistics bounding its 95% interval:
# ranks floor(n/2 - z sqrt(n)/2) and ceil(n/2 + 1 + z sqrt(n)/2) within 1..n, as
# cx.stats.median_ranks (tests/test_compare.py checks they agree).
GAP_MONTHS_SQL = f"""
WITH {_DAYS_CTE},
seq AS (
    SELECT day, date_diff('day', LAG(day) OVER (PARTITION BY customer_id ORDER BY day), day)
               AS gap
    FROM days),
tagged AS (
    SELECT CAST(date_trunc('month', day) AS DATE) AS month, gap FROM seq
    WHERE gap > 0 AND date_trunc('month', day) IN ($m_a, $m_b, $m_c)),
ranked AS (
    SELECT month, gap, ROW_NUMBER() OVER (PARTITION BY month ORDER BY gap) AS rn,
           COUNT(*) OVER (PARTITION BY month) AS n
    FROM tagged)
SELECT month, MAX(n) AS gaps, quantile_cont(gap, 0.5) AS median,
       MAX(CASE WHEN rn = GREATEST(1, FLOOR(n / 2.0 - $z * SQRT(n) / 2)) THEN gap END) AS low,
       MAX(CASE WHEN rn = LEAST(n, CEIL(n / 2.0 + 1 + $z * SQRT(n) / 2)) THEN gap END) AS high
FROM ranked GROUP BY month ORDER BY month
"""


def gap_month_medians(cur, scope: Scope, months: list[date], z: float) -> pd.DataFrame:
    """month, gaps, median, low, high: the gaps between successive purchase days of a customer
    ending in each of (up to three) calendar months, their median and the order statistics
    bounding its interval at normal quantile `z`; a month without gaps has no row."""
    m = [pd.Timestamp(x) for x in (list(months) + [months[-1]] * 3)[:3]]
    df = fetch_df(cur, GAP_MONTHS_SQL, {**scope.params(), "m_a": m[0], "m_b": m[1],
                                        "m_c": m[2], "z": float(z)})
    df["month"] = pd.to_datetime(df["month"]).dt.date
    return df


def gap_medians(cur, scope: Scope, m1: date, m0: date) -> tuple:
    """(gaps, median) between successive purchase days of a customer for the gaps ending in
    scope, in the month starting m1 and in the month starting m0 (the month before m1): six
    values, counts first."""
    params = {**scope.params(), "m1": pd.Timestamp(m1), "m0": pd.Timestamp(m0),
              "m1_end": pd.Timestamp(shift_period(m1, "month", 1))}
    return tuple(one(cur, GAP_SQL, params))
