"""Recognising columns by meaning: header words with units set aside, value profiles, the best
total mapping, the kind from the fields found, and the command line's --map / --survey-date.
Each file here is the shape of a real export the importer used to get wrong (issue 16)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cx.ingest import ImportError_, import_file
from cx.ingest.header_words import header_name
from cx.ingest.load import plan_file
from cx.ingest.value_profiles import profile_columns
from tests.conftest import ROOT, rows


@pytest.mark.parametrize("header,words,currency", [
    ("Sales ($)", ("sales",), "USD"), ("売上金額(円)", ("売上金額",), "JPY"),
    ("Amount [EUR]", ("amount",), "EUR"), ("Total (JPY)", ("total",), "JPY"),
    ("金額（税込）", ("金額",), None), ("InvoiceDate", ("invoice", "date"), None),
    ("CustomerID", ("customer", "id"), None), ("invoicedate", ("invoice", "date"), None),
    ("Price in USD", ("price",), "USD"), ("trans_date", ("transaction", "date"), None),
    ("お名前(姓)", ("お名前", "姓"), None), ("Grand Total (Purchased)",
                                          ("grand", "total", "purchased"), None)])
def test_header_words_and_unit(header, words, currency):
    name = header_name(header)
    assert name.words == words and name.currency == currency


def test_value_profiles_by_hand():
    # 4 rows: a date column (one empty), money with a sign and cents, 0-10 answers, e-mails
    p = profile_columns(["a", "b", "c", "d"], [
        ["2024-01-05", "$12.50", "9", "ann@example.com"],
        ["01/31/97", "(3.00)", "10", "bo@example.com"],
        ["令和6年1月5日", "1,200", "0", "not an email"],
        ["", "¥800", "7", "cy@example.com"]])
    date, money, score, email = p
    assert (date.filled, date.date) == (3, 1.0)
    assert money.money == 1.0 and money.negative == 0.25 and money.decimals == 0.5
    assert money.symbol == 0.5 and money.max_abs == 1200.0
    assert score.nps == 1.0 and score.n_distinct == 4 and score.max_whole == 10
    assert email.email == 0.75


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


LOG = ("Customer Number,Purchase Date,Quantity,Sales ($)\n"
       "1001,1997-01-01,2,29.33\n1002,1997-01-02,1,12.00\n1001,1997-02-11,3,35.01\n")


def test_an_order_log_with_a_unit_in_a_header_is_orders_never_customers(store, tmp_path):
    r = import_file(store, write(tmp_path, "log.csv", LOG))
    assert r.kind == "transactions" and r.records_loaded == 3
    assert rows(store, "SELECT COUNT(*), SUM(amount), min(currency) FROM transactions") == [
        (3, pytest.approx(76.34), "USD")]


@pytest.mark.parametrize("text", [
    # other everyday words, Japanese dates and units, two-digit years
    "Client No,Transaction Date,Units,Net Sales (USD)\n1001,1997-01-01,2,29.33\n"
    "1002,1997-01-02,1,12.00\n",
    "顧客番号,購入日,数量,売上（円）\n1001,1997年1月1日,2,2933\n1002,1997年1月2日,1,1200\n",
    "Customer Number,Purchase Date,Quantity,Sales\n1001,01/31/97,2,29.33\n1002,02/13/97,1,12\n",
])
def test_the_same_log_in_other_words_imports(store, tmp_path, text):
    r = import_file(store, write(tmp_path, "log.csv", text))
    assert (r.kind, r.rows_loaded, r.rows_rejected) == ("transactions", 2, 0)
    assert rows(store, "SELECT MIN(ordered_at)::DATE::VARCHAR FROM transactions")[0][0] in (
        "1997-01-01", "1997-01-31")


def test_order_lines_without_an_order_total_add_up(store, tmp_path):
    text = ("Order ID,Order Date,Customer,Qty,Unit Price,Line Total\n"
            "A1,2024-01-05,c1,2,3.50,7.00\nA1,2024-01-05,c1,1,10.00,10.00\n"
            "A2,2024-01-06,c2,1,4.00,4.00\n")
    r = import_file(store, write(tmp_path, "lines.csv", text))
    assert r.mapping["line_total"] == "Line Total" and "amount" not in r.mapping
    assert rows(store, "SELECT order_id, amount, items FROM transactions ORDER BY 1") == [
        ("A1", 17.0, 3), ("A2", 4.0, 1)]


def test_cancellation_invoices_are_refunds(store, tmp_path):
    text = ("Invoice,StockCode,Quantity,InvoiceDate,Price,Customer ID\n"
            "536365,85123A,6,2010-12-01 08:26:00,2.55,17850\n"
            "536365,71053,2,2010-12-01 08:26:00,3.00,17850\n"
            "C536379,85123A,-1,2010-12-02 09:41:00,2.55,17850\n")
    r = import_file(store, write(tmp_path, "retail_ii.csv", text))
    assert r.mapping["unit_price"] == "Price" and "amount" not in r.mapping
    assert rows(store, "SELECT order_id, amount FROM transactions ORDER BY 1") == [
        ("536365", pytest.approx(21.3)), ("C536379", pytest.approx(-2.55))]
    assert any("1 of them are cancellations" in w for w in r.warnings)


def test_gross_before_fees(store, tmp_path):
    text = ("Date,Order,Email,Net,Fee,Gross\n2024-01-05,1,a@x.com,9.41,0.59,10.00\n"
            "2024-01-06,2,b@x.com,18.83,1.17,20.00\n")
    r = import_file(store, write(tmp_path, "payouts.csv", text))
    assert r.mapping["amount"] == "Gross"
    assert any("gross amount 'Gross'" in w for w in r.warnings)
    assert rows(store, "SELECT SUM(amount) FROM transactions") == [(30.0,)]


def test_a_date_and_a_time_column_are_one_timestamp(store, tmp_path):
    text = "Order,Date,Time,Total\n1,09/03/24,10:05,5.00\n2,09/13/24,14:30:00,6.50\n"
    import_file(store, write(tmp_path, "pos.csv", text))
    got = rows(store, "SELECT order_id, strftime(ordered_at, '%Y-%m-%d %H:%M') FROM "
                      "transactions ORDER BY 1")
    assert got == [("1", "2024-09-03 10:05"), ("2", "2024-09-13 14:30")]


def test_a_survey_export_with_the_question_as_header_is_a_survey(store, tmp_path):
    text = ("Respondent ID,Date Submitted,Customer Number,How likely are you to recommend us "
            "to a friend?,Reason\nr1,2024-05-01,1001,9,Great\nr2,2024-05-02,1002,4,Slow\n"
            "r3,2024-05-03,1003,10,\n")
    r = import_file(store, write(tmp_path, "survey.csv", text))
    assert r.kind == "surveys" and r.rows_loaded == 3
    assert r.mapping["responded_at"] == "Date Submitted" and r.mapping["comment"] == "Reason"


def test_a_survey_without_dates_asks_for_the_day_it_was_run(store, tmp_path):
    text = "id,nps,satisfaction,explication\n1,9,4,très bien\n2,NA,2,\n3,3,1,trop cher\n"
    path = write(tmp_path, "nps.csv", text)
    with pytest.raises(ImportError_, match="--survey-date"):
        import_file(store, path)
    r = import_file(store, path, survey_date="2024-06-01")
    assert r.kind == "surveys" and (r.rows_loaded, r.rows_rejected) == (2, 1)
    assert rows(store, "SELECT score, responded_at::DATE::VARCHAR FROM survey_responses "
                       "ORDER BY 1") == [(3, "2024-06-01"), (9, "2024-06-01")]


def test_a_file_that_reads_as_nothing_is_refused_not_loaded(store, tmp_path):
    # every date unreadable as mapped: the reading is wrong, not the rows
    path = write(tmp_path, "bad.csv", "ref,when,paid\nA,someday,5\nB,later,6\n")
    with pytest.raises(ImportError_, match="No column was recognised"):
        import_file(store, path)
    with pytest.raises(ImportError_, match="None of the file's 2 rows could be imported "
                                           r"\(2 with a date that could not be read"):
        import_file(store, path, kind="transactions",
                    mapping={"order_id": "ref", "ordered_at": "when", "amount": "paid"})
    assert rows(store, "SELECT COUNT(*) FROM import_batches") == [(0,)]


def cli(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cx", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=300)


def test_command_line_guess_refused_then_confirmed_with_the_flags_it_names(tmp_path):
    # Polish headers: the date and the amount are found only by their values
    path = write(tmp_path, "zakupy.csv", "Data zakupu,Kwota\n2024-03-01,\"70,48 zł\"\n"
                                         "2024-03-02,\"19,90 zł\"\n2024-03-05,\"5,00 zł\"\n")
    db = tmp_path / "cli.duckdb"
    done = cli("import", str(path), "--db", str(db), "--no-model")
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert '--kind transactions --map ordered_at="Data zakupu" --map amount="Kwota"' in \
        done.stderr
    done = cli("import", str(path), "--db", str(db), "--no-model", "--kind", "transactions",
               "--map", "ordered_at=Data zakupu", "--map", 'amount="Kwota"')
    assert done.returncode == 0, done.stderr
    assert "3 loaded" in done.stdout


def test_command_line_map_sets_any_field_and_names_a_missing_header(tmp_path):
    path = write(tmp_path, "log.csv", LOG)
    db = tmp_path / "cli.duckdb"
    done = cli("import", str(path), "--db", str(db), "--no-model", "--kind", "transactions",
               "--map", 'amount="Sales ($)"', "--map", "ordered_at=Purchase Date",
               "--map", "customer_id=Customer Number")
    assert done.returncode == 0, done.stderr
    done = cli("import", str(path), "--db", str(db), "--no-model", "--map", "amount=Revenue")
    assert done.returncode == 1
    assert done.stderr.strip() == ("Error: " + str(path) + ": The mapping names columns the "
                                   "file does not have: Revenue.")


def test_guesses_are_questions_in_plans_not_refusals(tmp_path):
    path = write(tmp_path, "q.csv", "Q1,Q2\n9,Great\n3,Slow\n10,Fine\n7,\n")
    plan = plan_file(path, strict=False)
    assert plan.kind == "surveys" and plan.recognition.question == "values"
    assert plan.confirm_flags() == '--kind surveys --map score="Q1"'


def test_a_refund_line_under_its_order_keeps_what_was_refunded(store, tmp_path):
    # B2 was bought and returned in the same export: its lines add up to 0, a refund in full,
    # not a free purchase (cx.sql.purchase); F3 is a free sample
    text = ("Order,Date,Customer,Qty,Price\nB2,2024-01-05,c1,1,25.00\nB2,2024-01-09,c1,-1,25.00\n"
            "F3,2024-01-06,c2,1,0\n")
    import_file(store, write(tmp_path, "lines.csv", text))
    assert rows(store, "SELECT order_id, amount, refunded FROM transactions ORDER BY 1") == [
        ("B2", 0.0, 25.0), ("F3", 0.0, None)]
    from cx.sql import PURCHASE
    assert rows(store, f"SELECT order_id FROM transactions WHERE {PURCHASE}") == [("F3",)]
