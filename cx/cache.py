"""The one cache: every remembered result, keyed on (data version, code fingerprint, function,
arguments), in two layers.

* **Memory** (this process): a bounded LRU. A result is kept as a pickle and every caller gets its
  own copy (`@kept`), or, for results that are large to copy and never changed by callers (built
  figures, page objects, fitted models), as the object itself (`@kept(shared=True)`).
* **Disk** (`<database folder>/results/`, every process): the opening view of each page. A page's
  first load after an import, or after the server restarts, used to scan every order: at 10M
  orders each page took 3-11 s cold. After each import `cx.prepare.prepare_after_import` refits the
  churn model and makes every page's opening calls inside `preparing()`; the results are then
  written here and any process reads them (milliseconds) for the same data version. Files are
  written only while preparing, so the folder holds one opening view per page and data version.
  The key holds the code fingerprint, so a new version of Loyalty Loop never reads an old file;
  files of a database's older data versions are removed when a newer version's file is written.

Inside `computing()` (what the bench times) neither layer is read. Streamlit's own caches are used
only by cx/ui.py, for the shared store.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import logging
import pickle
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from pathlib import Path

import pandas as pd

RESULTS_FOLDER = "results"
log = logging.getLogger(__name__)


def database_dir(cur) -> Path | None:
    """The folder of the database file, or None for an in-memory database (or another engine)."""
    if getattr(cur, "engine", "duckdb") != "duckdb":
        return None
    try:
        rows = cur.execute("SELECT path FROM duckdb_databases() "
                           "WHERE database_name = current_database()").fetchall()
    except Exception:  # noqa: BLE001 - a Spark cursor, or a closed connection
        return None
    if not rows or not rows[0][0]:
        return None
    return Path(rows[0][0]).resolve().parent


def _version_prefix(version: str) -> str:
    return version.replace(":", "_")


@functools.cache
def code_fingerprint() -> str:
    """Of every cx source file and the pandas version (the pickles hold frames): a result kept by
    other code is never read."""
    digest = hashlib.sha1(pd.__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def result_path(folder: Path, version: str, name: str, args: tuple) -> Path:
    key = f"{code_fingerprint()}|{name}|{args!r}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:20]
    return folder / RESULTS_FOLDER / f"{_version_prefix(version)}-{digest}.pkl"


def _counter(name: str) -> int:
    """The data counter in a file name `<db id>_<counter>-<digest>.pkl`, -1 if there is none."""
    try:
        return int(name.split("-", 1)[0].split("_", 1)[1])
    except (IndexError, ValueError):
        return -1


def _write(path: Path, value) -> None:
    """Atomically (a reader never sees half a file); then drop this database's older versions
    (only older: another process may already be preparing newer data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{time.monotonic_ns()}.tmp")
    tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)
    database, counter = path.name.split("_", 1)[0], _counter(path.name)
    for old in path.parent.glob(f"{database}_*.pkl"):
        if _counter(old.name) < counter:
            with contextlib.suppress(OSError):
                old.unlink()


def forget_database(folder: Path, db_id: str) -> None:
    """Remove every file kept for database `db_id` in `folder` (results and churn models). A
    restore must: the restored file's data counter starts again from an older number, and the
    next imports would reach version names that files of other data already carry."""
    MEMORY.forget(db_id)
    for sub in (RESULTS_FOLDER, "models"):
        for path in (Path(folder) / sub).glob(f"{db_id}_*"):
            with contextlib.suppress(OSError):
                path.unlink()


_PREPARING: contextvars.ContextVar[bool] = contextvars.ContextVar("cx_preparing", default=False)
_COMPUTING: contextvars.ContextVar[bool] = contextvars.ContextVar("cx_computing", default=False)
# (name, "hit" | "miss") -> calls in this process; the tests check that a page's opening calls
# after prepare_pages are all hits
CALLS: Counter = Counter()


@contextlib.contextmanager
def _switched_on(flag: contextvars.ContextVar):
    token = flag.set(True)
    try:
        yield
    finally:
        flag.reset(token)


def preparing():
    """Inside: @kept results that are not on disk yet are computed and written."""
    return _switched_on(_PREPARING)


def computing():
    """Inside: every @kept result is computed, none read from disk (what the bench times)."""
    return _switched_on(_COMPUTING)


