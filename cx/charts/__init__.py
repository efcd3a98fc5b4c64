"""Plotly figure builders: DataFrame in, go.Figure out, no queries, no translation.

Each area's builders live in cx/charts/<area>.py with one signature, `f(df, *, labels,
presenter)` (labels: the translated strings and formatters the area's page.py builds); shared
styling lives in cx/charts/style.py. Import the module you need: `from cx.charts import nps as
nps_charts`.
"""
from __future__ import annotations

from cx.charts.style import PLOTLY_CONFIG

__all__ = ["PLOTLY_CONFIG"]
