"""Table exports for the command line: the loaded data as CSV, and a summary."""
from __future__ import annotations

import pandas as pd

from cx import i18n
from cx.area import Export, ExportArgs
from cx.cache import kept
from cx.store import data_summary, fetch_df

TRANSACTIONS_SQL = """
SELECT order_id, customer_id, ordered_at, amount, currency, channel, items, discount,
       discount_code, product_category, source
FROM transactions ORDER BY ordered_at, order_id
"""
CUSTOMERS_SQL = """
SELECT customer_id, first_seen, name, email, acquisition_channel, referred_by, region
FROM customers ORDER BY customer_id
"""
SURVEYS_SQL = """
SELECT response_id, customer_id, email, order_id, responded_at, score, comment, touchpoint, channel
FROM survey_responses ORDER BY responded_at, response_id
"""


NO_CURRENCY = "unknown"  # the key of amounts whose rows carry no currency

REVENUE_BY_CURRENCY_SQL = """
SELECT currency, SUM(amount) AS revenue, COUNT(*) AS orders
FROM transactions GROUP BY currency ORDER BY COUNT(*) DESC, currency NULLS LAST
"""


@kept
def revenue_by_currency(cur) -> dict:
    """Net revenue per currency, never added across currencies: {code: amount}, the most used
    currency first; amounts whose rows carry no currency are under None. Empty when there are
    no transactions."""
    return {code: round(float(total), 2)
            for code, total, _ in cur.execute(REVENUE_BY_CURRENCY_SQL).fetchall()}


def export_summary(cur, args: ExportArgs | None = None) -> dict:
    """`export summary`: what is loaded. Revenue is never added across currencies:
    "revenue_by_currency" is always there ({"USD": 57.0, "JPY": 5400.0}; amounts whose rows
    carry no currency under "unknown"; {} when nothing is loaded), and "revenue" is the one
    total when there is a single currency (0.0 when there are no transactions) and null when
    the data holds several, since no single number would be true."""
    out = data_summary(cur).as_dict()
    by_currency = {NO_CURRENCY if code is None else code: total
                   for code, total in revenue_by_currency(cur).items()}
    out["revenue"] = next(iter(by_currency.values())) if len(by_currency) == 1 else (
        None if by_currency else 0.0)
    out["revenue_by_currency"] = by_currency
    return out


def export_transactions(cur, args: ExportArgs | None = None) -> pd.DataFrame:
    return fetch_df(cur, TRANSACTIONS_SQL)


def export_customers(cur, args: ExportArgs | None = None) -> pd.DataFrame:
    return fetch_df(cur, CUSTOMERS_SQL)


def export_surveys(cur, args: ExportArgs | None = None) -> pd.DataFrame:
    return fetch_df(cur, SURVEYS_SQL)


TABLE_EXPORTS = (
    Export("summary", export_summary, "what is loaded: counts, dates and revenue per currency"),
    Export("transactions", export_transactions, "every order as loaded"),
    Export("customers", export_customers, "every customer as loaded"),
    Export("surveys", export_surveys, "every survey answer as loaded"),
)


def revenue_text(by_currency: dict, lang: str = "en", compact: bool = True) -> str | None:
    """The Data page's revenue when the data holds several currencies: one amount per
    currency ("$57.00 · ¥5,400"), never a sum; None when there is at most one (the page then
    shows the single total as every page does)."""
    if len(by_currency) <= 1:
        return None
    parts = []
    for code, total in by_currency.items():
        if code is None:
            parts.append(i18n.t("data.revenue_no_currency", lang,
                                amount=i18n.fmt_money(total, None, lang, compact=compact)))
        else:
            parts.append(i18n.fmt_money(total, code, lang, compact=compact))
    return " · ".join(parts)
