"""Churn risk: who is about to leave, why, how good the model has been, and what would keep them."""
import numpy as np
import pandas as pd
import streamlit as st

from cx import charts, churn, i18n, ui

ui.page_header("churn.title", "churn.how_to_read")
if ui.summary().is_empty:
    ui.empty_state(ui.t("common.no_data"))
    st.stop()

scope = ui.scope()
lang, presenter = ui.lang(), ui.presenter()


def tr(key: str, **values) -> str:
    """ui.t with the language fixed now: widget format_funcs are also called outside the run."""
    return i18n.t(key, lang, **values)


def score(x) -> str:
    """A backtest score with 3 decimals; a dash when there is none."""
    return "–" if x is None or not np.isfinite(x) else f"{x:.3f}"


def pct(x, digits: int = 0) -> str:
    return i18n.fmt_pct(x, lang, digits=digits)


def num(x) -> str:
    return i18n.fmt_int(x, lang)


# -- controls -----------------------------------------------------------------------------------
default_h = ui.cached(churn.default_horizon, scope.as_of, scope.currency)
suggested_h = ui.cached(churn.suggested_horizon, scope.as_of, scope.currency)
# only the horizons the history supports (the shortest when none is: it then says what is missing)
choices = churn.supported_horizons(ui.cached(churn.horizon_options, scope.as_of, scope.currency))
left, right = st.columns([1, 3])
horizon_help = ui.t("churn.horizon_help", default=suggested_h)
if suggested_h != default_h:
    horizon_help += " " + ui.t("churn.horizon_capped", suggested=suggested_h, default=default_h)
horizon = left.selectbox(ui.t("churn.horizon"), choices,
                         index=choices.index(default_h) if default_h in choices else 0,
                         format_func=lambda h: tr("churn.days", n=h),
                         help=horizon_help, key="churn_horizon")
right.caption(ui.t("churn.as_of", day=i18n.fmt_date(scope.as_of, lang), days=horizon))
notes = ui.cached(churn.horizon_notes, scope.as_of, scope.currency, lang)
if notes:
    right.caption(" ".join(notes))
params = churn.ChurnParams(as_of=scope.as_of, horizon=int(horizon), currency=scope.currency)
ready = ui.cached(churn.readiness, params)

# -- small data: say what is missing, show the recency view --------------------------------------
if not ready.ok:
    parts = []
    if ready.no_orders:
        parts.append(ui.t("churn.small.no_orders", day=i18n.fmt_date(scope.as_of, lang)))
    elif ready.more_customers:
        parts.append(ui.t("churn.small.customers", n=num(ready.more_customers),
                          have=num(ready.customers)))
    if ready.more_days and not ready.no_orders:
        parts.append(ui.t("churn.small.days", n=num(ready.more_days),
                          need=num(ready.needed_days), have=num(ready.history_days),
                          warmup=num(ready.needed_days - 2 * int(horizon))))
    st.warning(ui.t("churn.small.title") + " " + " ".join(parts))
    if ready.more_days and horizon > choices[0]:
        st.caption(ui.t("churn.small.shorter"))
    view = ui.cached(churn.recency_view, scope.as_of, int(horizon), scope.currency)
    h = int(horizon)
    view["label"] = [ui.t("churn.recency.band1", a=h), ui.t("churn.recency.band2", a=h, b=2 * h),
                     ui.t("churn.recency.band3", a=2 * h, b=4 * h), ui.t("churn.recency.band4", a=4 * h)]
    st.subheader(ui.t("churn.recency.title"))
    st.caption(ui.t("churn.recency.explain", days=h))
    ui.chart(charts.churn_recency_chart, view, ui.t("churn.recency.chart"),
             ui.t("churn.recency.x"), ui.t("churn.customers"), presenter, key="churn_recency")
    st.stop()

# -- the model (trained once per data version, saved next to the database) -----------------------
bar = st.empty()


def show_progress(fraction: float, key: str) -> None:
    bar.progress(min(max(fraction, 0.0), 1.0), text=ui.t(key))


