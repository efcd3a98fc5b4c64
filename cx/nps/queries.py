"""The NPS area's SQL, each query next to the function that runs it: answers counted per period,
per window, per breakdown group and per customer, behaviour after answering, and comments.

Survey answers are matched to customers by cx.sql.matched_responses (THE matching) and put in
their group by cx.sql.nps_group / NPS_COUNTS. Every query is parameterised (Scope.params() and
named values); nothing a user typed is formatted into SQL.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from cx.nps.definitions import FOLLOW_DAYS, UNKNOWN, UNMATCHED, YEAR_DAYS
from cx.scope import TX_UNTIL_END, Scope, period_start_sql
from cx.sql import NPS_COUNTS, PURCHASE, matched_responses, nps_group
from cx.store import fetch_df, one

__all__ = ["behaviour_counts", "breakdown_counts", "comment_count", "comment_corpus",
           "comment_rows", "corpus_size", "first_answer_day", "match_counts",
           "per_customer_counts", "period_counts", "window_counts"]

RESP_IN_SCOPE = "responded_at >= $start AND responded_at < $end_excl"
MATCHED = matched_responses(RESP_IN_SCOPE)


# -- counts per period and per window ----------------------------------------------------------
def _period_sql(period: str) -> str:
    return f"""
SELECT {period_start_sql('responded_at', period)} AS period_start,{NPS_COUNTS}
FROM survey_responses
WHERE {RESP_IN_SCOPE}
GROUP BY {period_start_sql('responded_at', period)}
"""


def period_counts(cur, scope: Scope, period: str) -> pd.DataFrame:
    """The answers in scope per period (only periods with answers): period_start (the period's
    first day), responses, promoters, passives, detractors."""
    return fetch_df(cur, _period_sql(period), scope.params())


WINDOW_SQL = f"""
SELECT{NPS_COUNTS}
FROM survey_responses
WHERE responded_at >= $w_start AND responded_at < $w_end_excl
"""


def window_counts(cur, start: date, end: date) -> tuple[int, int, int]:
    """(promoters, passives, detractors) among the answers from `start` to `end`, both days
    included, whatever the scope."""
    row = one(cur, WINDOW_SQL, {"w_start": pd.Timestamp(start),
                                "w_end_excl": pd.Timestamp(end + timedelta(days=1))})
    pr, pa, de = (int(x or 0) for x in row[1:4])
    return pr, pa, de


FIRST_ANSWER_SQL = "SELECT CAST(MIN(responded_at) AS DATE) FROM survey_responses"


def first_answer_day(cur) -> date | None:
    """The day of the first survey answer in the data (None without any): whether the answers
    reach back to a comparison window."""
    day = one(cur, FIRST_ANSWER_SQL)[0]
    return None if day is None else pd.Timestamp(day).date()


# -- matching and breakdowns -------------------------------------------------------------------
MATCH_SQL = f"""
WITH {MATCHED}
SELECT matched_by, COUNT(*) AS responses FROM matched GROUP BY matched_by
"""


def match_counts(cur, scope: Scope) -> pd.DataFrame:
    """The answers in scope by how they matched a customer: matched_by (id, order, email, none),
    responses."""
    return fetch_df(cur, MATCH_SQL, scope.params())


BREAKDOWN_SQL = f"""
WITH {MATCHED},
firsts AS (
    SELECT customer_id, MIN(first_at) AS first_at FROM (
        SELECT customer_id, MIN(ordered_at) AS first_at FROM transactions
        WHERE customer_id IN (SELECT cid FROM matched) AND {PURCHASE} GROUP BY customer_id
        UNION ALL
        SELECT customer_id, MIN(first_seen) FROM customers
        WHERE customer_id IN (SELECT cid FROM matched) GROUP BY customer_id) x
    GROUP BY customer_id
),
profile AS (
    SELECT customer_id, MAX(acquisition_channel) AS acquisition_channel
    FROM customers WHERE customer_id IN (SELECT cid FROM matched) GROUP BY customer_id
),
enriched AS (
    SELECT m.score, m.cid,
           COALESCE(NULLIF(TRIM(m.channel), ''), '{UNKNOWN}') AS channel,
           COALESCE(NULLIF(TRIM(m.touchpoint), ''), '{UNKNOWN}') AS touchpoint,
           CASE WHEN m.cid IS NULL THEN '{UNMATCHED}'
                ELSE COALESCE(NULLIF(TRIM(p.acquisition_channel), ''), '{UNKNOWN}')
           END AS acquisition_channel,
           CASE WHEN m.cid IS NULL THEN '{UNMATCHED}'
                WHEN f.first_at IS NULL THEN '{UNKNOWN}'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 30
                    THEN 't0_30'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 90
                    THEN 't31_90'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 180
                    THEN 't91_180'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 365
                    THEN 't181_365'
                ELSE 't366' END AS tenure
    FROM matched m
    LEFT JOIN firsts f ON f.customer_id = m.cid
    LEFT JOIN profile p ON p.customer_id = m.cid
)
SELECT 'channel' AS dimension, channel AS grp,{NPS_COUNTS} FROM enriched GROUP BY channel
UNION ALL
SELECT 'touchpoint' AS dimension, touchpoint AS grp,{NPS_COUNTS} FROM enriched GROUP BY touchpoint
UNION ALL
SELECT 'acquisition_channel' AS dimension, acquisition_channel AS grp,{NPS_COUNTS}
FROM enriched GROUP BY acquisition_channel
UNION ALL
SELECT 'tenure' AS dimension, tenure AS grp,{NPS_COUNTS} FROM enriched GROUP BY tenure
"""


def breakdown_counts(cur, scope: Scope) -> pd.DataFrame:
    """The answers in scope per channel, touchpoint, acquisition channel and tenure band at the
    answer: dimension, grp, responses, promoters, passives, detractors. Answers without a
    customer are in the UNMATCHED group of the customer dimensions; missing values are
    UNKNOWN."""
    return fetch_df(cur, BREAKDOWN_SQL, scope.params())


PER_CUSTOMER_SQL = f"""
WITH {MATCHED}
SELECT cid AS customer_id,{NPS_COUNTS}
FROM matched GROUP BY cid
"""


def per_customer_counts(cur, scope: Scope) -> pd.DataFrame:
    """The answers in scope per matched customer (customer_id NULL: the unmatched answers):
    customer_id, responses, promoters, passives, detractors."""
    return fetch_df(cur, PER_CUSTOMER_SQL, scope.params())


# -- NPS and behaviour -------------------------------------------------------------------------
BEHAVIOUR_SQL = f"""
WITH {MATCHED},
latest AS (
    SELECT cid, grp, responded_at FROM (
        SELECT cid, grp, responded_at,
               ROW_NUMBER() OVER (PARTITION BY cid ORDER BY responded_at DESC, response_id DESC)
                   AS pick
        FROM matched WHERE cid IS NOT NULL) x
    WHERE pick = 1
),
tx AS (
    SELECT customer_id, ordered_at, amount, {PURCHASE} AS is_purchase FROM transactions
    WHERE customer_id IN (SELECT cid FROM latest) AND {TX_UNTIL_END}
),
per AS (
    SELECT l.cid, l.grp,
           CASE WHEN DATE_DIFF('day', CAST(l.responded_at AS DATE), $as_of) >= {FOLLOW_DAYS}
                THEN 1 ELSE 0 END AS followed,
           COUNT(CASE WHEN t.is_purchase THEN 1 END) AS orders,
           SUM(CASE WHEN t.ordered_at >= $year_start THEN t.amount ELSE 0 END) AS revenue_year,
           SUM(CASE WHEN t.is_purchase AND t.ordered_at > l.responded_at
                     AND DATE_DIFF('day', CAST(l.responded_at AS DATE), CAST(t.ordered_at AS DATE))
                         <= {FOLLOW_DAYS}
                    THEN 1 ELSE 0 END) AS orders_after,
           SUM(CASE WHEN t.ordered_at > l.responded_at
                     AND DATE_DIFF('day', CAST(l.responded_at AS DATE), CAST(t.ordered_at AS DATE))
                         <= {FOLLOW_DAYS}
                    THEN t.amount ELSE 0 END) AS revenue_after
    FROM latest l LEFT JOIN tx t ON t.customer_id = l.cid
    GROUP BY l.cid, l.grp, l.responded_at
),
by_group AS (
    SELECT grp, COUNT(*) AS customers,
           SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeaters,
           SUM(followed) AS followed,
           SUM(CASE WHEN followed = 1 AND orders_after > 0 THEN 1 ELSE 0 END) AS came_back,
           SUM(CASE WHEN followed = 1 THEN revenue_after ELSE 0 END) AS revenue_after,
           SUM(revenue_year) AS revenue_year
    FROM per GROUP BY grp
),
answers AS (
    SELECT grp, COUNT(*) AS responses,
           SUM(CASE WHEN cid IS NULL THEN 1 ELSE 0 END) AS unmatched
    FROM matched GROUP BY grp
)
SELECT a.grp, a.responses, a.unmatched, COALESCE(b.customers, 0) AS customers,
       COALESCE(b.repeaters, 0) AS repeaters, COALESCE(b.followed, 0) AS followed,
       COALESCE(b.came_back, 0) AS came_back, COALESCE(b.revenue_after, 0) AS revenue_after,
       COALESCE(b.revenue_year, 0) AS revenue_year
