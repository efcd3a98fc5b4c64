"""`python -m cx annotations add|list|delete|export|import`: the CSV round trip and one-sentence
errors with exit code 2."""
from __future__ import annotations

from tests.test_cli import run_cli


def test_add_list_export_import_and_delete(tmp_path):
    db, other = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    out = run_cli("annotations", "add", "--date", "2026-03-01", "--label", "price rise",
                  "--db", db).stdout
    assert out == "Event 1 added: price rise · 1 Mar 2026.\n"
    run_cli("annotations", "add", "--date", "2026/03/01", "--end", "2026-03-31",
            "--label", "spring campaign", "--db", db)
    assert run_cli("annotations", "list", "--db", db).stdout.splitlines() == [
        "id\tdate\tend\tlabel", "1\t2026-03-01\t\tprice rise",
        "2\t2026-03-01\t2026-03-31\tspring campaign"]
    csv = run_cli("annotations", "export", "--db", db).stdout
    assert csv == "date,label,end\n2026-03-01,price rise,\n2026-03-01,spring campaign,2026-03-31\n"
    run_cli("annotations", "export", "--db", db, "--out", tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_text(encoding="utf-8") == csv
    assert run_cli("annotations", "import", tmp_path / "e.csv", "--db", other).stdout == \
        "2 events added, 0 already there.\n"
    assert run_cli("annotations", "import", tmp_path / "e.csv", "--db", other).stdout == \
        "0 events added, 2 already there.\n"
    assert run_cli("annotations", "delete", "1", "--db", db).stdout == "Event 1 deleted.\n"
    assert run_cli("annotations", "list", "--db", db).stdout.count("\n") == 2


def test_errors_are_one_sentence_with_exit_code_2(tmp_path):
    db = tmp_path / "a.duckdb"
    bad = tmp_path / "bad.csv"
    bad.write_text("date,label\n2026-03-01,fine\n2026-03-02,\n", encoding="utf-8")
    cases = [
        (("add", "--date", "2026-03-10", "--end", "2026-03-01", "--label", "x"),
         "Error: The end date 2026-03-01 is before the start date 2026-03-10."),
        (("add", "--date", "March", "--label", "x"),
         "Error: “March” is not a date; write it as YYYY-MM-DD, such as 2026-03-01."),
        (("import", bad), "Error: Nothing was imported, because 1 row is not an event "
                          "(line 3: An event needs a label)."),
        (("import", tmp_path / "none.csv"), f"Error: There is no file {tmp_path / 'none.csv'}."),
        (("delete", "7"), "Error: There is no event with the id 7."),
    ]
    for args, message in cases:
        proc = run_cli("annotations", *args, "--db", db, check=False)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.strip() == message
    assert run_cli("annotations", "list", "--db", db).stdout == "id\tdate\tend\tlabel\n"