fitting = churn.background_training(ui.get_store())
if fitting is not None:  # started by the last upload: wait for it rather than fit beside it
    with st.spinner(ui.t("churn.progress.background")):
        fitting.wait()
with churn.reporting(show_progress):  # trains once per data version, outside any cache
    churn.ensure_bundle(ui.get_store(), params)
bar.empty()
bundle = ui.cached_resource(churn.get_bundle, params)
signals = churn.signal_report(bundle)  # what the model could learn from (inputs, groups, what-ifs)

numbers = ui.cached(churn.risk_summary, params)
metrics = bundle.backtest.metrics.set_index("model")
cols = st.columns(4)
cols[0].metric(ui.t("churn.kpi.active"), num(numbers["active"]),
               help=ui.t("churn.kpi.active_help", days=params.lookback))
prev_high = numbers["previous_high_risk"]
high_delta = (i18n.fmt_int(numbers["high_risk"] - prev_high, lang, signed=True)
              if prev_high is not None else None)
cols[1].metric(ui.t("churn.kpi.high"), num(numbers["high_risk"]), delta=high_delta,
               **ui.delta_style(high_delta, higher_is_better=False),
               help=ui.t("churn.kpi.high_help", p=pct(churn.RISK_HIGH), days=horizon))
cols[2].metric(ui.t("churn.kpi.revenue"), ui.money(numbers["high_risk_spend"], compact=True),
               help=ui.t("churn.kpi.revenue_help", days=horizon))
cols[3].metric(ui.t("churn.kpi.auc"), score(numbers['roc_auc']), help=ui.t("churn.kpi.auc_help"))

MODEL_NAMES = {k: ui.t(f"churn.model.{k}") for k in ("gradient_boosting", "logistic", "recency",
                                                     "bgnbd")}
REASONS = {k: ui.t(f"churn.reason.{k}") for k in churn.REASON_GROUPS}
BANDS = {k: ui.t(f"churn.band.{k}") for k in ("low", "medium", "high")}

tab_list, tab_groups, tab_whatif, tab_quality = st.tabs(
    [ui.t("churn.tab.list"), ui.t("churn.tab.groups"), ui.t("churn.tab.whatif"),
     ui.t("churn.tab.quality")])

# -- risk list -----------------------------------------------------------------------------------
with tab_list:
    bands = pd.DataFrame({"band": list(numbers["bands"]),
                          "customers": list(numbers["bands"].values())})
    bands["text"] = [f"{num(c)} ({pct(c / max(numbers['active'], 1))})"
                     for c in bands["customers"]]
    ui.chart(charts.churn_band_chart, bands, ui.t("churn.bands.title"), BANDS,
             ui.t("churn.customers"), presenter, key="churn_bands")
    sort = st.radio(ui.t("churn.list.sort"), ["probability", "revenue"], horizontal=True,
                    format_func=lambda s: tr(f"churn.list.sort.{s}"), key="churn_sort")
    risk = ui.cached(churn.risk_list, params, sort)
    st.caption(ui.t("churn.list.explain", n=num(len(risk)), days=horizon))
    shown = risk.copy()
    shown["risk"] = shown["risk"].map(BANDS)
    shown["reasons"] = shown["reasons"].map(lambda r: ", ".join(REASONS[k] for k in r) or "–")
    shown["last_purchase"] = pd.to_datetime(shown["last_purchase"]).dt.date
    columns = ["customer_id", "name", "email", "churn_probability", "risk", "reasons",
               "revenue_at_risk", "expected_spend", "recency_days", "frequency",
               "avg_order_value", "nps_latest", "acquisition_channel", "last_purchase"]
    # no empty columns: contacts need a customers file, NPS and channels their own signals
    columns = [c for c in columns if not (c in ("name", "email") and shown[c].isna().all())
               and not (c == "nps_latest" and "nps" not in signals["used"])
               and not (c == "acquisition_channel" and "acquisition" not in signals["used"])]
    shown = shown[columns]
    labels = {c: ui.t(f"churn.col.{c}") for c in columns}
    money_fmt = {"USD": "dollar", "EUR": "euro", "JPY": "yen"}.get((ui.currency() or "").upper(),
                                                                  "localized")
    config = {c: st.column_config.Column(labels[c]) for c in columns}
    config["churn_probability"] = st.column_config.ProgressColumn(
        labels["churn_probability"], min_value=0.0, max_value=1.0, format="percent")
    for c in ("revenue_at_risk", "expected_spend", "avg_order_value"):
        config[c] = st.column_config.NumberColumn(labels[c], format=money_fmt)
    ui.table(shown, column_config=config, placeholder="–")  # no answer, no name: a dash
    ui.download_csv(churn.win_back_download(risk, lang, presenter),
                    f"win-back-{params.as_of.isoformat()}.csv",
                    label=ui.t("churn.list.download"), key="churn_download")

