"""Hand-made checks of what the churn page says: the detractors what-if's verdict, the win-back
download (translated, masked, formula-safe), the what-if's original values and its charts."""
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from cx import churn
from cx.charts import churn as churn_charts
from cx.churn.metrics import detractors_to_passives
from cx.churn.sentences import win_back_download
from cx.safety import csv_bytes
from cx.stats import Z95


def detractor_bundle(p_old, p_new, spend=100.0):
    """Active detractors (latest answer 3) with probabilities p_old; the stub model gives p_new
    to whatever it is asked to score (they have answered 7 by then)."""
    n = len(p_old)
    active = pd.DataFrame({
        "customer_id": [f"C{i}" for i in range(n)], "nps_latest": 3.0, "nps_mean": 3.0,
        "nps_responses": 1, "churn_probability": p_old, "expected_spend": spend,
        "recency_days": 10, "purchase_days": 2, "span_days": 30, "last_gap_days": 30.0})
    calls = []

    def predict(frame):
        calls.append(frame)
        return np.asarray(p_new, dtype=float)

    return SimpleNamespace(active=active, model=SimpleNamespace(predict=predict)), calls


def test_detractors_clear_gain_states_numbers_and_range():
    # 40 detractors, each 0.10 to 0.14 less likely to leave as passives: +4.8 customers kept
    p_old = np.full(40, 0.6)
    drop = np.tile([0.10, 0.14], 20)
    bundle, calls = detractor_bundle(p_old, p_old - drop)
    r = detractors_to_passives(bundle)
    assert (calls[0]["nps_latest"] == 7).all()
    assert r["verdict"] == "gain" and r["customers_kept"] == pytest.approx(4.8)
    half = Z95 * np.std(drop, ddof=1) * np.sqrt(40)
    assert (r["low"], r["high"]) == pytest.approx((4.8 - half, 4.8 + half))
    assert r["revenue_kept"] == pytest.approx(480.0)


def test_detractors_within_noise():
    # changes of +-0.05 that cancel out: 0 kept, an interval around zero
    p_old = np.full(20, 0.5)
    bundle, _ = detractor_bundle(p_old, p_old + np.tile([0.05, -0.05], 10))
    r = detractors_to_passives(bundle)
    assert r["verdict"] == "noise" and r["low"] < 0 < r["high"]


def test_detractors_tiny_but_certain_gain_is_still_noise():
    # every one of 10 detractors 0.01 safer: certain, but a tenth of a customer is no result
    p_old = np.full(10, 0.5)
    bundle, _ = detractor_bundle(p_old, p_old - np.linspace(0.009, 0.011, 10))
    r = detractors_to_passives(bundle)
    assert r["low"] > 0 and r["customers_kept"] < 0.5 and r["verdict"] == "noise"


def test_detractors_negative_answer_is_a_loss_not_a_bare_number():
    p_old = np.full(30, 0.4)
    bundle, _ = detractor_bundle(p_old, p_old + np.tile([0.02, 0.04], 15))
    r = detractors_to_passives(bundle)
    assert r["verdict"] == "loss" and r["high"] < 0 and r["customers_kept"] == pytest.approx(-0.9)


def test_no_detractors():
    bundle, _ = detractor_bundle(np.array([0.5]), np.array([0.5]))
    bundle.active["nps_latest"] = 9.0
    assert detractors_to_passives(bundle)["verdict"] == "none"


@pytest.fixture
def risk():
    return pd.DataFrame({
        "customer_id": ["C1", "C2"], "name": ["=HYPERLINK(\"x\")", "Emma Smith"],
        "email": ["emma@example.com", "+1@example.com"], "churn_probability": [0.91234, 0.5],
        "risk": ["high", "medium"], "reasons": [("recency", "history"), ()],
        "revenue_at_risk": [12.345, 3.0], "expected_spend": [13.5, 6.0], "recency_days": [120, 40],
        "frequency": [2, 5], "avg_order_value": [20.0, 30.0], "nps_latest": [3.0, np.nan],
        "acquisition_channel": ["social", "organic"],
        "last_purchase": pd.to_datetime(["2026-07-01", "2026-10-01"]),
    })


