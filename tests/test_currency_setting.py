"""The currency setting: stored with the data, used when the transactions carry no currency."""
import pytest

from cx.store import DataSummary, Store, currency_setting, display_currency, set_currency_setting
from tests.conftest import ROOT

CSV_WITHOUT_CURRENCY = (
    "Order ID,Customer ID,Order Date,Total\n"
    "A1,c1,2024-03-01,12000\n"
    "A2,c2,2024-03-05,3000\n"
    "A3,c1,2024-03-20,5000\n"
)


def test_setting_is_stored_read_back_and_bumps_the_data_version(store):
    cur = store.cursor()
    assert currency_setting(cur) is None
    v0 = store.data_version()
    set_currency_setting(store, " jpy ")
    assert currency_setting(store.cursor()) == "JPY"
    v1 = store.data_version()
    assert v1 != v0  # every cached, formatted number is redone
    set_currency_setting(store, "JPY")  # the same value: nothing written
    assert store.data_version() == v1
    set_currency_setting(store, "EUR")
    assert currency_setting(store.cursor()) == "EUR" and store.data_version() != v1
    set_currency_setting(store, None)
    assert currency_setting(store.cursor()) is None


def test_setting_survives_reopening(tmp_path):
    path = tmp_path / "c.duckdb"
    s = Store(path)
    set_currency_setting(s, "GBP")
    s.close()
    s = Store(path)
    assert currency_setting(s.cursor()) == "GBP"
    s.close()


def test_only_currency_codes_are_accepted(store):
    for bad in ("dollar", "¥", "US$", "JP1"):
        with pytest.raises(ValueError, match="three-letter"):
            set_currency_setting(store, bad)


def _summary(*currencies):
    return DataSummary(1, 1, 1.0, 0, 0, None, None, tuple(currencies))


def test_display_currency_prefers_the_data_then_the_setting():
    assert display_currency(_summary(), None) is None  # nothing known: no symbol
    assert display_currency(_summary(), "JPY") == "JPY"  # rows carry none: the setting
    assert display_currency(_summary("USD"), "JPY") == "USD"  # the data's single currency wins
    assert display_currency(_summary("USD", "EUR"), "JPY") == "USD"  # the main one
    assert display_currency(_summary("USD", "EUR"), None, chosen="EUR") == "EUR"


def _import_csv(db, tmp_path):
    from cx.ingest import import_file

    path = tmp_path / "orders.csv"
    path.write_text(CSV_WITHOUT_CURRENCY, encoding="utf-8")
    store = Store(db)
    result = import_file(store, path)
    assert result.rows_loaded == 3
    return store


def test_report_uses_the_setting_for_amounts_without_currency(tmp_path):
    from cx.report import report_html

    store = _import_csv(tmp_path / "r.duckdb", tmp_path)
    assert "¥" not in report_html(store, "ja")
    set_currency_setting(store, "JPY")
    text = report_html(store, "ja")
    assert "¥" in text and "¥2.0万" in text  # 20,000 of revenue in the last 30 days
    store.close()


def test_sidebar_sets_the_currency_when_the_data_has_none(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "s.duckdb"
    _import_csv(db, tmp_path).close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    revenue = lambda at: next(m.value for m in at.metric if m.label.startswith("Revenue"))
    assert revenue(at) == "20.0k"  # no currency known: no symbol
    box = at.sidebar.selectbox(key="currency_setting")
    assert box.value == "" and "¥ JPY" in box.options
    box.set_value("JPY").run()
    assert not at.exception
    assert revenue(at) == "¥20.0k"
    # stored with the data: a new session shows it too, in Japanese with 万
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    again.session_state["lang"] = "ja"
    again.run()
    assert again.sidebar.selectbox(key="currency_setting").value == "JPY"
    assert next(m.value for m in again.metric if m.label.startswith("売上")) == "¥2.0万"


def test_no_setting_when_the_data_carries_its_currency(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert not [s for s in at.sidebar.selectbox if s.key == "currency_setting"]
