"""`python -m cx export retention`: every observed cell of the retention matrix."""
from __future__ import annotations

import pandas as pd

from cx.area import ExportArgs
from cx.retention.metrics import retention_cells
from cx.retention.queries import SEGMENT_DIMENSIONS, check
from cx.scope import resolve_scope

__all__ = ["export_frame", "run", "segment_arg"]


def segment_arg(text: str | None) -> tuple[str | None, str | None]:
    """--segment DIMENSION or DIMENSION=VALUE -> (dimension, value or None)."""
    if not text:
        return None, None
    dim, eq, value = text.partition("=")
    dim = dim.strip()
    if dim not in SEGMENT_DIMENSIONS:
        raise ValueError(f"--segment must be one of {', '.join(SEGMENT_DIMENSIONS)} "
                         f"(optionally DIMENSION=VALUE), not {text!r}")
    if eq and not value.strip():
        raise ValueError(f"--segment {dim}= needs a value after '=' (e.g. {dim}=VALUE).")
    return dim, (value.strip() if eq else None)


def export_frame(cells: pd.DataFrame, mode: str = "on") -> pd.DataFrame:
    """The export's columns (with a leading segment column) from retention_cells; the page's
    matrix download uses it too, so the page and the CLI give the same numbers."""
    check("month", mode=mode)
    out = pd.DataFrame({
        "segment": cells["segment"], "cohort": cells["cohort_label"],
        "period": cells["k"].astype("int64"), "customers": cells["customers"].astype("int64"),
        "active": cells[f"active_{mode}"].astype("int64"),
        "retention": cells[f"retention_{mode}"].astype(float).round(6),
        "in_progress": cells["in_progress"].astype(bool)})
    return out.reset_index(drop=True)


def run(cur, args: ExportArgs) -> pd.DataFrame:
    """Every observed cell, in-progress ones flagged.

    Columns cohort (YYYY-MM / YYYY-Www / YYYY-Qn), period (k, periods since the first purchase),
    customers (cohort size), active, retention (0..1), in_progress. Arguments: period
    (week|month|quarter), mode (on|on_or_after), start/end (cohorts acquired from start; end =
    the analysis date), currency, and segment:
      * ``DIMENSION`` (one of SEGMENT_DIMENSIONS, e.g. acquisition_channel) adds a first column
        ``segment`` holding the raw segment value (channel names as in the data; unknown,
        low/middle/high, promoter/passive/detractor/none as in cx/retention/__init__.py);
      * ``DIMENSION=VALUE`` keeps only that segment's customers, with the six columns.
    """
    check(args.period, mode=args.mode)
    dim, value = segment_arg(args.segment)
    scope = resolve_scope(cur, args.scope)
    cells = retention_cells(cur, scope, args.period, dim)
    if value is not None:
        cells = cells[cells["segment"] == value]
    out = export_frame(cells, args.mode)
    if dim is None or value is not None:
        out = out.drop(columns=["segment"])
    return out
