"""WooCommerce (WebToffee) orders, reference §1.6: one row per order, items packed into
`line_item_N` cells (`name:...|quantity:N|...`), refunds packed into `refund_items`
(`amount:X|reason:...|date:...`), statuses with a `wc-` prefix."""
from __future__ import annotations

import pytest

from cx.ingest import import_file
from tests.conftest import FIXTURES, rows


def test_reference_fixture_items_from_packed_line_item_cells(store):
    r = import_file(store, FIXTURES / "woocommerce_webtoffee_orders.csv")
    assert r.source == "woocommerce_orders"
    # 4993: line_item_1 quantity 1 (line_item_2 empty); 4994: quantities 2 + 3
    # 4994 is wc-refunded with refund_items amount:18.00 of its 18.00: net 0
    assert rows(store, "SELECT order_id, items, amount FROM transactions ORDER BY 1") == [
        ("4993", 1, 32.0), ("4994", 5, 0.0)]


def test_refund_items_partial_several_and_status_only_refunds(store):
    r = import_file(store, FIXTURES / "woocommerce_refunds_line_items.csv")
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (4, 3, 0)
    assert r.skipped_reasons == {"cancelled": 1}             # 5003 wc-cancelled
    got = {o: (cid, amt, items) for o, cid, amt, items in rows(
        store, "SELECT order_id, customer_id, amount, items FROM transactions")}
    assert got == {
        "5001": ("21", pytest.approx(40.0), 3),       # 50.00 - 10.00; quantities 2 + 1
        "5002": ("eve.test@example.com", 0.0, 4),     # wc-refunded, refund_items empty: net 0
        "5004": ("21", pytest.approx(5.0), 2),        # 12.50 - 2.50 - 5.00; a cell w/o qty = 1
    }
    assert rows(store, "SELECT round(SUM(amount), 2), COUNT(*) FILTER (WHERE amount > 0) "
                    "FROM transactions") == [(45.0, 2)]            # 5002 is not a purchase
    assert rows(store, "SELECT customer_id, email FROM customers ORDER BY 1") == [
        ("21", "dee.test@example.com"), ("eve.test@example.com", "eve.test@example.com")]
