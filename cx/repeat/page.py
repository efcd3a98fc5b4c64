"""What the Repeat purchase page shows, for a language, presenter mode and currency: its
defaults, and one cached entry function per part of the page (the header with the key numbers,
then one per tab), each returning a dataclass of built figures, formatted tables and sentences.

views/repeat.py lays these out; `AREA.opening` calls the same functions with DEFAULTS so the
page opens on prepared results after an import. Results are shared, never copied: callers must
not change them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from cx import annotations, i18n
from cx.available import absent_list_sentence, available, orders_without_customer
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Headline, Kpi, compared_texts, describe_basis
from cx.repeat import figures, metrics
from cx.repeat.export import first_purchase_frame, repeat_frame
from cx.repeat.queries import BY, WINDOWS
from cx.retention.metrics import key_numbers
from cx.scope import PERIODS, Scope

__all__ = ["BY_NEEDS", "DEFAULTS", "TABS", "CohortsView", "DaysView", "Defaults", "FirstView",
           "FunnelView", "Header", "cohorts_view", "days_view", "first_view", "funnel_view",
           "header", "opening", "revenue_window"]

TABS = ("cohorts", "funnel", "days", "first")
# the kind of data (cx.available) each first-purchase grouping needs; value needs only orders
BY_NEEDS = {"category": "categories", "discount": "discounts", "channel": "channels",
            "value": None, "referred": "referrals"}


@dataclass(frozen=True)
class Defaults:
    """The page's widgets before anyone touches them (the view and AREA.opening read these)."""
    period: str = "month"
    tab: str = "cohorts"


DEFAULTS = Defaults()


def _labels(prefix: str, values, lang: str) -> dict:
    return {v: i18n.t(f"{prefix}.{v}", lang) for v in values}


# -- the header --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    notes: tuple[str, ...]  # captions above everything (orders without a customer)
    empty: str | None  # when no customer has a purchase: the sentence shown instead of the page
    kpis: tuple[Kpi, ...] = ()
    missing: tuple[str, ...] = ()  # what each "–" key number still needs
    by: tuple[str, ...] = ()  # the first-purchase groupings the data allows, default first
    by_absent: str | None = None  # the groupings it does not allow, and the files that add them
    labels: dict = field(default_factory=dict)  # option -> shown text, per widget


def _second_kpi(m, lang: str) -> tuple[Kpi, str | None]:
    label = i18n.t("repeat.kpi.second", lang)
    if m.value is None:
        note = (i18n.t_count("repeat.kpi.thin", lang, m.thin, n=i18n.fmt_int(m.thin, lang),
                             min=MIN_SAMPLE) if m.thin else i18n.t("repeat.kpi.not_yet", lang))
        return Kpi(label, "–", note), note
    # both comparisons as the overview shows them: the previous cohort and a year earlier
    c = compared_texts(Headline("repeat.kpi.second", m.value, m.previous, "pct",
                                basis=m.basis(), previous_basis=m.previous_basis(),
                                **m.comparison_fields()), lang)
    basis = describe_basis(m.basis(), lang)
    text = i18n.t("repeat.kpi.second_help", lang, active=i18n.fmt_int(m.active, lang),
                  customers=i18n.fmt_int(m.customers, lang), basis=basis) + " " + c.help
    return Kpi(label, i18n.fmt_pct(m.value, lang), text, c.delta, c.year, caption=basis,
               chart_data=list(m.trend) if len(m.trend) > 1 else None, real=c.real), None


def _days_kpis(heads: tuple[Headline, ...], window: int | None,
               lang: str) -> tuple[tuple[Kpi, ...], str | None]:
    """The 50% and 80% days (cx.repeat.metrics.day_headlines) with both comparisons."""
    labels = (i18n.t("repeat.kpi.p50", lang), i18n.t("repeat.kpi.p80", lang))
    if not heads or heads[0].value is None:
        note = i18n.t("repeat.kpi.days_missing", lang, min=MIN_SAMPLE)
        return tuple(Kpi(x, "–", note) for x in labels), note
    out = []
    for label, share, h in zip(labels, ("50%", "80%"), heads):
        c = compared_texts(h, lang)
        basis = describe_basis(h.basis, lang)
        out.append(Kpi(label, i18n.t("repeat.kpi.day", lang, d=int(h.value)),
                       i18n.t("repeat.kpi.days_help", lang, share=share, d=int(h.value),
                              window=window, basis=basis) + " " + c.help,
                       c.delta, c.year, caption=basis, higher_is_better=False, real=c.real))
    return tuple(out), None


