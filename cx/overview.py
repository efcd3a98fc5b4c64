"""The overview page's numbers: activity headlines of its own plus each area's `headline()`."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from cx.headline import Basis, Headline
from cx.cache import kept
from cx.scope import Scope, TX_UNTIL_END
from cx.store import fetch_df

AREA_HEADLINES = ["cx.retention", "cx.segments", "cx.nps", "cx.churn"]
# Areas whose headline() keeps its own cache and must be asked again on every run: the churn
# headline changes (from "open the churn page" to numbers) when the churn page trains a model,
# which does not change the data version the page cache is keyed on.
SELF_CACHED_HEADLINES = {"cx.churn"}

ACTIVITY_SQL = f"""
WITH windows AS (
    SELECT
        CASE WHEN ordered_at >= $cur_start THEN 'current'
             WHEN ordered_at >= $prev_start THEN 'previous' END AS time_window,
        customer_id, amount
    FROM transactions
    WHERE ordered_at >= $prev_start AND {TX_UNTIL_END}
)
SELECT time_window,
       COUNT(DISTINCT customer_id) AS active_customers,
       COUNT(*) AS orders,
       COALESCE(SUM(amount), 0) AS revenue
FROM windows GROUP BY time_window
"""

MONTHLY_SQL = f"""
SELECT CAST(date_trunc('month', ordered_at) AS DATE) AS month,
       COUNT(DISTINCT customer_id) AS active_customers,
       COUNT(*) AS orders,
       SUM(amount) AS revenue
FROM transactions
WHERE ordered_at >= $trend_start AND {TX_UNTIL_END}
GROUP BY month ORDER BY month
"""


@dataclass(frozen=True)
class ActivityWindow:
    days: int
    active_customers: int
    orders: int
    revenue: float


def activity(cur, scope: Scope, window_days: int = 30) -> tuple[ActivityWindow, ActivityWindow]:
    """Active customers, orders and revenue in the last `window_days` up to the analysis date,
    and in the window before it."""
    end = scope.as_of
    params = {**scope.params(),
              "cur_start": pd.Timestamp(end - timedelta(days=window_days - 1)),
              "prev_start": pd.Timestamp(end - timedelta(days=2 * window_days - 1))}
    df = fetch_df(cur, ACTIVITY_SQL, params).set_index("time_window")

    def window(name: str) -> ActivityWindow:
        if name not in df.index:
            return ActivityWindow(window_days, 0, 0, 0.0)
        r = df.loc[name]
        return ActivityWindow(window_days, int(r["active_customers"]), int(r["orders"]),
                              float(r["revenue"]))

    return window("current"), window("previous")


def monthly_activity(cur, scope: Scope, months: int = 12) -> pd.DataFrame:
    """Month by month (the last `months`, the analysis month included, possibly partial)."""
    start = (pd.Timestamp(scope.as_of).to_period("M") - (months - 1)).to_timestamp()
    return fetch_df(cur, MONTHLY_SQL, {**scope.params(), "trend_start": start})


@kept
def activity_headlines(cur, scope: Scope, window_days: int = 30) -> list[Headline]:
    current, previous = activity(cur, scope, window_days)
    trend = monthly_activity(cur, scope)
    # the last month may be partial: trends show complete months only
    complete = trend[trend["month"] < pd.Timestamp(scope.as_of).to_period("M").to_timestamp()]
    from cx.available import available

    end, before_end = scope.as_of, scope.as_of - timedelta(days=window_days)
    avail = available(cur)
    if not avail.orders:  # surveys or customers only: no activity to measure, not zero activity
        return [Headline(key, None, kind="absent", page=page, absent="orders")
                for key, page in (("overview.active_customers", "views/retention.py"),
                                  ("overview.revenue", "views/segments.py"))]
    if avail.customer_ids:
        active = Headline("overview.active_customers", current.active_customers,
                          previous.active_customers, "int", "views/retention.py",
                          tuple(float(x) for x in complete["active_customers"]),
                          basis=Basis("days", current.active_customers, last=end,
                                      days=window_days),
                          previous_basis=Basis("days", previous.active_customers,
                                               last=before_end, days=window_days))
    else:  # guest orders only: no customer to count
        active = Headline("overview.active_customers", None, kind="absent",
                          page="views/retention.py", absent="customer_ids")
    return [
        active,
        Headline("overview.revenue", current.revenue, previous.revenue, "money",
                 "views/segments.py", tuple(float(x) for x in complete["revenue"]),
                 basis=Basis("days", current.orders, last=end, days=window_days, unit="orders"),
                 previous_basis=Basis("days", previous.orders, last=before_end,
                                      days=window_days, unit="orders")),
    ]


def area_headline_functions() -> list:
    """The `headline(cur, scope)` of every area module that has one."""
    return [fn for fn, _ in area_headlines_with_caching()]


def area_headlines_with_caching() -> list[tuple]:
    """(headline function, whether a page may cache its result on the data version)."""
    found = []
    for name in AREA_HEADLINES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        fn = getattr(module, "headline", None)
        if callable(fn):
            found.append((fn, name not in SELF_CACHED_HEADLINES))
    return found


def format_value(value, kind: str, lang: str, currency: str | None) -> str:
    from cx import i18n

    if value is None:
        return "–"
    if kind == "money":
        return i18n.fmt_money(value, currency, lang, compact=True)
    if kind == "pct":
        return i18n.fmt_pct(value, lang)
    if kind == "points":
        return i18n.fmt_points(value, lang)
    return i18n.fmt_int(value, lang)


def format_change(h: Headline, lang: str, currency: str | None) -> str | None:
    """The change against the previous period, in the headline's own unit
    (percentage points for rates), formatted for the language (+¥1.2万, +$3.2k, +1.2 pt)."""
    from cx import i18n

    change = h.change
    if change is None:
        return None
    if h.kind == "money":
        return i18n.fmt_money(change, currency, lang, compact=True, signed=True)
    if h.kind == "pct":
        return i18n.fmt_pct_points(change, lang)
    if h.kind == "points":  # between the two numbers as shown: 21.4 -> 16.6 reads 21 -> 17, -4
        return i18n.fmt_points(round(h.value) - round(h.previous), lang, signed=True)
    return i18n.fmt_int(change, lang, signed=True)


def format_interval(h: Headline, lang: str) -> str | None:
    """The headline's 95% interval in words ("95% interval 36–48"), None when it has none."""
    from cx import i18n

    if h.interval is None or h.value is None:
        return None
    fmt = i18n.fmt_pct if h.kind == "pct" else i18n.fmt_points
    lo, hi = h.interval
    return i18n.t("overview.interval", lang, lo=fmt(lo, lang), hi=fmt(hi, lang))


