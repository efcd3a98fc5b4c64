"""Training, backtest and scoring in one pass, kept per data version by cx.cache.

Timeline for an analysis date `as_of` and a horizon h (days):
- backtest: models learn from features at as_of - 2h with outcomes in (as_of - 2h, as_of - h],
  then score features at as_of - h against what really happened in (as_of - h, as_of];
- the model in use learns from features at as_of - h with outcomes in (as_of - h, as_of] and
  scores every customer at as_of. Nothing after as_of is ever read.

A fitted bundle is kept in memory (shared, never copied) and, when fitted while preparing (after
an import: cx.prepare.prepare_after_import -> train_default, in a background thread for an
upload), pickled next to the database, so any process opens with it.
"""
from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from cx.cache import kept, remember
from cx.churn.backtest import BacktestResult, fit_recency_baseline, summarise
from cx.churn.bgnbd import fit_bgnbd
from cx.churn.metrics import (
    RISK_HIGH,
    churn_labels,
    customer_features,
    default_horizon,
    expected_spend,
    history_days,
    history_needed,
)
from cx.churn.model import FEATURES, ChurnModel, fit_churn_model, logistic_pipeline, typical_values
from cx.churn.queries import data_span, database_file, readiness_counts
from cx.scope import Scope, resolve_scope
from cx.segments import customer_values
from cx.store import data_version

log = logging.getLogger(__name__)

MIN_CUSTOMERS = 100  # customers in the oldest training frame
MIN_PER_CLASS = 10  # churned and stayed, each
DEFAULT_LOOKBACK = 365
REASON_ROWS = 2000  # reasons are computed for the riskiest customers (by revenue at risk)
# BG/NBD has four parameters: a random 20,000 customers pin them down (at 100,000 customers the
# backtest ROC AUC and Brier score agree to 4 decimals with a fit on all; 0.9 s -> 0.1 s)
BGNBD_FIT_ROWS = 20_000


@dataclass(frozen=True)
class ChurnParams:
    """Everything a fitted model depends on besides the data (a faithful repr for cache keys)."""
    as_of: date
    horizon: int
    lookback: int = DEFAULT_LOOKBACK
    currency: str | None = None

    @property
    def train_cutoff(self) -> date:
        return self.as_of - timedelta(days=self.horizon)

    @property
    def backtest_cutoff(self) -> date:
        return self.as_of - timedelta(days=2 * self.horizon)


def make_params(cur, as_of: date | None = None, horizon: int | None = None,
                lookback: int | None = DEFAULT_LOOKBACK, currency: str | None = None) -> ChurnParams:
    """Fill in the analysis date (last purchase date) and the data-driven default horizon."""
    if as_of is None:
        _, last = data_span(cur, currency)
        as_of = last or date.today()
    if horizon is None:
        horizon = default_horizon(cur, as_of, currency)
    return ChurnParams(as_of=as_of, horizon=int(horizon),
                       lookback=int(lookback or DEFAULT_LOOKBACK), currency=currency)


def default_params(cur) -> ChurnParams:
    """What the churn page and the overview open with: the default analysis scope (last data
    date, main currency; cx.scope.resolve_scope) and the suggested horizon."""
    scope = resolve_scope(cur)
    return make_params(cur, as_of=scope.as_of, currency=scope.currency)


# -- is there enough data? ----------------------------------------------------------------------
@dataclass(frozen=True)
class Readiness:
    ok: bool
    customers: int  # customers in the oldest training frame (the backtest's)
    churned: int
    stayed: int
    history_days: int  # days from the first purchase to as_of
    more_customers: int  # how many more customers are needed (0 when enough)
    more_days: int  # how many more days of history are needed (0 when enough)
    needed_days: int
    as_of: date | None = None
    first_purchase: date | None = None  # the first purchase in the data (at any date)

    @property
    def no_orders(self) -> bool:
        """Nothing was bought on or before as_of (an analysis date before the data starts)."""
        return self.first_purchase is None or (self.as_of is not None
                                               and self.first_purchase > self.as_of)


