"""Churn features per customer as of a cutoff date, computed in SQL from data up to that date only.

`cutoff` is a day: everything that happened on or before it is known, nothing after it is. A
customer belongs to the frame once they have a purchase (amount > 0) on or before the cutoff;
`lookback` keeps only customers whose last purchase is at most that many days old (the "active"
customers the model is about). Labels (DESIGN.md): churned = no purchase in the `horizon` days
after the cutoff.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from cx.cache import kept
from cx.store import fetch_df, one

# The inputs an owner can picture (and the what-if sliders move); derived columns follow from them.
NUMERIC_FEATURES = [
    "recency_days",      # days since the last purchase
    "frequency",         # purchases (orders with amount > 0)
    "avg_order_value",   # mean order amount
    "tenure_days",       # days since the first purchase (derived: recency + span)
    "mean_gap_days",     # mean days between purchase days (derived: span / (days - 1))
    "gap_cv",            # regularity: spread of the gaps / their mean (lower = more regular)
    "overdue_ratio",     # recency / mean gap (derived): > 1 means later than usual
    "last_gap_ratio",    # last gap / mean gap (derived): > 1 means slowing down
    "value_trend",       # mean of the last 3 orders / mean of all orders
    "channel_count",     # distinct order channels used
    "refund_count",      # refund rows (negative amounts)
    "discount_share",    # share of orders with a discount
    "nps_latest",        # latest survey score 0-10 (missing = never answered)
    "nps_mean",          # mean survey score
    "nps_responses",     # survey answers given
    "referrals_made",    # friends this customer referred
    "was_referred",      # 1 when the customer came through a referral
]
CATEGORICAL_FEATURES = ["acquisition_channel", "first_category", "main_channel"]
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES
# Columns the SQL returns besides features (for revenue, lists and groups).
EXTRA_COLUMNS = ["customer_id", "span_days", "purchase_days", "last_gap_days", "total_spend",
                 "first_channel", "last_purchase"]

FEATURES_SQL = """
WITH tx AS (
    SELECT customer_id, order_id, ordered_at, CAST(ordered_at AS DATE) AS day, amount, channel,
           discount, discount_code, product_category
    FROM transactions
    WHERE customer_id IS NOT NULL AND ordered_at < $cutoff_excl
      AND ($currency IS NULL OR currency = $currency OR currency IS NULL)
),
purchases AS (
    SELECT tx.*,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS rn_first,
           COUNT(*) OVER (PARTITION BY customer_id) AS n_orders
    FROM tx WHERE amount > 0
),
purchase_days AS (
    SELECT customer_id, day FROM purchases GROUP BY customer_id, day
),
gaps AS (
    SELECT customer_id,
           LAG(day) OVER (PARTITION BY customer_id ORDER BY day) AS prev_day, day
    FROM purchase_days
),
gap_stats AS (
    SELECT customer_id,
           COUNT(*) AS purchase_days,
           COUNT(prev_day) AS n_gaps,
           AVG(date_diff('day', prev_day, day)) AS mean_gap,
           STDDEV_POP(date_diff('day', prev_day, day)) AS sd_gap,
           date_diff('day', MAX(prev_day), MAX(day)) AS last_gap_days
    FROM gaps GROUP BY customer_id
),
base AS (
    SELECT customer_id,
           COUNT(*) AS frequency,
           MIN(day) AS first_day,
           MAX(day) AS last_day,
           SUM(amount) AS purchase_spend,
           AVG(amount) AS avg_order_value,
           AVG(CASE WHEN n_orders - rn_first < 3 THEN amount END) AS recent_order_value,
           AVG(CASE WHEN COALESCE(discount, 0) > 0 OR discount_code IS NOT NULL THEN 1.0 ELSE 0.0 END)
               AS discount_share,
           MAX(CASE WHEN rn_first = 1 THEN product_category END) AS first_category,
           MAX(CASE WHEN rn_first = 1 THEN channel END) AS first_channel
    FROM purchases GROUP BY customer_id
),
refunds AS (
    SELECT customer_id, COUNT(*) AS refund_count, SUM(amount) AS refund_total
    FROM tx WHERE amount < 0 GROUP BY customer_id
),
channel_counts AS (
    SELECT customer_id, channel,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY COUNT(*) DESC, channel) AS rn
    FROM purchases WHERE channel IS NOT NULL GROUP BY customer_id, channel
),
channel_stats AS (
    SELECT customer_id, COUNT(*) AS channel_count FROM channel_counts GROUP BY customer_id
),
order_owner AS (  -- only the orders that answers without a customer id point to
    SELECT order_id, MIN(customer_id) AS customer_id FROM tx
    WHERE order_id IN (SELECT order_id FROM survey_responses
                       WHERE customer_id IS NULL AND order_id IS NOT NULL)
    GROUP BY order_id
),
email_owner AS (
    SELECT LOWER(email) AS email, MIN(customer_id) AS customer_id
    FROM customers WHERE email IS NOT NULL AND email <> '' GROUP BY LOWER(email)
),
matched_surveys AS (  -- by customer id, else by the order answered about, else by email
    SELECT COALESCE(s.customer_id, oo.customer_id, eo.customer_id) AS customer_id, s.score,
           s.responded_at, s.response_id
    FROM survey_responses s
    LEFT JOIN order_owner oo ON s.customer_id IS NULL AND oo.order_id = s.order_id
    LEFT JOIN email_owner eo ON s.customer_id IS NULL AND eo.email = LOWER(s.email)
    WHERE s.responded_at < $cutoff_excl
),
surveys AS (
    SELECT customer_id, score,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY responded_at DESC, response_id DESC)
               AS rn
    FROM matched_surveys
    WHERE customer_id IS NOT NULL
),
nps AS (
    SELECT customer_id,
           MAX(CASE WHEN rn = 1 THEN score END) AS nps_latest,
           AVG(score) AS nps_mean,
           COUNT(*) AS nps_responses
    FROM surveys GROUP BY customer_id
),
referral_dates AS (
    SELECT r.referrer_id, r.referred_id, COALESCE(r.referred_at, b.first_day) AS referral_day
    FROM referrals r LEFT JOIN base b ON b.customer_id = r.referred_id
),
made AS (
    SELECT referrer_id AS customer_id, COUNT(DISTINCT referred_id) AS referrals_made
    FROM referral_dates WHERE referral_day < $cutoff_excl GROUP BY referrer_id
),
referred AS (
    SELECT DISTINCT referred_id AS customer_id FROM referral_dates WHERE referral_day < $cutoff_excl
),
profile AS (
    SELECT customer_id, MAX(acquisition_channel) AS acquisition_channel,
           MAX(CASE WHEN referred_by IS NOT NULL AND referred_by <> '' THEN 1 ELSE 0 END)
               AS referred_by_flag
    FROM customers GROUP BY customer_id
)
SELECT b.customer_id,
       date_diff('day', b.last_day, $cutoff) AS recency_days,
       b.frequency,
       b.avg_order_value,
       date_diff('day', b.first_day, b.last_day) AS span_days,
       g.purchase_days,
       CASE WHEN g.n_gaps >= 2 AND g.mean_gap > 0 THEN g.sd_gap / g.mean_gap END AS gap_cv,
       g.last_gap_days,
       CASE WHEN b.avg_order_value > 0 THEN b.recent_order_value / b.avg_order_value END
           AS value_trend,
       COALESCE(cs.channel_count, 0) AS channel_count,
       COALESCE(rf.refund_count, 0) AS refund_count,
       b.discount_share,
       n.nps_latest, n.nps_mean, COALESCE(n.nps_responses, 0) AS nps_responses,
       COALESCE(m.referrals_made, 0) AS referrals_made,
       CASE WHEN rd.customer_id IS NOT NULL OR p.referred_by_flag = 1 THEN 1 ELSE 0 END
           AS was_referred,
       COALESCE(p.acquisition_channel, 'unknown') AS acquisition_channel,
       COALESCE(b.first_category, 'unknown') AS first_category,
       COALESCE(cc.channel, 'unknown') AS main_channel,
       COALESCE(b.first_channel, 'unknown') AS first_channel,
       b.purchase_spend + COALESCE(rf.refund_total, 0) AS total_spend,
       b.last_day AS last_purchase
