"""Retention metrics on hand-made transaction sets whose answers were worked out by hand."""
from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from cx import i18n, repeat, stats
from cx import retention as r
from cx.area import ExportArgs
from cx.bench.retention import pandas_counts
from cx.retention import export, figures, metrics, page, queries
from cx.scope import Scope, resolve_scope

AS_OF = date(2024, 4, 15)  # mid-April: April is the in-progress month


def add_tx(store, rows, currency="USD"):
    """rows: (customer_id or None, 'YYYY-MM-DD[ HH:MM]', amount[, channel, category])."""
    with store.write() as cur:
        for i, row in enumerate(rows):
            cust, when, amount = row[:3]
            channel = row[3] if len(row) > 3 else "online"
            category = row[4] if len(row) > 4 else None
            cur.execute(
                "INSERT INTO transactions (order_id, customer_id, ordered_at, amount, currency, "
                "channel, product_category) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [f"O{i:04d}", cust, datetime.fromisoformat(when), amount, currency, channel,
                 category])


def add_customers(store, rows):
    with store.write() as cur:
        for cust, channel in rows:
            cur.execute("INSERT INTO customers (customer_id, acquisition_channel, name, email) "
                        "VALUES (?, ?, ?, ?)", [cust, channel, f"Name {cust}", f"{cust}@x.test"])


def mark_refunded(store, customer_id):
    """`customer_id`'s orders of 0 were refunded in full (what the importer records when the
    file says so): they are not purchases, unlike free orders (cx.sql.purchase)."""
    with store.write() as cur:
        cur.execute("UPDATE transactions SET refunded = 10.0 WHERE customer_id = ? AND amount = 0",
                    [customer_id])


# A and B join in January, C and G in February, F in April; D has only a refund; one order has
# no customer. A skips February; B's February row is a refund (not a purchase); G's January
# order was fully refunded (amount 0 in a file with a refund column), so G's first purchase is
# in February.
SHOP = [
    ("A", "2024-01-05", 10.0), ("A", "2024-01-20", 5.0), ("A", "2024-03-10", 20.0),
    ("B", "2024-01-15", 30.0), ("B", "2024-02-01", -10.0),
    ("C", "2024-02-10", 40.0), ("C", "2024-04-02", 15.0),
    ("D", "2024-02-05", -5.0),
    (None, "2024-01-07", 100.0),
    ("F", "2024-04-10", 25.0),
    ("G", "2024-01-31", 0.0), ("G", "2024-02-03", 12.0),
]


@pytest.fixture
def shop(store):
    add_tx(store, SHOP)
    mark_refunded(store, "G")
    return store


def scope_of(store, end=AS_OF, start=None):
    return resolve_scope(store.cursor(), Scope(start, end))


def cell(cells, cohort, k, segment="all"):
    sel = cells[(cells["cohort"] == cohort) & (cells["k"] == k) & (cells["segment"] == segment)]
    assert len(sel) == 1, (cohort, k, segment)
    return sel.iloc[0]


def test_month_matrix_by_hand(shop):
    cells = r.retention_cells(shop.cursor(), scope_of(shop), "month")
    got = {(c.cohort_label, c.k): (c.customers, c.active_on, c.active_on_or_after, c.in_progress)
           for c in cells.itertuples()}
    assert got == {
        ("2024-01", 0): (2, 2, 2, False), ("2024-01", 1): (2, 0, 1, False),
        ("2024-01", 2): (2, 1, 1, False), ("2024-01", 3): (2, 0, 0, True),
        ("2024-02", 0): (2, 2, 2, False), ("2024-02", 1): (2, 0, 1, False),
        ("2024-02", 2): (2, 1, 1, True),
        ("2024-04", 0): (1, 1, 1, True),
    }
    jan2 = cell(cells, date(2024, 1, 1), 2)
    assert jan2.retention_on == 0.5
    # no cell after the analysis date's period, and no March cohort (nobody joined in March)
    assert cells["k"].max() == 3 and "2024-03" not in set(cells["cohort_label"])


def test_revenue_retention_is_net_of_refunds(shop):
    cells = r.retention_cells(shop.cursor(), scope_of(shop), "month")
    jan = cells[cells["cohort"] == date(2024, 1, 1)].set_index("k")
    assert list(jan["revenue"]) == [45.0, -10.0, 20.0, 0.0]
    assert jan.loc[1, "revenue_retention"] == pytest.approx(-10 / 45)
    assert jan.loc[2, "revenue_retention"] == pytest.approx(20 / 45)
    feb = cells[cells["cohort"] == date(2024, 2, 1)].set_index("k")
    assert list(feb["revenue"]) == [52.0, 0.0, 15.0]


