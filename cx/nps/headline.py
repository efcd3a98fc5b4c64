"""The NPS headline of the overview page, and the NPS page's key numbers as Headlines (their
two comparisons, cx.headline.compared_texts)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from cx.available import available
from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.nps import queries
from cx.nps.metrics import (
    PeriodNps,
    last_full_period,
    nps_trend,
    period_nps,
    scope_windows,
)
from cx.scope import Scope, period_end, period_floor, shift_period
from cx.stats import count_se, proportion_se

__all__ = ["headline", "scope_headlines"]

PAGE = "views/nps.py"


def headline(cur, scope: Scope) -> list[Headline]:
    """NPS of the latest full months resting on at least MIN_SAMPLE answers (the last full month
    when it has that many, else it pooled with the months before it until they reach it), with
    its interval, against the months before chosen the same way and against the same months a
    year earlier (the NPS interval of each side), and a 12-month trend."""
    as_of = scope.as_of
    this_start = period_floor(as_of, "month")
    last_full = last_full_period(as_of, "month")
    df = queries.period_counts(cur, Scope(start=None, end=as_of), "month")
    if df.empty:
        if not available(cur).surveys:
            return [Headline("nps.headline", None, kind="absent", page=PAGE, absent="surveys")]
        return []
    counts = {pd.Timestamp(p).date(): (int(pr or 0), int(pa or 0), int(de or 0))
              for p, _, pr, pa, de in df.itertuples(index=False)}
    full = sorted((m for m in counts if m <= last_full), reverse=True)
    key = "nps.headline"
    if not full:  # only the unfinished month has answers: that month so far
        full, key = [this_start], "nps.headline_partial"
    pools, pool = [], []
    for m in full:
        pool.append(m)
        if sum(sum(counts[x]) for x in pool) >= MIN_SAMPLE:
            pools.append(pool)
            pool = []
        if len(pools) == 2:
            break
    if not pools:
        return [Headline(key, None, None, "points", PAGE,
                         thin=sum(sum(counts[x]) for x in pool),
                         basis=Basis("month", 0, unit="responses"))]

    def pooled(months) -> PeriodNps:
        pr, pa, de = (sum(counts.get(m, (0, 0, 0))[i] for m in months) for i in range(3))
        return period_nps(months[-1], min(period_end(months[0], "month"), as_of), pr, pa, de)

    def basis(months, n):
        return Basis("month", n, months[-1], months[0], unit="responses")

    cur_p = pooled(pools[0])
    prev_p = pooled(pools[1]) if len(pools) > 1 else None
    # the same months a year earlier, pooled alike; compared when the answers reach back to
    # them and number at least MIN_SAMPLE. (The partial fallback has no earlier answers at all:
    # no full month has any, so both comparisons say so.)
    year_months = [shift_period(m, "month", -12) for m in pools[0]]
    year_p = pooled(year_months) if min(counts) <= year_months[-1] else None
    year = {}
    if year_p is not None and year_p.responses:
        year = {"year_ago_basis": basis(year_months, year_p.responses),
                "year_missing": "headline.year.thin"}
        if year_p.responses >= MIN_SAMPLE:
            year.update(year_ago=year_p.nps, year_ago_se=year_p.se)
    trend_scope = replace(scope, start=period_floor(as_of, "month").replace(year=as_of.year - 1))
    trend = nps_trend(cur, trend_scope, "month")
    done = trend[~trend["partial"].astype(bool) & ~trend["thin"].astype(bool)] \
        if not trend.empty else trend
    values = tuple(float(x) for x in done["nps"].dropna()) if not done.empty else ()
    return [Headline(key, cur_p.nps, prev_p.nps if prev_p else None, "points", PAGE,
                     values, interval=(cur_p.ci_low, cur_p.ci_high),
                     basis=basis(pools[0], cur_p.responses),
                     previous_basis=basis(pools[1], prev_p.responses) if prev_p else None,
                     se=cur_p.se, previous_se=prev_p.se if prev_p else None, **year)]


def scope_headlines(cur, scope: Scope) -> tuple[Headline, Headline, Headline]:
    """The NPS page's key numbers over the scope, each with its two comparisons: the same number
    of days just before the scope and the same days a year earlier, each only when the answers
    reach back to its first day (else the help says there is no data for it). NPS with the NPS
    interval's se; answers as a Poisson count; the promoters' share as a proportion of the
    answers (the "promoters / detractors" card: the detractors' change is then the NPS card's
    change minus this one)."""
    w = scope_windows(cur, scope)

    def basis(p: PeriodNps) -> Basis:
        return Basis("days", p.responses, last=p.end, days=w.days, unit="responses")

    def sides(value, se, zero_is_data: bool = False) -> dict:
        """The comparison fields of one measure, from `value(p)` and `se(p)` of each window. A
        window without answers has no NPS nor share ("no data", never a zero) unless
        `zero_is_data` (the number of answers: 0 is a measurement)."""
        out = {"previous_missing": "headline.previous.none"}
        for name, p in (("previous", w.previous), ("year_ago", w.year)):
            if p is not None and (p.responses or zero_is_data):
                out.update({name: value(p), f"{name}_se": se(p), f"{name}_basis": basis(p)})
        return out

    def promoters(p: PeriodNps) -> float:
        return p.promoters / p.responses

    now = w.current
    return (
        Headline("nps.kpi.nps", now.nps, kind="points", page=PAGE, basis=basis(now),
                 interval=(now.ci_low, now.ci_high), se=now.se,
                 **sides(lambda p: p.nps, lambda p: p.se)),
        Headline("nps.kpi.responses", float(now.responses), kind="int", page=PAGE,
                 basis=basis(now), se=count_se(now.responses),
                 **sides(lambda p: float(p.responses), lambda p: count_se(p.responses),
                         zero_is_data=True)),
        Headline("nps.kpi.mix", promoters(now) if now.responses else None, kind="pct",
                 page=PAGE, basis=basis(now), se=proportion_se(now.promoters, now.responses),
                 **sides(promoters, lambda p: proportion_se(p.promoters, p.responses))),
    )
