"""Churn risk: who is about to leave, why, and what would keep them (DESIGN.md, issue 7).

features.py  features per customer as of a cutoff, in SQL; labels; horizons and the history
             each needs; the default horizon
model.py     Pipelines that leave out empty or constant inputs (UsableSignals); our model, the
             mean of calibrated gradient boosting and logistic regression; local explanations
bgnbd.py     the BG/NBD baseline (scipy)
backtest.py  ROC AUC, top-10% precision, Brier, calibration and lift
train.py     training + backtest + scoring in one cached, saved bundle; readiness (small data)
insights.py  risk list, where customers are lost, what-ifs, headline, export, recency view;
             the signals used and what would add the others
bench.py     `python -m cx bench` rows
"""
from cx.area import Area, Export
from cx.churn.bench import bench_rows
from cx.churn.features import (CATEGORICAL_FEATURES, FEATURES, HORIZON_CHOICES, NUMERIC_FEATURES,
                               churn_labels, customer_features, default_horizon, derive,
                               history_needed, horizon_options, suggested_horizon,
                               supported_horizons)
from cx.churn.insights import (GROUP_DIMENSIONS, SIGNAL_SOURCES, customer_row, detractors_to_passives, detractors_whatif,
                               export_churn_scores, headline, loss_groups, nps_group,
                               not_ready_sentence, recency_view, report_section, risk_summary, risk_band, risk_list,
                               typical_choices, typical_customer, typical_customer_of, whatif,
                               win_back, win_back_download, horizon_notes, more_history,
                               signal_report, signal_sentences, versus_bgnbd,
                               working_horizons)
from cx.churn.model import REASON_GROUPS, ChurnModel, apply_changes
from cx.churn.train import (RISK_HIGH, RISK_MEDIUM, ChurnBundle, ChurnParams, Readiness,
                            cached_bundle, cached_readiness, default_params, ensure_bundle,
                            get_bundle, make_params, readiness, reporting, train_bundle,
                            train_default, train_in_background, background_training)

__all__ = [
    "CATEGORICAL_FEATURES", "FEATURES", "HORIZON_CHOICES", "NUMERIC_FEATURES", "churn_labels",
    "customer_features", "default_horizon", "derive", "GROUP_DIMENSIONS", "customer_row",
    "detractors_to_passives", "detractors_whatif", "export_churn_scores", "headline", "loss_groups", "nps_group",
    "not_ready_sentence", "recency_view", "report_section", "risk_summary", "risk_band", "risk_list", "typical_choices", "typical_customer", "typical_customer_of", "whatif",
    "win_back", "win_back_download", "REASON_GROUPS", "ChurnModel", "apply_changes", "RISK_HIGH", "RISK_MEDIUM",
    "ChurnBundle", "ChurnParams", "Readiness", "cached_bundle", "ensure_bundle", "get_bundle", "make_params",
    "readiness", "reporting", "train_bundle", "bench_rows", "cached_readiness", "default_params",
    "train_default", "train_in_background", "background_training", "history_needed",
    "horizon_options", "suggested_horizon", "supported_horizons", "SIGNAL_SOURCES",
    "horizon_notes", "more_history", "signal_report", "signal_sentences", "versus_bgnbd",
    "working_horizons",
]


def _opening(cur, scope) -> None:
    """The calls the churn page opens with (its default widgets), when a model can be fitted."""
    params = default_params(cur)
    if readiness(cur, params).ok:
        risk_summary(cur, params)
        loss_groups(cur, params)
        detractors_whatif(cur, params)


AREA = Area(
    name="churn", page="views/churn.py", headline=headline, report_section=report_section,
    opening=_opening,
    exports=(Export("churn-scores", export_churn_scores,
                    "one row per active customer: churn probability, band and reasons"),))
