"""NPS: how customers feel, whether it is changing, what drives it and what they wrote."""
import pandas as pd
import streamlit as st

from cx import i18n, nps, ui
from cx.available import absent_list_sentence, absent_sentence, available

ui.page_header("nps.title", "nps.how_to_read")
if ui.summary().is_empty:
    ui.empty_state(ui.t("common.no_data"))
    st.stop()

scope = ui.scope()
lang, presenter = ui.lang(), ui.presenter()
avail = ui.cached(available)
if not avail.surveys:  # no survey file at all: say which file adds it
    ui.empty_state(absent_sentence("surveys", lang))
    st.stop()
total = ui.cached(nps.overall, scope)
if total.responses == 0:
    ui.empty_state(ui.t("nps.empty"))
    st.stop()


def tr(key: str, **values) -> str:
    """Translated with the language of this run (widget labels are formatted later too)."""
    return i18n.t(key, lang, **values)


def pts(x, signed: bool = False) -> str:
    return i18n.fmt_points(x, lang, signed=signed)


def num(x) -> str:
    return i18n.fmt_int(x, lang)


def pct(x) -> str:
    return i18n.fmt_pct(x, lang, digits=0)


NAMES = nps.group_labels(lang)  # score groups, tenure bands, segments, special groups
GROUP_NAMES = {g: NAMES[g] for g in nps.GROUPS}

# -- controls and headline numbers --------------------------------------------------------------
left, mid, _ = st.columns([1, 1, 2])
period = left.selectbox(ui.t("nps.period"), ["week", "month", "quarter"], index=1,
                        format_func=lambda p: tr(f"nps.period.{p}"), key="nps_period")
rolling = mid.selectbox(ui.t("nps.rolling"), list(nps.ROLLING_CHOICES), key="nps_rolling",
                        format_func=lambda k: tr("nps.rolling.off") if k == 0
                        else tr(f"nps.rolling.{period}", n=k),
                        help=ui.t("nps.rolling_help"))
matches = ui.cached(nps.match_summary, scope)

cols = st.columns(4)
cols[0].metric(ui.t("nps.kpi.nps"), pts(total.nps),
               help=ui.t("nps.kpi.nps_help", lo=pts(total.ci_low), hi=pts(total.ci_high),
                         n=num(total.responses)))
cols[1].metric(ui.t("nps.kpi.responses"), num(total.responses),
               help=ui.t("nps.kpi.responses_help", start=i18n.fmt_date(scope.start, lang),
                         end=i18n.fmt_date(scope.end, lang)))
cols[2].metric(ui.t("nps.kpi.mix"),
               f"{pct(total.promoters / total.responses)} / "
               f"{pct(total.detractors / total.responses)}",
               help=ui.t("nps.kpi.mix_help", n=num(total.responses)))
cols[3].metric(ui.t("nps.kpi.unmatched"), num(matches["none"]),
               help=ui.t("nps.kpi.unmatched_help"))
if total.responses < nps.THIN:
    st.caption(ui.t("nps.kpi.thin", n=num(total.responses), min=nps.THIN))
st.caption(nps.count_text("nps.interval_line", lang, total.responses, nps=pts(total.nps),
                          lo=pts(total.ci_low), hi=pts(total.ci_high), n=num(total.responses)))

# -- is the change real? ------------------------------------------------------------------------
comp = ui.cached(nps.compare_periods, scope, period)
st.subheader(ui.t("nps.cmp.title"))
for c in (comp.previous, comp.year):
    if c is None:
        continue
    sentence = nps.comparison_sentence(c, period, lang)
    {"down": st.warning, "up": st.success, "noise": st.info}[c.verdict](sentence)
for note in nps.comparison_notes(comp, lang):
    st.caption(note)
st.caption(ui.t("nps.cmp.explain"))

tab_trend, tab_break, tab_behaviour, tab_comments = st.tabs(
    [ui.t("nps.tab.trend"), ui.t("nps.tab.breakdowns"), ui.t("nps.tab.behaviour"),
     ui.t("nps.tab.comments")])