# -- what changed --------------------------------------------------------------------------
# A few plain sentences built from the data: the NPS move (latest full month against the one
# before, cx.nps.compare_periods), the biggest real move of one channel's or touchpoint's NPS
# over the same two months, the spender/referrer segment that lost most customers against the
# previous window (cx.segments, the segments page's default window and threshold) and the
# customers who referred most new customers lately.
SEGMENT_LOOKBACK = 365  # the segments page's default window
SEGMENT_PERCENTILE = 75.0  # its default "high" threshold (top 25%)
REFERRER_DAYS = 30  # "lately" for top referrers, like the other overview windows
TOP_REFERRERS = 3
GROUP_DIMENSIONS = ("channel", "touchpoint")


@dataclass(frozen=True)
class GroupMove:
    dimension: str  # channel | touchpoint (a cx.nps dimension)
    group: str  # the group's value as in the data
    comparison: object  # cx.nps.Comparison of the two months


@dataclass(frozen=True)
class SegmentLoss:
    segment: str  # one of cx.segments.SEGMENTS
    customers: int  # in the window ending at the analysis date
    previous: int  # in the window before it

    @property
    def change(self) -> int:
        return self.customers - self.previous


@dataclass(frozen=True)
class Referrer:
    customer_id: str
    name: str | None
    email: str | None
    referred: int  # new customers referred in the window


@dataclass(frozen=True)
class WhatChanged:
    nps: object | None = None  # cx.nps.Comparison: latest full month vs the month before
    nps_partial: bool = False  # the "latest" month is the unfinished one (no full month answers)
    group_move: GroupMove | None = None
    segments_compared: bool = False  # both segment windows had customers
    segment_loss: SegmentLoss | None = None
    lookback_days: int = SEGMENT_LOOKBACK
    referrers: tuple[Referrer, ...] = ()
    referrer_days: int = REFERRER_DAYS


