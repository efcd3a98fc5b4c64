"""Headline numbers: each area's `headline(cur, scope)` returns these for the overview page.

`MIN_SAMPLE` is the one minimum sample of the project: a rate is a headline only when it rests on
at least that many customers (or survey answers); thinner values are marked wherever they show,
and cohort headlines fall back to the latest cohorts that reach it (docs/metrics.md).

Every headline is compared twice (docs/metrics.md "Comparing periods"): with the previous period
and with the same period a year earlier. An area fills `previous`/`previous_basis`/`previous_se`
and `year_ago`/`year_ago_basis`/`year_ago_se` beside `value`/`basis`/`se`; `comparisons(h)`
applies the one noise rule (cx.stats.verdict: real when the 95% interval of the difference leaves
out 0). An area whose change needs another method passes a ready `Change` instead.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from cx import i18n
from cx.available import absent_sentence
from cx.stats import difference_interval, verdict

MIN_SAMPLE = 30


@dataclass(frozen=True)
class Basis:
    """What a headline value rests on, for its help text: `kind` "cohort" (customers who first
    bought from `first` to `last`, month cohorts), "month" (answers in that month), "days" (the
    last `days` days up to `last`); `sample` people (or answers, `unit`)."""
    kind: str
    sample: int
    first: date | None = None
    last: date | None = None
    days: int | None = None
    unit: str = "customers"  # customers | responses | orders | gaps


@dataclass(frozen=True)
class Change:
    """The value against one other period: `kind` "previous" | "year"; `other` that period's
    value (None: not compared, `reason` says why); the difference and its 95% interval (None:
    the noise is not estimated, `reason` says why); `basis` what the other value rests on."""
    kind: str
    other: float | None
    diff: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    basis: Basis | None = None
    reason: str | None = None  # an i18n key: why there is no comparison or no verdict

    @property
    def verdict(self) -> str | None:
        """up / down (the interval of the difference leaves out 0), noise, unknown (no
        interval); None when not compared."""
        if self.other is None or self.diff is None:
            return None
        return verdict(self.ci_low, self.ci_high)


def change_between(kind: str, value: float | None, se: float | None, other: float | None,
                   other_se: float | None, basis: Basis | None = None,
                   reason: str | None = None) -> Change:
    """A Change by the one noise rule: value - other, and its 95% interval from each side's
    standard error (cx.stats.difference_interval); without both errors, no interval."""
    if value is None or other is None:
        return Change(kind, None, basis=basis, reason=reason)
    diff = value - other
    if se is None or other_se is None or math.isnan(se) or math.isnan(other_se):
        return Change(kind, other, diff, basis=basis, reason=reason)
    low, high = difference_interval(diff, se, other_se)
    return Change(kind, other, diff, low, high, basis, reason)


@dataclass(frozen=True)
class Headline:
    key: str  # i18n key of the label, e.g. "overview.revenue"
    value: float | None
    previous: float | None = None  # the same measure for the previous period, for the change
    kind: str = "int"  # how to format: int | money | pct | points | days | times | note | absent
    page: str = ""  # the page that explains it, e.g. "views/retention.py"
    trend: tuple[float, ...] = field(default_factory=tuple)  # a small series, oldest first
    higher_is_better: bool = True
    interval: tuple[float, float] | None = None  # e.g. NPS 95% interval
    basis: Basis | None = None  # what the value rests on (its sample size)
    previous_basis: Basis | None = None  # what the previous value rests on
    absent: str | None = None  # kind "absent": the cx.available kind of data it needs
    thin: int | None = None  # value None because only this many (< MIN_SAMPLE) were there
    # -- the two comparisons (docs/metrics.md "Comparing periods") --
    se: float | None = None  # the value's standard error (cx.stats: proportion_se, count_se...)
    previous_se: float | None = None
    year_ago: float | None = None  # the same measure for the same period a year earlier
    year_ago_basis: Basis | None = None
    year_ago_se: float | None = None
    year_missing: str | None = None  # i18n key: why year_ago is None (default: no data then)
    # i18n key: why `previous` is None when there is a previous period to speak of (e.g.
    # "headline.previous.none": the data does not reach back to it); None: nothing is said
    previous_missing: str | None = None
    noise: str | None = None  # i18n key: why the noise is not estimated (se left None)
    previous_change: Change | None = None  # ready comparisons, for another method than se
    year_change: Change | None = None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def comparisons(h: Headline) -> tuple[Change | None, Change]:
    """(against the previous period or None when there is none, against a year earlier): the
    area's ready Change, else the one noise rule on the standard errors. A previous period
    without a value but with `previous_missing` is a Change without `other`, saying why."""
    previous = h.previous_change
    if previous is None and h.previous is not None:
        previous = change_between("previous", h.value, h.se, h.previous, h.previous_se,
                                  h.previous_basis, h.noise)
    elif previous is None and h.previous_missing:
        previous = Change("previous", None, basis=h.previous_basis, reason=h.previous_missing)
    year = h.year_change or change_between(
        "year", h.value, h.se, h.year_ago, h.year_ago_se, h.year_ago_basis,
        h.noise if h.year_ago is not None else h.year_missing or "headline.year.none")
    return previous, year


def describe_basis(b: Basis, lang: str) -> str:
    """"Mar 1997 cohort, 7,231 customers" / "Jan–Mar 1997 cohorts, 45 customers" /
    "Oct 2026, 120 answers" / "last 30 days to 22 Nov 2026, 1,234 customers"."""
    n = i18n.t(f"headline.unit.{b.unit}", lang, n=i18n.fmt_int(b.sample, lang))
    if b.kind == "cohort":
        if b.first is None or b.first == b.last:
            return i18n.t("headline.basis.cohort", lang, cohort=i18n.fmt_month(b.last, lang), n=n)
        return i18n.t("headline.basis.cohorts", lang, first=i18n.fmt_month(b.first, lang),
                      last=i18n.fmt_month(b.last, lang), n=n)
    if b.kind == "month":
        if b.first is None or b.first == b.last:
            return i18n.t("headline.basis.month", lang, month=i18n.fmt_month(b.last, lang), n=n)
        return i18n.t("headline.basis.months", lang, first=i18n.fmt_month(b.first, lang),
                      last=i18n.fmt_month(b.last, lang), n=n)
    return i18n.t("headline.basis.days", lang, days=i18n.fmt_int(b.days, lang),
                  end=i18n.fmt_date(b.last, lang), n=n)


def format_value(value, kind: str, lang: str, currency: str | None) -> str:
    if value is None:
        return "–"
    if kind == "money":
        return i18n.fmt_money(value, currency, lang, compact=True)
    if kind == "pct":
        return i18n.fmt_pct(value, lang)
    if kind == "points":
        return i18n.fmt_points(value, lang)
    if kind == "days":
        return i18n.t("headline.days", lang, n=i18n.fmt_num(value, lang, digits=0))
    if kind == "times":
        return i18n.t("headline.times", lang, x=i18n.fmt_num(value, lang))
    return i18n.fmt_int(value, lang)


def format_diff(h: Headline, other: float | None, lang: str, currency: str | None) -> str | None:
    """The change from `other` (the previous or the year-ago value) to the headline's value, in
    its own unit (percentage points for rates), formatted for the language (+¥1.2万, +$3.2k,
    +1.2 pt)."""
    if h.value is None or other is None:
        return None
    change = h.value - other
    if h.kind == "money":
        return i18n.fmt_money(change, currency, lang, compact=True, signed=True)
    if h.kind == "pct":
        return i18n.fmt_pct_points(change, lang)
    if h.kind == "points":  # between the two numbers as shown: 21.4 -> 16.6 reads 21 -> 17, -4
        return i18n.fmt_points(round(h.value) - round(other), lang, signed=True)
    if h.kind == "days":
        return i18n.t("headline.days", lang, n=i18n.fmt_num(change, lang, digits=0, signed=True))
    if h.kind == "times":  # a ratio, 2.4× -> 2.1×: "-0.3×"
        return i18n.t("headline.times", lang, x=i18n.fmt_num(change, lang, signed=True))
    return i18n.fmt_int(change, lang, signed=True)


def format_change(h: Headline, lang: str, currency: str | None) -> str | None:
    """The change against the previous period, formatted (format_diff)."""
    return format_diff(h, h.previous, lang, currency)


def format_changes(h: Headline, lang: str, currency: str | None) -> tuple[str | None, str | None]:
    """Both changes as shown: against the previous period and against a year earlier."""
    previous, year = comparisons(h)
    return (format_diff(h, previous.other, lang, currency) if previous else None,
            format_diff(h, year.other, lang, currency))


def headline_texts(h: Headline, lang: str, currency: str | None) -> tuple[str, str, bool]:
    """(help text, year-ago phrase, whether the change against the previous period is outside
    the noise): what a card, a page's key number and the report show beside the value."""
    previous, year = comparisons(h)
    formatted = format_changes(h, lang, currency)
    real = previous is not None and previous.verdict in ("up", "down")
    return help_text(h, lang, formatted), year_phrase(year, formatted[1], lang), real


