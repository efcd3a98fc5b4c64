import re
from datetime import date

import pytest

from cx.overview import activity, activity_headlines, monthly_activity
from cx.scope import Scope
from tests.conftest import ROOT


def add_orders(store, rows):
    with store.write() as cur:
        for order_id, customer, ts, amount in rows:
            cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, currency) "
                        "VALUES (?, ?, CAST(? AS TIMESTAMP), ?, 'USD')", [order_id, customer, ts, amount])


def test_activity_windows_count_back_from_the_analysis_date(store):
    add_orders(store, [
        ("1", "a", "2024-03-30 10:00", 10.0),  # current window (Mar 2 .. Mar 31)
        ("2", "a", "2024-03-02 00:00", 5.0),   # current window, first day
        ("3", "b", "2024-03-01 23:59", 7.0),   # previous window, last moment
        ("4", "c", "2024-02-01 00:00", 3.0),   # previous window, first day (Feb 1 .. Mar 1)
        ("5", "d", "2024-01-31 23:59", 99.0),  # before both
        ("6", "e", "2024-04-01 09:00", 50.0),  # after the analysis date: ignored
    ])
    cur, prev = activity(store.cursor(), Scope(end=date(2024, 3, 31)), window_days=30)
    assert (cur.active_customers, cur.orders, cur.revenue) == (1, 2, 15.0)
    assert (prev.active_customers, prev.orders, prev.revenue) == (2, 2, 10.0)


def test_monthly_trend_and_headlines(store):
    add_orders(store, [("1", "a", "2024-01-05 10:00", 10.0), ("2", "b", "2024-02-05 10:00", 20.0),
                       ("3", "a", "2024-02-06 10:00", 5.0), ("4", "a", "2024-03-02 10:00", 1.0)])
    scope = Scope(end=date(2024, 3, 10))
    m = monthly_activity(store.cursor(), scope)
    assert m["active_customers"].tolist() == [1, 2, 1]
    assert m["revenue"].tolist() == [10.0, 25.0, 1.0]
    heads = {h.key: h for h in activity_headlines(store.cursor(), scope)}
    assert heads["overview.revenue"].trend == (10.0, 25.0)  # March is incomplete
    assert heads["overview.revenue"].value == 1.0


