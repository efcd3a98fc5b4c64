"""The repeat area's SQL, each statement next to the function that runs it: `fn(cur, scope, ...)`.

First and second purchases are `cx.sql.purchase_visits` (a purchase as retention counts it, one
visit per calendar day). Periods, group dimensions and windows are checked against fixed lists
before they reach SQL; every value travels as a parameter.
"""
from __future__ import annotations

import pandas as pd

from cx.scope import PERIODS, Scope, period_start_sql
from cx.sql import NPS_COUNTS, credited_referrals, matched_responses, purchase_visits
from cx.store import fetch_df

__all__ = ["BY", "LATER", "WINDOWS", "first_purchase_counts", "visit_counts"]

WINDOWS = (30, 60, 90, 180, 365)  # "second purchase within N days"
LATER = max(WINDOWS) + 1  # days to second purchase above the longest window are kept as this
BY = ("category", "discount", "channel", "value", "referred")  # first-purchase groups


def check(period: str | None = None, by: str | None = None) -> None:
    """Refuse a period or first-purchase dimension that is not one of the fixed lists."""
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if by is not None and by not in BY:
        raise ValueError(f"--by must be one of {', '.join(BY)}, not {by!r}.")


def visits_sql(period: str) -> str:
    """(cohort, d, visits, n): customers acquired in scope, by acquisition cohort, days from the
    first to the second purchase (NULL: none yet; above the longest window: LATER) and distinct
    purchase days (4 = four or more)."""
    check(period)
    cohort = period_start_sql("first_day", period)
    return f"""
WITH {purchase_visits()}
SELECT {cohort} AS cohort,
       LEAST(date_diff('day', first_day, second_day), {LATER}) AS d,
       LEAST(visits, 4) AS visits, COUNT(*) AS n
FROM visits
WHERE first_day >= $start
GROUP BY {cohort}, LEAST(date_diff('day', first_day, second_day), {LATER}), LEAST(visits, 4)
ORDER BY 1, 2, 3
"""


def visit_counts(cur, scope: Scope, period: str) -> pd.DataFrame:
    """cohort (date), d (days to second purchase, NaN when none), visits (1..4), n customers."""
    df = fetch_df(cur, visits_sql(period), scope.params())
    df["cohort"] = pd.to_datetime(df["cohort"]).dt.date
    df["visits"] = df["visits"].astype("int64")
    df["n"] = df["n"].astype("int64")
    df["d"] = df["d"].astype("float64")
    return df


# -- first-purchase groups ----------------------------------------------------------------------
# What the first order of each customer was (the earliest purchase, then the smallest order id)
# and their net revenue from the first purchase day to $revenue_days days after it, in the same
# pass as their visits.
_FIRST_ORDER_COLUMNS = """,
           arg_min(struct_pack(
                       category := product_category, channel := channel, amount := amount,
                       discounted := CASE WHEN discount_code IS NOT NULL
                                               OR COALESCE(discount, 0) > 0 THEN 1 ELSE 0 END),
                   struct_pack(t := ordered_at, o := order_id))
               FILTER (WHERE is_purchase) AS first_order"""
_REVENUE_COLUMN = """,
           SUM(CASE WHEN day >= first_day AND date_diff('day', first_day, day) <= $revenue_days
                    THEN amount ELSE 0 END) AS revenue"""

# by -> (SQL expression of the group, over firsts f; the CTEs and join it needs). Constants.
_GROUP_SQL = {
    "category": ("COALESCE(f.first_order.category, 'unknown')", "", ""),
    "channel": ("COALESCE(f.first_order.channel, 'unknown')", "", ""),
    # offered only when the data has discounts (cx.repeat.page.BY_NEEDS): no code and no
    # amount then means full price
    "discount": ("CASE f.first_order.discounted WHEN 1 THEN 'discount' ELSE 'full_price' END",
                 "", ""),
    # terciles of the first order's value, as retention's first_order_value segment
    "value": ("CASE NTILE(3) OVER (ORDER BY f.first_order.amount, f.customer_id) "
              "WHEN 1 THEN 'low' WHEN 2 THEN 'middle' ELSE 'high' END", "", ""),
    "referred": ("CASE WHEN cr.referred_id IS NULL THEN 'not_referred' ELSE 'referred' END",
                 credited_referrals() + ",",
                 "LEFT JOIN credited cr ON cr.referred_id = f.customer_id"),
}


