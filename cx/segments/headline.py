"""Overview headlines of the segments area: revenue from referred customers and its share; and
the segments page's key numbers as Headlines (their two comparisons, cx.headline)."""
from __future__ import annotations

import math
from datetime import timedelta

import pandas as pd

from cx.available import available
from cx.cache import kept
from cx.headline import MIN_SAMPLE, Basis, Headline
from cx.scope import Scope, day_window, year_earlier
from cx.segments.metrics import SegmentsView, WindowTotals
from cx.segments.queries import referred_revenue_rows, window_customer_counts
from cx.stats import count_se, share_of_total_se, total_se

__all__ = ["PAGE", "RATIO_NOISE", "headline", "page_headlines", "referred_revenue",
           "referrers_ratio", "value_share"]

PAGE = "views/segments.py"


def referred_revenue(cur, scope: Scope, window_days: int = 30, months: int = 12) -> dict:
    """Revenue and referred revenue in the last `window_days` up to the analysis date, the window
    before, and per complete calendar month (the last `months`)."""
    as_of = scope.as_of
    month_start = pd.Timestamp(as_of).to_period("M").to_timestamp()
    trend_start = (pd.Timestamp(as_of).to_period("M") - months).to_timestamp()
    prev_start = pd.Timestamp(as_of - timedelta(days=2 * window_days - 1))
    year_first, year_last = day_window(year_earlier(as_of), window_days)
    df = referred_revenue_rows(cur, scope,
                               cur_start=pd.Timestamp(as_of - timedelta(days=window_days - 1)),
                               prev_start=prev_start, trend_start=min(trend_start, prev_start),
                               year_start=pd.Timestamp(year_first),
                               year_end=pd.Timestamp(year_last + timedelta(days=1)))
    windows = df.groupby("time_window")[["revenue", "referred_revenue", "referred_sq",
                                         "other_sq"]].sum()

    def pick(name: str, col: str) -> float:
        return float(windows.loc[name, col]) if name in windows.index else 0.0

    sides = {name: {col: pick(name, col) for col in windows.columns}
             for name in ("current", "previous", "year")}

    df["month"] = pd.to_datetime(df["month"])
    monthly = (df[(df["month"] >= trend_start) & (df["month"] < month_start)]
               .groupby("month")[["revenue", "referred_revenue"]].sum().sort_index())
    return {"current": pick("current", "referred_revenue"),
            "previous": pick("previous", "referred_revenue"),
            "current_total": pick("current", "revenue"),
            "previous_total": pick("previous", "revenue"),
            "monthly": monthly, "windows": sides}


def _share(part: float, whole: float, customers: int) -> float | None:
    """A share of revenue, shown only when it rests on at least MIN_SAMPLE customers."""
    return part / whole if whole > 0 and customers >= MIN_SAMPLE else None


@kept
def headline(cur, scope: Scope, window_days: int = 30) -> list[Headline]:
    """Revenue from referred customers in the last `window_days` and its share of revenue, against
    the window before and the same days a year earlier; with no referral data at all, sentences
    saying so instead of zeros (cx.available)."""
    keys = ("segments.headline_referred_revenue", "segments.headline_referred_share")
    avail = available(cur)
    if not avail.referrals or not avail.orders:  # revenue needs both
        absent = "referrals" if not avail.referrals else "orders"
        return [Headline(k, None, kind="absent", page=PAGE, absent=absent) for k in keys]
    r = referred_revenue(cur, scope, window_days)
    n_now, n_before, n_year, first_day = window_customer_counts(cur, scope, window_days)
    m = r["monthly"]
    share_trend = tuple(float(a / b) for a, b in zip(m["referred_revenue"], m["revenue"]) if b > 0)
    basis = Basis("days", n_now, last=scope.as_of, days=window_days)
    before = Basis("days", n_before, last=scope.as_of - timedelta(days=window_days),
                   days=window_days)
    year_last = year_earlier(scope.as_of)
    reached = (first_day is not None and not pd.isna(first_day)
               and pd.Timestamp(first_day).date() <= day_window(year_last, window_days)[0])
    w = r["windows"]

    def money_se(side):  # referred revenue: a compound Poisson sum of the referred orders
        return total_se(w[side]["referred_sq"])

    def share_se(side):  # its share of revenue: the delta method on two compound Poisson sums
        x = w[side]
        return share_of_total_se(x["referred_revenue"], x["referred_sq"],
                                 x["revenue"] - x["referred_revenue"], x["other_sq"])

    share = _share(r["current"], r["current_total"], n_now)
    previous_share = _share(r["previous"], r["previous_total"], n_before)
    year, year_share = {}, {}
    if reached:
        y = w["year"]
        year_basis = Basis("days", n_year, last=year_last, days=window_days)
        year = {"year_ago": y["referred_revenue"], "year_ago_se": money_se("year"),
                "year_ago_basis": year_basis}
        y_share = _share(y["referred_revenue"], y["revenue"], n_year)
        year_share = {"year_ago_basis": year_basis, "year_missing": "headline.year.thin"}
        if y_share is not None:
            year_share.update(year_ago=y_share, year_ago_se=share_se("year"))
    return [
        Headline(keys[0], r["current"], r["previous"], "money", PAGE,
                 tuple(float(x) for x in m["referred_revenue"]), basis=basis,
                 previous_basis=before, se=money_se("current"),
                 previous_se=money_se("previous"), **year),
        Headline(keys[1], share, previous_share, "pct",
                 PAGE, share_trend, basis=basis, previous_basis=before,
                 thin=n_now if share is None else None, se=share_se("current"),
                 previous_se=share_se("previous") if previous_share is not None else None,
                 **year_share),
    ]


