from datetime import date

import pytest

from cx.store import SCHEMA_VERSION, Store, data_summary, delete_all, get_meta, one


def test_schema_created_with_version(store):
    cur = store.cursor()
    assert get_meta(cur, "schema_version") == str(SCHEMA_VERSION)
    tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"customers", "transactions", "referrals", "survey_responses", "import_batches",
            "rejected_rows", "meta"} <= tables


def test_data_version_changes_on_every_write(store):
    v0 = store.data_version()
    with store.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, ordered_at, amount) "
                    "VALUES ('A', TIMESTAMP '2024-01-01 10:00', 5)")
    v1 = store.data_version()
    delete_all(store)
    v2 = store.data_version()
    assert len({v0, v1, v2}) == 3


def test_remembered_data_version_sees_another_process_after_the_file_is_released(tmp_path):
    """The dashboard remembers the version while it holds the file (no one else can write it);
    once it lets the file go, a `cx import` in another process may write, and the next read
    must see that import."""
    import time

    path = tmp_path / "shared.duckdb"
    dashboard = Store(path, idle_release=0.1)
    v0 = dashboard.data_version()
    assert dashboard.data_version() == v0
    deadline = time.monotonic() + 10
    while dashboard.is_open and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not dashboard.is_open
    other = Store(path)
    with other.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, ordered_at, amount) "
                    "VALUES ('A', TIMESTAMP '2024-01-01 10:00', 5)")
    v1 = other.data_version()
    other.close()
    assert dashboard.data_version() == v1 != v0
    dashboard.close()


def test_failed_write_rolls_back_and_keeps_version(store):
    v0 = store.data_version()
    with pytest.raises(RuntimeError):
        with store.write() as cur:
            cur.execute("INSERT INTO transactions (order_id, ordered_at, amount) "
                        "VALUES ('A', TIMESTAMP '2024-01-01 10:00', 5)")
            raise RuntimeError("boom")
    assert one(store.cursor(), "SELECT COUNT(*) FROM transactions")[0] == 0
    assert store.data_version() == v0


def test_summary_counts_customers_seen_only_in_transactions(store):
    with store.write() as cur:
        cur.execute("INSERT INTO customers (customer_id) VALUES ('a')")
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, currency) "
                    "VALUES ('1', 'a', TIMESTAMP '2024-01-05 10:00', 10, 'USD'), "
                    "('2', 'b', TIMESTAMP '2024-02-05 10:00', 20, 'USD'), "
                    "('3', NULL, TIMESTAMP '2024-03-01 10:00', 5, 'USD')")
    s = data_summary(store.cursor())
    assert (s.customers, s.transactions, s.revenue) == (2, 3, 35.0)
    assert (s.first_date, s.last_date) == (date(2024, 1, 5), date(2024, 3, 1))
    assert s.currencies == ("USD",)


def test_db_path_from_environment(tmp_path, monkeypatch):
    from cx.store import resolve_db_path
    monkeypatch.setenv("CX_DB", str(tmp_path / "x.duckdb"))
    assert resolve_db_path() == tmp_path / "x.duckdb"
    assert resolve_db_path(tmp_path / "y.duckdb") == tmp_path / "y.duckdb"


def test_reopen_keeps_schema_and_data(tmp_path):
    path = tmp_path / "a.duckdb"
    s = Store(path)
    with s.write() as cur:
        cur.execute("INSERT INTO customers (customer_id) VALUES ('x')")
    version = s.data_version()
    s.close()
    s2 = Store(path)
    assert one(s2.cursor(), "SELECT COUNT(*) FROM customers")[0] == 1
    assert s2.data_version() == version
    s2.close()


def test_commit_gate_keeps_statements_and_commits_apart():
    """A commit waits for running statements; statements arriving meanwhile wait for it."""
    import threading
    import time

    from cx.store import _CommitGate

    gate, order = _CommitGate(), []
    first_running = threading.Event()

    def long_statement():
        with gate.statement():
            first_running.set()
            time.sleep(0.2)
            order.append("statement 1 done")

    def committer():
        with gate.commit():
            order.append("commit")
            time.sleep(0.1)

    def late_statement():
        with gate.statement():
            order.append("statement 2")

    threads = [threading.Thread(target=long_statement)]
    threads[0].start()
    first_running.wait()
    threads.append(threading.Thread(target=committer))
    threads[1].start()
    time.sleep(0.05)  # the commit is now waiting
    threads.append(threading.Thread(target=late_statement))
    threads[2].start()
    for t in threads:
        t.join(5)
    assert order == ["statement 1 done", "commit", "statement 2"]
