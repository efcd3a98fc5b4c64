"""NPS: trends with honest error bars, period comparisons, breakdowns, behaviour and comments.

Definitions (DESIGN.md "Metric definitions"; every NPS number in the app comes from here):

* **Groups**: promoters score 9-10, passives 7-8, detractors 0-6.
  **NPS** = 100 * (promoters - detractors) / responses, from -100 to 100.
* **95% interval**: NPS +- 1.96 * se with se = 100 * sqrt((p + q - (p - q)^2) / n), p and q the
  promoter and detractor shares (the variance of the per-response value +1 / 0 / -1), clipped
  to -100..100. With zero responses NPS and its interval are missing, never 0.
* **Thin**: fewer than 30 responses (`THIN`); marked on every chart and table.
* **Scope**: responses answered from `scope.start` to the analysis date `scope.end` (both days
  included). The currency only matters for revenue (behaviour table).
* **Matching a response to a customer**: its customer_id when that is a known customer (in
  `customers` or with an order), else the customer of its order_id, else the customer with its
  email (case-insensitive). Responses that match nobody still count for NPS everywhere and are
  reported as unmatched; breakdowns that need the customer put them in an "unmatched" group.
* **Period comparison**: the latest full period with responses up to the analysis date against
  the most recent earlier period with responses (periods without any are skipped, so a small
  shop with a quiet month still gets an answer) and against the same period a year earlier.
  Answers in the unfinished period containing the analysis date wait until it ends, unless no
  full period has answers (then that period so far is shown, with nothing to compare with).
  The difference's interval uses se_diff = sqrt(se_a^2 + se_b^2); "a real drop/rise" when the
  interval excludes 0, else "within the noise".
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
"""
from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from cx.area import Area, Export
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.scope import (
    TX_UNTIL_END,
    Scope,
    period_floor,
    period_label,
    period_start_sql,
    resolve_scope,
)
from cx.sql import PURCHASE
from cx.store import data_version, fetch_df, one

COLUMNS = ["period", "responses", "promoters", "passives", "detractors", "nps", "ci_low",
           "ci_high"]
GROUPS = ("promoter", "passive", "detractor")
GROUP_SCORES = {"promoter": (9, 10), "passive": (7, 8), "detractor": (0, 6)}
THIN = MIN_SAMPLE  # the project's one minimum sample (cx.headline)
Z95 = 1.96
FOLLOW_DAYS = 90
YEAR_DAYS = 365
DIMENSIONS = ("channel", "touchpoint", "acquisition_channel", "segment", "tenure")
TENURE_BANDS = ("t0_30", "t31_90", "t91_180", "t181_365", "t366")
UNMATCHED = "__unmatched"
UNKNOWN = "__unknown"
NO_SEGMENT = "__none"
ROLLING_CHOICES = (0, 3, 6, 12)  # periods pooled on the page (0 = none)

COUNTS_SQL = """
       COUNT(*) AS responses,
       SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
       SUM(CASE WHEN score >= 7 AND score <= 8 THEN 1 ELSE 0 END) AS passives,
       SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors"""

RESP_IN_SCOPE = "responded_at >= $start AND responded_at < $end_excl"


# -- the number and its interval ---------------------------------------------------------------
def nps_value(promoters, passives, detractors) -> tuple[float, float, float, float]:
    """(nps, ci_low, ci_high, se) in points; NaN everywhere for zero responses."""
    n = promoters + passives + detractors
    if n <= 0:
        return (math.nan,) * 4
    p, q = promoters / n, detractors / n
    nps = 100.0 * (p - q)
    se = 100.0 * math.sqrt(max(p + q - (p - q) ** 2, 0.0) / n)
    return nps, max(nps - Z95 * se, -100.0), min(nps + Z95 * se, 100.0), se


def add_nps(df: pd.DataFrame) -> pd.DataFrame:
    """Vectorised nps, ci_low, ci_high, se and thin columns from promoters/passives/detractors."""
    out = df.copy()
    for col in ("promoters", "passives", "detractors"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    n = (out["promoters"] + out["passives"] + out["detractors"]).astype("int64")
    out["responses"] = n
    with np.errstate(divide="ignore", invalid="ignore"):
        nf = n.astype(float).where(n > 0)
        p, q = out["promoters"] / nf, out["detractors"] / nf
        nps = 100.0 * (p - q)
        se = 100.0 * np.sqrt(np.clip(p + q - (p - q) ** 2, 0, None) / nf)
    out["nps"] = nps
    out["ci_low"] = (nps - Z95 * se).clip(lower=-100.0)
    out["ci_high"] = (nps + Z95 * se).clip(upper=100.0)
    out["se"] = se
    out["thin"] = n < THIN
    return out


# -- trend -----------------------------------------------------------------------------------
def _period_sql(period: str) -> str:
    return f"""
SELECT {period_start_sql('responded_at', period)} AS period_start,{COUNTS_SQL}
FROM survey_responses
WHERE {RESP_IN_SCOPE}
GROUP BY {period_start_sql('responded_at', period)}
"""


def _next_period(d: date, period: str) -> date:
    if period == "week":
        return d + timedelta(days=7)
    months = 1 if period == "month" else 3
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _period_end(start: date, period: str) -> date:
    """Last day of the period that starts on `start`."""
    return _next_period(start, period) - timedelta(days=1)


TREND_COLUMNS = COLUMNS + ["period_start", "se", "thin", "partial"]


def nps_trend(cur, scope: Scope, period: str = "month", rolling: int | None = None) -> pd.DataFrame:
    """NPS per period, every period from the first answer in scope to the analysis date (periods
    without answers have 0 responses and a missing NPS). `rolling=k` pools the counts of the k
    periods ending at each period (for businesses with few answers). Columns: COLUMNS plus
    period_start (date), se, thin, partial (the analysis date falls before the period's end)."""
    if rolling is not None and int(rolling) < 1:
        raise ValueError(f"rolling must be at least 1 period, not {rolling}.")
    raw = fetch_df(cur, _period_sql(period), scope.params())
    return finish_trend(raw, scope, period, rolling)


def finish_trend(raw: pd.DataFrame, scope: Scope, period: str,
                 rolling: int | None = None) -> pd.DataFrame:
    """Counts per period start (columns period_start, promoters, passives, detractors) to the
    trend: missing periods filled in, rolling sums, NPS, interval, labels and flags. Plain numpy:
    this runs on every trend call."""
    if raw.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TREND_COLUMNS})
    found = {pd.Timestamp(d).date(): (int(pr), int(pa), int(de)) for d, pr, pa, de in zip(
        raw["period_start"], raw["promoters"], raw["passives"], raw["detractors"])}
    first = min(found)
    last = max(period_floor(scope.end, period), first) if scope.end else max(found)
    starts = [first]
    while starts[-1] < last:
        starts.append(_next_period(starts[-1], period))
    counts = np.array([found.get(d, (0, 0, 0)) for d in starts], dtype="int64").reshape(-1, 3)
    if rolling and int(rolling) > 1:
        k = int(rolling)
        csum = np.vstack([np.zeros((1, 3), dtype="int64"), counts.cumsum(axis=0)])
        idx = np.arange(1, len(starts) + 1)
        counts = csum[idx] - csum[np.maximum(idx - k, 0)]
    pr, pa, de = counts[:, 0], counts[:, 1], counts[:, 2]
    n = pr + pa + de
    with np.errstate(divide="ignore", invalid="ignore"):
        nf = np.where(n > 0, n, np.nan)
        p, q = pr / nf, de / nf
        nps = 100.0 * (p - q)
        se = 100.0 * np.sqrt(np.clip(p + q - (p - q) ** 2, 0, None) / nf)
    end = scope.end
    return pd.DataFrame({
        "period": [period_label(d, period) for d in starts],
        "responses": n, "promoters": pr, "passives": pa, "detractors": de,
        "nps": nps, "ci_low": np.maximum(nps - Z95 * se, -100.0),
        "ci_high": np.minimum(nps + Z95 * se, 100.0),
        "period_start": starts, "se": se, "thin": n < THIN,
        "partial": [bool(end is not None and _period_end(d, period) > end) for d in starts],
    }, columns=TREND_COLUMNS)


