"""Events on the timeline (cx.annotations): storage, validation, CSV round trip, the all-or-nothing
import, the migration of an older database, and how the cache sees events."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from cx import annotations as ann
from cx.annotations import AnnotationError, Event, ImportRejected
from cx.store import MIGRATIONS, SCHEMA_VERSION, Store, get_meta
from tests.conftest import rows

D = date


def labels(store, first=None, last=None) -> list[str]:
    cur = store.cursor()
    try:
        return [e.label for e in ann.list_events(cur, first, last)]
    finally:
        cur.close()


def test_add_list_and_delete(store):
    one_day = ann.add(store, "2026-03-01", "  price   rise ")
    span = ann.add(store, D(2026, 3, 1), "spring campaign", "2026-03-31")
    ann.add(store, "2026/01/15", "new barista")
    assert one_day == Event(D(2026, 3, 1), None, "price rise", 1)  # one line, single spaces
    assert span.ends_on == D(2026, 3, 31) and span.annotation_id == 2
    assert labels(store) == ["new barista", "price rise", "spring campaign"]  # by date
    # overlapping a window: the span reaches into March 20..April 5, the one-day events do not
    assert labels(store, D(2026, 3, 20), D(2026, 4, 5)) == ["spring campaign"]
    assert labels(store, D(2026, 3, 1), D(2026, 3, 1)) == ["price rise", "spring campaign"]
    assert labels(store, None, D(2026, 2, 28)) == ["new barista"]
    ann.delete(store, one_day.annotation_id)
    assert labels(store) == ["new barista", "spring campaign"]
    with pytest.raises(AnnotationError, match="no event with the id 1"):
        ann.delete(store, 1)
    # the next id follows the largest, never reusing a live one
    assert ann.add(store, "2026-05-01", "x").annotation_id == 4


def test_an_end_on_the_start_day_is_one_day(store):
    assert ann.add(store, "2026-03-01", "a", "2026-03-01").ends_on is None


@pytest.mark.parametrize("args, message", [
    (("2026-03-01", ""), "An event needs a label."),
    (("2026-03-01", "   "), "An event needs a label."),
    (("2026-03-01", "x" * 81), "A label is at most 80 characters, and this one has 81."),
    (("", "a"), "An event needs a date."),
    (("2026-02-30", "a"), "“2026-02-30” is not a date; write it as YYYY-MM-DD, such as 2026-03-01."),
    (("01/03/2026", "a"), "“01/03/2026” is not a date"),  # day or month first: refused
    (("2026-03-10", "a", "2026-03-09"),
     "The end date 2026-03-09 is before the start date 2026-03-10."),
    (("2026-03-10", "a", "soon"), "“soon” is not a date"),
])
def test_each_error_is_one_sentence(store, args, message):
    with pytest.raises(AnnotationError) as err:
        ann.add(store, *args)
    text = str(err.value)
    assert text.startswith(message) and text.count(". ") == 0 and text.endswith(".")
    assert isinstance(err.value, ValueError)
    assert err.value.text("ja") != text  # translated
    assert rows(store, "SELECT COUNT(*) FROM annotations") == [(0,)]


def test_label_of_exactly_80_characters_and_dates_in_other_spellings(store):
    assert len(ann.add(store, "2026-03-01", "x" * 80).label) == 80
    assert ann.parse_date("2026/3/1") == ann.parse_date("2026.03.01") == D(2026, 3, 1)
    assert ann.parse_date("2026-03-01T18:30:00") == D(2026, 3, 1)


def test_duplicate_is_same_start_and_label_whatever_the_case(store):
    ann.add(store, "2026-03-01", "Price rise")
    with pytest.raises(AnnotationError, match="“price rise” on 2026-03-01 is already there"):
        ann.add(store, "2026-03-01", "price rise")
    ann.add(store, "2026-03-02", "Price rise")  # another day: another event
    ann.add(store, "2026-03-01", "Price rise 2")
    assert len(labels(store)) == 3


def test_events_do_not_change_the_data_version(store):
    before = store.data_version()
    event = ann.add(store, "2026-03-01", "a")
    ann.import_csv(store, "date,label\n2026-04-01,b\n")
    ann.delete(store, event.annotation_id)
    assert store.data_version() == before


def test_csv_round_trip_keeps_every_event_as_it_was(store, tmp_path):
    ann.add(store, "2026-03-01", "price rise")
    ann.add(store, "2026-03-01", "spring campaign", "2026-03-31")
    ann.add(store, "2026-04-01", "=1+1 is not a formula")  # neutralised in the file
    ann.add(store, "2026-05-05", "ゴールデンウィーク, 2 days", "2026-05-06")
    data = ann.export_csv(store.cursor())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[:3] == ["date,label,end", "2026-03-01,price rise,",
                                     "2026-03-01,spring campaign,2026-03-31"]
    assert "'=1+1" in text
    other = Store(tmp_path / "other.duckdb")
    assert ann.import_csv(other, data) == ann.ImportResult(added=4, duplicates=0)
    assert ann.list_events(other.cursor()) == ann.list_events(store.cursor())
    # importing the same file again adds nothing and counts every row as already there
    result = ann.import_csv(other, data)
    assert result == ann.ImportResult(0, 4)
    assert result.text("en") == "0 events added, 4 already there."
    other.close()


def test_import_is_all_or_nothing(store):
    ann.add(store, "2026-01-01", "kept")
    bad = ("date,label,end\n"
           "2026-03-01,fine,\n"
           "2026-13-01,bad month,\n"
           "2026-03-05,,\n"
           "2026-03-09,backwards,2026-03-01\n")
    with pytest.raises(ImportRejected) as err:
        ann.import_csv(store, bad)
    assert [line for line, _ in err.value.rejected] == [3, 4, 5]
    assert str(err.value) == (
        "Nothing was imported, because 3 rows are not events (line 3: “2026-13-01” is not a "
        "date; write it as YYYY-MM-DD, such as 2026-03-01; line 4: An event needs a label; "
        "line 5: The end date 2026-03-01 is before the start date 2026-03-09).")
    assert "3 行が出来事として読めないため" in err.value.text("ja")
    assert labels(store) == ["kept"]  # the good row was not written either


def test_import_skips_and_counts_duplicates_and_tolerates_slashes(store):
    ann.add(store, "2026-03-01", "price rise")
    result = ann.import_csv(store, (b"Label,Date,End\n"          # any order, any case
                                    b"Price Rise,2026/03/01,\n"   # already there
                                    b"new barista,2026/3/15,\n"
                                    b"New Barista,2026-03-15,\n"  # twice in the file
                                    b"campaign,2026/04/01,2026/04/30\n"))
    assert result == ann.ImportResult(added=2, duplicates=2)
    assert result.text("en") == "2 events added, 2 already there."
    assert result.text("ja") == "2 件の出来事を追加しました（2 件は登録済み）。"
    assert labels(store) == ["price rise", "new barista", "campaign"]


def test_import_refuses_a_file_without_the_columns(store):
    with pytest.raises(AnnotationError, match="needs the columns date and label"):
        ann.import_csv(store, "when,what\n2026-03-01,x\n")
    with pytest.raises(AnnotationError, match="needs the columns"):
        ann.import_csv(store, b"")
    assert ann.import_csv(store, "date,label,end\n") == ann.ImportResult(0, 0)


def test_import_reads_shift_jis(store):
    data = "date,label\n2026-03-01,値上げ\n".encode("cp932")
    assert ann.import_csv(store, data).added == 1
    assert labels(store) == ["値上げ"]


def test_an_older_database_migrates_and_keeps_its_data(tmp_path):
    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for step in MIGRATIONS[:3]:
        con.execute(step)
    con.execute("INSERT INTO meta VALUES ('schema_version', '3'), ('db_id', 'old'), "
                "('data_counter', '7')")
    con.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount) "
                "VALUES ('o1', 'c1', TIMESTAMP '2026-01-02 10:00:00', 12.5)")
    con.close()
    store = Store(path)
    cur = store.cursor()
    assert SCHEMA_VERSION == 4 and get_meta(cur, "schema_version") == "4"
    assert store.data_version() == "old:7"  # a migration is no new data
    assert rows(store, "SELECT order_id, amount FROM transactions") == [("o1", 12.5)]
    ann.add(store, "2026-01-02", "opened")
    store.close()
    again = Store(path)  # and reopens at 4 without running the step twice
    assert labels(again) == ["opened"]
    again.close()


def test_describe_and_period_slots():
    span = Event(D(2026, 3, 1), D(2026, 3, 31), "spring campaign")
    assert ann.describe(span, "en") == "spring campaign · 1 Mar 2026 – 31 Mar 2026"
    assert ann.describe(Event(D(2026, 3, 1), None, "値上げ"), "ja") == "値上げ · 2026年3月1日"
    assert ann.period_slots([D(2026, 1, 1), D(2026, 2, 1)], "month") == [
        (D(2026, 1, 1), D(2026, 1, 31)), (D(2026, 2, 1), D(2026, 2, 28))]
    assert ann.period_slots([D(2026, 3, 2)], "week") == [(D(2026, 3, 2), D(2026, 3, 8))]
