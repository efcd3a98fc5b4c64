"""The repeat section of the meeting report (cx.report calls `report_section`)."""
from __future__ import annotations

from cx import i18n
from cx.area import ReportSection
from cx.repeat import page
from cx.scope import Scope

__all__ = ["report_section"]


def report_section(cur, scope: Scope, lang: str, presenter: bool) -> ReportSection:
    """The key numbers in sentences (second purchase within 90 days, the 50% and 80% days, the
    funnel, the first-purchase group that stands out) and the days-to-second chart."""
    section = ReportSection(i18n.t("repeat.title", lang))
    head = page.header(cur, scope, lang)
    if head.empty is not None:
        section.sentences.append(head.empty)
        return section
    for kpi in head.kpis[:1]:
        if kpi.value != "–":
            section.sentences.append(i18n.t("repeat.report.second", lang, value=kpi.value,
                                            help=kpi.help))
    section.sentences += list(head.missing)
    days = page.days_view(cur, scope, lang, presenter)
    section.sentences.append(days.sentence)
    section.sentences.append(page.funnel_view(cur, scope, "month", lang, presenter).sentence)
    if head.by:
        first = page.first_view(cur, scope, head.by[0], scope.currency, lang, presenter)
        section.sentences.append(i18n.t("repeat.report.by", lang,
                                        by=head.labels["by"][head.by[0]],
                                        sentence=first.sentence))
    if days.figure is not None:
        section.figures.append(days.figure)
    return section
