"""Table exports for the command line: the loaded data as CSV, and a summary."""
from __future__ import annotations

import pandas as pd

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


def export_summary(cur, args=None) -> dict:
    return data_summary(cur).as_dict()


def export_transactions(cur, args=None) -> pd.DataFrame:
    return fetch_df(cur, TRANSACTIONS_SQL)


def export_customers(cur, args=None) -> pd.DataFrame:
    return fetch_df(cur, CUSTOMERS_SQL)


def export_surveys(cur, args=None) -> pd.DataFrame:
    return fetch_df(cur, SURVEYS_SQL)
