"""The repeat area (cx/repeat) on hand-made shops whose answers are worked out by hand, and on a
generated log whose second-purchase times follow a known distribution."""
from __future__ import annotations

import json
import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from cx import repeat
from cx.area import ExportArgs
from cx.repeat import export, metrics, page, queries
from cx.scope import Scope, resolve_scope
from tests.test_cli import run_cli

# (customer, when, amount, category, discount_code, refunded); comments give the hand-worked
# visits. The analysis dates below: 31 Dec 2024 and 1 Mar 2025.
SHOP = [
    # A: two orders on the first day are one visit; second purchase 20 days later; 4 visits
    ("A", "2024-01-05 09:00", 10.0, "coffee", None, None),
    ("A", "2024-01-05 15:00", 5.0, "cake", None, None),
    ("A", "2024-01-25 10:00", 20.0, "coffee", None, None),
    ("A", "2024-03-01 10:00", 30.0, "coffee", None, None),
    ("A", "2024-05-01 10:00", 40.0, "coffee", None, None),
    # B: a free first order is a purchase; second 60 days later
    ("B", "2024-01-10 10:00", 0.0, "coffee", None, None),
    ("B", "2024-03-10 10:00", 25.0, "coffee", None, None),
    # C: a refund row and a fully refunded order are not purchases; second after 199 days
    ("C", "2024-01-15 10:00", 20.0, "tea", None, None),
    ("C", "2024-01-20 10:00", -20.0, "tea", None, None),
    ("C", "2024-02-14 10:00", 0.0, "tea", None, 10.0),
    ("C", "2024-08-01 10:00", 50.0, "tea", None, None),
    # D: one order only, with a discount code
    ("D", "2024-01-31 10:00", 12.0, "tea", "WELCOME", None),
    # E: February; same-day twice, then the next two days: 3 visits, second after 1 day
    ("E", "2024-02-01 09:00", 8.0, "coffee", None, None),
    ("E", "2024-02-01 18:00", 8.0, "coffee", None, None),
    ("E", "2024-02-02 10:00", 4.0, "coffee", None, None),
    ("E", "2024-02-03 10:00", 6.0, "coffee", None, None),
    # F: December; second after 4 days
    ("F", "2024-12-01 10:00", 30.0, "tea", None, None),
    ("F", "2024-12-05 10:00", 10.0, "tea", None, None),
    # a guest order: no customer, never counted
    (None, "2024-01-07 10:00", 99.0, "coffee", None, None),
]


def load(store, rows=SHOP):
    with store.write() as cur:
        for i, (cust, when, amount, category, code, refunded) in enumerate(rows):
            cur.execute(
                "INSERT INTO transactions (order_id, customer_id, ordered_at, amount, currency, "
                "channel, product_category, discount_code, refunded) "
                "VALUES (?, ?, ?, ?, 'USD', 'store', ?, ?, ?)",
                [f"O{i:04d}", cust, datetime.fromisoformat(when), amount, category, code,
                 refunded])


@pytest.fixture
def shop(store):
    load(store)
    with store.write() as cur:
        cur.execute("INSERT INTO referrals (referrer_id, referred_id, referred_at) "
                    "VALUES ('A', 'F', TIMESTAMP '2024-11-30 00:00')")
        for rid, cid, score in (("r1", "A", 10), ("r2", "B", 3), ("r3", "F", 9)):
            cur.execute("INSERT INTO survey_responses (response_id, customer_id, responded_at, "
                        "score) VALUES (?, ?, TIMESTAMP '2024-12-20 00:00', ?)", [rid, cid, score])
    return store


def at(store, end, start=None):
    return resolve_scope(store.cursor(), Scope(start, end))


def by_cohort(table):
    return {r.cohort_label: r for r in table.itertuples(index=False)}


def test_second_purchase_by_month_cohort_by_hand(shop):
    # 31 Dec 2024: January (ends 31 Jan) is mature for 30..180 days, not 365 (30 Jan 2025);
    # February (ends 29 Feb) likewise; December for none.
    t = by_cohort(repeat.repeat_cohorts(shop.cursor(), at(shop, date(2024, 12, 31)), "month"))
    assert set(t) == {"2024-01", "2024-02", "2024-12"}
    jan = t["2024-01"]
    assert jan.customers == 4  # A, B, C, D (the guest order is nobody)
    assert (jan.second_within_30, jan.second_within_60, jan.second_within_90,
            jan.second_within_180) == (0.25, 0.5, 0.5, 0.5)  # A (20 d); B (60 d); C 199 d
    assert math.isnan(jan.second_within_365) and pd.isna(jan.seconds_within_365)
    assert math.isnan(jan.median_days_to_second)
    assert t["2024-02"].second_within_30 == 1.0 and t["2024-02"].customers == 1
    dec = t["2024-12"]
    assert all(math.isnan(getattr(dec, f"second_within_{d}")) for d in queries.WINDOWS)


