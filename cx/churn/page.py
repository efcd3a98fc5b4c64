"""What the churn page shows, for a language, presenter mode and currency: its controls, the
small-data view, the key numbers and the risk list, where customers are lost, the what-ifs and
the model's quality, each built in one kept call (figures, formatted tables and sentences), and
the page's default widget values, declared once (DEFAULTS) for views/churn.py and its opening.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cx import i18n
from cx.cache import kept
from cx.charts import churn as churn_charts
from cx.churn.metrics import (
    GROUP_DIMENSIONS,
    RISK_HIGH,
    SIGNAL_SOURCES,
    default_horizon,
    horizon_options,
    recency_view,
    signal_report,
    suggested_horizon,
    supported_horizons,
)
from cx.churn.scores import MODEL_COMPARISON, loss_groups, risk_list, risk_summary
from cx.churn.sentences import (
    band_names,
    group_names,
    horizon_notes,
    model_names,
    reason_names,
    reasons_text,
    small_data_sentences,
    verdict_sentence,
    versus_bgnbd,
    win_back_download,
)
from cx.churn.train import DEFAULT_LOOKBACK, ChurnParams, get_bundle, readiness
from cx.churn.whatif_page import business_page, whatif_choices, whatif_subject, whatif_view
from cx.headline import Basis, Headline, Kpi, compared_texts
from cx.scope import Scope, year_earlier
from cx.stats import count_se
from cx.store import currency_setting, data_summary, display_currency

__all__ = ["DEFAULTS", "Controls", "GroupView", "GroupsPage", "Kpi", "NotReadyPage",
           "PageDefaults", "QualityPage", "RiskTable", "SummaryPage", "business_page",
           "controls", "groups_page", "not_ready_page", "opening", "page_params",
           "quality_page", "risk_table", "summary_page", "whatif_choices", "whatif_subject",
           "whatif_view"]


@dataclass(frozen=True)
class PageDefaults:
    """The churn page's widgets before anyone touches them (the horizon's default comes from the
    data: metrics.default_horizon)."""
    lookback: int = DEFAULT_LOOKBACK  # days: "active" customers bought within them
    sort: str = "probability"  # the risk list's order: probability | revenue
    subject: str = "customer"  # whose what-if: customer | typical
    typical: str = "all"  # the typical customer of everyone
    win_back_share: int = 20  # percent of the high-risk customers won back
    win_back_step: int = 5
    customers_offered: int = 300  # riskiest customers the what-if offers


DEFAULTS = PageDefaults()


def page_params(scope: Scope, horizon: int) -> ChurnParams:
    """The model the page shows for the sidebar's scope and the chosen horizon."""
    return ChurnParams(as_of=scope.as_of, horizon=int(horizon), lookback=DEFAULTS.lookback,
                       currency=scope.currency)


# -- controls --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Controls:
    label: str
    choices: list[int]  # only the horizons the history supports (the shortest when none is)
    index: int  # of the default horizon
    choice_labels: dict[int, str]
    help: str
    as_of: dict[int, str]  # per horizon: what the risk is, as of which day
    notes: str | None  # what the horizons the history does not support yet need


@kept(shared=True)
def controls(cur, as_of: date, currency: str | None, lang: str) -> Controls:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    default_h = default_horizon(cur, as_of, currency)
    suggested_h = suggested_horizon(cur, as_of, currency)
    choices = supported_horizons(horizon_options(cur, as_of, currency))
    help_text = t("churn.horizon_help", default=suggested_h)
    if suggested_h != default_h:
        help_text += " " + t("churn.horizon_capped", suggested=suggested_h, default=default_h)
    notes = horizon_notes(cur, as_of, currency, lang)
    return Controls(
        label=t("churn.horizon"), choices=choices,
        index=choices.index(default_h) if default_h in choices else 0,
        choice_labels={h: t("churn.days", n=h) for h in choices}, help=help_text,
        as_of={h: t("churn.as_of", day=i18n.fmt_date(as_of, lang), days=h) for h in choices},
        notes=" ".join(notes) if notes else None)


