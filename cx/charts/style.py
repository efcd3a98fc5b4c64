"""Colours, fonts and layout shared by every chart."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

__all__ = ["SEGMENT_COLORS", "NPS_GROUP_COLORS", "PALETTE", "FONT_FAMILY", "apply_style",
           "message_figure", "PLOTLY_CONFIG"]

FONT_FAMILY = ('"Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Source Sans Pro", '
               'sans-serif')
PALETTE = ["#2E6FBA", "#E07B39", "#3A9D5D", "#C44E52", "#8172B2", "#937860", "#DA8BC3",
           "#8C8C8C", "#CCB974", "#64B5CD"]
SEGMENT_COLORS = {"Champions": "#3A9D5D", "Spenders": "#2E6FBA", "Referrers": "#E07B39",
                  "Others": "#A0A0A0"}
NPS_GROUP_COLORS = {"promoter": "#3A9D5D", "passive": "#B0B0B0", "detractor": "#C44E52"}

# Set once as the default rather than per figure: a figure takes the default template without
# validating it, where `update_layout(template=...)` validates the whole template each time
# (about 25 ms a chart, most of a warm rerun of a page with six charts).
pio.templates.default = "plotly_white"

PLOTLY_CONFIG = {"displaylogo": False,
                 "toImageButtonOptions": {"format": "png", "scale": 2},
                 "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def apply_style(fig: go.Figure, title: str | None = None, presenter: bool = False,
                height: int | None = None) -> go.Figure:
    """The house look: light background, readable fonts (bigger in presenter mode)."""
    base = 17 if presenter else 13
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": base},
        title={"text": title, "font": {"size": base + 3}} if title else None,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def message_figure(message: str, presenter: bool = False) -> go.Figure:
    """A chart-sized note (for when there is nothing to draw), never an empty panel."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_style(fig, presenter=presenter, height=220)
