"""Training, backtest, saved models, small-data readiness, the risk list, groups, business
what-ifs, the headline and the churn-scores export."""
import io
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from cx import cache, churn
from cx.churn import metrics, scores
from cx.churn import train as train_mod
from cx.scope import Scope
from cx.sql import PURCHASE
from cx.store import Store
from tests.conftest import DEMO_END, build_demo_db
from tests.test_churn_features import add_tx

# under pytest-xdist, one worker trains demo_bundle for the whole module
pytestmark = pytest.mark.xdist_group("churn_train")


@pytest.fixture(scope="module")
def demo_bundle(demo_store):
    cur = demo_store.cursor()
    try:
        params = churn.make_params(cur, as_of=DEMO_END)
        yield cur, params, churn.get_bundle(cur, params)
    finally:
        cur.close()


def test_demo_has_enough_data_and_a_data_driven_horizon(demo_bundle):
    cur, params, _ = demo_bundle
    assert params.horizon in churn.HORIZON_CHOICES
    ready = churn.readiness(cur, params)
    assert ready.ok and ready.more_customers == 0 and ready.more_days == 0
    assert ready.churned >= 10 and ready.stayed >= 10


def test_bundle_backtest_and_scores(demo_bundle):
    cur, params, bundle = demo_bundle
    m = bundle.backtest.metrics.set_index("model")
    assert list(m.index) == ["gradient_boosting", "logistic", "recency", "bgnbd"]
    assert (m["roc_auc"] > 0.7).all() and (m["brier"] < 0.25).all()
    assert bundle.backtest.eval_cutoff == params.as_of - timedelta(days=params.horizon)
    assert bundle.model.cutoff == params.as_of - timedelta(days=params.horizon)
    s = bundle.scores
    assert s["churn_probability"].between(0, 1).all()
    assert s["customer_id"].is_unique
    # everyone with a purchase on or before as_of, and nobody else
    n = cur.execute(f"SELECT COUNT(DISTINCT customer_id) FROM transactions WHERE {PURCHASE} "
                    "AND ordered_at < ?", [datetime.combine(params.as_of + timedelta(days=1),
                                                            datetime.min.time())]).fetchall()[0][0]
    assert len(s) == n
    assert (s["active"] == (s["recency_days"] < params.lookback)).all()
    np.testing.assert_allclose(s["revenue_at_risk"], s["churn_probability"] * s["expected_spend"])
    # the model beats the recency-only baseline at ranking on the demo
    assert m.loc["gradient_boosting", "roc_auc"] > m.loc["recency", "roc_auc"]


def test_expected_spend_by_hand():
    frame = pd.DataFrame({"tenure_days": [10, 300], "total_spend": [50.0, 600.0]})
    # tenure shorter than the horizon counts as one horizon: 50; else 600 / 300 * 30 = 60
    assert list(metrics.expected_spend(frame, 30)) == [50.0, 60.0]


