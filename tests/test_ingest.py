"""CSV import: encodings, delimiters, quoting, money and date forms, mapping, validation reasons,
idempotency, occurrence-number keys, undo, atomicity and the bad-input sentences."""
from __future__ import annotations

from datetime import datetime

import pytest

from cx.ingest import (
    DateOrderQuestion,
    ImportError_,
    import_file,
    preview_file,
    reading,
    undo_batch,
)
from cx.store import data_summary


def write(tmp_path, name, text, encoding="utf-8", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def rows(store, sql, params=None):
    cur = store.cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()


def tx(store):
    return {r[0]: r[1:] for r in rows(
        store, "SELECT order_id, customer_id, ordered_at, amount, currency FROM transactions")}


ORDERS = """order_id,customer_id,order date,total,currency
A1,c1,2024-01-05,"$1,234.50",USD
A2,c2,2024/01/06,¥1200,
A3,c1,2024年1月7日,(12.00),USD
A4,,20240108,abc,USD
A5,c3,,12,USD
A6,c3,2024-02-30,5,USD
"""


def test_money_and_date_forms_and_reject_reasons(store, tmp_path):
    r = import_file(store, write(tmp_path, "o.csv", ORDERS))
    assert r.kind == "transactions" and r.source == "csv"
    assert (r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_skipped) == (6, 3, 3, 0)
    t = tx(store)
    assert t["A1"] == ("c1", datetime(2024, 1, 5), 1234.5, "USD")
    assert t["A2"] == ("c2", datetime(2024, 1, 6), 1200.0, "JPY")   # ¥ gives the currency
    assert t["A3"] == ("c1", datetime(2024, 1, 7), -12.0, "USD")    # (12.00) is negative
    rej = rows(store, "SELECT line_no, reason, raw FROM rejected_rows ORDER BY line_no")
    assert rej == [(5, "bad_amount", "A4,,20240108,abc,USD"), (6, "missing_date", "A5,c3,,12,USD"),
                   (7, "bad_date", "A6,c3,2024-02-30,5,USD")]
    # customers seen only in transactions become customers, first_seen = first order
    cust = dict(rows(store, "SELECT customer_id, first_seen FROM customers"))
    assert cust == {"c1": datetime(2024, 1, 5), "c2": datetime(2024, 1, 6)}


@pytest.mark.parametrize("text,amount", [
    ("1,234円", 1234.0), ("￥1,234", 1234.0), ("$1,234.50", 1234.5), ("(12.00)", -12.0),
    ("-$0.95", -0.95), ("１，２３４", 1234.0), ("USD 12", 12.0), ("3900", 3900.0)])
def test_each_money_form(store, tmp_path, text, amount):
    path = write(tmp_path, "m.csv", f'order_id,date,amount\nX,2024-01-05,"{text}"\n')
    assert import_file(store, path).rows_loaded == 1
    assert rows(store, "SELECT amount FROM transactions") == [(amount,)]


@pytest.mark.parametrize("text,expected", [
    ("2024-01-05", datetime(2024, 1, 5)), ("2024/01/05", datetime(2024, 1, 5)),
    ("2024年1月5日", datetime(2024, 1, 5)), ("20240105", datetime(2024, 1, 5)),
    ("01/22/2024 10:04 AM", datetime(2024, 1, 22, 10, 4)),
    ("2024-05-01 10:00:05 -0400", datetime(2024, 5, 1, 10, 0, 5)),
    ("2024-06-05T20:38:34Z", datetime(2024, 6, 5, 20, 38, 34)),
    ("２０２４／０１／０５", datetime(2024, 1, 5))])
def test_each_date_form(store, tmp_path, text, expected):
    path = write(tmp_path, "d.csv", f'order_id,date,amount\nX,{text},1\n')
    assert import_file(store, path).rows_loaded == 1
    assert rows(store, "SELECT ordered_at FROM transactions") == [(expected,)]


def test_decimal_comma_file(store, tmp_path):
    path = write(tmp_path, "eu.csv", "order_id;date;amount\nA;2024-01-05;1.234,56\nB;2024-01-06;35,82\n")
    r = import_file(store, path)
    assert r.delimiter == ";"
    assert dict(rows(store, "SELECT order_id, amount FROM transactions")) == {"A": 1234.56,
                                                                              "B": 35.82}


def test_day_month_order_inferred_from_a_value_above_12(store, tmp_path):
    path = write(tmp_path, "dm.csv", "order_id,date,amount\nA,03/04/2024,1\nB,25/04/2024,1\n")
    r = import_file(store, path)
    assert any("day/month" in w for w in r.warnings)
    assert dict(rows(store, "SELECT order_id, ordered_at FROM transactions")) == {
        "A": datetime(2024, 4, 3), "B": datetime(2024, 4, 25)}


def test_ambiguous_dates_ask_and_change_nothing(store, tmp_path):
    path = write(tmp_path, "amb.csv", "order_id,date,amount\nA,03/04/2024,1\nB,05/06/2024,1\n")
    with pytest.raises(DateOrderQuestion) as exc:
        import_file(store, path)
    assert "03/04/2024" in str(exc.value)
    assert data_summary(store.cursor()).transactions == 0
    assert rows(store, "SELECT COUNT(*) FROM import_batches") == [(0,)]
    assert preview_file(path).date_question
    import_file(store, path, date_order="monthfirst")
    assert rows(store, "SELECT ordered_at FROM transactions WHERE order_id = 'A'") == [
        (datetime(2024, 3, 4),)]


def test_cp932_bom_semicolon_tab_and_quoted_newlines(store, tmp_path):
    ja = "注文番号,会員ID,注文日時,合計金額\nJ1,m1,2024/01/05 14:03:11,\"3,300円\"\nJ2,m2,2024/01/06,\"￥1,200\"\n"
    r = import_file(store, write(tmp_path, "ja.csv", ja, encoding="cp932", newline="\r\n"))
    assert r.encoding == "cp932" and r.rows_loaded == 2 and r.rows_rejected == 0
    assert tx(store)["J1"][2] == 3300.0 and tx(store)["J1"][3] == "JPY"
    bom = "\ufefforder_id\tdate\tamount\tnote\nB1\t2024-01-05\t5\t\"two\nlines\"\nB2\t2024-01-06\t6\tx\n"
    r = import_file(store, write(tmp_path, "bom.tsv", bom))
    assert (r.encoding, r.delimiter, r.rows_read, r.rows_loaded) == ("utf-8-sig", "\t", 2, 2)


def test_synonyms_after_nfkc_japanese_headers(store, tmp_path):
    # full-width header letters and a trailing space still match
    text = "ＯＲＤＥＲ ＩＤ,Ｃｕｓｔｏｍｅｒ ＩＤ ,購入日,売上金額\nZ1,k1,2024-03-01,10\n"
    r = import_file(store, write(tmp_path, "fw.csv", text))
    assert r.mapping == {"order_id": "ＯＲＤＥＲ ＩＤ", "customer_id": "Ｃｕｓｔｏｍｅｒ ＩＤ",
                         "ordered_at": "購入日", "amount": "売上金額"}
    assert tx(store)["Z1"][0] == "k1"


def test_same_file_twice_adds_nothing_and_undo(store, tmp_path):
    path = write(tmp_path, "o.csv", ORDERS)
    first = import_file(store, path)
    again = import_file(store, path)
    assert again.rows_loaded == 0 and again.rows_duplicate == 3 and again.rows_rejected == 3
    assert len(tx(store)) == 3
    removed = undo_batch(store, first.batch_id)
    assert removed["transactions"] == 3 and removed["customers"] == 2
    assert len(tx(store)) == 0
    assert rows(store, "SELECT undone_at IS NOT NULL FROM import_batches WHERE batch_id = ?",
                [first.batch_id]) == [(True,)]
    with pytest.raises(ImportError_):
        undo_batch(store, first.batch_id)
    # after the undo the same file loads again
    assert import_file(store, path).rows_loaded == 3


def test_identical_lines_without_order_id_are_separate_purchases(store, tmp_path):
    text = "customer,date,amount\nc1,2024-01-05,5\nc1,2024-01-05,5\nc2,2024-01-05,5\n"
    path = write(tmp_path, "noid.csv", text)
    r = import_file(store, path)
    assert r.rows_loaded == 3
    assert any("identical to an earlier row" in w and w.startswith("1 ") for w in r.warnings)
    assert import_file(store, path).rows_loaded == 0   # the keys are stable
    assert rows(store, "SELECT COUNT(*) FROM transactions") == [(3,)]


def test_overlapping_exports_add_nothing_twice(store, tmp_path):
    a = write(tmp_path, "a.csv", "order_id,date,amount\n1,2024-01-01,5\n2,2024-01-02,6\n")
    b = write(tmp_path, "b.csv", "order_id,date,amount\n2,2024-01-02,6\n3,2024-01-03,7\n")
    import_file(store, a)
    r = import_file(store, b)
    assert (r.rows_loaded, r.rows_duplicate) == (1, 1)
    assert rows(store, "SELECT SUM(amount) FROM transactions") == [(18.0,)]


def test_atomic_a_failure_mid_file_leaves_the_database_unchanged(store, tmp_path, monkeypatch):
    import_file(store, write(tmp_path, "a.csv", "order_id,date,amount\n1,2024-01-01,5\n"))
    before = rows(store, "SELECT * FROM transactions ORDER BY order_id")
    import cx.ingest.load as load

    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(load, "_finish", boom)   # after the rows were inserted
    with pytest.raises(RuntimeError):
        import_file(store, write(tmp_path, "b.csv", "order_id,date,amount\n2,2024-01-02,6\n"))
    assert rows(store, "SELECT * FROM transactions ORDER BY order_id") == before
    assert rows(store, "SELECT COUNT(*) FROM customers") == [(0,)]
    assert rows(store, "SELECT COUNT(*) FROM import_batches") == [(1,)]


def test_ragged_rows_are_rejected_not_dropped(store, tmp_path):
    text = "order_id,date,amount\n1,2024-01-01,5\n2,2024-01-02\n3,2024-01-03,7,extra\n4,2024-01-04,8,\n"
    r = import_file(store, write(tmp_path, "rag.csv", text))
    assert r.rows_read == 4
    assert (r.rows_loaded, r.rows_rejected) == (2, 2)
    assert dict(rows(store, "SELECT line_no, reason FROM rejected_rows")) == {
        3: "missing_amount", 4: "too_many_fields"}


def test_totals_row_and_preamble_are_skipped_and_counted(store, tmp_path):
    text = "Sales report,,\nPeriod: January,,\norder_id,date,amount\n1,2024-01-01,5\n2,2024-01-02,6\nTotal,,11\n"
    r = import_file(store, write(tmp_path, "rep.csv", text))
    assert (r.rows_read, r.rows_loaded, r.rows_skipped) == (3, 2, 1)
    assert r.skipped_reasons == {"totals_row": 1}
    assert any("before the header" in w for w in r.warnings)
    assert rows(store, "SELECT line_no FROM rejected_rows") == []


def test_status_cancelled_rows_skipped_and_refunds_net(store, tmp_path):
    text = ("order_id,date,amount,refunded amount,status\n1,2024-01-01,50,10,paid\n"
            "2,2024-01-02,20,,cancelled\n3,2024-01-03,30,,test\n")
    r = import_file(store, write(tmp_path, "st.csv", text))
    assert r.skipped_reasons == {"cancelled": 1, "test": 1}
    assert dict(rows(store, "SELECT order_id, amount FROM transactions")) == {"1": 40.0}


def test_repeated_order_ids_roll_up(store, tmp_path):
    # a refund row sharing the order id reduces that order's revenue
    text = "order_id,customer,date,amount\nT1,c1,2024-01-01,30\nT1,c1,2024-01-03,-12\nT2,c2,2024-01-02,5\n"
    r = import_file(store, write(tmp_path, "rf.csv", text))
    assert r.rows_loaded == 3 and r.records_loaded == 2
    assert dict(rows(store, "SELECT order_id, amount FROM transactions")) == {"T1": 18.0, "T2": 5.0}
    assert rows(store, "SELECT ordered_at FROM transactions WHERE order_id = 'T1'") == [
        (datetime(2024, 1, 1),)]


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"), (b"\n\n  \n", "empty"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "Excel"),
    (bytes(range(256)) * 8, "binary"),
    (b"order_id,date,amount\n", "no data rows"),
    (b"foo,bar,baz\n1,2,3\n", "No column was recognised")])
