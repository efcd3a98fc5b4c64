"""What the page, the overview, the report and the CLI read from a fitted churn bundle: the risk
list with reasons, where customers are being lost, the what-ifs, headlines and the score export;
and the recency view that needs no model (for small data)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cx.churn.features import cutoff_params, derive, horizon_options, supported_horizons
from cx.churn.model import REASON_GROUPS, apply_changes
from cx.churn.train import (RISK_HIGH, RISK_MEDIUM, ChurnBundle, ChurnParams, _memo,
                            cached_bundle, cached_readiness, customer_segments, get_bundle,
                            make_params, readiness)
from cx.headline import Headline
from cx.cache import kept
from cx.store import fetch_df

RISK_LIST_ROWS = 1000  # riskiest by probability, plus the same number by revenue at risk


def risk_band(p) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return np.where(p >= RISK_HIGH, "high", np.where(p >= RISK_MEDIUM, "medium", "low"))


def nps_group(score) -> np.ndarray:
    s = pd.to_numeric(pd.Series(score), errors="coerce")
    return np.where(s.isna(), "none", np.where(s >= 9, "promoter",
                                               np.where(s >= 7, "passive", "detractor")))


@kept
def risk_summary(cur, params: ChurnParams) -> dict:
    """The page's key numbers: active customers, per risk band, the high-risk customers' spend
    over the horizon, the same count one horizon earlier, and the backtest ROC AUC."""
    bundle = get_bundle(cur, params)
    active = bundle.active
    band = risk_band(active["churn_probability"])
    high = active[band == "high"]
    return {"active": int(len(active)),
            "bands": {b: int((band == b).sum()) for b in ("high", "medium", "low")},
            "high_risk": int(len(high)),
            "high_risk_spend": float(high["expected_spend"].sum()),
            "previous_high_risk": (bundle.previous or {}).get("high_risk"),
            "roc_auc": float(bundle.backtest.metrics.set_index("model")
                             .loc["gradient_boosting", "roc_auc"])}


# -- the risk list ---------------------------------------------------------------------------------
CONTACTS_SQL = """
SELECT customer_id, MAX(name) AS name, MAX(email) AS email
FROM customers WHERE customer_id IN (SELECT UNNEST($ids)) GROUP BY customer_id
"""


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
    contacts = fetch_df(cur, CONTACTS_SQL, {"ids": out["customer_id"].tolist()})
    out = out.merge(contacts, on="customer_id", how="left")
    key = "revenue_at_risk" if sort == "revenue" else "churn_probability"
    return out.sort_values([key, "customer_id"], ascending=[False, True]).reset_index(drop=True)


# -- where we are losing customers -------------------------------------------------------------
GROUP_DIMENSIONS = ("acquisition_channel", "first_category", "first_channel", "nps_group",
                    "segment")
# The reason group whose inputs a group dimension comes from: a dimension is shown only when the
# model could use that signal (without a channel column everyone's first channel is "unknown").
DIMENSION_SIGNAL = {"acquisition_channel": "acquisition", "first_category": "first_product",
                    "first_channel": "channels", "nps_group": "nps"}
LOSS_GROUP_COLUMNS = ["dimension", "group", "past_customers", "churn_rate", "customers",
                      "mean_risk", "high_risk", "revenue_at_risk"]


def _segments(cur, params: ChurnParams, bundle: ChurnBundle, which: str) -> pd.Series | None:
    """Segment per customer at the training cutoff ("then") or at as_of ("now"): saved with the
    bundle by training; computed here for a bundle saved before it kept them."""
    found = getattr(bundle, "segments", {}).get(which)  # absent from bundles saved before
    if found is None:
        day = params.train_cutoff if which == "then" else params.as_of
        found = customer_segments(cur, day, params.lookback, params.currency)
    return None if found is None else found.astype(str)


@kept
def loss_groups(cur, params: ChurnParams) -> pd.DataFrame:
    """Per group (acquisition channel, first product, first order channel, latest NPS group,
    segment): customers active at as_of - horizon and the share who then bought nothing in the
    horizon (what really happened), and today's active customers, mean risk and high-risk count."""
    bundle = get_bundle(cur, params)
    hist = bundle.history.copy()
    now = bundle.active.copy()
    hist["nps_group"] = nps_group(hist["nps_latest"])
    now["nps_group"] = nps_group(now["nps_latest"])
    # segments as they were at each frame's own date: the past one must not see its future
    seg_then = _segments(cur, params, bundle, "then")
    seg_now = _segments(cur, params, bundle, "now")
    has_segments = seg_then is not None and seg_now is not None
    used = set(bundle.model.groups)
    dims = [d for d in GROUP_DIMENSIONS if (d != "segment" or has_segments)
            and DIMENSION_SIGNAL.get(d, d) in used | {"segment"}]
    if has_segments:
        hist["segment"] = hist["customer_id"].map(seg_then).fillna("Others")
        now["segment"] = now["customer_id"].map(seg_now).fillna("Others")
    # one group alone compares nothing (e.g. every customer a "Spender" or "Others")
    dims = [d for d in dims if pd.concat([hist[d], now[d]]).nunique() > 1]
    frames = []
    for dim in dims:
        past = hist.groupby(dim).agg(past_customers=("churned", "size"),
                                     churn_rate=("churned", "mean"))
        now["high"] = now["churn_probability"] >= RISK_HIGH
        cur_ = now.groupby(dim).agg(customers=("churn_probability", "size"),
                                    mean_risk=("churn_probability", "mean"),
                                    high_risk=("high", "sum"),
                                    revenue_at_risk=("revenue_at_risk", "sum"))
        g = past.join(cur_, how="outer").reset_index().rename(columns={dim: "group"})
        g.insert(0, "dimension", dim)
        frames.append(g)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("dimension", "group") else float)
                             for c in LOSS_GROUP_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    for col in ("past_customers", "customers", "high_risk"):
        out[col] = out[col].fillna(0).astype("int64")
    return out.sort_values(["dimension", "churn_rate"], ascending=[True, False]).reset_index(drop=True)


