"""`python -m cx bench`: the DESIGN.md performance budget, measured side by side with pandas.

Builds the demo at 100,000 customers (~1M orders), writes its transactions as CSV, times our
import against pandas.read_csv of the same file, then runs each area's benchmark rows (one
module per area in this package, each `bench_rows(store, frames)` with the area's pandas twins)
and the engines' rows. A benchmark, not a test: it prints and records, it never fails because a
machine is slow. The bench imports the areas; no area imports the bench.
"""
from __future__ import annotations

import json
import platform
import resource
import tempfile
from datetime import date
from pathlib import Path

from cx.areas import AREAS
from cx.bench import churn as churn_bench
from cx.bench import engine
from cx.bench import nps as nps_bench
from cx.bench import repeat as repeat_bench
from cx.bench import retention as retention_bench
from cx.bench import segments as segments_bench
from cx.bench.ingest import bench_import, bench_online_retail, bench_recognition
from cx.bench.pages import (
    ONE_MILLION_BUDGETS,
    QUERY_BUDGET,
    TRAINING_BUDGET,
    bench_pages,
    without_1m_budgets,
)
from cx.bench.timing import Rows, fmt_seconds, print_table, row, timed
from cx.cache import computing
from cx.demo import generate, load_demo
from cx.prepare import prepare_after_import
from cx.store import Store

__all__ = ["BENCH_END_DATE", "ONE_MILLION_BUDGETS", "QUERY_BUDGET", "row", "run_bench", "timed"]

# each area's bench rows, by area name
AREA_BENCHES = {"retention": retention_bench.bench_rows, "repeat": repeat_bench.bench_rows,
                "segments": segments_bench.bench_rows, "nps": nps_bench.bench_rows,
                "churn": churn_bench.bench_rows}
BENCH_END_DATE = date(2026, 11, 22)  # pinned so runs on different days compare


def run_bench(customers: int = 100_000, json_path: str | None = "bench.json",
              quick: bool = False) -> int:
    if quick:
        customers = min(customers, 3000)
    rows = Rows()
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
        done = prepare_after_import(store)
        rows += without_1m_budgets([row(
            "churn model refit after the load (as after every import)", done["model_seconds"],
            None, TRAINING_BUDGET, "saved next to the database: the pages below open with it")],
            len(data.transactions))
        rows.append(row("every page's opening view prepared (after every import)",
                        done["pages_seconds"], None, None, ", ".join(
                            f"{page} {fmt_seconds(s)}" for page, s in done["pages"].items())))
        for area in AREAS:
            with computing():  # the queries themselves, not the results prepared above
                rows += without_1m_budgets(AREA_BENCHES[area.name](store, data),
                                           len(data.transactions))
        with computing():  # DuckDB's answers computed, as Spark's are, not read from memory
            rows += engine.bench_rows(store, data)
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
