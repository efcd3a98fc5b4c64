"""The retention section of the meeting report (cx.report calls `report_section`)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cx import annotations, i18n
from cx.area import ReportSection
from cx.headline import describe_basis
from cx.retention import figures, metrics
from cx.retention.metrics import DEFAULT_HORIZON
from cx.scope import Scope

__all__ = ["report_section"]


def report_section(cur, scope: Scope, lang: str, presenter: bool) -> ReportSection:
    """Key numbers in sentences, the monthly cohort heatmap of the latest 12 cohorts and the
    time-until-inactive curve."""
    def t(key, **kw):
        return i18n.t(key, lang, **kw)

    section = ReportSection(t("retention.title"))
    kn = metrics.key_numbers(cur, scope)
    if kn.customers == 0:
        section.sentences.append(t("retention.no_cohorts"))
        return section
    for m, key in ((kn.month1, "retention.report.month1"), (kn.repeat, "retention.report.repeat")):
        if m.value is None:
            continue
        change = (t("retention.report.change", x=f"{(m.value - m.previous) * 100:+.1f}",
                    previous=describe_basis(m.previous_basis(), lang))
                  if m.previous is not None else "")
        section.sentences.append(t(key, cohort=describe_basis(m.basis(), lang),
                                   pct=i18n.fmt_pct(m.value, lang), change=change))
    surv = metrics.survival(cur, scope, DEFAULT_HORIZON)
    med = surv.medians["median_days"].iloc[0] if len(surv.medians) else np.nan
    section.sentences.append(
        t("retention.survival.median", h=DEFAULT_HORIZON, days=i18n.fmt_int(med))
        if pd.notna(med) else t("retention.survival.no_median"))
    cells = metrics.retention_cells(cur, scope, "month")
    window, _ = metrics.heatmap_window(cells, 12, 13)
    section.figures.append(figures.cohort_heatmap_figure(
        window, metrics.average_curve(cells), "month", "on", "pct", lang, presenter,
        annotations.events_for(cur, scope)))
    section.figures.append(figures.survival_figure(surv.curves, lang, presenter))
    return section