def nps_by_period(cur, scope: Scope, period: str = "month",
                  rolling: int | None = None) -> pd.DataFrame:
    """The export shape: exactly COLUMNS, nps and interval in points rounded to 0.1."""
    trend = nps_trend(cur, scope, period, rolling)
    types = {"period": object, "responses": "int64", "promoters": "int64", "passives": "int64",
             "detractors": "int64", "nps": "float64", "ci_low": "float64", "ci_high": "float64"}
    if trend.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in types.items()})
    # finish_trend's columns already have these types: no astype pass (it cost a third of the
    # call on a small shop's data, more than the query)
    return pd.DataFrame({c: (pd.Series(trend[c].to_numpy(dtype=object), dtype=object)
                             if c == "period"
                             else trend[c].to_numpy().round(1) if types[c] == "float64"
                             else trend[c].to_numpy(dtype="int64")) for c in COLUMNS},
                        copy=False)


def export_nps(cur, args) -> pd.DataFrame:
    """`python -m cx export nps --period week|month|quarter [--start --end/--as-of --currency]`."""
    end = getattr(args, "end", None) or getattr(args, "as_of", None)
    scope = resolve_scope(cur, Scope(start=getattr(args, "start", None), end=end,
                                     currency=getattr(args, "currency", None)))
    return nps_by_period(cur, scope, getattr(args, "period", None) or "month")


# -- overall and period comparison -------------------------------------------------------------
@dataclass(frozen=True)
class PeriodNps:
    start: date
    end: date  # last day counted
    responses: int
    promoters: int
    passives: int
    detractors: int
    nps: float
    ci_low: float
    ci_high: float
    se: float

    @property
    def thin(self) -> bool:
        return self.responses < THIN


@dataclass(frozen=True)
class Comparison:
    kind: str  # "previous" | "year"
    current: PeriodNps
    other: PeriodNps
    diff: float
    ci_low: float
    ci_high: float

    @property
    def verdict(self) -> str:
        """up / down (the interval of the difference excludes 0) or noise."""
        if self.ci_low > 0:
            return "up"
        if self.ci_high < 0:
            return "down"
        return "noise"


WINDOW_SQL = f"""
SELECT{COUNTS_SQL}
FROM survey_responses
WHERE responded_at >= $w_start AND responded_at < $w_end_excl
"""


def window_nps(cur, start: date, end: date) -> PeriodNps:
    """NPS of the answers from `start` to `end` (both days included), whatever the scope."""
    row = one(cur, WINDOW_SQL, {"w_start": pd.Timestamp(start),
                                "w_end_excl": pd.Timestamp(end + timedelta(days=1))})
    pr, pa, de = (int(x or 0) for x in row[1:4])
    return PeriodNps(start, end, pr + pa + de, pr, pa, de, *nps_value(pr, pa, de))


def overall(cur, scope: Scope) -> PeriodNps:
    """NPS of every answer in scope."""
    return window_nps(cur, scope.start or date(1900, 1, 1), scope.end or date(2999, 12, 30))


def compare(current: PeriodNps, other: PeriodNps, kind: str) -> Comparison | None:
    if current.responses == 0 or other.responses == 0:
        return None
    diff = current.nps - other.nps
    se = math.sqrt(current.se ** 2 + other.se ** 2)
    return Comparison(kind, current, other, diff, diff - Z95 * se, diff + Z95 * se)


def year_earlier(start: date, period: str) -> date:
    if period == "week":
        return start - timedelta(days=364)
    return start.replace(year=start.year - 1)


@dataclass(frozen=True)
class PeriodComparisons:
    period: str
    current: PeriodNps | None
    previous: Comparison | None
    year: Comparison | None
    partial: bool  # the current period is the unfinished one containing the analysis date
    # answers so far in the unfinished period containing the analysis date, when that period is
    # not the one compared (it is compared once it ends)
    pending: int = 0
    skipped: int = 0  # periods without answers between the compared one and the analysis date
    unfinished_start: date | None = None  # start of the unfinished period, when `pending`


def compare_periods(cur, scope: Scope, period: str = "month") -> PeriodComparisons:
    """The latest full period with answers up to the analysis date against the most recent
    earlier period with answers and the same period a year earlier (see the module docstring).
    Periods without answers in between are skipped (a small shop may have none for a month).
    Reference periods may lie before scope.start: the comparison is about the analysis date.
    One query: the counts of every period."""
    as_of = scope.as_of
    this_start = period_floor(as_of, period)
    last_full = this_start if _period_end(this_start, period) <= as_of \
        else period_floor(this_start - timedelta(days=1), period)
    df = fetch_df(cur, _period_sql(period), Scope(start=None, end=as_of).params())
    counts = {}
    for p, _, pr, pa, de in df.itertuples(index=False):
        pr, pa, de = int(pr or 0), int(pa or 0), int(de or 0)
        if pr + pa + de:
            counts[_as_date(p)] = (pr, pa, de)

    def at(start: date, end: date) -> PeriodNps:
        pr, pa, de = counts.get(start, (0, 0, 0))
        return PeriodNps(start, end, pr + pa + de, pr, pa, de, *nps_value(pr, pa, de))

    full = sorted((p for p in counts if p <= last_full), reverse=True)
    pending = sum(counts.get(this_start, ())) if this_start > last_full else 0
    if not full:  # only the unfinished period has answers: the period so far, nothing to compare
        if not pending:
            return PeriodComparisons(period, None, None, None, False)
        return PeriodComparisons(period, at(this_start, as_of), None, None, True)
    start = full[0]
    current = at(start, _period_end(start, period))
    skipped = 0
    p = last_full
    while p > start:
        skipped += 1
        p = period_floor(p - timedelta(days=1), period)
    previous = None
    if len(full) > 1:
        previous = compare(current, at(full[1], _period_end(full[1], period)), "previous")
    y_start = year_earlier(start, period)
    year = compare(current, at(y_start, _period_end(y_start, period)), "year")
    return PeriodComparisons(period, current, previous, year, False, pending, skipped,
                             this_start if pending else None)


