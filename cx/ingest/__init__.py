"""CSV import.

reading (bytes, encoding, delimiter, records), fields and profiles (what each kind of file holds,
the known export layouts), mapping / recognise with header_words, field_rules and value_profiles
(which column is which field), plan (how to import one file), staging (its rows as text in
DuckDB), noise, vendors and sql (what every loader shares), transactions / customers / referrals
/ surveys (one loader per kind), load (the import as one transaction, undo), preview (what the
Data page shows before importing), history and page (what it shows after), cli (`python -m cx
import`).
"""
from cx.ingest.fields import FIELDS, KINDS
from cx.ingest.history import (
    escape_markdown,
    import_history,
    rejected_rows,
)
from cx.ingest.load import ImportResult, import_file, undo_batch
from cx.ingest.mapping import auto_map, detect_kind
from cx.ingest.plan import Plan, plan_file
from cx.ingest.preview import Preview, preview_file
from cx.ingest.profiles import PROFILES, Profile
from cx.ingest.reading import MAX_FILE_BYTES, MAX_FILE_MB, DateOrderQuestion, ImportError_

__all__ = ["ImportResult", "Plan", "Preview", "import_file", "plan_file", "preview_file",
           "undo_batch", "FIELDS", "KINDS", "auto_map", "detect_kind", "PROFILES", "Profile",
           "MAX_FILE_BYTES", "MAX_FILE_MB", "DateOrderQuestion", "ImportError_",
           "rejected_rows", "import_history", "escape_markdown"]