def _once_kpi(h: Headline, lang: str) -> Kpi:
    """The one-time buyers' share so far, against 30 days before and a year before."""
    if h.value is None:
        return Kpi(i18n.t("repeat.kpi.once", lang), "–", i18n.t("repeat.no_customers", lang))
    c = compared_texts(h, lang)
    n = h.basis.sample
    k = round(h.value * n)
    return Kpi(i18n.t("repeat.kpi.once", lang), i18n.fmt_pct(h.value, lang),
               i18n.t("repeat.kpi.once_help", lang, k=i18n.fmt_int(k, lang),
                      n=i18n.fmt_int(n, lang), days=metrics.ONCE_BEFORE_DAYS) + " " + c.help,
               c.delta, c.year,
               caption=i18n.t("repeat.kpi.once_caption", lang, n=i18n.fmt_int(n, lang)),
               higher_is_better=False, real=c.real)


@kept(shared=True, disk=False)
def header(cur, scope: Scope, lang: str) -> Header:
    """The top of the page: orders left out, the key numbers, what they still need, and the
    first-purchase groupings the data allows."""
    missing = orders_without_customer(cur, scope)
    notes = (i18n.t_count("retention.null_orders", lang, missing,
                          n=i18n.fmt_int(missing, lang)),) if missing else ()
    funnel = metrics.funnel(cur, scope, DEFAULTS.period)
    if funnel.empty:
        avail = available(cur)
        absent = None if avail.customer_ids else ("customer_ids" if avail.orders else "orders")
        text = (absent_list_sentence([absent], lang) if absent
                else i18n.t("repeat.no_customers", lang))
        return Header(notes, text)
    kn = key_numbers(cur, scope, with_gap=False)
    second, second_note = _second_kpi(kn.repeat, lang)
    dist = metrics.days_to_second(cur, scope)
    days, days_note = _days_kpis(metrics.day_headlines(cur, scope), dist.window if dist else None,
                                 lang)
    avail = available(cur)
    by = tuple(b for b in BY if BY_NEEDS[b] is None or avail.has(BY_NEEDS[b]))
    absent = [BY_NEEDS[b] for b in BY if b not in by]
    labels = {"period": _labels("period", PERIODS, lang),
              "tab": _labels("repeat.tab", TABS, lang),
              "by": _labels("repeat.by", BY, lang)}
    return Header(notes, None, (second, *days, _once_kpi(metrics.once_headline(cur, scope), lang)),
                  tuple(x for x in (second_note, days_note) if x), by,
                  absent_list_sentence(absent, lang) if absent else None, labels)


# -- second purchase by cohort -------------------------------------------------------------------
@dataclass(frozen=True)
class CohortsView:
    figure: go.Figure
    explain: str
    pooled: str | None  # the pooled shares in a sentence, when some cohort is mature
    table: pd.DataFrame  # the export's columns (the download)
    file_name: str


def cohorts_view(cur, scope: Scope, period: str, lang: str, presenter: bool) -> CohortsView:
    """The cohort x window heatmap (the cohorts of the timeline's events marked: the events,
    read uncached, are part of the kept part's key), the pooled shares and the download."""
    return _cohorts_view(cur, scope, period, lang, presenter, annotations.events_for(cur, scope))


@kept(shared=True)
def _cohorts_view(cur, scope: Scope, period: str, lang: str, presenter: bool,
                  events: tuple) -> CohortsView:
    table = metrics.repeat_cohorts(cur, scope, period)
    pooled = metrics.pooled_windows(table)
    fig = figures.second_purchase_figure(table, pooled, period, lang, presenter, events)
    shown = [(d, k, n) for d, (k, n) in pooled.items() if n]
    sentence = (i18n.t("repeat.cohorts.pooled_sentence", lang, parts=i18n.t(
        "absent.list_sep", lang).join(
            i18n.t("repeat.cohorts.pooled_part", lang, pct=i18n.fmt_pct(k / n, lang), window=d)
            for d, k, n in shown)) if shown else None)
    return CohortsView(fig, i18n.t("repeat.cohorts.explain", lang), sentence,
                       repeat_frame(table), f"repeat_{period}.csv")


