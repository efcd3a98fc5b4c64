"""`python -m cx import`: one line per file, exit codes, one sentence on errors."""
from tests.test_cli import run_cli


def test_import_command_lines_and_exit_codes(tmp_path):
    db = tmp_path / "cli.duckdb"
    good = tmp_path / "orders.csv"
    good.write_text("order_id,customer_id,date,amount\n1,c1,2024-01-01,5\n2,c2,2024-01-02,x\n")
    proc = run_cli("import", good, "--db", db)
    assert "1 loaded, 1 rejected, 0 skipped, 0 duplicates" in proc.stdout
    again = run_cli("import", good, "--db", db)
    assert "0 loaded, 1 rejected, 0 skipped, 1 duplicates" in again.stdout

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    bad = run_cli("import", empty, "--db", db, check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "empty" in bad.stderr


def test_import_command_date_order_flags(tmp_path):
    db = tmp_path / "cli.duckdb"
    f = tmp_path / "amb.csv"
    f.write_text("order_id,date,amount\n1,03/04/2024,5\n2,05/06/2024,6\n")
    asked = run_cli("import", f, "--db", db, check=False)
    assert asked.returncode != 0 and "--dayfirst" in asked.stderr
    run_cli("import", f, "--db", db, "--dayfirst")
    out = run_cli("export", "transactions", "--db", db).stdout
    assert "2024-04-03" in out and "2024-06-05" in out


def test_a_very_large_cell_imports_and_a_stray_quote_is_one_sentence(tmp_path):
    db = tmp_path / "cli.duckdb"
    big = tmp_path / "big.csv"
    big.write_text("order_id,date,amount,note\n1,2024-01-01,5," + "x" * 200_000
                   + '\n2,2024-01-02,6,"' + "y, " * 100_000 + '"\n')
    proc = run_cli("import", big, "--db", db)
    assert "2 rows read: 2 loaded, 0 rejected" in proc.stdout and "unexpected" not in proc.stderr
    stray = tmp_path / "stray.csv"
    stray.write_text('order_id,date,amount,note\n3,2024-01-03,5,"open\n4,2024-01-04,6,x\n')
    bad = run_cli("import", stray, "--db", db, check=False)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines() == [
        f"Error: {stray}: A quoted field opens on line 2 and never closes, so the rest of the "
        "file would be read as one cell; fix the stray quote on that line."]
    assert list((tmp_path / "tmp").iterdir()) == []      # nothing staged is left
