"""The NPS area's numbers, computed from cx.nps.queries with pandas/numpy: the trend, the period
comparison, matching, breakdowns and their gaps, behaviour after answering, comments and their
themes. The NPS and its interval are cx.stats's (nps_value, nps_columns, difference_interval).
No sentences and no figures here (cx.nps.page has those)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx import segments as segments_area
from cx.cache import kept
from cx.headline import MIN_SAMPLE
from cx.nps import queries
from cx.nps.definitions import (
    GROUP_SCORES,
    GROUPS,
    NO_SEGMENT,
    TENURE_BANDS,
    UNKNOWN,
    UNMATCHED,
)
from cx.nps.themes import find_themes
from cx.scope import (
    Scope,
    period_complete,
    period_end,
    period_floor,
    period_label,
    resolve_scope,
    shift_period,
)
from cx.scope import year_earlier as same_day_year_earlier
from cx.stats import difference_interval, nps_columns, nps_value, verdict

__all__ = ["BEHAVIOUR_COLUMNS", "BREAKDOWN_COLUMNS", "COLUMNS", "MAX_GROUPS",
           "THEME_CORPUS_LIMIT", "THIN", "TREND_COLUMNS", "Comparison", "DetractorCost", "Gap",
           "PeriodComparisons", "PeriodNps", "ScopeWindows", "add_nps", "behaviour", "breakdown_gap",
           "breakdown_view", "breakdowns", "comment_themes", "comments", "compare",
           "compare_periods", "detractor_cost", "finish_breakdown", "finish_trend",
           "answered_periods", "last_full_period", "match_summary", "nps_by_period", "nps_trend",
           "overall", "period_nps", "scope_windows", "segment_breakdown", "window_nps",
           "year_earlier"]

THIN = MIN_SAMPLE  # the project's one minimum sample (cx.headline): fewer answers are thin
COLUMNS = ["period", "responses", "promoters", "passives", "detractors", "nps", "ci_low",
           "ci_high"]
TREND_COLUMNS = COLUMNS + ["period_start", "se", "thin", "partial"]


def add_nps(df: pd.DataFrame) -> pd.DataFrame:
    """Vectorised nps, ci_low, ci_high, se and thin columns from promoters/passives/detractors."""
    out = df.copy()
    for col in ("promoters", "passives", "detractors"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    cols = nps_columns(out["promoters"], out["passives"], out["detractors"])
    for col in ("responses", "nps", "ci_low", "ci_high", "se"):
        out[col] = cols[col]
    out["thin"] = cols["responses"] < THIN
    return out


def _as_date(x) -> date:
    return pd.Timestamp(x).date()


# -- trend -------------------------------------------------------------------------------------
@kept
def nps_trend(cur, scope: Scope, period: str = "month", rolling: int | None = None) -> pd.DataFrame:
    """NPS per period, every period from the first answer in scope to the analysis date (periods
    without answers have 0 responses and a missing NPS). `rolling=k` pools the counts of the k
    periods ending at each period (for businesses with few answers). Columns: COLUMNS plus
    period_start (date), se, thin, partial (the analysis date falls before the period's end)."""
    if rolling is not None and int(rolling) < 1:
        raise ValueError(f"rolling must be at least 1 period, not {rolling}.")
    raw = queries.period_counts(cur, scope, period)
    return finish_trend(raw, scope, period, rolling)


def finish_trend(raw: pd.DataFrame, scope: Scope, period: str,
                 rolling: int | None = None) -> pd.DataFrame:
    """Counts per period start (columns period_start, promoters, passives, detractors) to the
    trend: missing periods filled in, rolling sums, NPS, interval, labels and flags. Plain numpy:
    this runs on every trend call."""
    if raw.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TREND_COLUMNS})
    found = {pd.Timestamp(d).date(): (int(pr), int(pa), int(de)) for d, pr, pa, de in zip(
        raw["period_start"], raw["promoters"], raw["passives"], raw["detractors"])}
    first = min(found)
    last = max(period_floor(scope.end, period), first) if scope.end else max(found)
    starts = [first]
    while starts[-1] < last:
        starts.append(shift_period(starts[-1], period, 1))
    counts = np.array([found.get(d, (0, 0, 0)) for d in starts], dtype="int64").reshape(-1, 3)
    if rolling and int(rolling) > 1:
        k = int(rolling)
        csum = np.vstack([np.zeros((1, 3), dtype="int64"), counts.cumsum(axis=0)])
        idx = np.arange(1, len(starts) + 1)
        counts = csum[idx] - csum[np.maximum(idx - k, 0)]
    pr, pa, de = counts[:, 0], counts[:, 1], counts[:, 2]
    cols = nps_columns(pr, pa, de)
    end = scope.end
    return pd.DataFrame({
        "period": [period_label(d, period) for d in starts],
        "responses": cols["responses"], "promoters": pr, "passives": pa, "detractors": de,
        "nps": cols["nps"], "ci_low": cols["ci_low"], "ci_high": cols["ci_high"],
        "period_start": starts, "se": cols["se"], "thin": cols["responses"] < THIN,
        "partial": [bool(end is not None and period_end(d, period) > end) for d in starts],
    }, columns=TREND_COLUMNS)


