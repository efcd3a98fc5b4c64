"""Churn on sparse data (issue 17): a shop that uploads only its orders, or any mix of the
optional files and columns. The rule that leaves out empty or constant inputs, the horizons a
history supports (answers worked out by hand), training on every kind of upload, the page on an
orders-only database in English and Japanese, and the real Online Retail orders."""
from __future__ import annotations

import io
import itertools
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cx import churn
from cx.churn.metrics import default_horizon, history_needed, horizon_options, supported_horizons
from cx.churn.model import (
    UsableSignals,
    fit_churn_model,
    groups_using,
    typical_values,
    used_signals,
)
from cx.scope import Scope
from cx.store import Store
from tests.conftest import ROOT
from tests.test_churn_features import add_tx
from tests.test_churn_model import synthetic_frame

RETAIL = Path("/work/shared/data/online_retail.csv.gz")
SIGNS = ("nan", "None", "inf")  # what an empty or broken number looks like on screen


# -- the rule: inputs empty or constant in the training rows are left out --------------------------
def test_usable_signals_by_hand():
    n = 30
    train = pd.DataFrame({
        "recency_days": np.arange(n),  # 30 different values: kept
        "nps_latest": np.full(n, np.nan),  # empty: left out
        "channel_count": np.zeros(n),  # the same for everyone: left out
        "main_channel": ["unknown"] * n,  # SQL's fill for no channel: empty, left out
        "acquisition_channel": ["unknown"] * 25 + ["social"] * 5,  # 5 values < 20: left out
        "first_category": ["tea", "coffee"] * 15,  # kept
        "gap_cv": [*np.linspace(0.1, 1.0, 19), *[np.nan] * 11],  # 19 values < 20: left out
        "mean_gap_days": [*([7.0, 14.0] * 10), *[np.nan] * 10],  # 20 values, two different: kept
        "discount_share": np.zeros(n),  # constant in training
    })
    sel = UsableSignals().fit(train)
    assert sel.columns_ == ["recency_days", "first_category", "mean_gap_days"]
    assert set(sel.dropped_) == set(train.columns) - set(sel.columns_)
    # decided on the training rows only: discounts that vary in later rows stay out
    later = train.assign(discount_share=np.linspace(0, 1, n))
    assert list(sel.transform(later).columns) == ["recency_days", "first_category",
                                                  "mean_gap_days"]
    # nothing usable at all: recency is kept (constant), so the model predicts the base rate
    flat = pd.DataFrame({"recency_days": np.full(n, 5), "nps_latest": np.full(n, np.nan)})
    assert UsableSignals().fit(flat).columns_ == ["recency_days"]


def test_reason_groups_follow_the_features_they_move():
    # frequency is history; tenure_days = recency + span moves recency and history
    assert groups_using(["frequency"]) == ["history"]
    assert groups_using(["tenure_days"]) == ["recency", "history"]
    assert groups_using(["last_gap_ratio"]) == ["history", "regularity"]
    assert groups_using(["nps_latest", "main_channel"]) == ["channels", "nps"]
    assert groups_using([]) == []


def blank(frame: pd.DataFrame) -> pd.DataFrame:
    """What the features look like for a shop with orders only (SQL's fills)."""
    return frame.assign(nps_latest=np.nan, nps_mean=np.nan, nps_responses=0, referrals_made=0,
                        was_referred=0, channel_count=0, discount_share=0.0, refund_count=0,
                        acquisition_channel="unknown", first_category="unknown",
                        main_channel="unknown")


def test_orders_only_model_fits_explains_and_names_only_what_it_used():
    df, y = synthetic_frame(n=600)
    df = blank(df)
    model = churn.ChurnModel(gb=fit_churn_model(df, y), logit=None, typical=typical_values(df),
                             cutoff=None, horizon=30, n_train=len(df),
                             churn_rate=float(y.mean()))
    assert model.signals == used_signals(model.gb)
    assert not {"nps_latest", "nps_mean", "nps_responses", "referrals_made", "was_referred",
                "channel_count", "discount_share", "refund_count", "acquisition_channel",
                "first_category", "main_channel"} & set(model.signals)
    assert model.groups == ["recency", "history", "regularity", "order_value"]
    explained = model.explain(df.head(50))
    assert {c[7:] for c in explained.columns if c.startswith("effect_")} == set(model.groups)
    assert all(set(r) <= set(model.groups) for r in explained["reasons"])
    p = model.predict(df)
    assert np.isfinite(p).all() and ((p >= 0) & (p <= 1)).all()


