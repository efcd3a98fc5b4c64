"""Results prepared after an import and kept next to the database (cx.cache)."""
import pickle

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cx import cache, nps, overview, retention
from cx.cache import preparing
from cx.cache import remember as kept_result
from cx.prepare import opening_scope, prepare_after_import
from cx.store import Store
from tests.conftest import ROOT, build_demo_db, rows
from tests.test_pages import PAGE_SCRIPTS

# under pytest-xdist, one worker builds and prepares prepared_db for the whole module
pytestmark = pytest.mark.xdist_group("prepared")


def results(folder):
    return sorted(p.name for p in (folder / cache.RESULTS_FOLDER).glob("*"))


def test_a_result_is_written_only_while_preparing_and_read_back_for_the_same_data(tmp_path):
    store = Store(tmp_path / "cx.duckdb")
    cur = store.cursor()
    computed = []

    def compute():
        computed.append(1)
        return {"answer": len(computed)}

    assert kept_result(cur, "t.answer", (1,), compute) == {"answer": 1}
    assert results(tmp_path) == []  # a page's call computes, keeps it in memory, writes nothing
    assert kept_result(cur, "t.answer", (1,), compute) == {"answer": 1}  # from memory
    with preparing():  # preparing writes what memory holds
        assert kept_result(cur, "t.answer", (1,), compute) == {"answer": 1}
    assert len(results(tmp_path)) == 1
    cache.clear_memory()  # as another process: read from disk, not computed
    assert kept_result(cur, "t.answer", (1,), compute) == {"answer": 1}
    assert kept_result(cur, "t.answer", (2,), compute) == {"answer": 2}  # other arguments
    assert len(computed) == 2
    first = kept_result(cur, "t.answer", (1,), compute)
    first["answer"] = 99  # a caller changing its copy changes nobody else's
    assert kept_result(cur, "t.answer", (1,), compute) == {"answer": 1}

    with store.write() as w:  # new data: the kept answer is not read again
        w.execute("INSERT INTO customers (customer_id) VALUES ('c-new')")
    cur = store.cursor()
    with preparing():
        assert kept_result(cur, "t.answer", (1,), compute) == {"answer": 3}
    assert len(results(tmp_path)) == 1  # the older version's file is gone
    store.close()


def test_other_code_or_a_broken_file_is_never_answered_from_disk(tmp_path, monkeypatch):
    store = Store(tmp_path / "cx.duckdb")
    cur = store.cursor()
    with preparing():
        kept_result(cur, "t.answer", (), lambda: "old code")
    cache.clear_memory()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another-version")
    assert kept_result(cur, "t.answer", (), lambda: "new code") == "new code"
    monkeypatch.undo()
    (path,) = (tmp_path / cache.RESULTS_FOLDER).glob("*.pkl")
    path.write_bytes(pickle.dumps("old code")[:5])  # half a file
    cache.clear_memory()
    assert kept_result(cur, "t.answer", (), lambda: "computed") == "computed"
    store.close()


def test_an_in_memory_database_keeps_results_in_memory_only(store):
    with preparing():
        assert kept_result(store.cursor(), "t.answer", (), lambda: 1) == 1
        assert kept_result(store.cursor(), "t.answer", (), lambda: 2) == 1
    assert cache.database_dir(store.cursor()) is None


def test_two_databases_in_one_folder_keep_their_own_results(tmp_path):
    a, b = Store(tmp_path / "a.duckdb"), Store(tmp_path / "b.duckdb")
    with preparing():
        kept_result(a.cursor(), "t.n", (), lambda: "a")
        kept_result(b.cursor(), "t.n", (), lambda: "b")
    assert kept_result(a.cursor(), "t.n", (), lambda: None) == "a"
    assert kept_result(b.cursor(), "t.n", (), lambda: None) == "b"
    a.close()
    b.close()


@pytest.fixture(scope="module")
def prepared_db(tmp_path_factory):
    path = build_demo_db(tmp_path_factory.mktemp("prepared") / "demo.duckdb")
    store = Store(path)
    done = prepare_after_import(store)
    store.close()
    assert done["bundle"] is not None
    assert set(done["pages"]) == {"overview", "retention", "repeat", "segments", "nps", "churn", "data"}
    return path


@pytest.mark.parametrize("script", PAGE_SCRIPTS)
def test_every_page_opens_on_prepared_results_only(prepared_db, script, monkeypatch):
    """A new server's first load of each page computes none of the @kept results: prepare_pages
    makes the same calls, with the same arguments, as the page."""
    monkeypatch.setenv("CX_DB", str(prepared_db))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    cache.CALLS.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page(script)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    misses = [name for (name, kind) in cache.CALLS if kind == "miss"]
    assert misses == []
    if not script.endswith("data.py"):
        assert any(kind == "hit" for (_, kind) in cache.CALLS)