def test_bad_input_is_one_sentence_and_changes_nothing(store, tmp_path, content, needle):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportError_) as exc:
        import_file(store, path)
    message = str(exc.value)
    assert needle in message and "\n" not in message and message.endswith(".")
    assert rows(store, "SELECT COUNT(*) FROM import_batches") == [(0,)]


def test_over_the_upload_limit(store, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 10)
    path = write(tmp_path, "big.csv", "order_id,date,amount\n1,2024-01-01,5\n")
    with pytest.raises(ImportError_, match="limit"):
        import_file(store, path)


def test_customers_file_merges_and_referred_by_feeds_referrals(store, tmp_path):
    import_file(store, write(tmp_path, "o.csv", "order_id,customer_id,date,amount\n1,c1,2024-01-01,5\n"))
    text = ("customer_id,name,email,referred by,region\nc1,Ann,ANN@x.com ,,Tokyo\n"
            "c2,Bo,bo@x.com,c1,Osaka\nc2,Bo,bo@x.com,c1,Osaka\n")
    r = import_file(store, write(tmp_path, "c.csv", text))
    assert r.kind == "customers"
    assert (r.rows_loaded, r.rows_duplicate) == (1, 2)   # c1 merged, c2 new, c2 again
    got = {row[0]: row[1:] for row in rows(store, "SELECT customer_id, name, email, region FROM customers")}
    assert got == {"c1": ("Ann", "ann@x.com", "Tokyo"), "c2": ("Bo", "bo@x.com", "Osaka")}
    assert rows(store, "SELECT referrer_id, referred_id FROM referrals") == [("c1", "c2")]


