"""What the Retention page shows, for a language, presenter mode and currency: its defaults,
and one cached entry function per part of the page (the header with the key numbers, then one
per tab), each returning a dataclass of built figures, formatted tables and sentences.

views/retention.py lays these out; `AREA.opening` calls the same functions with DEFAULTS so
the page opens on prepared results after an import. Results are shared, never copied: callers
must not change them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cx import annotations, i18n
from cx.available import absent_list_sentence, available, orders_without_customer, present_columns
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Headline, Kpi, compared_texts, describe_basis
from cx.retention import figures, metrics, queries
from cx.retention.export import export_frame
from cx.retention.metrics import DEFAULT_HORIZON, HEATMAP_WINDOW, Measure
from cx.scope import PERIODS, Scope

__all__ = ["DEFAULTS", "DRILL_SHOWS", "SHOWS", "TABS", "CohortsTab", "CurvesView", "Defaults",
           "Drill", "DrillChoices", "Header", "HeatmapView", "KLine", "Kpi", "SurvivalView",
           "cohorts_tab", "curves_view", "default_split", "drill", "drill_choices", "header",
           "kline", "missing_notes", "opening", "revenue_heatmap_view", "survival_view"]

TABS = ("cohorts", "curves", "revenue", "survival", "customers")
SHOWS = ("pct", "count")
DRILL_SHOWS = ("returned", "lost", "all")
MONEY_COLUMNS = ("revenue_in_period", "revenue_total")


@dataclass(frozen=True)
class Defaults:
    """The page's widgets before anyone touches them (the view and AREA.opening read these)."""
    period: str = "month"
    mode: str = "on"
    show: str = "pct"
    horizon: int = DEFAULT_HORIZON
    tab: str = "cohorts"
    drill_show: str = "returned"


DEFAULTS = Defaults()


def default_split(dims) -> str:
    """The "split by" boxes start on the first dimension the data has, else on no split (the
    cohort heatmap is never split)."""
    return dims[0] if dims else "none"


def _after(period: str, k: int, lang: str) -> str:
    return i18n.t(f"retention.after.{period}", lang, k=k)


def _labels(prefix: str, values, lang: str) -> dict:
    return {v: i18n.t(f"{prefix}.{v}", lang) for v in values}


# -- the header: key numbers and what the page is based on ------------------------------------
@dataclass(frozen=True)
class Header:
    notes: tuple[str, ...]  # captions above everything (orders without a customer)
    empty: str | None  # when no cohort exists: the sentence shown instead of the page
    small: str | None  # a caption for a shop of few customers
    kpis: tuple[Kpi, ...] = ()
    missing: tuple[str, ...] = ()  # what each "–" key number still needs
    dims: tuple[str, ...] = ()  # the segment dimensions the data can split by
    labels: dict = field(default_factory=dict)  # option -> shown text, per widget


def missing_notes(kn: metrics.KeyNumbers, scope: Scope, lang: str = "en") -> list[str]:
    """One short sentence per key number shown as '–': what data it still needs."""
    notes = []
    for m, name in ((kn.repeat, "repeat"), (kn.month1, "month1"), (kn.month3, "month3")):
        if m.value is not None:
            continue
        label = i18n.t(f"retention.kpi.{name}", lang)
        if m.thin:
            notes.append(i18n.t_count("retention.kpi.missing.thin", lang, m.thin, what=label,
                                      n=i18n.fmt_int(m.thin, lang), min=MIN_SAMPLE))
            continue
        when = i18n.fmt_date(metrics.latest_possible_cohort(scope.as_of, name), lang)
        if name == "repeat":
            notes.append(i18n.t("retention.kpi.missing.repeat", lang, date=when))
        else:
            notes.append(i18n.t("retention.kpi.missing.month", lang, k=name[-1], date=when))
    if kn.median_gap is None:
        notes.append(i18n.t("retention.kpi.missing.gap", lang))
    return notes


