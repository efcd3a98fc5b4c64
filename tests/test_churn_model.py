"""The churn model, its explanations and what-ifs, the BG/NBD baseline and the backtest metrics."""
import math

import numpy as np
import pandas as pd
import pytest

from cx.churn import bgnbd
from cx.churn.backtest import (
    calibration_table,
    fit_recency_baseline,
    lift_table,
    summarise,
    top_share_precision,
)
from cx.churn.model import ChurnModel, apply_changes, derive, fit_calibrated, typical_values


def synthetic_frame(n: int = 1200, seed: int = 0) -> pd.DataFrame:
    """Customers whose churn depends on two things only: a latest NPS answer of 0-6 and more
    than 60 days since the last purchase. Most customers are neither (so the typical customer,
    the explanations' reference, is a safe one)."""
    rng = np.random.default_rng(seed)
    days = rng.integers(1, 12, n)
    df = pd.DataFrame({
        "customer_id": [f"C{i:05d}" for i in range(n)],
        "recency_days": np.where(rng.random(n) < 0.7, rng.integers(0, 60, n),
                                 rng.integers(61, 200, n)),
        "frequency": days + rng.integers(0, 3, n),
        "purchase_days": days,
        "span_days": (days - 1) * rng.integers(5, 40, n),
        "last_gap_days": np.where(days > 1, rng.integers(5, 40, n), np.nan),
        "avg_order_value": rng.uniform(10, 80, n),
        "gap_cv": np.where(days > 2, rng.uniform(0, 1.5, n), np.nan),
        "value_trend": rng.uniform(0.7, 1.3, n),
        "channel_count": rng.integers(1, 4, n),
        "refund_count": 0,
        "discount_share": rng.uniform(0, 1, n),
        "nps_latest": np.where(rng.random(n) < 0.7, rng.integers(7, 11, n),
                               rng.integers(0, 7, n)).astype(float),
        "nps_responses": 1,
        "referrals_made": rng.integers(0, 3, n),
        "was_referred": rng.integers(0, 2, n),
        "acquisition_channel": rng.choice(["organic", "social"], n),
        "first_category": rng.choice(["tea", "coffee"], n),
        "main_channel": rng.choice(["online", "store"], n),
        "total_spend": rng.uniform(10, 500, n),
    })
    df["nps_mean"] = df["nps_latest"]
    df = derive(df)
    risk = 0.1 + 0.45 * (df["nps_latest"] <= 6) + 0.4 * (df["recency_days"] > 60)
    y = (rng.random(n) < risk).astype(int).to_numpy()
    return df, y


@pytest.fixture(scope="module")
def fitted():
    df, y = synthetic_frame()
    model = ChurnModel(gb=fit_calibrated(df, y), logit=None, typical=typical_values(df),
                       cutoff=None, horizon=30, n_train=len(df), churn_rate=float(y.mean()))
    return model, df, y


def test_probabilities_are_calibrated_and_follow_the_rule(fitted):
    model, df, _ = fitted
    p = model.predict(df)
    assert ((p >= 0) & (p <= 1)).all()
    # the true risks are 0.10 / 0.50 / 0.55 / 0.95: group means should be close
    groups = {(False, False): 0.10, (False, True): 0.50, (True, False): 0.55, (True, True): 0.95}
    for (det, late), true in groups.items():
        mask = ((df["nps_latest"] <= 6) == det) & ((df["recency_days"] > 60) == late)
        assert p[mask].mean() == pytest.approx(true, abs=0.1)


def test_whatif_moves_the_probability_the_expected_way(fitted):
    model, df, _ = fitted
    row = df[(df["nps_latest"] == 3) & (df["recency_days"] > 100)].head(1)
    p0 = model.predict(row)[0]
    recent = model.predict(apply_changes(row, {"recency_days": 5}, model.typical))[0]
    promoter = model.predict(apply_changes(row, {"nps_latest": 10}, model.typical))[0]
    both = model.predict(apply_changes(row, {"recency_days": 5, "nps_latest": 10}))[0]
    assert recent < p0 - 0.2
    assert promoter < p0 - 0.2
    assert both < min(recent, promoter)


