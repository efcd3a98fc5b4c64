"""Events on the pages (AppTest, on a copy of the demo database): added on the Data page and
listed, imported from a CSV (all or nothing), deleted; added from a chart page's popover; drawn
on the NPS and retention charts on the next run."""
from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cx.charts.events import EVENT_COLOR
from tests.conftest import ROOT


@pytest.fixture
def events_env(demo_db_path, tmp_path, monkeypatch):
    """A copy of the demo database: events written here never reach the other page tests."""
    path = tmp_path / "events.duckdb"
    shutil.copy(demo_db_path, path)
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


def open_page(script: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(script)
    return at.run()


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def said(elements) -> list[str]:
    """Messages as the user reads them (user text in them is markdown-escaped)."""
    return [e.value.replace("\\", "") for e in elements]


def listed(at: AppTest) -> list[str]:
    return [t.value for t in at.text if " · " in t.value]


def event_marks(at: AppTest) -> list[dict]:
    """The event lines and bands of every chart on the page."""
    out = []
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec).get("layout", {})
        out += [s for s in layout.get("shapes", [])
                if s.get("line", {}).get("color") == EVENT_COLOR
                or str(s.get("fillcolor", "")).startswith("rgba(122")]
    return out


def add_on_form(at: AppTest, key: str, date: str, label: str, end: str | None = None) -> None:
    at.date_input(key=f"{key}-date").set_value(date)
    if end:
        at.date_input(key=f"{key}-end").set_value(end)
    at.text_input(key=f"{key}-label").set_value(label)
    at.button(key=f"{key}-add").click()
    at.run()


def test_add_list_import_and_delete_on_the_data_page(events_env):
    at = open_page("views/data.py")
    clean(at)
    assert "Events on the timeline" in [s.value for s in at.subheader]
    assert "No events yet." in [c.value for c in at.caption]
    add_on_form(at, "data-event", "2026-03-01", "spring campaign", "2026-03-31")
    clean(at)
    assert listed(at) == ["spring campaign · 1 Mar 2026 – 31 Mar 2026"]
    assert said(at.toast) == ["Event “spring campaign” added."]
    # an end before the start: one sentence, nothing added
    add_on_form(at, "data-event", "2026-05-10", "backwards", "2026-05-01")
    assert said(at.error) == [
        "The end date 2026-05-01 is before the start date 2026-05-10."]
    assert len(listed(at)) == 1
    # a file with a bad row imports nothing
    at.file_uploader(key="events-upload-0").set_value(
        [("events.csv", b"date,label\n2026-06-01,summer\nlater,bad\n", "text/csv")])
    at.run()
    at.button(key="events_import").click()
    at.run()
    clean(at)
    assert said(at.error) == [
        "Nothing was imported, because 1 row is not an event (line 3: “later” is not a date; "
        "write it as YYYY-MM-DD, such as 2026-03-01)."]
    assert len(listed(at)) == 1
    at.file_uploader(key="events-upload-0").set_value(
        [("events.csv", b"date,label,end\n2026-06-01,summer,\n2026-03-01,Spring campaign,\n"
          b"2026/07/01,new barista,\n", "text/csv")])
    at.run()
    at.button(key="events_import").click()
    at.run()
    clean(at)
    assert said(at.toast) == ["2 events added, 1 already there."]
    assert [label.split(" · ")[0] for label in listed(at)] == [
        "spring campaign", "summer", "new barista"]
    assert any(d.label == "Download events (CSV)" for d in at.get("download_button"))
    at.button(key="event-delete-2").click()  # summer
    at.run()
    clean(at)
    assert [label.split(" · ")[0] for label in listed(at)] == ["spring campaign", "new barista"]


def test_an_event_added_on_a_chart_page_is_drawn_on_its_charts(events_env):
    at = open_page("views/nps.py")
    clean(at)
    assert event_marks(at) == []
    # the demo's answers run to 2026-11-22: an event in August 2026 is on the monthly trend
    add_on_form(at, "popover", "2026-08-10", "price rise")
    clean(at)
    marks = event_marks(at)
    assert len(marks) == 2 and all(m["type"] == "line" for m in marks)  # trend and mix
    assert said(at.toast) == ["Event “price rise” added."]
    # the same event marks its cohort on the retention page, in Japanese too
    at = open_page("views/retention.py", lang="ja")
    clean(at)
    assert event_marks(at)  # the heatmap's August 2026 row and the period-1 line
    hover = [h for c in at.get("plotly_chart")
             for tr in json.loads(c.proto.spec).get("data", []) if tr.get("name") == "出来事"
             for h in tr.get("hovertext", [])]
    assert hover == ["このコホートの月の出来事：price rise · 2026年8月10日"]
