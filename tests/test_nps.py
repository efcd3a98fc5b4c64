"""cx.nps on small hand-made data whose answers were worked out by hand."""
import json
import math
import uuid
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx import cache, i18n, nps, stats
from cx.area import ExportArgs
from cx.bench import nps as nps_bench
from cx.charts import nps as nps_charts
from cx.nps import export, page, sentences
from cx.scope import Scope, resolve_scope
from cx.stats import Z95


# -- helpers -----------------------------------------------------------------------------------
def add_responses(store, rows):
    """rows: (responded_at 'YYYY-MM-DD', score) or dicts with more fields."""
    with store.write() as cur:
        for i, r in enumerate(rows):
            if not isinstance(r, dict):
                r = {"at": r[0], "score": r[1]}
            cur.execute(
                "INSERT INTO survey_responses (response_id, customer_id, email, order_id, "
                "responded_at, score, comment, touchpoint, channel) VALUES (?,?,?,?,?,?,?,?,?)",
                [r.get("id", f"R{i:05d}-{uuid.uuid4().hex[:8]}"),
                 r.get("customer"), r.get("email"), r.get("order"),
                 datetime.fromisoformat(r["at"] + ("" if " " in r["at"] else " 12:00")),
                 r["score"], r.get("comment"), r.get("touchpoint"), r.get("channel")])


def add_orders(store, rows):
    """rows: (order_id, customer_id, 'YYYY-MM-DD', amount)."""
    with store.write() as cur:
        for oid, cid, at, amount in rows:
            cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                        "currency) VALUES (?,?,?,?, 'USD')",
                        [oid, cid, datetime.fromisoformat(at + " 10:00"), amount])


def add_customers(store, rows):
    """rows: (customer_id, email, acquisition_channel, first_seen or None)."""
    with store.write() as cur:
        for cid, email, channel, first in rows:
            cur.execute("INSERT INTO customers (customer_id, email, acquisition_channel, "
                        "first_seen) VALUES (?,?,?,?)",
                        [cid, email, channel,
                         datetime.fromisoformat(first + " 00:00") if first else None])


def scores(promoters=0, passives=0, detractors=0):
    return [10] * promoters + [8] * passives + [3] * detractors


def month_rows(day, promoters=0, passives=0, detractors=0):
    return [(day, s) for s in scores(promoters, passives, detractors)]


def scope_of(store, start=None, end=None):
    return resolve_scope(store.cursor(), Scope(start=start, end=end))


# -- the number and its interval ---------------------------------------------------------------
def test_all_promoters_is_100_with_no_spread():
    assert stats.nps_value(5, 0, 0)[:3] == (100.0, 100.0, 100.0)


def test_all_detractors_is_minus_100():
    assert stats.nps_value(0, 0, 7)[:3] == (-100.0, -100.0, -100.0)


def test_one_response():
    value, lo, hi, se = stats.nps_value(0, 1, 0)
    assert (value, lo, hi, se) == (0.0, 0.0, 0.0, 0.0)


def test_zero_responses_is_missing_not_zero():
    assert all(math.isnan(x) for x in stats.nps_value(0, 0, 0))


def test_interval_by_hand():
    # 6 promoters, 2 passives, 2 detractors: p=.6, q=.2, NPS 40,
    # se = sqrt((.8 - .16) / 10) = .25298 -> 25.298 points, half-width 1.959964 * 25.298 = 49.584
    value, lo, hi, se = stats.nps_value(6, 2, 2)
    assert value == pytest.approx(40.0)
    assert se == pytest.approx(25.2982, abs=1e-4)
    assert lo == pytest.approx(-9.5836, abs=1e-3)
    assert hi == pytest.approx(89.5836, abs=1e-3)


def test_interval_is_clipped_to_the_scale():
    # 2 promoters, 1 detractor: NPS 33.3, se = sqrt((1 - 1/9) / 3) = 54.43 points,
    # 33.3 + 106.7 = 140 is clipped to 100; the low end 33.333 - 1.959964 * 54.433 = -73.354 stays
    value, lo, hi, _ = stats.nps_value(2, 0, 1)
    assert hi == 100.0 and lo == pytest.approx(-73.354, abs=1e-3)
    assert stats.nps_value(1, 0, 1)[1:3] == (-100.0, 100.0)


def test_add_nps_matches_the_scalar_version():
    df = pd.DataFrame({"promoters": [6, 0, 5, 0], "passives": [2, 0, 0, 1],
                       "detractors": [2, 0, 0, 0]})
    out = nps.add_nps(df)
    for _, row in out.iterrows():
        expect = stats.nps_value(row["promoters"], row["passives"], row["detractors"])
        for col, x in zip(("nps", "ci_low", "ci_high", "se"), expect):
            assert (math.isnan(x) and math.isnan(row[col])) or row[col] == pytest.approx(x)
    assert out["responses"].tolist() == [10, 0, 5, 1]
    assert out["thin"].tolist() == [True, True, True, True]


