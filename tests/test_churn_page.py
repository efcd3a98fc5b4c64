"""The churn page with its controls changed: horizon, sort, groups, what-if sliders, presenter
mode, and the small-data view."""
from datetime import date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from cx.churn.page import _kpi_headlines
from cx.churn.train import ChurnParams
from cx.headline import comparisons
from cx.store import Store
from tests.conftest import ROOT
from tests.test_churn_features import add_tx

PAGE = "views/churn.py"


def open_page(lang="en", presenter=False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = lang
    at.session_state["presenter"] = presenter
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_sliders_move_the_probability(app_env):
    at = open_page()
    label = "Churn probability with these values"
    before = metric(at, label)
    assert before == metric(at, "Churn probability as it is")
    rec = next(s for s in at.slider if s.key.startswith("wi_rec_"))
    rec.set_value(0).run()
    assert not at.exception
    after = metric(at, label)
    assert after != before  # the riskiest customer, as if they had just bought
    assert float(after.rstrip("%")) < float(before.rstrip("%"))
    nps = next(s for s in at.select_slider if s.key.startswith("wi_nps_"))
    nps.set_value(10).run()
    assert not at.exception and not at.error
    freq = next(s for s in at.slider if s.key.startswith("wi_freq_"))
    freq.set_value(freq.value + 5).run()
    assert not at.exception


def test_controls_change_without_errors(app_env):
    at = open_page()
    at.radio(key="churn_sort").set_value("revenue").run()
    assert not at.exception
    at.selectbox(key="churn_dim").set_value("nps_group").run()
    assert not at.exception
    assert any("Losing customers fastest" in t.value for t in at.text)
    at.selectbox(key="churn_dim").set_value("segment").run()
    assert not at.exception
    at.radio(key="churn_subject").set_value("typical").run()
    assert not at.exception
    typical = at.selectbox(key="churn_typical_of")
    assert "segment=Champions" in typical.options or "Segment: Champions" in typical.options
    typical.set_value("acquisition_channel=referral").run()
    assert not at.exception
    before = at.metric  # the typical referred customer, then a typical detractor
    at.selectbox(key="churn_typical_of").set_value("nps_group=detractor").run()
    assert not at.exception and len(at.metric) == len(before)
    at.slider(key="churn_winback").set_value(50).run()
    assert not at.exception
    at.selectbox(key="churn_horizon").set_value(90).run()
    assert not at.exception and not at.error
    assert any("next 90 days" in c.value for c in at.caption)


def test_presenter_mode_masks_the_risk_list(app_env):
    at = open_page(presenter=True)
    names = at.dataframe[0].value["name"].dropna()
    assert len(names) and names.str.endswith("•••").all()


def test_japanese_page(app_env):
    at = open_page("ja")
    assert not at.error
    assert any(m.label == "この条件での離反確率" for m in at.metric)


@pytest.fixture
def tiny_env(tmp_path, monkeypatch):
    path = tmp_path / "tiny.duckdb"
    store = Store(path)
    add_tx(store, [(f"o{i}", f"C{i}", datetime(2026, 1, 1) + timedelta(days=i * 2), 20.0,
                    "online", 0.0, "tea") for i in range(20)])
    store.close()
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_small_data_says_what_is_missing_and_shows_recency(tiny_env, lang):
    at = open_page(lang)
    assert not at.error
    assert len(at.warning) == 1
    text = at.warning[0].value
    if lang == "en":
        assert "Not enough data" in text and "more customers" in text and "more days" in text
    assert len(at.get("plotly_chart")) == 1  # the recency view


def test_page_after_training_reruns_cleanly(tmp_path, monkeypatch):
    """The first visit trains with a progress bar; later runs must not replay it (Streamlit
    replays elements written inside cached functions)."""
    from tests.conftest import build_demo_db

    path = build_demo_db(tmp_path / "fresh.duckdb", customers=500)
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.switch_page(PAGE)
    at.run()  # trains here
    assert not at.exception, [e.value for e in at.exception]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.radio(key="churn_sort").set_value("revenue").run()
    assert not at.exception and len(at.metric) >= 4
    from cx import churn

    store = Store(path)  # the model the page fitted is kept (in this process's memory)
    cur = store.cursor()
    assert churn.cached_bundle(cur, churn.default_params(cur)) is not None
    cur.close()
    store.close()


def test_japanese_screens_other_states_have_no_english(app_env):
    from tests.test_i18n_pages import app_texts, english_words

    at = open_page("ja")
    at.radio(key="churn_subject").set_value("typical").run()
    at.selectbox(key="churn_dim").set_value("nps_group").run()
    assert not at.exception
    # acquisition channel names are the shop's own data (English in the demo), not app text
    data_words = {w for o in at.selectbox(key="churn_typical_of").options
                  for w in english_words(o.split(":", 1)[-1])}
    assert data_words <= {"organic", "social", "search_ads", "email", "referral"}
    leftovers = sorted({w for t in app_texts(at) for w in english_words(t)} - data_words)
    assert leftovers == [], leftovers


def test_japanese_small_data_screen_has_no_english(tiny_env):
    from tests.test_i18n_pages import app_texts, english_words

    at = open_page("ja")
    leftovers = sorted({w for t in app_texts(at) for w in english_words(t)})
    assert leftovers == [], leftovers


def chart_titles(at) -> list[str]:
    import json

    return [(json.loads(c.proto.spec)["layout"].get("title") or {}).get("text")
            for c in at.get("plotly_chart")]


def test_whatif_marks_the_original_value(app_env):
    import json

    at = open_page()
    assert "Churn probability: as it is and with these values" in chart_titles(at)
    rec = next(s for s in at.slider if s.key.startswith("wi_rec_"))
    original = rec.value
    rec.set_value(0).run()
    assert not at.exception
    moved = next(d.value for d in at.dataframe if "With these values" in d.value.columns)
    assert moved.to_dict("records") == [{"Input": "Days since last purchase",
                                         "As it is": f"{original:,}", "With these values": "0"}]
    prob = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if "as it is and with" in (json.loads(c.proto.spec)["layout"]["title"]["text"]))
    mark = prob["layout"]["shapes"][0]
    assert mark["x0"] == prob["data"][0]["x"][0]  # the dashed line sits on "as it is"
    reasons = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                   if json.loads(c.proto.spec)["layout"]["title"]["text"]
                   == "What drives this customer's risk")
    assert any(t.get("marker", {}).get("symbol") == "diamond" for t in reasons["data"])


