"""cx.segments views, export, headline, charts and the pandas twin, on hand-made data."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from cx.area import ExportArgs
from cx.bench.segments import pandas_customer_values
from cx.cache import computing
from cx.charts import segments as charts
from cx.scope import Scope, resolve_scope
from cx.segments import customer_values, export_segments, headline
from cx.segments.metrics import (
    action_lists,
    advocates,
    is_skewed,
    quadrant_points,
    rfm_grid,
    rfm_group,
    segment_moves,
    segment_summary,
    segments_view,
)
from cx.segments.page import segments_page
from tests.conftest import DEMO_CUSTOMERS, DEMO_END
from tests.test_segments import SCOPE, load


def frame(rows: list[dict]) -> pd.DataFrame:
    """A customer-values frame with defaults for the columns a test does not care about."""
    base = {"name": None, "email": None, "spend_value": 0.0, "referrals": 0,
            "active_referrals": 0, "referral_value": 0.0, "chain_referrals": 0,
            "chain_value": 0.0, "segment": "Others", "recency_days": 10, "frequency": 1,
            "r_score": 3, "f_score": 3, "m_score": 3, "rfm_segment": "Loyal",
            "retained_90d": None, "nps_score": None, "first_order_at": pd.NaT,
            "last_order_at": pd.NaT}
    df = pd.DataFrame([{**base, **r} for r in rows])
    df["total_value"] = df["spend_value"] + df["referral_value"]
    df["monetary"] = df["spend_value"]
    for col in ("nps_score", "retained_90d", "r_score", "f_score", "m_score", "recency_days"):
        df[col] = pd.array(df[col], dtype="Int64")
    return df


def test_segment_summary_by_hand():
    v = frame([
        {"customer_id": "a", "segment": "Champions", "spend_value": 100.0, "referrals": 2,
         "referral_value": 50.0, "nps_score": 10, "retained_90d": 1},
        {"customer_id": "b", "segment": "Spenders", "spend_value": 80.0, "nps_score": 3,
         "retained_90d": 0},
        {"customer_id": "c", "segment": "Spenders", "spend_value": 60.0, "nps_score": 9,
         "retained_90d": 1},
        {"customer_id": "d", "segment": "Others", "spend_value": 5.0},
    ])
    t = segment_summary(v).set_index("segment")
    assert list(t.index) == ["Champions", "Spenders", "Referrers", "Others", "All"]
    sp = t.loc["Spenders"]
    assert (sp["customers"], sp["share"], sp["revenue"]) == (2, 0.5, 140.0)
    assert sp["nps"] == pytest.approx(0.0)  # one promoter, one detractor
    assert sp["promoter_share"] == 0.5 and sp["avg_score"] == 6.0
    assert sp["retention_90d"] == 0.5
    assert t.loc["Referrers", "customers"] == 0 and np.isnan(t.loc["Referrers", "nps"])
    al = t.loc["All"]
    assert (al["customers"], al["referred_customers"], al["referred_revenue"]) == (4, 2, 50.0)
    assert al["total_value"] == 295.0
    assert al["nps"] == pytest.approx((2 / 3 - 1 / 3) * 100)
    assert al["respondents"] == 3


def test_segment_moves_count_every_customer_once():
    before = frame([{"customer_id": "a", "segment": "Spenders"},
                    {"customer_id": "b", "segment": "Others"},
                    {"customer_id": "c", "segment": "Others"}])
    now = frame([{"customer_id": "a", "segment": "Champions"},
                 {"customer_id": "b", "segment": "Others"},
                 {"customer_id": "d", "segment": "Referrers"}])
    m = segment_moves(now, before)
    got = {(r.before, r.now): r.customers for r in m.itertuples()}
    assert got == {("Spenders", "Champions"): 1, ("Others", "Others"): 1,
                   ("Others", "Not included"): 1, ("Not included", "Referrers"): 1}


def test_quadrant_points_keep_the_top_and_sample_the_rest():
    n = 5000
    v = frame([{"customer_id": f"c{i:05d}", "spend_value": float(i)} for i in range(n)])
    pts, total = quadrant_points(v, max_points=1000, top=100)
    assert total == n and len(pts) == 1000 and pts["customer_id"].is_unique
    top = {f"c{i:05d}" for i in range(n - 100, n)}
    assert top <= set(pts["customer_id"])
    again, _ = quadrant_points(v, max_points=1000, top=100)
    assert again.equals(pts)  # fixed seed: the same dots on every rerun
    small, total = quadrant_points(v.head(50), max_points=1000)
    assert len(small) == 50 and total == 50


def test_is_skewed():
    assert is_skewed(pd.Series([0, 0, 10, 12, 15, 5000.0]))
    assert not is_skewed(pd.Series([10, 12, 15, 20.0]))
    assert not is_skewed(pd.Series([0.0, 0.0, 0.0]))


def test_rfm_group_table_covers_the_grid():
    expected = {
        5: ["New", "Potential", "Loyal", "Champions", "Champions"],
        4: ["New", "Potential", "Loyal", "Champions", "Champions"],
        3: ["Potential", "Potential", "Loyal", "Loyal", "Loyal"],
        2: ["Hibernating", "Hibernating", "At risk", "At risk", "At risk"],
        1: ["Lost", "Lost", "At risk", "At risk", "At risk"],
    }
    for r, groups in expected.items():
        assert [rfm_group(r, f) for f in range(1, 6)] == groups, r


def test_rfm_grid_has_25_cells():
    v = frame([{"customer_id": "a", "r_score": 5, "f_score": 5, "spend_value": 10.0},
               {"customer_id": "b", "r_score": 5, "f_score": 5, "spend_value": 30.0},
               {"customer_id": "c", "r_score": None, "f_score": None,
                "rfm_segment": "No purchases"}])
    g = rfm_grid(v)
    assert len(g) == 25 and g["customers"].sum() == 2
    cell = g[(g["r_score"] == 5) & (g["f_score"] == 5)].iloc[0]
    assert (cell["customers"], cell["avg_monetary"], cell["group"]) == (2, 20.0, "Champions")


def test_advocates_and_action_lists():
    v = frame([
        {"customer_id": "p0", "nps_score": 10, "referrals": 0, "spend_value": 50.0,
         "segment": "Spenders"},
        {"customer_id": "p1", "nps_score": 9, "referrals": 1, "spend_value": 70.0,
         "referral_value": 20.0, "segment": "Champions"},
        {"customer_id": "pass", "nps_score": 8, "referrals": 0, "spend_value": 90.0,
         "segment": "Spenders"},
        {"customer_id": "det", "nps_score": 2, "referrals": 0, "spend_value": 95.0,
         "segment": "Spenders"},
        {"customer_id": "risk", "rfm_segment": "At risk", "spend_value": 40.0},
        {"customer_id": "ref", "referrals": 3, "referral_value": 300.0, "segment": "Referrers"},
    ])
    assert list(advocates(v)["customer_id"]) == ["p0"]
    assert list(advocates(v, max_referrals=1)["customer_id"]) == ["p1", "p0"]
    lists = action_lists(v)
    assert list(lists["thank_referrers"]["customer_id"]) == ["ref", "p1"]
    assert list(lists["vip"]["customer_id"]) == ["p1"]
    # promoters first, then Spenders without referrals who are not detractors
    assert list(lists["ask_referral"]["customer_id"]) == ["p0", "pass"]
    assert list(lists["ask_referral"]["reason"]) == ["promoter", "big spender"]
    assert list(lists["win_back"]["customer_id"]) == ["risk"]
    for df in lists.values():
        assert {"customer_id", "name", "email"} <= set(df.columns)


def test_view_of_data_without_referrals(store):
    load(store, orders=[("A", 1, 50.0), ("B", 400, 20.0), ("B", 2, 10.0)])
    cur = store.cursor()
    view = segments_view(cur, SCOPE)
    cur.close()
    assert view.referral_rows == 0 and not view.has_referral_value
    assert view.customers == 2 and view.previous_end == date(2025, 6, 30)
    prev = view.table.set_index("segment")
    assert prev.loc["All", "customers_prev"] == 1  # B bought 400 days ago
    assert view.chain.empty and view.list_totals["thank_referrers"] == 0


def test_view_of_empty_data(store):
    cur = store.cursor()
    view = segments_view(cur, SCOPE)
    cur.close()
    assert view.customers == 0 and view.spend_threshold is None and view.points.empty


def test_headline_referred_revenue_windows(store, monkeypatch):
    import importlib

    seg_headline = importlib.import_module("cx.segments.headline")  # (the package exports a
    # function of that name)

    # F was referred by A; R by an unknown referrer (not counted); X was never referred.
    load(store, customers=[("A", "Ann", "a@x")],
         orders=[("A", 1, 10.0), ("F", 3, 40.0), ("F", 35, 25.0), ("R", 3, 99.0),
                 ("X", 5, 60.0)],
         referrals=[("A", "F", 100), ("Z", "R", 100)])
    cur = store.cursor()
    heads = {h.key: h for h in headline(cur, SCOPE)}
    # four customers in the last 30 days: too few for a share (MIN_SAMPLE), it says how many
    share = heads["segments.headline_referred_share"]
    assert share.value is None and share.thin == 4 and share.basis.sample == 4
    monkeypatch.setattr(seg_headline, "MIN_SAMPLE", 1)  # the arithmetic on a hand-sized shop
    with computing():  # (the result kept above was computed with the real MIN_SAMPLE)
        heads = {h.key: h for h in headline(cur, SCOPE)}
    cur.close()
    rev = heads["segments.headline_referred_revenue"]
    assert (rev.value, rev.previous) == (40.0, 25.0)
    share = heads["segments.headline_referred_share"]
    assert share.value == pytest.approx(40.0 / 209.0) and share.previous == 1.0


def test_headline_without_referral_data_is_a_sentence_not_zero(store):
    load(store, customers=[("A", "Ann", "a@x")], orders=[("A", 1, 10.0)], referrals=[])
    cur = store.cursor()
    heads = headline(cur, SCOPE)
    cur.close()
    assert [(h.kind, h.absent, h.value) for h in heads] == [("absent", "referrals", None)] * 2


def export_args(**kw):
    return ExportArgs(**{"lookback": 365, "percentile": 75.0, **kw})


def test_export_matches_customer_values(demo_store):
    cur = demo_store.cursor()
    try:
        out = export_segments(cur, export_args())
        values = customer_values(cur, resolve_scope(cur, Scope()))
        refs = export_segments(cur, export_args(segment="referrers", lookback=180))
        with pytest.raises(ValueError):
            export_segments(cur, export_args(segment="whales"))
    finally:
        cur.close()
    for col in ("customer_id", "spend_value", "referrals", "referral_value", "total_value",
                "segment", "recency_days", "frequency", "monetary", "rfm_segment"):
        assert col in out.columns
    assert "name" not in out.columns and "email" not in out.columns
    assert len(out) == len(values) and out["total_value"].is_monotonic_decreasing
    merged = out.merge(values, on="customer_id", suffixes=("", "_v"))
    assert (merged["segment"] == merged["segment_v"]).all()
    assert np.allclose(merged["total_value"], merged["total_value_v"].round(2))
    assert set(refs["segment"]) == {"Referrers"}


def test_sql_matches_the_pandas_twin_on_the_demo(demo_store):
    from cx.demo import generate

    data = generate(DEMO_CUSTOMERS, end_date=DEMO_END)
    cur = demo_store.cursor()
    try:
        scope = resolve_scope(cur, Scope())
        for lookback, pct in ((365, 75.0), (90, 90.0)):
            a = customer_values(cur, scope, lookback, pct).sort_values("customer_id")
            b = pandas_customer_values(data, scope.as_of, lookback, pct).sort_values(
                "customer_id")
            assert len(a) == len(b) > 100
            for col in a.columns:
                x, y = a[col].reset_index(drop=True), b[col].reset_index(drop=True)
                if pd.api.types.is_numeric_dtype(x) and not pd.api.types.is_bool_dtype(x):
                    assert np.allclose(x.astype(float), y.astype(float), equal_nan=True), col
                elif pd.api.types.is_datetime64_any_dtype(x):
                    assert (x == y).all(), col
                else:
                    assert (x.fillna("").astype(str) == y.fillna("").astype(str)).all(), col
        # the RFM group SQL and its Python twin agree on every customer
        v = customer_values(cur, scope)
    finally:
        cur.close()
    buyers = v[v["r_score"].notna()]
    assert (buyers["rfm_segment"] == [rfm_group(int(r), int(f)) for r, f in
                                      zip(buyers["r_score"], buyers["f_score"])]).all()


def test_rows_after_the_analysis_date_change_nothing(store):
    load(store, customers=[("A", "Ann", "a@x")],
         orders=[("A", 5, 10.0), ("F", 6, 30.0), ("B", 7, 70.0)], referrals=[("A", "F", 20)])
    before = customer_values(store.cursor(), SCOPE)
    load(store, orders=[("A", -5, 1000.0), ("F", -2, 500.0), ("G", -1, 5.0)],
         referrals=[("B", "G", -1)],
         surveys=[("A", None, None, -1, 0)])
    after = customer_values(store.cursor(), SCOPE)
    pd.testing.assert_frame_equal(before.sort_values("customer_id").reset_index(drop=True),
                                  after.sort_values("customer_id").reset_index(drop=True))


# -- charts ----------------------------------------------------------------------------------
LABELS = {"title": "t", "x": "x", "y": "y", "spend_line": "s", "referral_line": "r",
          "referral_line_any": "any", "zero": "0", "customer": "c"}
NAMES = {"Champions": "C", "Spenders": "S", "Referrers": "R", "Others": "O"}


def test_quadrant_chart_log_axes_zero_tick_thresholds_and_masking():
    v = frame([{"customer_id": "a", "name": "Ann Lee", "segment": "Champions",
                "spend_value": 5000.0, "referral_value": 800.0},
               {"customer_id": "b", "name": "Bob", "segment": "Spenders", "spend_value": 900.0},
               {"customer_id": "c", "name": "Cy", "segment": "Others", "spend_value": 3.0},
               {"customer_id": "d", "name": "Di", "segment": "Referrers", "spend_value": 0.0,
                "referral_value": 40.0}])
    fig = charts.quadrant_chart(v, labels={**LABELS, "segments": NAMES, "spend_threshold": 900.0,
                                           "referral_threshold": 0.0, "log_x": True,
                                           "log_y": True}, presenter=True)
    assert {t.name for t in fig.data} == {"C", "S", "R", "O"}
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis.ticktext[0] == "0"
    referrer = next(t for t in fig.data if t.name == "R")
    assert referrer.x[0] < 1  # zero spend drawn on the "0" tick, below the smallest decade
    assert len(fig.layout.shapes) == 2  # both thresholds drawn
    texts = [a.text for a in fig.layout.annotations]
    assert "s" in texts and "any" in texts
    hover_names = [row[1] for t in fig.data for row in t.customdata]
    assert "Ann Lee" not in hover_names and "A•••" in hover_names


def test_other_charts_build():
    v = frame([{"customer_id": "a", "name": "Ann", "referrals": 2, "referral_value": 80.0,
                "chain_referrals": 1, "chain_value": 20.0, "segment": "Referrers",
                "r_score": 5, "f_score": 4}])
    from cx.segments.metrics import chain_leaders

    fig = charts.chain_chart(chain_leaders(v), labels={"direct": "d", "fof": "f", "x": "x"})
    assert [t.name for t in fig.data] == ["d", "f"] and list(fig.data[1].x) == [20.0]
    grid = charts.rfm_grid_chart(rfm_grid(v), labels={"x": "x", "y": "y", "customers": "c",
                                                      "avg": "a", "cell": "{group} {count}"})
    assert "Champions 1" in [c for row in grid.data[0].text for c in row]
    share = charts.value_share_chart(segment_summary(v), labels={
        "title": "t", "customers": "c", "value": "v", "segments": NAMES})
    assert len(share.data) == 2


def test_report_section_tells_the_story_and_masks_in_presenter_mode(demo_store):
    from cx.segments import report_section

    cur = demo_store.cursor()
    try:
        scope = resolve_scope(cur, Scope())
        section = report_section(cur, scope, "en", True)
    finally:
        cur.close()
    assert section.title == "Spenders vs referrers"
    assert any(s.startswith("Referrers are") and "$" in s for s in section.sentences)
    assert len(section.figures) == 2 and section.table is not None
    hover = [row[1] for t in section.figures[0].data for row in t.customdata]
    assert hover and all(h == "" or h.endswith("•••") for h in hover)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_page_bundle_on_empty_and_tiny_data(store, lang):
    cur = store.cursor()
    empty = segments_page(cur, SCOPE, 365, 75.0, 0, lang, False, "USD")
    assert empty.view.customers == 0 and empty.quadrant is None and empty.rfm is None
    cur.close()
    load(store, orders=[("A", 1, 50.0), ("B", 2, 10.0), ("F", 3, 5.0)],
         referrals=[("B", "F", 10)])
    cur = store.cursor()
    tiny = segments_page(cur, SCOPE, 365, 75.0, 0, lang, True, "USD")
    cur.close()
    assert tiny.view.customers == 3 and tiny.quadrant is not None
    assert tiny.rfm is None and tiny.rfm_buyers == 3  # too few buyers for RFM: said, not drawn
    assert tiny.chain is not None  # B's friend bought
    assert len(tiny.segment_table) == 5 and len(tiny.moves_table) == 5


def test_action_list_csv_is_formula_safe_and_masked(store):
    from cx.safety import csv_bytes, mask_pii

    load(store, customers=[("A", "=HYPERLINK(\"http://x\")", "+a@x.jp")],
         orders=[("A", 1, 10.0), ("F", 1, 30.0)], referrals=[("A", "F", 5)])
    cur = store.cursor()
    view = segments_view(cur, SCOPE)
    cur.close()
    thank = view.lists["thank_referrers"]
    assert list(thank["customer_id"]) == ["A"]
    text = csv_bytes(thank).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+a@x.jp" in text
    masked = csv_bytes(mask_pii(thank)).decode("utf-8-sig")
    assert "HYPERLINK" not in masked and "a@x.jp" not in masked


def test_segment_table_totals_match_the_export(demo_store):
    cur = demo_store.cursor()
    try:
        out = export_segments(cur, export_args(lookback=180, percentile=80.0))
        view = segments_view(cur, resolve_scope(cur, Scope()), 180, 80.0)
    finally:
        cur.close()
    table = view.table.set_index("segment")
    counts = out["segment"].value_counts()
    for seg in ("Champions", "Spenders", "Referrers", "Others"):
        assert table.loc[seg, "customers"] == counts.get(seg, 0)
        part = out[out["segment"] == seg]
        assert table.loc[seg, "total_value"] == pytest.approx(part["total_value"].sum(), abs=0.1)
        assert table.loc[seg, "referred_customers"] == part["referrals"].sum()


def test_customer_text_in_charts_is_escaped_for_plotly():
    hostile = '<a href="http://x">click</a><b>bold</b>'
    v = frame([{"customer_id": "<i>id</i>", "name": hostile, "segment": "Referrers",
                "spend_value": 5.0, "referrals": 1, "referral_value": 50.0}])
    fig = charts.quadrant_chart(v, labels={**LABELS, "segments": NAMES, "spend_threshold": 5.0,
                                           "referral_threshold": 0.0})
    cells = [str(x) for t in fig.data for row in t.customdata for x in row]
    assert "&lt;a href" in " ".join(cells) and "<a href" not in " ".join(cells)
    assert "&lt;i&gt;id&lt;/i&gt;" in cells
    from cx.segments.metrics import chain_leaders

    chain = charts.chain_chart(chain_leaders(v), labels={"direct": "d", "fof": "f", "x": "x"})
    label = chain.data[0].y[0]
    assert "<b>" not in label and "&lt;b&gt;bold&lt;/b&gt;" in label


@pytest.mark.parametrize("kw", [{"lookback": 0}, {"percentile": 0.0}, {"percentile": 100.0}])
def test_export_refuses_bad_parameters(store, kw):
    load(store, orders=[("A", 1, 10.0)])
    cur = store.cursor()
    try:
        with pytest.raises(ValueError):
            export_segments(cur, export_args(**kw))
    finally:
        cur.close()


@pytest.mark.parametrize("key, n, en", [
    ("segments.unknown_referrals", 1, "1 referral names a referrer"),
    ("segments.unknown_referrals", 2, "2 referrals name a referrer"),
    ("segments.chain_total", 1, "brought 1 more customer and"),
    ("segments.chain_total", 3, "brought 3 more customers and"),
    ("segments.no_referral_value", 1, "The data has 1 referral, but the referred customer"),
    ("segments.no_referral_value", 5, "The data has 5 referrals, but none of the referred"),
    ("segments.list_count", 1, "1 customer"),
    ("segments.list_count", 0, "0 customers"),
    ("segments.rfm_too_few", 1, "there is 1."),
    ("segments.rfm_too_few", 7, "there are 7."),
    ("segments.window", 1, "1 customer bought"),
    ("segments.window", 2, "2 customers bought"),
])
def test_counts_read_right_in_the_singular_and_the_plural(key, n, en):
    from cx.i18n import t_count as count_text

    values = {"count": n, "referrals": n, "customers": n, "min": 10, "value": "¥5", "top": n,
              "start": "2026/1/1", "end": "2026/6/30", "days": 365,
              "prev_end": "2025/12/31"}
    assert en in count_text(key, "en", n, **values)
    ja = count_text(key, "ja", n, **values)  # no plural in Japanese: the count, no English
    assert str(n) in ja and not any("a" <= ch.lower() <= "z" for ch in ja.replace("RFM", ""))


def test_advocates_caption():
    from cx.segments.page import advocates_caption

    assert advocates_caption(1, 1, "en") == "1 advocate."
    assert advocates_caption(3, 3, "en") == "3 advocates, biggest spenders first."
    assert advocates_caption(250, 100, "en") == "250 advocates; the 100 who spend most are listed."
    assert advocates_caption(1, 1, "ja") == "推奨者は1人です。"


# -- the page's key numbers: two comparisons (docs/metrics.md "Comparing periods") ------------
# A 90-day lookback ending 30 Jun 2026: this window is days 0-89 before it, the window before
# days 90-179, the same window a year earlier (ending 30 Jun 2025) days 365-454. Customers are
# Poisson counts, worked out by hand:
#   50 now against 20 before: +30, 1.96 sqrt(50 + 20) = 16.4 -> [13.6, 46.4]: a real rise
#   50 now against 46 a year earlier (45, and Y99 on the window's first day): +4,
#   1.96 sqrt(50 + 46) = 19.2 -> [-15.2, 23.2]: within the noise
# Referrers 1 against 0: +1, 1.96 sqrt(1 + 0) = 1.96: within the noise.
def kpi_orders(year: bool = True) -> list[tuple]:
    now = [(f"C{i:02d}", i, 10.0) for i in range(50)]
    before = [(f"P{i:02d}", 90 + i, 10.0) for i in range(20)]
    ago = [(f"Y{i:02d}", 365 + 2 * i, 10.0) for i in range(45)] if year else []
    return now + before + ago


def test_the_customers_card_gets_a_verdict_and_a_year_ago_comparison(store):
    # C00 referred C01: referral value 10 of a total value 510 (C01's 10 counts as their own
    # spend too)
    load(store, orders=kpi_orders() + [("Y99", 454, 10.0)], referrals=[("C00", "C01", 100)])
    cur = store.cursor()
    page = segments_page(cur, SCOPE, 90, 75.0, 0, "en", False, "USD")
    customers, referrers, share, _ = page.metrics
    assert (customers.value, customers.delta, customers.real) == ("50", "+30", True)
    assert customers.delta_description == "vs a year ago: +4, within the noise"
    assert "Against the 90 days to 1 Apr 2026, 20 customers: +30, a real rise." in customers.help
    # the window totals are customer_values' (one definition), for every window
    totals = page.view.totals
    assert (totals["current"].customers, totals["previous"].customers) == (50, 20)
    assert totals["year"].customers == 46 and totals["current"].referrers == 1
    assert (referrers.value, referrers.delta, referrers.real) == ("1", "+1", False)
    all_row = page.view.table.set_index("segment").loc["All"]
    assert share.value == "2.0%" and all_row["referred_revenue"] / all_row["total_value"] == \
        pytest.approx(10 / 510)
    assert share.delta is None and "Too few in the previous period to compare" in share.help
    assert share.delta_description.startswith("vs a year ago: +2.0 pt, ")
    cur.close()


def test_a_window_before_the_first_order_is_not_compared(store):
    load(store, orders=kpi_orders(year=False))  # the first order is 109 days before
    cur = store.cursor()
    customers = segments_page(cur, SCOPE, 90, 75.0, 0, "en", False, "USD").metrics[0]
    assert customers.delta is None and not customers.real
    assert customers.delta_description == "no data a year earlier"
    assert customers.help.endswith("No data for the previous period. No data a year earlier.")
    cur.close()
