"""The churn model: a scikit-learn Pipeline (UsableSignals + ColumnTransformer +
HistGradientBoosting) with calibrated probabilities, a logistic regression beside it for
comparison, and a local explanation: for each group of inputs, how much the probability changes
when that group is set to the typical (median / most common) value of the customers the model was
trained on. Also the model's inputs (FEATURES) and the columns derived from others (derive).

A shop that uploads only its orders has no survey, referral, channel, category or discount data:
those inputs are empty or the same for everyone. UsableSignals, the first step of each Pipeline,
leaves them out on the rows it is fitted on (training rows only), so the model learns from the
signals the data has and the page names the ones it could not use.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from threadpoolctl import ThreadpoolController

from cx.churn.queries import CATEGORICAL_COLUMNS

# -- the model's inputs -----------------------------------------------------------------------
# The inputs an owner can picture (and the what-if sliders move); derived columns follow from them.
NUMERIC_FEATURES = [
    "recency_days",      # days since the last purchase
    "frequency",         # purchases (cx.sql.PURCHASE)
    "avg_order_value",   # mean purchase amount
    "tenure_days",       # days since the first purchase (derived: recency + span)
    "mean_gap_days",     # mean days between purchase days (derived: span / (days - 1))
    "gap_cv",            # regularity: spread of the gaps / their mean (lower = more regular)
    "overdue_ratio",     # recency / mean gap (derived): > 1 means later than usual
    "last_gap_ratio",    # last gap / mean gap (derived): > 1 means slowing down
    "value_trend",       # mean of the last 3 orders / mean of all orders
    "channel_count",     # distinct order channels used
    "refund_count",      # refund rows (negative amounts)
    "discount_share",    # share of orders with a discount
    "nps_latest",        # latest survey score 0-10 (missing = never answered)
    "nps_mean",          # mean survey score
    "nps_responses",     # survey answers given
    "referrals_made",    # friends this customer referred
    "was_referred",      # 1 when the customer came through a referral
]
CATEGORICAL_FEATURES = list(CATEGORICAL_COLUMNS)  # acquisition channel, first category, channel
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES
# Columns the feature query returns besides features (for revenue, lists and groups).
EXTRA_COLUMNS = ["customer_id", "span_days", "purchase_days", "last_gap_days", "total_spend",
                 "first_channel", "last_purchase"]


def derive(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the columns that follow from others (tenure, mean gap, overdue and slowing-down ratios),
    so the what-if can move an input and keep the rest consistent. Returns a new frame."""
    df = frame.copy()
    days = df["purchase_days"].astype(float)
    span = df["span_days"].astype(float)
    recency = df["recency_days"].astype(float)
    df["tenure_days"] = recency + span
    mean_gap = np.where(days > 1, span / np.maximum(days - 1, 1), np.nan)
    df["mean_gap_days"] = mean_gap
    with np.errstate(divide="ignore", invalid="ignore"):
        df["overdue_ratio"] = np.where(mean_gap > 0, recency / mean_gap, np.nan)
        df["last_gap_ratio"] = np.where(mean_gap > 0,
                                        df["last_gap_days"].astype(float) / mean_gap, np.nan)
    return df


# HistGradientBoosting runs on OpenMP threads that spin while they wait. On this 2-core machine,
# shared with DuckDB and other sessions, two such threads measured 1 s or 20-40 s for the same
# fit (and 6 ms or 180 ms for a one-row predict); one thread gave 1.2 s and 6 ms every time.
# So OpenMP gets one thread in this process (CX_OPENMP_THREADS overrides; only scikit-learn's
# OpenMP code is affected: DuckDB and numpy's BLAS have their own thread pools). OpenMP keeps
# that setting per thread, and fits and predictions run in many threads (each Streamlit script
# run, the upload's background fit): a limit set once at import held only in the importing
# thread (a Streamlit run's fit of 20,000 customers took 50 s instead of 4). So every fit and
# predict sets it for the thread it runs in (about 20 microseconds).
_OPENMP_THREADS = int(os.environ.get("CX_OPENMP_THREADS", "1"))
_THREADPOOLS = ThreadpoolController()


