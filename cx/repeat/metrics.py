"""The repeat numbers: second purchase by cohort and window, the order funnel, the days to a
second purchase, and first-purchase groups. Definitions in cx/repeat/__init__.py."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.available import available
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.repeat import queries
from cx.repeat.queries import WINDOWS
from cx.retention.metrics import cohort_headline, sample_groups
from cx.scope import Scope, period_end, period_floor, period_label, shift_period, year_earlier
from cx.stats import (
    Z95,
    difference_interval,
    median_se,
    nps_columns,
    proportion_se,
    quantile_ranks,
    wilson_interval,
)

__all__ = ["FUNNEL_STEPS", "MEDIAN_WINDOW", "PAGE_SCRIPT", "RATE_DAYS", "REVENUE_DAYS",
           "DaysToSecond", "Standout", "cohort_table", "day_headlines", "day_headlines_of", "day_quantile", "days_to_second", "first_purchase",
           "first_purchase_table", "funnel", "funnel_table", "headline", "mature", "once_headline", "pooled_windows",
           "repeat_cohorts", "standout_group", "visit_counts"]

PAGE_SCRIPT = "views/repeat.py"
FUNNEL_STEPS = (1, 2, 3, 4)  # first, second, third, fourth purchase (visit)
MEDIAN_WINDOW = max(WINDOWS)  # the median day to a second purchase: of those within a year
RATE_DAYS = 90  # the first-purchase groups' second-purchase rate: within this many days
REVENUE_DAYS = 365  # ... and their revenue: in the first this many days


def mature(cohort: date, period: str, days: int, as_of: date) -> bool:
    """Every customer of the cohort has had `days` days since their first purchase: the last day
    of the cohort's period plus `days` is on or before the analysis date."""
    return period_end(cohort, period) + timedelta(days=days) <= as_of


def day_quantile(days, counts, q: float) -> float:
    """The day by which a share `q` of the second purchases had happened: the smallest day d
    whose cumulative count reaches q of the total (NaN when there are none)."""
    d, n = np.asarray(days, dtype=float), np.asarray(counts, dtype=float)
    if not len(d) or n.sum() <= 0:
        return math.nan
    order = np.argsort(d, kind="stable")
    d, n = d[order], n[order]
    reached = np.cumsum(n) >= q * n.sum() - 1e-9
    return float(d[int(np.argmax(reached))])


@kept
def visit_counts(cur, scope: Scope, period: str) -> pd.DataFrame:
    """cohort, d, visits, n (cx.repeat.queries.visit_counts), kept per data version."""
    return queries.visit_counts(cur, scope, period)


def cohort_table(counts: pd.DataFrame, period: str, as_of: date) -> pd.DataFrame:
    """One row per cohort: cohort (date), cohort_label, customers, then for each window N
    `second_within_N` (share of the cohort whose second purchase came within N days of the
    first; NaN until the cohort is mature for N) and `seconds_within_N` (their count, <NA> when
    immature), and `median_days_to_second` (cx.repeat.metrics.day_quantile 0.5 of the second
    purchases within MEDIAN_WINDOW days; NaN until the cohort is mature for it)."""
    rows = []
    for cohort, g in counts.groupby("cohort", sort=True):
        customers = int(g["n"].sum())
        row = {"cohort": cohort, "cohort_label": period_label(cohort, period),
               "customers": customers}
        for days in WINDOWS:
            within = int(g.loc[g["d"] <= days, "n"].sum())
            ok = mature(cohort, period, days, as_of)
            row[f"seconds_within_{days}"] = within if ok else pd.NA
            row[f"second_within_{days}"] = within / customers if ok and customers else math.nan
        seconds = g[g["d"] <= MEDIAN_WINDOW]
        row["median_days_to_second"] = (
            day_quantile(seconds["d"], seconds["n"], 0.5)
            if mature(cohort, period, MEDIAN_WINDOW, as_of) else math.nan)
        rows.append(row)
    columns = ["cohort", "cohort_label", "customers",
               *(f"second_within_{d}" for d in WINDOWS),
               *(f"seconds_within_{d}" for d in WINDOWS), "median_days_to_second"]
    out = pd.DataFrame(rows, columns=columns)
    for days in WINDOWS:
        out[f"seconds_within_{days}"] = out[f"seconds_within_{days}"].astype("Int64")
        out[f"second_within_{days}"] = out[f"second_within_{days}"].astype(float)
    out["median_days_to_second"] = out["median_days_to_second"].astype(float)
    return out


def pooled_windows(table: pd.DataFrame) -> dict[int, tuple[int, int]]:
    """Per window: (second purchases within it, customers) over the cohorts mature for it."""
    out = {}
    for days in WINDOWS:
        ok = table[f"seconds_within_{days}"].notna()
        out[days] = (int(table.loc[ok, f"seconds_within_{days}"].sum()),
                     int(table.loc[ok, "customers"].sum()))
    return out


