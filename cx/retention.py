"""Retention: acquisition cohorts, retention matrices and curves, revenue retention, survival.

Definitions (DESIGN.md), and the choices made where it leaves room:

* A **purchase** is `cx.sql.PURCHASE` by a known customer: an order above 0, or of 0 (a free
  item, a fully discounted order) unless it was refunded in full. Orders without a
  customer_id cannot be followed over time and are left out of every customer metric
  (`orders_without_customer` counts them so the page can say so). Refund rows (negative
  amounts) and fully refunded orders are not purchases, but they count in revenue, which is
  net of refunds.
* **Cohort**: the period (week, month, quarter) of a customer's first purchase up to the analysis
  date. Only customers whose first purchase falls inside the scope (on or after `scope.start`)
  form cohorts; their later activity is followed up to the analysis date `scope.end`.
* **Retention(c, k)**, mode ``on``: share of cohort c with a purchase in period c+k; mode
  ``on_or_after``: a purchase in any period >= c+k (up to the analysis date). Period 0 is 100%.
* Cells after the analysis date's period are not produced (an empty cell, never a zero). The
  period that contains the analysis date is flagged ``in_progress`` unless the analysis date is
  its last day. Averages and curves use complete cells only.
* **Revenue retention(c, k)**: net revenue of cohort c's customers in period c+k divided by their
  period-0 net revenue (NaN when the period-0 revenue is not positive).
* **Survival**: Kaplan-Meier estimate of the time from a customer's first purchase until they go
  inactive, i.e. until `horizon` days pass without a purchase (the churn label of DESIGN.md).
  A customer who comes back after lapsing counts as having lapsed (first lapse only). Customers
  still active at the analysis date are censored there. The 95% band uses Greenwood's variance.

Segments (`SEGMENT_DIMENSIONS`) split every measure by a property of the customer fixed at
acquisition; their values are the raw data values, with these special values:
``unknown`` (no value recorded), ``low`` / ``middle`` / ``high`` (first-order value terciles)
and ``promoter`` / ``passive`` / ``detractor`` / ``none`` (category of the customer's first
survey answer; ``none`` = never answered).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from cx.area import Area, Export
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Basis, Headline, describe_basis
from cx.scope import (
    PERIODS,
    TX_UNTIL_END,
    Scope,
    period_complete,
    period_end,
    period_floor,
    period_label,
    period_start_sql,
    shift_period,
)
from cx.sql import PURCHASE
from cx.store import data_version, fetch_df, one

MODES = ("on", "on_or_after")
DEFAULT_HORIZON = 90
REPEAT_DAYS = 90  # "repeat purchase rate": bought again within this many days of the first day
Z95 = 1.959963984540054

SEGMENT_DIMENSIONS = ("acquisition_channel", "first_order_value", "first_product",
                      "first_channel", "first_nps", "region")
_FIRST_ORDER_DIMENSIONS = {"first_order_value", "first_product", "first_channel"}

_CUSTOMER_ATTRS = """(SELECT customer_id, MAX(acquisition_channel) AS acquisition_channel,
        MAX(region) AS region FROM customers GROUP BY customer_id)"""

# The first survey answer of each customer (matched by customer_id, else through the order).
_FIRST_RESPONSE = """(SELECT customer_id, score FROM (
        SELECT COALESCE(s.customer_id, o.customer_id) AS customer_id, s.score,
               ROW_NUMBER() OVER (PARTITION BY COALESCE(s.customer_id, o.customer_id)
                                  ORDER BY s.responded_at, s.response_id) AS rn
        FROM survey_responses s
        LEFT JOIN (SELECT order_id, MAX(customer_id) AS customer_id FROM transactions
                   WHERE order_id IN (SELECT order_id FROM survey_responses
                                      WHERE customer_id IS NULL AND order_id IS NOT NULL)
                   GROUP BY order_id) o ON o.order_id = s.order_id
        WHERE s.responded_at < $end_excl) r
    WHERE rn = 1 AND customer_id IS NOT NULL)"""

# dimension -> (SQL expression over firsts f and its join, the join); constants only.
_SEGMENT_SQL = {
    None: ("'all'", ""),
    "acquisition_channel": ("COALESCE(ca.acquisition_channel, 'unknown')",
                            f"LEFT JOIN {_CUSTOMER_ATTRS} ca ON ca.customer_id = f.customer_id"),
    "region": ("COALESCE(ca.region, 'unknown')",
               f"LEFT JOIN {_CUSTOMER_ATTRS} ca ON ca.customer_id = f.customer_id"),
    "first_order_value": ("CASE NTILE(3) OVER (ORDER BY f.first_amount, f.customer_id) "
                          "WHEN 1 THEN 'low' WHEN 2 THEN 'middle' ELSE 'high' END", ""),
    "first_product": ("COALESCE(f.first_product, 'unknown')", ""),
    "first_channel": ("COALESCE(f.first_channel, 'unknown')", ""),
    "first_nps": ("CASE WHEN fr.score IS NULL THEN 'none' WHEN fr.score >= 9 THEN 'promoter' "
                  "WHEN fr.score >= 7 THEN 'passive' ELSE 'detractor' END",
                  f"LEFT JOIN {_FIRST_RESPONSE} fr ON fr.customer_id = f.customer_id"),
}

CELL_COLUMNS = ["segment", "cohort", "cohort_label", "k", "customers", "active_on",
                "active_on_or_after", "retention_on", "retention_on_or_after", "revenue",
                "revenue0", "revenue_retention", "in_progress"]


def _check(period: str, segment: str | None = None, mode: str | None = None) -> None:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if segment is not None and segment not in SEGMENT_DIMENSIONS:
        raise ValueError(f"segment must be one of {', '.join(SEGMENT_DIMENSIONS)}, "
                         f"not {segment!r}")
    if mode is not None and mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


def _cohort_ctes(period: str, segment: str | None) -> str:
    """WITH tx (the customer's transactions up to the analysis date), firsts (first purchase of
    customers acquired in scope) and cohort (customer_id, first_at, cohort, segment)."""
    _check(period, segment)
    seg_expr, seg_join = _SEGMENT_SQL[segment]
    if segment in _FIRST_ORDER_DIMENSIONS:
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
    WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}),
{firsts},
cohort AS (
    SELECT f.customer_id, f.first_at, {period_start_sql('f.first_at', period)} AS cohort,
           {period_start_sql('f.last_at', period)} AS last_p, {seg_expr} AS segment
    FROM firsts f {seg_join})"""


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


