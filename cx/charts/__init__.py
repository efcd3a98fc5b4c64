"""Plotly figure builders: DataFrame in, go.Figure out, no queries.

Shared styling lives in cx/charts/style.py; each area's builders live in cx/charts/<area>.py and
are re-exported here, so pages write `charts.cohort_heatmap(...)`.
"""
from __future__ import annotations

import importlib
import pkgutil

from cx.charts.style import *  # noqa: F401,F403

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name == "style":
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _name in getattr(_module, "__all__", ()):
        globals()[_name] = getattr(_module, _name)
