"""Loyalty Loop: the frame every page runs in (page config, sidebar, navigation)."""
from pathlib import Path

import streamlit as st

from cx import ui

ROOT = Path(__file__).resolve().parent

# (script, navigation label key, icon, section key); a page is listed once its script exists.
PAGES = [
    ("views/overview.py", "nav.overview", ":material/dashboard:", "nav.section.insights"),
    ("views/retention.py", "nav.retention", ":material/autorenew:", "nav.section.insights"),
    ("views/segments.py", "nav.segments", ":material/group:", "nav.section.insights"),
    ("views/nps.py", "nav.nps", ":material/sentiment_satisfied:", "nav.section.insights"),
    ("views/churn.py", "nav.churn", ":material/warning:", "nav.section.insights"),
    ("views/data.py", "nav.data", ":material/upload_file:", "nav.section.manage"),
]

presenting = st.session_state.get("presenter") or st.query_params.get("presenter") in ("1", "true")
st.set_page_config(page_title="Loyalty Loop", page_icon=":material/loyalty:", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")
ui.require_login()
ui.sidebar()

sections: dict[str, list] = {}
for script, label_key, icon, section_key in PAGES:
    if (ROOT / script).exists():
        sections.setdefault(ui.t(section_key), []).append(
            st.Page(script, title=ui.t(label_key), icon=icon,
                    url_path=Path(script).stem, default=not any(sections.values())))
st.navigation(sections).run()
