"""BG/NBD ("buy till you die", Fader, Hardie & Lee 2005): a small scipy implementation.

While alive a customer buys at rate lambda ~ Gamma(r, alpha); after each purchase they drop out
with probability p ~ Beta(a, b). Per customer: x = repeat purchase days, t_x = time from the first
to the last purchase, T = time from the first purchase to the cutoff (all in days here).
`prob_no_purchase(h)` = P(no purchase in the next h days) = 1 - P(alive) * (1 - P(no purchase in h
| alive)), with P(no purchase in h | alive) = ((alpha + T) / (alpha + T + h)) ** (r + x), since an
alive customer who does not buy cannot drop out (dropping out happens only right after a purchase).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1, logsumexp


@dataclass(frozen=True)
class BGNBD:
    r: float
    alpha: float
    a: float
    b: float

    def p_alive(self, x, t_x, T) -> np.ndarray:
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            log_ratio = (np.log(a) - np.log(np.maximum(b + x - 1, 1e-12))
                         + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x)))
            alive = 1.0 / (1.0 + np.exp(np.minimum(log_ratio, 700)))
        return np.where(x > 0, alive, 1.0)

    def prob_no_purchase(self, x, t_x, T, horizon: float) -> np.ndarray:
        """P(no purchase in the `horizon` days after the cutoff): the model's churn probability."""
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        quiet_if_alive = np.exp((self.r + x) * (np.log(self.alpha + T)
                                                - np.log(self.alpha + T + horizon)))
        return 1.0 - self.p_alive(x, t_x, T) * (1.0 - quiet_if_alive)

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)] for a new customer (used to check the fit against simulations)."""
        t = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        return ((a + b - 1) / (a - 1)) * (
            1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def log_likelihood(params, x, t_x, T) -> np.ndarray:
    """Per-customer log-likelihood of BG/NBD (equation 6 of Fader, Hardie & Lee 2005)."""
    r, alpha, a, b = params
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    term1 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        term2 = np.where(x > 0,
                         betaln(a + 1, b + np.maximum(x, 1) - 1) - betaln(a, b)
                         - (r + x) * np.log(alpha + t_x), -np.inf)
    return common + logsumexp(np.vstack([term1, term2]), axis=0)


def fit_bgnbd(x, t_x, T, scale: float = 7.0) -> BGNBD:
    """Maximum likelihood on log parameters (L-BFGS-B). Times are divided by `scale` while fitting
    (weeks by default, for a well-conditioned optimisation) and alpha is returned in days."""
    x = np.asarray(x, dtype=float)
    t_x = np.asarray(t_x, dtype=float) / scale
    T = np.asarray(T, dtype=float) / scale
    if len(x) == 0:
        raise ValueError("BG/NBD needs at least one customer.")
    # distinct (x, t_x, T) rows with weights: much faster on large data
    grouped = (pd.DataFrame({"x": x, "t_x": t_x, "T": T}).groupby(["x", "t_x", "T"]).size()
               .reset_index(name="n"))
    xs, txs, Ts = (grouped[c].to_numpy(float) for c in ("x", "t_x", "T"))
    counts = grouped["n"].to_numpy(float)
    total = counts.sum()

    def nll(log_params):
        ll = log_likelihood(np.exp(log_params), xs, txs, Ts)
        return -(counts * ll).sum() / total

    best = None
    for start in ([0.0, 0.0, 0.0, 0.0], [np.log(0.5), np.log(5.0), np.log(0.5), np.log(3.0)]):
        res = minimize(nll, np.array(start), method="L-BFGS-B",
                       bounds=[(-9.0, 9.0)] * 4, options={"maxiter": 500})
        if best is None or res.fun < best.fun:
            best = res
        if res.success:  # a second start only when the first did not converge
            break
    r, alpha, a, b = np.exp(best.x)
    return BGNBD(r=float(r), alpha=float(alpha * scale), a=float(a), b=float(b))


def simulate(params: BGNBD, n: int, T: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    """Draw customers from the BG/NBD process observed for T days (for tests): x, t_x, T."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(params.r, 1.0 / params.alpha, size=n)
    p = rng.beta(params.a, params.b, size=n)
    xs, txs = np.zeros(n), np.zeros(n)
    for i in range(n):
        t, x, last = 0.0, 0, 0.0
        while True:
            t += rng.exponential(1.0 / lam[i])
            if t > T:
                break
            x, last = x + 1, t
            if rng.random() < p[i]:
                break
        xs[i], txs[i] = x, last
    return xs, txs, np.full(n, T)
