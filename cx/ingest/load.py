"""Importing one file: plan (cx.ingest.plan: what is this file and how to read it), stage
(cx.ingest.staging: DuckDB reads the data rows as text), validate and parse in SQL (a reject
reason or a skip reason per row), roll line items up to orders, de-duplicate against what is
loaded, write (one loader per kind: transactions, customers, referrals, surveys), reconcile.
One file is one transaction: all of its good rows or nothing. Every import is a batch that can
be undone.
"""
from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from cx.ingest.customers import load_customers
from cx.ingest.plan import DATE_FIELDS, Plan, analyse, csv_errors_refused, plan_file
from cx.ingest.reading import DateOrderQuestion, ImportError_
from cx.ingest.referrals import load_referrals
from cx.ingest.sql import raw_line
from cx.ingest.staging import stage, staging_dir
from cx.ingest.surveys import load_surveys
from cx.ingest.transactions import load_transactions
from cx.store import Store, next_batch_id, one

log = logging.getLogger(__name__)

# kind -> the loader: (cursor, plan, staged table, batch, tag) -> counts and warnings
LOADERS = {"transactions": load_transactions, "customers": load_customers,
           "referrals": load_referrals, "surveys": load_surveys}


@dataclass
class ImportResult:
    """What one import did. Rows are the file's data rows (records after the header; a quoted
    newline does not start a row): rows_read = rows_loaded + rows_rejected + rows_skipped +
    rows_duplicate, checked before anything is committed. rows_skipped counts noise (test
    payments, not-a-sale ledger rows, cancelled orders, partial answers, extra header and totals
    rows) by reason in skipped_reasons; rows_duplicate counts rows already loaded (an earlier
    import or an identical row earlier in the file). records_loaded counts what was added
    (orders after rolling line items up, customers, responses, referrals)."""
    batch_id: int | None
    kind: str
    source: str
    source_label: str
    encoding: str
    delimiter: str
    file_name: str | None
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rows_skipped: int
    rows_duplicate: int
    records_loaded: int
    skipped_reasons: dict = field(default_factory=dict)
    rejected_reasons: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    mapping: dict = field(default_factory=dict)

    def line(self) -> str:
        """One line for the command line."""
        return (f"{self.file_name or 'file'}: {self.source_label} ({self.kind}), "
                f"{self.rows_read:,} rows read: {self.rows_loaded:,} loaded, "
                f"{self.rows_rejected:,} rejected, {self.rows_skipped:,} skipped, "
                f"{self.rows_duplicate:,} duplicates (batch {self.batch_id}).")


# -- the import -------------------------------------------------------------------------------
@csv_errors_refused
def import_file(store: Store, path, kind: str = "auto", date_order: str | None = None,
                mapping: dict | None = None, file_name: str | None = None,
                profile: str | None = None, overrides: dict | None = None,
                survey_date: str | None = None) -> ImportResult:
    """Import one CSV/TSV file as one batch (one transaction). Raises ImportError_ (one
    sentence, nothing changed) when the file cannot be read at all; DateOrderQuestion when
    dates are ambiguous and no `date_order` ('dayfirst'/'monthfirst') was given."""
    if date_order not in (None, "dayfirst", "monthfirst"):
        raise ImportError_("date_order must be dayfirst or monthfirst.")
    plan = plan_file(path, kind, mapping, date_order, file_name, profile,
                     overrides=overrides, survey_date=survey_date)
    tag = uuid.uuid4().hex[:10]
    stg = f"cx_stg_{tag}"
    with store.write() as cur:
        try:
            staged = stage(cur, plan, stg, staging_dir(store))
            analyse(cur, plan, stg)
            if plan.needs_date_order:
                col = plan.mapping.get(DATE_FIELDS[plan.kind])
                raise DateOrderQuestion(col, plan.date_examples)
            batch = next_batch_id(cur)
            counts = LOADERS[plan.kind](cur, plan, stg, batch, tag)
            _refuse_when_nothing_fits(cur, plan, stg, counts)
            result = _finish(cur, plan, stg, batch, staged, counts)
        finally:
            _drop_temp(cur, tag)
    return result


def _refuse_when_nothing_fits(cur, plan: Plan, stg: str, counts: dict) -> None:
    """A file none of whose rows could be read as mapped is the wrong reading of the file (a
    date format, a column), not a file of bad rows: refused in one sentence, nothing written."""
    rejected = counts["rejected"]
    if counts["loaded"] or counts["duplicate"] or not rejected or \
            not set(rejected) <= set(REASON_WORDS):   # a self-referral is read right
        return
    reason, n = max(rejected.items(), key=lambda kv: kv[1])
    line, raw = one(cur, f"SELECT r.rn, {raw_line(plan, 's.')} FROM {counts['rejected_table']} r "
                         f"JOIN {stg} s USING (rn) WHERE r.reason = $reason ORDER BY r.rn LIMIT 1",
                    {"reason": reason})
    line_no = int(plan.framed.line_no(int(line) - 1 + plan.data_first))
    words = REASON_WORDS.get(reason, reason)
    raise ImportError_(
        f"None of the file's {sum(rejected.values()):,} rows could be imported ({n:,} with "
        f"{words}, as on line {line_no}: {raw[:80]}); check the column mapping and the date "
        "order, nothing was imported.", "nothing_fits", n=f"{sum(rejected.values()):,}",
        reason=reason, line=line_no)