# -- the funnel ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FunnelView:
    figure: go.Figure
    sentence: str
    table: pd.DataFrame  # per cohort: customers reaching each step (shown texts)


@kept(shared=True)
def funnel_view(cur, scope: Scope, period: str, lang: str, presenter: bool) -> FunnelView:
    funnel = metrics.funnel(cur, scope, period)
    overall = funnel[funnel["cohort_label"] == "all"]
    fig = figures.funnel_figure(overall, lang, presenter)
    reached = dict(zip(overall["step"], overall["customers"]))
    sentence = i18n.t("repeat.funnel.sentence", lang, n=i18n.fmt_int(reached.get(1, 0), lang),
                      second=i18n.fmt_pct(overall["of_first"].iloc[1], lang),
                      third=i18n.fmt_pct(overall["of_previous"].iloc[2], lang),
                      fourth=i18n.fmt_pct(overall["of_previous"].iloc[3], lang))
    per = funnel[funnel["cohort_label"] != "all"]
    wide = per.pivot(index="cohort", columns="step", values="customers").sort_index()
    table = pd.DataFrame({i18n.t("repeat.funnel.cohort", lang): [
        i18n.fmt_period(c, period, lang) for c in wide.index]})
    for s in metrics.FUNNEL_STEPS:
        table[i18n.t(f"repeat.step.{s}", lang)] = [
            i18n.fmt_int(n, lang) if s == 1 else i18n.t(
                "repeat.funnel.cell", lang, n=i18n.fmt_int(n, lang),
                pct=i18n.fmt_pct(n / first if first else math.nan, lang, digits=0))
            for n, first in zip(wide[s], wide[1])]
    return FunnelView(fig, sentence, table.iloc[::-1].reset_index(drop=True))


# -- days to a second purchase -------------------------------------------------------------------
@dataclass(frozen=True)
class DaysView:
    figure: go.Figure | None
    sentence: str  # "send the win-back offer before day N", or why there is no chart


@kept(shared=True)
def days_view(cur, scope: Scope, lang: str, presenter: bool) -> DaysView:
    dist = metrics.days_to_second(cur, scope)
    if dist is None:
        return DaysView(None, i18n.t("repeat.days.none", lang, min=MIN_SAMPLE))
    return DaysView(figures.days_to_second_figure(dist, lang, presenter), i18n.t(
        "repeat.days.sentence", lang, p50=int(dist.p50), p80=int(dist.p80),
        window=dist.window, n=i18n.fmt_int(dist.seconds, lang),
        first=i18n.fmt_month(dist.first_cohort, lang),
        last=i18n.fmt_month(dist.last_cohort, lang)))


# -- first-purchase groups -----------------------------------------------------------------------
@dataclass(frozen=True)
class FirstView:
    figure: go.Figure
    sentence: str  # the group that stands out, or that none does
    revenue_note: str  # which revenue window the table shows, and why
    table: pd.DataFrame  # shown texts
    download: pd.DataFrame  # the export's columns
    file_name: str


def revenue_window(cur, scope: Scope, by: str) -> tuple[int, pd.DataFrame]:
    """The longest revenue window (365 days, else 180, 90, 30) for which at least MIN_SAMPLE
    customers have been observed that long, and the groups' table with it."""
    table = None
    for days in sorted(WINDOWS, reverse=True):
        table = metrics.first_purchase(cur, scope, by, metrics.RATE_DAYS, days)
        if int(table["revenue_customers"].sum()) >= MIN_SAMPLE:
            return days, table
    return metrics.REVENUE_DAYS, metrics.first_purchase(cur, scope, by, metrics.RATE_DAYS,
                                                        metrics.REVENUE_DAYS)


def group_names(table: pd.DataFrame, by: str, currency: str | None, lang: str) -> dict:
    """Group value -> shown name: fixed values translated, value bands with their range."""
    names = {}
    for r in table.itertuples(index=False):
        g = str(r.grp)
        key = f"repeat.group.{g}"
        if by == "value":
            names[g] = i18n.t(key, lang, low=i18n.fmt_money(r.low, currency, lang),
                              high=i18n.fmt_money(r.high, currency, lang))
        elif i18n.has(key) and (by in ("discount", "referred") or g == "unknown"):
            names[g] = i18n.t(key, lang)
        else:
            names[g] = g
    return names


