"""Retention charts: cohort heatmaps (customers and revenue), period-k line, retention curves,
survival curves. Built from the frames of cx.retention; `lang` translates labels and hovers."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx import i18n
from cx.charts.style import PALETTE, apply_style, message_figure
from cx.headline import MIN_SAMPLE

__all__ = ["cohort_heatmap", "revenue_heatmap", "period_k_chart", "retention_curves_chart",
           "survival_chart", "heatmap_window", "segment_name"]

HEAT_SCALE = [[0.0, "#F4F8FC"], [0.35, "#A9C8E8"], [0.7, "#4F86C6"], [1.0, "#173F73"]]
REVENUE_SCALE = [[0.0, "#FBF6EF"], [0.35, "#F2C48D"], [0.7, "#E07B39"], [1.0, "#8A3B12"]]
ALL_COLOR = "#333333"
TEXT_CELLS_MAX = 800  # above this many cells, values show on hover only


def _style(fig: go.Figure, title: str, presenter: bool, height: int) -> go.Figure:
    """The house style, with the title above the legend (both at the top)."""
    apply_style(fig, title, presenter, height=height)
    fig.update_layout(margin={"t": 95 if not presenter else 110},
                      title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 14}},
                      legend={"y": 1.01, "yanchor": "bottom"})
    return fig


def segment_name(value: str, lang: str) -> str:
    """The shown name of a segment value: translated for special values, the data otherwise."""
    if value == "all":
        return i18n.t("retention.segment.all", lang)
    key = f"retention.seg.{value}"
    return i18n.t(key, lang) if i18n.has(key) else str(value)


def heatmap_window(cells: pd.DataFrame, max_rows: int, max_cols: int) -> tuple[pd.DataFrame, dict]:
    """Keep the latest `max_rows` cohorts and periods 0..max_cols-1 (readable with 100+ weekly
    cohorts); also says what was left out."""
    cohorts = sorted(cells["cohort"].unique())
    kept = cohorts[-max_rows:]
    window = cells[cells["cohort"].isin(kept) & (cells["k"] < max_cols)]
    info = {"total": len(cohorts), "shown": len(kept), "cols": int(window["k"].max()) if len(window) else 0,
            "truncated": len(kept) < len(cohorts) or int(cells["k"].max()) >= max_cols}
    return window, info


def _n(key: str, count) -> str:
    """`key.one` for a count of exactly 1 when that string exists (English singular)."""
    return f"{key}.one" if count == 1 and i18n.has(f"{key}.one") else key


def _after(period: str, k: int, lang: str) -> str:
    return i18n.t(f"retention.after.{period}", lang, k=k)


def _grid(frame: pd.DataFrame, rows: list[str], ks: list[int], column: str, fill=None):
    table = frame.pivot_table(index="row", columns="k", values=column, aggfunc="first",
                              dropna=False) if len(frame) else pd.DataFrame()
    table = table.reindex(index=rows, columns=ks)
    out = table.to_numpy(dtype=object)
    if fill is not None:
        out = np.where(pd.isna(out), fill, out)
    return out


def _heatmap(cells: pd.DataFrame, top: pd.DataFrame | None, *, title: str, x_label: str,
             size_label: str, in_progress_label: str, scale, zmax: float, presenter: bool,
             percent: bool) -> go.Figure:
    """cells/top: columns row, k, z, text, hover, in_progress (top: the average row, no size).
    `cells` also has size, size_hover per row."""
    rows_df = cells[["row", "size", "size_hover"]].drop_duplicates("row")
    rows = ([top["row"].iloc[0]] if top is not None and len(top) else []) + list(rows_df["row"])
    frame = pd.concat([top, cells], ignore_index=True) if top is not None and len(top) else cells
    ks = list(range(int(frame["k"].max()) + 1))
    z = _grid(frame, rows, ks, "z").astype(float)
    text = _grid(frame, rows, ks, "text", "")
    hover = _grid(frame, rows, ks, "hover", "")
    n_cells = len(rows) * len(ks)
    many = len(rows) > 30
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.86, 0.14],
                        horizontal_spacing=0.01)
    fig.add_trace(go.Heatmap(
        z=z, x=ks, y=rows, colorscale=scale, zmin=0, zmax=zmax, xgap=1, ygap=1,
        text=text, texttemplate="%{text}" if n_cells <= TEXT_CELLS_MAX else None,
        textfont={"size": 10 if n_cells > 200 else 12}, customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", hoverongaps=False,
        colorbar={"tickformat": ".0%" if percent else ",d", "thickness": 12, "len": 0.6,
                  "x": 1.0, "xanchor": "left"}), row=1, col=1)
    prog = frame[frame["in_progress"].astype(bool)]
    if len(prog):
        fig.add_trace(go.Scatter(  # a dot in the cell's right edge, clear of the number
            x=prog["k"] + 0.36, y=prog["row"], mode="markers", name=in_progress_label,
            marker={"symbol": "circle", "size": 5 if many else 7, "color": "#C44E52"},
            hovertext=prog["hover"], hoverinfo="text", showlegend=True), row=1, col=1)
    fig.add_trace(go.Bar(
        x=rows_df["size"], y=rows_df["row"], orientation="h", marker_color="#B8B8B8",
        text=[i18n.fmt_int(s) for s in rows_df["size"]] if not many else None,
        textposition="auto", hovertext=rows_df["size_hover"], hoverinfo="text",
        showlegend=False), row=1, col=2)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows,
                     autorange="reversed", tickfont={"size": 10 if many else None}, row=1, col=1)
    fig.update_xaxes(title_text=x_label, dtick=1 if len(ks) <= 26 else max(1, len(ks) // 13),
                     range=[-0.5, len(ks) - 0.5], side="top", row=1, col=1)
    fig.update_xaxes(title_text=size_label, showticklabels=False, side="top", row=1, col=2)
    height = int(min(max(110 + (16 if many else 28) * len(rows), 300), 1300))
    apply_style(fig, title, presenter, height=height)
    fig.update_layout(margin={"t": 120 if title else 70}, plot_bgcolor="#FFFFFF",
                      title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 12}},
                      legend={"y": -0.02, "yanchor": "top", "orientation": "h"})
    return fig


def _row_label(cohort, period: str, lang: str) -> str:
    return i18n.fmt_period(cohort, period, lang)


def cohort_heatmap(cells: pd.DataFrame, average: pd.DataFrame, period: str, mode: str = "on",
                   show: str = "pct", lang: str = "en", presenter: bool = False) -> go.Figure:
    """Cohort x period heatmap of retention (show='pct') or returning customers ('count'), with
    cohort sizes beside the rows, the weighted-average (or total) row on top, in-progress cells
    ringed and counts on hover. `cells`: one segment of retention_cells; `average`: average_curve
    of the same cells and mode."""
    unit = i18n.t(f"retention.unit.{period}", lang)
    key = "retention.chart.heatmap" if show == "pct" else "retention.chart.heatmap_count"
    title = i18n.t(key, lang, unit=unit)
    if cells.empty:
        return message_figure(i18n.t("retention.no_cohorts", lang), presenter)
    active, rate = f"active_{mode}", f"retention_{mode}"
    c = pd.DataFrame({"row": [_row_label(x, period, lang) for x in cells["cohort"]],
                      "k": cells["k"].astype(int), "in_progress": cells["in_progress"].astype(bool),
                      "size": cells["customers"]})
    if show == "pct":
        c["z"] = cells[rate].to_numpy(dtype=float)
        c["text"] = [i18n.fmt_pct(v, lang, digits=0) for v in c["z"]]
    else:
        c["z"] = cells[active].to_numpy(dtype=float)
        c["text"] = [i18n.fmt_int(v, lang) for v in c["z"]]
    prog = i18n.t("retention.hover.in_progress", lang)
    c["hover"] = [
        i18n.t(_n("retention.hover.cell", n), lang, cohort=row, after=_after(period, k, lang),
               active=i18n.fmt_int(a), customers=i18n.fmt_int(n), pct=i18n.fmt_pct(p, lang))
        + (f" · {prog}" if ip else "")
        for row, k, a, n, p, ip in zip(c["row"], c["k"], cells[active], cells["customers"],
                                       cells[rate], c["in_progress"])]
    c["size_hover"] = [i18n.t(_n("retention.hover.size", n), lang, cohort=row, n=i18n.fmt_int(n))
                       for row, n in zip(c["row"], c["size"])]
    top = None
    if len(average):
        label = i18n.t("retention.chart.avg_row" if show == "pct" else "retention.chart.total_row",
                       lang)
        top = pd.DataFrame({"row": label, "k": average["k"].astype(int), "in_progress": False,
                            "z": average["retention"] if show == "pct" else average["active"]})
        top["text"] = [i18n.fmt_pct(v, lang, digits=0) if show == "pct" else i18n.fmt_int(v)
                       for v in top["z"]]
        top["hover"] = [i18n.t(_n("retention.hover.avg", n), lang, after=_after(period, k, lang),
                               active=i18n.fmt_int(a), customers=i18n.fmt_int(n),
                               pct=i18n.fmt_pct(p, lang), cohorts=i18n.fmt_int(m))
                        for k, a, n, p, m in zip(average["k"], average["active"],
                                                 average["customers"], average["retention"],
                                                 average["cohorts"])]
        top = top[top["k"] <= c["k"].max()]
    later = c.loc[c["k"] >= 1, "z"]
    if show == "pct":
        zmax = float(min(1.0, max(later.max() * 1.05, 0.05))) if len(later) else 1.0
    else:
        zmax = float(max(later.max(), 1)) if len(later) else float(c["z"].max())
    x_label = i18n.t("retention.chart.x", lang, units=i18n.t(f"retention.units.{period}", lang))
    return _heatmap(c, top, title=title, x_label=x_label,
                    size_label=i18n.t("retention.chart.size", lang),
                    in_progress_label=i18n.t("retention.chart.in_progress", lang),
                    scale=HEAT_SCALE, zmax=zmax, presenter=presenter, percent=show == "pct")


def revenue_heatmap(cells: pd.DataFrame, average: pd.DataFrame, period: str, lang: str = "en",
                    currency: str | None = None, presenter: bool = False) -> go.Figure:
    """Net revenue of each cohort per period relative to its first period (>100% possible)."""
    unit = i18n.t(f"retention.unit.{period}", lang)
    title = i18n.t("retention.chart.revenue_heatmap", lang, unit=unit)
    if cells.empty:
        return message_figure(i18n.t("retention.no_cohorts", lang), presenter)

    def money(x):
        return i18n.fmt_money(x, currency, lang, compact=True)

    c = pd.DataFrame({"row": [_row_label(x, period, lang) for x in cells["cohort"]],
                      "k": cells["k"].astype(int), "in_progress": cells["in_progress"].astype(bool),
                      "size": cells["customers"],
                      "z": cells["revenue_retention"].to_numpy(dtype=float)})
    c["text"] = [i18n.fmt_pct(v, lang, digits=0) for v in c["z"]]
    prog = i18n.t("retention.hover.in_progress", lang)
    c["hover"] = [
        i18n.t("retention.hover.revenue", lang, cohort=row, after=_after(period, k, lang),
               revenue=money(rev), pct=i18n.fmt_pct(p, lang), revenue0=money(r0))
        + (f" · {prog}" if ip else "")
        for row, k, rev, p, r0, ip in zip(c["row"], c["k"], cells["revenue"], c["z"],
                                          cells["revenue0"], c["in_progress"])]
    c["size_hover"] = [i18n.t(_n("retention.hover.size", n), lang, cohort=row, n=i18n.fmt_int(n))
                       for row, n in zip(c["row"], c["size"])]
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
        top = top[top["k"] <= c["k"].max()]
    later = c.loc[c["k"] >= 1, "z"].dropna()
    zmax = float(min(max(later.quantile(0.95) * 1.05, 0.05), 2.0)) if len(later) else 1.0
    x_label = i18n.t("retention.chart.x", lang, units=i18n.t(f"retention.units.{period}", lang))
    return _heatmap(c, top, title=title, x_label=x_label,
                    size_label=i18n.t("retention.chart.size", lang),
                    in_progress_label=i18n.t("retention.chart.in_progress", lang),
                    scale=REVENUE_SCALE, zmax=zmax, presenter=presenter, percent=True)


def period_k_chart(series: pd.DataFrame, period: str, k: int, lang: str = "en",
                   presenter: bool = False) -> go.Figure:
    """Retention at period k for successive cohorts (period_k_series), with their average."""
    after = _after(period, k, lang)
    title = i18n.t("retention.chart.kline", lang, after=after)
    if series.empty:
        return message_figure(i18n.t("retention.kline.none", lang, after=after), presenter)
    labels = [_row_label(x, period, lang) for x in series["cohort"]]
    hover = [i18n.t(_n("retention.hover.cell", n), lang, cohort=row, after=after,
                    active=i18n.fmt_int(a),
                    customers=i18n.fmt_int(n), pct=i18n.fmt_pct(p, lang))
             for row, a, n, p in zip(labels, series["active"], series["customers"],
                                     series["retention"])]
    avg = series["active"].sum() / max(series["customers"].sum(), 1)
    fig = go.Figure()
    # a cohort of fewer than MIN_SAMPLE customers is drawn hollow: thin, not a trend
    thin = [int(n) < MIN_SAMPLE for n in series["customers"]]
    symbols = ["circle-open" if t else "circle" for t in thin]
    fig.add_trace(go.Scatter(x=labels, y=series["retention"], mode="lines+markers",
                             line={"color": PALETTE[0], "width": 2.5},
                             marker={"size": 7, "symbol": symbols},
                             hovertext=hover, hoverinfo="text", showlegend=False))
    if any(thin):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers",
                                 marker={"size": 7, "symbol": "circle-open",
                                         "color": PALETTE[0]},
                                 name=i18n.t("retention.chart.thin", lang, n=MIN_SAMPLE),
                                 hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[labels[0], labels[-1]], y=[avg, avg], mode="lines",
                             name=f"{i18n.t('retention.chart.average', lang)}: "
                                  f"{i18n.fmt_pct(avg, lang)}",
                             line={"color": "#888888", "dash": "dash", "width": 1.5},
                             hoverinfo="skip"))
    fig.update_xaxes(type="category", title=i18n.t("retention.chart.cohort_axis", lang),
                     nticks=min(len(labels), 14))
    top = float(series["retention"].max())
    fig.update_yaxes(title=i18n.t("retention.chart.kline_y", lang), tickformat=".0%",
                     range=[0, min(1.0, top * 1.2 + 0.02)])
    return _style(fig, title, presenter, 360)


def _curve_traces(fig, curves: pd.DataFrame, value: str, period: str, lang: str,
                  hover_key: str, min_customers: int, min_cohorts: int) -> int:
    order = ["all"] + sorted(s for s in curves["segment"].unique() if s != "all")
    drawn = 0
    for i, seg in enumerate(s for s in order if s in set(curves["segment"])):
        part = curves[(curves["segment"] == seg) & (curves["customers"] >= min_customers)
                      & (curves["cohorts"] >= min_cohorts)]
        part = part.dropna(subset=[value])
        if part.empty:
            continue
        name = segment_name(seg, lang)
        hover = [i18n.t(hover_key, lang, name=name, after=_after(period, k, lang),
                        pct=i18n.fmt_pct(v, lang), active=i18n.fmt_int(a),
                        customers=i18n.fmt_int(n))
                 for k, v, a, n in zip(part["k"], part[value], part["active"], part["customers"])]
        is_all = seg == "all"
        fig.add_trace(go.Scatter(
            x=part["k"], y=part[value], mode="lines+markers", name=name,
            line={"color": ALL_COLOR if is_all else PALETTE[(i - 1) % len(PALETTE)],
                  "width": 3.5 if is_all else 2, "dash": "dot" if is_all and len(order) > 1 else None},
            marker={"size": 5}, hovertext=hover, hoverinfo="text"))
        drawn += 1
    return drawn


def retention_curves_chart(curves: pd.DataFrame, period: str, value: str = "retention",
                           lang: str = "en", presenter: bool = False,
                           min_customers: int = 10, min_cohorts: int = 1) -> go.Figure:
    """Average retention (or revenue retention) per period since the first purchase, one line per
    segment plus all customers (average_curve frames, several segments concatenated); points
    backed by fewer than `min_customers` customers or `min_cohorts` cohorts are left out."""
    revenue = value == "revenue_retention"
    title = i18n.t("retention.chart.revenue_curve" if revenue else "retention.chart.curves", lang)
    if curves.empty:
        return message_figure(i18n.t("retention.no_cohorts", lang), presenter)
    fig = go.Figure()
    hover_key = "retention.hover.revenue_curve" if revenue else "retention.hover.curve"
    if not _curve_traces(fig, curves, value, period, lang, hover_key, min_customers,
                         min_cohorts):
        return message_figure(i18n.t("retention.no_cohorts", lang), presenter)
    fig.update_xaxes(title=i18n.t("retention.chart.x", lang,
                                  units=i18n.t(f"retention.units.{period}", lang)),
                     rangemode="tozero")
    fig.update_yaxes(title=i18n.t("retention.chart.revenue_y" if revenue
                                  else "retention.chart.curves_y", lang),
                     tickformat=".0%", rangemode="tozero")
    return _style(fig, title, presenter, 440)


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def survival_chart(curves: pd.DataFrame, lang: str = "en", presenter: bool = False) -> go.Figure:
    """Kaplan-Meier step curves with their 95% bands, one per segment (survival().curves)."""
    title = i18n.t("retention.chart.survival", lang)
    if curves.empty:
        return message_figure(i18n.t("retention.no_cohorts", lang), presenter)
    fig = go.Figure()
    order = ["all"] + sorted(s for s in curves["segment"].unique() if s != "all")
    several = len(order) > 1
    for i, seg in enumerate(s for s in order if s in set(curves["segment"])):
        part = curves[curves["segment"] == seg]
        color = ALL_COLOR if seg == "all" else PALETTE[(i - 1) % len(PALETTE)]
        name = segment_name(seg, lang)
        band_alpha = 0.10 if several else 0.18
        fig.add_trace(go.Scatter(x=part["t"], y=part["upper"], mode="lines", line_shape="hv",
                                 line={"width": 0}, hoverinfo="skip", showlegend=False,
                                 legendgroup=seg))
        fig.add_trace(go.Scatter(x=part["t"], y=part["lower"], mode="lines", line_shape="hv",
                                 line={"width": 0}, fill="tonexty",
                                 fillcolor=_rgba(color, band_alpha), hoverinfo="skip",
                                 showlegend=False, legendgroup=seg,
                                 name=i18n.t("retention.chart.band", lang)))
        hover = [i18n.t("retention.hover.survival", lang, name=name, t=i18n.fmt_int(t),
                        pct=i18n.fmt_pct(s, lang), n=i18n.fmt_int(n))
                 for t, s, n in zip(part["t"], part["survival"], part["at_risk"])]
        fig.add_trace(go.Scatter(
            x=part["t"], y=part["survival"], mode="lines", line_shape="hv", name=name,
            legendgroup=seg, line={"color": color, "width": 3 if seg == "all" else 2,
                                   "dash": "dot" if seg == "all" and several else None},
            hovertext=hover, hoverinfo="text"))
    fig.add_hline(y=0.5, line={"color": "#999999", "dash": "dash", "width": 1})
    fig.update_xaxes(title=i18n.t("retention.chart.survival_x", lang), rangemode="tozero")
    fig.update_yaxes(title=i18n.t("retention.chart.survival_y", lang), tickformat=".0%",
                     range=[0, 1.02])
    return _style(fig, title, presenter, 440)