# -- trend -------------------------------------------------------------------------------------
def test_monthly_trend_by_hand_with_an_empty_month(store):
    add_responses(store, month_rows("2024-01-10", 6, 2, 2) + month_rows("2024-03-05", 0, 0, 3)
                  + month_rows("2024-03-31", 1, 0, 0))
    sc = scope_of(store)
    df = nps.nps_by_period(store.cursor(), sc, "month")
    assert list(df.columns) == nps.COLUMNS
    assert df["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert df["responses"].tolist() == [10, 0, 4]
    assert df["promoters"].tolist() == [6, 0, 1]
    assert df["detractors"].tolist() == [2, 0, 3]
    assert df.loc[0, "nps"] == 40.0 and df.loc[0, "ci_low"] == -9.6 and df.loc[0, "ci_high"] == 89.6
    assert math.isnan(df.loc[1, "nps"]) and math.isnan(df.loc[1, "ci_low"])
    assert df.loc[2, "nps"] == -50.0  # (1 - 3) / 4


def test_trend_flags_thin_and_partial_periods(store):
    add_responses(store, month_rows("2024-01-10", 30) + month_rows("2024-02-03", 29))
    sc = scope_of(store, end=date(2024, 2, 20))
    trend = nps.nps_trend(store.cursor(), sc, "month")
    assert trend["thin"].tolist() == [False, True]
    assert trend["partial"].tolist() == [False, True]  # February is cut at the 20th
    full = nps.nps_trend(store.cursor(), scope_of(store, end=date(2024, 2, 29)), "month")
    assert full["partial"].tolist() == [False, False]


def test_week_and_quarter_labels(store):
    add_responses(store, [("2024-12-30", 10), ("2025-01-05", 0), ("2025-01-06", 8)])
    sc = scope_of(store)
    weeks = nps.nps_by_period(store.cursor(), sc, "week")
    assert weeks["period"].tolist() == ["2025-W01", "2025-W02"]  # ISO weeks
    assert weeks["responses"].tolist() == [2, 1]
    quarters = nps.nps_by_period(store.cursor(), sc, "quarter")
    assert quarters["period"].tolist() == ["2024-Q4", "2025-Q1"]
    assert quarters["nps"].tolist() == [100.0, -50.0]


def test_rolling_pools_the_counts_of_the_window(store):
    add_responses(store, month_rows("2024-01-10", 2, 0, 0) + month_rows("2024-02-10", 0, 0, 2)
                  + month_rows("2024-03-10", 1, 1, 0))
    sc = scope_of(store)
    df = nps.nps_by_period(store.cursor(), sc, "month", rolling=2)
    assert df["responses"].tolist() == [2, 4, 4]
    assert df["nps"].tolist() == [100.0, 0.0, -25.0]  # Feb: (2-2)/4; Mar: (1-2)/4
    with pytest.raises(ValueError):
        nps.nps_trend(store.cursor(), sc, "month", rolling=0)


def test_scope_dates_are_inclusive_and_exclude_the_rest(store):
    add_responses(store, [("2024-01-31 23:59", 10), ("2024-02-01 00:00", 0),
                          ("2024-02-29 23:59", 0), ("2024-03-01 00:00", 10)])
    sc = Scope(start=date(2024, 2, 1), end=date(2024, 2, 29))
    df = nps.nps_by_period(store.cursor(), sc, "month")
    assert df["period"].tolist() == ["2024-02"]
    assert df["responses"].tolist() == [2] and df["nps"].tolist() == [-100.0]


def test_no_responses_give_an_empty_frame_with_the_columns(store):
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 3, 1))
    df = nps.nps_by_period(store.cursor(), sc, "month")
    assert df.empty and list(df.columns) == nps.COLUMNS
    assert nps.overall(store.cursor(), sc).responses == 0
    assert nps.compare_periods(store.cursor(), sc, "month").current is None
    # no survey data at all: a sentence naming the file that adds it, not a number
    [h] = nps.headline(store.cursor(), sc)
    assert (h.kind, h.absent, h.value) == ("absent", "surveys", None)
    assert nps.breakdowns(store.cursor(), sc).empty
    beh = nps.behaviour(store.cursor(), sc)
    assert beh["responses"].tolist() == [0, 0, 0] and beh["repeat_rate"].isna().all()
    assert nps.detractor_cost(beh) is None


def test_export_takes_typed_arguments(store):
    add_responses(store, month_rows("2024-01-10", 3, 1, 0) + month_rows("2024-02-10", 0, 0, 1))
    args = ExportArgs(period="week", start=date(2024, 1, 1))
    df = export.run(store.cursor(), args)
    assert list(df.columns) == nps.COLUMNS
    assert df["period"].iloc[0] == "2024-W02" and df["responses"].iloc[0] == 4
    assert df["responses"].sum() == 5
    args = ExportArgs(period="month", end=date(2024, 1, 31))
    assert export.run(store.cursor(), args)["period"].tolist() == ["2024-01"]
    assert [e.run for e in nps.AREA.exports] == [export.run]


def test_cli_export_nps_json(tmp_path, capsys):
    from cx.__main__ import main
    from cx.store import Store

    db = tmp_path / "n.duckdb"
    s = Store(db)
    add_responses(s, month_rows("2024-05-02", 1, 0, 1))
    s.close()
    assert main(["export", "nps", "--db", str(db), "--period", "quarter", "--format",
                 "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"period": "2024-Q2", "responses": 2, "promoters": 1, "passives": 0,
                     "detractors": 1, "nps": 0.0, "ci_low": -100.0, "ci_high": 100.0}]


def test_trend_matches_pandas_on_the_demo(demo_store):
    cur = demo_store.cursor()
    sc = resolve_scope(cur, Scope())
    ours = nps.nps_by_period(cur, sc, "month")
    raw = cur.execute("SELECT responded_at, score FROM survey_responses").df()
    raw["period"] = raw["responded_at"].dt.strftime("%Y-%m")
    g = raw.groupby("period")["score"]
    expect = ((g.apply(lambda s: (s >= 9).mean() - (s <= 6).mean())) * 100).round(1)
    got = ours.set_index("period")["nps"].dropna()
    assert list(got.index) == list(expect.index)
    assert got.to_numpy() == pytest.approx(expect.to_numpy(), abs=0.051)
    assert ours["responses"].sum() == len(raw)