def test_referrals_file_by_email(store, tmp_path):
    import_file(store, write(tmp_path, "c.csv", "customer_id,email\nc1,a@x.com\nc2,b@x.com\n"))
    text = "Referrer Email,Friend Email,Date\na@x.com,B@x.com,2024-02-01\na@x.com,a@x.com,2024-02-02\n"
    r = import_file(store, write(tmp_path, "r.csv", text))
    assert r.kind == "referrals" and r.rows_loaded == 1 and r.rejected_reasons == {"self_referral": 1}
    assert rows(store, "SELECT referrer_id, referred_id FROM referrals") == [("c1", "c2")]


def test_surveys_score_by_question_text_and_matching(store, tmp_path):
    import_file(store, write(tmp_path, "o.csv", "order_id,customer_id,email,date,amount\n"
                             "1001,c1,ann@x.com,2024-01-01,5\n1002,c2,,2024-01-01,5\n"))
    text = ("Submitted,Email,How likely are you to recommend us?,Why?,order id\n"
            "2024-01-05,ANN@x.com,9,Great,\n2024-01-06,,3,Slow,1002\n"
            "2024-01-07,,10 - Extremely likely,,\n2024-01-08,,11,,\n2024-01-09,,,,\n")
    r = import_file(store, write(tmp_path, "s.csv", text))
    assert r.kind == "surveys"
    assert r.mapping["score"].startswith("How likely") and r.mapping["comment"] == "Why?"
    assert (r.rows_loaded, r.rows_rejected) == (3, 2)
    assert r.rejected_reasons == {"score_out_of_range": 1, "missing_score": 1}
    got = sorted(rows(store, "SELECT score, customer_id, comment FROM survey_responses"),
                 key=lambda x: x[0])
    assert got == [(3, "c2", "Slow"), (9, "c1", "Great"), (10, None, None)]


