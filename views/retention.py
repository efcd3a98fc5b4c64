"""Retention: do customers come back? Cohorts, curves by segment, revenue retention, time until
inactive, and the customers behind any cohort cell."""
import pandas as pd
import streamlit as st

from cx import charts, i18n, retention, ui
from cx.available import absent_list_sentence, available, present_columns
from cx.headline import MIN_SAMPLE, describe_basis
from cx.scope import PERIODS

ui.page_header("retention.title", "retention.how_to_read")
if ui.summary().is_empty:
    ui.empty_state(ui.t("common.no_data"))
    st.stop()

scope = ui.scope()
lang, presenter = ui.lang(), ui.presenter()


def pct(x, digits: int = 1) -> str:
    return i18n.fmt_pct(x, lang, digits=digits)


def num(x) -> str:
    return i18n.fmt_int(x, lang)


def after(period: str, k: int) -> str:
    return i18n.t(f"retention.after.{period}", lang, k=k)


def label(key: str):
    """A format_func that does not need the session (AppTest calls it outside the script)."""
    return lambda value: i18n.t(key.format(value), lang)


missing = ui.cached(retention.orders_without_customer, scope)
kn = ui.cached(retention.key_numbers, scope)
if missing:
    st.caption(retention.count_text("retention.null_orders", lang, missing, n=num(missing)))
if kn.customers == 0:
    ui.empty_state(ui.t("retention.no_cohorts"))
    st.stop()
if kn.customers < 50:
    st.caption(retention.count_text("retention.small", lang, kn.customers, n=num(kn.customers)))

# -- key numbers ----------------------------------------------------------------------------------
def month_name(d) -> str:
    return i18n.fmt_month(d, lang) if d else "–"


def kpi(col, label_key: str, m: retention.Measure, help_key: str, **extra) -> None:
    if m.value is None:
        col.metric(ui.t(label_key), "–", help=ui.t("retention.kpi.not_yet"), border=True)
        return
    delta, change = None, ""
    if m.previous is not None:
        delta = ui.t("retention.kpi.pt", x=f"{(m.value - m.previous) * 100:+.1f}")
        change = ui.t("retention.kpi.change", previous=describe_basis(m.previous_basis(), lang))
    basis = describe_basis(m.basis(), lang)
    text = ui.t(help_key, basis=basis, active=num(m.active), customers=num(m.customers),
                change=change, min=MIN_SAMPLE, **extra)
    col.metric(ui.t(label_key), pct(m.value), delta=delta, help=text, **ui.delta_style(delta),
               chart_data=list(m.trend) if len(m.trend) > 1 else None, border=True)
    col.caption(basis)


cols = st.columns(4)
kpi(cols[0], "retention.kpi.repeat", kn.repeat, "retention.kpi.repeat_help")
kpi(cols[1], "retention.kpi.month1", kn.month1, "retention.kpi.month_help", k=1)
kpi(cols[2], "retention.kpi.month3", kn.month3, "retention.kpi.month_help", k=3)
gap_help, gap_delta, gap_vs = ui.t("retention.kpi.not_yet"), None, None
if kn.gaps:
    gap_help = retention.count_text("retention.kpi.gap_help", lang, kn.gaps, n=num(kn.gaps))
    g = kn.gap_change
    if g.value is not None and g.previous is not None:
        gap_delta = ui.t("retention.kpi.gap_delta",
                         x=i18n.fmt_num(g.value - g.previous, lang, digits=0, signed=True))
        gap_vs = ui.t("retention.kpi.gap_delta_vs", current=month_name(g.cohort),
                      previous=month_name(g.previous_cohort))
        gap_help += " " + ui.t("retention.kpi.gap_change_help", current=month_name(g.cohort),
                               previous=month_name(g.previous_cohort),
                               a=i18n.fmt_num(g.value, lang, digits=0),
                               b=i18n.fmt_num(g.previous, lang, digits=0),
                               na=num(g.customers), nb=num(g.previous_customers))
cols[3].metric(ui.t("retention.kpi.gap"),
               "–" if kn.median_gap is None else i18n.fmt_num(kn.median_gap, lang, digits=0),
               delta=gap_delta, delta_description=gap_vs, help=gap_help, border=True,
               **ui.delta_style(gap_delta, higher_is_better=False))
for note in retention.missing_notes(kn, scope, lang):
    st.caption(note)

# -- controls -------------------------------------------------------------------------------------
c1, c2, c3 = st.columns([1.2, 1.6, 1])
period = c1.radio(ui.t("retention.period"), list(PERIODS), index=1, horizontal=True,
                  format_func=label("period.{}"), key="ret_period")
mode = c2.radio(ui.t("retention.mode"), list(retention.MODES), horizontal=True,
                format_func=label("retention.mode.{}"), key="ret_mode")
