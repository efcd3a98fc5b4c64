"""Comparing periods (docs/metrics.md "Comparing periods"): the one noise rule, each kind's
standard error on numbers worked out by hand, and the two comparisons of the headlines on small
hand-made databases."""
from __future__ import annotations

import math
from datetime import date

import pytest

from cx import stats
from cx.headline import Basis, Change, Headline, change_between, comparisons, help_text
from cx.scope import Scope, year_earlier


# -- the noise rule and the standard errors, by hand ------------------------------------------
def test_verdict_is_real_only_when_the_interval_leaves_out_zero():
    assert stats.verdict(-1.0, 1.0) == "noise"
    assert stats.verdict(0.1, 2.0) == "up"
    assert stats.verdict(-2.0, -0.1) == "down"
    assert stats.verdict(0.0, 2.0) == "noise"  # touching 0 is not leaving it out
    assert stats.verdict(None, None) == "unknown"
    assert stats.verdict(math.nan, 1.0) == "unknown"


def test_two_proportions_30_of_100_against_20_of_100_is_within_the_noise():
    # diff 0.10; se = sqrt(.3*.7/100 + .2*.8/100) = sqrt(.0037) = 0.06083;
    # 1.96 * 0.06083 = 0.1192 -> [-0.0192, 0.2192]: holds 0
    se1, se0 = stats.proportion_se(30, 100), stats.proportion_se(20, 100)
    assert se1 == pytest.approx(0.045826, abs=1e-6) and se0 == pytest.approx(0.04)
    c = change_between("previous", 0.30, se1, 0.20, se0)
    assert c.diff == pytest.approx(0.10)
    assert (c.ci_low, c.ci_high) == (pytest.approx(-0.0192, abs=1e-4),
                                     pytest.approx(0.2192, abs=1e-4))
    assert c.verdict == "noise"
    # 60/200 against 20/200: diff 0.2, se = sqrt(.3*.7/200 + .1*.9/200) = 0.03873 -> [0.124, 0.276]
    c = change_between("year", 0.30, stats.proportion_se(60, 200), 0.10,
                       stats.proportion_se(20, 200))
    assert (c.ci_low, c.ci_high) == (pytest.approx(0.1241, abs=1e-4),
                                     pytest.approx(0.2759, abs=1e-4))
    assert c.verdict == "up"


def test_counts_are_poisson():
    # 150 against 100: se = sqrt(250) = 15.81, half = 30.99 -> [19.0, 81.0]: real
    c = change_between("previous", 150, stats.count_se(150), 100, stats.count_se(100))
    assert (c.ci_low, c.ci_high) == (pytest.approx(19.01, abs=0.01), pytest.approx(80.99, abs=0.01))
    assert c.verdict == "up"
    # 110 against 100: se = sqrt(210) = 14.49, half = 28.40 -> [-18.4, 38.4]: noise
    c = change_between("previous", 110, stats.count_se(110), 100, stats.count_se(100))
    assert c.ci_low == pytest.approx(-18.40, abs=0.01) and c.verdict == "noise"


def test_money_totals_are_compound_poisson():
    # orders of 10, 20, 30 (sum 60, squares 1,400) against 10, 10 (sum 20, squares 200):
    # diff 40, se = sqrt(1,600) = 40, half = 78.40 -> [-38.4, 118.4]: noise
    assert stats.total_se(1400) == pytest.approx(math.sqrt(1400))
    c = change_between("previous", 60, stats.total_se(1400), 20, stats.total_se(200))
    assert (c.ci_low, c.ci_high) == (pytest.approx(-38.40, abs=0.01),
                                     pytest.approx(118.40, abs=0.01))
    assert c.verdict == "noise"


def test_share_of_a_total_by_the_delta_method():
    # referred orders 10 and 20 (30, squares 500), the rest 30 and 40 (70, squares 2,500):
    # R = 0.3, Var = (0.49 * 500 + 0.09 * 2,500) / 100^2 = 0.047, se = 0.2168
    assert stats.share_of_total_se(30, 500, 70, 2500) == pytest.approx(0.21679, abs=1e-5)
    assert math.isnan(stats.share_of_total_se(0, 0, 0, 0))


def test_welch_interval_of_two_means():
    # 10 (sd 2, n 10) against 8 (sd 3, n 15): variances 0.4 + 0.6 = 1, se 1; df =
    # 1 / (0.4^2/9 + 0.6^2/14) = 22.99, t(0.975, 23) = 2.069 -> [-0.069, 4.069]: noise
    diff, low, high = stats.welch_interval(10, 2, 10, 8, 3, 15)
    assert diff == 2
    assert (low, high) == (pytest.approx(-0.069, abs=1e-3), pytest.approx(4.069, abs=1e-3))
    assert stats.verdict(low, high) == "noise"
    assert stats.mean_se(3, 9) == pytest.approx(1.0)