def _rate_kpi(label_key: str, m: Measure, help_key: str, lang: str, **extra) -> Kpi:
    label = i18n.t(label_key, lang)
    if m.value is None:
        return Kpi(label, "–", i18n.t("retention.kpi.not_yet", lang))
    # both comparisons as the overview shows them: the previous cohort and a year earlier
    c = compared_texts(Headline(label_key, m.value, m.previous, "pct", basis=m.basis(),
                                previous_basis=m.previous_basis(), **m.comparison_fields()),
                       lang)
    basis = describe_basis(m.basis(), lang)
    text = i18n.t(help_key, lang, basis=basis, active=i18n.fmt_int(m.active, lang),
                  customers=i18n.fmt_int(m.customers, lang), change=" " + c.help,
                  min=MIN_SAMPLE, **extra)
    return Kpi(label, i18n.fmt_pct(m.value, lang), text, c.delta, c.year, caption=basis,
               chart_data=list(m.trend) if len(m.trend) > 1 else None, real=c.real)


def _gap_kpi(kn: metrics.KeyNumbers, lang: str) -> Kpi:
    help_text, delta, vs = i18n.t("retention.kpi.not_yet", lang), None, None
    real = True
    if kn.gaps:
        help_text = i18n.t_count("retention.kpi.gap_help", lang, kn.gaps,
                                 n=i18n.fmt_int(kn.gaps, lang))
        g = kn.gap_change
        if g.value is not None and g.previous is not None:
            current, previous = i18n.fmt_month(g.cohort, lang), i18n.fmt_month(g.previous_cohort,
                                                                               lang)
            vs = i18n.t("retention.kpi.gap_delta_vs", lang, current=current, previous=previous)
            help_text += " " + i18n.t(
                "retention.kpi.gap_change_help", lang, current=current, previous=previous,
                a=i18n.fmt_num(g.value, lang, digits=0), b=i18n.fmt_num(g.previous, lang, digits=0),
                na=i18n.fmt_int(g.customers, lang), nb=i18n.fmt_int(g.previous_customers, lang))
        if kn.gap_head is not None:  # both comparisons, the noise from each median's interval
            c = compared_texts(kn.gap_head, lang)
            delta, real = c.delta, c.real
            vs = f"{vs} · {c.year}" if vs else c.year
            help_text += " " + c.help
    value = "–" if kn.median_gap is None else i18n.fmt_num(kn.median_gap, lang, digits=0)
    return Kpi(i18n.t("retention.kpi.gap", lang), value, help_text, delta, vs,
               higher_is_better=False, real=real)


@kept(shared=True, disk=False)
def header(cur, scope: Scope, lang: str) -> Header:
    """The top of the page: orders left out, the key numbers, what they still need, and the
    options of the page's widgets."""
    missing = orders_without_customer(cur, scope)
    notes = (i18n.t_count("retention.null_orders", lang, missing,
                          n=i18n.fmt_int(missing, lang)),) if missing else ()
    kn = metrics.key_numbers(cur, scope)
    if kn.customers == 0:
        return Header(notes, i18n.t("retention.no_cohorts", lang), None)
    small = (i18n.t_count("retention.small", lang, kn.customers,
                          n=i18n.fmt_int(kn.customers, lang)) if kn.customers < 50 else None)
    kpis = (_rate_kpi("retention.kpi.repeat", kn.repeat, "retention.kpi.repeat_help", lang),
            _rate_kpi("retention.kpi.month1", kn.month1, "retention.kpi.month_help", lang, k=1),
            _rate_kpi("retention.kpi.month3", kn.month3, "retention.kpi.month_help", lang, k=3),
            _gap_kpi(kn, lang))
    dims = tuple(metrics.available_segments(cur, scope))
    labels = {"period": _labels("period", PERIODS, lang),
              "mode": _labels("retention.mode", queries.MODES, lang),
              "show": _labels("retention.show", SHOWS, lang),
              "tab": _labels("retention.tab", TABS, lang),
              "dim": _labels("retention.dim", ("none", *dims), lang),
              "drill_show": _labels("retention.drill.show", DRILL_SHOWS, lang)}
    return Header(notes, None, small, kpis, tuple(missing_notes(kn, scope, lang)), dims, labels)