show = c3.radio(ui.t("retention.show"), ["pct", "count"], horizontal=True,
                format_func=label("retention.show.{}"), key="ret_show")
unit = ui.t(f"retention.unit.{period}")

cells = ui.cached(retention.shared_cells, scope, period)
average = retention.average_curve(cells, mode)
info = ui.cached(retention.heatmap_window_info, scope, period)

# Only the open tab runs (on_change="rerun"): a rerun builds one view's charts, not five.
TABS = ["cohorts", "curves", "revenue", "survival", "customers"]
tabs = st.tabs([ui.t(f"retention.tab.{name}") for name in TABS], key="ret_tab",
               on_change="rerun")
dims = ui.cached(retention.available_segments, scope)
avail = ui.cached(available)
# the splits a shop without a customers file or richer exports cannot have, in one sentence
absent_splits = absent_list_sentence(avail.missing("acquisition_channels", "regions",
                                                   "categories", "channels", "surveys"), lang)
min_customers = retention.curve_min_customers(kn.customers)
# with several cohorts, a curve point resting on one cohort is that cohort's story, not a curve
min_cohorts = 2 if cells["cohort"].nunique() >= 6 else 1


def truncation_note() -> None:
    if info["truncated"]:
        st.caption(ui.t("retention.heatmap.truncated", shown=num(info["shown"]),
                        total=num(info["total"]), cols=num(info["cols"])))


def split_curves(key: str) -> tuple[str, pd.DataFrame]:
    """A 'split by' box and the average curves of all customers plus the chosen segments."""
    dim = st.selectbox(ui.t("retention.curves.by"), ["none", *dims], index=1 if dims else 0,
                       format_func=label("retention.dim.{}"), key=key)
    curves = average.assign(segment="all")
    if dim != "none":
        seg_cells = ui.cached(retention.retention_cells, scope, period, dim)
        curves = pd.concat([curves, retention.average_curve(seg_cells, mode)], ignore_index=True)
    return dim, curves


def curves_note(explain: bool = True) -> None:
    if absent_splits:
        st.caption(absent_splits)
    parts = [ui.t("retention.curves.explain")] if explain else []
    if min_cohorts > 1:
        parts.append(ui.t("retention.curves.min_cohorts", n=num(min_customers)))
    elif min_customers > 1:
        parts.append(ui.t("retention.curves.min", n=num(min_customers)))
    if parts:
        st.caption(" ".join(parts))


# -- cohort heatmap and period-k line ---------------------------------------------------------------
def cohorts_view() -> None:
    ui.plot(ui.cached_figure(retention.cohort_heatmap_figure, scope, period, mode, show, lang,
                             presenter), key="ret_heatmap")
    st.caption(ui.t("retention.heatmap.explain", unit=unit))
    truncation_note()
    ui.download_csv(retention.export_frame(cells, mode).drop(columns=["segment"]),
                    f"retention-{period}-{mode}-{scope.as_of.isoformat()}.csv",
                    label=ui.t("retention.download_matrix"), key="ret_matrix_download")
    complete_ks = sorted(int(k) for k in average["k"] if k >= 1)[:12] or [1]
    k = st.selectbox(ui.t("retention.kline.k"), complete_ks, format_func=lambda k: after(period, k),
                     key=f"ret_k_{period}")
    series = retention.period_k_series(cells, k, mode)
    ui.chart(charts.period_k_chart, series, period, k, lang, presenter, key="ret_kline")
    st.caption(ui.t("retention.kline.explain", after=after(period, k)))


# -- retention curves by segment ------------------------------------------------------------------
def curves_view() -> None:
    dim, curves = split_curves("ret_dim")
    ui.chart(charts.retention_curves_chart, curves, period, "retention", lang, presenter,
             min_customers, min_cohorts, key="ret_curves")
    curves_note()
    if dim == "first_order_value":
        bands = ui.cached(retention.value_bands, scope).set_index("segment")
        if set(bands.index) >= {"low", "middle", "high"}:
            def band(s):
                return f"{ui.money(bands.loc[s, 'low'])}–{ui.money(bands.loc[s, 'high'])}"
            st.caption(ui.t("retention.bands", low=band("low"), middle=band("middle"),
                            high=band("high")))


# -- revenue retention ----------------------------------------------------------------------------
def revenue_view() -> None:
    ui.plot(ui.cached_figure(retention.revenue_heatmap_figure, scope, period, lang,
                             ui.currency(), presenter), key="ret_revenue_heatmap")
    st.caption(ui.t("retention.revenue.explain"))
    truncation_note()
    _, curves = split_curves("ret_rev_dim")
    ui.chart(charts.retention_curves_chart, curves, period, "revenue_retention", lang,
             presenter, min_customers, min_cohorts, key="ret_revenue_curve")
    curves_note(explain=False)


