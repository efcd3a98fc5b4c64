"""What the NPS page shows, for a language, presenter mode and currency: built figures (via
cx.charts.nps), formatted tables and translated sentences, one kept object per part of the page
(views/nps.py only lays them out).

The page's widget defaults are declared here once: views/nps.py uses them as the widgets'
defaults and `opening` makes the calls the page opens with, so cx.prepare keeps their results.
Building a plotly figure costs more than the query behind it, so every entry function is
`@kept(shared=True)`: callers get the object itself and never change it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from cx import annotations, i18n
from cx.available import absent_list_sentence, absent_sentence, available
from cx.cache import kept
from cx.charts import nps as nps_charts
from cx.headline import Compared, Kpi, compared_texts
from cx.nps.definitions import DIMENSIONS, FOLLOW_DAYS, GROUPS
from cx.nps.headline import scope_headlines
from cx.nps.metrics import (
    THIN,
    behaviour,
    breakdown_gap,
    breakdown_view,
    breakdowns,
    comment_themes,
    comments,
    compare_periods,
    detractor_cost,
    match_summary,
    nps_by_period,
    nps_trend,
    scope_windows,
)
from cx.nps.sentences import (
    chart_labels,
    comments_caption,
    comparison_notes,
    comparison_sentence,
    group_labels,
    matched_sentence,
    rolling_window,
    trend_labels,
)
from cx.scope import PERIODS, Scope
from cx.store import currency_setting, data_summary, display_currency

__all__ = ["COMMENT_GROUPS", "DEFAULT_COMMENT_GROUP", "DEFAULT_DIMENSION", "DEFAULT_PERIOD",
           "DEFAULT_ROLLING", "DEFAULT_SEARCH", "DEFAULT_THEME_ORDER", "OPENING_LANG",
           "ROLLING_CHOICES", "THEME_ORDERS", "BehaviourTab", "BreakdownTab", "CommentsTab",
           "PageHead", "PeriodPart", "ThemesTab", "behaviour_figure", "behaviour_tab",
           "breakdown_figure", "breakdown_tab", "comments_tab", "mix_figure", "page_head",
           "opening", "period_part", "sort_themes", "themes_figure", "themes_tab",
           "trend_figure"]

# -- the page's widgets and their defaults (views/nps.py and `opening` read these) ------------
PERIOD_CHOICES = PERIODS
DEFAULT_PERIOD = "month"
ROLLING_CHOICES = (0, 3, 6, 12)  # periods pooled on the page (0 = none)
DEFAULT_ROLLING = 0
DEFAULT_DIMENSION = "channel"  # the first of DIMENSIONS the data has, when it lacks this one
THEME_ORDERS = ("comments", "nps")
DEFAULT_THEME_ORDER = "comments"
COMMENT_GROUPS = ("all", *GROUPS)
DEFAULT_COMMENT_GROUP = "all"
DEFAULT_SEARCH = ""
OPENING_LANG = "en"  # the language a page opens in (cx.ui.lang's default)
MAX_THEMES = 15
COMMENTS_SHOWN = 200


# -- figures -----------------------------------------------------------------------------------
def _marked(fig: go.Figure, trend: pd.DataFrame, period: str, lang: str,
            events: tuple) -> go.Figure:
    """The timeline's events on a chart whose x axis is the trend's periods."""
    if not events or trend.empty:
        return fig
    return annotations.mark(fig, events, annotations.period_slots(trend["period_start"], period),
                            lang)


def trend_figure(trend: pd.DataFrame, period: str, rolling: int | None, lang: str,
                 presenter: bool, events: tuple = ()) -> go.Figure:
    labels = chart_labels(lang)
    if rolling:
        labels["title"] = i18n.t("nps.trend.title_rolling", lang,
                                 window=rolling_window(period, rolling, lang))
    fig = nps_charts.nps_trend_chart(trend.assign(label=trend_labels(trend, period, lang)),
                                     labels=labels, presenter=presenter)
    return _marked(fig, trend, period, lang, events)


def mix_figure(trend: pd.DataFrame, period: str, rolling: int | None, lang: str,
               presenter: bool, events: tuple = ()) -> go.Figure:
    title = (i18n.t("nps.mix.title_rolling", lang, window=rolling_window(period, rolling, lang))
             if rolling else i18n.t("nps.mix.title", lang))
    labels = {"title": title, "y": i18n.t("nps.mix.y", lang), "groups": group_labels(lang)}
    fig = nps_charts.nps_mix_chart(trend.assign(label=trend_labels(trend, period, lang)),
                                   labels=labels, presenter=presenter)
    return _marked(fig, trend, period, lang, events)


def breakdown_figure(part: pd.DataFrame, dimension: str, lang: str,
                     presenter: bool) -> go.Figure:
    """`part`: one dimension's rows (breakdown_view) with their `label`."""
    dim = i18n.t(f"nps.dim.{dimension}", lang)
    labels = {"title": i18n.t("nps.break.chart", lang, dim=dim),
              "x": i18n.t("nps.trend.nps", lang), "small": i18n.t("nps.small", lang)}
    return nps_charts.nps_breakdown_chart(part, labels=labels, presenter=presenter)