def test_average_curve_uses_complete_cells_weighted_by_size(shop):
    cells = r.retention_cells(shop.cursor(), scope_of(shop), "month")
    avg = r.average_curve(cells, "on").set_index("k")
    assert list(avg.index) == [0, 1, 2]  # k=3 only exists in progress
    assert list(avg["customers"]) == [4, 4, 2]
    assert list(avg["active"]) == [4, 0, 1]
    assert avg.loc[2, "retention"] == 0.5
    after = r.average_curve(cells, "on_or_after").set_index("k")
    assert list(after["active"]) == [4, 2, 1]
    assert avg.loc[1, "revenue_retention"] == pytest.approx(-10 / 97)


def test_period_k_series_skips_incomplete(shop):
    cells = r.retention_cells(shop.cursor(), scope_of(shop), "month")
    s = r.period_k_series(cells, 1)
    assert list(s["cohort_label"]) == ["2024-01", "2024-02"]
    assert list(s["retention"]) == [0.0, 0.0]
    assert list(r.period_k_series(cells, 1, "on_or_after")["retention"]) == [0.5, 0.5]


def test_analysis_date_on_month_end_is_complete(shop):
    cells = r.retention_cells(shop.cursor(), scope_of(shop, end=date(2024, 3, 31)), "month")
    assert not cells["in_progress"].any()
    assert set(cells["cohort_label"]) == {"2024-01", "2024-02"}  # F (April) not yet a customer
    assert cell(cells, date(2024, 2, 1), 1).active_on_or_after == 0  # C's April not seen yet


def test_scope_start_drops_earlier_cohorts(shop):
    cells = r.retention_cells(shop.cursor(), scope_of(shop, start=date(2024, 2, 1)), "month")
    assert set(cells["cohort_label"]) == {"2024-02", "2024-04"}


def test_orders_without_customer_counted(shop):
    assert r.orders_without_customer(shop.cursor(), scope_of(shop)) == 1


def test_weeks_and_quarters(store):
    # Mon 1 Jan and Sun 7 Jan 2024 are ISO week 1; Mon 8 Jan is week 2; 30 Dec 2024 is 2025-W01
    add_tx(store, [("A", "2024-01-01", 5.0), ("A", "2024-01-07", 5.0), ("A", "2024-01-08", 5.0),
                   ("B", "2024-12-30", 5.0)])
    sc = scope_of(store, end=date(2025, 1, 1))
    weeks = r.retention_cells(store.cursor(), sc, "week")
    a = weeks[weeks["cohort"] == date(2024, 1, 1)].set_index("k")
    assert a["cohort_label"].iloc[0] == "2024-W01"
    assert list(a.loc[[0, 1, 2], "active_on"]) == [1, 1, 0]
    assert a.index.max() == 52 and bool(a.loc[52, "in_progress"])
    assert set(weeks["cohort_label"]) == {"2024-W01", "2025-W01"}
    quarters = r.retention_cells(store.cursor(), sc, "quarter")
    assert sorted(set(quarters["cohort_label"])) == ["2024-Q1", "2024-Q4"]
    q1 = quarters[quarters["cohort_label"] == "2024-Q1"]
    assert list(q1["k"]) == [0, 1, 2, 3, 4] and list(q1["active_on"]) == [1, 0, 0, 0, 0]
    assert list(q1["in_progress"]) == [False] * 4 + [True]


def test_single_customer_on_the_analysis_date(store):
    add_tx(store, [("solo", "2024-04-15", 9.0)])
    cells = r.retention_cells(store.cursor(), scope_of(store), "month")
    assert len(cells) == 1
    c = cells.iloc[0]
    assert (c.customers, c.active_on, c.retention_on, bool(c.in_progress)) == (1, 1, 1.0, True)
    assert r.average_curve(cells).empty  # nothing complete yet: no curve, not a zero


def test_refunds_only_and_empty_data(store):
    assert r.retention_cells(store.cursor(), Scope(date(2024, 1, 1), AS_OF), "month").empty
    add_tx(store, [("R", "2024-02-01", -20.0), ("R", "2024-03-01", 0.0)])
    mark_refunded(store, "R")  # the order of 0 was refunded in full: not a purchase
    sc = scope_of(store)
    assert r.retention_cells(store.cursor(), sc, "month").empty
    assert r.survival(store.cursor(), sc).curves.empty
    kn = r.key_numbers(store.cursor(), sc)
    assert kn.repeat.value is None and kn.month1.value is None and kn.customers == 0


def test_rows_after_the_analysis_date_change_nothing(shop):
    before = r.retention_cells(shop.cursor(), scope_of(shop), "month")
    add_tx(shop, [("A", "2024-04-20", 50.0), ("Z", "2024-05-02", 10.0)])
    after = r.retention_cells(shop.cursor(), scope_of(shop), "month")
    pd.testing.assert_frame_equal(before, after)