class _Memory:
    """A thread-safe LRU of (key -> value), bounded by entries and by the bytes of its pickles."""

    def __init__(self, entries: int = 512, pickled_bytes: int = 1 << 30, shared: int = 64):
        self._items: OrderedDict[tuple, tuple[bool, object]] = OrderedDict()
        self._lock = threading.Lock()
        self._entries, self._budget, self._bytes = entries, pickled_bytes, 0
        # shared objects (figures, page objects, fitted models) have no cheap size: they are
        # bounded by count
        self._shared_limit, self._shared = shared, 0

    def get(self, key: tuple) -> tuple[bool, object]:
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            pickled, value = self._items[key]
        return True, (pickle.loads(value) if pickled else value)

    def put(self, key: tuple, value, shared: bool) -> None:
        stored = value if shared else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        size = 0 if shared else len(stored)
        if size > self._budget:
            return
        with self._lock:
            self._drop(key)
            self._items[key] = (not shared, stored)
            self._bytes += size
            self._shared += shared
            while len(self._items) > self._entries or self._bytes > self._budget:
                self._drop(next(iter(self._items)))
            if self._shared > self._shared_limit:
                self._drop(next(k for k, (pickled, _) in self._items.items() if not pickled))

    def _drop(self, key: tuple) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            pickled, value = old
            self._bytes -= len(value) if pickled else 0
            self._shared -= not pickled

    def forget(self, db_id: str) -> None:
        """Drop the results of every data version of database `db_id`."""
        with self._lock:
            for key in [k for k in self._items if k[0].split(":", 1)[0] == db_id]:
                self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = self._shared = 0


MEMORY = _Memory()


def clear_memory() -> None:
    """Forget every result kept in this process (tests that change a database behind the
    store's back, without a new data version, call it)."""
    MEMORY.clear()


IDENTITY_SQL = """
SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()),
       (SELECT value FROM meta WHERE key = 'db_id'),
       (SELECT value FROM meta WHERE key = 'data_counter')
"""


def _identity(cur) -> tuple[str, str] | None:
    """(the database file, or "" in memory; its data version); None (keep nothing) inside a
    write (uncommitted rows under the old version would answer for it), for another engine
    (Spark reads Parquet copies of the tables: its answers must be its own, never DuckDB's kept
    ones) or for a database without the meta table. The file is part of the key: two copies of
    one database file carry the same id. A Store's cursor knows both without a query."""
    if getattr(cur, "engine", "duckdb") != "duckdb" or getattr(cur, "writing", False):
        return None
    if hasattr(cur, "identity"):
        return cur.identity()
    try:
        path, db_id, counter = cur.execute(IDENTITY_SQL).fetchall()[0]
    except Exception:  # noqa: BLE001 - no meta table, or a closed connection: nothing is kept
        return None
    return path or "", f"{db_id or 'x'}:{counter or '0'}"


def remember(cur, name: str, args: tuple, compute: Callable[[], object], *,
             shared: bool = False, disk: bool = True):
    """The result kept for (this database's data version, name, args), else compute().
    Arguments need a faithful repr (dates, numbers, strings, frozen dataclasses such as Scope)."""
    if _COMPUTING.get():
        return compute()
    identity = _identity(cur)
    if identity is None:
        return compute()
    file, version = identity
    key = (version, file, name, repr(args))
    folder = Path(file).resolve().parent if disk and file else None
    path = result_path(folder, version, name, args) if folder is not None else None
    found, value = MEMORY.get(key)
    if found:
        CALLS[name, "hit"] += 1
        if path is not None and _PREPARING.get() and not path.exists():
            _keep(path, value)
        return value
    if path is not None and path.exists():
        try:
            value = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - half a file from a full disk: compute again
            log.warning("unreadable kept result %s: computing it again", path, exc_info=True)
        else:
            CALLS[name, "hit"] += 1
            MEMORY.put(key, value, shared)
            return value
    CALLS[name, "miss"] += 1
    value = compute()
    MEMORY.put(key, value, shared)
    if path is not None and _PREPARING.get():
        _keep(path, value)
    return value


def _keep(path: Path, value) -> None:
    try:
        _write(path, value)
    except OSError:
        log.warning("could not keep %s", path, exc_info=True)


def remember_file(key: tuple, compute: Callable[[], object]):
    """compute(), kept in memory (a copy per call) under `key` alone: for what depends on an
    uploaded file and its settings, not on the loaded data (the Data page's preview)."""
    key = ("file",) + tuple(repr(k) for k in key)
    found, value = MEMORY.get(key)
    if found:
        return value
    value = compute()
    MEMORY.put(key, value, shared=False)
    return value


def kept(fn: Callable | None = None, *, shared: bool = False, disk: bool = True):
    """Decorator for fn(cur, *args, **kwargs): its result is remembered per data version (see the
    module docstring). `shared=True`: callers get the object itself and must never change it."""
    def wrap(fn: Callable) -> Callable:
        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def wrapper(cur, *args, **kwargs):
            return remember(cur, name, (args, sorted(kwargs.items())),
                            lambda: fn(cur, *args, **kwargs), shared=shared, disk=disk)

        wrapper.uncached = fn
        return wrapper

    return wrap(fn) if fn is not None else wrap
