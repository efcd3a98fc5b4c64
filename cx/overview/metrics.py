"""The overview's numbers: its own activity headlines, every area's headline (cx.areas.AREAS),
and the facts behind the "what changed" sentences. No sentences here: cx/overview/page.py."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from cx import nps, segments
from cx.areas import AREAS
from cx.available import available
from cx.cache import kept
from cx.headline import Basis, Headline
from cx.overview.queries import activity_rows, monthly_activity, top_referrer_rows
from cx.scope import Scope, day_window, year_earlier
from cx.stats import count_se, nps_value, total_se

__all__ = ["GROUP_DIMENSIONS", "REFERRER_DAYS", "SEGMENT_LOOKBACK", "SEGMENT_PERCENTILE",
           "TOP_REFERRERS", "ActivityWindow", "GroupMove", "Referrer", "SegmentLoss",
           "WhatChanged", "activity", "activity_headlines", "biggest_group_move", "headlines",
           "segment_losing_most", "top_referrers", "what_changed"]


@dataclass(frozen=True)
class ActivityWindow:
    days: int
    active_customers: int
    orders: int
    revenue: float
    revenue_sq: float = 0.0  # the sum of squared order amounts (cx.stats.total_se)


def activity_windows(cur, scope: Scope, window_days: int = 30
                     ) -> tuple[ActivityWindow, ActivityWindow, ActivityWindow | None]:
    """Active customers, orders and revenue in the last `window_days` up to the analysis date,
    in the window before it and in the same days a year earlier (None when the data starts after
    that window's first day: no data then, not zero)."""
    df = activity_rows(cur, scope, window_days).set_index("time_window")

    def window(name: str) -> ActivityWindow:
        if name not in df.index:
            return ActivityWindow(window_days, 0, 0, 0.0)
        r = df.loc[name]
        return ActivityWindow(window_days, int(r["active_customers"]), int(r["orders"]),
                              float(r["revenue"]), float(r["revenue_sq"]))

    year_first, _ = day_window(year_earlier(scope.as_of), window_days)
    first = df["first_day"].iloc[0] if len(df) else None
    reached = first is not None and not pd.isna(first) and pd.Timestamp(first).date() <= year_first
    return window("current"), window("previous"), window("year") if reached else None


def activity(cur, scope: Scope, window_days: int = 30) -> tuple[ActivityWindow, ActivityWindow]:
    """Active customers, orders and revenue in the last `window_days` up to the analysis date,
    and in the window before it."""
    current, previous, _ = activity_windows(cur, scope, window_days)
    return current, previous


@kept
def activity_headlines(cur, scope: Scope, window_days: int = 30) -> list[Headline]:
    current, previous, year = activity_windows(cur, scope, window_days)
    trend = monthly_activity(cur, scope)
    # the last month may be partial: trends show complete months only
    complete = trend[trend["month"] < pd.Timestamp(scope.as_of).to_period("M").to_timestamp()]
    end, before_end = scope.as_of, scope.as_of - timedelta(days=window_days)
    year_end = year_earlier(end)
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
                                               last=before_end, days=window_days),
                          # a count of customers: Poisson (cx.stats.count_se)
                          se=count_se(current.active_customers),
                          previous_se=count_se(previous.active_customers),
                          **_year(year, lambda w: w.active_customers,
                                  lambda w: count_se(w.active_customers),
                                  lambda w: Basis("days", w.active_customers, last=year_end,
                                                  days=window_days)))
    else:  # guest orders only: no customer to count
        active = Headline("overview.active_customers", None, kind="absent",
                          page="views/retention.py", absent="customer_ids")
    return [
        active,
        Headline("overview.revenue", current.revenue, previous.revenue, "money",
                 "views/segments.py", tuple(float(x) for x in complete["revenue"]),
                 basis=Basis("days", current.orders, last=end, days=window_days, unit="orders"),
                 previous_basis=Basis("days", previous.orders, last=before_end,
                                      days=window_days, unit="orders"),
                 # a money total: compound Poisson (cx.stats.total_se)
                 se=total_se(current.revenue_sq), previous_se=total_se(previous.revenue_sq),
                 **_year(year, lambda w: w.revenue, lambda w: total_se(w.revenue_sq),
                         lambda w: Basis("days", w.orders, last=year_end, days=window_days,
                                         unit="orders"))),
    ]