# -- periods ----------------------------------------------------------------------------------
def _period_index(cohort: pd.Series, p: pd.Series, period: str) -> np.ndarray:
    """Whole periods from cohort to p (both period starts), vectorised."""
    c, q = pd.DatetimeIndex(cohort), pd.DatetimeIndex(p)
    if period == "week":
        return ((q - c).days // 7).to_numpy()
    months = (q.year - c.year) * 12 + (q.month - c.month)
    return np.asarray(months if period == "month" else months // 3)


def _as_date(x) -> date:
    if isinstance(x, datetime):
        return x.date()
    if isinstance(x, pd.Timestamp):
        return x.date()
    return x


# -- the matrix -------------------------------------------------------------------------------
def cells_from_counts(counts: pd.DataFrame, period: str, as_of: date) -> pd.DataFrame:
    """Every observed cell (cohort c, period k with c+k up to the analysis date's period) from the
    aggregated counts of `cells_sql`; cells where nobody bought are 0, later cells are absent."""
    if counts.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CELL_COLUMNS})
    counts = counts.copy()
    counts["cohort"] = pd.to_datetime(counts["cohort"])
    counts["k"] = _period_index(counts["cohort"], pd.to_datetime(counts["p"]), period)
    last = pd.Timestamp(period_floor(as_of, period))
    groups = counts[["segment", "cohort"]].drop_duplicates().sort_values(["segment", "cohort"])
    n_obs = _period_index(groups["cohort"], pd.Series([last] * len(groups)), period) + 1
    grid = groups.loc[groups.index.repeat(n_obs)].reset_index(drop=True)
    grid["k"] = np.concatenate([np.arange(n) for n in n_obs])
    grid["n_obs"] = np.repeat(n_obs, n_obs)
    cells = grid.merge(counts[["segment", "cohort", "k", "active", "last_active", "revenue"]],
                       on=["segment", "cohort", "k"], how="left")
    cells[["active", "last_active"]] = cells[["active", "last_active"]].fillna(0).astype("int64")
    cells["revenue"] = cells["revenue"].fillna(0.0).astype(float)
    cells = cells.sort_values(["segment", "cohort", "k"]).reset_index(drop=True)
    key = [cells["segment"], cells["cohort"]]
    cells["customers"] = cells.groupby(key)["active"].transform("first").astype("int64")
    rev_after = cells["last_active"][::-1].groupby([s[::-1] for s in key]).cumsum()[::-1]
    cells["active_on"] = cells["active"]
    cells["active_on_or_after"] = rev_after.astype("int64")
    cells["retention_on"] = cells["active_on"] / cells["customers"]
    cells["retention_on_or_after"] = cells["active_on_or_after"] / cells["customers"]
    cells["revenue0"] = cells.groupby(key)["revenue"].transform("first")
    cells["revenue_retention"] = (cells["revenue"] / cells["revenue0"]).where(
        cells["revenue0"] > 0)
    complete_now = period_complete(last.date(), period, as_of)
    cells["in_progress"] = (cells["k"] == cells["n_obs"] - 1) & (not complete_now)
    cells["cohort"] = cells["cohort"].dt.date
    cells["cohort_label"] = [period_label(d, period) for d in cells["cohort"]]
    cells["k"] = cells["k"].astype("int64")
    return cells[CELL_COLUMNS]


@kept
def retention_cells(cur, scope: Scope, period: str = "month",
                    segment: str | None = None) -> pd.DataFrame:
    """The retention matrix in long form: one row per observed (segment, cohort, k) cell with
    both modes, counts, net revenue and revenue retention (see the module docstring)."""
    counts = fetch_df(cur, cells_sql(period, segment), scope.params())
    return cells_from_counts(counts, period, scope.as_of)


