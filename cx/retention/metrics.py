"""Retention's numbers, computed in pandas from the queries' results: the matrix in long form,
average curves, the period-k series, survival, the key numbers and the overview's headline.
No sentences and no figures here (cx/retention/page.py shows them)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx import stats
from cx.available import available
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.retention import queries
from cx.retention.queries import REPEAT_DAYS, check
from cx.scope import Scope, period_complete, period_end, period_floor, period_label, shift_period

__all__ = ["CELL_COLUMNS", "DEFAULT_HORIZON", "HEATMAP_WINDOW", "PAGE_SCRIPT", "KeyNumbers",
           "Measure", "Survival", "available_segments", "average_curve", "cells_from_counts",
           "cohort_customers", "curve_min_customers", "gap_headline", "gap_numbers", "headline",
           "heatmap_window", "key_numbers", "last_full_month", "latest_possible_cohort",
           "median_gap_days", "median_time", "period_k_series", "retention_cells",
           "sample_groups", "survival"]

DEFAULT_HORIZON = 90  # days without a purchase after which a customer counts as inactive
HEATMAP_WINDOW = {"week": 52, "month": 48, "quarter": 40}  # rows and columns a heatmap shows

CELL_COLUMNS = ["segment", "cohort", "cohort_label", "k", "customers", "active_on",
                "active_on_or_after", "retention_on", "retention_on_or_after", "revenue",
                "revenue0", "revenue_retention", "in_progress"]


# -- the matrix -------------------------------------------------------------------------------
def _period_index(cohort: pd.Series, p: pd.Series, period: str) -> np.ndarray:
    """Whole periods from cohort to p (both period starts), vectorised."""
    c, q = pd.DatetimeIndex(cohort), pd.DatetimeIndex(p)
    if period == "week":
        return ((q - c).days // 7).to_numpy()
    months = (q.year - c.year) * 12 + (q.month - c.month)
    return np.asarray(months if period == "month" else months // 3)


def cells_from_counts(counts: pd.DataFrame, period: str, as_of: date) -> pd.DataFrame:
    """Every observed cell (cohort c, period k with c+k up to the analysis date's period) from the
    aggregated counts of `queries.cells_sql`; cells where nobody bought are 0, later cells are
    absent."""
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
    both modes, counts, net revenue and revenue retention (see cx/retention/__init__.py)."""
    return cells_from_counts(queries.cell_counts(cur, scope, period, segment), period,
                             scope.as_of)


def average_curve(cells: pd.DataFrame, mode: str = "on") -> pd.DataFrame:
    """The cohort-size-weighted average retention per k and segment, over complete cells only:
    sum of active / sum of cohort sizes of the cohorts observed at k. Also net revenue retention
    (sum of revenue / sum of period-0 revenue, cohorts with positive period-0 revenue)."""
    check("month", mode=mode)
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


def heatmap_window(cells: pd.DataFrame, max_rows: int, max_cols: int) -> tuple[pd.DataFrame, dict]:
    """Keep the latest `max_rows` cohorts and periods 0..max_cols-1 (readable with 100+ weekly
    cohorts); also says what was left out."""
    cohorts = sorted(cells["cohort"].unique())
    shown = cohorts[-max_rows:]
    window = cells[cells["cohort"].isin(shown) & (cells["k"] < max_cols)]
    info = {"total": len(cohorts), "shown": len(shown),
            "cols": int(window["k"].max()) if len(window) else 0,
            "truncated": len(shown) < len(cohorts) or int(cells["k"].max()) >= max_cols}
    return window, info


def available_segments(cur, scope: Scope) -> list[str]:
    """The segment dimensions the data can split by (a dimension with at least two values;
    NPS once there are survey answers)."""
    counts = queries.segment_value_counts(cur, scope)
    need = {"first_nps": 1, "first_order_value": 3}
    return [d for d in queries.SEGMENT_DIMENSIONS if counts[d] >= need.get(d, 2)]


def cohort_customers(cur, scope: Scope, period: str, cohort: date, k: int,
                     mode: str = "on") -> pd.DataFrame:
    """The customers of one cohort, with whether each returned in period k (mode `on`) or in
    period k or later (`on_or_after`), their orders and net revenue in that period and overall.
    Those who returned come first."""
    check(period, mode=mode)
    df = queries.cohort_customer_rows(cur, scope, period, cohort, k)
    returned = df["orders_in_period"] > 0 if mode == "on" else df["bought_later"] > 0
    df.insert(1, "returned", returned.astype(bool))
    df = df.drop(columns=["bought_later"])
    for col in ("first_purchase", "last_purchase"):
        df[col] = pd.to_datetime(df[col]).dt.date
    return df.sort_values(["returned", "orders_in_period", "revenue_total", "customer_id"],
                          ascending=[False, False, False, True]).reset_index(drop=True)


# -- survival ---------------------------------------------------------------------------------
def median_time(curve: pd.DataFrame) -> float | None:
    """The first time at which survival is at or below 50%, or None if it never gets there."""
    hit = curve[curve["survival"] <= 0.5]
    return float(hit["t"].iloc[0]) if len(hit) else None


@dataclass(frozen=True)
class Survival:
    curves: pd.DataFrame  # segment, t, at_risk, events, survival, lower, upper
    medians: pd.DataFrame  # segment, customers, lapsed, median_days (NaN: not reached)
    horizon: int


@kept
def survival(cur, scope: Scope, horizon: int = DEFAULT_HORIZON,
             segment: str | None = None) -> Survival:
    """Kaplan-Meier curves of time until inactive, overall ('all') and by segment: a customer
    lapses when `horizon` days pass without a purchase (first lapse only); customers still
    active on the analysis date are censored there."""
    horizon = int(horizon)
    if horizon < 1:
        raise ValueError("horizon must be at least one day")
    counts = queries.survival_counts(cur, scope, horizon, segment)
    parts = [("all", counts)]
    if segment is not None:
        parts += [(s, g) for s, g in counts.groupby("segment", sort=True)]
    curves, medians = [], []
    for name, g in parts:
        curve = stats.kaplan_meier(g["t"], g["event"], g["n"])
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
    # the same cohorts a year earlier (year_first_cohort to year_cohort): None when the data
    # does not reach back to them (year_customers 0) or they hold fewer than MIN_SAMPLE
    year_value: float | None = None
    year_first_cohort: date | None = None
    year_cohort: date | None = None
    year_customers: int = 0
    year_active: int = 0

    def basis(self) -> Basis | None:
        if self.value is None:
            return None
        return Basis("cohort", self.customers, self.first_cohort, self.cohort)

    def previous_basis(self) -> Basis | None:
        if self.previous is None:
            return None
        return Basis("cohort", self.previous_customers, self.previous_first_cohort,
                     self.previous_cohort)

    def year_basis(self) -> Basis | None:
        if self.year_cohort is None or not self.year_customers:
            return None
        return Basis("cohort", self.year_customers, self.year_first_cohort, self.year_cohort)

    def comparison_fields(self) -> dict:
        """The Headline fields of both comparisons: each side a share of customers
        (cx.stats.proportion_se), the year-ago cohorts only when they reach MIN_SAMPLE."""
        if self.value is None:
            return {}
        return {"se": stats.proportion_se(self.active, self.customers),
                "previous_se": (stats.proportion_se(self.previous_active, self.previous_customers)
                                if self.previous is not None else None),
                "year_ago": self.year_value, "year_ago_basis": self.year_basis(),
                "year_ago_se": (stats.proportion_se(self.year_active, self.year_customers)
                                if self.year_value is not None else None),
                "year_missing": "headline.year.thin" if self.year_customers else None}


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
    row = queries.gap_medians(cur, scope, m1, m0)
    n, n1, n0 = (int(x or 0) for x in (row[0], row[2], row[4]))
    # a month's median counts only when it rests on MIN_SAMPLE gaps (so the change compares
    # like with like)
    month = Measure(float(row[3]), float(row[5]) if n0 >= MIN_SAMPLE else None, m1, m0, n1,
                    previous_customers=n0) if n1 >= MIN_SAMPLE else Measure()
    return (float(row[1]) if n else None), n, month


def gap_headline(cur, scope: Scope, month: Measure) -> Headline | None:
    """The median gap of the last complete month as a Headline with both comparisons: the month
    before (`month.previous`) and the same month a year earlier, each median with the standard
    error read off its order-statistic 95% interval (cx.stats.median_ranks, median_se); a month
    counts when it rests on MIN_SAMPLE gaps."""
    if month.value is None:
        return None
    m1, m0 = month.cohort, month.previous_cohort
    my = shift_period(m1, "month", -12)
    rows = {r.month: r for r in queries.gap_month_medians(cur, scope, [m1, m0, my],
                                                          stats.Z95).itertuples(index=False)}

    def side(m):
        r = rows.get(m)
        if r is None:
            return None, None, None, 0
        n = int(r.gaps)
        return (float(r.median) if n >= MIN_SAMPLE else None,
                stats.median_se(float(r.low), float(r.high)), Basis("month", n, m, m, unit="gaps"),
                n)

    v1, se1, b1, _ = side(m1)
    v0, se0, b0, _ = side(m0)
    vy, sey, by, ny = side(my)
    return Headline("retention.kpi.gap", v1, v0, "days", PAGE_SCRIPT, basis=b1,
                    previous_basis=b0 if v0 is not None else None, higher_is_better=False,
                    se=se1, previous_se=se0, year_ago=vy, year_ago_basis=by,
                    year_ago_se=sey, year_missing="headline.year.thin" if ny else None)


def median_gap_days(cur, scope: Scope) -> tuple[float | None, int]:
    """Median days between successive purchase days of the same customer (gaps ending in scope),
    and how many gaps there were."""
    median, n, _ = gap_numbers(cur, scope)
    return median, n


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
    # the same months a year earlier, pooled as the latest sample is (every complete cohort of
    # those months, thin or not); none when the data starts after their first month
    y_first, y_last = shift_period(first, "month", -12), shift_period(last, "month", -12)
    year = [(a, m) for c, a, m in zip(cohorts, actives, sizes) if y_first <= c <= y_last]
    y_active, y_n = sum(int(a) for a, _ in year), sum(int(m) for _, m in year)
    reached = bool(cohorts) and min(cohorts) <= y_first
    return Measure(active / n, prev[2] / prev[3] if prev else None, last,
                   prev[1] if prev else None, n,
                   tuple(g[2] / g[3] for g in groups[-trend_len:]),
                   prev[3] if prev else 0, first, prev[0] if prev else None, active,
                   prev[2] if prev else 0,
                   year_value=y_active / y_n if reached and y_n >= MIN_SAMPLE else None,
                   year_first_cohort=y_first, year_cohort=y_last,
                   year_customers=y_n if reached else 0, year_active=y_active if reached else 0)


@dataclass(frozen=True)
class KeyNumbers:
    repeat: Measure
    month1: Measure
    month3: Measure
    median_gap: float | None
    gaps: int
    customers: int  # customers acquired in scope
    gap_change: Measure = field(default_factory=Measure)  # last full month vs the one before
    gap_head: Headline | None = None  # the same, with a year earlier and the noise (page only)


@kept
def key_numbers(cur, scope: Scope, with_gap: bool = True) -> KeyNumbers:
    """Repeat purchase rate (within REPEAT_DAYS), month-1 and month-3 retention (mode on) of the
    latest month cohort where each is complete, against the cohort before; the median purchase
    gap unless `with_gap` is False (the overview's headline skips it: it needs a window sort)."""
    cohorts = queries.repeat_by_cohort(cur, scope)
    done = cohorts[[period_end(c, "month") + timedelta(days=REPEAT_DAYS) <= scope.as_of
                    for c in cohorts["cohort"]]] if len(cohorts) else cohorts
    repeat = _measure(list(done["cohort"]), list(done["repeaters"]),
                      list(done["customers"])) if len(done) else Measure()
    cells = retention_cells(cur, scope, "month")  # the page shows the same matrix: one query
    ms = []
    for k in (1, 3):
        s = period_k_series(cells, k)
        ms.append(_measure(list(s["cohort"]), list(s["active"]), list(s["customers"])))
    gap, n_gaps, change = gap_numbers(cur, scope) if with_gap else (None, 0, Measure())
    customers = int(cohorts["customers"].sum()) if len(cohorts) else 0
    return KeyNumbers(repeat, ms[0], ms[1], gap, n_gaps, customers, change,
                      gap_headline(cur, scope, change) if with_gap else None)


def latest_possible_cohort(as_of: date, measure: str) -> date:
    """The last day of the latest month whose cohort can have `measure` ('repeat', 'month1',
    'month3') complete on the analysis date: what a customer's first purchase must precede."""
    if measure == "repeat":
        month = last_full_month(as_of - timedelta(days=REPEAT_DAYS))
    else:
        month = shift_period(last_full_month(as_of), "month", -int(measure[len("month"):]))
    return period_end(month, "month")


PAGE_SCRIPT = "views/retention.py"


def cohort_headline(cur, scope: Scope, key: str, measure: str, page: str) -> list[Headline]:
    """One cohort measure of key_numbers ("month1", "repeat") as an overview headline: the
    latest complete month cohort (pooled to MIN_SAMPLE) against the cohorts before and a year
    earlier, the last 12 cohorts as trend; absent without customers to follow."""
    kn = key_numbers(cur, scope, with_gap=False)
    if kn.customers == 0:
        avail = available(cur)
        if not avail.customer_ids:  # no orders, or guest orders only: no customer to follow
            absent = "customer_ids" if avail.orders else "orders"
            return [Headline(key, None, kind="absent", page=page, absent=absent)]
    m = getattr(kn, measure)
    return [Headline(key, m.value, m.previous, "pct", page, m.trend, basis=m.basis(),
                     previous_basis=m.previous_basis(), thin=m.thin or None,
                     **m.comparison_fields())]


@kept
def headline(cur, scope: Scope) -> list[Headline]:
    """For the overview: month-1 retention (the repeat purchase rate is the repeat area's)."""
    return cohort_headline(cur, scope, "retention.kpi.month1", "month1", PAGE_SCRIPT)
