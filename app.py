"""Loyalty Loop: the frame every page runs in (page config, sidebar, navigation)."""
from pathlib import Path

import streamlit as st

from cx import ui

ROOT = Path(__file__).resolve().parent

# (script, navigation label key, icon, section key); a page is listed once its script exists.
PAGES = [
    ("views/overview.py", "nav.overview", ":material/dashboard:", "nav.section.insights"),
    ("views/retention.py", "nav.retention", ":material/autorenew:", "nav.section.insights"),
    ("views/repeat.py", "nav.repeat", ":material/replay:", "nav.section.insights"),
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

# Every page answers at its own address (/overview, /retention, ...). Streamlit serves the
# default page at "/" only, and a page's address is also its identity, so the first page is
# listed twice: as the default ("/", shown in the menu) and, hidden, under its own name, so that
# a link to /overview opens it instead of a "Page not found" dialog.
sections: dict[str, list] = {}
aliases: list = []
for script, label_key, icon, section_key in PAGES:
    if (ROOT / script).exists():
        default = not any(sections.values())
        name = Path(script).stem
        sections.setdefault(ui.t(section_key), []).append(
            st.Page(script, title=ui.t(label_key), icon=icon,
                    url_path=f"{name}-home" if default else name, default=default))
        if default:
            aliases.append(st.Page(script, title=ui.t(label_key), icon=icon, url_path=name,
                                   visibility="hidden"))
if aliases:
    sections[next(iter(sections))] += aliases
st.navigation(sections).run()