@kept
def readiness(cur, params: ChurnParams) -> Readiness:
    """Enough customers (in the backtest's training frame, both outcomes present) and enough
    history (metrics.history_needed: two horizons and up to 60 days before them)?"""
    first, _ = data_span(cur, params.currency)
    history = history_days(first, params.as_of)
    needed_days = history_needed(params.horizon)
    counts = [readiness_counts(cur, cut, label_end, params.lookback, params.currency)
              for cut, label_end in ((params.backtest_cutoff, params.train_cutoff),
                                     (params.train_cutoff, params.as_of))]
    # the backtest's training frame is the oldest and smallest; the later frame must also have
    # both outcomes (a model cannot learn from customers who all stayed)
    customers, churned, stayed = counts[0]
    churned, stayed = min(churned, counts[1][1]), min(stayed, counts[1][2])
    more_customers = max(0, MIN_CUSTOMERS - customers)
    if customers and min(churned, stayed) < MIN_PER_CLASS:
        # scale up: the rarer outcome must reach MIN_PER_CLASS at today's rate
        rare = max(min(churned, stayed), 1) / customers
        more_customers = max(more_customers, int(np.ceil(MIN_PER_CLASS / rare)) - customers)
    more_days = max(0, needed_days - history)
    return Readiness(ok=more_customers == 0 and more_days == 0 and customers > 0,
                     customers=customers, churned=churned, stayed=stayed,
                     history_days=history, more_customers=more_customers,
                     more_days=more_days, needed_days=needed_days, as_of=params.as_of,
                     first_purchase=first)


# -- progress reporting --------------------------------------------------------------------------
_progress: contextvars.ContextVar[Callable[[float, str], None] | None] = contextvars.ContextVar(
    "churn_progress", default=None)


@contextlib.contextmanager
def reporting(callback: Callable[[float, str], None]):
    """Training steps inside this block call callback(fraction done, step key)."""
    token = _progress.set(callback)
    try:
        yield
    finally:
        _progress.reset(token)


def _step(fraction: float, key: str) -> None:
    cb = _progress.get()
    if cb is not None:
        cb(fraction, key)


def customer_segments(cur, as_of: date, lookback: int, currency: str | None) -> pd.Series | None:
    """Spender/referrer segment per customer as of `as_of` (cx.segments.customer_values, the
    segments page's own definition); None, logged, when the segments cannot be computed: the
    model and its other groups do not depend on them."""
    scope = Scope(start=as_of - timedelta(days=lookback - 1), end=as_of, currency=currency)
    try:
        values = customer_values(cur, scope, lookback_days=lookback)
        return values.set_index(values["customer_id"].astype(str))["segment"].astype("category")
    except Exception:  # noqa: BLE001 - another area failing leaves churn without one group
        log.exception("churn: segments as of %s could not be computed; groups go without them",
                      as_of)
        return None


# -- the fitted bundle ---------------------------------------------------------------------------
@dataclass
class ChurnBundle:
    params: ChurnParams
    data_version: str
    model: ChurnModel  # trained at as_of - horizon, scores as_of
    backtest: BacktestResult
    scores: pd.DataFrame  # every customer with a purchase on or before as_of, scored
    history: pd.DataFrame  # features at as_of - horizon with what happened next (churned)
    reasons: pd.DataFrame  # explanations for the riskiest active customers
    timings: dict = field(default_factory=dict)
    # what the page would have said one horizon earlier (the backtest model at as_of - horizon)
    previous: dict = field(default_factory=dict)
    # customer_id -> segment at the training cutoff ("then") and at as_of ("now"), for the groups
    # view: computed with the model so the page's first load does not scan the orders twice more
    segments: dict = field(default_factory=dict)

    @property
    def active(self) -> pd.DataFrame:
        """Customers with a purchase in the lookback window before as_of (the risk list)."""
        return self.scores[self.scores["active"]]


def _population(frame: pd.DataFrame, lookback: int) -> pd.DataFrame:
    return frame[frame["recency_days"] < lookback].reset_index(drop=True)


def _bgnbd_sample(frame: pd.DataFrame, rows: int = BGNBD_FIT_ROWS) -> pd.DataFrame:
    """At most `rows` customers, drawn at random (seeded: the same data gives the same fit)."""
    return frame if len(frame) <= rows else frame.sample(rows, random_state=0)