# -- cohorts tab ------------------------------------------------------------------------------
@dataclass(frozen=True)
class HeatmapView:
    figure: go.Figure
    explain: str
    truncated: str | None  # what the window leaves out, when it leaves something out


@dataclass(frozen=True)
class CohortsTab:
    heatmap: HeatmapView
    matrix: pd.DataFrame  # the matrix download (the export's columns)
    matrix_file: str
    ks: tuple[int, ...]  # the periods the period-k line can show
    k_labels: dict


def _window(cells: pd.DataFrame, period: str, lang: str) -> tuple[pd.DataFrame, str | None]:
    size = HEATMAP_WINDOW[period]
    window, info = metrics.heatmap_window(cells, size, size)
    note = (i18n.t("retention.heatmap.truncated", lang, shown=i18n.fmt_int(info["shown"], lang),
                   total=i18n.fmt_int(info["total"], lang), cols=i18n.fmt_int(info["cols"], lang))
            if info["truncated"] else None)
    return window, note


# The parts with a calendar axis read the timeline's events of the scope uncached (a tiny query)
# and pass them into their kept function: the events are part of its key (cx.annotations).
def cohorts_tab(cur, scope: Scope, period: str, mode: str, show: str, lang: str,
                presenter: bool) -> CohortsTab:
    """The cohort heatmap (latest HEATMAP_WINDOW cohorts, weighted row over all; the cohorts of
    the timeline's events marked), the matrix download and the periods the period-k line
    offers."""
    return _cohorts_tab(cur, scope, period, mode, show, lang, presenter,
                        annotations.events_for(cur, scope))


@kept(shared=True, disk=False)
def _cohorts_tab(cur, scope: Scope, period: str, mode: str, show: str, lang: str,
                 presenter: bool, events: tuple) -> CohortsTab:
    cells = metrics.retention_cells(cur, scope, period)
    average = metrics.average_curve(cells, mode)
    window, note = _window(cells, period, lang)
    fig = figures.cohort_heatmap_figure(window, average, period, mode, show, lang, presenter,
                                        events)
    explain = i18n.t("retention.heatmap.explain", lang,
                     unit=i18n.t(f"retention.unit.{period}", lang))
    ks = tuple(sorted(int(k) for k in average["k"] if k >= 1)[:12] or [1])
    return CohortsTab(HeatmapView(fig, explain, note),
                      export_frame(cells, mode).drop(columns=["segment"]),
                      f"retention-{period}-{mode}-{scope.as_of.isoformat()}.csv", ks,
                      {k: _after(period, k, lang) for k in ks})


@dataclass(frozen=True)
class KLine:
    figure: go.Figure
    explain: str


def kline(cur, scope: Scope, period: str, mode: str, k: int, lang: str,
          presenter: bool) -> KLine:
    """Retention at period k, cohort by cohort: is it getting better? (With the events.)"""
    return _kline(cur, scope, period, mode, k, lang, presenter,
                  annotations.events_for(cur, scope))


@kept(shared=True, disk=False)
def _kline(cur, scope: Scope, period: str, mode: str, k: int, lang: str, presenter: bool,
           events: tuple) -> KLine:
    series = metrics.period_k_series(metrics.retention_cells(cur, scope, period), k, mode)
    return KLine(figures.period_k_figure(series, period, k, lang, presenter, events),
                 i18n.t("retention.kline.explain", lang, after=_after(period, k, lang)))


# -- curves and revenue tabs ------------------------------------------------------------------
@dataclass(frozen=True)
class CurvesView:
    figure: go.Figure
    absent: str | None  # the splits the data cannot offer, in one sentence
    note: str | None  # how to read the curves and which points are left out
    bands: str | None  # the first-order value bands, when the curves are split by them