# -- what-if ---------------------------------------------------------------------------------------
TYPICAL_DIMENSIONS = ("segment", "acquisition_channel", "nps_group")


def typical_choices(cur, params: ChurnParams) -> list[str]:
    """Whose typical customer the what-if can start from: "all", then "dimension=value" for each
    segment, acquisition channel and latest-NPS group with at least 10 active customers."""
    bundle = get_bundle(cur, params)
    groups = _active_groups(cur, params, bundle)
    used = set(bundle.model.groups) | {"segment"}
    out = ["all"]
    for dim in TYPICAL_DIMENSIONS:
        if dim in groups and DIMENSION_SIGNAL.get(dim, dim) in used:
            counts = groups[dim].value_counts()
            out += [f"{dim}={v}" for v in sorted(counts[counts >= 10].index)]
    return out


def _active_groups(cur, params: ChurnParams, bundle: ChurnBundle) -> pd.DataFrame:
    active = bundle.active
    out = pd.DataFrame({"acquisition_channel": active["acquisition_channel"].astype(str),
                        "nps_group": nps_group(active["nps_latest"])}, index=active.index)
    seg = _segments(cur, params, bundle, "now")
    if seg is not None:
        out["segment"] = active["customer_id"].map(seg).fillna("Others").to_numpy()
    return out


def typical_customer_of(cur, params: ChurnParams, choice: str = "all") -> pd.DataFrame:
    """The typical active customer of a choice from typical_choices (one row)."""
    bundle = get_bundle(cur, params)
    if choice == "all" or "=" not in choice:
        return typical_customer(bundle)
    dim, value = choice.split("=", 1)
    groups = _active_groups(cur, params, bundle)
    if dim not in groups:
        return typical_customer(bundle)
    return typical_customer(bundle, subset=bundle.active[groups[dim] == value])


