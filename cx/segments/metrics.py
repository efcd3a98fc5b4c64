"""The segments area's numbers: `customer_values` (spend, referral value, spender-vs-referrer
segment and RFM, one row per customer), then everything the page, report and export show, made
from it with pandas (segment table, moves, quadrant points, RFM grid, referral chain, action
lists) and gathered in one kept `segments_view`. SQL: cx/segments/queries.py.

Definitions (DESIGN.md "Metric definitions"; every number on the segments page comes from here):

* **Window**: the `lookback_days` days ending at the analysis date `scope.end` (both included).
  `scope.start` is not used: the lookback is the window. Amounts are in `scope.currency` only.
* A **purchase** is `cx.sql.PURCHASE`, as in retention and NPS: an order above 0, or of 0
  unless refunded in full; refund rows (negative amounts) and fully refunded orders are not
  purchases, but they count in revenue, which is net of refunds.
* **Who is included**: every customer with at least one purchase in the window, plus every known
  customer whose referred customers purchased in the window (a referrer who bought nothing
  themselves is still valuable). "Known" = in `customers` or with any row in `transactions`.
  A customer whose only rows in the window are refunds (of orders before it) is not included.
* **Spend value** (= RFM monetary): the customer's own net revenue in the window (refunds in
  the window subtracted). **Frequency**: their purchases in the window. **Recency**: days from
  their last purchase up to the analysis date (NULL if they never purchased).
  `first_order_at` / `last_order_at` are their first and last purchase.
* **Referrals**: the customers they referred (rows of `referrals`, which also holds the
  customers.referred_by links) up to the analysis date, whatever happened since.
  **Referral value**: the revenue those referred customers produced in the window, all of their
  orders, not just the first. **Total value** = spend value + referral value.
  Credit rules (cx.sql.credited_referrals, the same on every page): a customer referred by
  several people credits only the earliest referral (then the smallest referrer id), so no
  revenue is counted twice; self-referrals are ignored; a referral whose referrer is not a known
  customer (`unknown_referrals`) credits nobody: the referred customer is counted as a customer
  of their own.
* **Chain** (second view, never part of total value): `chain_referrals` / `chain_value` are the
  friends of friends, one level further: customers referred by the people this customer referred,
  and their revenue in the window.
* **Segments**: "high" means in the top (100 - percentile)% of the included customers: the
  threshold is the k-th largest value, k = ceil(n * (100 - percentile) / 100) (0 when fewer than
  k customers have a positive value), and a customer is high when value >= threshold and
  value > 0. Ties at the threshold are treated alike: everyone
  tied with the k-th customer is in, so a segment can be a little larger than the percentage, and
  nobody is separated from an identical customer by the order of their ids. Nothing, or a refund,
  is never "high". Champions = high spend and high referral, Spenders = high spend only,
  Referrers = high referral only, Others = the rest.
* **RFM**: scores 1-5 (5 = best) among customers with purchases in the window:
  score = 1 + floor(5 * percent_rank), ranking recency from oldest to newest, frequency and
  monetary from lowest to highest. Customers tied on a value share the score of the lowest-ranked
  of them (so a score can be skipped when a tie group is large, e.g. many one-purchase customers all
  get F = 1). With exact quintiles when values are distinct. Customers without purchases in the
  window get no scores and the RFM group "No purchases". Groups (`rfm_group`), on R and F:
  Champions R>=4 & F>=4; Loyal R>=3 & F>=3; New R>=4 & F=1; Potential R>=3 (the rest);
  At risk R<=2 & F>=3; Hibernating R=2 & F<=2; Lost R=1 & F<=2.
* **retained_90d**: for customers whose first purchase came more than 90 days before the
  analysis date, 1 if they purchased in the last 90 days (analysis date included), else 0;
  NULL otherwise.
* **nps_score**: the customer's latest survey score in the window, NULL if none. Answers are
  matched to customers as on every page (cx.sql.matched_responses): by a known customer id,
  else by the order they answer about, else by e-mail.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.cache import kept
from cx.scope import Scope, year_earlier
from cx.segments.queries import (
    NO_PURCHASES,
    RETENTION_DAYS,
    RFM_GROUPS,
    SEGMENTS,
    referral_rows,
    unknown_referrals,
    value_sums,
    values_rows,
    window_start,
)

__all__ = ["ACTION_LISTS", "ACTION_LIST_MAX", "COLUMNS", "LOOKBACK_DAYS", "MAX_POINTS",
           "NOT_INCLUDED", "NO_PURCHASES", "PERCENTILE", "RETENTION_DAYS", "RFM_GROUPS",
           "RFM_RULES", "SEGMENTS", "SegmentsView", "WindowTotals", "action_lists", "advocates", "chain_leaders",
           "check_params", "compare_windows", "customer_values", "is_skewed", "normalise",
           "previous_scope", "quadrant_points", "rfm_grid", "rfm_group", "rfm_group_table",
           "segment_moves", "segment_summary", "segments_view", "threshold_rank",
           "unknown_referrals", "window_start", "window_totals", "year_scope"]

# The definition's defaults: a year ending at the analysis date; "high" = the top quarter.
LOOKBACK_DAYS = 365
PERCENTILE = 75.0
SEGMENT_NAMES = np.array(SEGMENTS, dtype=object)  # the SQL's segment codes, named
RFM_NAMES = np.array([*RFM_GROUPS, NO_PURCHASES], dtype=object)  # its RFM group codes

COLUMNS = ["customer_id", "name", "email", "spend_value", "referrals", "active_referrals",
           "referral_value", "total_value", "chain_referrals", "chain_value", "segment",
           "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score",
           "rfm_segment", "first_order_at", "last_order_at", "retained_90d", "nps_score",
           "spend_threshold", "referral_threshold"]
INT_COLUMNS = ["referrals", "active_referrals", "chain_referrals", "frequency"]
NULLABLE_INT_COLUMNS = ["recency_days", "r_score", "f_score", "m_score", "retained_90d",
                        "nps_score"]
FLOAT_COLUMNS = ["spend_value", "referral_value", "total_value", "chain_value", "monetary",
                 "spend_threshold", "referral_threshold"]


def check_params(lookback_days: int, percentile: float) -> None:
    if int(lookback_days) < 1:
        raise ValueError(f"The lookback must be at least 1 day, not {lookback_days}.")
    if not 0 < float(percentile) < 100:
        raise ValueError(
            f"The percentile must be between 0 and 100 (both excluded), not {percentile}.")


def customer_values(cur, scope: Scope, lookback_days: int = LOOKBACK_DAYS,
                    percentile: float = PERCENTILE, *, contacts: bool = True) -> pd.DataFrame:
    """One row per customer included in the window (see the module docstring for exactly who and
    how), in no particular order (sorting 100k rows is left to who needs it). Columns: COLUMNS.
    The row at position k of a sort by value is the same whatever order ties take, so the
    threshold needs no tie-break. `contacts=False` leaves name and email empty (cheaper)."""
    check_params(lookback_days, percentile)
    return normalise(values_rows(cur, scope, lookback_days, percentile, contacts))


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    """Stable dtypes whatever the engine returned (DuckDB, Spark, an empty result); columns that
    already have the right type are left alone (this runs on every call)."""
    if list(df.columns) != COLUMNS:
        df = df.reindex(columns=COLUMNS)
    for col, names in (("segment", SEGMENT_NAMES), ("rfm_segment", RFM_NAMES)):
        if df[col].dtype != object:  # codes from the SQL (an empty frame may hold no codes)
            codes = pd.to_numeric(df[col]).to_numpy()
            df[col] = names[codes.astype("int64")] if len(codes) else pd.Series(dtype=object)
    for col in INT_COLUMNS:
        if df[col].dtype != "int64":
            df[col] = pd.to_numeric(df[col]).fillna(0).astype("int64")
    for col in NULLABLE_INT_COLUMNS:
        if df[col].dtype != "Int64":
            df[col] = pd.to_numeric(df[col]).round().astype("Int64")
    for col in FLOAT_COLUMNS:
        if df[col].dtype != "float64":
            df[col] = pd.to_numeric(df[col]).astype("float64")
    for col in ("first_order_at", "last_order_at"):
        if not pd.api.types.is_datetime64_any_dtype(df[col]):
            df[col] = pd.to_datetime(df[col])
    return df


def threshold_rank(n: int, percentile: float) -> int:
    """k: the position (1 = largest) whose value is the 'high' threshold (Python twin of SQL)."""
    return math.ceil(n * (100 - percentile) / 100.0)


NOT_INCLUDED = "Not included"
PROMOTER_MIN, DETRACTOR_MAX = 9, 6
MAX_POINTS = 2000  # points drawn on the quadrant chart at most
TOP_POINTS = 200  # the most valuable customers are always drawn
ACTION_LIST_MAX = 50_000  # rows per action-list download at most (most important first)
ACTION_LISTS = ("thank_referrers", "vip", "ask_referral", "win_back")

# RFM groups on the 5 x 5 grid of recency (R) and frequency (F) scores; the first rule that
# matches wins. Documented on the page (segments.rfm_rules) and in this module's docstring.
RFM_RULES = (
    ("Champions", "R 4-5, F 4-5"),
    ("Loyal", "R 3-5, F 3-5"),
    ("New", "R 4-5, F 1"),
    ("Potential", "R 3-5, F 1-2"),
    ("At risk", "R 1-2, F 3-5"),
    ("Hibernating", "R 2, F 1-2"),
    ("Lost", "R 1, F 1-2"),
)


def rfm_group(r: int, f: int) -> str:
    """Python twin of the SQL CASE in queries.py (the grid chart and the pandas bench use it)."""
    if r >= 4 and f >= 4:
        return "Champions"
    if r >= 3 and f >= 3:
        return "Loyal"
    if r >= 4 and f == 1:
        return "New"
    if r >= 3:
        return "Potential"
    if f >= 3:
        return "At risk"
    if r == 2:
        return "Hibernating"
    return "Lost"


# -- segment table -----------------------------------------------------------------------------
def segment_summary(values: pd.DataFrame) -> pd.DataFrame:
    """Per segment (Champions, Spenders, Referrers, Others, then All): customers, share,
    revenue (own spend), referred customers, referred revenue, total value, survey respondents,
    NPS and promoter share of their latest scores, average score, 90-day retention."""
    score = values["nps_score"].astype("float64")
    retained = values["retained_90d"].astype("float64")
    v = pd.DataFrame({
        "segment": values["segment"].to_numpy(object),
        "revenue": values["spend_value"].to_numpy(float),
        "referred_customers": values["referrals"].to_numpy(np.int64),
        "referred_revenue": values["referral_value"].to_numpy(float),
        "total_value": values["total_value"].to_numpy(float),
        "respondents": score.notna().to_numpy(np.int64),
        "score_sum": score.fillna(0).to_numpy(float),
        "promoters": (score >= PROMOTER_MIN).to_numpy(np.int64),
        "detractors": (score <= DETRACTOR_MAX).to_numpy(np.int64),
        "retention_base": retained.notna().to_numpy(np.int64),
        "retained": retained.fillna(0).to_numpy(float),
    })
    sums = v.groupby("segment").sum()
    sums.loc["All"] = v.drop(columns="segment").sum()
    counts = v.groupby("segment").size()
    counts.loc["All"] = len(v)
    rows = sums.reindex([*SEGMENTS, "All"], fill_value=0)
    out = pd.DataFrame({"segment": rows.index})
    out["customers"] = counts.reindex(rows.index, fill_value=0).to_numpy(np.int64)
    out["share"] = out["customers"] / len(v) if len(v) else np.nan
    for col in ("revenue", "referred_revenue", "total_value"):
        out[col] = rows[col].to_numpy(float)
    out["referred_customers"] = rows["referred_customers"].to_numpy(np.int64)
    n = rows["respondents"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        promoters = np.where(n > 0, rows["promoters"].to_numpy(float) / n, np.nan)
        detractors = np.where(n > 0, rows["detractors"].to_numpy(float) / n, np.nan)
        out["respondents"] = n.astype(np.int64)
        out["avg_score"] = np.where(n > 0, rows["score_sum"].to_numpy(float) / n, np.nan)
        out["nps"] = (promoters - detractors) * 100
        out["promoter_share"] = promoters
        base = rows["retention_base"].to_numpy(float)
        out["retention_90d"] = np.where(base > 0, rows["retained"].to_numpy(float) / base,
                                        np.nan)
        out["retention_base"] = base.astype(np.int64)  # customers the 90-day rate rests on
    out = out[["segment", "customers", "share", "revenue", "referred_customers",
               "referred_revenue", "total_value", "respondents", "avg_score", "nps",
               "promoter_share", "retention_90d", "retention_base"]]
    return out


def previous_scope(scope: Scope, lookback_days: int) -> Scope:
    """The window just before: the same length, ending the day before this window starts."""
    return Scope(start=None, end=scope.as_of - timedelta(days=int(lookback_days)),
                 currency=scope.currency)


def year_scope(scope: Scope) -> Scope:
    """The same lookback window ending a year earlier (cx.scope.year_earlier of the analysis
    date); with a 365-day lookback and no 29 February between, it is the previous window."""
    return Scope(start=None, end=year_earlier(scope.as_of), currency=scope.currency)


@dataclass(frozen=True)
class WindowTotals:
    """A window's totals the page's key numbers compare (cx.segments.queries.value_sums)."""
    end: date
    customers: int  # included, as customer_values
    referrers: int  # with referral value above 0
    spend_value: float
    squares: float  # the included customers' squared order amounts, summed
    referral_value: float
    referred_squares: float  # the referred customers' (who bought) squared amounts, summed


@kept
def window_totals(cur, scope: Scope, lookback_days: int = LOOKBACK_DAYS
                  ) -> dict[str, WindowTotals | None]:
    """The totals of this window ("current"), the one just before ("previous") and the same
    window a year earlier ("year"): three small queries, not customer_values. A window is None
    when the data does not reach back to it (the first order is after its first day): a window
    the data covers only in part is never compared."""
    out = {}
    for name, s in (("current", scope), ("previous", previous_scope(scope, lookback_days)),
                    ("year", year_scope(scope))):
        sums = value_sums(cur, s, lookback_days)
        first = sums.pop("first_day")
        reached = name == "current" or (first is not None
                                        and first <= window_start(s, lookback_days))
        out[name] = WindowTotals(s.as_of, int(sums.pop("customers")),
                                 int(sums.pop("referrers")), **sums) if reached else None
    return out


def compare_windows(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """The segment summary of this window with the previous window's customers, share, revenue
    and total value beside it, and the change in customers."""
    cur, prev = segment_summary(now), segment_summary(before)
    prev = prev[["segment", "customers", "share", "revenue", "total_value"]].rename(columns={
        "customers": "customers_prev", "share": "share_prev", "revenue": "revenue_prev",
        "total_value": "total_value_prev"})
    out = cur.merge(prev, on="segment", how="left")
    out["customers_change"] = out["customers"] - out["customers_prev"]
    return out


def segment_moves(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """How customers moved between segments from the previous window to this one: one row per
    (before, now) pair with customers; "Not included" where a customer was not in a window."""
    a = before[["customer_id", "segment"]].rename(columns={"segment": "before"})
    b = now[["customer_id", "segment"]].rename(columns={"segment": "now"})
    both = a.merge(b, on="customer_id", how="outer")
    both[["before", "now"]] = both[["before", "now"]].fillna(NOT_INCLUDED)
    order = [*SEGMENTS, NOT_INCLUDED]
    moves = both.groupby(["before", "now"]).size().rename("customers").reset_index()
    moves["before"] = pd.Categorical(moves["before"], order, ordered=True)
    moves["now"] = pd.Categorical(moves["now"], order, ordered=True)
    return moves.sort_values(["before", "now"]).reset_index(drop=True).astype(
        {"before": str, "now": str})


# -- quadrant chart points ---------------------------------------------------------------------
def quadrant_points(values: pd.DataFrame, max_points: int = MAX_POINTS, top: int = TOP_POINTS,
                    seed: int = 7) -> tuple[pd.DataFrame, int]:
    """The customers to draw: everyone when there are at most `max_points`, otherwise the `top`
    by total value plus a fixed-seed random sample of the others. Returns (points, total)."""
    cols = ["customer_id", "name", "segment", "spend_value", "referral_value", "total_value",
            "referrals"]
    total = len(values)
    if total <= max_points:
        return values[cols].reset_index(drop=True), total
    order = np.argsort(-values["total_value"].to_numpy(), kind="stable")
    head = values.iloc[order[:top]]
    rest = values.iloc[order[top:]]
    sample = rest.sample(n=max_points - top, random_state=seed)
    return pd.concat([head, sample])[cols].reset_index(drop=True), total


def is_skewed(series: pd.Series) -> bool:
    """Log scale when the largest positive value is more than 10 times the median one (money
    values usually are: a few customers far above the rest)."""
    pos = series[series > 0]
    if len(pos) < 3:
        return False
    return float(pos.max()) / max(float(pos.median()), 1e-9) > 10


# -- RFM grid ----------------------------------------------------------------------------------
def rfm_grid(values: pd.DataFrame) -> pd.DataFrame:
    """All 25 (R, F) cells: customers, their average monetary value and the cell's group."""
    buyers = values[values["r_score"].notna()]
    counts = (buyers.groupby([buyers["r_score"].astype(int), buyers["f_score"].astype(int)])
              .agg(customers=("customer_id", "size"), avg_monetary=("monetary", "mean"))
              .reset_index())
    cells = pd.DataFrame([(r, f) for r in range(1, 6) for f in range(1, 6)],
                         columns=["r_score", "f_score"])
    out = cells.merge(counts, on=["r_score", "f_score"], how="left")
    out["customers"] = out["customers"].fillna(0).astype(int)
    out["group"] = [rfm_group(r, f) for r, f in zip(out["r_score"], out["f_score"])]
    return out