def average_curve(cells: pd.DataFrame, mode: str = "on") -> pd.DataFrame:
    """The cohort-size-weighted average retention per k and segment, over complete cells only:
    sum of active / sum of cohort sizes of the cohorts observed at k. Also net revenue retention
    (sum of revenue / sum of period-0 revenue, cohorts with positive period-0 revenue)."""
    _check("month", mode=mode)
    cols = ["segment", "k", "cohorts", "customers", "active", "retention", "revenue",
            "revenue0", "revenue_retention"]
    done = cells[~cells["in_progress"].astype(bool)] if not cells.empty else cells
    if done.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    done = done.assign(active=done[f"active_{mode}"],
                       rev=done["revenue"].where(done["revenue0"] > 0, 0.0),
                       rev0=done["revenue0"].where(done["revenue0"] > 0, 0.0))
    out = done.groupby(["segment", "k"], as_index=False).agg(
        cohorts=("cohort", "size"), customers=("customers", "sum"), active=("active", "sum"),
        revenue=("rev", "sum"), revenue0=("rev0", "sum"))
    out["retention"] = out["active"] / out["customers"]
    out["revenue_retention"] = (out["revenue"] / out["revenue0"]).where(out["revenue0"] > 0)
    return out[cols]


def curve_min_customers(total_customers: int) -> int:
    """Curve points backed by fewer customers than this are left out (noise at the tail): 30 with
    500+ customers, 10 with 100+, otherwise every point (a tiny shop still sees its curve)."""
    return 30 if total_customers >= 500 else 10 if total_customers >= 100 else 1


def period_k_series(cells: pd.DataFrame, k: int, mode: str = "on") -> pd.DataFrame:
    """Retention at period k for each successive cohort whose period k is complete
    (is month-1 retention getting better?)."""
    if cells.empty:
        return pd.DataFrame(columns=["cohort", "cohort_label", "customers", "active", "retention"])
    sel = cells[(cells["k"] == k) & ~cells["in_progress"].astype(bool)
                & (cells["segment"] == cells["segment"].iloc[0])]
    return pd.DataFrame({"cohort": sel["cohort"], "cohort_label": sel["cohort_label"],
                         "customers": sel["customers"], "active": sel[f"active_{mode}"],
                         "retention": sel[f"retention_{mode}"]}).reset_index(drop=True)


NULL_CUSTOMER_SQL = f"""
SELECT COUNT(*) FROM transactions WHERE customer_id IS NULL AND {TX_UNTIL_END}
    AND ordered_at >= $start
"""


def orders_without_customer(cur, scope: Scope) -> int:
    """Orders in scope with no customer_id (left out of every customer metric)."""
    return int(one(cur, NULL_CUSTOMER_SQL, scope.params())[0])


AVAILABLE_SQL = f"""
SELECT
    (SELECT COUNT(DISTINCT acquisition_channel) FROM customers) AS acquisition_channel,
    (SELECT COUNT(DISTINCT region) FROM customers) AS region,
    (SELECT COUNT(DISTINCT product_category) FROM transactions WHERE {TX_UNTIL_END}) AS first_product,
    (SELECT COUNT(DISTINCT channel) FROM transactions WHERE {TX_UNTIL_END}) AS first_channel,
    (SELECT COUNT(*) FROM survey_responses WHERE responded_at < $end_excl) AS first_nps,
    (SELECT COUNT(DISTINCT amount) FROM transactions WHERE amount > 0 AND {TX_UNTIL_END}) AS first_order_value
"""


def available_segments(cur, scope: Scope) -> list[str]:
    """The segment dimensions the data can split by (a dimension with at least two values;
    NPS once there are survey answers)."""
    row = one(cur, AVAILABLE_SQL, scope.params())
    counts = dict(zip(["acquisition_channel", "region", "first_product", "first_channel",
                       "first_nps", "first_order_value"], row))
    need = {"first_nps": 1, "first_order_value": 3}
    return [d for d in SEGMENT_DIMENSIONS if (counts[d] or 0) >= need.get(d, 2)]


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
def cohort_customers(cur, scope: Scope, period: str, cohort: date, k: int,
                     mode: str = "on") -> pd.DataFrame:
    """The customers of one cohort, with whether each returned in period k (mode `on`) or in
    period k or later (`on_or_after`), their orders and net revenue in that period and overall.
    Those who returned come first."""
    _check(period, mode=mode)
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
    df = fetch_df(cur, sql, params)
    returned = df["orders_in_period"] > 0 if mode == "on" else df["bought_later"] > 0
    df.insert(1, "returned", returned.astype(bool))
    df = df.drop(columns=["bought_later"])
    for col in ("first_purchase", "last_purchase"):
        df[col] = pd.to_datetime(df[col]).dt.date
    return df.sort_values(["returned", "orders_in_period", "revenue_total", "customer_id"],
                          ascending=[False, False, False, True]).reset_index(drop=True)


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
    _check("month", segment)
    if segment not in _FIRST_ORDER_DIMENSIONS:
        # a property of the customer, not of their first order: joined straight onto the lapse
        # rows (the cohort CTEs would read every transaction a second time)
        expr, join = (x.replace("f.customer_id", "l.customer_id") for x in _SEGMENT_SQL[segment])
        return "WITH " + _DAYS_CTE + ",\n" + _LAPSE_CTES.format(segment=expr, join=join)
    return (_cohort_ctes("month", segment) + ",\n" + _DAYS_CTE + ",\n"
            + _LAPSE_CTES.format(segment="c.segment",
                                 join="JOIN cohort c ON c.customer_id = l.customer_id"))


