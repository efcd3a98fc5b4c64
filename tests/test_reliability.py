"""Two processes and one database file, readers during imports, killed imports, checkpoints;
backup and restore."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from cx.ingest import import_file
from cx.store import Store, data_summary
from tests.conftest import ROOT, build_demo_db
from tests.generated import write_orders
from tests.test_cli import run_cli

STATE_TABLES = ("meta", "customers", "transactions", "referrals", "survey_responses",
                "referral_codes", "import_batches", "rejected_rows")


def test_cli_waits_for_an_idle_dashboard_and_the_dashboard_sees_the_new_data(tmp_path):
    db = tmp_path / "shared.duckdb"
    dashboard = Store(db, idle_release=0.3, wait=20)
    before = dashboard.data_version()
    proc = run_cli("demo", "--db", db, "--customers", 80, "--wait", 20)
    assert "Demo data loaded" in proc.stdout
    after = dashboard.data_version()  # reopens the file without a restart
    assert after != before
    cur = dashboard.cursor()
    assert data_summary(cur).customers == 80
    cur.close()
    dashboard.close()


def test_cli_gives_up_with_one_sentence_and_changes_nothing(tmp_path):
    db = tmp_path / "held.duckdb"
    holder = Store(db)  # holds the file and never lets go
    cur = holder.cursor()
    version = holder.data_version()
    t0 = time.monotonic()
    proc = run_cli("demo", "--db", db, "--customers", 50, "--wait", 0.5, check=False)
    assert proc.returncode != 0
    assert time.monotonic() - t0 < 30
    assert "in use by another program" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert holder.data_version() == version
    assert data_summary(cur).transactions == 0
    cur.close()
    holder.close()


def test_backup_and_restore_round_trip(tmp_path):
    db = tmp_path / "live.duckdb"
    run_cli("demo", "--db", db, "--customers", 60)
    original = json.loads(run_cli("export", "summary", "--format", "json", "--db", db).stdout)
    run_cli("backup", "--db", db, "--out", tmp_path / "b.duckdb")
    store = Store(db)
    from cx.store import delete_all
    delete_all(store)
    store.close()
    emptied = json.loads(run_cli("export", "summary", "--format", "json", "--db", db).stdout)
    assert emptied["transactions"] == 0
    run_cli("restore", tmp_path / "b.duckdb", "--db", db)
    restored = json.loads(run_cli("export", "summary", "--format", "json", "--db", db).stdout)
    assert restored == original


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all")
    proc = run_cli("restore", junk, "--db", tmp_path / "x.duckdb", check=False)
    assert proc.returncode != 0 and "not a Loyalty Loop database" in proc.stderr
    assert not (tmp_path / "x.duckdb").exists()


# -- a killed import ------------------------------------------------------------------------
BIG_ROWS = 300_000


def db_state(db) -> dict:
    """Every row of every table (sorted), to compare a database with an earlier state."""
    store = Store(db)
    cur = store.cursor()
    try:
        return {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in STATE_TABLES}
    finally:
        cur.close()
        store.close()


def staged_files_open(pid: int) -> set[str]:
    """Paths of the import's staged copy of the file (cx-import-*) the process has open. The copy
    exists only inside cx.ingest.load.stage(), which runs inside the import's transaction."""
    fd_dir = f"/proc/{pid}/fd"
    found = set()
    try:
        fds = os.listdir(fd_dir)
    except OSError:
        return found
    for fd in fds:
        try:
            target = os.readlink(f"{fd_dir}/{fd}")
        except OSError:
            continue
        if os.path.basename(target).startswith("cx-import-"):
            found.add(target)
    return found