# -- small data --------------------------------------------------------------------------------
@dataclass(frozen=True)
class NotReadyPage:
    warning: str
    shorter: str | None  # a shorter horizon would need less history
    title: str
    explain: str
    recency: go.Figure


@kept(shared=True)
def not_ready_page(cur, params: ChurnParams, lang: str, presenter: bool) -> NotReadyPage | None:
    """None when the data is ready for a model; else what is missing and the recency view."""
    ready = readiness(cur, params)
    if ready.ok:
        return None
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    h = params.horizon
    shortest = supported_horizons(horizon_options(cur, params.as_of, params.currency))[0]
    view = recency_view(cur, params.as_of, h, params.currency)
    view["label"] = [t("churn.recency.band1", a=h), t("churn.recency.band2", a=h, b=2 * h),
                     t("churn.recency.band3", a=2 * h, b=4 * h), t("churn.recency.band4", a=4 * h)]
    return NotReadyPage(
        warning=" ".join(small_data_sentences(ready, params, lang)),
        shorter=t("churn.small.shorter") if ready.more_days and h > shortest else None,
        title=t("churn.recency.title"), explain=t("churn.recency.explain", days=h),
        recency=churn_charts.churn_recency_chart(view, labels={
            "title": t("churn.recency.chart"), "x": t("churn.recency.x"),
            "y": t("churn.customers")}, presenter=presenter))


# -- key numbers, tabs and the risk bands --------------------------------------------------------
@dataclass(frozen=True)
class SummaryPage:
    kpis: list[Kpi]
    tabs: list[str]  # risk list, groups, what-if, model quality
    bands: go.Figure
    sort_label: str
    sort_labels: dict[str, str]  # probability | revenue


def _kpi_headlines(numbers: dict, params: ChurnParams) -> tuple[Headline, ...]:
    """The key numbers' comparisons. Active customers are a count (Poisson): against the same
    count one horizon earlier (as the churn headline's previous value) and a year earlier, each
    only when the data reaches back to its lookback window. The high-risk count, their spend
    and the ROC AUC are the model's: the churn headline's judgement (no verdict, no year-ago
    value, MODEL_COMPARISON), the previous value where the model one horizon earlier has one."""
    def window(n: int | None, day: date) -> Basis | None:
        return None if n is None else Basis("days", n, last=day, days=params.lookback)

    prev, year = numbers["previous_active"], numbers["year_active"]
    return (
        Headline("churn.kpi.active", float(numbers["active"]), prev, "int",
                 se=count_se(numbers["active"]),
                 previous_se=None if prev is None else count_se(prev),
                 previous_basis=window(prev, params.train_cutoff),
                 previous_missing="headline.previous.none", year_ago=year,
                 year_ago_se=None if year is None else count_se(year),
                 year_ago_basis=window(year, year_earlier(params.as_of))),
        Headline("churn.kpi.high", float(numbers["high_risk"]), numbers["previous_high_risk"],
                 "int", higher_is_better=False, **MODEL_COMPARISON),
        Headline("churn.kpi.revenue", numbers["high_risk_spend"],
                 numbers["previous_high_risk_spend"], "money", higher_is_better=False,
                 **MODEL_COMPARISON),
        Headline("churn.kpi.auc", numbers["roc_auc"], None, **MODEL_COMPARISON),
    )


