"""`python -m cx export churn-scores`: every customer with a purchase on or before the analysis
date, scored by a model trained only on data up to it; or one English sentence saying why not."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from cx.area import ExportArgs
from cx.churn.metrics import horizon_options, risk_band, supported_horizons
from cx.churn.train import ChurnParams, Readiness, get_bundle, make_params, readiness

__all__ = ["export_churn_scores", "not_ready_sentence", "working_horizons"]


def export_churn_scores(cur, args: ExportArgs) -> pd.DataFrame:
    """One row per customer: churn probability, risk band, whether active, days since the last
    purchase, purchases, expected spend and revenue at risk over the horizon. Uses args.end (the
    analysis date), horizon, lookback and currency."""
    params = make_params(cur, as_of=args.end, horizon=args.horizon, lookback=args.lookback,
                         currency=args.scope.currency)
    ready = readiness(cur, params)
    if not ready.ok:
        raise ValueError(not_ready_sentence(ready, working_horizons(cur, params)))
    s = get_bundle(cur, params).scores
    out = pd.DataFrame({
        "customer_id": s["customer_id"],
        "churn_probability": s["churn_probability"].round(4),
        "risk": risk_band(s["churn_probability"]),
        "active": s["active"],
        "days_since_last_purchase": s["recency_days"],
        "orders": s["frequency"],
        "expected_spend": s["expected_spend"].round(2),
        "revenue_at_risk": s["revenue_at_risk"].round(2),
        "as_of": params.as_of.isoformat(),
        "horizon_days": params.horizon,
    })
    return out.sort_values(["churn_probability", "customer_id"],
                           ascending=[False, True]).reset_index(drop=True)


def working_horizons(cur, params: ChurnParams) -> list[int]:
    """The horizons other than params.horizon at which this data is ready for a model."""
    supported = supported_horizons(horizon_options(cur, params.as_of, params.currency))
    return [h for h in supported if h != params.horizon
            and readiness(cur, replace(params, horizon=h)).ok]


def not_ready_sentence(ready: Readiness, other_horizons: list[int] | None = None) -> str:
    """Why there is no model yet, in one English sentence (the command line's error), naming
    the horizons that would work with this data when there are any."""
    if ready.no_orders:
        day = ready.as_of.isoformat() if ready.as_of else "the analysis date"
        return (f"There are no orders on or before {day}, so there is nothing to score: "
                f"choose a later --as-of.")
    parts = []
    if ready.more_customers:
        parts.append(f"{ready.more_customers:,} more customers with purchases")
    if ready.more_days:
        parts.append(f"{ready.more_days:,} more days of history "
                     f"({ready.needed_days:,} needed, {ready.history_days:,} available)")
    sentence = "Not enough data for a churn model yet: it needs " + " and ".join(parts)
    if other_horizons:
        listed = [str(h) for h in sorted(other_horizons)]
        listed = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]
        sentence += f"; --horizon {listed} works with this data"
    return sentence + "."