def test_apply_changes_keeps_inputs_consistent():
    row = derive(pd.DataFrame({
        "customer_id": ["X"], "recency_days": [10], "frequency": [4], "purchase_days": [4],
        "span_days": [30], "last_gap_days": [12.0], "nps_latest": [4.0], "nps_mean": [6.0],
        "nps_responses": [2]}))
    out = apply_changes(row, {"recency_days": 40, "frequency": 8, "nps_latest": 8})
    assert out["tenure_days"].iloc[0] == 70  # 40 days since the last of a 30-day history
    assert out["purchase_days"].iloc[0] == 8
    assert out["mean_gap_days"].iloc[0] == pytest.approx(30 / 7)
    assert out["overdue_ratio"].iloc[0] == pytest.approx(40 / (30 / 7))
    assert out["nps_mean"].iloc[0] == pytest.approx(8.0)  # (8 + 8) / 2: the 4 became an 8
    none = apply_changes(row, {"nps_latest": float("nan")})
    assert none["nps_responses"].iloc[0] == 0 and math.isnan(none["nps_mean"].iloc[0])
    one = apply_changes(row, {"frequency": 1})
    assert one["span_days"].iloc[0] == 0 and math.isnan(one["mean_gap_days"].iloc[0])
    assert row["frequency"].iloc[0] == 4  # the original is untouched


def test_explanations_name_the_real_drivers(fitted):
    model, df, _ = fitted
    risky = df[(df["nps_latest"] <= 3) & (df["recency_days"] > 120)].head(20)
    explained = model.explain(risky)
    assert len(explained) == len(risky)
    for reasons in explained["reasons"]:
        assert set(reasons[:2]) == {"nps", "recency"}
    safe = df[(df["nps_latest"] >= 9) & (df["recency_days"] < 30)].head(20)
    for reasons in model.explain(safe)["reasons"]:
        assert "nps" not in reasons and "recency" not in reasons


# -- BG/NBD ---------------------------------------------------------------------------------------
def test_bgnbd_formulas_by_hand():
    m = bgnbd.BGNBD(r=1.0, alpha=1.0, a=1.0, b=1.0)
    # no repeat purchase: certainly alive
    assert m.p_alive(0, 0, 5)[()] == 1.0
    # x=1, t_x=1, T=2: 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x)) = 1 / (1 + 2.25)
    assert m.p_alive(1, 1, 2)[()] == pytest.approx(1 / 3.25)
    # x=0, T=1, h=1: alive, quiet with probability ((1+1)/(1+1+1))^1 = 2/3
    assert m.prob_no_purchase(0, 0, 1, 1)[()] == pytest.approx(2 / 3)
    # x=1, t_x=1, T=2, h=1: 1 - p_alive * (1 - (3/4)^2)
    assert m.prob_no_purchase(1, 1, 2, 1)[()] == pytest.approx(1 - (1 / 3.25) * (1 - 0.5625))


def test_bgnbd_fit_recovers_simulated_parameters():
    true = bgnbd.BGNBD(r=0.5, alpha=10.0, a=0.8, b=2.5)
    x, t_x, T = bgnbd.simulate(true, 5000, 365, seed=3)
    fit = bgnbd.fit_bgnbd(x, t_x, T)
    assert fit.r == pytest.approx(true.r, rel=0.25)
    assert fit.alpha == pytest.approx(true.alpha, rel=0.35)
    assert fit.r / fit.alpha == pytest.approx(true.r / true.alpha, rel=0.15)  # mean buying rate
    assert fit.a / (fit.a + fit.b) == pytest.approx(true.a / (true.a + true.b), rel=0.25)