@kept
def repeat_cohorts(cur, scope: Scope, period: str = "month") -> pd.DataFrame:
    """cohort_table of the customers acquired in scope, by `period` cohort."""
    return cohort_table(visit_counts(cur, scope, period), period, scope.as_of)


def funnel_table(counts: pd.DataFrame, period: str) -> pd.DataFrame:
    """The funnel first -> second -> third -> fourth purchase (distinct purchase days), overall
    (cohort None, label "all") and per cohort: cohort, cohort_label, step (1..4), customers (with
    at least `step` purchases so far), of_first (share of the step-1 customers) and of_previous
    (share of the previous step's)."""
    def steps(g: pd.DataFrame, cohort, label) -> list[dict]:
        reached = [int(g.loc[g["visits"] >= s, "n"].sum()) for s in FUNNEL_STEPS]
        out = []
        for i, (s, n) in enumerate(zip(FUNNEL_STEPS, reached)):
            prev = reached[i - 1] if i else n
            out.append({"cohort": cohort, "cohort_label": label, "step": s, "customers": n,
                        "of_first": n / reached[0] if reached[0] else math.nan,
                        "of_previous": n / prev if prev else math.nan})
        return out

    rows = steps(counts, None, "all") if len(counts) else []
    for cohort, g in counts.groupby("cohort", sort=True):
        rows += steps(g, cohort, period_label(cohort, period))
    return pd.DataFrame(rows, columns=["cohort", "cohort_label", "step", "customers",
                                       "of_first", "of_previous"])


@kept
def funnel(cur, scope: Scope, period: str = "month") -> pd.DataFrame:
    """funnel_table of the customers acquired in scope."""
    return funnel_table(visit_counts(cur, scope, period), period)


@dataclass(frozen=True)
class DaysToSecond:
    """Days from the first to the second purchase, pooled over the cohorts mature for `window`
    days (every customer observed that long), counting the second purchases within it."""
    window: int
    first_cohort: date
    last_cohort: date
    customers: int  # customers of those cohorts
    seconds: int  # of them, with a second purchase within `window` days
    histogram: pd.DataFrame  # d (1..window), n
    p50: float  # the day by which half of those second purchases had happened
    p80: float  # ... 80% of them


def days_to_second_of(counts: pd.DataFrame, period: str, as_of: date) -> DaysToSecond | None:
    """The longest window (of WINDOWS) whose mature cohorts hold at least MIN_SAMPLE second
    purchases within it; None when no window has that many."""
    for window in sorted(WINDOWS, reverse=True):
        ok = [c for c in counts["cohort"].unique() if mature(c, period, window, as_of)]
        pool = counts[counts["cohort"].isin(ok)]
        seconds = pool[pool["d"] <= window]
        if int(seconds["n"].sum()) < MIN_SAMPLE:
            continue
        hist = (seconds.groupby("d", as_index=False)["n"].sum()
                .astype({"d": "int64", "n": "int64"}).sort_values("d"))
        return DaysToSecond(window, min(ok), max(ok), int(pool["n"].sum()),
                            int(seconds["n"].sum()), hist.reset_index(drop=True),
                            day_quantile(hist["d"], hist["n"], 0.5),
                            day_quantile(hist["d"], hist["n"], 0.8))
    return None


def _seconds_of(counts: pd.DataFrame, cohorts, window: int) -> np.ndarray:
    """The days to a second purchase within `window` of the customers of `cohorts`, sorted."""
    pool = counts[counts["cohort"].isin(cohorts) & (counts["d"] <= window)]
    pool = pool.sort_values("d")
    return np.repeat(pool["d"].to_numpy(float), pool["n"].to_numpy(int))


def _day_stat(days: np.ndarray, q: float) -> tuple[float, float]:
    """(the day by which a share q of these second purchases had happened, its standard error
    from the order-statistic 95% interval: cx.stats.quantile_ranks, median_se)."""
    n = len(days)
    j, k = quantile_ranks(n, q)
    return float(days[max(0, math.ceil(q * n - 1e-9) - 1)]), median_se(days[j - 1], days[k - 1])


