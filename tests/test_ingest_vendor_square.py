"""Square transactions (reference §1.3, pitfall 5: gift-card sales are not revenue), and fully
refunded orders.

Fixture square_gift_cards_full_refunds.csv (the 55-column header, values invented):
  A  $25.00 eGift card sold, nothing else (Gift Card Sales = Total Collected)  -> skipped
  A  -$25.00 the gift card refunded (Gift Card Sales = Total Collected)         -> skipped
  B  $10.00 latte + $0.80 tax + $25.00 gift card = $35.80 collected             -> 10.80
  B  -$25.00 later, only the gift card refunded                                 -> skipped
  C  $20.00 paid, -$20.00 refunded                                             -> 0 (fully)
  D  $14.30 paid, -$1.10 and -$13.20 refunded                                   -> 0 (fully)

DESIGN.md says amounts are net of refunds and says nothing more about a fully refunded order;
retention, segments, churn and NPS count a purchase as amount > 0. So a fully refunded order is
kept as an order of net amount 0: counted among the imported orders, nothing in revenue, not a
purchase (no cohort, no frequency). Its customer is still a customer (seen in the data)."""
from __future__ import annotations

from datetime import date

import pytest

from cx.ingest import import_file
from cx.retention import retention_cells
from cx.scope import Scope
from tests.conftest import FIXTURES, rows

GIFT = FIXTURES / "square_gift_cards_full_refunds.csv"


def test_gift_card_sales_are_not_revenue(store):
    r = import_file(store, GIFT)
    assert r.source == "square_transactions"
    assert (r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_duplicate) == (9, 6, 0, 0)
    assert r.skipped_reasons == {"gift_card": 3} and r.rows_skipped == 3
    assert r.records_loaded == 3                       # B, C, D; A was only a gift card
    got = dict(rows(store, "SELECT order_id, amount FROM transactions"))
    assert "TESTtxGIFT0000000000000A" not in got
    # 35.80 - 25.00; the gift card's own refund row is skipped alone, not the whole order
    assert got["TESTtxMIX00000000000000B"] == pytest.approx(10.80)
    assert rows(store, "SELECT round(SUM(amount), 2) FROM transactions") == [(10.80,)]
    # Gia (TESTCUST0A) only bought a gift card: not a customer from this file
    assert rows(store, "SELECT customer_id FROM customers ORDER BY 1") == [
        ("TESTCUST0B",), ("TESTCUST0C",), ("TESTCUST0D",)]


def test_fully_refunded_orders_are_orders_of_zero_not_purchases(store):
    import_file(store, GIFT)
    got = dict(rows(store, "SELECT order_id, amount FROM transactions"))
    # exactly 0, also when two refunds add up to the payment (14.30 - 1.10 - 13.20 is
    # 1.8e-15 in floating point, which would be a purchase)
    assert got["TESTtxFULL0000000000000C"] == 0.0
    assert got["TESTtxTWO00000000000000D"] == 0.0
    # not purchases: only B's customer forms a cohort
    cur = store.cursor()
    try:
        cells = retention_cells(cur, Scope(end=date(2024, 8, 31)), "month")
    finally:
        cur.close()
    period0 = cells[cells["k"] == 0]
    assert period0["customers"].tolist() == [1] and period0["revenue"].tolist() == [10.8]


def test_reimport_adds_nothing(store):
    import_file(store, GIFT)
    again = import_file(store, GIFT)
    assert (again.rows_loaded, again.rows_duplicate, again.rows_skipped) == (0, 6, 3)
    assert rows(store, "SELECT COUNT(*) FROM transactions") == [(3,)]