def _as_date(x) -> date:
    return pd.Timestamp(x).date()


def count_text(key: str, lang: str, count, /, **values) -> str:
    """The string `key` for a count: `key.one` when the count is exactly 1 and that key exists
    (English singular; Japanese has no plural, so its `.one` text reads like the plain one)."""
    from cx import i18n

    one = f"{key}.one"
    return i18n.t(one if count == 1 and i18n.has(one) else key, lang, **values)


def answers_text(n: int, lang: str = "en") -> str:
    """'1 answer', '40 answers' (回答 40 件)."""
    from cx import i18n

    return count_text("nps.answers", lang, n, n=i18n.fmt_int(n, lang))


def comparison_notes(comp: PeriodComparisons, lang: str = "en") -> list[str]:
    """The captions under the comparison sentences: what could not be compared and why, which
    periods were skipped, and the unfinished period waiting to be compared."""
    from cx import i18n

    p = comp.period
    unit, units = i18n.t(f"nps.unit.{p}", lang), i18n.t(f"nps.units.{p}", lang)
    if comp.current is None:
        return [i18n.t("nps.cmp.no_current", lang)]
    current = i18n.fmt_period(comp.current.start, p, lang)
    if comp.partial:
        return [i18n.t("nps.cmp.partial", lang, current=current,
                       nps=i18n.fmt_points(comp.current.nps, lang),
                       answers=answers_text(comp.current.responses, lang))]
    notes = []
    if comp.previous is None:
        notes.append(i18n.t("nps.cmp.no_previous", lang))
    elif comp.year is None:
        notes.append(i18n.t("nps.cmp.no_year", lang))
    if comp.skipped:
        notes.append(count_text("nps.cmp.skipped", lang, comp.skipped, current=current,
                                unit=unit, units=units, n=i18n.fmt_int(comp.skipped, lang)))
    if comp.pending:
        notes.append(i18n.t("nps.cmp.pending", lang, unit=unit,
                            current=i18n.fmt_period(comp.unfinished_start, p, lang),
                            answers=answers_text(comp.pending, lang)))
    return notes


def matched_sentence(matches: dict, lang: str = "en") -> str:
    """'38 of 40 answers matched a customer (30 by customer ID, ...); 2 match no customer...'
    from match_summary."""
    from cx import i18n

    num = lambda x: i18n.fmt_int(x, lang)  # noqa: E731
    n, none = matches["responses"], matches["none"]
    return i18n.t(
        "nps.behave.matched", lang,
        of=count_text("nps.behave.matched_of", lang, n, matched=num(matches["matched"]), n=num(n)),
        by_id=num(matches["id"]), by_order=num(matches["order"]), by_email=num(matches["email"]),
        unmatched=count_text("nps.behave.unmatched", lang, none, n=num(none)))


def comments_caption(count: int, shown: int, lang: str = "en") -> str:
    """How many comments match the filters and how many are listed."""
    from cx import i18n

    if shown >= count:
        return count_text("nps.comments.count_all", lang, count, n=i18n.fmt_int(count, lang))
    return i18n.t("nps.comments.count", lang, n=i18n.fmt_int(count, lang),
                  shown=i18n.fmt_int(shown, lang))


def comparison_sentence(c: Comparison, period: str, lang: str = "en") -> str:
    """The comparison in plain words, in the reader's language, e.g. 'Oct 2026 vs Sep 2026:
    NPS 31 (120 answers) vs 38 (131 answers), down 7 points (95% interval -15 to +1): within the
    noise.'"""
    from cx import i18n

    diff = round(c.diff)
    if diff == 0:
        move = i18n.t("nps.cmp.same", lang)
    else:
        move = i18n.t("nps.cmp.up" if diff > 0 else "nps.cmp.down", lang, n=abs(diff))
    text = i18n.t(
        "nps.cmp.sentence", lang,
        current=i18n.fmt_period(c.current.start, period, lang),
        other=i18n.fmt_period(c.other.start, period, lang),
        a=i18n.fmt_points(c.current.nps, lang), b=i18n.fmt_points(c.other.nps, lang),
        answers_a=answers_text(c.current.responses, lang),
        answers_b=answers_text(c.other.responses, lang),
        move=move, lo=i18n.fmt_points(c.ci_low, lang, signed=True),
        hi=i18n.fmt_points(c.ci_high, lang, signed=True),
        verdict=i18n.t(f"nps.cmp.verdict.{c.verdict}", lang))
    if c.current.thin or c.other.thin:  # the normal approximation is rough on few answers
        text += " " + i18n.t("nps.cmp.thin_note", lang, n=THIN)
    return text


# -- matching responses to customers -----------------------------------------------------------
# Matching, cheapest first: ids found in `customers`; only ids not found there are looked up in
# `transactions`; only answers without a known id are matched by order, then by email (so a
# survey export that carries customer ids never scans orders for them).
MATCHED_CTE = f"""
resp AS (
    SELECT response_id, customer_id, email, order_id, responded_at, score, comment,
           touchpoint, channel
    FROM survey_responses
    WHERE {RESP_IN_SCOPE}
),
id_in_customers AS (
    SELECT DISTINCT customer_id FROM customers
    WHERE customer_id IN (SELECT customer_id FROM resp)
),
id_elsewhere AS (
    SELECT DISTINCT r.customer_id FROM resp r
    LEFT JOIN id_in_customers c ON c.customer_id = r.customer_id
    WHERE r.customer_id IS NOT NULL AND c.customer_id IS NULL
),
id_in_orders AS (
    SELECT DISTINCT customer_id FROM transactions
    WHERE customer_id IN (SELECT customer_id FROM id_elsewhere)
),
known AS (
    SELECT customer_id FROM id_in_customers
    UNION ALL
    SELECT customer_id FROM id_in_orders
),
by_id AS (
    SELECT r.*, k.customer_id AS id_match
    FROM resp r LEFT JOIN known k ON k.customer_id = r.customer_id
),
order_owner AS (
    SELECT order_id, MIN(customer_id) AS customer_id
    FROM transactions
    WHERE customer_id IS NOT NULL
      AND order_id IN (SELECT order_id FROM by_id
                       WHERE id_match IS NULL AND order_id IS NOT NULL)
    GROUP BY order_id
),
email_owner AS (
    SELECT LOWER(email) AS email_key, MIN(customer_id) AS customer_id
    FROM customers
    WHERE email IS NOT NULL
      AND LOWER(email) IN (SELECT LOWER(email) FROM by_id
                           WHERE id_match IS NULL AND email IS NOT NULL)
    GROUP BY LOWER(email)
),
matched AS (
    SELECT b.response_id, b.customer_id, b.email, b.order_id, b.responded_at, b.score,
           b.comment, b.touchpoint, b.channel,
           COALESCE(b.id_match, oo.customer_id, eo.customer_id) AS cid,
           CASE WHEN b.id_match IS NOT NULL THEN 'id'
                WHEN oo.customer_id IS NOT NULL THEN 'order'
                WHEN eo.customer_id IS NOT NULL THEN 'email'
                ELSE 'none' END AS matched_by,
           CASE WHEN b.score >= 9 THEN 'promoter' WHEN b.score >= 7 THEN 'passive'
                ELSE 'detractor' END AS grp
    FROM by_id b
    LEFT JOIN order_owner oo ON b.id_match IS NULL AND oo.order_id = b.order_id
    LEFT JOIN email_owner eo ON b.id_match IS NULL AND eo.email_key = LOWER(b.email)
)"""