def test_pandas_twin_matches_sql(shop):
    cur = shop.cursor()
    tx = cur.execute("SELECT * FROM transactions").df()
    for period in ("week", "month", "quarter"):
        sql = r.retention_cells(shop.cursor(), scope_of(shop), period)
        pdf = r.cells_from_counts(pandas_counts(tx, period, AS_OF),
                                  period, AS_OF)
        cols = ["cohort_label", "k", "customers", "active_on", "active_on_or_after", "revenue"]
        pd.testing.assert_frame_equal(sql[cols], pdf[cols])


def test_pandas_twin_matches_sql_on_demo(demo_store):
    cur = demo_store.cursor()
    sc = resolve_scope(cur)
    tx = cur.execute("SELECT customer_id, ordered_at, amount FROM transactions").df()
    sql = r.retention_cells(cur, sc, "month")
    pdf = r.cells_from_counts(pandas_counts(tx, "month", sc.as_of), "month", sc.as_of)
    assert (sql[["customers", "active_on", "active_on_or_after"]].to_numpy()
            == pdf[["customers", "active_on", "active_on_or_after"]].to_numpy()).all()
    assert np.allclose(sql["revenue"], pdf["revenue"])
    # on_or_after is never below on, both never above the cohort size; period 0 is 100%
    assert (sql["active_on_or_after"] >= sql["active_on"]).all()
    assert (sql["active_on_or_after"] <= sql["customers"]).all()
    assert (sql.loc[sql["k"] == 0, "retention_on"] == 1.0).all()


# -- segments ---------------------------------------------------------------------------------
def test_segments_by_channel_value_and_nps(shop):
    add_customers(shop, [("A", "social"), ("C", "email"), ("G", "email")])
    with shop.write() as cur:  # C answers by customer id; A only through the order (O0000)
        cur.execute("INSERT INTO survey_responses (response_id, customer_id, order_id, "
                    "responded_at, score) VALUES ('R1', 'C', NULL, '2024-02-12', 10), "
                    "('R2', 'C', NULL, '2024-03-01', 3), ('R3', NULL, 'O0000', '2024-01-06', 6)")
    sc = scope_of(shop)
    cells = r.retention_cells(shop.cursor(), sc, "month", "acquisition_channel")
    assert set(cells["segment"]) == {"social", "email", "unknown"}
    assert cell(cells, date(2024, 1, 1), 0, "unknown").customers == 1  # B has no customer row
    assert cell(cells, date(2024, 2, 1), 2, "email").active_on == 1  # C of C and G
    # first-order values: A 10, B 30, C 40, F 25, G 12 -> low {A, G}, middle {F, B}, high {C}
    value = r.retention_cells(shop.cursor(), sc, "month", "first_order_value")
    sizes = value[value["k"] == 0].groupby("segment")["customers"].sum().to_dict()
    assert sizes == {"low": 2, "middle": 2, "high": 1}
    nps = r.retention_cells(shop.cursor(), sc, "month", "first_nps")
    first = nps[nps["k"] == 0].groupby("segment")["customers"].sum().to_dict()
    assert first == {"promoter": 1, "detractor": 1, "none": 3}  # C's first answer is a 10
    out = export.run(shop.cursor(), ExportArgs(end=AS_OF, segment="acquisition_channel=email"))
    assert list(out.columns) == ["cohort", "period", "customers", "active", "retention",
                                 "in_progress"]
    assert out.values.tolist() == [["2024-02", 0, 2, 2, 1.0, False],
                                   ["2024-02", 1, 2, 0, 0.0, False],
                                   ["2024-02", 2, 2, 1, 0.5, True]]
    wide = export.run(shop.cursor(), ExportArgs(end=AS_OF, segment="acquisition_channel"))
    assert list(wide.columns)[0] == "segment" and set(wide["segment"]) == {"social", "email",
                                                                           "unknown"}



def test_first_nps_matches_an_answer_by_email_like_every_page(shop):
    """An answer that names neither the customer nor an order, only an e-mail, belongs to the
    customer with that e-mail (cx.sql.matched_responses), as on the NPS and segments pages:
    A's first answer makes A a promoter in every first_nps split (matrix and survival)."""
    add_customers(shop, [("A", "social"), ("C", "email")])  # e-mails A@x.test, C@x.test
    with shop.write() as cur:
        cur.execute("INSERT INTO survey_responses (response_id, email, responded_at, score) "
                    "VALUES ('R1', 'a@X.TEST', '2024-01-06', 9), "
                    "('R2', 'a@x.test', '2024-02-01', 2), "  # A's later answer does not count
                    "('R3', 'nobody@x.test', '2024-01-06', 0)")  # matches nobody
    sc = scope_of(shop)
    cells = r.retention_cells(shop.cursor(), sc, "month", "first_nps")
    first = cells[cells["k"] == 0].groupby("segment")["customers"].sum().to_dict()
    assert first == {"promoter": 1, "none": 4}
    assert cell(cells, date(2024, 1, 1), 0, "promoter").customers == 1  # A joined in January
    assert cell(cells, date(2024, 1, 1), 2, "promoter").active_on == 1  # A's March purchase
    med = r.survival(shop.cursor(), sc, 30, "first_nps").medians.set_index("segment")
    assert med.loc["promoter", "customers"] == 1 and med.loc["none", "customers"] == 4


