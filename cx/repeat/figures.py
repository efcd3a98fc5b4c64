"""The repeat page's figures for a language: each builds the frame cx/charts/repeat.py draws
(every shown text in it) from cx.repeat.metrics results."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cx import annotations, i18n
from cx.charts import repeat as charts
from cx.repeat.metrics import DaysToSecond
from cx.repeat.queries import WINDOWS

__all__ = ["days_to_second_figure", "first_purchase_figure", "funnel_figure",
           "second_purchase_figure", "window_label"]


def window_label(days: int, lang: str) -> str:
    return i18n.t("repeat.window", lang, n=days)


def second_purchase_figure(table: pd.DataFrame, pooled: dict, period: str, lang: str,
                           presenter: bool, events: tuple = ()) -> go.Figure:
    """Cohort x window heatmap of cx.repeat.metrics.cohort_table (immature cells empty), the
    mature cohorts pooled on top (`pooled`: window -> (seconds, customers)); the cohort rows
    holding an event of the timeline (`events`) marked."""
    rows = []
    for r in table.itertuples(index=False):
        label = i18n.fmt_period(r.cohort, period, lang)
        size_text = i18n.fmt_int(r.customers, lang)
        for k, days in enumerate(WINDOWS):
            share = getattr(r, f"second_within_{days}")
            ok = not (share is None or (isinstance(share, float) and math.isnan(share)))
            hover = (i18n.t("repeat.cell.hover", lang, cohort=label, window=days,
                            pct=i18n.fmt_pct(share, lang),
                            k=i18n.fmt_int(getattr(r, f"seconds_within_{days}"), lang),
                            n=size_text)
                     if ok else i18n.t("repeat.cell.immature", lang, cohort=label, window=days))
            rows.append({"row": label, "k": k, "z": share if ok else np.nan,
                         "text": i18n.fmt_pct(share, lang, digits=0) if ok else "",
                         "hover": hover, "in_progress": False, "top": False,
                         "size": r.customers, "size_text": size_text,
                         "size_hover": i18n.t("repeat.cell.size", lang, cohort=label,
                                              n=size_text)})
    if rows:
        top = i18n.t("repeat.pooled", lang)
        for k, days in enumerate(WINDOWS):
            seconds, customers = pooled.get(days, (0, 0))
            share = seconds / customers if customers else np.nan
            rows.append({"row": top, "k": k, "z": share,
                         "text": i18n.fmt_pct(share, lang, digits=0) if customers else "",
                         "hover": i18n.t("repeat.pooled.hover", lang, window=days,
                                         pct=i18n.fmt_pct(share, lang),
                                         k=i18n.fmt_int(seconds, lang),
                                         n=i18n.fmt_int(customers, lang))
                         if customers else i18n.t("repeat.pooled.none", lang, window=days),
                         "in_progress": False, "top": True, "size": np.nan, "size_text": "",
                         "size_hover": ""})
    labels = {"title": i18n.t("repeat.cohorts.chart", lang), "x": i18n.t("repeat.cohorts.x", lang),
              "size": i18n.t("repeat.cohorts.size", lang),
              "in_progress": i18n.t("retention.chart.in_progress", lang),
              "empty": i18n.t("repeat.no_customers", lang),
              "windows": [window_label(d, lang) for d in WINDOWS]}
    fig = charts.second_purchase_heatmap(pd.DataFrame(rows), labels=labels, presenter=presenter)
    if table.empty:
        return fig
    return annotations.mark_cohort_rows(fig, events, table["cohort"], period, lang,
                                        columns=len(WINDOWS))


def funnel_figure(steps: pd.DataFrame, lang: str, presenter: bool) -> go.Figure:
    """The overall funnel (cx.repeat.metrics.funnel_table rows of one cohort)."""
    rows = list(zip(steps["step"], steps["customers"], steps["of_first"], steps["of_previous"]))
    df = pd.DataFrame({
        "step": [i18n.t(f"repeat.step.{s}", lang) for s in steps["step"]],
        "customers": steps["customers"].astype("int64"),
        "text": [i18n.t("repeat.funnel.cell", lang, n=i18n.fmt_int(n, lang),
                        pct=i18n.fmt_pct(of_first, lang, digits=0)) if s > 1
                 else i18n.fmt_int(n, lang) for s, n, of_first, _ in rows],
        "hover": [i18n.t("repeat.funnel.bar", lang, n=i18n.fmt_int(n, lang),
                         pct=i18n.fmt_pct(of_first, lang), prev=i18n.fmt_pct(of_prev, lang))
                  if s > 1 else i18n.fmt_int(n, lang) for s, n, of_first, of_prev in rows]})
    labels = {"title": i18n.t("repeat.funnel.chart", lang),
              "empty": i18n.t("repeat.no_customers", lang)}
    return charts.funnel_chart(df, labels=labels, presenter=presenter)


def _bin_width(window: int) -> int:
    return 1 if window <= 60 else 7 if window <= 180 else 14


def days_to_second_figure(dist: DaysToSecond, lang: str, presenter: bool) -> go.Figure:
    """Second purchases by days since the first purchase, in bins (a day up to 60-day windows,
    a week up to 180, two weeks above), the cumulative share and the 50% / 80% days."""
    width = _bin_width(dist.window)
    h = dist.histogram
    start = ((h["d"] - 1) // width) * width + 1  # bins 1-7, 8-14, ...
    bins = h.assign(start=start).groupby("start", as_index=False)["n"].sum()
    total = float(h["n"].sum())
    bins["end"] = np.minimum(bins["start"] + width - 1, dist.window)
    bins["cumulative"] = bins["n"].cumsum() / total
    df = pd.DataFrame({
        "d": bins["start"] - 0.5, "width": (bins["end"] - bins["start"] + 1).astype(float),
        "n": bins["n"], "d_end": bins["end"] + 0.5, "cumulative": bins["cumulative"],
        "hover": [i18n.t("repeat.days.hover" if a != b else "repeat.days.hover_day", lang,
                         a=a, b=b, n=i18n.fmt_int(n, lang), pct=i18n.fmt_pct(c, lang))
                  for a, b, n, c in zip(bins["start"], bins["end"], bins["n"],
                                        bins["cumulative"])]})
    marks = pd.DataFrame({"d": [dist.p50, dist.p80],
                          "text": [i18n.t("repeat.days.mark", lang, pct="50%", d=int(dist.p50)),
                                   i18n.t("repeat.days.mark", lang, pct="80%",
                                          d=int(dist.p80))]})
    labels = {"title": i18n.t("repeat.days.chart", lang, window=dist.window),
              "x": i18n.t("repeat.days.x", lang), "y": i18n.t("repeat.days.y", lang),
              "y2": i18n.t("repeat.days.y2", lang),
              "cumulative": i18n.t("repeat.days.cumulative", lang),
              "empty": i18n.t("repeat.days.none", lang)}
    return charts.days_to_second_chart(df, labels=labels, marks=marks, presenter=presenter)


def first_purchase_figure(table: pd.DataFrame, names: dict, rate_days: int, lang: str,
                          presenter: bool) -> go.Figure:
    """Second-purchase rate per first-purchase group (cx.repeat.metrics.first_purchase),
    `names`: group value -> shown name."""
    df = pd.DataFrame({
        "group": [names.get(g, g) for g in table["grp"]],
        "rate": table["rate"], "low": table["rate_low"], "high": table["rate_high"],
        "thin": table["rate_thin"],
        "hover": [i18n.t("repeat.first.hover", lang, group=names.get(g, g),
                         pct=i18n.fmt_pct(r, lang), low=i18n.fmt_pct(lo, lang),
                         high=i18n.fmt_pct(hi, lang), k=i18n.fmt_int(k, lang),
                         n=i18n.fmt_int(n, lang), days=rate_days)
                  for g, r, lo, hi, k, n in zip(table["grp"], table["rate"], table["rate_low"],
                                                table["rate_high"], table["repeaters"],
                                                table["rate_customers"])]})
    labels = {"title": i18n.t("repeat.first.chart", lang, days=rate_days),
              "x": i18n.t("repeat.first.x", lang, days=rate_days),
              "empty": i18n.t("repeat.first.none", lang, days=rate_days),
              "thin": i18n.t("repeat.first.thin_legend", lang)}
    return charts.first_purchase_chart(df, labels=labels, presenter=presenter)