def one_openmp_thread() -> None:
    """Limit scikit-learn's OpenMP to _OPENMP_THREADS in the calling thread."""
    _THREADPOOLS.limit(limits=_OPENMP_THREADS, user_api="openmp")


one_openmp_thread()

# Explanation groups: inputs that move together, named by an i18n key suffix (churn.reason.<key>).
# Derived columns (tenure, mean gap, ratios) are recomputed from the inputs by `derive`.
REASON_GROUPS: dict[str, list[str]] = {
    "recency": ["recency_days"],
    "history": ["frequency", "purchase_days", "span_days"],
    "regularity": ["gap_cv", "last_gap_days"],
    "order_value": ["avg_order_value", "value_trend"],
    "channels": ["channel_count", "main_channel"],
    "refunds": ["refund_count"],
    "discounts": ["discount_share"],
    "nps": ["nps_latest", "nps_mean", "nps_responses"],
    "referrals_made": ["referrals_made"],
    "referred": ["was_referred"],
    "acquisition": ["acquisition_channel"],
    "first_product": ["first_category"],
}
INPUT_COLUMNS = sorted({c for cols in REASON_GROUPS.values() for c in cols})
# what derive() computes each derived feature from
_DERIVED_FROM = {"tenure_days": {"recency_days", "span_days"},
                 "mean_gap_days": {"purchase_days", "span_days"},
                 "overdue_ratio": {"recency_days", "purchase_days", "span_days"},
                 "last_gap_ratio": {"last_gap_days", "purchase_days", "span_days"}}
_DERIVED = set(_DERIVED_FROM)
_EXPLAIN_INPUTS = [c for c in FEATURES if c not in _DERIVED] + [
    c for c in ("purchase_days", "span_days", "last_gap_days") if c not in FEATURES]
# A reason is named only when it moves the probability by at least this much.
MIN_REASON_EFFECT = 0.01


def group_features(group: str) -> list[str]:
    """The model features a reason group moves: its own inputs and what derive() makes of them."""
    cols = set(REASON_GROUPS[group])
    return [f for f in FEATURES if f in cols or _DERIVED_FROM.get(f, set()) & cols]


def groups_using(signals) -> list[str]:
    """The reason groups that move at least one of these features, in REASON_GROUPS order."""
    used = set(signals)
    return [g for g in REASON_GROUPS if used.intersection(group_features(g))]


def used_signals(estimator) -> list[str]:
    """The features a fitted model kept (UsableSignals of each Pipeline in it), in FEATURES
    order."""
    if isinstance(estimator, VotingClassifier):
        kept = {f for part in estimator.estimators_ for f in used_signals(part)}
        return [f for f in FEATURES if f in kept]
    if isinstance(estimator, FrozenEstimator):
        return used_signals(estimator.estimator)
    if isinstance(estimator, CalibratedClassifierCV):
        return used_signals(estimator.calibrated_classifiers_[0].estimator)
    kept = set(estimator.named_steps["signals"].columns_)
    return [f for f in FEATURES if f in kept]


HOLDOUT_ROWS = 20_000  # from this many rows on, calibrate on a held-out fifth (one fit)
MAX_CATEGORIES = 12  # per categorical input: the 11 most common and "other"
# An input is used when at least this many training rows have a value and not all the same one.
# Fewer values teach a model nothing, and the booster sets 15% of its rows aside for early
# stopping: a column with a handful of values could be empty in the rest, which numpy's binning
# cannot take ("window shape cannot be larger than input array shape").
MIN_SIGNAL_ROWS = 20


def _has_signal(s: pd.Series, min_rows: int) -> bool:
    values = s.dropna()
    if s.name in CATEGORICAL_FEATURES:
        values = values[values.astype(str) != "unknown"]  # "unknown" is how SQL fills a gap
    return len(values) >= min_rows and values.nunique() > 1