def test_mature_cohorts_and_the_median_by_hand(shop):
    # 1 Mar 2025: January is mature for 365 days (30 Jan 2025); seconds within 365: A 20, B 60,
    # C 199 of 4 -> 0.75, median: the smallest day reaching half of 3 -> 60.
    # February (29 Feb + 365 = 28 Feb 2025): E after 1 day. December (31 Dec + 60 = 1 Mar):
    # mature for 30 and 60 days, not 90.
    t = by_cohort(repeat.repeat_cohorts(shop.cursor(), at(shop, date(2025, 3, 1)), "month"))
    assert t["2024-01"].second_within_365 == 0.75
    assert t["2024-01"].median_days_to_second == 60
    assert t["2024-02"].median_days_to_second == 1
    dec = t["2024-12"]
    assert (dec.second_within_30, dec.second_within_60) == (1.0, 1.0)
    assert math.isnan(dec.second_within_90) and math.isnan(dec.median_days_to_second)


def test_week_and_quarter_cohorts(shop):
    sc = at(shop, date(2025, 3, 1))
    weeks = repeat.repeat_cohorts(shop.cursor(), sc, "week")
    assert list(weeks["cohort_label"])[:3] == ["2024-W01", "2024-W02", "2024-W03"]
    assert list(weeks["customers"])[:3] == [1, 1, 1]  # A (5 Jan); B (10 Jan); C (15 Jan)
    q = by_cohort(repeat.repeat_cohorts(shop.cursor(), sc, "quarter"))
    # Q1 2024: A B C D E; within 30: A, E -> 2/5; Q4 (ends 31 Dec) mature for 60 days only
    assert q["2024-Q1"].customers == 5 and q["2024-Q1"].second_within_30 == 0.4
    assert q["2024-Q4"].second_within_60 == 1.0 and math.isnan(q["2024-Q4"].second_within_90)


def test_funnel_counts_purchase_days(shop):
    f = repeat.funnel(shop.cursor(), at(shop, date(2025, 3, 1)), "month")
    overall = f[f["cohort_label"] == "all"]
    # 6 customers; 5 came on a second day (not D); A and E a third; A a fourth
    assert list(overall["customers"]) == [6, 5, 2, 1]
    assert list(overall["of_previous"].round(4)) == [1.0, round(5 / 6, 4), 0.4, 0.5]
    jan = f[f["cohort_label"] == "2024-01"]
    assert list(jan["customers"]) == [4, 3, 1, 1]


def test_days_to_second_pools_mature_cohorts(shop, monkeypatch):
    monkeypatch.setattr(metrics, "MIN_SAMPLE", 1)
    dist = repeat.days_to_second(shop.cursor(), at(shop, date(2025, 3, 1)))
    # 365-day window: January and February are mature; seconds 1, 20, 60, 199 -> half (2 of
    # 4) by day 20, 80% (3.2 of 4) by day 199
    assert dist.window == 365 and (dist.first_cohort, dist.last_cohort) == (
        date(2024, 1, 1), date(2024, 2, 1))
    assert (dist.customers, dist.seconds, dist.p50, dist.p80) == (5, 4, 20, 199)
    assert list(dist.histogram["d"]) == [1, 20, 60, 199]


def test_days_to_second_needs_enough_second_purchases(shop):
    assert repeat.days_to_second(shop.cursor(), at(shop, date(2025, 3, 1))) is None


def test_day_quantile_by_hand():
    assert metrics.day_quantile([3, 1, 2], [1, 1, 2], 0.5) == 2  # counts 1@1, 2@2, 1@3
    assert metrics.day_quantile([5], [7], 0.8) == 5
    assert math.isnan(metrics.day_quantile([], [], 0.5))


def groups(store, by, end=date(2025, 3, 1), revenue_days=365):
    t = repeat.first_purchase(store.cursor(), at(store, end), by, 90, revenue_days)
    return {r.grp: r for r in t.itertuples(index=False)}


