"""The bench's measuring and printing: best-of-n timing, one row per measure, the table."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable

__all__ = ["Rows", "fmt_seconds", "print_table", "row", "timed"]


def timed(fn: Callable, repeat: int = 3) -> tuple[float, object]:
    """Best wall time of `repeat` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def row(name: str, seconds: float | None, pandas_seconds: float | None = None,
        budget: float | None = None, note: str = "") -> dict:
    return {"name": name, "seconds": seconds, "pandas_seconds": pandas_seconds,
            "budget_seconds": budget, "note": note}


def fmt_seconds(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def print_table(rows: list[dict]) -> None:
    head = f"{'measure':<46} {'cx':>10} {'pandas':>10} {'budget':>10}  verdict"
    print(head)
    print("-" * len(head))
    for r in rows:
        verdict = ""
        if r["budget_seconds"] is not None and r["seconds"] is not None:
            verdict = "ok" if r["seconds"] <= r["budget_seconds"] else "OVER BUDGET"
        if r["pandas_seconds"] is not None and r["seconds"] is not None:
            verdict += f" ({r['pandas_seconds'] / max(r['seconds'], 1e-9):.1f}x pandas)"
        print(f"{r['name']:<46} {fmt_seconds(r['seconds']):>10} {fmt_seconds(r['pandas_seconds']):>10} "
              f"{fmt_seconds(r['budget_seconds']):>10}  {verdict} {r['note']}")


class Rows(list):
    """The bench's rows, each also printed to stderr as it is measured: a long (10M) run that dies
    part way still shows what it measured."""

    def append(self, r: dict) -> None:
        super().append(r)
        print(f"bench: {r['name']}: {fmt_seconds(r['seconds'])} (pandas {fmt_seconds(r['pandas_seconds'])}) "
              f"{r['note']}", file=sys.stderr, flush=True)

    def __iadd__(self, new):
        for r in new:
            self.append(r)
        return self
