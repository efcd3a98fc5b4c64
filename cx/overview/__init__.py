"""The overview page: activity headlines of its own, every area's headline (cx.areas.AREAS) and
"what changed" in plain sentences; its report section is the activity chart.

Layout (the shape of every area, docs/architecture.md): queries.py (the SQL), metrics.py (the
numbers and the facts behind the sentences), page.py (what the page shows, and the headline
formatting the report shares), report.py.
"""
from __future__ import annotations

from cx.overview.metrics import (
    GroupMove,
    Referrer,
    SegmentLoss,
    WhatChanged,
    activity,
    activity_headlines,
    biggest_group_move,
    headlines,
    segment_losing_most,
    top_referrers,
    what_changed,
)
from cx.overview.page import (
    OverviewPage,
    format_change,
    format_changes,
    format_diff,
    format_interval,
    format_value,
    headline_texts,
    overview_page,
    referrer_label,
    what_changed_markdown,
    what_changed_sentences,
)
from cx.overview.queries import monthly_activity
from cx.overview.report import report_section

__all__ = ["GroupMove", "OverviewPage", "Referrer", "SegmentLoss", "WhatChanged", "activity",
           "activity_headlines", "biggest_group_move", "format_change", "format_changes",
           "format_diff", "format_interval", "format_value", "headline_texts", "headlines", "monthly_activity", "overview_page", "referrer_label",
           "report_section", "segment_losing_most", "top_referrers", "what_changed",
           "what_changed_markdown", "what_changed_sentences"]
