"""`python -m cx export segments`: one row per customer, the numbers the page shows."""
from __future__ import annotations

import pandas as pd

from cx.scope import Scope, resolve_scope
from cx.segments.values import SEGMENTS, customer_values

EXPORT_COLUMNS = ["customer_id", "spend_value", "referrals", "active_referrals", "referral_value",
                  "total_value", "chain_referrals", "chain_value", "segment", "recency_days",
                  "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_segment",
                  "nps_score", "retained_90d"]


def export_segments(cur, args) -> pd.DataFrame:
    """Customer values for --as-of/--end (default: the last data date), --lookback days and
    --percentile; --segment keeps one segment. Highest total value first. No names or emails
    (the page's action lists have those, masked in presenter mode)."""
    scope = resolve_scope(cur, Scope(start=getattr(args, "start", None),
                                     end=getattr(args, "as_of", None) or getattr(args, "end", None),
                                     currency=getattr(args, "currency", None)))
    lookback = getattr(args, "lookback", None)
    percentile = getattr(args, "percentile", None)
    values = customer_values(cur, scope, lookback_days=365 if lookback is None else lookback,
                             percentile=75.0 if percentile is None else percentile)
    segment = getattr(args, "segment", None)
    if segment:
        match = [s for s in SEGMENTS if s.lower() == str(segment).strip().lower()]
        if not match:
            raise ValueError(f"--segment must be one of {', '.join(SEGMENTS)}, not {segment!r}.")
        values = values[values["segment"] == match[0]]
    out = values.sort_values(["total_value", "customer_id"], ascending=[False, True])
    out = out[EXPORT_COLUMNS].reset_index(drop=True)
    for col in ("spend_value", "referral_value", "total_value", "chain_value", "monetary"):
        out[col] = out[col].round(2)
    return out
