"""The churn page's what-if tab (part of page.py's page): whose what-if, the sliders for one
customer or a typical one, what the model says with the sliders' values, and the business
what-ifs (winning back a share of the high-risk customers; detractors who became passives)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from cx import i18n
from cx.cache import kept
from cx.charts import churn as churn_charts
from cx.churn.metrics import customer_row, signal_report, whatif, win_back
from cx.churn.scores import detractors_whatif, typical_choices, typical_customer_of
from cx.churn.sentences import group_names, reason_names
from cx.churn.train import ChurnParams, get_bundle

__all__ = ["BusinessPage", "Slider", "WhatifChoices", "WhatifSubject", "WhatifView",
           "business_page", "whatif_choices", "whatif_subject", "whatif_view"]


@dataclass(frozen=True)
class WhatifChoices:
    explain: str
    subject_label: str
    subject_labels: dict[str, str]  # customer | typical
    customer_label: str
    typical_label: str
    typical: list[str]  # "all", then "dimension=value"
    typical_labels: dict[str, str]
    business_title: str
    share_label: str


@kept(shared=True)
def whatif_choices(cur, params: ChurnParams, lang: str) -> WhatifChoices:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    typical = typical_choices(cur, params)

    def label(choice: str) -> str:
        if choice == "all":
            return t("churn.whatif.all")
        dim, value = choice.split("=", 1)
        return f"{t(f'churn.dim.{dim}')}: {group_names([value], dim, lang)[value]}"

    return WhatifChoices(
        explain=t("churn.whatif.explain"), subject_label=t("churn.whatif.subject"),
        subject_labels={m: t(f"churn.whatif.subject.{m}") for m in ("customer", "typical")},
        customer_label=t("churn.whatif.customer"), typical_label=t("churn.whatif.typical_of"),
        typical=typical, typical_labels={c: label(c) for c in typical},
        business_title=t("churn.business.title"), share_label=t("churn.business.share"))


# -- the sliders -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Slider:
    input: str  # recency | frequency | aov | nps | referrals | discount (metrics.WHATIF_INPUTS)
    key: str  # the widget's key
    label: str
    value: object  # as it is
    low: float | None = None
    high: float | None = None
    options: tuple | None = None  # a select slider's options (the latest NPS answer)
    option_labels: dict | None = None


@dataclass(frozen=True)
class WhatifSubject:
    row: pd.DataFrame  # the customer's (or the typical customer's) features, one row
    sliders: list[Slider]  # one for each input the model learned from

    @property
    def values(self) -> tuple:
        """The sliders' values as they are: whatif_view's `values` before anything moved."""
        return tuple((s.input, s.value) for s in self.sliders)


SHORT = {"recency": "rec", "frequency": "freq", "aov": "aov", "nps": "nps", "referrals": "ref",
         "discount": "disc"}


def _as_is(row: pd.Series) -> dict:
    nps = row["nps_latest"]
    return {"recency": int(row["recency_days"]), "frequency": int(row["frequency"]),
            "aov": float(row["avg_order_value"]), "nps": None if pd.isna(nps) else int(nps),
            "referrals": int(row["referrals_made"]),
            "discount": int(round(float(row["discount_share"]) * 100))}


@kept(shared=True)
def whatif_subject(cur, params: ChurnParams, mode: str, key: str, lang: str,
                   currency: str | None) -> WhatifSubject:
    """mode "customer" (key: a customer id) or "typical" (key: a typical_choices choice)."""
    t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
    num = lambda x: i18n.fmt_int(x, lang)  # noqa: E731
    bundle = get_bundle(cur, params)
    if mode == "customer":
        row = customer_row(bundle, key)
    else:
        row = typical_customer_of(cur, params, key)
    v = _as_is(row.iloc[0])
    suffix = key if mode == "customer" else f"typical-{key}"
    widget = lambda name: f"wi_{SHORT[name]}_{suffix}"  # noqa: E731
    nps_text = "–" if v["nps"] is None else str(v["nps"])
    every = {
        "recency": Slider("recency", widget("recency"), t("churn.whatif.recency", v=num(v["recency"])),
                          v["recency"], 0, max(params.lookback, v["recency"])),
        "frequency": Slider("frequency", widget("frequency"),
                            t("churn.whatif.frequency", v=num(v["frequency"])), v["frequency"], 1,
                            max(30, v["frequency"] * 2)),
        "aov": Slider("aov", widget("aov"),
                      t("churn.whatif.aov", v=i18n.fmt_money(v["aov"], currency, lang)), v["aov"],
                      0.0, float(max(v["aov"] * 3, 10.0))),
        "nps": Slider("nps", widget("nps"), t("churn.whatif.nps", v=nps_text), v["nps"],
                      options=(None, *range(11)),
                      option_labels={None: "–", **{s: str(s) for s in range(11)}}),
        "referrals": Slider("referrals", widget("referrals"),
                            t("churn.whatif.referrals", v=num(v["referrals"])), v["referrals"], 0,
                            max(10, v["referrals"] * 2)),
        "discount": Slider("discount", widget("discount"),
                           t("churn.whatif.discount", v=f"{v['discount']}%"), v["discount"], 0,
                           100),
    }
    return WhatifSubject(row=row, sliders=[every[k] for k in signal_report(bundle)["whatif"]])


# -- what the model says with the sliders' values ---------------------------------------------------
@dataclass(frozen=True)
class WhatifView:
    probability_label: str
    probability: str
    delta: str | None  # the change from as it is, in points (None: nothing moved)
    original_label: str
    original: str
    probability_figure: go.Figure
    moved: pd.DataFrame | None  # what moved, from what to what
    reasons: go.Figure
    reasons_explain: str


def changes_of(before: dict, after: dict) -> dict:
    """The feature changes the sliders ask for (only those that moved)."""
    out = {}
    if after["recency"] != before["recency"]:
        out["recency_days"] = after["recency"]
    if after["frequency"] != before["frequency"]:
        out["frequency"] = after["frequency"]
    if abs(after["aov"] - before["aov"]) > 1e-9:
        out["avg_order_value"] = after["aov"]
    if after["nps"] != before["nps"]:
        out["nps_latest"] = math.nan if after["nps"] is None else after["nps"]
    if after["referrals"] != before["referrals"]:
        out["referrals_made"] = after["referrals"]
    if after["discount"] != before["discount"]:
        out["discount_share"] = after["discount"] / 100
    return out


@kept(shared=True)
def whatif_view(cur, params: ChurnParams, mode: str, key: str, values: tuple, lang: str,
                presenter: bool, currency: str | None) -> WhatifView:
    """`values`: (input, value) pairs of the sliders (WhatifSubject.values as they are)."""
    t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
    num = lambda x: i18n.fmt_int(x, lang)  # noqa: E731
    pct = lambda x: i18n.fmt_pct(x, lang, digits=1)  # noqa: E731
    money = lambda x: i18n.fmt_money(x, currency, lang)  # noqa: E731
    subject = whatif_subject(cur, params, mode, key, lang, currency)
    before = _as_is(subject.row.iloc[0])
    after = {**before, **dict(values)}
    changes = changes_of(before, after)
    result = whatif(get_bundle(cur, params), subject.row, changes)
    moved = None
    if changes:  # what moved, from what to what
        nps = lambda v: "–" if v is None else str(v)  # noqa: E731
        shown = {"recency": num, "frequency": num, "aov": money, "nps": nps, "referrals": num,
                 "discount": lambda v: f"{v}%"}
        rows = [(t(f"churn.whatif.in.{k}"), fmt(before[k]), fmt(after[k]))
                for k, fmt in shown.items()]
        moved = pd.DataFrame([r for r in rows if r[1] != r[2]],
                             columns=[t("churn.whatif.col.input"), t("churn.whatif.col.original"),
                                      t("churn.whatif.col.new")])
    reasons = reason_names(lang)
    effects = pd.DataFrame({"label": [reasons[k] for k in result["effects"]],
                            "effect": list(result["effects"].values()),
                            "original": [result["original_effects"][k] for k in result["effects"]]})
    return WhatifView(
        probability_label=t("churn.whatif.probability"), probability=pct(result["probability"]),
        delta=(i18n.fmt_pct_points(result["probability"] - result["original"], lang)
               if changes else None),
        original_label=t("churn.whatif.original"), original=pct(result["original"]),
        probability_figure=churn_charts.churn_whatif_probability_chart(
            pd.DataFrame({"original": [result["original"]],
                          "probability": [result["probability"]]}),
            labels={"title": t("churn.whatif.chart"), "as_is": t("churn.whatif.as_is"),
                    "new": t("churn.whatif.with_values"),
                    "mark": t("churn.whatif.original_mark", p=pct(result["original"]))},
            presenter=presenter),
        moved=moved,
        reasons=churn_charts.churn_whatif_chart(effects, labels={
            "title": t("churn.whatif.reasons"), "x": t("churn.whatif.reasons_x"),
            "original": t("churn.whatif.as_is")}, presenter=presenter),
        reasons_explain=t("churn.whatif.reasons_explain"))


# -- the business what-ifs -------------------------------------------------------------------
@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str | None = None
    help: str | None = None


@dataclass(frozen=True)
class BusinessPage:
    kept: Metric
    revenue: Metric
    explain: str
    # detractors who became passives: None without survey answers to learn from
    detractors: str | None  # heading (markdown)
    detractor_metrics: list[Metric]  # only for a clear gain (the risk's delta: lower is better)
    detractor_range: str | None
    detractor_note: str | None  # no detractors, a loss, or within the noise: said in words
    detractor_explain: str | None


@kept(shared=True)
def business_page(cur, params: ChurnParams, share: int, lang: str,
                  currency: str | None) -> BusinessPage:
    """`share`: percent of the high-risk customers won back (the slider)."""
    t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
    num = lambda x: i18n.fmt_int(x, lang)  # noqa: E731
    money = lambda x: i18n.fmt_money(x, currency, lang, compact=True)  # noqa: E731
    bundle = get_bundle(cur, params)
    h = params.horizon
    wb = win_back(bundle, share / 100)
    out = {"kept": Metric(t("churn.business.kept"), num(wb["customers_kept"]),
                          help=t("churn.business.kept_help", n=num(wb["high_risk"]),
                                 lost=num(wb["expected_lost"]))),
           "revenue": Metric(t("churn.business.revenue", days=h), money(wb["revenue_kept"])),
           "explain": t("churn.business.explain", n=num(wb["high_risk"]), share=share,
                        lost=num(wb["expected_lost"]), days=h),
           "detractors": None, "detractor_metrics": [], "detractor_range": None,
           "detractor_note": None, "detractor_explain": None}
    if "nps" not in signal_report(bundle)["used"]:
        return BusinessPage(**out)  # no answers to learn from: the quality tab names the file
    det = detractors_whatif(cur, params)
    if det["detractors"] == 0:
        out["detractor_note"] = t("churn.business.no_detractors")
        return BusinessPage(**out)
    out["detractors"] = "**" + t("churn.business.detractors") + "**"
    n = num(det["detractors"])
    change = i18n.fmt_pct_points(abs(det["after"] - det["before"]), lang, signed=False)
    if det["verdict"] == "gain":
        out["detractor_metrics"] = [
            Metric(t("churn.business.det_risk"), i18n.fmt_pct(det["after"], lang),
                   delta=i18n.fmt_pct_points(det["after"] - det["before"], lang)),
            Metric(t("churn.business.kept"), i18n.fmt_num(det["customers_kept"], lang)),
            Metric(t("churn.business.revenue", days=h), money(det["revenue_kept"]))]
        out["detractor_range"] = t("churn.business.det_range",
                                   low=i18n.fmt_num(det["low"], lang),
                                   high=i18n.fmt_num(det["high"], lang))
    elif det["verdict"] == "loss":
        out["detractor_note"] = t("churn.business.det_loss", n=n, pt=change)
    else:
        out["detractor_note"] = t("churn.business.det_noise", n=n, pt=change)
    out["detractor_explain"] = t("churn.business.det_explain", n=n)
    return BusinessPage(**out)
