"""Churn features, labels and the default horizon on hand-made histories (answers worked out by
hand in the comments), and the leakage test: rows after the cutoff change nothing."""
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from cx.churn.metrics import (
    churn_labels,
    customer_features,
    round_horizon,
    suggested_horizon,
    weighted_quantile,
)
from cx.churn.model import FEATURES

CUTOFF = date(2026, 2, 10)


def add_tx(store, rows):
    """rows: (order_id, customer_id, ordered_at, amount, channel, discount, category)."""
    with store.write() as cur:
        cur.executemany(
            "INSERT INTO transactions (order_id, customer_id, ordered_at, amount, currency, "
            "channel, items, discount, discount_code, product_category, source) "
            "VALUES (?, ?, ?, ?, 'USD', ?, 1, ?, NULL, ?, 'test')", [list(r) for r in rows])


def add_survey(store, rid, cid, at, score):
    with store.write() as cur:
        cur.execute("INSERT INTO survey_responses (response_id, customer_id, responded_at, score) "
                    "VALUES (?, ?, ?, ?)", [rid, cid, at, score])


def add_referral(store, referrer, referred, at):
    with store.write() as cur:
        cur.execute("INSERT INTO referrals VALUES (?, ?, ?, NULL)", [referrer, referred, at])


def add_customer(store, cid, channel, referred_by=None):
    with store.write() as cur:
        cur.execute("INSERT INTO customers (customer_id, acquisition_channel, referred_by) "
                    "VALUES (?, ?, ?)", [cid, channel, referred_by])


@pytest.fixture
def history(store):
    """A: four orders on three days, a refund, two survey answers, referred B.
    B: one order, came through A's referral. C: first order after the cutoff."""
    add_customer(store, "A", "social")
    add_customer(store, "B", "referral", "A")
    add_tx(store, [
        ("o1", "A", datetime(2026, 1, 1, 10), 10.0, "online", 0.0, "coffee"),
        ("o2", "A", datetime(2026, 1, 11, 10), 20.0, "store", 0.0, "tea"),
        ("o3", "A", datetime(2026, 1, 31, 9), 30.0, "store", 3.0, "tea"),
        ("o4", "A", datetime(2026, 1, 31, 18), 40.0, "store", 0.0, "tea"),
        ("r1", "A", datetime(2026, 2, 2, 12), -5.0, "store", 0.0, "tea"),
        ("o5", "B", datetime(2026, 1, 20, 12), 50.0, "online", 5.0, "gift"),
        ("o6", "C", datetime(2026, 2, 20, 12), 15.0, "online", 0.0, "coffee"),
    ])
    add_survey(store, "s1", "A", datetime(2026, 1, 12, 9), 9)
    add_survey(store, "s2", "A", datetime(2026, 2, 1, 9), 4)
    add_referral(store, "A", "B", datetime(2026, 1, 20, 12))
    return store


def features_of(store, cutoff=CUTOFF, **kw) -> pd.DataFrame:
    cur = store.cursor()
    try:
        return customer_features(cur, cutoff, **kw).set_index("customer_id")
    finally:
        cur.close()


def test_features_of_a_hand_made_history(history):
    f = features_of(history)
    assert sorted(f.index) == ["A", "B"]  # C first bought after the cutoff
    a = f.loc["A"]
    assert a["frequency"] == 4  # four orders with amount > 0 (the refund is not an order)
    assert a["purchase_days"] == 3  # Jan 1, Jan 11, Jan 31
    assert a["recency_days"] == 10  # Jan 31 -> Feb 10
    assert a["span_days"] == 30 and a["tenure_days"] == 40
    assert a["mean_gap_days"] == pytest.approx(15.0)  # gaps 10 and 20
    assert a["gap_cv"] == pytest.approx(5.0 / 15.0)  # population sd 5 / mean 15
    assert a["last_gap_days"] == 20
    assert a["last_gap_ratio"] == pytest.approx(20 / 15)
    assert a["overdue_ratio"] == pytest.approx(10 / 15)
    assert a["avg_order_value"] == pytest.approx(25.0)  # (10 + 20 + 30 + 40) / 4
    assert a["value_trend"] == pytest.approx(30.0 / 25.0)  # last three orders 40, 30, 20
    assert a["channel_count"] == 2 and a["main_channel"] == "store"
    assert a["first_category"] == "coffee" and a["first_channel"] == "online"
    assert a["refund_count"] == 1
    assert a["total_spend"] == pytest.approx(95.0)  # 100 of orders - 5 refunded
    assert a["discount_share"] == pytest.approx(0.25)
    assert a["nps_latest"] == 4 and a["nps_mean"] == pytest.approx(6.5)
    assert a["nps_responses"] == 2
    assert a["referrals_made"] == 1 and a["was_referred"] == 0
    assert a["acquisition_channel"] == "social"
    b = f.loc["B"]
    assert b["frequency"] == 1 and b["recency_days"] == 21 and b["tenure_days"] == 21
    assert np.isnan(b["mean_gap_days"]) and np.isnan(b["gap_cv"]) and np.isnan(b["overdue_ratio"])
    assert b["value_trend"] == pytest.approx(1.0)
    assert b["was_referred"] == 1 and b["referrals_made"] == 0
    assert np.isnan(b["nps_latest"]) and b["nps_responses"] == 0
    assert b["discount_share"] == pytest.approx(1.0)


