"""Headline numbers: each area's `headline(cur, scope)` returns these for the overview page.

`MIN_SAMPLE` is the one minimum sample of the project: a rate is a headline only when it rests on
at least that many customers (or survey answers); thinner values are marked wherever they show,
and cohort headlines fall back to the latest cohorts that reach it (docs/metrics.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cx import i18n
from cx.available import absent_sentence

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
    unit: str = "customers"  # customers | responses | orders


@dataclass(frozen=True)
class Headline:
    key: str  # i18n key of the label, e.g. "overview.revenue"
    value: float | None
    previous: float | None = None  # the same measure for the previous period, for the change
    kind: str = "int"  # how to format: int | money | pct | points | note | absent
    page: str = ""  # the page that explains it, e.g. "views/retention.py"
    trend: tuple[float, ...] = field(default_factory=tuple)  # a small series, oldest first
    higher_is_better: bool = True
    interval: tuple[float, float] | None = None  # e.g. NPS 95% interval
    basis: Basis | None = None  # what the value rests on (its sample size)
    previous_basis: Basis | None = None  # what the previous value rests on
    absent: str | None = None  # kind "absent": the cx.available kind of data it needs
    thin: int | None = None  # value None because only this many (< MIN_SAMPLE) were there

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


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


def help_text(h: Headline, lang: str) -> str | None:
    """The headline's help: what its value rests on (sample size) and what the change compares."""
    if h.basis is None:
        return None
    text = i18n.t("headline.help.basis", lang, basis=describe_basis(h.basis, lang))
    if h.previous is not None and h.previous_basis is not None:
        text += " " + i18n.t("headline.help.previous", lang,
                             basis=describe_basis(h.previous_basis, lang))
    return text


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
