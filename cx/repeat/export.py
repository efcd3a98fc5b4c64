"""`python -m cx export repeat` (second purchase by cohort) and `python -m cx export
first-purchase` (groups by what the first order was)."""
from __future__ import annotations

import pandas as pd

from cx.area import ExportArgs
from cx.repeat.metrics import RATE_DAYS, REVENUE_DAYS, first_purchase, repeat_cohorts
from cx.repeat.queries import WINDOWS, check
from cx.scope import resolve_scope

__all__ = ["FIRST_PURCHASE_COLUMNS", "REPEAT_COLUMNS", "first_purchase_frame", "repeat_frame",
           "run_first_purchase", "run_repeat"]

REPEAT_COLUMNS = ["cohort", "customers", *(f"second_within_{d}" for d in WINDOWS),
                  "median_days_to_second"]
FIRST_PURCHASE_COLUMNS = [
    "group", "customers", "rate_days", "rate_customers", "second_purchase_rate", "rate_low",
    "rate_high", "revenue_days", "revenue_customers", "revenue_per_customer", "revenue_low",
    "revenue_high", "responses", "nps", "nps_low", "nps_high", "thin"]


def repeat_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The export's columns from cx.repeat.metrics.repeat_cohorts (the page's download too):
    shares as fractions, empty (NaN) where the cohort is not mature for the window."""
    out = table.rename(columns={"cohort": "cohort_start", "cohort_label": "cohort"})
    out = out[REPEAT_COLUMNS].copy()
    out["customers"] = out["customers"].astype("int64")
    for d in WINDOWS:
        out[f"second_within_{d}"] = out[f"second_within_{d}"].round(6)
    return out.reset_index(drop=True)


def run_repeat(cur, args: ExportArgs) -> pd.DataFrame:
    """One row per acquisition cohort (--period week|month|quarter, default month): customers,
    the share whose second purchase came within 30, 60, 90, 180 and 365 days of the first
    (empty until every customer of the cohort has had that many days before the analysis date)
    and the median days to a second purchase (of those within 365 days; empty until mature)."""
    check(period=args.period)
    scope = resolve_scope(cur, args.scope)
    return repeat_frame(repeat_cohorts(cur, scope, args.period))


def first_purchase_frame(table: pd.DataFrame, rate_days: int, revenue_days: int) -> pd.DataFrame:
    """The export's columns from cx.repeat.metrics.first_purchase."""
    out = table.rename(columns={"grp": "group", "rate": "second_purchase_rate"}).copy()
    out["rate_days"], out["revenue_days"] = rate_days, revenue_days
    out["thin"] = out["rate_thin"]
    for col in ("second_purchase_rate", "rate_low", "rate_high"):
        out[col] = out[col].round(6)
    for col in ("revenue_per_customer", "revenue_low", "revenue_high", "nps", "nps_low",
                "nps_high"):
        out[col] = out[col].round(2)
    return out[FIRST_PURCHASE_COLUMNS].reset_index(drop=True)


def run_first_purchase(cur, args: ExportArgs) -> pd.DataFrame:
    """One row per group of customers by their first order (--by category|discount|channel|
    value|referred, default category): customers; second-purchase rate within 90 days (of the
    customers observed 90 days) with its 95% interval; revenue per customer in the first 365
    days (--horizon DAYS to change; of the customers observed that long) with its 95% interval;
    NPS of the group's survey answers with its interval; thin = fewer than 30 customers behind
    the rate."""
    by = (args.by or "category").strip().lower()
    check(by=by)
    if args.horizon is not None and args.horizon <= 0:
        raise ValueError(f"--horizon must be a positive number of days, not {args.horizon}.")
    revenue_days = args.horizon or REVENUE_DAYS
    scope = resolve_scope(cur, args.scope)
    table = first_purchase(cur, scope, by, RATE_DAYS, revenue_days)
    return first_purchase_frame(table, RATE_DAYS, revenue_days)