class UsableSignals(TransformerMixin, BaseEstimator):
    """Keep the columns that carry a signal in the rows it is fitted on: at least `min_rows`
    values (missing and "unknown" are not values) that are not all the same. Inside a Pipeline it
    decides on the training rows only (each cross-validation fold decides on its own rows).
    Never empty: with no usable column it keeps recency_days, and the model predicts the base
    rate (a constant column is harmless to the booster; an empty one is not)."""

    def __init__(self, min_rows: int = MIN_SIGNAL_ROWS):
        self.min_rows = min_rows

    def fit(self, X: pd.DataFrame, y=None):
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        kept = [c for c in X.columns if _has_signal(X[c], self.min_rows)]
        self.columns_ = kept or ["recency_days"]
        self.dropped_ = [c for c in X.columns if c not in self.columns_]
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        return X[self.columns_]

    def get_feature_names_out(self, input_features=None):
        return np.asarray(self.columns_, dtype=object)


def _exactly(names) -> str:
    """A make_column_selector pattern matching exactly these column names (picklable, unlike
    a lambda, so the fitted model can be saved)."""
    return "^(?:" + "|".join(map(re.escape, names)) + ")$"


def _signed_log(x):
    return np.sign(x) * np.log1p(np.abs(x))


def gradient_boosting_pipeline(random_state: int = 0, rows: int = 100_000) -> Pipeline:
    """Smaller trees on small data (fewer rows per leaf to learn from). From HOLDOUT_ROWS rows
    on, a learning rate of 0.1 instead of 0.05: early stopping then ends after about 100 trees
    instead of 180 (fit and predict take half as long; at 100,000 customers the backtest ROC AUC
    moved from 0.9508 to 0.9505). Small data keeps 0.05, where it is cheap and a little better."""
    # Categories one-hot (the most common MAX_CATEGORIES - 1 and "other"): the booster's own
    # categorical support needs their column positions when it is built, before UsableSignals
    # has chosen the columns. Measured on the demo: the same backtest (ROC AUC 0.948 -> 0.949
    # at 60 days), and a what-if 5 ms faster than with pandas categoricals.
    categorical = OneHotEncoder(handle_unknown="infrequent_if_exist",
                                max_categories=MAX_CATEGORIES, sparse_output=False)
    columns = ColumnTransformer(
        [("cat", categorical, make_column_selector(_exactly(CATEGORICAL_FEATURES))),
         ("num", "passthrough", make_column_selector(_exactly(NUMERIC_FEATURES)))])
    booster = HistGradientBoostingClassifier(
        learning_rate=0.1 if rows >= HOLDOUT_ROWS else 0.05, max_iter=300,
        max_leaf_nodes=7 if rows < 10_000 else 15,
        min_samples_leaf=50 if rows >= 5000 else 20,
        l2_regularization=1.0, early_stopping=True, validation_fraction=0.15,
        n_iter_no_change=15, random_state=random_state)
    return Pipeline([("signals", UsableSignals()), ("columns", columns), ("model", booster)])


def logistic_pipeline() -> Pipeline:
    numeric = make_pipeline(SimpleImputer(strategy="median", add_indicator=True,
                                          keep_empty_features=True),
                            FunctionTransformer(_signed_log), StandardScaler())
    columns = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=10),
         make_column_selector(_exactly(CATEGORICAL_FEATURES))),
        ("num", numeric, make_column_selector(_exactly(NUMERIC_FEATURES)))])
    return Pipeline([("signals", UsableSignals()), ("columns", columns),
                     ("model", LogisticRegression(max_iter=2000, C=1.0))])