def test_first_purchase_by_category_by_hand(shop):
    g = groups(shop, "category")
    # the first order is the earliest: A's 09:00 coffee, not its 15:00 cake
    assert set(g) == {"coffee", "tea"}
    coffee, tea = g["coffee"], g["tea"]
    assert (coffee.customers, coffee.rate_customers, coffee.repeaters) == (3, 3, 3)  # A B E
    assert (tea.customers, tea.rate_customers, tea.repeaters) == (3, 3, 1)  # C D F: only F
    assert tea.rate == pytest.approx(1 / 3) and coffee.rate_thin and tea.rate_thin
    # revenue in the first 365 days, customers observed 365 days (not F): A 105, B 25, E 26;
    # C 20 - 20 + 0 + 50 = 50, D 12
    assert coffee.revenue_customers == 3
    assert coffee.revenue_per_customer == pytest.approx((105 + 25 + 26) / 3)
    assert tea.revenue_per_customer == pytest.approx((50 + 12) / 2)
    # Wilson's interval of 1 of 3 (z = 1.96): centre 0.4113, half 0.3367
    assert (tea.rate_low, tea.rate_high) == pytest.approx((0.0615, 0.7923), abs=1e-3)


def test_first_purchase_by_discount_value_and_referral(shop):
    d = groups(shop, "discount")
    assert (d["discount"].customers, d["discount"].repeaters) == (1, 0)  # D
    assert (d["full_price"].customers, d["full_price"].repeaters) == (5, 4)  # A B E F; not C
    assert d["full_price"].revenue_per_customer == pytest.approx((105 + 25 + 50 + 26) / 4)
    v = groups(shop, "value")  # first orders: B 0, E 8, A 10, D 12, C 20, F 30
    assert (v["low"].low, v["low"].high, v["middle"].low, v["high"].high) == (0, 8, 10, 30)
    assert [v[b].customers for b in ("low", "middle", "high")] == [2, 2, 2]
    r = groups(shop, "referred")
    assert (r["referred"].customers, r["not_referred"].customers) == (1, 5)
    # NPS: F 9 -> 100; A 10 and B 3 -> 1 promoter, 1 detractor -> 0
    assert (r["referred"].nps, r["referred"].responses) == (100.0, 1)
    assert (r["not_referred"].nps, r["not_referred"].responses) == (0.0, 2)


def test_first_purchase_revenue_window_needs_observed_customers(shop):
    g = groups(shop, "category", end=date(2024, 6, 30))  # nobody has had 365 days yet
    assert g["coffee"].revenue_customers == 0 and math.isnan(g["coffee"].revenue_per_customer)


def test_standout_group_needs_the_interval_to_exclude_zero():
    table = pd.DataFrame({"grp": ["coupon", "none"], "repeaters": [277, 1202],
                          "rate_customers": [1204, 3877]})
    # 277/1204 = 23.0% vs 1202/3877 = 31.0%: diff -0.0800, se sqrt(.230*.770/1204 +
    # .310*.690/3877) = 0.01422, interval -0.0800 -+ 1.96 * 0.01422 = (-0.1078, -0.0521); both
    # groups differ by as much from the other: the first listed is named
    s = metrics.standout_group(table)
    assert s.grp == "coupon" and (s.customers, s.other_customers) == (1204, 3877)
    assert (s.diff, s.low, s.high) == pytest.approx((-0.0800, -0.1078, -0.0521), abs=2e-4)
    close = table.assign(repeaters=[370, 1202])  # 30.7% vs 31.0%
    assert metrics.standout_group(close) is None


def test_exports(shop):
    out = export.run_repeat(shop.cursor(), ExportArgs(end=date(2025, 3, 1)))
    assert list(out.columns) == ["cohort", "customers", "second_within_30", "second_within_60",
                                 "second_within_90", "second_within_180", "second_within_365",
                                 "median_days_to_second"]
    assert list(out["cohort"]) == ["2024-01", "2024-02", "2024-12"]
    assert math.isnan(out.loc[2, "second_within_90"])
    first = export.run_first_purchase(shop.cursor(), ExportArgs(end=date(2025, 3, 1),
                                                                by="discount"))
    assert list(first["group"]) == ["full_price", "discount"]
    with pytest.raises(ValueError, match="--by must be one of"):
        export.run_first_purchase(shop.cursor(), ExportArgs(by="colour"))
    with pytest.raises(ValueError, match="period must be one of"):
        export.run_repeat(shop.cursor(), ExportArgs(period="year"))


def test_no_customers_means_no_rows_and_an_empty_page(store):
    load(store, [(None, "2024-01-07 10:00", 99.0, "coffee", None, None)])
    sc = at(store, date(2024, 3, 1))
    assert repeat.repeat_cohorts(store.cursor(), sc, "month").empty
    head = page.header(store.cursor(), sc, "en")
    assert head.empty and "customer" in head.empty.lower()
    assert repeat.headline(store.cursor(), sc)[0].kind == "absent"


