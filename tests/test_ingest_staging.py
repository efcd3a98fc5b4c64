"""Staged rows stay inside the database's folder and never outlive the import: not after a good
import, not after a refused one, and a killed import's file goes at the next import."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cx.ingest import ImportError_, import_file, load, preview_file, staging
from cx.store import Store

GOOD = b"order_id,customer_id,date,amount\n1,c1,2024-01-01,5\n2,c2,2024-01-02,6\n"
RAGGED = b"order_id,customer_id,date,amount\n1,c1,2024-01-01,5,extra\n2,c2,2024-01-02,6\n"


def staged_anywhere(root: Path) -> list[Path]:
    """Staged files under `root` and in the system temp folder (this process's)."""
    found = [p for p in root.rglob(f"{staging.PREFIX}*")]
    tmp = Path(tempfile.gettempdir())
    found += [p for p in tmp.glob(f"{staging.PRIVATE_PREFIX}{os.getpid()}-*")]
    return found


@pytest.fixture
def disk_store(tmp_path):
    s = Store(tmp_path / "db" / "cx.duckdb")
    yield s
    s.close()


def test_staged_file_is_inside_the_db_folder_and_removed(disk_store, tmp_path, monkeypatch):
    seen = []
    real = staging._stage_from

    def spy(cur, plan, table, path, body, expected):
        seen.append(Path(path))
        assert Path(path).read_bytes() == body
        assert Path(path).stat().st_mode & 0o777 == 0o600      # this user only
        return real(cur, plan, table, path, body, expected)

    monkeypatch.setattr(staging, "_stage_from", spy)
    r = import_file(disk_store, GOOD, file_name="o.csv")
    assert r.rows_loaded == 2
    preview_file(GOOD, store=disk_store)
    assert len(seen) == 2
    for path in seen:
        assert path.parent == tmp_path / "db" / "tmp"       # never /tmp
        assert not path.exists()
    assert staged_anywhere(tmp_path) == []


def test_nothing_staged_remains_after_a_refused_or_failed_import(disk_store, tmp_path,
                                                                 monkeypatch):
    import_file(disk_store, RAGGED, file_name="r.csv")   # DuckDB refuses: the Python reader
    monkeypatch.setattr(staging, "_python_rows", lambda *a: (_ for _ in ()).throw(
        ImportError_("boom.")))
    with pytest.raises(ImportError_):
        import_file(disk_store, RAGGED, file_name="r2.csv")
    monkeypatch.undo()

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(load, "analyse", crash)   # after staging, inside the transaction
    with pytest.raises(RuntimeError):
        import_file(disk_store, GOOD, file_name="o.csv")
    assert staged_anywhere(tmp_path) == []
    assert not list((tmp_path / "db" / "tmp").iterdir())


def test_an_in_memory_store_stages_in_a_private_folder_removed_after(tmp_path, monkeypatch):
    seen = []
    real = staging._stage_from
    monkeypatch.setattr(staging, "_stage_from", lambda cur, plan, table, path, body, n: (
        seen.append(Path(path)), real(cur, plan, table, path, body, n))[1])
    s = Store(":memory:")
    try:
        import_file(s, GOOD, file_name="o.csv")
    finally:
        s.close()
    folder = seen[0].parent
    assert folder.name.startswith(f"{staging.PRIVATE_PREFIX}{os.getpid()}-")
    assert not folder.exists()


def test_a_killed_imports_file_is_removed_at_the_next_import(disk_store, tmp_path):
    folder = tmp_path / "db" / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    # a process that has ended: its pid is free
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    dead = folder / f"{staging.PREFIX}{proc.pid}-abcdef.csv"
    dead.write_bytes(b"1,c1,2024-01-01,5\n" * 1000)
    mine_unused = folder / f"{staging.PREFIX}{os.getpid()}-0123456789ab.csv"
    mine_unused.write_bytes(b"left by an earlier import of this process\n")
    alive = folder / f"{staging.PREFIX}1-fedcba.csv"     # pid 1 is alive: not ours to remove
    alive.write_bytes(b"x\n")
    other = folder / "notes.txt"
    other.write_text("not a staged file")
    import_file(disk_store, GOOD, file_name="o.csv")
    assert not dead.exists() and not mine_unused.exists()
    assert alive.exists() and other.exists()
    old = os.path.getmtime(alive) - staging.STALE_SECONDS - 60
    os.utime(alive, (old, old))
    import_file(disk_store, GOOD + b"3,c3,2024-01-03,7\n", file_name="o2.csv")
    assert not alive.exists() and other.exists()