def _grouped_ctes(by: str) -> str:
    """WITH ... grouped (customer_id, first_day, second_day, first_amount, revenue, grp): the
    customers acquired in scope and the group of their first order."""
    check(by=by)
    expr, ctes, join = _GROUP_SQL[by]
    return f"""WITH {ctes}{purchase_visits(_FIRST_ORDER_COLUMNS + _REVENUE_COLUMN)},
firsts AS (SELECT * FROM visits WHERE first_day >= $start),
grouped AS (
    SELECT f.customer_id, f.first_day, f.first_order.amount AS first_amount, f.second_day,
           f.revenue, {expr} AS grp
    FROM firsts f {join}
)"""


_GROUP_COUNTS = """
    SELECT grp, COUNT(*) AS customers,
           SUM(CASE WHEN date_diff('day', first_day, $as_of) >= $rate_days THEN 1 ELSE 0 END)
               AS rate_customers,
           SUM(CASE WHEN date_diff('day', first_day, $as_of) >= $rate_days
                     AND date_diff('day', first_day, second_day) <= $rate_days
                    THEN 1 ELSE 0 END) AS repeaters,
           SUM(CASE WHEN date_diff('day', first_day, $as_of) >= $revenue_days THEN 1 ELSE 0 END)
               AS revenue_customers,
           SUM(CASE WHEN date_diff('day', first_day, $as_of) >= $revenue_days THEN revenue END)
               AS revenue,
           SUM(CASE WHEN date_diff('day', first_day, $as_of) >= $revenue_days
                    THEN revenue * revenue END) AS revenue_sq,
           MIN(first_amount) AS low, MAX(first_amount) AS high
    FROM grouped GROUP BY grp"""


def first_purchase_sql(by: str, with_nps: bool) -> str:
    """Per group: customers; of those observed `$rate_days` days, how many and how many made
    their second purchase within them; of those observed `$revenue_days` days, how many, the sum
    and the sum of squares of their net revenue (refunds included) from the first purchase day
    to `$revenue_days` days after it; the lowest and highest first-order value; with `with_nps`
    the NPS counts of the survey answers (up to the analysis date) of the group's customers,
    matched to customers as on every page (cx.sql.matched_responses), in the same statement
    (the groups are computed once)."""
    if not with_nps:
        return _grouped_ctes(by) + _GROUP_COUNTS + " ORDER BY grp"
    return (_grouped_ctes(by) + "," + matched_responses("responded_at < $end_excl")
            + f""",
answers AS (
    SELECT g.grp, {NPS_COUNTS}
    FROM matched m JOIN grouped g ON g.customer_id = m.cid
    GROUP BY g.grp
),
counted AS ({_GROUP_COUNTS})
SELECT c.*, a.responses, a.promoters, a.passives, a.detractors
FROM counted c LEFT JOIN answers a ON a.grp = c.grp
ORDER BY c.grp
""")


def first_purchase_counts(cur, scope: Scope, by: str, rate_days: int, revenue_days: int,
                          with_nps: bool) -> pd.DataFrame:
    """grp, customers, rate_customers, repeaters, revenue_customers, revenue, revenue_sq, low,
    high[, responses, promoters, passives, detractors] (see first_purchase_sql)."""
    params = {**scope.params(), "as_of": scope.as_of, "rate_days": int(rate_days),
              "revenue_days": int(revenue_days)}
    return fetch_df(cur, first_purchase_sql(by, with_nps), params)
