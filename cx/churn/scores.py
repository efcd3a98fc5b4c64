"""What the fitted model says for a set of parameters, kept per data version: the page's key
numbers, the risk list, where customers are being lost, the typical customers of each group, the
detractors what-if, and the overview's headline. No sentences or figures (page.py)."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from cx.cache import kept
from cx.churn.metrics import (
    DIMENSION_SIGNAL,
    GROUP_DIMENSIONS,
    RISK_HIGH,
    TYPICAL_DIMENSIONS,
    detractors_to_passives,
    nps_group_of_scores,
    risk_band,
    typical_customer,
)
from cx.churn.queries import contacts, data_span, readiness_counts
from cx.churn.train import (
    ChurnBundle,
    ChurnParams,
    cached_bundle,
    get_bundle,
    make_params,
    readiness,
)
from cx.headline import Headline
from cx.scope import year_earlier

__all__ = ["HEADLINE_TRAIN_LIMIT", "MODEL_COMPARISON", "NEEDS_MODEL_KEY", "RISK_LIST_ROWS", "detractors_whatif",
           "headline", "loss_groups", "risk_list", "risk_summary", "typical_choices",
           "typical_customer_of"]

RISK_LIST_ROWS = 1000  # riskiest by probability, plus the same number by revenue at risk
LOSS_GROUP_COLUMNS = ["dimension", "group", "past_customers", "churn_rate", "customers",
                      "mean_risk", "high_risk", "revenue_at_risk"]


def active_at(cur, params: ChurnParams, day: date) -> int | None:
    """Customers active on `day` (a purchase in the `lookback` days up to it), as the model's
    active customers; None when the data does not reach back to the first of those days."""
    first, _ = data_span(cur, params.currency)
    if first is None or first > day - timedelta(days=params.lookback - 1):
        return None
    return readiness_counts(cur, day, day, params.lookback, params.currency)[0]


@kept
def risk_summary(cur, params: ChurnParams) -> dict:
    """The page's key numbers: active customers (and the same count one horizon earlier, as the
    headline's previous value, and a year earlier: counts, no model), per risk band, the
    high-risk customers' spend over the horizon, the same count and spend one horizon earlier
    (the backtest model's), and the backtest ROC AUC."""
    bundle = get_bundle(cur, params)
    active = bundle.active
    band = risk_band(active["churn_probability"])
    high = active[band == "high"]
    return {"active": int(len(active)),
            "previous_active": active_at(cur, params, params.train_cutoff),
            "year_active": active_at(cur, params, year_earlier(params.as_of)),
            "bands": {b: int((band == b).sum()) for b in ("high", "medium", "low")},
            "high_risk": int(len(high)),
            "high_risk_spend": float(high["expected_spend"].sum()),
            "previous_high_risk": (bundle.previous or {}).get("high_risk"),
            "previous_high_risk_spend": (bundle.previous or {}).get("high_risk_spend"),
            "roc_auc": float(bundle.backtest.metrics.set_index("model")
                             .loc["gradient_boosting", "roc_auc"])}


@kept
def risk_list(cur, params: ChurnParams, sort: str = "probability") -> pd.DataFrame:
    """Active customers most at risk: the RISK_LIST_ROWS highest probabilities and the
    RISK_LIST_ROWS highest revenues at risk, sorted by `sort` (probability | revenue), with the
    top reasons (group keys) and contact details for a win-back list."""
    bundle = get_bundle(cur, params)
    active = bundle.active
    if active.empty:
        return pd.DataFrame()
    by_p = active.nlargest(RISK_LIST_ROWS, "churn_probability")
    by_r = active.nlargest(RISK_LIST_ROWS, "revenue_at_risk")
    rows = pd.concat([by_p, by_r]).drop_duplicates("customer_id")
    known = bundle.reasons.set_index("customer_id")["reasons"]
    missing = rows[~rows["customer_id"].isin(known.index)]
    if len(missing):
        known = pd.concat([known, bundle.model.explain(missing).set_index("customer_id")["reasons"]])
    out = rows[["customer_id", "churn_probability", "recency_days", "frequency",
                "avg_order_value", "total_spend", "expected_spend", "revenue_at_risk",
                "nps_latest", "acquisition_channel", "last_purchase"]].copy()
    out["risk"] = risk_band(out["churn_probability"])
    out["reasons"] = out["customer_id"].map(known).apply(lambda r: r if isinstance(r, tuple) else ())
    out = out.merge(contacts(cur, out["customer_id"].tolist()), on="customer_id", how="left")
    key = "revenue_at_risk" if sort == "revenue" else "churn_probability"
    return out.sort_values([key, "customer_id"], ascending=[False, True]).reset_index(drop=True)


# -- where we are losing customers -------------------------------------------------------------
def _segments(bundle: ChurnBundle, which: str) -> pd.Series | None:
    """Segment per customer at the training cutoff ("then") or at as_of ("now"), computed with
    the model (None when cx.segments could not compute them: training logged why)."""
    found = bundle.segments.get(which)
    return None if found is None else found.astype(str)


@kept
def loss_groups(cur, params: ChurnParams) -> pd.DataFrame:
    """Per group (acquisition channel, first product, first order channel, latest NPS group,
    segment): customers active at as_of - horizon and the share who then bought nothing in the
    horizon (what really happened), and today's active customers, mean risk and high-risk count."""
    bundle = get_bundle(cur, params)
    hist = bundle.history.copy()
    now = bundle.active.copy()
    hist["nps_group"] = nps_group_of_scores(hist["nps_latest"])
    now["nps_group"] = nps_group_of_scores(now["nps_latest"])
    # segments as they were at each frame's own date: the past one must not see its future
    seg_then, seg_now = _segments(bundle, "then"), _segments(bundle, "now")
    has_segments = seg_then is not None and seg_now is not None
    used = set(bundle.model.groups)
    dims = [d for d in GROUP_DIMENSIONS if (d != "segment" or has_segments)
            and DIMENSION_SIGNAL.get(d, d) in used | {"segment"}]
    if has_segments:
        hist["segment"] = hist["customer_id"].map(seg_then).fillna("Others")
        now["segment"] = now["customer_id"].map(seg_now).fillna("Others")
    # one group alone compares nothing (e.g. every customer a "Spender" or "Others")
    dims = [d for d in dims if pd.concat([hist[d], now[d]]).nunique() > 1]
    now["high"] = now["churn_probability"] >= RISK_HIGH
    frames = []
    for dim in dims:
        past = hist.groupby(dim).agg(past_customers=("churned", "size"),
                                     churn_rate=("churned", "mean"))
        today = now.groupby(dim).agg(customers=("churn_probability", "size"),
                                     mean_risk=("churn_probability", "mean"),
                                     high_risk=("high", "sum"),
                                     revenue_at_risk=("revenue_at_risk", "sum"))
        g = past.join(today, how="outer").reset_index().rename(columns={dim: "group"})
        g.insert(0, "dimension", dim)
        frames.append(g)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("dimension", "group") else float)
                             for c in LOSS_GROUP_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    for col in ("past_customers", "customers", "high_risk"):
        out[col] = out[col].fillna(0).astype("int64")
    return out.sort_values(["dimension", "churn_rate"], ascending=[True, False]).reset_index(drop=True)


