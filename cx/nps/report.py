"""The NPS section of the meeting report (cx.report calls `report_section`)."""
from __future__ import annotations

from cx import annotations, i18n
from cx.area import ReportSection
from cx.nps.metrics import compare_periods, nps_trend
from cx.nps.page import trend_figure
from cx.nps.sentences import comparison_sentence
from cx.scope import Scope

__all__ = ["report_section"]


def report_section(cur, scope: Scope, lang: str, presenter: bool) -> ReportSection | None:
    """The monthly trend and the comparison sentences; None without answers in scope."""
    trend = nps_trend(cur, scope, "month")
    if trend.empty:
        return None
    comp = compare_periods(cur, scope, "month")
    sentences = [comparison_sentence(c, "month", lang)
                 for c in (comp.previous, comp.year) if c is not None]
    return ReportSection(i18n.t("nps.title", lang), sentences,
                         [trend_figure(trend, "month", None, lang, presenter,
                                       annotations.events_for(cur, scope))])
