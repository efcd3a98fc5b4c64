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
    failed = 0
    for path in args.files:
        try:
            result = import_file(store, path, kind=kind, date_order=order)
        except ImportError_ as exc:
            print(f"Error: {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(result.line())
        for reason, n in sorted(result.rejected_reasons.items()):
            print(f"  rejected {n:,}: {reason}")
        for reason, n in sorted(result.skipped_reasons.items()):
            print(f"  skipped {n:,}: {reason}")
        for warning in result.warnings:
            print(f"  note: {warning}")
    return 1 if failed else 0
