"""Overview: headline numbers with their change and trend, links to each page."""
import streamlit as st

from cx import report, ui
from cx.demo import load_demo
from cx.overview import overview_page

info = ui.summary()
if info.is_empty:
    st.title(ui.t("firstrun.title"))
    st.write(ui.t("firstrun.explain"))
    left, right = st.columns(2)
    if left.button(ui.t("firstrun.demo"), type="primary", key="firstrun_demo"):
        with st.spinner(ui.t("firstrun.demo_loading")):
            load_demo(ui.get_store(), train_model=True)
        st.rerun()
    right.page_link("views/data.py", label=ui.t("firstrun.import"), icon=":material/upload_file:")
    st.stop()

ui.page_header("overview.title", "overview.how_to_read")
ui.event_popover()
scope = ui.scope()
lang, presenter = ui.lang(), ui.presenter()
page = ui.call(overview_page, scope, lang, presenter, ui.currency())

PER_ROW = 3  # nine headlines in three rows; four cut values like $161.6k on a 1024px screen
for start in range(0, len(page.cards), PER_ROW):
    row = page.cards[start:start + PER_ROW]
    intervals = any(card.interval for card in row)
    for col, card in zip(st.columns(PER_ROW), row):
        with col:
            st.metric(card.label, card.value, delta=card.change,
                      **ui.delta_style(card.change, card.higher_is_better, card.real),
                      help=card.help,
                      delta_description=(card.year or None) if card.change else None,
                      chart_data=list(card.trend) or None, border=True, height="stretch")
            if card.year and not card.change:  # no delta to stand beside
                st.caption(card.year)
            if intervals:  # one caption line in every column keeps the links level
                st.caption(card.interval or "\u00a0")
            if card.page and ui.page_exists(card.page):
                st.page_link(card.page, label=card.page_label)

for note in page.notes:
    st.info(note.sentence, icon=":material/info:")
    if note.page and ui.page_exists(note.page):
        st.page_link(note.page, label=note.page_label)

st.subheader(ui.t("overview.what_changed"))
st.markdown(page.what_changed)

st.divider()
st.download_button(
    ui.t("report.button"),
    data=lambda: report.report_html(ui.get_store(), lang, presenter, scope),
    file_name=f"loyalty-loop-report-{scope.as_of.isoformat()}.html", mime="text/html",
    icon=":material/download:", key="report_download")