@kept(shared=True, disk=False)
def curves_view(cur, scope: Scope, period: str, mode: str, dim: str, value: str, lang: str,
                presenter: bool, currency: str | None) -> CurvesView:
    """Average curves of all customers plus the segments of `dim` ("none": no split), of
    retention (value "retention") or revenue retention ("revenue_retention")."""
    revenue = value == "revenue_retention"
    cells = metrics.retention_cells(cur, scope, period)
    curves = metrics.average_curve(cells, mode).assign(segment="all")
    if dim != "none":
        seg_cells = metrics.retention_cells(cur, scope, period, dim)
        curves = pd.concat([curves, metrics.average_curve(seg_cells, mode)], ignore_index=True)
    min_customers = metrics.curve_min_customers(metrics.key_numbers(cur, scope).customers)
    # with several cohorts, a curve point resting on one cohort is that cohort's story
    min_cohorts = 2 if cells["cohort"].nunique() >= 6 else 1
    fig = figures.curves_figure(curves, period, value, lang, presenter, min_customers,
                                min_cohorts)
    avail = available(cur)
    absent = absent_list_sentence(avail.missing("acquisition_channels", "regions", "categories",
                                                "channels", "surveys"), lang)
    parts = [] if revenue else [i18n.t("retention.curves.explain", lang)]
    if min_cohorts > 1:
        parts.append(i18n.t("retention.curves.min_cohorts", lang,
                            n=i18n.fmt_int(min_customers, lang)))
    elif min_customers > 1:
        parts.append(i18n.t("retention.curves.min", lang, n=i18n.fmt_int(min_customers, lang)))
    bands = None
    if dim == "first_order_value" and not revenue:
        table = queries.value_bands(cur, scope).set_index("segment")
        if set(table.index) >= {"low", "middle", "high"}:
            def band(s):
                return (f"{i18n.fmt_money(table.loc[s, 'low'], currency, lang)}–"
                        f"{i18n.fmt_money(table.loc[s, 'high'], currency, lang)}")
            bands = i18n.t("retention.bands", lang, low=band("low"), middle=band("middle"),
                           high=band("high"))
    return CurvesView(fig, absent, " ".join(parts) or None, bands)


def revenue_heatmap_view(cur, scope: Scope, period: str, lang: str, currency: str | None,
                         presenter: bool) -> HeatmapView:
    """The revenue retention heatmap (the same window as the cohort heatmap, with the events)."""
    return _revenue_heatmap_view(cur, scope, period, lang, currency, presenter,
                                 annotations.events_for(cur, scope))


@kept(shared=True, disk=False)
def _revenue_heatmap_view(cur, scope: Scope, period: str, lang: str, currency: str | None,
                          presenter: bool, events: tuple) -> HeatmapView:
    cells = metrics.retention_cells(cur, scope, period)
    window, note = _window(cells, period, lang)
    fig = figures.revenue_heatmap_figure(window, metrics.average_curve(cells, "on"), period,
                                         lang, currency, presenter, events)
    return HeatmapView(fig, i18n.t("retention.revenue.explain", lang), note)


# -- survival tab -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SurvivalView:
    figure: go.Figure
    explain: str
    median: str | None  # the overall median in a sentence
    table: pd.DataFrame | None  # per segment, when split
    columns: dict  # table column -> shown name


@kept(shared=True, disk=False)
def survival_view(cur, scope: Scope, horizon: int, dim: str, lang: str,
                  presenter: bool) -> SurvivalView:
    """Time until inactive (Kaplan-Meier), overall and by the segments of `dim`."""
    horizon = int(horizon)
    surv = metrics.survival(cur, scope, horizon, None if dim == "none" else dim)
    h = i18n.fmt_int(horizon, lang)
    overall = surv.medians[surv.medians["segment"] == "all"]
    median = None
    if len(overall) and pd.notna(overall["median_days"].iloc[0]):
        median = i18n.t("retention.survival.median", lang, h=h,
                        days=i18n.fmt_int(overall["median_days"].iloc[0], lang))
    elif len(overall):
        median = i18n.t("retention.survival.no_median", lang)
    table = None
    if len(surv.medians) > 1:
        table = surv.medians.copy()
        table["segment"] = [figures.segment_name(s, lang) for s in table["segment"]]
        # not reached: "–", not nan
        table["median_days"] = [i18n.fmt_int(d, lang) for d in table["median_days"]]
    columns = {c: i18n.t(f"retention.scol.{c}", lang) for c in surv.medians.columns}
    return SurvivalView(figures.survival_figure(surv.curves, lang, presenter),
                        i18n.t("retention.survival.explain", lang, h=h), median, table, columns)