# -- the segments page's key numbers -----------------------------------------------------------
# The Referrers' value ratio divides two totals of a segment whose members change with the
# thresholds (the top quarter of each window): no standard error is honest, so no verdict.
RATIO_NOISE = "segments.noise.ratio"


def value_share(w: WindowTotals) -> tuple[float | None, float]:
    """Referral value as a share of total value, R / (S + R), and its standard error. The spend
    S holds R's orders too (the referred customers' own spend), so with O = S - R the share is
    R / (2R + O) = r / (1 + r), r = R / (R + O) the referred customers' share of spend: the
    headline's share of revenue, whose delta-method se (share_of_total_se, the two compound
    Poisson sums) carries over as se(r) / (1 + r)^2. None below MIN_SAMPLE customers."""
    total = w.spend_value + w.referral_value
    if total <= 0 or w.customers < MIN_SAMPLE:
        return None, math.nan
    other = w.spend_value - w.referral_value
    r_se = share_of_total_se(w.referral_value, w.referred_squares, other,
                             w.squares - w.referred_squares)
    r = w.referral_value / w.spend_value if w.spend_value > 0 else math.nan
    return w.referral_value / total, r_se / (1 + r) ** 2


def referrers_ratio(table: pd.DataFrame | None, suffix: str = "") -> float | None:
    """The Referrers segment's total value over its own spend (None: no spend, no table)."""
    if table is None:
        return None
    ref = table.set_index("segment").loc["Referrers"]
    spend = ref["revenue" + suffix]
    return float(ref["total_value" + suffix] / spend) if spend > 0 else None


def _referrers(table: pd.DataFrame | None, suffix: str = "") -> int | None:
    """The Referrers segment's customers (None: no table)."""
    if table is None:
        return None
    return int(table.set_index("segment").loc["Referrers", "customers" + suffix])


def page_headlines(view: SegmentsView) -> dict[str, Headline]:
    """The page's key numbers over the lookback window, each against the window just before and
    the same window a year earlier (only when the data reaches back to its first day):
    customers and active referrers as Poisson counts, the value from referrals as a share of
    total value (value_share), the Referrers' value ratio without a verdict (RATIO_NOISE)."""
    t = view.totals

    def basis(w: WindowTotals, n: int | None = None) -> Basis:
        return Basis("days", w.customers if n is None else n, last=w.end,
                     days=view.lookback_days)

    def sides(pick, thin=None, count=None) -> dict:
        """The comparison fields: `pick(name, w)` is (value, se) of a window, `count(name, w)`
        the customers it rests on (default: all in the window); a window missing is "no data",
        one below the minimum sample (`thin(w)`) "too few"."""
        out = {"previous_missing": "headline.previous.none"}
        for name, key, w in (("previous", "previous", t["previous"]),
                             ("year_ago", "year", t["year"])):
            if w is None:
                continue
            out[f"{name}_basis"] = basis(w, None if count is None else count(key, w))
            value, se = pick(key, w)
            if thin is not None and thin(w):
                out["previous_missing" if key == "previous" else "year_missing"] = \
                    f"headline.{key}.thin"
            elif value is not None:
                out.update({name: value, f"{name}_se": se})
        return out

    now = t["current"]
    share, share_se = value_share(now)
    ref = view.table.set_index("segment").loc["Referrers"]
    tables = {"previous": (view.table, "_prev"), "year": (view.year_table, "")}
    return {
        "customers": Headline(
            "segments.metric_customers", float(view.customers), kind="int", page=PAGE,
            basis=basis(now, view.customers), se=count_se(view.customers),
            **sides(lambda _, w: (float(w.customers), count_se(w.customers)))),
        "referrers": Headline(
            "segments.metric_referrers", float(view.list_totals["thank_referrers"]), kind="int",
            page=PAGE, basis=basis(now), se=count_se(view.list_totals["thank_referrers"]),
            **sides(lambda _, w: (float(w.referrers), count_se(w.referrers)))),
        "share": Headline(
            "segments.metric_referred_share", share, kind="pct", page=PAGE, basis=basis(now),
            se=share_se, thin=now.customers if share is None else None,
            **sides(lambda _, w: value_share(w), thin=lambda w: w.customers < MIN_SAMPLE)),
        "ratio": Headline(
            "segments.metric_referrers_value", referrers_ratio(view.table), kind="times",
            page=PAGE, basis=basis(now, int(ref["customers"])), noise=RATIO_NOISE,
            **sides(lambda key, _: (referrers_ratio(*tables[key]), None),
                    count=lambda key, _: _referrers(*tables[key]))),
    }
