"""Fixtures shared by unit, page and browser tests: one function builds the demo database."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cx.demo import load_demo
from cx.store import Store

DEMO_END = date(2026, 11, 22)
DEMO_CUSTOMERS = 1500
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def rows(store, sql: str, params=None) -> list[tuple]:
    """All rows of one query on a Store (tests read the tables straight)."""
    cur = store.cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()


def build_demo_db(path: Path, customers: int = DEMO_CUSTOMERS) -> Path:
    store = Store(path)
    load_demo(store, customers=customers, end_date=DEMO_END)
    store.close()
    return path


@pytest.fixture
def store():
    """An empty in-memory store."""
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    """A demo database file (1,500 customers, ending DEMO_END), built once per test run."""
    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.duckdb")


@pytest.fixture(scope="session")
def demo_store():
    """The demo in memory, shared read-only by unit tests."""
    s = Store(":memory:")
    load_demo(s, customers=DEMO_CUSTOMERS, end_date=DEMO_END)
    yield s
    s.close()


@pytest.fixture
def app_env(demo_db_path, monkeypatch):
    """Point the app at the demo database (page tests)."""
    monkeypatch.setenv("CX_DB", str(demo_db_path))
    monkeypatch.chdir(ROOT)
    return demo_db_path


def pytest_sessionfinish(session, exitstatus):
    """Close every DuckDB handle before the interpreter exits (no leak noise after the summary)."""
    import gc

    from cx.store import close_all_stores

    try:
        import streamlit as st
        st.cache_resource.clear()
    except Exception:
        pass
    close_all_stores()
    gc.collect()
