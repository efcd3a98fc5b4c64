"""Churn numbers from query results and from a fitted model's output, no sentences or figures:
features with their derived columns, labels, the horizons a history supports, risk bands, the
recency view, and what-ifs on a fitted bundle (one customer, winning back a share, detractors who
became passives) with what the model could learn from.

Labels (DESIGN.md): churned = no purchase (cx.sql.PURCHASE) in the `horizon` days after a cutoff.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cx.cache import kept
from cx.churn.model import REASON_GROUPS, apply_changes, derive, typical_values
from cx.churn.queries import (
    data_span,
    feature_rows,
    future_purchases,
    gap_histogram,
    recency_buckets,
)
from cx.stats import Z95

if TYPE_CHECKING:  # the bundle is defined by training, which reads this module
    from cx.churn.train import ChurnBundle

__all__ = ["DEFAULT_HORIZON", "DIMENSION_SIGNAL", "GROUP_DIMENSIONS", "HORIZON_CHOICES",
           "RISK_HIGH", "RISK_MEDIUM", "SIGNAL_SOURCES", "WHATIF_INPUTS", "churn_labels",
           "customer_features", "customer_row", "default_horizon", "detractors_to_passives",
           "expected_spend", "history_days", "history_needed", "horizon_options",
           "nps_group_of_scores", "recency_view", "risk_band", "round_horizon",
           "set_nps_latest", "signal_report", "suggested_horizon", "supported_horizons",
           "typical_customer", "weighted_quantile", "whatif", "win_back"]

RISK_HIGH = 0.7
RISK_MEDIUM = 0.3


# -- features and labels ---------------------------------------------------------------------------
def customer_features(cur, cutoff: date, currency: str | None = None,
                      lookback: int | None = None) -> pd.DataFrame:
    """One row per customer with a purchase on or before `cutoff` (and, with `lookback`, at most
    `lookback - 1` days before it): the model's features from data up to the cutoff only."""
    return derive(feature_rows(cur, cutoff, currency, lookback))


def churn_labels(cur, customer_ids: pd.Series, cutoff: date, horizon: int,
                 currency: str | None = None) -> pd.DataFrame:
    """churned = 1 when the customer made no purchase in the `horizon` days after `cutoff`;
    also their purchases and spend in that window."""
    future = future_purchases(cur, cutoff, horizon, currency)
    out = pd.DataFrame({"customer_id": customer_ids.astype(str).to_numpy()})
    out = out.merge(future.astype({"customer_id": str}), on="customer_id", how="left")
    out["future_orders"] = out["future_orders"].fillna(0).astype("int64")
    out["future_spend"] = out["future_spend"].fillna(0.0).astype(float)
    out["churned"] = (out["future_orders"] == 0).astype("int64")
    return out


def expected_spend(frame: pd.DataFrame, horizon: int) -> np.ndarray:
    """Typical spend over the horizon: spend so far per day of tenure (at least one horizon)."""
    tenure = np.maximum(frame["tenure_days"].to_numpy(float), float(horizon))
    return np.maximum(frame["total_spend"].to_numpy(float), 0.0) / tenure * horizon


# -- horizons --------------------------------------------------------------------------------------
HORIZON_CHOICES = (30, 60, 90, 180)
DEFAULT_HORIZON = 90
# History a horizon h needs (train.py's timeline): the backtest's model learns from customers as
# of as_of - 2h, so the data must reach 2h back, plus some history before that cutoff for those
# customers to have features at all: one horizon, at most WARMUP_DAYS. On the Online Retail
# orders (90-day horizon, history before the backtest's cutoff cut to 14, 30, 60, 90 or 180
# days) the backtest ROC AUC was 0.62, 0.70, 0.70, 0.72, 0.74: 2 weeks is too little, a month
# or two gives a usable model and more history improves it gradually. The rule used to be
# three horizons (540 days for 180), which kept a year of orders from any model at 180 days.
WARMUP_DAYS = 60


def history_needed(horizon: int) -> int:
    """Days from the first purchase to the analysis date that a horizon needs: two horizons
    (backtest, then training) and min(horizon, WARMUP_DAYS) before them. 30 -> 90, 60 -> 180,
    90 -> 240, 180 -> 420."""
    return 2 * int(horizon) + min(int(horizon), WARMUP_DAYS)