def test_win_back_download_in_japanese(risk):
    out = win_back_download(risk, "ja", presenter=False)
    assert list(out.columns)[:4] == ["customer_id", "氏名", "メール", "離反確率"]
    assert "リスク" in out.columns and "主な理由" in out.columns
    assert out["リスク"].tolist() == ["高リスク", "中リスク"]
    assert out["主な理由"].iloc[0] == "最終購入から日数が経過, 注文回数・購入歴"
    assert out["主な理由"].iloc[1] == ""
    assert out["離反確率"].iloc[0] == 0.9123
    text = csv_bytes(out).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("customer_id,氏名,メール,離反確率,リスク")
    assert "'=HYPERLINK" in text and "'+1@example.com" in text  # formula-safe


def test_win_back_download_masked_in_presenter_mode(risk):
    for lang, name, email in (("en", "Name", "Email"), ("ja", "氏名", "メール")):
        out = win_back_download(risk, lang, presenter=True)
        assert out[name].tolist() == ["=•••", "E•••"]
        assert out[email].tolist() == ["e•••@example.com", "+•••@example.com"]
        assert "Emma" not in csv_bytes(out).decode("utf-8-sig")


def test_win_back_download_english_headers(risk):
    out = win_back_download(risk, "en", presenter=False)
    assert list(out.columns) == ["customer_id", "Name", "Email", "Churn probability", "Risk",
                                 "Top reasons", "Revenue at risk", "Typical spend in horizon",
                                 "Days since last purchase", "Orders", "Average order",
                                 "Latest NPS score", "Acquired via", "Last purchase"]
    assert out["Risk"].tolist() == ["High risk", "Medium risk"]


def test_whatif_returns_the_original_effects(demo_store):
    from tests.conftest import DEMO_END

    cur = demo_store.cursor()
    bundle = churn.get_bundle(cur, churn.make_params(cur, as_of=DEMO_END))
    cur.close()
    recent = bundle.active.sort_values(["recency_days", "customer_id"]).iloc[0]
    row = churn.customer_row(bundle, recent["customer_id"])
    r = churn.whatif(bundle, row, {"recency_days": 300})
    explained = bundle.model.explain(row).iloc[0]
    # every group the model uses; the demo has no refund rows, so refunds is not one of them
    assert set(r["original_effects"]) == set(r["effects"]) == set(bundle.model.groups)
    assert set(bundle.model.groups) == set(churn.REASON_GROUPS) - {"refunds"}
    for k, v in r["original_effects"].items():
        assert v == pytest.approx(explained[f"effect_{k}"])
    assert r["effects"]["recency"] != pytest.approx(r["original_effects"]["recency"])


def test_whatif_probability_chart_marks_the_original():
    fig = churn_charts.churn_whatif_probability_chart(
        pd.DataFrame({"original": [0.62], "probability": [0.35]}),
        labels={"title": "t", "as_is": "As it is", "new": "With these values",
                "mark": "As it is: 62.0%"})
    assert list(fig.data[0].x) == [0.62, 0.35]
    assert fig.data[0].marker.color[1] == "#3A9D5D"  # lower risk: green
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 1 and lines[0].x0 == 0.62 == lines[0].x1
    assert any(a.text == "As it is: 62.0%" for a in fig.layout.annotations)


def test_whatif_reasons_chart_draws_the_original_beside_the_new():
    effects = pd.DataFrame({"label": ["Recency", "Orders", "Refunds"],
                            "effect": [0.30, -0.10, 0.0], "original": [0.05, -0.10, 0.02]})
    fig = churn_charts.churn_whatif_chart(effects, labels={"title": "t", "x": "x",
                                                           "original": "As it is"})
    bars, marks = fig.data
    assert list(bars.y) == ["Recency", "Orders", "Refunds"]  # refunds moved from 2 pt to 0
    assert list(marks.x) == [0.05, -0.10, 0.02] and marks.marker.symbol == "diamond"


def test_groups_read_the_segments_saved_with_the_model(demo_store):
    """Training keeps each customer's segment at both dates, so the page's groups view does not
    recompute them."""
    from cx.churn.scores import loss_groups, typical_choices
    from tests.conftest import DEMO_END

    cur = demo_store.cursor()
    try:
        params = churn.make_params(cur, as_of=DEMO_END)
        bundle = churn.get_bundle(cur, params)
        assert set(bundle.segments) == {"then", "now"}
        now = bundle.segments["now"]
        assert set(now.astype(str)) <= {"Champions", "Spenders", "Referrers", "Others"}
        assert now.index.isin(bundle.active["customer_id"].astype(str)).mean() > 0.5
        saved_groups, saved_choices = loss_groups(cur, params), typical_choices(cur, params)
    finally:
        cur.close()
    assert "segment" in set(saved_groups["dimension"])
    assert any(c.startswith("segment=") for c in saved_choices)