FROM base b
LEFT JOIN gap_stats g ON g.customer_id = b.customer_id
LEFT JOIN refunds rf ON rf.customer_id = b.customer_id
LEFT JOIN channel_counts cc ON cc.customer_id = b.customer_id AND cc.rn = 1
LEFT JOIN channel_stats cs ON cs.customer_id = b.customer_id
LEFT JOIN nps n ON n.customer_id = b.customer_id
LEFT JOIN made m ON m.customer_id = b.customer_id
LEFT JOIN referred rd ON rd.customer_id = b.customer_id
LEFT JOIN profile p ON p.customer_id = b.customer_id
WHERE $lookback IS NULL OR date_diff('day', b.last_day, $cutoff) < $lookback
ORDER BY b.customer_id
"""

LABELS_SQL = """
SELECT customer_id, COUNT(*) AS future_orders, SUM(amount) AS future_spend
FROM transactions
WHERE customer_id IS NOT NULL AND amount > 0
  AND ordered_at >= $cutoff_excl AND ordered_at < $horizon_end_excl
  AND ($currency IS NULL OR currency = $currency OR currency IS NULL)
GROUP BY customer_id
"""

GAPS_SQL = """
WITH d AS (
    SELECT customer_id, CAST(ordered_at AS DATE) AS day
    FROM transactions
    WHERE customer_id IS NOT NULL AND amount > 0 AND ordered_at < $cutoff_excl
      AND ($currency IS NULL OR currency = $currency OR currency IS NULL)
    GROUP BY customer_id, CAST(ordered_at AS DATE)
),
g AS (
    SELECT customer_id,
           date_diff('day', LAG(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap
    FROM d
),
w AS (  -- each repeat customer weighs 1 in all: 1/n on each of their n gaps
    SELECT gap, 1.0 / COUNT(*) OVER (PARTITION BY customer_id) AS weight
    FROM g WHERE gap IS NOT NULL
)
SELECT gap, COUNT(*) AS n, SUM(weight) AS weight FROM w GROUP BY gap ORDER BY gap
"""


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


SPAN_SQL = """
SELECT MIN(ordered_at) AS first_at, MAX(ordered_at) AS last_at
FROM transactions
WHERE customer_id IS NOT NULL AND amount > 0
  AND ($currency IS NULL OR currency = $currency OR currency IS NULL)
"""

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


def _ts(d: date) -> datetime:
    return datetime.combine(d, datetime.min.time())


def cutoff_params(cutoff: date, currency: str | None = None, lookback: int | None = None) -> dict:
    return {"cutoff": cutoff, "cutoff_excl": _ts(cutoff + timedelta(days=1)),
            "currency": currency, "lookback": lookback}


def derive(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the columns that follow from others (tenure, mean gap, overdue and slowing-down ratios),
    so the what-if can move an input and keep the rest consistent. Returns a new frame."""
    df = frame.copy()
    days = df["purchase_days"].astype(float)
    span = df["span_days"].astype(float)
    recency = df["recency_days"].astype(float)
    df["tenure_days"] = recency + span
    mean_gap = np.where(days > 1, span / np.maximum(days - 1, 1), np.nan)
    df["mean_gap_days"] = mean_gap
    with np.errstate(divide="ignore", invalid="ignore"):
        df["overdue_ratio"] = np.where(mean_gap > 0, recency / mean_gap, np.nan)
        df["last_gap_ratio"] = np.where(mean_gap > 0,
                                        df["last_gap_days"].astype(float) / mean_gap, np.nan)
    return df


def customer_features(cur, cutoff: date, currency: str | None = None,
                      lookback: int | None = None) -> pd.DataFrame:
    """One row per customer with a purchase on or before `cutoff` (and, with `lookback`, at most
    `lookback - 1` days before it): the model's features from data up to the cutoff only."""
    df = fetch_df(cur, FEATURES_SQL, cutoff_params(cutoff, currency, lookback))
    for col in ("recency_days", "frequency", "span_days", "purchase_days", "channel_count",
                "refund_count", "nps_responses", "referrals_made", "was_referred"):
        df[col] = df[col].astype("int64")
    for col in ("avg_order_value", "gap_cv", "last_gap_days", "value_trend", "discount_share",
                "nps_latest", "nps_mean", "total_spend"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in CATEGORICAL_FEATURES + ["first_channel", "customer_id"]:
        df[col] = df[col].astype(str)
    return derive(df)


def churn_labels(cur, customer_ids: pd.Series, cutoff: date, horizon: int,
                 currency: str | None = None) -> pd.DataFrame:
    """churned = 1 when the customer made no purchase in the `horizon` days after `cutoff`;
    also their orders and spend in that window."""
    params = {**cutoff_params(cutoff, currency),
              "horizon_end_excl": _ts(cutoff + timedelta(days=horizon + 1))}
    future = fetch_df(cur, LABELS_SQL, params)
    out = pd.DataFrame({"customer_id": customer_ids.astype(str).to_numpy()})
    out = out.merge(future.astype({"customer_id": str}), on="customer_id", how="left")
    out["future_orders"] = out["future_orders"].fillna(0).astype("int64")
    out["future_spend"] = out["future_spend"].fillna(0.0).astype(float)
    out["churned"] = (out["future_orders"] == 0).astype("int64")
    return out


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
    hist = fetch_df(cur, GAPS_SQL, cutoff_params(as_of, currency))
    n = int(hist["n"].sum()) if len(hist) else 0
    if n < 10:
        return DEFAULT_HORIZON
    return round_horizon(weighted_quantile(hist["gap"], hist["weight"], 0.9))


def history_days(first: date | None, as_of: date) -> int:
    """Days from the first purchase to the analysis date (0 without purchases, never negative)."""
    return max(0, (as_of - first).days) if first else 0


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


def default_horizon(cur, as_of: date, currency: str | None = None) -> int:
    """The horizon suggested by the gaps between purchases (suggested_horizon), or the longest
    horizon the history supports when the suggestion needs more history than there is: a year
    of orders whose customers buy twice a year gets 90 days now rather than 180 days next
    spring. The shortest horizon when the history supports none."""
    supported = supported_horizons(horizon_options(cur, as_of, currency))
    suggested = suggested_horizon(cur, as_of, currency)
    fitting = [h for h in supported if h <= suggested]
    return max(fitting) if fitting else min(supported)


def data_span(cur, currency: str | None = None) -> tuple[date | None, date | None]:
    row = one(cur, SPAN_SQL, {"currency": currency})
    if not row or row[0] is None:
        return None, None
    return pd.Timestamp(row[0]).date(), pd.Timestamp(row[1]).date()
