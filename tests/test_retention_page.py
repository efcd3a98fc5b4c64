"""The Retention page with every control changed, on the demo and on a tiny shop; the page, the
export and the CLI give the same numbers."""
from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cx import retention
from cx.area import ExportArgs
from cx.retention import export, metrics
from cx.scope import resolve_scope
from cx.store import Store
from tests.conftest import ROOT
from tests.test_i18n_pages import data_words  # noqa: F401 (fixture)

PAGE = "views/retention.py"


def open_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE)
    at.run()
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def open_tab(at: AppTest, index: int) -> AppTest:
    """Only the open tab runs on this page; choose one by position (labels are translated)."""
    at.session_state["ret_tab"] = at.tabs[index].label
    return at.run()


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def assert_no_empty_chart(at: AppTest) -> None:
    figs = figures(at)
    for fig in figs:
        has_data = any(len(t.get("x", []) or t.get("z", []) or []) for t in fig.get("data", []))
        has_note = bool(fig.get("layout", {}).get("annotations"))
        assert has_data or has_note, fig.get("layout", {}).get("title")


def test_every_control(app_env):
    at = open_page()
    assert_clean(at)
    assert [m.label for m in at.metric][:4] == [
        "Repeat purchase rate (90 days)", "Month-1 retention", "Month-3 retention",
        "Median days between purchases"]
    assert len(figures(at)) == 2
    assert_no_empty_chart(at)
    for key, value in (("ret_mode", "on_or_after"), ("ret_show", "count"),
                       ("ret_period", "week"), ("ret_period", "quarter"),
                       ("ret_period", "month")):
        at.radio(key=key).set_value(value).run()
        assert_clean(at)
        assert_no_empty_chart(at)
    at.selectbox(key="ret_k_month").set_value(3).run()
    assert_clean(at)
    open_tab(at, 1)
    dims = list(at.selectbox(key="ret_dim").options)
    assert len(dims) >= 4  # no split + the demo's dimensions
    for i, _ in enumerate(dims):
        at.selectbox(key="ret_dim").select_index(i).run()
        assert_clean(at)
    open_tab(at, 2)
    assert_clean(at)
    assert_no_empty_chart(at)
    rev_dims = list(at.selectbox(key="ret_rev_dim").options)
    assert rev_dims == dims  # the same split choices as the curves
    for i, _ in enumerate(rev_dims):
        at.selectbox(key="ret_rev_dim").select_index(i).run()
        assert_clean(at)
        assert_no_empty_chart(at)
    open_tab(at, 3)
    at.number_input(key="ret_horizon").set_value(30).run()
    assert_clean(at)
    surv_dims = list(at.selectbox(key="ret_surv_dim").options)
    assert surv_dims == dims
    for i, _ in enumerate(surv_dims):
        at.selectbox(key="ret_surv_dim").select_index(i).run()
        assert_clean(at)
        assert_no_empty_chart(at)
    assert any("Half of the customers" in m.value or "More than half" in m.value
               for m in at.markdown)
    open_tab(at, 4)
    cohort_box = at.selectbox(key="ret_drill_cohort_month")
    cohort_box.select_index(3).run()
    assert_clean(at)
    chosen = at.selectbox(key="ret_drill_cohort_month").value
    k_key = f"ret_drill_k_month_{chosen.isoformat()}"
    at.selectbox(key=k_key).set_value(2).run()
    for which in ("lost", "all", "returned"):
        at.radio(key="ret_drill_show").set_value(which).run()
        assert_clean(at)
    summary = [m.value for m in at.markdown if "customers of this cohort" in m.value]
    assert summary and "month 2 or later" in summary[0]  # on_or_after chosen above


def test_japanese_every_tab_has_no_english(app_env, data_words):  # noqa: F811 (fixture)
    from tests.test_i18n_pages import app_texts, english_words

    at = open_page("ja")
    assert_clean(at)
    at.session_state["ret_period"] = "week"
    at.session_state["ret_show"] = "count"
    at.run()
    assert_clean(at)
    assert any("週" in c.value for c in at.caption)
    for i in range(len(at.tabs)):
        open_tab(at, i)
        assert_clean(at)
        assert_no_empty_chart(at)
        assert figures(at) or i == 4  # every view but the customer list draws charts
        # the data's own values (channel names) are data, not untranslated text
        leftovers = sorted({w for t in app_texts(at) for w in english_words(t, data_words)})
        assert leftovers == [], (i, leftovers)


