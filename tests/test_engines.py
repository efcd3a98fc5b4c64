"""The same metric SQL on DuckDB and on Spark (local mode) gives the same numbers.

Every `python -m cx export METRIC` runs on both engines over the demo data; Spark reads the
canonical tables from the Parquet files `export parquet` writes.
"""
import os
import shutil
from dataclasses import replace

import pandas as pd
import pytest

from cx.__main__ import exports
from cx.area import ExportArgs
from cx.engine import SparkCursor, differences, export_parquet, translate

# one JVM: with pytest-xdist, the Spark tests (here and in test_nps_engines.py) run in one worker
pytestmark = [pytest.mark.skipif(shutil.which("java") is None,
                                 reason="no JVM (make test installs one)"),
              pytest.mark.xdist_group("spark")]


def default_args(**overrides):
    return replace(ExportArgs(), **overrides)


# The tests' JVM lives about a minute: JIT compiling with C1 only (quick compiles, no C2) takes
# a quarter or more off these tests' time; the queries and their answers are the same.
# PYSPARK_SUBMIT_ARGS set by the caller wins.
TEST_JVM_ARGS = "--driver-java-options -XX:TieredStopAtLevel=1 pyspark-shell"


@pytest.fixture(scope="module")
def spark_cursor(demo_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    export_parquet(demo_store, out)
    with pytest.MonkeyPatch.context() as mp:  # read once, when the session starts the JVM
        if "PYSPARK_SUBMIT_ARGS" not in os.environ:
            mp.setenv("PYSPARK_SUBMIT_ARGS", TEST_JVM_ARGS)
        cur = SparkCursor(out)
    yield cur
    cur.close()


def assert_same(a, b, label):
    assert differences(a, b) == [], label


@pytest.mark.parametrize("metric", list(exports()))
def test_every_export_matches_across_engines(metric, demo_store, spark_cursor):
    export = exports()[metric].run
    args = default_args()
    assert_same(export(demo_store.cursor(), args), export(spark_cursor, args), metric)


def test_overview_activity_matches_across_engines(demo_store, spark_cursor):
    from cx.overview import monthly_activity
    from cx.scope import resolve_scope

    scope = resolve_scope(demo_store.cursor())
    assert_same(monthly_activity(demo_store.cursor(), scope),
                monthly_activity(spark_cursor, scope), "monthly activity")


def test_parameters_are_bound_as_literals_not_pasted_text():
    sql = translate("SELECT * FROM customers WHERE name = $name", {"name": "x' OR '1'='1"})
    assert "OR '1'='1'" not in sql.replace("\\'", "")  # the quote is escaped inside one literal
    with pytest.raises(ValueError, match="without values"):
        translate("SELECT * FROM t WHERE a = $missing", {})


def test_differences_names_what_differs():
    a = pd.DataFrame({"k": ["x", "y"], "v": [1.0, None]})
    assert differences(a, a.iloc[::-1]) == []  # row order does not matter
    assert differences(a, a.assign(v=[1.0, 2.0])) == ["v"]  # a missing value is not a number
    assert differences(a, a.assign(v=[1.1, None])) == ["v"]
    assert differences(a, a.assign(k=["x", "z"])) == ["k"]
    assert differences(a, a.head(1)) == ["2 rows != 1 rows"]
    assert differences({"n": 1}, {"n": 1}) == []


def test_tables_a_spark_deployment_already_has(demo_store, spark_cursor, tmp_path):
    """CX_SPARK_DATABASE: the canonical tables are read from a database of the Spark catalog (a
    lake's own tables), not from Parquet files. The lake holds only the orders from 2025 on, so
    an answer read from the other tests' Parquet views would differ from DuckDB's over the same
    orders."""
    import duckdb

    spark = spark_cursor.spark
    parquet = tmp_path / "parquet"
    export_parquet(demo_store, parquet)
    recent = "ordered_at >= TIMESTAMP '2025-01-01'"
    duck = duckdb.connect()
    for table in ("customers", "transactions", "referrals", "survey_responses"):
        where = f" WHERE {recent}" if table == "transactions" else ""
        duck.execute(f"CREATE TABLE {table} AS SELECT * FROM "
                     f"read_parquet('{(parquet / table).as_posix()}.parquet'){where}")
    spark.sql(f"CREATE DATABASE lake LOCATION '{(tmp_path / 'lake').as_posix()}'")
    try:
        for table in ("customers", "transactions", "referrals", "survey_responses"):
            frame = spark.read.parquet(str(parquet / f"{table}.parquet"))
            if table == "transactions":
                frame = frame.where(recent)
            frame.write.saveAsTable(f"lake.{table}")
        lake = SparkCursor(database="lake")
        export = exports()["retention"].run  # the other exports: the Parquet tests above
        assert_same(export(duck.cursor(), default_args()), export(lake, default_args()),
                    "retention from the lake's tables")
        with pytest.raises(ValueError, match="no database 'nowhere'"):
            SparkCursor(database="nowhere")
    finally:
        spark.catalog.setCurrentDatabase("default")
        spark.sql("DROP DATABASE IF EXISTS lake CASCADE")
        SparkCursor(parquet)  # the other tests' views again