MATCH_SQL = f"""
WITH {MATCHED_CTE}
SELECT matched_by, COUNT(*) AS responses FROM matched GROUP BY matched_by
"""


@kept
def match_summary(cur, scope: Scope) -> dict:
    """Responses in scope by how they matched a customer: id, order, email, none."""
    rows = dict(fetch_df(cur, MATCH_SQL, scope.params()).itertuples(index=False, name=None))
    out = {k: int(rows.get(k, 0)) for k in ("id", "order", "email", "none")}
    out["responses"] = sum(out.values())
    out["matched"] = out["responses"] - out["none"]
    return out


# -- breakdowns --------------------------------------------------------------------------------
BREAKDOWN_SQL = f"""
WITH {MATCHED_CTE},
firsts AS (
    SELECT customer_id, MIN(first_at) AS first_at FROM (
        SELECT customer_id, MIN(ordered_at) AS first_at FROM transactions
        WHERE customer_id IN (SELECT cid FROM matched) AND {PURCHASE} GROUP BY customer_id
        UNION ALL
        SELECT customer_id, MIN(first_seen) FROM customers
        WHERE customer_id IN (SELECT cid FROM matched) GROUP BY customer_id) x
    GROUP BY customer_id
),
profile AS (
    SELECT customer_id, MAX(acquisition_channel) AS acquisition_channel
    FROM customers WHERE customer_id IN (SELECT cid FROM matched) GROUP BY customer_id
),
enriched AS (
    SELECT m.score, m.cid,
           COALESCE(NULLIF(TRIM(m.channel), ''), '{UNKNOWN}') AS channel,
           COALESCE(NULLIF(TRIM(m.touchpoint), ''), '{UNKNOWN}') AS touchpoint,
           CASE WHEN m.cid IS NULL THEN '{UNMATCHED}'
                ELSE COALESCE(NULLIF(TRIM(p.acquisition_channel), ''), '{UNKNOWN}')
           END AS acquisition_channel,
           CASE WHEN m.cid IS NULL THEN '{UNMATCHED}'
                WHEN f.first_at IS NULL THEN '{UNKNOWN}'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 30
                    THEN 't0_30'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 90
                    THEN 't31_90'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 180
                    THEN 't91_180'
                WHEN DATE_DIFF('day', CAST(f.first_at AS DATE), CAST(m.responded_at AS DATE)) <= 365
                    THEN 't181_365'
                ELSE 't366' END AS tenure
    FROM matched m
    LEFT JOIN firsts f ON f.customer_id = m.cid
    LEFT JOIN profile p ON p.customer_id = m.cid
)
SELECT 'channel' AS dimension, channel AS grp,{COUNTS_SQL} FROM enriched GROUP BY channel
UNION ALL
SELECT 'touchpoint' AS dimension, touchpoint AS grp,{COUNTS_SQL} FROM enriched GROUP BY touchpoint
UNION ALL
SELECT 'acquisition_channel' AS dimension, acquisition_channel AS grp,{COUNTS_SQL}
FROM enriched GROUP BY acquisition_channel
UNION ALL
SELECT 'tenure' AS dimension, tenure AS grp,{COUNTS_SQL} FROM enriched GROUP BY tenure
"""

PER_CUSTOMER_SQL = f"""
WITH {MATCHED_CTE}
SELECT cid AS customer_id,{COUNTS_SQL}
FROM matched GROUP BY cid
"""

BREAKDOWN_COLUMNS = ["dimension", "group", "responses", "promoters", "passives", "detractors",
                     "nps", "ci_low", "ci_high", "se", "small"]


def _finish_breakdown(df: pd.DataFrame) -> pd.DataFrame:
    """Intervals, the small flag and the order: NPS high to low, tenure in band order, the
    special groups (unmatched, unknown, no segment) last."""
    df = add_nps(df).rename(columns={"thin": "small"})
    special = df["group"].isin([UNMATCHED, UNKNOWN, NO_SEGMENT])
    tenure_pos = df["group"].map({b: i for i, b in enumerate(TENURE_BANDS)})
    df["_special"] = special.astype(int)
    df["_order"] = np.where(df["dimension"] == "tenure", tenure_pos.fillna(99),
                            -df["nps"].fillna(-1000))
    df = df.sort_values(["dimension", "_special", "_order", "group"], kind="stable")
    return df[BREAKDOWN_COLUMNS].reset_index(drop=True)


def segment_breakdown(cur, scope: Scope) -> pd.DataFrame | None:
    """NPS by spender/referrer segment (cx.segments, 365-day lookback to the analysis date);
    None when that module is not installed."""
    try:
        from cx.segments import customer_values
    except ImportError:
        return None
    per = fetch_df(cur, PER_CUSTOMER_SQL, scope.params())
    if per.empty:
        return pd.DataFrame(columns=["dimension", "group", "promoters", "passives", "detractors"])
    seg = customer_values(cur, scope, contacts=False)[["customer_id", "segment"]]
    per = per.merge(seg, on="customer_id", how="left")
    per["group"] = np.where(per["customer_id"].isna(), UNMATCHED,
                            per["segment"].fillna(NO_SEGMENT))
    out = per.groupby("group", as_index=False)[["promoters", "passives", "detractors"]].sum()
    out.insert(0, "dimension", "segment")
    return out


