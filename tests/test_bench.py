"""The bench harness: a file over the import limit is imported as parts, every row once."""
import pandas as pd

from cx.bench import ingest, pages, timing


def test_an_orders_file_over_the_limit_is_split_and_every_row_imported(tmp_path, monkeypatch):
    orders = pd.DataFrame({
        "order_id": [f"B-{i:04d}" for i in range(60)],
        "customer_id": [f"c-{i % 7}" for i in range(60)],
        "ordered_at": pd.date_range("2025-01-01", periods=60, freq="D").strftime("%Y-%m-%d"),
        "amount": [10.0 + i for i in range(60)],
        "currency": "USD",
    })
    whole = len(orders.to_csv(index=False).encode())
    parts = ingest._csv_parts(tmp_path, orders, whole // 3)
    assert len(parts) >= 3
    assert sum(len(pd.read_csv(p)) for p in parts) == 60
    assert all(p.stat().st_size <= whole // 3 for p in parts)
    assert ingest._csv_parts(tmp_path, orders, whole + 1) == [tmp_path / "transactions.csv"]

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", whole // 3)
    imported, again = ingest.bench_import(tmp_path, orders)
    assert imported["note"] == "loaded 60" and "files under the" in imported["name"]
    assert imported["budget_seconds"] is None
    assert again["note"] == "loaded 0"


def test_query_and_training_rows_are_judged_by_the_1m_budget_only_at_1m():
    rows = [timing.row("retention", 1.2, 13.4, pages.QUERY_BUDGET),
            timing.row("what-if", 0.012, None, 0.02, "one customer")]
    rows.append(timing.row("training", 94.3, None, pages.TRAINING_BUDGET))
    assert pages.without_1m_budgets(rows, 953_357) == rows
    at_10m = pages.without_1m_budgets(rows, 9_571_844)
    assert at_10m[0]["budget_seconds"] is None and at_10m[0]["note"] == "(200.0 ms is the 1M budget)"
    assert at_10m[2]["budget_seconds"] is None and at_10m[2]["note"] == "(15.00 s is the 1M budget)"
    assert at_10m[0]["pandas_seconds"] == 13.4
    assert at_10m[1] == rows[1]  # a budget that does not grow with the orders stays


def test_rows_are_printed_as_they_are_measured(capsys):
    rows = timing.Rows()
    rows += [timing.row("first", 0.5)]
    rows.append(timing.row("second", 2.0, note="n"))
    err = capsys.readouterr().err.splitlines()
    assert err == ["bench: first: 500.0 ms (pandas –) ", "bench: second: 2.00 s (pandas –) n"]
    assert [r["name"] for r in rows] == ["first", "second"]
