"""The churn section of the meeting report: risk, model quality, the top of the win-back list
(masked in presenter mode); on small data, what is missing."""
from __future__ import annotations

import pandas as pd

from cx import i18n
from cx.area import ReportSection
from cx.churn.metrics import RISK_HIGH, signal_report
from cx.churn.page import lift_figure
from cx.churn.scores import risk_list
from cx.churn.sentences import (
    horizon_notes,
    model_names,
    reasons_text,
    signal_sentences,
    small_data_sentences,
    verdict_sentence,
    versus_bgnbd,
)
from cx.churn.train import get_bundle, make_params, readiness
from cx.safety import mask_pii
from cx.scope import Scope
from cx.store import data_summary

__all__ = ["report_section"]


def report_section(cur, scope: Scope, lang: str, presenter: bool) -> ReportSection:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    params = make_params(cur, as_of=scope.as_of, currency=scope.currency)
    ready = readiness(cur, params)
    section = ReportSection(t("churn.title"))
    notes = horizon_notes(cur, params.as_of, params.currency, lang)
    if not ready.ok:
        section.sentences += small_data_sentences(ready, params, lang)
        if not ready.no_orders:
            section.sentences += notes
        return section
    summary = data_summary(cur)
    currency = scope.currency or (summary.currencies[0] if summary.currencies else None)
    bundle = get_bundle(cur, params)
    active = bundle.active
    high = active[active["churn_probability"] >= RISK_HIGH]
    section.sentences.append(t("churn.report.summary", n=i18n.fmt_int(len(high), lang),
                               active=i18n.fmt_int(len(active), lang), days=params.horizon,
                               money=i18n.fmt_money(high["expected_spend"].sum(), currency, lang,
                                                    compact=True)))
    m = bundle.backtest.metrics.set_index("model")
    section.sentences.append(t("churn.report.auc", **{
        k: i18n.fmt_num(m.loc[k, "roc_auc"], lang, digits=3) for k in model_names(lang)}))
    section.sentences.append(verdict_sentence(bundle.backtest, lang))
    section.sentences.append(t("churn.quality.vs_bgnbd", **versus_bgnbd(bundle, lang)))
    section.sentences += signal_sentences(signal_report(bundle), lang)
    section.sentences += notes
    section.figures.append(lift_figure(bundle, lang, presenter))
    top = risk_list(cur, params, "revenue").head(10)
    if presenter:  # masked here so the name column can carry a translated header
        top = mask_pii(top)
    section.table = pd.DataFrame({
        t("churn.col.customer_id"): top["customer_id"],
        t("churn.col.name"): top["name"],
        t("churn.col.churn_probability"): [i18n.fmt_pct(p, lang) for p in top["churn_probability"]],
        t("churn.col.revenue_at_risk"): [i18n.fmt_money(v, currency, lang)
                                         for v in top["revenue_at_risk"]],
        t("churn.col.reasons"): [reasons_text(rs, lang) for rs in top["reasons"]],
    })
    if top["name"].isna().all():  # no customers file: no names to show
        section.table = section.table.drop(columns=t("churn.col.name"))
    else:
        section.table[t("churn.col.name")] = section.table[t("churn.col.name")].fillna("–")
    return section