def test_bgnbd_likelihood_is_a_probability():
    # sum over every possible x of the likelihood for a fixed T=1 window cannot exceed 1 ... and
    # the log-likelihood is finite and negative for ordinary inputs
    ll = bgnbd.log_likelihood((0.5, 2.0, 0.7, 2.0), [0, 1, 3], [0, 5, 20], [30, 30, 30])
    assert np.isfinite(ll).all() and (ll < 0).all()


# -- backtest metrics ----------------------------------------------------------------------------
def test_top_share_precision_by_hand():
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    p = np.array([0.9, 0.8, 0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1, 0.05])
    assert top_share_precision(y, p, 0.10) == 1.0  # the riskiest one churned
    assert top_share_precision(y, p, 0.20) == 0.5  # 0.9 churned, 0.8 did not


def test_lift_and_calibration_tables_by_hand():
    y = np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    p = np.linspace(0.95, 0.05, 10)  # already sorted riskiest first
    lift = lift_table(y, p, groups=5)
    assert list(lift["customers"]) == [2, 2, 2, 2, 2]
    assert list(lift["churn_rate"]) == [1.0, 0.5, 0.0, 0.0, 0.0]
    assert lift["lift"].iloc[0] == pytest.approx(1.0 / 0.3)
    assert list(lift["captured"].round(4)) == [round(2 / 3, 4), 1.0, 1.0, 1.0, 1.0]
    cal = calibration_table(np.array([1, 0, 1, 1]), np.array([0.05, 0.08, 0.95, 0.91]))
    assert list(cal["observed"]) == [0.5, 1.0]
    assert list(cal["customers"]) == [2, 2]


def test_summary_is_honest_when_a_baseline_wins():
    y = np.array([1, 0, 1, 0, 1, 0, 1, 0])
    good = np.array([0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4])
    bad = good[::-1]
    result = summarise(y, {"gradient_boosting": bad, "recency": good}, None, None, 30)
    assert result.winner == "recency" and not result.model_wins
    result = summarise(y, {"gradient_boosting": good, "recency": bad}, None, None, 30)
    assert result.winner == "gradient_boosting" and result.model_wins
    # a hair apart: a draw, not a win
    close = np.clip(good + np.array([0.001, 0, 0, 0, 0, 0, 0, 0]), 0, 1)
    result = summarise(y, {"gradient_boosting": good, "bgnbd": close}, None, None, 30)
    assert result.verdict == "on_par" and not result.model_wins and result.winner == "bgnbd"


def test_recency_baseline_is_monotone():
    iso = fit_recency_baseline([0, 10, 20, 100, 200], [0, 0, 1, 1, 1])
    p = iso.predict(np.array([0, 15, 300], dtype=float))
    assert p[0] <= p[1] <= p[2] and p[2] == 1.0


def test_fits_and_predictions_use_one_openmp_thread_in_any_thread(fitted):
    """OpenMP's thread count is kept per thread: the limit set when cx.churn.model is imported
    does not reach the threads Streamlit runs each page in (nor an upload's background fit),
    where the booster's spinning threads made a fit ten times slower. Fits and predictions set
    it in the thread they run in."""
    import os
    import threading

    from threadpoolctl import threadpool_info

    from cx.churn import model as churn_model

    model, df, y = fitted
    seen = {}

    def openmp_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "openmp"]

    def in_a_new_thread(name, work):
        def run():
            work()
            seen[name] = openmp_threads()
        t = threading.Thread(target=run)
        t.start()
        t.join()

    in_a_new_thread("predict", lambda: model.predict(df.head(5)))
    in_a_new_thread("fit", lambda: churn_model.fit_churn_model(df.head(300), y[:300]))
    assert seen["predict"] and seen["fit"]
    wanted = int(os.environ.get("CX_OPENMP_THREADS", "1"))
    assert set(seen["predict"]) == set(seen["fit"]) == {wanted}
