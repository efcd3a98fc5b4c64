"""The NPS area's words, in the reader's language: the names of groups and bands, chart labels,
and the sentences the page and the meeting report say about the numbers of cx.nps.metrics.
Plurals through i18n.t_count, numbers through the i18n formatters."""
from __future__ import annotations

import pandas as pd

from cx import i18n
from cx.nps.definitions import GROUPS, NO_SEGMENT, TENURE_BANDS, UNKNOWN, UNMATCHED
from cx.nps.metrics import THIN, Comparison, PeriodComparisons

__all__ = ["answers_text", "chart_labels", "comments_caption", "comparison_notes",
           "comparison_sentence", "group_labels", "matched_sentence", "rolling_window",
           "trend_labels"]

SEGMENT_NAMES = ("Champions", "Spenders", "Referrers", "Others")


def group_labels(lang: str) -> dict[str, str]:
    """Readable names of the keys cx.nps makes (score groups, special groups, tenure bands,
    segments); group names from the data are shown as they are."""
    out = {g: i18n.t(f"nps.group.{g}", lang) for g in GROUPS}
    out.update({UNMATCHED: i18n.t("nps.unmatched", lang), UNKNOWN: i18n.t("nps.unknown", lang),
                NO_SEGMENT: i18n.t("nps.no_segment", lang)})
    out.update({b: i18n.t(f"nps.tenure.{b}", lang) for b in TENURE_BANDS})
    out.update({s: i18n.t(f"nps.segment.{s}", lang) for s in SEGMENT_NAMES})
    return out


def trend_labels(trend: pd.DataFrame, period: str, lang: str) -> list[str]:
    """The x labels of a trend: its periods as the reader writes them."""
    return [i18n.fmt_period(d, period, lang) for d in trend["period_start"]]


def chart_labels(lang: str) -> dict:
    """Translated labels for cx.charts.nps.nps_trend_chart."""
    keys = ("title", "nps", "band", "responses", "thin", "partial")
    return {k: i18n.t(f"nps.trend.{k}", lang) for k in keys}


def rolling_window(period: str, rolling: int, lang: str) -> str:
    """'3 months', '12 weeks' (3 か月): the window a rolling point pools."""
    return i18n.t(f"nps.window.{period}", lang, n=i18n.fmt_int(rolling, lang))


def answers_text(n: int, lang: str = "en") -> str:
    """'1 answer', '40 answers' (回答 40 件)."""
    return i18n.t_count("nps.answers", lang, n, n=i18n.fmt_int(n, lang))


def comparison_sentence(c: Comparison, period: str, lang: str = "en") -> str:
    """The comparison in plain words, in the reader's language, e.g. 'Oct 2026 vs Sep 2026:
    NPS 31 (120 answers) vs 38 (131 answers), down 7 points (95% interval -15 to +1): within the
    noise.'"""
    diff = round(c.diff)
    if diff == 0:
        move = i18n.t("nps.cmp.same", lang)
    else:
        move = i18n.t("nps.cmp.up" if diff > 0 else "nps.cmp.down", lang, n=abs(diff))
    text = i18n.t(
        "nps.cmp.sentence", lang,
        current=i18n.fmt_period(c.current.start, period, lang),
        other=i18n.fmt_period(c.other.start, period, lang),
        a=i18n.fmt_points(c.current.nps, lang), b=i18n.fmt_points(c.other.nps, lang),
        answers_a=answers_text(c.current.responses, lang),
        answers_b=answers_text(c.other.responses, lang),
        move=move, lo=i18n.fmt_points(c.ci_low, lang, signed=True),
        hi=i18n.fmt_points(c.ci_high, lang, signed=True),
        verdict=i18n.t(f"nps.cmp.verdict.{c.verdict}", lang))
    if c.current.thin or c.other.thin:  # the normal approximation is rough on few answers
        text += " " + i18n.t("nps.cmp.thin_note", lang, n=THIN)
    return text


def comparison_notes(comp: PeriodComparisons, lang: str = "en") -> list[str]:
    """The captions under the comparison sentences: what could not be compared and why, which
    periods were skipped, and the unfinished period waiting to be compared."""
    p = comp.period
    unit, units = i18n.t(f"nps.unit.{p}", lang), i18n.t(f"nps.units.{p}", lang)
    if comp.current is None:
        return [i18n.t("nps.cmp.no_current", lang)]
    current = i18n.fmt_period(comp.current.start, p, lang)
    if comp.partial:
        return [i18n.t("nps.cmp.partial", lang, current=current,
                       nps=i18n.fmt_points(comp.current.nps, lang),
                       answers=answers_text(comp.current.responses, lang))]
    notes = []
    if comp.previous is None:
        notes.append(i18n.t("nps.cmp.no_previous", lang))
    elif comp.year is None:
        notes.append(i18n.t("nps.cmp.no_year", lang))
    if comp.skipped:
        notes.append(i18n.t_count("nps.cmp.skipped", lang, comp.skipped, current=current,
                                  unit=unit, units=units, n=i18n.fmt_int(comp.skipped, lang)))
    if comp.pending:
        notes.append(i18n.t("nps.cmp.pending", lang, unit=unit,
                            current=i18n.fmt_period(comp.unfinished_start, p, lang),
                            answers=answers_text(comp.pending, lang)))
    return notes


def matched_sentence(matches: dict, lang: str = "en") -> str:
    """'38 of 40 answers matched a customer (30 by customer ID, ...); 2 match no customer...'
    from match_summary."""
    def num(x) -> str:
        return i18n.fmt_int(x, lang)

    n, none = matches["responses"], matches["none"]
    return i18n.t(
        "nps.behave.matched", lang,
        of=i18n.t_count("nps.behave.matched_of", lang, n, matched=num(matches["matched"]),
                        n=num(n)),
        by_id=num(matches["id"]), by_order=num(matches["order"]), by_email=num(matches["email"]),
        unmatched=i18n.t_count("nps.behave.unmatched", lang, none, n=num(none)))


def comments_caption(count: int, shown: int, lang: str = "en") -> str:
    """How many comments match the filters and how many are listed."""
    if shown >= count:
        return i18n.t_count("nps.comments.count_all", lang, count, n=i18n.fmt_int(count, lang))
    return i18n.t("nps.comments.count", lang, n=i18n.fmt_int(count, lang),
                  shown=i18n.fmt_int(shown, lang))
