"""What an analysis area declares, typed: `Area` (its headline, report section, exports and the
calls its page opens with) and the typed arguments an export takes. Every area module exports
one `AREA`; cx/areas.py lists them (see docs/architecture.md)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from cx.headline import Headline
from cx.scope import Scope

if TYPE_CHECKING:  # the figures' type only: plotly is not needed to declare an area
    import plotly.graph_objects as go

__all__ = ["Area", "Export", "ExportArgs", "ReportSection"]


@dataclass(frozen=True)
class ExportArgs:
    """What `python -m cx export METRIC` was asked for (None: the metric's default)."""
    start: date | None = None
    end: date | None = None  # the analysis date (--end, or its other name --as-of)
    currency: str | None = None
    period: str = "month"
    mode: str = "on"
    segment: str | None = None
    horizon: int | None = None
    lookback: int | None = None
    percentile: float | None = None
    by: str | None = None

    @property
    def scope(self) -> Scope:
        """The scope asked for, unresolved (cx.scope.resolve_scope fills it from the data)."""
        return Scope(start=self.start, end=self.end,
                     currency=self.currency.strip().upper() if self.currency else None)


ExportResult = pd.DataFrame | dict


@dataclass(frozen=True)
class Export:
    name: str  # the METRIC of `python -m cx export METRIC`
    run: Callable[..., ExportResult]  # run(cur, ExportArgs)
    help: str


@dataclass
class ReportSection:
    """One section of the meeting report: a title, sentences, figures and a table."""
    title: str
    sentences: list[str] = field(default_factory=list)
    figures: list[go.Figure] = field(default_factory=list)
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class Area:
    name: str  # "retention"
    page: str  # its page script, "views/retention.py"
    headline: Callable[..., list[Headline]]  # headline(cur, scope)
    report_section: Callable[..., ReportSection | None]  # (cur, scope, lang, presenter)
    exports: tuple[Export, ...] = ()
    # opening(cur, scope): make the calls the page opens with, with the page's defaults, so
    # cx.areas.prepare_pages keeps their results on disk after an import
    opening: Callable[..., object] | None = None
    # headline_state(cur, scope): what, besides the data, the headline depends on (churn:
    # whether its model is fitted yet); the overview keeps its page per data version and state
    headline_state: Callable[..., object] | None = None
