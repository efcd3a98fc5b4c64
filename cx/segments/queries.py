"""The segments area's SQL, each next to the function that runs it (no pandas beyond reading the
result, no sentences, no figures). The definitions in words: cx/segments/metrics.py.

The SQL is plain (window functions, CASE, COALESCE) so the Spark engine runs it unchanged through
SQLGlot. Referral credit is cx.sql.credited_referrals and survey matching cx.sql.matched_responses,
the same rules every page uses.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from cx.scope import TX_UNTIL_END, Scope, day_window, year_earlier
from cx.sql import PURCHASE, credited_referrals, matched_responses
from cx.store import fetch_df, one

__all__ = ["NO_PURCHASES", "RETENTION_DAYS", "RFM_GROUPS", "SEGMENTS", "referral_rows",
           "referred_revenue_rows", "unknown_referrals", "values_rows", "value_sums",
           "window_customer_counts",
           "window_customers",
           "window_params", "window_start"]

SEGMENTS = ("Champions", "Spenders", "Referrers", "Others")
RFM_GROUPS = ("Champions", "Loyal", "Potential", "New", "At risk", "Hibernating", "Lost")
NO_PURCHASES = "No purchases"
RETENTION_DAYS = 90
# Survey answers a customer's latest score is taken from: those in the window.
ANSWERS_IN_WINDOW = "responded_at >= $win_start AND responded_at < $end_excl"

# One customer_values call. It returns segment and RFM group as small integers, indexes into
# SEGMENTS and (*RFM_GROUPS, NO_PURCHASES), which cx.segments.metrics.normalise names: 75,000
# short strings cost more to hand over to pandas than the numbers.
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
{credited_referrals()},
friend AS (
    SELECT ref.referrer_id, ref.referred_id, COALESCE(o.spend_value, 0) AS revenue,
           CASE WHEN o.customer_id IS NULL THEN 0 ELSE 1 END AS active
    FROM credited ref LEFT JOIN own o ON o.customer_id = ref.referred_id
),
refsum AS (
    SELECT referrer_id AS customer_id, COUNT(*) AS referrals,
           SUM(active) AS active_referrals, ROUND(SUM(revenue), 4) AS referral_value
    FROM friend GROUP BY referrer_id
),
chain AS (
    SELECT f1.referrer_id AS customer_id, COUNT(*) AS chain_referrals,
           ROUND(SUM(f2.revenue), 4) AS chain_value
    FROM credited f1 JOIN friend f2 ON f2.referrer_id = f1.referred_id
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
{matched_responses(ANSWERS_IN_WINDOW)},
latest_score AS (
    SELECT customer_id, score FROM (
        SELECT cid AS customer_id, score,
               ROW_NUMBER() OVER (PARTITION BY cid
                                  ORDER BY responded_at DESC, response_id DESC) AS pick
        FROM matched WHERE cid IS NOT NULL) x
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
            ELSE 6 END AS rfm_segment,  -- index into (*RFM_GROUPS, NO_PURCHASES)
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


def window_start(scope: Scope, lookback_days: int) -> date:
    """The first day of the window: `lookback_days` days ending at the analysis date."""
    return scope.as_of - timedelta(days=int(lookback_days) - 1)


def window_params(scope: Scope, lookback_days: int) -> dict:
    """Named parameters of the window: the lookback ending at the analysis date."""
    as_of = scope.as_of
    return {**scope.params(),
            "win_start": pd.Timestamp(window_start(scope, lookback_days)),
            "as_of": as_of,
            "retention_start": pd.Timestamp(as_of - timedelta(days=RETENTION_DAYS - 1))}


def values_rows(cur, scope: Scope, lookback_days: int, percentile: float,
                contacts: bool = True) -> pd.DataFrame:
    """The raw result of VALUES_SQL (segment and RFM group as codes; cx.segments.metrics
    .customer_values gives them names and stable dtypes)."""
    params = {**window_params(scope, lookback_days), "pct": float(percentile)}
    return fetch_df(cur, VALUES_SQL if contacts else VALUES_SQL_NO_CONTACTS, params)


# The few totals of one window that the page's key numbers compare (cx.segments.metrics
# .window_totals), without customer_values' per-customer rows: who is included, spend value and
# referral value exactly as VALUES_SQL defines them (`history`, `own`, `friend`, `included`), and
# the sums of squared order amounts of the referred customers who bought and of every other
# included customer (their variance, cx.stats). `first_day`: the first order day in the data.
VALUE_SUMS_SQL = f"""
WITH history AS (
    SELECT customer_id, SUM(amount) AS spend_value, SUM(amount * amount) AS squares,
           SUM(CASE WHEN {PURCHASE} THEN 1 ELSE 0 END) AS frequency
    FROM transactions
    WHERE customer_id IS NOT NULL AND ordered_at >= $win_start AND {TX_UNTIL_END}
    GROUP BY customer_id
),
own AS (SELECT customer_id, spend_value, squares FROM history WHERE frequency > 0),
{credited_referrals()},
friend AS (
    SELECT ref.referrer_id, o.spend_value, o.squares
    FROM credited ref JOIN own o ON o.customer_id = ref.referred_id
),
refsum AS (
    SELECT referrer_id AS customer_id, SUM(spend_value) AS referral_value FROM friend
    GROUP BY referrer_id
),
included AS (
    SELECT COALESCE(h.spend_value, 0) AS spend_value, COALESCE(h.squares, 0) AS squares,
           COALESCE(rs.referral_value, 0) AS referral_value
    FROM history h
    FULL OUTER JOIN refsum rs ON rs.customer_id = h.customer_id
    WHERE h.frequency > 0 OR rs.customer_id IS NOT NULL
)
SELECT COUNT(*) AS customers,
       SUM(CASE WHEN ROUND(referral_value, 4) > 0 THEN 1 ELSE 0 END) AS referrers,
       SUM(spend_value) AS spend_value, SUM(squares) AS squares,
       (SELECT SUM(spend_value) FROM friend) AS referral_value,
       (SELECT SUM(squares) FROM friend) AS referred_squares,
       (SELECT CAST(MIN(ordered_at) AS DATE) FROM transactions WHERE {TX_UNTIL_END}) AS first_day
