"""`python -m cx bench`: the NPS queries in DuckDB next to vectorised pandas on the same survey
answers (the pandas twins below, with the same matching as cx.sql.matched_responses)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cx import nps
from cx.bench.timing import row, timed
from cx.scope import Scope, resolve_scope

__all__ = ["bench_rows", "pandas_breakdowns", "pandas_trend"]


def _pandas_counts(frame: pd.DataFrame, keys) -> pd.DataFrame:
    score = frame["score"]
    parts = pd.DataFrame({"promoters": (score >= 9).astype("int64"),
                          "passives": ((score >= 7) & (score <= 8)).astype("int64"),
                          "detractors": (score <= 6).astype("int64")})
    return parts.groupby(keys, sort=True).sum()


def pandas_trend(surveys: pd.DataFrame, scope: Scope, period: str = "month",
                 rolling: int | None = None) -> pd.DataFrame:
    """The trend the vectorised-pandas way: the same output as cx.nps.nps_trend, with the
    counting done by pandas instead of SQL."""
    p = scope.params()
    s = surveys[(surveys["responded_at"] >= p["start"]) & (surveys["responded_at"] < p["end_excl"])]
    freq = {"week": "W", "month": "M", "quarter": "Q"}[period]
    starts = s["responded_at"].dt.to_period(freq).dt.start_time
    raw = _pandas_counts(s, starts).reset_index(names="period_start")
    return nps.finish_trend(raw, scope, period, rolling)


def pandas_matched(data, scope: Scope) -> pd.DataFrame:
    """The answers in scope with `cid`, their customer: a known customer id, else the customer of
    their order, else the customer with their e-mail (case-insensitive, the smallest id)."""
    p = scope.params()
    sv, tx, cu = data.survey_responses, data.transactions, data.customers
    s = sv[(sv["responded_at"] >= p["start"]) & (sv["responded_at"] < p["end_excl"])].copy()
    known = pd.Index(pd.concat([cu["customer_id"], tx["customer_id"].dropna()]).unique())
    cid = s["customer_id"].where(s["customer_id"].isin(known))
    order_owner = tx.dropna(subset=["customer_id"]).groupby("order_id")["customer_id"].min()
    cid = cid.fillna(s["order_id"].map(order_owner))
    email_owner = (cu.dropna(subset=["email"]).assign(key=lambda d: d["email"].str.lower())
                   .groupby("key")["customer_id"].min())
    s["cid"] = cid.fillna(s["email"].str.lower().map(email_owner))
    return s


def pandas_breakdowns(data, scope: Scope) -> pd.DataFrame:
    """Channel, touchpoint, acquisition channel and tenure breakdowns in vectorised pandas: the
    same rows as cx.nps.breakdowns(segments=False)."""
    tx, cu = data.transactions, data.customers
    s = pandas_matched(data, scope)
    first = pd.concat([tx[tx["amount"] > 0].groupby("customer_id")["ordered_at"].min(),
                       cu.groupby("customer_id")["first_seen"].min()]).groupby(level=0).min()
    days = (s["responded_at"].dt.normalize() - s["cid"].map(first).dt.normalize()).dt.days
    bands = pd.cut(days, [-np.inf, 30, 90, 180, 365, np.inf], labels=list(nps.TENURE_BANDS))
    s["tenure"] = bands.astype(object).where(days.notna(), nps.UNKNOWN)
    s.loc[s["cid"].isna(), "tenure"] = nps.UNMATCHED
    acq = cu.groupby("customer_id")["acquisition_channel"].max()
    s["acquisition_channel"] = s["cid"].map(acq).fillna(nps.UNKNOWN)
    s.loc[s["cid"].isna(), "acquisition_channel"] = nps.UNMATCHED
    s["channel"] = s["channel"].fillna(nps.UNKNOWN)
    s["touchpoint"] = s["touchpoint"].fillna(nps.UNKNOWN)
    frames = []
    for dim in ("channel", "touchpoint", "acquisition_channel", "tenure"):
        part = _pandas_counts(s, s[dim]).reset_index(names="group")
        part.insert(0, "dimension", dim)
        frames.append(part)
    return nps.finish_breakdown(pd.concat(frames, ignore_index=True))


def _same(ours: pd.DataFrame, theirs: pd.DataFrame, key: list[str]) -> bool:
    return (ours[key].sort_values(key).reset_index(drop=True)
            .equals(theirs[key].sort_values(key).reset_index(drop=True)))


def bench_rows(store, data) -> list[dict]:
    """The NPS rows of `python -m cx bench` (budget 0.2 s each): DuckDB and pandas on the same
    survey answers, in the same run. cx.bench times them inside cx.cache.computing()."""
    cur = store.cursor()
    try:
        scope = resolve_scope(cur, Scope())
        n = len(data.survey_responses)
        t_db, ours = timed(lambda: nps.nps_by_period(cur, scope, "month"), repeat=5)
        t_pd, theirs = timed(lambda: pandas_trend(data.survey_responses, scope)[nps.COLUMNS],
                             repeat=5)
        same = ours["responses"].tolist() == theirs["responses"].tolist()
        rows = [row(f"NPS trend by month ({n:,} answers)", t_db, t_pd, 0.2,
                    "" if same else "MISMATCH with pandas")]
        t_db, ours = timed(lambda: nps.nps_by_period(cur, scope, "week", rolling=4), repeat=5)
        t_pd, theirs = timed(lambda: pandas_trend(data.survey_responses, scope, "week", 4)
                             [nps.COLUMNS], repeat=5)
        same = ours["responses"].tolist() == theirs["responses"].tolist()
        rows.append(row("NPS trend by week, rolling 4", t_db, t_pd, 0.2,
                        "" if same else "MISMATCH with pandas"))
        t_db, ours = timed(lambda: nps.breakdowns(cur, scope, segments=False), repeat=3)
        t_pd, theirs = timed(lambda: pandas_breakdowns(data, scope), repeat=3)
        same = _same(ours, theirs, ["dimension", "group", "responses"])
        rows.append(row("NPS breakdowns (4 dimensions, matched)", t_db, t_pd, 0.2,
                        "" if same else "MISMATCH with pandas"))
        t_db, _ = timed(lambda: nps.breakdowns(cur, scope), repeat=1)
        rows.append(row("NPS breakdowns + customer segments", t_db, None, None,
                        "includes cx.segments.customer_values"))
        t_db, _ = timed(lambda: nps.compare_periods(cur, scope, "month"), repeat=3)
        rows.append(row("NPS period comparison", t_db, None, 0.2))
        t_db, _ = timed(lambda: nps.behaviour(cur, scope), repeat=3)
        rows.append(row("NPS and behaviour (per customer)", t_db, None, 0.2))
        t_db, (themes, info) = timed(lambda: nps.comment_themes(cur, scope), repeat=1)
        rows.append(row("NPS comment themes", t_db, None, None,
                        f"{info['texts_used']:,} distinct texts, {len(themes)} themes"))
        return rows
    finally:
        cur.close()
