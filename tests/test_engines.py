"""The same metric SQL on DuckDB and on Spark (local mode) gives the same numbers.

Every `python -m cx export METRIC` runs on both engines over the demo data; Spark reads the
canonical tables from the Parquet files `export parquet` writes.
"""
import argparse
import importlib
import shutil

import pandas as pd
import pytest

from cx.__main__ import EXPORTS
from cx.engine import SparkCursor, differences, export_parquet, translate

pytestmark = pytest.mark.skipif(shutil.which("java") is None,
                                reason="no JVM (make test installs one)")


def default_args(**overrides):
    args = argparse.Namespace(period="month", mode="on", segment=None, start=None, end=None,
                              as_of=None, horizon=None, lookback=365, percentile=75.0,
                              currency=None, format="csv", out=None)
    for k, v in overrides.items():
        setattr(args, k, v)
    return args


def available_exports():
    names = []
    for metric, target in EXPORTS.items():
        module, _, fn = target.partition(":")
        try:
            if hasattr(importlib.import_module(module), fn):
                names.append(metric)
        except ImportError:
            pass
    return names


@pytest.fixture(scope="module")
def spark_cursor(demo_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    export_parquet(demo_store, out)
    cur = SparkCursor(out)
    yield cur
    cur.close()


def assert_same(a, b, label):
    assert differences(a, b) == [], label


@pytest.mark.parametrize("metric", available_exports())
def test_every_export_matches_across_engines(metric, demo_store, spark_cursor):
    from cx.__main__ import _load

    export = _load(EXPORTS[metric])
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
