"""Spenders vs referrers: who is really valuable (issue 5)."""
import streamlit as st

from cx import i18n, ui
from cx.available import absent_sentence, present_columns
from cx.headline import MIN_SAMPLE, Basis, describe_basis
from cx.segments import display
from cx.segments.page import MIN_RFM_BUYERS, segments_page
from cx.segments.views import ACTION_LIST_MAX, ACTION_LISTS

LOOKBACKS = (90, 180, 365, 730)

ui.page_header("segments.title", "segments.how_to_read")
lang, presenter, currency = ui.lang(), ui.presenter(), ui.currency()
scope = ui.scope()


def money(x) -> str:
    """Currency formatting without a lookup per call (the chart formats thousands of values)."""
    return i18n.fmt_money(x, currency, lang)


left, right = st.columns(2)
lookback = left.selectbox(ui.t("segments.lookback"), LOOKBACKS, index=2, key="seg_lookback",
                          format_func=lambda d: ui.t("segments.days", days=d),
                          help=ui.t("segments.lookback_help"))
top_share = right.slider(ui.t("segments.percentile"), min_value=5, max_value=50, value=25,
                         step=5, key="seg_top_share", format="%d%%",
                         help=ui.t("segments.percentile_help"))
percentile = 100.0 - top_share

page = ui.cached_figure(segments_page, scope, lookback_days=int(lookback), percentile=percentile,
                 max_referrals=int(st.session_state.get("seg_max_referrals", 0)), lang=lang,
                 presenter=presenter, currency=currency)
view = page.view
st.caption(display.count_text("segments.window", lang, view.customers,
                              start=i18n.fmt_date(view.window_start, lang),
                              end=i18n.fmt_date(view.as_of, lang),
                              days=i18n.fmt_int(view.lookback_days),
                              prev_end=i18n.fmt_date(view.previous_end, lang),
                              customers=i18n.fmt_int(view.customers)))

if view.customers == 0:
    ui.empty_state(ui.t("segments.empty"))
    st.stop()

avail = page.available
if not avail.referrals:
    st.info(ui.t("segments.no_referrals"))
elif not view.has_referral_value:
    st.info(display.count_text("segments.no_referral_value", lang, view.referral_rows,
                               referrals=i18n.fmt_int(view.referral_rows)))
if view.unknown_referrals:
    st.caption(display.count_text("segments.unknown_referrals", lang, view.unknown_referrals,
                                  count=i18n.fmt_int(view.unknown_referrals)))

# -- headline numbers ------------------------------------------------------------------------
table = view.table.set_index("segment")
all_row = table.loc["All"]
ref_row = table.loc["Referrers"]
referrers_value_x = (ref_row["total_value"] / ref_row["revenue"]
                     if ref_row["revenue"] > 0 else None)
c1, c2, c3, c4 = st.columns(4)
c1.metric(ui.t("segments.metric_customers"), i18n.fmt_int(view.customers),
          delta=None if all_row["customers_change"] != all_row["customers_change"]
          else f"{int(all_row['customers_change']):+,}", border=True,
          help=ui.t("segments.metric_customers_help"))
# what the rates rest on (customers in the window; Referrers for their value ratio)
rests_on, rests_on_referrers = (" " + ui.t("headline.help.basis", basis=describe_basis(
    Basis("days", n, last=view.as_of, days=view.lookback_days), lang))
    for n in (view.customers, int(ref_row["customers"])))
if avail.referrals:  # without referral data these would be zeros standing for "not loaded"
    c2.metric(ui.t("segments.metric_referrers"),
              i18n.fmt_int(view.list_totals["thank_referrers"]),
              border=True, help=ui.t("segments.metric_referrers_help"))
    # a share of value is a headline only on MIN_SAMPLE customers (else "–", and the help
    # says how many there are)
    enough = view.customers >= MIN_SAMPLE
    c3.metric(ui.t("segments.metric_referred_share"),
              i18n.fmt_pct(all_row["referred_revenue"] / all_row["total_value"]
                           if all_row["total_value"] > 0 and enough else None, lang),
              border=True, help=ui.t("segments.metric_referred_share_help") + rests_on)
    c4.metric(ui.t("segments.metric_referrers_value"),
              ui.t("segments.times", x=i18n.fmt_num(referrers_value_x, lang))
              if referrers_value_x else "–", border=True,
              help=ui.t("segments.metric_referrers_value_help") + rests_on_referrers)

