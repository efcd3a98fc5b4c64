"""What the overview page shows, for a language, presenter mode and currency: the headline cards
(every area's headline, formatted), the sentences standing in for numbers that are missing, and
the "what changed" list. The meeting report formats its headline table with the same helpers."""
from __future__ import annotations

from dataclasses import dataclass

from cx import i18n
from cx.areas import AREAS
from cx.cache import kept
from cx.headline import (
    Headline,
    format_change,
    format_changes,
    format_diff,
    format_value,
    headline_texts,
    sentences_instead,
    shown_as_number,
)
from cx.ingest.history import escape_markdown
from cx.nps import THIN
from cx.overview.metrics import WhatChanged, headlines, what_changed
from cx.safety import mask_email, mask_name
from cx.scope import Scope
from cx.segments.page import segment_name

__all__ = ["Card", "Note", "OverviewPage", "format_change", "format_changes", "format_diff",
           "format_interval", "format_value", "headline_texts", "overview_page", "referrer_label", "what_changed_markdown", "what_changed_sentences"]


# -- headline numbers ----------------------------------------------------------------------
def format_interval(h: Headline, lang: str) -> str | None:
    """The headline's 95% interval in words ("95% interval 36–48"), None when it has none."""
    if h.interval is None or h.value is None:
        return None
    fmt = i18n.fmt_pct if h.kind == "pct" else i18n.fmt_points
    lo, hi = h.interval
    return i18n.t("overview.interval", lang, lo=fmt(lo, lang), hi=fmt(hi, lang))


def _page_label(page: str, lang: str) -> str:
    """"Open the … page" for a page script such as views/retention.py."""
    return i18n.t("overview.open_page", lang, page=i18n.t("nav." + page.split("/")[-1][:-3], lang))


# -- what changed --------------------------------------------------------------------------
def referrer_label(r, presenter: bool) -> str:
    """Name (else id) of a referrer; masked in presenter mode (an id that is an email too)."""
    text = r.name or r.customer_id
    if not presenter:
        return text
    return mask_email(text) if "@" in text else mask_name(text) if r.name else text


def what_changed_sentences(w: WhatChanged, lang: str, presenter: bool = False) -> list[str]:
    """The "what changed" list in plain sentences, in the reader's language; names masked in
    presenter mode. Empty when there is nothing to say."""
    out = []
    c = w.nps
    if c is not None:
        current = i18n.fmt_month(c.current.start, lang)
        if w.nps_partial:
            current = i18n.t("overview.wc.so_far", lang, period=current)
        # the move between the two numbers as shown (42 and 37 read as 5, whatever the decimals)
        diff = round(c.current.nps) - round(c.other.nps)
        key = "overview.wc.nps_same" if diff == 0 else (
            "overview.wc.nps_up" if diff > 0 else "overview.wc.nps_down")
        text = i18n.t(key, lang, n=abs(diff), a=i18n.fmt_points(c.current.nps, lang),
                      b=i18n.fmt_points(c.other.nps, lang), current=current,
                      other=i18n.fmt_month(c.other.start, lang),
                      verdict=i18n.t(f"nps.cmp.verdict.{c.verdict}", lang),
                      lo=i18n.fmt_points(c.ci_low, lang, signed=True),
                      hi=i18n.fmt_points(c.ci_high, lang, signed=True))
        if c.current.thin or c.other.thin:
            text += " " + i18n.t("nps.cmp.thin_note", lang, n=THIN)
        out.append(text)
    g = w.group_move
    if g is not None:
        gc = g.comparison
        diff = round(gc.current.nps) - round(gc.other.nps)
        move = i18n.t("nps.cmp.up" if diff > 0 else "nps.cmp.down", lang, n=abs(diff))
        out.append(i18n.t("overview.wc.group", lang, dim=i18n.t(f"nps.dim.{g.dimension}", lang),
                          group=g.group, move=move, a=i18n.fmt_points(gc.current.nps, lang),
                          b=i18n.fmt_points(gc.other.nps, lang)))
    if w.segment_loss is not None:
        s = w.segment_loss
        out.append(i18n.t("overview.wc.segment_loss", lang, segment=segment_name(s.segment, lang),
                          now=i18n.fmt_int(s.customers, lang),
                          before=i18n.fmt_int(s.previous, lang),
                          change=i18n.fmt_int(s.change, lang, signed=True),
                          days=i18n.fmt_int(w.lookback_days, lang)))
    elif w.segments_compared:
        out.append(i18n.t("overview.wc.no_segment_loss", lang,
                          days=i18n.fmt_int(w.lookback_days, lang)))
    if w.referrers:
        items = [i18n.t_count("overview.wc.referrer", lang, r.referred,
                              name=referrer_label(r, presenter), n=i18n.fmt_int(r.referred, lang))
                 for r in w.referrers]
        out.append(i18n.t("overview.wc.referrers", lang, days=i18n.fmt_int(w.referrer_days, lang),
                          names=i18n.t("overview.wc.list_sep", lang).join(items)))
    return out


def what_changed_markdown(sentences: list[str], lang: str) -> str:
    """The sentences as a markdown list for st.markdown; every sentence is escaped (names and
    group labels come from the user's files, and a bare $ would start LaTeX)."""
    if not sentences:
        return escape_markdown(i18n.t("overview.nothing_changed", lang))
    return "\n".join("- " + escape_markdown(s) for s in sentences)


# -- the page ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    """One headline number as st.metric shows it, with the link to the page explaining it."""
    label: str
    value: str
    change: str | None
    higher_is_better: bool
    help: str | None
    trend: tuple[float, ...]
    interval: str | None  # "95% interval 36–48"
    page: str  # the page script, "" for none
    page_label: str
    year: str = ""  # "vs a year ago: +3.1 pt, within the noise" / "no data a year earlier"
    real: bool = False  # the change against the previous period is outside the noise


@dataclass(frozen=True)
class Note:
    """A sentence instead of a number (a note, data not loaded, too few customers)."""
    sentence: str
    page: str
    page_label: str


@dataclass(frozen=True)
class OverviewPage:
    cards: list[Card]
    notes: list[Note]
    what_changed: str  # markdown


def overview_page(cur, scope: Scope, lang: str, presenter: bool,
                  currency: str | None) -> OverviewPage:
    """The page, kept per data version and each area's headline state (the churn headline
    changes when the churn page fits its model, without a new data version)."""
    states = tuple(area.headline_state(cur, scope) if area.headline_state else None
                   for area in AREAS)
    return _overview_page(cur, scope, lang, presenter, currency, states)


@kept(shared=True)
def _overview_page(cur, scope: Scope, lang: str, presenter: bool, currency: str | None,
                   states: tuple) -> OverviewPage:
    heads = headlines(cur, scope)
    notes = [Note(sentence, h.page, _page_label(h.page, lang) if h.page else "")
             for h, sentence in sentences_instead(heads, lang)]
    cards = []
    for h in heads:
        if not shown_as_number(h):
            continue
        help_, year, real = headline_texts(h, lang, currency)
        cards.append(Card(i18n.t(h.key, lang), format_value(h.value, h.kind, lang, currency),
                          format_change(h, lang, currency), h.higher_is_better, help_,
                          tuple(h.trend), format_interval(h, lang), h.page,
                          _page_label(h.page, lang) if h.page else "", year, real))
    sentences = what_changed_sentences(what_changed(cur, scope), lang, presenter)
    return OverviewPage(cards, notes, what_changed_markdown(sentences, lang))
