"""Repeat purchase: do first-time buyers buy a second time, how soon, and what made the ones who
did? Layout only: cx/repeat/page.py makes every number, sentence and figure."""
import streamlit as st

from cx import ui
from cx.repeat import page
from cx.scope import PERIODS

scope, lang, presenter, currency = ui.chart_page("repeat.title", "repeat.how_to_read")
D = page.DEFAULTS

head = ui.call(page.header, scope, lang)
for note in head.notes:
    st.caption(note)
if head.empty:
    ui.empty_state(head.empty)
    st.stop()
labels = head.labels

# -- key numbers ----------------------------------------------------------------------------------
ui.kpi_row(head.kpis)
for note in head.missing:
    st.caption(note)

# Only the open tab runs (on_change="rerun").
tabs = st.tabs([labels["tab"][name] for name in page.TABS], key="rep_tab", on_change="rerun",
               default=labels["tab"][D.tab])


def period_radio(key: str) -> str:
    return st.radio(ui.t("retention.period"), list(PERIODS), index=PERIODS.index(D.period),
                    horizontal=True, format_func=labels["period"].__getitem__, key=key)


def cohorts_view() -> None:
    view = ui.call(page.cohorts_view, scope, period_radio("rep_period"), lang, presenter)
    ui.plot(view.figure, key="rep_heatmap")
    st.caption(view.explain)
    if view.pooled:
        st.markdown(view.pooled)
    ui.download_csv(view.table, view.file_name, label=ui.t("repeat.cohorts.download"),
                    key="rep_download")


def funnel_view() -> None:
    period = period_radio("rep_funnel_period")
    view = ui.call(page.funnel_view, scope, period, lang, presenter)
    ui.plot(view.figure, key="rep_funnel")
    st.markdown(view.sentence)
    st.caption(ui.t("repeat.funnel.by_cohort"))
    ui.table(view.table)


def days_view() -> None:
    view = ui.call(page.days_view, scope, lang, presenter)
    if view.figure is not None:
        ui.plot(view.figure, key="rep_days")
        st.markdown(view.sentence)
    else:
        ui.empty_state(view.sentence)


def first_view() -> None:
    if not head.by:
        ui.empty_state(head.by_absent or ui.t("repeat.no_customers"))
        return
    by = st.radio(ui.t("repeat.by.label"), list(head.by), horizontal=True,
                  format_func=labels["by"].__getitem__, key="rep_by")
    view = ui.call(page.first_view, scope, by, currency, lang, presenter)
    st.markdown(view.sentence)
    ui.plot(view.figure, key="rep_first")
    ui.table(view.table)
    st.caption(view.revenue_note)
    if head.by_absent:
        st.caption(head.by_absent)
    ui.download_csv(view.download, view.file_name, label=ui.t("repeat.first.download"),
                    key="rep_first_download")


for tab, view in zip(tabs, (cohorts_view, funnel_view, days_view, first_view)):
    if tab.open:
        with tab:
            view()
