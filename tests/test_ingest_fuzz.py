"""Property tests: the importer never crashes on random bytes or random CSV shapes; it either
loads rows (and reconciles) or says why not in one sentence, changing nothing."""
from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx.ingest import ImportError_, import_file
from cx.store import Store

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def counts(store):
    cur = store.cursor()
    try:
        return cur.execute("SELECT (SELECT COUNT(*) FROM transactions), (SELECT COUNT(*) FROM "
                           "survey_responses), (SELECT COUNT(*) FROM customers), "
                           "(SELECT COUNT(*) FROM import_batches)").fetchall()[0]
    finally:
        cur.close()


def check(store, data: bytes):
    before = counts(store)
    try:
        r = import_file(store, data, file_name="fuzz.csv")
    except ImportError_ as exc:
        message = str(exc)
        assert message and "\n" not in message.strip() and "Traceback" not in message
        assert counts(store) == before
        return
    assert r.rows_read == r.rows_loaded + r.rows_rejected + r.rows_skipped + r.rows_duplicate


@SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes_never_crash(data):
    store = Store(":memory:")
    try:
        check(store, data)
        check(store, b"order_id,date,amount\n" + data)
    finally:
        store.close()


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "2024-01-05", "01/02/2024", "2024年1月5日", "￥1,234", "(12.00)", "$5",
                     "1.234,56", "abc", "9", "11", "#1001", "'007", "\"", "a\nb", "Total"]),
    st.integers(-10**6, 10**6).map(str), st.floats(allow_nan=True).map(str))
HEADERS = st.lists(st.sampled_from(
    ["order_id", "customer_id", "date", "amount", "currency", "email", "score", "comment",
     "Timestamp", "注文番号", "合計金額", "referrer email", "friend email", "name", "status",
     "qty", "x", "", "Lineitem name", "Financial Status"]), min_size=1, max_size=7)


@SETTINGS
@given(HEADERS, st.lists(st.lists(CELL, max_size=8), max_size=12),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp932"]))
def test_random_csv_shapes_load_or_say_why(headers, body, delimiter, encoding):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in body:
        writer.writerow(row)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode("utf-8")
    store = Store(":memory:")
    try:
        check(store, data)
        check(store, data)   # the second time adds nothing new or fails the same way
    finally:
        store.close()