def kill_import_midway(db, csv, tmp_path, moment: str) -> subprocess.Popen:
    """Run a real `python -m cx import` and SIGKILL it inside its transaction: while it holds
    the staged file open ('staging'), or once it has read it and is writing rows ('loading')."""
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "cx", "import", str(csv), "--db", str(db)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = False
    closed_since = None
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            staged = staged_files_open(proc.pid)
            if staged:
                seen, closed_since = True, None
                if moment == "staging":
                    break
            elif seen and moment == "loading":
                closed_since = closed_since or time.monotonic()
                if time.monotonic() - closed_since >= 0.05:
                    break  # read and closed for 50 ms: the loader's SQL is running
            time.sleep(0.001)
        os.kill(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    out, err = proc.communicate(timeout=60)
    assert seen, "never saw the import's staged file open (cx-import-*): was staging renamed?"
    assert proc.returncode == -signal.SIGKILL, (
        f"the import finished before it was killed (exit {proc.returncode}): {out!r} {err!r}")
    assert b"loaded" not in out
    return proc


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    return write_orders(tmp_path_factory.mktemp("big") / "big-orders.csv", BIG_ROWS, "K",
                        customers=40_000)


@pytest.mark.xdist_group("reliability_big_csv")  # one worker writes big_csv for both
@pytest.mark.parametrize("moment", ["staging", "loading"])
def test_killing_a_real_import_midway_leaves_the_database_as_before(tmp_path, big_csv, moment):
    db = build_demo_db(tmp_path / "k.duckdb", customers=40)
    before = db_state(db)
    kill_import_midway(db, big_csv, tmp_path, moment)
    assert db_state(db) == before  # every row of every table, the version and history too
    # the same file then imports completely
    proc = run_cli("import", big_csv, "--db", db)
    assert f"{BIG_ROWS:,} rows read: {BIG_ROWS:,} loaded, 0 rejected" in proc.stdout
    store = Store(db)
    cur = store.cursor()
    n_orders, n_customers = cur.execute("SELECT (SELECT COUNT(*) FROM transactions), "
                                        "(SELECT COUNT(*) FROM customers)").fetchall()[0]
    cur.close()
    store.close()
    assert n_orders == len(before["transactions"]) + BIG_ROWS
    assert n_customers == len(before["customers"]) + 40_000


# -- readers during an import, and an import while the dashboard is open --------------------
def test_a_reader_during_an_import_sees_before_or_after_never_half(tmp_path):
    db = tmp_path / "r.duckdb"
    csv = write_orders(tmp_path / "orders.csv", 200_000, "R")
    store = Store(db, idle_release=2.0, wait=20.0)  # as the dashboard opens it
    import_file(store, ROOT / "data" / "samples" / "orders.csv")

    def counts():
        cur = store.cursor()
        try:
            s = data_summary(cur)
            return s.customers, s.transactions, round(s.revenue, 2)
        finally:
            cur.close()

    before = counts()
    seen, errors = [], []
    importing, stop = threading.Event(), threading.Event()

    def read():
        while not stop.is_set():
            try:
                seen.append((importing.is_set(), counts()))
            except Exception as exc:  # noqa: BLE001 - any error is a failure
                errors.append(repr(exc))
                return

    reader = threading.Thread(target=read)
    reader.start()
    try:
        time.sleep(0.1)
        importing.set()
        result = import_file(store, csv)
        importing.clear()
        time.sleep(0.1)
    finally:
        stop.set()
        reader.join(timeout=60)
    after = counts()
    store.close()
    assert not errors, errors
    assert result.rows_loaded == 200_000 and after[1] == before[1] + 200_000
    assert {c for _, c in seen} <= {before, after}
    during = [c for busy, c in seen if busy]
    assert len(during) >= 3 and before in during  # the reader really ran mid-import
    assert seen[-1][1] == after


def test_a_scheduled_import_waits_for_the_dashboard_and_the_dashboard_sees_it(tmp_path):
    db = tmp_path / "shared.duckdb"
    csv = write_orders(tmp_path / "nightly.csv", 5_000, "N")
    dashboard = Store(db, idle_release=2.0, wait=20.0)  # cx.ui._store_for
    before = dashboard.data_version()  # just used: holds the file for two more seconds
    assert dashboard.is_open
    t0 = time.monotonic()
    proc = run_cli("import", csv, "--db", db)  # default --wait 30
    elapsed = time.monotonic() - t0
    assert "5,000 loaded" in proc.stdout
    assert elapsed >= 1.5, "the import did not have to wait: the dashboard did not hold the file"
    assert dashboard.data_version() != before  # reopens the file, no restart
    cur = dashboard.cursor()
    assert data_summary(cur).transactions == 5_000
    cur.close()
    dashboard.close()


# -- checkpoints ----------------------------------------------------------------------------
def test_every_import_is_checkpointed_into_the_database_file(tmp_path):
    db = tmp_path / "c.duckdb"
    wal = db.with_name(db.name + ".wal")
    store = Store(db)
    try:
        import_file(store, ROOT / "data" / "samples" / "orders.csv")
        # still open: the commit is in the database file itself, not only in the log
        assert not wal.exists() or wal.stat().st_size == 0
        cur = store.cursor()
        cur.execute("INSERT INTO meta VALUES ('probe', 'x')")  # a write outside Store.write
        cur.close()
        assert wal.exists() and wal.stat().st_size > 0  # (the check above can see a WAL)
    finally:
        store.close()
