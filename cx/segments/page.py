"""Everything the segments page draws, built in one cached call: the data (SegmentsView), its
figures and its formatted tables, for one language, presenter setting and currency.

Building plotly figures costs more than drawing them; caching the built figures keeps the page's
warm rerun fast at 100,000 customers.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from cx import charts, i18n
from cx.scope import Scope
from cx.segments import display
from cx.segments.views import SegmentsView, segments_view

MIN_RFM_BUYERS = 10


@dataclass
class SegmentsPage:
    view: SegmentsView
    quadrant: go.Figure | None
    value_share: go.Figure
    chain: go.Figure | None
    rfm: go.Figure | None
    segment_table: pd.DataFrame
    moves_table: pd.DataFrame
    rfm_rules: pd.DataFrame
    advocates: pd.DataFrame
    chain_table: pd.DataFrame
    rfm_buyers: int
    available: object = None  # cx.available.Available: which kinds of data exist


def money_formatter(currency: str | None, lang: str):
    return lambda x: i18n.fmt_money(x, currency, lang)


def currency_label(currency: str | None) -> str:
    return i18n.currency_symbol(currency).strip() or (currency or "")


def quadrant_labels(view: SegmentsView, lang: str, currency: str | None) -> dict:
    money, symbol = money_formatter(currency, lang), currency_label(currency)
    return {
        "title": i18n.t("segments.quadrant_title", lang),
        "x": i18n.t("segments.axis_spend", lang, currency=symbol),
        "y": i18n.t("segments.axis_referral", lang, currency=symbol),
        "spend_line": i18n.t("segments.spend_line", lang, value=money(view.spend_threshold or 0)),
        "referral_line": i18n.t("segments.referral_line", lang,
                                value=money(view.referral_threshold or 0)),
        "referral_line_any": i18n.t("segments.referral_line_any", lang),
        "zero": i18n.t("segments.zero", lang),
        "customer": i18n.t("segments.hover_customer", lang),
    }


def quadrant_figure(view: SegmentsView, lang: str, presenter: bool,
                    currency: str | None) -> go.Figure:
    return charts.quadrant_chart(view.points, view.spend_threshold, view.referral_threshold,
                                 quadrant_labels(view, lang, currency),
                                 display.segment_names(lang), view.log_x, view.log_y,
                                 money=money_formatter(currency, lang), presenter=presenter,
                                 tick=lambda v: i18n.fmt_compact(v, lang))


def value_share_figure(view: SegmentsView, lang: str, presenter: bool) -> go.Figure:
    return charts.value_share_chart(view.table, display.segment_names(lang), {
        "title": i18n.t("segments.value_share_title", lang),
        "customers": i18n.t("segments.share_customers", lang),
        "value": i18n.t("segments.share_value", lang)}, presenter=presenter)


def segments_page(cur, scope: Scope, lookback_days: int, percentile: float, max_referrals: int,
                  lang: str, presenter: bool, currency: str | None) -> SegmentsPage:
    from cx.available import available

    avail = available(cur)
    view = segments_view(cur, scope, lookback_days, percentile, max_referrals)
    symbol = currency_label(currency)
    chain = None
    if not view.chain.empty:
        chain = charts.chain_chart(view.chain, {
            "direct": i18n.t("segments.chain_direct", lang),
            "fof": i18n.t("segments.chain_fof", lang),
            "x": i18n.t("segments.chain_axis", lang, currency=symbol)}, presenter=presenter)
    buyers = int(view.rfm_grid["customers"].sum())
    rfm = None
    if buyers >= MIN_RFM_BUYERS:
        rfm = charts.rfm_grid_chart(view.rfm_grid, display.rfm_names(lang), {
            "x": i18n.t("segments.rfm_x", lang), "y": i18n.t("segments.rfm_y", lang),
            "customers": i18n.t("segments.rfm_hover", lang),
            "avg": i18n.t("segments.rfm_avg", lang),
            "cell": i18n.t("segments.rfm_cell", lang)}, presenter=presenter)
    return SegmentsPage(
        view=view,
        # no referrals at all: a spend-only scatter would be a line of dots on zero; the page
        # says so in a sentence instead
        quadrant=(quadrant_figure(view, lang, presenter, currency)
                  if view.customers and view.referral_rows else None),
        value_share=value_share_figure(view, lang, presenter),
        chain=chain, rfm=rfm,
        segment_table=display.segment_table(view, lang, currency, avail),
        available=avail,
        moves_table=display.moves_table(view, lang),
        rfm_rules=display.rfm_rules_table(view, lang, currency),
        advocates=display.people_table(view.advocates.head(100), lang, currency),
        chain_table=display.people_table(view.chain, lang, currency),
        rfm_buyers=buyers,
    )