# -- horizons and the history they need (worked out by hand) -------------------------------------
@pytest.mark.parametrize("h,needed", [(30, 90), (60, 180), (90, 240), (180, 420)])
def test_history_needed(h, needed):
    # two horizons (backtest, then training) and min(h, 60) days before them
    assert history_needed(h) == needed


@pytest.fixture
def half_yearly(store):
    """12 customers who buy on 1 Jan 2025 and again 150 days later (31 May): every gap is 150
    days, so the gaps suggest 180 days. The history is counted from 1 Jan 2025."""
    rows = []
    for i in range(12):
        rows.append((f"a{i}", f"C{i}", datetime(2025, 1, 1, 10), 10.0, None, None, None))
        rows.append((f"b{i}", f"C{i}", datetime(2025, 5, 31, 10), 10.0, None, None, None))
    add_tx(store, rows)
    return store


@pytest.mark.parametrize("history,expected", [
    (373, 90),   # 180 needs 420: 90 (240) is the longest the history supports
    (420, 180),  # exactly 420 days: the suggested 180
    (500, 180),
    (240, 90),   # exactly 240
    (239, 60),   # one day short of 90's 240
    (180, 60),
    (179, 30),
    (89, 30),    # none is supported: the shortest, whose page says what it needs
])
def test_default_horizon_is_the_longest_the_history_supports(half_yearly, history, expected):
    cur = half_yearly.cursor()
    as_of = date(2025, 1, 1) + timedelta(days=history)
    # before 31 May no second purchase is known: no gaps, and the fallback suggestion of 90
    assert churn.suggested_horizon(cur, as_of) == (180 if history >= 150 else 90)
    assert default_horizon(cur, as_of) == expected
    cur.close()


def test_horizon_options_and_notes_by_hand(half_yearly):
    cur = half_yearly.cursor()
    as_of = date(2025, 1, 1) + timedelta(days=373)  # a year of orders, like Online Retail
    options = horizon_options(cur, as_of)
    assert [(o["horizon"], o["needed_days"], o["more_days"]) for o in options] == [
        (30, 90, 0), (60, 180, 0), (90, 240, 0), (180, 420, 47)]
    assert supported_horizons(options) == [30, 60, 90]
    # 47 days is about a month and a half: said as 2 months (from 46 days on, in months)
    assert churn.horizon_notes(cur, as_of, None, "en") == ["180 days needs 2 more months of history."]
    assert churn.horizon_notes(cur, as_of, None, "ja") == [
        "180 日の予測期間には、あと 2 か月分の履歴が必要です。"]
    later = as_of + timedelta(days=27)  # 400 days: 20 more
    assert churn.horizon_notes(cur, later, None, "en") == ["180 days needs 20 more days of history."]
    assert churn.horizon_notes(cur, as_of + timedelta(days=47), None, "en") == []
    # before any order, only the shortest horizon is offered
    assert supported_horizons(horizon_options(cur, date(2024, 1, 1))) == [30]
    cur.close()


@pytest.mark.parametrize("days,text", [(1, "1 more days"), (45, "45 more days"),
                                       (46, "2 more months"), (167, "5 more months"),
                                       (365, "12 more months")])
def test_more_history_wording(days, text):
    assert churn.more_history(days, "en") == text


def test_not_ready_sentence_names_the_horizons_that_work():
    ready = churn.Readiness(ok=False, customers=714, churned=191, stayed=523, history_days=373,
                            more_customers=0, more_days=47, needed_days=420,
                            as_of=date(2011, 12, 9), first_purchase=date(2010, 12, 1))
    assert churn.not_ready_sentence(ready, [30, 60, 90]) == (
        "Not enough data for a churn model yet: it needs 47 more days of history (420 needed, "
        "373 available); --horizon 30, 60 or 90 works with this data.")
    assert churn.not_ready_sentence(ready, [30]).endswith("; --horizon 30 works with this data.")
    assert churn.not_ready_sentence(ready, []).endswith("(420 needed, 373 available).")


# -- every kind of upload trains, scores and renders ---------------------------------------------
FILES = ("surveys", "referrals", "customers")  # the optional files
COLUMNS = ("channel", "category", "discount")  # the optional columns of the orders file
SHOP_START = datetime(2025, 1, 1)
SHOP_DAYS = 240


