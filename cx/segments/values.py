"""Customer values: spend, referral value, spender-vs-referrer segment and RFM, one row each.

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
  Credit rules: a customer referred by several people credits only the earliest referral (then
  the smallest referrer id), so no revenue is counted twice; self-referrals are ignored; a
  referral whose referrer is not a known customer (`unknown_referrals`) credits nobody: the
  referred customer is counted as a customer of their own.
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
* **nps_score**: the customer's latest survey score in the window (matched by customer id, else
  by the order id, else by email), NULL if none.
"""
from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.scope import TX_UNTIL_END, Scope
from cx.sql import PURCHASE
from cx.store import fetch_df, one

SEGMENTS = ("Champions", "Spenders", "Referrers", "Others")
RFM_GROUPS = ("Champions", "Loyal", "Potential", "New", "At risk", "Hibernating", "Lost")
NO_PURCHASES = "No purchases"
# The SQL returns segment and RFM group as small integers (indexes into these), mapped to their
# names in `normalise`: 75,000 short strings cost more to hand over to pandas than the numbers.
SEGMENT_NAMES = np.array(SEGMENTS, dtype=object)
RFM_NAMES = np.array([*RFM_GROUPS, NO_PURCHASES], dtype=object)
RETENTION_DAYS = 90

# The SQL of one customer_values call. Plain SQL (window functions, CASE, COALESCE) so the Spark
# engine runs it unchanged through SQLGlot.
VALUES_SQL = f"""
WITH history AS (
    SELECT customer_id,
           ROUND(SUM(CASE WHEN ordered_at >= $win_start THEN amount ELSE 0 END), 4)
               AS spend_value,
           SUM(CASE WHEN ordered_at >= $win_start AND {PURCHASE} THEN 1 ELSE 0 END)
               AS frequency,
           MIN(CASE WHEN {PURCHASE} THEN ordered_at END) AS first_order_at,
           MAX(CASE WHEN {PURCHASE} THEN ordered_at END) AS last_order_at
    FROM transactions
    WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}
    GROUP BY customer_id
),
own AS (SELECT customer_id, spend_value, frequency FROM history WHERE frequency > 0),
contacts AS (
    SELECT customer_id, MAX(name) AS name, MAX(email) AS email
    FROM customers GROUP BY customer_id
),
ref_ranked AS (
    SELECT r.referrer_id, r.referred_id,
           ROW_NUMBER() OVER (PARTITION BY r.referred_id
                              ORDER BY r.referred_at ASC NULLS LAST, r.referrer_id) AS pick
    FROM referrals r
    LEFT JOIN contacts kc ON kc.customer_id = r.referrer_id
    LEFT JOIN history kh ON kh.customer_id = r.referrer_id
    WHERE r.referrer_id <> r.referred_id
      AND (r.referred_at IS NULL OR r.referred_at < $end_excl)
      AND (kc.customer_id IS NOT NULL OR kh.customer_id IS NOT NULL)
),
ref AS (SELECT referrer_id, referred_id FROM ref_ranked WHERE pick = 1),
friend AS (
    SELECT ref.referrer_id, ref.referred_id, COALESCE(o.spend_value, 0) AS revenue,
           CASE WHEN o.customer_id IS NULL THEN 0 ELSE 1 END AS active
    FROM ref LEFT JOIN own o ON o.customer_id = ref.referred_id
),
refsum AS (
    SELECT referrer_id AS customer_id, COUNT(*) AS referrals,
           SUM(active) AS active_referrals, ROUND(SUM(revenue), 4) AS referral_value
    FROM friend GROUP BY referrer_id
),
chain AS (
    SELECT f1.referrer_id AS customer_id, COUNT(*) AS chain_referrals,
           ROUND(SUM(f2.revenue), 4) AS chain_value
    FROM ref f1 JOIN friend f2 ON f2.referrer_id = f1.referred_id
    WHERE f2.referred_id <> f1.referrer_id
    GROUP BY f1.referrer_id
),
included AS (
    SELECT COALESCE(h.customer_id, rs.customer_id) AS customer_id,
           COALESCE(h.spend_value, 0) AS spend_value,
           COALESCE(h.frequency, 0) AS frequency,
           COALESCE(rs.referrals, 0) AS referrals,
           COALESCE(rs.active_referrals, 0) AS active_referrals,
           COALESCE(rs.referral_value, 0) AS referral_value,
           h.first_order_at, h.last_order_at
    FROM history h
    FULL OUTER JOIN refsum rs ON rs.customer_id = h.customer_id
    WHERE h.frequency > 0 OR rs.active_referrals > 0
),
base AS (
    SELECT i.customer_id, i.spend_value, i.frequency, i.referrals, i.active_referrals,
           i.referral_value,
           COALESCE(ch.chain_referrals, 0) AS chain_referrals,
           COALESCE(ch.chain_value, 0) AS chain_value,
           i.first_order_at, i.last_order_at
    FROM included i LEFT JOIN chain ch ON ch.customer_id = i.customer_id
),
n_k AS (
    SELECT CAST(CEIL(COUNT(*) * (100 - $pct) / 100.0) AS BIGINT) AS k FROM base
),
spend_pos AS (
    SELECT spend_value, ROW_NUMBER() OVER (ORDER BY spend_value DESC) AS pos
    FROM base WHERE spend_value > 0
),
referral_pos AS (
    SELECT referral_value, ROW_NUMBER() OVER (ORDER BY referral_value DESC) AS pos
    FROM base WHERE referral_value > 0
),
spend_t AS (
    SELECT COALESCE(MAX(sp.spend_value), 0) AS spend_threshold
    FROM spend_pos sp JOIN n_k ON sp.pos = n_k.k
),
referral_t AS (
    SELECT COALESCE(MAX(rp.referral_value), 0) AS referral_threshold
    FROM referral_pos rp JOIN n_k ON rp.pos = n_k.k
),
thresholds AS (
    SELECT spend_t.spend_threshold, referral_t.referral_threshold
    FROM spend_t CROSS JOIN referral_t
),
flagged AS (
    SELECT b.*, t.spend_threshold, t.referral_threshold,
           CASE WHEN b.spend_value > 0 AND b.spend_value >= t.spend_threshold
                THEN 1 ELSE 0 END AS high_spend,
           CASE WHEN b.referral_value > 0 AND b.referral_value >= t.referral_threshold
                THEN 1 ELSE 0 END AS high_referral,
           CASE WHEN b.last_order_at IS NULL THEN NULL
                ELSE DATE_DIFF('day', CAST(b.last_order_at AS DATE), $as_of) END AS recency_days
    FROM base b CROSS JOIN thresholds t
),
f_counts AS (
    SELECT frequency, COUNT(*) AS c FROM flagged WHERE frequency > 0 GROUP BY frequency
),
f_ranks AS (
    SELECT frequency,
           SUM(c) OVER (ORDER BY frequency ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
               - c + 1 AS f_rank,
           SUM(c) OVER () AS n_buyers
    FROM f_counts
),
r_counts AS (
    SELECT recency_days, COUNT(*) AS c FROM flagged WHERE frequency > 0 GROUP BY recency_days
),
r_ranks AS (
    SELECT recency_days,
           SUM(c) OVER (ORDER BY recency_days DESC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - c + 1 AS r_rank
    FROM r_counts
),
buyers AS (
    SELECT f.customer_id, rr.r_rank, fr.f_rank, fr.n_buyers,
           RANK() OVER (ORDER BY f.spend_value ASC) AS m_rank
    FROM flagged f
    JOIN f_ranks fr ON fr.frequency = f.frequency
    JOIN r_ranks rr ON rr.recency_days = f.recency_days
    WHERE f.frequency > 0
),
scores AS (
    SELECT customer_id,
           CAST(LEAST(5, 1 + FLOOR(5.0 * (r_rank - 1) / GREATEST(n_buyers - 1, 1))) AS INTEGER)
               AS r_score,
           CAST(LEAST(5, 1 + FLOOR(5.0 * (f_rank - 1) / GREATEST(n_buyers - 1, 1))) AS INTEGER)
               AS f_score,
           CAST(LEAST(5, 1 + FLOOR(5.0 * (m_rank - 1) / GREATEST(n_buyers - 1, 1))) AS INTEGER)
               AS m_score
    FROM buyers
),
email_owner AS (
    SELECT LOWER(email) AS email_key, MIN(customer_id) AS customer_id
    FROM customers
    WHERE LOWER(email) IN (SELECT LOWER(email) FROM survey_responses
                           WHERE customer_id IS NULL AND email IS NOT NULL)
    GROUP BY LOWER(email)
),
order_owner AS (
    SELECT order_id, MIN(customer_id) AS customer_id
    FROM transactions
    WHERE customer_id IS NOT NULL
      AND order_id IN (SELECT order_id FROM survey_responses
                       WHERE customer_id IS NULL AND order_id IS NOT NULL)
    GROUP BY order_id
),
responses AS (
    SELECT s.customer_id, s.score, s.responded_at, s.response_id
    FROM survey_responses s
    WHERE s.customer_id IS NOT NULL
      AND s.responded_at >= $win_start AND s.responded_at < $end_excl
    UNION ALL
    SELECT COALESCE(oo.customer_id, eo.customer_id) AS customer_id,
           s.score, s.responded_at, s.response_id
    FROM survey_responses s
    LEFT JOIN order_owner oo ON oo.order_id = s.order_id
    LEFT JOIN email_owner eo ON eo.email_key = LOWER(s.email)
    WHERE s.customer_id IS NULL
      AND s.responded_at >= $win_start AND s.responded_at < $end_excl
),
latest_score AS (
    SELECT customer_id, score FROM (
        SELECT customer_id, score,
               ROW_NUMBER() OVER (PARTITION BY customer_id
                                  ORDER BY responded_at DESC, response_id DESC) AS pick
        FROM responses WHERE customer_id IS NOT NULL) x
    WHERE pick = 1
)
SELECT f.customer_id, c.name, c.email,
       f.spend_value, f.referrals, f.active_referrals, f.referral_value,
       f.spend_value + f.referral_value AS total_value,
       f.chain_referrals, f.chain_value,
       CASE WHEN f.high_spend = 1 AND f.high_referral = 1 THEN 0
            WHEN f.high_spend = 1 THEN 1
            WHEN f.high_referral = 1 THEN 2
            ELSE 3 END AS segment,  -- index into SEGMENTS
       f.recency_days, f.frequency, f.spend_value AS monetary,
       s.r_score, s.f_score, s.m_score,
       CASE WHEN s.r_score IS NULL THEN 7
            WHEN s.r_score >= 4 AND s.f_score >= 4 THEN 0
            WHEN s.r_score >= 3 AND s.f_score >= 3 THEN 1
            WHEN s.r_score >= 4 AND s.f_score = 1 THEN 3
            WHEN s.r_score >= 3 THEN 2
            WHEN s.f_score >= 3 THEN 4
            WHEN s.r_score = 2 THEN 5
            ELSE 6 END AS rfm_segment,  -- index into RFM_NAMES
       f.first_order_at, f.last_order_at,
       CASE WHEN f.first_order_at IS NULL OR f.first_order_at >= $retention_start THEN NULL
            WHEN f.last_order_at >= $retention_start THEN 1 ELSE 0 END AS retained_90d,
       ls.score AS nps_score,
       f.spend_threshold, f.referral_threshold
FROM flagged f
LEFT JOIN scores s ON s.customer_id = f.customer_id
LEFT JOIN contacts c ON c.customer_id = f.customer_id
LEFT JOIN latest_score ls ON ls.customer_id = f.customer_id
"""

