import json
import subprocess
import sys

from tests.conftest import DEMO_END, ROOT


def run_cli(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "cx", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_demo_and_summary(tmp_path):
    db = tmp_path / "d.duckdb"
    run_cli("demo", "--db", db, "--customers", 300, "--end-date", DEMO_END.isoformat())
    out = json.loads(run_cli("export", "summary", "--format", "json", "--db", db).stdout)
    assert {"customers", "transactions", "revenue", "survey_responses", "referrals",
            "first_date", "last_date"} <= set(out)
    assert out["customers"] == 300 and out["transactions"] > 300
    assert out["last_date"] <= DEMO_END.isoformat()
    again = run_cli("demo", "--db", db, "--if-empty")
    assert "already" in again.stdout
    csv = run_cli("export", "transactions", "--db", db).stdout.splitlines()
    assert csv[0].startswith("order_id,customer_id,ordered_at,amount")
    assert len(csv) == out["transactions"] + 1


def test_errors_are_one_sentence(tmp_path):
    proc = run_cli("export", "summary", "--db", "/proc/no/such/dir/x.duckdb", check=False)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


FIXTURES = ROOT / "tests" / "fixtures"
MIXED = ["paypal_activity_ILLUSTRATIVE.csv", "shopify_orders_jp_store.csv",
         "woocommerce_webtoffee_orders.csv"]


def test_summary_never_adds_currencies(tmp_path):
    db = tmp_path / "m.duckdb"
    run_cli("import", FIXTURES / "woocommerce_webtoffee_orders.csv", "--db", db)
    one = json.loads(run_cli("export", "summary", "--db", db).stdout)
    assert one["revenue"] == 32.0 and one["revenue_by_currency"] == {"USD": 32.0}
    run_cli("import", *[FIXTURES / f for f in MIXED[:2]], "--db", db)
    out = json.loads(run_cli("export", "summary", "--db", db).stdout)
    assert out["revenue_by_currency"] == {"USD": 57.0, "JPY": 5400.0}
    assert out["revenue"] is None             # not 5457.0: no single number would be true
    assert out["currencies"] == ["USD", "JPY"]


def test_summary_of_an_empty_database(tmp_path):
    out = json.loads(run_cli("export", "summary", "--db", tmp_path / "e.duckdb").stdout)
    assert out["revenue"] == 0.0 and out["revenue_by_currency"] == {}
