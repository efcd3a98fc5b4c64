"""The NPS page (AppTest): controls changed, both languages, answers that match no customer,
no answers at all, and customer text never rendered as markup."""
import json
import shutil

import pytest

from cx.store import Store
from tests.conftest import ROOT
from tests.test_pages import run_page

PAGE = "views/nps.py"


def texts(at, kinds=("markdown", "caption", "info", "warning", "success", "text")):
    out = []
    for kind in kinds:
        out += [e.value for e in getattr(at, kind)]
    return out


def assert_clean(at):
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_controls_on_the_demo(app_env):
    at = run_page(PAGE)
    assert_clean(at)
    assert at.metric[1].value == f"{_demo_responses(app_env):,}"
    sentences = [s for s in texts(at, ("info", "warning", "success")) if " vs " in s]
    assert len(sentences) == 2 and all("95% interval" in s for s in sentences)

    at.selectbox(key="nps_period").set_value("week").run()
    assert_clean(at)
    at.selectbox(key="nps_rolling").set_value(3).run()
    assert_clean(at)
    assert any("Rolling" in o for o in at.selectbox(key="nps_rolling").options)
    at.selectbox(key="nps_period").set_value("quarter").run()
    assert_clean(at)
    for dim in ("touchpoint", "acquisition_channel", "segment", "tenure", "channel"):
        at.radio(key="nps_dim").set_value(dim).run()
        assert_clean(at)
    at.radio(key="nps_theme_sort").set_value("nps").run()
    assert_clean(at)
    at.selectbox(key="nps_group").set_value("detractor").run()
    at.text_input(key="nps_search").input("late").run()
    assert_clean(at)
    counts = [c for c in texts(at, ("caption",)) if " comment" in c and " match" in c]
    assert counts and not counts[0].startswith("0 ")
    at.text_input(key="nps_search").input("no such words anywhere").run()
    assert "No comment matches." in texts(at, ("caption",))


def _demo_responses(db) -> int:
    s = Store(db)
    try:
        with s.cursor() as cur:
            return cur.execute("SELECT COUNT(*) FROM survey_responses").fetchall()[0][0]
    finally:
        s.close()


def test_japanese_with_controls(app_env):
    at = run_page(PAGE, "ja")
    assert_clean(at)
    # AppTest formats options outside the script (in English): set the widget states instead
    at.session_state["nps_period"] = "week"
    at.session_state["nps_dim"] = "tenure"
    at.session_state["nps_rolling"] = 6
    at.run()
    assert_clean(at)
    assert any("NPS" in t and "区間" in t for t in texts(at))
    assert at.title[0].value == "NPS：顧客の気持ち"


def test_presenter_mode(app_env):
    at = run_page(PAGE, "en", presenter=True)
    assert_clean(at)


@pytest.fixture
def unmatched_env(demo_db_path, tmp_path, monkeypatch):
    """The demo, but every survey answer names a customer, order and email nobody has."""
    db = tmp_path / "unmatched.duckdb"
    shutil.copy(demo_db_path, db)
    s = Store(db)
    with s.write() as cur:
        cur.execute("UPDATE survey_responses SET customer_id = 'S-' || response_id, "
                    "order_id = 'X-' || response_id, email = response_id || '@nowhere.test'")
    s.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def test_answers_that_match_no_customer(unmatched_env):
    at = run_page(PAGE)
    assert_clean(at)
    n = _demo_responses(unmatched_env)
    assert at.metric[3].value == f"{n:,}"  # unmatched answers
    assert at.metric[1].value == f"{n:,}"  # still all counted
    assert any("None of the" in w for w in texts(at, ("warning",)))
    at.radio(key="nps_dim").set_value("acquisition_channel").run()
    assert_clean(at)
    at.radio(key="nps_dim").set_value("segment").run()
    assert_clean(at)


