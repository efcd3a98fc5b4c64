"""The overview's section of the meeting report: activity month by month."""
from __future__ import annotations

import functools

import pandas as pd

from cx import annotations, i18n
from cx.area import ReportSection
from cx.charts import overview as overview_charts
from cx.overview.queries import monthly_activity
from cx.scope import Scope

__all__ = ["report_section"]


def report_section(cur, scope: Scope, lang: str, presenter: bool,
                   currency: str | None = None) -> ReportSection:
    """Revenue and active customers of the last 12 months; amounts in `currency` (the report's
    display currency)."""
    monthly = monthly_activity(cur, scope, months=12)
    symbol = i18n.currency_symbol(currency)
    fig = overview_charts.monthly_activity_chart(monthly, labels={
        "months": [i18n.fmt_month(m, lang) for m in pd.to_datetime(monthly["month"])],
        "revenue": i18n.t("report.revenue", lang),
        "customers": i18n.t("report.active_customers", lang),
        "money": functools.partial(i18n.fmt_money, currency=currency, lang=lang),
        "money_tick": lambda v: symbol + i18n.fmt_compact(v, lang),
        "number": functools.partial(i18n.fmt_int, lang=lang)}, presenter=presenter)
    if len(monthly):
        annotations.mark(fig, annotations.events_for(cur, scope),
                         annotations.period_slots(monthly["month"], "month"), lang)
    return ReportSection(i18n.t("report.activity", lang),
                         [i18n.t("report.activity_explain", lang)], [fig])
