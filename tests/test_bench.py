"""The bench harness: a file over the import limit is imported as parts, every row once."""
import pandas as pd

from cx import bench


def test_an_orders_file_over_the_limit_is_split_and_every_row_imported(tmp_path, monkeypatch):
    orders = pd.DataFrame({
        "order_id": [f"B-{i:04d}" for i in range(60)],
        "customer_id": [f"c-{i % 7}" for i in range(60)],
        "ordered_at": pd.date_range("2025-01-01", periods=60, freq="D").strftime("%Y-%m-%d"),
        "amount": [10.0 + i for i in range(60)],
        "currency": "USD",
    })
    whole = len(orders.to_csv(index=False).encode())
    parts = bench._csv_parts(tmp_path, orders, whole // 3)
    assert len(parts) >= 3
    assert sum(len(pd.read_csv(p)) for p in parts) == 60
    assert all(p.stat().st_size <= whole // 3 for p in parts)
    assert bench._csv_parts(tmp_path, orders, whole + 1) == [tmp_path / "transactions.csv"]

    import cx.ingest
    monkeypatch.setattr(cx.ingest, "MAX_FILE_BYTES", whole // 3)
    imported, again = bench.bench_import(tmp_path, orders)
    assert imported["note"] == "loaded 60" and "files under the" in imported["name"]
    assert imported["budget_seconds"] is None
    assert again["note"] == "loaded 0"