def kaplan_meier(t, event, n=None, z: float = Z95) -> pd.DataFrame:
    """Kaplan-Meier survival with Greenwood's 95% band from (time, event, count) rows.

    Returns one row at t=0 (S=1), one per event time (at_risk = still under observation just
    before t, events = lapses at t) and, when the last observation is censored after the last
    event, a final row there so the curve runs to the end of follow-up. Censored at the same
    time as events are still at risk at that time."""
    t = np.asarray(t, dtype=float)
    event = np.asarray(event).astype(bool)
    n = np.ones_like(t) if n is None else np.asarray(n, dtype=float)
    cols = ["t", "at_risk", "events", "survival", "lower", "upper"]
    if t.size == 0 or n.sum() == 0:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    times, inv = np.unique(t, return_inverse=True)
    total = np.bincount(inv, weights=n)
    deaths = np.bincount(inv, weights=n * event)
    at_risk = n.sum() - np.concatenate(([0.0], np.cumsum(total)[:-1]))
    sel = deaths > 0
    et, d, r = times[sel], deaths[sel], at_risk[sel]
    s = np.cumprod(1.0 - d / r)
    with np.errstate(divide="ignore", invalid="ignore"):
        gw = np.cumsum(np.where(r > d, d / (r * (r - d)), np.inf))
        se = s * np.sqrt(gw)
    se = np.where(s > 0, se, 0.0)
    lower = np.clip(s - z * se, 0.0, 1.0)
    upper = np.clip(s + z * se, 0.0, 1.0)
    out = pd.DataFrame({"t": np.concatenate(([0.0], et)),
                        "at_risk": np.concatenate(([n.sum()], r)),
                        "events": np.concatenate(([0.0], d)),
                        "survival": np.concatenate(([1.0], s)),
                        "lower": np.concatenate(([1.0], lower)),
                        "upper": np.concatenate(([1.0], upper))})
    t_max = times[-1]
    if t_max > out["t"].iloc[-1]:
        last = out.iloc[-1]
        out.loc[len(out)] = [t_max, at_risk[-1], 0.0, last["survival"], last["lower"],
                             last["upper"]]
    return out


def median_time(curve: pd.DataFrame) -> float | None:
    """The first time at which survival is at or below 50%, or None if it never gets there."""
    hit = curve[curve["survival"] <= 0.5]
    return float(hit["t"].iloc[0]) if len(hit) else None


@dataclass(frozen=True)
class Survival:
    curves: pd.DataFrame  # segment, t, at_risk, events, survival, lower, upper
    medians: pd.DataFrame  # segment, customers, lapsed, median_days (NaN: not reached)
    horizon: int


def survival(cur, scope: Scope, horizon: int = DEFAULT_HORIZON,
             segment: str | None = None) -> Survival:
    """Kaplan-Meier curves of time until inactive, overall ('all') and by segment."""
    horizon = int(horizon)
    if horizon < 1:
        raise ValueError("horizon must be at least one day")
    params = {**scope.params(), "horizon": horizon, "as_of": scope.as_of}
    counts = fetch_df(cur, survival_sql(segment), params)
    parts = [("all", counts)]
    if segment is not None:
        parts += [(s, g) for s, g in counts.groupby("segment", sort=True)]
    curves, medians = [], []
    for name, g in parts:
        curve = kaplan_meier(g["t"], g["event"], g["n"])
        if curve.empty:
            continue
        curves.append(curve.assign(segment=name))
        m = median_time(curve)
        medians.append({"segment": name, "customers": int(g["n"].sum()),
                        "lapsed": int(g.loc[g["event"] == 1, "n"].sum()),
                        "median_days": np.nan if m is None else m})
    curve_cols = ["segment", "t", "at_risk", "events", "survival", "lower", "upper"]
    curves_df = (pd.concat(curves, ignore_index=True)[curve_cols] if curves
                 else pd.DataFrame(columns=curve_cols))
    med_df = pd.DataFrame(medians, columns=["segment", "customers", "lapsed", "median_days"])
    return Survival(curves_df, med_df, horizon)


# -- key numbers ------------------------------------------------------------------------------
REPEAT_SQL = f"""
WITH buys AS (
    SELECT customer_id, CAST(ordered_at AS DATE) AS day FROM transactions
    WHERE customer_id IS NOT NULL AND {PURCHASE} AND {TX_UNTIL_END}),
firsts AS (SELECT customer_id, MIN(day) AS first_day FROM buys GROUP BY customer_id),
seconds AS (
    SELECT b.customer_id, MIN(b.day) AS second_day
    FROM buys b JOIN firsts f ON f.customer_id = b.customer_id
    WHERE b.day > f.first_day GROUP BY b.customer_id)
SELECT {period_start_sql('f.first_day', 'month')} AS cohort, COUNT(*) AS customers,
       SUM(CASE WHEN date_diff('day', f.first_day, s.second_day) <= $repeat_days THEN 1 ELSE 0 END)
           AS repeaters
FROM firsts f LEFT JOIN seconds s ON s.customer_id = f.customer_id
WHERE f.first_day >= $start
GROUP BY {period_start_sql('f.first_day', 'month')} ORDER BY cohort
"""

# Gaps ending in scope, and (for the change) those ending in the last complete calendar month
# and the month before it, whatever the scope's start. One window pass for all three.
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


def repeat_by_cohort(cur, scope: Scope, days: int = REPEAT_DAYS) -> pd.DataFrame:
    """Per month cohort: customers and repeaters (bought again, on another day, within `days` of
    their first purchase day), without a window function (cheap for the overview)."""
    df = fetch_df(cur, REPEAT_SQL, {**scope.params(), "repeat_days": int(days)})
    df["cohort"] = pd.to_datetime(df["cohort"]).dt.date
    for col in ("customers", "repeaters"):
        df[col] = df[col].astype("int64")
    return df