def nps_by_period(cur, scope: Scope, period: str = "month",
                  rolling: int | None = None) -> pd.DataFrame:
    """The export shape: exactly COLUMNS, nps and interval in points rounded to 0.1."""
    trend = nps_trend(cur, scope, period, rolling)
    types = {"period": object, "responses": "int64", "promoters": "int64", "passives": "int64",
             "detractors": "int64", "nps": "float64", "ci_low": "float64", "ci_high": "float64"}
    if trend.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in types.items()})
    # finish_trend's columns already have these types: no astype pass (it cost a third of the
    # call on a small shop's data, more than the query)
    return pd.DataFrame({c: (pd.Series(trend[c].to_numpy(dtype=object), dtype=object)
                             if c == "period"
                             else trend[c].to_numpy().round(1) if types[c] == "float64"
                             else trend[c].to_numpy(dtype="int64")) for c in COLUMNS},
                        copy=False)


# -- overall and period comparison -------------------------------------------------------------
@dataclass(frozen=True)
class PeriodNps:
    start: date
    end: date  # last day counted
    responses: int
    promoters: int
    passives: int
    detractors: int
    nps: float
    ci_low: float
    ci_high: float
    se: float

    @property
    def thin(self) -> bool:
        return self.responses < THIN


def period_nps(start: date, end: date, promoters: int, passives: int,
               detractors: int) -> PeriodNps:
    """The NPS of these counts, for the answers from `start` to `end`."""
    return PeriodNps(start, end, promoters + passives + detractors, promoters, passives,
                     detractors, *nps_value(promoters, passives, detractors))


@dataclass(frozen=True)
class Comparison:
    kind: str  # "previous" | "year"
    current: PeriodNps
    other: PeriodNps
    diff: float
    ci_low: float
    ci_high: float

    @property
    def verdict(self) -> str:
        """up / down (the interval of the difference excludes 0) or noise: the one noise rule
        of every comparison (cx.stats.verdict)."""
        return verdict(self.ci_low, self.ci_high)


def window_nps(cur, start: date, end: date) -> PeriodNps:
    """NPS of the answers from `start` to `end` (both days included), whatever the scope."""
    return period_nps(start, end, *queries.window_counts(cur, start, end))


def overall(cur, scope: Scope) -> PeriodNps:
    """NPS of every answer in scope."""
    return window_nps(cur, scope.start or date(1900, 1, 1), scope.end or date(2999, 12, 30))


@dataclass(frozen=True)
class ScopeWindows:
    """The answers in scope and the two windows the page's key numbers compare them with: the
    same number of days just before the scope, and the same days a year earlier
    (cx.scope.year_earlier on both ends). A window is None when the answers do not reach back to
    its first day (the first answer in the data is after it): a window the data covers only in
    part is never compared."""
    current: PeriodNps
    previous: PeriodNps | None
    year: PeriodNps | None
    days: int  # the scope's length in days (the previous window's too)
    previous_end: date  # the day before the scope starts
    year_end: date