def test_orders_without_customer_in_scope_or_in_all_data(shop):
    assert r.orders_without_customer(shop.cursor()) == 1  # no scope: all the data
    add_tx(shop, [(None, "2024-05-02", 8.0)])  # after the analysis date
    assert r.orders_without_customer(shop.cursor()) == 2
    assert r.orders_without_customer(shop.cursor(), scope_of(shop)) == 1
    assert r.orders_without_customer(shop.cursor(), scope_of(shop, start=date(2024, 2, 1))) == 0

def test_first_product_and_channel(store):
    add_tx(store, [("A", "2024-01-05 10:00", 10.0, "store", "tea"),
                   ("A", "2024-01-05 09:00", 5.0, "online", "coffee"),
                   ("B", "2024-01-06", 5.0, "app", None)])
    sc = scope_of(store, end=date(2024, 1, 31))
    prod = r.retention_cells(store.cursor(), sc, "month", "first_product")
    assert set(prod["segment"]) == {"coffee", "unknown"}  # A's earliest order was coffee
    chan = r.retention_cells(store.cursor(), sc, "month", "first_channel")
    assert set(chan["segment"]) == {"online", "app"}


def test_available_segments(shop, store):
    # no customers file, no categories, one order channel, no survey: only the order values
    assert r.available_segments(shop.cursor(), scope_of(shop)) == ["first_order_value"]
    add_customers(shop, [("A", "social"), ("C", "email")])
    dims = r.available_segments(shop.cursor(), scope_of(shop))
    assert "acquisition_channel" in dims and "first_nps" not in dims
    assert "first_product" not in dims  # no categories recorded


def test_bad_arguments_are_refused(shop):
    sc = scope_of(shop)
    with pytest.raises(ValueError):
        r.retention_cells(shop.cursor(), sc, "day")
    with pytest.raises(ValueError):
        r.retention_cells(shop.cursor(), sc, "month", "name; DROP TABLE customers")
    for bad in ("acquisition_channel=", "shoe_size", "shoe_size=9"):
        with pytest.raises(ValueError):
            export.run(shop.cursor(), ExportArgs(segment=bad))
    with pytest.raises(ValueError):
        export.run(shop.cursor(), ExportArgs(mode="sideways"))


# -- export -----------------------------------------------------------------------------------
def test_export_matches_hand_matrix(shop):
    args = ExportArgs(period="month", mode="on", end=AS_OF)
    out = export.run(shop.cursor(), args)
    assert list(out.columns) == ["cohort", "period", "customers", "active", "retention",
                                 "in_progress"]
    assert out.values.tolist() == [
        ["2024-01", 0, 2, 2, 1.0, False], ["2024-01", 1, 2, 0, 0.0, False],
        ["2024-01", 2, 2, 1, 0.5, False], ["2024-01", 3, 2, 0, 0.0, True],
        ["2024-02", 0, 2, 2, 1.0, False], ["2024-02", 1, 2, 0, 0.0, False],
        ["2024-02", 2, 2, 1, 0.5, True], ["2024-04", 0, 1, 1, 1.0, True]]
    after = export.run(shop.cursor(), replace(args, mode="on_or_after"))
    assert list(after["active"]) == [2, 1, 1, 0, 2, 1, 1, 1]


# -- drill-down -------------------------------------------------------------------------------
def test_cohort_customers(shop):
    add_customers(shop, [("A", "social")])
    sc = scope_of(shop)
    df = r.cohort_customers(shop.cursor(), sc, "month", date(2024, 1, 1), 2)
    assert list(df["customer_id"]) == ["A", "B"]
    assert list(df["returned"]) == [True, False]
    a = df.iloc[0]
    assert (a.orders_in_period, a.revenue_in_period, a.orders_total, a.revenue_total) == (
        1, 20.0, 3, 35.0)
    assert a["name"] == "Name A" and a.first_purchase == date(2024, 1, 5)
    after = r.cohort_customers(shop.cursor(), sc, "month", date(2024, 1, 1), 1, "on_or_after")
    assert dict(zip(after["customer_id"], after["returned"])) == {"A": True, "B": False}
    assert df.loc[1, "revenue_total"] == 20.0  # B: 30 less the 10 refund


