"""Spenders vs referrers: who is really valuable (issue 5)."""
import streamlit as st

from cx import ui
from cx.segments.page import (
    LOOKBACK_DAYS,
    LOOKBACKS,
    MAX_REFERRALS,
    PERCENTILE,
    PeopleTable,
    segments_page,
)


def people(table: PeopleTable) -> None:
    """A list of customers: translated headers, money columns in the currency's format."""
    config = {c: st.column_config.Column(label) for c, label in table.labels.items()}
    for c in table.money:
        config[c] = st.column_config.NumberColumn(table.labels.get(c, c),
                                                  format=table.money_format)
    ui.table(table.frame, column_config=config)


ui.page_header("segments.title", "segments.how_to_read")
ui.event_popover()
scope = ui.scope()

left, right = st.columns(2)
lookback = left.selectbox(ui.t("segments.lookback"), LOOKBACKS,
                          index=LOOKBACKS.index(LOOKBACK_DAYS), key="seg_lookback",
                          format_func=lambda d: ui.t("segments.days", days=d),
                          help=ui.t("segments.lookback_help"))
top_share = right.slider(ui.t("segments.percentile"), min_value=5, max_value=50,
                         value=round(100 - PERCENTILE), step=5, key="seg_top_share",
                         format="%d%%", help=ui.t("segments.percentile_help"))

page = ui.call(segments_page, scope, int(lookback), 100.0 - top_share,
               int(st.session_state.get("seg_max_referrals", MAX_REFERRALS)), ui.lang(),
               ui.presenter(), ui.currency())
view = page.view
st.caption(page.window_caption)

if view.customers == 0:
    ui.empty_state(ui.t("segments.empty"))
    st.stop()

if page.referral_note:
    st.info(page.referral_note)
if page.unknown_caption:
    st.caption(page.unknown_caption)

# -- headline numbers ------------------------------------------------------------------------
ui.kpi_row(page.metrics, columns=4)

# -- quadrant --------------------------------------------------------------------------------
chart_col, share_col = st.columns([3, 2])
with chart_col:
    if page.quadrant is None:
        st.info(page.quadrant_note)
    else:
        ui.plot(page.quadrant, key="seg_quadrant")
        st.caption(page.points_caption)
with share_col:
    ui.plot(page.value_share, key="seg_value_share")
    st.caption(ui.t("segments.seg_explain"))
    if page.story:
        st.markdown("**" + page.story + "**")

# -- segment table and changes ---------------------------------------------------------------
st.subheader(ui.t("segments.table_title"))
ui.table(page.segment_table)
st.caption(ui.t("segments.table_explain"))
st.subheader(ui.t("segments.moves_title"))
ui.table(page.moves_table)
st.caption(ui.t("segments.moves_explain"))

# -- referral chain --------------------------------------------------------------------------
st.subheader(ui.t("segments.chain_title"))
if page.chain is None:
    st.info(page.chain_note)
else:
    ui.plot(page.chain, key="seg_chain")
    for caption in page.chain_captions:
        st.caption(caption)
    with st.expander(ui.t("segments.chain_numbers")):
        people(page.chain_table)

# -- RFM -------------------------------------------------------------------------------------
st.subheader(ui.t("segments.rfm_title"))
if page.rfm is None:
    st.info(page.rfm_note)
else:
    ui.plot(page.rfm, key="seg_rfm")
    st.caption(ui.t("segments.rfm_explain"))
    with st.expander(ui.t("segments.rfm_rules_title")):
        ui.table(page.rfm_rules)

# -- advocates -------------------------------------------------------------------------------
st.subheader(ui.t("segments.advocates_title"))
st.caption(ui.t("segments.advocates_explain"))
st.number_input(ui.t("segments.max_referrals"), min_value=0, max_value=5, step=1,
                value=MAX_REFERRALS, key="seg_max_referrals")
if page.advocates_note:
    st.info(page.advocates_note)
else:
    st.caption(page.advocates_caption)
    people(page.advocates)

# -- action lists ----------------------------------------------------------------------------
st.subheader(ui.t("segments.actions_title"))
st.caption(ui.t("segments.actions_explain"))
# one list at a time: building a CSV of tens of thousands of rows on every rerun would slow
# the page, and one choice keeps the section readable
choice = st.radio(ui.t("segments.list_choose"), list(page.action_lists), horizontal=True,
                  key="seg_action_list", format_func=lambda n: page.action_lists[n].label)
shown = page.action_lists[choice]
st.caption(shown.help)
st.caption(shown.caption)
if view.list_totals[choice]:
    ui.download_csv(shown.frame, shown.file_name, label=shown.label + " (CSV)",
                    key=f"seg_dl_{choice}")