# -- typical customers -------------------------------------------------------------------------
def _active_groups(bundle: ChurnBundle) -> pd.DataFrame:
    active = bundle.active
    out = pd.DataFrame({"acquisition_channel": active["acquisition_channel"].astype(str),
                        "nps_group": nps_group_of_scores(active["nps_latest"])},
                       index=active.index)
    seg = _segments(bundle, "now")
    if seg is not None:
        out["segment"] = active["customer_id"].map(seg).fillna("Others").to_numpy()
    return out


@kept
def typical_choices(cur, params: ChurnParams) -> list[str]:
    """Whose typical customer the what-if can start from: "all", then "dimension=value" for each
    segment, acquisition channel and latest-NPS group with at least 10 active customers."""
    bundle = get_bundle(cur, params)
    groups = _active_groups(bundle)
    used = set(bundle.model.groups) | {"segment"}
    out = ["all"]
    for dim in TYPICAL_DIMENSIONS:
        if dim in groups and DIMENSION_SIGNAL.get(dim, dim) in used:
            counts = groups[dim].value_counts()
            out += [f"{dim}={v}" for v in sorted(counts[counts >= 10].index)]
    return out


def typical_customer_of(cur, params: ChurnParams, choice: str = "all") -> pd.DataFrame:
    """The typical active customer of a choice from typical_choices (one row)."""
    bundle = get_bundle(cur, params)
    if choice == "all" or "=" not in choice:
        return typical_customer(bundle)
    dim, value = choice.split("=", 1)
    groups = _active_groups(bundle)
    if dim not in groups:
        return typical_customer(bundle)
    return typical_customer(bundle, subset=bundle.active[groups[dim] == value])


