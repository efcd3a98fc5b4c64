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
