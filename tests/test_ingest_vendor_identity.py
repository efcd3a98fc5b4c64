"""One person, several tools: a payment processor's export (Stripe: its own `Customer ID` beside
`Customer Email`) imported beside the shop's orders does not duplicate the shop's customers.
An id the store already knows wins; else a known customer with that (normalised) email; else
the file's id; else the email."""
from __future__ import annotations

from cx.ingest import import_file
from tests.conftest import FIXTURES, rows


def test_stripe_after_shopify_orders_finds_the_customers_by_email(store):
    import_file(store, FIXTURES / "shopify_orders_en.csv")       # ann, bo (keyed by email)
    import_file(store, FIXTURES / "stripe_payments_legacy.csv")  # ch1 cus_TEST0001 + ann's email
    assert rows(store, "SELECT customer_id FROM customers ORDER BY 1") == [
        ("ann.test@example.com",), ("bo.test@example.com",)]
    assert rows(store, "SELECT order_id, customer_id FROM transactions WHERE source = "
                    "'stripe_payments' ORDER BY 1") == [
        ("ch_TEST000000000000000001", "ann.test@example.com"),
        ("ch_TEST000000000000000002", "bo.test@example.com")]


def test_stripe_first_then_shopify_orders_use_the_stripe_customer(store):
    import_file(store, FIXTURES / "stripe_payments_legacy.csv")
    import_file(store, FIXTURES / "shopify_orders_en.csv")
    assert rows(store, "SELECT customer_id, email FROM customers ORDER BY 1") == [
        ("bo.test@example.com", "bo.test@example.com"),
        ("cus_TEST0001", "ann.test@example.com")]
    assert rows(store, "SELECT order_id, customer_id FROM transactions WHERE source = "
                    "'shopify_orders' ORDER BY 1") == [
        ("#1001", "cus_TEST0001"), ("#1002", "bo.test@example.com")]


def test_a_known_id_wins_over_the_email(store, tmp_path):
    import_file(store, FIXTURES / "shopify_customers.csv")       # 7000000000001 ann, ...02 bo
    path = tmp_path / "orders.csv"
    # customer 7000000000002 (bo) paying with a new email; an unknown id with ann's email
    path.write_text("order_id,customer_id,email,order_date,amount\n"
                    "A1,7000000000002,bo.new@example.com,2024-05-05,10\n"
                    "A2,x-99, ANN.TEST@example.com ,2024-05-06,20\n")
    import_file(store, path)
    assert rows(store, "SELECT order_id, customer_id FROM transactions ORDER BY 1") == [
        ("A1", "7000000000002"), ("A2", "7000000000001")]
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(2,)]