# -- trend ---------------------------------------------------------------------------------------
with tab_trend:
    # figures are cached per data version (building one costs more than its query)
    trend = ui.cached(nps.shared_trend, scope, period, rolling or None)
    ui.plot(ui.cached_figure(nps.trend_figure, scope, period, rolling or None, lang, presenter),
            key="nps_trend")
    thin = int(trend["thin"].astype(bool).sum())
    st.caption(ui.t("nps.trend.explain", thin=num(thin), n=nps.THIN))
    if len(trend) and bool(trend["partial"].iloc[-1]):
        st.caption(ui.t("nps.trend.last_partial", day=i18n.fmt_date(scope.as_of, lang)))
    if thin and not rolling and thin >= len(trend) / 2:
        st.caption(ui.t("nps.trend.try_rolling"))
    ui.plot(ui.cached_figure(nps.mix_figure, scope, period, rolling or None, lang, presenter),
            key="nps_mix")
    export = ui.cached(nps.nps_by_period, scope, period, rolling or None)
    ui.download_csv(export, f"nps-{period}-{scope.as_of.isoformat()}.csv", key="nps_download")

# -- breakdowns ---------------------------------------------------------------------------------
with tab_break:
    table = ui.cached(nps.shared_breakdowns, scope)
    dims = [d for d in nps.DIMENSIONS if d in set(table["dimension"])]
    if "segment" not in dims:
        st.caption(ui.t("nps.break.no_segments"))
    absent_dims = absent_list_sentence(avail.missing("touchpoints", "acquisition_channels"), lang)
    if absent_dims:
        st.caption(absent_dims)
    dim = st.radio(ui.t("nps.break.by"), dims, horizontal=True,
                   format_func=lambda d: tr(f"nps.dim.{d}"), key="nps_dim")
    part, groups = nps.breakdown_view(table, dim)
    part["label"] = part["group"].map(lambda g: NAMES.get(g, g))
    ui.plot(ui.cached_figure(nps.breakdown_figure, scope, dim, lang, presenter),
            key="nps_breakdown")
    st.caption(ui.t(f"nps.break.explain.{dim}", n=nps.THIN))
    if groups > len(part):
        st.caption(ui.t("nps.break.limited", shown=num(len(part)), total=num(groups)))
    gap = nps.breakdown_gap(table, dim)
    if gap is not None:
        # group names come from the user's files: plain text, never markdown
        st.text(ui.t("nps.break.tenure" if dim == "tenure" else "nps.break.sentence",
                     a=NAMES.get(gap.a, gap.a), b=NAMES.get(gap.b, gap.b),
                     a_nps=pts(gap.a_nps), b_nps=pts(gap.b_nps), diff=pts(gap.diff, True),
                     lo=pts(gap.ci_low, True), hi=pts(gap.ci_high, True),
                     verdict=ui.t("nps.break.real" if gap.real else "nps.break.noise")))
    shown_cols = ["label", "responses", "nps", "ci_low", "ci_high", "promoters", "passives",
                  "detractors", "small"]
    out = part[shown_cols].rename(columns={c: ui.t(f"nps.col.{c}") for c in shown_cols})
    whole = st.column_config.NumberColumn(format="%.0f")
    ui.table(out, column_config={ui.t(f"nps.col.{c}"): whole for c in ("nps", "ci_low", "ci_high")})

