"""The Spenders vs referrers page through AppTest: controls, presenter masking, no referrals."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cx.area import ExportArgs
from cx.segments import export_segments
from cx.store import Store
from tests.conftest import ROOT, build_demo_db

SCRIPT = "views/segments.py"


def open_page(lang: str = "en", presenter: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["presenter"] = presenter
    at.run()
    at.switch_page(SCRIPT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def export_count(db, **kw) -> int:
    store = Store(db)
    try:
        cur = store.cursor()
        return len(export_segments(cur, ExportArgs(**{"lookback": 365, "percentile": 75.0,
                                                       **kw})))
    finally:
        store.close()


def test_page_numbers_match_the_export_and_controls_change_them(app_env):
    at = open_page()
    assert metric(at, "Customers in the window") == f"{export_count(app_env):,}"
    assert "(365 days)" in captions(at)
    assert len(at.get("plotly_chart")) == 4  # quadrant, value shares, chain, RFM grid
    advocates_before = next(c.value for c in at.caption if " advocate" in c.value)

    at.selectbox(key="seg_lookback").set_value(90).run()
    assert not at.exception
    assert "(90 days)" in captions(at)
    assert metric(at, "Customers in the window") == f"{export_count(app_env, lookback=90):,}"

    at.slider(key="seg_top_share").set_value(10).run()
    assert not at.exception
    assert at.slider(key="seg_top_share").value == 10

    at.number_input(key="seg_max_referrals").set_value(2).run()
    assert not at.exception and not at.error
    advocates_after = next((c.value for c in at.caption if " advocate" in c.value), "")
    assert advocates_after != advocates_before


def test_action_lists_one_download_at_a_time(app_env):
    at = open_page()
    buttons = at.get("download_button")
    assert len(buttons) == 1
    for name in ("vip", "win_back", "ask_referral"):
        at.radio(key="seg_action_list").set_value(name).run()
        assert not at.exception
        assert len(at.get("download_button")) == 1


def test_presenter_mode_masks_names_and_emails(app_env):
    at = open_page(presenter=True)
    tables = [d.value for d in at.dataframe if "email" in d.value.columns]
    assert tables, "the advocates table should be shown"
    emails = tables[0]["email"].dropna()
    assert len(emails) and emails.str.contains("•••").all()
    assert tables[0]["name"].dropna().str.endswith("•••").all()


def test_japanese_page_runs(app_env):
    at = open_page(lang="ja")
    assert at.title[0].value == "購入者と紹介者"


@pytest.fixture
def no_referrals_db(tmp_path, monkeypatch):
    db = build_demo_db(tmp_path / "norefs.duckdb", customers=300)
    store = Store(db)
    with store.write() as cur:
        cur.execute("DELETE FROM referrals")
        cur.execute("UPDATE customers SET referred_by = NULL")
    store.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def test_page_says_so_when_there_are_no_referrals(no_referrals_db):
    at = open_page()
    infos = " ".join(i.value for i in at.info)
    assert "There are no referrals in the data" in infos
    # no empty chain chart, and no "nobody bought" either: there is no referral data at all
    assert "No referral data loaded: import a referrals file" in infos
    assert "No referred customer bought anything" not in infos
    labels = [m.label for m in at.metric]  # no referral number standing at zero
    assert labels == ["Customers in the window"]
    assert "needs referrals" in infos  # no quadrant of dots all on zero
    assert len(at.get("plotly_chart")) == 2  # value shares and RFM only


@pytest.fixture
def tiny_referrals_db(tmp_path, monkeypatch):
    """Four customers: A referred B, B referred C (A's friend of a friend), and X, who is no
    customer, referred D; everyone bought once in June 2026."""
    from datetime import datetime

    db = tmp_path / "tiny.duckdb"
    store = Store(db)
    with store.write() as cur:
        for i, (cid, amount) in enumerate([("A", 10.0), ("B", 20.0), ("C", 30.0), ("D", 40.0)]):
            cur.execute("INSERT INTO customers (customer_id, name, email) VALUES (?, ?, ?)",
                        [cid, f"Name {cid}", f"{cid.lower()}@x.jp"])
            cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                        "currency) VALUES (?, ?, ?, ?, 'USD')",
                        [f"O{i}", cid, datetime(2026, 6, 10 + i, 12), amount])
        for referrer, referred in (("A", "B"), ("B", "C"), ("X", "D")):
            cur.execute("INSERT INTO referrals VALUES (?, ?, ?, NULL)",
                        [referrer, referred, datetime(2026, 5, 1)])
    store.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def test_counts_of_one_read_in_the_singular(tiny_referrals_db):
    at = open_page()
    text = captions(at)
    assert "1 referral names a referrer who is not in your customer data; it counts" in text
    assert "friends of friends brought 1 more customer and" in text
    assert "4 customers bought or brought buying friends" in text
    assert "1 referrals" not in text and "1 more customers" not in text
    assert "RFM scores need at least 10 customers with purchases in the window; there are 4." \
        in " ".join(i.value for i in at.info)
    ja = captions(open_page(lang="ja"))
    assert "1件の紹介は" in ja and "さらに1人の顧客" in ja
