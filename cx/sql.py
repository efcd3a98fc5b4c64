"""SQL fragments every area shares, defined once (docs/metrics.md has the definitions in words).

Fragments are plain SQL (CASE, window functions, COALESCE) so the Spark engine runs them through
SQLGlot unchanged. They use named parameters ($end_excl, $currency) that `Scope.params()` fills.
"""
from __future__ import annotations

from cx.scope import TX_UNTIL_END

__all__ = ["NPS_COUNTS", "PURCHASE", "credited_referrals", "matched_responses", "nps_group",
           "purchase", "purchase_visits"]


# The one definition of a purchase (docs/metrics.md): an order of a known customer that was not
# refunded in full. Any amount above 0 is one; so is an order of 0 (a free item, a fully
# discounted order: the customer's cohort starts at their first order, paid or not), unless
# something was refunded from it: amounts are stored net of their refunds, and `refunded` keeps
# what was refunded (cx.ingest fills it from a refunded-amount column, a refunded status, refund
# rows that name their order, or negative lines under the same order number). Refund and
# cancellation rows (negative amounts) are never purchases. Callers add
# `customer_id IS NOT NULL`; use it with the table's own columns (alias-free) or `purchase(a)`.
def purchase(alias: str = "") -> str:
    """SQL condition: the transaction row (of table alias `alias`, if any) is a purchase."""
    a = f"{alias}." if alias else ""
    return f"({a}amount > 0 OR ({a}amount = 0 AND COALESCE({a}refunded, 0) = 0))"


PURCHASE = purchase()

def purchase_visits(extra: str = "") -> str:
    """CTEs ending in `visits`: one row per customer with a purchase before the analysis date:
    `first_day` (the day of the first purchase), `second_day` (the first purchase on a later
    calendar day: orders on one day are one visit; NULL when none yet) and `visits` (distinct
    purchase days). The one definition of a first and a second purchase (docs/metrics.md).

    `extra`: more aggregate columns, over `customer_days` (every transaction of the customer up
    to the analysis date, refunds included: order_id, ordered_at, day, amount, is_purchase,
    channel, product_category, discount, discount_code, first_day). One window and one
    aggregation: the first day is a window minimum, everything else one pass over it."""
    return f"""
customer_days AS (
    SELECT customer_id, order_id, ordered_at, CAST(ordered_at AS DATE) AS day, amount,
           {PURCHASE} AS is_purchase, channel, product_category, discount, discount_code,
           MIN(CASE WHEN {PURCHASE} THEN CAST(ordered_at AS DATE) END)
               OVER (PARTITION BY customer_id) AS first_day
    FROM transactions
    WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}
),
visits AS (
    SELECT customer_id, MIN(first_day) AS first_day,
           MIN(CASE WHEN is_purchase AND day > first_day THEN day END) AS second_day,
           COUNT(DISTINCT CASE WHEN is_purchase THEN day END) AS visits{extra}
    FROM customer_days WHERE first_day IS NOT NULL
    GROUP BY customer_id
)"""


def nps_group(score: str = "score") -> str:
    """SQL expression: 'promoter' (9-10), 'passive' (7-8) or 'detractor' (0-6)."""
    return (f"CASE WHEN {score} >= 9 THEN 'promoter' WHEN {score} >= 7 THEN 'passive' "
            "ELSE 'detractor' END")


# Counts of a group of survey answers, for a SELECT list.
NPS_COUNTS = """
       COUNT(*) AS responses,
       SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
       SUM(CASE WHEN score >= 7 AND score <= 8 THEN 1 ELSE 0 END) AS passives,
       SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors"""


