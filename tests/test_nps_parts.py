"""cx.nps.page without Streamlit: the parts views/nps.py lays out, the defaults it shares with the
area's opening calls, and the typed export."""
from datetime import date

from cx import cache, nps
from cx.area import ExportArgs
from cx.nps import page
from cx.scope import Scope
from tests.test_nps import add_customers, add_orders, add_responses, month_rows

SCOPE = Scope(start=date(2024, 1, 1), end=date(2024, 3, 31))


def test_the_defaults_are_among_the_choices():
    assert page.DEFAULT_PERIOD in page.PERIOD_CHOICES
    assert page.DEFAULT_ROLLING in page.ROLLING_CHOICES
    assert page.DEFAULT_DIMENSION in nps.DIMENSIONS
    assert page.DEFAULT_THEME_ORDER in page.THEME_ORDERS
    assert page.DEFAULT_COMMENT_GROUP in page.COMMENT_GROUPS
    assert nps.AREA.opening is page.opening


def test_no_survey_file_and_no_answers_say_so(store):
    head = nps.page_head(store.cursor(), SCOPE, "en")
    assert head.empty.startswith("No survey answers loaded") and head.kpis == []
    add_responses(store, [("2023-05-01", 10)])  # answers, but none in scope
    assert nps.page_head(store.cursor(), SCOPE, "en").empty.startswith(
        "No survey answers in the selected dates.")


def test_the_head_formats_every_number(store):
    add_customers(store, [("A", "a@x.jp", "social", None)])
    add_orders(store, [("o1", "A", "2024-01-05", 50.0)])
    add_responses(store, month_rows("2024-02-10", 3, 0, 1)
                  + [{"at": "2024-02-11", "score": 9, "customer": "A", "comment": "Fast delivery"}])
    head = nps.page_head(store.cursor(), SCOPE, "en")
    assert head.empty is None
    assert [k.value for k in head.kpis] == ["60", "5", "80% / 20%", "4"]
    assert head.captions[0].startswith("Only 5 answers in the selected dates: fewer than 30")
    assert head.captions[-1].startswith("NPS 60 from 5 answers")
    assert head.dimensions[0] == head.default_dimension == "channel"
    assert head.rolling_names["week"][3] == "Rolling 3 weeks"
    assert head.comments_absent is None and not head.themes_found and head.themes_none
    ja = nps.page_head(store.cursor(), SCOPE, "ja")
    assert ja.period_names["month"] == "月"


def test_tabs_hold_formatted_tables_and_sentences(store):
    add_customers(store, [("A", "a@x.jp", "social", None)])
    add_orders(store, [("o1", "A", "2024-01-05", 50.0), ("o2", "A", "2024-01-20", 30.0)])
    add_responses(store, [{"at": "2024-01-06", "score": 10, "customer": "A",
                           "comment": "Great coffee"},
                          {"at": "2024-01-07", "score": 2, "comment": "Late again"}])
    cur = store.cursor()
    beh = nps.behaviour_tab(cur, SCOPE, "en", False, "USD")
    assert beh.none_matched is None and beh.matched.startswith("1 of 2 answers matched")
    table = beh.table.set_index("Group")
    assert table.loc["Promoters (9–10)", "Revenue, last 365 days"] == "$80.00"
    assert table.loc["Detractors (0–6)", "Repeat rate"] == "–"
    brk = nps.breakdown_tab(cur, SCOPE, "tenure", "en", False)
    assert list(brk.table.columns[:2]) == ["Group", "Answers"] and "NPS" in brk.whole_columns
    com = nps.comments_tab(cur, SCOPE, "detractor", " LATE ", "en")
    assert com.caption == "1 comment matches." and com.table["Comment"].tolist() == ["Late again"]
    assert com.download_label == "Download the 1 comment shown (CSV)"
    assert nps.comments_tab(cur, SCOPE, "all", "nothing like it", "en").table is None
    assert nps.period_part(cur, SCOPE, "month", 0, "en", False).export_name == \
        "nps-month-2024-03-31.csv"


def test_opening_makes_the_calls_the_page_opens_with(store):
    add_responses(store, month_rows("2024-02-10", 3, 1, 1)
                  + [{"at": "2024-02-11", "score": 9, "comment": "Fast delivery"},
                     {"at": "2024-02-12", "score": 3, "comment": "Slow delivery"}])
    cur = store.cursor()
    page.opening(cur, SCOPE)
    cache.CALLS.clear()
    head = nps.page_head(cur, SCOPE, page.OPENING_LANG)
    nps.period_part(cur, SCOPE, page.DEFAULT_PERIOD, page.DEFAULT_ROLLING, "en", False)
    nps.breakdown_tab(cur, SCOPE, head.default_dimension, "en", False)
    nps.behaviour_tab(cur, SCOPE, "en", False, None)
    assert head.themes_found  # "delivery" twice
    nps.themes_tab(cur, SCOPE, page.DEFAULT_THEME_ORDER, "en", False)
    nps.comments_tab(cur, SCOPE, page.DEFAULT_COMMENT_GROUP, page.DEFAULT_SEARCH, "en")
    assert [kind for (_, kind) in cache.CALLS] == ["hit"] * 6, cache.CALLS