# -- period comparison -------------------------------------------------------------------------
def test_a_real_drop_against_the_previous_month(store):
    # September: 30 promoters + 10 passives -> NPS 75, se 6.847;
    # October: 10 promoters, 10 passives, 20 detractors -> NPS -25, se 13.110;
    # difference -100, se 14.790, interval -100 +- 1.959964 * 14.790 = -128.99 .. -71.01.
    add_responses(store, month_rows("2024-09-10", 30, 10, 0) + month_rows("2024-10-10", 10, 10, 20)
                  + [("2024-11-05", 10)])
    sc = scope_of(store, end=date(2024, 11, 15))
    comp = nps.compare_periods(store.cursor(), sc, "month")
    assert comp.current.start == date(2024, 10, 1) and not comp.partial  # the last full month
    c = comp.previous
    assert c.other.start == date(2024, 9, 1)
    assert c.diff == pytest.approx(-100.0)
    assert c.ci_low == pytest.approx(-128.99, abs=0.01)
    assert c.ci_high == pytest.approx(-71.01, abs=0.01)
    assert c.verdict == "down"
    assert comp.year is None  # nothing in October 2023
    text = nps.comparison_sentence(c, "month", "en")
    assert text.startswith("Oct 2024 vs Sep 2024: NPS -25 (40 answers) vs 75 (40 answers)")
    assert "down 100 points" in text and text.endswith("a real drop.")  # 40 answers: no caveat
    ja = nps.comparison_sentence(c, "month", "ja")
    assert "2024年10月" in ja and "100 ポイント低下" in ja


def test_a_small_change_is_within_the_noise(store):
    # 3 promoters 2 detractors (NPS 20) vs 2 promoters 3 detractors (NPS -20): up 40 points,
    # but se is about 62: within the noise.
    add_responses(store, month_rows("2024-05-10", 2, 0, 3) + month_rows("2024-06-10", 3, 0, 2))
    sc = scope_of(store, end=date(2024, 6, 30))  # June is complete on its last day
    comp = nps.compare_periods(store.cursor(), sc, "month")
    assert comp.current.start == date(2024, 6, 1)
    assert comp.previous.diff == pytest.approx(40.0)
    assert comp.previous.verdict == "noise"
    text = nps.comparison_sentence(comp.previous, "month", "en")
    assert "up 40 points" in text and "within the noise" in text
    assert text.endswith("fewer than 30 answers: read this with care.")  # 5 answers each


def test_the_same_period_a_year_earlier(store):
    add_responses(store, month_rows("2023-03-10", 40) + month_rows("2024-03-10", 40)
                  + month_rows("2024-02-10", 0, 0, 40))
    sc = scope_of(store, start=date(2024, 1, 1), end=date(2024, 4, 2))
    comp = nps.compare_periods(store.cursor(), sc, "month")
    assert comp.year.other.start == date(2023, 3, 1)  # before scope.start: still compared
    assert comp.year.diff == 0.0 and comp.year.verdict == "noise"
    assert comp.previous.diff == 200.0 and comp.previous.verdict == "up"
    assert "unchanged" in nps.comparison_sentence(comp.year, "month", "en")


def test_sparse_months_compare_the_latest_answered_month_with_the_last_one_before(store):
    # Answers in Aug, Sep and Nov 2026 (none in October), analysis date 15 Nov: September (the
    # latest full month with answers) against August; November waits until it ends.
    # Aug: 3 promoters, 1 detractor -> NPS 50, se = 100 * sqrt((1 - 0.25) / 4) = 43.301
    # Sep: 1 promoter, 1 passive, 2 detractors -> NPS -25, se = 100 * sqrt(0.6875 / 4) = 41.458
    # diff -75, se_diff = sqrt(1875 + 1718.75) = 59.948, interval -75 +- 117.496: the noise.
    # A year earlier: Sep 2025, one promoter -> NPS 100, diff -125.
    add_responses(store, month_rows("2026-08-10", 3, 0, 1) + month_rows("2026-09-20", 1, 1, 2)
                  + [("2026-11-03", 10), ("2026-11-12", 0), ("2025-09-15", 9)])
    sc = Scope(start=date(2026, 1, 1), end=date(2026, 11, 15))
    comp = nps.compare_periods(store.cursor(), sc, "month")
    assert comp.current.start == date(2026, 9, 1) and comp.current.end == date(2026, 9, 30)
    assert not comp.partial and comp.pending == 2 and comp.skipped == 1  # October: no answers
    c = comp.previous
    assert c.other.start == date(2026, 8, 1) and c.other.responses == 4
    assert (c.current.nps, c.other.nps, c.diff) == (-25.0, 50.0, -75.0)
    assert c.ci_low == pytest.approx(-192.496, abs=1e-3)
    assert c.ci_high == pytest.approx(42.496, abs=1e-3)
    assert c.verdict == "noise"
    assert nps.comparison_sentence(c, "month", "en").startswith(
        "Sep 2026 vs Aug 2026: NPS -25 (4 answers) vs 50 (4 answers), down 75 points")
    assert comp.year.other.start == date(2025, 9, 1) and comp.year.diff == -125.0


