"""CSV import: reading (encoding, delimiter, header), mapping (synonyms, kinds), profiles (known
exports), parsing (money, dates) and load (validate, de-duplicate, write, undo, preview)."""
from cx.ingest.history import (escape_markdown, import_history, orders_without_customer,
                               rejected_rows)
from cx.ingest.load import (ImportResult, Plan, Preview, import_file, plan_file, preview_file,
                            undo_batch)
from cx.ingest.fields import FIELDS, KINDS
from cx.ingest.mapping import auto_map, detect_kind
from cx.ingest.profiles import PROFILES, Profile
from cx.ingest.reading import MAX_FILE_BYTES, MAX_FILE_MB, DateOrderQuestion, ImportError_

__all__ = ["ImportResult", "Plan", "Preview", "import_file", "plan_file", "preview_file",
           "undo_batch", "FIELDS", "KINDS", "auto_map", "detect_kind", "PROFILES", "Profile",
           "MAX_FILE_BYTES", "MAX_FILE_MB", "DateOrderQuestion", "ImportError_",
           "rejected_rows", "import_history", "orders_without_customer", "escape_markdown"]