def test_rows_after_the_cutoff_change_no_feature(history):
    before = features_of(history)
    # everything below happens after the cutoff day
    add_tx(history, [
        ("l1", "A", datetime(2026, 2, 11, 0, 0, 1), 999.0, "app", 50.0, "merch"),
        ("l2", "B", datetime(2026, 3, 1), 80.0, "app", 0.0, "merch"),
        ("l3", "A", datetime(2026, 4, 1), -20.0, "store", 0.0, "tea"),
        ("l4", "D", datetime(2026, 2, 12), 30.0, "store", 0.0, "tea"),
    ])
    add_survey(history, "s3", "A", datetime(2026, 2, 11, 0, 0, 1), 10)
    add_survey(history, "s4", "B", datetime(2026, 3, 2), 0)
    add_referral(history, "B", "D", datetime(2026, 2, 12))
    add_referral(history, "A", "C", datetime(2026, 2, 20))
    after = features_of(history)
    pd.testing.assert_frame_equal(before, after)


def test_a_purchase_on_the_cutoff_day_counts(history):
    add_tx(history, [("late", "B", datetime(2026, 2, 10, 23, 59), 10.0, "online", 0.0, "gift")])
    assert features_of(history).loc["B", "recency_days"] == 0


def test_lookback_keeps_recent_customers_only(history):
    f = features_of(history, lookback=15)  # A last bought 10 days ago, B 21 days ago
    assert list(f.index) == ["A"]


def test_all_features_present(history):
    f = features_of(history)
    assert set(FEATURES) <= set(f.columns)


def test_label_is_no_purchase_in_the_horizon_after_the_cutoff(history):
    add_tx(history, [
        ("f1", "A", datetime(2026, 3, 12, 20), 10.0, "online", 0.0, "tea"),  # day 30: in
        ("f2", "B", datetime(2026, 3, 13, 1), 10.0, "online", 0.0, "tea"),  # day 31: out
        ("f3", "B", datetime(2026, 2, 15), -10.0, "online", 0.0, "tea"),  # a refund is no purchase
    ])
    cur = history.cursor()
    labels = churn_labels(cur, pd.Series(["A", "B"]), CUTOFF, 30).set_index("customer_id")
    cur.close()
    assert labels.loc["A", "churned"] == 0 and labels.loc["A", "future_orders"] == 1
    assert labels.loc["B", "churned"] == 1 and labels.loc["B", "future_spend"] == 0


@pytest.mark.parametrize("days,expected", [(None, 90), (0, 90), (12, 30), (40, 30), (50, 60),
                                           (75, 90), (120, 90), (150, 180), (400, 180)])
def test_round_horizon(days, expected):
    # nearest on a ratio scale: 40 is 1.33x of 30 and 1.5x short of 60
    assert round_horizon(days) == expected


def test_suggested_horizon_from_the_gaps(store):
    rows = []
    # ten customers buy again after 10 days, two after 100 days: 12 customers with one gap each;
    # 10 of 12 (83%) have a gap of 10 days or less, all 12 within 100 days: p90 = 100 -> 90
    for i in range(12):
        gap = 100 if i >= 10 else 10
        rows.append((f"a{i}", f"C{i}", datetime(2025, 6, 1), 10.0, "online", 0.0, "tea"))
        rows.append((f"b{i}", f"C{i}", datetime(2025, 6, 1) + pd.Timedelta(days=gap), 10.0,
                     "online", 0.0, "tea"))
    add_tx(store, rows)
    cur = store.cursor()
    assert suggested_horizon(cur, date(2026, 1, 1)) == 90
    # as of a date before the long gaps closed, only the ten 10-day gaps are known: p90 = 10 -> 30
    assert suggested_horizon(cur, date(2025, 7, 1)) == 30
    # before any second purchase there are no gaps at all: the fallback of 90 days
    assert suggested_horizon(cur, date(2025, 6, 5)) == 90
    cur.close()


def test_suggested_horizon_weighs_every_customer_the_same(store):
    """One frequent buyer makes most of the gaps; the other nine customers buy every 40-70 days.
    Pooled, 100 of the 109 gaps are 5 days and their 90th percentile is 5 (-> 30 days, shorter
    than almost everyone's own rhythm). Per customer, each weighs 1/10: 5 days covers 10% of the
    customers, ..., 65 days covers 90% (nine of ten) -> 60 days."""
    start = datetime(2025, 1, 1)
    rows = [(f"f{k}", "F", start + pd.Timedelta(days=5 * k), 10.0, "online", 0.0, "tea")
            for k in range(101)]  # 100 gaps of 5 days
    for i, gap in enumerate([40, 45, 50, 52, 55, 58, 60, 65, 70]):
        rows.append((f"a{i}", f"C{i}", start, 10.0, "online", 0.0, "tea"))
        rows.append((f"b{i}", f"C{i}", start + pd.Timedelta(days=gap), 10.0, "online", 0.0, "tea"))
    add_tx(store, rows)
    pooled = np.repeat([5, 40, 45, 50, 52, 55, 58, 60, 65, 70], [100] + [1] * 9)
    assert round_horizon(np.quantile(pooled, 0.9)) == 30  # what pooling all gaps would say
    cur = store.cursor()
    assert suggested_horizon(cur, date(2026, 1, 1)) == 60
    cur.close()


