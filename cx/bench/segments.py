"""The segments benchmark: customer values + segment table in DuckDB next to a vectorised pandas
version of exactly the same definitions (cx/segments/metrics.py), measured in the same run.

`pandas_customer_values` is also the test suite's independent check of the SQL on the demo data.
"""
from __future__ import annotations

import time
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.bench.timing import row, timed
from cx.scope import resolve_scope
from cx.segments.metrics import (
    COLUMNS,
    RETENTION_DAYS,
    customer_values,
    segment_summary,
    segments_view,
    threshold_rank,
)

__all__ = ["bench_rows", "pandas_customer_values", "pandas_segment_table"]

BUDGET_SECONDS = 0.2


def pandas_customer_values(data, as_of: date, lookback_days: int = 365,
                           percentile: float = 75.0, currency: str | None = None,
                           contacts: bool = True) -> pd.DataFrame:
    """customer_values computed with pandas from DemoData-like frames (transactions, referrals,
    customers, survey_responses). Same rules, same columns (name/email included unless
    `contacts` is False, as in the SQL)."""
    end_excl = pd.Timestamp(as_of + timedelta(days=1))
    win_start = pd.Timestamp(as_of - timedelta(days=lookback_days - 1))
    tx = data.transactions
    mask = tx["customer_id"].notna() & (tx["ordered_at"] < end_excl)
    if currency is not None:
        mask &= (tx["currency"] == currency) | tx["currency"].isna()
    t = tx.loc[mask, ["customer_id", "ordered_at", "amount"]]
    in_window = (t["ordered_at"] >= win_start).to_numpy()
    # a purchase (cx.sql.PURCHASE): above 0, or 0 (these frames come from no import that
    # could net refunds into orders, so an order of 0 is a free one); refunds are not
    bought = (t["amount"] >= 0).to_numpy()
    hist = (t.assign(w_amount=np.where(in_window, t["amount"].to_numpy(), 0.0),
                     w_n=(in_window & bought).astype(np.int64),
                     bought_at=t["ordered_at"].where(bought))
            .groupby("customer_id", sort=False)
            .agg(spend_value=("w_amount", "sum"), frequency=("w_n", "sum"),
                 first_order_at=("bought_at", "min"), last_order_at=("bought_at", "max")))
    hist["spend_value"] = hist["spend_value"].round(4)
    own = hist[hist["frequency"] > 0]

    customers = data.customers
    known = pd.Index(customers["customer_id"]).union(hist.index)
    r = data.referrals
    r = r[(r["referrer_id"] != r["referred_id"])
          & (r["referred_at"].isna() | (r["referred_at"] < end_excl))
          & r["referrer_id"].isin(known)]
    r = (r.sort_values(["referred_id", "referred_at", "referrer_id"], na_position="last")
         .drop_duplicates("referred_id"))
    friend = pd.DataFrame({
        "referrer_id": r["referrer_id"].to_numpy(), "referred_id": r["referred_id"].to_numpy(),
        "revenue": r["referred_id"].map(own["spend_value"]).fillna(0.0).to_numpy(),
        "active": r["referred_id"].isin(own.index).astype(np.int64).to_numpy()})
    refsum = friend.groupby("referrer_id").agg(
        referrals=("referred_id", "size"), active_referrals=("active", "sum"),
        referral_value=("revenue", "sum"))
    refsum["referral_value"] = refsum["referral_value"].round(4)
    chain = friend[["referrer_id", "referred_id"]].merge(
        friend.rename(columns={"referrer_id": "mid", "referred_id": "fof"}),
        left_on="referred_id", right_on="mid")
    chain = chain[chain["fof"] != chain["referrer_id"]]
    chain = chain.groupby("referrer_id").agg(chain_referrals=("fof", "size"),
                                             chain_value=("revenue", "sum"))
    chain["chain_value"] = chain["chain_value"].round(4)

    ids = own.index.union(refsum.index[refsum["active_referrals"] > 0])
    v = pd.DataFrame(index=ids)
    v.index.name = "customer_id"
    v = v.join(hist).join(refsum).join(chain)
    for col in ("spend_value", "referral_value", "chain_value"):
        v[col] = v[col].fillna(0.0)
    for col in ("frequency", "referrals", "active_referrals", "chain_referrals"):
        v[col] = v[col].fillna(0).astype(np.int64)

    n = len(v)
    k = threshold_rank(n, percentile)

    def kth_largest(values: np.ndarray) -> float:
        """The k-th largest positive value; 0 when fewer than k values are positive."""
        pos = values[values > 0]
        if k < 1 or k > len(pos):
            return 0.0
        return float(-np.partition(-pos, k - 1)[k - 1])

    spend_thr = kth_largest(v["spend_value"].to_numpy())
    ref_thr = kth_largest(v["referral_value"].to_numpy())
    high_s = (v["spend_value"] > 0) & (v["spend_value"] >= spend_thr)
    high_r = (v["referral_value"] > 0) & (v["referral_value"] >= ref_thr)
    v["segment"] = np.select([high_s & high_r, high_s, high_r],
                             ["Champions", "Spenders", "Referrers"], "Others")
    v["total_value"] = v["spend_value"] + v["referral_value"]
    v["recency_days"] = (pd.Timestamp(as_of) - v["last_order_at"].dt.normalize()).dt.days
    v["monetary"] = v["spend_value"]

    buyers = v[v["frequency"] > 0]
    nb = max(len(buyers) - 1, 1)

    def score(ranks: pd.Series) -> pd.Series:
        return np.minimum(5, 1 + np.floor(5.0 * (ranks - 1) / nb)).astype(np.int64)

    scores = pd.DataFrame({
        "r_score": score(buyers["recency_days"].rank(method="min", ascending=False)),
        "f_score": score(buyers["frequency"].rank(method="min")),
        "m_score": score(buyers["spend_value"].rank(method="min"))})
    v = v.join(scores)
    r_, f_ = v["r_score"].fillna(0).to_numpy(), v["f_score"].fillna(0).to_numpy()
    v["rfm_segment"] = np.select(
        [v["r_score"].isna().to_numpy(), (r_ >= 4) & (f_ >= 4), (r_ >= 3) & (f_ >= 3),
         (r_ >= 4) & (f_ == 1), r_ >= 3, f_ >= 3, r_ == 2],
        ["No purchases", "Champions", "Loyal", "New", "Potential", "At risk", "Hibernating"],
        "Lost")

    retention_start = pd.Timestamp(as_of - timedelta(days=RETENTION_DAYS - 1))
    eligible = v["first_order_at"].notna() & (v["first_order_at"] < retention_start)
    v["retained_90d"] = pd.array(
        np.where(eligible, (v["last_order_at"] >= retention_start).astype(int), 0), dtype="Int64")
    v.loc[~eligible, "retained_90d"] = pd.NA

    s = data.survey_responses
    s = s[(s["responded_at"] >= win_start) & (s["responded_at"] < end_excl)]
    order_owner = tx.dropna(subset=["customer_id"]).groupby("order_id")["customer_id"].min()
    email_owner = (customers.dropna(subset=["email"])
                   .assign(key=lambda d: d["email"].str.lower())
                   .groupby("key")["customer_id"].min())
    # cx.sql.matched_responses: a customer id known in customers or orders, else the order the
    # answer is about, else the e-mail
    known_ids = pd.Index(customers["customer_id"]).union(tx["customer_id"].dropna().unique())
    who = s["customer_id"].where(s["customer_id"].isin(known_ids))
    missing = who.isna()
    if missing.any():
        by_order = s.loc[missing, "order_id"].map(order_owner).astype(object)
        by_email = s.loc[missing, "email"].str.lower().map(email_owner).astype(object)
        who[missing] = by_order.where(by_order.notna(), by_email)
    latest = (s.assign(cid=who).dropna(subset=["cid"])
              .sort_values(["cid", "responded_at", "response_id"], ascending=[True, False, False])
              .drop_duplicates("cid").set_index("cid")["score"])
    v["nps_score"] = v.index.map(latest)
    if contacts:
        v = v.join(customers.groupby("customer_id")[["name", "email"]].max())
    else:
        v["name"], v["email"] = None, None
    v["spend_threshold"], v["referral_threshold"] = spend_thr, ref_thr
    return v.reset_index()[COLUMNS]


