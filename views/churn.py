"""Churn risk: who is about to leave, why, how good the model has been, and what would keep them.
Layout only: what is shown comes from cx.churn.page."""
import streamlit as st

from cx import ui
from cx.churn import background_training, get_bundle, reporting
from cx.churn import page as churn_page
from cx.churn.page import DEFAULTS

scope, lang, presenter, currency = ui.chart_page("churn.title", "churn.how_to_read")


def column_config(labels: dict, money: list, money_format: str, percent=(), progress=None):
    """st.column_config for a page table: translated headers, money and percent formats."""
    config = {c: st.column_config.Column(label) for c, label in labels.items()}
    for c in money:
        config[c] = st.column_config.NumberColumn(labels[c], format=money_format)
    for c in percent:
        config[c] = st.column_config.NumberColumn(labels[c], format="percent")
    if progress:
        config[progress] = st.column_config.ProgressColumn(
            labels[progress], min_value=0.0, max_value=1.0, format="percent")
    return config


# -- controls -----------------------------------------------------------------------------------
controls = ui.call(churn_page.controls, scope.as_of, scope.currency, lang)
left, right = st.columns([1, 3])
horizon = left.selectbox(controls.label, controls.choices, index=controls.index,
                         format_func=controls.choice_labels.get, help=controls.help,
                         key="churn_horizon")
right.caption(controls.as_of[horizon])
if controls.notes:
    right.caption(controls.notes)
params = churn_page.page_params(scope, horizon)

# -- small data: say what is missing, show the recency view --------------------------------------
small = ui.call(churn_page.not_ready_page, params, lang, presenter)
if small is not None:
    st.warning(small.warning)
    if small.shorter:
        st.caption(small.shorter)
    st.subheader(small.title)
    st.caption(small.explain)
    ui.plot(small.recency, key="churn_recency")
    st.stop()

# -- the model (fitted once per data version; after an import, in the background) ----------------
fitting = ui.call(background_training)
if fitting is not None:  # started by the last upload: wait for it rather than fit beside it
    with st.spinner(ui.t("churn.progress.background")):
        fitting.wait()
bar = st.empty()


def show_progress(fraction: float, key: str) -> None:
    bar.progress(min(max(fraction, 0.0), 1.0), text=ui.t(key))


with reporting(show_progress):  # a fit shows its steps; a kept model returns at once
    ui.call(get_bundle, params)
bar.empty()

summary = ui.call(churn_page.summary_page, params, lang, presenter, currency)
for col, kpi in zip(st.columns(len(summary.kpis)), summary.kpis):
    style = (ui.delta_style(kpi.delta, kpi.higher_is_better, kpi.real)
             if kpi.delta is not None else {})
    col.metric(kpi.label, kpi.value, delta=kpi.delta, help=kpi.help,
               delta_description=kpi.delta_description, **style)

tab_list, tab_groups, tab_whatif, tab_quality = st.tabs(summary.tabs)

# -- risk list -----------------------------------------------------------------------------------
with tab_list:
    ui.plot(summary.bands, key="churn_bands")
    sort = st.radio(summary.sort_label, list(summary.sort_labels), horizontal=True,
                    index=list(summary.sort_labels).index(DEFAULTS.sort),
                    format_func=summary.sort_labels.get, key="churn_sort")
    risk = ui.call(churn_page.risk_table, params, sort, lang, presenter, currency)
    st.caption(risk.caption)
    ui.table(risk.table, placeholder="–",  # no answer, no name: a dash
             column_config=column_config(risk.labels, risk.money_columns, risk.money_format,
                                         progress=risk.probability_column))
    ui.download_csv(risk.download, risk.download_name, label=risk.download_label,
                    key="churn_download")

# -- where we are losing customers ---------------------------------------------------------------
with tab_groups:
    groups = ui.call(churn_page.groups_page, params, lang, presenter, currency)
    if groups.none:
        st.info(groups.none)
    else:
        dim = st.selectbox(groups.label, groups.dimensions,
                           format_func=groups.dimension_labels.get, key="churn_dim")
        view = groups.views[dim]
        st.caption(view.caption)
        ui.plot(view.figure, key="churn_groups")
        if view.sentence:
            st.text(view.sentence)  # group names come from the user's files: never markdown
        ui.table(view.table, placeholder="–",  # a group new since then: a dash
                 column_config=column_config(view.labels, view.money_columns,
                                             groups.money_format, percent=view.percent_columns))

