"""Exports as the tools write them (fixtures made from ../shared/reference/export_formats.md,
all values invented): each is recognised by its signature columns and imports with no manual
mapping and the right orders, revenue, customers, refunds and skipped rows."""
from __future__ import annotations

from datetime import datetime

import pytest

from cx.ingest import import_file, preview_file
from tests.conftest import FIXTURES, rows


def orders(store):
    return {r[0]: r[1:] for r in rows(
        store, "SELECT order_id, customer_id, amount, currency, items FROM transactions")}


# Per fixture, worked out by hand from its rows (see the notes): file, source, kind, rows read,
# rows loaded, skipped {reason: rows}, records (orders / customers / responses / referrals),
# totals (orders: revenue by currency, net of refunds; surveys: the scores loaded, sorted),
# customers in the store afterwards, and refunds: the net amount of every order a refund
# touched ({} when the file has none; None for files without orders).
CASES = [
    # #1001 two lines, total 31.98 once; #1002 42.50 - refunded 20.00
    ("shopify_orders_en.csv", "shopify_orders", "transactions", 3, 3, {}, 2,
     {"USD": 54.48}, 2, {"#1002": 22.50}),
    ("shopify_orders_jp_store.csv", "shopify_orders", "transactions", 1, 1, {}, 1,
     {"JPY": 3900.0}, 1, {}),
    # #2001 bogus (2 lines), #2003 test gateway, #2004 voided; #2002 15.00
    ("shopify_orders_test_gateway.csv", "shopify_orders", "transactions", 5, 1,
     {"test": 3, "cancelled": 1}, 1, {"USD": 15.0}, 1, {}),
    ("shopify_customers.csv", "shopify_customers", "customers", 2, 2, {}, 2, None, 2, None),
    # tx1 31.16 - refund row 12.96; tx2 1,240.00 (no customer)
    ("square_transactions.csv", "square_transactions", "transactions", 3, 3, {}, 2,
     {"USD": 1258.20}, 1, {"TESTtx0000000000000000001": 18.20}),
    # A only gift cards (2 rows skipped); B 35.80 - 25.00 gift card, its gift card refunded
    # later (skipped); C and D fully refunded
    ("square_gift_cards_full_refunds.csv", "square_transactions", "transactions", 9, 6,
     {"gift_card": 3}, 3, {"USD": 10.80}, 3,
     {"TESTtxFULL0000000000000C": 0.0, "TESTtxTWO00000000000000D": 0.0}),
    # net sales 9.00 + 12.00, the scone refunded -12.00
    ("square_items.csv", "square_items", "transactions", 3, 3, {}, 1, {"USD": 9.0}, 1,
     {"TESTtx0000000000000000001": 9.0}),
    # ch1 31.98; ch2 1,042.50 - 20.00; ch3 Mode=Test
    ("stripe_payments_legacy.csv", "stripe_payments", "transactions", 3, 2, {"test": 1}, 2,
     {"USD": 1054.48}, 2, {"ch_TEST000000000000000002": 1022.50}),
    # ch12 300.00 fully refunded: an order of 0
    ("stripe_unified_payments.csv", "stripe_payments", "transactions", 2, 2, {}, 2,
     {"USD": 3125.0}, 2, {"ch_TEST000000000000000012": 0.0}),
    # PAY-1 35.00 - refund 10.00; PAY-2 1,500 JPY; a conversion and a withdrawal; PAY-3 denied
    ("paypal_activity_ILLUSTRATIVE.csv", "paypal_activity", "transactions", 6, 3,
     {"not_a_sale": 2, "cancelled": 1}, 2, {"USD": 25.0, "JPY": 1500.0}, 2,
     {"TEST-PAY-1": 25.0}),
    # 4993 32.00; 4994 wc-refunded, refund_items amount:18.00 of 18.00
    ("woocommerce_webtoffee_orders.csv", "woocommerce_orders", "transactions", 2, 2, {}, 2,
     {"USD": 32.0}, 2, {"4994": 0.0}),
    # 5001 50.00 - 10.00; 5002 wc-refunded (no refund_items); 5003 cancelled;
    # 5004 12.50 - 2.50 - 5.00; customers 21 (two orders) and a guest
    ("woocommerce_refunds_line_items.csv", "woocommerce_orders", "transactions", 4, 3,
     {"cancelled": 1}, 3, {"USD": 45.0}, 2, {"5001": 40.0, "5002": 0.0, "5004": 5.0}),
    # TEST0001 9,000 (two lines); TEST0002 5,000 corrected by -500 to 修正後合計 4,500
    ("airregi_kaikei_meisai_cp932.csv", "airregi", "transactions", 3, 3, {}, 2,
     {"JPY": 13500.0}, 0, {"TEST0002": 4500.0}),
    # order 1: 合計金額 3,600 repeated on both lines, taken once; order 2 (2,100) has
    # 注文メモ "テスト注文（削除予定）", a test order (reference §5.1 is_test)
    ("base_orders.csv", "base_orders", "transactions", 3, 2, {"test": 1}, 1, {"JPY": 3600.0},
     1, {}),
    # 100001 3,300; 100002 4,850; 100003 取消区分=1
    ("smaregi_torihiki_rireki_partial_cp932.csv", "smaregi", "transactions", 3, 2,
     {"cancelled": 1}, 2, {"JPY": 8150.0}, 0, {}),
    ("minne_orders.csv", "csv", "transactions", 1, 1, {}, 1, {"JPY": 2685.0}, 1, {}),
    ("surveymonkey_nps.csv", "surveymonkey", "surveys", 3, 2, {"subheader": 1}, 2, [4, 9], 0,
     None),
    ("typeform_nps.csv", "typeform", "surveys", 3, 2, {"partial": 1}, 2, [6, 10], 0, None),
    ("qualtrics_nps_ILLUSTRATIVE.csv", "qualtrics", "surveys", 5, 1,
     {"subheader": 2, "test": 1, "partial": 1}, 1, [9], 0, None),
    ("google_forms_nps_en.csv", "google_forms", "surveys", 2, 2, {}, 2, [3, 9], 0, None),
    ("google_forms_nps_ja.csv", "google_forms_ja", "surveys", 2, 2, {}, 2, [5, 10], 0, None),
    ("delighted_ILLUSTRATIVE.csv", "csv", "surveys", 2, 2, {}, 2, [0, 9], 0, None),
    # NPS 10, 7, 3; one CSAT answer skipped
    ("hubspot_feedback_ILLUSTRATIVE.csv", "csv", "surveys", 4, 3, {"not_nps": 1}, 3,
     [3, 7, 10], 0, None),
    # bo referred ann; the second row is a rejected self-referral
    ("friendbuy_conversions_ILLUSTRATIVE.csv", "csv", "referrals", 2, 1, {"not_approved": 1},
     1, None, 2, None),
]


