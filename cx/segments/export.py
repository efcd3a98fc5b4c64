"""`python -m cx export segments`: one row per customer, the numbers the page shows."""
from __future__ import annotations

import pandas as pd

from cx.area import ExportArgs
from cx.scope import resolve_scope
from cx.segments.metrics import LOOKBACK_DAYS, PERCENTILE, SEGMENTS, customer_values

__all__ = ["EXPORT_COLUMNS", "export_segments"]

EXPORT_COLUMNS = ["customer_id", "spend_value", "referrals", "active_referrals", "referral_value",
                  "total_value", "chain_referrals", "chain_value", "segment", "recency_days",
                  "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_segment",
                  "nps_score", "retained_90d"]


def export_segments(cur, args: ExportArgs) -> pd.DataFrame:
    """Customer values for --as-of/--end (default: the last data date), --lookback days and
    --percentile (default: the page's, a year and the top quarter); --segment keeps one segment.
    Highest total value first. No names or emails (the page's action lists have those, masked in
    presenter mode)."""
    scope = resolve_scope(cur, args.scope)
    values = customer_values(cur, scope,
                             lookback_days=LOOKBACK_DAYS if args.lookback is None else args.lookback,
                             percentile=PERCENTILE if args.percentile is None else args.percentile)
    if args.segment:
        match = [s for s in SEGMENTS if s.lower() == args.segment.strip().lower()]
        if not match:
            raise ValueError(
                f"--segment must be one of {', '.join(SEGMENTS)}, not {args.segment!r}.")
        values = values[values["segment"] == match[0]]
    out = values.sort_values(["total_value", "customer_id"], ascending=[False, True])
    out = out[EXPORT_COLUMNS].reset_index(drop=True)
    for col in ("spend_value", "referral_value", "total_value", "chain_value", "monetary"):
        out[col] = out[col].round(2)
    return out