def test_preview_shows_mapping_and_first_rows(tmp_path):
    p = preview_file(write(tmp_path, "o.csv", ORDERS))
    assert p.kind == "transactions" and p.encoding == "utf-8" and p.delimiter == ","
    assert p.mapping["amount"] == "total" and p.rows_read == 6
    assert list(p.rows.columns)[:2] == ["order_id", "customer_id"] and len(p.rows) == 6


def test_user_mapping_overrides_and_unknown_column_is_refused(store, tmp_path):
    path = write(tmp_path, "m.csv", "a,b,c\nx,2024-01-01,5\n")
    r = import_file(store, path, kind="transactions",
                    mapping={"order_id": "a", "ordered_at": "b", "amount": "c"})
    assert r.rows_loaded == 1
    with pytest.raises(ImportError_, match="does not have"):
        import_file(store, path, kind="transactions", mapping={"amount": "zzz"})


def test_reconciles_on_a_larger_file_through_duckdb(store, tmp_path):
    lines = ["order_id,customer_id,date,amount"]
    lines += [f"O{i},c{i % 50},2024-01-{1 + i % 28:02d},{i % 97}.5" for i in range(20000)]
    lines[500] = "O499x,c1,not a date,3"
    path = write(tmp_path, "many.csv", "\n".join(lines) + "\n")
    r = import_file(store, path)
    assert r.rows_read == 20000 and r.rows_loaded == 19999 and r.rows_rejected == 1
    assert rows(store, "SELECT line_no, reason FROM rejected_rows") == [(501, "bad_date")]