def test_only_the_unfinished_period_has_answers(store):
    # no answers before March 2024; analysis date 3 March: March so far, nothing to compare
    add_responses(store, [("2024-03-02", 0), ("2024-03-03", 9), ("2024-03-05", 10)])
    sc = Scope(start=date(2024, 3, 1), end=date(2024, 3, 3))
    comp = nps.compare_periods(store.cursor(), sc, "month")
    assert comp.partial and comp.current.start == date(2024, 3, 1)
    assert comp.current.end == date(2024, 3, 3)
    assert comp.current.responses == 2 and comp.current.nps == 0.0  # 5 March is after as_of
    assert comp.previous is None and comp.year is None and comp.pending == 0


def test_a_small_shop_by_week_skips_weeks_without_answers(store):
    # ISO weeks: W10 (4-10 Mar 2024) 2 promoters, W11 none, W12 (18-24 Mar) 1 detractor,
    # W13 none, analysis date Wed 3 Apr (W14, unfinished, 1 answer): W12 vs W10, 1 week skipped.
    add_responses(store, [("2024-03-04", 10), ("2024-03-10", 9), ("2024-03-20", 3),
                          ("2024-04-01", 8)])
    sc = Scope(start=date(2024, 3, 1), end=date(2024, 4, 3))
    comp = nps.compare_periods(store.cursor(), sc, "week")
    assert comp.current.start == date(2024, 3, 18) and comp.current.nps == -100.0
    assert comp.previous.other.start == date(2024, 3, 4) and comp.previous.other.nps == 100.0
    assert comp.previous.diff == -200.0 and comp.skipped == 1 and comp.pending == 1
    assert comp.year is None


def test_comparison_notes_say_what_was_skipped_and_what_waits(store):
    add_responses(store, month_rows("2026-08-10", 3, 0, 1) + month_rows("2026-09-20", 1, 1, 2)
                  + [("2026-11-03", 10)])
    sc = Scope(start=date(2026, 1, 1), end=date(2026, 11, 15))
    comp = nps.compare_periods(store.cursor(), sc, "month")
    assert nps.comparison_notes(comp, "en") == [
        "The same period a year earlier has no answers to compare with.",
        "Sep 2026 is the latest full month with answers; the month after it had none.",
        "The unfinished month (Nov 2026, 1 answer so far) is compared once it is over."]
    ja = nps.comparison_notes(comp, "ja")
    assert len(ja) == 3 and "2026年9月" in ja[1] and "回答 1 件" in ja[2]
    two = nps.compare_periods(store.cursor(), Scope(start=None, end=date(2027, 1, 5)), "month")
    assert two.current.start == date(2026, 11, 1) and two.skipped == 1 and two.pending == 0
    assert "the month after it had none" in nps.comparison_notes(two, "en")[1]
    three = nps.compare_periods(store.cursor(), Scope(start=None, end=date(2027, 2, 5)), "month")
    assert "the 2 months after it had none" in nps.comparison_notes(three, "en")[1]
    only = nps.compare_periods(store.cursor(), Scope(start=None, end=date(2026, 8, 20)), "month")
    assert nps.comparison_notes(only, "en") == [
        "Only the unfinished current period (Aug 2026) has answers so far: NPS 50 (4 answers). "
        "It is compared once it is over."]
    none = nps.compare_periods(store.cursor(), Scope(start=None, end=date(2026, 7, 1)), "month")
    assert nps.comparison_notes(none, "en") == [
        "No answers up to the analysis date: nothing to compare."]


def test_counts_of_one_read_in_the_singular():
    assert nps.answers_text(1) == "1 answer" and nps.answers_text(2) == "2 answers"
    assert nps.answers_text(1, "ja") == "回答 1 件"
    m = {"responses": 1, "matched": 1, "id": 1, "order": 0, "email": 0, "none": 0}
    assert nps.matched_sentence(m).startswith("1 of 1 answer matched a customer (1 by customer")
    m = {"responses": 3, "matched": 2, "id": 2, "order": 0, "email": 0, "none": 1}
    assert nps.matched_sentence(m).endswith(
        "; 1 matches no customer and counts only for NPS.")
    m["none"], m["responses"] = 2, 4
    assert nps.matched_sentence(m).startswith("2 of 4 answers matched")
    assert nps.matched_sentence(m).endswith("; 2 match no customer and count only for NPS.")
    assert nps.comments_caption(1, 1) == "1 comment matches."
    assert nps.comments_caption(5, 5) == "5 comments match, newest first."
    assert nps.comments_caption(500, 200) == "500 comments match; the newest 200 are shown."
    assert i18n.t_count("nps.interval_line", "en", 1, nps="100", lo="100", hi="100",
                        n="1") == "NPS 100 from 1 answer; 95% interval 100 to 100."
    assert "1 detractor here" in i18n.t_count("nps.behave.cost", "en", 1, days=90, gap="$5",
                                              n="1", total="$5")


def test_rolling_titles_name_the_window(store):
    add_responses(store, month_rows("2024-01-10", 3, 1, 1) + month_rows("2024-02-10", 1, 1, 1))
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 2, 29))
    cur = store.cursor()
    mix = nps.period_part(cur, sc, "month", 3, "en", False).mix
    assert mix.layout.title.text.startswith(
        "Promoters, passives and detractors over a rolling 3 months")
    assert nps.period_part(cur, sc, "month", 0, "en", False).mix.layout.title.text.startswith(
        "Promoters, passives and detractors per period")
    trend = nps.period_part(cur, sc, "week", 12, "en", False).trend
    assert "rolling 12 weeks" in trend.layout.title.text
    assert "3 か月" in nps.period_part(cur, sc, "month", 3, "ja", False).mix.layout.title.text