def weighted_quantile(values, weights, q: float) -> float:
    """The smallest value whose share of the total weight at or below it reaches q (the
    "inverted CDF" quantile, numpy.quantile(..., weights=, method="inverted_cdf")). The gaps come
    back as a weighted histogram, not a million rows."""
    values = np.asarray(values, dtype=float)
    cum = np.cumsum(np.asarray(weights, dtype=float))
    if len(values) == 0 or cum[-1] <= 0:
        return float("nan")
    # a share that lands exactly on q (e.g. 9 of 10 customers) counts as reaching it
    i = int(np.searchsorted(cum, q * cum[-1] * (1 - 1e-12), side="left"))
    return float(values[min(i, len(values) - 1)])


def round_horizon(days: float | None) -> int:
    """The nearest of 30/60/90/180 days (90 when unknown)."""
    if days is None or not np.isfinite(days) or days <= 0:
        return DEFAULT_HORIZON
    return min(HORIZON_CHOICES, key=lambda h: (abs(np.log(h / days)), -h))


@kept  # at 10M orders the gaps take 2.5 s, on the first page of every server
def suggested_horizon(cur, as_of: date, currency: str | None = None) -> int:
    """The horizon suggested by the data: about the 90th percentile of the gaps between a
    customer's purchase days, with every repeat customer weighing the same, rounded to
    30/60/90/180 days (90 when the data has fewer than 10 repeat purchases).

    Each customer's n gaps count 1/n each, so the percentile reads "for 9 in 10 repeat customers,
    a typical next purchase comes within this many days". Pooled over all gaps (each gap counting
    once), the few frequent buyers who make most of the gaps set the horizon alone: on the demo
    that gives 30 days, where a third of the repeat buyers labelled "churned" at a past date in
    fact bought again within the year; weighted per customer it gives 60 days (17%).
    """
    hist = gap_histogram(cur, as_of, currency)
    n = int(hist["n"].sum()) if len(hist) else 0
    if n < 10:
        return DEFAULT_HORIZON
    return round_horizon(weighted_quantile(hist["gap"], hist["weight"], 0.9))


def history_days(first: date | None, as_of: date) -> int:
    """Days from the first purchase to the analysis date (0 without purchases, never negative)."""
    return max(0, (as_of - first).days) if first else 0


@kept
def horizon_options(cur, as_of: date, currency: str | None = None) -> list[dict]:
    """Each of HORIZON_CHOICES with the history it needs and how many more days that is
    (0 when the data already covers it)."""
    first, _ = data_span(cur, currency)
    have = history_days(first, as_of)
    return [{"horizon": h, "needed_days": history_needed(h),
             "more_days": max(0, history_needed(h) - have)} for h in HORIZON_CHOICES]


def supported_horizons(options: list[dict]) -> list[int]:
    """The horizons the history covers; the shortest alone when none is (its page then says
    how much more history it needs)."""
    ok = [o["horizon"] for o in options if o["more_days"] == 0]
    return ok or [min(o["horizon"] for o in options)]


@kept  # the overview asks for it on every run
def default_horizon(cur, as_of: date, currency: str | None = None) -> int:
    """The horizon suggested by the gaps between purchases (suggested_horizon), or the longest
    horizon the history supports when the suggestion needs more history than there is: a year
    of orders whose customers buy twice a year gets 90 days now rather than 180 days next
    spring. The shortest horizon when the history supports none."""
    supported = supported_horizons(horizon_options(cur, as_of, currency))
    suggested = suggested_horizon(cur, as_of, currency)
    fitting = [h for h in supported if h <= suggested]
    return max(fitting) if fitting else min(supported)


# -- risk bands and groups -------------------------------------------------------------------------
def risk_band(p) -> np.ndarray:
    """"high" from RISK_HIGH, "medium" from RISK_MEDIUM, else "low"."""
    p = np.asarray(p, dtype=float)
    return np.where(p >= RISK_HIGH, "high", np.where(p >= RISK_MEDIUM, "medium", "low"))