def rfm_group_table(values: pd.DataFrame) -> pd.DataFrame:
    """Per RFM group (and 'No purchases'): customers, share, revenue, average recency."""
    rows = []
    n = len(values)
    for name in (*RFM_GROUPS, NO_PURCHASES):
        g = values[values["rfm_segment"] == name]
        rows.append({"group": name, "customers": len(g), "share": len(g) / n if n else np.nan,
                     "revenue": float(g["monetary"].sum()),
                     "avg_recency_days": float(g["recency_days"].astype(float).mean())
                     if len(g) else np.nan})
    return pd.DataFrame(rows)


# -- referral chain and people lists -----------------------------------------------------------
def chain_leaders(values: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The referrers with the most referred revenue (direct), with their friends-of-friends."""
    refs = values[(values["referral_value"] > 0) | (values["chain_value"] > 0)]
    cols = ["customer_id", "name", "referrals", "referral_value", "chain_referrals",
            "chain_value", "spend_value"]
    return (refs.sort_values(["referral_value", "chain_value", "customer_id"],
                             ascending=[False, False, True])
            .head(top)[cols].reset_index(drop=True))


def advocates(values: pd.DataFrame, max_referrals: int = 0) -> pd.DataFrame:
    """Promoters (latest score 9-10 in the window) with at most `max_referrals` referred
    customers: the obvious people to ask for a referral. Highest spend first."""
    cols = ["customer_id", "name", "email", "nps_score", "referrals", "spend_value",
            "frequency", "last_order_at", "segment"]
    mask = ((values["nps_score"].astype("float64").fillna(-1) >= PROMOTER_MIN)
            & (values["referrals"] <= max_referrals))
    a = values.loc[mask.to_numpy(), cols]
    return a.sort_values(["spend_value", "customer_id"], ascending=[False, True]) \
        .reset_index(drop=True)


def action_lists(values: pd.DataFrame, max_referrals: int = 0) -> dict[str, pd.DataFrame]:
    """The four downloads: thank your referrers, VIP (Champions), ask for a referral (promoters
    with few referrals, then Spenders who never referred anyone and are not detractors), win back
    (RFM At risk). Each sorted by what makes the person matter, with name/email where known."""
    contact = ["customer_id", "name", "email"]

    def pick(mask, cols, by):
        rows = values.loc[np.asarray(mask, dtype=bool), contact + cols]
        return rows.sort_values([by, "customer_id"], ascending=[False, True])

    thank = pick(values["referral_value"] > 0,
                 ["referrals", "active_referrals", "referral_value", "chain_value"],
                 "referral_value")
    vip = pick(values["segment"] == "Champions",
               ["spend_value", "referral_value", "total_value", "nps_score"], "total_value")
    promoters = advocates(values, max_referrals).assign(reason="promoter")
    score = values["nps_score"].astype("float64").fillna(10)
    spenders = pick((values["segment"] == "Spenders") & (values["referrals"] == 0)
                    & (score > DETRACTOR_MAX)
                    & ~values["customer_id"].isin(promoters["customer_id"]),
                    ["nps_score", "referrals", "spend_value"], "spend_value")
    spenders = spenders.assign(reason="big spender")
    ask = pd.concat([promoters, spenders], ignore_index=True)[
        contact + ["reason", "nps_score", "referrals", "spend_value"]]
    win = pick(values["rfm_segment"] == "At risk",
               ["recency_days", "frequency", "monetary", "last_order_at"], "monetary")
    return {"thank_referrers": thank.reset_index(drop=True), "vip": vip.reset_index(drop=True),
            "ask_referral": ask.reset_index(drop=True), "win_back": win.reset_index(drop=True)}


# -- everything the page needs -----------------------------------------------------------------
@dataclass
class SegmentsView:
    as_of: date
    window_start: date
    previous_end: date
    lookback_days: int
    percentile: float
    customers: int
    spend_threshold: float | None
    referral_threshold: float | None
    referral_rows: int  # referrals in the data up to the analysis date (any window)
    unknown_referrals: int
    table: pd.DataFrame
    moves: pd.DataFrame
    points: pd.DataFrame
    points_total: int
    log_x: bool
    log_y: bool
    rfm_grid: pd.DataFrame
    rfm_groups: pd.DataFrame
    chain: pd.DataFrame
    chain_referrals: int
    chain_value: float
    advocates: pd.DataFrame
    advocates_total: int
    lists: dict[str, pd.DataFrame] = field(default_factory=dict)
    list_totals: dict[str, int] = field(default_factory=dict)
    # the key numbers' comparisons: window_totals, and the segment summary of the same window a
    # year earlier (None when the data does not reach back to it)
    totals: dict[str, WindowTotals | None] = field(default_factory=dict)
    year_table: pd.DataFrame | None = None

    @property
    def sampled(self) -> bool:
        return len(self.points) < self.points_total

    @property
    def has_referral_value(self) -> bool:
        return bool((self.table["referred_revenue"] > 0).any())


@kept
def segments_view(cur, scope: Scope, lookback_days: int = LOOKBACK_DAYS,
                  percentile: float = PERCENTILE, max_referrals: int = 0,
                  max_points: int = MAX_POINTS) -> SegmentsView:
    """Everything the page, the report and the overview read, from the two customer_values calls
    (this window and the one before): small frames, never 100,000 customers. The key numbers'
    year-ago side: window_totals, and the segments of the same window a year earlier for the
    Referrers' value ratio (the window before when that is the same window, as with a 365-day
    lookback; else a third customer_values call, without contacts)."""
    check_params(lookback_days, percentile)
    now = customer_values(cur, scope, lookback_days, percentile)
    prev_scope = previous_scope(scope, lookback_days)
    before = customer_values(cur, prev_scope, lookback_days, percentile, contacts=False)
    totals = window_totals(cur, scope, lookback_days)
    year_table = None
    if totals["year"] is not None:  # the Referrers' value ratio a year earlier: its segments
        y_scope = year_scope(scope)
        year_table = segment_summary(before if y_scope == prev_scope else customer_values(
            cur, y_scope, lookback_days, percentile, contacts=False))
    points, total = quadrant_points(now, max_points)
    lists = action_lists(now, max_referrals)
    adv = advocates(now, max_referrals)
    first = now.iloc[0] if len(now) else None
    return SegmentsView(
        as_of=scope.as_of, window_start=window_start(scope, lookback_days),
        previous_end=prev_scope.as_of, lookback_days=int(lookback_days),
        percentile=float(percentile), customers=len(now),
        spend_threshold=None if first is None else _num(first["spend_threshold"]),
        referral_threshold=None if first is None else _num(first["referral_threshold"]),
        referral_rows=referral_rows(cur, scope),
        unknown_referrals=unknown_referrals(cur, scope),
        table=compare_windows(now, before), moves=segment_moves(now, before),
        points=points, points_total=total,
        log_x=is_skewed(now["spend_value"]), log_y=is_skewed(now["referral_value"]),
        rfm_grid=rfm_grid(now), rfm_groups=rfm_group_table(now),
        chain=chain_leaders(now), chain_referrals=int(now["chain_referrals"].sum()),
        chain_value=float(now["chain_value"].sum()),
        advocates=adv.head(ACTION_LIST_MAX), advocates_total=len(adv),
        lists={k: v.head(ACTION_LIST_MAX) for k, v in lists.items()},
        list_totals={k: len(v) for k, v in lists.items()},
        totals=totals, year_table=year_table,
    )


def _num(x) -> float | None:
    return None if pd.isna(x) else float(x)