def fit_calibrated(X: pd.DataFrame, y: np.ndarray, random_state: int = 0) -> CalibratedClassifierCV:
    """Gradient boosting with calibrated probabilities, one model to predict with (so a what-if
    stays fast). Small data: out-of-fold predictions of 3 shuffled folds calibrate a model refit
    on all rows. Large data (HOLDOUT_ROWS+): the booster learns from a random 80% and isotonic
    calibration is fitted on the other 20%, a single fit instead of four."""
    one_openmp_thread()
    X = X[FEATURES]
    y = np.asarray(y)
    method = "isotonic" if len(y) >= 2000 else "sigmoid"
    pipe = gradient_boosting_pipeline(random_state, len(y))
    if len(y) >= HOLDOUT_ROWS:
        fit_idx, cal_idx = train_test_split(np.arange(len(y)), test_size=0.2, stratify=y,
                                            random_state=random_state)
        pipe.fit(X.iloc[fit_idx], y[fit_idx])
        calibrated = CalibratedClassifierCV(FrozenEstimator(pipe), method=method)
        return calibrated.fit(X.iloc[cal_idx], y[cal_idx])
    # shuffled folds: rows come sorted by customer id, which often follows sign-up order
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=random_state)
    calibrated = CalibratedClassifierCV(pipe, method=method, cv=folds, ensemble=False)
    return calibrated.fit(X, y)


def fit_churn_model(X: pd.DataFrame, y: np.ndarray, logit: Pipeline | None = None,
                    random_state: int = 0) -> VotingClassifier:
    """Our model: the mean of the calibrated booster's and the logistic regression's
    probabilities (soft voting). Each is better at something: the booster at interactions
    (surveys x recency on the demo), the regression at extrapolating smoothly past the
    history it was trained on, which matters when a year of orders is all there is. On the
    Online Retail orders (orders only) the backtest ROC AUC at 30/60/90 days was 0.741/0.732/
    0.731 for the booster alone, 0.743/0.741/0.737 for the regression, 0.745/0.740/0.738 for
    the mean, against 0.737/0.732/0.733 for BG/NBD; on the demo the mean stays within 0.002
    of the booster.
    `logit`: an already fitted logistic_pipeline on the same rows (the backtest fits one as
    a baseline anyway)."""
    one_openmp_thread()
    X = X[FEATURES]
    if logit is None:
        logit = logistic_pipeline().fit(X, y)
    parts = [("gb", FrozenEstimator(fit_calibrated(X, y, random_state))),
             ("logit", FrozenEstimator(logit))]
    return VotingClassifier(parts, voting="soft").fit(X, y)  # frozen: only sets classes_


def typical_values(frame: pd.DataFrame) -> dict:
    """The typical customer: medians of numbers (missing when most customers have none, e.g.
    never answered a survey) and the most common category."""
    out = {}
    for col in INPUT_COLUMNS:
        s = frame[col]
        if col in CATEGORICAL_FEATURES:
            out[col] = s.mode().iloc[0] if len(s.dropna()) else "unknown"
        elif s.isna().mean() > 0.5:
            out[col] = np.nan
        else:
            out[col] = float(s.median())
    gaps = frame["mean_gap_days"].dropna() if "mean_gap_days" in frame else pd.Series(dtype=float)
    out["mean_gap_days"] = float(gaps.median()) if len(gaps) else 30.0
    return out