def verdict_words(c: Change, lang: str) -> str:
    """"within the noise" / "a real rise" / "a real drop" / "noise not estimated"."""
    return i18n.t(f"headline.verdict.{c.verdict}", lang)


def _why_not(c: Change, lang: str, short: bool) -> str:
    """Why there is no comparison: the Change's reason key (its ".short" twin under a number),
    filled with what the other period holds."""
    key = c.reason or "headline.year.none"
    if short:
        key = key + ".short" if i18n.has(key + ".short") else "headline.year.none.short"
    return i18n.t(key, lang, min=MIN_SAMPLE,
                  basis=describe_basis(c.basis, lang) if c.basis else "–")


def change_sentence(c: Change, formatted: str | None, lang: str) -> str:
    """One sentence on a comparison, for a help text: what it compares, the change, the verdict
    and its interval, or why there is none ("No data a year earlier.")."""
    if c.other is None:
        return _why_not(c, lang, short=False)
    key = f"headline.help.{c.kind}_change" + ("" if c.basis else "_plain")
    text = i18n.t(key, lang, change=formatted or "–", verdict=verdict_words(c, lang),
                  basis=describe_basis(c.basis, lang) if c.basis else "")
    if c.verdict == "unknown" and c.reason:
        text += " " + i18n.t(c.reason, lang)
    return text


