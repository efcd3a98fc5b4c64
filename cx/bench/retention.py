"""Retention rows of `python -m cx bench`: the matrices in DuckDB next to a vectorised pandas
twin of the same metric (checked equal), the segmented matrix, survival, the headline and the
purchase gap."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.bench.timing import row, timed
from cx.retention import metrics
from cx.scope import resolve_scope

__all__ = ["bench_rows", "pandas_counts"]


def _floor_series(ts: pd.Series, period: str) -> pd.Series:
    if period == "month":
        return ts.values.astype("datetime64[M]").astype("datetime64[ns]")
    if period == "week":
        d = ts.dt.normalize()
        return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).to_numpy()
    return ts.dt.to_period("Q").dt.start_time.to_numpy()


def pandas_counts(transactions: pd.DataFrame, period: str, as_of: date,
                  start: date | None = None) -> pd.DataFrame:
    """`cx.retention.queries.cells_sql` (no segment) in vectorised pandas: the bench's comparison
    and a test oracle (a purchase as cx.sql.purchase: above 0, or 0 with nothing refunded)."""
    tx = transactions[transactions["customer_id"].notna()
                      & (transactions["ordered_at"] < pd.Timestamp(as_of + timedelta(days=1)))]
    refunded = tx["refunded"].fillna(0) if "refunded" in tx else pd.Series(0.0, index=tx.index)
    bought = (tx["amount"] > 0) | ((tx["amount"] == 0) & (refunded == 0))
    tx = tx[["customer_id", "ordered_at", "amount"]].assign(bought=bought)
    first = tx.loc[tx["bought"]].groupby("customer_id")["ordered_at"].min()
    if start is not None:
        first = first[first >= pd.Timestamp(start)]
    cohort = pd.Series(_floor_series(first, period), index=first.index, name="cohort")
    tx = tx[tx["customer_id"].isin(cohort.index)]
    per = pd.DataFrame({"customer_id": tx["customer_id"].to_numpy(),
                        "p": _floor_series(tx["ordered_at"], period),
                        "bought": tx["bought"].to_numpy().astype("int64"),
                        "revenue": tx["amount"].to_numpy()})
    per = per.groupby(["customer_id", "p"], as_index=False).agg(bought=("bought", "max"),
                                                                revenue=("revenue", "sum"))
    per["cohort"] = per["customer_id"].map(cohort)
    per = per[per["p"] >= per["cohort"]]
    last_p = per.loc[per["bought"] == 1].groupby("customer_id")["p"].max()
    per["last_active"] = ((per["bought"] == 1)
                          & (per["p"] == per["customer_id"].map(last_p))).astype("int64")
    out = per.groupby(["cohort", "p"], as_index=False).agg(
        active=("bought", "sum"), last_active=("last_active", "sum"), revenue=("revenue", "sum"))
    out.insert(0, "segment", "all")
    return out


def bench_rows(store, data) -> list[dict]:
    """The monthly and weekly matrices in DuckDB next to vectorised pandas (checked equal), the
    matrix by channel, survival, the headline and the median purchase gap."""
    cur = store.cursor()
    try:
        scope = resolve_scope(cur)
        rows = []
        for period in ("month", "week"):
            t_sql, cells = timed(lambda p=period: metrics.retention_cells(cur, scope, p), 3)
            t_pd, pcounts = timed(lambda p=period: metrics.cells_from_counts(
                pandas_counts(data.transactions, p, scope.as_of), p, scope.as_of), 3)
            cols = ["customers", "active_on", "active_on_or_after"]
            same = (len(cells) == len(pcounts)
                    and (cells[cols].to_numpy() == pcounts[cols].to_numpy()).all()
                    and np.allclose(cells["revenue"], pcounts["revenue"], atol=0.01))
            rows.append(row(f"retention matrix {period} (on + on-or-after + revenue)", t_sql,
                            t_pd, 0.2, f"{len(cells):,} cells; same numbers as pandas: "
                            f"{'yes' if same else 'NO'}"))
        t_seg, seg = timed(lambda: metrics.retention_cells(cur, scope, "month",
                                                           "acquisition_channel"), 3)
        rows.append(row("retention matrix month by acquisition channel", t_seg, None, 0.2,
                        f"{seg['segment'].nunique()} segments"))
        t_km, surv = timed(lambda: metrics.survival(cur, scope, metrics.DEFAULT_HORIZON,
                                                    "acquisition_channel"), 3)
        rows.append(row("survival (Kaplan-Meier, 90 days, by channel)", t_km, None, 0.2,
                        f"median {surv.medians.iloc[0]['median_days']:.0f} days"))
        t_head, _ = timed(lambda: metrics.headline(cur, scope), 3)
        rows.append(row("retention headline (repeat rate, month-1)", t_head, None, 0.2))
        t_gap, _ = timed(lambda: metrics.median_gap_days(cur, scope), 3)
        rows.append(row("median days between purchases", t_gap, None, 0.2))
    finally:
        cur.close()
    return rows