def test_first_run_offers_the_demo_and_loads_it(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    monkeypatch.setenv("CX_DB", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert at.title[0].value == "Welcome to Loyalty Loop"
    at.button(key="firstrun_demo").click().run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert len(at.metric) >= 2
    # the demo comes with its churn model, so the churn numbers are there at once
    assert "Customers at high churn risk" in [m.label for m in at.metric]
    assert not at.info


def test_churn_headline_says_open_the_churn_page_until_a_model_is_trained(
        demo_db_path, tmp_path, monkeypatch):
    """Without a saved model the overview shows one sentence with a link (not a "–" metric);
    once the churn page has trained, the overview shows the numbers without a data change."""
    import shutil

    from cx import cache
    from tests.test_pages import run_page

    db = tmp_path / "no-model.duckdb"
    shutil.copy(demo_db_path, db)
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(cache, "MEMORY", type(cache.MEMORY)())

    at = run_page("views/overview.py")
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Churn risk: open the churn page to score customers (the model trains once, then these "
        "numbers appear here)."]
    labels = [m.label for m in at.metric]
    assert "Customers at high churn risk" not in labels and "–" not in [m.value for m in at.metric]

    churn_page = run_page("views/churn.py")
    assert not churn_page.exception
    at = run_page("views/overview.py")
    assert not at.exception and not at.info
    assert "Customers at high churn risk" in [m.label for m in at.metric]


# -- headline formatting -------------------------------------------------------------------
def test_changes_and_intervals_are_formatted_for_the_language():
    from cx.headline import Headline
    from cx.overview import format_change, format_interval, format_value

    revenue = Headline("overview.revenue", 15_000.0, 11_800.0, "money")
    assert format_change(revenue, "en", "USD") == "+$3.2k"
    assert format_change(revenue, "ja", "USD") == "+$3,200"  # never "k" on a Japanese screen
    assert format_value(revenue.value, "money", "ja", "JPY") == "¥1.5万"
    rate = Headline("retention.headline_repeat", 0.25, 0.238, "pct")
    assert format_change(rate, "en", None) == "+1.2 pt"
    assert format_change(rate, "ja", None) == "+1.2ポイント"
    assert format_change(Headline("x", 10, 12, "int"), "en", None) == "-2"
    nps = Headline("nps.headline", 42.3, 37.0, "points", interval=(36.2, 48.4))
    assert format_change(nps, "en", None) == "+5"
    # the move between the numbers as shown (21 and 17), like the "what changed" sentence
    assert format_change(Headline("nps.headline", 16.6, 21.4, "points"), "en", None) == "-4"
    assert format_interval(nps, "en") == "95% interval 36–48"
    assert format_interval(nps, "ja") == "95% 区間 36〜48"
    assert format_interval(revenue, "en") is None


# -- what changed: the sentence builder on hand-made facts ---------------------------------
def _period(start, end, n, nps):
    from cx.nps import PeriodNps

    return PeriodNps(start, end, n, 0, 0, 0, nps, nps - 10, nps + 10, 5.0)


def _facts(**kw):
    from cx.nps import Comparison
    from cx.overview import Referrer, SegmentLoss, WhatChanged

    oct_, sep = (_period(date(2026, 10, 1), date(2026, 10, 31), 120, 31.4),
                 _period(date(2026, 9, 1), date(2026, 9, 30), 131, 38.2))
    base = dict(nps=Comparison("previous", oct_, sep, -6.8, -15.2, 1.6),
                segments_compared=True, segment_loss=SegmentLoss("Spenders", 120, 150),
                referrers=(Referrer("C1", "Aiko Tanaka", "aiko@example.com", 3),
                           Referrer("bob@example.com", None, None, 1)))
    return WhatChanged(**{**base, **kw})


def test_what_changed_sentences_in_english():
    from cx.overview import what_changed_sentences

    assert what_changed_sentences(_facts(), "en") == [
        # 31.4 and 38.2 are shown as 31 and 38: the move reads 7, the interval excludes nothing
        "NPS fell 7 points, from 38 in Sep 2026 to 31 in Oct 2026: within the noise "
        "(95% interval of the change -15 to +2).",
        "Spenders lost the most customers: 120 in the last 365 days against 150 in the 365 days "
        "before (-30).",
        "Top referrers in the last 30 days: Aiko Tanaka (3 new customers), bob@example.com "
        "(1 new customer).",
    ]


def test_what_changed_sentences_in_japanese_and_presenter_mode():
    from cx.overview import what_changed_sentences

    out = what_changed_sentences(_facts(), "ja", presenter=True)
    assert out == [
        "NPS は 2026年9月の 38 から 2026年10月の 31 へ 7 ポイント低下しました。"
        "誤差の範囲内です（変化の 95% 区間 -15〜+2）。",
        "最も顧客が減ったのは購入者です：直近 365 日で 120 人、その前の 365 日は 150 人（-30 人）。",
        "直近 30 日の紹介者トップ：A•••（3 人を紹介）、b•••@example.com（1 人を紹介）。",
    ]


def test_what_changed_sentences_for_other_cases():
    from cx.nps import Comparison
    from cx.overview import GroupMove, WhatChanged, what_changed_sentences

    now = _period(date(2026, 11, 1), date(2026, 11, 22), 20, 50.0)
    before = _period(date(2026, 10, 1), date(2026, 10, 22), 25, 20.0)
    real = Comparison("previous", now, before, 30.0, 5.0, 55.0)
    out = what_changed_sentences(_facts(nps=real, nps_partial=True, segment_loss=None,
                                        referrers=(),
                                        group_move=GroupMove("touchpoint", "delivery", real)),
                                 "en")
    assert out == [
        "NPS rose 30 points, from 20 in Oct 2026 to 50 in Nov 2026 so far: a real rise "
        "(95% interval of the change +5 to +55). One of the two periods has fewer than 30 "
        "answers: read this with care.",
        "The biggest real change in one group: Touchpoint “delivery”, NPS up 30 points "
        "(20 to 50).",
        "No customer segment shrank against the 365 days before.",
    ]
    assert what_changed_sentences(WhatChanged(), "en") == []


def test_what_changed_markdown_escapes_user_text():
    from cx.overview import what_changed_markdown

    md = what_changed_markdown(["Top referrers: *Bo* [x](http://a) $5 and $6."], "en")
    assert md.startswith("- ")
    assert "\\*Bo\\*" in md and "\\[x\\]" in md and "\\$5" in md
    assert what_changed_markdown([], "ja") == "この期間に目立った変化はありません。"


# -- what changed: the facts on hand-made data ---------------------------------------------
def _breakdown(rows):
    import pandas as pd

    df = pd.DataFrame(rows, columns=["dimension", "group", "promoters", "passives", "detractors"])
    df["responses"] = df[["promoters", "passives", "detractors"]].sum(axis=1)
    return df


def test_biggest_group_move_is_the_largest_real_one_with_enough_answers():
    from cx.overview import biggest_group_move

    now = _breakdown([
        # 60/20/20 of 100 -> NPS 40; before 20/20/60 -> -40: +80, se 8 each side,
        # interval 80 +- 1.96 * 11.3 = 57.8..102.2: real
        ("touchpoint", "delivery", 60, 20, 20),
        # 40/20/40 -> 0; before 10/20/70 -> -60: +60, se 8.9 and 6.6, interval 38..82: real
        ("channel", "app", 40, 20, 40),
        ("channel", "store", 50, 0, 50),  # 0 both times: noise
        ("touchpoint", "support", 10, 0, 0),  # +200 but 10 answers: left out
        ("touchpoint", "__unknown", 90, 10, 0),  # not a group a person named
        ("tenure", "t0_30", 90, 10, 0),  # another dimension
    ])
    before = _breakdown([
        ("touchpoint", "delivery", 20, 20, 60), ("channel", "app", 10, 20, 70),
        ("channel", "store", 45, 10, 45), ("touchpoint", "support", 0, 0, 10),
        ("touchpoint", "__unknown", 0, 0, 100), ("tenure", "t0_30", 0, 0, 100),
    ])
    windows = ((date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30)))
    move = biggest_group_move(now, before, windows)
    assert (move.dimension, move.group) == ("touchpoint", "delivery")
    assert round(move.comparison.diff) == 80 and move.comparison.verdict == "up"
    assert round(move.comparison.ci_low, 1) == 57.8
    only_noise = biggest_group_move(now[now["group"] == "store"], before, windows)
    assert only_noise is None


def test_segment_losing_most():
    import pandas as pd

    from cx.overview import segment_losing_most

    table = pd.DataFrame({
        "segment": ["Champions", "Spenders", "Referrers", "Others", "All"],
        "customers": [10, 40, 5, 200, 255],
        "customers_prev": [12, 55, 5, 180, 252],
    })
    table["customers_change"] = table["customers"] - table["customers_prev"]
    loss = segment_losing_most(table)
    assert (loss.segment, loss.customers, loss.previous, loss.change) == ("Spenders", 40, 55, -15)
    table["customers_change"] = 0
    assert segment_losing_most(table) is None


def test_top_referrers_in_the_last_30_days(store):
    from cx.overview import top_referrers

    with store.write() as cur:
        for cid, name, email in [("a", "Ann Lee", "ann@example.com"), ("b", None, None)]:
            cur.execute("INSERT INTO customers (customer_id, name, email) VALUES (?, ?, ?)",
                        [cid, name, email])
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount) "
                    "VALUES ('o1', 'y', TIMESTAMP '2024-03-10 10:00', 5)")
        for referrer, referred, at in [
            ("a", "x", "2024-03-02 00:00"),  # first day of the window (Mar 2 .. Mar 31)
            ("a", "y", None),  # no date: y's first order, Mar 10
            ("a", "a", "2024-03-05 00:00"),  # self-referral: ignored
            ("b", "z", "2024-03-31 23:00"),
            ("b", "w", "2024-03-01 23:59"),  # before the window
            ("b", "v", "2024-04-01 00:00"),  # after the analysis date
            ("u", "t", "2024-03-15 00:00"),  # u is no known customer: credits nobody
        ]:
            cur.execute("INSERT INTO referrals VALUES (?, ?, CAST(? AS TIMESTAMP), NULL)",
                        [referrer, referred, at])
    top = top_referrers(store.cursor(), Scope(end=date(2024, 3, 31)), days=30)
    assert [(r.customer_id, r.name, r.email, r.referred) for r in top] == [
        ("a", "Ann Lee", "ann@example.com", 2), ("b", None, None, 1)]
    assert top_referrers(store.cursor(), Scope(end=date(2024, 3, 31)), top=1)[0].customer_id == "a"


