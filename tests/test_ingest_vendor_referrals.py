"""Referral exports (Friendbuy conversions, reference §3) imported beside the shop's own exports:
the referrer and the referred friend are the shop's customers, found by normalised email
(lower case, trimmed) before the referral app's own ids, so no phantom customer appears."""
from __future__ import annotations

from datetime import datetime

from cx.ingest import import_file
from tests.conftest import FIXTURES, rows

FRIENDBUY = FIXTURES / "friendbuy_conversions_ILLUSTRATIVE.csv"


def test_friendbuy_after_shopify_orders_links_the_two_shop_customers(store):
    import_file(store, FIXTURES / "shopify_orders_en.csv")          # customers: ann, bo (by email)
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(2,)]
    r = import_file(store, FRIENDBUY)
    # row 1: bo referred ann (approved); row 2: rejected self-referral, skipped and counted
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (2, 1, 0)
    assert r.skipped_reasons == {"not_approved": 1}
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(2,)]   # no cust-0001 / cust-0002
    assert rows(store, "SELECT referrer_id, referred_id, referred_at FROM referrals") == [
        ("bo.test@example.com", "ann.test@example.com", datetime(2024, 5, 1, 14, 0, 5))]


def test_friendbuy_after_shopify_customers_uses_the_shop_customer_ids(store):
    import_file(store, FIXTURES / "shopify_customers.csv")    # 7000000000001 ann, ...02 bo
    import_file(store, FRIENDBUY)
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(2,)]
    assert rows(store, "SELECT referrer_id, referred_id FROM referrals") == [
        ("7000000000002", "7000000000001")]


def test_friendbuy_first_then_orders_by_email_find_the_same_people(store):
    import_file(store, FRIENDBUY)
    # nobody known yet: the app's ids are kept, with the emails
    assert rows(store, "SELECT customer_id, email FROM customers ORDER BY 1") == [
        ("cust-0001", "ann.test@example.com"), ("cust-0002", "bo.test@example.com")]
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(2,)]
    assert rows(store, "SELECT order_id, customer_id FROM transactions ORDER BY 1") == [
        ("#1001", "cust-0001"), ("#1002", "cust-0002")]


def test_referral_emails_are_matched_case_and_space_insensitively(store, tmp_path):
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    path = tmp_path / "referrals.csv"
    path.write_text("Date,Friend Email,Friend ID,Referrer Email,Referrer ID,Reward\n"
                    "2024-05-02 10:00:00,  Ann.Test@Example.COM ,fb-9,BO.TEST@example.com ,"
                    "fb-8,approved\n"
                    # an unknown friend: a new customer keyed by the app's id, email kept
                    "2024-05-03 10:00:00,cy.test@example.com,fb-7,bo.test@example.com,fb-8,"
                    "approved\n")
    r = import_file(store, path)
    assert r.kind == "referrals" and (r.rows_loaded, r.rows_rejected) == (2, 0)
    assert rows(store, "SELECT referrer_id, referred_id FROM referrals ORDER BY referred_at") == [
        ("bo.test@example.com", "ann.test@example.com"), ("bo.test@example.com", "fb-7")]
    assert rows(store, "SELECT customer_id, email FROM customers ORDER BY 1") == [
        ("ann.test@example.com", "ann.test@example.com"),
        ("bo.test@example.com", "bo.test@example.com"), ("fb-7", "cy.test@example.com")]


def test_a_referral_that_resolves_to_one_person_is_a_self_referral(store, tmp_path):
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    path = tmp_path / "self.csv"
    # different app ids, same shop customer by email
    path.write_text("Date,Friend Email,Friend ID,Referrer Email,Referrer ID,Reward\n"
                    "2024-05-02 10:00:00,ann.test@example.com,fb-1,Ann.Test@example.com,fb-2,"
                    "approved\n")
    r = import_file(store, path)
    assert (r.rows_loaded, r.rejected_reasons) == (0, {"self_referral": 1})
    assert rows(store, "SELECT COUNT(*) FROM referrals") == [(0,)]
