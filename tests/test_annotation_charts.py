"""The timeline's events on the charts: where the line, the band and the cohort mark go (worked
by hand), that events outside a chart are not drawn, and that a new event shows on the next call
of a kept page function without a new data version."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cx import annotations as ann
from cx import nps
from cx.annotations import Event
from cx.charts.events import EVENT_COLOR, mark_events
from cx.report import report_html
from cx.retention import figures
from cx.retention import page as retention_page
from cx.scope import Scope
from tests.test_nps import add_orders, add_responses, month_rows

D = date
JAN_MAR = ann.period_slots([D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)], "month")


def three_months() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Jan", "Feb", "Mar"], y=[1, 2, 3]))
    fig.update_xaxes(type="category")
    return fig


def event_shapes(fig: go.Figure) -> list:
    return [s for s in fig.layout.shapes if s.line.color == EVENT_COLOR
            or (s.fillcolor or "").startswith("rgba(122")]


def describe(e) -> str:
    return ann.describe(e, "en")


def test_one_day_event_is_a_dashed_line_inside_its_month():
    # 15 Feb is day 15 of 28: its middle is (14 + 0.5) / 28 of the way through category 1,
    # which spans 0.5 .. 1.5
    fig = mark_events(three_months(), [Event(D(2026, 2, 15), None, "price rise")], JAN_MAR,
                      describe=describe)
    (line,) = fig.layout.shapes
    assert line.type == "line" and line.line.dash == "dash" and line.yref == "paper"
    assert line.x0 == line.x1 == 0.5 + 14.5 / 28
    (label,) = fig.layout.annotations
    assert label.text == "price rise" and label.hovertext == "price rise · 15 Feb 2026"
    assert label.y == 1 and label.yref == "paper"


def test_span_is_a_band_cut_to_the_axis():
    # 1 Mar .. 30 Apr: from the start of March (2.5 - 1 = 1.5) to the axis's end (2.5)
    fig = mark_events(three_months(), [Event(D(2026, 3, 1), D(2026, 4, 30), "campaign")],
                      JAN_MAR, describe=describe)
    (band,) = fig.layout.shapes
    assert band.type == "rect" and (band.x0, band.x1) == (1.5, 2.5)
    assert band.layer == "below"
    # 10 Jan .. 20 Jan: inside January (31 days), from 9/31 to 20/31 of the way
    fig = mark_events(three_months(), [Event(D(2026, 1, 10), D(2026, 1, 20), "sale")],
                      JAN_MAR, describe=describe)
    (band,) = fig.layout.shapes
    assert (band.x0, band.x1) == (-0.5 + 9 / 31, -0.5 + 20 / 31)


def test_events_outside_the_axis_are_not_drawn_and_labels_are_escaped():
    outside = [Event(D(2025, 12, 31), None, "before"), Event(D(2026, 4, 1), None, "after"),
               Event(D(2025, 11, 1), D(2025, 12, 31), "span before")]
    fig = mark_events(three_months(), outside, JAN_MAR, describe=describe)
    assert not fig.layout.shapes and not fig.layout.annotations
    fig = mark_events(three_months(), [Event(D(2026, 1, 2), None, "<b>big</b> & a very long label")],
                      JAN_MAR, describe=describe)
    (label,) = fig.layout.annotations
    assert label.text.startswith("&lt;b&gt;big&lt;/b&gt; &amp;") and label.text.endswith("…")
    assert "&lt;b&gt;" in label.hovertext and "a very long label" in label.hovertext


def retention_cells() -> pd.DataFrame:
    """Three monthly cohorts (Jan, Feb, Mar 2026), periods 0..2 as far as each reaches."""
    out = []
    for c, cohort in enumerate([D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]):
        for k in range(3 - c):
            out.append({"cohort": cohort, "k": k, "customers": 20, "active_on": 20 - 5 * k,
                        "retention_on": (20 - 5 * k) / 20, "in_progress": False,
                        "revenue": 100.0, "revenue0": 100.0, "revenue_retention": 1.0})
    return pd.DataFrame(out)


def test_heatmap_marks_the_cohort_whose_month_holds_the_event():
    cells = retention_cells()
    events = (Event(D(2026, 2, 14), None, "valentine"),
              Event(D(2026, 1, 20), D(2026, 2, 10), "winter sale"),  # starts in January
              Event(D(2026, 6, 1), None, "later"))  # no cohort of June: not drawn
    fig = figures.cohort_heatmap_figure(cells, pd.DataFrame(), "month", events=events)
    rows = list(fig.layout.yaxis.categoryarray)
    assert rows == ["Jan 2026", "Feb 2026", "Mar 2026"]
    outlines = event_shapes(fig)
    assert [(s.y0, s.y1) for s in outlines] == [(-0.5, 0.5), (0.5, 1.5)]  # Jan and Feb rows
    assert all((s.x0, s.x1) == (-0.5, 2.5) for s in outlines)  # across the 3 columns
    marker = fig.data[-1]
    assert list(marker.y) == ["Jan 2026", "Feb 2026"] and marker.name == "Event"
    assert marker.hovertext == ("Event in this cohort's month: winter sale · 20 Jan 2026 – "
                                "10 Feb 2026",
                                "Event in this cohort's month: valentine · 14 Feb 2026")
    plain = figures.cohort_heatmap_figure(cells, pd.DataFrame(), "month")
    assert not event_shapes(plain) and len(plain.data) == len(fig.data) - 1
    # the revenue heatmap marks the same way
    rev = figures.revenue_heatmap_figure(cells, pd.DataFrame(), "month", events=events[:1])
    assert [(s.y0, s.y1) for s in event_shapes(rev)] == [(0.5, 1.5)]


def test_period_k_line_has_the_event_on_its_cohort_axis():
    series = pd.DataFrame({"cohort": [D(2026, 1, 1), D(2026, 2, 1)], "customers": [20, 20],
                           "active": [10, 12], "retention": [0.5, 0.6]})
    fig = figures.period_k_figure(series, "month", 1, events=(Event(D(2026, 2, 1), None, "x"),))
    (line,) = event_shapes(fig)
    assert line.x0 == 0.5 + 0.5 / 28


SCOPE = Scope(start=D(2024, 1, 1), end=D(2024, 3, 31))


def test_a_new_event_shows_on_the_next_page_call(store):
    add_responses(store, month_rows("2024-01-10", 3, 1, 1) + month_rows("2024-02-10", 2, 1, 2)
                  + month_rows("2024-03-10", 4, 0, 1))
    cur = store.cursor()
    first = nps.period_part(cur, SCOPE, "month", 0, "en", False)
    assert not event_shapes(first.trend) and not event_shapes(first.mix)
    assert nps.period_part(cur, SCOPE, "month", 0, "en", False) is first  # kept
    version = store.data_version()
    ann.add(store, "2024-02-15", "price rise")
    ann.add(store, "2023-06-01", "long before")  # outside the scope: not passed, not drawn
    assert store.data_version() == version  # no new data version ...
    second = nps.period_part(cur, SCOPE, "month", 0, "en", False)
    assert second is not first  # ... yet the events are part of the key
    for fig in (second.trend, second.mix):
        (line,) = event_shapes(fig)
        assert line.x0 == 0.5 + 14.5 / 29  # February 2024 has 29 days
        assert [a.text for a in fig.layout.annotations if a.hovertext] == ["price rise"]
    assert nps.period_part(cur, SCOPE, "month", 0, "en", False) is second
    ann.delete(store, 1)
    assert not event_shapes(nps.period_part(cur, SCOPE, "month", 0, "en", False).trend)


def test_retention_parts_take_the_events_too(store):
    add_orders(store, [("o1", "a", "2024-01-05", 10.0), ("o2", "a", "2024-02-05", 10.0),
                       ("o3", "b", "2024-02-07", 10.0), ("o4", "b", "2024-03-07", 10.0)])
    cur = store.cursor()
    tab = retention_page.cohorts_tab(cur, SCOPE, "month", "on", "pct", "en", False)
    line = retention_page.kline(cur, SCOPE, "month", "on", 1, "en", False)
    assert not event_shapes(tab.heatmap.figure) and not event_shapes(line.figure)
    ann.add(store, "2024-02-20", "new barista")
    tab = retention_page.cohorts_tab(cur, SCOPE, "month", "on", "pct", "en", False)
    # rows: the weighted row, then Jan 2024 and Feb 2024: the February cohort is outlined
    assert [(s.y0, s.y1) for s in event_shapes(tab.heatmap.figure)] == [(1.5, 2.5)]
    line = retention_page.kline(cur, SCOPE, "month", "on", 1, "en", False)
    assert [s.x0 for s in event_shapes(line.figure)] == [0.5 + 19.5 / 29]
    revenue = retention_page.revenue_heatmap_view(cur, SCOPE, "month", "en", None, False)
    assert len(event_shapes(revenue.figure)) == 1


def test_report_lists_the_events_in_scope_and_draws_them(store):
    add_orders(store, [("o1", "a", "2024-01-05", 10.0), ("o2", "a", "2024-02-05", 10.0),
                       ("o3", "b", "2024-03-07", 10.0)])
    add_responses(store, month_rows("2024-01-10", 3, 1, 1) + month_rows("2024-03-10", 2, 0, 1))
    plain = report_html(store, "en", scope=SCOPE)
    assert "Events in this period" not in plain  # no events: no section
    ann.add(store, "2024-02-15", "<new> barista")
    ann.add(store, "2024-03-01", "spring campaign", "2024-04-15")  # overlaps the scope's end
    ann.add(store, "2023-12-24", "year-end zq7")  # before the scope: not listed
    en = report_html(store, "en", scope=SCOPE)
    assert ("<h2>Events in this period</h2><table>\n<tr><th>Date</th><th>End</th><th>Event</th>"
            "</tr>\n<tr><td>15 Feb 2024</td><td></td><td>&lt;new&gt; barista</td></tr>\n"
            "<tr><td>1 Mar 2024</td><td>15 Apr 2024</td><td>spring campaign</td></tr>\n"
            "</table>") in en
    assert "year-end zq7" not in en
    ja = report_html(store, "ja", scope=SCOPE)
    assert "<h2>この期間の出来事</h2>" in ja and "<td>2024年3月1日</td><td>2024年4月15日</td>" in ja
    # the monthly activity and the NPS trend carry the marks (plotly's JSON in the page)
    assert en.count(EVENT_COLOR) >= 4 and plain.count(EVENT_COLOR) == 0
