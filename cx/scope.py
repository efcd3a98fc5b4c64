"""What a page or export is looking at: the analysis date range and the currency shown.

Every metric function takes a `Scope`. `end` is the analysis date (`as_of`): by default the last
date in the data, not today (DESIGN.md). Amounts are never added across currencies: a scope
always names one currency when the data has several.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cx.cache import kept
from cx.store import currency_setting, data_summary

PERIODS = ("week", "month", "quarter")


@dataclass(frozen=True)
class Scope:
    start: date | None = None  # first day included; None = from the first data
    end: date | None = None  # last day included (the analysis date); None = last data date
    currency: str | None = None  # None = the data's only (or main) currency

    def params(self) -> dict:
        """Named SQL parameters: $start, $end_excl (exclusive timestamp), $currency."""
        return {
            "start": datetime.combine(self.start or date(1900, 1, 1), datetime.min.time()),
            "end_excl": datetime.combine((self.end or date(2999, 12, 30)) + timedelta(days=1),
                                         datetime.min.time()),
            "currency": self.currency,
        }

    @property
    def as_of(self) -> date:
        if self.end is None:
            raise ValueError("Scope.end is not resolved; call resolve_scope first.")
        return self.end


# Use inside WHERE clauses of queries over transactions (alias-free column names).
TX_IN_SCOPE = ("ordered_at >= $start AND ordered_at < $end_excl "
               "AND ($currency IS NULL OR currency = $currency OR currency IS NULL)")
TX_UNTIL_END = ("ordered_at < $end_excl "
                "AND ($currency IS NULL OR currency = $currency OR currency IS NULL)")

# A purchase is cx.sql.PURCHASE.


@kept
def resolve_scope(cur, scope: Scope | None = None) -> Scope:
    """Fill in missing dates from the data and pick the main currency when there are several."""
    scope = scope or Scope()
    summary = data_summary(cur)
    end = scope.end or summary.last_date or date.today()
    start = scope.start or summary.first_date or end
    currency = scope.currency
    if currency is None and len(summary.currencies) > 1:
        currency = summary.currencies[0]
    return replace(scope, start=start, end=end, currency=currency)


def period_start_sql(column: str, period: str) -> str:
    """SQL expression for the start of the week/month/quarter containing `column`."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    return f"CAST(date_trunc('{period}', {column}) AS DATE)"


def period_label(d: date | datetime, period: str) -> str:
    """YYYY-MM for months, YYYY-Www (ISO week) for weeks, YYYY-Qn for quarters."""
    if isinstance(d, datetime):
        d = d.date()
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if period == "week":
        iso = d.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_floor(d: date, period: str) -> date:
    """Python twin of period_start_sql."""
    if period == "month":
        return d.replace(day=1)
    if period == "quarter":
        return d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
    if period == "week":
        return d - timedelta(days=d.weekday())
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def periods_between(a: date, b: date, period: str) -> int:
    """Whole periods from the period of a to the period of b."""
    a, b = period_floor(a, period), period_floor(b, period)
    if period == "week":
        return (b - a).days // 7
    months = (b.year - a.year) * 12 + (b.month - a.month)
    return months if period == "month" else months // 3


def shift_period(start: date, period: str, k: int) -> date:
    """The start of the period k periods after the period starting on `start`."""
    if period == "week":
        return start + timedelta(days=7 * k)
    months = k * (3 if period == "quarter" else 1)
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1)


def period_end(start: date, period: str) -> date:
    """The last day of the period that starts on `start`."""
    return shift_period(start, period, 1) - timedelta(days=1)


def year_earlier(d: date) -> date:
    """The same day a year earlier (29 Feb -> 28 Feb): where a year-ago window ends or starts."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def day_window(end: date, days: int) -> tuple[date, date]:
    """(first, last day) of the `days` days ending on `end`."""
    return end - timedelta(days=days - 1), end


def period_complete(start: date, period: str, as_of: date) -> bool:
    """Whether the period starting on `start` has ended by `as_of`."""
    return period_end(start, period) <= as_of


# What is loaded and the stored currency setting, kept per data version (the sidebar asks on
# every run; both change only with the data).
loaded_summary = kept(data_summary)
stored_currency = kept(currency_setting)
