"""Repeat purchase: do first-time buyers buy a second time, how soon, and what made the ones who
did? (F2 conversion.)

Definitions (docs/metrics.md "Second purchase"):

* A **purchase** is what retention counts (`cx.sql.PURCHASE` by a known customer). Orders on the
  day of the first purchase are one visit: the **second purchase** is the first purchase on a
  later calendar day (`cx.sql.purchase_visits`); the third and fourth are the next purchase days.
* **Acquisition cohort**: the week, month or quarter of the first purchase; only customers whose
  first purchase is on or after the scope's start, followed up to the analysis date.
* **Second purchase within N days** (N = 30, 60, 90, 180, 365): share of the cohort whose second
  purchase came at most N days after the first. A cohort's cell is empty (never 0) until every
  customer could have had N days: the last day of its period plus N is on or before the
  analysis date.
* **Median days to second purchase** of a cohort: the day by which half of its second purchases
  within 365 days had happened (the smallest day whose cumulative count reaches half); empty
  until the cohort is mature for 365 days. The page's days-to-second chart pools the cohorts
  mature for the longest window that holds at least MIN_SAMPLE second purchases, and gives the
  days by which 50% and 80% of them had happened.
* **Funnel**: customers with at least 1, 2, 3, 4 purchase days so far, overall and per cohort.
* **First-purchase groups**: customers grouped by their first order (the earliest purchase,
  then the smallest order id): its product category, whether it carried a discount (a discount
  code or an amount above 0; offered when the data has discounts at all), its channel,
  its value band (terciles of first-order value, as retention's segment) or whether the customer
  was referred (credited as on the segments page, `cx.sql.credited_referrals`). Per group: the
  second-purchase rate within 90 days of the customers observed 90 days (Wilson 95% interval),
  the net revenue per customer in the first 365 days (from the first purchase day to 365 days
  after it, refunds included) of the customers observed that long (normal 95% interval of the
  mean), and the NPS of the group's survey answers (matched as on every page). A group behind
  fewer than MIN_SAMPLE customers (answers) is marked thin.

Modules: queries.py (SQL), metrics.py (the numbers), figures.py and page.py (what the page
shows), export.py, report.py.
"""
from __future__ import annotations

from cx.area import Area, Export
from cx.repeat import export
from cx.repeat.metrics import (
    PAGE_SCRIPT,
    DaysToSecond,
    Standout,
    cohort_table,
    day_quantile,
    days_to_second,
    first_purchase,
    first_purchase_table,
    funnel,
    funnel_table,
    headline,
    repeat_cohorts,
    standout_group,
)
from cx.repeat.page import DEFAULTS, opening
from cx.repeat.queries import BY, WINDOWS
from cx.repeat.report import report_section

__all__ = ["AREA", "BY", "DEFAULTS", "WINDOWS", "DaysToSecond", "Standout", "cohort_table",
           "day_quantile", "days_to_second", "first_purchase", "first_purchase_table", "funnel",
           "funnel_table", "headline", "report_section", "repeat_cohorts", "standout_group"]

AREA = Area(
    name="repeat", page=PAGE_SCRIPT, headline=headline, report_section=report_section,
    opening=opening,
    exports=(Export("repeat", export.run_repeat,
                    "second purchase by acquisition cohort: the share within 30-365 days"),
             Export("first-purchase", export.run_first_purchase,
                    "customers grouped by their first order (--by category|discount|channel|"
                    "value|referred): second-purchase rate, 365-day revenue, NPS")))
