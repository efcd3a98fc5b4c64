"""Every analysis area, declared once: the command line, the overview, the meeting report, the
bench and the preparation after an import iterate AREAS (see docs/architecture.md)."""
from __future__ import annotations

from cx import churn, nps, repeat, retention, segments
from cx.area import Area

__all__ = ["AREAS", "area_named"]

AREAS: tuple[Area, ...] = (retention.AREA, repeat.AREA, segments.AREA, nps.AREA, churn.AREA)


def area_named(name: str) -> Area:
    return next(a for a in AREAS if a.name == name)
