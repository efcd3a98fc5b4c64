"""NPS: trends with honest error bars, period comparisons, breakdowns, behaviour and comments.

Definitions (docs/metrics.md; every NPS number in the app comes from here and cx.stats):

* **Groups**: promoters score 9-10, passives 7-8, detractors 0-6 (cx.sql.nps_group).
  **NPS** = 100 * (promoters - detractors) / responses, from -100 to 100.
* **95% interval**: cx.stats.nps_value: NPS +- Z95 * se (Z95 = 1.959964) with
  se = 100 * sqrt((p + q - (p - q)^2) / n), p and q the promoter and detractor shares (the
  variance of the per-response value +1 / 0 / -1), clipped to -100..100. With zero responses
  NPS and its interval are missing, never 0.
* **Thin**: fewer than 30 responses (`THIN`); marked on every chart and table.
* **Scope**: responses answered from `scope.start` to the analysis date `scope.end` (both days
  included). The currency only matters for revenue (behaviour table).
* **Matching a response to a customer**: cx.sql.matched_responses: its customer_id when that
  is a known customer (in `customers` or with an order), else the customer of its order_id,
  else the customer with its email (case-insensitive). Responses that match nobody still count
  for NPS everywhere and are reported as unmatched; breakdowns that need the customer put them
  in an "unmatched" group.
* **Period comparison**: the latest full period with responses up to the analysis date against
  the most recent earlier period with responses (periods without any are skipped, so a small
  shop with a quiet month still gets an answer) and against the same period a year earlier.
  Answers in the unfinished period containing the analysis date wait until it ends, unless no
  full period has answers (then that period so far is shown, with nothing to compare with).
  The difference's interval is cx.stats.difference_interval (se_diff = sqrt(se_a^2 + se_b^2));
  "a real drop/rise" when the interval excludes 0, else "within the noise".
* A **purchase** is `cx.sql.PURCHASE`, as in retention and segments (an order above 0, or of
  0 unless refunded in full): refund rows and fully refunded orders are not purchases, but
  revenue is net of them.
* **Tenure at the answer**: days from the customer's first purchase (or first_seen, whichever is
  earlier) to the response.
* **Behaviour** (per matched customer, by the group of their latest answer in scope):
  repeat purchase rate = share with 2+ purchases up to the analysis date; came back = share with
  a purchase in the 90 days after answering, among customers who answered at least 90 days
  before the analysis date; revenue after = their mean net revenue in those 90 days; net
  revenue in the last 365 days up to the analysis date.

Layout: queries.py (SQL), metrics.py (the numbers), themes.py (comment themes), sentences.py
(words), page.py (what views/nps.py shows, and its defaults), headline.py, report.py, export.py.
The bench's pandas twins are in cx/bench/nps.py.
"""
from __future__ import annotations

from cx.area import Area, Export
from cx.nps import export, page
from cx.nps.definitions import (
    DIMENSIONS,
    FOLLOW_DAYS,
    GROUP_SCORES,
    GROUPS,
    NO_SEGMENT,
    TENURE_BANDS,
    UNKNOWN,
    UNMATCHED,
)
from cx.nps.headline import headline
from cx.nps.metrics import (
    BEHAVIOUR_COLUMNS,
    BREAKDOWN_COLUMNS,
    COLUMNS,
    THIN,
    TREND_COLUMNS,
    Comparison,
    DetractorCost,
    Gap,
    PeriodComparisons,
    PeriodNps,
    add_nps,
    behaviour,
    breakdown_gap,
    breakdown_view,
    breakdowns,
    comment_themes,
    comments,
    compare,
    compare_periods,
    detractor_cost,
    finish_breakdown,
    finish_trend,
    match_summary,
    nps_by_period,
    nps_trend,
    overall,
    window_nps,
)
from cx.nps.page import (
    behaviour_tab,
    breakdown_tab,
    comments_tab,
    page_head,
    period_part,
    themes_tab,
)
from cx.nps.report import report_section
from cx.nps.sentences import (
    answers_text,
    comments_caption,
    comparison_notes,
    comparison_sentence,
    group_labels,
    matched_sentence,
)

__all__ = ["AREA", "BEHAVIOUR_COLUMNS", "BREAKDOWN_COLUMNS", "COLUMNS", "DIMENSIONS",
           "FOLLOW_DAYS", "GROUPS", "GROUP_SCORES", "NO_SEGMENT", "TENURE_BANDS", "THIN",
           "TREND_COLUMNS", "UNKNOWN", "UNMATCHED", "Comparison", "DetractorCost", "Gap",
           "PeriodComparisons", "PeriodNps", "add_nps", "answers_text", "behaviour",
           "behaviour_tab", "breakdown_gap", "breakdown_tab", "breakdown_view", "breakdowns",
           "comment_themes", "comments", "comments_caption", "comments_tab", "compare",
           "compare_periods", "comparison_notes", "comparison_sentence", "detractor_cost",
           "finish_breakdown", "finish_trend", "group_labels", "headline",
           "match_summary", "matched_sentence", "nps_by_period", "page_head", "nps_trend",
           "overall", "page", "period_part", "report_section", "themes_tab",
           "window_nps"]


AREA = Area(
    name="nps", page="views/nps.py", headline=headline, report_section=report_section,
    opening=page.opening, exports=(Export("nps", export.run, export.HELP),))
