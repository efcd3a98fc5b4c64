"""Repeat rows of `python -m cx bench`: the second-purchase table by cohort and the
first-purchase groups in DuckDB next to vectorised pandas twins of the same definitions
(cx/repeat/__init__.py), checked equal, measured in the same run. The twins are also the test
suite's independent check of the SQL on the demo data."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.bench.timing import row, timed
from cx.repeat import metrics
from cx.repeat.queries import BY, WINDOWS
from cx.scope import resolve_scope

__all__ = ["bench_rows", "pandas_first_purchase", "pandas_repeat", "pandas_visits"]

BUDGET_SECONDS = 0.2


def pandas_visits(transactions: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Per customer: first_day, second_day (NaT: none), visits; purchases as cx.sql.purchase."""
    tx = transactions[transactions["customer_id"].notna()
                      & (transactions["ordered_at"] < pd.Timestamp(as_of + timedelta(days=1)))]
    refunded = tx["refunded"].fillna(0) if "refunded" in tx else 0
    tx = tx[(tx["amount"] > 0) | ((tx["amount"] == 0) & (refunded == 0))]
    days = pd.DataFrame({"customer_id": tx["customer_id"].to_numpy(),
                         "day": tx["ordered_at"].dt.normalize().to_numpy()}).drop_duplicates()
    days = days.sort_values(["customer_id", "day"])
    days["visit"] = days.groupby("customer_id").cumcount() + 1
    per = days.groupby("customer_id").agg(first_day=("day", "min"), visits=("visit", "max"))
    per["second_day"] = days[days["visit"] == 2].set_index("customer_id")["day"]
    return per


def pandas_repeat(transactions: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """cx.repeat.metrics.repeat_cohorts(period="month") without a scope start: cohort,
    customers, second_within_N (NaN when immature)."""
    per = pandas_visits(transactions, as_of)
    d = (per["second_day"] - per["first_day"]).dt.days
    cohort = per["first_day"].dt.to_period("M")
    out = pd.DataFrame({"customers": per.groupby(cohort).size()})
    last_day = out.index.to_timestamp(how="end").normalize()
    for n in WINDOWS:
        within = (d <= n).groupby(cohort).sum()
        share = within / out["customers"]
        share[(last_day + pd.Timedelta(days=n)) > pd.Timestamp(as_of)] = np.nan
        out[f"second_within_{n}"] = share
    out.index = out.index.to_timestamp().date
    return out


def pandas_first_purchase(transactions: pd.DataFrame, as_of: date,
                          rate_days: int = metrics.RATE_DAYS,
                          revenue_days: int = metrics.REVENUE_DAYS) -> pd.DataFrame:
    """cx.repeat.metrics.first_purchase(by="category"), its counts without NPS: per group
    customers, rate_customers, repeaters, revenue_customers, revenue."""
    per = pandas_visits(transactions, as_of)
    tx = transactions[transactions["customer_id"].notna()
                      & (transactions["ordered_at"] < pd.Timestamp(as_of + timedelta(days=1)))]
    refunded = tx["refunded"].fillna(0) if "refunded" in tx else 0
    bought = tx[(tx["amount"] > 0) | ((tx["amount"] == 0) & (refunded == 0))]
    first = (bought.sort_values(["ordered_at", "order_id"])
             .drop_duplicates("customer_id").set_index("customer_id"))
    per["grp"] = first["product_category"].reindex(per.index).fillna("unknown")
    day = tx["ordered_at"].dt.normalize()
    start = tx["customer_id"].map(per["first_day"])
    since = (day - start).dt.days
    in_window = (since >= 0) & (since <= revenue_days)
    revenue = tx.loc[in_window, "amount"].groupby(tx.loc[in_window, "customer_id"]).sum()
    age = (pd.Timestamp(as_of) - per["first_day"]).dt.days
    d = (per["second_day"] - per["first_day"]).dt.days
    per["rate_customer"] = age >= rate_days
    per["repeater"] = per["rate_customer"] & (d <= rate_days)
    per["revenue_customer"] = age >= revenue_days
    per["revenue"] = revenue.reindex(per.index).fillna(0).where(per["revenue_customer"])
    return per.groupby("grp").agg(
        customers=("first_day", "size"), rate_customers=("rate_customer", "sum"),
        repeaters=("repeater", "sum"), revenue_customers=("revenue_customer", "sum"),
        revenue=("revenue", "sum"))


def bench_rows(store, data) -> list[dict]:
    """The repeat export's table and the first-purchase groups (by category against pandas,
    then every other grouping) at the data's size."""
    cur = store.cursor()
    try:
        scope = resolve_scope(cur)
        t_sql, table = timed(lambda: metrics.repeat_cohorts(cur, scope, "month"), repeat=5)
        t_pd, twin = timed(lambda: pandas_repeat(data.transactions, scope.as_of), repeat=2)
        got = table.set_index("cohort")[[f"second_within_{n}" for n in WINDOWS]]
        same = np.allclose(got.to_numpy(float), twin.loc[got.index, got.columns].to_numpy(float),
                           equal_nan=True)
        t_first, groups = timed(lambda: metrics.first_purchase(cur, scope, "category"),
                                repeat=5)
        t_first_counts, _ = timed(lambda: metrics.first_purchase(cur, scope, "category",
                                                                 with_nps=False), repeat=5)
        t_first_pd, twin_first = timed(lambda: pandas_first_purchase(
            data.transactions, scope.as_of), repeat=2)
        g = groups.set_index("grp")
        same_first = (np.array_equal(g.loc[twin_first.index, "repeaters"],
                                     twin_first["repeaters"])
                      and np.array_equal(g.loc[twin_first.index, "customers"],
                                         twin_first["customers"]))
        others = [(by, timed(lambda by=by: metrics.first_purchase(cur, scope, by), repeat=3)[0])
                  for by in BY if by != "category"]
        t_days, dist = timed(lambda: metrics.days_to_second(cur, scope), repeat=3)
    finally:
        cur.close()
    rows = [
        row("repeat: second purchase by month cohort (export)", t_sql, t_pd, BUDGET_SECONDS,
            f"{len(table)} cohorts, {int(table['customers'].sum()):,} customers; "
            f"{'equal to' if same else 'DIFFERS from'} pandas"),
        row("repeat: first-purchase groups by category, with NPS", t_first, None,
            BUDGET_SECONDS, f"{len(groups)} groups"),
        row("repeat: first-purchase groups by category, counts", t_first_counts, t_first_pd,
            BUDGET_SECONDS, f"{'equal to' if same_first else 'DIFFERS from'} pandas"),
    ]
    rows += [row(f"repeat: first-purchase groups by {by}, with NPS", t, None, BUDGET_SECONDS)
             for by, t in others]
    rows.append(row("repeat: days to second purchase", t_days, None, None,
                    f"50% by day {dist.p50:.0f}, 80% by day {dist.p80:.0f}" if dist else ""))
    return rows
