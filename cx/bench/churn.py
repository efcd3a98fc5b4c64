"""Churn rows of `python -m cx bench`: the feature query (vs vectorised pandas), training with
calibration and backtest, scoring everyone, and a one-row what-if."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from cx.bench.pages import TRAINING_BUDGET
from cx.bench.timing import row, timed
from cx.churn.metrics import customer_features, customer_row, whatif
from cx.churn.train import make_params, readiness, train_bundle

__all__ = ["bench_rows", "pandas_features"]


def pandas_features(transactions: pd.DataFrame, surveys: pd.DataFrame, referrals: pd.DataFrame,
                    cutoff: date) -> pd.DataFrame:
    """The core of the churn feature query (cx.churn.queries) written in vectorised pandas (the
    bench's comparison). A purchase is cx.sql.PURCHASE: an amount above 0, or 0 when nothing
    was refunded from it; survey answers count for the customer id they carry."""
    end = pd.Timestamp(cutoff + timedelta(days=1))
    tx = transactions[(transactions["ordered_at"] < end) & transactions["customer_id"].notna()]
    refunded = tx["refunded"].fillna(0) if "refunded" in tx else 0
    buy = tx[(tx["amount"] > 0) | ((tx["amount"] == 0) & (refunded == 0))].copy()
    buy["day"] = buy["ordered_at"].dt.normalize()
    buy = buy.sort_values(["customer_id", "ordered_at", "order_id"])
    g = buy.groupby("customer_id", sort=True)
    out = pd.DataFrame({
        "frequency": g.size(),
        "purchase_days": g["day"].nunique(),
        "first_day": g["day"].min(),
        "last_day": g["day"].max(),
        "avg_order_value": g["amount"].mean(),
        "channel_count": g["channel"].nunique(),
        "discount_share": ((buy["discount"].fillna(0) > 0) | buy["discount_code"].notna())
        .groupby(buy["customer_id"]).mean(),
    })
    out["recent_order_value"] = g.tail(3).groupby("customer_id")["amount"].mean()
    out["value_trend"] = out["recent_order_value"] / out["avg_order_value"]
    days = buy[["customer_id", "day"]].drop_duplicates()
    days["gap"] = days.groupby("customer_id")["day"].diff().dt.days
    gs = days.groupby("customer_id")["gap"]
    out["mean_gap"] = gs.mean()
    out["gap_cv"] = (gs.std(ddof=0) / out["mean_gap"]).where(gs.count() >= 2)
    out["last_gap_days"] = gs.last()
    out["recency_days"] = (pd.Timestamp(cutoff) - out["last_day"]).dt.days
    out["span_days"] = (out["last_day"] - out["first_day"]).dt.days
    sv = surveys[(surveys["responded_at"] < end) & surveys["customer_id"].notna()]
    sv = sv.sort_values(["customer_id", "responded_at", "response_id"])
    sg = sv.groupby("customer_id")["score"]
    out["nps_latest"] = sg.last()
    out["nps_mean"] = sg.mean()
    out["nps_responses"] = sg.size().reindex(out.index).fillna(0)
    made = referrals[referrals["referred_at"] < end].groupby("referrer_id")["referred_id"].nunique()
    out["referrals_made"] = made.reindex(out.index).fillna(0)
    return out.reset_index()


def bench_rows(store, data) -> list[dict]:
    cur = store.cursor()
    try:
        params = make_params(cur)
        ready = readiness(cur, params)
        if not ready.ok:
            return [row("churn: not enough data for a model", None, note=str(ready))]
        t_sql, frame = timed(lambda: customer_features(cur, params.as_of, params.currency), 3)
        t_pd, pframe = timed(lambda: pandas_features(data.transactions, data.survey_responses,
                                                     data.referrals, params.as_of), 1)
        t_train, bundle = timed(lambda: train_bundle(cur, params), 1)
    finally:
        cur.close()
    t_score, _ = timed(lambda: bundle.model.predict(bundle.scores), 3)
    one = customer_row(bundle, bundle.active["customer_id"].iloc[0])
    changes = {"recency_days": int(one["recency_days"].iloc[0]) + 30, "frequency": 5}
    whatif(bundle, one, changes)  # warm-up
    t_whatif, _ = timed(lambda: whatif(bundle, one, changes), 20)
    m = bundle.backtest.metrics.set_index("model")
    auc = " ".join(f"{k}={m.loc[k, 'roc_auc']:.3f}" for k in m.index)
    return [
        row(f"churn features as of {params.as_of} ({len(frame):,} customers)", t_sql, t_pd, None,
            f"pandas rows {len(pframe):,}"),
        row(f"churn train+calibrate+backtest (h={params.horizon}d)", t_train, None, TRAINING_BUDGET,
            f"train rows {bundle.model.n_train:,}; AUC {auc}"),
        row(f"churn score {len(bundle.scores):,} customers", t_score, None, None),
        row("churn what-if, one customer (predict+reasons)", t_whatif, None, 0.02),
    ]
