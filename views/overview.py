"""Overview: headline numbers with their change and trend, links to each page."""
import streamlit as st

from cx import headline as headline_text
from cx import overview, report, ui
from cx.demo import load_demo

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
scope = ui.scope()
headlines = list(ui.cached(overview.activity_headlines, scope))
for area_headline, cacheable in overview.area_headlines_with_caching():
    headlines += (ui.cached if cacheable else ui.uncached)(area_headline, scope)
lang, presenter, currency = ui.lang(), ui.presenter(), ui.currency()
# a sentence instead of a number: notes, data the shop has not loaded, too few customers
notes = headline_text.sentences_instead(headlines, lang)
headlines = [h for h in headlines if headline_text.shown_as_number(h)]

PER_ROW = 3  # nine headlines in three rows; four cut values like $161.6k on a 1024px screen
for start in range(0, len(headlines), PER_ROW):
    row = headlines[start:start + PER_ROW]
    intervals = [overview.format_interval(h, lang) for h in row]
    for col, h, interval in zip(st.columns(PER_ROW), row, intervals):
        with col:
            change = overview.format_change(h, lang, currency)
            st.metric(ui.t(h.key), overview.format_value(h.value, h.kind, lang, currency),
                      delta=change, **ui.delta_style(change, h.higher_is_better),
                      help=headline_text.help_text(h, lang),
                      chart_data=list(h.trend) or None, border=True, height="stretch")
            if any(intervals):  # one caption line in every column keeps the links level
                st.caption(interval or "\u00a0")
            if h.page and ui.page_exists(h.page):
                st.page_link(h.page, label=ui.t("overview.open_page",
                                                page=ui.t("nav." + h.page.split("/")[-1][:-3])))

for note, sentence in notes:
    st.info(sentence, icon=":material/info:")
    if note.page and ui.page_exists(note.page):
        st.page_link(note.page, label=ui.t("overview.open_page",
                                           page=ui.t("nav." + note.page.split("/")[-1][:-3])))

st.subheader(ui.t("overview.what_changed"))
sentences = overview.what_changed_sentences(ui.cached(overview.what_changed, scope), lang,
                                            presenter)
st.markdown(overview.what_changed_markdown(sentences, lang))

st.divider()
st.download_button(
    ui.t("report.button"),
    data=lambda: report.report_html(ui.get_store(), lang, presenter, scope),
    file_name=f"loyalty-loop-report-{scope.as_of.isoformat()}.html", mime="text/html",
    icon=":material/download:", key="report_download")