@kept
def scope_windows(cur, scope: Scope) -> ScopeWindows:
    """The NPS and counts of the answers from scope.start to scope.end, of the same number of
    days just before, and of the same days a year earlier (docs/metrics.md "Comparing
    periods"). Four small queries: the three windows' counts and the first answer's day."""
    if scope.start is None or scope.end is None:
        scope = resolve_scope(cur, scope)
    start, end = scope.start, scope.end
    days = (end - start).days + 1
    prev_start, prev_end = start - timedelta(days=days), start - timedelta(days=1)
    year_start, year_end = same_day_year_earlier(start), same_day_year_earlier(end)
    first = queries.first_answer_day(cur)

    def reached(day: date) -> bool:
        return first is not None and first <= day

    return ScopeWindows(
        window_nps(cur, start, end),
        window_nps(cur, prev_start, prev_end) if reached(prev_start) else None,
        window_nps(cur, year_start, year_end) if reached(year_start) else None,
        days, prev_end, year_end)


def compare(current: PeriodNps, other: PeriodNps, kind: str) -> Comparison | None:
    if current.responses == 0 or other.responses == 0:
        return None
    diff = current.nps - other.nps
    return Comparison(kind, current, other, diff,
                      *difference_interval(diff, current.se, other.se))


def year_earlier(start: date, period: str) -> date:
    if period == "week":
        return start - timedelta(days=364)
    return start.replace(year=start.year - 1)


@dataclass(frozen=True)
class PeriodComparisons:
    period: str
    current: PeriodNps | None
    previous: Comparison | None
    year: Comparison | None
    partial: bool  # the current period is the unfinished one containing the analysis date
    # answers so far in the unfinished period containing the analysis date, when that period is
    # not the one compared (it is compared once it ends)
    pending: int = 0
    skipped: int = 0  # periods without answers between the compared one and the analysis date
    unfinished_start: date | None = None  # start of the unfinished period, when `pending`


def answered_periods(cur, as_of: date, period: str) -> dict[date, tuple[int, int, int]]:
    """(promoters, passives, detractors) of every period with answers up to `as_of`, by start."""
    df = queries.period_counts(cur, Scope(start=None, end=as_of), period)
    counts = {}
    for p, _, pr, pa, de in df.itertuples(index=False):
        pr, pa, de = int(pr or 0), int(pa or 0), int(de or 0)
        if pr + pa + de:
            counts[_as_date(p)] = (pr, pa, de)
    return counts


def last_full_period(as_of: date, period: str) -> date:
    """The start of the latest period that has ended by `as_of`."""
    this_start = period_floor(as_of, period)
    return this_start if period_complete(this_start, period, as_of) \
        else shift_period(this_start, period, -1)


def compare_periods(cur, scope: Scope, period: str = "month") -> PeriodComparisons:
    """The latest full period with answers up to the analysis date against the most recent
    earlier period with answers and the same period a year earlier (see the package docstring).
    Periods without answers in between are skipped (a small shop may have none for a month).
    Reference periods may lie before scope.start: the comparison is about the analysis date.
    One query: the counts of every period."""
    as_of = scope.as_of
    this_start = period_floor(as_of, period)
    last_full = last_full_period(as_of, period)
    counts = answered_periods(cur, as_of, period)

    def at(start: date, end: date) -> PeriodNps:
        return period_nps(start, end, *counts.get(start, (0, 0, 0)))

    full = sorted((p for p in counts if p <= last_full), reverse=True)
    pending = sum(counts.get(this_start, ())) if this_start > last_full else 0
    if not full:  # only the unfinished period has answers: the period so far, nothing to compare
        if not pending:
            return PeriodComparisons(period, None, None, None, False)
        return PeriodComparisons(period, at(this_start, as_of), None, None, True)
    start = full[0]
    current = at(start, period_end(start, period))
    skipped = 0
    p = last_full
    while p > start:
        skipped += 1
        p = shift_period(p, period, -1)
    previous = None
    if len(full) > 1:
        previous = compare(current, at(full[1], period_end(full[1], period)), "previous")
    y_start = year_earlier(start, period)
    year = compare(current, at(y_start, period_end(y_start, period)), "year")
    return PeriodComparisons(period, current, previous, year, False, pending, skipped,
                             this_start if pending else None)


# -- matching and breakdowns -------------------------------------------------------------------
@kept
def match_summary(cur, scope: Scope) -> dict:
    """Responses in scope by how they matched a customer: id, order, email, none."""
    rows = dict(queries.match_counts(cur, scope).itertuples(index=False, name=None))
    out = {k: int(rows.get(k, 0)) for k in ("id", "order", "email", "none")}
    out["responses"] = sum(out.values())
    out["matched"] = out["responses"] - out["none"]
    return out