@kept
def detractors_whatif(cur, params: ChurnParams) -> dict:
    """detractors_to_passives for the page (kept per data version and parameters)."""
    return detractors_to_passives(get_bundle(cur, params))


# -- the overview's headline -------------------------------------------------------------------
# Customers in the oldest training frame up to which the overview would train the model itself
# when none is kept. 0: it never does. Training has a fixed cost of about 1.3 s here even on
# small data (three feature queries, cross-validated fits, BG/NBD, reasons): measured with 480,
# 774 and 1,370 customers the overview's cold load became 3.0-3.3, 3.1-4.0 and 3.3 s, over the
# 3 s budget, against 1.6 s with the saved model. So the overview says to open the churn page
# (which trains with a progress bar), and an import (cx.prepare) fits it beforehand.
HEADLINE_TRAIN_LIMIT = 0
NEEDS_MODEL_KEY = "churn.headline.needs_model"  # a sentence, not a number (kind "note")


def headline(cur, scope) -> list[Headline]:
    """Customers at high churn risk and the spend they carry over the horizon (overview page),
    from exactly the bundle the churn page uses for its default view (same parameters, the same
    kept bundle). Without a fitted model it trains one only up to HEADLINE_TRAIN_LIMIT customers
    (0: never); otherwise one Headline of kind "note" whose key is a sentence saying to open the
    churn page. No headline at all when the data is too small for a model (the page says why).

    Cheap and correct on every run: the default horizon and the readiness are kept per data
    version, whether the model is fitted is a memory look-up, and the numbers are kept per
    (data version, parameters, fitted). So the answer changes from the sentence to the numbers
    as soon as the churn page has fitted the model, without a new data version: callers must
    ask on every run rather than keep the answer on the data version alone."""
    params = make_params(cur, as_of=scope.as_of, currency=scope.currency)
    if not readiness(cur, params).ok:
        return []
    return headline_of(cur, params, cached_bundle(cur, params) is not None)


def headline_state(cur, scope) -> bool:
    """Whether the model the headline reads is fitted (cheap: kept calls and a memory look-up):
    the overview keeps its page per data version and this."""
    return cached_bundle(cur, make_params(cur, as_of=scope.as_of, currency=scope.currency)) \
        is not None


@kept
def headline_of(cur, params: ChurnParams, fitted: bool) -> list[Headline]:
    """headline() once the readiness is known: the numbers of the fitted model, else the sentence
    (or a model trained here, up to HEADLINE_TRAIN_LIMIT customers)."""
    if not fitted and readiness(cur, params).customers > HEADLINE_TRAIN_LIMIT:
        return [Headline(NEEDS_MODEL_KEY, None, None, "note", "views/churn.py",
                         higher_is_better=False)]
    bundle = get_bundle(cur, params)
    high = bundle.active[bundle.active["churn_probability"] >= RISK_HIGH]
    prev = bundle.previous or {}
    return [
        Headline("churn.headline.high_risk", float(len(high)), prev.get("high_risk"), "int",
                 "views/churn.py", higher_is_better=False, **MODEL_COMPARISON),
        Headline("churn.headline.revenue_at_risk", float(high["expected_spend"].sum()),
                 prev.get("high_risk_spend"), "money", "views/churn.py", higher_is_better=False,
                 **MODEL_COMPARISON),
    ]


# The churn headlines are a model's output, not counts of events: the previous value comes from
# another model (the backtest's, fitted one horizon earlier), so the change mixes the customers'
# change with the two models' difference, and a Poisson interval would claim a precision the
# numbers do not have. No verdict, with the reason; and no year-ago value (the model is fitted
# only around the analysis date: scoring a year earlier would need a third fit).
MODEL_COMPARISON = {"noise": "churn.noise.model", "year_missing": "churn.year.model"}
