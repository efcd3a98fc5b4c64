"""Comparing periods (docs/metrics.md "Comparing periods"): the one noise rule, each kind's
standard error on numbers worked out by hand, and the two comparisons of the headlines on small
hand-made databases."""
from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from cx import nps, stats
from cx import repeat as repeat_area
from cx.churn.scores import MODEL_COMPARISON
from cx.headline import (
    Basis,
    Change,
    Headline,
    change_between,
    change_cell,
    comparisons,
    help_text,
)
from cx.overview import activity_headlines, headline_texts
from cx.retention import headline, key_numbers, queries
from cx.scope import Scope, year_earlier
from tests.test_nps import add_responses, month_rows
from tests.test_retention import add_tx


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
    # the t quantile against tables: 2.571 (5), 2.228 (10), 2.069 (23), 2.042 (30)
    for df, table in ((5, 2.571), (10, 2.228), (23, 2.069), (30, 2.042)):
        assert stats.t975(df) == pytest.approx(table, abs=1e-3)


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
    _orders(store, [("a", "2024-06-01 10:00", 10.0), ("b", "2025-03-30 10:00", 20.0)])
    heads = {h.key: h for h in activity_headlines(store.cursor(), Scope(end=date(2025, 3, 31)))}
    rev = heads["overview.revenue"]
    assert rev.year_ago is None  # not 0: the data does not reach back to March 2024
    help_, year, real = headline_texts(rev, "en", "USD")
    assert year == "no data a year earlier" and help_.endswith("No data a year earlier.")
    assert headline_texts(rev, "ja", "USD")[1] == "1年前のデータなし"


# -- retention: cohorts against the cohort before and the same cohort a year earlier -----------
def _cohort(prefix, first, again, n, back):
    """n customers first buying on `first`, `back` of them buying again on `again`."""
    return [(f"{prefix}{i}", first, 10.0) for i in range(n)] + [
        (f"{prefix}{i}", again, 10.0) for i in range(back)]


def test_month1_retention_against_the_cohort_before_and_a_year_earlier(store):
    """Oct 2025 cohort 30 of 40 back in month 1 (75%), Sep 2025 20 of 40 (50%), Oct 2024 10 of
    40 (25%). Against Sep: diff 0.25, se = sqrt(.75*.25/40 + .5*.5/40) = 0.1046 ->
    [0.045, 0.455], real; against Oct 2024: se = sqrt(2 * .75*.25/40) = 0.0968 -> [0.310, 0.690].
    The repeat rate's latest complete cohort is Sep 2025, and the data starts in Oct 2024: no
    September a year earlier, said in words."""
    add_tx(store, _cohort("Y", "2024-10-05", "2024-11-05", 40, 10)
           + _cohort("P", "2025-09-05", "2025-10-05", 40, 20)
           + _cohort("C", "2025-10-05", "2025-11-05", 40, 30))
    sc = Scope(start=None, end=date(2025, 12, 31))
    m = key_numbers(store.cursor(), sc, with_gap=False).month1
    assert (m.value, m.previous, m.year_value) == (0.75, 0.5, 0.25)
    assert (m.year_first_cohort, m.year_cohort, m.year_customers) == (
        date(2024, 10, 1), date(2024, 10, 1), 40)
    [month1] = headline(store.cursor(), sc)
    [repeat] = repeat_area.headline(store.cursor(), sc)  # the repeat rate: the repeat area's
    previous, year = comparisons(month1)
    assert (previous.ci_low, previous.ci_high) == (pytest.approx(0.0450, abs=1e-4),
                                                   pytest.approx(0.4550, abs=1e-4))
    assert (year.ci_low, year.ci_high) == (pytest.approx(0.3102, abs=1e-4),
                                           pytest.approx(0.6898, abs=1e-4))
    assert previous.verdict == year.verdict == "up"
    text = help_text(month1, "en", ("+25.0 pt", "+50.0 pt"))
    assert "Against a year earlier (Oct 2024 cohort, 40 customers): +50.0 pt, a real rise." in text
    assert repeat.basis.last == date(2025, 9, 1) and repeat.year_ago is None
    assert help_text(repeat, "en").endswith("No data a year earlier.")


