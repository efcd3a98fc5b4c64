"""Read side of imports for the Data page: the history and each batch's rejected rows."""
from __future__ import annotations

import pandas as pd

from cx.store import fetch_df

HISTORY_SQL = """
SELECT batch_id, kind, file_name, source, rows_read, rows_loaded, rows_rejected, rows_skipped,
       rows_duplicate, imported_at, undone_at
FROM import_batches ORDER BY batch_id DESC
"""

REJECTED_SQL = """
SELECT line_no, reason, raw FROM rejected_rows WHERE batch_id = $batch ORDER BY line_no
"""


def import_history(cur) -> pd.DataFrame:
    """Every import batch, newest first (undone ones included, with undone_at set)."""
    return fetch_df(cur, HISTORY_SQL)


def rejected_rows(cur, batch_id: int) -> pd.DataFrame:
    """The rejected rows of one batch: line number in the file, reason code, raw text."""
    return fetch_df(cur, REJECTED_SQL, {"batch": int(batch_id)})


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")


def escape_markdown(text) -> str:
    """User text (file names, column names) made inert inside st.error/st.success messages,
    which render markdown: every markdown character is backslash-escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))
