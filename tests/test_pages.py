"""Every page runs on the demo data, in both languages, without an exception."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGE_SCRIPTS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "views").glob("*.py")
                      if p.name != "__init__.py")


def run_page(script: str, lang: str = "en", presenter: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["presenter"] = presenter
    at.run()
    at.switch_page(script)
    at.run()
    return at


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("script", PAGE_SCRIPTS)
def test_page_runs_on_demo_data(app_env, script, lang):
    at = run_page(script, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_shell_sidebar_shows_what_is_loaded(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "1,500 customers" in captions
    assert at.sidebar.selectbox(key="lang").value == "en"