def nps_group_of_scores(score) -> np.ndarray:
    """The NPS group of each latest score, as cx.sql.nps_group says it in SQL, and "none" for
    customers who never answered (the churn frames hold scores, not survey rows)."""
    s = pd.to_numeric(pd.Series(score), errors="coerce")
    return np.where(s.isna(), "none", np.where(s >= 9, "promoter",
                                               np.where(s >= 7, "passive", "detractor")))


GROUP_DIMENSIONS = ("acquisition_channel", "first_category", "first_channel", "nps_group",
                    "segment")
# The reason group whose inputs a group dimension comes from: a dimension is shown only when the
# model could use that signal (without a channel column everyone's first channel is "unknown").
DIMENSION_SIGNAL = {"acquisition_channel": "acquisition", "first_category": "first_product",
                    "first_channel": "channels", "nps_group": "nps"}
TYPICAL_DIMENSIONS = ("segment", "acquisition_channel", "nps_group")


def recency_view(cur, as_of: date, horizon: int, currency: str | None = None) -> pd.DataFrame:
    """Customers by days since their last purchase, in horizon-sized bands (1: within one
    horizon, 2: one to two, 3: two to four, 4: longer): counts and what they have spent."""
    df = recency_buckets(cur, as_of, horizon, currency)
    full = pd.DataFrame({"bucket": [1, 2, 3, 4]})
    out = full.merge(df, on="bucket", how="left").fillna(0)
    out["low"] = [0, horizon, 2 * horizon, 4 * horizon]
    out["high"] = [horizon - 1, 2 * horizon - 1, 4 * horizon - 1, None]
    for col in ("customers", "repeat_customers"):
        out[col] = out[col].astype("int64")
    return out


# -- what-ifs on a fitted bundle -------------------------------------------------------------------
def customer_row(bundle: ChurnBundle, customer_id: str) -> pd.DataFrame:
    row = bundle.scores[bundle.scores["customer_id"] == str(customer_id)]
    return row.reset_index(drop=True)


def typical_customer(bundle: ChurnBundle, group: str | None = None, value: str | None = None,
                     subset: pd.DataFrame | None = None) -> pd.DataFrame:
    """A one-row frame of the typical active customer (medians / most common values), optionally
    of one group (a column and its value, or a subset of the active customers)."""
    active = bundle.active
    if subset is not None and len(subset):
        active = subset
    elif group and value is not None:
        sub = active[active[group].astype(str) == str(value)]
        active = sub if len(sub) else active
    typical = typical_values(active)
    row = {k: [v] for k, v in typical.items()}
    row["customer_id"] = ["typical"]
    df = pd.DataFrame(row)
    df["frequency"] = max(1, round(float(df["frequency"].iloc[0])))
    df["purchase_days"] = max(1, min(round(float(df["purchase_days"].iloc[0])),
                                     int(df["frequency"].iloc[0])))
    if df["purchase_days"].iloc[0] > 1 and not df["span_days"].iloc[0] > 0:
        df["span_days"] = typical["mean_gap_days"] * (df["purchase_days"].iloc[0] - 1)
    if df["purchase_days"].iloc[0] > 1 and pd.isna(df["last_gap_days"].iloc[0]):
        df["last_gap_days"] = typical["mean_gap_days"]
    for col in ("total_spend", "first_channel"):
        df[col] = active[col].median() if col == "total_spend" else active[col].mode().iloc[0]
    return derive(df)


def whatif(bundle: ChurnBundle, row: pd.DataFrame, changes: dict) -> dict:
    """The model's probability for `row` with `changes` applied, next to the original, with the
    reasons for the changed customer (one batched predict; milliseconds)."""
    changed = apply_changes(row, changes, bundle.model.typical)
    explained = bundle.model.explain(pd.concat([derive(row), changed], ignore_index=True))
    original, new = explained.iloc[0], explained.iloc[1]
    effect_cols = [k for k in explained.columns if k.startswith("effect_")]
    return {"original": float(original["churn_probability"]),
            "probability": float(new["churn_probability"]),
            "reasons": tuple(new["reasons"]),
            "effects": {k[7:]: float(new[k]) for k in effect_cols},
            "original_effects": {k[7:]: float(original[k]) for k in effect_cols}}


