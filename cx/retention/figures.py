"""Retention's figures for a language: the frames of cx/retention/metrics.py turned into the
texts and labels the pure builders of cx/charts/retention.py draw (row labels, cell texts,
hovers, titles). Used by the page and the meeting report."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cx import annotations, i18n
from cx.charts import retention as retention_charts
from cx.headline import MIN_SAMPLE

__all__ = ["cohort_heatmap_figure", "curves_figure", "period_k_figure",
           "revenue_heatmap_figure", "segment_name", "survival_figure"]


def segment_name(value: str, lang: str) -> str:
    """The shown name of a segment value: translated for special values, the data otherwise."""
    if value == "all":
        return i18n.t("retention.segment.all", lang)
    key = f"retention.seg.{value}"
    return i18n.t(key, lang) if i18n.has(key) else str(value)


def _after(period: str, k: int, lang: str) -> str:
    return i18n.t(f"retention.after.{period}", lang, k=k)


def _x_label(period: str, lang: str) -> str:
    return i18n.t("retention.chart.x", lang, units=i18n.t(f"retention.units.{period}", lang))


def _heatmap_labels(title: str, period: str, lang: str, percent: bool) -> dict:
    return {"title": title, "x": _x_label(period, lang),
            "size": i18n.t("retention.chart.size", lang),
            "in_progress": i18n.t("retention.chart.in_progress", lang),
            "empty": i18n.t("retention.no_cohorts", lang), "percent": percent}


def _cohort_rows(cells: pd.DataFrame, period: str, lang: str) -> pd.DataFrame:
    """The columns every heatmap row of a cohort has: its label, k, in progress, the size bar."""
    rows = pd.DataFrame({"row": [i18n.fmt_period(x, period, lang) for x in cells["cohort"]],
                         "k": cells["k"].astype(int).to_numpy(),
                         "in_progress": cells["in_progress"].astype(bool).to_numpy(),
                         "size": cells["customers"].to_numpy(), "top": False})
    rows["size_text"] = [i18n.fmt_int(n, lang) for n in rows["size"]]
    rows["size_hover"] = [i18n.t_count("retention.hover.size", lang, n, cohort=row,
                                       n=i18n.fmt_int(n, lang))
                          for row, n in zip(rows["row"], rows["size"])]
    return rows


def _with_top(cells: pd.DataFrame, top: pd.DataFrame | None) -> pd.DataFrame:
    """The summary row first (only as far as the cohorts reach), then the cohorts."""
    if top is None or top.empty:
        return cells
    top = top[top["k"] <= cells["k"].max()].assign(top=True, size=float("nan"), size_text="",
                                                   size_hover="")
    return pd.concat([top, cells], ignore_index=True)


def _mark_cohorts(fig: go.Figure, cells: pd.DataFrame, period: str, lang: str,
                  events: tuple) -> go.Figure:
    """The cohort rows whose period holds an event's first day, outlined (cx.annotations)."""
    if cells.empty:
        return fig
    return annotations.mark_cohort_rows(fig, events, cells["cohort"], period, lang,
                                        columns=int(cells["k"].max()) + 1)