# -- where we are losing customers ---------------------------------------------------------------
def groups_view() -> None:
    """The groups tab; a sentence instead when the data has no groups to compare."""
    groups = ui.cached(churn.loss_groups, params)
    dims = [d for d in churn.GROUP_DIMENSIONS if d in set(groups["dimension"])]
    if not dims:
        sources = [churn.SIGNAL_SOURCES[g] for g in
                   ("acquisition", "first_product", "channels", "nps")]
        st.info(ui.t("churn.groups.none", sources=ui.t("churn.signals.sep").join(
            ui.t(f"churn.source.{k}") for k in sources)))
        return
    dim = st.selectbox(ui.t("churn.groups.by"), dims,
                       format_func=lambda d: tr(f"churn.dim.{d}"), key="churn_dim")
    part = groups[groups["dimension"] == dim].copy()
    special = {"none": ui.t("churn.group.none"), "unknown": ui.t("churn.group.unknown"),
               "promoter": ui.t("churn.group.promoter"), "passive": ui.t("churn.group.passive"),
               "detractor": ui.t("churn.group.detractor")}
    if dim == "segment":  # the segments page's own names for its segments
        special.update({g: ui.t(f"segments.seg.{g}") for g in part["group"]
                        if i18n.has(f"segments.seg.{g}")})
    part["label"] = part["group"].map(lambda g: special.get(g, g))
    part["text"] = [ui.t("churn.groups.bar", rate=pct(r), n=num(n))
                    for r, n in zip(part["churn_rate"].fillna(0), part["past_customers"])]
    st.caption(ui.t("churn.groups.explain", days=horizon))
    ui.chart(charts.churn_groups_chart, part,
             ui.t("churn.groups.chart", dim=ui.t(f"churn.dim.{dim}")),
             ui.t("churn.groups.x", days=horizon), presenter, key="churn_groups")
    worst = part.dropna(subset=["churn_rate"])
    worst = worst[worst["past_customers"] >= 30]
    if len(worst) >= 2:
        top, bottom = worst.iloc[0], worst.iloc[-1]
        # group names come from the user's files: plain text, never markdown
        st.text(ui.t("churn.groups.sentence", worst=top["label"], rate=pct(top["churn_rate"]),
                     best=bottom["label"], best_rate=pct(bottom["churn_rate"])))
    table = part[["label", "past_customers", "churn_rate", "customers", "mean_risk", "high_risk",
                  "revenue_at_risk"]]
    gl = {c: ui.t(f"churn.gcol.{c}") for c in table.columns}
    gconf = {c: st.column_config.Column(gl[c]) for c in table.columns}
    gconf["churn_rate"] = st.column_config.NumberColumn(gl["churn_rate"], format="percent")
    gconf["mean_risk"] = st.column_config.NumberColumn(gl["mean_risk"], format="percent")
    gconf["revenue_at_risk"] = st.column_config.NumberColumn(gl["revenue_at_risk"], format=money_fmt)
    ui.table(table, column_config=gconf, placeholder="–")  # a group new since then: a dash