def typical_customer(bundle: ChurnBundle, group: str | None = None, value: str | None = None,
                     subset: pd.DataFrame | None = None) -> pd.DataFrame:
    """A one-row frame of the typical active customer (medians / most common values), optionally
    of one group (a column and its value, or a subset of the active customers)."""
    from cx.churn.model import typical_values

    active = bundle.active
    if subset is not None and len(subset):
        active = subset
    elif group and value is not None:
        sub = active[active[group].astype(str) == str(value)]
        active = sub if len(sub) else active
    typical = typical_values(active)
    row = {k: [v] for k, v in typical.items()}
    row["customer_id"] = ["typical"]
    df = pd.DataFrame(row)
    df["frequency"] = max(1, round(float(df["frequency"].iloc[0])))
    df["purchase_days"] = max(1, min(round(float(df["purchase_days"].iloc[0])),
                                     int(df["frequency"].iloc[0])))
    if df["purchase_days"].iloc[0] > 1 and not df["span_days"].iloc[0] > 0:
        df["span_days"] = typical["mean_gap_days"] * (df["purchase_days"].iloc[0] - 1)
    if df["purchase_days"].iloc[0] > 1 and pd.isna(df["last_gap_days"].iloc[0]):
        df["last_gap_days"] = typical["mean_gap_days"]
    for col in ("total_spend", "first_channel"):
        df[col] = active[col].median() if col == "total_spend" else active[col].mode().iloc[0]
    return derive(df)


def customer_row(bundle: ChurnBundle, customer_id: str) -> pd.DataFrame:
    row = bundle.scores[bundle.scores["customer_id"] == str(customer_id)]
    return row.reset_index(drop=True)


def whatif(bundle: ChurnBundle, row: pd.DataFrame, changes: dict) -> dict:
    """The model's probability for `row` with `changes` applied, next to the original, with the
    reasons for the changed customer (one batched predict; milliseconds)."""
    changed = apply_changes(row, changes, bundle.model.typical)
    explained = bundle.model.explain(pd.concat([derive(row), changed], ignore_index=True))
    original, new = explained.iloc[0], explained.iloc[1]
    effect_cols = [k for k in explained.columns if k.startswith("effect_")]
    return {"original": float(original["churn_probability"]),
            "probability": float(new["churn_probability"]),
            "reasons": tuple(new["reasons"]),
            "effects": {k[7:]: float(new[k]) for k in effect_cols},
            "original_effects": {k[7:]: float(original[k]) for k in effect_cols}}


WIN_BACK_COLUMNS = ["customer_id", "name", "email", "churn_probability", "risk", "reasons",
                    "revenue_at_risk", "expected_spend", "recency_days", "frequency",
                    "avg_order_value", "nps_latest", "acquisition_channel", "last_purchase"]


def win_back_download(risk: pd.DataFrame, lang: str, presenter: bool) -> pd.DataFrame:
    """The win-back list as downloaded (a risk_list frame in): risk band and reasons in the
    user's language, headers translated (churn.col.*), except customer_id, which stays first
    under its own name so a mail merge or a re-import can key on it. In presenter mode names
    and emails are masked here, before the headers are translated (masking finds those columns
    by their English names). Formula-safety is csv_bytes' job (ui.download_csv)."""
    from cx import i18n
    from cx.safety import mask_pii

    out = risk.reindex(columns=WIN_BACK_COLUMNS).copy()
    if presenter:
        out = mask_pii(out)
    out["churn_probability"] = out["churn_probability"].round(4)
    for col in ("revenue_at_risk", "expected_spend", "avg_order_value"):
        out[col] = out[col].round(2)
    out["risk"] = out["risk"].map(lambda b: i18n.t(f"churn.band.{b}", lang)
                                  if isinstance(b, str) else b)
    out["reasons"] = out["reasons"].map(
        lambda rs: ", ".join(i18n.t(f"churn.reason.{r}", lang) for r in rs)
        if isinstance(rs, tuple) else "")
    out["last_purchase"] = pd.to_datetime(out["last_purchase"]).dt.date
    headers = {c: i18n.t(f"churn.col.{c}", lang) for c in WIN_BACK_COLUMNS if c != "customer_id"}
    return out.rename(columns=headers)