def win_back(bundle: ChurnBundle, share: float) -> dict:
    """"Win back `share` of the high-risk customers": of the customers the model expects to lose
    among the high-risk ones (the sum of their probabilities), `share` stay; their expected spend
    over the horizon is kept."""
    high = bundle.active[bundle.active["churn_probability"] >= RISK_HIGH]
    expected_lost = float(high["churn_probability"].sum())
    revenue_lost = float((high["churn_probability"] * high["expected_spend"]).sum())
    return {"high_risk": int(len(high)), "expected_lost": expected_lost,
            "customers_kept": share * expected_lost, "revenue_kept": share * revenue_lost}


def set_nps_latest(frame: pd.DataFrame, value: float) -> pd.DataFrame:
    """Vectorised twin of apply_changes for the latest NPS answer (the mean moves with it)."""
    out = frame.copy()
    n = out["nps_responses"].astype(float)
    latest = out["nps_latest"].astype(float)
    answered = (n > 0) & latest.notna()
    out["nps_mean"] = np.where(answered, out["nps_mean"] + (value - latest) / np.maximum(n, 1),
                               value)
    out["nps_responses"] = np.where(answered, n, 1)
    out["nps_latest"] = float(value)
    return derive(out)


def detractors_to_passives(bundle: ChurnBundle, new_score: float = 7.0) -> dict:
    """"If detractors became passives": every active customer whose latest answer is 0-6 answers
    `new_score` instead; the model re-scores them and the difference in expected churners and
    in expected spend at risk over the horizon is what is kept.

    How sure: each detractor's change in probability is one draw of "what this does to a
    detractor like them"; the 95% interval of the total is n * mean +- Z95 * sd * sqrt(n).
    verdict "gain" when the whole interval is above zero and at least half a customer is kept,
    "loss" when it is all below zero (the model scores them riskier as passives), else "noise".
    The page states the numbers only for a gain, and says in words what the other two mean."""
    active = bundle.active
    det = active[active["nps_latest"] <= 6]
    if det.empty:
        return {"detractors": 0, "before": 0.0, "after": 0.0, "customers_kept": 0.0,
                "revenue_kept": 0.0, "low": 0.0, "high": 0.0, "verdict": "none"}
    p_new = bundle.model.predict(set_nps_latest(det, new_score))
    p_old = det["churn_probability"].to_numpy()
    spend = det["expected_spend"].to_numpy()
    diff = p_old - p_new  # positive: less likely to leave as a passive
    n = len(diff)
    kept_customers = float(diff.sum())
    half = Z95 * float(diff.std(ddof=1)) * np.sqrt(n) if n > 1 else abs(kept_customers)
    low, high = kept_customers - half, kept_customers + half
    if low > 0 and kept_customers >= 0.5:
        verdict = "gain"
    elif high < 0:
        verdict = "loss"
    else:
        verdict = "noise"
    return {"detractors": int(n), "before": float(p_old.mean()), "after": float(p_new.mean()),
            "customers_kept": kept_customers, "revenue_kept": float((diff * spend).sum()),
            "low": float(low), "high": float(high), "verdict": verdict}


# -- what the model could learn from ---------------------------------------------------------------
# What adds each reason group's inputs (churn.source.<key>), for the signals the model could not
# use: DESIGN.md's "absent is not zero" names the file that adds a missing number.
SIGNAL_SOURCES = {"recency": "orders", "history": "repeat_orders", "regularity": "repeat_orders",
                  "order_value": "orders", "channels": "tx_channel", "refunds": "refunds",
                  "discounts": "tx_discount", "nps": "surveys", "referrals_made": "referrals",
                  "referred": "referrals", "acquisition": "customers_channels",
                  "first_product": "tx_category"}
# what-if inputs (the page's sliders) and the reason group each moves
WHATIF_INPUTS = {"recency": "recency", "frequency": "history", "aov": "order_value",
                 "nps": "nps", "referrals": "referrals_made", "discount": "discounts"}


def signal_report(bundle: ChurnBundle) -> dict:
    """What the model in use learned from: the reason groups it used, and those it could not
    use (empty or constant in its training rows) with what would add them (SIGNAL_SOURCES);
    and the what-if inputs it can answer for."""
    used = list(bundle.model.groups)
    return {"used": used,
            "missing": [(g, SIGNAL_SOURCES[g]) for g in REASON_GROUPS if g not in used],
            "whatif": [k for k, g in WHATIF_INPUTS.items() if g in used]}