def day_headlines_of(counts: pd.DataFrame, as_of: date, window: int) -> tuple[Headline, ...]:
    """The 50% and 80% days of the latest month cohorts mature for `window` days, pooled until
    they hold MIN_SAMPLE second purchases within it (as the rate's cohorts are), against the
    cohorts before pooled the same way and the same months a year earlier (compared when those
    hold MIN_SAMPLE too); noise from each quantile's order-statistic interval."""
    ok = sorted(c for c in counts["cohort"].unique() if mature(c, "month", window, as_of))
    sizes = [len(_seconds_of(counts, [c], window)) for c in ok]
    groups = sample_groups(ok, sizes, sizes)
    keys = ("repeat.kpi.p50", "repeat.kpi.p80")
    if not groups:
        return tuple(Headline(k, None, kind="days", page=PAGE_SCRIPT, higher_is_better=False,
                              thin=sum(sizes) or None) for k in keys)

    def pool(first, last):
        cohorts = [c for c in ok if first <= c <= last]
        return _seconds_of(counts, cohorts, window)

    def basis(first, last, n):
        return Basis("cohort", n, first, last, unit="second_purchases")

    first, last, _, n = groups[-1]
    now = pool(first, last)
    before = pool(*groups[-2][:2]) if len(groups) > 1 else None
    y_first, y_last = shift_period(first, "month", -12), shift_period(last, "month", -12)
    year = pool(y_first, y_last) if ok and ok[0] <= y_first else None
    out = []
    for key, q in zip(keys, (0.5, 0.8)):
        value, se = _day_stat(now, q)
        prev = _day_stat(before, q) if before is not None else (None, None)
        enough = year is not None and len(year) >= MIN_SAMPLE
        y = _day_stat(year, q) if enough else (None, None)
        out.append(Headline(
            key, value, prev[0], "days", PAGE_SCRIPT, higher_is_better=False,
            basis=basis(first, last, n), se=se, previous_se=prev[1],
            previous_basis=basis(*groups[-2][:2], len(before)) if before is not None else None,
            year_ago=y[0], year_ago_se=y[1],
            year_ago_basis=basis(y_first, y_last, len(year)) if year is not None else None,
            year_missing="headline.year.thin" if year is not None and not enough else None))
    return tuple(out)


@kept
def day_headlines(cur, scope: Scope) -> tuple[Headline, ...]:
    """day_headlines_of the month cohorts acquired in scope, over the days chart's window (none
    when the chart has none)."""
    dist = days_to_second(cur, scope)
    if dist is None:
        return ()
    return day_headlines_of(visit_counts(cur, scope, "month"), scope.as_of, dist.window)


ONCE_BEFORE_DAYS = 30  # the one-time buyers' share is compared with 30 days before
ONCE_HISTORY_DAYS = 365  # ... when at least this much history stands behind the earlier day


def _once(counts: pd.DataFrame) -> tuple[int, int]:
    """(customers with one purchase day so far, customers)."""
    return int(counts.loc[counts["visits"] == 1, "n"].sum()), int(counts["n"].sum())


@kept
def once_headline(cur, scope: Scope) -> Headline:
    """The share of the customers acquired in scope who have bought on one day only so far,
    against the same share 30 days before the analysis date and a year before it (each counted
    as of that day, of the customers acquired by then); binomial noise on each side. The share
    grows with the history behind it (a shop a week old has only one-time buyers), so an earlier
    day is compared only when a year of history in scope stands behind it."""
    def at(end: date, earlier: bool = True):
        if end < scope.start or (earlier and (end - scope.start).days < ONCE_HISTORY_DAYS):
            return None
        k, n = _once(visit_counts(cur, replace(scope, end=end), "month"))
        return (k / n, proportion_se(k, n), Basis("cohort", n, period_floor(scope.start, "month"),
                                                   period_floor(end, "month"))) if n else None

    now = at(scope.as_of, earlier=False)
    if now is None:
        return Headline("repeat.kpi.once", None, kind="pct", page=PAGE_SCRIPT)
    before = at(scope.as_of - timedelta(days=ONCE_BEFORE_DAYS))
    year = at(year_earlier(scope.as_of))
    return Headline("repeat.kpi.once", now[0], before[0] if before else None, "pct",
                    PAGE_SCRIPT, higher_is_better=False, basis=now[2], se=now[1],
                    previous_se=before[1] if before else None,
                    previous_basis=before[2] if before else None,
                    year_ago=year[0] if year else None, year_ago_se=year[1] if year else None,
                    year_ago_basis=year[2] if year else None,
                    previous_missing=None if before else "repeat.once.short_history",
                    year_missing=None if year else "repeat.once.short_history")


@kept
def days_to_second(cur, scope: Scope) -> DaysToSecond | None:
    """days_to_second_of the month cohorts acquired in scope."""
    return days_to_second_of(visit_counts(cur, scope, "month"), "month", scope.as_of)