# -- what if -------------------------------------------------------------------------------------
with tab_whatif:
    choices = ui.call(churn_page.whatif_choices, params, lang)
    st.caption(choices.explain)
    mode = st.radio(choices.subject_label, list(choices.subject_labels), horizontal=True,
                    index=list(choices.subject_labels).index(DEFAULTS.subject),
                    format_func=choices.subject_labels.get, key="churn_subject")
    if mode == "customer":
        key = st.selectbox(choices.customer_label, risk.customers,
                           format_func=risk.customer_labels.get, key="churn_customer")
    else:
        key = st.selectbox(choices.typical_label, choices.typical,
                           index=choices.typical.index(DEFAULTS.typical),
                           format_func=choices.typical_labels.get, key="churn_typical_of")

    @st.fragment
    def whatif_panel(mode: str, key: str) -> None:
        subject = ui.call(churn_page.whatif_subject, params, mode, key, lang, currency)
        values = []
        cols = st.columns(2)
        for i, s in enumerate(subject.sliders):  # one for each input the model learned from
            slot = cols[i % 2]
            if s.options is not None:
                value = slot.select_slider(s.label, list(s.options), value=s.value,
                                           format_func=s.option_labels.get, key=s.key)
            else:
                value = slot.slider(s.label, s.low, s.high, s.value, key=s.key)
            values.append((s.input, value))
        result = ui.call(churn_page.whatif_view, params, mode, key, tuple(values), lang,
                         presenter, currency)
        m1, m2 = st.columns(2)
        m1.metric(result.probability_label, result.probability, delta=result.delta,
                  delta_color="inverse")
        m2.metric(result.original_label, result.original)
        ui.plot(result.probability_figure, key="churn_whatif_probability")
        if result.moved is not None:
            st.dataframe(result.moved, hide_index=True, width="stretch")
        ui.plot(result.reasons, key="churn_whatif_chart")
        st.caption(result.reasons_explain)

    if key is not None:
        whatif_panel(mode, key)

    st.subheader(choices.business_title)

    @st.fragment
    def business_panel() -> None:
        share = st.slider(choices.share_label, 0, 100, DEFAULTS.win_back_share,
                          step=DEFAULTS.win_back_step, key="churn_winback")
        business = ui.call(churn_page.business_page, params, share, lang, currency)
        c1, c2 = st.columns(2)
        c1.metric(business.kept.label, business.kept.value, help=business.kept.help)
        c2.metric(business.revenue.label, business.revenue.value)
        st.caption(business.explain)
        if business.detractors:
            st.markdown(business.detractors)
        if business.detractor_metrics:
            for col, m in zip(st.columns(len(business.detractor_metrics)),
                              business.detractor_metrics):
                col.metric(m.label, m.value, delta=m.delta,
                           delta_color="inverse" if m.delta else "normal")
            st.caption(business.detractor_range)
        if business.detractor_note:
            st.info(business.detractor_note)
        if business.detractor_explain:
            st.caption(business.detractor_explain)

    business_panel()

# -- how good the model has been -----------------------------------------------------------------
with tab_quality:
    quality = ui.call(churn_page.quality_page, params, lang, presenter)
    st.caption(quality.caption)
    st.dataframe(quality.table, hide_index=True, width="stretch")
    {"wins": st.success, "on_par": st.info}.get(quality.verdict, st.warning)(quality.verdict_text)
    st.markdown(quality.versus_bgnbd)
    st.caption(quality.metrics_help)
    st.subheader(quality.signals_title)
    st.markdown(quality.signals_used)
    if quality.missing is not None:
        st.caption(quality.missing_caption)
        st.dataframe(quality.missing, hide_index=True, width="stretch")
    q1, q2 = st.columns(2)
    with q1:
        ui.plot(quality.calibration, key="churn_calibration")
    with q2:
        ui.plot(quality.lift, key="churn_lift")
    st.caption(quality.saved)