def test_model_is_saved_next_to_the_database_and_reloaded(tmp_path, monkeypatch):
    """A model fitted while preparing (after an import) is kept next to the database; a model
    fitted on a page visit is kept in memory only."""
    path = build_demo_db(tmp_path / "shop.duckdb", customers=600)
    store = Store(path)
    cur = store.cursor()
    params = churn.make_params(cur, as_of=DEMO_END, horizon=30)
    other = churn.make_params(cur, as_of=DEMO_END, horizon=60)
    churn.get_bundle(cur, other)
    assert not list((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl"))
    with cache.preparing():
        bundle = churn.get_bundle(cur, params)
    saved = list((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl"))
    assert len(saved) == 1
    cache.clear_memory()  # a restart: nothing in memory
    assert churn.cached_bundle(cur, other) is None

    def no_training(*a, **k):
        raise AssertionError("retrained although a saved model exists")

    monkeypatch.setattr(train_mod, "train_bundle", no_training)
    again = churn.get_bundle(cur, params)
    pd.testing.assert_frame_equal(again.scores, bundle.scores)
    cur.close()
    store.close()


def test_small_data_says_what_is_missing(store):
    rows = []
    for i in range(20):  # 20 customers, 40 days of history
        rows.append((f"o{i}", f"C{i}", datetime(2026, 1, 1) + timedelta(days=i * 2), 20.0,
                     "online", 0.0, "tea"))
    add_tx(store, rows)
    cur = store.cursor()
    params = churn.make_params(cur, as_of=date(2026, 2, 9), horizon=30)
    ready = churn.readiness(cur, params)
    assert not ready.ok
    assert ready.history_days == 39 and ready.needed_days == 90 and ready.more_days == 51
    assert ready.more_customers >= train_mod.MIN_CUSTOMERS - ready.customers
    sentence = churn.not_ready_sentence(ready)
    assert "51 more days" in sentence and "more customers" in sentence
    assert churn.headline(cur, Scope(end=date(2026, 2, 9))) == []
    cur.close()


def test_recency_view_by_hand(store):
    add_tx(store, [
        ("a", "A", datetime(2026, 3, 30), 10.0, "online", 0.0, "tea"),  # 2 days: band 1
        ("b1", "B", datetime(2026, 1, 1), 10.0, "online", 0.0, "tea"),
        ("b2", "B", datetime(2026, 2, 20), 30.0, "online", 0.0, "tea"),  # 40 days: band 2
        ("c", "C", datetime(2025, 12, 1), 5.0, "online", 0.0, "tea"),  # 121 days: band 4
        ("d", "D", datetime(2026, 4, 5), 5.0, "online", 0.0, "tea"),  # after as_of: not counted
    ])
    cur = store.cursor()
    view = churn.recency_view(cur, date(2026, 4, 1), 30).set_index("bucket")
    cur.close()
    assert list(view["customers"]) == [1, 1, 0, 1]
    assert view.loc[2, "spend"] == 40.0 and view.loc[2, "repeat_customers"] == 1


def test_risk_list_groups_and_business_whatifs(demo_bundle):
    cur, params, bundle = demo_bundle
    risk = churn.risk_list(cur, params, "probability")
    assert risk["churn_probability"].is_monotonic_decreasing
    assert {"name", "email", "reasons", "revenue_at_risk"} <= set(risk.columns)
    assert set(risk["customer_id"]) <= set(bundle.active["customer_id"])
    assert all(set(r) <= set(churn.REASON_GROUPS) for r in risk["reasons"])
    by_revenue = churn.risk_list(cur, params, "revenue")
    assert by_revenue["revenue_at_risk"].is_monotonic_decreasing

    groups = churn.loss_groups(cur, params)
    assert set(groups["dimension"]) == set(churn.GROUP_DIMENSIONS)  # segments come from cx.segments
    for dim, part in groups.groupby("dimension"):
        assert part["customers"].sum() == len(bundle.active), dim
        assert part["past_customers"].sum() == len(bundle.history), dim
    nps = groups[groups["dimension"] == "nps_group"].set_index("group")
    hist = bundle.history
    det = hist[hist["nps_latest"] <= 6]
    assert nps.loc["detractor", "churn_rate"] == pytest.approx(det["churned"].mean())

    wb = churn.win_back(bundle, 0.25)
    high = bundle.active[bundle.active["churn_probability"] >= churn.RISK_HIGH]
    assert wb["high_risk"] == len(high)
    assert wb["customers_kept"] == pytest.approx(0.25 * high["churn_probability"].sum())


def test_detractors_to_passives_rescores_with_the_model(demo_bundle, monkeypatch):
    _, _, bundle = demo_bundle
    calls = []
    real = bundle.model.predict

    def spy(frame):
        calls.append(frame.copy())
        return real(frame)

    monkeypatch.setattr(bundle.model, "predict", spy)
    result = churn.detractors_to_passives(bundle)
    assert result["detractors"] == int((bundle.active["nps_latest"] <= 6).sum()) > 0
    assert len(calls) == 1 and (calls[0]["nps_latest"] == 7).all()
    assert result["customers_kept"] == pytest.approx(
        (bundle.active[bundle.active["nps_latest"] <= 6]["churn_probability"]
         - real(calls[0])).sum())


def test_whatif_on_a_real_customer(demo_bundle):
    _, _, bundle = demo_bundle
    recent = bundle.active.sort_values("recency_days").iloc[[0]]
    row = churn.customer_row(bundle, recent["customer_id"].iloc[0])
    same = churn.whatif(bundle, row, {})
    assert same["probability"] == pytest.approx(same["original"])
    assert same["original"] == pytest.approx(row["churn_probability"].iloc[0])
    gone = churn.whatif(bundle, row, {"recency_days": 300})
    assert gone["probability"] > same["original"] + 0.2
    assert "recency" in gone["reasons"]
    typical = churn.typical_customer(bundle)
    assert 0 <= churn.whatif(bundle, typical, {})["probability"] <= 1


def test_headline(demo_bundle, demo_store):
    cur, params, bundle = demo_bundle
    heads = churn.headline(cur, Scope(end=DEMO_END))
    assert [h.key for h in heads] == ["churn.headline.high_risk", "churn.headline.revenue_at_risk"]
    high = bundle.active[bundle.active["churn_probability"] >= churn.RISK_HIGH]
    assert heads[0].value == len(high) and heads[0].higher_is_better is False
    assert heads[1].value == pytest.approx(high["expected_spend"].sum())
    # the change is against what the backtest model said one horizon earlier
    cm = bundle.backtest.calibration["gradient_boosting"]
    assert heads[0].previous == bundle.previous["high_risk"]
    assert heads[0].previous == cm[cm["bin_low"] >= churn.RISK_HIGH - 1e-9]["customers"].sum()


def test_export_trains_only_on_data_up_to_as_of(tmp_path, capsys):
    """A past --as-of gives the same scores as a database that ends on that date."""
    from cx.__main__ import main

    path = build_demo_db(tmp_path / "full.duckdb", customers=800)
    as_of = DEMO_END - timedelta(days=60)
    args = ["export", "churn-scores", "--db", str(path), "--as-of", as_of.isoformat(),
            "--horizon", "30", "--format", "json"]
    assert main(args) == 0
    full = pd.read_json(io.StringIO(capsys.readouterr().out))
    store = Store(path)
    cut = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    with store.write() as cur:
        cur.execute("DELETE FROM transactions WHERE ordered_at >= ?", [cut])
        cur.execute("DELETE FROM survey_responses WHERE responded_at >= ?", [cut])
        cur.execute("DELETE FROM referrals WHERE referred_at >= ?", [cut])
    cur = store.cursor()
    n = cur.execute(f"SELECT COUNT(DISTINCT customer_id) FROM transactions "
                    f"WHERE {PURCHASE}").fetchall()[0][0]
    cur.close()
    store.close()
    assert main(args) == 0
    cut_only = pd.read_json(io.StringIO(capsys.readouterr().out))
    assert len(full) == n and full["customer_id"].is_unique
    assert {"customer_id", "churn_probability"} <= set(full.columns)
    pd.testing.assert_frame_equal(full, cut_only)


def test_export_on_too_little_data_fails_with_one_sentence(tmp_path, capsys):
    from cx.__main__ import main

    path = tmp_path / "tiny.duckdb"
    store = Store(path)
    add_tx(store, [("o1", "A", datetime(2026, 1, 1), 10.0, "online", 0.0, "tea")])
    store.close()
    assert main(["export", "churn-scores", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Not enough data for a churn model" in err and "Traceback" not in err


def test_report_section(demo_bundle):
    cur, params, bundle = demo_bundle
    section = churn.report_section(cur, Scope(end=DEMO_END), "en", presenter=True)
    assert section.title == "Churn risk"
    high = int((bundle.active["churn_probability"] >= churn.RISK_HIGH).sum())
    assert section.sentences[0].startswith(f"{high:,} of {len(bundle.active):,} active")
    verdict_start = {"wins": "Our model did best", "on_par": "On this backtest our model is about",
                     "loses": "On this data our model did not beat"}[bundle.backtest.verdict]
    assert section.sentences[2].startswith(verdict_start)
    assert len(section.table) == 10
    assert section.table["Name"].str.endswith("•••").all()  # presenter mode


def test_report_section_on_small_data(store):
    add_tx(store, [("o1", "A", datetime(2026, 1, 1), 10.0, "online", 0.0, "tea")])
    cur = store.cursor()
    section = churn.report_section(cur, Scope(end=date(2026, 1, 1)), "ja", presenter=False)
    cur.close()
    assert section.sentences[0] == "離反モデルを作るにはまだデータが足りません。"
    assert section.figures == [] and section.table is None


def test_headline_on_large_data_says_to_open_the_churn_page(demo_store, monkeypatch):
    from cx import i18n

    cur = demo_store.cursor()
    scope = Scope(end=DEMO_END - timedelta(days=1))  # parameters nobody has trained yet

    def no_training(*a, **k):
        raise AssertionError("the overview trained on large data")

    monkeypatch.setattr(train_mod, "train_bundle", no_training)
    note = churn.headline(cur, scope)  # no training on the overview for big data, and no silence
    assert len(note) == 1 and note[0].key == scores.NEEDS_MODEL_KEY
    assert note[0].kind == "note" and note[0].value is None and note[0].page == "views/churn.py"
    assert "open the churn page" in i18n.t(note[0].key, "en")
    assert "離反リスクのページを開く" in i18n.t(note[0].key, "ja")
    monkeypatch.undo()
    params = churn.make_params(cur, as_of=scope.end)
    bundle = churn.get_bundle(cur, params)  # the churn page trains
    heads = churn.headline(cur, scope)
    assert [h.key for h in heads] == ["churn.headline.high_risk", "churn.headline.revenue_at_risk"]
    assert heads[0].value == (bundle.active["churn_probability"] >= churn.RISK_HIGH).sum()
    # with a limit above the data's size, the overview would train on its own
    monkeypatch.setattr(scores, "HEADLINE_TRAIN_LIMIT", 10**6)
    other = Scope(end=DEMO_END - timedelta(days=2))
    assert [h.kind for h in churn.headline(cur, other)] == ["int", "money"]
    cur.close()


def test_demo_command_trains_the_model_the_overview_and_page_open_with(tmp_path, monkeypatch,
                                                                        capsys):
    """`python -m cx demo` saves the default model; after a restart the overview's headline
    and the churn page's bundle are read from that file, never trained."""
    from cx.__main__ import main
    from cx.scope import resolve_scope

    db = tmp_path / "fresh.duckdb"
    assert main(["demo", "--db", str(db), "--customers", "600", "--end-date",
                 DEMO_END.isoformat()]) == 0
    assert "Churn model trained and saved" in capsys.readouterr().out
    cache.clear_memory()  # a restart: nothing in memory

    def no_training(*a, **k):
        raise AssertionError("trained although `demo` saved the model")

    monkeypatch.setattr(train_mod, "train_bundle", no_training)
    store = Store(db)
    cur = store.cursor()
    scope = resolve_scope(cur)
    params = churn.ChurnParams(as_of=scope.as_of, horizon=churn.default_horizon(
        cur, scope.as_of, scope.currency), currency=scope.currency)  # what the page builds
    assert list((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl"))
    bundle = churn.get_bundle(cur, params)
    heads = churn.headline(cur, scope)
    high = bundle.active["churn_probability"] >= churn.RISK_HIGH
    assert heads[0].value == high.sum()
    assert heads[1].value == pytest.approx(bundle.active.loc[high, "expected_spend"].sum())
    cur.close()
    store.close()


def test_demo_command_without_a_model(tmp_path, capsys):
    from cx.__main__ import main

    db = tmp_path / "d.duckdb"
    assert main(["demo", "--db", str(db), "--customers", "600", "--no-model"]) == 0
    assert "Churn model" not in capsys.readouterr().out
    assert not (tmp_path / cache.RESULTS_FOLDER).exists()


def test_a_newer_model_replaces_only_its_own_databases_older_one(tmp_path):
    """Two databases share a folder: preparing a model of newer data removes the older data's
    model of the same database (cx.cache keeps one data version per database), not the other's."""
    path = build_demo_db(tmp_path / "shop.duckdb", customers=600)
    other = tmp_path / cache.RESULTS_FOLDER / "bbbbbbbbbbbb_1-other.pkl"
    other.parent.mkdir()
    other.write_bytes(b"another database's model")
    store = Store(path)
    with cache.preparing():
        assert churn.train_default(store) is not None
    first = set((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl")) - {other}
    assert first  # the model (and the small results it read, kept while preparing)
    add_tx(store, [("n1", "C000001", datetime(2026, 11, 22, 12), 25.0, "online", 0.0, "tea")])
    with cache.preparing():
        assert churn.train_default(store) is not None
    now = set((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl"))
    assert other in now and not first & now and len(now) >= 2
    store.close()


def test_an_analysis_date_before_the_first_order(store):
    add_tx(store, [(f"o{i}", f"C{i}", datetime(2025, 1, 1) + timedelta(days=i), 20.0, "online",
                    0.0, "tea") for i in range(30)])
    cur = store.cursor()
    ready = churn.readiness(cur, churn.make_params(cur, as_of=date(2024, 1, 1)))
    cur.close()
    assert not ready.ok and ready.no_orders
    assert ready.history_days == 0  # never negative
    sentence = churn.not_ready_sentence(ready)
    assert "no orders on or before 2024-01-01" in sentence
    assert "-" not in sentence.replace("2024-01-01", "").replace("--as-of", "")
    assert "available" not in sentence and "more days" not in sentence


def test_export_before_the_data_starts_says_so_in_one_sentence(tmp_path, capsys):
    from cx.__main__ import main

    path = build_demo_db(tmp_path / "d.duckdb", customers=300)
    assert main(["export", "churn-scores", "--db", str(path), "--as-of", "2024-01-01"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("Error: There are no orders on or before 2024-01-01, so there is nothing to "
                   "score: choose a later --as-of.")


def test_readiness_needs_both_outcomes(store):
    # 150 customers who all buy every week for a year: nobody ever churns
    rows = [(f"o{c}-{w}", f"C{c}", datetime(2025, 1, 1) + timedelta(days=7 * w), 10.0, "online",
             0.0, "tea") for c in range(150) for w in range(53)]
    add_tx(store, rows)
    cur = store.cursor()
    ready = churn.readiness(cur, churn.make_params(cur, as_of=date(2025, 12, 31), horizon=30))
    cur.close()
    assert not ready.ok and ready.churned == 0 and ready.more_customers > 0


def test_typical_customers_of_groups(demo_bundle):
    cur, params, bundle = demo_bundle
    choices = churn.typical_choices(cur, params)
    assert choices[0] == "all" and "acquisition_channel=referral" in choices
    assert any(c.startswith("segment=") for c in choices)
    det = churn.typical_customer_of(cur, params, "nps_group=detractor")
    prom = churn.typical_customer_of(cur, params, "nps_group=promoter")
    assert det["nps_latest"].iloc[0] <= 6 < prom["nps_latest"].iloc[0]
    p_det = churn.whatif(bundle, det, {})["probability"]
    p_as_promoter = churn.whatif(bundle, det, {"nps_latest": prom["nps_latest"].iloc[0]})
    assert 0 <= p_det <= 1 and 0 <= p_as_promoter["probability"] <= 1


def test_risk_summary(demo_bundle):
    cur, params, bundle = demo_bundle
    numbers = churn.risk_summary(cur, params)
    p = bundle.active["churn_probability"]
    assert numbers["active"] == len(bundle.active) == sum(numbers["bands"].values())
    assert numbers["bands"]["high"] == numbers["high_risk"] == int((p >= 0.7).sum())
    assert numbers["bands"]["low"] == int((p < 0.3).sum())
    assert numbers["previous_high_risk"] == bundle.previous["high_risk"]


def test_bench_pandas_features_agree_with_the_sql(demo_store):
    """The bench compares our SQL with a pandas version: both must compute the same numbers."""
    from cx.bench.churn import pandas_features
    from cx.demo import generate
    from tests.conftest import DEMO_CUSTOMERS

    data = generate(DEMO_CUSTOMERS, end_date=DEMO_END)
    cutoff = DEMO_END - timedelta(days=45)
    cur = demo_store.cursor()
    sql = churn.customer_features(cur, cutoff).set_index("customer_id").sort_index()
    cur.close()
    pdf = pandas_features(data.transactions, data.survey_responses, data.referrals, cutoff)
    pdf = pdf.set_index("customer_id").sort_index()
    assert list(sql.index) == list(pdf.index)
    for col in ("frequency", "purchase_days", "avg_order_value", "recency_days", "span_days",
                "gap_cv", "last_gap_days", "value_trend", "channel_count", "discount_share",
                "nps_latest", "nps_mean", "nps_responses", "referrals_made"):
        np.testing.assert_allclose(sql[col].astype(float), pdf[col].astype(float), rtol=1e-9,
                                   atol=1e-9, equal_nan=True, err_msg=col)


def test_bench_rows(demo_store):
    from cx.bench.churn import bench_rows
    from cx.demo import generate
    from tests.conftest import DEMO_CUSTOMERS

    rows = bench_rows(demo_store, generate(DEMO_CUSTOMERS, end_date=DEMO_END))
    assert len(rows) == 4
    assert all(r["seconds"] > 0 for r in rows)
    assert rows[0]["pandas_seconds"] > 0 and rows[1]["budget_seconds"] == 15.0


def test_import_refits_the_model_unless_told_not_to(tmp_path, capsys):
    """`cx import` refits the default model on the new data (a scheduled import leaves the
    dashboard a model to open with); --no-model leaves it to the first visit."""
    from cx.__main__ import main
    from cx.store import data_version

    db = tmp_path / "shop.duckdb"
    assert main(["demo", "--db", str(db), "--customers", "600", "--no-model", "--end-date",
                 DEMO_END.isoformat()]) == 0
    new = tmp_path / "orders.csv"
    new.write_text("order_id,customer_id,date,amount\nN1,C000001,2026-11-20,25\n")
    assert main(["import", str(new), "--db", str(db), "--no-model"]) == 0
    assert "Churn model" not in capsys.readouterr().out
    assert not (tmp_path / cache.RESULTS_FOLDER).exists()
    new.write_text("order_id,customer_id,date,amount\nN2,C000002,2026-11-21,30\n")
    assert main(["import", str(new), "--db", str(db)]) == 0
    assert "Churn model refitted on the new data" in capsys.readouterr().out
    store = Store(db)
    cur = store.cursor()
    version = data_version(cur)
    saved = list((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl"))
    assert saved and all(p.name.startswith(version.replace(":", "_")) for p in saved)
    cache.clear_memory()
    assert churn.cached_bundle(cur, churn.default_params(cur)) is not None
    cur.close()
    store.close()


def test_an_upload_fits_the_model_in_the_background(tmp_path):
    from cx.demo import load_demo

    store = Store(tmp_path / "bg.duckdb")
    load_demo(store, customers=600, end_date=DEMO_END)  # no model
    cur = store.cursor()
    params = churn.default_params(cur)
    assert churn.cached_bundle(cur, params) is None
    thread = churn.train_in_background(store)
    fitting = churn.background_training(cur)
    if fitting is not None:  # the churn page waits for the model only
        assert fitting.wait(120)
    assert churn.background_training(cur) is None
    assert churn.cached_bundle(cur, params) is not None
    thread.join(120)  # then every page's opening results are prepared
    cache.clear_memory()  # another process finds the model next to the database
    assert churn.cached_bundle(cur, params) is not None
    assert list((tmp_path / cache.RESULTS_FOLDER).glob("*.pkl"))
    cur.close()
    store.close()