def test_numbers_on_page_match_key_numbers(app_env):
    store = Store(app_env)
    cur = store.cursor()
    try:
        kn = retention.key_numbers(cur, resolve_scope(cur))
    finally:
        cur.close()
        store.close()
    at = open_page()
    values = {m.label: m.value for m in at.metric}
    assert values["Month-1 retention"] == f"{kn.month1.value * 100:.1f}%"
    assert values["Repeat purchase rate (90 days)"] == f"{kn.repeat.value * 100:.1f}%"


def make_tiny(path) -> None:
    store = Store(path)
    rows = [("A", "2026-08-03", 20.0), ("A", "2026-09-14", 15.0), ("A", "2026-11-02", 30.0),
            ("B", "2026-08-20", 12.0), ("B", "2026-08-25", -12.0),
            ("C", "2026-09-05", 40.0), ("C", "2026-10-30", 8.0),
            ("D", "2026-11-10", 9.0), (None, "2026-10-01", 5.0)]
    with store.write() as cur:
        for i, (cust, day, amount) in enumerate(rows):
            cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                        "currency) VALUES (?, ?, ?, ?, 'JPY')",
                        [f"T{i}", cust, datetime.fromisoformat(day), amount])
    store.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tiny_shop(tmp_path, monkeypatch, lang):
    db = tmp_path / "tiny.duckdb"
    make_tiny(db)
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = open_page(lang)
    assert_clean(at)
    assert_no_empty_chart(at)
    captions = " ".join(c.value for c in at.caption)
    if lang == "en":
        assert "1 order in this period has no customer and is left out" in captions
        assert "Only 4 customers so far" in captions
        # the "–" key numbers say what they are waiting for (analysis date 10 Nov 2026)
        assert "Repeat purchase rate: needs customers who first bought by 31 Jul 2026" in captions
        assert "Month-3 retention: needs customers who first bought by 31 Jul 2026" in captions
        # four customers: month-1 retention rests on fewer than 30, so a sentence says so
        assert "Month-1 retention: the cohorts complete so far hold" in captions
        gap = next(m for m in at.metric if m.label == "Median days between purchases")
        # one gap in October against one in September: too few for a change (MIN_SAMPLE)
        assert gap.value == "49" and not gap.delta
    else:
        assert "2026年7月31日までに初回購入した顧客が必要です" in captions
    for key, value in (("ret_period", "week"), ("ret_mode", "on_or_after"),
                       ("ret_period", "quarter")):
        at.session_state[key] = value
        at.run()
        assert_clean(at)
        assert_no_empty_chart(at)
    for i in range(len(at.tabs)):
        open_tab(at, i)
        assert_clean(at)
        assert_no_empty_chart(at)
        assert figures(at) or i == 4  # every view but the customer list draws charts


def test_orders_without_customers_only(tmp_path, monkeypatch):
    db = tmp_path / "anon.duckdb"
    store = Store(db)
    with store.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount) "
                    "VALUES ('X1', NULL, '2026-01-05', 10), ('X2', NULL, '2026-02-05', 12)")
    store.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = open_page()
    assert_clean(at)
    assert any("No customer has a purchase" in i.value for i in at.info)
    assert any("2 orders in this period have no customer" in c.value for c in at.caption)


