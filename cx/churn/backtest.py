"""How good the churn scores have been: ROC AUC, precision among the top 10% riskiest, Brier score,
calibration and lift tables, for our model and the baselines, on a period the models never saw."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

MODEL_KEYS = ("gradient_boosting", "logistic", "recency", "bgnbd")
TIE = 0.005  # differences in ROC AUC or Brier score this small are a draw


def top_share_precision(y, p, share: float = 0.10) -> float:
    """Share of churners among the `share` riskiest customers (at least one customer; ties broken
    by the order of the data)."""
    y, p = np.asarray(y), np.asarray(p)
    if len(y) == 0:
        return float("nan")
    k = max(1, int(round(len(y) * share)))
    idx = np.argsort(-p, kind="stable")[:k]
    return float(y[idx].mean())


def score_metrics(y, p) -> dict:
    y, p = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    both = len(np.unique(y)) == 2
    return {"roc_auc": float(roc_auc_score(y, p)) if both else float("nan"),
            "top10_precision": top_share_precision(y, p),
            "brier": float(brier_score_loss(y, p)) if len(y) else float("nan"),
            "customers": int(len(y)),
            "churn_rate": float(y.mean()) if len(y) else float("nan")}


def calibration_table(y, p, bins: int = 10) -> pd.DataFrame:
    """Predicted vs observed churn in equal-width probability bins (empty bins left out)."""
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    df = pd.DataFrame({"bin": which, "p": p, "y": y})
    out = df.groupby("bin").agg(predicted=("p", "mean"), observed=("y", "mean"),
                                customers=("y", "size")).reset_index()
    out["bin_low"] = edges[out["bin"]]
    out["bin_high"] = edges[out["bin"] + 1]
    return out[["bin_low", "bin_high", "predicted", "observed", "customers"]]


def lift_table(y, p, groups: int = 10) -> pd.DataFrame:
    """Customers sorted riskiest first and cut in `groups` equal parts: churn rate per part, its
    lift over the overall rate, and the cumulative share of all churners caught so far."""
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    n = len(y)
    if n == 0:
        return pd.DataFrame(columns=["decile", "customers", "churn_rate", "lift", "captured"])
    order = np.argsort(-p, kind="stable")
    part = np.minimum((np.arange(n) * groups) // n, groups - 1) + 1
    ys = y[order]
    df = pd.DataFrame({"decile": part, "y": ys})
    out = df.groupby("decile").agg(customers=("y", "size"), churners=("y", "sum")).reset_index()
    base = y.mean() if n else np.nan
    out["churn_rate"] = out["churners"] / out["customers"]
    out["lift"] = out["churn_rate"] / base if base > 0 else np.nan
    total = y.sum()
    out["captured"] = out["churners"].cumsum() / total if total > 0 else np.nan
    return out[["decile", "customers", "churn_rate", "lift", "captured"]]


def fit_recency_baseline(recency_days, y) -> IsotonicRegression:
    """The recency-only baseline: churn probability as a non-decreasing function of days since
    the last purchase, learned on the training period."""
    iso = IsotonicRegression(out_of_bounds="clip", increasing=True, y_min=0.0, y_max=1.0)
    return iso.fit(np.asarray(recency_days, dtype=float), np.asarray(y, dtype=float))


@dataclass
class BacktestResult:
    train_cutoff: object  # date the backtest models learned from
    eval_cutoff: object  # date they scored; outcomes are the horizon after it
    horizon: int
    metrics: pd.DataFrame  # one row per model: roc_auc, top10_precision, brier
    calibration: dict = field(default_factory=dict)  # model -> calibration_table
    lift: dict = field(default_factory=dict)  # model -> lift_table
    winner: str = "gradient_boosting"  # best ROC AUC
    verdict: str = "wins"  # wins | on_par | loses (see summarise)

    @property
    def model_wins(self) -> bool:
        return self.verdict == "wins"

    def comparison(self) -> dict:
        """Our model's ROC AUC and Brier score next to the best baseline's (for sentences)."""
        m = self.metrics.set_index("model")
        others = m.drop(index="gradient_boosting")
        best = others["roc_auc"].idxmax() if others["roc_auc"].notna().any() else others.index[0]
        return {"auc": f"{m.loc['gradient_boosting', 'roc_auc']:.3f}",
                "brier": f"{m.loc['gradient_boosting', 'brier']:.3f}",
                "best_auc": f"{others['roc_auc'].max():.3f}",
                "best_brier": f"{others['brier'].min():.3f}", "baseline_key": str(best)}


def summarise(y, predictions: dict[str, np.ndarray], train_cutoff, eval_cutoff,
              horizon: int) -> BacktestResult:
    rows = []
    for key, p in predictions.items():
        rows.append({"model": key, **score_metrics(y, p)})
    metrics = pd.DataFrame(rows)
    ok = metrics.dropna(subset=["roc_auc"])
    winner = ok.loc[ok["roc_auc"].idxmax(), "model"] if len(ok) else "gradient_boosting"
    ours = metrics.set_index("model").loc["gradient_boosting"]
    others = metrics[metrics["model"] != "gradient_boosting"]
    best_auc = others["roc_auc"].dropna().max() if others["roc_auc"].notna().any() else -np.inf
    best_brier = others["brier"].dropna().min() if others["brier"].notna().any() else np.inf
    if not np.isfinite(ours["roc_auc"]):
        verdict = "loses"
    elif ours["roc_auc"] > best_auc and ours["brier"] <= best_brier:
        verdict = "wins"  # strictly best ranking and probabilities at least as accurate
    elif ours["roc_auc"] >= best_auc - TIE and ours["brier"] <= best_brier + TIE:
        verdict = "on_par"  # within a hair of the best baseline: say so, do not claim a win
    else:
        verdict = "loses"
    if verdict != "wins" and winner == "gradient_boosting":
        winner = others.loc[others["brier"].idxmin(), "model"] if len(others) else winner
    return BacktestResult(train_cutoff, eval_cutoff, horizon, metrics,
                          {k: calibration_table(y, p) for k, p in predictions.items()},
                          {k: lift_table(y, p) for k, p in predictions.items()},
                          str(winner), verdict)