def test_every_fixture_has_a_case():
    assert sorted(c[0] for c in CASES) == sorted(p.name for p in FIXTURES.glob("*.csv"))


@pytest.mark.parametrize("name,source,kind,read,loaded,skipped,records,totals,customers,"
                         "refunds", CASES, ids=[c[0] for c in CASES])
def test_each_tool_imports_with_no_mapping(store, name, source, kind, read, loaded, skipped,
                                           records, totals, customers, refunds):
    r = import_file(store, FIXTURES / name)
    assert (r.source, r.kind) == (source, kind)
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (read, loaded, 0)
    assert r.skipped_reasons == skipped and r.rows_skipped == sum(skipped.values())
    assert r.records_loaded == records
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(customers,)]
    if kind == "transactions":
        assert rows(store, "SELECT COUNT(*) FROM transactions") == [(records,)]
        got = {cur: round(total, 2) for cur, total in rows(
            store, "SELECT currency, SUM(amount) FROM transactions GROUP BY currency")}
        assert got == totals
        amounts = dict(rows(store, "SELECT order_id, amount FROM transactions"))
        assert {o: round(amounts[o], 2) for o in refunds} == refunds
    elif kind == "surveys":
        assert [s for (s,) in rows(store, "SELECT score FROM survey_responses ORDER BY score")] \
            == totals
    elif kind == "referrals":
        assert rows(store, "SELECT COUNT(*) FROM referrals") == [(records,)]
    again = import_file(store, FIXTURES / name)
    assert again.rows_loaded == 0 and again.rows_duplicate == loaded
    assert again.skipped_reasons == r.skipped_reasons


def test_shopify_line_items_refunds_and_discount(store):
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    got = orders(store)
    # two lines of #1001 are one order: total taken once, items from the lines
    assert got["#1001"] == ("ann.test@example.com", 31.98, "USD", 2)
    # #1002 partially refunded: 42.50 - 20.00
    assert got["#1002"] == ("bo.test@example.com", 22.5, "USD", 2)
    assert rows(store, "SELECT discount_code, ordered_at FROM transactions "
                       "WHERE order_id = '#1001'") == [
        ("FRIEND-ANN10", datetime(2024, 5, 1, 9, 58, 12))]


def test_square_refund_rows_reduce_the_original_order(store):
    import_file(store, FIXTURES / "square_transactions.csv")
    got = orders(store)
    assert got["TESTtx0000000000000000001"][1] == pytest.approx(31.16 - 12.96)
    assert got["TESTtx0000000000000000002"][1] == 1240.0
    # the order's date is the sale, not the refund
    assert rows(store, "SELECT ordered_at FROM transactions WHERE order_id = "
                    "'TESTtx0000000000000000001'") == [(datetime(2024, 7, 18, 12, 59, 30),)]