def test_a_thin_cohort_a_year_earlier_is_not_compared(store):
    add_tx(store, _cohort("Y", "2024-10-05", "2024-11-05", 5, 1)
           + _cohort("C", "2025-10-05", "2025-11-05", 40, 30))
    month1 = headline(store.cursor(), Scope(start=None, end=date(2025, 12, 31)))[0]
    assert month1.year_ago is None and month1.year_ago_basis.sample == 5
    assert help_text(month1, "en").endswith(
        "Too few a year earlier to compare (Oct 2024 cohort, 5 customers; at least 30 needed).")


def test_gap_median_interval_picks_the_order_statistics_of_cx_stats(store):
    # 40 gaps of 1..40 days, all ending on 20 Oct 2025: ranks (13, 28) -> 13 and 28 days
    rows = []
    for i in range(1, 41):
        rows += [(f"G{i}", (date(2025, 10, 20) - timedelta(days=i)).isoformat(), 10.0),
                 (f"G{i}", "2025-10-20", 10.0)]
    add_tx(store, rows)
    df = queries.gap_month_medians(store.cursor(), Scope(start=None, end=date(2025, 10, 31)),
                                   [date(2025, 10, 1)], stats.Z95)
    r = df.iloc[0]
    assert stats.median_ranks(40) == (13, 28)
    assert (r["gaps"], r["median"], r["low"], r["high"]) == (40, 20.5, 13, 28)


# -- NPS: the months against the months before and the same months a year earlier -------------
def test_nps_headline_against_a_year_earlier(store):
    """Oct 2025: 30 promoters, 10 passives (n 40): NPS 75, se = 100 sqrt((.75 - .5625)/40) =
    6.8465. Oct 2024: 20/10/10: NPS 25, se = 100 sqrt((.75 - .0625)/40) = 13.1101. Diff 50,
    se = sqrt(218.75) = 14.790 -> [21.0, 79.0]: real. Without October 2024 the answers start in
    September 2025: no year-ago comparison, said in words."""
    add_responses(store, month_rows("2024-10-10", 20, 10, 10) + month_rows("2025-09-10", 20, 10, 10)
                  + month_rows("2025-10-10", 30, 10, 0))
    (h,) = nps.headline(store.cursor(), Scope(start=None, end=date(2025, 11, 5)))
    assert (h.value, h.previous, h.year_ago) == (pytest.approx(75), pytest.approx(25),
                                                 pytest.approx(25))
    assert h.year_ago_basis.last == date(2024, 10, 1) and h.year_ago_basis.sample == 40
    previous, year = comparisons(h)
    assert (year.ci_low, year.ci_high) == (pytest.approx(21.01, abs=0.01),
                                           pytest.approx(78.99, abs=0.01))
    assert year.verdict == previous.verdict == "up"
    assert headline_texts(h, "en", None)[1] == "vs a year ago: +50, a real rise"
    with store.write() as cur:
        cur.execute("DELETE FROM survey_responses WHERE responded_at < '2025-01-01'")
    (h,) = nps.headline(store.cursor(), Scope(start=None, end=date(2025, 11, 5)))
    assert h.year_ago is None and h.previous == pytest.approx(25)
    assert headline_texts(h, "en", None)[0].endswith("No data a year earlier.")


def test_churn_headlines_leave_the_verdict_and_the_year_out_with_reasons():
    h = Headline("churn.headline.high_risk", 120.0, 100.0, "int", higher_is_better=False,
                 **MODEL_COMPARISON)
    previous, year = comparisons(h)
    assert previous.diff == 20.0 and previous.verdict == "unknown"
    assert year.other is None
    help_, phrase, real = headline_texts(h, "en", None)
    assert "Against the previous period: +20, noise not estimated. These are a model's" in help_
    assert help_.endswith("the model is fitted for the analysis date only.")
    assert phrase == "no year-ago model" and not real
    # the report's cells
    assert change_cell(previous, "+20", "en") == "+20, noise not estimated"
    assert change_cell(year, None, "ja") == "1年前のモデルなし"
