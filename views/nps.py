"""NPS: how customers feel, whether it is changing, what drives it and what they wrote.

Layout only: the widgets, then cx.nps's page parts (cx/nps/page.py builds every figure, table and
sentence, and declares the widgets' defaults)."""
import streamlit as st

from cx import nps, ui

scope, lang, presenter, _ = ui.chart_page("nps.title", "nps.how_to_read")
head = ui.call(nps.page_head, scope, lang)
if head.empty is not None:  # no survey file, or no answers in the dates chosen
    ui.empty_state(head.empty)
    st.stop()

# -- controls and headline numbers --------------------------------------------------------------
left, mid, _ = st.columns([1, 1, 2])
periods = list(nps.page.PERIOD_CHOICES)
period = left.selectbox(ui.t("nps.period"), periods,
                        index=periods.index(nps.page.DEFAULT_PERIOD),
                        format_func=head.period_names.get, key="nps_period")
rolling_names = head.rolling_names[period]
rolling_choices = list(nps.page.ROLLING_CHOICES)
rolling = mid.selectbox(ui.t("nps.rolling"), rolling_choices, key="nps_rolling",
                        index=rolling_choices.index(nps.page.DEFAULT_ROLLING),
                        format_func=rolling_names.get, help=ui.t("nps.rolling_help"))

ui.kpi_row(head.kpis)
for caption in head.captions:
    st.caption(caption)

# -- is the change real? ------------------------------------------------------------------------
part = ui.call(nps.period_part, scope, period, rolling, lang, presenter)
st.subheader(ui.t("nps.cmp.title"))
for verdict, sentence in part.comparisons:
    {"down": st.warning, "up": st.success, "noise": st.info}[verdict](sentence)
for note in part.notes:
    st.caption(note)
st.caption(ui.t("nps.cmp.explain"))

tab_trend, tab_break, tab_behaviour, tab_comments = st.tabs(
    [ui.t("nps.tab.trend"), ui.t("nps.tab.breakdowns"), ui.t("nps.tab.behaviour"),
     ui.t("nps.tab.comments")])

# -- trend ---------------------------------------------------------------------------------------
with tab_trend:
    ui.plot(part.trend, key="nps_trend")
    for note in part.trend_notes:
        st.caption(note)
    ui.plot(part.mix, key="nps_mix")
    ui.download_csv(part.export, part.export_name, key="nps_download")

# -- breakdowns ---------------------------------------------------------------------------------
with tab_break:
    for note in head.breakdown_notes:
        st.caption(note)
    dims = head.dimensions
    dim = st.radio(ui.t("nps.break.by"), dims, horizontal=True,
                   index=dims.index(head.default_dimension) if head.default_dimension in dims
                   else 0, format_func=head.dimension_names.get, key="nps_dim")
    brk = ui.call(nps.breakdown_tab, scope, dim, lang, presenter)
    ui.plot(brk.figure, key="nps_breakdown")
    for note in brk.notes:
        st.caption(note)
    if brk.gap is not None:
        st.text(brk.gap)  # group names come from the user's files: plain text, never markdown
    whole = st.column_config.NumberColumn(format="%.0f")
    ui.table(brk.table, column_config={c: whole for c in brk.whole_columns})

# -- NPS and behaviour ----------------------------------------------------------------------------
with tab_behaviour:
    beh = ui.call(nps.behaviour_tab, scope, lang, presenter, ui.currency())
    if beh.none_matched is not None:
        st.warning(beh.none_matched)
    else:
        st.caption(beh.matched)
        if beh.cost is not None:
            st.info(beh.cost)
        else:
            st.caption(beh.cost_note)
        ui.plot(beh.figure, key="nps_behaviour")
        ui.table(beh.table)
        st.caption(beh.explain)

# -- what customers wrote -------------------------------------------------------------------------
with tab_comments:
    if head.comments_absent is not None:
        st.info(head.comments_absent)
        st.stop()  # the last tab: nothing after it on the page
    st.subheader(ui.t("nps.themes.title"))
    if not head.themes_found:
        st.caption(head.themes_none)
    else:
        orders = list(nps.page.THEME_ORDERS)
        order = st.radio(ui.t("nps.themes.sort"), orders, horizontal=True,
                         index=orders.index(nps.page.DEFAULT_THEME_ORDER),
                         format_func=head.theme_order_names.get, key="nps_theme_sort")
        themes = ui.call(nps.themes_tab, scope, order, lang, presenter)
        ui.plot(themes.figure, key="nps_themes")
        st.caption(themes.caption)
        tconf = {c: st.column_config.NumberColumn(format="%.0f") for c in themes.whole_columns}
        tconf.update({c: st.column_config.TextColumn(width="large") for c in themes.text_columns})
        ui.table(themes.table, column_config=tconf)

    st.subheader(ui.t("nps.comments.title"))
    f1, f2 = st.columns([1, 2])
    groups = list(nps.page.COMMENT_GROUPS)
    group = f1.selectbox(ui.t("nps.comments.group"), groups,
                         index=groups.index(nps.page.DEFAULT_COMMENT_GROUP),
                         format_func=head.group_names.get, key="nps_group")
    search = f2.text_input(ui.t("nps.comments.search"), value=nps.page.DEFAULT_SEARCH,
                           key="nps_search", placeholder=ui.t("nps.comments.search_hint"))
    com = ui.call(nps.comments_tab, scope, group, search, lang)
    st.caption(com.caption)
    if com.table is not None:
        # st.dataframe: comments stay plain text
        ui.table(com.table, column_config={
            com.comment_column: st.column_config.TextColumn(width="large"),
            com.time_column: st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})
        ui.download_csv(com.table, com.file_name, label=com.download_label,
                        key="nps_comments_download")