def win_back(bundle: ChurnBundle, share: float) -> dict:
    """"Win back `share` of the high-risk customers": of the customers the model expects to lose
    among the high-risk ones (the sum of their probabilities), `share` stay; their expected spend
    over the horizon is kept."""
    high = bundle.active[bundle.active["churn_probability"] >= RISK_HIGH]
    expected_lost = float(high["churn_probability"].sum())
    revenue_lost = float((high["churn_probability"] * high["expected_spend"]).sum())
    return {"high_risk": int(len(high)), "expected_lost": expected_lost,
            "customers_kept": share * expected_lost, "revenue_kept": share * revenue_lost}


def set_nps_latest(frame: pd.DataFrame, value: float) -> pd.DataFrame:
    """Vectorised twin of apply_changes for the latest NPS answer (the mean moves with it)."""
    out = frame.copy()
    n = out["nps_responses"].astype(float)
    latest = out["nps_latest"].astype(float)
    answered = (n > 0) & latest.notna()
    out["nps_mean"] = np.where(answered, out["nps_mean"] + (value - latest) / np.maximum(n, 1),
                               value)
    out["nps_responses"] = np.where(answered, n, 1)
    out["nps_latest"] = float(value)
    return derive(out)


def detractors_to_passives(bundle: ChurnBundle, new_score: float = 7.0) -> dict:
    """"If detractors became passives": every active customer whose latest answer is 0-6 answers
    `new_score` instead; the model re-scores them and the difference in expected churners and
    in expected spend at risk over the horizon is what is kept.

    How sure: each detractor's change in probability is one draw of "what this does to a
    detractor like them"; the 95% interval of the total is n * mean +- 1.96 * sd * sqrt(n).
    verdict "gain" when the whole interval is above zero and at least half a customer is kept,
    "loss" when it is all below zero (the model scores them riskier as passives), else "noise".
    The page states the numbers only for a gain, and says in words what the other two mean."""
    active = bundle.active
    det = active[active["nps_latest"] <= 6]
    if det.empty:
        return {"detractors": 0, "before": 0.0, "after": 0.0, "customers_kept": 0.0,
                "revenue_kept": 0.0, "low": 0.0, "high": 0.0, "verdict": "none"}
    p_new = bundle.model.predict(set_nps_latest(det, new_score))
    p_old = det["churn_probability"].to_numpy()
    spend = det["expected_spend"].to_numpy()
    diff = p_old - p_new  # positive: less likely to leave as a passive
    n = len(diff)
    kept = float(diff.sum())
    half = 1.96 * float(diff.std(ddof=1)) * np.sqrt(n) if n > 1 else abs(kept)
    low, high = kept - half, kept + half
    if low > 0 and kept >= 0.5:
        verdict = "gain"
    elif high < 0:
        verdict = "loss"
    else:
        verdict = "noise"
    return {"detractors": int(n), "before": float(p_old.mean()), "after": float(p_new.mean()),
            "customers_kept": kept, "revenue_kept": float((diff * spend).sum()),
            "low": float(low), "high": float(high), "verdict": verdict}


@kept
def detractors_whatif(cur, params: ChurnParams) -> dict:
    """detractors_to_passives for the page (cached per data version and parameters)."""
    return detractors_to_passives(get_bundle(cur, params))


# -- what the model could learn from ---------------------------------------------------------------
# What adds each reason group's inputs (churn.source.<key>), for the signals the model could not
# use: DESIGN.md's "absent is not zero" names the file that adds a missing number.
SIGNAL_SOURCES = {"recency": "orders", "history": "repeat_orders", "regularity": "repeat_orders",
                  "order_value": "orders", "channels": "tx_channel", "refunds": "refunds",
                  "discounts": "tx_discount", "nps": "surveys", "referrals_made": "referrals",
                  "referred": "referrals", "acquisition": "customers_channels",
                  "first_product": "tx_category"}
# what-if inputs (the page's sliders) and the reason group each moves
WHATIF_INPUTS = {"recency": "recency", "frequency": "history", "aov": "order_value",
                 "nps": "nps", "referrals": "referrals_made", "discount": "discounts"}