def make_shop(store: Store, n: int = 150, seed: int = 0, **present: bool) -> None:
    """A small shop over SHOP_DAYS days: orders always; the optional files and order columns
    named in `present`. Customers buy every 10-45 days until they stop; unhappy survey answers
    and short lives go together, so the optional signals carry something to learn."""
    rng = np.random.default_rng(seed)
    tx, surveys, referrals, profiles = [], [], [], []
    for c in range(n):
        cid = f"C{c:03d}"
        start = int(rng.integers(0, 120))
        unhappy = rng.random() < 0.35
        life = int(rng.exponential(60 if unhappy else 200))
        gap = int(rng.integers(10, 46))
        t, k = start, 0
        while t <= min(SHOP_DAYS, start + life):
            at = SHOP_START + timedelta(days=t, hours=int(rng.integers(8, 20)))
            tx.append((f"o{c}-{k}", cid, at, round(float(rng.lognormal(3.2, 0.5)), 2),
                       str(rng.choice(["online", "store"])) if present.get("channel") else None,
                       float(rng.choice([0.0, 5.0])) if present.get("discount") else None,
                       str(rng.choice(["tea", "coffee", "gift"])) if present.get("category")
                       else None))
            if k == 0 and rng.random() < 0.6:
                score = int(rng.integers(0, 7) if unhappy else rng.integers(7, 11))
                surveys.append((f"s{c}", cid, at + timedelta(days=1), score))
            t += gap + int(rng.integers(0, 8))
            k += 1
        if c >= 10 and rng.random() < 0.2:
            referrals.append((f"C{int(rng.integers(0, c)):03d}", cid,
                              SHOP_START + timedelta(days=start)))
        profiles.append((cid, f"Customer {c}", f"c{c}@example.com",
                         str(rng.choice(["organic", "social", "search_ads", "email"]))))
    add_tx(store, tx)
    with store.write() as cur:
        if present.get("surveys"):
            cur.executemany("INSERT INTO survey_responses (response_id, customer_id, responded_at,"
                            " score) VALUES (?, ?, ?, ?)", surveys)
        if present.get("referrals"):
            cur.executemany("INSERT INTO referrals (referrer_id, referred_id, referred_at) "
                            "VALUES (?, ?, ?)", referrals)
        if present.get("customers"):
            cur.executemany("INSERT INTO customers (customer_id, name, email, acquisition_channel)"
                            " VALUES (?, ?, ?, ?)", profiles)


def subsets(names) -> list[tuple[str, ...]]:
    return [c for r in range(len(names) + 1) for c in itertools.combinations(names, r)]


# Every subset of the optional files, each with one subset of the order columns (the same
# position in size order: none with none, ..., all with all). That covers every subset of the
# files and every subset of the columns once, in 8 fits of 2-5 s; the 64 pairs would take 2-5
# minutes, over this file's budget. What the fit depends on is which inputs are empty or
# constant, and each optional input is present in four of these uploads and absent in four.
UPLOADS = list(zip(subsets(FILES), subsets(COLUMNS)))


def test_uploads_cover_every_subset():
    assert {f for f, _ in UPLOADS} == set(subsets(FILES))
    assert {c for _, c in UPLOADS} == set(subsets(COLUMNS))
    assert ((), ()) in UPLOADS and (FILES, COLUMNS) in UPLOADS  # orders only; everything