def last_full_month(as_of: date) -> date:
    """First day of the latest calendar month that is over on the analysis date."""
    this = as_of.replace(day=1)
    return this if period_end(this, "month") <= as_of else shift_period(this, "month", -1)


def gap_numbers(cur, scope: Scope) -> tuple[float | None, int, Measure]:
    """Median days between successive purchase days of the same customer (gaps ending in scope)
    and how many gaps there were; and, as a Measure, the median of the gaps ending in the last
    complete calendar month against the month before (`customers` holds that month's gaps)."""
    m1 = last_full_month(scope.as_of)
    m0 = shift_period(m1, "month", -1)
    params = {**scope.params(), "m1": pd.Timestamp(m1), "m0": pd.Timestamp(m0),
              "m1_end": pd.Timestamp(shift_period(m1, "month", 1))}
    row = one(cur, GAP_SQL, params)
    n, n1, n0 = (int(x or 0) for x in (row[0], row[2], row[4]))
    # a month's median counts only when it rests on MIN_SAMPLE gaps (so the change compares
    # like with like)
    month = Measure(float(row[3]), float(row[5]) if n0 >= MIN_SAMPLE else None, m1, m0, n1,
                    previous_customers=n0) if n1 >= MIN_SAMPLE else Measure()
    return (float(row[1]) if n else None), n, month


def median_gap_days(cur, scope: Scope) -> tuple[float | None, int]:
    """Median days between successive purchase days of the same customer (gaps ending in scope),
    and how many gaps there were."""
    median, n, _ = gap_numbers(cur, scope)
    return median, n


@dataclass(frozen=True)
class Measure:
    """A cohort measure for the latest month cohort where it is complete and that rests on at
    least MIN_SAMPLE customers (else the latest cohorts pooled until they reach it: `first_cohort`
    to `cohort`), against the one before it chosen the same way (like with like)."""
    value: float | None = None
    previous: float | None = None
    cohort: date | None = None  # the last cohort of the sample
    previous_cohort: date | None = None
    customers: int = 0
    trend: tuple[float, ...] = field(default_factory=tuple)  # the last 12 samples, oldest first
    previous_customers: int = 0
    first_cohort: date | None = None  # the first cohort of the sample (== cohort unless pooled)
    previous_first_cohort: date | None = None
    active: int = 0
    previous_active: int = 0
    thin: int = 0  # no value: customers in complete cohorts, fewer than MIN_SAMPLE

    def basis(self) -> Basis | None:
        if self.value is None:
            return None
        return Basis("cohort", self.customers, self.first_cohort, self.cohort)

    def previous_basis(self) -> Basis | None:
        if self.previous is None:
            return None
        return Basis("cohort", self.previous_customers, self.previous_first_cohort,
                     self.previous_cohort)


def sample_groups(cohorts: list, actives: list, sizes: list,
                  minimum: int | None = None) -> list[tuple]:
    """(first cohort, last cohort, active, customers) samples that each rest on at least
    `minimum` customers, oldest first, from complete cohorts (oldest first). When some cohort
    reaches the minimum on its own, the samples are those cohorts (thinner ones are left out: a
    2-customer cohort never makes a headline); otherwise consecutive cohorts are pooled from
    the latest back until each pool reaches it (what is left over at the start is dropped)."""
    minimum = MIN_SAMPLE if minimum is None else minimum
    rows = [(c, int(a), int(n)) for c, a, n in zip(cohorts, actives, sizes)]
    if any(n >= minimum for _, _, n in rows):
        return [(c, c, a, n) for c, a, n in rows if n >= minimum]
    groups, pool = [], []
    for c, a, n in reversed(rows):
        pool.append((c, a, n))
        if sum(x[2] for x in pool) >= minimum:
            groups.append((pool[-1][0], pool[0][0], sum(x[1] for x in pool),
                           sum(x[2] for x in pool)))
            pool = []
    return groups[::-1]


def _measure(cohorts: list, actives: list, sizes: list, trend_len: int = 12) -> Measure:
    groups = sample_groups(cohorts, actives, sizes)
    if not groups:
        return Measure(thin=int(sum(sizes)))
    first, last, active, n = groups[-1]
    prev = groups[-2] if len(groups) >= 2 else None
    return Measure(active / n, prev[2] / prev[3] if prev else None, last,
                   prev[1] if prev else None, n,
                   tuple(g[2] / g[3] for g in groups[-trend_len:]),
                   prev[3] if prev else 0, first, prev[0] if prev else None, active,
                   prev[2] if prev else 0)


@dataclass(frozen=True)
class KeyNumbers:
    repeat: Measure
    month1: Measure
    month3: Measure
    median_gap: float | None
    gaps: int
    customers: int  # customers acquired in scope
    gap_change: Measure = field(default_factory=Measure)  # last full month vs the one before