def pandas_segment_table(data, as_of: date, lookback_days: int = 365,
                         percentile: float = 75.0, contacts: bool = False) -> pd.DataFrame:
    return segment_summary(pandas_customer_values(data, as_of, lookback_days, percentile,
                                                  contacts=contacts))


def _cpu_seconds(fn) -> float:
    """CPU time of one call, every thread of this process (DuckDB's too): on a shared machine
    wall time swings with the load, CPU time much less."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def bench_rows(store, data) -> list[dict]:
    """`python -m cx bench` rows of the segments area."""
    cur = store.cursor()
    try:
        scope = resolve_scope(cur)
        # the segment table needs no names: both sides skip them (the next row has them)
        sql = lambda: segment_summary(customer_values(cur, scope, contacts=False))  # noqa: E731
        t_sql, values = timed(sql, repeat=5)
        cpu_sql = _cpu_seconds(sql)
        pandas = lambda: pandas_segment_table(data, scope.as_of)  # noqa: E731
        t_pd, _ = timed(pandas, repeat=2)
        cpu_pd = _cpu_seconds(pandas)
        named = lambda: customer_values(cur, scope)  # noqa: E731
        t_named, _ = timed(named, repeat=5)
        t_pd_named, _ = timed(lambda: pandas_customer_values(data, scope.as_of), repeat=2)
        t_view, view = timed(lambda: segments_view(cur, scope), repeat=2)
    finally:
        cur.close()
    customers = int(values.loc[values["segment"] == "All", "customers"].iloc[0])
    return [
        row("segments: customer values + segment table", t_sql, t_pd, BUDGET_SECONDS,
            f"{customers:,} customers; CPU {cpu_sql * 1000:.0f} ms vs pandas "
            f"{cpu_pd * 1000:.0f} ms"),
        row("segments: customer values with names/emails", t_named, t_pd_named, None,
            "for the action lists"),
        row("segments: whole page data (two windows)", t_view, None, None,
            f"{view.points_total:,} customers, {len(view.points):,} points drawn"),
    ]