def signal_report(bundle: ChurnBundle) -> dict:
    """What the model in use learned from: the reason groups it used, and those it could not
    use (empty or constant in its training rows) with what would add them (SIGNAL_SOURCES);
    and the what-if inputs it can answer for."""
    used = list(bundle.model.groups)
    return {"used": used,
            "missing": [(g, SIGNAL_SOURCES[g]) for g in REASON_GROUPS if g not in used],
            "whatif": [k for k, g in WHATIF_INPUTS.items() if g in used]}


def more_history(days: int, lang: str) -> str:
    """"20 more days" up to 45 days, then "2 more months" (to the nearest month, so at least 2)."""
    from cx import i18n

    if days > 45:
        return i18n.t("churn.more.months", lang, n=i18n.fmt_int(int(round(days / 30.44)), lang))
    return i18n.t("churn.more.days", lang, n=i18n.fmt_int(days, lang))


def horizon_notes(cur, as_of: date, currency: str | None, lang: str) -> list[str]:
    """One sentence per horizon the history does not support yet: how much more it needs."""
    from cx import i18n

    return [i18n.t("churn.horizon.needs", lang, days=o["horizon"],
                   more=more_history(o["more_days"], lang))
            for o in horizon_options(cur, as_of, currency) if o["more_days"] > 0]


def versus_bgnbd(bundle: ChurnBundle) -> dict:
    """Our model's backtest ROC AUC and Brier score next to BG/NBD's, formatted, and whether
    ours is better on both."""
    m = bundle.backtest.metrics.set_index("model")
    ours, bg = m.loc["gradient_boosting"], m.loc["bgnbd"]
    return {"auc": f"{ours['roc_auc']:.3f}", "bg_auc": f"{bg['roc_auc']:.3f}",
            "brier": f"{ours['brier']:.3f}", "bg_brier": f"{bg['brier']:.3f}",
            "better": bool(ours["roc_auc"] > bg["roc_auc"] and ours["brier"] <= bg["brier"])}


def signal_sentences(report: dict, lang: str) -> list[str]:
    """The signals used, and each one the model could not use with what would add it."""
    from cx import i18n

    def listed(keys):
        return i18n.t("churn.signals.sep", lang).join(i18n.t(f"churn.reason.{k}", lang)
                                                       for k in keys)

    out = [i18n.t("churn.signals.used", lang, signals=listed(report["used"]))]
    if report["missing"]:
        by_source: dict[str, list[str]] = {}
        for group, source in report["missing"]:
            by_source.setdefault(source, []).append(group)
        out.append(i18n.t("churn.signals.missing", lang) + " " + " ".join(
            i18n.t("churn.signals.missing_one", lang, signals=listed(groups),
                   source=i18n.t(f"churn.source.{source}", lang))
            for source, groups in by_source.items()))
    return out


# -- headlines, export -------------------------------------------------------------------------
# Customers in the oldest training frame up to which the overview would train the model itself
# when none is saved. 0: it never does. Training has a fixed cost of about 1.3 s here even on
# small data (three feature queries, cross-validated fits, BG/NBD, reasons): measured with 480,
# 774 and 1,370 customers the overview's cold load became 3.0-3.3, 3.1-4.0 and 3.3 s, over the
# 3 s budget, against 1.6 s with the saved model. So the overview says to open the churn page
# (which trains with a progress bar), and `python -m cx demo` trains and saves beforehand.
HEADLINE_TRAIN_LIMIT = 0
NEEDS_MODEL_KEY = "churn.headline.needs_model"  # a sentence, not a number (kind "note")


def headline(cur, scope) -> list[Headline]:
    """Customers at high churn risk and the spend they carry over the horizon (overview page),
    from exactly the bundle the churn page uses for its default view (same parameters, the
    same memory cache and saved file: cx.churn.train.get_bundle / cached_bundle). Without a
    fitted model it trains one only up to HEADLINE_TRAIN_LIMIT customers (0: never); otherwise
    it returns one Headline of kind "note" whose key is a sentence saying to open the churn page.
    No headline at all when the data is too small for a model (the churn page says why).
    Cheap to call on every run once a model exists (memory look-ups, no query but the version)."""
    params = make_params(cur, as_of=scope.as_of, currency=scope.currency)
    bundle = cached_bundle(cur, params)
    if bundle is None:
        ready = cached_readiness(cur, params)
        if not ready.ok:
            return []
        if ready.customers > HEADLINE_TRAIN_LIMIT:
            return [Headline(NEEDS_MODEL_KEY, None, None, "note", "views/churn.py",
                             higher_is_better=False)]
        bundle = get_bundle(cur, params)
    return _memo(cur, "headline", (params,), lambda: _headline_numbers(bundle))


