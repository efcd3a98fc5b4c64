"""The DuckDB store: one connection per process, a cursor per call, one write lock.

Every write goes through `Store.write()`, which runs inside a transaction under the write lock
and bumps `data_version` in the same transaction, so caches keyed on the version never go stale
and a failed write leaves nothing behind (except `write(bump=False)`: see there).
"""
from __future__ import annotations

import contextlib
import os
import re
import threading
import time
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "cx.duckdb"

SCHEMA_VERSION = 4

# Each entry upgrades the schema from version i to i + 1. Never edit a released step: add one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS customers (
        customer_id VARCHAR NOT NULL,
        first_seen TIMESTAMP,
        name VARCHAR,
        email VARCHAR,
        acquisition_channel VARCHAR,
        referred_by VARCHAR,
        region VARCHAR,
        batch_id BIGINT
    );
    CREATE TABLE IF NOT EXISTS transactions (
        order_id VARCHAR NOT NULL,
        customer_id VARCHAR,
        ordered_at TIMESTAMP NOT NULL,
        amount DOUBLE NOT NULL,
        currency VARCHAR,
        channel VARCHAR,
        items INTEGER,
        discount DOUBLE,
        discount_code VARCHAR,
        product_category VARCHAR,
        source VARCHAR,
        batch_id BIGINT
    );
    CREATE TABLE IF NOT EXISTS referrals (
        referrer_id VARCHAR NOT NULL,
        referred_id VARCHAR NOT NULL,
        referred_at TIMESTAMP,
        batch_id BIGINT
    );
    CREATE TABLE IF NOT EXISTS survey_responses (
        response_id VARCHAR NOT NULL,
        customer_id VARCHAR,
        email VARCHAR,
        order_id VARCHAR,
        responded_at TIMESTAMP NOT NULL,
        score INTEGER NOT NULL,
        comment VARCHAR,
        touchpoint VARCHAR,
        channel VARCHAR,
        batch_id BIGINT
    );
    CREATE TABLE IF NOT EXISTS import_batches (
        batch_id BIGINT NOT NULL,
        kind VARCHAR,
        file_name VARCHAR,
        sha256 VARCHAR,
        encoding VARCHAR,
        mapping VARCHAR,
        source VARCHAR,
        rows_read BIGINT,
        rows_loaded BIGINT,
        rows_rejected BIGINT,
        rows_skipped BIGINT,
        rows_duplicate BIGINT,
        imported_at TIMESTAMP,
        undone_at TIMESTAMP
    );
    CREATE TABLE IF NOT EXISTS rejected_rows (
        batch_id BIGINT NOT NULL,
        line_no BIGINT NOT NULL,
        reason VARCHAR,
        raw VARCHAR
    );
    """,
    # 1 -> 2: discount codes that belong to a referrer (imported code-to-referrer tables); an
    # order using such a code is a referral of its customer (cx.ingest).
    """
    CREATE TABLE IF NOT EXISTS referral_codes (
        code VARCHAR NOT NULL,
        referrer_id VARCHAR NOT NULL,
        batch_id BIGINT
    );
    """,
    # 2 -> 3: the amount refunded from each order (its amount is already net of it), so an
    # order of 0 that was refunded in full is told apart from a free one (cx.sql.purchase)
    """
    ALTER TABLE transactions ADD COLUMN IF NOT EXISTS refunded DOUBLE;
    """,
    # 3 -> 4: events the user marks on the timeline (cx.annotations), drawn on the time charts
    """
    CREATE TABLE IF NOT EXISTS annotations (
        annotation_id BIGINT NOT NULL,
        starts_on DATE NOT NULL,
        ends_on DATE,
        label VARCHAR NOT NULL,
        created_at TIMESTAMP
    );
    """,
]

CANONICAL_TABLES = ("customers", "transactions", "referrals", "survey_responses")


def duckdb_config() -> dict:
    """DuckDB settings for every connection. The memory cap (CX_DUCKDB_MEMORY, default 512MB)
    keeps the server inside DESIGN.md's budget: DuckDB's default is 80% of the machine, and its
    buffer pool keeps what it read; above the cap big operators spill to disk instead. At 10M
    orders the churn page's first visit peaked at 2,339 MiB with 1GB and 2,002 MiB with 512MB
    (features 11.1 s -> 12.8 s)."""
    return {"memory_limit": os.environ.get("CX_DUCKDB_MEMORY", "512MB")}


class StoreBusyError(RuntimeError):
    """Another process holds the database file."""


def resolve_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db, else $CX_DB, else data/cx.duckdb."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("CX_DB")
    if env:
        return Path(env).expanduser().resolve()
    return DEFAULT_DB


class _CommitGate:
    """Statements start only while no commit is running. DuckDB 2.0.0 lets a statement that
    starts while another connection of the same database commits see that commit half done: a
    reader during a 200,000-order import saw the new transactions but not the new customers,
    and once a SUM over part of the new rows (tests/test_reliability.py). So each statement holds
    the gate shared while it runs, and COMMIT (with its checkpoint) holds it alone, waiting for
    running statements to finish; a waiting commit goes before newly arriving statements."""

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._running = 0
        self._committing = False
        self._waiting = 0

    @contextmanager
    def statement(self):
        with self._cond:
            while self._committing or self._waiting:
                self._cond.wait()
            self._running += 1
        try:
            yield
        finally:
            with self._cond:
                self._running -= 1
                if self._running == 0:
                    self._cond.notify_all()

    @contextmanager
    def commit(self):
        with self._cond:
            self._waiting += 1
            try:
                while self._committing or self._running:
                    self._cond.wait()
            finally:
                self._waiting -= 1
            self._committing = True
        try:
            yield
        finally:
            with self._cond:
                self._committing = False
                self._cond.notify_all()


class _Cursor:
    """A DuckDB cursor that tells its Store when it is closed (so an idle Store can let go of the
    file for a scheduled import in another process) and starts statements through the Store's
    commit gate. Everything else is DuckDB's own."""

    __slots__ = ("_cur", "_store", "_open", "writing")

    def __init__(self, store: Store, cur: duckdb.DuckDBPyConnection):
        self._cur, self._store, self._open = cur, store, True
        self.writing = False  # inside Store.write(): what it reads is not a data version yet

    def identity(self) -> tuple[str, str]:
        """(the database file, "" in memory; its data version) from the Store's memory, no
        query (cx.cache keys on it)."""
        return str(self._store.path or ""), self._store.data_version()

    def execute(self, *args, **kwargs):
        with self._store._gate.statement():
            self._cur.execute(*args, **kwargs)
        return self

    def executemany(self, *args, **kwargs):
        with self._store._gate.statement():
            self._cur.executemany(*args, **kwargs)
        return self

    def close(self) -> None:
        if self._open:
            self._open = False
            try:
                self._cur.close()
            finally:
                self._store._cursor_closed()

    def __getattr__(self, name):
        return getattr(self._cur, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass


_OPEN_STORES: weakref.WeakSet[Store] = weakref.WeakSet()


def close_all_stores() -> None:
    """Close every Store of this process (test teardown, interpreter exit)."""
    for store in list(_OPEN_STORES):
        store.close()


class Store:
    """A DuckDB database with the canonical schema. Share one per process.

    `idle_release`: when set (the dashboard), the file is closed after that many idle seconds so a
    `python -m cx import` in another process can open it; the next cursor reopens it, waiting up to
    `wait` seconds while the other process holds it.
    """

    def __init__(self, path: str | os.PathLike | None = None, *,
                 idle_release: float | None = None, wait: float = 0.0):
        self.path = resolve_db_path(path) if path != ":memory:" else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.wait = wait
        self.idle_release = idle_release if self.path is not None else None
        self.lock = threading.RLock()  # the write lock
        self._state = threading.Lock()
        self._gate = _CommitGate()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._version: str | None = None  # data_version, known while this connection is open
        self._generation = 0  # commits and reconnects so far
        self._users = 0
        self._last_used = time.monotonic()
        self._closed = False
        self._connect()
        self._migrate()
        _OPEN_STORES.add(self)
        if self.idle_release:
            threading.Thread(target=self._release_when_idle, daemon=True,
                             name="cx-store-release").start()

    # -- connections -------------------------------------------------------------------------
    def _connect(self) -> None:
        deadline = time.monotonic() + self.wait
        while True:
            try:
                self._con = duckdb.connect(str(self.path) if self.path else ":memory:",
                                           config=duckdb_config())
                self._version = None  # another process may have written while it was closed
                self._generation += 1  # (the caller holds _state)
                return
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                    if "lock" in str(exc).lower():
                        raise StoreBusyError(
                            f"The database {self.path} is in use by another program; close the "
                            "dashboard or the other import, or try again with a longer --wait."
                        ) from exc
                    raise
                time.sleep(0.2)

    def cursor(self) -> _Cursor:
        """A fresh cursor for one call or one thread (a connection is not thread-safe)."""
        with self._state:
            if self._closed:
                raise RuntimeError("This Store is closed.")
            if self._con is None:
                self._connect()
            self._users += 1
            try:
                return _Cursor(self, self._con.cursor())
            except BaseException:
                self._users -= 1
                raise

    def _cursor_closed(self) -> None:
        with self._state:
            self._users -= 1
            self._last_used = time.monotonic()

    def _release_when_idle(self) -> None:
        while not self._closed:
            time.sleep(min(0.5, self.idle_release))
            with self._state:
                idle = time.monotonic() - self._last_used >= self.idle_release
                if self._con is not None and self._users == 0 and idle:
                    self._con.close()
                    self._con = None

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        with self._state:
            self._closed = True
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def write(self, *, bump: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside one transaction, under the write lock; bumps data_version on commit.
        The file is checkpointed after each write, so a crash later loses nothing committed.

        `bump=False` only for rows no kept result reads: cx.annotations (the page functions read
        events uncached and pass them into kept ones as an argument, so they are in the key)."""
        with self.lock:
            cur = self.cursor()
            cur.writing = True
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                    if bump:
                        _bump_version(cur)
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                with self._gate.commit():
                    try:
                        cur._cur.execute("COMMIT")
                    except BaseException:
                        with contextlib.suppress(duckdb.Error):
                            cur._cur.execute("ROLLBACK")
                        raise
                    finally:
                        self._forget_version()
                    if self.path is not None:
                        try:
                            cur._cur.execute("CHECKPOINT")
                        except duckdb.Error:
                            pass  # readers busy: the WAL already holds the commit durably
            finally:
                cur.close()

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.lock:
            cur = self.cursor()
            try:
                cur.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                row = one(cur, "SELECT value FROM meta WHERE key = 'schema_version'")
                current = int(row[0]) if row else 0
                if current > SCHEMA_VERSION:
                    raise RuntimeError(
                        f"The database was written by a newer Loyalty Loop (schema {current}); "
                        "update the app.")
                if current < SCHEMA_VERSION:
                    cur.execute("BEGIN TRANSACTION")
                    for step in MIGRATIONS[current:]:
                        cur.execute(step)
                    _set_meta(cur, "schema_version", str(SCHEMA_VERSION))
                    if current == 0:
                        _set_meta(cur, "db_id", uuid.uuid4().hex[:12])
                        _set_meta(cur, "data_counter", "0")
                    cur.execute("COMMIT")
            finally:
                cur.close()

    # -- versions ----------------------------------------------------------------------------
    def data_version(self) -> str:
        """Changes on every import or delete; key every cache on it. Remembered until this
        process writes or reopens the file: while the file is open no other process can write
        it (DuckDB locks it), and a page asks for the version once per cached call."""
        known, generation = self._version, self._generation
        if known is not None and self._con is not None:
            return known
        cur = self.cursor()
        try:
            version = data_version(cur)
        finally:
            cur.close()
        with self._state:
            if generation == self._generation:  # no commit since it was read
                self._version = version
        return version

    def _forget_version(self) -> None:
        with self._state:
            self._version = None
            self._generation += 1


def data_version(cur: duckdb.DuckDBPyConnection) -> str:
    rows = dict(cur.execute(
        "SELECT key, value FROM meta WHERE key IN ('db_id', 'data_counter')").fetchall())
    return f"{rows.get('db_id', 'x')}:{rows.get('data_counter', '0')}"


def _set_meta(cur, key: str, value: str) -> None:
    cur.execute("DELETE FROM meta WHERE key = ?", [key])
    cur.execute("INSERT INTO meta VALUES (?, ?)", [key, value])


def get_meta(cur, key: str, default: str | None = None) -> str | None:
    row = one(cur, "SELECT value FROM meta WHERE key = ?", [key])
    return row[0] if row else default


def set_meta(store: Store, key: str, value: str) -> None:
    with store.write() as cur:
        _set_meta(cur, key, value)


def _bump_version(cur) -> None:
    cur.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
        "WHERE key = 'data_counter'")


def next_batch_id(cur) -> int:
    return int(one(cur, "SELECT COALESCE(MAX(batch_id), 0) + 1 FROM import_batches")[0])


_NAMED_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def used_params(sql: str, params: dict | list | None):
    """Only the named parameters the query uses (DuckDB rejects extra ones), so callers can pass
    `scope.params()` plus their own to any query."""
    if isinstance(params, dict):
        names = set(_NAMED_PARAM.findall(sql))
        return {k: v for k, v in params.items() if k in names}
    return params or []


def one(cur, sql: str, params: dict | list | None = None):
    """The first row of a query, or None. Reads the whole result: DuckDB 2.0 refuses other work
    on a cursor whose last result was not read to its end."""
    rows = cur.execute(sql, used_params(sql, params)).fetchall()
    return rows[0] if rows else None


def fetch_df(cur, sql: str, params: dict | list | None = None) -> pd.DataFrame:
    """Run one parameterised query and return a DataFrame (the one way metrics read data)."""
    return cur.execute(sql, used_params(sql, params)).df()


@dataclass(frozen=True)
class DataSummary:
    customers: int
    transactions: int
    revenue: float
    survey_responses: int
    referrals: int
    first_date: date | None
    last_date: date | None
    currencies: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "customers": self.customers,
            "transactions": self.transactions,
            "revenue": round(self.revenue, 2),
            "survey_responses": self.survey_responses,
            "referrals": self.referrals,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "currencies": list(self.currencies),
        }

    @property
    def is_empty(self) -> bool:
        return self.transactions == 0 and self.survey_responses == 0 and self.customers == 0


SUMMARY_SQL = """
SELECT
    (SELECT COUNT(*) FROM (SELECT customer_id FROM customers
                           UNION SELECT customer_id FROM transactions
                                 WHERE customer_id IS NOT NULL)) AS customers,
    (SELECT COUNT(*) FROM transactions) AS transactions,
    (SELECT COALESCE(SUM(amount), 0) FROM transactions) AS revenue,
    (SELECT COUNT(*) FROM survey_responses) AS survey_responses,
    (SELECT COUNT(*) FROM referrals) AS referrals,
    (SELECT MIN(d) FROM (SELECT MIN(ordered_at) AS d FROM transactions
                         UNION ALL SELECT MIN(responded_at) FROM survey_responses)) AS first_date,
    (SELECT MAX(d) FROM (SELECT MAX(ordered_at) AS d FROM transactions
                         UNION ALL SELECT MAX(responded_at) FROM survey_responses)) AS last_date
"""


def data_summary(cur) -> DataSummary:
    """What is loaded: counts, revenue and date span (the CLI's `export summary`)."""
    row = one(cur, SUMMARY_SQL)
    currencies = tuple(r[0] for r in cur.execute(
        "SELECT currency FROM transactions WHERE currency IS NOT NULL "
        "GROUP BY currency ORDER BY COUNT(*) DESC").fetchall())

    def as_date(v):
        if v is None:
            return None
        return v.date() if isinstance(v, datetime) else v

    return DataSummary(int(row[0]), int(row[1]), float(row[2]), int(row[3]), int(row[4]),
                       as_date(row[5]), as_date(row[6]), currencies)


# -- the currency setting ---------------------------------------------------------------------
# Stored with the data (meta table) so every session, the report and the CLI agree. It names the
# currency of amounts whose rows carry none (a CSV without a currency column); amounts that carry
# a currency are always shown in their own, and amounts in different currencies are never added.
CURRENCY_KEY = "currency"
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def normalise_currency(code: str | None) -> str | None:
    """An ISO 4217 style code (' jpy ' -> 'JPY'); None or '' clears; anything else is refused."""
    if code is None or not str(code).strip():
        return None
    code = str(code).strip().upper()
    if not _CURRENCY_CODE.match(code):
        raise ValueError(f"A currency is a three-letter code such as JPY or USD, not {code!r}.")
    return code


def currency_setting(cur) -> str | None:
    """The stored currency setting, or None when it was never set."""
    return get_meta(cur, CURRENCY_KEY) or None


def set_currency_setting(store: Store, code: str | None) -> None:
    """Store (or with None clear) the currency setting; data_version changes with it, so every
    cached, formatted number is redone. Setting the value it already has writes nothing."""
    code = normalise_currency(code)
    cur = store.cursor()
    try:
        if currency_setting(cur) == code:
            return
    finally:
        cur.close()
    with store.write() as cur:
        cur.execute("DELETE FROM meta WHERE key = ?", [CURRENCY_KEY])
        if code is not None:
            cur.execute("INSERT INTO meta VALUES (?, ?)", [CURRENCY_KEY, code])


def display_currency(summary: DataSummary, setting: str | None,
                     chosen: str | None = None) -> str | None:
    """The currency amounts are shown in: the one chosen (a scope's currency) if any, else the
    data's main currency (its single one, or the most used of several), else the setting (for
    data whose rows carry no currency), else None (no symbol)."""
    if chosen:
        return chosen
    if summary.currencies:
        return summary.currencies[0]
    return setting


def delete_all(store: Store) -> None:
    """Remove every row of data and the import history (the Data page's 'delete all data')."""
    with store.write() as cur:
        for table in (*CANONICAL_TABLES, "import_batches", "rejected_rows", "referral_codes"):
            cur.execute(f"DELETE FROM {table}")  # table names are constants, never user text