@kept
def breakdowns(cur, scope: Scope, segments: bool = True) -> pd.DataFrame:
    """NPS by channel, touchpoint, acquisition channel, segment and tenure band, one row per
    (dimension, group) with counts, interval and `small` (< 30 responses). Columns:
    BREAKDOWN_COLUMNS. Group keys from the data are shown as they are; UNMATCHED, UNKNOWN and
    NO_SEGMENT are for the page to translate."""
    df = fetch_df(cur, BREAKDOWN_SQL, scope.params())
    df = df.rename(columns={"grp": "group"})[["dimension", "group", "promoters", "passives",
                                              "detractors"]]
    seg = segment_breakdown(cur, scope) if segments else None
    if seg is not None and not seg.empty:
        df = pd.concat([df, seg], ignore_index=True)
    if df.empty:
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    return _finish_breakdown(df)


MAX_GROUPS = 25  # groups a breakdown chart shows (a file may hold hundreds of touchpoints)


def breakdown_view(table: pd.DataFrame, dimension: str,
                   limit: int = MAX_GROUPS) -> tuple[pd.DataFrame, int]:
    """One dimension's rows as shown: the `limit` groups with the most answers, in the table's
    order; and how many groups there are in all."""
    part = table[table["dimension"] == dimension]
    if len(part) > limit:
        keep = part["responses"].sort_values(ascending=False, kind="stable").index[:limit]
        part = part.loc[part.index.isin(keep)]
    return part.reset_index(drop=True), int((table["dimension"] == dimension).sum())


@dataclass(frozen=True)
class Gap:
    dimension: str
    a: str  # group keys: for tenure the newest band, else the highest NPS
    b: str  # for tenure the oldest band with enough answers, else the lowest NPS
    a_nps: float
    b_nps: float
    diff: float
    ci_low: float
    ci_high: float

    @property
    def real(self) -> bool:
        return self.ci_low > 0 or self.ci_high < 0


def breakdown_gap(table: pd.DataFrame, dimension: str) -> Gap | None:
    """The gap worth a sentence in one dimension, among groups with at least THIN answers
    (special groups left out): highest vs lowest NPS, or for tenure the newest band against the
    oldest (the honeymoon effect). Its interval: se_diff = sqrt(se_a^2 + se_b^2)."""
    part = table[(table["dimension"] == dimension) & ~table["small"].astype(bool)
                 & ~table["group"].isin([UNMATCHED, UNKNOWN, NO_SEGMENT])].dropna(subset=["nps"])
    if len(part) < 2:
        return None
    if dimension == "tenure":
        part = part.set_index("group").reindex([b for b in TENURE_BANDS if b in set(part["group"])])
        part = part.reset_index()
    a, b = part.iloc[0], part.iloc[-1]
    diff = float(a["nps"] - b["nps"])
    se = math.sqrt(float(a["se"]) ** 2 + float(b["se"]) ** 2)
    return Gap(dimension, a["group"], b["group"], float(a["nps"]), float(b["nps"]), diff,
               diff - Z95 * se, diff + Z95 * se)


# -- NPS and behaviour -------------------------------------------------------------------------
BEHAVIOUR_SQL = f"""
WITH {MATCHED_CTE},
latest AS (
    SELECT cid, grp, responded_at FROM (
        SELECT cid, grp, responded_at,
               ROW_NUMBER() OVER (PARTITION BY cid ORDER BY responded_at DESC, response_id DESC)
                   AS pick
        FROM matched WHERE cid IS NOT NULL) x
    WHERE pick = 1
),
tx AS (
    SELECT customer_id, ordered_at, amount, {PURCHASE} AS is_purchase FROM transactions
    WHERE customer_id IN (SELECT cid FROM latest) AND {TX_UNTIL_END}
),
per AS (
    SELECT l.cid, l.grp,
           CASE WHEN DATE_DIFF('day', CAST(l.responded_at AS DATE), $as_of) >= {FOLLOW_DAYS}
                THEN 1 ELSE 0 END AS followed,
           COUNT(CASE WHEN t.is_purchase THEN 1 END) AS orders,
           SUM(CASE WHEN t.ordered_at >= $year_start THEN t.amount ELSE 0 END) AS revenue_year,
           SUM(CASE WHEN t.is_purchase AND t.ordered_at > l.responded_at
                     AND DATE_DIFF('day', CAST(l.responded_at AS DATE), CAST(t.ordered_at AS DATE))
                         <= {FOLLOW_DAYS}
                    THEN 1 ELSE 0 END) AS orders_after,
           SUM(CASE WHEN t.ordered_at > l.responded_at
                     AND DATE_DIFF('day', CAST(l.responded_at AS DATE), CAST(t.ordered_at AS DATE))
                         <= {FOLLOW_DAYS}
                    THEN t.amount ELSE 0 END) AS revenue_after
    FROM latest l LEFT JOIN tx t ON t.customer_id = l.cid
    GROUP BY l.cid, l.grp, l.responded_at
),
by_group AS (
    SELECT grp, COUNT(*) AS customers,
           SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeaters,
           SUM(followed) AS followed,
           SUM(CASE WHEN followed = 1 AND orders_after > 0 THEN 1 ELSE 0 END) AS came_back,
           SUM(CASE WHEN followed = 1 THEN revenue_after ELSE 0 END) AS revenue_after,
           SUM(revenue_year) AS revenue_year
    FROM per GROUP BY grp
),
answers AS (
    SELECT grp, COUNT(*) AS responses,
           SUM(CASE WHEN cid IS NULL THEN 1 ELSE 0 END) AS unmatched
    FROM matched GROUP BY grp
)
SELECT a.grp, a.responses, a.unmatched, COALESCE(b.customers, 0) AS customers,
       COALESCE(b.repeaters, 0) AS repeaters, COALESCE(b.followed, 0) AS followed,
       COALESCE(b.came_back, 0) AS came_back, COALESCE(b.revenue_after, 0) AS revenue_after,
       COALESCE(b.revenue_year, 0) AS revenue_year
FROM answers a LEFT JOIN by_group b ON b.grp = a.grp
"""

BEHAVIOUR_COLUMNS = ["group", "responses", "unmatched", "customers", "repeat_rate", "followed",
                     "came_back_rate", "revenue_after", "revenue_year"]


@kept
def behaviour(cur, scope: Scope) -> pd.DataFrame:
    """One row per group (promoter, passive, detractor) with: responses (matched or not),
    unmatched responses, matched customers, repeat_rate, followed (customers who answered at
    least 90 days before the analysis date), came_back_rate and revenue_after (mean per followed
    customer, 90 days after answering), revenue_year (mean per customer, last 365 days).
    Rates are NaN when their base is 0."""
    params = {**scope.params(), "as_of": scope.as_of,
              "year_start": pd.Timestamp(scope.as_of - timedelta(days=YEAR_DAYS - 1))}
    raw = fetch_df(cur, BEHAVIOUR_SQL, params).set_index("grp")
    raw = raw.reindex(list(GROUPS)).fillna(0)
    out = pd.DataFrame({"group": list(GROUPS)})
    for col in ("responses", "unmatched", "customers", "followed"):
        out[col] = raw[col].to_numpy().astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        cust = out["customers"].astype(float).where(out["customers"] > 0)
        fol = out["followed"].astype(float).where(out["followed"] > 0)
        out["repeat_rate"] = raw["repeaters"].to_numpy() / cust
        out["came_back_rate"] = raw["came_back"].to_numpy() / fol
        out["revenue_after"] = raw["revenue_after"].to_numpy().astype(float) / fol
        out["revenue_year"] = raw["revenue_year"].to_numpy().astype(float) / cust
    return out[BEHAVIOUR_COLUMNS]