def test_weekly_comparison_uses_iso_weeks(store):
    add_responses(store, [("2024-03-04", 10), ("2024-03-10", 10), ("2024-03-11", 0)])
    sc = Scope(start=date(2024, 3, 1), end=date(2024, 3, 17))  # a Sunday: week 11 is full
    comp = nps.compare_periods(store.cursor(), sc, "week")
    assert comp.current.start == date(2024, 3, 11) and comp.current.responses == 1
    assert comp.previous.other.start == date(2024, 3, 4) and comp.previous.other.responses == 2


# -- matching, breakdowns, behaviour -----------------------------------------------------------
@pytest.fixture
def shop(store):
    """Three customers, their orders, and answers matched four ways."""
    add_customers(store, [("A", "a@x.jp", "social", None), ("B", "B@X.JP", "search_ads", None),
                          ("C", None, None, "2023-12-01")])
    add_orders(store, [("o1", "A", "2024-01-05", 50.0), ("o2", "A", "2024-02-10", 30.0),
                       ("o3", "B", "2024-01-20", 20.0), ("o4", "C", "2024-01-02", 10.0),
                       ("o5", "A", "2024-09-20", 5.0)])
    add_responses(store, [
        {"at": "2024-01-06", "score": 10, "customer": "A", "touchpoint": "checkout",
         "channel": "online", "comment": "Great coffee, fast DELIVERY"},
        {"at": "2024-01-21", "score": 4, "order": "o3", "touchpoint": "delivery",
         "channel": "online", "comment": "Delivery was late"},
        {"at": "2024-03-01", "score": 8, "email": "b@x.jp", "touchpoint": "delivery",
         "channel": "store", "comment": "[x](http://x) <b>ok</b>"},
        {"at": "2024-01-03", "score": 2, "customer": "C", "touchpoint": "support"},
        {"at": "2024-02-01", "score": 9, "customer": "ZZ", "touchpoint": "checkout",
         "channel": "app", "comment": "  "},
    ])
    return store


def test_matching_by_id_order_and_email_and_unmatched(shop):
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    m = nps.match_summary(shop.cursor(), sc)
    # ZZ is no known customer: unmatched, though it has a customer_id
    assert m == {"id": 2, "order": 1, "email": 1, "none": 1, "responses": 5, "matched": 4}


def test_breakdowns_by_hand(shop):
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    df = nps.breakdowns(shop.cursor(), sc)
    assert list(df.columns) == nps.BREAKDOWN_COLUMNS

    def part(dim):
        p = df[df["dimension"] == dim]
        return dict(zip(p["group"], zip(p["responses"], p["nps"])))

    assert part("touchpoint") == {"checkout": (2, 100.0), "delivery": (2, -50.0),
                                  "support": (1, -100.0)}
    assert df[df["dimension"] == "touchpoint"]["group"].tolist() == ["checkout", "delivery",
                                                                     "support"]
    assert part("channel") == {"online": (2, 0.0), "store": (1, 0.0), "app": (1, 100.0),
                               nps.UNKNOWN: (1, -100.0)}
    assert df[df["dimension"] == "channel"]["group"].tolist()[-1] == nps.UNKNOWN
    # A social, B search_ads (by order and by email), C has none, ZZ unmatched
    assert part("acquisition_channel") == {"social": (1, 100.0), "search_ads": (2, -50.0),
                                           nps.UNKNOWN: (1, -100.0),
                                           nps.UNMATCHED: (1, 100.0)}
    # tenure: A answered 1 day after the first order, B 1 day and 41 days after (first order
    # 20 Jan), C 33 days after first_seen (1 Dec, earlier than the first order)
    assert part("tenure") == {"t0_30": (2, 0.0), "t31_90": (2, -50.0),
                              nps.UNMATCHED: (1, 100.0)}
    assert df[df["dimension"] == "tenure"]["group"].tolist() == ["t0_30", "t31_90",
                                                                 nps.UNMATCHED]
    assert df["small"].all()
    seg = df[df["dimension"] == "segment"]
    assert seg["responses"].sum() == 5 and nps.UNMATCHED in set(seg["group"])


def test_segment_breakdown_uses_customer_values(shop, monkeypatch):
    import cx.segments

    def fake_values(cur, scope, lookback_days=365, percentile=75.0, contacts=True):
        return pd.DataFrame({"customer_id": ["A", "B"], "segment": ["Champions", "Others"]})

    monkeypatch.setattr(cx.segments, "customer_values", fake_values)
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    df = nps.breakdowns(shop.cursor(), sc)
    seg = df[df["dimension"] == "segment"]
    assert dict(zip(seg["group"], seg["responses"])) == {
        "Champions": 1, "Others": 2, nps.NO_SEGMENT: 1, nps.UNMATCHED: 1}
    assert seg["group"].tolist()[:2] == ["Champions", "Others"]  # by NPS: 100, -50