# -- a generated log with a known distribution -------------------------------------------------
P_SECOND, MEAN_DAYS = 0.6, 40.0  # P(second purchase); days to it: 1 + floor(Exp(mean 40))


def expected_within(n: int) -> float:
    return P_SECOND * (1 - math.exp(-n / MEAN_DAYS))  # P(1 + floor(X) <= n) = P(X < n)


def expected_median() -> int:
    """The smallest day d with P(D <= d | D <= 365) >= 1/2."""
    total = 1 - math.exp(-365 / MEAN_DAYS)
    return next(d for d in range(1, 366) if (1 - math.exp(-d / MEAN_DAYS)) / total >= 0.5)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from cx.store import Store

    rng = np.random.default_rng(7)
    n = 24_000
    start = pd.Timestamp("2023-01-01")
    first = start + pd.to_timedelta(rng.integers(0, 365, n), unit="D") \
        + pd.to_timedelta(rng.integers(8 * 60, 18 * 60, n), unit="min")
    ids = np.array([f"c{i:05d}" for i in range(n)])
    again = rng.random(n) < P_SECOND
    days = 1 + np.floor(rng.exponential(MEAN_DAYS, n)).astype(int)
    second = first.normalize() + pd.to_timedelta(days, unit="D") + pd.Timedelta(hours=12)
    tx = pd.concat([
        pd.DataFrame({"customer_id": ids, "ordered_at": first}),
        pd.DataFrame({"customer_id": ids[again], "ordered_at": second[again]}),
        # a same-day second order for every tenth customer: never a second purchase
        pd.DataFrame({"customer_id": ids[::10], "ordered_at": first[::10] + pd.Timedelta(1, "min")}),
    ], ignore_index=True)
    tx["order_id"] = [f"o{i}" for i in range(len(tx))]
    tx["amount"] = 10.0
    store = Store(tmp_path_factory.mktemp("gen") / "gen.duckdb")
    with store.write() as cur:
        cur.register("gen", tx)
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                    "currency) SELECT order_id, customer_id, ordered_at, amount, 'USD' FROM gen")
    yield store
    store.close()


def test_generated_log_matches_its_distribution(generated):
    out = export.run_repeat(generated.cursor(), ExportArgs(end=date(2025, 6, 30)))
    assert len(out) == 12 and out["customers"].sum() == 24_000
    for n in queries.WINDOWS:  # every 2023 cohort is mature on 30 Jun 2025
        shares = out[f"second_within_{n}"]
        expected = expected_within(n)
        se = math.sqrt(expected * (1 - expected) / 2000)  # ~2,000 customers a cohort
        assert (shares - expected).abs().max() < 4 * se, (n, list(shares), expected)
        pooled = (shares * out["customers"]).sum() / out["customers"].sum()
        assert abs(pooled - expected) < 3 * math.sqrt(expected * (1 - expected) / 24_000)
    assert (out["median_days_to_second"] - expected_median()).abs().max() <= 4
    assert abs(out["median_days_to_second"].median() - expected_median()) <= 2


def test_generated_log_immature_cells_are_empty(generated):
    # 15 Jan 2024: December 2023 (ends 31 Dec) has had 15 days: every window still open;
    # November (ends 30 Nov) 46 days: 30 only
    out = export.run_repeat(generated.cursor(), ExportArgs(end=date(2024, 1, 15)))
    by = out.set_index("cohort")
    assert by.loc["2023-12"].drop(["customers"]).isna().all()
    assert not math.isnan(by.loc["2023-11", "second_within_30"])
    assert math.isnan(by.loc["2023-11", "second_within_60"])


def test_cli_repeat_json_and_first_purchase_csv(tmp_path):
    from cx.store import Store

    db = tmp_path / "shop.duckdb"
    s = Store(db)
    load(s)
    s.close()
    rows = json.loads(run_cli("export", "repeat", "--db", db, "--period", "quarter",
                              "--format", "json", "--end", "2025-03-01").stdout)
    assert [r["cohort"] for r in rows] == ["2024-Q1", "2024-Q4"]
    assert rows[0]["second_within_30"] == 0.4 and rows[1]["second_within_90"] is None
    csv = run_cli("export", "first-purchase", "--by", "category", "--db", db,
                  "--end", "2025-03-01").stdout.splitlines()
    assert csv[0].startswith("group,customers,rate_days,")
    assert [line.split(",")[0] for line in csv[1:]] == ["coffee", "tea"]
    bad = run_cli("export", "first-purchase", "--by", "colour", "--db", db, check=False)
    assert bad.returncode != 0 and "--by must be one of" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1  # one sentence, no traceback


