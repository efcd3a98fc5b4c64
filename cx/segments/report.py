"""The segments section of the meeting report (cx.report calls `report_section`)."""
from __future__ import annotations

from cx import charts, i18n
from cx.scope import Scope
from cx.segments import display
from cx.segments.views import segments_view
from cx.store import data_summary


def report_section(cur, scope: Scope, lang: str, presenter: bool):
    from cx.report import ReportSection

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
    symbol = i18n.currency_symbol(currency).strip() or (currency or "")
    money = lambda v: i18n.fmt_money(v, currency, lang)  # noqa: E731
    labels = {
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
    figures = [
        charts.quadrant_chart(view.points, view.spend_threshold, view.referral_threshold, labels,
                              names, view.log_x, view.log_y, money=money, presenter=presenter),
        charts.value_share_chart(view.table, names, {
            "title": i18n.t("segments.value_share_title", lang),
            "customers": i18n.t("segments.share_customers", lang),
            "value": i18n.t("segments.share_value", lang)}, presenter=presenter),
    ]
    return ReportSection(title, sentences, figures, display.segment_table(view, lang, currency))