def _interval(value: str, low: str, high: str, lang: str) -> str:
    return i18n.t("repeat.first.interval", lang, value=value, low=low, high=high)


@kept(shared=True)
def first_view(cur, scope: Scope, by: str, currency: str | None, lang: str,
               presenter: bool) -> FirstView:
    days, table = revenue_window(cur, scope, by)
    names = group_names(table, by, currency, lang)
    fig = figures.first_purchase_figure(table, names, metrics.RATE_DAYS, lang, presenter)
    top = metrics.standout_group(table)
    if top is None:
        sentence = i18n.t("repeat.first.no_standout", lang, days=metrics.RATE_DAYS)
    else:
        who = (i18n.t(f"repeat.who.{top.grp}", lang) if by == "referred"
               else i18n.t("repeat.who.first_order", lang, group=names[top.grp]))
        sentence = i18n.t("repeat.first.standout_more" if top.diff > 0
                          else "repeat.first.standout_less", lang, who=who,
                          a=i18n.fmt_pct(top.rate, lang), b=i18n.fmt_pct(top.other_rate, lang),
                          na=i18n.fmt_int(top.customers, lang),
                          nb=i18n.fmt_int(top.other_customers, lang), days=metrics.RATE_DAYS)
    note = i18n.t("repeat.first.revenue_note", lang, days=days,
                  n=i18n.fmt_int(int(table["revenue_customers"].sum()), lang))
    if days != metrics.REVENUE_DAYS:
        note += " " + i18n.t("repeat.first.revenue_shorter", lang, full=metrics.REVENUE_DAYS)
    thin = i18n.t("repeat.first.thin", lang, min=MIN_SAMPLE)

    def money(x):
        return i18n.fmt_money(x, currency, lang)

    rows = []
    for r in table.itertuples(index=False):
        rate = (_interval(i18n.fmt_pct(r.rate, lang), i18n.fmt_pct(r.rate_low, lang),
                          i18n.fmt_pct(r.rate_high, lang), lang)
                if r.rate_customers else "–")
        revenue = (_interval(money(r.revenue_per_customer), money(r.revenue_low),
                             money(r.revenue_high), lang)
                   if r.revenue_customers > 1 else "–")
        nps = (_interval(i18n.fmt_points(r.nps, lang), i18n.fmt_points(r.nps_low, lang),
                         i18n.fmt_points(r.nps_high, lang), lang) if r.responses else "–")
        rows.append({
            i18n.t("repeat.first.col.group", lang): names[str(r.grp)],
            i18n.t("repeat.first.col.customers", lang): i18n.fmt_int(r.customers, lang),
            i18n.t("repeat.first.col.rate", lang, days=metrics.RATE_DAYS):
                rate + (f" {thin}" if r.rate_thin and r.rate_customers else ""),
            i18n.t("repeat.first.col.rate_n", lang): i18n.fmt_int(r.rate_customers, lang),
            i18n.t("repeat.first.col.revenue", lang, days=days): revenue,
            i18n.t("repeat.first.col.revenue_n", lang): i18n.fmt_int(r.revenue_customers, lang),
            i18n.t("repeat.first.col.nps", lang):
                nps + (f" {thin}" if r.nps_thin and r.responses else ""),
            i18n.t("repeat.first.col.responses", lang): i18n.fmt_int(r.responses, lang)})
    shown = pd.DataFrame(rows)
    if not available(cur).surveys:
        shown = shown.drop(columns=[i18n.t("repeat.first.col.nps", lang),
                                    i18n.t("repeat.first.col.responses", lang)])
    return FirstView(fig, sentence, note, shown,
                     first_purchase_frame(table, metrics.RATE_DAYS, days),
                     f"first_purchase_{by}.csv")


def opening(cur, scope: Scope) -> None:
    """The calls the page opens with (English, DEFAULTS): cx.prepare keeps what they compute."""
    head = header(cur, scope, "en")
    if head.empty is not None:
        return
    cohorts_view(cur, scope, DEFAULTS.period, "en", False)
