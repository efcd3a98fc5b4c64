"""Retention: do customers come back? Cohorts, curves by segment, revenue retention, time until
inactive, and the customers behind any cohort cell. Layout only: cx/retention/page.py makes
every number, sentence and figure."""
import streamlit as st

from cx import retention, ui
from cx.retention import page
from cx.scope import PERIODS

scope, lang, presenter, currency = ui.chart_page("retention.title", "retention.how_to_read")
D = page.DEFAULTS

head = ui.call(page.header, scope, lang)
for note in head.notes:
    st.caption(note)
if head.empty:
    ui.empty_state(head.empty)
    st.stop()
if head.small:
    st.caption(head.small)
labels = head.labels

# -- key numbers ----------------------------------------------------------------------------------
ui.kpi_row(head.kpis)
for note in head.missing:
    st.caption(note)

# -- controls -------------------------------------------------------------------------------------
c1, c2, c3 = st.columns([1.2, 1.6, 1])
period = c1.radio(ui.t("retention.period"), list(PERIODS), index=PERIODS.index(D.period),
                  horizontal=True, format_func=labels["period"].__getitem__, key="ret_period")
mode = c2.radio(ui.t("retention.mode"), list(retention.MODES),
                index=retention.MODES.index(D.mode), horizontal=True,
                format_func=labels["mode"].__getitem__, key="ret_mode")
show = c3.radio(ui.t("retention.show"), list(page.SHOWS), index=page.SHOWS.index(D.show),
                horizontal=True, format_func=labels["show"].__getitem__, key="ret_show")

# Only the open tab runs (on_change="rerun"): a rerun builds one view's charts, not five.
tabs = st.tabs([labels["tab"][name] for name in page.TABS], key="ret_tab", on_change="rerun",
               default=labels["tab"][D.tab])
dims = ["none", *head.dims]


def split_box(text_key: str, key: str) -> str:
    return st.selectbox(ui.t(text_key), dims, index=dims.index(page.default_split(head.dims)),
                        format_func=labels["dim"].__getitem__, key=key)


def heatmap(view: page.HeatmapView, key: str) -> None:
    ui.plot(view.figure, key=key)
    st.caption(view.explain)
    if view.truncated:
        st.caption(view.truncated)


def curves(view: page.CurvesView, key: str) -> None:
    ui.plot(view.figure, key=key)
    for text in (view.absent, view.note, view.bands):
        if text:
            st.caption(text)


def cohorts_view() -> None:
    tab = ui.call(page.cohorts_tab, scope, period, mode, show, lang, presenter)
    heatmap(tab.heatmap, "ret_heatmap")
    ui.download_csv(tab.matrix, tab.matrix_file, label=ui.t("retention.download_matrix"),
                    key="ret_matrix_download")
    k = st.selectbox(ui.t("retention.kline.k"), tab.ks, format_func=tab.k_labels.__getitem__,
                     key=f"ret_k_{period}")
    line = ui.call(page.kline, scope, period, mode, k, lang, presenter)
    ui.plot(line.figure, key="ret_kline")
    st.caption(line.explain)


def curves_view() -> None:
    dim = split_box("retention.curves.by", "ret_dim")
    curves(ui.call(page.curves_view, scope, period, mode, dim, "retention", lang, presenter,
                   currency), "ret_curves")


def revenue_view() -> None:
    heatmap(ui.call(page.revenue_heatmap_view, scope, period, lang, currency, presenter),
            "ret_revenue_heatmap")
    dim = split_box("retention.curves.by", "ret_rev_dim")
    curves(ui.call(page.curves_view, scope, period, mode, dim, "revenue_retention", lang,
                   presenter, currency), "ret_revenue_curve")


def survival_view() -> None:
    s1, s2 = st.columns([1, 1])
    horizon = s1.number_input(ui.t("retention.survival.horizon"), min_value=7, max_value=730,
                              value=D.horizon, step=1, key="ret_horizon")
    with s2:
        dim = split_box("retention.survival.by", "ret_surv_dim")
    view = ui.call(page.survival_view, scope, int(horizon), dim, lang, presenter)
    ui.plot(view.figure, key="ret_survival")
    st.caption(view.explain)
    if view.median:
        st.markdown(view.median)
    if view.table is not None:
        ui.table(view.table, column_config={c: st.column_config.Column(name)
                                            for c, name in view.columns.items()})


def customers_view() -> None:
    st.caption(ui.t("retention.drill.explain"))
    choices = ui.call(page.drill_choices, scope, period, lang)
    d1, d2, d3 = st.columns([1, 1, 1.4])
    cohort = d1.selectbox(ui.t("retention.drill.cohort"), choices.cohorts, index=choices.first,
                          format_func=choices.cohort_labels.__getitem__,
                          key=f"ret_drill_cohort_{period}")
    ks = choices.ks[cohort]
    k = d2.selectbox(ui.t("retention.drill.k"), ks, index=min(1, len(ks) - 1),
                     format_func=choices.k_labels.__getitem__,
                     key=f"ret_drill_k_{period}_{cohort.isoformat()}")
    which = d3.radio(ui.t("retention.drill.show"), list(page.DRILL_SHOWS),
                     index=page.DRILL_SHOWS.index(D.drill_show), horizontal=True,
                     format_func=labels["drill_show"].__getitem__, key="ret_drill_show")
    view = ui.call(page.drill, scope, period, cohort, int(k), mode, which, lang, currency)
    st.markdown(view.summary)
    if view.in_progress:
        st.caption(view.in_progress)
    config = {c: st.column_config.Column(name) for c, name in view.columns.items()}
    for c in view.money_columns:
        config[c] = st.column_config.NumberColumn(view.columns[c], format=view.money_format)
    config["returned"] = st.column_config.CheckboxColumn(view.columns["returned"])
    ui.table(view.people, column_config=config)
    ui.download_csv(view.people, view.file_name, label=ui.t("retention.drill.download"),
                    key="ret_drill_download")


for tab, view in zip(tabs, (cohorts_view, curves_view, revenue_view, survival_view,
                            customers_view)):
    if tab.open:
        with tab:
            view()
