"""Retention charts built from hand-made cells: what is drawn, what is left out, and labels."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd

from cx import retention as r
from cx.retention import figures, metrics, page
from tests.test_retention import SHOP, add_tx, mark_refunded, scope_of


def shop_cells(store, period="month"):
    add_tx(store, SHOP)
    mark_refunded(store, "G")  # G's order of 0 was refunded in full (as in test_retention)
    return r.retention_cells(store.cursor(), scope_of(store), period)


def test_heatmap_rows_sizes_average_and_in_progress(store):
    cells = shop_cells(store)
    avg = r.average_curve(cells, "on")
    fig = figures.cohort_heatmap_figure(cells, avg, "month", "on", "pct", "en")
    heat, prog, sizes = fig.data
    assert list(heat.y) == ["All (weighted)", "Jan 2024", "Feb 2024", "Apr 2024"]
    assert list(heat.x) == [0, 1, 2, 3]
    z = pd.DataFrame(heat.z, index=heat.y)
    assert list(z.loc["Jan 2024"]) == [1.0, 0.0, 0.5, 0.0]
    assert pd.isna(z.loc["Feb 2024", 3]) and pd.isna(z.loc["Apr 2024", 1])  # not observed
    assert list(z.loc["All (weighted)"][:3]) == [1.0, 0.0, 0.5]
    assert "1 of 2 customers (50.0%)" in heat.customdata[1][2]
    # in-progress dots: Jan k=3, Feb k=2, Apr k=0 (drawn at the cell's right edge)
    assert sorted(zip(prog.y, [round(x) for x in prog.x])) == [
        ("Apr 2024", 0), ("Feb 2024", 2), ("Jan 2024", 3)]
    assert list(sizes.x) == [2, 2, 1]
    counts = figures.cohort_heatmap_figure(cells, r.average_curve(cells, "on_or_after"), "month",
                                   "on_or_after", "count", "ja")
    zc = pd.DataFrame(counts.data[0].z, index=counts.data[0].y)
    assert list(zc.loc["全体（合計）"][:3]) == [4, 2, 1]  # totals over complete cells
    assert "再購入顧客数" in counts.layout.title.text


def test_revenue_heatmap_and_curve(store):
    cells = shop_cells(store)
    avg = r.average_curve(cells, "on")
    fig = figures.revenue_heatmap_figure(cells, avg, "month", "en", "USD")
    z = pd.DataFrame(fig.data[0].z, index=fig.data[0].y)
    assert round(z.loc["Jan 2024", 1], 4) == round(-10 / 45, 4)
    assert "revenue -$10.00" in fig.data[0].customdata[1][1]
    curve = figures.curves_figure(avg.assign(segment="all"), "month",
                                          "revenue_retention", "en", min_customers=1)
    assert list(curve.data[0].x) == [0, 1, 2]


def test_curve_points_left_out_by_customers_and_cohorts(store):
    cells = shop_cells(store)
    avg = r.average_curve(cells, "on").assign(segment="all")
    full = figures.curves_figure(avg, "month", min_customers=1)
    assert list(full.data[0].x) == [0, 1, 2]
    assert list(figures.curves_figure(avg, "month", min_customers=3).data[0].x) == [0, 1]
    # k=2 rests on January alone
    assert list(figures.curves_figure(avg, "month", min_customers=1,
                                              min_cohorts=2).data[0].x) == [0, 1]
    # nothing left: a sentence, not an empty chart
    note = figures.curves_figure(avg, "month", min_customers=100)
    assert not note.data and note.layout.annotations


def test_window_keeps_latest_cohorts(store):
    add_tx(store, [(f"c{i}", f"2024-{m:02d}-03", 5.0) for i, m in enumerate(range(1, 13))])
    cells = r.retention_cells(store.cursor(), scope_of(store, end=date(2024, 12, 31)), "month")
    window, info = metrics.heatmap_window(cells, 5, 4)
    assert info == {"total": 12, "shown": 5, "cols": 3, "truncated": True}
    assert window["cohort"].min() == date(2024, 8, 1) and window["k"].max() == 3
    _, whole = metrics.heatmap_window(cells, 52, 52)
    assert not whole["truncated"]


def test_survival_chart_and_empty(store):
    from tests.test_retention import SURV, SURV_AS_OF

    add_tx(store, SURV)
    sv = r.survival(store.cursor(), scope_of(store, end=SURV_AS_OF), horizon=10)
    fig = figures.survival_figure(sv.curves, "en")
    line = [t for t in fig.data if t.name == "All customers"][0]
    assert list(line.x) == [0, 10, 17, 18, 20, 46] and line.line.shape == "hv"
    assert len(fig.data) == 3  # upper, lower (filled band) and the curve
    empty = figures.survival_figure(sv.curves.iloc[0:0], "en")
    assert not empty.data and json.loads(empty.to_json())["layout"]["annotations"]
    assert figures.segment_name("none", "ja") == "アンケート回答なし"
    assert figures.segment_name("Tokyo", "ja") == "Tokyo"


def test_page_figures_follow_the_data_version(store):
    cells = shop_cells(store)
    sc = scope_of(store)
    first = page.cohorts_tab(store.cursor(), sc, "month", "on", "pct", "en", False)
    again = page.cohorts_tab(store.cursor(), sc, "month", "on", "pct", "en", False)
    assert again is first  # remembered and shared, no new query or figure
    assert first.matrix["cohort"].tolist() == cells["cohort_label"].tolist()
    assert list(first.heatmap.figure.data[0].y)[1:] == ["Jan 2024", "Feb 2024", "Apr 2024"]
    add_tx(store, [("N", "2024-03-05", 7.0)])  # an import bumps the data version
    new = page.cohorts_tab(store.cursor(), sc, "month", "on", "pct", "en", False)
    assert new is not first and "2024-03" in set(new.matrix["cohort"])
    assert "Mar 2024" in list(new.heatmap.figure.data[0].y)
    rev = page.revenue_heatmap_view(store.cursor(), sc, "month", "en", "USD", False).figure
    assert "Mar 2024" in list(rev.data[0].y)
    surv = page.survival_view(store.cursor(), sc, 30, "none", "en", False).figure
    assert surv.data and surv.layout.title.text == "Customers still active"


def test_period_k_line_draws_thin_cohorts_hollow():
    series = pd.DataFrame({"cohort": [date(2024, 1, 1), date(2024, 2, 1)],
                           "cohort_label": ["2024-01", "2024-02"], "customers": [40, 2],
                           "active": [10, 0], "retention": [0.25, 0.0]})
    fig = figures.period_k_figure(series, "month", 1, "en")
    assert list(fig.data[0].marker.symbol) == ["circle", "circle-open"]
    assert any(t.name == "hollow: a cohort of fewer than 30 customers" for t in fig.data)
    full = figures.period_k_figure(series.iloc[:1], "month", 1, "en")
    assert not any((t.name or "").startswith("hollow") for t in full.data)
