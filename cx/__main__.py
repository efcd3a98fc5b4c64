"""The command line: python -m cx demo|import|export|report|annotations|bench ...

Errors are one sentence on stderr and a non-zero exit code.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from cx.safety import csv_bytes


class CliError(Exception):
    """A problem to report in one sentence."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cx", description="Loyalty Loop command line")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p):
        p.add_argument("--db", help="database file (default: $CX_DB or data/cx.duckdb)")
        p.add_argument("--wait", type=float, default=30.0,
                       help="seconds to wait while the dashboard or another import holds the "
                            "database (default 30)")
        return p

    p = with_db(sub.add_parser("demo", help="load the demo data set"))
    p.add_argument("--customers", type=int, default=5000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--end-date", type=_iso_date, default=None,
                   help="last day of the demo data (default: today)")
    p.add_argument("--currency", default="USD")
    p.add_argument("--if-empty", action="store_true",
                   help="only load when the database holds no data")
    p.add_argument("--no-model", action="store_true",
                   help="do not train the churn model after loading (it then trains on first use)")

    p = with_db(sub.add_parser("import", help="import CSV/TSV exports"))
    p.add_argument("files", nargs="+")
    p.add_argument("--kind", default="auto",
                   choices=["auto", "transactions", "customers", "referrals", "surveys"])
    order = p.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="read 01/02/2024 as 1 February")
    order.add_argument("--monthfirst", action="store_true", help="read 01/02/2024 as 2 January")
    p.add_argument("--map", action="append", default=[], metavar='FIELD="HEADER"',
                   help="read this column as this field (repeatable); the other columns are "
                        "recognised as usual")
    p.add_argument("--survey-date", dest="survey_date", type=_iso_date, default=None,
                   help="the date a survey without answer dates was run (YYYY-MM-DD)")
    p.add_argument("--no-model", action="store_true",
                   help="do not refit the churn model after the import (it then fits on first use)")

    p = with_db(sub.add_parser("export", help="export a metric or a table"))
    p.add_argument("metric", metavar="METRIC",
                   help="a metric or table (summary, transactions, customers, surveys, "
                        "retention, segments, nps, churn-scores); `parquet --out DIR` writes "
                        "every table for Spark")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.add_argument("--period", choices=["week", "month", "quarter"], default="month")
    p.add_argument("--mode", choices=["on", "on_or_after"], default="on")
    p.add_argument("--segment", default=None)
    p.add_argument("--start", type=_iso_date, default=None)
    p.add_argument("--end", type=_iso_date, default=None)
    p.add_argument("--as-of", dest="as_of", type=_iso_date, default=None)
    p.add_argument("--horizon", type=int, default=None)
    p.add_argument("--lookback", type=int, default=None,
                   help="days of history (default: the page's, 365)")
    p.add_argument("--percentile", type=float, default=None,
                   help="the percentile that makes a value high (default: the page's, 75)")
    p.add_argument("--currency", default=None)
    p.add_argument("--by", default=None, help="what to group by, for the exports that group")

    p = with_db(sub.add_parser("report", help="write the self-contained HTML meeting report"))
    p.add_argument("--out", required=True)
    p.add_argument("--lang", choices=["en", "ja"], default="en")
    p.add_argument("--presenter", action="store_true", help="mask names and emails")
    p.add_argument("--start", type=_iso_date, default=None,
                   help="first day of the analysis period (default: the first data date)")
    p.add_argument("--end", type=_iso_date, default=None,
                   help="last day, the analysis date (default: the last data date)")
    p.add_argument("--as-of", dest="as_of", type=_iso_date, default=None,
                   help="the same as --end")
    p.add_argument("--currency", default=None,
                   help="the currency to report when the data holds several (e.g. JPY)")

    p = sub.add_parser("annotations", help="events on the timeline: list, add, delete, export "
                                           "and import them (CSV columns date,label,end)")
    actions = p.add_subparsers(dest="action", required=True)
    with_db(actions.add_parser("list", help="print every event (id, date, end, label)"))
    q = with_db(actions.add_parser("add", help="add one event"))
    q.add_argument("--date", required=True, help="its day, or first day (YYYY-MM-DD)")
    q.add_argument("--end", default=None, help="its last day, for a span (YYYY-MM-DD)")
    q.add_argument("--label", required=True, help="a few words, at most 80 characters")
    q = with_db(actions.add_parser("delete", help="delete one event by its id (see list)"))
    q.add_argument("id", type=int)
    q = with_db(actions.add_parser("export", help="write every event as CSV (date,label,end)"))
    q.add_argument("--out", help="write to this file instead of standard output")
    q = with_db(actions.add_parser("import", help="import events from a CSV (date,label,end): "
                                                  "all or nothing, duplicates skipped"))
    q.add_argument("file")

    p = with_db(sub.add_parser("backup", help="copy the database to a backup file"))
    p.add_argument("--out", required=True)

    p = with_db(sub.add_parser("restore", help="replace the database with a backup file"))
    p.add_argument("file")

    sub.add_parser("hash-password",
                   help="print the secrets.toml line for an access password (read from stdin)")

    p = sub.add_parser("bench", help="run the performance benchmark")
    p.add_argument("--customers", type=int, default=100_000)
    p.add_argument("--json", default="bench.json")
    p.add_argument("--quick", action="store_true", help="a small run for checking the harness")
    return parser


