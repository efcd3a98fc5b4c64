"""cx.exports on small hand-made data: revenue per currency, never added across currencies."""
from __future__ import annotations

from cx.exports import export_summary, revenue_by_currency, revenue_text
from cx.ingest import import_file


def test_revenue_per_currency_and_the_summary(store):
    import_file(store, b"order_id,date,amount,currency\n1,2024-01-01,10,USD\n2,2024-01-02,1500,JPY\n"
                       b"3,2024-01-03,-2.5,usd\n4,2024-01-04,7,\n", file_name="m.csv")
    cur = store.cursor()
    # order 4 has no currency: kept apart, never folded into another one
    assert revenue_by_currency(cur) == {"USD": 7.5, "JPY": 1500.0, None: 7.0}
    assert list(revenue_by_currency(cur))[0] == "USD"          # the most orders first
    out = export_summary(cur)
    assert out["revenue"] is None
    assert out["revenue_by_currency"] == {"USD": 7.5, "JPY": 1500.0, "unknown": 7.0}


def test_one_currency_keeps_revenue_a_number(store):
    import_file(store, b"order_id,date,amount,currency\n1,2024-01-01,10,USD\n2,2024-01-02,5,USD\n",
                file_name="u.csv")
    out = export_summary(store.cursor())
    assert out["revenue"] == 15.0 and out["revenue_by_currency"] == {"USD": 15.0}


def test_revenue_text_one_amount_per_currency():
    assert revenue_text({"USD": 57.0}) is None and revenue_text({}) is None
    assert revenue_text({"USD": 57.0, "JPY": 5400.0}) == "$57.00 · ¥5.4k"
    assert revenue_text({"JPY": 54000.0, None: 12.0}, "ja") == "¥5.4万 · 12.00（通貨不明）"
    assert revenue_text({"EUR": 1.5, None: 3.0}) == "€1.50 · 3.00 (no currency)"
