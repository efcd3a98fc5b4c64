"""Hand-made checks of what the churn page says: the detractors what-if's verdict."""
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from cx.churn.insights import detractors_to_passives


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
    half = 1.96 * np.std(drop, ddof=1) * np.sqrt(40)
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