def test_behaviour_by_hand(shop):
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    beh = nps.behaviour(shop.cursor(), sc).set_index("group")
    # latest answers: A promoter (6 Jan), B passive (1 Mar by email), C detractor (3 Jan);
    # ZZ's promoter answer is unmatched; B's detractor answer is not the latest.
    assert beh.loc["promoter", "responses"] == 2 and beh.loc["promoter", "unmatched"] == 1
    assert beh.loc["detractor", "responses"] == 2
    assert beh[["customers"]].to_dict()["customers"] == {"promoter": 1, "passive": 1,
                                                         "detractor": 1}
    assert beh.loc["promoter", "repeat_rate"] == 1.0  # A: 3 orders
    assert beh.loc["passive", "repeat_rate"] == 0.0 and beh.loc["detractor", "repeat_rate"] == 0.0
    # A came back on 10 Feb (35 days after) with 30; B bought nothing after 1 Mar; C nothing
    assert beh.loc["promoter", "came_back_rate"] == 1.0
    assert beh.loc["promoter", "revenue_after"] == 30.0
    assert beh.loc["detractor", "came_back_rate"] == 0.0
    assert beh.loc["detractor", "revenue_after"] == 0.0
    # last 365 days up to 31 Dec 2024: A 85, B 20, C 10
    assert beh.loc["promoter", "revenue_year"] == 85.0
    cost = nps.detractor_cost(nps.behaviour(shop.cursor(), sc))
    assert cost.gap == 30.0 and cost.detractors == 1 and cost.total == 30.0


def test_refunds_are_not_purchases_in_behaviour_and_tenure(shop):
    # Unlinked refunds: B -20 on 10 Mar (9 days after answering), C -10 on 10 Jan, A -5 on
    # 1 Oct 2023 (before A's first purchase). A purchase is amount > 0, revenue is net:
    add_orders(shop, [("r1", "B", "2024-03-10", -20.0), ("r2", "C", "2024-01-10", -10.0),
                      ("r3", "A", "2023-10-01", -5.0)])
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    beh = nps.behaviour(shop.cursor(), sc).set_index("group")
    # B and C still made one purchase each: no repeat, and a refund is not coming back
    assert beh.loc["passive", "repeat_rate"] == 0.0 and beh.loc["detractor", "repeat_rate"] == 0.0
    assert beh.loc["passive", "came_back_rate"] == 0.0
    assert beh.loc["detractor", "came_back_rate"] == 0.0
    # but the refunds are in the net revenue: B -20 after answering; C -10 after answering
    assert beh.loc["passive", "revenue_after"] == -20.0
    assert beh.loc["detractor", "revenue_after"] == -10.0
    assert beh.loc["detractor", "revenue_year"] == 0.0  # 10 - 10
    assert beh.loc["promoter", "repeat_rate"] == 1.0  # A: 3 purchases (the refund is not one)
    # tenure counts from A's first purchase (5 Jan), not the 2023 refund: 1 day -> t0_30
    df = nps.breakdowns(shop.cursor(), sc)
    ten = df[df["dimension"] == "tenure"]
    assert dict(zip(ten["group"], ten["responses"])) == {"t0_30": 2, "t31_90": 2,
                                                         nps.UNMATCHED: 1}


def test_behaviour_follow_up_needs_90_days(shop):
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 3, 31))  # A answered 85 days before
    beh = nps.behaviour(shop.cursor(), sc).set_index("group")
    assert beh.loc["promoter", "followed"] == 0
    assert math.isnan(beh.loc["promoter", "came_back_rate"])
    assert nps.detractor_cost(nps.behaviour(shop.cursor(), sc)) is None


def test_responses_matching_no_customer_still_count(store):
    add_responses(store, [{"at": "2024-01-05", "score": 10, "customer": "nobody"},
                          {"at": "2024-01-06", "score": 0, "email": "x@y.z"}])
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 1, 31))
    assert nps.overall(store.cursor(), sc).responses == 2
    assert nps.match_summary(store.cursor(), sc)["none"] == 2
    beh = nps.behaviour(store.cursor(), sc)
    assert beh["customers"].sum() == 0 and beh["unmatched"].sum() == 2
    acq = nps.breakdowns(store.cursor(), sc)
    acq = acq[acq["dimension"] == "acquisition_channel"]
    assert acq["group"].tolist() == [nps.UNMATCHED] and acq["responses"].tolist() == [2]


# -- comments ----------------------------------------------------------------------------------
def test_comments_search_filter_and_plain_text(shop):
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    rows, total = nps.comments(shop.cursor(), sc)
    assert total == 3  # blank and missing comments are left out
    assert rows["comment"].tolist()[0] == "[x](http://x) <b>ok</b>"  # newest first, verbatim
    rows, total = nps.comments(shop.cursor(), sc, search="delivery")
    assert total == 2 and set(rows["group"]) == {"promoter", "detractor"}
    rows, total = nps.comments(shop.cursor(), sc, group="detractor", search="DELIVERY")
    assert total == 1 and rows["comment"].tolist() == ["Delivery was late"]
    rows, total = nps.comments(shop.cursor(), sc, search="%")  # no wildcard meaning
    assert total == 0
    rows, total = nps.comments(shop.cursor(), sc, limit=1)
    assert len(rows) == 1 and total == 3


def test_comment_themes_on_the_demo(demo_store):
    cur = demo_store.cursor()
    sc = resolve_scope(cur, Scope())
    themes, info = nps.comment_themes(cur, sc, max_themes=20)
    assert info["comments"] > 100 and info["texts_used"] == info["texts"]
    late = themes[themes["terms"].map(lambda t: "late" in t)]
    assert len(late) >= 1 and (late["nps"] < 0).all()  # late deliveries: detractors
    assert (themes["language"] == "ja").any()


