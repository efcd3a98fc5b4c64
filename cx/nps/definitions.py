"""The NPS area's fixed keys and numbers: score groups, breakdown dimensions, tenure bands, the
group keys the data cannot name (unmatched, unknown, no segment) and the follow-up windows.
Their meaning is in the package docstring (cx/nps/__init__.py). Plain constants: cx.nps.queries
reads them (the thin-sample line, THIN, is cx.headline's and lives in cx.nps.metrics)."""
from __future__ import annotations

__all__ = ["DIMENSIONS", "FOLLOW_DAYS", "GROUPS", "GROUP_SCORES", "NO_SEGMENT", "TENURE_BANDS",
           "UNKNOWN", "UNMATCHED", "YEAR_DAYS"]

GROUPS = ("promoter", "passive", "detractor")
GROUP_SCORES = {"promoter": (9, 10), "passive": (7, 8), "detractor": (0, 6)}
FOLLOW_DAYS = 90
YEAR_DAYS = 365
DIMENSIONS = ("channel", "touchpoint", "acquisition_channel", "segment", "tenure")
TENURE_BANDS = ("t0_30", "t31_90", "t91_180", "t181_365", "t366")
UNMATCHED = "__unmatched"
UNKNOWN = "__unknown"
NO_SEGMENT = "__none"