FROM included
"""


def value_sums(cur, scope: Scope, lookback_days: int) -> dict:
    """VALUE_SUMS_SQL for the `lookback_days` days ending at scope.end: customers (included, as
    customer_values), referrers (with referral value above 0: the thank-your-referrers list),
    spend_value, squares (of every included customer's orders), referral_value,
    referred_squares (of the referred customers' orders) and first_day."""
    row = one(cur, VALUE_SUMS_SQL, window_params(scope, lookback_days))
    names = ("customers", "referrers", "spend_value", "squares", "referral_value",
             "referred_squares")
    out = {k: float(v or 0) for k, v in zip(names, row)}
    out["first_day"] = None if row[6] is None else pd.Timestamp(row[6]).date()
    return out


UNKNOWN_REFERRALS_SQL = f"""
WITH {credited_referrals()}
SELECT COUNT(*) FROM referrals r
WHERE r.referrer_id <> r.referred_id
  AND (r.referred_at IS NULL OR r.referred_at < $end_excl)
  AND r.referrer_id NOT IN (SELECT customer_id FROM referrer_known)
"""


def unknown_referrals(cur, scope: Scope) -> int:
    """Referrals (up to the analysis date) whose referrer is not a known customer: they credit
    nobody (the page says how many)."""
    return int(one(cur, UNKNOWN_REFERRALS_SQL, scope.params())[0])


REFERRAL_ROWS_SQL = """
SELECT COUNT(*) FROM referrals WHERE referred_at IS NULL OR referred_at < $end_excl
"""


def referral_rows(cur, scope: Scope) -> int:
    """Referrals in the data up to the analysis date (any window, any referrer)."""
    return int(one(cur, REFERRAL_ROWS_SQL, scope.params())[0])


# Revenue per day bucket: the current window, the one before, and calendar months for the
# trend; "referred" = ordered by a customer who earns someone a referral credit
# (cx.sql.credited_referrals, as in customer_values).
REFERRED_REVENUE_SQL = f"""
WITH {credited_referrals()},
tx AS (
    SELECT t.ordered_at, t.amount,
           CASE WHEN rf.referred_id IS NULL THEN 0 ELSE 1 END AS is_referred
    FROM transactions t LEFT JOIN credited rf ON rf.referred_id = t.customer_id
    WHERE (t.ordered_at >= $trend_start
           OR (t.ordered_at >= $year_start AND t.ordered_at < $year_end))
      AND t.ordered_at < $end_excl
      AND ($currency IS NULL OR t.currency = $currency OR t.currency IS NULL)
)
SELECT CASE WHEN ordered_at >= $cur_start THEN 'current'
            WHEN ordered_at >= $prev_start THEN 'previous'
            WHEN ordered_at >= $year_start AND ordered_at < $year_end THEN 'year'
            ELSE 'older' END AS time_window,
       CAST(date_trunc('month', ordered_at) AS DATE) AS month,
       SUM(amount) AS revenue,
       SUM(CASE WHEN is_referred = 1 THEN amount ELSE 0 END) AS referred_revenue,
       SUM(CASE WHEN is_referred = 1 THEN amount * amount ELSE 0 END) AS referred_sq,
       SUM(CASE WHEN is_referred = 1 THEN 0 ELSE amount * amount END) AS other_sq
FROM tx GROUP BY 1, 2
"""


def referred_revenue_rows(cur, scope: Scope, cur_start: pd.Timestamp, prev_start: pd.Timestamp,
                          trend_start: pd.Timestamp, year_start: pd.Timestamp,
                          year_end: pd.Timestamp) -> pd.DataFrame:
    """Revenue, referred revenue and the sums of squared amounts of referred and other orders
    (their variance, cx.stats) per (time_window, month) from `trend_start` to the analysis date;
    time_window is 'current' from `cur_start`, 'previous' from `prev_start`, 'year' from
    `year_start` to before `year_end` (the same days a year earlier), else 'older'."""
    return fetch_df(cur, REFERRED_REVENUE_SQL, {**scope.params(), "cur_start": cur_start,
                                                "prev_start": prev_start,
                                                "trend_start": trend_start,
                                                "year_start": year_start, "year_end": year_end})


WINDOW_CUSTOMERS_SQL = f"""
SELECT COUNT(DISTINCT CASE WHEN ordered_at >= $cur_start THEN customer_id END) AS current,
       COUNT(DISTINCT CASE WHEN ordered_at >= $prev_start AND ordered_at < $cur_start
                           THEN customer_id END) AS previous,
       COUNT(DISTINCT CASE WHEN ordered_at >= $year_start AND ordered_at < $year_end
                           THEN customer_id END) AS year,
       (SELECT CAST(MIN(ordered_at) AS DATE) FROM transactions WHERE {TX_UNTIL_END}) AS first_day
FROM transactions
WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}
  AND (ordered_at >= $prev_start OR (ordered_at >= $year_start AND ordered_at < $year_end))
"""


def window_customers(cur, scope: Scope, window_days: int = 30) -> tuple[int, int]:
    """Customers with an order in the last `window_days` up to the analysis date, and in the
    window before: what the referred-revenue headlines rest on."""
    return window_customer_counts(cur, scope, window_days)[:2]


def window_customer_counts(cur, scope: Scope, window_days: int = 30) -> tuple:
    """(current, previous, year, first_day): customers with an order in the last `window_days`
    up to the analysis date, in the window before, and in the same days a year earlier
    (cx.scope.year_earlier), and the first order day in the data."""
    as_of = scope.as_of
    year_first, year_last = day_window(year_earlier(as_of), window_days)
    params = {**scope.params(), "cur_start": pd.Timestamp(as_of - timedelta(days=window_days - 1)),
              "prev_start": pd.Timestamp(as_of - timedelta(days=2 * window_days - 1)),
              "year_start": pd.Timestamp(year_first),
              "year_end": pd.Timestamp(year_last + timedelta(days=1))}
    row = one(cur, WINDOW_CUSTOMERS_SQL, params)
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0), row[3]