@dataclass
class ChurnModel:
    """Fitted once per (data version, as_of, horizon, lookback, currency); never mutated after."""
    gb: CalibratedClassifierCV
    logit: Pipeline | None
    typical: dict
    cutoff: date  # features as of this day, labels from the horizon after it
    horizon: int
    n_train: int
    churn_rate: float
    info: dict = field(default_factory=dict)

    @property
    def signals(self) -> list[str]:
        """The features the model in use learned from (the others were empty or constant)."""
        if "signals" not in self.info:
            self.info["signals"] = used_signals(self.gb)
        return self.info["signals"]

    @property
    def groups(self) -> list[str]:
        """The reason groups (and what-if inputs) the model can speak about."""
        return groups_using(self.signals)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        if len(frame) == 0:
            return np.zeros(0)
        one_openmp_thread()
        return self.gb.predict_proba(frame[FEATURES])[:, 1]

    def predict_logit(self, frame: pd.DataFrame) -> np.ndarray:
        if self.logit is None or len(frame) == 0:
            return np.full(len(frame), np.nan)
        return self.logit.predict_proba(frame[FEATURES])[:, 1]

    def explain(self, frame: pd.DataFrame, top: int = 3) -> pd.DataFrame:
        """Per customer: its probability, the effect of each reason group (probability minus the
        probability with that group set to the typical customer's values; positive = pushes
        the risk up) and the `top` reasons pushing the risk up, in one batched predict. Only the
        groups whose inputs the model uses are explained (the others change nothing)."""
        n = len(frame)
        groups = self.groups
        if n == 0:
            return pd.DataFrame(columns=["customer_id", "churn_probability", "reasons"])
        base = frame.reset_index(drop=True)
        # one frame holding the customer(s) and, block by block, each group set to typical:
        # built column by column (numpy), so a one-row what-if costs one small predict
        columns = {}
        for col in _EXPLAIN_INPUTS:
            values = base[col].to_numpy()
            if col not in CATEGORICAL_FEATURES:
                values = values.astype(float)
            columns[col] = np.tile(values, len(groups) + 1)
        for i, g in enumerate(groups, start=1):
            block = slice(i * n, (i + 1) * n)
            for col in REASON_GROUPS[g]:
                columns[col][block] = self.typical[col]
        stacked = pd.DataFrame(columns)
        stacked["frequency"] = np.maximum(stacked["frequency"], 1)  # keep history consistent
        stacked["purchase_days"] = np.minimum(np.maximum(stacked["purchase_days"], 1),
                                              stacked["frequency"])
        stacked = derive(stacked)
        p = self.predict(stacked).reshape(len(groups) + 1, n)
        effects = p[0][None, :] - p[1:]
        out = pd.DataFrame({"customer_id": base["customer_id"].to_numpy(),
                            "churn_probability": p[0]})
        for i, g in enumerate(groups):
            out[f"effect_{g}"] = effects[i]
        order = np.argsort(-effects, axis=0)
        reasons = []
        for j in range(n):
            picked = [groups[i] for i in order[:top, j] if effects[i, j] >= MIN_REASON_EFFECT]
            reasons.append(tuple(picked))
        out["reasons"] = reasons
        return out


def apply_changes(row: pd.DataFrame, changes: dict, typical: dict | None = None) -> pd.DataFrame:
    """A what-if copy of one customer's features with some inputs changed, kept consistent:
    more orders spread over the same history; a latest NPS answer moves the mean with it."""
    out = row.copy()
    for col, value in changes.items():
        if col == "frequency":
            old_freq = max(int(out["frequency"].iloc[0]), 1)
            old_days = int(out["purchase_days"].iloc[0])
            new_freq = max(int(value), 1)
            new_days = max(1, min(new_freq, int(round(old_days * new_freq / old_freq))))
            out["frequency"] = new_freq
            out["purchase_days"] = new_days
            if new_days > 1 and float(out["span_days"].iloc[0]) <= 0:
                gap = (typical or {}).get("mean_gap_days")
                gap = gap if gap is not None and np.isfinite(gap) else 30.0
                out["span_days"] = gap * (new_days - 1)
                out["last_gap_days"] = gap
            if new_days == 1:
                out["span_days"] = 0
                out["last_gap_days"] = np.nan
                out["gap_cv"] = np.nan
        elif col == "nps_latest":
            old_n = int(out["nps_responses"].iloc[0])
            if value is None or (isinstance(value, float) and np.isnan(value)):
                out["nps_latest"], out["nps_mean"], out["nps_responses"] = np.nan, np.nan, 0
            elif old_n == 0 or pd.isna(out["nps_mean"].iloc[0]):
                out["nps_latest"], out["nps_mean"], out["nps_responses"] = float(value), float(value), 1
            else:
                old_latest = float(out["nps_latest"].iloc[0])
                out["nps_mean"] = float(out["nps_mean"].iloc[0]) + (float(value) - old_latest) / old_n
                out["nps_latest"] = float(value)
        else:
            out[col] = value
    return derive(out)