@pytest.fixture(scope="module")
def page_app():
    """One AppTest of the churn page, pointed at each database in turn (CX_DB is read on
    every run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    return at


def render(at, monkeypatch, path: Path, lang: str = "en"):
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.chdir(ROOT)
    at.session_state["lang"] = lang
    at.switch_page("views/churn.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def screen_text(at) -> list[str]:
    """Every text the page shows, table cells included."""
    from tests.test_i18n_pages import app_texts

    texts = app_texts(at)
    for e in at.text:
        texts.append(e.value)
    for d in at.dataframe:
        cells = d.value
        texts += [v for v in cells.to_numpy().ravel() if isinstance(v, str)]
        numbers = cells.select_dtypes("number").to_numpy(dtype=float).ravel()
        texts += [str(v) for v in numbers if np.isinf(v)]
        if cells.isna().any().any():  # a missing cell shows the placeholder, else "None"
            texts.append(d.proto.placeholder or "None")
    return texts


@pytest.mark.parametrize("files,cols", UPLOADS, ids=lambda x: "+".join(x) or "none")
def test_every_upload_trains_scores_and_renders(files, cols, tmp_path, page_app, monkeypatch):
    path = tmp_path / "shop.duckdb"
    store = Store(path)
    make_shop(store, **{k: True for k in files + cols})
    cur = store.cursor()
    params = churn.default_params(cur)
    assert churn.readiness(cur, params).ok
    bundle = churn.get_bundle(cur, params)  # trains, scores, saves next to the database
    assert np.isfinite(bundle.scores["churn_probability"]).all()
    report = churn.signal_report(bundle)
    assert set(report["used"]) >= {"recency", "history"}
    # what was not uploaded is never used; what was uploaded is (the shop makes it informative)
    expect = {"surveys": "nps", "referrals": "referrals_made", "customers": "acquisition",
              "channel": "channels", "category": "first_product", "discount": "discounts"}
    for kind, group in expect.items():
        assert (group in report["used"]) == (kind in files + cols), (kind, report)
    assert all(set(r) <= set(report["used"]) for r in churn.risk_list(cur, params)["reasons"])
    groups = churn.loss_groups(cur, params)
    assert not {"acquisition_channel", "first_category", "first_channel", "nps_group"} & (
        set(groups["dimension"]) - {d for d, g in churn.metrics.DIMENSION_SIGNAL.items()
                                    if g in report["used"]})
    section = churn.report_section(cur, Scope(end=params.as_of), "en", presenter=False)
    assert not any(s in " ".join(section.sentences) for s in SIGNS)
    cells = section.table.astype(str).to_numpy().ravel()
    assert not [c for c in cells if c in ("nan", "NaN", "None", "inf")]
    assert ("Name" in section.table.columns) == ("customers" in files)
    cur.close()
    store.close()
    at = render(page_app, monkeypatch, path)
    assert not at.error
    shown = [s for s in screen_text(at) if any(w in s for w in SIGNS)]
    assert shown == []
    sliders = {s.key.split("_")[1] for s in list(at.slider) + list(at.select_slider)
               if s.key.startswith("wi_")}
    assert ("nps" in sliders) == ("surveys" in files)
    assert ("disc" in sliders) == ("discount" in cols)
    assert ("ref" in sliders) == ("referrals" in files)


# -- the page on an orders-only database, in English and Japanese --------------------------------
@pytest.fixture(scope="module")
def orders_only_db(tmp_path_factory) -> Path:
    """A shop that uploaded its orders and nothing else, with its model trained and saved."""
    path = tmp_path_factory.mktemp("orders") / "orders.duckdb"
    store = Store(path)
    make_shop(store, seed=1)
    cur = store.cursor()
    churn.get_bundle(cur, churn.default_params(cur))
    cur.close()
    store.close()
    return path


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_orders_only_page(orders_only_db, page_app, monkeypatch, lang):
    from tests.test_i18n_pages import app_texts, english_words

    at = render(page_app, monkeypatch, orders_only_db, lang)
    assert not at.error
    assert [s for s in screen_text(at) if any(w in s for w in SIGNS)] == []
    sliders = sorted(s.key.split("_")[1] for s in list(at.slider) + list(at.select_slider)
                     if s.key.startswith("wi_"))
    assert sliders == ["aov", "freq", "rec"]  # no survey, referral or discount sliders
    markdown = [m.value for m in at.markdown]
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    if lang == "en":
        assert any(m.startswith("Signals used: Long since last purchase, Few orders")
                   for m in markdown)
        assert any(m.startswith("Against BG/NBD") for m in markdown)
        unused = tables[("Signal not used", "What adds it")]
        assert set(unused["What adds it"]) >= {"a surveys file with NPS answers",
                                               "a channel column in the orders file"}
        assert "Survey answers (NPS)" in set(unused["Signal not used"])
    else:
        assert any(m.startswith("使った情報：最終購入から日数が経過") for m in markdown)
        assert any(m.startswith("購買行動の定番モデル BG/NBD との比較") for m in markdown)
        unused = tables[("使えなかった情報", "追加に必要なもの")]
        assert "NPS 回答のアンケートファイル" in set(unused["追加に必要なもの"])
        assert sorted({w for t in app_texts(at) for w in english_words(t)}) == []
    risk = next(d.value for d in at.dataframe if "customer_id" in d.value.columns)
    assert not {"name", "email", "nps_latest", "acquisition_channel"} & set(risk.columns)


# -- the real Online Retail orders (UCI), orders only ---------------------------------------------
RETAIL_ORDERS_SQL = """
WITH lines AS (
    SELECT InvoiceNo AS order_id, CustomerID AS customer_id,
           COALESCE(try_strptime(InvoiceDate, '%Y-%m-%d %H:%M:%S'),
                    try_strptime(InvoiceDate, '%m/%d/%Y %H:%M')) AS ordered_at,
           CAST(Quantity AS DOUBLE) * CAST(UnitPrice AS DOUBLE) AS line
    FROM read_csv($path, header = true, all_varchar = true)
    WHERE CustomerID IS NOT NULL AND CustomerID <> '' AND NOT starts_with(InvoiceNo, 'C')
)
SELECT order_id, customer_id, MIN(ordered_at) AS ordered_at, SUM(line) AS amount
FROM lines GROUP BY order_id, customer_id ORDER BY ordered_at, order_id
"""


def retail_orders() -> pd.DataFrame:
    """One row per invoice: its customer, first line's time and the sum of quantity x unit
    price; lines without a customer and cancellation invoices (starting with C) left out. The
    file's dates are ISO; the UCI original's 12/1/2010 8:26 is read too."""
    import duckdb

    con = duckdb.connect()
    try:
        return con.execute(RETAIL_ORDERS_SQL, {"path": str(RETAIL)}).df()
    finally:
        con.close()


@pytest.mark.skipif(not RETAIL.exists(), reason="needs /work/shared/data/online_retail.csv.gz")
def test_online_retail_orders_get_a_model_that_beats_bgnbd(store):
    orders = retail_orders()
    assert len(orders) == 18_536 and orders["customer_id"].nunique() == 4_339
    assert orders["ordered_at"].notna().all()
    # the columns add_tx fills, in one statement (18,536 executemany rows take ~15 s)
    with store.write() as cur:
        cur.register("retail_orders", orders)
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                    "currency, items, source) SELECT order_id, customer_id, ordered_at, amount, "
                    "'GBP', 1, 'test' FROM retail_orders")
        cur.unregister("retail_orders")
    cur = store.cursor()
    params = churn.default_params(cur)
    assert params.as_of == date(2011, 12, 9)
    # the gaps ask for 180 days, which needs 420 days of history; 373 support 30, 60 and 90
    assert churn.suggested_horizon(cur, params.as_of) == 180
    assert params.horizon == 90
    assert supported_horizons(horizon_options(cur, params.as_of)) == [30, 60, 90]
    assert churn.horizon_notes(cur, params.as_of, None, "en") == [
        "180 days needs 2 more months of history."]
    ready = churn.readiness(cur, params)
    assert ready.ok and ready.history_days == 373 and ready.needed_days == 240
    bundle = churn.get_bundle(cur, params)
    m = bundle.backtest.metrics.set_index("model")
    ours, bg = m.loc["gradient_boosting"], m.loc["bgnbd"]
    assert ours["roc_auc"] > bg["roc_auc"] and ours["brier"] < bg["brier"], m
    assert churn.versus_bgnbd(bundle)["better"]
    assert churn.signal_report(bundle)["used"] == ["recency", "history", "regularity",
                                                   "order_value"]
    assert np.isfinite(bundle.scores["churn_probability"]).all()
    cur.close()


# -- the command line on an orders-only shop ---------------------------------------------------------
def test_command_line_on_an_orders_only_file(tmp_path, capsys):
    """`cx import` of a plain orders CSV refits the model, `export churn-scores` scores,
    `report` has a churn section, and a horizon the history cannot support fails with one
    sentence naming the ones that work."""
    from cx.__main__ import main
    from cx.store import fetch_df

    shop = Store(":memory:")
    make_shop(shop, seed=2)
    cur = shop.cursor()
    orders = fetch_df(cur, "SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d') "
                           "AS date, amount FROM transactions ORDER BY ordered_at, order_id")
    cur.close()
    shop.close()
    csv = tmp_path / "orders.csv"
    orders.to_csv(csv, index=False)
    db = tmp_path / "shop.duckdb"
    assert main(["import", str(csv), "--db", str(db)]) == 0
    assert "Churn model refitted on the new data" in capsys.readouterr().out
    assert main(["export", "churn-scores", "--db", str(db), "--format", "json"]) == 0
    out = capsys.readouterr()
    scores = pd.read_json(io.StringIO(out.out))
    assert len(scores) == orders["customer_id"].nunique() and out.err == ""
    assert scores["churn_probability"].between(0, 1).all()
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert "Signals used: Long since last purchase" in html and "Against BG/NBD" in html
    assert "<td>NaN</td>" not in html and "<td>None</td>" not in html
    # some 240 days of orders: 180 days needs 420 (and customers before as_of - 360 days)
    assert main(["export", "churn-scores", "--db", str(db), "--horizon", "180"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count(".") == 1 and err.endswith("works with this data.") and "\n" not in err
    assert "more days of history (420 needed, 23" in err and "--horizon 30 or 60 works" in err
