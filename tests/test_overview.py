from datetime import date

from cx.overview import activity, activity_headlines, monthly_activity
from cx.scope import Scope


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