def cli_retention(db, period: str, mode: str) -> pd.DataFrame:
    """`python -m cx export retention` as a user runs it, read back as a table."""
    proc = subprocess.run(
        [sys.executable, "-m", "cx", "export", "retention", "--db", str(db),
         "--period", period, "--mode", mode, "--format", "csv"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return pd.read_csv(io.StringIO(proc.stdout))


def test_cli_export_columns_and_cells_equal_retention_cells(demo_db_path):
    for period, mode in (("month", "on"), ("week", "on_or_after")):
        cli = cli_retention(demo_db_path, period, mode)
        assert list(cli.columns) == ["cohort", "period", "customers", "active", "retention",
                                     "in_progress"]
        store = Store(demo_db_path)
        cur = store.cursor()
        try:
            cells = retention.retention_cells(cur, resolve_scope(cur), period)
        finally:
            cur.close()
            store.close()
        page = export.export_frame(cells, mode).drop(columns=["segment"])
        assert cli["cohort"].tolist() == page["cohort"].tolist()
        assert cli["active"].tolist() == page["active"].tolist()
        assert cli["in_progress"].tolist() == page["in_progress"].tolist()
        assert (cli["retention"] - page["retention"]).abs().max() < 1e-6
        # the demo ends on Sunday 22 Nov 2026: mid-month, so each cohort's last month is in
        # progress, but the last ISO week is complete
        last = cli.groupby("cohort")["period"].transform("max") == cli["period"]
        assert not cli.loc[~last, "in_progress"].any()
        assert cli.loc[last, "in_progress"].all() if period == "month" else not cli[
            "in_progress"].any()


def _cohort_date(label: str, period: str) -> date:
    """The first day of an export cohort label (YYYY-MM, YYYY-Www, YYYY-Qn)."""
    if period == "month":
        return date(int(label[:4]), int(label[5:7]), 1)
    if period == "week":
        return date.fromisocalendar(int(label[:4]), int(label[6:8]), 1)
    return date(int(label[:4]), 3 * int(label[6]) - 2, 1)


def _array(value) -> np.ndarray:
    """A plotly JSON array: a list, or a typed array {'dtype', 'bdata', 'shape'}."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = [int(x) for x in str(value.get("shape", len(out))).split(",")]
        return out.reshape(shape)
    return np.array(value, dtype=float)


@pytest.mark.parametrize("period, mode, show", [("month", "on", "pct"),
                                                ("week", "on_or_after", "count"),
                                                ("quarter", "on", "pct")])
def test_heatmap_drawn_on_the_page_equals_the_cli_export(app_env, period, mode, show):
    """The z values of the heatmap the page draws (read from the AppTest, not rebuilt) against
    `python -m cx export retention` in another process: every cell the page shows is an export
    row with the same number, every export row inside the page's window is drawn, and the
    in-progress dots sit on the export's in-progress cells."""
    from cx import i18n

    at = open_page()
    for key, value in (("ret_period", period), ("ret_mode", mode), ("ret_show", show)):
        at.radio(key=key).set_value(value).run()
    assert_clean(at)
    fig = figures(at)[0]
    heat = next(t for t in fig["data"] if t["type"] == "heatmap")
    z, ks, rows = _array(heat["z"]).astype(float), list(_array(heat["x"]).astype(int)), heat["y"]
    assert rows[0] == ("All (weighted)" if show == "pct" else "All (total)")
    drawn = {(row, k): z[i, j] for i, row in enumerate(rows[1:], start=1)
             for j, k in enumerate(ks) if not np.isnan(z[i, j])}
    dots = next((t for t in fig["data"] if t["type"] == "scatter"), None)
    dotted = set() if dots is None else {
        (row, int(round(x - 0.36))) for x, row in zip(_array(dots["x"]), dots["y"])}

    cli = cli_retention(app_env, period, mode)
    cli["row"] = [i18n.fmt_period(_cohort_date(c, period), period, "en") for c in cli["cohort"]]
    window = metrics.HEATMAP_WINDOW[period]
    shown_rows = set(rows[1:])
    assert shown_rows == set(cli["row"].drop_duplicates().tail(window))
    inside = cli[cli["row"].isin(shown_rows) & (cli["period"] < window)]
    value = "retention" if show == "pct" else "active"
    expected = {(r, int(k)): float(v) for r, k, v in zip(inside["row"], inside["period"],
                                                         inside[value])}
    assert drawn.keys() == expected.keys()
    # the CSV writes retention with 6 decimals; counts are exact
    assert max(abs(drawn[c] - expected[c]) for c in expected) <= (5.01e-7 if show == "pct" else 0)
    in_progress = {(r, int(k)) for r, k, p in zip(inside["row"], inside["period"],
                                                  inside["in_progress"]) if p}
    assert dotted - {(rows[0], k) for k in ks} == in_progress


def test_cli_export_json_with_segment(demo_db_path):
    proc = subprocess.run(
        [sys.executable, "-m", "cx", "export", "retention", "--db", str(demo_db_path),
         "--segment", "acquisition_channel", "--period", "quarter", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert set(rows[0]) == {"segment", "cohort", "period", "customers", "active", "retention",
                            "in_progress"}
    assert {r["segment"] for r in rows} == {"organic", "social", "search_ads", "email",
                                            "referral"}
    assert all(r["cohort"][4:6] == "-Q" for r in rows)
    bad = subprocess.run(
        [sys.executable, "-m", "cx", "export", "retention", "--db", str(demo_db_path),
         "--segment", "shoe_size"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode != 0 and "segment" in bad.stderr


def test_export_args_honour_start_and_end(demo_store):
    cur = demo_store.cursor()
    out = export.run(cur, ExportArgs(start=date(2026, 1, 1), end=date(2026, 6, 30)))
    assert out["cohort"].min() == "2026-01" and out["cohort"].max() == "2026-06"
    assert not out["in_progress"].any()  # 30 June closes June
    assert out.groupby("cohort")["period"].max().to_dict()["2026-01"] == 5


def test_presenter_mode_masks_the_cohort_list(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["presenter"] = True
    at.run()
    at.switch_page(PAGE)
    at.run()
    open_tab(at, 4)
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) > 0
    assert table["name"].str.endswith("•••").all()
    assert table["email"].str.contains("•••@").all()