@pytest.fixture
def surveys_only_env(tmp_path, monkeypatch):
    """A survey file and nothing else: no customers, no orders."""
    db = tmp_path / "surveys.duckdb"
    s = Store(db)
    with s.write() as cur:
        for i in range(40):
            cur.execute("INSERT INTO survey_responses (response_id, customer_id, responded_at, "
                        "score, comment) VALUES (?, ?, TIMESTAMP '2025-01-01' + "
                        "to_days(CAST(? AS INTEGER)), ?, ?)",
                        [f"r{i}", f"c{i}", i * 3, i % 11,
                         "配送が遅れた" if i % 3 == 0 else "Friendly staff, good coffee"])
    s.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def test_a_survey_file_alone(surveys_only_env):
    at = run_page(PAGE)
    assert_clean(at)
    at.selectbox(key="nps_period").set_value("week").run()
    assert_clean(at)
    at = run_page(PAGE, "ja")
    assert_clean(at)


@pytest.fixture
def no_answers_env(tmp_path, monkeypatch):
    db = tmp_path / "orders.duckdb"
    s = Store(db)
    with s.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                    "currency) VALUES ('o1', 'a', TIMESTAMP '2025-01-02 10:00', 10, 'USD')")
    s.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def test_no_answers_says_so(no_answers_env):
    at = run_page(PAGE)
    assert_clean(at)
    assert any("No survey answers" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_comments_are_never_markup(demo_db_path, tmp_path, monkeypatch):
    hostile = "[click](http://x) <b>bold</b> <script>alert(2)</script>"
    db = tmp_path / "hostile.duckdb"
    shutil.copy(demo_db_path, db)
    s = Store(db)
    with s.write() as cur:
        cur.execute("UPDATE survey_responses SET comment = $c WHERE comment IS NOT NULL",
                    {"c": hostile})
        cur.execute("UPDATE survey_responses SET touchpoint = $c WHERE score < 3", {"c": hostile})
    s.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = run_page(PAGE)
    assert_clean(at)
    at.radio(key="nps_dim").set_value("touchpoint").run()
    assert_clean(at)
    for kind in ("markdown", "caption", "info", "warning", "success", "subheader", "title"):
        for e in getattr(at, kind):
            assert "<script>" not in e.value and "](http" not in e.value, (kind, e.value)


@pytest.fixture
def sparse_env(tmp_path, monkeypatch):
    """A small shop's survey: answers in Aug, Sep and Nov 2026 only (none in October)."""
    db = tmp_path / "sparse.duckdb"
    s = Store(db)
    rows = ([("2026-08-10", 10)] * 3 + [("2026-08-11", 2)] + [("2026-09-20", 9), ("2026-09-21", 8)]
            + [("2026-09-22", 0)] * 2 + [("2026-11-03", 10), ("2026-11-12", 0)])
    with s.write() as cur:
        for i, (day, score) in enumerate(rows):
            cur.execute("INSERT INTO survey_responses (response_id, responded_at, score) "
                        "VALUES (?, CAST(? AS TIMESTAMP) + INTERVAL 12 HOUR, ?)",
                        [f"r{i}", day, score])
    s.close()
    monkeypatch.setenv("CX_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def test_sparse_months_are_compared_and_the_page_says_which(sparse_env):
    at = run_page(PAGE)  # the analysis date is the last answer, 12 Nov 2026
    assert_clean(at)
    sentences = [s for s in texts(at, ("info", "warning", "success")) if " vs " in s]
    assert sentences == ["Sep 2026 vs Aug 2026: NPS -25 (4 answers) vs 50 (4 answers), down 75 "
                         "points (95% interval -192 to +42): within the noise. One of the two "
                         "periods has fewer than 30 answers: read this with care."]
    caps = texts(at, ("caption",))
    assert "There is no earlier period with answers to compare with." not in caps
    assert "Sep 2026 is the latest full month with answers; the month after it had none." in caps
    assert ("The unfinished month (Nov 2026, 2 answers so far) is compared once it is over."
            in caps)
    at.selectbox(key="nps_rolling").set_value(3).run()
    assert_clean(at)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert any("Promoters, passives and detractors over a rolling 3 months" in t for t in titles)
    assert not any("per period" in t for t in titles)