@kept(shared=True)
def summary_page(cur, params: ChurnParams, lang: str, presenter: bool,
                 currency: str | None) -> SummaryPage:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    num = lambda x: i18n.fmt_int(x, lang)  # noqa: E731
    numbers = risk_summary(cur, params)
    c_active, c_high, c_spend, c_auc = (compared_texts(h, lang, currency)
                                        for h in _kpi_headlines(numbers, params))
    kpis = [
        Kpi(t("churn.kpi.active"), num(numbers["active"]),
            t("churn.kpi.active_help", days=params.lookback) + " " + c_active.help,
            delta=c_active.delta, delta_description=c_active.year, real=c_active.real),
        Kpi(t("churn.kpi.high"), num(numbers["high_risk"]),
            t("churn.kpi.high_help", p=i18n.fmt_pct(RISK_HIGH, lang, digits=0),
              days=params.horizon) + " " + c_high.help,
            delta=c_high.delta, delta_description=c_high.year, higher_is_better=False,
            real=c_high.real),
        Kpi(t("churn.kpi.revenue"),
            i18n.fmt_money(numbers["high_risk_spend"], currency, lang, compact=True),
            t("churn.kpi.revenue_help", days=params.horizon) + " " + c_spend.help,
            delta=c_spend.delta, delta_description=c_spend.year, higher_is_better=False,
            real=c_spend.real),
        Kpi(t("churn.kpi.auc"), i18n.fmt_num(numbers["roc_auc"], lang, digits=3),
            t("churn.kpi.auc_help") + " " + c_auc.help),
    ]
    bands = pd.DataFrame({"band": list(numbers["bands"]),
                          "customers": list(numbers["bands"].values())})
    bands["text"] = [f"{num(c)} ({i18n.fmt_pct(c / max(numbers['active'], 1), lang, digits=0)})"
                     for c in bands["customers"]]
    return SummaryPage(
        kpis=kpis,
        tabs=[t("churn.tab.list"), t("churn.tab.groups"), t("churn.tab.whatif"),
              t("churn.tab.quality")],
        bands=churn_charts.churn_band_chart(bands, labels={
            "title": t("churn.bands.title"), "bands": band_names(lang),
            "x": t("churn.customers")}, presenter=presenter),
        sort_label=t("churn.list.sort"),
        sort_labels={s: t(f"churn.list.sort.{s}") for s in ("probability", "revenue")})


# -- the risk list -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RiskTable:
    caption: str
    table: pd.DataFrame  # English column names (masking finds name and email by them)
    labels: dict[str, str]  # column -> its header
    probability_column: str  # drawn as a bar from 0 to 100%
    money_columns: list[str]
    money_format: str
    download: pd.DataFrame
    download_name: str
    download_label: str
    customers: list[str]  # the riskiest, offered by the what-if
    customer_labels: dict[str, str]


RISK_COLUMNS = ["customer_id", "name", "email", "churn_probability", "risk", "reasons",
                "revenue_at_risk", "expected_spend", "recency_days", "frequency",
                "avg_order_value", "nps_latest", "acquisition_channel", "last_purchase"]


@kept(shared=True)
def risk_table(cur, params: ChurnParams, sort: str, lang: str, presenter: bool,
               currency: str | None) -> RiskTable:
    risk = risk_list(cur, params, sort)
    used = signal_report(get_bundle(cur, params))["used"]
    shown = risk.copy()
    bands = band_names(lang)
    shown["risk"] = shown["risk"].map(bands)
    shown["reasons"] = shown["reasons"].map(lambda r: reasons_text(r, lang))
    shown["last_purchase"] = pd.to_datetime(shown["last_purchase"]).dt.date
    # no empty columns: contacts need a customers file, NPS and channels their own signals
    columns = [c for c in RISK_COLUMNS if not (c in ("name", "email") and shown[c].isna().all())
               and not (c == "nps_latest" and "nps" not in used)
               and not (c == "acquisition_channel" and "acquisition" not in used)]
    offered = risk["customer_id"].head(DEFAULTS.customers_offered).tolist()
    probability = dict(zip(risk["customer_id"], risk["churn_probability"]))
    return RiskTable(
        caption=i18n.t("churn.list.explain", lang, n=i18n.fmt_int(len(risk), lang),
                       days=params.horizon),
        table=shown[columns], labels={c: i18n.t(f"churn.col.{c}", lang) for c in columns},
        probability_column="churn_probability",
        money_columns=[c for c in ("revenue_at_risk", "expected_spend", "avg_order_value")
                       if c in columns],
        money_format=i18n.money_column_format(currency),
        download=win_back_download(risk, lang, presenter),
        download_name=f"win-back-{params.as_of.isoformat()}.csv",
        download_label=i18n.t("churn.list.download", lang), customers=offered,
        customer_labels={c: f"{c} · {i18n.fmt_pct(probability.get(c, 0), lang, digits=0)}"
                         for c in offered})


