"""The Repeat purchase page with every tab and grouping, on the demo in both languages and on the
UCI Online Retail file; the page's download and the export give the same numbers; the SQL
equals its pandas twin on the demo and on the real file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cx import i18n, repeat
from cx.area import ExportArgs
from cx.bench.repeat import pandas_first_purchase, pandas_repeat, pandas_visits
from cx.repeat import export, page
from cx.repeat.queries import WINDOWS
from cx.scope import resolve_scope
from cx.store import Store
from tests.conftest import ROOT
from tests.test_pages import run_page

PAGE = "views/repeat.py"
pytestmark = pytest.mark.xdist_group("repeat_retail")  # one Online Retail import per run
RETAIL = ROOT.parent / "shared" / "data" / "online_retail.csv.gz"


def open_page(lang: str = "en") -> AppTest:
    return run_page(PAGE, lang)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_tab_and_grouping_on_the_demo(app_env, lang):
    at = open_page(lang)
    assert_clean(at)
    assert str(at.title[0].value) == i18n.t("repeat.title", lang)
    labels = [str(m.label) for m in at.metric]
    assert labels == [i18n.t(k, lang) for k in ("repeat.kpi.second", "repeat.kpi.p50",
                                                "repeat.kpi.p80", "repeat.kpi.once")]
    assert all(m.value != "–" for m in at.metric), [m.value for m in at.metric]
    heat = figures(at)[0]
    assert heat["data"][0]["type"] == "heatmap"
    assert [t for t in heat["layout"]["xaxis"]["ticktext"]] == [
        i18n.t("repeat.window", lang, n=n) for n in WINDOWS]
    for index in range(1, len(at.tabs)):
        at.session_state["rep_tab"] = at.tabs[index].label
        at.run()
        assert_clean(at)
        assert figures(at), index
    options = at.radio(key="rep_by").options
    assert len(options) == 5  # the demo has categories, discounts, channels and referrals
    for option in options:
        at.radio(key="rep_by").set_value(option).run()
        assert_clean(at)
        table = at.dataframe[0].value
        assert len(table) >= 2 and table.iloc[:, 0].notna().all()
        assert figures(at)[0]["data"][0]["type"] == "bar"


def test_the_page_download_is_the_export(demo_store):
    cur = demo_store.cursor()
    scope = resolve_scope(cur)
    for period in ("week", "month", "quarter"):
        view = page.cohorts_view(cur, scope, period, "en", False)
        exported = export.run_repeat(cur, ExportArgs(period=period))
        pd.testing.assert_frame_equal(view.table, exported)
    first = page.first_view(cur, scope, "channel", "USD", "en", False)
    pd.testing.assert_frame_equal(first.download, export.run_first_purchase(
        cur, ExportArgs(by="channel")))


def test_the_sql_equals_its_pandas_twin_on_the_demo(demo_store):
    from cx.demo import generate
    from tests.conftest import DEMO_CUSTOMERS, DEMO_END

    data = generate(DEMO_CUSTOMERS, end_date=DEMO_END)
    cur = demo_store.cursor()
    scope = resolve_scope(cur)
    table = repeat.repeat_cohorts(cur, scope, "month").set_index("cohort")
    twin = pandas_repeat(data.transactions, scope.as_of)
    cols = [f"second_within_{n}" for n in WINDOWS]
    assert list(table.index) == list(twin.index)
    np.testing.assert_allclose(table[cols].to_numpy(float), twin[cols].to_numpy(float))
    groups = repeat.first_purchase(cur, scope, "category").set_index("grp")
    twin = pandas_first_purchase(data.transactions, scope.as_of)
    for col in ("customers", "rate_customers", "repeaters", "revenue_customers"):
        assert list(groups.loc[twin.index, col]) == list(twin[col]), col
    np.testing.assert_allclose(
        groups.loc[twin.index, "revenue_per_customer"] * groups.loc[twin.index,
                                                                    "revenue_customers"],
        twin["revenue"], rtol=1e-9)


@pytest.fixture(scope="module")
def retail(tmp_path_factory) -> Path:
    if not RETAIL.exists():
        pytest.skip(f"needs {RETAIL}")
    db = tmp_path_factory.mktemp("retail") / "retail.duckdb"
    done = subprocess.run([sys.executable, "-m", "cx", "import", str(RETAIL), "--no-model",
                           "--db", str(db)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    assert done.returncode == 0, done.stderr
    return db


def test_online_retail_second_purchases(retail):
    """The real file: 13 month cohorts (Dec 2010 to Dec 2011, analysis date 9 Dec 2011); only
    cohorts mature for a window have its share; the SQL equals the pandas twin."""
    store = Store(retail)
    try:
        cur = store.cursor()
        scope = resolve_scope(cur)
        out = export.run_repeat(cur, ExportArgs())
        tx = cur.execute("SELECT customer_id, ordered_at, amount, refunded, order_id, "
                         "product_category FROM transactions").df()
    finally:
        store.close()
    assert scope.as_of.isoformat() == "2011-12-09"
    assert list(out["cohort"])[0] == "2010-12" and list(out["cohort"])[-1] == "2011-12"
    assert out["customers"].sum() == pandas_visits(tx, scope.as_of).shape[0] == 4339
    # Dec 2010 ends 31 Dec: mature for 180 days (29 Jun 2011), not 365
    first = out.iloc[0]
    assert 0 < first["second_within_30"] < first["second_within_180"] < 1
    assert np.isnan(first["second_within_365"]) and np.isnan(first["median_days_to_second"])
    assert out["second_within_30"].iloc[-2:].isna().all()  # Nov and Dec 2011: not 30 days yet
    twin = pandas_repeat(tx, scope.as_of)
    cols = [f"second_within_{n}" for n in WINDOWS]
    np.testing.assert_allclose(out[cols].to_numpy(float), twin[cols].to_numpy(float), atol=1e-6)


def test_online_retail_page_in_both_languages(retail, monkeypatch):
    monkeypatch.setenv("CX_DB", str(retail))
    monkeypatch.chdir(ROOT)
    for lang in ("en", "ja"):
        at = open_page(lang)
        assert_clean(at)
        values = {str(m.label): m.value for m in at.metric}
        assert values[i18n.t("repeat.kpi.second", lang)] != "–"
        for index in range(1, len(at.tabs)):
            at.session_state["rep_tab"] = at.tabs[index].label
            at.run()
            assert_clean(at)
        # orders only: no category, discount, channel or referral: by value, and a sentence
        assert at.radio(key="rep_by").options == [i18n.t("repeat.by.value", lang)]
        captions = " ".join(str(c.value) for c in at.caption)
        assert i18n.t("absent.name.referrals", lang) in captions