# The same without the name/email lookup, for callers that only need the numbers.
VALUES_SQL_NO_CONTACTS = (VALUES_SQL
                          .replace("c.name, c.email,",
                                   "CAST(NULL AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS email,")
                          .replace("LEFT JOIN contacts c ON c.customer_id = f.customer_id\n", ""))

UNKNOWN_REFERRALS_SQL = """
SELECT COUNT(*) FROM referrals r
WHERE r.referrer_id <> r.referred_id
  AND (r.referred_at IS NULL OR r.referred_at < $end_excl)
  AND r.referrer_id NOT IN (
      SELECT customer_id FROM customers
      UNION SELECT customer_id FROM transactions WHERE customer_id IS NOT NULL)
"""

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


def window_params(scope: Scope, lookback_days: int) -> dict:
    """Named parameters of the window: the lookback ending at the analysis date."""
    as_of = scope.as_of
    win_start = as_of - timedelta(days=int(lookback_days) - 1)
    return {**scope.params(),
            "win_start": pd.Timestamp(win_start),
            "as_of": as_of,
            "retention_start": pd.Timestamp(as_of - timedelta(days=RETENTION_DAYS - 1))}


def window_start(scope: Scope, lookback_days: int) -> date:
    return scope.as_of - timedelta(days=int(lookback_days) - 1)


def customer_values(cur, scope: Scope, lookback_days: int = 365,
                    percentile: float = 75.0, *, contacts: bool = True) -> pd.DataFrame:
    """One row per customer included in the window (see the module docstring for exactly who and
    how), in no particular order (sorting 100k rows is left to who needs it). Columns: COLUMNS.
    The row at position k of a sort by value is the same whatever order ties take, so the
    threshold needs no tie-break. `contacts=False` leaves name and email empty (cheaper)."""
    check_params(lookback_days, percentile)
    params = {**window_params(scope, lookback_days), "pct": float(percentile)}
    df = fetch_df(cur, VALUES_SQL if contacts else VALUES_SQL_NO_CONTACTS, params)
    return normalise(df)


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


def unknown_referrals(cur, scope: Scope) -> int:
    """Referrals (up to the analysis date) whose referrer is not a known customer: they credit
    nobody (the page says how many)."""
    return int(one(cur, UNKNOWN_REFERRALS_SQL, scope.params())[0])


def threshold_rank(n: int, percentile: float) -> int:
    """k: the position (1 = largest) whose value is the 'high' threshold (Python twin of SQL)."""
    return math.ceil(n * (100 - percentile) / 100.0)