# -- NPS and behaviour ----------------------------------------------------------------------------
with tab_behaviour:
    if matches["matched"] == 0:
        st.warning(nps.count_text("nps.behave.none_matched", lang, matches["responses"],
                                  n=num(matches["responses"])))
    else:
        st.caption(nps.matched_sentence(matches, lang))
        beh = ui.cached(nps.shared_behaviour, scope)
        cost = nps.detractor_cost(beh)
        if cost is not None and cost.gap > 0:
            st.info(nps.count_text(
                "nps.behave.cost", lang, cost.detractors, gap=ui.money(cost.gap),
                n=num(cost.detractors),
                total=ui.money(cost.total, compact=abs(cost.total) >= 100_000),
                days=nps.FOLLOW_DAYS))
        elif cost is not None:
            st.info(ui.t("nps.behave.no_cost", gap=ui.money(-cost.gap), days=nps.FOLLOW_DAYS))
        else:
            st.caption(ui.t("nps.behave.too_recent", days=nps.FOLLOW_DAYS))
        ui.plot(ui.cached_figure(nps.behaviour_figure, scope, lang, ui.currency(), presenter),
                key="nps_behaviour")
        view = beh.drop(columns=["unmatched"])
        view["group"] = view["group"].map(GROUP_NAMES)
        for c in ("repeat_rate", "came_back_rate"):
            view[c] = view[c].map(pct)
        for c in ("revenue_after", "revenue_year"):
            view[c] = view[c].map(lambda v: "–" if pd.isna(v) else ui.money(v))
        view = view.rename(columns={c: ui.t(f"nps.bcol.{c}") for c in view.columns})
        ui.table(view)
        st.caption(ui.t("nps.behave.explain", days=nps.FOLLOW_DAYS))

# -- what customers wrote -------------------------------------------------------------------------
with tab_comments:
    if not avail.comments:
        st.info(absent_sentence("comments", lang))
        st.stop()  # the last tab: nothing after it on the page
    themes, info = ui.cached(nps.shared_themes, scope)
    st.subheader(ui.t("nps.themes.title"))
    if themes.empty:
        st.caption(nps.count_text("nps.themes.none", lang, info["comments"],
                                  n=num(info["comments"])))
    else:
        order = st.radio(ui.t("nps.themes.sort"), ["comments", "nps"], horizontal=True,
                         format_func=lambda o: tr(f"nps.themes.sort.{o}"), key="nps_theme_sort")
        themes = ui.cached(nps.sorted_themes, scope, order)
        ui.plot(ui.cached_figure(nps.themes_figure, scope, order, lang, presenter),
                key="nps_themes")
        used = ui.t("nps.themes.used", used=num(info["texts_used"]), texts=num(info["texts"]),
                    comments=num(info["comments"]))
        st.caption(ui.t("nps.themes.explain") + " " + used)
        tv = themes[["theme", "comments", "nps", "ci_low", "ci_high", "examples"]].copy()
        tv["examples"] = tv["examples"].map(lambda ex: " / ".join(ex))
        tv = tv.rename(columns={c: ui.t(f"nps.tcol.{c}") for c in tv.columns})
        tconf = {ui.t(f"nps.tcol.{c}"): whole for c in ("nps", "ci_low", "ci_high")}
        tconf[ui.t("nps.tcol.examples")] = st.column_config.TextColumn(width="large")
        ui.table(tv, column_config=tconf)

    st.subheader(ui.t("nps.comments.title"))
    f1, f2 = st.columns([1, 2])
    group = f1.selectbox(ui.t("nps.comments.group"), ["all", *nps.GROUPS], key="nps_group",
                         format_func=lambda g: tr("nps.comments.all") if g == "all"
                         else GROUP_NAMES[g])
    search = f2.text_input(ui.t("nps.comments.search"), key="nps_search",
                           placeholder=ui.t("nps.comments.search_hint"))
    rows, count = ui.cached(nps.comments, scope, None if group == "all" else group,
                            search.strip() or None, 200)
    if count == 0:
        st.caption(ui.t("nps.comments.none"))
    else:
        st.caption(nps.comments_caption(count, len(rows), lang))
        view = rows.copy()
        view["group"] = view["group"].map(GROUP_NAMES)
        view = view.rename(columns={c: ui.t(f"nps.ccol.{c}") for c in view.columns})
        # st.dataframe: comments stay plain text
        ui.table(view, column_config={
            ui.t("nps.ccol.comment"): st.column_config.TextColumn(width="large"),
            ui.t("nps.ccol.responded_at"): st.column_config.DatetimeColumn(
                format="YYYY-MM-DD HH:mm")})
        ui.download_csv(view, f"nps-comments-{scope.as_of.isoformat()}.csv",
                        label=nps.count_text("nps.comments.download", lang, len(rows),
                                             n=num(len(rows))),
                        key="nps_comments_download")
