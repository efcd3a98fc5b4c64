"""Headline numbers: each area's `headline(cur, scope)` returns these for the overview page."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Headline:
    key: str  # i18n key of the label, e.g. "overview.revenue"
    value: float | None
    previous: float | None = None  # the same measure for the previous period, for the change
    kind: str = "int"  # how to format: int | money | pct | points
    page: str = ""  # the page that explains it, e.g. "views/retention.py"
    trend: tuple[float, ...] = field(default_factory=tuple)  # a small series, oldest first
    higher_is_better: bool = True
    interval: tuple[float, float] | None = None  # e.g. NPS 95% interval

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous
