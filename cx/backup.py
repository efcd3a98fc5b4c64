"""Backup and restore of the whole database file (python -m cx backup / restore)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from cx.cache import forget_database
from cx.store import Store, get_meta


def backup(store: Store, out: Path) -> Path:
    """Copy a consistent snapshot: checkpoint under the write lock, then copy the file."""
    if store.path is None:
        raise ValueError("An in-memory database cannot be backed up.")
    out = Path(out).expanduser().resolve()
    if out == store.path:
        raise ValueError("The backup file must not be the database itself.")
    out.parent.mkdir(parents=True, exist_ok=True)
    with store.lock:
        cur = store.cursor()
        try:
            cur.execute("CHECKPOINT")
        finally:
            cur.close()
        tmp = out.with_name(out.name + ".partial")
        shutil.copyfile(store.path, tmp)
        os.replace(tmp, out)
    return out


def check_backup_file(path: Path) -> str:
    """The schema version of a backup file, or ValueError if it is not a Loyalty Loop database."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"There is no backup file at {path}.")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise ValueError(f"{path.name} is not a Loyalty Loop database file.") from exc
    try:
        cur = con.cursor()
        version = get_meta(cur, "schema_version")
    except duckdb.Error as exc:
        raise ValueError(f"{path.name} is not a Loyalty Loop database file.") from exc
    finally:
        con.close()
    if version is None:
        raise ValueError(f"{path.name} is not a Loyalty Loop database file.")
    return version


def restore(backup_file: Path, db_path: Path, wait: float = 30.0) -> Path:
    """Replace the database with a backup. Waits until no other program holds the database."""
    check_backup_file(backup_file)
    db_path = Path(db_path).expanduser().resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    ids = [_database_id(backup_file)]
    if db_path.exists():
        Store(db_path, wait=wait).close()  # proves nobody holds it (raises StoreBusyError)
        ids.append(_database_id(db_path))
    fd, tmp = tempfile.mkstemp(prefix=db_path.name, dir=db_path.parent)
    os.close(fd)
    shutil.copyfile(backup_file, tmp)
    wal = db_path.with_name(db_path.name + ".wal")
    if wal.exists():
        wal.unlink()
    os.replace(tmp, db_path)
    for db_id in filter(None, ids):
        forget_database(db_path.parent, db_id)
    Store(db_path).close()  # migrates an older backup to the current schema
    return db_path


def _database_id(path: Path) -> str | None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return get_meta(con.cursor(), "db_id")
    finally:
        con.close()
