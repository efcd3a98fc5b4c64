"""The segments section of the meeting report: the page's story, figures and segment table."""
from __future__ import annotations

from cx import i18n
from cx.area import ReportSection
from cx.scope import Scope
from cx.segments.metrics import segments_view
from cx.segments.page import quadrant_figure, quadrant_story, segment_table, value_share_figure
from cx.store import data_summary

__all__ = ["report_section"]


def report_section(cur, scope: Scope, lang: str, presenter: bool) -> ReportSection:
    view = segments_view(cur, scope)
    title = i18n.t("segments.title", lang)
    if view.customers == 0:
        return ReportSection(title, [i18n.t("segments.empty", lang)])
    currencies = data_summary(cur).currencies
    currency = scope.currency or (currencies[0] if currencies else None)
    sentences = [i18n.t("segments.how_to_read", lang)]
    if view.referral_rows == 0:
        sentences.append(i18n.t("segments.no_referrals", lang))
    story = quadrant_story(view, lang, currency)
    if story:
        sentences.append(story)
    figures = [value_share_figure(view, lang, presenter)]
    if view.referral_rows:  # without referrals the scatter would be a line of dots on zero
        figures.insert(0, quadrant_figure(view, lang, presenter, currency))
    return ReportSection(title, sentences, figures, segment_table(view, lang, currency))
