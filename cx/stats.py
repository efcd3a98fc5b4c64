"""The statistics every area shares, defined once: the 95% normal quantile, the NPS and its
interval (scalar and per row), the interval of a difference and its verdict (the one noise rule,
docs/metrics.md "Comparing periods"), the standard error of each kind of number (a share of
customers, a count, a money total, a mean, a median, a share of a total), Welch's interval of two
means, Wilson's interval of a share, and Kaplan-Meier survival with Greenwood's band."""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

__all__ = ["Z95", "count_se", "difference_interval", "kaplan_meier", "mean_se", "median_ranks",
           "median_se", "nps_columns", "nps_value", "proportion_se", "quantile_ranks",
           "share_of_total_se",
           "t975", "total_se", "verdict", "welch_interval", "wilson_interval"]

Z95 = NormalDist().inv_cdf(0.975)  # 1.959963984540054


def nps_value(promoters, passives, detractors) -> tuple[float, float, float, float]:
    """(nps, ci_low, ci_high, se) in points; NaN everywhere for zero responses.
    se = 100 * sqrt((p + q - (p - q)^2) / n), p and q the promoter and detractor shares."""
    n = promoters + passives + detractors
    if n <= 0:
        return (math.nan,) * 4
    p, q = promoters / n, detractors / n
    nps = 100.0 * (p - q)
    se = 100.0 * math.sqrt(max(p + q - (p - q) ** 2, 0.0) / n)
    return nps, max(nps - Z95 * se, -100.0), min(nps + Z95 * se, 100.0), se


def nps_columns(promoters, passives, detractors) -> dict[str, np.ndarray]:
    """nps_value for arrays of counts: {"responses", "nps", "ci_low", "ci_high", "se"}, NaN where
    a row has no responses."""
    pr, pa, de = (np.asarray(x, dtype="int64") for x in (promoters, passives, detractors))
    n = pr + pa + de
    with np.errstate(divide="ignore", invalid="ignore"):
        nf = np.where(n > 0, n, np.nan)
        p, q = pr / nf, de / nf
        nps = 100.0 * (p - q)
        se = 100.0 * np.sqrt(np.clip(p + q - (p - q) ** 2, 0, None) / nf)
    return {"responses": n, "nps": nps, "ci_low": np.maximum(nps - Z95 * se, -100.0),
            "ci_high": np.minimum(nps + Z95 * se, 100.0), "se": se}


def difference_interval(diff: float, se_a: float, se_b: float) -> tuple[float, float]:
    """The 95% interval of a difference of two independent estimates."""
    se = math.sqrt(se_a ** 2 + se_b ** 2)
    return diff - Z95 * se, diff + Z95 * se


def verdict(ci_low: float | None, ci_high: float | None) -> str:
    """The one noise rule: "up" / "down" when the 95% interval of a difference leaves out 0,
    "noise" when it holds 0, "unknown" when there is no interval (the noise is not estimated)."""
    if ci_low is None or ci_high is None or math.isnan(ci_low) or math.isnan(ci_high):
        return "unknown"
    if ci_low > 0:
        return "up"
    if ci_high < 0:
        return "down"
    return "noise"


# -- the standard error of one period's value, by kind of number ---------------------------
# A change between two periods is value - other, its 95% interval difference_interval(diff,
# se, other_se): each side's standard error below, the sides independent.
def proportion_se(successes, n) -> float:
    """A share of customers k / n: the binomial standard error sqrt(p (1 - p) / n)."""
    if not n:
        return math.nan
    p = successes / n
    return math.sqrt(max(p * (1 - p), 0.0) / n)


def count_se(count) -> float:
    """A count of customers, orders or answers in a period, as a Poisson count: sqrt(count)."""
    return math.sqrt(max(count, 0))


def total_se(sum_of_squares) -> float:
    """A money total over a period (revenue) as a compound Poisson sum: orders arrive as a
    Poisson process and each adds its amount, so Var(total) = sum of the squared amounts."""
    return math.sqrt(max(sum_of_squares, 0.0))


def share_of_total_se(part, part_squares, rest, rest_squares) -> float:
    """A share of a money total, part / (part + rest), both compound Poisson sums (independent
    orders): by the delta method Var = ((1 - R)^2 Var(part) + R^2 Var(rest)) / total^2."""
    total = part + rest
    if total <= 0:
        return math.nan
    r = part / total
    return math.sqrt(max((1 - r) ** 2 * part_squares + r ** 2 * rest_squares, 0.0)) / total


def mean_se(sd, n) -> float:
    """The standard error of a mean of n values with standard deviation sd."""
    return sd / math.sqrt(n) if n else math.nan


