"""What the segments page, the report and the export show, built from `customer_values`.

Pure functions take the customer-values frame (or two: now and the previous window) and return
small frames; `segments_view` runs the two queries once and returns everything the page needs,
so the page's cache holds a few small frames, never 100,000 customers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.cache import kept
from cx.scope import Scope
from cx.segments.values import (NO_PURCHASES, RFM_GROUPS, SEGMENTS, check_params,
                                customer_values, unknown_referrals, window_start)
from cx.store import one

NOT_INCLUDED = "Not included"
PROMOTER_MIN, DETRACTOR_MAX = 9, 6
MAX_POINTS = 2000  # points drawn on the quadrant chart at most
TOP_POINTS = 200  # the most valuable customers are always drawn
ACTION_LIST_MAX = 50_000  # rows per action-list download at most (most important first)
ACTION_LISTS = ("thank_referrers", "vip", "ask_referral", "win_back")

# RFM groups on the 5 x 5 grid of recency (R) and frequency (F) scores; the first rule that
# matches wins. Documented on the page (segments.rfm_rules) and in values.py.
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
    """Python twin of the SQL CASE in values.py (the grid chart and the pandas bench use it)."""
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


def compare_windows(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """The segment summary of this window with the previous window's customers, share and total
    value beside it, and the change in customers."""
    cur, prev = segment_summary(now), segment_summary(before)
    prev = prev[["segment", "customers", "share", "total_value"]].rename(columns={
        "customers": "customers_prev", "share": "share_prev", "total_value": "total_value_prev"})
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

    @property
    def sampled(self) -> bool:
        return len(self.points) < self.points_total

    @property
    def has_referral_value(self) -> bool:
        return bool((self.table["referred_revenue"] > 0).any())


REFERRAL_ROWS_SQL = """
SELECT COUNT(*) FROM referrals WHERE referred_at IS NULL OR referred_at < $end_excl
"""


@kept
def segments_view(cur, scope: Scope, lookback_days: int = 365, percentile: float = 75.0,
                  max_referrals: int = 0, max_points: int = MAX_POINTS) -> SegmentsView:
    check_params(lookback_days, percentile)
    now = customer_values(cur, scope, lookback_days, percentile)
    prev_scope = previous_scope(scope, lookback_days)
    before = customer_values(cur, prev_scope, lookback_days, percentile, contacts=False)
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
        referral_rows=int(one(cur, REFERRAL_ROWS_SQL, scope.params())[0]),
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
    )


def _num(x) -> float | None:
    return None if pd.isna(x) else float(x)