def test_two_uploads_at_once_lose_no_rows(tmp_path):
    import threading

    from cx.store import Store

    store = Store(tmp_path / "two.duckdb")
    files = []
    for k in range(2):
        lines = ["order_id,date,amount"] + [f"F{k}-{i},2024-01-01,1" for i in range(3000)]
        files.append(write(tmp_path, f"f{k}.csv", "\n".join(lines) + "\n"))
    results, errors = [], []

    def run(path):
        try:
            results.append(import_file(store, path))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(r.batch_id for r in results) == [1, 2]
    assert rows(store, "SELECT COUNT(*) FROM transactions") == [(6000,)]
    store.close()


def test_return_rows_with_positive_amounts_reduce_revenue(store, tmp_path):
    # EZレジ-style: one row per receipt, 取引区分 = 返品 for a return, amounts tax-inclusive
    text = "\ufeff取引番号,取引日時,取引区分,合計金額\nR1,2024/03/01 10:00,販売,1000\nR2,2024/03/02 11:00,返品,300\n"
    r = import_file(store, write(tmp_path, "ez.csv", text))
    assert r.rows_loaded == 2
    assert dict(rows(store, "SELECT order_id, amount FROM transactions")) == {"R1": 1000.0,
                                                                              "R2": -300.0}
    assert rows(store, "SELECT currency FROM transactions GROUP BY 1") == [("JPY",)]


# -- very large cells, stray quotes, old-Mac line ends ------------------------------------------
def counts(store):
    return rows(store, "SELECT (SELECT COUNT(*) FROM transactions), "
                       "(SELECT COUNT(*) FROM import_batches)")[0]


@pytest.mark.parametrize("size", [200_000, 3_000_000])
@pytest.mark.parametrize("quoted", [False, True])
def test_a_very_large_cell_is_read_not_a_crash(store, tmp_path, size, quoted):
    cell = "x" * size
    cell = f'"{cell}, with a comma"' if quoted else cell
    path = write(tmp_path, "big.csv", f"order_id,date,amount,note\n1,2024-01-01,5,{cell}\n"
                                      "2,2024-01-02,6,ok\n")
    r = import_file(store, path)
    assert (r.rows_read, r.rows_loaded) == (2, 2)
    assert preview_file(path).rows_read == 2


