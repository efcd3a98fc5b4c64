"""The churn area's translated words, shared by its page, its report section and its headline:
names of models, reasons, bands and groups, the small-data sentences, the horizons' notes, the
signals used, the backtest's verdict, and the win-back list as downloaded."""
from __future__ import annotations

from datetime import date

import pandas as pd

from cx import i18n
from cx.churn.backtest import MODEL_KEYS, BacktestResult
from cx.churn.metrics import horizon_options
from cx.churn.model import REASON_GROUPS
from cx.churn.train import ChurnBundle, ChurnParams, Readiness
from cx.safety import mask_pii

__all__ = ["WIN_BACK_COLUMNS", "band_names", "group_names", "model_names", "more_history",
           "horizon_notes", "reason_names", "reasons_text", "signal_sentences",
           "small_data_sentences", "verdict_sentence", "versus_bgnbd", "win_back_download"]

BANDS = ("low", "medium", "high")
NPS_GROUPS = ("promoter", "passive", "detractor", "none")


def model_names(lang: str) -> dict[str, str]:
    return {k: i18n.t(f"churn.model.{k}", lang) for k in MODEL_KEYS}


def reason_names(lang: str) -> dict[str, str]:
    return {k: i18n.t(f"churn.reason.{k}", lang) for k in REASON_GROUPS}


def band_names(lang: str) -> dict[str, str]:
    return {k: i18n.t(f"churn.band.{k}", lang) for k in BANDS}


def reasons_text(reasons, lang: str, empty: str = "–") -> str:
    """A customer's top reasons, named and joined; `empty` when there are none."""
    if not isinstance(reasons, tuple):
        return empty
    return ", ".join(i18n.t(f"churn.reason.{r}", lang) for r in reasons) or empty


def group_names(groups, dimension: str, lang: str) -> dict[str, str]:
    """The name of each group of a dimension: the NPS groups and "unknown"/"none" translated,
    segments by the segments page's own names, the shop's own values (channels, categories)
    as they are."""
    special = {"none": i18n.t("churn.group.none", lang),
               "unknown": i18n.t("churn.group.unknown", lang),
               **{g: i18n.t(f"churn.group.{g}", lang) for g in NPS_GROUPS[:3]}}
    if dimension == "segment":
        special.update({g: i18n.t(f"segments.seg.{g}", lang) for g in groups
                        if i18n.has(f"segments.seg.{g}")})
    return {g: special.get(g, g) for g in groups}


def small_data_sentences(ready: Readiness, params: ChurnParams, lang: str) -> list[str]:
    """Why there is no model yet: the title, then what is missing (orders before the analysis
    date, customers, days of history)."""
    out = [i18n.t("churn.small.title", lang)]
    if ready.no_orders:
        out.append(i18n.t("churn.small.no_orders", lang, day=i18n.fmt_date(params.as_of, lang)))
        return out
    if ready.more_customers:
        out.append(i18n.t("churn.small.customers", lang, n=i18n.fmt_int(ready.more_customers, lang),
                          have=i18n.fmt_int(ready.customers, lang)))
    if ready.more_days:
        out.append(i18n.t("churn.small.days", lang, n=i18n.fmt_int(ready.more_days, lang),
                          need=i18n.fmt_int(ready.needed_days, lang),
                          have=i18n.fmt_int(ready.history_days, lang),
                          warmup=i18n.fmt_int(ready.needed_days - 2 * params.horizon, lang)))
    return out


def more_history(days: int, lang: str) -> str:
    """"20 more days" up to 45 days, then "2 more months" (to the nearest month, so at least 2)."""
    if days > 45:
        return i18n.t("churn.more.months", lang, n=i18n.fmt_int(int(round(days / 30.44)), lang))
    return i18n.t("churn.more.days", lang, n=i18n.fmt_int(days, lang))


def horizon_notes(cur, as_of: date, currency: str | None, lang: str) -> list[str]:
    """One sentence per horizon the history does not support yet: how much more it needs."""
    return [i18n.t("churn.horizon.needs", lang, days=o["horizon"],
                   more=more_history(o["more_days"], lang))
            for o in horizon_options(cur, as_of, currency) if o["more_days"] > 0]


def versus_bgnbd(bundle: ChurnBundle, lang: str = "en") -> dict:
    """Our model's backtest ROC AUC and Brier score next to BG/NBD's, formatted, and whether
    ours is better on both."""
    m = bundle.backtest.metrics.set_index("model")
    ours, bg = m.loc["gradient_boosting"], m.loc["bgnbd"]
    score = lambda x: i18n.fmt_num(x, lang, digits=3)  # noqa: E731
    return {"auc": score(ours["roc_auc"]), "bg_auc": score(bg["roc_auc"]),
            "brier": score(ours["brier"]), "bg_brier": score(bg["brier"]),
            "better": bool(ours["roc_auc"] > bg["roc_auc"] and ours["brier"] <= bg["brier"])}


def verdict_sentence(bt: BacktestResult, lang: str) -> str:
    """How our model did against the baselines in the backtest (wins, on par, loses)."""
    names = model_names(lang)
    cmp = bt.comparison()
    return i18n.t(f"churn.quality.{bt.verdict}", lang, winner=names[bt.winner], auc=cmp["auc"],
                  best_auc=cmp["best_auc"], brier=cmp["brier"], best_brier=cmp["best_brier"],
                  baseline=names[cmp["baseline_key"]])


def signal_sentences(report: dict, lang: str) -> list[str]:
    """The signals used, and each one the model could not use with what would add it."""
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


WIN_BACK_COLUMNS = ["customer_id", "name", "email", "churn_probability", "risk", "reasons",
                    "revenue_at_risk", "expected_spend", "recency_days", "frequency",
                    "avg_order_value", "nps_latest", "acquisition_channel", "last_purchase"]


def win_back_download(risk: pd.DataFrame, lang: str, presenter: bool) -> pd.DataFrame:
    """The win-back list as downloaded (a risk_list frame in): risk band and reasons in the
    user's language, headers translated (churn.col.*), except customer_id, which stays first
    under its own name so a mail merge or a re-import can key on it. In presenter mode names
    and emails are masked here, before the headers are translated (masking finds those columns
    by their English names). Formula-safety is csv_bytes' job (ui.download_csv)."""
    out = risk.reindex(columns=WIN_BACK_COLUMNS).copy()
    if presenter:
        out = mask_pii(out)
    out["churn_probability"] = out["churn_probability"].round(4)
    for col in ("revenue_at_risk", "expected_spend", "avg_order_value"):
        out[col] = out[col].round(2)
    out["risk"] = out["risk"].map(lambda b: i18n.t(f"churn.band.{b}", lang)
                                  if isinstance(b, str) else b)
    out["reasons"] = out["reasons"].map(lambda rs: reasons_text(rs, lang, empty=""))
    out["last_purchase"] = pd.to_datetime(out["last_purchase"]).dt.date
    headers = {c: i18n.t(f"churn.col.{c}", lang) for c in WIN_BACK_COLUMNS if c != "customer_id"}
    return out.rename(columns=headers)
