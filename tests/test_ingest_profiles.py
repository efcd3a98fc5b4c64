"""Exports as the tools write them (fixtures made from ../shared/reference/export_formats.md,
all values invented): each is recognised by its signature columns and imports with no manual
mapping and the right orders, revenue, customers, refunds and skipped rows."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cx.ingest import import_file, preview_file

FIX = Path(__file__).resolve().parent / "fixtures"


def q(store, sql, params=None):
    cur = store.cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()


def orders(store):
    return {r[0]: r[1:] for r in q(store, "SELECT order_id, customer_id, amount, currency, items "
                                          "FROM transactions")}


# file, source, kind, rows read, loaded lines, skipped {reason: n}, records, revenue by currency
CASES = [
    ("shopify_orders_en.csv", "shopify_orders", "transactions", 3, 3, {}, 2, {"USD": 54.48}),
    ("shopify_orders_jp_store.csv", "shopify_orders", "transactions", 1, 1, {}, 1,
     {"JPY": 3900.0}),
    ("square_transactions.csv", "square_transactions", "transactions", 3, 3, {}, 2,
     {"USD": 1258.20}),
    ("square_items.csv", "square_items", "transactions", 3, 3, {}, 1, {"USD": 9.0}),
    ("stripe_payments_legacy.csv", "stripe_payments", "transactions", 3, 2, {"test": 1}, 2,
     {"USD": 1054.48}),
    ("stripe_unified_payments.csv", "stripe_payments", "transactions", 2, 2, {}, 2,
     {"USD": 3125.0}),
    ("paypal_activity_ILLUSTRATIVE.csv", "paypal_activity", "transactions", 6, 3,
     {"not_a_sale": 2, "cancelled": 1}, 2, {"USD": 25.0, "JPY": 1500.0}),
    ("woocommerce_webtoffee_orders.csv", "woocommerce_orders", "transactions", 2, 2, {}, 2,
     {"USD": 32.0}),
    ("airregi_kaikei_meisai_cp932.csv", "airregi", "transactions", 3, 3, {}, 2,
     {"JPY": 13500.0}),
    ("base_orders.csv", "base_orders", "transactions", 3, 3, {}, 2, {"JPY": 5700.0}),
    ("smaregi_torihiki_rireki_partial_cp932.csv", "smaregi", "transactions", 3, 2,
     {"cancelled": 1}, 2, {"JPY": 8150.0}),
    ("minne_orders.csv", "csv", "transactions", 1, 1, {}, 1, {"JPY": 2685.0}),
    ("surveymonkey_nps.csv", "surveymonkey", "surveys", 3, 2, {"subheader": 1}, 2, None),
    ("typeform_nps.csv", "typeform", "surveys", 3, 2, {"partial": 1}, 2, None),
    ("qualtrics_nps_ILLUSTRATIVE.csv", "qualtrics", "surveys", 5, 1,
     {"subheader": 2, "test": 1, "partial": 1}, 1, None),
    ("google_forms_nps_en.csv", "google_forms", "surveys", 2, 2, {}, 2, None),
    ("google_forms_nps_ja.csv", "google_forms_ja", "surveys", 2, 2, {}, 2, None),
    ("delighted_ILLUSTRATIVE.csv", "csv", "surveys", 2, 2, {}, 2, None),
    ("shopify_customers.csv", "shopify_customers", "customers", 2, 2, {}, 2, None),
    ("friendbuy_conversions_ILLUSTRATIVE.csv", "csv", "referrals", 2, 1, {"not_approved": 1},
     1, None),
]


@pytest.mark.parametrize("name,source,kind,read,loaded,skipped,records,revenue", CASES,
                         ids=[c[0] for c in CASES])
def test_each_tool_imports_with_no_mapping(store, name, source, kind, read, loaded, skipped,
                                           records, revenue):
    r = import_file(store, FIX / name)
    assert (r.source, r.kind) == (source, kind)
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (read, loaded, 0)
    assert r.skipped_reasons == skipped and r.records_loaded == records
    if revenue is not None:
        got = {cur: round(total, 2) for cur, total in q(
            store, "SELECT currency, SUM(amount) FROM transactions GROUP BY currency")}
        assert got == revenue
    again = import_file(store, FIX / name)
    assert again.rows_loaded == 0 and again.rows_duplicate == loaded


def test_shopify_line_items_refunds_and_discount(store):
    import_file(store, FIX / "shopify_orders_en.csv")
    got = orders(store)
    # two lines of #1001 are one order: total taken once, items from the lines
    assert got["#1001"] == ("ann.test@example.com", 31.98, "USD", 2)
    # #1002 partially refunded: 42.50 - 20.00
    assert got["#1002"] == ("bo.test@example.com", 22.5, "USD", 2)
    assert q(store, "SELECT discount_code, ordered_at FROM transactions WHERE order_id = '#1001'") \
        == [("FRIEND-ANN10", datetime(2024, 5, 1, 9, 58, 12))]


def test_square_refund_rows_reduce_the_original_order(store):
    import_file(store, FIX / "square_transactions.csv")
    got = orders(store)
    assert got["TESTtx0000000000000000001"][1] == pytest.approx(31.16 - 12.96)
    assert got["TESTtx0000000000000000002"][1] == 1240.0
    # the order's date is the sale, not the refund
    assert q(store, "SELECT ordered_at FROM transactions WHERE order_id = "
                    "'TESTtx0000000000000000001'") == [(datetime(2024, 7, 18, 12, 59, 30),)]


def test_airregi_fill_down_and_corrected_total(store):
    r = import_file(store, FIX / "airregi_kaikei_meisai_cp932.csv")
    assert r.encoding == "cp932"
    got = orders(store)
    assert got["TEST0001"] == (None, 9000.0, "JPY", 3)        # 2 + 1 items over two lines
    assert got["TEST0002"] == (None, 4500.0, "JPY", 1)        # 修正後合計 after the correction
    assert any("no customer column" in w for w in r.warnings)


def test_stripe_test_mode_skipped_and_refund_netted(store):
    import_file(store, FIX / "stripe_payments_legacy.csv")
    got = orders(store)
    assert "ch_TEST000000000000000003" not in got                  # Mode = Test
    assert got["ch_TEST000000000000000002"][1] == 1022.5           # 1,042.50 - 20.00
    assert got["ch_TEST000000000000000002"][0] == "bo.test@example.com"


def test_shopify_customers_merge_with_orders_without_duplicates(store):
    import_file(store, FIX / "shopify_orders_en.csv")
    r = import_file(store, FIX / "shopify_customers.csv")
    assert (r.rows_loaded, r.rows_duplicate) == (0, 2)    # both already known by email
    assert q(store, "SELECT customer_id, name, region FROM customers ORDER BY 1") == [
        ("ann.test@example.com", "Ann Test", "MA"), ("bo.test@example.com", "Bo Test", "MA")]


def test_customers_first_then_orders_by_email_use_the_customer_id(store):
    import_file(store, FIX / "shopify_customers.csv")
    import_file(store, FIX / "shopify_orders_en.csv")
    assert q(store, "SELECT DISTINCT customer_id FROM transactions ORDER BY 1") == [
        ("7000000000001",), ("7000000000002",)]
    assert q(store, "SELECT COUNT(*) FROM customers") == [(2,)]


def test_typeform_response_matched_to_customer_by_order_id(store):
    import_file(store, FIX / "shopify_orders_en.csv")
    import_file(store, FIX / "typeform_nps.csv")
    assert dict(q(store, "SELECT score, customer_id FROM survey_responses")) == {
        10: "ann.test@example.com", 6: "bo.test@example.com"}


def test_surveymonkey_second_header_row_and_us_dates(store):
    import_file(store, FIX / "surveymonkey_nps.csv")
    got = q(store, "SELECT response_id, score, responded_at, comment FROM survey_responses "
                   "ORDER BY response_id")
    assert got[0] == ("118000000001", 9, datetime(2024, 1, 5, 10, 24, 2),
                      "Fast service, friendly staff")
    assert got[1][1] == 4 and "Waited 15 minutes." in got[1][3]


def test_smaregi_non_sales_rows_are_skipped(store, tmp_path):
    text = ("取引ID,取引日時,取引区分,取消区分,小計,合計\r\n1,2024/01/05 10:00:00,1,0,100,110\r\n"
            "2,2024/01/05 11:00:00,2,0,500,500\r\n3,2024/01/05 12:00:00,6,0,0,0\r\n")
    path = tmp_path / "smaregi.csv"
    path.write_bytes(text.encode("cp932"))
    r = import_file(store, path)
    assert r.source == "smaregi" and r.skipped_reasons == {"not_a_sale": 2}
    assert q(store, "SELECT order_id, amount FROM transactions") == [("1", 110.0)]


def test_preview_says_what_was_recognised():
    p = preview_file(FIX / "shopify_orders_en.csv")
    assert p.source_label == "Shopify orders export" and p.mapping["order_id"] == "Name"
    assert "Email" in p.pii_columns and "Billing Name" in p.pii_columns
    masked = p.masked_rows()
    assert masked["Email"][0] == "a•••@example.com"


def test_mixed_currencies_are_kept_apart(store, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("order_id,date,amount,currency\n1,2024-01-01,10,usd\n2,2024-01-02,1500,JPY\n"
                    "3,2024-01-03,€5,\n")
    r = import_file(store, path)
    assert any("3 currencies" in w for w in r.warnings)
    assert dict(q(store, "SELECT order_id, currency FROM transactions")) == {
        "1": "USD", "2": "JPY", "3": "EUR"}


def test_discount_codes_of_referrers_become_referrals_either_order(store, tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text("Referral Code,Referrer Email\nfriend-ann10,ann.test@example.com\n"
                     "FRIEND-BO5,bo.test@example.com\n")
    import_file(store, FIX / "shopify_customers.csv")
    r = import_file(store, codes)
    assert r.kind == "referrals" and r.rows_loaded == 2
    assert q(store, "SELECT code, referrer_id FROM referral_codes ORDER BY code") == [
        ("FRIEND-ANN10", "7000000000001"), ("FRIEND-BO5", "7000000000002")]
    # Ann's own order used her own code: not a referral of herself
    import_file(store, FIX / "shopify_orders_en.csv")
    assert q(store, "SELECT COUNT(*) FROM referrals") == [(0,)]
    other = tmp_path / "o.csv"
    other.write_text("order_id,email,date,amount,discount code\nX1,new@example.com,2024-06-01,"
                     "10,friend-ann10\n")
    r = import_file(store, other)
    assert any("discount code" in w for w in r.warnings)
    assert q(store, "SELECT referrer_id, referred_id, referred_at FROM referrals") == [
        ("7000000000001", "new@example.com", datetime(2024, 6, 1))]
    from cx.ingest import undo_batch
    undo_batch(store, r.batch_id)
    assert q(store, "SELECT COUNT(*) FROM referrals") == [(0,)]


def test_paypal_refund_row_reduces_the_payment_it_references(store):
    import_file(store, FIX / "paypal_activity_ILLUSTRATIVE.csv")
    got = q(store, "SELECT order_id, customer_id, ordered_at, amount FROM transactions "
                   "WHERE order_id = 'TEST-PAY-1'")
    # newest-first file: the customer and date come from the payment, not the refund row
    assert got == [("TEST-PAY-1", "ann.test@example.com", datetime(2024, 6, 15, 10, 12), 25.0)]