BREAKDOWN_COLUMNS = ["dimension", "group", "responses", "promoters", "passives", "detractors",
                     "nps", "ci_low", "ci_high", "se", "small"]
MAX_GROUPS = 25  # groups a breakdown chart shows (a file may hold hundreds of touchpoints)


def finish_breakdown(df: pd.DataFrame) -> pd.DataFrame:
    """Intervals, the small flag and the order: NPS high to low, tenure in band order, the
    special groups (unmatched, unknown, no segment) last."""
    df = add_nps(df).rename(columns={"thin": "small"})
    special = df["group"].isin([UNMATCHED, UNKNOWN, NO_SEGMENT])
    tenure_pos = df["group"].map({b: i for i, b in enumerate(TENURE_BANDS)})
    df["_special"] = special.astype(int)
    df["_order"] = np.where(df["dimension"] == "tenure", tenure_pos.fillna(99),
                            -df["nps"].fillna(-1000))
    df = df.sort_values(["dimension", "_special", "_order", "group"], kind="stable")
    return df[BREAKDOWN_COLUMNS].reset_index(drop=True)


def segment_breakdown(cur, scope: Scope) -> pd.DataFrame:
    """Counts by spender/referrer segment (cx.segments.customer_values, 365-day lookback to the
    analysis date); answers without a customer are UNMATCHED, customers outside every segment
    NO_SEGMENT."""
    per = queries.per_customer_counts(cur, scope)
    if per.empty:
        return pd.DataFrame(columns=["dimension", "group", "promoters", "passives", "detractors"])
    seg = segments_area.customer_values(cur, scope, contacts=False)[["customer_id", "segment"]]
    per = per.merge(seg, on="customer_id", how="left")
    per["group"] = np.where(per["customer_id"].isna(), UNMATCHED,
                            per["segment"].fillna(NO_SEGMENT))
    out = per.groupby("group", as_index=False)[["promoters", "passives", "detractors"]].sum()
    out.insert(0, "dimension", "segment")
    return out


@kept
def breakdowns(cur, scope: Scope, segments: bool = True) -> pd.DataFrame:
    """NPS by channel, touchpoint, acquisition channel, segment and tenure band, one row per
    (dimension, group) with counts, interval and `small` (< 30 responses). Columns:
    BREAKDOWN_COLUMNS. Group keys from the data are shown as they are; UNMATCHED, UNKNOWN and
    NO_SEGMENT are for the page to translate."""
    df = queries.breakdown_counts(cur, scope)
    df = df.rename(columns={"grp": "group"})[["dimension", "group", "promoters", "passives",
                                              "detractors"]]
    seg = segment_breakdown(cur, scope) if segments else None
    if seg is not None and not seg.empty:
        df = pd.concat([df, seg], ignore_index=True)
    if df.empty:
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    return finish_breakdown(df)


def breakdown_view(table: pd.DataFrame, dimension: str,
                   limit: int = MAX_GROUPS) -> tuple[pd.DataFrame, int]:
    """One dimension's rows as shown: the `limit` groups with the most answers, in the table's
    order; and how many groups there are in all."""
    part = table[table["dimension"] == dimension]
    if len(part) > limit:
        keep = part["responses"].sort_values(ascending=False, kind="stable").index[:limit]
        part = part.loc[part.index.isin(keep)]
    return part.reset_index(drop=True), int((table["dimension"] == dimension).sum())


@dataclass(frozen=True)
class Gap:
    dimension: str
    a: str  # group keys: for tenure the newest band, else the highest NPS
    b: str  # for tenure the oldest band with enough answers, else the lowest NPS
    a_nps: float
    b_nps: float
    diff: float
    ci_low: float
    ci_high: float

    @property
    def real(self) -> bool:
        return self.ci_low > 0 or self.ci_high < 0


