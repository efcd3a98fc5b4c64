"""Staging: the file's data rows as text in a temporary table (c0..cN VARCHAR, rn), read by
DuckDB, or by Python's csv module when DuckDB refuses the file (ragged rows).

Where the rows wait while DuckDB reads them: a file inside the database's own folder
(`<db folder>/tmp/`), never in the system's shared temp folder, and never left behind.

DuckDB's CSV reader reads files, so the data rows of an upload are written to one file for the
length of one import or preview and removed on every exit path. A process killed in the middle
leaves its file behind: the next import removes the files of processes that are gone. An
in-memory store (tests, previews without a store) stages in a private folder of its own, removed
with its file.
"""
from __future__ import annotations

import csv
import io
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from cx.ingest.plan import Plan
from cx.ingest.reading import ImportError_
from cx.store import one

log = logging.getLogger(__name__)

PREFIX = "cx-import-"
PRIVATE_PREFIX = "cx-stage-"
STALE_SECONDS = 6 * 3600  # a staged file this old is stale whoever wrote it

_active: set[str] = set()
_active_lock = threading.Lock()


def staging_dir(store) -> Path | None:
    """`<db folder>/tmp` for a store on disk; None for an in-memory store (or none)."""
    path = getattr(store, "path", None)
    return Path(path).parent / "tmp" if path is not None else None


def _pid_of(name: str, prefix: str) -> int | None:
    """The process id in `<prefix><pid>-<hex>...`, or None for another name."""
    rest = name[len(prefix):]
    pid, _, _ = rest.partition("-")
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process
    return True


def _stale(path: Path, prefix: str) -> bool:
    """A staged file or folder no running import uses: its process is gone, it is this
    process's but not in use, or it is older than STALE_SECONDS."""
    with _active_lock:
        if str(path) in _active:
            return False
    try:
        if time.time() - path.stat().st_mtime > STALE_SECONDS:
            return True
    except OSError as exc:   # gone meanwhile (another import removed it)
        log.debug("staged file %s: %s", path, exc)
        return False
    pid = _pid_of(path.name, prefix)
    if pid is None:
        return False
    return pid == os.getpid() or not _alive(pid)


def remove_stale(folder: Path | None) -> int:
    """Remove staged files left by imports that were killed (in `folder`, and private staging
    folders in the system temp folder). Returns how many were removed."""
    removed = 0
    places = [(folder, PREFIX)] if folder is not None else []
    places.append((Path(tempfile.gettempdir()), PRIVATE_PREFIX))
    for place, prefix in places:
        try:
            entries = list(place.iterdir())
        except OSError as exc:   # no staging folder yet
            log.debug("staging folder %s: %s", place, exc)
            continue
        for entry in entries:
            if not entry.name.startswith(prefix) or not _stale(entry, prefix):
                continue
            try:
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
                removed += 1
            except OSError as exc:
                log.warning("a stale staged file could not be removed: %s (%s)", entry, exc)
    return removed


@contextmanager
def staged_file(body: bytes, folder: Path | None) -> Iterator[Path]:
    """A file holding `body` for the length of the `with` block, in `folder` (created when
    missing, stale files of killed imports removed first) or, with None, in a private folder.
    Readable by this user only; removed however the block ends."""
    private = folder is None
    if private:
        folder = Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-"))
    else:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale(folder)
    path = folder / f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}.csv"
    tracked = [str(path)] + ([str(folder)] if private else [])
    with _active_lock:
        _active.update(tracked)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        yield path
    finally:
        try:
            path.unlink(missing_ok=True)
        finally:
            if private:
                shutil.rmtree(folder, ignore_errors=True)
            with _active_lock:
                _active.difference_update(tracked)


# -- the staged table ----------------------------------------------------------------------
def stage(cur, plan: Plan, table: str, folder: Path | None = None) -> int:
    """Create temp table `table` (c0..cN VARCHAR, rn = 1-based data row) with the data rows.
    DuckDB reads the file; when it refuses (ragged rows) or its count differs from ours, the
    Python csv module reads it instead. The rows wait in a file in `folder` (the database's
    `tmp` folder; a private one when None) only while they are read. Returns the number of
    staged rows."""
    fr = plan.framed
    expected = fr.records - plan.data_first
    ncols = len(plan.headers)
    if expected <= 0:
        cur.execute(f"CREATE TEMP TABLE {table} AS SELECT 1::BIGINT AS rn, "
                    + ", ".join(f"NULL::VARCHAR AS c{i}" for i in range(ncols))
                    + " WHERE false")
        return 0
    start = int(fr.starts[plan.data_first])
    body = fr.text_bytes[start:]
    with staged_file(body, folder) as path:
        _stage_from(cur, plan, table, str(path), body, expected)
    return expected