def test_any_csv_module_error_is_the_one_sentence_refusal(store, tmp_path, monkeypatch):
    import csv as csv_module

    from cx.ingest import staging

    def broken(*args, **kwargs):
        raise csv_module.Error("field larger than field limit (131072)")

    monkeypatch.setattr(reading, "_parse_record", broken)
    with pytest.raises(ImportError_) as exc:
        import_file(store, write(tmp_path, "o.csv", "order_id,date,amount\n1,2024-01-01,5\n"))
    assert exc.value.code == "unreadable" and "field larger" in str(exc.value)
    assert counts(store) == (0, 0)
    with pytest.raises(ImportError_):
        preview_file(tmp_path / "o.csv")
    monkeypatch.undo()
    monkeypatch.setattr(staging, "_python_rows", broken)  # the reader of ragged files
    ragged = write(tmp_path, "r.csv", "order_id,date,amount\n1,2024-01-01,5,extra\n2,2024-01-02,6\n")
    with pytest.raises(ImportError_, match="could not be read as CSV"):
        import_file(store, ragged)
    assert counts(store) == (0, 0)


UNCLOSED = 'order_id,date,amount,note\n1,2024-01-01,5,"never closed\n2,2024-01-02,6,ok\n3,2024-01-03,7,ok\n'


def test_a_quote_that_never_closes_is_refused_naming_its_line(store, tmp_path):
    path = write(tmp_path, "q.csv", UNCLOSED)
    with pytest.raises(ImportError_) as exc:
        import_file(store, path)
    assert exc.value.code == "unclosed_quote" and exc.value.values == {"line": 2}
    assert "line 2" in str(exc.value) and str(exc.value).count(". ") == 0
    assert counts(store) == (0, 0)
    with pytest.raises(ImportError_, match="line 2"):
        preview_file(path)


def test_two_stray_quotes_swallowing_lines_are_refused(store, tmp_path):
    text = ('order_id,date,amount,note\n1,2024-01-01,5,"oops\n2,2024-01-02,6,ok\n'
            '3,2024-01-03,7,"again here\n4,2024-01-04,8,ok\n')
    with pytest.raises(ImportError_) as exc:
        import_file(store, write(tmp_path, "q2.csv", text))
    assert exc.value.code == "stray_quote" and exc.value.values == {"line": 2, "end": 4}
    assert counts(store) == (0, 0)


def test_a_quote_inside_a_field_is_a_literal_character(store, tmp_path):
    text = ('order_id,date,amount,item\n1,2024-01-01,5,Pizza 12" large\n2,2024-01-02,6,ok\n'
            '3,2024-01-03,7,"quoted, ""with"" escapes"\n4,2024-01-04,8,5" x 7" print\n')
    r = import_file(store, write(tmp_path, "inch.csv", text))
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (4, 4, 0)
    p = preview_file(tmp_path / "inch.csv")
    assert list(p.rows["item"]) == ['Pizza 12" large', "ok", 'quoted, "with" escapes',
                                    '5" x 7" print']


def test_quoted_newlines_are_still_one_row(store, tmp_path):
    text = 'order_id,date,amount,note\n1,2024-01-01,5,"two\nlines"\n2,2024-01-02,6,"a ""b"""\n'
    r = import_file(store, write(tmp_path, "nl.csv", text))
    assert (r.rows_read, r.rows_loaded) == (2, 2)


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_old_mac_cr_only_line_ends(store, tmp_path, newline):
    text = 'order_id,date,amount,note\n1,2024-01-01,5,"in-cell\nbreak"\n2,2024-01-02,6,ok\n'
    path = tmp_path / "mac.csv"
    # old Mac Excel ends rows with CR and writes line breaks inside a cell as LF
    body = text.replace("\n", "\0").replace('in-cell\0', "in-cell\n").replace("\0", newline)
    path.write_bytes(body.encode())
    r = import_file(store, path)
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (2, 2, 0)
    assert rows(store, "SELECT amount FROM transactions ORDER BY 1") == [(5.0,), (6.0,)]


def test_framing_of_a_large_quoted_file_stays_vectorised():
    """Many quotes and some literal ones: framed like csv reads it, without a per-byte loop."""
    lines = ["id,name,note"]
    for i in range(20_000):
        lines.append(f'{i},"n{i}",{i % 7}" tall' if i % 50 == 0 else f'{i},"n{i}","x,y"')
    raw = ("\n".join(lines) + "\n").encode()
    fr = reading.frame(raw)
    assert fr.records == 20_001