# -- survival ---------------------------------------------------------------------------------
SURV_AS_OF = date(2024, 3, 1)
SURV = [
    ("P", "2024-01-01", 5.0),                                            # lapses: t = 10
    ("U", "2024-01-10", 5.0),                                            # lapses: t = 10
    ("Q", "2024-01-01", 5.0), ("Q", "2024-01-08", 5.0), ("Q", "2024-01-30", 5.0),  # t = 7 + 10
    ("W", "2024-02-10", 5.0), ("W", "2024-02-18", 5.0),                  # t = 8 + 10
    ("R", "2024-01-01", 5.0), ("R", "2024-01-11", 5.0),                  # gap 10 is no lapse: 20
    ("S", "2024-02-25", 5.0),                                            # censored at 5
] + [("V", d, 5.0) for d in ("2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05",
                              "2024-02-12", "2024-02-19", "2024-02-26")]  # censored at 46


def test_survival_by_hand(store):
    add_tx(store, SURV)
    sv = r.survival(store.cursor(), scope_of(store, end=SURV_AS_OF), horizon=10)
    c = sv.curves
    assert list(c["t"]) == [0, 10, 17, 18, 20, 46]
    assert list(c["at_risk"]) == [7, 6, 4, 3, 2, 1]
    assert list(c["events"]) == [0, 2, 1, 1, 1, 0]
    assert np.allclose(c["survival"], [1, 4 / 6, 0.5, 1 / 3, 1 / 6, 1 / 6])
    # Greenwood at t=10: var = (4/6)^2 * 2/(6*4); at t=17: 0.5^2 * (1/12 + 1/12)
    se10 = (4 / 6) * math.sqrt(2 / 24)
    assert c["lower"].iloc[1] == pytest.approx(4 / 6 - stats.Z95 * se10)
    assert c["upper"].iloc[1] == 1.0  # clipped
    assert c["lower"].iloc[2] == pytest.approx(0.5 - stats.Z95 * 0.5 * math.sqrt(1 / 6))
    m = sv.medians.iloc[0]
    assert (m.segment, m.customers, m.lapsed, m.median_days) == ("all", 7, 5, 17.0)


def test_survival_counts_purchase_days_not_orders(store):
    # the same shop with a second order on some days (and a refund): the same curve
    extra = [("P", "2024-01-01 18:00", 7.0), ("Q", "2024-01-08 19:00", 2.0),
             ("R", "2024-01-11 20:00", 1.0), ("V", "2024-02-26 21:00", 3.0),
             ("U", "2024-01-25", -5.0)]  # a refund 15 days later is no purchase: U still lapses
    add_tx(store, SURV + extra)
    sv = r.survival(store.cursor(), scope_of(store, end=SURV_AS_OF), horizon=10)
    assert list(sv.curves["t"]) == [0, 10, 17, 18, 20, 46]
    assert list(sv.curves["events"]) == [0, 2, 1, 1, 1, 0]
    assert sv.medians.iloc[0].median_days == 17.0


def test_kaplan_meier_counts_and_everyone_lapses():
    km = stats.kaplan_meier([1, 2, 2, 3], [1, 1, 0, 1])
    # t=1: 4 at risk, 1 lapse -> 3/4; t=2: 3 at risk, 1 lapse (the censored one still at risk)
    assert list(km["t"]) == [0, 1, 2, 3]
    assert np.allclose(km["survival"], [1, 0.75, 0.5, 0.0])
    assert km["lower"].iloc[-1] == 0 and km["upper"].iloc[-1] == 0
    same = stats.kaplan_meier([1, 2, 2, 3], [1, 1, 0, 1], [1, 1, 1, 1])
    pd.testing.assert_frame_equal(km, same)
    grouped = stats.kaplan_meier([1, 2, 2, 3], [1, 1, 0, 1], [2, 2, 2, 2])
    assert np.allclose(grouped["survival"], km["survival"])
    assert metrics.median_time(km) == 2.0
    assert metrics.median_time(stats.kaplan_meier([5, 6], [0, 0])) is None
    assert stats.kaplan_meier([], []).empty


