"""The segments section of the meeting report (cx.report calls `report_section`)."""
from __future__ import annotations

from cx import i18n
from cx.scope import Scope
from cx.segments import display
from cx.segments.page import quadrant_figure, value_share_figure
from cx.segments.views import segments_view
from cx.store import data_summary


def report_section(cur, scope: Scope, lang: str, presenter: bool):
    from cx.area import ReportSection

    view = segments_view(cur, scope)
    title = i18n.t("segments.title", lang)
    if view.customers == 0:
        return ReportSection(title, [i18n.t("segments.empty", lang)])
    currencies = data_summary(cur).currencies
    currency = scope.currency or (currencies[0] if currencies else None)
    names = display.segment_names(lang)
    sentences = [i18n.t("segments.how_to_read", lang)]
    if view.referral_rows == 0:
        sentences.append(i18n.t("segments.no_referrals", lang))
    table = view.table.set_index("segment")
    ref = table.loc["Referrers"]
    if ref["customers"] > 0 and ref["revenue"] > 0:
        sentences.append(i18n.t(
            "segments.quadrant_story", lang, share=i18n.fmt_pct(ref["share"], lang),
            referred=i18n.fmt_money(ref["referred_revenue"], currency, lang),
            times=i18n.t("segments.times", lang,
                         x=i18n.fmt_num(ref["total_value"] / ref["revenue"], lang))))
    figures = [value_share_figure(view, lang, presenter)]
    if view.referral_rows:  # without referrals the scatter would be a line of dots on zero
        figures.insert(0, quadrant_figure(view, lang, presenter, currency))
    return ReportSection(title, sentences, figures, display.segment_table(view, lang, currency))