def _open_store(args):
    from cx.store import Store, StoreBusyError

    try:
        return Store(args.db, wait=args.wait)
    except StoreBusyError as exc:
        raise CliError(str(exc)) from exc


def cmd_demo(args) -> int:
    from cx.demo import load_demo
    from cx.store import data_summary

    store = _open_store(args)
    if args.if_empty and not data_summary(store.cursor()).is_empty:
        print("The database already holds data; the demo was not loaded.")
        return 0
    counts = load_demo(store, customers=args.customers, seed=args.seed, end_date=args.end_date,
                       currency=args.currency, train_model=not args.no_model)
    print(f"Demo data loaded: {counts['customers']:,} customers, {counts['transactions']:,} orders, "
          f"{counts['survey_responses']:,} survey responses, {counts['referrals']:,} referrals.")
    seconds = counts.get("churn_model_seconds")
    if seconds is not None:
        print(f"Churn model trained and saved next to the database in {seconds:.1f} s "
              f"(the dashboard opens without training).")
    elif not args.no_model:
        print("Too little data for a churn model; the churn page says what is missing.")
    if counts.get("pages_seconds") is not None:
        print(f"Every page's opening view prepared in {counts['pages_seconds']:.1f} s.")
    return 0


def cmd_import(args) -> int:
    from cx.ingest.cli import run_import_command

    return run_import_command(_open_store(args), args)