@dataclass(frozen=True)
class DetractorCost:
    gap: float  # a promoter's mean revenue after answering minus a detractor's
    detractors: int  # matched detractor customers
    total: float  # gap * detractors


def detractor_cost(table: pd.DataFrame) -> DetractorCost | None:
    """What a detractor costs: the revenue gap to a promoter in the 90 days after answering,
    times the detractor customers. None without followed promoters and detractors."""
    t = table.set_index("group")
    if t.loc["promoter", "followed"] == 0 or t.loc["detractor", "followed"] == 0:
        return None
    gap = float(t.loc["promoter", "revenue_after"] - t.loc["detractor", "revenue_after"])
    n = int(t.loc["detractor", "customers"])
    return DetractorCost(gap, n, gap * n)


# -- comments ----------------------------------------------------------------------------------
COMMENT_FILTER = f"""
FROM survey_responses
WHERE {RESP_IN_SCOPE}
  AND comment IS NOT NULL AND TRIM(comment) <> ''
  AND score >= $lo AND score <= $hi
  AND ($q IS NULL OR POSITION(LOWER($q) IN LOWER(comment)) > 0)
"""
COMMENTS_SQL = f"""
SELECT responded_at, score,
       CASE WHEN score >= 9 THEN 'promoter' WHEN score >= 7 THEN 'passive'
            ELSE 'detractor' END AS grp,
       touchpoint, channel, comment
{COMMENT_FILTER}
ORDER BY responded_at DESC, response_id DESC
LIMIT $limit
"""
COMMENT_COUNT_SQL = f"SELECT COUNT(*) {COMMENT_FILTER}"


def _comment_params(scope: Scope, group: str | None, search: str | None) -> dict:
    lo, hi = GROUP_SCORES[group] if group else (0, 10)
    q = (search or "").strip() or None
    return {**scope.params(), "lo": lo, "hi": hi, "q": q}


def comments(cur, scope: Scope, group: str | None = None, search: str | None = None,
             limit: int = 200) -> tuple[pd.DataFrame, int]:
    """The newest `limit` comments in scope (optionally of one group and containing `search`,
    case-insensitive, as plain text) and how many match in all."""
    params = {**_comment_params(scope, group, search), "limit": int(limit)}
    df = fetch_df(cur, COMMENTS_SQL, params).rename(columns={"grp": "group"})
    total = int(one(cur, COMMENT_COUNT_SQL, params)[0])
    return df, total


CORPUS_SQL = f"""
SELECT comment,
       COUNT(*) AS n,
       SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
       SUM(CASE WHEN score >= 7 AND score <= 8 THEN 1 ELSE 0 END) AS passives,
       SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors,
       MAX(responded_at) AS last_at
FROM survey_responses
WHERE {RESP_IN_SCOPE} AND comment IS NOT NULL AND TRIM(comment) <> ''
GROUP BY comment
ORDER BY last_at DESC, comment
LIMIT $limit
"""
CORPUS_COUNT_SQL = f"""
SELECT COUNT(DISTINCT comment), COUNT(*) FROM survey_responses
WHERE {RESP_IN_SCOPE} AND comment IS NOT NULL AND TRIM(comment) <> ''
"""
THEME_CORPUS_LIMIT = 5000


def comment_themes(cur, scope: Scope, max_themes: int = 12,
                   limit: int = THEME_CORPUS_LIMIT) -> tuple[pd.DataFrame, dict]:
    """Recurring themes of the comments in scope (cx.themes), found on this machine from the
    `limit` most recently used distinct comment texts. Returns (themes, info) with info = the
    distinct texts used and in all, and the comments in all."""
    from cx.themes import find_themes

    corpus = fetch_df(cur, CORPUS_SQL, {**scope.params(), "limit": int(limit)})
    distinct, total = one(cur, CORPUS_COUNT_SQL, scope.params())
    info = {"texts_used": len(corpus), "texts": int(distinct or 0), "comments": int(total or 0)}
    return find_themes(corpus, max_themes=max_themes), info


# -- overview headline and report section ------------------------------------------------------
def headline(cur, scope: Scope) -> list[Headline]:
    """NPS of the latest full months resting on at least MIN_SAMPLE answers (the last full month
    when it has that many, else it pooled with the months before it until they reach it), with
    its interval, against the months before chosen the same way, and a 12-month trend."""
    as_of = scope.as_of
    this_start = period_floor(as_of, "month")
    last_full = this_start if _period_end(this_start, "month") <= as_of \
        else period_floor(this_start - timedelta(days=1), "month")
    df = fetch_df(cur, _period_sql("month"), Scope(start=None, end=as_of).params())
    if df.empty:
        from cx.available import available

        if not available(cur).surveys:
            return [Headline("nps.headline", None, kind="absent", page="views/nps.py",
                             absent="surveys")]
        return []
    counts = {_as_date(p): (int(pr or 0), int(pa or 0), int(de or 0))
              for p, _, pr, pa, de in df.itertuples(index=False)}
    full = sorted((m for m in counts if m <= last_full), reverse=True)
    key = "nps.headline"
    if not full:  # only the unfinished month has answers: that month so far
        full, key = [this_start], "nps.headline_partial"
    pools, pool = [], []
    for m in full:
        pool.append(m)
        if sum(sum(counts[x]) for x in pool) >= MIN_SAMPLE:
            pools.append(pool)
            pool = []
        if len(pools) == 2:
            break
    if not pools:
        return [Headline(key, None, None, "points", "views/nps.py",
                         thin=sum(sum(counts[x]) for x in pool),
                         basis=Basis("month", 0, unit="responses"))]

    def pooled(months):
        pr, pa, de = (sum(counts[m][i] for m in months) for i in range(3))
        end = min(_period_end(months[0], "month"), as_of)
        return PeriodNps(months[-1], end, pr + pa + de, pr, pa, de, *nps_value(pr, pa, de))

    def basis(months, n):
        return Basis("month", n, months[-1], months[0], unit="responses")

    cur_p = pooled(pools[0])
    prev_p = pooled(pools[1]) if len(pools) > 1 else None
    trend_scope = replace(scope, start=period_floor(as_of, "month").replace(year=as_of.year - 1))
    trend = nps_trend(cur, trend_scope, "month")
    done = trend[~trend["partial"].astype(bool) & ~trend["thin"].astype(bool)] \
        if not trend.empty else trend
    values = tuple(float(x) for x in done["nps"].dropna()) if not done.empty else ()
    return [Headline(key, cur_p.nps, prev_p.nps if prev_p else None, "points", "views/nps.py",
                     values, interval=(cur_p.ci_low, cur_p.ci_high),
                     basis=basis(pools[0], cur_p.responses),
                     previous_basis=basis(pools[1], prev_p.responses) if prev_p else None)]


