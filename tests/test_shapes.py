"""The data-shape matrix: every page on the shapes of data real shops start with, in both
languages, through Streamlit's AppTest (issue 17).

Each shape is built by inserting rows straight into a Store (a small generator below). For every
(shape, page, language): no exception, no error box, no "nan" / "None" / "inf" on screen, no zero
standing for data the shop has not loaded (a sentence instead), and every overview and retention
headline with its sample size in its help text.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cx import i18n
from cx.store import Store
from tests.conftest import ROOT

PAGES = ["views/overview.py", "views/retention.py", "views/repeat.py", "views/segments.py",
         "views/nps.py", "views/churn.py", "views/data.py"]
END = date(2026, 11, 20)


# -- the generator ----------------------------------------------------------------------------
def _insert(store: Store, table: str, df: pd.DataFrame) -> None:
    if df.empty:
        return
    with store.write() as cur:
        cur.register("shape_frame", df)
        cols = ", ".join(df.columns)
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM shape_frame")  # constants
        cur.unregister("shape_frame")


def orders(n_customers: int, first: date, last: date, seed: int = 1, guests: bool = False,
           new_until: date | None = None, repeat: float = 0.5, cohort_days: int | None = None,
           prefix: str = "c") -> pd.DataFrame:
    """Orders with the four columns of a bare export (customer, date, quantity, amount): each
    customer's first order uniform in [first, new_until or last] (or in the first `cohort_days`),
    then repeat orders with probability `repeat` each, some weeks apart, up to `last`."""
    rng = np.random.default_rng(seed)
    span_end = new_until or last
    span = (span_end - first).days if cohort_days is None else cohort_days - 1
    starts = rng.integers(0, max(span, 0) + 1, n_customers)
    cust, days = [np.arange(n_customers)], [starts]
    cur_days = starts.copy()
    total = (last - first).days
    alive = np.ones(n_customers, bool)
    for _ in range(12):
        alive &= rng.random(n_customers) < repeat
        cur_days = cur_days + rng.integers(7, 75, n_customers)
        keep = alive & (cur_days <= total)
        cust.append(np.nonzero(keep)[0])
        days.append(cur_days[keep])
    c, d = np.concatenate(cust), np.concatenate(days)
    n = len(c)
    ids = np.array([f"{prefix}{i:05d}" for i in range(n_customers)], dtype=object)[c]
    return pd.DataFrame({
        "order_id": [f"{prefix}o{i:07d}" for i in range(n)],
        "customer_id": pd.Series([None] * n, dtype=object) if guests else ids,
        "ordered_at": pd.to_datetime(first) + pd.to_timedelta(d, unit="D")
        + pd.to_timedelta(rng.integers(9, 20, n), unit="h"),
        "items": rng.integers(1, 4, n).astype("int32"),
        "amount": np.round(rng.gamma(2.0, 20.0, n), 2),
    })


def customers(ids, names: bool = True) -> pd.DataFrame:
    ids = list(ids)
    df = pd.DataFrame({"customer_id": ids,
                       "first_seen": pd.Timestamp(END - timedelta(days=400))})
    if names:
        df["name"] = [f"Customer {i}" for i in ids]
        df["email"] = [f"{i}@example.com" for i in ids]
        df["acquisition_channel"] = ["web" if k % 2 else "store" for k in range(len(ids))]
    return df


def surveys(n: int, first: date, last: date, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = rng.integers(0, (last - first).days + 1, n)
    return pd.DataFrame({
        "response_id": [f"r{i:06d}" for i in range(n)],
        "responded_at": pd.to_datetime(first) + pd.to_timedelta(days, unit="D"),
        "score": rng.choice(np.arange(11), n, p=[.03] * 5 + [.05, .1, .12, .13, .25, .2]
                            ).astype("int32"),
    })


def referrals(pairs, when: date) -> pd.DataFrame:
    return pd.DataFrame({"referrer_id": [a for a, _ in pairs], "referred_id": [b for _, b in pairs],
                         "referred_at": pd.Timestamp(when)})


def _months_before(d: date, months: int) -> date:
    m = d.month - 1 - months
    return date(d.year + m // 12, m % 12 + 1, min(d.day, 28))


SHAPES = {}


def shape(name):
    def register(fn):
        SHAPES[name] = fn
        return fn
    return register


@shape("orders_4_columns")
def _orders4(store):
    _insert(store, "transactions", orders(300, _months_before(END, 14), END))


@shape("three_customers")
def _three(store):
    df = orders(3, _months_before(END, 5), END, repeat=0.9)
    _insert(store, "transactions", df)


@shape("orders_and_customers")
def _orders_customers(store):
    df = orders(250, _months_before(END, 14), END)
    _insert(store, "transactions", df)
    _insert(store, "customers", customers(sorted(set(df["customer_id"]))))


@shape("surveys_only")
def _surveys_only(store):
    _insert(store, "survey_responses", surveys(400, _months_before(END, 10), END))


@shape("referrals_and_customers")
def _referrals_customers(store):
    ids = [f"k{i:03d}" for i in range(60)]
    _insert(store, "customers", customers(ids))
    _insert(store, "referrals", referrals(list(zip(ids[:20], ids[20:40])), END - timedelta(40)))


@shape("one_month")
def _one_month(store):
    _insert(store, "transactions", orders(120, END.replace(day=1), END))


@shape("ended_two_years_ago")
def _ended(store):
    end = END.replace(year=END.year - 2)
    _insert(store, "transactions", orders(200, _months_before(end, 12), end))


@shape("one_cohort")
def _one_cohort(store):
    _insert(store, "transactions", orders(150, _months_before(END, 8), END, cohort_days=20))


@shape("no_new_customers_6_months")
def _no_new(store):
    _insert(store, "transactions", orders(200, _months_before(END, 16), END,
                                          new_until=_months_before(END, 7), repeat=0.7))


@shape("guest_orders_only")
def _guests(store):
    _insert(store, "transactions", orders(200, _months_before(END, 10), END, guests=True))


BIG = "log_18_months_20000_customers"


def build(name: str, path) -> None:
    store = Store(path)
    try:
        if name == BIG:
            _insert(store, "transactions", orders(20_000, _months_before(END, 18), END, seed=7))
        else:
            SHAPES[name](store)
    finally:
        store.close()


# -- what is on screen ------------------------------------------------------------------------
# a missing value printed as text ("None of the answers..." is English, not a missing value)
FORBIDDEN = re.compile(r"(?<![A-Za-z])(nan|NaN|None(?! of )|inf|-inf)(?![A-Za-z])")


def screen_texts(at: AppTest) -> list[str]:
    """Every piece of text the page shows (helps included) and every table cell."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "success", "error", "text"):
        out += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        out += [str(m.label), str(m.value), str(m.proto.help or "")]
    for df in at.dataframe:
        frame = df.value
        out += [str(c) for c in frame.columns]
        out += [str(v) for v in frame.to_numpy().ravel()]
    return out