def welch_interval(mean_a, sd_a, n_a, mean_b, sd_b, n_b) -> tuple[float, float, float]:
    """(diff, low, high): Welch's 95% interval of mean_a - mean_b (unequal variances, the
    Welch-Satterthwaite degrees of freedom, Student's t: t975)."""
    va, vb = sd_a ** 2 / n_a, sd_b ** 2 / n_b
    diff = mean_a - mean_b
    if va + vb == 0:
        return diff, diff, diff
    df = (va + vb) ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    half = t975(df) * math.sqrt(va + vb)
    return diff, diff - half, diff + half


def t975(df: float) -> float:
    """Student's t 97.5% quantile for `df` degrees of freedom, by the Cornish-Fisher expansion
    around Z95 (within 0.001 of the exact value from 4 degrees of freedom; no scipy)."""
    z = Z95
    return (z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
            + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
            + (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z)
            / (92160 * df ** 4))


def quantile_ranks(n: int, q: float) -> tuple[int, int]:
    """The 1-based ranks (j, k) of the order statistics bounding a 95% interval of the q
    quantile of n values: the binomial(n, q) count below it, normal approximation,
    j = floor(nq - z sqrt(nq(1-q))), k = ceil(nq + 1 + z sqrt(nq(1-q))), kept within 1..n."""
    half = Z95 * math.sqrt(n * q * (1 - q))
    return max(1, math.floor(n * q - half)), min(n, math.ceil(n * q + 1 + half))


def median_ranks(n: int) -> tuple[int, int]:
    """quantile_ranks of the median: j = floor(n/2 - z sqrt(n)/2), k = ceil(n/2 + 1 + z
    sqrt(n)/2)."""
    return quantile_ranks(n, 0.5)


def median_se(low, high) -> float:
    """The standard error of a median (or another quantile) read off its order-statistic 95%
    interval [low, high] (median_ranks, quantile_ranks): (high - low) / (2 z). Two medians' difference then takes the usual
    interval (the approach of Price and Bonett, 2002)."""
    return (high - low) / (2 * Z95)


def wilson_interval(successes, n) -> tuple:
    """Wilson's 95% interval of a share successes / n (arrays or numbers); NaN where n is 0."""
    k, m = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / m
        z2 = Z95 ** 2
        centre = (p + z2 / (2 * m)) / (1 + z2 / m)
        half = Z95 * np.sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / (1 + z2 / m)
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    low, high = np.where(m > 0, low, np.nan), np.where(m > 0, high, np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def kaplan_meier(t, event, n=None, z: float = Z95) -> pd.DataFrame:
    """Kaplan-Meier survival with Greenwood's 95% band from (time, event, count) rows.

    Returns one row at t=0 (S=1), one per event time (at_risk = still under observation just
    before t, events = lapses at t) and, when the last observation is censored after the last
    event, a final row there so the curve runs to the end of follow-up. Censored at the same
    time as events are still at risk at that time."""
    t = np.asarray(t, dtype=float)
    event = np.asarray(event).astype(bool)
    n = np.ones_like(t) if n is None else np.asarray(n, dtype=float)
    cols = ["t", "at_risk", "events", "survival", "lower", "upper"]
    if t.size == 0 or n.sum() == 0:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    times, inv = np.unique(t, return_inverse=True)
    total = np.bincount(inv, weights=n)
    deaths = np.bincount(inv, weights=n * event)
    at_risk = n.sum() - np.concatenate(([0.0], np.cumsum(total)[:-1]))
    sel = deaths > 0
    et, d, r = times[sel], deaths[sel], at_risk[sel]
    s = np.cumprod(1.0 - d / r)
    with np.errstate(divide="ignore", invalid="ignore"):
        gw = np.cumsum(np.where(r > d, d / (r * (r - d)), np.inf))
        se = s * np.sqrt(gw)
    se = np.where(s > 0, se, 0.0)
    lower = np.clip(s - z * se, 0.0, 1.0)
    upper = np.clip(s + z * se, 0.0, 1.0)
    out = pd.DataFrame({"t": np.concatenate(([0.0], et)),
                        "at_risk": np.concatenate(([n.sum()], r)),
                        "events": np.concatenate(([0.0], d)),
                        "survival": np.concatenate(([1.0], s)),
                        "lower": np.concatenate(([1.0], lower)),
                        "upper": np.concatenate(([1.0], upper))})
    t_max = times[-1]
    if t_max > out["t"].iloc[-1]:
        last = out.iloc[-1]
        out.loc[len(out)] = [t_max, at_risk[-1], 0.0, last["survival"], last["lower"],
                             last["upper"]]
    return out