def test_survival_by_segment_and_horizon(store):
    add_tx(store, SURV)
    add_customers(store, [("P", "ads"), ("U", "ads"), ("Q", "friend")])
    sc = scope_of(store, end=SURV_AS_OF)
    sv = r.survival(store.cursor(), sc, horizon=10, segment="acquisition_channel")
    med = sv.medians.set_index("segment")
    assert med.loc["ads", "median_days"] == 10 and med.loc["ads", "customers"] == 2
    assert med.loc["friend", "median_days"] == 17 and med.loc["all", "customers"] == 7
    # 30 days: P, U lapse at 30, R at 10 + 30, Q (gap 22 is no lapse) at 29 + 30; W censored
    long = r.survival(store.cursor(), sc, horizon=30).curves
    assert list(long["t"]) == [0, 30, 40, 59] and list(long["at_risk"]) == [7, 5, 3, 1]
    assert np.allclose(long["survival"], [1, 3 / 5, 2 / 5, 0])
    with pytest.raises(ValueError):
        r.survival(store.cursor(), sc, horizon=0)


# -- key numbers ------------------------------------------------------------------------------
def test_key_numbers_by_hand(store, monkeypatch):
    monkeypatch.setattr(metrics, "MIN_SAMPLE", 1)  # the per-cohort rules on a hand-sized shop
    add_tx(store, [
        ("A", "2024-01-05", 5.0), ("A", "2024-02-01", 5.0),           # repeat in 27 days
        ("B", "2024-01-10", 5.0), ("B", "2024-05-01", 5.0),           # 112 days: no repeat
        ("C", "2024-02-02 09:00", 5.0), ("C", "2024-02-02 17:00", 5.0),  # same day: no repeat
        ("D", "2024-02-20", 5.0), ("D", "2024-03-01", 5.0),           # 10 days (leap year)
        ("E", "2024-03-03", 5.0), ("E", "2024-03-04", 5.0),           # 1 day
        ("H", "2024-04-10", 5.0),                                     # April: window still open
    ])
    sc = scope_of(store, end=date(2024, 6, 30))
    kn = r.key_numbers(store.cursor(), sc)
    assert (kn.repeat.value, kn.repeat.previous) == (1.0, 0.5)
    assert kn.repeat.cohort == date(2024, 3, 1) and kn.repeat.trend == (0.5, 0.5, 1.0)
    assert kn.median_gap == 18.5 and kn.gaps == 4  # gaps 27, 112, 10, 1
    # month 1 (June complete on 30 June): Jan 1/2 (A), Feb 1/2 (D in March), Mar 0/1, Apr 0/1
    assert kn.month1.trend == (0.5, 0.5, 0.0, 0.0) and kn.month1.value == 0.0
    assert kn.month1.previous == 0.0 and kn.month1.cohort == date(2024, 4, 1)
    heads = r.headline(store.cursor(), sc)
    assert [h.key for h in heads] == ["retention.kpi.month1"]
    assert heads[0].value == 0.0 and heads[0].previous == 0.0 and heads[0].kind == "pct"
    # the repeat purchase rate is the repeat area's headline, the same measure
    second = repeat.headline(store.cursor(), sc)
    assert [h.key for h in second] == ["repeat.kpi.second"]
    assert second[0].value == 1.0 and second[0].previous == 0.5 and second[0].kind == "pct"


TINY = [("A", "2026-08-03", 20.0), ("A", "2026-09-14", 15.0), ("A", "2026-11-02", 30.0),
        ("B", "2026-08-20", 12.0), ("B", "2026-08-25", -12.0),
        ("C", "2026-09-05", 40.0), ("C", "2026-10-30", 8.0), ("D", "2026-11-10", 9.0)]


def test_key_numbers_say_what_is_missing_and_the_gap_change(store, monkeypatch):
    monkeypatch.setattr(metrics, "MIN_SAMPLE", 1)  # the per-cohort rules on a hand-sized shop
    # analysis date 10 Nov 2026. Repeat rate needs a first month over 90 days before it: 90 days
    # before is 12 Aug, so July (ends 31 Jul) at the latest; no cohort before August: "–".
    # Month 3 needs a cohort whose third month is over by 10 Nov: October is the last full
    # month, so July at the latest: "–". Month 1: September (October over): shown.
    add_tx(store, TINY)
    sc = Scope(start=None, end=date(2026, 11, 10))
    kn = r.key_numbers(store.cursor(), sc)
    assert kn.repeat.value is None and kn.month3.value is None and kn.month1.value is not None
    assert metrics.latest_possible_cohort(sc.as_of, "repeat") == date(2026, 7, 31)
    assert metrics.latest_possible_cohort(sc.as_of, "month3") == date(2026, 7, 31)
    assert metrics.latest_possible_cohort(sc.as_of, "month1") == date(2026, 9, 30)
    assert page.missing_notes(kn, sc, "en") == [
        "Repeat purchase rate: needs customers who first bought by 31 Jul 2026 (90 days must "
        "have passed since the end of their first month).",
        "Month-3 retention: needs customers who first bought by 31 Jul 2026 (calendar month 3 "
        "after their first purchase must be over)."]
    assert "2026年7月31日" in page.missing_notes(kn, sc, "ja")[0]
    # gaps: A 42 (ends 14 Sep) and 49 (ends 2 Nov), C 55 (ends 30 Oct): median 49 of 3;
    # last full month October: 55 (1 gap) against September: 42 (1 gap)
    assert (kn.median_gap, kn.gaps) == (49.0, 3)
    g = kn.gap_change
    assert (g.value, g.previous, g.cohort, g.previous_cohort) == (55.0, 42.0, date(2026, 10, 1),
                                                                  date(2026, 9, 1))
    assert (g.customers, g.previous_customers) == (1, 1)
    # the month before has no gap: no change to show
    kn_oct = r.key_numbers(store.cursor(), Scope(start=None, end=date(2026, 10, 31)))
    assert kn_oct.gap_change.cohort == date(2026, 10, 1) and kn_oct.gap_change.previous == 42.0
    kn_sep = r.key_numbers(store.cursor(), Scope(start=None, end=date(2026, 9, 30)))
    assert kn_sep.gap_change.value == 42.0 and kn_sep.gap_change.previous is None
    one = r.key_numbers(store.cursor(), Scope(start=None, end=date(2026, 8, 31)))
    assert page.missing_notes(one, Scope(start=None, end=date(2026, 8, 31)), "en")[-1] == (
        "Median days between purchases: needs a customer who bought on two different days.")