def test_kept_results_are_the_computed_ones(prepared_db):
    store = Store(prepared_db)
    cur = store.cursor()
    scope = opening_scope(cur)
    assert overview.what_changed(cur, scope) == overview.what_changed.__wrapped__(cur, scope)
    assert retention.key_numbers(cur, scope) == retention.key_numbers.__wrapped__(cur, scope)
    cache.CALLS.clear()
    kept_frame = nps.breakdowns(cur, scope)
    assert kept_frame.equals(nps.breakdowns.__wrapped__(cur, scope))
    assert cache.CALLS[("cx.nps.metrics.breakdowns", "hit")] == 1
    assert rows(store, "SELECT COUNT(*) FROM transactions")[0][0] > 0
    store.close()


def test_a_restore_forgets_what_was_kept_for_later_data(tmp_path):
    """The restored file counts its versions again from an older number: a result kept for the
    data after the backup must not be read when new imports reach the same number."""
    from cx.backup import backup, restore

    db = tmp_path / "cx.duckdb"
    store = Store(db)
    backup(store, tmp_path / "backup.duckdb")
    with store.write() as w:  # data after the backup, with a result kept for it
        w.execute("INSERT INTO customers (customer_id) VALUES ('c-after-backup')")
    with preparing():
        kept_result(store.cursor(), "t.customers", (), lambda: "one customer")
    (tmp_path / "models").mkdir()
    version = store.data_version().replace(":", "_")
    (tmp_path / "models" / f"{version}-x.joblib").write_bytes(b"a model of that data")
    store.close()

    restore(tmp_path / "backup.duckdb", db)
    assert results(tmp_path) == [] and list((tmp_path / "models").iterdir()) == []
    store = Store(db)
    with store.write() as w:  # other data reaching the same version number
        w.execute("INSERT INTO customers (customer_id) VALUES ('c-other')")
    assert store.data_version().replace(":", "_") == version
    assert kept_result(store.cursor(), "t.customers", (), lambda: "computed") == "computed"
    store.close()


def test_a_slower_process_never_removes_newer_results(tmp_path):
    folder = tmp_path / cache.RESULTS_FOLDER
    cache._write(folder / "abc_7-newer.pkl", 7)
    cache._write(folder / "abc_5-older.pkl", 5)  # finishing late: removes nothing newer
    cache._write(folder / "zzz_1-other.pkl", 1)  # another database in the same folder
    assert sorted(p.name for p in folder.iterdir()) == ["abc_5-older.pkl", "abc_7-newer.pkl",
                                                        "zzz_1-other.pkl"]
    cache._write(folder / "abc_8-newest.pkl", 8)
    assert sorted(p.name for p in folder.iterdir()) == ["abc_8-newest.pkl", "zzz_1-other.pkl"]


def test_another_engine_keeps_nothing_and_is_not_asked_for_a_file():
    class EngineCursor:
        engine = "spark"

        def execute(self, *_):
            raise AssertionError("a DuckDB-only query was sent to another engine")

    assert cache.database_dir(EngineCursor()) is None
    with preparing():
        assert kept_result(EngineCursor(), "t.n", (), lambda: 3) == 3


def test_computing_reads_nothing_kept(tmp_path):
    store = Store(tmp_path / "cx.duckdb")
    with preparing():
        kept_result(store.cursor(), "t.n", (), lambda: "kept")
    with cache.computing():
        assert kept_result(store.cursor(), "t.n", (), lambda: "computed") == "computed"
    assert kept_result(store.cursor(), "t.n", (), lambda: "computed") == "kept"
    store.close()


def test_memory_keeps_a_bounded_number_of_shared_objects():
    memory = cache._Memory(entries=10, shared=2)
    for i in range(4):
        memory.put(("v", "shared", str(i)), object(), shared=True)
    memory.put(("v", "copy", "x"), {"a": 1}, shared=False)
    assert [memory.get(("v", "shared", str(i)))[0] for i in range(4)] == [False, False, True, True]
    found, value = memory.get(("v", "copy", "x"))
    assert found and value == {"a": 1}
    for i in range(12):  # the oldest go first, whatever their kind
        memory.put(("v", "n", str(i)), i, shared=False)
    assert not memory.get(("v", "copy", "x"))[0] and memory.get(("v", "n", "11")) == (True, 11)