@kept
def key_numbers(cur, scope: Scope, with_gap: bool = True) -> KeyNumbers:
    """Repeat purchase rate (within REPEAT_DAYS), month-1 and month-3 retention (mode on) of the
    latest month cohort where each is complete, against the cohort before; the median purchase
    gap unless `with_gap` is False (the overview's headline skips it: it needs a window sort)."""
    cohorts = repeat_by_cohort(cur, scope)
    done = cohorts[[period_end(c, "month") + timedelta(days=REPEAT_DAYS) <= scope.as_of
                    for c in cohorts["cohort"]]] if len(cohorts) else cohorts
    repeat = _measure(list(done["cohort"]), list(done["repeaters"]),
                      list(done["customers"])) if len(done) else Measure()
    cells = shared_cells(cur, scope, "month")  # the page shows the same matrix: one query
    ms = []
    for k in (1, 3):
        s = period_k_series(cells, k)
        ms.append(_measure(list(s["cohort"]), list(s["active"]), list(s["customers"])))
    gap, n_gaps, change = gap_numbers(cur, scope) if with_gap else (None, 0, Measure())
    customers = int(cohorts["customers"].sum()) if len(cohorts) else 0
    return KeyNumbers(repeat, ms[0], ms[1], gap, n_gaps, customers, change)


def latest_possible_cohort(as_of: date, measure: str) -> date:
    """The last day of the latest month whose cohort can have `measure` ('repeat', 'month1',
    'month3') complete on the analysis date: what a customer's first purchase must precede."""
    if measure == "repeat":
        month = last_full_month(as_of - timedelta(days=REPEAT_DAYS))
    else:
        month = shift_period(last_full_month(as_of), "month", -int(measure[len("month"):]))
    return period_end(month, "month")


def count_text(key: str, lang: str, count, /, **values) -> str:
    """The string `key` for a count: `key.one` when the count is exactly 1 and that key exists
    (English singular; Japanese has no plural, so its `.one` text reads like the plain one)."""
    from cx import i18n

    one_key = f"{key}.one"
    return i18n.t(one_key if count == 1 and i18n.has(one_key) else key, lang, **values)


def missing_notes(kn: KeyNumbers, scope: Scope, lang: str = "en") -> list[str]:
    """One short sentence per key number shown as '–': what data it still needs."""
    from cx import i18n

    notes = []
    for m, name in ((kn.repeat, "repeat"), (kn.month1, "month1"), (kn.month3, "month3")):
        if m.value is not None:
            continue
        label = i18n.t(f"retention.kpi.{name}", lang)
        if m.thin:
            notes.append(count_text("retention.kpi.missing.thin", lang, m.thin, what=label,
                                    n=i18n.fmt_int(m.thin, lang), min=MIN_SAMPLE))
            continue
        when = i18n.fmt_date(latest_possible_cohort(scope.as_of, name), lang)
        if name == "repeat":
            notes.append(i18n.t("retention.kpi.missing.repeat", lang, date=when))
        else:
            notes.append(i18n.t("retention.kpi.missing.month", lang, k=name[-1], date=when))
    if kn.median_gap is None:
        notes.append(i18n.t("retention.kpi.missing.gap", lang))
    return notes


@kept
def headline(cur, scope: Scope) -> list[Headline]:
    """For the overview: repeat purchase rate and month-1 retention, latest complete month cohort
    against the one before, with the last 12 cohorts as trend."""
    kn = key_numbers(cur, scope, with_gap=False)
    page = "views/retention.py"
    if kn.customers == 0:
        from cx.available import available

        avail = available(cur)
        if not avail.customer_ids:  # no orders, or guest orders only: no customer to follow
            absent = "customer_ids" if avail.orders else "orders"
            return [Headline(key, None, kind="absent", page=page, absent=absent)
                    for key in ("retention.kpi.repeat", "retention.kpi.month1")]
    return [Headline(key, m.value, m.previous, "pct", page, m.trend, basis=m.basis(),
                     previous_basis=m.previous_basis(), thin=m.thin or None)
            for key, m in (("retention.kpi.repeat", kn.repeat),
                           ("retention.kpi.month1", kn.month1))]


# -- export -----------------------------------------------------------------------------------
def _segment_arg(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    dim, _, value = text.partition("=")
    dim = dim.strip()
    if dim not in SEGMENT_DIMENSIONS:
        raise ValueError(f"--segment must be one of {', '.join(SEGMENT_DIMENSIONS)} "
                         f"(optionally DIMENSION=VALUE), not {text!r}")
    if _ and not value.strip():
        raise ValueError(f"--segment {dim}= needs a value after '=' (e.g. {dim}=VALUE).")
    return dim, (value.strip() if _ else None)


def export_retention(cur, args) -> pd.DataFrame:
    """`python -m cx export retention`: every observed cell, in-progress ones flagged.

    Columns cohort (YYYY-MM / YYYY-Www / YYYY-Qn), period (k, periods since the first purchase),
    customers (cohort size), active, retention (0..1), in_progress. Options: --period
    week|month|quarter, --mode on|on_or_after, --start/--end (cohorts acquired from start; end =
    analysis date, also --as-of), --currency, and --segment:
      * ``--segment DIMENSION`` (one of SEGMENT_DIMENSIONS, e.g. acquisition_channel) adds a
        first column ``segment`` holding the raw segment value (channel names as in the data;
        unknown, low/middle/high, promoter/passive/detractor/none as in the module docstring);
      * ``--segment DIMENSION=VALUE`` keeps only that segment's customers, with the six columns.
    """
    from cx.scope import resolve_scope

    period = getattr(args, "period", None) or "month"
    mode = getattr(args, "mode", None) or "on"
    _check(period, mode=mode)
    dim, value = _segment_arg(getattr(args, "segment", None))
    end = getattr(args, "as_of", None) or getattr(args, "end", None)
    scope = resolve_scope(cur, Scope(getattr(args, "start", None), end,
                                     getattr(args, "currency", None)))
    cells = retention_cells(cur, scope, period, dim)
    if value is not None:
        cells = cells[cells["segment"] == value]
    out = export_frame(cells, mode)
    if dim is None or value is not None:
        out = out.drop(columns=["segment"])
    return out


def export_frame(cells: pd.DataFrame, mode: str = "on") -> pd.DataFrame:
    """The export's columns (with a leading segment column) from retention_cells; the page's
    matrix download uses it too, so the page and the CLI give the same numbers."""
    _check("month", mode=mode)
    out = pd.DataFrame({
        "segment": cells["segment"], "cohort": cells["cohort_label"],
        "period": cells["k"].astype("int64"), "customers": cells["customers"].astype("int64"),
        "active": cells[f"active_{mode}"].astype("int64"),
        "retention": cells[f"retention_{mode}"].astype(float).round(6),
        "in_progress": cells["in_progress"].astype(bool)})
    return out.reset_index(drop=True)


# -- benchmark --------------------------------------------------------------------------------
def _floor_series(ts: pd.Series, period: str) -> pd.Series:
    if period == "month":
        return ts.values.astype("datetime64[M]").astype("datetime64[ns]")
    if period == "week":
        d = ts.dt.normalize()
        return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).to_numpy()
    return ts.dt.to_period("Q").dt.start_time.to_numpy()


