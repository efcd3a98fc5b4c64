"""The server's memory guard: every DuckDB connection of a Store runs under a memory cap."""
from cx.store import Store


def memory_limit(store: Store) -> str:
    cur = store.cursor()
    try:
        return cur.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        cur.close()


def test_every_connection_has_the_memory_cap(tmp_path, monkeypatch):
    store = Store(tmp_path / "a.duckdb")
    try:
        assert memory_limit(store) == "488.2 MiB"  # 512 MB, as DuckDB prints it
    finally:
        store.close()
    monkeypatch.setenv("CX_DUCKDB_MEMORY", "1GB")
    store = Store(":memory:")
    try:
        assert memory_limit(store) == "953.6 MiB"
    finally:
        store.close()
