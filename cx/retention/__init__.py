"""Retention: acquisition cohorts, retention matrices and curves, revenue retention, survival.

Definitions (DESIGN.md), and the choices made where it leaves room:

* A **purchase** is `cx.sql.PURCHASE` by a known customer: an order above 0, or of 0 (a free
  item, a fully discounted order) unless it was refunded in full. Orders without a
  customer_id cannot be followed over time and are left out of every customer metric
  (`orders_without_customer` counts them so the page can say so). Refund rows (negative
  amounts) and fully refunded orders are not purchases, but they count in revenue, which is
  net of refunds.
* **Cohort**: the period (week, month, quarter) of a customer's first purchase up to the analysis
  date. Only customers whose first purchase falls inside the scope (on or after `scope.start`)
  form cohorts; their later activity is followed up to the analysis date `scope.end`.
* **Retention(c, k)**, mode ``on``: share of cohort c with a purchase in period c+k; mode
  ``on_or_after``: a purchase in any period >= c+k (up to the analysis date). Period 0 is 100%.
* Cells after the analysis date's period are not produced (an empty cell, never a zero). The
  period that contains the analysis date is flagged ``in_progress`` unless the analysis date is
  its last day. Averages and curves use complete cells only.
* **Revenue retention(c, k)**: net revenue of cohort c's customers in period c+k divided by their
  period-0 net revenue (NaN when the period-0 revenue is not positive).
* **Survival**: Kaplan-Meier estimate (`cx.stats.kaplan_meier`) of the time from a customer's
  first purchase until they go inactive, i.e. until `horizon` days pass without a purchase (the
  churn label of DESIGN.md). A customer who comes back after lapsing counts as having lapsed
  (first lapse only). Customers still active at the analysis date are censored there. The 95%
  band uses Greenwood's variance.

Segments (`SEGMENT_DIMENSIONS`) split every measure by a property of the customer fixed at
acquisition; their values are the raw data values, with these special values:
``unknown`` (no value recorded), ``low`` / ``middle`` / ``high`` (first-order value terciles)
and ``promoter`` / ``passive`` / ``detractor`` / ``none`` (group of the customer's first
survey answer, matched to customers as on every page by `cx.sql.matched_responses`; ``none`` =
never answered).

Modules: queries.py (SQL), metrics.py (the numbers), figures.py and page.py (what the page
shows), export.py, report.py.
"""
from __future__ import annotations

from cx.area import Area, Export
from cx.available import orders_without_customer
from cx.retention import export
from cx.retention.metrics import (
    DEFAULT_HORIZON,
    PAGE_SCRIPT,
    KeyNumbers,
    Measure,
    Survival,
    available_segments,
    average_curve,
    cells_from_counts,
    cohort_customers,
    headline,
    key_numbers,
    period_k_series,
    retention_cells,
    survival,
)
from cx.retention.page import DEFAULTS, opening
from cx.retention.queries import MODES, SEGMENT_DIMENSIONS
from cx.retention.report import report_section

__all__ = ["AREA", "DEFAULTS", "DEFAULT_HORIZON", "MODES", "SEGMENT_DIMENSIONS", "KeyNumbers",
           "Measure", "Survival", "available_segments", "average_curve", "cells_from_counts",
           "cohort_customers", "headline", "key_numbers",
           "orders_without_customer", "period_k_series", "report_section", "retention_cells",
           "survival"]


AREA = Area(
    name="retention", page=PAGE_SCRIPT, headline=headline,
    report_section=report_section, opening=opening,
    exports=(Export("retention", export.run,
                    "cohort retention: one row per cohort and period since the first purchase"),))
