"""The NPS SQL beyond the export (matching, breakdowns, behaviour, comparison, comments) gives
the same numbers on Spark as on DuckDB (the export itself is in test_engines)."""
import shutil

import numpy as np
import pandas as pd
import pytest

from cx import nps
from cx.scope import Scope, resolve_scope
from tests.test_engines import spark_cursor  # noqa: F401  (the module-scoped Spark fixture)

# one JVM: with pytest-xdist, the Spark tests (here and in test_engines.py) run in one worker
pytestmark = [pytest.mark.skipif(shutil.which("java") is None,
                                 reason="no JVM (make test installs one)"),
              pytest.mark.xdist_group("spark")]


def same_frames(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]):
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    assert list(a.columns) == list(b.columns)
    for col in a.columns:
        if pd.api.types.is_numeric_dtype(a[col]) and pd.api.types.is_numeric_dtype(b[col]):
            np.testing.assert_allclose(a[col].astype(float), b[col].astype(float), rtol=1e-9,
                                       atol=1e-9, equal_nan=True, err_msg=col)
        else:
            assert a[col].astype(str).tolist() == b[col].astype(str).tolist(), col


def test_nps_sql_matches_on_spark(demo_store, spark_cursor):  # noqa: F811
    duck = demo_store.cursor()
    scope = resolve_scope(duck, Scope())
    assert nps.match_summary(duck, scope) == nps.match_summary(spark_cursor, scope)
    same_frames(nps.breakdowns(duck, scope, segments=False),
                nps.breakdowns(spark_cursor, scope, segments=False), ["dimension", "group"])
    same_frames(nps.behaviour(duck, scope), nps.behaviour(spark_cursor, scope), ["group"])
    assert nps.compare_periods(duck, scope, "week") == nps.compare_periods(spark_cursor, scope,
                                                                           "week")
    a, n_a = nps.comments(duck, scope, "detractor", "LATE", 50)
    b, n_b = nps.comments(spark_cursor, scope, "detractor", "LATE", 50)
    assert n_a == n_b and n_a > 0
    assert sorted(a["comment"]) == sorted(b["comment"])
    themes_a, info_a = nps.comment_themes(duck, scope)
    themes_b, info_b = nps.comment_themes(spark_cursor, scope)
    assert info_a == info_b and themes_a["theme"].tolist() == themes_b["theme"].tolist()