def cohort_heatmap_figure(cells: pd.DataFrame, average: pd.DataFrame, period: str,
                          mode: str = "on", show: str = "pct", lang: str = "en",
                          presenter: bool = False, events: tuple = ()) -> go.Figure:
    """Cohort x period heatmap of retention (show='pct') or returning customers ('count'), the
    weighted-average (or total) row on top. `cells`: one segment of retention_cells; `average`:
    average_curve of the same cells and mode; `events`: the timeline's, whose cohorts are
    marked."""
    percent = show == "pct"
    unit = i18n.t(f"retention.unit.{period}", lang)
    title = i18n.t("retention.chart.heatmap" if percent else "retention.chart.heatmap_count",
                   lang, unit=unit)
    labels = _heatmap_labels(title, period, lang, percent)
    if cells.empty:
        return retention_charts.cohort_heatmap(cells, labels=labels, presenter=presenter)
    active, rate = f"active_{mode}", f"retention_{mode}"
    c = _cohort_rows(cells, period, lang)
    c["z"] = cells[rate if percent else active].to_numpy(dtype=float)
    c["text"] = [i18n.fmt_pct(v, lang, digits=0) if percent else i18n.fmt_int(v, lang)
                 for v in c["z"]]
    prog = i18n.t("retention.hover.in_progress", lang)
    c["hover"] = [
        i18n.t_count("retention.hover.cell", lang, n, cohort=row, after=_after(period, k, lang),
                     active=i18n.fmt_int(a), customers=i18n.fmt_int(n), pct=i18n.fmt_pct(p, lang))
        + (f" · {prog}" if ip else "")
        for row, k, a, n, p, ip in zip(c["row"], c["k"], cells[active], cells["customers"],
                                       cells[rate], c["in_progress"])]
    top = None
    if len(average):
        label = i18n.t("retention.chart.avg_row" if percent else "retention.chart.total_row",
                       lang)
        top = pd.DataFrame({"row": label, "k": average["k"].astype(int), "in_progress": False,
                            "z": average["retention"] if percent else average["active"]})
        top["text"] = [i18n.fmt_pct(v, lang, digits=0) if percent else i18n.fmt_int(v)
                       for v in top["z"]]
        top["hover"] = [i18n.t_count("retention.hover.avg", lang, n,
                                     after=_after(period, k, lang), active=i18n.fmt_int(a),
                                     customers=i18n.fmt_int(n), pct=i18n.fmt_pct(p, lang),
                                     cohorts=i18n.fmt_int(m))
                        for k, a, n, p, m in zip(average["k"], average["active"],
                                                 average["customers"], average["retention"],
                                                 average["cohorts"])]
    fig = retention_charts.cohort_heatmap(_with_top(c, top), labels=labels,
                                          presenter=presenter)
    return _mark_cohorts(fig, cells, period, lang, events)


def revenue_heatmap_figure(cells: pd.DataFrame, average: pd.DataFrame, period: str,
                           lang: str = "en", currency: str | None = None,
                           presenter: bool = False, events: tuple = ()) -> go.Figure:
    """Net revenue of each cohort per period relative to its first period (>100% possible)."""
    unit = i18n.t(f"retention.unit.{period}", lang)
    labels = _heatmap_labels(i18n.t("retention.chart.revenue_heatmap", lang, unit=unit), period,
                             lang, True)
    if cells.empty:
        return retention_charts.revenue_heatmap(cells, labels=labels, presenter=presenter)

    def money(x):
        return i18n.fmt_money(x, currency, lang, compact=True)

    c = _cohort_rows(cells, period, lang)
    c["z"] = cells["revenue_retention"].to_numpy(dtype=float)
    c["text"] = [i18n.fmt_pct(v, lang, digits=0) for v in c["z"]]
    prog = i18n.t("retention.hover.in_progress", lang)
    c["hover"] = [
        i18n.t("retention.hover.revenue", lang, cohort=row, after=_after(period, k, lang),
               revenue=money(rev), pct=i18n.fmt_pct(p, lang), revenue0=money(r0))
        + (f" · {prog}" if ip else "")
        for row, k, rev, p, r0, ip in zip(c["row"], c["k"], cells["revenue"], c["z"],
                                          cells["revenue0"], c["in_progress"])]
    top = None
    avg = average.dropna(subset=["revenue_retention"]) if len(average) else average
    if len(avg):
        top = pd.DataFrame({"row": i18n.t("retention.chart.avg_row", lang),
                            "k": avg["k"].astype(int), "in_progress": False,
                            "z": avg["revenue_retention"].to_numpy(dtype=float)})
        top["text"] = [i18n.fmt_pct(v, lang, digits=0) for v in top["z"]]
        top["hover"] = [i18n.t("retention.hover.revenue_curve", lang,
                               name=i18n.t("retention.segment.all", lang),
                               after=_after(period, k, lang), pct=i18n.fmt_pct(p, lang))
                        for k, p in zip(top["k"], top["z"])]
    fig = retention_charts.revenue_heatmap(_with_top(c, top), labels=labels,
                                           presenter=presenter)
    return _mark_cohorts(fig, cells, period, lang, events)