def _bgnbd_inputs(frame: pd.DataFrame):
    x = frame["purchase_days"].to_numpy(float) - 1
    return x, frame["span_days"].to_numpy(float), frame["tenure_days"].to_numpy(float)


def train_bundle(cur, params: ChurnParams) -> ChurnBundle:
    """Train the backtest models and the model in use, and score everyone as of `as_of`."""
    t0 = time.perf_counter()
    timings = {}
    h, lb, cur_ = params.horizon, params.lookback, params.currency
    _step(0.02, "churn.progress.features")
    # Peak memory at a million customers: each full feature frame is about 230 MB, so only what
    # the next step needs is kept (the populations, the BG/NBD sample); the scoring frame is
    # fetched after the backtest's frames are gone.
    bt_all = customer_features(cur, params.backtest_cutoff, cur_)
    bt, bg_sample = _population(bt_all, lb), _bgnbd_sample(bt_all)
    del bt_all
    tr = _population(customer_features(cur, params.train_cutoff, cur_), lb)
    y_bt = churn_labels(cur, bt["customer_id"], params.backtest_cutoff, h, cur_)["churned"].to_numpy()
    tr_labels = churn_labels(cur, tr["customer_id"], params.train_cutoff, h, cur_)
    y_tr = tr_labels["churned"].to_numpy()
    timings["features"] = time.perf_counter() - t0

    # backtest: learn at as_of - 2h, score at as_of - h, compare with what happened by as_of
    _step(0.12, "churn.progress.backtest")
    t1 = time.perf_counter()
    logit_bt = logistic_pipeline().fit(bt[FEATURES], y_bt)
    gb_bt = fit_churn_model(bt, y_bt, logit=logit_bt)
    _step(0.35, "churn.progress.baselines")
    recency_bt = fit_recency_baseline(bt["recency_days"], y_bt)
    bg = fit_bgnbd(*_bgnbd_inputs(bg_sample))
    predictions = {
        "gradient_boosting": gb_bt.predict_proba(tr)[:, 1],
        "logistic": logit_bt.predict_proba(tr)[:, 1],
        "recency": recency_bt.predict(tr["recency_days"].to_numpy(float)),
        "bgnbd": bg.prob_no_purchase(*_bgnbd_inputs(tr), horizon=h),
    }
    backtest = summarise(y_tr, predictions, params.backtest_cutoff, params.train_cutoff, h)
    timings["backtest"] = time.perf_counter() - t1
    bt_rows = len(bt)
    del bt, bg_sample, y_bt, gb_bt, logit_bt, recency_bt

    # the model in use: learn at as_of - h, score at as_of
    _step(0.55, "churn.progress.training")
    t2 = time.perf_counter()
    gb = fit_churn_model(tr, y_tr)
    model = ChurnModel(gb=gb, logit=None, typical=typical_values(tr), cutoff=params.train_cutoff,
                       horizon=h, n_train=len(tr), churn_rate=float(y_tr.mean()),
                       info={"bgnbd": bg, "backtest_train_rows": bt_rows})
    timings["training"] = time.perf_counter() - t2

    _step(0.8, "churn.progress.scoring")
    t3 = time.perf_counter()
    scores = customer_features(cur, params.as_of, cur_)
    scores["churn_probability"] = model.predict(scores)
    scores["active"] = scores["recency_days"] < lb
    scores["expected_spend"] = expected_spend(scores, h)
    scores["revenue_at_risk"] = scores["churn_probability"] * scores["expected_spend"]
    # what really happened after as_of - horizon, kept lean (the groups view reads it)
    history = tr[["customer_id", "acquisition_channel", "first_category", "first_channel",
                  "nps_latest", "recency_days", "frequency"]].copy()
    history["churned"] = y_tr
    was_high = predictions["gradient_boosting"] >= RISK_HIGH
    previous = {"high_risk": int(was_high.sum()),
                "high_risk_spend": float(expected_spend(tr, h)[was_high].sum())}
    history["future_spend"] = tr_labels["future_spend"].to_numpy()
    history["backtest_probability"] = predictions["gradient_boosting"]
    active = scores[scores["active"]]
    top = active.sort_values(["revenue_at_risk", "customer_id"],
                             ascending=[False, True]).head(REASON_ROWS)
    reasons = model.explain(top)
    segments = {"then": customer_segments(cur, params.train_cutoff, lb, cur_),
                "now": customer_segments(cur, params.as_of, lb, cur_)}
    timings["scoring"] = time.perf_counter() - t3
    timings["total"] = time.perf_counter() - t0
    _step(1.0, "churn.progress.done")
    return ChurnBundle(params=params, data_version=data_version(cur), model=model,
                       backtest=backtest, scores=scores.reset_index(drop=True), history=history,
                       reasons=reasons, timings=timings, previous=previous,
                       segments={k: v for k, v in segments.items() if v is not None})