def biggest_group_move(now: pd.DataFrame, before: pd.DataFrame, windows,
                       dimensions=GROUP_DIMENSIONS) -> GroupMove | None:
    """The largest NPS move of one group between two breakdowns (cx.nps.breakdowns of the
    current and the previous month) that is real (its 95% interval excludes 0) and rests on at
    least cx.nps.THIN answers on both sides; the data's "unknown"/"unmatched" groups are left out.
    `windows` = ((start, end) of now, (start, end) of before)."""
    from cx import nps

    if now is None or before is None or now.empty or before.empty:
        return None
    cols = ["dimension", "group", "promoters", "passives", "detractors", "responses"]
    both = now[cols].merge(before[cols], on=["dimension", "group"], suffixes=("", "_b"))
    both = both[both["dimension"].isin(dimensions)
                & ~both["group"].isin([nps.UNKNOWN, nps.UNMATCHED, nps.NO_SEGMENT])
                & (both["responses"] >= nps.THIN) & (both["responses_b"] >= nps.THIN)]
    (a_start, a_end), (b_start, b_end) = windows
    best = None
    for r in both.itertuples(index=False):
        def period(start, end, pr, pa, de):
            pr, pa, de = int(pr), int(pa), int(de)
            return nps.PeriodNps(start, end, pr + pa + de, pr, pa, de, *nps.nps_value(pr, pa, de))
        c = nps.compare(period(a_start, a_end, r.promoters, r.passives, r.detractors),
                        period(b_start, b_end, r.promoters_b, r.passives_b, r.detractors_b),
                        "previous")
        if c is None or c.verdict == "noise":
            continue
        if best is None or abs(c.diff) > abs(best.comparison.diff):
            best = GroupMove(r.dimension, str(r.group), c)
    return best


def segment_losing_most(table: pd.DataFrame) -> SegmentLoss | None:
    """The segment (Champions, Spenders, Referrers, Others) whose customers fell most against the
    previous window, from cx.segments.compare_windows; None when none fell."""
    from cx.segments import SEGMENTS

    rows = table[table["segment"].isin(SEGMENTS)].dropna(subset=["customers_prev"])
    rows = rows[rows["customers_change"] < 0]
    if rows.empty:
        return None
    order = {s: i for i, s in enumerate(SEGMENTS)}
    r = min(rows.itertuples(index=False),
            key=lambda r: (r.customers_change, order[r.segment]))
    return SegmentLoss(r.segment, int(r.customers), int(r.customers_prev))


TOP_REFERRERS_SQL = f"""
WITH known AS (
    SELECT customer_id FROM customers
    UNION SELECT customer_id FROM transactions WHERE customer_id IS NOT NULL AND {TX_UNTIL_END}
),
firsts AS (
    SELECT customer_id, MIN(ordered_at) AS first_at FROM transactions
    WHERE customer_id IN (SELECT referred_id FROM referrals) GROUP BY customer_id
),
made AS (
    SELECT r.referrer_id, r.referred_id, COALESCE(r.referred_at, f.first_at) AS made_at
    FROM referrals r LEFT JOIN firsts f ON f.customer_id = r.referred_id
    WHERE r.referrer_id <> r.referred_id
),
contacts AS (
    SELECT customer_id, MAX(name) AS name, MAX(email) AS email FROM customers GROUP BY customer_id
)
SELECT m.referrer_id AS customer_id, MAX(c.name) AS name, MAX(c.email) AS email,
       COUNT(DISTINCT m.referred_id) AS referred
FROM made m
JOIN known k ON k.customer_id = m.referrer_id
LEFT JOIN contacts c ON c.customer_id = m.referrer_id
WHERE m.made_at >= $ref_start AND m.made_at < $end_excl
GROUP BY m.referrer_id
ORDER BY referred DESC, customer_id
LIMIT $top
"""


def top_referrers(cur, scope: Scope, days: int = REFERRER_DAYS,
                  top: int = TOP_REFERRERS) -> tuple[Referrer, ...]:
    """Who referred most new customers in the last `days` up to the analysis date (a referral's
    date, else the referred customer's first order); the credit rules of cx.segments: a known
    referrer, no self-referral. Most referred first, then by id."""
    params = {**scope.params(), "top": int(top),
              "ref_start": pd.Timestamp(scope.as_of - timedelta(days=days - 1))}
    df = fetch_df(cur, TOP_REFERRERS_SQL, params)
    return tuple(Referrer(str(r.customer_id), None if pd.isna(r.name) else str(r.name),
                          None if pd.isna(r.email) else str(r.email), int(r.referred))
                 for r in df.itertuples(index=False))