def report_section(cur, scope: Scope, lang: str, presenter: bool):
    """The meeting report's NPS section: the monthly trend and the comparison sentences."""
    from cx import charts, i18n
    from cx.area import ReportSection

    trend = nps_trend(cur, scope, "month")
    if trend.empty:
        return None
    sentences = []
    comp = compare_periods(cur, scope, "month")
    for c in (comp.previous, comp.year):
        if c is not None:
            sentences.append(comparison_sentence(c, "month", lang))
    fig = charts.nps_trend_chart(trend, trend_labels(trend, "month", lang),
                                 chart_labels(lang), presenter=presenter)
    return ReportSection(i18n.t("nps.title", lang), sentences, [fig])


def trend_labels(trend: pd.DataFrame, period: str, lang: str) -> list[str]:
    from cx import i18n

    return [i18n.fmt_period(d, period, lang) for d in trend["period_start"]]


def chart_labels(lang: str) -> dict:
    """Translated labels for cx.charts.nps_trend_chart."""
    from cx import i18n

    keys = ("title", "nps", "band", "responses", "thin", "partial")
    return {k: i18n.t(f"nps.trend.{k}", lang) for k in keys}


# -- the page's figures ------------------------------------------------------------------------
# Building a plotly figure costs more than the query behind it, so the page caches figures (via
# ui.cached, keyed on the data version and these arguments). The data behind them is remembered
# here per data version, so the page's tables and a new figure of loaded data run no query again.
_MEMO: "OrderedDict[tuple, object]" = OrderedDict()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 16


def _memo(fn, cur, *args):
    """fn(cur, *args), remembered per (data version, fn, args); the result is shared: read only."""
    key = (fn.__name__, data_version(cur), args)
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    value = fn(cur, *args)
    with _MEMO_LOCK:
        _MEMO[key] = value
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return value


def shared_trend(cur, scope: Scope, period: str, rolling: int | None = None) -> pd.DataFrame:
    return _memo(nps_trend, cur, scope, period, rolling or None)


def shared_breakdowns(cur, scope: Scope) -> pd.DataFrame:
    return _memo(breakdowns, cur, scope)


def shared_behaviour(cur, scope: Scope) -> pd.DataFrame:
    return _memo(behaviour, cur, scope)


def shared_themes(cur, scope: Scope, max_themes: int = 15) -> tuple[pd.DataFrame, dict]:
    return _memo(comment_themes, cur, scope, max_themes)


def group_labels(lang: str) -> dict[str, str]:
    """Readable names of the keys cx.nps makes (score groups, special groups, tenure bands,
    segments); group names from the data are shown as they are."""
    from cx import i18n

    out = {g: i18n.t(f"nps.group.{g}", lang) for g in GROUPS}
    out.update({UNMATCHED: i18n.t("nps.unmatched", lang), UNKNOWN: i18n.t("nps.unknown", lang),
                NO_SEGMENT: i18n.t("nps.no_segment", lang)})
    out.update({b: i18n.t(f"nps.tenure.{b}", lang) for b in TENURE_BANDS})
    out.update({s: i18n.t(f"nps.segment.{s}", lang)
                for s in ("Champions", "Spenders", "Referrers", "Others")})
    return out


def trend_figure(cur, scope: Scope, period: str, rolling: int | None, lang: str,
                 presenter: bool):
    from cx import charts, i18n

    trend = shared_trend(cur, scope, period, rolling)
    labels = chart_labels(lang)
    if rolling:
        labels["title"] = i18n.t("nps.trend.title_rolling", lang,
                                 window=rolling_window(period, rolling, lang))
    return charts.nps_trend_chart(trend, trend_labels(trend, period, lang), labels, presenter)


def mix_figure(cur, scope: Scope, period: str, rolling: int | None, lang: str, presenter: bool):
    from cx import charts, i18n

    trend = shared_trend(cur, scope, period, rolling)
    title = (i18n.t("nps.mix.title_rolling", lang, window=rolling_window(period, rolling, lang))
             if rolling else i18n.t("nps.mix.title", lang))
    return charts.nps_mix_chart(trend, trend_labels(trend, period, lang), group_labels(lang),
                                title, i18n.t("nps.mix.y", lang), presenter)


def rolling_window(period: str, rolling: int, lang: str) -> str:
    """'3 months', '12 weeks' (3 か月): the window a rolling point pools."""
    from cx import i18n

    return i18n.t(f"nps.window.{period}", lang, n=i18n.fmt_int(rolling, lang))


def breakdown_figure(cur, scope: Scope, dimension: str, lang: str, presenter: bool):
    from cx import charts, i18n

    names = group_labels(lang)
    part = breakdown_view(shared_breakdowns(cur, scope), dimension)[0].assign(
        label=lambda d: d["group"].map(lambda g: names.get(g, g)))
    dim = i18n.t(f"nps.dim.{dimension}", lang)
    return charts.nps_breakdown_chart(part, i18n.t("nps.break.chart", lang, dim=dim),
                                      i18n.t("nps.trend.nps", lang), i18n.t("nps.small", lang),
                                      presenter)


def behaviour_figure(cur, scope: Scope, lang: str, currency: str | None, presenter: bool):
    from cx import charts, i18n

    table = shared_behaviour(cur, scope).copy()
    table["revenue_text"] = [i18n.fmt_money(v, currency, lang) for v in table["revenue_after"]]
    labels = {"title": i18n.t("nps.behave.chart", lang),
              "came_back": i18n.t("nps.bcol.came_back_rate", lang),
              "revenue": i18n.t("nps.bcol.revenue_after", lang)}
    return charts.nps_behaviour_chart(table, group_labels(lang), labels,
                                      i18n.currency_symbol(currency), presenter)


def sorted_themes(cur, scope: Scope, order: str = "comments") -> pd.DataFrame:
    """The page's themes, most mentioned first or lowest NPS first (order="nps")."""
    themes, _ = shared_themes(cur, scope)
    if order == "nps":
        themes = themes.sort_values(["nps", "comments"], ascending=[True, False], kind="stable")
    return themes.reset_index(drop=True)


def themes_figure(cur, scope: Scope, order: str, lang: str, presenter: bool):
    from cx import charts, i18n

    themes = sorted_themes(cur, scope, order).copy()
    themes["text"] = [i18n.t("nps.themes.bar", lang, n=i18n.fmt_int(n, lang),
                             nps=i18n.fmt_points(v, lang))
                      for n, v in zip(themes["comments"], themes["nps"])]
    return charts.nps_themes_chart(themes, i18n.t("nps.themes.chart", lang),
                                   i18n.t("nps.themes.x", lang), presenter)