# -- survival -------------------------------------------------------------------------------------
def survival_view() -> None:
    s1, s2 = st.columns([1, 1])
    horizon = s1.number_input(ui.t("retention.survival.horizon"), min_value=7, max_value=730,
                              value=retention.DEFAULT_HORIZON, step=1, key="ret_horizon")
    sdim = s2.selectbox(ui.t("retention.survival.by"), ["none", *dims], index=1 if dims else 0,
                        format_func=label("retention.dim.{}"), key="ret_surv_dim")
    segment = None if sdim == "none" else sdim
    surv = ui.cached(retention.shared_survival, scope, int(horizon), segment)
    ui.plot(ui.cached_figure(retention.survival_figure, scope, int(horizon), segment, lang,
                             presenter), key="ret_survival")
    st.caption(ui.t("retention.survival.explain", h=num(horizon)))
    overall = surv.medians[surv.medians["segment"] == "all"]
    if len(overall) and pd.notna(overall["median_days"].iloc[0]):
        st.markdown(ui.t("retention.survival.median", h=num(horizon),
                         days=num(overall["median_days"].iloc[0])))
    elif len(overall):
        st.markdown(ui.t("retention.survival.no_median"))
    if len(surv.medians) > 1:
        med = surv.medians.copy()
        med["segment"] = [charts.segment_name(s, lang) for s in med["segment"]]
        med["median_days"] = [num(d) for d in med["median_days"]]  # not reached: "–", not nan
        ui.table(med, column_config={c: st.column_config.Column(ui.t(f"retention.scol.{c}"))
                                     for c in med.columns})


# -- drill-down -----------------------------------------------------------------------------------
def customers_view() -> None:
    st.caption(ui.t("retention.drill.explain"))
    cohorts = list(cells.loc[cells["k"] == 0, "cohort"])[::-1]
    # start on the newest cohort whose period 1 is over
    done = set(cells.loc[(cells["k"] == 1) & ~cells["in_progress"].astype(bool), "cohort"])
    first = next((i for i, c in enumerate(cohorts) if c in done), 0)
    d1, d2, d3 = st.columns([1, 1, 1.4])
    cohort = d1.selectbox(ui.t("retention.drill.cohort"), cohorts, index=first,
                          format_func=lambda c: i18n.fmt_period(c, period, lang),
                          key=f"ret_drill_cohort_{period}")
    ks = sorted(cells.loc[cells["cohort"] == cohort, "k"])
    k_drill = d2.selectbox(ui.t("retention.drill.k"), ks, index=min(1, len(ks) - 1),
                           format_func=lambda k: after(period, k),
                           key=f"ret_drill_k_{period}_{cohort.isoformat()}")
    which = d3.radio(ui.t("retention.drill.show"), ["returned", "lost", "all"], horizontal=True,
                     format_func=label("retention.drill.show.{}"), key="ret_drill_show")
    people = ui.cached(retention.cohort_customers, scope, period, cohort, int(k_drill), mode)
    cell = cells[(cells["cohort"] == cohort) & (cells["k"] == k_drill)].iloc[0]
    st.markdown(retention.count_text(
        "retention.drill.summary", lang, len(people), active=num(people["returned"].sum()),
        customers=num(len(people)), after=after(period, int(k_drill)),
        suffix=ui.t("retention.drill.suffix_after") if mode == "on_or_after" else ""))
    if bool(cell["in_progress"]):
        st.caption(ui.t("retention.drill.in_progress"))
    if which == "returned":
        people = people[people["returned"]]
    elif which == "lost":
        people = people[~people["returned"]]
    # columns of data the shop never loaded (names, e-mails, channels) are left out, not "None"
    people = people[present_columns(people.columns, avail)]
    config = {c: st.column_config.Column(ui.t(f"retention.col.{c}")) for c in people.columns}
    money_fmt = "%.0f" if (ui.currency() or "").upper() == "JPY" else "%.2f"
    for c in ("revenue_in_period", "revenue_total"):
        config[c] = st.column_config.NumberColumn(ui.t(f"retention.col.{c}"), format=money_fmt)
    config["returned"] = st.column_config.CheckboxColumn(ui.t("retention.col.returned"))
    ui.table(people, column_config=config)
    ui.download_csv(people, f"cohort-{cohort.isoformat()}-{period}-{k_drill}-{which}.csv",
                    label=ui.t("retention.drill.download"), key="ret_drill_download")


for tab, view in zip(tabs, (cohorts_view, curves_view, revenue_view, survival_view,
                            customers_view)):
    if tab.open:
        with tab:
            view()
