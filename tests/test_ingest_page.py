"""The Data page driven through AppTest: upload, preview, mapping, date-order question, import,
results, rejected rows, history and undo, on a database of its own."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "samples"
AMBIGUOUS = b"order_id,customer_id,date,amount\nQ1,c9,03/04/2024,5\nQ2,c9,05/06/2024,x\n"


@pytest.fixture
def fresh_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CX_DB", str(tmp_path / "page.duckdb"))
    monkeypatch.chdir(ROOT)
    yield tmp_path
    # an import fits the churn model in a server thread: let it finish with its database (a
    # thread still querying when the test process exits aborts DuckDB)
    from cx.churn.train import _BACKGROUND

    for thread, _ in list(_BACKGROUND.values()):
        thread.join(timeout=300)


def data_page(lang="en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("views/data.py")
    at.run()
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def unescape(text: str) -> str:
    return text.replace("\\", "")


def texts(at):
    return unescape(" ".join([t.value for t in at.text] + [c.value for c in at.caption]
                    + [s.value for s in at.success] + [w.value for w in at.warning]
                    + [i.value for i in at.info] + [e.value for e in at.error]))


def test_upload_preview_ask_import_and_undo(fresh_env):
    at = data_page()
    assert not at.exception
    assert metric(at, "Orders") == "0"
    at.file_uploader[0].set_value([
        ("orders.csv", (SAMPLES / "orders.csv").read_bytes(), "text/csv"),
        ("amb.csv", AMBIGUOUS, "text/csv")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "orders.csv" in shown and "8 data rows" in shown
    assert "could be day/month or month/day" in at.radio[0].label
    assert "03/04/2024" in unescape(at.radio[0].label)
    # only the file without a question is ready until the order is chosen
    assert at.button(key="import_files").label == "Import 1 file(s)"
    at.radio[0].set_value("dayfirst")
    at.run()
    assert at.button(key="import_files").label == "Import 2 file(s)"
    at.button(key="import_files").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Orders") == "8"          # 7 good sample orders + Q1
    done = unescape(" ".join(w.value for w in at.warning))
    assert "orders.csv (CSV): 8 rows read — 7 loaded, 1 rejected" in done
    assert "amb.csv (CSV): 2 rows read — 1 loaded, 1 rejected" in done
    labels = [unescape(d.label) for d in at.get("download_button")]
    assert any("rejected rows of orders.csv" in label for label in labels)
    # history shows both; undo the first
    assert len(at.dataframe[-1].value) == 2
    at.selectbox(key="undo_batch").set_value(1)
    at.button(key="undo").click()
    at.run()
    assert not at.exception
    assert metric(at, "Orders") == "1"
    assert "Import 1 undone: 11 rows removed." in texts(at)


def test_edited_mapping_and_japanese_screen(fresh_env):
    at = data_page("ja")
    weak_headers = b"ref,when,paid\nA,2024-01-05,12\nB,2024-01-06,13\n"
    at.file_uploader[0].set_value(("x.csv", weak_headers, "text/csv"))
    at.run()
    assert not at.exception
    # "when" and "paid" only hint at a date and an amount: the guess is shown and asked about,
    # in the user's language, and nothing can be imported until it is confirmed
    assert "注文・取引のファイルと推定しましたが" in texts(at)
    assert not [b for b in at.button if b.key == "import_files"]
    nothing = b"ref,note\nA,hello\nB,bye\n"
    at.file_uploader[0].set_value(("x.csv", nothing, "text/csv"))
    at.run()
    assert "取り込めません" in texts(at)        # nothing recognised: one sentence, no crash
    assert "認識できる列がありません" in texts(at)   # ... in the user's language
    at.file_uploader[0].set_value(("x.csv", b"order_id,when,paid\nA,2024-01-05,12\n", "text/csv"))
    at.run()
    # "when" and "paid" are not known names: pick them in the mapping editor
    key = next(s.key for s in at.selectbox if s.key and s.key.startswith("kind-"))[5:]
    at.selectbox(key=f"kind-{key}").select_index(1)   # transactions
    at.run()
    at.selectbox(key=f"map-{key}-transactions-ordered_at").set_value("when")
    at.run()
    at.selectbox(key=f"map-{key}-transactions-amount").set_value("paid")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="import_files").click()
    at.run()
    assert not at.exception
    assert metric(at, "注文") == "1"


def test_vendor_file_is_recognised_and_anonymous_orders_explained(fresh_env):
    at = data_page()
    fixtures = ROOT / "tests" / "fixtures"
    at.file_uploader[0].set_value([
        ("shopify.csv", (fixtures / "shopify_orders_en.csv").read_bytes(), "text/csv"),
        ("airregi.csv", (fixtures / "airregi_kaikei_meisai_cp932.csv").read_bytes(), "text/csv")])
    at.run()
    shown = texts(at)
    assert "Recognised: Shopify orders export" in shown
    assert "Recognised: Airレジ sales journal" in shown and "encoding cp932" in shown
    at.button(key="import_files").click()
    at.run()
    assert not at.exception
    assert metric(at, "Orders") == "4"
    assert "2 of 4 orders have no customer" in texts(at)


def test_every_field_has_a_label_in_both_languages():
    from cx import i18n
    from cx.ingest import FIELDS

    for kind, fields in FIELDS.items():
        assert i18n.has(f"data.kind.{kind}")
        for f in fields:
            assert i18n.has(f"data.field.{f}"), f


def test_file_names_are_shown_as_text_not_markdown(fresh_env):
    at = data_page()
    at.file_uploader[0].set_value(("[click](http://x.test) **bold**.csv", b"", "text/csv"))
    at.run()
    message = at.error[0].value
    assert "\\[click\\]\\(http" in message and "\\*\\*bold" in message


def test_a_very_large_cell_imports_on_the_page(fresh_env):
    at = data_page()
    big = ("order_id,customer_id,date,amount,note\nB1,c1,2024-01-05,5," + "x" * 200_000
           + "\nB2,c2,2024-01-06,6,ok\n").encode()
    at.file_uploader[0].set_value(("big.csv", big, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "2 data rows" in texts(at)
    at.button(key="import_files").click()
    at.run()
    assert not at.exception and not at.error
    assert metric(at, "Orders") == "2"
    assert list((fresh_env / "tmp").iterdir()) == []    # staged rows never stay behind


def test_a_stray_quote_is_one_sentence_on_the_page_in_both_languages(fresh_env):
    stray = b'order_id,date,amount,note\n1,2024-01-01,5,"open\n2,2024-01-02,6,x\n'
    for lang, needle in (("en", "opens on line 2 and never closes"),
                         ("ja", "2 行目で始まる引用符")):
        at = data_page(lang)
        at.file_uploader[0].set_value(("stray.csv", stray, "text/csv"))
        at.run()
        assert not at.exception
        assert len(at.error) == 1 and needle in unescape(at.error[0].value)


def test_revenue_is_shown_per_currency_never_added(fresh_env):
    from cx.ingest import import_file
    from cx.store import Store

    fixtures = ROOT / "tests" / "fixtures"
    s = Store(fresh_env / "page.duckdb")
    try:
        for name in ("paypal_activity_ILLUSTRATIVE.csv", "shopify_orders_jp_store.csv",
                     "woocommerce_webtoffee_orders.csv"):
            import_file(s, fixtures / name)
    finally:
        s.close()
    at = data_page()
    assert not at.exception
    assert metric(at, "Revenue") == "$57.00 · ¥5.4k"          # not 5,457 of nothing
    at = data_page("ja")
    assert metric(at, "売上") == "$57.00 · ¥5,400"


def test_a_guess_is_shown_and_imported_only_once_confirmed(fresh_env):
    at = data_page()
    # Polish headers: nothing we can read, so the date and the amount are found by their values
    guessed = ("Data zakupu,Kwota\n2024-03-01,\"70,48 zł\"\n2024-03-02,\"19,90 zł\"\n"
               "2024-03-05,\"5,00 zł\"\n").encode()
    at.file_uploader[0].set_value(("zakupy.csv", guessed, "text/csv"))
    at.run()
    assert not at.exception
    assert "recognised only from their values" in texts(at)
    assert not [b for b in at.button if b.key == "import_files"]
    box = next(c for c in at.checkbox if c.key and c.key.startswith("confirm-"))
    box.check()
    at.run()
    at.button(key="import_files").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Orders") == "3"


def test_a_survey_without_dates_asks_when_it_was_run(fresh_env):
    at = data_page()
    survey = ("id,nps,satisfaction,explication\n1,9,4,très bien\n2,3,2,trop cher\n"
              "3,10,5,NA\n").encode()
    at.file_uploader[0].set_value(("nps.csv", survey, "text/csv"))
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "import_files"]
    picker = next(d for d in at.date_input if d.key and d.key.startswith("survey-"))
    picker.set_value(__import__("datetime").date(2024, 6, 1))
    at.run()
    at.button(key="import_files").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Survey responses") == "3"