# -- headline and report -----------------------------------------------------------------------
def test_headline_is_the_last_full_month(store):
    add_responses(store, month_rows("2024-08-10", 30, 10, 0) + month_rows("2024-09-10", 10, 10, 20)
                  + [("2024-10-05", 10)])
    sc = scope_of(store, end=date(2024, 10, 5))
    (h,) = nps.headline(store.cursor(), sc)
    assert h.key == "nps.headline" and h.kind == "points" and h.page == "views/nps.py"
    assert h.value == pytest.approx(-25.0) and h.previous == pytest.approx(75.0)
    assert h.interval[0] == pytest.approx(-25 - Z95 * 13.1101, abs=1e-3)
    assert h.trend == pytest.approx((75.0, -25.0))  # full months only
    (h,) = nps.headline(store.cursor(), Scope(start=date(2024, 10, 1), end=date(2024, 10, 5)))
    assert h.key == "nps.headline" and h.value == pytest.approx(-25.0)  # reference before start
    with store.write() as cur:  # only this month's answers left: the month so far
        cur.execute("DELETE FROM survey_responses WHERE responded_at < '2024-10-01'")
    add_responses(store, [("2024-10-02", 10)])
    (h,) = nps.headline(store.cursor(), Scope(start=date(2024, 10, 1), end=date(2024, 10, 5)))
    # two answers are too few for a headline (MIN_SAMPLE): a sentence says how many there are
    assert h.key == "nps.headline_partial" and h.value is None and h.thin == 2
    add_responses(store, [("2024-10-03", 10)] * 29)
    (h,) = nps.headline(store.cursor(), Scope(start=date(2024, 10, 1), end=date(2024, 10, 5)))
    assert h.key == "nps.headline_partial" and h.value == 100.0 and h.previous is None
    assert h.basis.sample == 31


def test_report_section(demo_store):
    cur = demo_store.cursor()
    sc = resolve_scope(cur, Scope())
    section = nps.report_section(cur, sc, "ja", False)
    assert section.title == "NPS：顧客の気持ち" and len(section.figures) == 1
    assert any("ポイント" in s for s in section.sentences)


def test_charts_build_and_say_when_empty(demo_store):
    cur = demo_store.cursor()
    sc = resolve_scope(cur, Scope())
    trend = nps.nps_trend(cur, sc, "month")
    labels = sentences.chart_labels("en")
    fig = nps_charts.nps_trend_chart(
        trend.assign(label=sentences.trend_labels(trend, "month", "en")), labels=labels)
    assert len(fig.data) == 4  # band (2), line, counts
    empty = nps.nps_trend(cur, Scope(start=date(1990, 1, 1), end=date(1990, 2, 1)), "month")
    assert empty.empty
    msg = nps_charts.nps_trend_chart(empty.assign(label=[]), labels=labels)
    assert msg.layout.annotations[0].text == labels["title"]
    table = nps.breakdowns(cur, sc)
    part = table[table["dimension"] == "touchpoint"].assign(label=lambda d: d["group"])
    small = {"title": "t", "x": "NPS", "small": "small"}
    fig = nps_charts.nps_breakdown_chart(part, labels=small)
    assert len(fig.data[0].y) == len(part)
    # names from the user's files are text, never plotly markup
    part = part.assign(label=['<a href="http://x">x</a>'] + list(part["label"][1:]))
    fig = nps_charts.nps_breakdown_chart(part, labels=small, presenter=True)
    assert fig.data[0].y[0].startswith('&lt;a href="http://x"&gt;x&lt;/a&gt;')
    themes = pd.DataFrame({"theme": ["<b>late</b>"], "comments": [3], "nps": [-100.0],
                           "text": ["3"]})
    assert nps_charts.nps_themes_chart(themes, labels={"title": "t", "x": "x"}).data[0].y[0] \
        == "&lt;b&gt;late&lt;/b&gt;"


# -- bench -------------------------------------------------------------------------------------
def test_bench_rows_agree_with_pandas(demo_store):
    from cx.demo import generate
    from tests.conftest import DEMO_CUSTOMERS, DEMO_END

    data = generate(DEMO_CUSTOMERS, end_date=DEMO_END)
    with cache.computing():  # as cx.bench runs it
        rows = nps_bench.bench_rows(demo_store, data)
    names = [r["name"] for r in rows]
    assert names[0].startswith("NPS trend by month") and "NPS and behaviour (per customer)" in names
    assert all("MISMATCH" not in r["note"] for r in rows), rows
    assert all(r["seconds"] is not None and r["seconds"] > 0 for r in rows)
    compared = [r for r in rows if r["pandas_seconds"] is not None]
    assert len(compared) == 3


def test_pandas_twins_match_sql_on_hand_data(shop):
    from types import SimpleNamespace

    cur = shop.cursor()
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 12, 31))
    tables = {t: cur.execute(f"SELECT * FROM {t}").df()
              for t in ("survey_responses", "transactions", "customers")}
    data = SimpleNamespace(survey_responses=tables["survey_responses"],
                           transactions=tables["transactions"], customers=tables["customers"])
    key = ["dimension", "group", "responses", "promoters", "detractors"]
    ours = nps.breakdowns(cur, sc, segments=False)[key].reset_index(drop=True)
    theirs = nps_bench.pandas_breakdowns(data, sc)[key].reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    pd.testing.assert_frame_equal(
        nps.nps_trend(cur, sc, "week", 3)[nps.COLUMNS],
        nps_bench.pandas_trend(data.survey_responses, sc, "week", 3)[nps.COLUMNS])