def _stage_from(cur, plan: Plan, table: str, path: str, body: bytes, expected: int) -> None:
    ncols = len(plan.headers)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
    delim = plan.framed.delimiter.replace("'", "''")
    options = (f"header=false, delim='{delim}', quote='\"', escape='\"', auto_detect=false, "
               f"columns={columns}, strict_mode=true, ignore_errors=false")
    fr = plan.framed
    longest = int((fr.ends - fr.starts).max()) + 2 if fr.records else 0
    if longest > 2_000_000:  # a giant cell: DuckDB's 2 MB line limit would refuse the file
        options += f", max_line_size={longest}, buffer_size={max(2 * longest, 16 << 20)}"
    # A DuckDB error inside the store's transaction would abort it, so DuckDB first counts
    # the rows on a private connection; only a clean read with the right count is redone
    # for real, anything else goes to the Python reader.
    ok = False
    probe = duckdb.connect()
    try:
        got = probe.execute(f"SELECT COUNT(*) FROM read_csv($path, {options})",
                            {"path": path}).fetchall()[0][0]
        clean = got == expected
    except duckdb.Error as exc:
        log.debug("DuckDB refused the staged rows (%s): the Python reader reads them", exc)
        clean = False
    finally:
        probe.close()
    if clean:
        try:
            cur.execute(f"CREATE TEMP TABLE {table}_raw AS SELECT * FROM "
                        f"read_csv($path, {options})", {"path": path})
            got = one(cur, f"SELECT COUNT(*) FROM {table}_raw")[0]
            ok = got == expected
            if not ok:
                cur.execute(f"DROP TABLE {table}_raw")
        except duckdb.Error as exc:
            log.debug("DuckDB refused the staged rows (%s): the Python reader reads them", exc)
            ok = False
    if ok:
        # rowid follows insertion (file) order; temp tables number from an offset. A view
        # adds the row number without copying the rows.
        first = one(cur, f"SELECT MIN(rowid) FROM {table}_raw")[0]
        cur.execute(f"CREATE TEMP VIEW {table} AS SELECT rowid - {int(first)} + 1 AS rn, * "
                    f"FROM {table}_raw")
    else:
        df = _python_rows(body, plan.framed.delimiter, ncols)
        if len(df) != expected:
            raise ImportError_(
                f"The file's rows could not be read consistently ({len(df):,} rows parsed, "
                f"{expected:,} expected); check for an unclosed quote.", "inconsistent",
                parsed=f"{len(df):,}", expected=f"{expected:,}")
        cur.register(f"{table}_df", df)
        cur.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM {table}_df")
        cur.unregister(f"{table}_df")


def _python_rows(body: bytes, delimiter: str, ncols: int) -> pd.DataFrame:
    """Rows as text, padded to the header width; extra non-empty fields are flagged."""
    text = body.decode("utf-8")
    rows, extra = [], []
    for rec in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                          doublequote=True, strict=False):
        if not rec or (len(rec) == 1 and not rec[0].strip() and rec[0] == ""):
            continue
        rec = [f.rstrip("\r") if i == len(rec) - 1 else f for i, f in enumerate(rec)]
        over = rec[ncols:]
        extra.append(len(rec) if any(v.strip() for v in over) else 0)
        rec = (rec[:ncols] + [None] * (ncols - len(rec)))
        rows.append([v if v != "" else None for v in rec])
    df = pd.DataFrame(rows, columns=[f"c{i}" for i in range(ncols)], dtype=object)
    df.insert(0, "rn", np.arange(1, len(df) + 1, dtype=np.int64))
    df["_extra"] = np.array(extra, dtype=np.int64)
    return df


def has_extra(cur, table: str) -> bool:
    """Whether the staged table flags rows with more fields than the header (the Python
    reader's `_extra` column)."""
    cols = [r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()]
    return "_extra" in cols