def test_median_interval_from_order_statistics():
    # n = 100: 50 -+ 1.96 * 10 / 2 = 9.8 -> ranks floor(40.2) = 40 and ceil(51 + 9.8) = 61
    assert stats.median_ranks(100) == (40, 61)
    # n = 30: 15 -+ 5.37 -> ranks 9 and 22
    assert stats.median_ranks(30) == (9, 22)
    assert stats.median_ranks(1) == (1, 1)
    # an interval [5, 9] days: se = 4 / (2 * 1.96) = 1.0204
    assert stats.median_se(5, 9) == pytest.approx(1.0204, abs=1e-4)


# -- the Headline's comparisons ---------------------------------------------------------------
def test_a_headline_without_year_ago_data_says_so_never_zero():
    h = Headline("overview.revenue", 100.0, 80.0, "money", se=10.0, previous_se=10.0,
                 basis=Basis("days", 5, last=date(2024, 3, 31), days=30, unit="orders"))
    previous, year = comparisons(h)
    assert previous.verdict == "noise" and previous.diff == 20.0  # [-7.7, 47.7]
    assert year.other is None and year.verdict is None
    text = help_text(h, "en", ("+$20", None))
    assert text.endswith("No data a year earlier.")
    assert "Against the previous period: +$20, within the noise." in text
    assert "1年前のデータはありません。" in help_text(h, "ja")


def test_a_ready_change_and_a_noise_reason():
    ready = Change("year", 5.0, 2.0, 0.5, 3.5, reason=None)
    h = Headline("x", 7.0, 6.0, "int", year_change=ready, noise="churn.noise.model")
    previous, year = comparisons(h)
    assert year is ready and year.verdict == "up"
    assert previous.verdict == "unknown" and previous.reason == "churn.noise.model"


def test_year_earlier_keeps_the_day():
    assert year_earlier(date(2025, 10, 31)) == date(2024, 10, 31)
    assert year_earlier(date(2024, 2, 29)) == date(2023, 2, 28)


# -- the overview on a hand-made database ----------------------------------------------------
def _orders(store, rows):
    with store.write() as cur:
        for i, (customer, day, amount) in enumerate(rows):
            cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                        "currency) VALUES (?, ?, CAST(? AS TIMESTAMP), ?, 'USD')",
                        [str(i), customer, day, amount])


def test_overview_revenue_compares_windows_of_the_same_number_of_days(store):
    """The analysis date 31 Mar 2025: the current window is 2-31 Mar (30 days), the previous
    31 Jan - 1 Mar (30 days), the year-ago window 1-31 Mar 2024 shifted a year: 2-31 Mar 2024
    (30 days, not March 2024 in full)."""
    from cx.overview import activity_headlines

    _orders(store, [
        ("a", "2023-12-01 10:00", 1.0),     # the data starts more than a year before
        ("a", "2025-03-02 00:00", 10.0),    # current, first day
        ("b", "2025-03-31 23:00", 20.0),    # current, last day
        ("c", "2025-03-01 12:00", 30.0),    # previous, last day
        ("d", "2025-01-31 00:00", 40.0),    # previous, first day
        ("e", "2025-01-30 23:59", 999.0),   # before the previous window
        ("f", "2024-03-02 00:00", 5.0),     # a year earlier, first day
        ("g", "2024-03-31 22:00", 7.0),     # a year earlier, last day
        ("h", "2024-03-01 23:59", 500.0),   # the day before the year-ago window: left out
    ])
    heads = {h.key: h for h in activity_headlines(store.cursor(), Scope(end=date(2025, 3, 31)))}
    rev = heads["overview.revenue"]
    assert (rev.value, rev.previous, rev.year_ago) == (30.0, 70.0, 12.0)
    assert rev.basis.days == rev.previous_basis.days == rev.year_ago_basis.days == 30
    assert rev.year_ago_basis.last == date(2024, 3, 31)
    # compound Poisson: se^2 = 10^2 + 20^2 = 500 now, 5^2 + 7^2 = 74 a year earlier
    assert rev.se == pytest.approx(math.sqrt(500)) and rev.year_ago_se == pytest.approx(
        math.sqrt(74))
    previous, year = comparisons(rev)
    assert previous.diff == -40.0 and previous.verdict == "noise"
    assert year.diff == 18.0 and year.verdict == "noise"  # 18 -+ 1.96 * 23.96
    active = heads["overview.active_customers"]
    assert (active.value, active.previous, active.year_ago) == (2, 2, 2.0)


def test_overview_year_ago_absent_when_the_data_starts_later(store):
    from cx.overview import activity_headlines, headline_texts

    _orders(store, [("a", "2024-06-01 10:00", 10.0), ("b", "2025-03-30 10:00", 20.0)])
    heads = {h.key: h for h in activity_headlines(store.cursor(), Scope(end=date(2025, 3, 31)))}
    rev = heads["overview.revenue"]
    assert rev.year_ago is None  # not 0: the data does not reach back to March 2024
    help_, year, real = headline_texts(rev, "en", "USD")
    assert year == "no data a year earlier" and help_.endswith("No data a year earlier.")
    assert headline_texts(rev, "ja", "USD")[1] == "1年前のデータなし"
