"""Tables and sentences for people: the page's frames with translated headers and formatted
numbers (kept here so the page stays thin and this stays testable without Streamlit)."""
from __future__ import annotations

import pandas as pd

from cx import i18n
from cx.headline import MIN_SAMPLE
from cx.segments.views import NOT_INCLUDED, RFM_RULES, SegmentsView

SEGMENT_ROWS = ("Champions", "Spenders", "Referrers", "Others", "All")


def count_text(key: str, lang: str, count, /, **values) -> str:
    """The string `key` for a count: `key.one` when the count is exactly 1 and that key exists
    (English singular; Japanese has no plural, so its `.one` text reads like the plain one)."""
    one = f"{key}.one"
    return i18n.t(one if count == 1 and i18n.has(one) else key, lang, **values)


def advocates_caption(total: int, shown: int, lang: str) -> str:
    """How many advocates there are and how many the table lists."""
    if shown >= total:
        return count_text("segments.advocates_count_all", lang, total,
                          count=i18n.fmt_int(total, lang))
    return i18n.t("segments.advocates_count", lang, count=i18n.fmt_int(total, lang),
                  shown=i18n.fmt_int(shown, lang))


def segment_name(seg: str, lang: str) -> str:
    return i18n.t(f"segments.seg.{seg}", lang)


def segment_names(lang: str) -> dict[str, str]:
    return {s: segment_name(s, lang) for s in (*SEGMENT_ROWS, NOT_INCLUDED)}


def rfm_names(lang: str) -> dict[str, str]:
    return {g: i18n.t(f"segments.rfm.{g}", lang) for g, _ in RFM_RULES} | {
        "No purchases": i18n.t("segments.rfm.No purchases", lang)}


def _col(key: str, lang: str) -> str:
    return i18n.t(f"segments.col.{key}", lang)


# segment-table columns that need a kind of data (cx.available): left out when it is absent
TABLE_KINDS = {"referred_customers": "referrals", "referred_revenue": "referrals",
               "total_value": "referrals", "nps_n": "surveys", "promoter_share": "surveys",
               "total_value_prev": "referrals"}


def segment_table(view: SegmentsView, lang: str, currency: str | None,
                  avail=None) -> pd.DataFrame:
    """The segment table with the previous window's customers and the change; without
    referral (survey) data, its referral (NPS) columns are left out rather than zero."""
    t = view.table
    money = lambda x: i18n.fmt_money(x, currency, lang)  # noqa: E731
    pct = lambda x: i18n.fmt_pct(x, lang)  # noqa: E731

    def rate(x, n) -> str:
        """A rate, with the count it rests on in brackets when that is below MIN_SAMPLE."""
        if not n or pd.isna(x):
            return "–"
        return pct(x) if n >= MIN_SAMPLE else f"{pct(x)} ({i18n.fmt_int(n)})"

    out = pd.DataFrame({
        _col("segment", lang): [segment_name(s, lang) for s in t["segment"]],
        _col("customers", lang): [i18n.fmt_int(x) for x in t["customers"]],
        _col("share", lang): [pct(x) for x in t["share"]],
        _col("revenue", lang): [money(x) for x in t["revenue"]],
        _col("referred_customers", lang): [i18n.fmt_int(x) for x in t["referred_customers"]],
        _col("referred_revenue", lang): [money(x) for x in t["referred_revenue"]],
        _col("total_value", lang): [money(x) for x in t["total_value"]],
        _col("nps_n", lang): [f"{i18n.fmt_points(x, lang, signed=True)} ({i18n.fmt_int(n)})"
                              if n else "–" for x, n in zip(t["nps"], t["respondents"])],
        _col("promoter_share", lang): [rate(x, n) for x, n in zip(t["promoter_share"],
                                                                   t["respondents"])],
        _col("retention_90d", lang): [rate(x, n) for x, n in zip(t["retention_90d"],
                                                                  t["retention_base"])],
        _col("customers_prev", lang): [i18n.fmt_int(x) for x in t["customers_prev"]],
        _col("customers_change", lang): ["–" if pd.isna(x) else f"{int(x):+,}"
                                         for x in t["customers_change"]],
        _col("total_value_prev", lang): [money(x) for x in t["total_value_prev"]],
    })
    if avail is not None:
        out = out.drop(columns=[_col(c, lang) for c, kind in TABLE_KINDS.items()
                                if not avail.has(kind)])
    return out


def moves_table(view: SegmentsView, lang: str) -> pd.DataFrame:
    """Previous segment (rows) by current segment (columns), customers in each cell."""
    names = segment_names(lang)
    order = [*SEGMENT_ROWS[:-1], NOT_INCLUDED]
    m = view.moves.pivot_table(index="before", columns="now", values="customers",
                               aggfunc="sum", fill_value=0)
    m = m.reindex(index=order, columns=order, fill_value=0)
    m.index = [names[i] for i in m.index]
    m.columns = [names[c] for c in m.columns]
    out = m.map(lambda v: i18n.fmt_int(v)).reset_index()
    return out.rename(columns={"index": i18n.t("segments.moves_before", lang)})


def rfm_rules_table(view: SegmentsView, lang: str, currency: str | None) -> pd.DataFrame:
    groups = view.rfm_groups.set_index("group")
    rows = []
    for g, rule in RFM_RULES:
        r = groups.loc[g]
        rows.append({
            _col("group", lang): i18n.t(f"segments.rfm.{g}", lang),
            _col("rule", lang): rule,
            _col("meaning", lang): i18n.t(f"segments.rfm_rule.{g}", lang),
            _col("customers", lang): i18n.fmt_int(r["customers"]),
            _col("share", lang): i18n.fmt_pct(r["share"], lang),
            _col("revenue", lang): i18n.fmt_money(r["revenue"], currency, lang),
            _col("avg_recency_days", lang): i18n.fmt_num(r["avg_recency_days"], lang, 0),
        })
    return pd.DataFrame(rows)


def people_table(df: pd.DataFrame, lang: str, currency: str | None) -> pd.DataFrame:
    """A list of customers with translated headers; money columns formatted, names/emails kept
    under their own column keys' translations (ui.table masks by the original names, so call it
    with the frame before renaming: see `people_columns`)."""
    out = df.copy()
    # a contact column the shop never loaded (no customers file) would read "None" on every row
    out = out.drop(columns=[c for c in ("name", "email") if c in out and out[c].isna().all()])
    for col in ("spend_value", "referral_value", "total_value", "chain_value", "monetary"):
        if col in out:
            out[col] = [i18n.fmt_money(x, currency, lang) for x in out[col]]
    if "last_order_at" in out:
        out["last_order_at"] = [i18n.fmt_date(x, lang) if pd.notna(x) else "–"
                                for x in out["last_order_at"]]
    if "segment" in out:
        out["segment"] = [segment_name(s, lang) for s in out["segment"]]
    return out


def people_columns(df: pd.DataFrame, lang: str) -> dict:
    """st.column_config labels for a people table (headers translated, data masked upstream)."""
    return {c: _col(c, lang) for c in df.columns if i18n.has(f"segments.col.{c}")}