FROM answers a LEFT JOIN by_group b ON b.grp = a.grp
"""


def behaviour_counts(cur, scope: Scope) -> pd.DataFrame:
    """Per group of each matched customer's latest answer in scope (grp): responses (matched or
    not), unmatched, customers, repeaters (2+ purchases up to the analysis date), followed
    (answered FOLLOW_DAYS or more before it), came_back and revenue_after (of the followed, in the
    FOLLOW_DAYS after answering), revenue_year (net, the YEAR_DAYS up to the analysis date)."""
    params = {**scope.params(), "as_of": scope.as_of,
              "year_start": pd.Timestamp(scope.as_of - timedelta(days=YEAR_DAYS - 1))}
    return fetch_df(cur, BEHAVIOUR_SQL, params)


# -- comments ----------------------------------------------------------------------------------
COMMENT_FILTER = f"""
FROM survey_responses
WHERE {RESP_IN_SCOPE}
  AND comment IS NOT NULL AND TRIM(comment) <> ''
  AND score >= $lo AND score <= $hi
  AND ($q IS NULL OR POSITION(LOWER($q) IN LOWER(comment)) > 0)
"""
COMMENTS_SQL = f"""
SELECT responded_at, score, {nps_group('score')} AS grp, touchpoint, channel, comment
{COMMENT_FILTER}
ORDER BY responded_at DESC, response_id DESC
LIMIT $limit
"""
COMMENT_COUNT_SQL = f"SELECT COUNT(*) {COMMENT_FILTER}"


def _comment_params(scope: Scope, scores: tuple[int, int], search: str | None) -> dict:
    lo, hi = scores
    return {**scope.params(), "lo": lo, "hi": hi, "q": search}


def comment_rows(cur, scope: Scope, scores: tuple[int, int], search: str | None,
                 limit: int) -> pd.DataFrame:
    """The newest `limit` comments in scope with a score in `scores` (both included) containing
    `search` (case-insensitive, as plain text; None: any): responded_at, score, grp, touchpoint,
    channel, comment."""
    params = {**_comment_params(scope, scores, search), "limit": int(limit)}
    return fetch_df(cur, COMMENTS_SQL, params)


def comment_count(cur, scope: Scope, scores: tuple[int, int], search: str | None) -> int:
    """How many comments comment_rows would find without its limit."""
    return int(one(cur, COMMENT_COUNT_SQL, _comment_params(scope, scores, search))[0])


CORPUS_SQL = f"""
SELECT comment,{NPS_COUNTS},
       MAX(responded_at) AS last_at
FROM survey_responses
WHERE {RESP_IN_SCOPE} AND comment IS NOT NULL AND TRIM(comment) <> ''
GROUP BY comment
ORDER BY last_at DESC, comment
LIMIT $limit
"""
CORPUS_SIZE_SQL = f"""
SELECT COUNT(DISTINCT comment), COUNT(*) FROM survey_responses
WHERE {RESP_IN_SCOPE} AND comment IS NOT NULL AND TRIM(comment) <> ''
"""


def comment_corpus(cur, scope: Scope, limit: int) -> pd.DataFrame:
    """The `limit` most recently used distinct comment texts in scope, one row each: comment, n
    (its answers), promoters, passives, detractors, last_at."""
    df = fetch_df(cur, CORPUS_SQL, {**scope.params(), "limit": int(limit)})
    return df.rename(columns={"responses": "n"})


def corpus_size(cur, scope: Scope) -> tuple[int, int]:
    """(distinct comment texts, comments) in scope."""
    distinct, total = one(cur, CORPUS_SIZE_SQL, scope.params())
    return int(distinct or 0), int(total or 0)