REASON_WORDS = {"bad_date": "a date that could not be read", "missing_date": "no date",
                "bad_amount": "an amount that is not a number", "missing_amount": "no amount",
                "missing_customer": "no customer id or e-mail", "bad_score": "a score that is "
                "not a number from 0 to 10", "missing_score": "no score",
                "score_out_of_range": "a score outside 0-10", "too_many_fields":
                "more fields than the header", "bad_items": "a quantity that is not a number"}


def _drop_temp(cur, tag: str) -> None:
    """Drop this import's temporary views and tables (names carry the import's tag)."""
    try:
        views = cur.execute("SELECT view_name FROM duckdb_views() WHERE temporary AND "
                            "view_name LIKE $p", {"p": f"%{tag}%"}).fetchall()
        for (v,) in views:
            cur.execute(f"DROP VIEW IF EXISTS {v}")
        tables = cur.execute("SELECT table_name FROM duckdb_tables() WHERE temporary AND "
                             "table_name LIKE $p", {"p": f"%{tag}%"}).fetchall()
        for (t,) in tables:
            cur.execute(f"DROP TABLE IF EXISTS {t}")
    except duckdb.Error as exc:
        # the transaction failed: its temporary objects go with the rollback
        log.debug("temporary tables of import %s left to the rollback: %s", tag, exc)


def _finish(cur, plan: Plan, stg: str, batch: int, staged: int, counts: dict) -> ImportResult:
    rows_read = plan.rows_read
    skipped = dict(counts["skipped"])
    if plan.subheader:
        skipped["subheader"] = skipped.get("subheader", 0) + plan.subheader
    n_skipped = sum(skipped.values())
    n_rejected = sum(counts["rejected"].values())
    total = counts["loaded"] + n_rejected + n_skipped + counts["duplicate"]
    if total != rows_read or staged + plan.subheader != rows_read:
        raise ImportError_(
            f"The import did not reconcile ({rows_read:,} data rows read, {total:,} accounted "
            "for); nothing was imported.")
    # rejected rows keep the line number (as an editor shows it) and the raw text
    if n_rejected:
        rej = cur.execute(f"SELECT r.rn, r.reason, {raw_line(plan, 's.')} AS raw "
                          f"FROM {counts['rejected_table']} r JOIN {stg} s USING (rn) "
                          f"WHERE r.reason IS NOT NULL ORDER BY r.rn").df()
        rej["line_no"] = plan.framed.line_no(rej["rn"].to_numpy() - 1 + plan.data_first)
        rej["batch_id"] = batch
        cur.register("cx_rej_df", rej[["batch_id", "line_no", "reason", "raw"]])
        cur.execute("INSERT INTO rejected_rows SELECT batch_id, line_no, reason, raw "
                    "FROM cx_rej_df")
        cur.unregister("cx_rej_df")
    warnings = plan.warnings + counts.get("warnings", [])
    cur.execute(
        "INSERT INTO import_batches (batch_id, kind, file_name, sha256, encoding, mapping, "
        "source, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate, "
        "imported_at) VALUES ($b, $k, $f, $s, $e, $m, $src, $r, $l, $rj, $sk, $d, $t)",
        {"b": batch, "k": plan.kind, "f": plan.file_name, "s": plan.framed.sha256,
         "e": plan.framed.encoding,
         "m": json.dumps({"mapping": plan.mapping, "date_order": plan.date_order,
                          "warnings": warnings, "skipped": skipped,
                          "rejected": counts["rejected"]}, ensure_ascii=False),
         "src": plan.source, "r": rows_read, "l": counts["loaded"], "rj": n_rejected,
         "sk": n_skipped, "d": counts["duplicate"], "t": datetime.now().replace(microsecond=0)})
    return ImportResult(batch, plan.kind, plan.source, plan.source_label, plan.framed.encoding,
                        plan.framed.delimiter, plan.file_name, rows_read, counts["loaded"],
                        n_rejected, n_skipped, counts["duplicate"], counts["records"], skipped,
                        dict(counts["rejected"]), warnings, dict(plan.mapping))


# -- undo -------------------------------------------------------------------------------------
def undo_batch(store: Store, batch_id: int) -> dict:
    """Remove exactly the rows this batch added and mark it undone. Returns rows removed."""
    with store.write() as cur:
        row = one(cur, "SELECT undone_at FROM import_batches WHERE batch_id = $b",
                  {"b": batch_id})
        if row is None:
            raise ImportError_(f"There is no import batch {batch_id}.")
        if row[0] is not None:
            raise ImportError_(f"Import batch {batch_id} was already undone.")
        removed = {}
        for table in ("transactions", "survey_responses", "referrals", "customers",
                      "referral_codes"):
            n = one(cur, f"SELECT COUNT(*) FROM {table} WHERE batch_id = $b", {"b": batch_id})[0]
            cur.execute(f"DELETE FROM {table} WHERE batch_id = $b", {"b": batch_id})
            removed[table] = int(n)
        cur.execute("UPDATE import_batches SET undone_at = $t WHERE batch_id = $b",
                    {"t": datetime.now().replace(microsecond=0), "b": batch_id})
    return removed
