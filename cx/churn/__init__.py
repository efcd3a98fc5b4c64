"""Churn risk: who is about to leave, why, and what would keep them (DESIGN.md, issue 7).

queries.py      the SQL: features per customer as of a cutoff, labels, gaps, spans, readiness,
                recency bands, contacts
model.py        the model's inputs (FEATURES, derive); Pipelines that leave out empty or constant
                inputs (UsableSignals); our model, the mean of calibrated gradient boosting and
                logistic regression; local explanations
bgnbd.py        the BG/NBD baseline (scipy)
backtest.py     ROC AUC, top-10% precision, Brier, calibration and lift
metrics.py      features and labels, the horizons a history supports, risk bands, the recency
                view, what-ifs on a fitted bundle, the signals it used
train.py        training + backtest + scoring in one bundle kept by cx.cache; readiness (small
                data); the fit after an import, in the background
scores.py       what the fitted model says for a set of parameters: key numbers, the risk list,
                where customers are lost, typical customers, the detractors what-if, headline
sentences.py    the area's translated words, shared by the page and the report
page.py         what the page shows (whatif_page.py: its what-if tab) and its default widgets
export.py       `python -m cx export churn-scores`
report.py       the meeting report's section
The bench rows are cx/bench/churn.py.
"""
from cx.area import Area, Export
from cx.churn.export import export_churn_scores, not_ready_sentence, working_horizons
from cx.churn.metrics import (
                              GROUP_DIMENSIONS,
                              HORIZON_CHOICES,
                              RISK_HIGH,
                              RISK_MEDIUM,
                              SIGNAL_SOURCES,
                              churn_labels,
                              customer_features,
                              customer_row,
                              default_horizon,
                              detractors_to_passives,
                              history_needed,
                              horizon_options,
                              nps_group_of_scores,
                              recency_view,
                              risk_band,
                              signal_report,
                              suggested_horizon,
                              supported_horizons,
                              typical_customer,
                              whatif,
                              win_back,
)
from cx.churn.model import (
                              CATEGORICAL_FEATURES,
                              FEATURES,
                              NUMERIC_FEATURES,
                              REASON_GROUPS,
                              ChurnModel,
                              apply_changes,
                              derive,
)
from cx.churn.page import DEFAULTS, opening
from cx.churn.report import report_section
from cx.churn.scores import (
                              detractors_whatif,
                              headline,
                              headline_state,
                              loss_groups,
                              risk_list,
                              risk_summary,
                              typical_choices,
                              typical_customer_of,
)
from cx.churn.sentences import (
                              horizon_notes,
                              more_history,
                              signal_sentences,
                              versus_bgnbd,
                              win_back_download,
)
from cx.churn.train import (
                              ChurnBundle,
                              ChurnParams,
                              Readiness,
                              background_training,
                              cached_bundle,
                              default_params,
                              get_bundle,
                              make_params,
                              readiness,
                              reporting,
                              train_bundle,
                              train_default,
                              train_in_background,
)

__all__ = [
    "AREA", "CATEGORICAL_FEATURES", "DEFAULTS", "FEATURES", "GROUP_DIMENSIONS", "HORIZON_CHOICES",
    "NUMERIC_FEATURES", "REASON_GROUPS", "RISK_HIGH", "RISK_MEDIUM", "SIGNAL_SOURCES",
    "ChurnBundle", "ChurnModel", "ChurnParams", "Readiness", "apply_changes",
    "background_training", "cached_bundle", "churn_labels", "customer_features", "customer_row",
    "default_horizon", "default_params", "derive", "detractors_to_passives", "detractors_whatif",
    "export_churn_scores", "get_bundle", "headline", "headline_state", "history_needed", "horizon_notes",
    "horizon_options", "loss_groups", "make_params", "more_history", "not_ready_sentence",
    "nps_group_of_scores", "readiness", "recency_view", "report_section", "reporting",
    "risk_band", "risk_list", "risk_summary", "signal_report", "signal_sentences",
    "suggested_horizon", "supported_horizons", "train_bundle", "train_default",
    "train_in_background", "typical_choices", "typical_customer", "typical_customer_of",
    "versus_bgnbd", "whatif", "win_back", "win_back_download", "working_horizons",
]


AREA = Area(
    name="churn", page="views/churn.py", headline=headline, report_section=report_section,
    opening=opening, headline_state=headline_state,
    exports=(Export("churn-scores", export_churn_scores,
                    "one row per active customer: churn probability, band and reasons"),))