def _headline_numbers(bundle: ChurnBundle) -> list[Headline]:
    high = bundle.active[bundle.active["churn_probability"] >= RISK_HIGH]
    prev = bundle.previous or {}
    return [
        Headline("churn.headline.high_risk", float(len(high)), prev.get("high_risk"), "int",
                 "views/churn.py", higher_is_better=False),
        Headline("churn.headline.revenue_at_risk", float(high["expected_spend"].sum()),
                 prev.get("high_risk_spend"), "money", "views/churn.py", higher_is_better=False),
    ]


def export_churn_scores(cur, args) -> pd.DataFrame:
    """`python -m cx export churn-scores`: every customer with a purchase on or before --as-of,
    scored by a model trained only on data up to --as-of."""
    params = make_params(cur, as_of=getattr(args, "as_of", None),
                         horizon=getattr(args, "horizon", None),
                         lookback=getattr(args, "lookback", None),
                         currency=getattr(args, "currency", None))
    ready = readiness(cur, params)
    if not ready.ok:
        raise ValueError(not_ready_sentence(ready, working_horizons(cur, params)))
    bundle = get_bundle(cur, params)
    s = bundle.scores
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
    from dataclasses import replace

    supported = supported_horizons(horizon_options(cur, params.as_of, params.currency))
    return [h for h in supported if h != params.horizon
            and cached_readiness(cur, replace(params, horizon=h)).ok]


def not_ready_sentence(ready, other_horizons: list[int] | None = None) -> str:
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


# -- the recency view (no model needed) -------------------------------------------------------
RECENCY_SQL = """
WITH last_buy AS (
    SELECT customer_id, MAX(CAST(ordered_at AS DATE)) AS last_day,
           COUNT(*) AS orders, SUM(amount) AS spend
    FROM transactions
    WHERE customer_id IS NOT NULL AND amount > 0 AND ordered_at < $cutoff_excl
      AND ($currency IS NULL OR currency = $currency OR currency IS NULL)
    GROUP BY customer_id
),
b AS (
    SELECT CASE WHEN date_diff('day', last_day, $cutoff) < $h THEN 1
                WHEN date_diff('day', last_day, $cutoff) < 2 * $h THEN 2
                WHEN date_diff('day', last_day, $cutoff) < 4 * $h THEN 3
                ELSE 4 END AS bucket,
           orders, spend
    FROM last_buy
)
SELECT bucket, COUNT(*) AS customers, SUM(spend) AS spend,
       SUM(CASE WHEN orders > 1 THEN 1 ELSE 0 END) AS repeat_customers
FROM b GROUP BY bucket ORDER BY bucket
"""


def recency_view(cur, as_of: date, horizon: int, currency: str | None = None) -> pd.DataFrame:
    """Customers by days since their last purchase, in horizon-sized bands (1: within one
    horizon, 2: one to two, 3: two to four, 4: longer): counts and what they have spent."""
    df = fetch_df(cur, RECENCY_SQL, {**cutoff_params(as_of, currency), "h": int(horizon)})
    full = pd.DataFrame({"bucket": [1, 2, 3, 4]})
    out = full.merge(df, on="bucket", how="left").fillna(0)
    out["low"] = [0, horizon, 2 * horizon, 4 * horizon]
    out["high"] = [horizon - 1, 2 * horizon - 1, 4 * horizon - 1, None]
    for col in ("customers", "repeat_customers"):
        out[col] = out[col].astype("int64")
    return out