def test_breakdown_view_keeps_the_biggest_groups_in_order():
    rows = [("touchpoint", f"tp{i:02d}", i, 0, 30 - i) for i in range(30)]
    table = nps.finish_breakdown(pd.DataFrame(
        rows, columns=["dimension", "group", "promoters", "passives", "detractors"]))
    part, total = nps.breakdown_view(table, "touchpoint", limit=5)
    assert total == 30 and len(part) == 5  # all have 30 answers: the first five by NPS
    assert part["group"].tolist() == ["tp29", "tp28", "tp27", "tp26", "tp25"]
    table.loc[table["group"] == "tp00", "responses"] = 99  # the biggest group stays, in place
    part, _ = nps.breakdown_view(table, "touchpoint", limit=5)
    assert part["group"].tolist() == ["tp29", "tp28", "tp27", "tp26", "tp00"]


def test_breakdown_gap_by_hand():
    rows = [("touchpoint", "checkout", 40, 0, 0), ("touchpoint", "delivery", 10, 10, 20),
            ("touchpoint", "support", 1, 0, 0), ("touchpoint", nps.UNKNOWN, 0, 0, 50),
            ("tenure", "t0_30", 20, 10, 10), ("tenure", "t91_180", 15, 10, 15),
            ("tenure", "t366", 12, 12, 16), ("tenure", nps.UNMATCHED, 0, 0, 40)]
    table = nps.finish_breakdown(pd.DataFrame(
        rows, columns=["dimension", "group", "promoters", "passives", "detractors"]))
    gap = nps.breakdown_gap(table, "touchpoint")
    # checkout 100 (se 0) vs delivery -25 (se 13.110): support is small, unknown is special
    assert (gap.a, gap.b) == ("checkout", "delivery")
    assert gap.diff == 125.0 and gap.ci_low == pytest.approx(125 - Z95 * 13.1101, abs=1e-3)
    assert gap.real
    # tenure: the newest band against the oldest, whatever their order by NPS
    # t0_30: 25 (p=.5 q=.25, se = sqrt((.75 - .0625) / 40) = 13.110); t366: -10
    # (p=.3 q=.4, se = sqrt((.7 - .01) / 40) = 13.134); diff 35, se 18.557, 95%: -1.4 .. 71.4
    # (35 - 1.959964 * 18.557 = -1.371)
    gap = nps.breakdown_gap(table, "tenure")
    assert (gap.a, gap.b) == ("t0_30", "t366")
    assert gap.diff == pytest.approx(35.0)
    assert gap.ci_low == pytest.approx(-1.371, abs=0.01) and not gap.real
    assert nps.breakdown_gap(table, "channel") is None


def test_page_parts_follow_the_data_version(store):
    add_responses(store, month_rows("2024-01-10", 3, 0, 1))
    sc = Scope(start=date(2024, 1, 1), end=date(2024, 1, 31))
    cur = store.cursor()
    assert nps.nps_trend(cur, sc, "month")["responses"].tolist() == [4]
    part = nps.period_part(cur, sc, "month", 0, "ja", False)
    assert part.trend.layout.title.text == "NPS と 95% 区間、期間ごとの回答数"
    assert part.export["responses"].tolist() == [4]
    assert nps.period_part(cur, sc, "month", 0, "ja", False) is part  # shared, not copied
    add_responses(store, month_rows("2024-01-11", 0, 0, 2))  # a new data version
    assert nps.nps_trend(cur, sc, "month")["responses"].tolist() == [6]
    assert nps.period_part(cur, sc, "month", 0, "ja", False).export["responses"].tolist() == [6]
    tab = nps.breakdown_tab(cur, sc, "tenure", "en", False)
    assert tab is nps.breakdown_tab(cur, sc, "tenure", "en", False)  # remembered
    for fig in (nps.period_part(cur, sc, "month", 2, "en", True).mix, tab.figure,
                page.behaviour_figure(nps.behaviour(cur, sc), "en", "USD", False),
                nps.themes_tab(cur, sc, "nps", "en", False).figure):
        assert fig.layout.title.text or fig.layout.annotations  # a chart or a sentence
    assert nps.group_labels("ja")[nps.UNMATCHED] == "（顧客と未照合）"


# -- properties --------------------------------------------------------------------------------
counts = st.integers(min_value=0, max_value=500)


@given(counts, counts, counts)
def test_interval_holds_the_value_and_stays_on_the_scale(pr, pa, de):
    value, lo, hi, se = stats.nps_value(pr, pa, de)
    if pr + pa + de == 0:
        assert math.isnan(value)
        return
    assert -100 <= lo <= value <= hi <= 100
    assert value == pytest.approx(100 * (pr - de) / (pr + pa + de))
    # the variance of a +1/0/-1 value never exceeds 1: se <= 100 / sqrt(n)
    assert se <= 100 / math.sqrt(pr + pa + de) + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(counts, counts, counts), min_size=1, max_size=30),
       st.integers(min_value=1, max_value=6))
def test_rolling_trend_pools_counts_like_pandas(per_month, k):
    starts = pd.date_range("2024-01-01", periods=len(per_month), freq="MS")
    raw = pd.DataFrame(per_month, columns=["promoters", "passives", "detractors"])
    raw.insert(0, "period_start", starts)
    sc = Scope(start=date(2024, 1, 1), end=(starts[-1] + pd.offsets.MonthEnd(0)).date())
    out = nps.finish_trend(raw, sc, "month", k)
    for col in ("promoters", "passives", "detractors"):
        expect = raw[col].rolling(k, min_periods=1).sum().astype("int64").tolist()
        assert out[col].tolist() == expect
    assert out["period"].tolist() == [f"{d.year}-{d.month:02d}" for d in starts]
    assert not out["partial"].any()