def test_export_takes_typed_arguments(store):
    add_responses(store, month_rows("2024-01-10", 2, 0, 1))
    args = ExportArgs(start=date(2024, 1, 1), currency=" usd ")
    out = nps.AREA.exports[0].run(store.cursor(), args)
    assert out["responses"].tolist() == [3]


# -- the key numbers' two comparisons (docs/metrics.md "Comparing periods") -------------------
# The scope: 1-10 Mar 2025 (10 days). The window just before: 19-28 Feb 2025; a year earlier:
# 1-10 Mar 2024. Ten answers in each, worked out by hand:
#   now       6 promoters, 2 passives, 2 detractors: NPS 40, se = 100 sqrt((.8 - .16)/10) = 25.30
#   before    2 promoters, 2 passives, 6 detractors: NPS -40, se 25.30
#             diff 80 +- 1.96 sqrt(640 + 640) = 80 +- 70.1 -> [9.9, 150.1]: a real rise
#   year ago  4 promoters, 4 passives, 2 detractors: NPS 20, se = 100 sqrt((.6 - .04)/10) = 23.66
#             diff 20 +- 1.96 sqrt(640 + 560) = 20 +- 67.9: within the noise
# Answers 10 against 10: 0, within the noise. Promoters' share .6 against .2: se .1549 and
# .1265, diff .4 +- 1.96 * .2 = .4 +- .392 -> [.008, .792]: a real rise; against .4 (se .1549):
# .2 +- 1.96 * .219 = .2 +- .429: within the noise.
KPI_SCOPE = Scope(start=date(2025, 3, 1), end=date(2025, 3, 10))


def window_answers(first_day: int, month: str, promoters: int, passives: int,
                   detractors: int) -> list[tuple[str, int]]:
    """The answers of one window, one a day from `first_day` of `month` ('YYYY-MM')."""
    scores = [10] * promoters + [8] * passives + [3] * detractors
    return [(f"{month}-{first_day + i:02d}", s) for i, s in enumerate(scores)]


def test_the_key_numbers_compare_with_the_days_before_and_a_year_earlier(store):
    add_responses(store, window_answers(1, "2025-03", 6, 2, 2)
                  + window_answers(19, "2025-02", 2, 2, 6)
                  + window_answers(1, "2024-03", 4, 4, 2))
    head = nps.page_head(store.cursor(), KPI_SCOPE, "en")
    nps_kpi, answers, mix, unmatched = head.kpis
    assert (nps_kpi.value, nps_kpi.delta, nps_kpi.real) == ("40", "+80", True)
    assert nps_kpi.delta_description == "vs a year ago: +20, within the noise"
    assert "Against the 10 days to 28 Feb 2025, 10 answers: +80, a real rise." in nps_kpi.help
    assert ("Against a year earlier (the 10 days to 10 Mar 2024, 10 answers): +20, within the "
            "noise.") in nps_kpi.help
    assert (answers.value, answers.delta, answers.real) == ("10", "0", False)
    assert answers.delta_description == "vs a year ago: 0, within the noise"
    assert (mix.value, mix.delta, mix.real) == ("60% / 20%", "+40.0 pt", True)
    assert mix.delta_description == "vs a year ago: +20.0 pt, within the noise"
    assert "The change is the promoters' share's" in mix.help
    assert unmatched.delta is None and unmatched.delta_description is None  # data quality
    ja = nps.page_head(store.cursor(), KPI_SCOPE, "ja").kpis[0]
    assert ja.delta == "+80" and "誤差を超える上昇" in ja.help


def test_a_window_the_answers_do_not_fully_cover_is_not_compared(store):
    # no answers a year earlier, and the first answer is a day after the window before starts:
    # that window holds 9 answers, but it is covered only in part, so neither is compared
    add_responses(store, window_answers(1, "2025-03", 6, 2, 2)
                  + window_answers(20, "2025-02", 2, 2, 5))
    head = nps.page_head(store.cursor(), KPI_SCOPE, "en")
    for kpi in head.kpis[:3]:
        assert kpi.delta is None and not kpi.real
        assert kpi.delta_description == "no data a year earlier"
        assert kpi.help.endswith("No data for the previous period. No data a year earlier.")
    # one more answer on the window's first day: it is covered, and compared
    add_responses(store, [("2025-02-19", 3)])
    nps_kpi = nps.page_head(store.cursor(), KPI_SCOPE, "en").kpis[0]
    assert nps_kpi.delta == "+80" and nps_kpi.real
    assert nps_kpi.delta_description == "no data a year earlier"
