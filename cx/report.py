"""The meeting report: one self-contained HTML file (plotly.js inlined, opens offline) with the
headline numbers and each page's main chart and commentary; masked in presenter mode."""
from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from pathlib import Path

import plotly.io as pio

from cx import annotations, i18n, overview
from cx.area import ReportSection
from cx.areas import AREAS
from cx.headline import change_cell, comparisons, sentences_instead, shown_as_number
from cx.safety import mask_pii
from cx.scope import Scope, resolve_scope
from cx.store import Store, currency_setting, data_summary, display_currency


# Areas add a `report_section(cur, scope, lang, presenter) -> ReportSection | None` to appear.
def headline_rows(cur, scope: Scope, lang: str,
                  currency: str | None) -> list[tuple[str, str, str, str]]:
    """(label, value with its 95% interval when it has one, change against the previous period,
    change against a year earlier), each change with its verdict, per headline number."""
    heads = overview.headlines(cur, scope)
    rows = []
    for h in heads:
        if not shown_as_number(h):
            continue
        value = overview.format_value(h.value, h.kind, lang, currency)
        interval = overview.format_interval(h, lang)
        if interval:
            value = i18n.t("report.value_interval", lang, value=value, interval=interval)
        previous, year = comparisons(h)
        formatted = overview.format_changes(h, lang, currency)
        rows.append((i18n.t(h.key, lang), value, change_cell(previous, formatted[0], lang),
                     change_cell(year, formatted[1], lang)))
    # then the sentences instead of numbers (a note, data not loaded, too few customers), each
    # filling its row, as on the overview page
    return rows + [(sentence, "", "", "") for _, sentence in sentences_instead(heads, lang)]


def build_sections(cur, scope: Scope, lang: str, presenter: bool,
                   currency: str | None = None) -> list[ReportSection]:
    """The overview's activity section, then each area's (cx.areas.AREAS), when it has one."""
    sections = [overview.report_section(cur, scope, lang, presenter, currency)]
    for area in AREAS:
        section = area.report_section(cur, scope, lang, presenter)
        if section is not None:
            sections.append(section)
    return sections


def events_rows(events, lang: str) -> list[tuple[str, str, str]]:
    """(date, end or "", label) of each of the timeline's events, formatted for the language."""
    return [(i18n.fmt_date(e.starts_on, lang),
             i18n.fmt_date(e.ends_on, lang) if e.ends_on else "", e.label) for e in events]


def render_html(scope: Scope, headlines: list[tuple[str, str, str, str]],
                sections: list[ReportSection], lang: str, presenter: bool,
                what_changed: list[str] | None = None,
                events: list[tuple[str, str, str]] | None = None) -> str:
    """The report page; `what_changed` = overview.what_changed_sentences (already masked);
    `events` = events_rows of the timeline's events in scope (a section only when there are
    any)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{e(i18n.t('report.title', lang))}</title>",
        "<style>body{font-family:'Noto Sans JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif;"
        "max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{margin-bottom:0}table{border-collapse:collapse;margin:1rem 0}"
        "td,th{border-bottom:1px solid #ddd;padding:.4rem .8rem;text-align:left}"
        ".num{text-align:right;white-space:nowrap}.meta{color:#666}</style></head><body>",
        f"<h1>{e(i18n.t('report.title', lang))}</h1>",
        f"<p class='meta'>{e(i18n.t('report.period', lang, start=i18n.fmt_date(scope.start, lang), end=i18n.fmt_date(scope.end, lang)))}"
        f" · {e(i18n.t('report.generated', lang, day=i18n.fmt_date(date.today(), lang)))}</p>",
        f"<h2>{e(i18n.t('report.headlines', lang))}</h2><table>",
        f"<tr><th></th><th class='num'>{e(i18n.t('report.value', lang))}</th>"
        f"<th class='num'>{e(i18n.t('report.change', lang))}</th>"
        f"<th class='num'>{e(i18n.t('report.year_ago', lang))}</th></tr>",
    ]
    for label, value, change, year in headlines:
        if not value and not change:  # a note: one sentence across the row
            parts.append(f"<tr><td colspan='4' class='meta'>{e(label)}</td></tr>")
            continue
        parts.append(f"<tr><td>{e(label)}</td><td class='num'>{e(value)}</td>"
                     f"<td class='num'>{e(change)}</td><td class='num'>{e(year)}</td></tr>")
    parts.append("</table>")
    parts.append(f"<h2>{e(i18n.t('overview.what_changed', lang))}</h2>")
    if what_changed:
        parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in what_changed) + "</ul>")
    else:
        parts.append(f"<p>{e(i18n.t('overview.nothing_changed', lang))}</p>")
    if events:
        parts.append(f"<h2>{e(i18n.t('annotations.report_title', lang))}</h2><table>")
        parts.append("<tr>" + "".join(f"<th>{e(i18n.t(f'annotations.col.{c}', lang))}</th>"
                                      for c in ("date", "end", "label")) + "</tr>")
        parts += [f"<tr><td>{e(start)}</td><td>{e(end)}</td><td>{e(label)}</td></tr>"
                  for start, end, label in events]
        parts.append("</table>")
    first_figure = True
    for section in sections:
        parts.append(f"<h2>{e(section.title)}</h2>")
        parts += [f"<p>{e(s)}</p>" for s in section.sentences]
        for fig in section.figures:
            parts.append(pio.to_html(fig, full_html=False, include_plotlyjs=first_figure,
                                     config={"displaylogo": False}))
            first_figure = False
        if section.table is not None and not section.table.empty:
            table = mask_pii(section.table) if presenter else section.table
            parts.append(table.to_html(index=False, escape=True, border=0))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(store: Store, out: Path, lang: str = "en", presenter: bool = False,
                 scope: Scope | None = None) -> Path:
    out = Path(out)
    out.write_text(report_html(store, lang, presenter, scope), encoding="utf-8")
    return out


def report_html(store: Store, lang: str = "en", presenter: bool = False,
                scope: Scope | None = None) -> str:
    cur = store.cursor()
    try:
        summary = data_summary(cur)
        if summary.is_empty:
            raise ValueError("The database holds no data yet; import data or load the demo first.")
        if scope is not None and scope.currency and summary.currencies \
                and scope.currency not in summary.currencies:
            raise ValueError(f"The data holds no amounts in {scope.currency} (it has "
                             f"{', '.join(summary.currencies)}).")
        scope = resolve_scope(cur, scope)
        setting = currency_setting(cur)
        if scope.currency is None and not summary.currencies and setting:
            # rows without a currency are in the stored setting: every section shows its symbol
            scope = replace(scope, currency=setting)
        currency = display_currency(summary, setting, scope.currency)
        headlines = headline_rows(cur, scope, lang, currency)
        changed = overview.what_changed_sentences(overview.what_changed(cur, scope), lang,
                                                  presenter)
        sections = build_sections(cur, scope, lang, presenter, currency)
        events = events_rows(annotations.events_for(cur, scope), lang)
    finally:
        cur.close()
    return render_html(scope, headlines, sections, lang, presenter, changed, events)