def matched_responses(where: str = "TRUE") -> str:
    """CTEs ending in `matched`: the survey answers that satisfy `where` (columns of
    survey_responses, alias-free), each with `cid`, the customer it belongs to, `matched_by`
    ('id', 'order', 'email' or 'none') and `grp` (its NPS group).

    Matching, cheapest first: a customer id known in `customers`, else one known in
    `transactions`; only answers without a known id are matched by the order they answer about
    (its customer), then by e-mail (case-insensitive; the smallest customer id when several share
    it). So a survey export that carries customer ids never scans orders for them. Answers that
    match nobody keep cid NULL: they still count for NPS, never for a customer."""
    return f"""
resp AS (
    SELECT response_id, customer_id, email, order_id, responded_at, score, comment,
           touchpoint, channel
    FROM survey_responses
    WHERE {where}
),
id_in_customers AS (
    SELECT DISTINCT customer_id FROM customers
    WHERE customer_id IN (SELECT customer_id FROM resp)
),
id_elsewhere AS (
    SELECT DISTINCT r.customer_id FROM resp r
    LEFT JOIN id_in_customers c ON c.customer_id = r.customer_id
    WHERE r.customer_id IS NOT NULL AND c.customer_id IS NULL
),
id_in_orders AS (
    SELECT DISTINCT customer_id FROM transactions
    WHERE customer_id IN (SELECT customer_id FROM id_elsewhere)
),
known AS (
    SELECT customer_id FROM id_in_customers
    UNION ALL
    SELECT customer_id FROM id_in_orders
),
by_id AS (
    SELECT r.*, k.customer_id AS id_match
    FROM resp r LEFT JOIN known k ON k.customer_id = r.customer_id
),
order_owner AS (
    SELECT order_id, MIN(customer_id) AS customer_id
    FROM transactions
    WHERE customer_id IS NOT NULL
      AND order_id IN (SELECT order_id FROM by_id
                       WHERE id_match IS NULL AND order_id IS NOT NULL)
    GROUP BY order_id
),
email_owner AS (
    SELECT LOWER(email) AS email_key, MIN(customer_id) AS customer_id
    FROM customers
    WHERE email IS NOT NULL
      AND LOWER(email) IN (SELECT LOWER(email) FROM by_id
                           WHERE id_match IS NULL AND email IS NOT NULL)
    GROUP BY LOWER(email)
),
matched AS (
    SELECT b.response_id, b.customer_id, b.email, b.order_id, b.responded_at, b.score,
           b.comment, b.touchpoint, b.channel,
           COALESCE(b.id_match, oo.customer_id, eo.customer_id) AS cid,
           CASE WHEN b.id_match IS NOT NULL THEN 'id'
                WHEN oo.customer_id IS NOT NULL THEN 'order'
                WHEN eo.customer_id IS NOT NULL THEN 'email'
                ELSE 'none' END AS matched_by,
           {nps_group('b.score')} AS grp
    FROM by_id b
    LEFT JOIN order_owner oo ON b.id_match IS NULL AND oo.order_id = b.order_id
    LEFT JOIN email_owner eo ON b.id_match IS NULL AND eo.email_key = LOWER(b.email)
)"""


def credited_referrals(until: str = "$end_excl") -> str:
    """CTEs ending in `credited`: one row per referred customer (referrer_id, referred_id,
    referred_at), the referral that earns the credit. A customer referred by several people
    credits only the earliest referral (then the smallest referrer id); self-referrals are
    ignored; a referrer who is not a known customer (in `customers`, or with an order in the
    currency before `until`) credits nobody; referrals dated on or after `until` do not count
    yet. Needs $currency."""
    return f"""
referrer_known AS (
    SELECT customer_id FROM customers
    UNION
    SELECT customer_id FROM transactions
    WHERE customer_id IS NOT NULL AND ordered_at < {until}
      AND ($currency IS NULL OR currency = $currency OR currency IS NULL)
),
referral_ranked AS (
    SELECT r.referrer_id, r.referred_id, r.referred_at,
           ROW_NUMBER() OVER (PARTITION BY r.referred_id
                              ORDER BY r.referred_at ASC NULLS LAST, r.referrer_id) AS pick
    FROM referrals r
    WHERE r.referrer_id <> r.referred_id
      AND (r.referred_at IS NULL OR r.referred_at < {until})
      AND r.referrer_id IN (SELECT customer_id FROM referrer_known)
),
credited AS (
    SELECT referrer_id, referred_id, referred_at FROM referral_ranked WHERE pick = 1
)"""