def _year(window: ActivityWindow | None, value, se, basis) -> dict:
    """The year-ago fields of an activity headline (none when the data does not reach back)."""
    if window is None:
        return {}
    return {"year_ago": float(value(window)), "year_ago_se": se(window),
            "year_ago_basis": basis(window)}


def headlines(cur, scope: Scope) -> list[Headline]:
    """The overview's activity headlines, then every area's `headline(cur, scope)` (each keeps its
    own result), in the order of cx.areas.AREAS."""
    out = list(activity_headlines(cur, scope))
    for area in AREAS:
        out += area.headline(cur, scope)
    return out


# -- what changed --------------------------------------------------------------------------
# The facts behind a few plain sentences: the NPS move (latest full month against the one
# before, cx.nps.compare_periods), the biggest real move of one channel's or touchpoint's NPS
# over the same two months, the spender/referrer segment that lost most customers against the
# previous window (cx.segments, with the segments page's default window and threshold) and the
# customers who referred most new customers lately (credited as on the segments page).
SEGMENT_LOOKBACK = segments.LOOKBACK_DAYS
SEGMENT_PERCENTILE = segments.PERCENTILE
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
    if now is None or before is None or now.empty or before.empty:
        return None
    cols = ["dimension", "group", "promoters", "passives", "detractors", "responses"]
    both = now[cols].merge(before[cols], on=["dimension", "group"], suffixes=("", "_b"))
    both = both[both["dimension"].isin(dimensions)
                & ~both["group"].isin([nps.UNKNOWN, nps.UNMATCHED, nps.NO_SEGMENT])
                & (both["responses"] >= nps.THIN) & (both["responses_b"] >= nps.THIN)]
    (a_start, a_end), (b_start, b_end) = windows

    def period(start, end, pr, pa, de):
        pr, pa, de = int(pr), int(pa), int(de)
        return nps.PeriodNps(start, end, pr + pa + de, pr, pa, de, *nps_value(pr, pa, de))

    best = None
    for r in both.itertuples(index=False):
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
    rows = table[table["segment"].isin(segments.SEGMENTS)].dropna(subset=["customers_prev"])
    rows = rows[rows["customers_change"] < 0]
    if rows.empty:
        return None
    order = {s: i for i, s in enumerate(segments.SEGMENTS)}
    r = min(rows.itertuples(index=False),
            key=lambda r: (r.customers_change, order[r.segment]))
    return SegmentLoss(r.segment, int(r.customers), int(r.customers_prev))


def top_referrers(cur, scope: Scope, days: int = REFERRER_DAYS,
                  top: int = TOP_REFERRERS) -> tuple[Referrer, ...]:
    """Who referred most new customers in the last `days` up to the analysis date (a referral's
    date, else the referred customer's first order), credited as on the segments page
    (cx.sql.credited_referrals: a known referrer, no self-referral, and a customer referred by
    several people counts only for the earliest). Most referred first, then by id."""
    df = top_referrer_rows(cur, scope, days, top)
    return tuple(Referrer(str(r.customer_id), None if pd.isna(r.name) else str(r.name),
                          None if pd.isna(r.email) else str(r.email), int(r.referred))
                 for r in df.itertuples(index=False))


@kept
def what_changed(cur, scope: Scope) -> WhatChanged:
    """The facts behind the "what changed" sentences (no language, no masking:
    cx.overview.page.what_changed_sentences does those)."""
    comp = nps.compare_periods(cur, scope, "month")
    move = None
    if comp.previous is not None:
        a, b = comp.previous.current, comp.previous.other
        now = nps.breakdowns(cur, Scope(a.start, a.end), segments=False)
        before = nps.breakdowns(cur, Scope(b.start, b.end), segments=False)
        move = biggest_group_move(now, before, ((a.start, a.end), (b.start, b.end)))
    cur_values = segments.customer_values(cur, scope, SEGMENT_LOOKBACK, SEGMENT_PERCENTILE,
                                          contacts=False)
    prev_values = segments.customer_values(cur, segments.previous_scope(scope, SEGMENT_LOOKBACK),
                                           SEGMENT_LOOKBACK, SEGMENT_PERCENTILE, contacts=False)
    compared = len(cur_values) > 0 and len(prev_values) > 0
    loss = (segment_losing_most(segments.compare_windows(cur_values, prev_values))
            if compared else None)
    return WhatChanged(nps=comp.previous, nps_partial=comp.partial, group_move=move,
                       segments_compared=compared, segment_loss=loss,
                       referrers=top_referrers(cur, scope))