# -- where we are losing customers ---------------------------------------------------------------
@dataclass(frozen=True)
class GroupView:
    caption: str
    figure: go.Figure
    sentence: str | None  # plain text: group names come from the user's files
    table: pd.DataFrame
    labels: dict[str, str]
    percent_columns: list[str]
    money_columns: list[str]


@dataclass(frozen=True)
class GroupsPage:
    none: str | None  # when the data has no groups to compare: which files would add them
    label: str
    dimensions: list[str]
    dimension_labels: dict[str, str]
    views: dict[str, GroupView]
    money_format: str


@kept(shared=True)
def groups_page(cur, params: ChurnParams, lang: str, presenter: bool,
                currency: str | None) -> GroupsPage:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    pct = lambda x: i18n.fmt_pct(x, lang, digits=0)  # noqa: E731
    groups = loss_groups(cur, params)
    dims = [d for d in GROUP_DIMENSIONS if d in set(groups["dimension"])]
    none = None
    if not dims:
        sources = [SIGNAL_SOURCES[g] for g in ("acquisition", "first_product", "channels", "nps")]
        none = t("churn.groups.none", sources=t("churn.signals.sep").join(
            t(f"churn.source.{k}") for k in sources))
    views = {}
    for dim in dims:
        part = groups[groups["dimension"] == dim].copy()
        part["label"] = part["group"].map(group_names(part["group"], dim, lang))
        part["text"] = [t("churn.groups.bar", rate=pct(r), n=i18n.fmt_int(n, lang))
                        for r, n in zip(part["churn_rate"].fillna(0), part["past_customers"])]
        worst = part.dropna(subset=["churn_rate"])
        worst = worst[worst["past_customers"] >= 30]
        sentence = None
        if len(worst) >= 2:
            top, bottom = worst.iloc[0], worst.iloc[-1]
            sentence = t("churn.groups.sentence", worst=top["label"], rate=pct(top["churn_rate"]),
                         best=bottom["label"], best_rate=pct(bottom["churn_rate"]))
        table = part[["label", "past_customers", "churn_rate", "customers", "mean_risk",
                      "high_risk", "revenue_at_risk"]]
        views[dim] = GroupView(
            caption=t("churn.groups.explain", days=params.horizon),
            figure=churn_charts.churn_groups_chart(part, labels={
                "title": t("churn.groups.chart", dim=t(f"churn.dim.{dim}")),
                "x": t("churn.groups.x", days=params.horizon)}, presenter=presenter),
            sentence=sentence, table=table,
            labels={c: t(f"churn.gcol.{c}") for c in table.columns},
            percent_columns=["churn_rate", "mean_risk"], money_columns=["revenue_at_risk"])
    return GroupsPage(none=none, label=t("churn.groups.by"), dimensions=dims,
                      dimension_labels={d: t(f"churn.dim.{d}") for d in dims}, views=views,
                      money_format=i18n.money_column_format(currency))


# -- how good the model has been -----------------------------------------------------------------
@dataclass(frozen=True)
class QualityPage:
    caption: str
    table: pd.DataFrame
    verdict: str  # wins | on_par | loses
    verdict_text: str
    versus_bgnbd: str  # markdown
    metrics_help: str
    signals_title: str
    signals_used: str  # markdown
    missing_caption: str
    missing: pd.DataFrame | None  # signals the model could not use, and what adds each
    calibration: go.Figure
    lift: go.Figure
    saved: str