def _metric_cursor(store):
    """DuckDB by default; CX_ENGINE=spark runs the same metric SQL on Spark (see cx.engine)."""
    from cx.engine import SparkCursor, engine_name

    name = engine_name()
    if name == "duckdb":
        return store.cursor()
    if name == "spark":
        if not (os.environ.get("CX_PARQUET_DIR") or os.environ.get("CX_SPARK_DATABASE")):
            raise CliError("CX_ENGINE=spark needs CX_PARQUET_DIR (write it with "
                           "`python -m cx export parquet --out DIR`) or CX_SPARK_DATABASE.")
        try:
            return SparkCursor()
        except ValueError as exc:
            raise CliError(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from exc
    raise CliError(f"Unknown CX_ENGINE {name!r}: use duckdb or spark.")


def exports() -> dict:
    """Every `export METRIC`: the tables, then each area's exports (cx.areas.AREAS)."""
    # imported here, not at the top: the areas load scikit-learn and plotly, which `import`,
    # `demo` and `backup` never need
    from cx.areas import AREAS
    from cx.exports import TABLE_EXPORTS

    return {e.name: e for e in (*TABLE_EXPORTS, *(x for area in AREAS for x in area.exports))}


def analysis_end(args):
    """--end, or its other name --as-of; checked against --start."""
    if args.end and args.as_of and args.end != args.as_of:
        raise CliError("--end and --as-of name the same day; give one of them.")
    end = args.end or args.as_of
    if args.start and end and args.start > end:
        raise CliError(f"--start {args.start} is after the end {end}.")
    return end


def export_args(args):
    """The typed arguments of an export (cx.area.ExportArgs) from the parsed command line."""
    from cx.area import ExportArgs

    end = analysis_end(args)
    return ExportArgs(start=args.start, end=end, currency=args.currency, period=args.period,
                      mode=args.mode, segment=args.segment, horizon=args.horizon,
                      lookback=args.lookback, percentile=args.percentile, by=args.by)


def cmd_export(args) -> int:
    if args.metric == "parquet":
        from cx.engine import export_parquet

        if not args.out:
            raise CliError("export parquet needs --out DIR.")
        written = export_parquet(_open_store(args), Path(args.out))
        print(f"Wrote {len(written)} Parquet files to {args.out}.")
        return 0
    export = exports().get(args.metric)
    if export is None:
        raise CliError(f"Unknown export {args.metric!r}: use one of "
                       f"{', '.join([*exports(), 'parquet'])}.")
    typed = export_args(args)
    result = export.run(_metric_cursor(_open_store(args)), typed)
    if isinstance(result, pd.DataFrame):
        if args.format == "csv":
            payload = csv_bytes(result).decode("utf-8-sig").encode("utf-8")
        else:
            payload = result.to_json(orient="records", date_format="iso", force_ascii=False,
                                     indent=None).encode("utf-8") + b"\n"
    else:
        payload = (json.dumps(result, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    if args.out:
        Path(args.out).write_bytes(payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


def cmd_report(args) -> int:
    from cx.report import write_report
    from cx.scope import Scope

    end = analysis_end(args)
    store = _open_store(args)
    scope = Scope(start=args.start, end=end,
                  currency=args.currency.strip().upper() if args.currency else None)
    path = write_report(store, Path(args.out), lang=args.lang, presenter=args.presenter,
                        scope=scope)
    print(f"Report written to {path}.")
    return 0


def cmd_annotations(args) -> int:
    """Events on the timeline (cx.annotations); a refused event or file is one sentence."""
    import cx.annotations as annotations

    store = _open_store(args)
    try:
        if args.action == "list":
            print("id\tdate\tend\tlabel")
            for e in annotations.list_events(store.cursor()):
                print(f"{e.annotation_id}\t{e.starts_on}\t{e.ends_on or ''}\t{e.label}")
        elif args.action == "add":
            event = annotations.add(store, args.date, args.label, args.end)
            print(f"Event {event.annotation_id} added: {annotations.describe(event, 'en')}.")
        elif args.action == "delete":
            annotations.delete(store, args.id)
            print(f"Event {args.id} deleted.")
        elif args.action == "export":
            payload = annotations.export_csv(store.cursor()).decode("utf-8-sig").encode("utf-8")
            if args.out:
                Path(args.out).write_bytes(payload)
            else:
                sys.stdout.buffer.write(payload)
                sys.stdout.flush()
        else:
            path = Path(args.file)
            if not path.is_file():
                raise CliError(f"There is no file {args.file}.")
            print(annotations.import_csv(store, path.read_bytes()).text("en"))
    except annotations.AnnotationError as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    return 0


def cmd_backup(args) -> int:
    from cx.backup import backup

    store = _open_store(args)
    path = backup(store, Path(args.out))
    store.close()
    print(f"Backup written to {path}.")
    return 0


def cmd_restore(args) -> int:
    from cx.backup import restore
    from cx.store import StoreBusyError, resolve_db_path

    try:
        path = restore(Path(args.file), resolve_db_path(args.db), wait=args.wait)
    except StoreBusyError as exc:
        raise CliError(str(exc)) from exc
    print(f"Database {path} restored from {args.file}.")
    return 0


def cmd_hash_password(args) -> int:
    import getpass

    from cx.auth import hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Access password: ")
        if getpass.getpass("Again: ") != password:
            raise CliError("The two passwords differ.")
    else:
        password = sys.stdin.readline().rstrip("\n")
    print("[auth]")
    print(f'password_hash = "{hash_password(password)}"')
    return 0


def cmd_bench(args) -> int:
    from cx.bench import run_bench

    return run_bench(customers=args.customers, json_path=args.json, quick=args.quick)


COMMANDS = {"demo": cmd_demo, "import": cmd_import, "export": cmd_export, "report": cmd_report,
            "annotations": cmd_annotations, "backup": cmd_backup, "restore": cmd_restore,
            "hash-password": cmd_hash_password, "bench": cmd_bench}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the CLI never prints a traceback
        print(f"Error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