# -- customers of a cohort --------------------------------------------------------------------
@dataclass(frozen=True)
class DrillChoices:
    cohorts: tuple[date, ...]  # newest first
    first: int  # the cohort the box starts on: the newest whose period 1 is over
    cohort_labels: dict
    ks: dict  # cohort -> its observed periods
    k_labels: dict


@kept(shared=True, disk=False)
def drill_choices(cur, scope: Scope, period: str, lang: str) -> DrillChoices:
    """The cohorts and periods the customer list can show."""
    cells = metrics.retention_cells(cur, scope, period)
    cohorts = tuple(cells.loc[cells["k"] == 0, "cohort"])[::-1]
    done = set(cells.loc[(cells["k"] == 1) & ~cells["in_progress"].astype(bool), "cohort"])
    first = next((i for i, c in enumerate(cohorts) if c in done), 0)
    ks = {c: [int(k) for k in sorted(g)] for c, g in cells.groupby("cohort")["k"]}
    all_ks = sorted({k for v in ks.values() for k in v})
    return DrillChoices(cohorts, first,
                        {c: i18n.fmt_period(c, period, lang) for c in cohorts}, ks,
                        {k: _after(period, k, lang) for k in all_ks})


@dataclass(frozen=True)
class Drill:
    summary: str
    in_progress: str | None
    people: pd.DataFrame
    columns: dict  # column -> shown name
    money_columns: tuple[str, ...]
    money_format: str  # st.column_config.NumberColumn format of the money columns
    file_name: str


@kept(shared=True, disk=False)
def drill(cur, scope: Scope, period: str, cohort: date, k: int, mode: str, which: str,
          lang: str, currency: str | None) -> Drill:
    """The customers of one cohort in period k: those who came back, those who did not, or all;
    columns of data the shop never loaded (names, e-mails, channels) are left out."""
    people = metrics.cohort_customers(cur, scope, period, cohort, int(k), mode)
    cells = metrics.retention_cells(cur, scope, period)
    cell = cells[(cells["cohort"] == cohort) & (cells["k"] == k)]
    summary = i18n.t_count(
        "retention.drill.summary", lang, len(people),
        active=i18n.fmt_int(people["returned"].sum(), lang),
        customers=i18n.fmt_int(len(people), lang), after=_after(period, int(k), lang),
        suffix=i18n.t("retention.drill.suffix_after", lang) if mode == "on_or_after" else "")
    in_progress = (i18n.t("retention.drill.in_progress", lang)
                   if len(cell) and bool(cell["in_progress"].iloc[0]) else None)
    if which == "returned":
        people = people[people["returned"]]
    elif which == "lost":
        people = people[~people["returned"]]
    people = people[present_columns(people.columns, available(cur))].reset_index(drop=True)
    columns = {c: i18n.t(f"retention.col.{c}", lang) for c in people.columns}
    return Drill(summary, in_progress, people, columns,
                 tuple(c for c in MONEY_COLUMNS if c in people.columns),
                 i18n.money_column_format(currency),
                 f"cohort-{cohort.isoformat()}-{period}-{k}-{which}.csv")


# -- opening ----------------------------------------------------------------------------------
def opening(cur, scope: Scope) -> None:
    """The calls the page opens with (English, DEFAULTS): cx.prepare keeps what they compute."""
    d = DEFAULTS
    if header(cur, scope, "en").empty is not None:
        return
    tab = cohorts_tab(cur, scope, d.period, d.mode, d.show, "en", False)
    kline(cur, scope, d.period, d.mode, tab.ks[0], "en", False)