def behaviour_figure(table: pd.DataFrame, lang: str, currency: str | None,
                     presenter: bool) -> go.Figure:
    data = table.assign(revenue_text=[i18n.fmt_money(v, currency, lang)
                                      for v in table["revenue_after"]])
    labels = {"title": i18n.t("nps.behave.chart", lang),
              "came_back": i18n.t("nps.bcol.came_back_rate", lang),
              "revenue": i18n.t("nps.bcol.revenue_after", lang),
              "groups": group_labels(lang), "currency_symbol": i18n.currency_symbol(currency)}
    return nps_charts.nps_behaviour_chart(data, labels=labels, presenter=presenter)


def sort_themes(themes: pd.DataFrame, order: str = "comments") -> pd.DataFrame:
    """Themes most mentioned first (as found) or lowest NPS first (order="nps")."""
    if order == "nps":
        themes = themes.sort_values(["nps", "comments"], ascending=[True, False], kind="stable")
    return themes.reset_index(drop=True)


def themes_figure(themes: pd.DataFrame, lang: str, presenter: bool) -> go.Figure:
    data = themes.assign(text=[i18n.t("nps.themes.bar", lang, n=i18n.fmt_int(n, lang),
                                      nps=i18n.fmt_points(v, lang))
                               for n, v in zip(themes["comments"], themes["nps"])])
    labels = {"title": i18n.t("nps.themes.chart", lang), "x": i18n.t("nps.themes.x", lang)}
    return nps_charts.nps_themes_chart(data, labels=labels, presenter=presenter)


def _renamed(df: pd.DataFrame, prefix: str, lang: str) -> pd.DataFrame:
    return df.rename(columns={c: i18n.t(f"{prefix}.{c}", lang) for c in df.columns})


def _headers(prefix: str, columns, lang: str) -> list[str]:
    return [i18n.t(f"{prefix}.{c}", lang) for c in columns]


# -- the page head: KPIs and what the widgets offer --------------------------------------------
@dataclass
class PageHead:
    empty: str | None  # shown instead of the page: no survey file, or no answers in scope
    kpis: list[Kpi] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # under the KPIs
    period_names: dict[str, str] = field(default_factory=dict)
    rolling_names: dict[str, dict[int, str]] = field(default_factory=dict)  # per period
    dimensions: list[str] = field(default_factory=list)  # the breakdowns the data allows
    dimension_names: dict[str, str] = field(default_factory=dict)
    default_dimension: str = DEFAULT_DIMENSION
    breakdown_notes: list[str] = field(default_factory=list)  # what cannot be broken down
    comments_absent: str | None = None  # the data has no comments: this sentence instead
    themes_found: bool = False
    themes_none: str | None = None  # no recurring theme: this caption
    theme_order_names: dict[str, str] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)  # for the comments' group filter