with tab_groups:
    groups_view()

# -- what if -------------------------------------------------------------------------------------
with tab_whatif:
    st.caption(ui.t("churn.whatif.explain"))
    mode = st.radio(ui.t("churn.whatif.subject"), ["customer", "typical"], horizontal=True,
                    format_func=lambda m: tr(f"churn.whatif.subject.{m}"), key="churn_subject")
    if mode == "customer":
        options = risk["customer_id"].head(300).tolist()
        probs = dict(zip(risk["customer_id"], risk["churn_probability"]))
        cid = st.selectbox(ui.t("churn.whatif.customer"), options,
                           format_func=lambda c: f"{c} · {pct(probs.get(c, 0))}",
                           key="churn_customer")
        subject = churn.customer_row(bundle, cid)
        subject_key = str(cid)
    else:
        group_names = {"nps_group": {k: ui.t(f"churn.group.{k}") for k in
                                     ("promoter", "passive", "detractor", "none")}}

        def typical_label(choice: str) -> str:
            if choice == "all":
                return tr("churn.whatif.all")
            dim, value = choice.split("=", 1)
            if dim == "segment" and i18n.has(f"segments.seg.{value}"):
                value = tr(f"segments.seg.{value}")
            value = group_names.get(dim, {}).get(value, value)
            return f"{tr(f'churn.dim.{dim}')}: {value}"

        choice = st.selectbox(ui.t("churn.whatif.typical_of"),
                              ui.cached(churn.typical_choices, params), format_func=typical_label,
                              key="churn_typical_of")
        subject = ui.cached(churn.typical_customer_of, params, choice)
        subject_key = f"typical-{choice}"

    @st.fragment
    def whatif_panel(subject: pd.DataFrame, key: str) -> None:
        row = subject.iloc[0]
        rec0 = int(row["recency_days"])
        freq0 = int(row["frequency"])
        aov0 = float(row["avg_order_value"])
        nps0 = None if pd.isna(row["nps_latest"]) else int(row["nps_latest"])
        ref0 = int(row["referrals_made"])
        disc0 = int(round(float(row["discount_share"]) * 100))
        # a slider for each input the model learned from (others would move nothing)
        usable = signals["whatif"]
        cols = st.columns(2)
        slots = iter(cols[i % 2] for i in range(len(usable)))
        rec, freq, aov, nps, ref, disc = rec0, freq0, aov0, nps0, ref0, disc0
        if "recency" in usable:
            rec = next(slots).slider(ui.t("churn.whatif.recency", v=num(rec0)), 0,
                                     max(params.lookback, rec0), rec0, key=f"wi_rec_{key}")
        if "frequency" in usable:
            freq = next(slots).slider(ui.t("churn.whatif.frequency", v=num(freq0)), 1,
                                      max(30, freq0 * 2), freq0, key=f"wi_freq_{key}")
        if "aov" in usable:
            aov = next(slots).slider(ui.t("churn.whatif.aov", v=ui.money(aov0)), 0.0,
                                     float(max(aov0 * 3, 10.0)), aov0, key=f"wi_aov_{key}")
        if "nps" in usable:
            nps = next(slots).select_slider(
                ui.t("churn.whatif.nps", v="–" if nps0 is None else str(nps0)),
                [None] + list(range(11)), value=nps0,
                format_func=lambda v: "–" if v is None else str(v), key=f"wi_nps_{key}")
        if "referrals" in usable:
            ref = next(slots).slider(ui.t("churn.whatif.referrals", v=num(ref0)), 0,
                                     max(10, ref0 * 2), ref0, key=f"wi_ref_{key}")
        if "discount" in usable:
            disc = next(slots).slider(ui.t("churn.whatif.discount", v=f"{disc0}%"), 0, 100,
                                      disc0, key=f"wi_disc_{key}")
        changes = {}
        if rec != rec0:
            changes["recency_days"] = rec
        if freq != freq0:
            changes["frequency"] = freq
        if abs(aov - aov0) > 1e-9:
            changes["avg_order_value"] = aov
        if nps != nps0:
            changes["nps_latest"] = float("nan") if nps is None else nps
        if ref != ref0:
            changes["referrals_made"] = ref
        if disc != disc0:
            changes["discount_share"] = disc / 100
        result = churn.whatif(bundle, subject, changes)
        m1, m2 = st.columns(2)
        m1.metric(ui.t("churn.whatif.probability"), pct(result["probability"], 1),
                  delta=f"{(result['probability'] - result['original']) * 100:+.1f} pt"
                  if changes else None, delta_color="inverse")
        m2.metric(ui.t("churn.whatif.original"), pct(result["original"], 1))
        ui.chart(
            charts.churn_whatif_probability_chart,
            result["original"], result["probability"], ui.t("churn.whatif.chart"),
            ui.t("churn.whatif.as_is"), ui.t("churn.whatif.with_values"),
            ui.t("churn.whatif.original_mark", p=pct(result["original"], 1)), presenter,
            key="churn_whatif_probability")
        if changes:  # what moved, from what to what
            shown_values = {
                "recency": (num(rec0), num(rec)), "frequency": (num(freq0), num(freq)),
                "aov": (ui.money(aov0), ui.money(aov)),
                "nps": ("–" if nps0 is None else str(nps0), "–" if nps is None else str(nps)),
                "referrals": (num(ref0), num(ref)), "discount": (f"{disc0}%", f"{disc}%")}
            moved = [(ui.t(f"churn.whatif.in.{k}"), a, b) for k, (a, b) in shown_values.items()
                     if a != b]
            st.dataframe(pd.DataFrame(moved, columns=[ui.t("churn.whatif.col.input"),
                                                      ui.t("churn.whatif.col.original"),
                                                      ui.t("churn.whatif.col.new")]),
                         hide_index=True, width="stretch")
        effects = pd.DataFrame({"label": [REASONS[k] for k in result["effects"]],
                                "effect": list(result["effects"].values()),
                                "original": [result["original_effects"][k]
                                             for k in result["effects"]]})
        ui.chart(charts.churn_whatif_chart, effects, ui.t("churn.whatif.reasons"),
                 ui.t("churn.whatif.reasons_x"), presenter,
                 original_label=ui.t("churn.whatif.as_is"), key="churn_whatif_chart")
        st.caption(ui.t("churn.whatif.reasons_explain"))

    whatif_panel(subject, subject_key)

    st.subheader(ui.t("churn.business.title"))

    @st.fragment
    def business_panel() -> None:
        share = st.slider(ui.t("churn.business.share"), 0, 100, 20, step=5, key="churn_winback")
        wb = churn.win_back(bundle, share / 100)
        c1, c2 = st.columns(2)
        c1.metric(ui.t("churn.business.kept"), num(wb["customers_kept"]),
                  help=ui.t("churn.business.kept_help", n=num(wb["high_risk"]),
                            lost=num(wb["expected_lost"])))
        c2.metric(ui.t("churn.business.revenue", days=horizon),
                  ui.money(wb["revenue_kept"], compact=True))
        st.caption(ui.t("churn.business.explain", n=num(wb["high_risk"]), share=share,
                        lost=num(wb["expected_lost"]), days=horizon))
        det = ui.cached(churn.detractors_whatif, params) if "nps" in signals["used"] else None
        if det is None:
            pass  # no survey answers to learn from: the model quality tab names the file
        elif det["detractors"] == 0:
            st.info(ui.t("churn.business.no_detractors"))
        else:
            st.markdown("**" + ui.t("churn.business.detractors") + "**")
            change = f"{abs(det['after'] - det['before']) * 100:.1f} pt"
            if det["verdict"] == "gain":
                d1, d2, d3 = st.columns(3)
                d1.metric(ui.t("churn.business.det_risk"), pct(det["after"], 1),
                          delta=f"{(det['after'] - det['before']) * 100:+.1f} pt",
                          delta_color="inverse")
                d2.metric(ui.t("churn.business.kept"), i18n.fmt_num(det["customers_kept"], lang))
                d3.metric(ui.t("churn.business.revenue", days=horizon),
                          ui.money(det["revenue_kept"], compact=True))
                st.caption(ui.t("churn.business.det_range", low=i18n.fmt_num(det["low"], lang),
                                high=i18n.fmt_num(det["high"], lang)))
            elif det["verdict"] == "loss":
                st.info(ui.t("churn.business.det_loss", n=num(det["detractors"]), pt=change))
            else:
                st.info(ui.t("churn.business.det_noise", n=num(det["detractors"]), pt=change))
            st.caption(ui.t("churn.business.det_explain", n=num(det["detractors"])))

    business_panel()