# -- the meeting report ------------------------------------------------------------------------
def report_section(cur, scope, lang: str, presenter: bool):
    """The churn part of the HTML meeting report: risk, model quality, the top of the win-back
    list (masked by the report in presenter mode); on small data, what is missing."""
    from cx import charts, i18n
    from cx.area import ReportSection
    from cx.store import data_summary

    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    params = make_params(cur, as_of=scope.as_of, currency=scope.currency)
    ready = readiness(cur, params)
    section = ReportSection(t("churn.title"))
    notes = horizon_notes(cur, params.as_of, params.currency, lang)
    if not ready.ok:
        section.sentences.append(t("churn.small.title"))
        if ready.no_orders:
            section.sentences.append(t("churn.small.no_orders",
                                       day=i18n.fmt_date(params.as_of, lang)))
            return section
        if ready.more_customers:
            section.sentences.append(t("churn.small.customers", n=i18n.fmt_int(ready.more_customers),
                                       have=i18n.fmt_int(ready.customers)))
        if ready.more_days:
            section.sentences.append(t("churn.small.days", n=i18n.fmt_int(ready.more_days),
                                       need=i18n.fmt_int(ready.needed_days),
                                       have=i18n.fmt_int(ready.history_days),
                                       warmup=i18n.fmt_int(ready.needed_days
                                                           - 2 * params.horizon)))
        section.sentences += notes
        return section
    summary = data_summary(cur)
    currency = scope.currency or (summary.currencies[0] if summary.currencies else None)
    bundle = get_bundle(cur, params)
    active = bundle.active
    high = active[active["churn_probability"] >= RISK_HIGH]
    section.sentences.append(t("churn.report.summary", n=i18n.fmt_int(len(high)),
                               active=i18n.fmt_int(len(active)), days=params.horizon,
                               money=i18n.fmt_money(high["expected_spend"].sum(), currency, lang,
                                                    compact=True)))
    bt = bundle.backtest
    names = {k: t(f"churn.model.{k}") for k in ("gradient_boosting", "logistic", "recency",
                                                "bgnbd")}
    m = bt.metrics.set_index("model")
    section.sentences.append(t("churn.report.auc", **{
        k: f"{m.loc[k, 'roc_auc']:.3f}" for k in ("gradient_boosting", "logistic", "recency",
                                                  "bgnbd")}))
    key = {"wins": "churn.quality.wins", "on_par": "churn.quality.on_par",
           "loses": "churn.quality.loses"}[bt.verdict]
    cmp = bt.comparison()
    section.sentences.append(t(key, winner=names[bt.winner], auc=cmp["auc"],
                               best_auc=cmp["best_auc"], brier=cmp["brier"],
                               best_brier=cmp["best_brier"], baseline=names[cmp["baseline_key"]]))
    section.sentences.append(t("churn.quality.vs_bgnbd", **versus_bgnbd(bundle)))
    section.sentences += signal_sentences(signal_report(bundle), lang)
    section.sentences += notes
    section.figures.append(charts.churn_lift_chart(
        bt.lift, names, t("churn.quality.lift"), t("churn.quality.contacted"),
        t("churn.quality.captured"), presenter))
    top = risk_list(cur, params, "revenue").head(10)
    if presenter:  # masked here so the name column can carry a translated header
        from cx.safety import mask_pii

        top = mask_pii(top)
    section.table = pd.DataFrame({
        t("churn.col.customer_id"): top["customer_id"],
        t("churn.col.name"): top["name"],
        t("churn.col.churn_probability"): [i18n.fmt_pct(p, lang) for p in top["churn_probability"]],
        t("churn.col.revenue_at_risk"): [i18n.fmt_money(v, currency, lang)
                                         for v in top["revenue_at_risk"]],
        t("churn.col.reasons"): [", ".join(t(f"churn.reason.{r}") for r in rs) or "–"
                                 for rs in top["reasons"]],
    })
    if top["name"].isna().all():  # no customers file: no names to show
        section.table = section.table.drop(columns=t("churn.col.name"))
    else:
        section.table[t("churn.col.name")] = section.table[t("churn.col.name")].fillna("–")
    return section