# -- quadrant --------------------------------------------------------------------------------
chart_col, share_col = st.columns([3, 2])
with chart_col:
    if page.quadrant is None:
        st.info(ui.t("segments.no_quadrant"))
    elif view.sampled:
        ui.plot(page.quadrant, key="seg_quadrant")
        top = min(200, len(view.points))
        st.caption(ui.t("segments.points_sampled", total=i18n.fmt_int(view.points_total),
                        top=i18n.fmt_int(top), sample=i18n.fmt_int(len(view.points) - top),
                        shown=i18n.fmt_int(len(view.points))))
    else:
        ui.plot(page.quadrant, key="seg_quadrant")
        st.caption(ui.t("segments.points_all", total=i18n.fmt_int(view.points_total)))
with share_col:
    ui.plot(page.value_share, key="seg_value_share")
    st.caption(ui.t("segments.seg_explain"))
    if referrers_value_x and ref_row["customers"] > 0:
        st.markdown("**" + ui.t(
            "segments.quadrant_story", share=i18n.fmt_pct(ref_row["share"], lang),
            referred=money(ref_row["referred_revenue"]),
            times=ui.t("segments.times", x=i18n.fmt_num(referrers_value_x, lang))) + "**")

# -- segment table and changes ---------------------------------------------------------------
st.subheader(ui.t("segments.table_title"))
ui.table(page.segment_table)
st.caption(ui.t("segments.table_explain"))
st.subheader(ui.t("segments.moves_title"))
ui.table(page.moves_table)
st.caption(ui.t("segments.moves_explain"))

# -- referral chain --------------------------------------------------------------------------
st.subheader(ui.t("segments.chain_title"))
if not avail.referrals:
    st.info(absent_sentence("referrals", lang))
elif page.chain is None:
    st.info(ui.t("segments.chain_none"))
else:
    ui.plot(page.chain, key="seg_chain")
    st.caption(display.count_text("segments.chain_explain", lang, len(view.chain),
                                  top=i18n.fmt_int(len(view.chain))))
    st.caption(display.count_text("segments.chain_total", lang, view.chain_referrals,
                                  count=i18n.fmt_int(view.chain_referrals),
                                  value=money(view.chain_value)))
    with st.expander(ui.t("segments.chain_numbers")):
        ui.table(page.chain_table, column_config=display.people_columns(page.chain_table, lang))

# -- RFM -------------------------------------------------------------------------------------
st.subheader(ui.t("segments.rfm_title"))
if page.rfm is None:
    st.info(display.count_text("segments.rfm_too_few", lang, page.rfm_buyers,
                               min=MIN_RFM_BUYERS, count=i18n.fmt_int(page.rfm_buyers)))
else:
    ui.plot(page.rfm, key="seg_rfm")
    st.caption(ui.t("segments.rfm_explain"))
    with st.expander(ui.t("segments.rfm_rules_title")):
        ui.table(page.rfm_rules)

# -- advocates -------------------------------------------------------------------------------
st.subheader(ui.t("segments.advocates_title"))
st.caption(ui.t("segments.advocates_explain"))
st.number_input(ui.t("segments.max_referrals"), min_value=0, max_value=5, step=1,
                key="seg_max_referrals")
if not avail.surveys:
    st.info(absent_sentence("surveys", lang))
elif view.advocates_total == 0:
    st.info(ui.t("segments.advocates_none"))
else:
    st.caption(display.advocates_caption(view.advocates_total, len(page.advocates), lang))
    ui.table(page.advocates, column_config=display.people_columns(page.advocates, lang))

# -- action lists ----------------------------------------------------------------------------
st.subheader(ui.t("segments.actions_title"))
st.caption(ui.t("segments.actions_explain"))
# one list at a time: building a CSV of tens of thousands of rows on every rerun would slow
# the page, and one choice keeps the section readable
# thanking referrers and the Champions (high spend and high referral) need referral data
lists = [n for n in ACTION_LISTS if avail.referrals or n not in ("thank_referrers", "vip")]
choice = st.radio(ui.t("segments.list_choose"), lists, horizontal=True,
                  key="seg_action_list", format_func=lambda n: ui.t(f"segments.list.{n}"))
total = view.list_totals[choice]
st.caption(ui.t(f"segments.list_help.{choice}"))
if total == 0:
    st.caption(ui.t("segments.list_empty"))
else:
    st.caption(ui.t("segments.list_capped", count=i18n.fmt_int(total),
                    cap=i18n.fmt_int(ACTION_LIST_MAX)) if total > ACTION_LIST_MAX
               else display.count_text("segments.list_count", lang, total,
                                       count=i18n.fmt_int(total)))
    shown_list = view.lists[choice]
    ui.download_csv(shown_list[present_columns(shown_list.columns, avail)],
                    f"{choice.replace('_', '-')}-{view.as_of}.csv",
                    label=ui.t(f"segments.list.{choice}") + " (CSV)", key=f"seg_dl_{choice}")
