"""`python -m cx import FILE [FILE...]`: one line per file, one sentence on errors."""
from __future__ import annotations

import sys

from cx.ingest.load import import_file
from cx.ingest.reading import ImportError_


def run_import_command(store, args) -> int:
    """Import each file as its own batch. Exit 0 when every file loaded (rejected rows are
    reported, not fatal); 1 when a file could not be read at all (that file changed nothing,
    the others are still imported)."""
    order = "dayfirst" if getattr(args, "dayfirst", False) else (
        "monthfirst" if getattr(args, "monthfirst", False) else None)
    kind = getattr(args, "kind", "auto") or "auto"
    try:
        overrides = parse_map(getattr(args, "map", None) or [])
    except ImportError_ as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    survey_date = getattr(args, "survey_date", None)
    failed = loaded = 0
    for path in args.files:
        try:
            result = import_file(store, path, kind=kind, date_order=order,
                                 overrides=overrides or None,
                                 survey_date=survey_date.isoformat() if survey_date else None)
        except ImportError_ as exc:
            print(f"Error: {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(result.line())
        loaded += result.rows_loaded
        for reason, n in sorted(result.rejected_reasons.items()):
            print(f"  rejected {n:,}: {reason}")
        for reason, n in sorted(result.skipped_reasons.items()):
            print(f"  skipped {n:,}: {reason}")
        for warning in result.warnings:
            print(f"  note: {warning}")
    if loaded and not getattr(args, "no_model", False):
        train_after_import(store)
    return 1 if failed else 0


def parse_map(items: list[str]) -> dict:
    """`--map amount="Sales ($)"` items as {field: header}; a malformed one is one sentence."""
    out = {}
    for item in items:
        field, sep, header = item.partition("=")
        field, header = field.strip(), header.strip()
        if len(header) >= 2 and header[0] == header[-1] and header[0] in "\"'":
            header = header[1:-1]
        if not sep or not field or not header:
            raise ImportError_(f"--map {item} is not FIELD=\"HEADER\" (for example --map "
                               "amount=\"Sales ($)\").")
        out[field] = header
    return out


def train_after_import(store) -> None:
    """Refit the churn model on the new data now and prepare every page's opening results
    (cx.prepare), so the dashboard's pages open without training or scanning every order; a
    failure here never fails the import."""
    # imported here: preparing loads every area (scikit-learn, plotly), which the import itself
    # never needs
    from cx.prepare import prepare_after_import

    try:
        done = prepare_after_import(store)
    except Exception as exc:  # noqa: BLE001 - the import itself has landed
        print(f"  note: the churn model was not refitted ({exc}); the churn page fits it on its "
              "first visit.", file=sys.stderr)
        return
    if done["bundle"] is not None:
        print(f"Churn model refitted on the new data in {done['model_seconds']:.1f} s.")
    print(f"Every page's opening view prepared in {done['pages_seconds']:.1f} s.")