# -- first-purchase groups -----------------------------------------------------------------------
def first_purchase_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Per group: customers; rate (second purchase within the rate window, of the customers
    observed that long: rate_customers) with Wilson's 95% interval; revenue per customer in the
    revenue window (of revenue_customers) with a normal 95% interval of the mean; NPS of the
    group's answers with its interval; `thin` when the rate or NPS rests on fewer than
    MIN_SAMPLE customers or answers. `counts`: cx.repeat.queries.first_purchase_counts (NPS
    counts 0 when it has none)."""
    df = counts.copy()
    for col in ("customers", "rate_customers", "repeaters", "revenue_customers"):
        df[col] = df[col].fillna(0).astype("int64")
    m = df["rate_customers"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        df["rate"] = np.where(m > 0, df["repeaters"] / np.where(m > 0, m, 1), np.nan)
        low, high = wilson_interval(df["repeaters"], m)
        df["rate_low"], df["rate_high"] = low, high
        n = df["revenue_customers"].to_numpy().astype(float)
        total = df["revenue"].astype(float).fillna(0).to_numpy()
        sq = df["revenue_sq"].astype(float).fillna(0).to_numpy()
        mean = np.where(n > 0, total / np.where(n > 0, n, 1), np.nan)
        var = np.where(n > 1, (sq - n * mean ** 2) / np.where(n > 1, n - 1, 1), np.nan)
        half = Z95 * np.sqrt(np.clip(var, 0, None) / np.where(n > 0, n, np.nan))
    df["revenue_per_customer"], df["revenue_low"], df["revenue_high"] = (
        mean, mean - half, mean + half)
    for col in ("responses", "promoters", "passives", "detractors"):
        df[col] = df[col].fillna(0).astype("int64") if col in df else 0
    cols = nps_columns(df["promoters"], df["passives"], df["detractors"])
    df["nps"], df["nps_low"], df["nps_high"] = cols["nps"], cols["ci_low"], cols["ci_high"]
    df["rate_thin"] = df["rate_customers"] < MIN_SAMPLE
    df["nps_thin"] = df["responses"] < MIN_SAMPLE
    order = {"low": 0, "middle": 1, "high": 2}  # value bands in their order, else biggest first
    df["_order"] = [order.get(g, 3) for g in df["grp"]]
    df["_unknown"] = df["grp"] == "unknown"
    df = df.sort_values(["_order", "_unknown", "customers", "grp"],
                        ascending=[True, True, False, True])
    return df[["grp", "customers", "rate_customers", "repeaters", "rate", "rate_low", "rate_high",
               "revenue_customers", "revenue_per_customer", "revenue_low", "revenue_high",
               "responses", "nps", "nps_low", "nps_high", "rate_thin", "nps_thin", "low",
               "high"]].reset_index(drop=True)


@kept
def first_purchase(cur, scope: Scope, by: str, rate_days: int = RATE_DAYS,
                   revenue_days: int = REVENUE_DAYS, with_nps: bool = True) -> pd.DataFrame:
    """first_purchase_table of the customers acquired in scope, grouped `by` their first order
    (queries.BY). NPS only when `with_nps` (and answers exist)."""
    return first_purchase_table(queries.first_purchase_counts(
        cur, scope, by, rate_days, revenue_days, with_nps and available(cur).surveys))


@dataclass(frozen=True)
class Standout:
    """The group whose second-purchase rate differs most from the other groups' pooled, beyond
    the noise (the 95% interval of the difference excludes 0)."""
    grp: str
    rate: float
    customers: int  # behind the rate
    other_rate: float
    other_customers: int
    diff: float
    low: float
    high: float


def standout_group(table: pd.DataFrame) -> Standout | None:
    """The group (of at least MIN_SAMPLE customers, against at least as many others) whose rate
    differs most from the rest, when that difference is outside the noise; else None."""
    best = None
    total_k, total_n = int(table["repeaters"].sum()), int(table["rate_customers"].sum())
    for r in table.itertuples(index=False):
        k, n = int(r.repeaters), int(r.rate_customers)
        ok, on = total_k - k, total_n - n
        if n < MIN_SAMPLE or on < MIN_SAMPLE:
            continue
        p, q = k / n, ok / on
        diff = p - q
        low, high = difference_interval(diff, math.sqrt(p * (1 - p) / n),
                                        math.sqrt(q * (1 - q) / on))
        if low <= 0 <= high:
            continue
        if best is None or abs(diff) > abs(best.diff):
            best = Standout(str(r.grp), p, n, q, on, diff, low, high)
    return best


# -- the headline ------------------------------------------------------------------------------
@kept
def headline(cur, scope: Scope) -> list[Headline]:
    """For the overview: the share of first-time buyers whose second purchase came within 90 days
    (retention's repeat measure: the latest complete month cohort, pooled to MIN_SAMPLE, against
    the cohort before), with the last 12 cohorts as trend."""
    return cohort_headline(cur, scope, "repeat.kpi.second", "repeat", PAGE_SCRIPT)
