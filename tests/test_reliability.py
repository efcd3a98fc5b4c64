"""Two processes and one database file; backup and restore."""
import json
import time

from cx.store import Store, data_summary
from tests.test_cli import run_cli


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


def _kill_mid_write(db, argv, tmp_path):
    """Start a writing CLI process, kill -9 it once its write-ahead log starts to grow."""
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    wal = db.with_name(db.name + ".wal")
    proc = subprocess.Popen([sys.executable, "-m", "cx", *map(str, argv)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    killed_mid_write = False
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 64 * 1024:
            os.kill(proc.pid, signal.SIGKILL)
            killed_mid_write = True
            break
        time.sleep(0.005)
    proc.wait(timeout=30)
    return killed_mid_write


def test_killing_a_load_midway_leaves_the_database_as_before(tmp_path):
    db = tmp_path / "k.duckdb"
    run_cli("demo", "--db", db, "--customers", 40)
    before = json.loads(run_cli("export", "summary", "--format", "json", "--db", db).stdout)
    killed = _kill_mid_write(db, ["demo", "--db", db, "--customers", 60000], tmp_path)
    after = json.loads(run_cli("export", "summary", "--format", "json", "--db", db).stdout)
    if killed:
        assert after == before
    else:  # the machine was too fast to catch it mid-write: then it must be complete
        assert after["customers"] == 60000
