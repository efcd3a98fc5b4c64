"""Where metric SQL runs: DuckDB (the default) or Apache Spark.

Every metric function reads data through `cur.execute(sql, params)` followed by `.df()` or
`.fetchall()` (see cx.store.fetch_df / one). A `SparkCursor` offers exactly that surface: it
translates each DuckDB-dialect query to Spark SQL with SQLGlot, binding the named `$params` as
typed SQL literals in the syntax tree (never by pasting text), and runs it on a SparkSession whose
temporary views hold the canonical tables, read from Parquet files written by
`python -m cx export parquet --out DIR` (or tables an existing deployment already has).

Configuration: CX_ENGINE=duckdb|spark, CX_SPARK_MASTER (default local[2]), and where the tables
are: CX_PARQUET_DIR (the files `export parquet` wrote) or CX_SPARK_DATABASE (a database in the
Spark catalog, e.g. a lake's, that already holds tables with the canonical names and columns);
CX_SPARK_DRIVER_MEMORY (default 4g).
Imports still go through DuckDB; the churn model trains on features fetched through the engine.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd

from cx.store import CANONICAL_TABLES, Store, used_params

PARQUET_TABLES = (*CANONICAL_TABLES, "meta")


def engine_name() -> str:
    return os.environ.get("CX_ENGINE", "duckdb").strip().lower() or "duckdb"


# -- Parquet export -------------------------------------------------------------------------
def export_parquet(store: Store, out_dir: Path) -> list[Path]:
    """Write every canonical table as DIR/<table>.parquet (the Spark engine's input)."""
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    cur = store.cursor()
    try:
        for table in PARQUET_TABLES:
            arrow = cur.sql(f"SELECT * FROM {table}").to_arrow_table()  # constant names
            path = out_dir / f"{table}.parquet"
            pq.write_table(arrow, path)
            written.append(path)
    finally:
        cur.close()
    return written


# -- SQL translation ------------------------------------------------------------------------
def _literal(value):
    from sqlglot import exp

    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return exp.cast(exp.Literal.string(value.strftime("%Y-%m-%d %H:%M:%S.%f")), "TIMESTAMP")
    if isinstance(value, date):
        return exp.cast(exp.Literal.string(value.isoformat()), "DATE")
    if isinstance(value, (int, float, Decimal)):
        return exp.Literal.number(value)
    if isinstance(value, str):
        return exp.Literal.string(value)
    raise TypeError(f"cannot bind a parameter of type {type(value).__name__}")


def translate(sql: str, params: dict | None = None, dialect: str = "spark") -> str:
    """DuckDB SQL with $named parameters -> the target dialect with the values bound."""
    import sqlglot
    from sqlglot import exp

    params = used_params(sql, params or {})
    missing = set()

    def bind(node):
        if isinstance(node, exp.Placeholder) and node.name:
            if node.name not in params:
                missing.add(node.name)
                return node
            return _literal(params[node.name])
        if isinstance(node, exp.Parameter):
            name = node.name
            if name in params:
                return _literal(params[name])
        return node

    statements = sqlglot.parse(sql, read="duckdb")
    out = []
    for tree in statements:
        if tree is None:
            continue
        out.append(tree.transform(bind).sql(dialect=dialect))
    if missing:
        raise ValueError(f"query parameters without values: {', '.join(sorted(missing))}")
    return ";\n".join(out)


# -- the Spark cursor -----------------------------------------------------------------------
_SPARK = None


def spark_session(master: str | None = None):
    """One local (or configured) SparkSession per process."""
    global _SPARK
    if _SPARK is None:
        from pyspark.sql import SparkSession

        master = master or os.environ.get("CX_SPARK_MASTER", "local[2]")
        _SPARK = (SparkSession.builder.master(master).appName("loyalty-loop")
                  .config("spark.sql.session.timeZone", "UTC")
                  .config("spark.sql.shuffle.partitions", "4")
                  .config("spark.ui.enabled", "false")
                  .config("spark.sql.ansi.enabled", "false")
                  .config("spark.ui.showConsoleProgress", "false")
                  # local mode runs in the driver: Spark's 1 GB default ran out at 10M orders
                  .config("spark.driver.memory", os.environ.get("CX_SPARK_DRIVER_MEMORY", "4g"))
                  .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                  .getOrCreate())
        _SPARK.sparkContext.setLogLevel("ERROR")
    return _SPARK


class SparkCursor:
    """The slice of a DuckDB cursor the metric functions use, run on Spark. The tables come from
    Parquet files (temporary views named after them) or, with `database`, from that database of
    the session's catalog, where a deployment keeps its own tables under the canonical names."""

    engine = "spark"  # nothing is kept next to a database file for it (cx.prepared)

    def __init__(self, parquet_dir: Path | str | None = None, spark=None,
                 database: str | None = None):
        self.spark = spark or spark_session()
        parquet_dir = parquet_dir or os.environ.get("CX_PARQUET_DIR")
        database = database or os.environ.get("CX_SPARK_DATABASE")
        if parquet_dir:
            for table in PARQUET_TABLES:
                path = Path(parquet_dir) / f"{table}.parquet"
                if path.exists():
                    self.spark.read.parquet(str(path)).createOrReplaceTempView(table)
        elif database:
            if not self.spark.catalog.databaseExists(database):
                raise ValueError(f"the Spark catalog has no database {database!r}")
            missing = [t for t in CANONICAL_TABLES
                       if not self.spark.catalog.tableExists(t, database)]
            if missing:
                raise ValueError(f"the Spark database {database!r} has no table "
                                 f"{', '.join(missing)}")
            for table in PARQUET_TABLES:  # a view of that name would win over the table
                self.spark.catalog.dropTempView(table)
            self.spark.catalog.setCurrentDatabase(database)
        self._result = None
        self.last_sql: str | None = None

    def execute(self, sql: str, params=None):
        if params and not isinstance(params, dict):
            raise ValueError("the Spark engine takes named ($name) parameters only")
        self.last_sql = translate(sql, params or {})
        self._result = self.spark.sql(self.last_sql)
        return self

    def df(self) -> pd.DataFrame:
        """As DuckDB would return it: DATE columns as datetime64, not Python date objects."""
        frame = self._result.toPandas()
        for col in frame.columns:
            if frame[col].dtype == object:
                sample = frame[col].dropna()
                if len(sample) and all(type(v) is date for v in sample.head(50)):
                    frame[col] = pd.to_datetime(frame[col])
        return frame

    fetchdf = df

    def fetchall(self) -> list[tuple]:
        return [tuple(r) for r in self._result.collect()]

    def close(self) -> None:
        self._result = None


def differences(a, b) -> list[str]:
    """Where two engines' results differ (empty when they agree): same columns, same rows in any
    order, numbers equal to 1e-6, missing values in the same places. A dict is one row."""
    a, b = (pd.DataFrame([r]) if isinstance(r, dict) else r.reset_index(drop=True) for r in (a, b))
    if list(a.columns) != list(b.columns):
        return [f"columns {list(a.columns)} != {list(b.columns)}"]
    if len(a) != len(b):
        return [f"{len(a)} rows != {len(b)} rows"]
    if len(a) > 1:
        a = a.sort_values(list(a.columns)).reset_index(drop=True)
        b = b.sort_values(list(b.columns)).reset_index(drop=True)
    out = []
    for col in a.columns:
        x, y = a[col], b[col]
        if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
            x, y = x.astype(float), y.astype(float)
            close = ((x - y).abs() <= 1e-6 + 1e-6 * y.abs()) | (x.isna() & y.isna())
            if not close.all():
                out.append(col)
        elif x.astype(str).where(x.notna(), None).tolist() != \
                y.astype(str).where(y.notna(), None).tolist():
            out.append(col)
    return out