# -- how good the model has been -----------------------------------------------------------------
with tab_quality:
    bt = bundle.backtest
    st.caption(ui.t("churn.quality.explain", train=i18n.fmt_date(bt.train_cutoff, lang),
                    cut=i18n.fmt_date(bt.eval_cutoff, lang), end=i18n.fmt_date(params.as_of, lang),
                    days=horizon, n=num(metrics["customers"].iloc[0]),
                    rate=pct(metrics["churn_rate"].iloc[0])))
    table = pd.DataFrame({
        ui.t("churn.quality.model"): [MODEL_NAMES[k] for k in metrics.index],
        ui.t("churn.quality.auc"): [score(v) for v in metrics["roc_auc"]],
        ui.t("churn.quality.top10"): [pct(v, 1) for v in metrics["top10_precision"]],
        ui.t("churn.quality.brier"): [score(v) for v in metrics["brier"]],
    })
    st.dataframe(table, hide_index=True, width="stretch")
    cmp = bt.comparison()
    if bt.verdict == "wins":
        st.success(ui.t("churn.quality.wins", auc=cmp["auc"], best_auc=cmp["best_auc"],
                        brier=cmp["brier"], best_brier=cmp["best_brier"],
                        baseline=MODEL_NAMES[cmp["baseline_key"]]))
    elif bt.verdict == "on_par":
        st.info(ui.t("churn.quality.on_par", winner=MODEL_NAMES[bt.winner]))
    else:
        st.warning(ui.t("churn.quality.loses", winner=MODEL_NAMES[bt.winner]))
    st.markdown(ui.t("churn.quality.vs_bgnbd", **churn.versus_bgnbd(bundle)))
    st.caption(ui.t("churn.quality.metrics_help"))
    st.subheader(ui.t("churn.signals.title"))
    st.markdown(ui.t("churn.signals.used", signals=ui.t("churn.signals.sep").join(
        REASONS[g] for g in signals["used"])))
    if signals["missing"]:
        st.caption(ui.t("churn.signals.missing"))
        st.dataframe(pd.DataFrame({
            ui.t("churn.signals.col.signal"): [REASONS[g] for g, _ in signals["missing"]],
            ui.t("churn.signals.col.source"): [ui.t(f"churn.source.{k}")
                                               for _, k in signals["missing"]]}),
            hide_index=True, width="stretch")
    q1, q2 = st.columns(2)
    with q1:
        ui.chart(
            charts.churn_calibration_chart,
            bt.calibration, MODEL_NAMES, ui.t("churn.quality.calibration"),
            ui.t("churn.quality.predicted"), ui.t("churn.quality.observed"),
            ui.t("churn.quality.ideal"), presenter, key="churn_calibration")
    with q2:
        ui.chart(
            charts.churn_lift_chart,
            bt.lift, MODEL_NAMES, ui.t("churn.quality.lift"), ui.t("churn.quality.contacted"),
            ui.t("churn.quality.captured"), presenter, key="churn_lift")
    st.caption(ui.t("churn.quality.saved", seconds=f"{bundle.timings.get('total', 0):.1f}",
                    n=num(bundle.model.n_train)))