def test_the_second_purchase_heatmap_marks_the_cohort_of_an_event(shop):
    from cx.annotations import Event
    from cx.repeat import figures
    from tests.test_annotation_charts import event_shapes

    sc = at(shop, date(2025, 3, 1))
    table = repeat.repeat_cohorts(shop.cursor(), sc, "month")
    pooled = metrics.pooled_windows(table)
    events = (Event(date(2024, 2, 14), None, "price rise"),)
    fig = figures.second_purchase_figure(table, pooled, "month", "en", False, events)
    rows = list(fig.layout.yaxis.categoryarray)
    assert rows == ["All cohorts old enough", "Jan 2024", "Feb 2024", "Dec 2024"]
    outlines = event_shapes(fig)
    assert [(s.y0, s.y1) for s in outlines] == [(1.5, 2.5)]  # the February row only
    assert [(s.x0, s.x1) for s in outlines] == [(-0.5, 4.5)]  # across the five windows
    assert "price rise" in fig.data[-1].hovertext[0]
    # the pooled shares by hand: 30 days: Jan 1/4, Feb 1/1, Dec 1/1 -> 3 of 6
    assert pooled[30] == (3, 6) and pooled[365] == (4, 5)


def test_quantile_ranks_by_hand():
    from cx.stats import median_ranks, quantile_ranks

    # n = 30, q = 0.5: 15 -+ 1.96 * sqrt(7.5) = 5.368 -> ranks floor(9.63) = 9, ceil(21.37) = 22
    assert quantile_ranks(30, 0.5) == median_ranks(30) == (9, 22)
    # q = 0.8: 24 -+ 1.96 * sqrt(4.8) = 4.294 -> floor(19.71) = 19, ceil(25 + 4.294) = 30
    assert quantile_ranks(30, 0.8) == (19, 30)


def test_day_headlines_compare_the_latest_cohorts_by_hand():
    """Window 30 days, analysis date 31 Dec 2025 (November is mature: 30 Nov + 30 = 30 Dec).
    Nov 2025: 40 customers back after 1..40 days, 30 of them within 30 -> the half by day 15,
    80% by day 24; September: 30 back after 2 days; October: 20 within 30 days, too few on its
    own (a cohort of 30 exists, so thinner ones are left out); Nov 2024: 30 after 5 days."""
    rows = ([(date(2025, 11, 1), d, 2, 1) for d in range(1, 41)]
            + [(date(2025, 10, 1), d, 2, 1) for d in range(11, 41)]
            + [(date(2025, 9, 1), 2, 2, 30), (date(2024, 11, 1), 5, 2, 30)])
    counts = pd.DataFrame(rows, columns=["cohort", "d", "visits", "n"]).astype({"d": float})
    p50, p80 = metrics.day_headlines_of(counts, date(2025, 12, 31), 30)
    assert (p50.value, p50.previous, p50.year_ago) == (15, 2, 5)
    assert (p80.value, p80.previous, p80.year_ago) == (24, 2, 5)
    assert (p50.basis.first, p50.basis.last, p50.basis.sample) == (
        date(2025, 11, 1), date(2025, 11, 1), 30)
    # se of the half day: ranks 9 and 22 of 1..30 -> (22 - 9) / (2 * 1.96) = 3.316; the
    # September days are all 2 (se 0): +13 days -+ 6.5 -> a real change
    assert p50.se == pytest.approx(13 / (2 * 1.959964), abs=1e-3) and p50.previous_se == 0
    from cx.headline import comparisons

    previous, year = comparisons(p50)
    assert previous.verdict == "up" and (previous.ci_low, previous.ci_high) == pytest.approx(
        (6.5, 19.5), abs=1e-3)
    assert year.diff == 10 and year.verdict == "up"
    # 80%: ranks 19 and 30 -> (30 - 19) / 3.92 = 2.806
    assert p80.se == pytest.approx(11 / (2 * 1.959964), abs=1e-3)


def test_one_time_share_is_compared_only_with_a_year_of_history(shop):
    # 1 Mar 2025: of A..F only D bought on one day -> 1/6. Thirty days before (30 Jan 2025),
    # 391 days after the first data: the same 6 customers, D alone -> 1/6. A year before
    # (1 Mar 2024): 56 days of history, not compared.
    h = metrics.once_headline(shop.cursor(), at(shop, date(2025, 3, 1)))
    assert h.value == pytest.approx(1 / 6) and h.previous == pytest.approx(1 / 6)
    assert h.basis.sample == 6 and h.year_ago is None
    assert h.year_missing == "repeat.once.short_history"
    from cx.headline import help_text

    assert "less than a year of history" in help_text(h, "en")