# -- benchmark ---------------------------------------------------------------------------------
def _pandas_counts(frame: pd.DataFrame, keys) -> pd.DataFrame:
    score = frame["score"]
    parts = pd.DataFrame({"promoters": (score >= 9).astype("int64"),
                          "passives": ((score >= 7) & (score <= 8)).astype("int64"),
                          "detractors": (score <= 6).astype("int64")})
    return parts.groupby(keys, sort=True).sum()


def pandas_trend(surveys: pd.DataFrame, scope: Scope, period: str = "month",
                 rolling: int | None = None) -> pd.DataFrame:
    """The trend the vectorised-pandas way (the bench's comparison): the same output as
    nps_trend, with the counting done by pandas instead of SQL."""
    p = scope.params()
    s = surveys[(surveys["responded_at"] >= p["start"]) & (surveys["responded_at"] < p["end_excl"])]
    freq = {"week": "W", "month": "M", "quarter": "Q"}[period]
    starts = s["responded_at"].dt.to_period(freq).dt.start_time
    raw = _pandas_counts(s, starts).reset_index(names="period_start")
    return finish_trend(raw, scope, period, rolling)


def pandas_breakdowns(data, scope: Scope) -> pd.DataFrame:
    """Channel, touchpoint, acquisition channel and tenure breakdowns in vectorised pandas, with
    the same matching (id, else order, else email) as BREAKDOWN_SQL."""
    p = scope.params()
    sv, tx, cu = data.survey_responses, data.transactions, data.customers
    s = sv[(sv["responded_at"] >= p["start"]) & (sv["responded_at"] < p["end_excl"])].copy()
    known = pd.Index(pd.concat([cu["customer_id"], tx["customer_id"].dropna()]).unique())
    cid = s["customer_id"].where(s["customer_id"].isin(known))
    order_owner = tx.dropna(subset=["customer_id"]).groupby("order_id")["customer_id"].min()
    cid = cid.fillna(s["order_id"].map(order_owner))
    email_owner = (cu.dropna(subset=["email"]).assign(key=lambda d: d["email"].str.lower())
                   .groupby("key")["customer_id"].min())
    s["cid"] = cid.fillna(s["email"].str.lower().map(email_owner))
    first = pd.concat([tx[tx["amount"] > 0].groupby("customer_id")["ordered_at"].min(),
                       cu.groupby("customer_id")["first_seen"].min()]).groupby(level=0).min()
    days = (s["responded_at"].dt.normalize() - s["cid"].map(first).dt.normalize()).dt.days
    bands = pd.cut(days, [-np.inf, 30, 90, 180, 365, np.inf], labels=list(TENURE_BANDS))
    s["tenure"] = bands.astype(object).where(days.notna(), UNKNOWN)
    s.loc[s["cid"].isna(), "tenure"] = UNMATCHED
    acq = cu.groupby("customer_id")["acquisition_channel"].max()
    s["acquisition_channel"] = s["cid"].map(acq).fillna(UNKNOWN)
    s.loc[s["cid"].isna(), "acquisition_channel"] = UNMATCHED
    s["channel"] = s["channel"].fillna(UNKNOWN)
    s["touchpoint"] = s["touchpoint"].fillna(UNKNOWN)
    frames = []
    for dim in ("channel", "touchpoint", "acquisition_channel", "tenure"):
        part = _pandas_counts(s, s[dim]).reset_index(names="group")
        part.insert(0, "dimension", dim)
        frames.append(part)
    return _finish_breakdown(pd.concat(frames, ignore_index=True))


def bench_rows(store, data) -> list[dict]:
    """`python -m cx bench`: the NPS queries in DuckDB next to vectorised pandas on the same
    survey answers, in the same run (budget 0.2 s each)."""
    import cx.themes  # noqa: F401  (scikit-learn's import time is not the themes' time)
    from cx.bench import row, timed

    cur = store.cursor()
    try:
        scope = resolve_scope(cur, Scope())
        n = len(data.survey_responses)
        t_db, ours = timed(lambda: nps_by_period(cur, scope, "month"), repeat=5)
        t_pd, theirs = timed(lambda: pandas_trend(data.survey_responses, scope)[COLUMNS],
                             repeat=5)
        same = ours["responses"].tolist() == theirs["responses"].tolist()
        rows = [row(f"NPS trend by month ({n:,} answers)", t_db, t_pd, 0.2,
                    "" if same else "MISMATCH with pandas")]
        t_db, ours = timed(lambda: nps_by_period(cur, scope, "week", rolling=4), repeat=5)
        t_pd, theirs = timed(lambda: pandas_trend(data.survey_responses, scope, "week", 4)
                             [COLUMNS], repeat=5)
        same = ours["responses"].tolist() == theirs["responses"].tolist()
        rows.append(row("NPS trend by week, rolling 4", t_db, t_pd, 0.2,
                        "" if same else "MISMATCH with pandas"))
        t_db, ours = timed(lambda: breakdowns(cur, scope, segments=False), repeat=3)
        t_pd, theirs = timed(lambda: pandas_breakdowns(data, scope), repeat=3)
        key = ["dimension", "group", "responses"]
        same = (ours[key].sort_values(key).reset_index(drop=True)
                .equals(theirs[key].sort_values(key).reset_index(drop=True)))
        rows.append(row("NPS breakdowns (4 dimensions, matched)", t_db, t_pd, 0.2,
                        "" if same else "MISMATCH with pandas"))
        t_db, _ = timed(lambda: breakdowns(cur, scope), repeat=1)
        rows.append(row("NPS breakdowns + customer segments", t_db, None, None,
                        "includes cx.segments.customer_values"))
        t_db, _ = timed(lambda: compare_periods(cur, scope, "month"), repeat=3)
        rows.append(row("NPS period comparison", t_db, None, 0.2))
        t_db, _ = timed(lambda: behaviour(cur, scope), repeat=3)
        rows.append(row("NPS and behaviour (per customer)", t_db, None, 0.2))
        t_db, (themes, info) = timed(lambda: comment_themes(cur, scope), repeat=1)
        rows.append(row("NPS comment themes", t_db, None, None,
                        f"{info['texts_used']:,} distinct texts, {len(themes)} themes"))
        return rows
    finally:
        cur.close()


def _opening(cur, scope: Scope) -> None:
    """The calls the NPS page opens with (its default widgets)."""
    match_summary(cur, scope)
    breakdowns(cur, scope)
    behaviour(cur, scope)


AREA = Area(
    name="nps", page="views/nps.py", headline=headline, report_section=report_section,
    opening=_opening,
    exports=(Export("nps", export_nps, "NPS per period with its 95% interval"),))