@kept(shared=True)
def page_head(cur, scope: Scope, lang: str) -> PageHead:
    """The page's head (the numbers of every answer in scope) and the choices its widgets
    offer; `empty` says why there is nothing to show."""
    avail = available(cur)
    if not avail.surveys:  # no survey file at all: say which file adds it
        return PageHead(absent_sentence("surveys", lang))
    total = scope_windows(cur, scope).current  # every answer in scope (overall)
    if total.responses == 0:
        return PageHead(i18n.t("nps.empty", lang))
    matches = match_summary(cur, scope)

    def pts(x) -> str:
        return i18n.fmt_points(x, lang)

    def num(x) -> str:
        return i18n.fmt_int(x, lang)

    def pct(x) -> str:
        return i18n.fmt_pct(x, lang, digits=0)

    # NPS, answers and the promoters' share against the days just before and a year earlier
    heads = [compared_texts(h, lang) for h in scope_headlines(cur, scope)]

    def kpi(label: str, value: str, help_text: str, c: Compared) -> Kpi:
        return Kpi(i18n.t(label, lang), value, help_text + " " + c.help, c.delta, c.year,
                   real=c.real)

    kpis = [
        kpi("nps.kpi.nps", pts(total.nps),
            i18n.t("nps.kpi.nps_help", lang, lo=pts(total.ci_low), hi=pts(total.ci_high),
                   n=num(total.responses)), heads[0]),
        kpi("nps.kpi.responses", num(total.responses),
            i18n.t("nps.kpi.responses_help", lang, start=i18n.fmt_date(scope.start, lang),
                   end=i18n.fmt_date(scope.end, lang)), heads[1]),
        kpi("nps.kpi.mix",
            f"{pct(total.promoters / total.responses)} / "
            f"{pct(total.detractors / total.responses)}",
            i18n.t("nps.kpi.mix_help", lang, n=num(total.responses)), heads[2]),
        # data quality, not performance: no comparison
        Kpi(i18n.t("nps.kpi.unmatched", lang), num(matches["none"]),
            i18n.t("nps.kpi.unmatched_help", lang)),
    ]
    captions = []
    if total.responses < THIN:
        captions.append(i18n.t("nps.kpi.thin", lang, n=num(total.responses), min=THIN))
    captions.append(i18n.t_count("nps.interval_line", lang, total.responses, nps=pts(total.nps),
                                 lo=pts(total.ci_low), hi=pts(total.ci_high),
                                 n=num(total.responses)))
    table = breakdowns(cur, scope)
    dims = [d for d in DIMENSIONS if d in set(table["dimension"])]
    notes = [] if "segment" in dims else [i18n.t("nps.break.no_segments", lang)]
    absent_dims = absent_list_sentence(avail.missing("touchpoints", "acquisition_channels"), lang)
    if absent_dims:
        notes.append(absent_dims)
    page = PageHead(
        None, kpis, captions,
        period_names={p: i18n.t(f"nps.period.{p}", lang) for p in PERIOD_CHOICES},
        rolling_names={p: {k: i18n.t("nps.rolling.off", lang) if k == 0
                           else i18n.t(f"nps.rolling.{p}", lang, n=k) for k in ROLLING_CHOICES}
                       for p in PERIOD_CHOICES},
        dimensions=dims, dimension_names={d: i18n.t(f"nps.dim.{d}", lang) for d in dims},
        default_dimension=DEFAULT_DIMENSION if DEFAULT_DIMENSION in dims or not dims
        else dims[0],
        breakdown_notes=notes,
        theme_order_names={o: i18n.t(f"nps.themes.sort.{o}", lang) for o in THEME_ORDERS},
        group_names={"all": i18n.t("nps.comments.all", lang),
                     **{g: i18n.t(f"nps.group.{g}", lang) for g in GROUPS}})
    if not avail.comments:
        page.comments_absent = absent_sentence("comments", lang)
        return page
    themes, info = comment_themes(cur, scope, MAX_THEMES)
    page.themes_found = not themes.empty
    if themes.empty:
        page.themes_none = i18n.t_count("nps.themes.none", lang, info["comments"],
                                        n=num(info["comments"]))
    return page


# -- the period comparison and the trend tab ---------------------------------------------------
@dataclass
class PeriodPart:
    comparisons: list[tuple[str, str]]  # (verdict: up | down | noise, sentence)
    notes: list[str]
    trend: go.Figure
    trend_notes: list[str]
    mix: go.Figure
    export: pd.DataFrame  # the CSV download: exactly cx.nps.COLUMNS
    export_name: str


def period_part(cur, scope: Scope, period: str, rolling: int, lang: str,
                presenter: bool) -> PeriodPart:
    """What depends on the period chosen: the comparison sentences and the trend tab. `rolling`
    0 pools nothing. The timeline's events of the scope are read here, uncached, and passed into
    the kept part: they are in its key, so a new event shows on the next run."""
    return _period_part(cur, scope, period, rolling, lang, presenter,
                        annotations.events_for(cur, scope))


