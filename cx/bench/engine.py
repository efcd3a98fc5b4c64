"""`python -m cx bench` rows for the engines: each metric export on DuckDB and on Spark."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from cx.area import ExportArgs
from cx.areas import AREAS
from cx.bench.timing import row, timed
from cx.engine import SparkCursor, differences, export_parquet
from cx.store import Store

BENCH_EXPORTS = ("retention", "segments", "nps")


def bench_rows(store: Store, data) -> list[dict]:
    """`python -m cx bench`: the same metric exports on DuckDB and on Spark (local mode, reading
    the Parquet files `export parquet` writes), one row per engine and metric, with a check that
    both return the same numbers. Skipped with a note when there is no JVM or no pyspark."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return [row("Spark engine", None, note="skipped: pyspark is not installed")]
    if shutil.which("java") is None:
        return [row("Spark engine", None, note="skipped: no JVM on this machine")]
    exports = {e.name: e for area in AREAS for e in area.exports}
    args = ExportArgs()
    rows = []
    with tempfile.TemporaryDirectory(prefix="cx-bench-parquet-") as tmp:
        t_parquet, _ = timed(lambda: export_parquet(store, Path(tmp)), repeat=1)
        rows.append(row("export parquet (every canonical table)", t_parquet))
        t_start, spark = timed(lambda: SparkCursor(tmp), repeat=1)
        rows.append(row("Spark session start + table registration", t_start, None, None,
                        os.environ.get("CX_SPARK_MASTER", "local[2]")))
        duck = store.cursor()
        try:
            for metric in BENCH_EXPORTS:
                export = exports[metric].run
                t_duck, ours = timed(lambda export=export: export(duck, args), repeat=3)
                rows.append(row(f"export {metric}: duckdb", t_duck))
                try:
                    export(spark, args)  # warm the JVM's code paths for this query shape
                    t_spark, theirs = timed(lambda export=export: export(spark, args),
                                            repeat=2)
                except Exception as exc:  # noqa: BLE001 - e.g. the JVM's heap at 10M orders
                    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
                    rows.append(row(f"export {metric}: spark", None, None, None,
                                    f"failed: {first}"))
                    continue
                same = not differences(ours, theirs)
                rows.append(row(f"export {metric}: spark", t_spark, None, None,
                                "same numbers as duckdb" if same else "DIFFERENT from duckdb"))
        finally:
            duck.close()
            try:
                spark.close()
            except Exception:  # noqa: BLE001 - a JVM that ran out of memory may be gone already
                pass
    return rows


