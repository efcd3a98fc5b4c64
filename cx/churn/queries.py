"""The churn area's SQL, each query next to the function that runs it: features per customer as
of a cutoff, what they bought after it (labels), the gaps between purchase days, the span of the
data, the readiness counts, the recency bands and the risk list's contact details.

`cutoff` is a day: everything that happened on or before it is known, nothing after it is. A
purchase is cx.sql.PURCHASE (a free order not refunded is one); survey answers are matched to
customers by cx.sql.matched_responses, as on every page.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from cx.sql import PURCHASE, matched_responses
from cx.store import fetch_df, one

__all__ = ["CATEGORICAL_COLUMNS", "contacts", "cutoff_params", "data_span", "database_file",
           "feature_rows", "future_purchases", "gap_histogram", "readiness_counts",
           "recency_buckets"]

IN_CURRENCY = "($currency IS NULL OR currency = $currency OR currency IS NULL)"

FEATURES_SQL = f"""
WITH tx AS (
    SELECT customer_id, order_id, ordered_at, CAST(ordered_at AS DATE) AS day, amount, refunded,
           channel, discount, discount_code, product_category
    FROM transactions
    WHERE customer_id IS NOT NULL AND ordered_at < $cutoff_excl AND {IN_CURRENCY}
),
purchases AS (
    SELECT tx.*,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS rn_first,
           COUNT(*) OVER (PARTITION BY customer_id) AS n_orders
    FROM tx WHERE {PURCHASE}
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
           AVG(CAST(CASE WHEN COALESCE(discount, 0) > 0 OR discount_code IS NOT NULL THEN 1 ELSE 0 END
                    AS DOUBLE))
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
{matched_responses("responded_at < $cutoff_excl")},
surveys AS (
    SELECT cid AS customer_id, score,
           ROW_NUMBER() OVER (PARTITION BY cid ORDER BY responded_at DESC, response_id DESC)
               AS rn
    FROM matched
    WHERE cid IS NOT NULL
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

INT_COLUMNS = ("recency_days", "frequency", "span_days", "purchase_days", "channel_count",
               "refund_count", "nps_responses", "referrals_made", "was_referred")
FLOAT_COLUMNS = ("avg_order_value", "gap_cv", "last_gap_days", "value_trend", "discount_share",
                 "nps_latest", "nps_mean", "total_spend")
CATEGORICAL_COLUMNS = ("acquisition_channel", "first_category", "main_channel")
TEXT_COLUMNS = (*CATEGORICAL_COLUMNS, "first_channel", "customer_id")


def midnight(d: date) -> datetime:
    return datetime.combine(d, datetime.min.time())


def cutoff_params(cutoff: date, currency: str | None = None, lookback: int | None = None) -> dict:
    """$cutoff (the day), $cutoff_excl (the next midnight), $currency and $lookback."""
    return {"cutoff": cutoff, "cutoff_excl": midnight(cutoff + timedelta(days=1)),
            "currency": currency, "lookback": lookback}


def feature_rows(cur, cutoff: date, currency: str | None = None,
                 lookback: int | None = None) -> pd.DataFrame:
    """One row per customer with a purchase on or before `cutoff` (and, with `lookback`, at most
    `lookback - 1` days before it), typed: the model's inputs before derived columns
    (cx.churn.model.derive) are added."""
    df = fetch_df(cur, FEATURES_SQL, cutoff_params(cutoff, currency, lookback))
    for col in INT_COLUMNS:
        df[col] = df[col].astype("int64")
    for col in FLOAT_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in TEXT_COLUMNS:
        df[col] = df[col].astype(str)
    return df


LABELS_SQL = f"""
SELECT customer_id, COUNT(*) AS future_orders, SUM(amount) AS future_spend
FROM transactions
WHERE customer_id IS NOT NULL AND {PURCHASE}
  AND ordered_at >= $cutoff_excl AND ordered_at < $horizon_end_excl
  AND {IN_CURRENCY}
GROUP BY customer_id
"""


def future_purchases(cur, cutoff: date, horizon: int, currency: str | None = None) -> pd.DataFrame:
    """Per customer who bought in the `horizon` days after `cutoff`: their purchases and spend."""
    params = {**cutoff_params(cutoff, currency),
              "horizon_end_excl": midnight(cutoff + timedelta(days=horizon + 1))}
    return fetch_df(cur, LABELS_SQL, params)


GAPS_SQL = f"""
WITH d AS (
    SELECT customer_id, CAST(ordered_at AS DATE) AS day
    FROM transactions
    WHERE customer_id IS NOT NULL AND {PURCHASE} AND ordered_at < $cutoff_excl
      AND {IN_CURRENCY}
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


def gap_histogram(cur, as_of: date, currency: str | None = None) -> pd.DataFrame:
    """The gaps in days between a customer's purchase days up to `as_of` (gap, n, weight: every
    repeat customer weighs 1 in all), a weighted histogram rather than a row per gap."""
    return fetch_df(cur, GAPS_SQL, cutoff_params(as_of, currency))


SPAN_SQL = f"""
SELECT MIN(ordered_at) AS first_at, MAX(ordered_at) AS last_at
FROM transactions
WHERE customer_id IS NOT NULL AND {PURCHASE} AND {IN_CURRENCY}
"""


def data_span(cur, currency: str | None = None) -> tuple[date | None, date | None]:
    """The days of the first and the last purchase in the data (None, None without any)."""
    row = one(cur, SPAN_SQL, {"currency": currency})
    if not row or row[0] is None:
        return None, None
    return pd.Timestamp(row[0]).date(), pd.Timestamp(row[1]).date()


READINESS_SQL = f"""
WITH last_buy AS (
    SELECT customer_id, MAX(CAST(ordered_at AS DATE)) AS last_day
    FROM transactions
    WHERE customer_id IS NOT NULL AND {PURCHASE} AND ordered_at < $cut_excl AND {IN_CURRENCY}
    GROUP BY customer_id
),
pop AS (SELECT customer_id FROM last_buy WHERE date_diff('day', last_day, $cut) < $lookback),
came_back AS (
    SELECT DISTINCT customer_id FROM transactions
    WHERE customer_id IS NOT NULL AND {PURCHASE}
      AND ordered_at >= $cut_excl AND ordered_at < $label_end_excl AND {IN_CURRENCY}
)
SELECT COUNT(*) AS customers,
       COUNT(*) - COUNT(cb.customer_id) AS churned,
       COUNT(cb.customer_id) AS stayed
FROM pop LEFT JOIN came_back cb ON cb.customer_id = pop.customer_id
"""


def readiness_counts(cur, cut: date, label_end: date, lookback: int,
                     currency: str | None = None) -> tuple[int, int, int]:
    """Customers active at `cut` (a purchase in the `lookback` days up to it), and of them how
    many bought nothing by `label_end` (churned) and how many did (stayed)."""
    row = one(cur, READINESS_SQL, {
        "cut": cut, "cut_excl": midnight(cut + timedelta(days=1)),
        "label_end_excl": midnight(label_end + timedelta(days=1)),
        "lookback": lookback, "currency": currency})
    customers, churned, stayed = (int(v or 0) for v in row)
    return customers, churned, stayed


RECENCY_SQL = f"""
WITH last_buy AS (
    SELECT customer_id, MAX(CAST(ordered_at AS DATE)) AS last_day,
           COUNT(*) AS orders, SUM(amount) AS spend
    FROM transactions
    WHERE customer_id IS NOT NULL AND {PURCHASE} AND ordered_at < $cutoff_excl AND {IN_CURRENCY}
    GROUP BY customer_id
),
b AS (
    SELECT CASE WHEN date_diff('day', last_day, $cutoff) < $h THEN 1
                WHEN date_diff('day', last_day, $cutoff) < 2 * $h THEN 2
                WHEN date_diff('day', last_day, $cutoff) < 4 * $h THEN 3
                ELSE 4 END AS bucket,
           orders, spend
    FROM last_buy
)
SELECT bucket, COUNT(*) AS customers, SUM(spend) AS spend,
       SUM(CASE WHEN orders > 1 THEN 1 ELSE 0 END) AS repeat_customers
FROM b GROUP BY bucket ORDER BY bucket
"""


def recency_buckets(cur, as_of: date, horizon: int, currency: str | None = None) -> pd.DataFrame:
    """Customers by days since their last purchase in horizon-sized bands (bucket 1: within one
    horizon, 2: one to two, 3: two to four, 4: longer), only the bands that have customers."""
    return fetch_df(cur, RECENCY_SQL, {**cutoff_params(as_of, currency), "h": int(horizon)})


CONTACTS_SQL = """
SELECT customer_id, MAX(name) AS name, MAX(email) AS email
FROM customers WHERE customer_id IN (SELECT UNNEST($ids)) GROUP BY customer_id
"""


def contacts(cur, ids: list[str]) -> pd.DataFrame:
    """Name and e-mail of these customers (those in the customers file)."""
    return fetch_df(cur, CONTACTS_SQL, {"ids": list(ids)})


def database_file(cur) -> str | None:
    """The database file this cursor reads (resolved), None for an in-memory database:
    the key of a fit running in the background for that database (DuckDB cursors only)."""
    row = one(cur, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")
    return str(Path(row[0]).resolve()) if row and row[0] else None
