"""Spenders vs referrers: who is really valuable (issue 5).

`customer_values` (one row per customer) is the single source of every number: the page, the
export, the report, the overview, the NPS and churn pages all read it. Layout (the shape of every
area, docs/architecture.md): queries.py (the SQL), metrics.py (the definitions, customer_values
and everything made from it), headline.py (the overview's numbers), page.py (what the page shows),
export.py, report.py.
"""
from __future__ import annotations

from cx.area import Area, Export
from cx.segments.export import export_segments
from cx.segments.headline import headline
from cx.segments.metrics import (
    COLUMNS,
    NO_PURCHASES,
    RFM_GROUPS,
    SEGMENTS,
    SegmentsView,
    compare_windows,
    customer_values,
    previous_scope,
    segments_view,
    unknown_referrals,
)
from cx.segments.page import (
    LOOKBACK_DAYS,
    MAX_REFERRALS,
    PERCENTILE,
    SegmentsPage,
    opening,
    segment_name,
    segments_page,
)
from cx.segments.report import report_section

__all__ = ["AREA", "COLUMNS", "LOOKBACK_DAYS", "MAX_REFERRALS", "NO_PURCHASES", "PERCENTILE",
           "RFM_GROUPS", "SEGMENTS", "SegmentsPage", "SegmentsView", "compare_windows",
           "customer_values", "export_segments", "headline", "previous_scope", "report_section",
           "segment_name", "segments_page", "segments_view", "unknown_referrals"]

AREA = Area(
    name="segments", page="views/segments.py", headline=headline, report_section=report_section,
    opening=opening,
    exports=(Export("segments", export_segments,
                    "one row per customer: spend and referral value, segment, RFM"),))