def test_detractors_whatif_never_shows_a_bare_negative(app_env):
    at = open_page()
    labels = [m.label for m in at.metric]
    if "Their mean churn probability" in labels:  # a clear gain: numbers with their range
        assert any(c.value.startswith("95% range:") for c in at.caption)
        kept = [m.value for m in at.metric if m.label == "Customers kept"]
        assert all(not v.startswith("-") for v in kept)
    else:
        assert any(i.value.startswith(("The model finds no clear effect",
                                       "The model does not expect this")) for i in at.info)


def test_key_number_comparisons_follow_the_headlines_judgement():
    """Active customers are a count (Poisson): 1,136 against 1,050 one horizon earlier is +86,
    1.96 sqrt(1136 + 1050) = 91.6: within the noise; against 621 a year earlier +515 is real.
    The model's numbers keep the previous value without a verdict, and no year-ago value."""
    params = ChurnParams(as_of=date(2026, 11, 22), horizon=60)
    numbers = {"active": 1136, "previous_active": 1050, "year_active": 621, "high_risk": 653,
               "previous_high_risk": 603, "high_risk_spend": 27215.5,
               "previous_high_risk_spend": 24615.2, "roc_auc": 0.95}
    active, high, spend, auc = _kpi_headlines(numbers, params)
    previous, year = comparisons(active)
    assert (previous.diff, previous.verdict, year.diff, year.verdict) == (86, "noise", 515, "up")
    assert previous.basis.last == date(2026, 9, 23) and year.basis.last == date(2025, 11, 22)
    for h in (high, spend):
        previous, year = comparisons(h)
        assert previous.verdict == "unknown" and previous.reason == "churn.noise.model"
        assert year.other is None and year.reason == "churn.year.model"
    assert comparisons(auc)[0] is None
    # the data does not reach back a year: said, never a zero
    previous, year = comparisons(_kpi_headlines({**numbers, "year_active": None}, params)[0])
    assert year.other is None and year.reason == "headline.year.none"
