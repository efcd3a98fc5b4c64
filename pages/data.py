"""Data page: what is loaded, import history, demo data, delete all."""
import streamlit as st

from cx import i18n, ui
from cx.demo import load_demo
from cx.store import delete_all, fetch_df

ui.page_header("data.title", "data.how_to_read")
info = ui.summary()

st.subheader(ui.t("data.loaded"))
cols = st.columns(5)
cols[0].metric(ui.t("data.customers"), i18n.fmt_int(info.customers))
cols[1].metric(ui.t("data.orders"), i18n.fmt_int(info.transactions))
cols[2].metric(ui.t("data.revenue"), ui.money(info.revenue, compact=True))
cols[3].metric(ui.t("data.responses"), i18n.fmt_int(info.survey_responses))
cols[4].metric(ui.t("data.referrals"), i18n.fmt_int(info.referrals))

st.subheader(ui.t("data.history"))
history = ui.cached(fetch_df, "SELECT batch_id, kind, file_name, source, rows_read, rows_loaded, "
                    "rows_rejected, rows_skipped, imported_at FROM import_batches "
                    "WHERE undone_at IS NULL ORDER BY batch_id DESC")
if history.empty:
    st.caption(ui.t("data.history_empty"))
else:
    ui.table(history)

with st.expander(ui.t("data.demo")):
    st.caption(ui.t("data.demo_help"))
    if st.button(ui.t("data.load_demo"), key="load_demo"):
        load_demo(ui.get_store())
        st.success(ui.t("data.demo_loaded"))
        st.rerun()

with st.expander(ui.t("data.danger")):
    sure = st.checkbox(ui.t("data.delete_confirm"), key="delete_confirm")
    if st.button(ui.t("data.delete"), disabled=not sure, type="primary", key="delete_all"):
        delete_all(ui.get_store())
        st.success(ui.t("data.deleted"))
        st.rerun()
