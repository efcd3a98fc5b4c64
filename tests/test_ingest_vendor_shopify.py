"""Shopify orders test orders (reference §4 pitfall 10, §5.1 is_test: a `Payment Method` such as
`Bogus` or Shopify's test gateway) are skipped and counted as "test / not a sale", with every
line of the order; voided / cancelled orders likewise, as cancelled.

Fixture shopify_orders_test_gateway.csv (the 79-column header, values invented):
  #2001  bogus, two lines (the second a continuation row)   -> 2 rows skipped: test
  #2002  Shopify Payments, 15.00, 3 items                    -> loaded
  #2003  "(for testing) Bogus Gateway"                       -> 1 row skipped: test
  #2004  voided, Cancelled at set                            -> 1 row skipped: cancelled
"""
from __future__ import annotations

from cx.ingest import import_file
from tests.conftest import FIXTURES, rows


def test_bogus_gateway_orders_are_skipped_and_counted_as_test(store):
    r = import_file(store, FIXTURES / "shopify_orders_test_gateway.csv")
    assert r.source == "shopify_orders"
    assert (r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_duplicate) == (5, 1, 0, 0)
    assert r.skipped_reasons == {"test": 3, "cancelled": 1} and r.rows_skipped == 4
    assert r.records_loaded == 1
    assert rows(store, "SELECT order_id, customer_id, amount, items FROM transactions") == [
        ("#2002", "cy.test@example.com", 15.0, 3)]
    # the test buyer and the voided order's customer are not customers
    assert rows(store, "SELECT customer_id FROM customers") == [("cy.test@example.com",)]
    again = import_file(store, FIXTURES / "shopify_orders_test_gateway.csv")
    assert (again.rows_loaded, again.rows_duplicate, again.rows_skipped) == (0, 1, 4)