@kept(shared=True)
def _period_part(cur, scope: Scope, period: str, rolling: int, lang: str, presenter: bool,
                 events: tuple) -> PeriodPart:
    rolling = rolling or None
    comp = compare_periods(cur, scope, period)
    sentences = [(c.verdict, comparison_sentence(c, period, lang))
                 for c in (comp.previous, comp.year) if c is not None]
    trend = nps_trend(cur, scope, period, rolling)
    thin = int(trend["thin"].astype(bool).sum())
    notes = [i18n.t("nps.trend.explain", lang, thin=i18n.fmt_int(thin, lang), n=THIN)]
    if len(trend) and bool(trend["partial"].iloc[-1]):
        notes.append(i18n.t("nps.trend.last_partial", lang,
                            day=i18n.fmt_date(scope.as_of, lang)))
    if thin and not rolling and thin >= len(trend) / 2:
        notes.append(i18n.t("nps.trend.try_rolling", lang))
    return PeriodPart(sentences, comparison_notes(comp, lang),
                      trend_figure(trend, period, rolling, lang, presenter, events), notes,
                      mix_figure(trend, period, rolling, lang, presenter, events),
                      nps_by_period(cur, scope, period, rolling),
                      f"nps-{period}-{scope.as_of.isoformat()}.csv")


# -- breakdowns --------------------------------------------------------------------------------
BREAKDOWN_SHOWN = ["label", "responses", "nps", "ci_low", "ci_high", "promoters", "passives",
                   "detractors", "small"]
WHOLE = ("nps", "ci_low", "ci_high")  # columns shown as whole numbers


@dataclass
class BreakdownTab:
    figure: go.Figure
    notes: list[str]  # captions under the figure
    gap: str | None  # the gap sentence (group names from the user's files: plain text)
    table: pd.DataFrame
    whole_columns: list[str]  # the table's columns to show as whole numbers


@kept(shared=True)
def breakdown_tab(cur, scope: Scope, dimension: str, lang: str, presenter: bool) -> BreakdownTab:
    """One dimension's breakdown: its figure, captions, the gap worth a sentence and its table."""
    table = breakdowns(cur, scope)
    names = group_labels(lang)
    part, groups = breakdown_view(table, dimension)
    part["label"] = part["group"].map(lambda g: names.get(g, g))
    notes = [i18n.t(f"nps.break.explain.{dimension}", lang, n=THIN)]
    if groups > len(part):
        notes.append(i18n.t("nps.break.limited", lang, shown=i18n.fmt_int(len(part), lang),
                            total=i18n.fmt_int(groups, lang)))
    gap, sentence = breakdown_gap(table, dimension), None
    if gap is not None:
        def pts(x, signed=False) -> str:
            return i18n.fmt_points(x, lang, signed=signed)

        sentence = i18n.t(
            "nps.break.tenure" if dimension == "tenure" else "nps.break.sentence", lang,
            a=names.get(gap.a, gap.a), b=names.get(gap.b, gap.b),
            a_nps=pts(gap.a_nps), b_nps=pts(gap.b_nps), diff=pts(gap.diff, True),
            lo=pts(gap.ci_low, True), hi=pts(gap.ci_high, True),
            verdict=i18n.t("nps.break.real" if gap.real else "nps.break.noise", lang))
    return BreakdownTab(breakdown_figure(part, dimension, lang, presenter), notes, sentence,
                        _renamed(part[BREAKDOWN_SHOWN], "nps.col", lang),
                        _headers("nps.col", WHOLE, lang))


# -- NPS and behaviour -------------------------------------------------------------------------
@dataclass
class BehaviourTab:
    none_matched: str | None  # no answer matched a customer: this warning, nothing else
    matched: str = ""
    cost: str | None = None  # what detractors cost (an info box)
    cost_note: str | None = None  # else why there is no cost (a caption)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    explain: str = ""


@kept(shared=True)
def behaviour_tab(cur, scope: Scope, lang: str, presenter: bool,
                  currency: str | None) -> BehaviourTab:
    """How the groups behaved after answering, with amounts in `currency`."""
    matches = match_summary(cur, scope)
    if matches["matched"] == 0:
        return BehaviourTab(i18n.t_count("nps.behave.none_matched", lang, matches["responses"],
                                         n=i18n.fmt_int(matches["responses"], lang)))

    def money(x, compact: bool = False) -> str:
        return i18n.fmt_money(x, currency, lang, compact=compact)

    beh = behaviour(cur, scope)
    cost = detractor_cost(beh)
    tab = BehaviourTab(None, matched_sentence(matches, lang),
                       explain=i18n.t("nps.behave.explain", lang, days=FOLLOW_DAYS))
    if cost is not None and cost.gap > 0:
        tab.cost = i18n.t_count("nps.behave.cost", lang, cost.detractors, gap=money(cost.gap),
                                n=i18n.fmt_int(cost.detractors, lang),
                                total=money(cost.total, compact=abs(cost.total) >= 100_000),
                                days=FOLLOW_DAYS)
    elif cost is not None:
        tab.cost = i18n.t("nps.behave.no_cost", lang, gap=money(-cost.gap), days=FOLLOW_DAYS)
    else:
        tab.cost_note = i18n.t("nps.behave.too_recent", lang, days=FOLLOW_DAYS)
    tab.figure = behaviour_figure(beh, lang, currency, presenter)
    view = beh.drop(columns=["unmatched"])
    view["group"] = view["group"].map({g: i18n.t(f"nps.group.{g}", lang) for g in GROUPS})
    for c in ("repeat_rate", "came_back_rate"):
        view[c] = view[c].map(lambda x: i18n.fmt_pct(x, lang, digits=0))
    for c in ("revenue_after", "revenue_year"):
        view[c] = view[c].map(lambda v: "–" if pd.isna(v) else money(v))
    tab.table = _renamed(view, "nps.bcol", lang)
    return tab


