"""The UCI Online Retail file (../shared/data, 541,909 line items, CC BY 4.0) through the
command line a user runs: recognised as order lines with no order total, cancellations as
refunds, and the figures published for this file."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ONLINE_RETAIL = ROOT.parent / "shared" / "data" / "online_retail.csv.gz"
# one worker imports the 541,909 lines once (retail_db) for the whole module under pytest-xdist
pytestmark = [pytest.mark.skipif(not ONLINE_RETAIL.exists(), reason="../shared/data is missing"),
              pytest.mark.xdist_group("ingest_real")]


def cx(*args, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cx", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def retail_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("retail") / "retail.duckdb"
    done = cx("import", str(ONLINE_RETAIL), "--no-model", db=db)
    assert done.returncode == 0, done.stderr
    assert "541,909 rows read: 541,909 loaded, 0 rejected" in done.stdout
    assert "541,909 line(s) made 25,900 order(s); 3,838 of them are cancellations" in done.stdout
    assert "'UnitPrice' x 'Quantity'" in done.stdout
    return db


def query(db: Path, sql: str) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_customers_orders_and_revenue(retail_db):
    # 4,372 customer ids; 4,339 of them bought something (33 only ever cancelled)
    assert query(retail_db, "SELECT COUNT(*) FROM customers") == [(4372,)]
    assert query(retail_db, "SELECT COUNT(DISTINCT customer_id) FROM transactions "
                            "WHERE amount >= 0") == [(4339,)]
    # 18,536 invoices with a customer that are not cancellations
    assert query(retail_db, "SELECT COUNT(*) FROM transactions WHERE customer_id IS NOT NULL "
                            "AND amount >= 0") == [(18536,)]
    # revenue = sum of Quantity x UnitPrice over every line, cancellations subtracted
    (revenue,), = query(retail_db, "SELECT SUM(amount) FROM transactions")
    assert revenue == pytest.approx(9_747_747.934, abs=0.01)
    # cancellation invoices (C536379...) are refunds: negative, never purchases
    assert query(retail_db, "SELECT COUNT(*), MAX(amount) < 0 FROM transactions "
                            "WHERE order_id LIKE 'C%'") == [(3836, True)]


def test_the_published_cohort_figure(retail_db):
    done = cx("export", "retention", "--format", "csv", db=retail_db)
    assert done.returncode == 0, done.stderr
    cells = {(r["cohort"], r["period"]): r for r in csv.DictReader(io.StringIO(done.stdout))}
    first = cells[("2010-12", "1")]
    # the 2010-12 cohort: 885 customers, 324 (36.6%) bought again in 2011-01
    assert (first["customers"], first["active"]) == ("885", "324")
    assert float(first["retention"]) == pytest.approx(0.366, abs=0.0005)