def test_counts_of_one_read_in_the_singular():
    assert i18n.t_count("retention.null_orders", "en", 1, n="1") == (
        "1 order in this period has no customer and is left out of these numbers.")
    assert i18n.t_count("retention.null_orders", "en", 2, n="2").startswith(
        "2 orders in this period have no customer")
    assert i18n.t_count("retention.small", "en", 1, n="1").startswith("Only 1 customer so far")
    cells = pd.DataFrame({"cohort": [date(2026, 8, 1)], "k": [0], "customers": [1],
                          "active_on": [1], "active_on_or_after": [1], "retention_on": [1.0],
                          "retention_on_or_after": [1.0], "in_progress": [False]})
    fig = figures.cohort_heatmap_figure(cells, pd.DataFrame(), "month", "on", "pct", "en")
    texts = [str(x) for t in fig.data for x in (list(t.customdata.ravel())
             if getattr(t, "customdata", None) is not None else []) + list(t.hovertext or [])]
    assert any("1 of 1 customer (" in x for x in texts) and any("Aug 2026: 1 customer" == x
                                                               for x in texts), texts


def test_headline_on_demo_is_cheap_and_sane(demo_store):
    cur = demo_store.cursor()
    heads = r.headline(cur, resolve_scope(cur))
    for h in heads:
        assert 0 < h.value < 1 and 0 < h.previous < 1 and len(h.trend) == 12


# -- meeting report ---------------------------------------------------------------------------
def test_report_section(shop, monkeypatch):
    monkeypatch.setattr(metrics, "MIN_SAMPLE", 1)  # the per-cohort rules on a hand-sized shop
    from cx.store import Store

    sc = scope_of(shop)
    section = r.report_section(shop.cursor(), sc, "en", False)
    assert section.title == "Do customers come back?"
    assert section.sentences[0] == ("Month-1 retention (Feb 2024 cohort, 2 customers): 0.0% "
                                    "(+0.0 pt against Jan 2024 cohort, 2 customers).")
    assert len(section.figures) == 2
    empty_store = Store(":memory:")
    try:
        empty = r.report_section(empty_store.cursor(), Scope(date(2024, 1, 1), AS_OF), "ja", False)
    finally:
        empty_store.close()
    assert empty.sentences == [i18n.t("retention.no_cohorts", "ja")] and not empty.figures


# -- minimum sample (cx.headline.MIN_SAMPLE) and orders of 0 ---------------------------------
def test_sample_groups_skip_thin_cohorts_or_pool_them():
    jan, feb, mar = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
    # a cohort reaches 30 on its own: thin ones are left out, never pooled in
    assert metrics.sample_groups([jan, feb, mar], [10, 3, 1], [40, 35, 2]) == [
        (jan, jan, 10, 40), (feb, feb, 3, 35)]
    # none does: pooled from the latest back until each pool reaches 30; the rest is dropped
    assert metrics.sample_groups([jan, feb, mar], [1, 5, 4], [5, 20, 12]) == [(feb, mar, 9, 32)]
    assert metrics.sample_groups([jan, feb], [1, 1], [3, 4]) == []