def pandas_counts(transactions: pd.DataFrame, period: str, as_of: date,
                  start: date | None = None, refund_batches=frozenset()) -> pd.DataFrame:
    """`cells_sql` (no segment) in vectorised pandas: the bench's comparison and a test oracle
    (a purchase as cx.sql.purchase: above 0, or 0 with nothing refunded)."""
    tx = transactions[transactions["customer_id"].notna()
                      & (transactions["ordered_at"] < pd.Timestamp(as_of + timedelta(days=1)))]
    refunded = tx["refunded"].fillna(0) if "refunded" in tx else pd.Series(0.0, index=tx.index)
    bought = (tx["amount"] > 0) | ((tx["amount"] == 0) & (refunded == 0))
    tx = tx[["customer_id", "ordered_at", "amount"]].assign(bought=bought)
    first = tx.loc[tx["bought"]].groupby("customer_id")["ordered_at"].min()
    if start is not None:
        first = first[first >= pd.Timestamp(start)]
    cohort = pd.Series(_floor_series(first, period), index=first.index, name="cohort")
    tx = tx[tx["customer_id"].isin(cohort.index)]
    per = pd.DataFrame({"customer_id": tx["customer_id"].to_numpy(),
                        "p": _floor_series(tx["ordered_at"], period),
                        "bought": tx["bought"].to_numpy().astype("int64"),
                        "revenue": tx["amount"].to_numpy()})
    per = per.groupby(["customer_id", "p"], as_index=False).agg(bought=("bought", "max"),
                                                                revenue=("revenue", "sum"))
    per["cohort"] = per["customer_id"].map(cohort)
    per = per[per["p"] >= per["cohort"]]
    last_p = per.loc[per["bought"] == 1].groupby("customer_id")["p"].max()
    per["last_active"] = ((per["bought"] == 1)
                          & (per["p"] == per["customer_id"].map(last_p))).astype("int64")
    out = per.groupby(["cohort", "p"], as_index=False).agg(
        active=("bought", "sum"), last_active=("last_active", "sum"), revenue=("revenue", "sum"))
    out.insert(0, "segment", "all")
    return out


def bench_rows(store, data) -> list[dict]:
    """Retention rows of `python -m cx bench`: the monthly and weekly matrices in DuckDB next to
    vectorised pandas (checked equal), key numbers and survival."""
    from cx.bench import row, timed
    from cx.scope import resolve_scope

    cur = store.cursor()
    try:
        scope = resolve_scope(cur)
        rows = []
        for period in ("month", "week"):
            t_sql, cells = timed(lambda: retention_cells(cur, scope, period), 3)
            t_pd, pcounts = timed(lambda: cells_from_counts(
                pandas_counts(data.transactions, period, scope.as_of), period, scope.as_of), 3)
            cols = ["customers", "active_on", "active_on_or_after"]
            same = (len(cells) == len(pcounts)
                    and (cells[cols].to_numpy() == pcounts[cols].to_numpy()).all()
                    and np.allclose(cells["revenue"], pcounts["revenue"], atol=0.01))
            rows.append(row(f"retention matrix {period} (on + on-or-after + revenue)", t_sql,
                            t_pd, 0.2, f"{len(cells):,} cells; same numbers as pandas: "
                            f"{'yes' if same else 'NO'}"))
        t_seg, seg = timed(lambda: retention_cells(cur, scope, "month", "acquisition_channel"), 3)
        rows.append(row("retention matrix month by acquisition channel", t_seg, None, 0.2,
                        f"{seg['segment'].nunique()} segments"))
        t_km, surv = timed(lambda: survival(cur, scope, DEFAULT_HORIZON, "acquisition_channel"), 3)
        rows.append(row("survival (Kaplan-Meier, 90 days, by channel)", t_km, None, 0.2,
                        f"median {surv.medians.iloc[0]['median_days']:.0f} days"))
        t_head, _ = timed(lambda: headline(cur, scope), 3)
        rows.append(row("retention headline (repeat rate, month-1)", t_head, None, 0.2))
        t_gap, _ = timed(lambda: median_gap_days(cur, scope), 3)
        rows.append(row("median days between purchases", t_gap, None, 0.2))
    finally:
        cur.close()
    return rows


