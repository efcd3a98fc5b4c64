"""`python -m cx export nps`: NPS per period with its 95% interval."""
from __future__ import annotations

import pandas as pd

from cx.area import ExportArgs
from cx.nps.metrics import nps_by_period
from cx.scope import resolve_scope

__all__ = ["run"]

HELP = "NPS per period with its 95% interval"


def run(cur, args: ExportArgs) -> pd.DataFrame:
    """--period week|month|quarter [--start --end/--as-of --currency]: exactly cx.nps.COLUMNS,
    the NPS and its interval in points rounded to 0.1."""
    return nps_by_period(cur, resolve_scope(cur, args.scope), args.period or "month")