def period_k_figure(series: pd.DataFrame, period: str, k: int, lang: str = "en",
                    presenter: bool = False, events: tuple = ()) -> go.Figure:
    """Retention at period k for successive cohorts (metrics.period_k_series), with their
    average; a cohort of fewer than MIN_SAMPLE customers is drawn hollow (thin, not a trend).
    The x axis is the cohorts' calendar periods: the timeline's `events` are drawn on it."""
    after = _after(period, k, lang)
    avg = series["active"].sum() / max(series["customers"].sum(), 1) if len(series) else 0.0
    labels = {"title": i18n.t("retention.chart.kline", lang, after=after),
              "empty": i18n.t("retention.kline.none", lang, after=after),
              "x": i18n.t("retention.chart.cohort_axis", lang),
              "y": i18n.t("retention.chart.kline_y", lang),
              "thin": i18n.t("retention.chart.thin", lang, n=MIN_SAMPLE),
              "average": f"{i18n.t('retention.chart.average', lang)}: "
                         f"{i18n.fmt_pct(avg, lang)}"}
    rows = [i18n.fmt_period(x, period, lang) for x in series["cohort"]]
    df = pd.DataFrame({
        "row": rows, "retention": series["retention"].to_numpy(dtype=float),
        "hover": [i18n.t_count("retention.hover.cell", lang, n, cohort=row, after=after,
                               active=i18n.fmt_int(a), customers=i18n.fmt_int(n),
                               pct=i18n.fmt_pct(p, lang))
                  for row, a, n, p in zip(rows, series["active"], series["customers"],
                                          series["retention"])],
        "thin": [int(n) < MIN_SAMPLE for n in series["customers"]], "average": avg})
    fig = retention_charts.period_k_chart(df, labels=labels, presenter=presenter)
    if events and len(series):
        annotations.mark(fig, events, annotations.period_slots(series["cohort"], period), lang)
    return fig


def curves_figure(curves: pd.DataFrame, period: str, value: str = "retention",
                  lang: str = "en", presenter: bool = False, min_customers: int = 10,
                  min_cohorts: int = 1) -> go.Figure:
    """Average retention (or revenue retention) per period since the first purchase, one line per
    segment plus all customers (average_curve frames, several segments concatenated); points
    backed by fewer than `min_customers` customers or `min_cohorts` cohorts are left out."""
    revenue = value == "revenue_retention"
    labels = {"title": i18n.t("retention.chart.revenue_curve" if revenue
                              else "retention.chart.curves", lang),
              "x": _x_label(period, lang),
              "y": i18n.t("retention.chart.revenue_y" if revenue
                          else "retention.chart.curves_y", lang),
              "empty": i18n.t("retention.no_cohorts", lang)}
    hover_key = "retention.hover.revenue_curve" if revenue else "retention.hover.curve"
    names = {s: segment_name(s, lang) for s in curves["segment"].unique()}
    df = pd.DataFrame({"segment": curves["segment"].to_numpy(),
                       "name": [names[s] for s in curves["segment"]],
                       "k": curves["k"].to_numpy(), "value": curves[value].to_numpy()})
    df["shown"] = ((curves["customers"].to_numpy() >= min_customers)
                   & (curves["cohorts"].to_numpy() >= min_cohorts) & df["value"].notna())
    df["hover"] = [i18n.t(hover_key, lang, name=name, after=_after(period, k, lang),
                          pct=i18n.fmt_pct(v, lang), active=i18n.fmt_int(a),
                          customers=i18n.fmt_int(n))
                   for name, k, v, a, n in zip(df["name"], df["k"], df["value"],
                                               curves["active"], curves["customers"])]
    return retention_charts.retention_curves_chart(df, labels=labels, presenter=presenter)


def survival_figure(curves: pd.DataFrame, lang: str = "en", presenter: bool = False) -> go.Figure:
    """Kaplan-Meier step curves with their 95% bands, one per segment (Survival.curves)."""
    labels = {"title": i18n.t("retention.chart.survival", lang),
              "x": i18n.t("retention.chart.survival_x", lang),
              "y": i18n.t("retention.chart.survival_y", lang),
              "band": i18n.t("retention.chart.band", lang),
              "empty": i18n.t("retention.no_cohorts", lang)}
    names = {s: segment_name(s, lang) for s in curves["segment"].unique()}
    df = curves[["segment", "t", "survival", "lower", "upper"]].assign(
        name=[names[s] for s in curves["segment"]])
    df["hover"] = [i18n.t("retention.hover.survival", lang, name=name, t=i18n.fmt_int(t),
                          pct=i18n.fmt_pct(s, lang), n=i18n.fmt_int(n))
                   for name, t, s, n in zip(df["name"], curves["t"], curves["survival"],
                                            curves["at_risk"])]
    return retention_charts.survival_chart(df, labels=labels, presenter=presenter)
