"""Spenders vs referrers: who is really valuable (issue 5).

`customer_values` (one row per customer) is the single source of every number: the page, the
export, the report, the NPS and churn pages all read it. Definitions: values.py.
"""
from __future__ import annotations

from cx.area import Area, Export
from cx.segments.export import export_segments
from cx.segments.headline import headline
from cx.segments.values import (COLUMNS, NO_PURCHASES, RFM_GROUPS, SEGMENTS, customer_values,
                                unknown_referrals)


def report_section(cur, scope, lang, presenter):
    """The meeting report's segments section (see cx/segments/report.py)."""
    from cx.segments.report import report_section as section

    return section(cur, scope, lang, presenter)


def bench_rows(store, data):
    """`python -m cx bench` rows (see cx/segments/bench.py)."""
    from cx.segments.bench import bench_rows as rows

    return rows(store, data)


__all__ = ["COLUMNS", "NO_PURCHASES", "RFM_GROUPS", "SEGMENTS", "bench_rows", "customer_values",
           "export_segments", "headline", "report_section", "unknown_referrals"]


def _opening(cur, scope) -> None:
    """The calls the segments page opens with (its default widgets)."""
    from cx.segments.views import segments_view

    segments_view(cur, scope, 365, 75.0, 0)


AREA = Area(
    name="segments", page="views/segments.py", headline=headline, report_section=report_section,
    opening=_opening,
    exports=(Export("segments", export_segments,
                    "one row per customer: spend and referral value, segment, RFM"),))
