"""What the segments page shows, for one language, presenter setting and currency: its figures,
formatted tables and sentences, built in one kept call (`segments_page`) from `segments_view`.
The report reuses the same builders. The page's default widget values are declared here; the
page script and the preparation after an import (`opening`) both read them.

Building plotly figures costs more than drawing them; keeping the built page keeps the page's
warm rerun fast at 100,000 customers.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from cx import i18n
from cx.available import Available, absent_sentence, available, present_columns
from cx.cache import kept
from cx.charts import segments as segments_charts
from cx.headline import MIN_SAMPLE, Kpi, compared_texts, describe_basis
from cx.scope import Scope
from cx.segments import metrics
from cx.segments.headline import page_headlines, referrers_ratio
from cx.segments.metrics import (
    ACTION_LIST_MAX,
    ACTION_LISTS,
    NO_PURCHASES,
    NOT_INCLUDED,
    RFM_RULES,
    TOP_POINTS,
    SegmentsView,
    segments_view,
)
from cx.store import currency_setting, data_summary, display_currency

__all__ = ["LOOKBACKS", "LOOKBACK_DAYS", "MAX_REFERRALS", "MIN_RFM_BUYERS", "PERCENTILE",
           "ActionList", "PeopleTable", "SegmentsPage", "advocates_caption",
           "moves_table", "opening", "people_table", "quadrant_figure", "quadrant_story",
           "rfm_names", "rfm_rules_table", "segment_name", "segment_names", "segment_table",
           "segments_page", "value_share_figure"]

# The page's widgets open on these (views/segments.py reads them, and so does `opening`, so the
# results prepared after an import are the ones the page opens with).
LOOKBACKS = (90, 180, 365, 730)  # the lookback choices, in days
LOOKBACK_DAYS = metrics.LOOKBACK_DAYS
PERCENTILE = metrics.PERCENTILE  # "high" = the top (100 - PERCENTILE)%
MAX_REFERRALS = 0  # advocates: promoters who referred at most this many customers
MIN_RFM_BUYERS = 10
SEGMENT_ROWS = ("Champions", "Spenders", "Referrers", "Others", "All")
MONEY_COLUMNS = ("spend_value", "referral_value", "total_value", "chain_value", "monetary")
# segment-table columns that need a kind of data (cx.available): left out when it is absent
TABLE_KINDS = {"referred_customers": "referrals", "referred_revenue": "referrals",
               "total_value": "referrals", "nps_n": "surveys", "promoter_share": "surveys",
               "total_value_prev": "referrals"}


# -- names and tables --------------------------------------------------------------------------
def segment_name(seg: str, lang: str) -> str:
    return i18n.t(f"segments.seg.{seg}", lang)


def segment_names(lang: str) -> dict[str, str]:
    return {s: segment_name(s, lang) for s in (*SEGMENT_ROWS, NOT_INCLUDED)}


def rfm_names(lang: str) -> dict[str, str]:
    return {g: i18n.t(f"segments.rfm.{g}", lang) for g, _ in RFM_RULES} | {
        NO_PURCHASES: i18n.t("segments.rfm.No purchases", lang)}


def _col(key: str, lang: str) -> str:
    return i18n.t(f"segments.col.{key}", lang)


def segment_table(view: SegmentsView, lang: str, currency: str | None,
                  avail: Available | None = None) -> pd.DataFrame:
    """The segment table with the previous window's customers and the change; without
    referral (survey) data, its referral (NPS) columns are left out rather than zero."""
    t = view.table
    money = functools.partial(i18n.fmt_money, currency=currency, lang=lang)
    pct = functools.partial(i18n.fmt_pct, lang=lang)

    def rate(x, n) -> str:
        """A rate, with the count it rests on in brackets when that is below MIN_SAMPLE."""
        if not n or pd.isna(x):
            return "–"
        return pct(x) if n >= MIN_SAMPLE else f"{pct(x)} ({i18n.fmt_int(n)})"

    out = pd.DataFrame({
        _col("segment", lang): [segment_name(s, lang) for s in t["segment"]],
        _col("customers", lang): [i18n.fmt_int(x) for x in t["customers"]],
        _col("share", lang): [pct(x) for x in t["share"]],
        _col("revenue", lang): [money(x) for x in t["revenue"]],
        _col("referred_customers", lang): [i18n.fmt_int(x) for x in t["referred_customers"]],
        _col("referred_revenue", lang): [money(x) for x in t["referred_revenue"]],
        _col("total_value", lang): [money(x) for x in t["total_value"]],
        _col("nps_n", lang): [f"{i18n.fmt_points(x, lang, signed=True)} ({i18n.fmt_int(n)})"
                              if n else "–" for x, n in zip(t["nps"], t["respondents"])],
        _col("promoter_share", lang): [rate(x, n) for x, n in zip(t["promoter_share"],
                                                                   t["respondents"])],
        _col("retention_90d", lang): [rate(x, n) for x, n in zip(t["retention_90d"],
                                                                  t["retention_base"])],
        _col("customers_prev", lang): [i18n.fmt_int(x) for x in t["customers_prev"]],
        _col("customers_change", lang): ["–" if pd.isna(x) else i18n.fmt_int(x, lang, signed=True)
                                         for x in t["customers_change"]],
        _col("total_value_prev", lang): [money(x) for x in t["total_value_prev"]],
    })
    if avail is not None:
        out = out.drop(columns=[_col(c, lang) for c, kind in TABLE_KINDS.items()
                                if not avail.has(kind)])
    return out


def moves_table(view: SegmentsView, lang: str) -> pd.DataFrame:
    """Previous segment (rows) by current segment (columns), customers in each cell."""
    names = segment_names(lang)
    order = [*SEGMENT_ROWS[:-1], NOT_INCLUDED]
    m = view.moves.pivot_table(index="before", columns="now", values="customers",
                               aggfunc="sum", fill_value=0)
    m = m.reindex(index=order, columns=order, fill_value=0)
    m.index = [names[i] for i in m.index]
    m.columns = [names[c] for c in m.columns]
    out = m.map(lambda v: i18n.fmt_int(v)).reset_index()
    return out.rename(columns={"index": i18n.t("segments.moves_before", lang)})


def rfm_rules_table(view: SegmentsView, lang: str, currency: str | None) -> pd.DataFrame:
    groups = view.rfm_groups.set_index("group")
    rows = []
    for g, rule in RFM_RULES:
        r = groups.loc[g]
        rows.append({
            _col("group", lang): i18n.t(f"segments.rfm.{g}", lang),
            _col("rule", lang): rule,
            _col("meaning", lang): i18n.t(f"segments.rfm_rule.{g}", lang),
            _col("customers", lang): i18n.fmt_int(r["customers"]),
            _col("share", lang): i18n.fmt_pct(r["share"], lang),
            _col("revenue", lang): i18n.fmt_money(r["revenue"], currency, lang),
            _col("avg_recency_days", lang): i18n.fmt_num(r["avg_recency_days"], lang, 0),
        })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class PeopleTable:
    """A list of customers for ui.table: `frame` keeps its column names (ui.table masks names and
    e-mails by them in presenter mode); `labels` are the translated headers and the columns in
    `money` are numbers shown with `money_format` (i18n.money_column_format)."""
    frame: pd.DataFrame
    labels: dict[str, str]
    money: tuple[str, ...]
    money_format: str


def people_table(df: pd.DataFrame, lang: str, currency: str | None) -> PeopleTable:
    out = df.copy()
    # a contact column the shop never loaded (no customers file) would read "None" on every row
    out = out.drop(columns=[c for c in ("name", "email") if c in out and out[c].isna().all()])
    if "last_order_at" in out:
        out["last_order_at"] = [i18n.fmt_date(x, lang) if pd.notna(x) else "–"
                                for x in out["last_order_at"]]
    if "segment" in out:
        out["segment"] = [segment_name(s, lang) for s in out["segment"]]
    labels = {c: _col(c, lang) for c in out.columns if i18n.has(f"segments.col.{c}")}
    return PeopleTable(out, labels, tuple(c for c in MONEY_COLUMNS if c in out),
                       i18n.money_column_format(currency))


# -- figures -----------------------------------------------------------------------------------
def currency_label(currency: str | None) -> str:
    return i18n.currency_symbol(currency).strip() or (currency or "")


def quadrant_figure(view: SegmentsView, lang: str, presenter: bool,
                    currency: str | None) -> go.Figure:
    money = functools.partial(i18n.fmt_money, currency=currency, lang=lang)
    symbol = currency_label(currency)
    return segments_charts.quadrant_chart(view.points, labels={
        "title": i18n.t("segments.quadrant_title", lang),
        "x": i18n.t("segments.axis_spend", lang, currency=symbol),
        "y": i18n.t("segments.axis_referral", lang, currency=symbol),
        "spend_line": i18n.t("segments.spend_line", lang, value=money(view.spend_threshold or 0)),
        "referral_line": i18n.t("segments.referral_line", lang,
                                value=money(view.referral_threshold or 0)),
        "referral_line_any": i18n.t("segments.referral_line_any", lang),
        "zero": i18n.t("segments.zero", lang),
        "customer": i18n.t("segments.hover_customer", lang),
        "segments": segment_names(lang), "money": money,
        "tick": functools.partial(i18n.fmt_compact, lang=lang),
        "spend_threshold": view.spend_threshold, "referral_threshold": view.referral_threshold,
        "log_x": view.log_x, "log_y": view.log_y}, presenter=presenter)


def value_share_figure(view: SegmentsView, lang: str, presenter: bool) -> go.Figure:
    return segments_charts.value_share_chart(view.table, labels={
        "title": i18n.t("segments.value_share_title", lang),
        "customers": i18n.t("segments.share_customers", lang),
        "value": i18n.t("segments.share_value", lang),
        "segments": segment_names(lang)}, presenter=presenter)


def chain_figure(view: SegmentsView, lang: str, presenter: bool,
                 currency: str | None) -> go.Figure:
    return segments_charts.chain_chart(view.chain, labels={
        "direct": i18n.t("segments.chain_direct", lang),
        "fof": i18n.t("segments.chain_fof", lang),
        "x": i18n.t("segments.chain_axis", lang, currency=currency_label(currency))},
        presenter=presenter)


def rfm_figure(view: SegmentsView, lang: str, presenter: bool) -> go.Figure:
    return segments_charts.rfm_grid_chart(view.rfm_grid, labels={
        "x": i18n.t("segments.rfm_x", lang), "y": i18n.t("segments.rfm_y", lang),
        "customers": i18n.t("segments.rfm_hover", lang),
        "avg": i18n.t("segments.rfm_avg", lang),
        "cell": i18n.t("segments.rfm_cell", lang), "groups": rfm_names(lang)},
        presenter=presenter)


# -- sentences ---------------------------------------------------------------------------------
def _referrers_value_x(view: SegmentsView) -> float | None:
    """How many times their own spend the Referrers bring in total value (None: no spend)."""
    return referrers_ratio(view.table)


def quadrant_story(view: SegmentsView, lang: str, currency: str | None) -> str | None:
    """"Referrers are x% of customers but bring y ..." (None when there are no Referrers with
    spend to compare with)."""
    ref = view.table.set_index("segment").loc["Referrers"]
    times = _referrers_value_x(view)
    if not times or ref["customers"] <= 0:
        return None
    return i18n.t("segments.quadrant_story", lang, share=i18n.fmt_pct(ref["share"], lang),
                  referred=i18n.fmt_money(ref["referred_revenue"], currency, lang),
                  times=i18n.t("segments.times", lang, x=i18n.fmt_num(times, lang)))


def advocates_caption(total: int, shown: int, lang: str) -> str:
    """How many advocates there are and how many the table lists."""
    if shown >= total:
        return i18n.t_count("segments.advocates_count_all", lang, total,
                            count=i18n.fmt_int(total, lang))
    return i18n.t("segments.advocates_count", lang, count=i18n.fmt_int(total, lang),
                  shown=i18n.fmt_int(shown, lang))


def _metrics(view: SegmentsView, avail: Available, lang: str) -> list[Kpi]:
    """The headline numbers above the chart, each against the window before and the same window
    a year earlier (cx.segments.headline.page_headlines); the referral ones only with referral
    data (else they would be zeros standing for "not loaded")."""
    heads = page_headlines(view)

    def kpi(name: str, value: str, help_text: str) -> Kpi:
        h = heads[name]
        c = compared_texts(h, lang)
        rests = ("" if h.basis is None or name == "customers" else " " + i18n.t(
            "headline.help.basis", lang, basis=describe_basis(h.basis, lang)))
        return Kpi(i18n.t(h.key, lang), value, help_text + rests + " " + c.help, c.delta,
                   c.year, real=c.real)

    out = [kpi("customers", i18n.fmt_int(view.customers),
               i18n.t("segments.metric_customers_help", lang))]
    if not avail.referrals:
        return out
    # a share of value is a headline only on MIN_SAMPLE customers (else "–", and the help says
    # how many there are)
    times = heads["ratio"].value
    return out + [
        kpi("referrers", i18n.fmt_int(view.list_totals["thank_referrers"]),
            i18n.t("segments.metric_referrers_help", lang)),
        kpi("share", i18n.fmt_pct(heads["share"].value, lang),
            i18n.t("segments.metric_referred_share_help", lang)),
        kpi("ratio", i18n.t("segments.times", lang, x=i18n.fmt_num(times, lang)) if times else "–",
            i18n.t("segments.metric_referrers_value_help", lang)),
    ]


@dataclass(frozen=True)
class ActionList:
    """One download of the action lists: its radio label, what it is, how many, the file."""
    label: str
    help: str
    caption: str
    frame: pd.DataFrame  # the rows in the file (columns of data the shop has)
    file_name: str


def _action_lists(view: SegmentsView, avail: Available, lang: str) -> dict[str, ActionList]:
    """The lists the shop can use: thanking referrers and the Champions (high spend and high
    referral) need referral data."""
    out = {}
    for name in ACTION_LISTS:
        if not avail.referrals and name in ("thank_referrers", "vip"):
            continue
        total = view.list_totals[name]
        if total == 0:
            caption = i18n.t("segments.list_empty", lang)
        elif total > ACTION_LIST_MAX:
            caption = i18n.t("segments.list_capped", lang, count=i18n.fmt_int(total),
                             cap=i18n.fmt_int(ACTION_LIST_MAX))
        else:
            caption = i18n.t_count("segments.list_count", lang, total, count=i18n.fmt_int(total))
        rows = view.lists[name]
        columns = present_columns(rows.columns, avail)
        if columns != list(rows.columns):  # (else the view's own frame: kept once on disk)
            rows = rows[columns]
        out[name] = ActionList(i18n.t(f"segments.list.{name}", lang),
                               i18n.t(f"segments.list_help.{name}", lang), caption, rows,
                               f"{name.replace('_', '-')}-{view.as_of}.csv")
    return out


# -- the page ----------------------------------------------------------------------------------
@dataclass
class SegmentsPage:
    view: SegmentsView
    available: Available  # which kinds of data exist
    window_caption: str
    referral_note: str | None  # no referrals, or none of the referred bought (st.info)
    unknown_caption: str | None  # referrals naming a referrer who is not a customer
    metrics: list[Kpi]
    quadrant: go.Figure | None  # None: `quadrant_note` says why
    quadrant_note: str
    points_caption: str
    value_share: go.Figure
    story: str | None
    segment_table: pd.DataFrame
    moves_table: pd.DataFrame
    chain: go.Figure | None
    chain_note: str | None  # instead of the chain chart (st.info)
    chain_captions: list[str]
    chain_table: PeopleTable
    rfm: go.Figure | None
    rfm_note: str | None  # instead of the RFM grid (st.info)
    rfm_rules: pd.DataFrame
    rfm_buyers: int
    advocates: PeopleTable
    advocates_note: str | None  # instead of the advocates table (st.info)
    advocates_caption: str
    action_lists: dict[str, ActionList] = field(default_factory=dict)


def _view_args(lookback_days, percentile, max_referrals) -> tuple:
    """segments_view's arguments as the page and `opening` pass them (the same types: the kept
    result is found by their repr)."""
    return int(lookback_days), float(percentile), int(max_referrals)


@kept(shared=True)
def segments_page(cur, scope: Scope, lookback_days: int, percentile: float, max_referrals: int,
                  lang: str, presenter: bool, currency: str | None) -> SegmentsPage:
    avail = available(cur)
    view = segments_view(cur, scope, *_view_args(lookback_days, percentile, max_referrals))
    money = functools.partial(i18n.fmt_money, currency=currency, lang=lang)
    referral_note = None
    if not avail.referrals:
        referral_note = i18n.t("segments.no_referrals", lang)
    elif not view.has_referral_value:
        referral_note = i18n.t_count("segments.no_referral_value", lang, view.referral_rows,
                                     referrals=i18n.fmt_int(view.referral_rows))
    if view.sampled:
        top = min(TOP_POINTS, len(view.points))
        points_caption = i18n.t("segments.points_sampled", lang,
                                total=i18n.fmt_int(view.points_total), top=i18n.fmt_int(top),
                                sample=i18n.fmt_int(len(view.points) - top),
                                shown=i18n.fmt_int(len(view.points)))
    else:
        points_caption = i18n.t("segments.points_all", lang,
                                total=i18n.fmt_int(view.points_total))
    chain = chain_note = None
    chain_captions = []
    if not avail.referrals:
        chain_note = absent_sentence("referrals", lang)
    elif view.chain.empty:
        chain_note = i18n.t("segments.chain_none", lang)
    else:
        chain = chain_figure(view, lang, presenter, currency)
        chain_captions = [
            i18n.t_count("segments.chain_explain", lang, len(view.chain),
                         top=i18n.fmt_int(len(view.chain))),
            i18n.t_count("segments.chain_total", lang, view.chain_referrals,
                         count=i18n.fmt_int(view.chain_referrals),
                         value=money(view.chain_value))]
    buyers = int(view.rfm_grid["customers"].sum())
    rfm = rfm_note = None
    if buyers >= MIN_RFM_BUYERS:
        rfm = rfm_figure(view, lang, presenter)
    else:
        rfm_note = i18n.t_count("segments.rfm_too_few", lang, buyers, min=MIN_RFM_BUYERS,
                                count=i18n.fmt_int(buyers))
    advocates = people_table(view.advocates.head(100), lang, currency)
    advocates_note = None
    if not avail.surveys:
        advocates_note = absent_sentence("surveys", lang)
    elif view.advocates_total == 0:
        advocates_note = i18n.t("segments.advocates_none", lang)
    return SegmentsPage(
        view=view, available=avail,
        window_caption=i18n.t_count(
            "segments.window", lang, view.customers,
            start=i18n.fmt_date(view.window_start, lang), end=i18n.fmt_date(view.as_of, lang),
            days=i18n.fmt_int(view.lookback_days),
            prev_end=i18n.fmt_date(view.previous_end, lang),
            customers=i18n.fmt_int(view.customers)),
        referral_note=referral_note,
        unknown_caption=i18n.t_count("segments.unknown_referrals", lang, view.unknown_referrals,
                                     count=i18n.fmt_int(view.unknown_referrals))
        if view.unknown_referrals else None,
        metrics=_metrics(view, avail, lang) if view.customers else [],
        # no referrals at all: a spend-only scatter would be a line of dots on zero; the page
        # says so in a sentence instead
        quadrant=(quadrant_figure(view, lang, presenter, currency)
                  if view.customers and view.referral_rows else None),
        quadrant_note=i18n.t("segments.no_quadrant", lang),
        points_caption=points_caption,
        value_share=value_share_figure(view, lang, presenter),
        story=quadrant_story(view, lang, currency) if view.customers else None,
        segment_table=segment_table(view, lang, currency, avail),
        moves_table=moves_table(view, lang),
        chain=chain, chain_note=chain_note, chain_captions=chain_captions,
        chain_table=people_table(view.chain, lang, currency),
        rfm=rfm, rfm_note=rfm_note, rfm_rules=rfm_rules_table(view, lang, currency),
        rfm_buyers=buyers,
        advocates=advocates, advocates_note=advocates_note,
        advocates_caption=advocates_caption(view.advocates_total, len(advocates.frame), lang),
        action_lists=_action_lists(view, avail, lang),
    )


def opening(cur, scope: Scope) -> None:
    """The call the page opens with, with its default widgets, in each language (cx.prepare keeps
    the result on disk after an import)."""
    currency = display_currency(data_summary(cur), currency_setting(cur), scope.currency)
    for lang in i18n.LANGS:
        segments_page(cur, scope, *_view_args(LOOKBACK_DAYS, PERCENTILE, MAX_REFERRALS), lang,
                      False, currency)
