"""`python -m cx bench`: the DESIGN.md performance budget, measured side by side with pandas.

Builds the demo at 100,000 customers (~1M orders), writes its transactions as CSV, times our
import against pandas.read_csv of the same file, then runs each area's benchmark rows
(`bench_rows(store, frames)` in cx.retention, cx.segments, cx.nps, cx.churn). A benchmark, not a
test: it prints and records, it never fails because a machine is slow.
"""
from __future__ import annotations

import importlib
import json
import platform
import resource
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

AREA_BENCHES = ["cx.retention:bench_rows", "cx.segments:bench_rows", "cx.nps:bench_rows",
                "cx.churn:bench_rows", "cx.engine:bench_rows"]
BENCH_END_DATE = date(2026, 11, 22)  # pinned so runs on different days compare


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


def _fmt(x: float | None) -> str:
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
        print(f"{r['name']:<46} {_fmt(r['seconds']):>10} {_fmt(r['pandas_seconds']):>10} "
              f"{_fmt(r['budget_seconds']):>10}  {verdict} {r['note']}")


def _csv_parts(workdir: Path, transactions: pd.DataFrame, limit_bytes: int) -> list[Path]:
    """The orders as one CSV, or as several under the import's file size limit (what a user with
    a bigger export is told to do: split it)."""
    whole = workdir / "transactions.csv"
    transactions.to_csv(whole, index=False)
    size = whole.stat().st_size
    if size <= limit_bytes:
        return [whole]
    n = int(size // (limit_bytes * 0.9)) + 1
    bounds = np.linspace(0, len(transactions), n + 1).astype(int)
    parts = []
    for i in range(n):
        part = workdir / f"transactions-part{i + 1}.csv"
        transactions.iloc[bounds[i]:bounds[i + 1]].to_csv(part, index=False)
        parts.append(part)
    return parts


def bench_import(workdir: Path, transactions: pd.DataFrame) -> list[dict]:
    from cx.store import Store

    try:
        ingest = importlib.import_module("cx.ingest")
    except ImportError:
        ingest = None
    limit = getattr(ingest, "MAX_FILE_BYTES", float("inf"))
    parts = _csv_parts(workdir, transactions, limit)
    csv_path = workdir / "transactions.csv"
    size_mb = csv_path.stat().st_size / 1e6
    t_pandas, _ = timed(lambda: pd.read_csv(csv_path), repeat=3 if len(parts) == 1 else 1)
    if not hasattr(ingest, "import_file"):
        return [row(f"pandas.read_csv ({size_mb:.0f} MB)", None, t_pandas)]

    def import_all(store) -> int:
        return sum(ingest.import_file(store, part, kind="transactions").rows_loaded
                   for part in parts)

    seconds = []
    for i in range(2 if len(parts) == 1 else 1):
        store = Store(workdir / f"import{i}.duckdb")
        t0 = time.perf_counter()
        loaded = import_all(store)
        seconds.append(time.perf_counter() - t0)
        store.close()
    t_again_store = Store(workdir / "import0.duckdb")
    t0 = time.perf_counter()
    loaded_again = import_all(t_again_store)
    t_again = time.perf_counter() - t0
    t_again_store.close()
    one_file = len(parts) == 1
    split = "" if one_file else f" in {len(parts)} files under the {limit / 2**20:.0f} MB limit"
    return [
        row(f"import {len(transactions):,} orders CSV ({size_mb:.0f} MB){split}", min(seconds),
            t_pandas, 5.0 if one_file else None, f"loaded {loaded:,}"),
        row("re-import same file (all duplicates)", t_again, None, 5.0 if one_file else None,
            f"loaded {loaded_again:,}"),
    ]


def bench_recognition(workdir: Path) -> list[dict]:
    """What recognising the columns adds to an import: profiling the sampled values and
    choosing the mapping for the 1M-order file, with no value seen before (issue 16: 0.3 s)."""
    import cx.ingest.recognise as recognise
    from cx.ingest.load import plan_file
    from cx.ingest.mapping import _recognise
    from cx.ingest.mapping import recognise as recognise_file
    from cx.ingest.reading import frame, sample_records

    csv_path = workdir / "transactions.csv"
    if not csv_path.exists():
        return []
    framed = frame(csv_path.read_bytes())
    sample = sample_records(framed, 1)

    def fresh():
        recognise._seen.clear()
        _recognise.cache_clear()
        return recognise_file(framed.head[0], sample)

    t_profile, found = timed(fresh)
    t_plan, plan = timed(lambda: (recognise._seen.clear(), _recognise.cache_clear(),
                                  plan_file(csv_path))[-1], repeat=1)
    return [row(f"recognise the columns ({len(sample)} sampled rows, new values)", t_profile,
                None, 0.3, f"{found.kind}: {', '.join(sorted(found.mapping))}"),
            row("plan the 1M-order import (read, frame, recognise)", t_plan, None, None,
                f"{plan.kind}")]


ONLINE_RETAIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.csv.gz"


def bench_online_retail(workdir: Path) -> list[dict]:
    """The UCI Online Retail file (541,909 order lines, no order total) imported as a user
    would, beside pandas reading the same file (issue 16: under 5 s)."""
    from cx.ingest import import_file
    from cx.store import Store

    if not ONLINE_RETAIL.exists():
        return [row("import UCI Online Retail (541,909 lines)", None,
                    note=f"{ONLINE_RETAIL} is missing")]
    t_pandas, _ = timed(lambda: pd.read_csv(ONLINE_RETAIL, dtype=str), repeat=1)
    seconds, result = [], None
    for i in range(2):
        store = Store(workdir / f"retail{i}.duckdb")
        t0 = time.perf_counter()
        result = import_file(store, ONLINE_RETAIL)
        seconds.append(time.perf_counter() - t0)
        store.close()
    return [row("import UCI Online Retail (541,909 lines, .csv.gz)", min(seconds), t_pandas, 5.0,
                f"{result.records_loaded:,} orders, {result.mapping.get('unit_price')} x "
                f"{result.mapping.get('items')}")]


# DESIGN.md: at 1M orders every page's warm rerun under 0.3 s, cold under 3 s, the server under
# 1 GiB; at 10M every page under 2 s warm (and, issue 10, the server under 2 GiB).
PAGE_BUDGETS = {"1M": {"cold": 3.0, "warm": 0.3, "memory_mib": 1024},
                "10M": {"cold": None, "warm": 2.0, "memory_mib": 2048}}


def page_budget(orders: int) -> dict:
    return PAGE_BUDGETS["10M" if orders >= 5_000_000 else "1M"]


QUERY_BUDGET = 0.2  # DESIGN.md, at 1M orders: each metric query
TRAINING_BUDGET = 15.0  # DESIGN.md, at 1M orders: churn training with calibration and backtest
ONE_MILLION_BUDGETS = (QUERY_BUDGET, TRAINING_BUDGET)


def without_1m_budgets(rows: list[dict], orders: int) -> list[dict]:
    """DESIGN.md budgets metric queries and churn training at 1M orders only; at 10M the budget
    is the pages' (under 2 s warm, cached per data version) and the server's memory, so a 10M row
    of that kind is shown without a verdict rather than judged against the 1M figure. Budgets
    that do not grow with the data (a what-if scores one customer) stay."""
    if orders < 5_000_000:
        return rows
    return [{**r, "budget_seconds": None,
             "note": f"{r['note']} ({_fmt(r['budget_seconds'])} is the 1M budget)".strip()}
            if r["budget_seconds"] in ONE_MILLION_BUDGETS else r for r in rows]


def bench_pages(db: Path, orders: int = 0) -> list[dict]:
    """Every page cold and warm (AppTest, in a separate process whose peak memory is reported as
    the server's), against the budget for this many orders."""
    import subprocess
    import sys

    from cx.store import PROJECT_ROOT

    budget = page_budget(orders)
    script = PROJECT_ROOT / "tools" / "bench_pages.py"
    proc = subprocess.run([sys.executable, str(script), str(db)],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        return [row("pages", None, note="page timing failed: "
                    + (proc.stderr.strip().splitlines() or ["?"])[-1])]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    rows = [row("server's first page: loading the libraries", result.get("libraries"), None, None,
                "once per server start, before the cold loads below")]
    for p in result["pages"]:
        name = Path(p["page"]).stem
        note = f"{p['errors']} error(s)" if p["errors"] else ""
        rows.append(row(f"page {name}: cold first load", p["cold"], None, budget["cold"], note))
        rows.append(row(f"page {name}: warm rerun", p["warm"], None, budget["warm"]))
    mib, limit = result["peak_rss_mib"], budget["memory_mib"]
    verdict = "ok" if mib <= limit else "OVER BUDGET"
    rows.append(row("server memory after every page", None, None, None,
                    f"{mib:,.0f} MiB (budget {limit:,} MiB) {verdict}"))
    return rows


class _Rows(list):
    """The bench's rows, each also printed to stderr as it is measured: a long (10M) run that dies
    part way still shows what it measured."""

    def append(self, r: dict) -> None:
        super().append(r)
        import sys
        print(f"bench: {r['name']}: {_fmt(r['seconds'])} (pandas {_fmt(r['pandas_seconds'])}) "
              f"{r['note']}", file=sys.stderr, flush=True)

    def __iadd__(self, new):
        for r in new:
            self.append(r)
        return self


def run_bench(customers: int = 100_000, json_path: str | None = "bench.json",
              quick: bool = False) -> int:
    from cx.demo import generate, load_demo
    from cx.store import Store

    if quick:
        customers = min(customers, 3000)
    rows = _Rows()
    with tempfile.TemporaryDirectory(prefix="cx-bench-") as tmp:
        workdir = Path(tmp)
        t_gen, data = timed(lambda: generate(customers, end_date=BENCH_END_DATE), repeat=1)
        rows.append(row(f"demo generate ({customers:,} customers)", t_gen))
        rows += bench_import(workdir, data.transactions)
        rows += bench_recognition(workdir)
        rows += bench_online_retail(workdir)
        store = Store(workdir / "metrics.duckdb")
        t_load, _ = timed(lambda: load_demo(store, customers=customers,
                                            end_date=BENCH_END_DATE), repeat=1)
        rows.append(row("demo load into DuckDB", t_load))
        from cx.cache import computing, prepare_after_import

        done = prepare_after_import(store)
        rows += without_1m_budgets([row(
            "churn model refit after the load (as after every import)", done["model_seconds"],
            None, TRAINING_BUDGET, "saved next to the database: the pages below open with it")],
            len(data.transactions))
        rows.append(row("every page's opening view prepared (after every import)",
                        done["pages_seconds"], None, None, ", ".join(
                            f"{page} {_fmt(s)}" for page, s in done["pages"].items())))
        for target in AREA_BENCHES:
            module, _, name = target.partition(":")
            try:
                fn = getattr(importlib.import_module(module), name)
            except (ImportError, AttributeError):
                continue
            with computing():  # the queries themselves, not the results prepared above
                rows += without_1m_budgets(fn(store, data), len(data.transactions))
        store.close()
        rows += bench_pages(workdir / "metrics.duckdb", len(data.transactions))
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(row("peak memory of this process", None, note=f"{rss_mib:,.0f} MiB"))
    print(f"Loyalty Loop bench: {customers:,} customers, {len(data.transactions):,} orders, "
          f"{platform.processor() or platform.machine()}, python {platform.python_version()}")
    print_table(rows)
    if json_path:
        Path(json_path).write_text(json.dumps(
            {"customers": customers, "transactions": len(data.transactions), "rows": rows},
            indent=2))
    return 0