# -- the fitted bundle, kept ---------------------------------------------------------------------
BUNDLE = "cx.churn.train.bundle"  # its name in cx.cache


class _NotFitted(Exception):
    """The compute of a look-up that must not fit anything."""


def _not_fitted():
    raise _NotFitted


def cached_bundle(cur, params: ChurnParams) -> ChurnBundle | None:
    """The bundle already fitted for this data version and these parameters (in this process's
    memory, or pickled next to the database when it was fitted while preparing); None when
    there is none. Cheap: a memory look-up, else a file's existence."""
    try:
        return remember(cur, BUNDLE, (params,), _not_fitted, shared=True)
    except _NotFitted:
        return None


_TRAIN_LOCK = threading.Lock()


def get_bundle(cur, params: ChurnParams) -> ChurnBundle:
    """The fitted bundle for the current data: kept, or trained now (once: two sessions asking
    at once train once). Callers share it and never change it."""
    found = cached_bundle(cur, params)
    if found is not None:
        return found
    with _TRAIN_LOCK:
        return remember(cur, BUNDLE, (params,), lambda: train_bundle(cur, params), shared=True)


def train_default(store) -> ChurnBundle | None:
    """Fit the model the churn page and the overview open with (default_params); inside
    cx.cache.preparing() (cx.prepare.prepare_after_import) it is pickled next to the database,
    so their first load reads it instead of training. None when the data is too small."""
    cur = store.cursor()
    try:
        params = default_params(cur)
        if not readiness(cur, params).ok:
            return None
        return get_bundle(cur, params)
    finally:
        cur.close()


def _background_key(path) -> str:
    return str(Path(path).resolve()) if path else ":memory:"


_BACKGROUND: dict[str, tuple[threading.Thread, threading.Event]] = {}
_BACKGROUND_LOCK = threading.Lock()


def train_in_background(store) -> threading.Thread | None:
    """After an upload: fit the default model, then prepare every page's opening results
    (cx.prepare.prepare_after_import), in a thread of the server, so the churn page and the
    others find them ready on their next visit. Fits run one at a time (get_bundle's lock): a
    second upload's thread waits, then fits the newer data. A failure is logged and leaves the
    model to train on the churn page's next visit."""
    # cx.prepare imports every area (cx.areas), this one included: imported when called
    from cx.prepare import prepare_after_import

    key = _background_key(store.path)
    fitted = threading.Event()

    def run() -> None:
        try:
            prepare_after_import(store, model_ready=fitted.set)
        except Exception:  # noqa: BLE001 - a thread has nobody to raise to
            log.exception("churn: the background fit after an import failed; the churn page "
                          "fits the model on its next visit")
        finally:
            fitted.set()

    with _BACKGROUND_LOCK:
        thread = threading.Thread(target=run, daemon=True, name="cx-churn-train")
        _BACKGROUND[key] = (thread, fitted)
        thread.start()
    return thread


def background_training(cur) -> threading.Event | None:
    """While the fit train_in_background started for this cursor's database runs: an Event set
    when the model is ready (the pages' preparation may go on after it)."""
    thread, fitted = _BACKGROUND.get(_background_key(database_file(cur)), (None, None))
    if thread is None or fitted.is_set() or not thread.is_alive():
        return None
    return fitted
