"""Generated export files for the reliability and browser tests (any size, distinct per prefix)."""
from __future__ import annotations

from pathlib import Path

ORDERS_HEADER = "order_id,customer_id,email,order_date,total,currency,channel,items\n"


def write_orders(path: Path, rows: int, prefix: str = "G", customers: int | None = None) -> Path:
    """A plain orders CSV: `rows` orders with ids {prefix}-0000000..., spread over `customers`
    customers of their own ({prefix}c-...), every row valid, ISO dates, one currency."""
    customers = customers or max(1, rows // 8)
    low = prefix.lower()
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(ORDERS_HEADER)
        for i in range(rows):
            c = i % customers
            f.write(f"{prefix}-{i:07d},{low}c-{c:06d},{low}c{c}@example.com,"
                    f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 10:{i % 60:02d}:00,"
                    f"{(i % 500) / 10 + 1:.2f},USD,online,{1 + i % 4}\n")
    return path
