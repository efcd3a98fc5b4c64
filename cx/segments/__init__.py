"""Spenders vs referrers: who is really valuable (issue 5).

`customer_values` (one row per customer) is the single source of every number: the page, the
export, the overview headline, the NPS and churn pages all read it. Definitions: values.py.
"""
from __future__ import annotations

from cx.segments.values import (COLUMNS, NO_PURCHASES, RFM_GROUPS, SEGMENTS, customer_values,
                                unknown_referrals)

__all__ = ["COLUMNS", "NO_PURCHASES", "RFM_GROUPS", "SEGMENTS", "customer_values",
           "unknown_referrals"]