# -- the page's figures -----------------------------------------------------------------------
# Building a plotly figure costs more than the query behind it, so the page caches figures (via
# ui.cached, keyed on the data version and these arguments). The data behind them is memoised
# here for the same data version, so a new figure of already-loaded cells runs no query again.
_MEMO: "OrderedDict[tuple, object]" = OrderedDict()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 12


def _memo(fn, cur, *args):
    """fn(cur, *args), remembered per (data version, fn, args); the result is shared: read only."""
    key = (fn.__name__, data_version(cur), args)
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    value = fn(cur, *args)
    with _MEMO_LOCK:
        _MEMO[key] = value
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return value


HEATMAP_WINDOW = {"week": 52, "month": 48, "quarter": 40}  # rows and columns a heatmap shows


def shared_cells(cur, scope: Scope, period: str, segment: str | None = None) -> pd.DataFrame:
    """retention_cells, remembered for the page's figures (read only)."""
    return _memo(retention_cells, cur, scope, period, segment)


def shared_survival(cur, scope: Scope, horizon: int, segment: str | None = None) -> Survival:
    """survival, remembered for the page's figures (read only)."""
    return _memo(survival, cur, scope, int(horizon), segment)


def heatmap_window_info(cur, scope: Scope, period: str) -> dict:
    """What the page's heatmaps leave out: total and shown cohorts, last period shown."""
    from cx import charts

    cells = shared_cells(cur, scope, period)
    return charts.heatmap_window(cells, HEATMAP_WINDOW[period], HEATMAP_WINDOW[period])[1]


def cohort_heatmap_figure(cur, scope: Scope, period: str, mode: str, show: str, lang: str,
                          presenter: bool):
    """The page's cohort heatmap (latest HEATMAP_WINDOW cohorts, weighted row over all)."""
    from cx import charts

    cells = shared_cells(cur, scope, period)
    window, _ = charts.heatmap_window(cells, HEATMAP_WINDOW[period], HEATMAP_WINDOW[period])
    return charts.cohort_heatmap(window, average_curve(cells, mode), period, mode, show, lang,
                                 presenter)


def revenue_heatmap_figure(cur, scope: Scope, period: str, lang: str, currency: str | None,
                           presenter: bool):
    """The page's revenue retention heatmap (same window as the cohort heatmap)."""
    from cx import charts

    cells = shared_cells(cur, scope, period)
    window, _ = charts.heatmap_window(cells, HEATMAP_WINDOW[period], HEATMAP_WINDOW[period])
    return charts.revenue_heatmap(window, average_curve(cells, "on"), period, lang, currency,
                                  presenter)


def survival_figure(cur, scope: Scope, horizon: int, segment: str | None, lang: str,
                    presenter: bool):
    """The page's Kaplan-Meier chart."""
    from cx import charts

    return charts.survival_chart(shared_survival(cur, scope, horizon, segment).curves, lang,
                                 presenter)


# -- meeting report ---------------------------------------------------------------------------
def report_section(cur, scope: Scope, lang: str, presenter: bool):
    """The retention part of the HTML meeting report: key numbers in sentences, the monthly
    cohort heatmap of the latest 12 cohorts and the time-until-inactive curve."""
    from cx import charts, i18n
    from cx.area import ReportSection

    def t(key, **kw):
        return i18n.t(key, lang, **kw)

    section = ReportSection(t("retention.title"))
    kn = key_numbers(cur, scope)
    if kn.customers == 0:
        section.sentences.append(t("retention.no_cohorts"))
        return section
    for m, key in ((kn.month1, "retention.report.month1"), (kn.repeat, "retention.report.repeat")):
        if m.value is None:
            continue
        change = (t("retention.report.change", x=f"{(m.value - m.previous) * 100:+.1f}",
                    previous=describe_basis(m.previous_basis(), lang))
                  if m.previous is not None else "")
        section.sentences.append(t(key, cohort=describe_basis(m.basis(), lang),
                                   pct=i18n.fmt_pct(m.value, lang), change=change))
    surv = survival(cur, scope, DEFAULT_HORIZON)
    med = surv.medians["median_days"].iloc[0] if len(surv.medians) else np.nan
    section.sentences.append(
        t("retention.survival.median", h=DEFAULT_HORIZON, days=i18n.fmt_int(med))
        if pd.notna(med) else t("retention.survival.no_median"))
    cells = retention_cells(cur, scope, "month")
    window, _ = charts.heatmap_window(cells, 12, 13)
    section.figures.append(charts.cohort_heatmap(window, average_curve(cells), "month", "on",
                                                 "pct", lang, presenter))
    section.figures.append(charts.survival_chart(surv.curves, lang, presenter))
    return section


def _opening(cur, scope: Scope) -> None:
    """The calls the retention page opens with (its default widgets)."""
    key_numbers(cur, scope)
    retention_cells(cur, scope, "month", None)


AREA = Area(
    name="retention", page="views/retention.py", headline=headline,
    report_section=report_section, opening=_opening,
    exports=(Export("retention", export_retention,
                    "cohort retention: one row per cohort and period since the first purchase"),))