def _long(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One frame of per-model tables, with their model key in a column."""
    frames = [t.assign(model=k) for k, t in tables.items() if not t.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def lift_figure(bundle, lang: str, presenter: bool) -> go.Figure:
    return churn_charts.churn_lift_chart(_long(bundle.backtest.lift), labels={
        "title": i18n.t("churn.quality.lift", lang), "x": i18n.t("churn.quality.contacted", lang),
        "y": i18n.t("churn.quality.captured", lang), "models": model_names(lang)},
        presenter=presenter)


@kept(shared=True)
def quality_page(cur, params: ChurnParams, lang: str, presenter: bool) -> QualityPage:
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    num = lambda x: i18n.fmt_int(x, lang)  # noqa: E731
    score = lambda x: i18n.fmt_num(x, lang, digits=3)  # noqa: E731
    bundle = get_bundle(cur, params)
    bt, names, reasons = bundle.backtest, model_names(lang), reason_names(lang)
    metrics = bt.metrics.set_index("model")
    signals = signal_report(bundle)
    missing = None
    if signals["missing"]:
        missing = pd.DataFrame({
            t("churn.signals.col.signal"): [reasons[g] for g, _ in signals["missing"]],
            t("churn.signals.col.source"): [t(f"churn.source.{k}") for _, k in signals["missing"]]})
    return QualityPage(
        caption=t("churn.quality.explain", train=i18n.fmt_date(bt.train_cutoff, lang),
                  cut=i18n.fmt_date(bt.eval_cutoff, lang),
                  end=i18n.fmt_date(params.as_of, lang), days=params.horizon,
                  n=num(metrics["customers"].iloc[0]),
                  rate=i18n.fmt_pct(metrics["churn_rate"].iloc[0], lang, digits=0)),
        table=pd.DataFrame({
            t("churn.quality.model"): [names[k] for k in metrics.index],
            t("churn.quality.auc"): [score(v) for v in metrics["roc_auc"]],
            t("churn.quality.top10"): [i18n.fmt_pct(v, lang, digits=1)
                                       for v in metrics["top10_precision"]],
            t("churn.quality.brier"): [score(v) for v in metrics["brier"]]}),
        verdict=bt.verdict, verdict_text=verdict_sentence(bt, lang),
        versus_bgnbd=t("churn.quality.vs_bgnbd", **versus_bgnbd(bundle, lang)),
        metrics_help=t("churn.quality.metrics_help"), signals_title=t("churn.signals.title"),
        signals_used=t("churn.signals.used", signals=t("churn.signals.sep").join(
            reasons[g] for g in signals["used"])),
        missing_caption=t("churn.signals.missing"), missing=missing,
        calibration=churn_charts.churn_calibration_chart(_long(bt.calibration), labels={
            "title": t("churn.quality.calibration"), "x": t("churn.quality.predicted"),
            "y": t("churn.quality.observed"), "ideal": t("churn.quality.ideal"),
            "models": names}, presenter=presenter),
        lift=lift_figure(bundle, lang, presenter),
        saved=t("churn.quality.saved", seconds=f"{bundle.timings.get('total', 0):.1f}",
                n=num(bundle.model.n_train)))


# -- the page's opening view, prepared after an import -------------------------------------------
def opening(cur, scope: Scope) -> None:
    """The calls views/churn.py opens with before anyone touches a widget (DEFAULTS, English,
    not presenting, the sidebar's currency), so cx.prepare keeps their results after an import.
    The model itself is fitted just before (cx.prepare.prepare_after_import -> train_default)."""
    lang, presenter = "en", False
    currency = display_currency(data_summary(cur), currency_setting(cur), scope.currency)
    choice = controls(cur, scope.as_of, scope.currency, lang)
    params = page_params(scope, choice.choices[choice.index])
    if not_ready_page(cur, params, lang, presenter) is not None:
        return
    summary_page(cur, params, lang, presenter, currency)
    risk = risk_table(cur, params, DEFAULTS.sort, lang, presenter, currency)
    groups_page(cur, params, lang, presenter, currency)
    whatif_choices(cur, params, lang)
    if risk.customers:
        subject = whatif_subject(cur, params, DEFAULTS.subject, risk.customers[0], lang, currency)
        whatif_view(cur, params, DEFAULTS.subject, risk.customers[0], subject.values, lang,
                    presenter, currency)
    business_page(cur, params, DEFAULTS.win_back_share, lang, currency)
    quality_page(cur, params, lang, presenter)