def breakdown_gap(table: pd.DataFrame, dimension: str) -> Gap | None:
    """The gap worth a sentence in one dimension, among groups with at least THIN answers
    (special groups left out): highest vs lowest NPS, or for tenure the newest band against the
    oldest (the honeymoon effect). Its interval: cx.stats.difference_interval."""
    part = table[(table["dimension"] == dimension) & ~table["small"].astype(bool)
                 & ~table["group"].isin([UNMATCHED, UNKNOWN, NO_SEGMENT])].dropna(subset=["nps"])
    if len(part) < 2:
        return None
    if dimension == "tenure":
        part = part.set_index("group").reindex([b for b in TENURE_BANDS if b in set(part["group"])])
        part = part.reset_index()
    a, b = part.iloc[0], part.iloc[-1]
    diff = float(a["nps"] - b["nps"])
    return Gap(dimension, a["group"], b["group"], float(a["nps"]), float(b["nps"]), diff,
               *difference_interval(diff, float(a["se"]), float(b["se"])))


# -- NPS and behaviour -------------------------------------------------------------------------
BEHAVIOUR_COLUMNS = ["group", "responses", "unmatched", "customers", "repeat_rate", "followed",
                     "came_back_rate", "revenue_after", "revenue_year"]


@kept
def behaviour(cur, scope: Scope) -> pd.DataFrame:
    """One row per group (promoter, passive, detractor) with: responses (matched or not),
    unmatched responses, matched customers, repeat_rate, followed (customers who answered at
    least 90 days before the analysis date), came_back_rate and revenue_after (mean per followed
    customer, 90 days after answering), revenue_year (mean per customer, last 365 days).
    Rates are NaN when their base is 0."""
    raw = queries.behaviour_counts(cur, scope).set_index("grp")
    raw = raw.reindex(list(GROUPS)).fillna(0)
    out = pd.DataFrame({"group": list(GROUPS)})
    for col in ("responses", "unmatched", "customers", "followed"):
        out[col] = raw[col].to_numpy().astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        cust = out["customers"].astype(float).where(out["customers"] > 0)
        fol = out["followed"].astype(float).where(out["followed"] > 0)
        out["repeat_rate"] = raw["repeaters"].to_numpy() / cust
        out["came_back_rate"] = raw["came_back"].to_numpy() / fol
        out["revenue_after"] = raw["revenue_after"].to_numpy().astype(float) / fol
        out["revenue_year"] = raw["revenue_year"].to_numpy().astype(float) / cust
    return out[BEHAVIOUR_COLUMNS]


@dataclass(frozen=True)
class DetractorCost:
    gap: float  # a promoter's mean revenue after answering minus a detractor's
    detractors: int  # matched detractor customers
    total: float  # gap * detractors


def detractor_cost(table: pd.DataFrame) -> DetractorCost | None:
    """What a detractor costs: the revenue gap to a promoter in the 90 days after answering,
    times the detractor customers. None without followed promoters and detractors."""
    t = table.set_index("group")
    if t.loc["promoter", "followed"] == 0 or t.loc["detractor", "followed"] == 0:
        return None
    gap = float(t.loc["promoter", "revenue_after"] - t.loc["detractor", "revenue_after"])
    n = int(t.loc["detractor", "customers"])
    return DetractorCost(gap, n, gap * n)


# -- comments ----------------------------------------------------------------------------------
THEME_CORPUS_LIMIT = 5000


def comments(cur, scope: Scope, group: str | None = None, search: str | None = None,
             limit: int = 200) -> tuple[pd.DataFrame, int]:
    """The newest `limit` comments in scope (optionally of one group and containing `search`,
    case-insensitive, as plain text) and how many match in all."""
    scores = GROUP_SCORES[group] if group else (0, 10)
    q = (search or "").strip() or None
    df = queries.comment_rows(cur, scope, scores, q, limit).rename(columns={"grp": "group"})
    return df, queries.comment_count(cur, scope, scores, q)


@kept
def comment_themes(cur, scope: Scope, max_themes: int = 12,
                   limit: int = THEME_CORPUS_LIMIT) -> tuple[pd.DataFrame, dict]:
    """Recurring themes of the comments in scope (cx.nps.themes), found on this machine from the
    `limit` most recently used distinct comment texts. Returns (themes, info) with info = the
    distinct texts used and in all, and the comments in all."""
    corpus = queries.comment_corpus(cur, scope, limit)
    distinct, total = queries.corpus_size(cur, scope)
    info = {"texts_used": len(corpus), "texts": distinct, "comments": total}
    return find_themes(corpus, max_themes=max_themes), info
