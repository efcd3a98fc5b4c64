"""cx.segments.customer_values on small hand-made data whose answers were worked out by hand."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from cx.scope import Scope
from cx.segments import customer_values, unknown_referrals

AS_OF = date(2026, 6, 30)
SCOPE = Scope(start=date(2025, 1, 1), end=AS_OF, currency=None)


def day(n_days_before: int, hour: int = 12) -> datetime:
    """A timestamp n days before the analysis date (0 = on it)."""
    return datetime.combine(AS_OF - timedelta(days=n_days_before), datetime.min.time()).replace(
        hour=hour)


def load(store, customers=(), orders=(), referrals=(), surveys=()):
    """customers: (id, name, email); orders: (customer_id, days_before, amount[, currency]);
    referrals: (referrer, referred[, days_before]); surveys: (customer_id, email, order_id,
    days_before, score)."""
    with store.write() as cur:
        for cid, name, email in customers:
            cur.execute("INSERT INTO customers (customer_id, name, email) VALUES (?, ?, ?)",
                        [cid, name, email])
        for i, o in enumerate(orders):
            cid, before, amount = o[:3]
            currency = o[3] if len(o) > 3 else "USD"
            cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                        "currency) VALUES (?, ?, ?, ?, ?)",
                        [f"O{i:04d}", cid, day(before), amount, currency])
        for r in referrals:
            when = day(r[2]) if len(r) > 2 and r[2] is not None else None
            cur.execute("INSERT INTO referrals VALUES (?, ?, ?, NULL)", [r[0], r[1], when])
        for i, (cid, email, order_id, before, score) in enumerate(surveys):
            cur.execute("INSERT INTO survey_responses (response_id, customer_id, email, order_id, "
                        "responded_at, score) VALUES (?, ?, ?, ?, ?, ?)",
                        [f"S{i:03d}", cid, email, order_id, day(before), score])


def values(store, **kw) -> pd.DataFrame:
    cur = store.cursor()
    try:
        return customer_values(cur, kw.pop("scope", SCOPE), **kw).set_index("customer_id")
    finally:
        cur.close()


def test_referrer_gets_all_window_orders_of_a_friend_who_buys_twice(store):
    # A referred B; B bought 40 and 60 in the window and 500 before it (not counted).
    load(store, customers=[("A", "Ann", "a@x.jp"), ("B", "Bob", "b@x.jp")],
         orders=[("A", 10, 30.0), ("B", 400, 500.0), ("B", 100, 40.0), ("B", 5, 60.0)],
         referrals=[("A", "B", 400)])
    v = values(store)
    assert v.loc["A", "spend_value"] == 30.0
    assert v.loc["A", "referrals"] == 1
    assert v.loc["A", "referral_value"] == 100.0  # both window orders, not just the first
    assert v.loc["A", "total_value"] == 130.0
    assert v.loc["B", "spend_value"] == 100.0
    assert v.loc["B", "frequency"] == 2
    assert v.loc["B", "referrals"] == 0
    assert v.loc["A", "name"] == "Ann" and v.loc["B", "email"] == "b@x.jp"


def test_lookback_window_edges(store):
    # lookback 30 days: day 29 before as_of is the first day in, day 30 is out; after as_of out.
    load(store, orders=[("A", 29, 10.0), ("A", 30, 1000.0), ("A", -1, 7000.0), ("A", 0, 5.0)])
    v = values(store, lookback_days=30)
    assert v.loc["A", "spend_value"] == 15.0
    assert v.loc["A", "frequency"] == 2
    assert v.loc["A", "recency_days"] == 0


def test_referral_chain_one_level_further(store):
    # A -> B -> C -> D. Chain of A = C's revenue; D is two levels below A and not in A's chain.
    load(store, orders=[("A", 1, 10.0), ("B", 2, 20.0), ("C", 3, 50.0), ("C", 4, 25.0),
                        ("D", 5, 7.0)],
         referrals=[("A", "B", 300), ("B", "C", 200), ("C", "D", 100)])
    v = values(store)
    assert v.loc["A", "referral_value"] == 20.0
    assert (v.loc["A", "chain_referrals"], v.loc["A", "chain_value"]) == (1, 75.0)
    assert v.loc["B", "referral_value"] == 75.0
    assert (v.loc["B", "chain_referrals"], v.loc["B", "chain_value"]) == (1, 7.0)
    assert v.loc["C", "chain_value"] == 0.0
    # the chain is a second view: never part of total value
    assert v.loc["A", "total_value"] == 30.0


def test_referral_cycle_does_not_credit_own_revenue_as_chain(store):
    load(store, orders=[("A", 1, 10.0), ("B", 1, 20.0)],
         referrals=[("A", "B", 50), ("B", "A", 40)])
    v = values(store)
    assert v.loc["A", "chain_value"] == 0.0 and v.loc["A", "chain_referrals"] == 0


def test_customer_referred_by_someone_unknown(store):
    # Z is in neither customers nor transactions: no row for Z, D is a customer of their own.
    load(store, customers=[("D", "Dee", "d@x.jp")], orders=[("D", 3, 80.0)],
         referrals=[("Z", "D", 10)])
    v = values(store)
    assert list(v.index) == ["D"]
    assert v.loc["D", "spend_value"] == 80.0
    cur = store.cursor()
    assert unknown_referrals(cur, SCOPE) == 1
    cur.close()


def test_referrer_without_own_orders_is_included(store):
    # R bought nothing in the window (only long ago) but their friend bought: R is a Referrer.
    load(store, customers=[("R", "Rei", "r@x.jp")],
         orders=[("R", 800, 99.0), ("F", 10, 45.0), ("G", 10, 10.0)],
         referrals=[("R", "F", 20)])
    v = values(store)
    assert v.loc["R", "spend_value"] == 0.0
    assert v.loc["R", "referral_value"] == 45.0
    assert v.loc["R", "segment"] == "Referrers"
    assert v.loc["R", "rfm_segment"] == "No purchases"
    assert pd.isna(v.loc["R", "r_score"])
    assert v.loc["R", "recency_days"] == 800  # last order ever, up to the analysis date


def test_referrer_whose_friends_did_not_buy_in_window_is_not_included(store):
    load(store, customers=[("R", "Rei", "r@x.jp")], orders=[("F", 700, 45.0), ("G", 1, 5.0)],
         referrals=[("R", "F", 700)])
    v = values(store)
    assert "R" not in v.index


def test_friend_with_two_referrers_credits_the_earliest_only(store):
    load(store, orders=[("A", 1, 5.0), ("B", 1, 5.0), ("F", 2, 100.0)],
         referrals=[("B", "F", 30), ("A", "F", 60), ("A", "A", 10)])  # A -> A ignored
    v = values(store)
    assert v.loc["A", "referral_value"] == 100.0 and v.loc["A", "referrals"] == 1
    assert v.loc["B", "referral_value"] == 0.0 and v.loc["B", "referrals"] == 0
    assert v["referral_value"].sum() == 100.0  # nothing counted twice


def test_referrals_after_the_analysis_date_are_ignored(store):
    load(store, orders=[("A", 1, 5.0), ("F", 2, 100.0)], referrals=[("A", "F", -3)])
    assert values(store).loc["A", "referrals"] == 0


def test_ties_at_the_threshold_are_all_in(store):
    # 8 customers; top 25% -> k = ceil(8 * 0.25) = 2; the 2nd largest spend is 100 and three
    # customers have it: all three are high spenders (37.5%), none split by id order.
    spends = {"A": 100, "B": 100, "C": 100, "D": 50, "E": 40, "F": 30, "G": 20, "H": 10}
    load(store, orders=[(c, 5, float(s)) for c, s in spends.items()])
    v = values(store)
    assert v.loc["A", "spend_threshold"] == 100.0
    assert sorted(v.index[v["segment"] == "Spenders"]) == ["A", "B", "C"]
    # top 50%: k = 4 -> threshold 50, exactly four customers
    v50 = values(store, percentile=50)
    assert v50.loc["A", "spend_threshold"] == 50.0
    assert sorted(v50.index[v50["segment"] == "Spenders"]) == ["A", "B", "C", "D"]


def test_distinct_values_give_exactly_the_top_share(store):
    load(store, orders=[(f"C{i:03d}", 5, float(i)) for i in range(1, 101)])
    v = values(store)
    high = v.index[v["segment"] == "Spenders"]
    assert len(high) == 25 and v.loc["C076", "segment"] == "Spenders"
    assert v.loc["C075", "segment"] == "Others"


def test_no_referrals_in_the_data(store):
    load(store, orders=[("A", 1, 500.0), ("B", 2, 10.0), ("C", 3, 20.0), ("D", 4, 30.0)])
    v = values(store)
    assert (v["referral_value"] == 0).all() and (v["referrals"] == 0).all()
    assert set(v["segment"]) == {"Spenders", "Others"}  # zero is never "high"
    assert v.loc["A", "segment"] == "Spenders"


def test_segments_quadrants(store):
    # top 50% on each axis; 6 customers included, k = 3.
    # spend 100, 90, 4, 3, 2, 1 -> threshold 4; referral value 4, 3, 0... -> threshold 0, so
    # any positive referral value is high.
    load(store, orders=[("CH", 1, 100.0), ("SP", 1, 90.0), ("RF", 1, 2.0), ("OT", 1, 1.0),
                        ("f1", 1, 3.0), ("f2", 1, 4.0)],
         referrals=[("CH", "f1", 5), ("RF", "f2", 5)])
    v = values(store, percentile=50)
    assert (v.loc["CH", "spend_threshold"], v.loc["CH", "referral_threshold"]) == (4.0, 0.0)
    assert v["segment"].to_dict() == {"CH": "Champions", "SP": "Spenders", "f2": "Spenders",
                                      "RF": "Referrers", "OT": "Others", "f1": "Others"}


def test_rfm_scores_are_quintiles_on_distinct_values(store):
    # Ci (i = 1..10) has i orders of 10, the last (11 - i) * 3 days ago: distinct R, F and M.
    orders = [(f"C{i:02d}", (11 - i) * 3 + 30 * j, 10.0) for i in range(1, 11) for j in range(i)]
    load(store, orders=orders)
    v = values(store)
    # score = 1 + floor(5 * (rank - 1) / 9): ranks 1-2 -> 1, 3-4 -> 2, ..., 9-10 -> 5
    expected = {f"C{i:02d}": (i + 1) // 2 for i in range(1, 11)}
    for col in ("r_score", "f_score", "m_score"):
        assert v[col].astype(int).to_dict() == expected, col
    assert v.loc["C10", "recency_days"] == 3 and v.loc["C10", "frequency"] == 10
    assert v.loc["C10", "monetary"] == 100.0
    groups = v["rfm_segment"].to_dict()
    assert {groups["C10"], groups["C09"], groups["C08"], groups["C07"]} == {"Champions"}
    assert {groups["C06"], groups["C05"]} == {"Loyal"}
    assert {groups["C04"], groups["C03"]} == {"Hibernating"}
    assert {groups["C02"], groups["C01"]} == {"Lost"}


def test_rfm_ties_share_the_lowest_score_of_their_group(store):
    # frequencies 1, 1, 1, 2, 3: the three one-order customers all get F = 1 (ranks 1-3),
    # the two-order customer rank 4 -> 1 + floor(5 * 3 / 4) = 4, the three-order one 5.
    load(store, orders=[("A", 1, 10.0), ("B", 2, 10.0), ("C", 3, 10.0),
                        ("D", 4, 10.0), ("D", 40, 10.0),
                        ("E", 5, 10.0), ("E", 50, 10.0), ("E", 60, 10.0)])
    v = values(store)
    assert v["f_score"].astype(int).to_dict() == {"A": 1, "B": 1, "C": 1, "D": 4, "E": 5}
    # A is the most recent one-order customer: R = 5, F = 1 -> New
    assert v.loc["A", "r_score"] == 5 and v.loc["A", "rfm_segment"] == "New"


def test_rfm_at_risk_is_frequent_but_not_recent(store):
    # five customers with recency 1..5 days apart: the oldest has the most orders.
    load(store, orders=[("OLD", 300, 10.0), ("OLD", 310, 10.0), ("OLD", 320, 10.0),
                        ("OLD", 330, 10.0), ("N1", 1, 10.0), ("N2", 2, 10.0), ("N3", 3, 10.0),
                        ("N4", 4, 10.0)])
    v = values(store)
    assert (v.loc["OLD", "r_score"], v.loc["OLD", "f_score"]) == (1, 5)
    assert v.loc["OLD", "rfm_segment"] == "At risk"


def test_a_refund_is_not_a_purchase(store):
    # R bought 12 on day 100 and got an unlinked refund of -12 on day 2: one purchase, last one
    # 100 days ago, net 0. X bought 50 before the window (day 400) and was refunded on day 10:
    # no purchase in the window, so not included. A-D are plain buyers, by hand:
    #   recency  R 100, D 5, C 4, B 3, A 1  -> R-score R 1, D 2, C 3, B 4, A 5
    #   frequency R 1, A 1 (tied), B 2, C 3, D 4 -> F-score R 1, A 1, B 3, C 4, D 5
    #   monetary R 0, A 10, B 20, C 30, D 40 -> M-score 1..5
    # (score = 1 + floor(5 * (rank - 1) / 4)). Groups: R Lost (R1 F1), A New, B and C Loyal,
    # D At risk (R2 F5). Counting the refund as an order gave R frequency 2 and recency 2.
    load(store, orders=[("R", 100, 12.0), ("R", 2, -12.0), ("X", 400, 50.0), ("X", 10, -50.0),
                        ("A", 1, 10.0), ("B", 3, 10.0), ("B", 30, 10.0),
                        ("C", 4, 10.0), ("C", 40, 10.0), ("C", 50, 10.0),
                        ("D", 5, 10.0), ("D", 60, 10.0), ("D", 70, 10.0), ("D", 80, 10.0)])
    v = values(store)
    assert sorted(v.index) == ["A", "B", "C", "D", "R"]
    assert (v.loc["R", "frequency"], v.loc["R", "recency_days"]) == (1, 100)
    assert v.loc["R", "spend_value"] == 0.0 and v.loc["R", "monetary"] == 0.0
    assert v.loc["R", "last_order_at"] == day(100)
    assert v.loc["R", "retained_90d"] == 0  # no purchase in the last 90 days, only a refund
    assert v["r_score"].astype(int).to_dict() == {"R": 1, "D": 2, "C": 3, "B": 4, "A": 5}
    assert v["f_score"].astype(int).to_dict() == {"R": 1, "A": 1, "B": 3, "C": 4, "D": 5}
    assert v["m_score"].astype(int).to_dict() == {"R": 1, "A": 2, "B": 3, "C": 4, "D": 5}
    assert v["rfm_segment"].to_dict() == {"R": "Lost", "A": "New", "B": "Loyal", "C": "Loyal",
                                          "D": "At risk"}
    from cx.segments.metrics import action_lists

    assert list(action_lists(v.reset_index())["win_back"]["customer_id"]) == ["D"]


def test_a_referred_friend_whose_window_rows_are_refunds_brings_nothing(store):
    # A referred F; F bought 80 before the window and was refunded -80 in it: F made no purchase
    # in the window, so A (who bought nothing) is not included and F is not either.
    load(store, customers=[("A", "Ann", None)], orders=[("F", 400, 80.0), ("F", 3, -80.0)],
         referrals=[("A", "F", 500)])
    assert values(store).empty


def test_latest_survey_score_matched_by_id_order_or_email(store):
    load(store, customers=[("A", "Ann", "a@x.jp"), ("B", "Bob", "b@x.jp"),
                           ("C", "Cy", "c@x.jp")],
         orders=[("A", 5, 10.0), ("B", 5, 10.0), ("C", 5, 10.0)],
         surveys=[("A", None, None, 30, 10), ("A", None, None, 3, 3),  # latest wins: 3
                  (None, None, "O0001", 4, 9),  # B through its order id
                  (None, "C@X.JP", None, 4, 8),  # C through the email, any case
                  ("C", None, None, 400, 0)])  # outside the window: ignored
    v = values(store)
    assert v["nps_score"].astype(int).to_dict() == {"A": 3, "B": 9, "C": 8}


def test_an_answer_whose_customer_id_is_unknown_is_matched_by_its_order_then_email(store):
    """Survey answers are matched as on every page (cx.sql.matched_responses): an id that names
    no customer falls back to the order the answer is about, then to the e-mail."""
    load(store, customers=[("A", "Ann", "a@x.jp"), ("B", "Bob", "b@x.jp")],
         orders=[("A", 5, 10.0), ("B", 5, 10.0)],
         surveys=[("old-crm-7", None, "O0000", 3, 9),  # A's order
                  ("old-crm-8", "B@x.jp", None, 3, 2)])  # B's e-mail
    v = values(store)
    assert v["nps_score"].astype(int).to_dict() == {"A": 9, "B": 2}


def test_currency_scope_keeps_amounts_apart(store):
    load(store, orders=[("A", 5, 10.0, "USD"), ("A", 6, 1000.0, "JPY"), ("B", 5, 500.0, "JPY")])
    v = values(store, scope=Scope(start=None, end=AS_OF, currency="USD"))
    assert list(v.index) == ["A"] and v.loc["A", "spend_value"] == 10.0


def test_retained_90d(store):
    load(store, orders=[("A", 200, 10.0), ("A", 10, 10.0),  # before the 90 days and in them: 1
                        ("B", 200, 10.0), ("B", 100, 10.0),  # nothing in the last 90 days: 0
                        ("C", 30, 10.0),  # first order inside the 90 days: not counted
                        ("D", 89, 10.0), ("D", 90, 10.0)])  # day 89 is inside, day 90 outside
    v = values(store)
    r = v["retained_90d"].to_dict()
    assert (r["A"], r["B"], r["D"]) == (1, 0, 1) and pd.isna(r["C"])


def test_empty_data_gives_an_empty_frame_with_every_column(store):
    from cx.segments import COLUMNS

    v = values(store)
    assert v.empty and list(v.reset_index().columns) == COLUMNS


@pytest.mark.parametrize("kw", [{"percentile": 100}, {"percentile": 0}, {"lookback_days": 0}])
def test_bad_parameters_are_refused(store, kw):
    with pytest.raises(ValueError):
        values(store, **kw)


def test_demo_has_every_segment_and_sums_add_up(demo_store):
    from cx.scope import resolve_scope

    cur = demo_store.cursor()
    try:
        scope = resolve_scope(cur, Scope())
        v = customer_values(cur, scope)
    finally:
        cur.close()
    assert set(v["segment"]) == {"Champions", "Spenders", "Referrers", "Others"}
    assert v["customer_id"].is_unique
    assert (v["total_value"] - v["spend_value"] - v["referral_value"]).abs().max() < 1e-6
    assert 0.2 <= (v["segment"].isin(["Champions", "Spenders"])).mean() <= 0.3


def test_without_contacts_only_name_and_email_are_empty(store):
    load(store, customers=[("A", "Ann", "a@x.jp")], orders=[("A", 1, 10.0), ("F", 2, 30.0)],
         referrals=[("A", "F", 5)])
    cur = store.cursor()
    full = customer_values(cur, SCOPE).sort_values("customer_id").reset_index(drop=True)
    bare = customer_values(cur, SCOPE, contacts=False).sort_values("customer_id") \
        .reset_index(drop=True)
    cur.close()
    assert full.loc[0, "name"] == "Ann" and bare["name"].isna().all()
    assert bare["email"].isna().all()
    cols = [c for c in full.columns if c not in ("name", "email")]
    pd.testing.assert_frame_equal(full[cols], bare[cols])