def test_top_referrers_credit_as_the_segments_page_does(store):
    """The overview's top referrers count the referrals the segments page credits: a customer
    referred by two people counts once, for the earliest referral; a self-referral and a
    referrer who is no customer count for nobody."""
    from cx.overview import top_referrers
    from cx.segments import customer_values
    from tests.test_segments import SCOPE, load

    load(store, customers=[("A", "Ann", "a@x.jp"), ("B", "Bob", "b@x.jp"), ("C", "Cy", None)],
         orders=[("A", 5, 10.0), ("B", 5, 20.0), ("C", 5, 30.0), ("X", 4, 40.0),
                 ("W", 3, 50.0), ("Z", 2, 60.0), ("Y", 1, 70.0)],
         referrals=[("A", "X", 100), ("B", "X", 50),  # X: referred twice, A was first
                    ("A", "W", 80), ("B", "Z", 40),
                    ("C", "C", 30),  # a self-referral
                    ("U", "Y", 20)])  # U is no customer: credits nobody
    cur = store.cursor()
    try:
        # a window covering every referral
        top = {r.customer_id: r.referred for r in top_referrers(cur, SCOPE, days=400, top=10)}
        values = customer_values(cur, SCOPE)
    finally:
        cur.close()
    page = dict(zip(values["customer_id"], values["referrals"]))
    assert top == {"A": 2, "B": 1}
    assert top == {cid: n for cid, n in page.items() if n > 0}