def null_cells(at: AppTest) -> list[str]:
    """Columns of a shown table holding empty cells (st.dataframe draws them as "None")."""
    bad = []
    for df in at.dataframe:
        frame = df.value
        for col in frame.columns:
            if frame[col].isna().any():
                bad.append(str(col))
    return bad


def run(db, script: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(script)
    return at.run()


# -- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def shape_dbs(tmp_path_factory):
    """Every shape's database file, built once per test session (the big one too)."""
    root = tmp_path_factory.mktemp("shapes")
    paths = {}
    for name in [*SHAPES, BIG]:
        paths[name] = root / f"{name}.duckdb"
        build(name, paths[name])
    return paths


HAS_REFERRALS = {"referrals_and_customers"}
NO_ORDERS = {"surveys_only", "referrals_and_customers"}


def cases():
    for name in [*SHAPES, BIG]:
        for script in PAGES:
            for lang in ("en", "ja"):
                yield pytest.param(name, script, lang, id=f"{name}-{script[6:-3]}-{lang}")


@pytest.mark.parametrize("name,script,lang", list(cases()))
def test_page_on_shape(shape_dbs, monkeypatch, name, script, lang):
    monkeypatch.setenv("CX_DB", str(shape_dbs[name]))
    monkeypatch.chdir(ROOT)
    at = run(shape_dbs[name], script, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    texts = screen_texts(at)
    shown = [t for t in texts if FORBIDDEN.search(t)]
    assert not shown, shown[:5]
    assert not null_cells(at), null_cells(at)
    if script == "views/overview.py":
        check_overview(at, name, lang)
    if script in ("views/overview.py", "views/retention.py", "views/repeat.py"):
        for m in at.metric:  # every headline shown says what it rests on
            if m.value != "–":
                assert re.search(r"\d", m.proto.help or ""), (m.label, m.proto.help)
    if script == "views/segments.py" and name not in HAS_REFERRALS:
        check_no_referral_zeros(at, lang)


def check_overview(at: AppTest, name: str, lang: str) -> None:
    """Absent data is a sentence, never a headline of 0."""
    labels = {str(m.label) for m in at.metric}
    info = " ".join(str(e.value) for e in at.info)
    for key in ("segments.headline_referred_revenue", "segments.headline_referred_share"):
        if name not in HAS_REFERRALS or name in NO_ORDERS:
            assert i18n.t(key, lang) not in labels
    if name not in HAS_REFERRALS:
        assert i18n.t("absent.referrals", lang) in info
    if name == "guest_orders_only":
        assert i18n.t("overview.active_customers", lang) not in labels
        assert i18n.t("absent.customer_ids", lang) in info
    if name in NO_ORDERS:  # no revenue of 0 or customers of 0 for a shop without orders
        assert not labels & {i18n.t("overview.revenue", lang),
                             i18n.t("overview.active_customers", lang),
                             i18n.t("retention.kpi.month1", lang),
                             i18n.t("repeat.kpi.second", lang)}, labels
        assert i18n.t("absent.orders", lang) in info


def check_no_referral_zeros(at: AppTest, lang: str) -> None:
    """Without referral data the segments page shows no referral number at all."""
    for m in at.metric:
        assert str(m.label) not in {i18n.t("segments.metric_referrers", lang),
                                    i18n.t("segments.metric_referred_share", lang),
                                    i18n.t("segments.metric_referrers_value", lang)}
    for df in at.dataframe:
        for key in ("referred_customers", "referred_revenue"):
            assert i18n.t(f"segments.col.{key}", lang) not in [str(c) for c in df.value.columns]


def test_big_shape_is_the_size_it_says(shape_dbs):
    store = Store(shape_dbs[BIG])
    try:
        cur = store.cursor()
        n, first, last = cur.execute("SELECT COUNT(DISTINCT customer_id), MIN(ordered_at), "
                                     "MAX(ordered_at) FROM transactions").fetchone()
        cur.close()
    finally:
        store.close()
    assert n == 20_000 and (last - first).days >= 500


def open_every_tab(at: AppTest, key: str) -> None:
    """Open each tab after the first of a page whose tabs run only when open (`key`: the tabs'
    session key): no error, no missing value shown as text, no empty cell."""
    for index in range(1, len(at.tabs)):
        at.session_state[key] = at.tabs[index].label
        at.run()
        assert not at.exception, (index, [e.value for e in at.exception])
        assert not at.error, (index, [e.value for e in at.error])
        shown = [t for t in screen_texts(at) if FORBIDDEN.search(t)]
        assert not shown, (index, shown[:5])
        assert not null_cells(at), (index, null_cells(at))


@pytest.mark.parametrize("name", [n for n in [*SHAPES, BIG]
                                  if n not in ("surveys_only", "referrals_and_customers",
                                               "guest_orders_only")])
def test_retention_tabs_on_shape(shape_dbs, monkeypatch, name):
    """Only the open tab of the retention page runs: open each one (English) on every shape with
    customers; the cohort's customer list shows no column of data the shop never loaded."""
    monkeypatch.setenv("CX_DB", str(shape_dbs[name]))
    monkeypatch.chdir(ROOT)
    at = run(shape_dbs[name], "views/retention.py", "en")
    open_every_tab(at, "ret_tab")
    if name != "orders_and_customers":  # the bare exports: no name or e-mail column at all
        for df in at.dataframe:
            assert "Name" not in df.value.columns and "Email" not in df.value.columns


@pytest.mark.parametrize("name", [n for n in [*SHAPES, BIG]
                                  if n not in ("surveys_only", "referrals_and_customers",
                                               "guest_orders_only")])
def test_repeat_tabs_on_shape(shape_dbs, monkeypatch, name):
    """Every tab of the repeat page (English) on every shape with customers, and each
    first-purchase grouping the shape allows: no error, no missing value shown as text."""
    monkeypatch.setenv("CX_DB", str(shape_dbs[name]))
    monkeypatch.chdir(ROOT)
    at = run(shape_dbs[name], "views/repeat.py", "en")
    open_every_tab(at, "rep_tab")
    groupings = at.radio(key="rep_by").options if at.radio else []
    for option in groupings[1:]:
        at.radio(key="rep_by").set_value(option).run()
        assert not at.exception and not at.error, (option, [e.value for e in at.exception])
        assert not [t for t in screen_texts(at) if FORBIDDEN.search(t)], option


@pytest.mark.parametrize("name", SHAPES)
def test_meeting_report_on_shape(shape_dbs, name):
    """The overview's meeting report (HTML) on every small shape: it builds, shows no missing
    value as text, and says which data is absent instead of a zero headline."""
    from cx.report import report_html

    store = Store(shape_dbs[name])
    try:
        html = report_html(store, "en")
    finally:
        store.close()
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    assert not FORBIDDEN.search(text), FORBIDDEN.findall(text)[:5]
    if name not in HAS_REFERRALS:
        assert "No referral data loaded" in text


@pytest.mark.parametrize("name", [*SHAPES, BIG])
def test_churn_scores_export_on_shape(shape_dbs, name, capsys):
    """`cx export churn-scores` on every small shape: it scores, or says in one sentence why
    not (exit code 1 or 2, one line on stderr), never a traceback or an unexpected error."""
    from cx.__main__ import main

    code = main(["export", "churn-scores", "--db", str(shape_dbs[name]), "--format", "csv"])
    out, err = capsys.readouterr()
    if code == 0:
        assert out.splitlines()[0].startswith("customer_id") or "customer" in out.splitlines()[0]
        assert not err.strip() or "\n" not in err.strip()
    else:
        message = err.strip()
        assert message.startswith("Error: ") and "\n" not in message, err
        assert "unexpected" not in message and "Traceback" not in message, message
        assert message.endswith("."), message