# -- what customers wrote ----------------------------------------------------------------------
THEMES_SHOWN = ["theme", "comments", "nps", "ci_low", "ci_high", "examples"]


@dataclass
class ThemesTab:
    figure: go.Figure
    caption: str
    table: pd.DataFrame
    whole_columns: list[str]
    text_columns: list[str]  # long text: shown wide


@kept(shared=True)
def themes_tab(cur, scope: Scope, order: str, lang: str, presenter: bool) -> ThemesTab:
    """The recurring themes in `order` (THEME_ORDERS), their figure and table."""
    found, info = comment_themes(cur, scope, MAX_THEMES)
    themes = sort_themes(found, order)

    def num(x) -> str:
        return i18n.fmt_int(x, lang)

    used = i18n.t("nps.themes.used", lang, used=num(info["texts_used"]), texts=num(info["texts"]),
                  comments=num(info["comments"]))
    table = themes[THEMES_SHOWN].copy()
    table["examples"] = table["examples"].map(lambda ex: " / ".join(ex))
    return ThemesTab(themes_figure(themes, lang, presenter),
                     i18n.t("nps.themes.explain", lang) + " " + used,
                     _renamed(table, "nps.tcol", lang), _headers("nps.tcol", WHOLE, lang),
                     _headers("nps.tcol", ["examples"], lang))


@dataclass
class CommentsTab:
    caption: str
    table: pd.DataFrame | None  # None when no comment matches
    file_name: str = ""
    download_label: str = ""
    comment_column: str = ""  # long text: shown wide
    time_column: str = ""  # when answered: shown as a date and time


@kept(shared=True)
def comments_tab(cur, scope: Scope, group: str, search: str, lang: str) -> CommentsTab:
    """The newest comments of `group` (COMMENT_GROUPS) containing `search` (case-insensitive,
    plain text; blank: any)."""
    rows, count = comments(cur, scope, None if group == "all" else group,
                           search.strip() or None, COMMENTS_SHOWN)
    if count == 0:
        return CommentsTab(i18n.t("nps.comments.none", lang), None)
    view = rows.copy()
    view["group"] = view["group"].map({g: i18n.t(f"nps.group.{g}", lang) for g in GROUPS})
    return CommentsTab(
        comments_caption(count, len(rows), lang), _renamed(view, "nps.ccol", lang),
        f"nps-comments-{scope.as_of.isoformat()}.csv",
        i18n.t_count("nps.comments.download", lang, len(rows), n=i18n.fmt_int(len(rows), lang)),
        i18n.t("nps.ccol.comment", lang), i18n.t("nps.ccol.responded_at", lang))


# -- the page's opening calls ------------------------------------------------------------------
def opening(cur, scope: Scope) -> None:
    """The calls views/nps.py makes before anyone touches a widget (the defaults above, the
    language a page opens in, no presenter mode, the currency cx.ui shows), so cx.prepare keeps
    their results."""
    lang, presenter = OPENING_LANG, False
    page = page_head(cur, scope, lang)
    if page.empty is not None:
        return
    currency = display_currency(data_summary(cur), currency_setting(cur), scope.currency)
    period_part(cur, scope, DEFAULT_PERIOD, DEFAULT_ROLLING, lang, presenter)
    breakdown_tab(cur, scope, page.default_dimension, lang, presenter)
    behaviour_tab(cur, scope, lang, presenter, currency)
    if page.comments_absent is None:
        if page.themes_found:
            themes_tab(cur, scope, DEFAULT_THEME_ORDER, lang, presenter)
        comments_tab(cur, scope, DEFAULT_COMMENT_GROUP, DEFAULT_SEARCH, lang)