def test_suggested_horizon_short_gaps(store):
    rows = []
    for i in range(15):
        for k in range(3):
            rows.append((f"o{i}-{k}", f"C{i}", datetime(2025, 6, 1) + pd.Timedelta(days=7 * k),
                         10.0, "online", 0.0, "tea"))
    add_tx(store, rows)
    cur = store.cursor()
    assert suggested_horizon(cur, date(2026, 1, 1)) == 30  # every gap is 7 days
    cur.close()


def test_surveys_without_a_customer_id_match_by_order_then_email(history):
    with history.write() as cur:
        cur.execute("UPDATE customers SET email = 'b@example.com' WHERE customer_id = 'B'")
        cur.execute("INSERT INTO survey_responses (response_id, order_id, responded_at, score) "
                    "VALUES ('s5', 'o5', '2026-01-21 10:00:00', 3)")  # B's order
        cur.execute("INSERT INTO survey_responses (response_id, email, responded_at, score) "
                    "VALUES ('s6', 'B@Example.com', '2026-01-25 10:00:00', 8)")  # B's email
        cur.execute("INSERT INTO survey_responses (response_id, email, responded_at, score) "
                    "VALUES ('s7', 'nobody@example.com', '2026-01-25 10:00:00', 0)")
    b = features_of(history).loc["B"]
    assert b["nps_responses"] == 2 and b["nps_latest"] == 8 and b["nps_mean"] == 5.5


def test_an_answer_matched_only_by_email_gives_the_customer_their_last_score(history):
    """cx.sql.matched_responses, as on the NPS page: an answer whose customer id is known
    nowhere is matched by its e-mail, so B's latest answer is that one."""
    with history.write() as cur:
        cur.execute("UPDATE customers SET email = 'b@example.com' WHERE customer_id = 'B'")
        cur.execute("INSERT INTO survey_responses (response_id, customer_id, email, "
                    "responded_at, score) VALUES ('s8', 'web-visitor-17', 'B@example.com', "
                    "'2026-02-01 10:00:00', 2)")
    b = features_of(history).loc["B"]
    assert b["nps_latest"] == 2 and b["nps_responses"] == 1
    assert "web-visitor-17" not in features_of(history).index


def test_a_free_order_is_a_purchase_unless_it_was_refunded(history):
    """cx.sql.PURCHASE, as on every page: an order of 0 counts (recency, frequency), unless
    something was refunded from it."""
    add_tx(history, [("free", "B", datetime(2026, 2, 5, 12), 0.0, "online", 0.0, "gift")])
    b = features_of(history).loc["B"]
    assert b["recency_days"] == 5 and b["frequency"] == 2 and b["purchase_days"] == 2
    with history.write() as cur:
        cur.execute("UPDATE transactions SET refunded = 10 WHERE order_id = 'free'")
    b = features_of(history).loc["B"]
    assert b["recency_days"] == 21 and b["frequency"] == 1
    cur = history.cursor()
    labels = churn_labels(cur, pd.Series(["B"]), date(2026, 2, 1), 30).set_index("customer_id")
    cur.close()
    assert labels.loc["B", "churned"] == 1  # a refunded free order is no sign of coming back


def test_other_currencies_are_left_out(history):
    with history.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, currency) "
                    "VALUES ('e1', 'B', '2026-02-05 10:00:00', 500.0, 'EUR')")
    assert features_of(history, currency="USD").loc["B", "frequency"] == 1
    assert features_of(history, currency="EUR").loc["B", "frequency"] == 1  # only the EUR order
    assert features_of(history).loc["B", "frequency"] == 2  # no currency: everything


@pytest.mark.parametrize("q", [0.0, 0.1, 0.5, 0.9, 0.95, 1.0])
def test_weighted_quantile_matches_numpy(q):
    values, weights = [1, 7, 10, 30, 100], [0.5, 1.0, 2.5, 1 / 3, 2 / 3]
    assert weighted_quantile(values, weights, q) == pytest.approx(
        np.quantile(values, q, weights=weights, method="inverted_cdf"))


def test_weighted_quantile_share_exactly_at_q():
    # nine of ten equal weights at or below 65: 90% reached exactly, not missed by rounding
    values = [5, 40, 45, 50, 52, 55, 58, 60, 65, 70]
    assert weighted_quantile(values, [0.1] * 10, 0.9) == 65