def test_headline_rests_on_the_latest_cohort_of_30_not_on_2_customers(store):
    # 40 customers in January (10 come back in February), 2 in March (neither comes back):
    # month-1 retention is January's 25% on 40 customers, not March's 0% on 2.
    rows = [(f"J{i}", "2024-01-10", 10.0) for i in range(40)]
    rows += [(f"J{i}", "2024-02-10", 10.0) for i in range(10)]
    rows += [("M1", "2024-03-05", 10.0), ("M2", "2024-03-06", 10.0)]
    add_tx(store, rows)
    sc = Scope(start=None, end=date(2024, 4, 30))
    kn = r.key_numbers(store.cursor(), sc)
    m = kn.month1
    assert (m.value, m.cohort, m.customers, m.active, m.previous) == (
        0.25, date(2024, 1, 1), 40, 10, None)
    head = r.headline(store.cursor(), sc)[0]
    from cx.headline import help_text

    assert head.value == 0.25 and head.basis.sample == 40
    # the data starts in January 2024: no cohort a year earlier to compare with (never a zero)
    assert help_text(head, "en") == ("Rests on Jan 2024 cohort, 40 customers. "
                                     "No data a year earlier.")
    assert "顧客 40 人" in help_text(head, "ja")


def test_too_few_customers_give_a_sentence_not_a_rate(store):
    add_tx(store, [("A", "2024-01-05", 10.0), ("A", "2024-02-05", 10.0),
                   ("B", "2024-01-06", 10.0), ("C", "2024-01-07", 10.0)])
    sc = Scope(start=None, end=date(2024, 6, 30))
    kn = r.key_numbers(store.cursor(), sc)
    assert kn.month1.value is None and kn.month1.thin == 3
    assert ("Month-1 retention: the cohorts complete so far hold 3 customers; a rate is shown "
            "from 30.") in page.missing_notes(kn, sc, "en")
    from cx.headline import missing_sentence

    head = r.headline(store.cursor(), sc)[0]
    assert head.value is None and head.thin == 3
    assert missing_sentence(head, "en") == (
        "Month-1 retention: only 3 customers so far; shown once at least 30 stand behind it.")


def test_a_free_first_order_starts_the_cohort_a_refunded_one_does_not(store):
    # Z's first order was a free item (0, from a file without refund columns): Z's cohort is
    # January. Y's first order of 0 came from a file with a refund column: refunded in full, so
    # Y's cohort is March, at Y's first real purchase.
    add_tx(store, [("Z", "2024-01-10", 0.0), ("Z", "2024-03-02", 20.0),
                   ("Y", "2024-01-11", 0.0), ("Y", "2024-03-03", 25.0)])
    mark_refunded(store, "Y")
    sc = Scope(start=None, end=date(2024, 4, 30))
    cells = r.retention_cells(store.cursor(), sc, "month")
    first = {c.cohort_label: c.customers for c in cells[cells["k"] == 0].itertuples()}
    assert first == {"2024-01": 1, "2024-03": 1}
    z = r.cohort_customers(store.cursor(), sc, "month", date(2024, 1, 1), 2)
    assert list(z["customer_id"]) == ["Z"] and z.loc[0, "first_purchase"] == date(2024, 1, 10)
    assert bool(z.loc[0, "returned"]) and z.loc[0, "orders_total"] == 2
    # the repeat rate and the gaps count the free order as a purchase day too
    rep = queries.repeat_by_cohort(store.cursor(), sc)
    assert dict(zip(rep["cohort"], rep["customers"])) == {date(2024, 1, 1): 1,
                                                          date(2024, 3, 1): 1}
    assert metrics.median_gap_days(store.cursor(), sc) == (52.0, 1)


def test_no_cohort_starts_after_a_customers_first_unrefunded_order(store):
    """Every customer's cohort is the month of their first order that was not refunded in full,
    whatever the amounts (hand-made orders of 0, negative refund rows, paid orders)."""
    rows = [("P", "2024-01-03", 0.0), ("P", "2024-02-03", 0.0), ("P", "2024-05-03", 9.0),
            ("Q", "2024-02-10", -5.0), ("Q", "2024-03-10", 0.0), ("Q", "2024-04-10", 3.0),
            ("S", "2024-01-20", 7.0), ("S", "2024-02-20", 0.0),
            ("T", "2024-02-01", 0.0), ("T", "2024-02-15", 0.0), ("T", "2024-04-01", 5.0)]
    add_tx(store, rows)
    mark_refunded(store, "T")  # both of T's orders of 0 were refunded: T starts in April
    sc = Scope(start=None, end=date(2024, 6, 30))
    cur = store.cursor()
    cohort_of = {}
    for c in r.retention_cells(cur, sc, "month").query("k == 0").itertuples():
        for cust in r.cohort_customers(cur, sc, "month", c.cohort, 0)["customer_id"]:
            cohort_of[cust] = c.cohort
    assert cohort_of == {"P": date(2024, 1, 1), "Q": date(2024, 3, 1), "S": date(2024, 1, 1),
                         "T": date(2024, 4, 1)}