def test_what_changed_on_the_demo_runs_and_says_something(demo_store):
    from cx.overview import what_changed, what_changed_sentences
    from cx.scope import resolve_scope

    facts = what_changed(demo_store.cursor(), resolve_scope(demo_store.cursor()))
    assert facts.nps is not None and facts.segments_compared
    for lang in ("en", "ja"):
        assert len(what_changed_sentences(facts, lang, presenter=True)) >= 2


# -- the page: Japanese and presenter mode --------------------------------------------------
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def rendered_texts(at) -> list[str]:
    """Every piece of text the page rendered: each element's message (markdown, captions,
    metrics, labels, charts' JSON) and every cell and header of every table."""
    out = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if node.type in ("arrow_data_frame", "dataframe", "table") and hasattr(node, "value"):
            df = node.value
            out += [str(c) for c in df.columns] + [str(v) for v in df.astype(str).to_numpy().ravel()]
        elif proto is not None:
            out.append(str(proto))
    return out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_overview_in_presenter_mode_shows_no_email(app_env, lang):
    from tests.test_pages import run_page

    at = run_page("views/overview.py", lang, presenter=True)
    assert not at.exception
    texts = rendered_texts(at)
    assert any("•••" in t for t in texts)  # the top referrers are there, masked
    leaked = sorted({m for t in texts for m in EMAIL.findall(t)})
    assert leaked == []
    assert at.subheader[0].value == ("主な変化" if lang == "ja" else "What changed")
    assert any("95%" in c.value for c in at.caption)  # the NPS interval is shown


def test_overview_without_presenter_mode_shows_names(app_env):
    from tests.test_pages import run_page

    at = run_page("views/overview.py", "en")
    assert not at.exception
    assert "Top referrers" in at.markdown[-1].value or any(
        "Top referrers" in m.value for m in at.markdown)
    assert not any("•••" in m.value for m in at.markdown)


def test_a_change_that_shows_as_zero_has_no_arrow_and_no_colour():
    from cx.ui import delta_style

    assert delta_style("+0 days", higher_is_better=False) == {"delta_color": "off",
                                                              "delta_arrow": "off"}
    assert delta_style("+0.0 pt") == {"delta_color": "off", "delta_arrow": "off"}
    assert delta_style("+10 days", higher_is_better=False) == {"delta_color": "inverse"}
    assert delta_style("-$6.1k") == {"delta_color": "normal"}
    assert delta_style(None) == {"delta_color": "normal"}