@kept
def what_changed(cur, scope: Scope) -> WhatChanged:
    """The facts behind the "what changed" sentences (cached by the page; no language, no
    masking: `what_changed_sentences` does those)."""
    from cx import nps
    from cx.segments import customer_values
    from cx.segments import compare_windows, previous_scope

    comp = nps.compare_periods(cur, scope, "month")
    move = None
    if comp.previous is not None:
        a, b = comp.previous.current, comp.previous.other
        now = nps.breakdowns(cur, Scope(a.start, a.end), segments=False)
        before = nps.breakdowns(cur, Scope(b.start, b.end), segments=False)
        move = biggest_group_move(now, before, ((a.start, a.end), (b.start, b.end)))
    cur_values = customer_values(cur, scope, SEGMENT_LOOKBACK, SEGMENT_PERCENTILE,
                                 contacts=False)
    prev_values = customer_values(cur, previous_scope(scope, SEGMENT_LOOKBACK), SEGMENT_LOOKBACK,
                                  SEGMENT_PERCENTILE, contacts=False)
    compared = len(cur_values) > 0 and len(prev_values) > 0
    loss = segment_losing_most(compare_windows(cur_values, prev_values)) if compared else None
    return WhatChanged(nps=comp.previous, nps_partial=comp.partial, group_move=move,
                       segments_compared=compared, segment_loss=loss,
                       referrers=top_referrers(cur, scope))


def referrer_label(r: Referrer, presenter: bool) -> str:
    """Name (else id) of a referrer; masked in presenter mode (an id that is an email too)."""
    from cx.safety import mask_email, mask_name

    text = r.name or r.customer_id
    if not presenter:
        return text
    return mask_email(text) if "@" in text else mask_name(text) if r.name else text


def what_changed_sentences(w: WhatChanged, lang: str, presenter: bool = False) -> list[str]:
    """The "what changed" list in plain sentences, in the reader's language; names masked in
    presenter mode. Empty when there is nothing to say."""
    from cx import i18n
    from cx.nps import THIN
    from cx.segments.page import segment_name

    out = []
    c = w.nps
    if c is not None:
        current = i18n.fmt_month(c.current.start, lang)
        if w.nps_partial:
            current = i18n.t("overview.wc.so_far", lang, period=current)
        # the move between the two numbers as shown (42 and 37 read as 5, whatever the decimals)
        diff = round(c.current.nps) - round(c.other.nps)
        key = "overview.wc.nps_same" if diff == 0 else (
            "overview.wc.nps_up" if diff > 0 else "overview.wc.nps_down")
        text = i18n.t(key, lang, n=abs(diff), a=i18n.fmt_points(c.current.nps, lang),
                      b=i18n.fmt_points(c.other.nps, lang), current=current,
                      other=i18n.fmt_month(c.other.start, lang),
                      verdict=i18n.t(f"nps.cmp.verdict.{c.verdict}", lang),
                      lo=i18n.fmt_points(c.ci_low, lang, signed=True),
                      hi=i18n.fmt_points(c.ci_high, lang, signed=True))
        if c.current.thin or c.other.thin:
            text += " " + i18n.t("nps.cmp.thin_note", lang, n=THIN)
        out.append(text)
    g = w.group_move
    if g is not None:
        gc = g.comparison
        diff = round(gc.current.nps) - round(gc.other.nps)
        move = i18n.t("nps.cmp.up" if diff > 0 else "nps.cmp.down", lang, n=abs(diff))
        out.append(i18n.t("overview.wc.group", lang, dim=i18n.t(f"nps.dim.{g.dimension}", lang),
                          group=g.group, move=move, a=i18n.fmt_points(gc.current.nps, lang),
                          b=i18n.fmt_points(gc.other.nps, lang)))
    if w.segment_loss is not None:
        s = w.segment_loss
        out.append(i18n.t("overview.wc.segment_loss", lang, segment=segment_name(s.segment, lang),
                          now=i18n.fmt_int(s.customers, lang),
                          before=i18n.fmt_int(s.previous, lang),
                          change=i18n.fmt_int(s.change, lang, signed=True),
                          days=i18n.fmt_int(w.lookback_days, lang)))
    elif w.segments_compared:
        out.append(i18n.t("overview.wc.no_segment_loss", lang,
                          days=i18n.fmt_int(w.lookback_days, lang)))
    if w.referrers:
        items = [i18n.t("overview.wc.referrer_one" if r.referred == 1 else
                        "overview.wc.referrer_many", lang, name=referrer_label(r, presenter),
                        n=i18n.fmt_int(r.referred, lang)) for r in w.referrers]
        out.append(i18n.t("overview.wc.referrers", lang, days=i18n.fmt_int(w.referrer_days, lang),
                          names=i18n.t("overview.wc.list_sep", lang).join(items)))
    return out


def what_changed_markdown(sentences: list[str], lang: str) -> str:
    """The sentences as a markdown list for st.markdown; every sentence is escaped (names and
    group labels come from the user's files, and a bare $ would start LaTeX)."""
    from cx import i18n
    from cx.ingest.history import escape_markdown

    if not sentences:
        return escape_markdown(i18n.t("overview.nothing_changed", lang))
    return "\n".join("- " + escape_markdown(s) for s in sentences)