def test_airregi_fill_down_and_corrected_total(store):
    r = import_file(store, FIXTURES / "airregi_kaikei_meisai_cp932.csv")
    assert r.encoding == "cp932"
    got = orders(store)
    assert got["TEST0001"] == (None, 9000.0, "JPY", 3)        # 2 + 1 items over two lines
    assert got["TEST0002"] == (None, 4500.0, "JPY", 1)        # 修正後合計 after the correction
    assert any("no customer column" in w for w in r.warnings)


def test_stripe_test_mode_skipped_and_refund_netted(store):
    import_file(store, FIXTURES / "stripe_payments_legacy.csv")
    got = orders(store)
    assert "ch_TEST000000000000000003" not in got                  # Mode = Test
    assert got["ch_TEST000000000000000002"][1] == 1022.5           # 1,042.50 - 20.00
    assert got["ch_TEST000000000000000002"][0] == "bo.test@example.com"


def test_shopify_customers_merge_with_orders_without_duplicates(store):
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    r = import_file(store, FIXTURES / "shopify_customers.csv")
    assert (r.rows_loaded, r.rows_duplicate) == (0, 2)    # both already known by email
    assert rows(store, "SELECT customer_id, name, region FROM customers ORDER BY 1") == [
        ("ann.test@example.com", "Ann Test", "MA"), ("bo.test@example.com", "Bo Test", "MA")]


def test_customers_first_then_orders_by_email_use_the_customer_id(store):
    import_file(store, FIXTURES / "shopify_customers.csv")
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    assert rows(store, "SELECT DISTINCT customer_id FROM transactions ORDER BY 1") == [
        ("7000000000001",), ("7000000000002",)]
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(2,)]


def test_typeform_response_matched_to_customer_by_order_id(store):
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    import_file(store, FIXTURES / "typeform_nps.csv")
    assert dict(rows(store, "SELECT score, customer_id FROM survey_responses")) == {
        10: "ann.test@example.com", 6: "bo.test@example.com"}


def test_surveymonkey_second_header_row_and_us_dates(store):
    import_file(store, FIXTURES / "surveymonkey_nps.csv")
    got = rows(store, "SELECT response_id, score, responded_at, comment FROM survey_responses "
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
    assert rows(store, "SELECT order_id, amount FROM transactions") == [("1", 110.0)]


def test_preview_says_what_was_recognised():
    p = preview_file(FIXTURES / "shopify_orders_en.csv")
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
    assert dict(rows(store, "SELECT order_id, currency FROM transactions")) == {
        "1": "USD", "2": "JPY", "3": "EUR"}


def test_discount_codes_of_referrers_become_referrals_either_order(store, tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text("Referral Code,Referrer Email\nfriend-ann10,ann.test@example.com\n"
                     "FRIEND-BO5,bo.test@example.com\n")
    import_file(store, FIXTURES / "shopify_customers.csv")
    r = import_file(store, codes)
    assert r.kind == "referrals" and r.rows_loaded == 2
    assert rows(store, "SELECT code, referrer_id FROM referral_codes ORDER BY code") == [
        ("FRIEND-ANN10", "7000000000001"), ("FRIEND-BO5", "7000000000002")]
    # Ann's own order used her own code: not a referral of herself
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    assert rows(store, "SELECT COUNT(*) FROM referrals") == [(0,)]
    other = tmp_path / "o.csv"
    other.write_text("order_id,email,date,amount,discount code\nX1,new@example.com,2024-06-01,"
                     "10,friend-ann10\n")
    r = import_file(store, other)
    assert any("discount code" in w for w in r.warnings)
    assert rows(store, "SELECT referrer_id, referred_id, referred_at FROM referrals") == [
        ("7000000000001", "new@example.com", datetime(2024, 6, 1))]
    from cx.ingest import undo_batch
    undo_batch(store, r.batch_id)
    assert rows(store, "SELECT COUNT(*) FROM referrals") == [(0,)]


def test_paypal_refund_row_reduces_the_payment_it_references(store):
    import_file(store, FIXTURES / "paypal_activity_ILLUSTRATIVE.csv")
    got = rows(store, "SELECT order_id, customer_id, ordered_at, amount FROM transactions "
                   "WHERE order_id = 'TEST-PAY-1'")
    # newest-first file: the customer and date come from the payment, not the refund row
    assert got == [("TEST-PAY-1", "ann.test@example.com", datetime(2024, 6, 15, 10, 12), 25.0)]