def year_phrase(c: Change, formatted: str | None, lang: str) -> str:
    """The short year-ago line under a number: "vs a year ago: +3.1 pt, within the noise", or
    "no data a year earlier"."""
    if c.other is None:
        return _why_not(c, lang, short=True)
    return i18n.t("headline.year.short", lang, change=formatted or "–",
                  verdict=verdict_words(c, lang))


def change_cell(c: Change | None, formatted: str | None, lang: str) -> str:
    """A comparison in a table cell: "+3.1 pt, within the noise", or why there is none."""
    if c is None:
        return "–"
    if c.other is None:
        return _why_not(c, lang, short=True)
    return i18n.t("headline.change_verdict", lang, change=formatted or "–",
                  verdict=verdict_words(c, lang))


def help_text(h: Headline, lang: str, formatted: tuple[str | None, str | None] = (None, None)
              ) -> str | None:
    """The headline's help: what its value rests on (sample size) and both comparisons
    (`formatted`: the two changes as shown, against the previous period and a year earlier)."""
    text = comparison_text(h, lang, formatted)
    if h.basis is None:
        return text
    return i18n.t("headline.help.basis", lang, basis=describe_basis(h.basis, lang)) + " " + text


def comparison_text(h: Headline, lang: str,
                    formatted: tuple[str | None, str | None] = (None, None)) -> str:
    """Both comparisons in sentences, for a help text: against the previous period (when there
    is one) and against a year earlier (or why there is none)."""
    previous, year = comparisons(h)
    parts = [change_sentence(previous, formatted[0], lang)] if previous is not None else []
    last = change_sentence(year, formatted[1], lang)
    return " ".join([*parts, last] if last not in parts else parts)  # one reason said once


def missing_sentence(h: Headline, lang: str) -> str:
    """The sentence shown instead of a headline that has no value: the data it needs is absent,
    or too few customers (answers) stand behind it."""
    label = i18n.t(h.key, lang)
    if h.kind == "absent" and h.absent:
        return absent_sentence(h.absent, lang, what=label)
    unit = h.basis.unit if h.basis else "customers"
    return i18n.t("headline.thin", lang, what=label, min=MIN_SAMPLE,
                  n=i18n.t(f"headline.unit.{unit}", lang, n=i18n.fmt_int(h.thin or 0, lang)))


def sentences_instead(headlines: list[Headline], lang: str) -> list[tuple[Headline, str]]:
    """(headline, sentence) for every headline shown as a sentence rather than a number: notes,
    absent data and too few customers. Headlines that miss the same kind of data share one
    sentence ("Revenue from referred customers, Share of ...: No referral data loaded: ...")."""
    out, by_kind = [], {}
    for h in headlines:
        if h.kind == "absent" and h.absent:
            if h.absent not in by_kind:
                by_kind[h.absent] = [h]
                out.append((h, h.absent))
            else:
                by_kind[h.absent].append(h)
        elif h.kind == "note":
            out.append((h, i18n.t(h.key, lang)))
        elif h.value is None:
            out.append((h, missing_sentence(h, lang)))
    sep = i18n.t("absent.list_sep", lang)
    return [(h, absent_sentence(text, lang, what=sep.join(i18n.t(x.key, lang)
                                                          for x in by_kind[text])))
            if h.kind == "absent" and h.absent else (h, text) for h, text in out]


def shown_as_number(h: Headline) -> bool:
    return h.kind not in ("note", "absent") and h.value is not None


@dataclass(frozen=True)
class Kpi:
    """One key number as a page shows it (st.metric), every text ready to show."""
    label: str
    value: str
    help: str
    delta: str | None = None
    delta_description: str | None = None
    caption: str | None = None  # what the value rests on, under the metric
    chart_data: list | None = None
    higher_is_better: bool = True
    real: bool = True  # the delta is outside the noise (else shown grey: ui.delta_style)


@dataclass(frozen=True)
class Compared:
    """A page's key number's two comparisons, ready to show (compared_texts)."""
    delta: str | None  # the change against the previous period, formatted
    year: str  # "vs a year ago: +3.1 pt, within the noise" / "no data a year earlier"
    help: str  # both comparisons in sentences, to add to the number's help
    real: bool  # the change against the previous period is outside the noise


def compared_texts(h: Headline, lang: str, currency: str | None = None) -> Compared:
    """What a page's key number shows of its comparisons, from a Headline holding its value and
    the pieces of both comparisons (the overview's cards show the same)."""
    formatted = format_changes(h, lang, currency)
    previous, year = comparisons(h)
    return Compared(formatted[0], year_phrase(year, formatted[1], lang),
                    comparison_text(h, lang, formatted),
                    previous is not None and previous.verdict in ("up", "down"))
