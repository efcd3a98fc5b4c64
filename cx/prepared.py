"""Results prepared once per data version and kept next to the database (`<folder>/results/`).

A page's first load after an import, or after the server restarts, used to scan every order:
at 10M orders each page took 3-11 s cold. After each import (the command line's, an upload's
server thread, the demo) `prepare_after_import` refits the churn model and computes what every
page opens with (`prepare_pages`); the functions marked `@kept` then read their result from disk
(milliseconds) whenever the same call comes again for the same data version, in any process.

Results are written only while preparing, so the folder holds one opening view per page and data
version, whatever people click later (other choices are computed and cached in the server as
before). The key holds the data version and a fingerprint of the code, so neither new data nor a
new version of Loyalty Loop is ever answered from an old file; files of a database's older data
versions are removed when a newer version's file is written.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import pickle
import time
from collections import Counter
from pathlib import Path
from typing import Callable

RESULTS_FOLDER = "results"


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
    import pandas as pd

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


def kept_result(cur, name: str, args: tuple, compute: Callable[[], object]):
    """The result kept on disk for this data version, name and arguments (which need a faithful
    repr: dates, numbers, strings, frozen dataclasses), else compute() (written when preparing)."""
    from cx.store import data_version

    folder = None if _COMPUTING.get() else database_dir(cur)
    if folder is None:
        return compute()
    path = result_path(folder, data_version(cur), name, args)
    if path.exists():
        try:
            value = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - half a file from a full disk: compute again
            pass
        else:
            CALLS[name, "hit"] += 1
            return value
    CALLS[name, "miss"] += 1
    value = compute()
    if _PREPARING.get():
        with contextlib.suppress(OSError):
            _write(path, value)
    return value


def kept(fn: Callable) -> Callable:
    """Decorator for fn(cur, *args, **kwargs) with a small result: kept per data version."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(cur, *args, **kwargs):
        return kept_result(cur, name, (args, sorted(kwargs.items())),
                           lambda: fn(cur, *args, **kwargs))

    return wrapper


def opening_scope(cur):
    """The scope a page opens with before anyone touches the sidebar (cx.ui.scope's default)."""
    from cx.scope import Scope, resolve_scope
    from cx.store import currency_setting, data_summary

    currency = None if data_summary(cur).currencies else currency_setting(cur)
    return resolve_scope(cur, Scope(start=None, end=None, currency=currency))


def prepare_pages(cur) -> dict[str, float]:
    """Compute (and so keep) every @kept result the pages open with: the same calls with the same
    arguments as views/*.py make before anyone touches a widget. Seconds per page."""
    from cx import churn, nps, overview, retention
    from cx.segments.views import segments_view

    scope = opening_scope(cur)
    seconds = {}

    def page(name: str, *calls: Callable[[], object]) -> None:
        t0 = time.perf_counter()
        for call in calls:
            call()
        seconds[name] = time.perf_counter() - t0

    with preparing():
        page("overview", lambda: overview.activity_headlines(cur, scope),
             *[functools.partial(headline, cur, scope)
               for headline, _ in overview.area_headlines_with_caching()],
             lambda: overview.what_changed(cur, scope))
        page("retention", lambda: retention.key_numbers(cur, scope),
             lambda: retention.retention_cells(cur, scope, "month", None))
        page("segments", lambda: segments_view(cur, scope, 365, 75.0, 0))
        page("nps", lambda: nps.match_summary(cur, scope), lambda: nps.breakdowns(cur, scope),
             lambda: nps.behaviour(cur, scope))
        params = churn.default_params(cur)
        if churn.readiness(cur, params).ok:
            page("churn", lambda: churn.risk_summary(cur, params),
                 lambda: churn.loss_groups(cur, params),
                 lambda: churn.detractors_whatif(cur, params))
    return seconds


def prepare_after_import(store, model_ready: Callable[[], object] | None = None) -> dict:
    """After new data lands: refit the churn model (then call model_ready), then prepare every
    page's opening results. Returns the model (None when the data is too small for one) and the
    seconds each took."""
    from cx.churn import train_default

    t0 = time.perf_counter()
    with preparing():
        bundle = train_default(store)
    if model_ready is not None:
        model_ready()
    t1 = time.perf_counter()
    cur = store.cursor()
    try:
        pages = prepare_pages(cur)
    finally:
        cur.close()
    return {"bundle": bundle, "model_seconds": t1 - t0, "pages": pages,
            "pages_seconds": time.perf_counter() - t1}
