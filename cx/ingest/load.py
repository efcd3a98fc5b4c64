"""Importing one file: plan (what is this file and how to read it), stage (DuckDB reads the data
rows as text), validate and parse in SQL (a reject reason or a skip reason per row), roll line
items up to orders, de-duplicate against what is loaded, write, reconcile. One file is one
transaction: all of its good rows or nothing. Every import is a batch that can be undone.
"""
from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import wraps
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from cx.ingest import parsing as P
from cx.ingest.fields import FIELDS, REQUIRED, missing_fields, satisfies
from cx.ingest.mapping import auto_map, find_header, recognise
from cx.ingest.profiles import CANCELLED, Profile, by_key, detect
from cx.ingest.reading import (DateOrderQuestion, Framed, ImportError_, frame,
                               normalise_header, read_source, sample_records)
from cx.ingest.staging import staged_file, staging_dir
from cx.store import Store, next_batch_id, one

SUBHEADER_WORDS = {"response", "open ended response", "other (please specify)", "回答",
                   "自由回答"}
RETURN_WORDS = ("refund", "return", "returned", "payment refund", "返品", "返金", "払戻")
TOTAL_WORDS = ("total", "totals", "grand total", "合計", "総計", "総合計", "小計")


@dataclass
class Plan:
    """What the preview shows and the import follows."""
    framed: Framed
    file_name: str | None
    header_index: int
    headers: list[str]
    data_first: int                      # index (among non-blank records) of the first data row
    subheader: int                       # extra header rows after the header (skipped)
    kind: str | None
    profile: Profile | None
    mapping: dict
    date_order: str | None = None        # the order used
    date_order_found: str | None = None  # what the file's values say
    date_examples: list[str] = field(default_factory=list)
    decimal_comma: bool = False
    warnings: list[str] = field(default_factory=list)
    recognition: object | None = None    # cx.ingest.recognise.Recognition (no profile/mapping)
    survey_date: str | None = None       # the date a survey without answer dates was run

    @property
    def line_items(self) -> bool:
        """One row per item: a vendor layout that says so, or lines priced without an order
        total (a line total, or a unit price x quantity), added up per order."""
        if self.profile is not None:
            return self.profile.line_items
        return self.kind == "transactions" and "amount" not in self.mapping

    @property
    def currency_hint(self) -> str | None:
        """The currency an amount header names (`Sales ($)`, `売上（円）`)."""
        return self.recognition.currency if self.recognition is not None else None

    def confirm_flags(self) -> str:
        """The command line flags that import this file as planned."""
        parts = [f"--kind {self.kind}"]
        evidence = self.recognition.evidence if self.recognition is not None else {}
        for fld, header in self.mapping.items():
            if any(fld in alts for alts in REQUIRED[self.kind]) or evidence.get(fld) == "values":
                parts.append(f'--map {fld}="{header}"')
        return " ".join(parts)

    @property
    def source(self) -> str:
        return self.profile.key if self.profile else "csv"

    @property
    def source_label(self) -> str:
        return self.profile.label_en if self.profile else "CSV"

    @property
    def rows_read(self) -> int:
        return self.framed.records - self.header_index - 1

    @property
    def needs_date_order(self) -> bool:
        return self.date_order_found == "ambiguous" and self.date_order is None

    def col(self, fld: str) -> str | None:
        """SQL reference to the staged column mapped to a field (c0, c1, ...), or None."""
        header = self.mapping.get(fld)
        if header is None:
            return None
        return f"c{self.headers.index(header)}"

    def header_col(self, header: str) -> str | None:
        norm = normalise_header(header)
        for i, h in enumerate(self.headers):
            if normalise_header(h) == norm:
                return f"c{i}"
        return None


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


def _readable(fn):
    """Whatever Python's csv module refuses becomes the one-sentence import refusal."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except csv.Error as exc:
            raise ImportError_(f"The file could not be read as CSV ({exc}).", "unreadable",
                               detail=str(exc)) from exc
    return wrapper


# -- planning ---------------------------------------------------------------------------------
@_readable
def plan_file(source, kind: str = "auto", mapping: dict | None = None,
              date_order: str | None = None, file_name: str | None = None,
              profile: str | None = None, strict: bool = True,
              overrides: dict | None = None, survey_date: str | None = None) -> Plan:
    """Read and frame a file and decide how to import it (no database involved).

    `mapping` is a whole mapping (the Data page's editor): used as it is. `overrides` are
    fields set on the command line (`--map`): the rest is recognised. With strict=False a
    mapping that lacks required fields, or a guess that should be confirmed, is returned (for
    the Data page, which asks) instead of refused."""
    raw, name = read_source(source)
    framed = frame(raw)
    head = framed.head
    header_index = find_header(head)
    headers = _unique_headers(head[header_index])
    if not any(h.strip() for h in headers):
        raise ImportError_("The file has no header row.", "no_header")
    prof = by_key(profile) if profile else detect(headers)
    data_first = header_index + 1
    subheader = 0   # SurveyMonkey has a second header row, Qualtrics two more
    while subheader < 2 and data_first + subheader < len(head) and \
            _is_subheader(head[data_first + subheader], prof, subheader):
        subheader += 1
    sample = sample_records(framed, data_first + subheader)
    # a second header row (SurveyMonkey, Qualtrics) holds the question text: read it too
    labels = [" ".join(x for x in [h, *(head[data_first + k][i] if i < len(head[data_first + k])
                                       else "" for k in range(subheader))] if x and x.strip())
              for i, h in enumerate(headers)] if subheader else None
    if kind not in ("auto", None) and kind not in FIELDS:
        raise ImportError_(f"Unknown kind {kind!r}: use transactions, customers, referrals or "
                           "surveys.")
    if prof is not None and kind not in ("auto", None) and prof.kind != kind:
        prof = None
    given = {**(mapping or {}), **(overrides or {})}
    unknown = [h for h in given.values() if h and h not in headers]
    if unknown:
        raise ImportError_(f"The mapping names columns the file does not have: "
                           f"{', '.join(map(str, unknown))}.", "unknown_columns",
                           columns=", ".join(map(str, unknown)))
    recognition = None
    if mapping:
        use_kind = kind if kind not in ("auto", None) else (
            prof.kind if prof else recognise(headers, sample, labels=labels).kind)
        use_map = {f: h for f, h in mapping.items() if h}
    elif prof is not None:
        use_kind = prof.kind
        generic = auto_map(use_kind, headers, sample, labels)
        own = {f: h for f, h in prof.resolve(headers).items() if f in FIELDS[use_kind]}
        taken = set(own.values())
        use_map = {**{f: h for f, h in generic.items() if h not in taken and f not in own},
                   **own}
    else:
        recognition = recognise(headers, sample, kind or "auto", labels)
        use_kind, use_map = recognition.kind, recognition.mapping
    if overrides and use_kind is not None:
        bad = [f for f in overrides if f not in FIELDS[use_kind]]
        if bad:
            raise ImportError_(f"{', '.join(bad)} is not a field of a {use_kind} file; the "
                               f"fields are {', '.join(FIELDS[use_kind])}.", "unknown_field",
                               fields=", ".join(bad))
        taken = set(overrides.values())
        use_map = {**{f: h for f, h in use_map.items() if h not in taken and f not in overrides},
                   **overrides}
    if use_kind is None:
        raise ImportError_(
            "No column was recognised (no order date and amount, customer id or email, survey "
            "score or referrer); map the columns on the Data page or give them with --kind and "
            "--map.", "no_columns")
    use_map = {f: h for f, h in use_map.items() if f in FIELDS[use_kind]}
    if strict and not satisfies(use_kind, use_map):
        raise ImportError_(f"This {use_kind} file has no column for "
                           f"{', '.join(missing_fields(use_kind, use_map))}; map it on the "
                           "Data page or give it with --map FIELD=\"HEADER\".", "missing_fields",
                           fields=", ".join(missing_fields(use_kind, use_map)))
    p = Plan(framed, file_name or name, header_index, headers, data_first + subheader, subheader,
             use_kind, prof, use_map, date_order=date_order, recognition=recognition,
             survey_date=survey_date)
    if recognition is not None:
        p.warnings += recognition.notes
        if overrides:   # what the user confirmed is no longer a guess
            for f in overrides:
                recognition.evidence[f] = "given"
            required = [f for f in use_map if any(f in alts for alts in REQUIRED[use_kind])]
            if kind not in ("auto", None) and all(
                    recognition.evidence.get(f) == "given" for f in required):
                recognition.question = None
        if strict and recognition.question:
            raise ImportError_(confirm_sentence(p), "confirm_kind", kind=use_kind,
                               flags=p.confirm_flags())
    if survey_date:
        try:
            date.fromisoformat(str(survey_date))
        except ValueError as exc:
            raise ImportError_(f"The survey date {survey_date!r} is not a date (YYYY-MM-DD).",
                               "survey_date_bad", value=str(survey_date)) from exc
    if p.kind == "surveys" and "responded_at" not in p.mapping and strict and not survey_date:
        raise ImportError_("This survey file has no answer date; give the date the survey was "
                           "run with --survey-date YYYY-MM-DD (the Data page asks for it).",
                           "survey_date")
    if p.framed.records <= p.header_index + 1:
        raise ImportError_("The file has a header but no data rows.", "no_rows")
    if header_index:
        p.warnings.append(f"{header_index} line(s) before the header were skipped (a report "
                          "title or notes, not data).")
    return p


def _rival(plan: Plan) -> str | None:
    r = plan.recognition
    if r is None or r.question != "close":
        return None
    return next((km.kind for km in r.candidates[1:] if km.satisfied), None)


FIELD_WORDS = {"ordered_at": "order date", "amount": "amount", "line_total": "line total",
               "unit_price": "unit price", "score": "score", "responded_at": "answer date",
               "customer_id": "customer id", "email": "e-mail", "items": "quantity",
               "referrer_id": "referrer", "referred_id": "referred customer"}


def confirm_sentence(plan: Plan) -> str:
    """The one sentence that refuses a guessed file: the guess, and the flags that confirm it."""
    r = plan.recognition
    found = ", ".join(f"{FIELD_WORDS.get(f, f)} '{h}'" for f, h in plan.mapping.items()
                      if any(f in alts for alts in REQUIRED[plan.kind]))
    if r.question == "values":
        why = "found only by their values"
    elif r.question == "close":
        why = f"though it could also be a {_rival(plan)} file"
    else:
        why = "under headers that do not clearly name them"
    return (f"This looks like a {plan.kind} file ({found}), {why}; to import it so, run again "
            f"with {plan.confirm_flags()}.")


def _unique_headers(cells: list[str]) -> list[str]:
    out, seen = [], {}
    for i, c in enumerate(cells):
        name = (c or "").replace("\ufeff", "").strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _is_subheader(row: list[str], prof: Profile | None, index: int = 0) -> bool:
    vals = [normalise_header(v) for v in row if v.strip()]
    if not vals:
        return False
    if sum(v.startswith("{\"importid\"") for v in vals) >= max(1, len(vals) // 2):
        return True  # Qualtrics' third header row
    if prof is not None and index < prof.subheader and not any(
            any(ch.isdigit() for ch in v) for v in vals):
        return True
    return sum(v in SUBHEADER_WORDS for v in vals) >= max(1, len(vals) // 2)


# -- staging ----------------------------------------------------------------------------------
def stage(cur, plan: Plan, table: str, folder: Path | None = None) -> int:
    """Create temp table `table` (c0..cN VARCHAR, rn = 1-based data row) with the data rows.
    DuckDB reads the file; when it refuses (ragged rows) or its count differs from ours, the
    Python csv module reads it instead. The rows wait in a file in `folder` (the database's
    `tmp` folder; a private one when None) only while they are read. Returns the number of
    staged rows."""
    fr = plan.framed
    expected = fr.records - plan.data_first
    ncols = len(plan.headers)
    if expected <= 0:
        cur.execute(f"CREATE TEMP TABLE {table} AS SELECT 1::BIGINT AS rn, "
                    + ", ".join(f"NULL::VARCHAR AS c{i}" for i in range(ncols))
                    + " WHERE false")
        return 0
    start = int(fr.starts[plan.data_first])
    body = fr.text_bytes[start:]
    with staged_file(body, folder) as path:
        _stage_from(cur, plan, table, str(path), body, expected)
    return expected


def _stage_from(cur, plan: Plan, table: str, path: str, body: bytes, expected: int) -> None:
    ncols = len(plan.headers)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
    delim = plan.framed.delimiter.replace("'", "''")
    options = (f"header=false, delim='{delim}', quote='\"', escape='\"', auto_detect=false, "
               f"columns={columns}, strict_mode=true, ignore_errors=false")
    fr = plan.framed
    longest = int((fr.ends - fr.starts).max()) + 2 if fr.records else 0
    if longest > 2_000_000:  # a giant cell: DuckDB's 2 MB line limit would refuse the file
        options += f", max_line_size={longest}, buffer_size={max(2 * longest, 16 << 20)}"
    # A DuckDB error inside the store's transaction would abort it, so DuckDB first counts
    # the rows on a private connection; only a clean read with the right count is redone
    # for real, anything else goes to the Python reader.
    ok = False
    probe = duckdb.connect()
    try:
        got = probe.execute(f"SELECT COUNT(*) FROM read_csv($path, {options})",
                            {"path": path}).fetchall()[0][0]
        clean = got == expected
    except duckdb.Error:
        clean = False
    finally:
        probe.close()
    try:
        if not clean:
            raise duckdb.Error("not clean")
        cur.execute(f"CREATE TEMP TABLE {table}_raw AS SELECT * FROM read_csv($path, {options})",
                    {"path": path})
        got = one(cur, f"SELECT COUNT(*) FROM {table}_raw")[0]
        ok = got == expected
        if not ok:
            cur.execute(f"DROP TABLE {table}_raw")
    except duckdb.Error:
        ok = False
    if ok:
        # rowid follows insertion (file) order; temp tables number from an offset. A view
        # adds the row number without copying the rows.
        first = one(cur, f"SELECT MIN(rowid) FROM {table}_raw")[0]
        cur.execute(f"CREATE TEMP VIEW {table} AS SELECT rowid - {int(first)} + 1 AS rn, * "
                    f"FROM {table}_raw")
    else:
        df = _python_rows(body, plan.framed.delimiter, ncols)
        if len(df) != expected:
            raise ImportError_(
                f"The file's rows could not be read consistently ({len(df):,} rows parsed, "
                f"{expected:,} expected); check for an unclosed quote.", "inconsistent",
                parsed=f"{len(df):,}", expected=f"{expected:,}")
        cur.register(f"{table}_df", df)
        cur.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM {table}_df")
        cur.unregister(f"{table}_df")


def _python_rows(body: bytes, delimiter: str, ncols: int) -> pd.DataFrame:
    """Rows as text, padded to the header width; extra non-empty fields are flagged."""
    text = body.decode("utf-8")
    rows, extra = [], []
    for rec in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                          doublequote=True, strict=False):
        if not rec or (len(rec) == 1 and not rec[0].strip() and rec[0] == ""):
            continue
        rec = [f.rstrip("\r") if i == len(rec) - 1 else f for i, f in enumerate(rec)]
        over = rec[ncols:]
        extra.append(len(rec) if any(v.strip() for v in over) else 0)
        rec = (rec[:ncols] + [None] * (ncols - len(rec)))
        rows.append([v if v != "" else None for v in rec])
    df = pd.DataFrame(rows, columns=[f"c{i}" for i in range(ncols)], dtype=object)
    df.insert(0, "rn", np.arange(1, len(df) + 1, dtype=np.int64))
    df["_extra"] = np.array(extra, dtype=np.int64)
    return df


def _has_extra(cur, table: str) -> bool:
    cols = [r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()]
    return "_extra" in cols


# -- analysis shared by preview and import ----------------------------------------------------
def analyse(cur, plan: Plan, table: str) -> None:
    """Date order and decimal commas from the staged values (the whole file, not a sample)."""
    date_fields = {"transactions": "ordered_at", "customers": "first_seen",
                   "referrals": "referred_at", "surveys": "responded_at"}
    dcol = plan.col(date_fields[plan.kind])
    if dcol:
        count, mx1, mx2, examples = one(cur, P.date_order_sql(dcol).replace("{table}", table))
        found = P.infer_date_order(count, mx1, mx2)
        plan.date_order_found = found
        plan.date_examples = list(examples or [])
        if found in ("dayfirst", "monthfirst"):
            if plan.date_order and plan.date_order != found:
                plan.warnings.append(
                    f"You chose {_order_words(plan.date_order)} but the dates in "
                    f"'{plan.mapping[date_fields[plan.kind]]}' can only be "
                    f"{_order_words(found)}; rows that do not fit were rejected.")
            else:
                plan.date_order = found
                plan.warnings.append(f"Dates were read as {_order_words(found)} (a value "
                                     "above 12 decides it).")
        elif found == "mixed":
            plan.date_order = plan.date_order or "dayfirst"
            plan.warnings.append("The file mixes day/month and month/day dates; rows that do "
                                 f"not fit {_order_words(plan.date_order)} were rejected.")
        elif found == "ambiguous" and plan.date_order is None and plan.profile is not None \
                and plan.profile.date_order:
            plan.date_order = plan.profile.date_order
            plan.warnings.append(f"Dates like {plan.date_examples[0]} were read as "
                                 f"{_order_words(plan.date_order)}, as "
                                 f"{plan.profile.label_en} writes them.")
    acol = plan.col("amount") or plan.col("line_total") or plan.col("unit_price")
    if acol:
        values = [r[0] for r in cur.execute(
            f"SELECT {acol} FROM {table} WHERE {acol} IS NOT NULL LIMIT 5000").fetchall()]
        plan.decimal_comma = (plan.profile.decimal_comma if plan.profile else False) or \
            P.uses_decimal_comma(values)
        if plan.decimal_comma:
            plan.warnings.append("Amounts use a decimal comma (1.234,56).")


def _order_words(order: str) -> str:
    return {"dayfirst": "day/month/year", "monthfirst": "month/day/year"}.get(order, order)


# -- the import -------------------------------------------------------------------------------
@_readable
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
                col = plan.mapping.get({"transactions": "ordered_at", "customers": "first_seen",
                                        "referrals": "referred_at",
                                        "surveys": "responded_at"}[plan.kind])
                raise DateOrderQuestion(col, plan.date_examples)
            batch = next_batch_id(cur)
            loader = {"transactions": _load_transactions, "customers": _load_customers,
                      "referrals": _load_referrals, "surveys": _load_surveys}[plan.kind]
            counts = loader(cur, plan, stg, batch, tag)
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
    line, raw = one(cur, f"SELECT r.rn, {_raw_text(plan, 's.')} FROM {counts['rejected_table']} r "
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
    except duckdb.Error:
        pass  # the transaction failed: its temporary objects go with the rollback


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
        rej = cur.execute(f"SELECT r.rn, r.reason, {_raw_text(plan, 's.')} AS raw "
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


# -- SQL helpers ------------------------------------------------------------------------------
def _text(col: str | None) -> str:
    """Trimmed text with Shopify's leading apostrophe removed, or NULL."""
    if col is None:
        return "NULL::VARCHAR"
    return (f"NULLIF(trim(CASE WHEN starts_with({col}, '''') THEN substr({col}, 2) "
            f"ELSE {col} END), '')")


def _norm(col: str | None) -> str:
    """Lower-case, `_ - .` folded to spaces: for comparing status words."""
    if col is None:
        return "NULL::VARCHAR"
    return f"trim(regexp_replace(lower({P.clean(col)}), '[_.\\-\\s]+', ' ', 'g'))"


def _in_list(values) -> str:
    return ", ".join("'" + normalise_header(v).replace("'", "''") + "'" for v in values)


def _skip_sql(plan: Plan) -> list[tuple[str, str]]:
    """(code, condition) pairs: noise rows skipped and counted."""
    rules = []
    if plan.profile is not None:
        for code, header, values in plan.profile.skip:
            col = plan.header_col(header)
            if col is None:
                continue
            if values == ("*",):
                rules.append((code, f"{_text(col)} IS NOT NULL"))
                continue
            exact = [v for v in values if not v.startswith("~")]
            parts = [f"{_norm(col)} IN ({_in_list(exact)})"] if exact else []
            parts += [f"strpos({_norm(col)}, {_in_list([v[1:]])}) > 0"
                      for v in values if v.startswith("~")]
            rules.append((code, "(" + " OR ".join(parts) + ")"))
    ns = _non_sale_col(plan)
    if ns and plan.col("amount"):
        # a row whose whole amount is the non-sale part (a gift card sold or refunded, and
        # nothing else) is not a sale: skipped and counted
        whole, part = (P.money(x, plan.decimal_comma) for x in (plan.col("amount"), ns))
        rules.append((plan.profile.non_sale[0],
                      f"COALESCE({part}, 0) <> 0 AND abs(COALESCE({whole}, 0) - {part}) < 0.005"))
    status = plan.col("status")
    if status and plan.kind == "transactions":
        rules.append(("cancelled", f"{_norm(status)} IN ({_in_list(CANCELLED)})"))
        rules.append(("test", f"{_norm(status)} IN ('test', 'test mode', 'テスト')"))
    if plan.kind == "surveys" and "score" in plan.mapping:
        # a feedback export mixing survey kinds (HubSpot: NPS, CSAT 0-2, CES 1-7): only the NPS
        # answers are NPS scores
        for header in ("survey type", "feedback type", "survey kind"):
            col = plan.header_col(header)
            if col is not None:
                rules.append(("not_nps", f"{_norm(col)} IN ('csat', 'ces', 'customer "
                                         "satisfaction', 'customer effort', 'customer effort "
                                         "score', 'customer satisfaction score')"))
                break
    rtype = plan.col("response_type")
    if rtype and plan.kind == "surveys":
        rules.append(("partial", f"{_norm(rtype)} IN ('partial', 'false', '0', 'no', "
                                 "'incomplete', '未完了')"))
        rules.append(("test", f"{_norm(rtype)} IN ('survey preview', 'preview', 'test')"))
    return rules


def _first_cell_total(plan: Plan) -> str:
    """A trailing totals row: its first non-empty cell says Total/合計 and the key is empty."""
    first = "COALESCE(" + ", ".join(f"c{i}" for i in range(min(len(plan.headers), 3))) + ")"
    return f"lower(trim({first})) IN ({', '.join(repr(w) for w in TOTAL_WORDS)})"


def _all_empty(plan: Plan) -> str:
    """Every cell empty (the readers give NULL for empty cells)."""
    cells = ", ".join(f"c{i}" for i in range(len(plan.headers)))
    return f"(COALESCE({cells}) IS NULL)"


def _raw_text(plan: Plan, prefix: str = "") -> str:
    """The row as a CSV line again (fields with the delimiter, quotes or newlines quoted)."""
    d = plan.framed.delimiter.replace("'", "''")
    parts = []
    for i in range(len(plan.headers)):
        c = f"{prefix}c{i}"
        parts.append(f"CASE WHEN regexp_matches({c}, '[{d}\"\\n\\r]') THEN '\"' || "
                     f"replace({c}, '\"', '\"\"') || '\"' ELSE COALESCE({c}, '') END")
    return f"concat_ws('{d}', " + ", ".join(parts) + ")"


def _plain_text(plan: Plan) -> str:
    d = plan.framed.delimiter.replace("'", "''")
    return f"concat_ws('{d}', " + ", ".join(f"COALESCE(c{i}, '')"
                                              for i in range(len(plan.headers))) + ")"


def _row_hash(plan: Plan) -> str:
    """Stable content key (md5) for rows without an id."""
    return "md5(" + _plain_text(plan) + ")"


def _row_fp(plan: Plan) -> str:
    """A fast fingerprint for spotting identical rows inside one file."""
    return "hash(" + _plain_text(plan) + ")"


def _reason_case(checks: list[tuple[str, str]]) -> str:
    if not checks:
        return "NULL::VARCHAR"
    return "CASE " + " ".join(f"WHEN {cond} THEN '{code}'" for code, cond in checks) + " END"


def _counts(cur, table: str, col: str) -> dict:
    return {r[0]: int(r[1]) for r in cur.execute(
        f"SELECT {col}, COUNT(*) FROM {table} WHERE {col} IS NOT NULL GROUP BY 1").fetchall()}


def _noise_checks(plan: Plan, stg_extra: bool) -> tuple[list, list]:
    """(skip checks, early reject checks) common to every kind."""
    skips = [("empty_row", _all_empty(plan)), ("totals_row", _first_cell_total(plan))]
    skips += _skip_sql(plan)
    rejects = [("too_many_fields", "_extra > 0")] if stg_extra else []
    return skips, rejects


# -- transactions -----------------------------------------------------------------------------
def _load_transactions(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    c = plan.col
    extra = _has_extra(cur, stg)
    warnings: list[str] = []
    date_expr = c("ordered_at")
    if c("ordered_time"):
        # a date column and a time column are one timestamp (a compact 103309 is 10:33:09);
        # a date that already has its time keeps it
        d, t = c("ordered_at"), c("ordered_time")
        clock = (f"regexp_replace(trim({t}), '^([0-9]{{1,2}})([0-9]{{2}})([0-9]{{2}})$', "
                 "'\\1:\\2:\\3')")
        date_expr = (f"(CASE WHEN regexp_matches({d}, '[0-9]:[0-9]{{2}}') THEN {d} "
                     f"ELSE COALESCE({d}, '') || ' ' || COALESCE({clock}, '') END)")
    order = _text(c("order_id"))
    line_items = plan.line_items
    # fill order-level fields down from each order's first row (line-item exports)
    repeats = c("order_id") is not None and one(
        cur, f"SELECT COUNT({order}) > COUNT(DISTINCT {order}) FROM {stg}")[0]
    skip_case = _reason_case(_noise_checks(plan, extra)[0])
    if c("refund_of") and c("order_id"):
        # a refund row that names the payment it refunds (PayPal "Reference Txn ID") belongs
        # to that order, so the refund reduces it; noise rows keep their own key
        amount_raw = _text(c("amount"))
        order = (f"(CASE WHEN {_text(c('refund_of'))} IS NOT NULL AND ({skip_case}) IS NULL "
                 f"AND regexp_matches({amount_raw}, '^[(-]|^[^0-9]*-') "
                 f"THEN {_text(c('refund_of'))} ELSE {order} END)")
        repeats = True
    p0 = f"cx_p0_{tag}"
    p0_sql = f"""SELECT rn, {order} AS order_raw,
            NULLIF({_text(c('customer_id'))}, '0') AS customer_raw,  -- 0 = guest checkout
            lower({_text(c('email'))}) AS email,
            {_text(c('customer_name'))} AS customer_name,
            NULLIF(trim({date_expr}), '') AS date_txt,
            {_amount_text(plan)} AS amount_txt,
            {_text(_non_sale_col(plan))} AS nonsale_txt,
            {_packed_amount(_text(c('refunded')))} AS refunded_txt,
            {_text(c('currency'))} AS currency_txt,
            {_text(c('channel'))} AS channel,
            {_text(c('items')) if c('items') else _packed_items(plan)} AS items_txt,
            {_text(c('discount'))} AS discount_txt,
            CASE WHEN starts_with({_text(c('discount_code'))}, 'code:') THEN
                regexp_extract({_text(c('discount_code'))}, '^code:([^|;]*)', 1)
                ELSE {_text(c('discount_code'))} END AS discount_code,
            {_text(c('product_category'))} AS product_category,
            {_text(c('status'))} AS status_txt,
            CASE WHEN {order} IS NULL THEN {_row_hash(plan)} END AS row_hash,
            {_row_fp(plan) if repeats else "NULL::UBIGINT"} AS row_fp,
            {skip_case} AS skip0,
            {"_extra" if extra else "0"} AS _extra
        FROM {stg}"""
    if repeats:
        cur.execute(f"CREATE TEMP TABLE {p0} AS {p0_sql}")
        src = p0
    else:
        src = f"({p0_sql})"
    agg_first = plan.profile.amount_agg == "first" if plan.profile else False
    if repeats:
        # order-level columns blank on continuation rows: fill them from the order's rows
        fill = ["customer_raw", "email", "customer_name", "date_txt", "currency_txt",
                "channel", "discount_code"]
        if line_items and agg_first:
            fill += ["amount_txt", "refunded_txt", "discount_txt"]
        p1 = f"cx_p1_{tag}"
        sel = ", ".join(
            f"CASE WHEN order_raw IS NULL THEN {f} ELSE COALESCE({f}, first_value({f} IGNORE "
            f"NULLS) OVER (PARTITION BY order_raw ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING "
            f"AND UNBOUNDED FOLLOWING)) END AS {f}" for f in fill)
        rest = [x for x in ("rn", "order_raw", "amount_txt", "nonsale_txt", "refunded_txt",
                            "items_txt",
                            "discount_txt", "product_category", "row_hash", "row_fp", "skip0",
                            "status_txt",
                            "_extra") if x not in fill]
        # skip rules of the order's first row apply to all of its lines; a non-sale row (a
        # gift card refunded after a sale that also sold coffee) is skipped on its own
        own = _lit(plan.profile.non_sale[0]) if _non_sale_col(plan) else "NULL"
        cur.execute(f"""CREATE TEMP TABLE {p1} AS SELECT {', '.join(rest)}, {sel},
            CASE WHEN order_raw IS NOT NULL THEN first_value(
                CASE WHEN skip0 IS DISTINCT FROM {own} THEN skip0 END IGNORE NULLS) OVER (
                PARTITION BY order_raw ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING
                AND UNBOUNDED FOLLOWING) END AS order_skip
            FROM {p0}""")
        src = p1
        if not agg_first:
            agg_first = one(cur, f"""SELECT COALESCE(bool_and(n_amt = 1), false) FROM (
                SELECT COUNT(DISTINCT amount_txt) AS n_amt FROM {p1} WHERE order_raw IS NOT NULL
                GROUP BY order_raw HAVING COUNT(*) > 1)""")[0]
            if agg_first:
                warnings.append("Order ids repeat with the same amount on every row: the amount "
                                "was taken once per order, not added up.")
    order_skip = "order_skip" if repeats else "NULL"
    ts = P.timestamp("date_txt", plan.date_order)
    amt = P.money("amount_txt", plan.decimal_comma)
    if _non_sale_col(plan):
        # the part of the amount that is not a sale (Square gift card sales) is not revenue
        amt = f"({amt} - COALESCE({P.money('nonsale_txt', plan.decimal_comma)}, 0))"
    ref = P.money("refunded_txt", plan.decimal_comma)
    if c("status"):
        # a fully refunded order whose refund column is empty (or that has none): its revenue
        # is gone, it stays an order of net amount 0 (not a purchase: amount > 0 is). ("返金",
        # a refund row, is a return word: its own amount counts negative, see below.)
        full = (f"(CASE WHEN {_norm('status_txt')} IN ('refunded', 'wc refunded', '返金済み') "
                f"THEN {amt} END)")
        ref = f"COALESCE({ref}, {full})" if c("refunded") else full
    disc = P.money("discount_txt", plan.decimal_comma)
    items = P.whole_number("items_txt")
    cur_code = P.currency_code("currency_txt")
    default_cur = plan.profile.default_currency if plan.profile else plan.currency_hint
    if plan.currency_hint and not c("currency"):
        warnings.append(f"Amounts without a currency were stored as {plan.currency_hint}, as "
                        "the amount's header says.")
    if default_cur is None and not c("currency") and any(
            re.search(r"[\u3040-\u30ff\u3400-\u9fff]", h) for h in plan.headers):
        default_cur = "JPY"
        warnings.append("Amounts without a currency were stored as JPY (the file's headers "
                        "are Japanese).")
    currency = (f"COALESCE({cur_code}, {P.currency_from_symbol('amount_txt')}, "
                f"{_lit(default_cur)})")
    dup_in_file = ("(order_raw IS NOT NULL AND row_number() OVER (PARTITION BY order_raw, row_fp "
                   "ORDER BY rn) > 1)") if repeats and not line_items else "false"
    # a return / refund row written with a positive amount (EZレジ 取引区分=返品) takes revenue
    # away: its amount counts negative
    signed_amt = (f"(CASE WHEN {_norm('status_txt')} IN ({_in_list(RETURN_WORDS)}) "
                  f"THEN -abs({amt}) ELSE {amt} END)") if c("status") else amt
    p = f"cx_p_{tag}"
    cur.execute(f"""
        CREATE TEMP TABLE {p} AS SELECT *,
            CASE WHEN skip_reason IS NOT NULL OR reason IS NOT NULL THEN false
                 ELSE {dup_in_file} END AS dup
        FROM (SELECT *, CASE WHEN skip_reason IS NOT NULL THEN NULL
                     WHEN _extra > 0 THEN 'too_many_fields'
                     WHEN date_txt IS NULL THEN 'missing_date'
                     WHEN {P.bad_timestamp('ordered_at')} THEN 'bad_date'
                     WHEN amount_txt IS NULL THEN 'missing_amount'
                     WHEN amount_v IS NULL THEN 'bad_amount'
                     WHEN refunded_txt IS NOT NULL AND refunded_v IS NULL THEN 'bad_amount'
                     WHEN items_txt IS NOT NULL AND items_v IS NULL THEN 'bad_items'
                END AS reason
        FROM (SELECT rn, order_raw, customer_raw, email, customer_name, channel, discount_code,
                product_category, row_hash, row_fp, date_txt, amount_txt, refunded_txt, items_txt,
                _extra, status_txt, {ts} AS ordered_at, {signed_amt} AS amount_v,
                {ref} AS refunded_v,
                {disc} AS discount_v, {items} AS items_v, {currency} AS currency,
                COALESCE(skip0, {order_skip}) AS skip_reason
              FROM {src}))""")
    # keys: the order id, or the row's content hash plus its occurrence among identical rows
    g = f"cx_g_{tag}"
    good_rows = "reason IS NULL AND skip_reason IS NULL AND NOT dup"
    if not one(cur, f"SELECT COUNT(*) FROM {p} WHERE order_raw IS NULL AND {good_rows}")[0]:
        cur.execute(f"CREATE TEMP VIEW {g} AS SELECT *, order_raw AS okey, false AS repeated_line "
                    f"FROM {p} WHERE {good_rows}")
    else:
        cur.execute(f"""CREATE TEMP TABLE {g} AS SELECT *,
            COALESCE(order_raw, 'row-' || substr(row_hash, 1, 16) || '-' ||
                CAST(row_number() OVER (PARTITION BY order_raw IS NULL, row_hash ORDER BY rn)
                     AS VARCHAR)) AS okey,
            order_raw IS NULL AND row_number() OVER (PARTITION BY order_raw IS NULL, row_hash
                ORDER BY rn) > 1 AS repeated_line
        FROM {p} WHERE {good_rows}""")
    n_repeat = one(cur, f"SELECT COUNT(*) FROM {g} WHERE repeated_line")[0]
    no_id = one(cur, f"SELECT COUNT(*) FROM {g} WHERE order_raw IS NULL")[0]
    if no_id:
        warnings.append(f"{no_id:,} row(s) have no order id: each is keyed by its content, so "
                        "importing the same file again adds nothing.")
    if n_repeat:
        warnings.append(f"{n_repeat:,} row(s) without an order id are identical to an earlier "
                        "row of the file; they were loaded as separate purchases.")
    # roll up to one row per order
    o = f"cx_o_{tag}"
    amount_agg = "min_by(amount_v, rn)" if agg_first else "SUM(amount_v)"
    refund_agg = ("min_by(refunded_v, rn) FILTER (WHERE refunded_v IS NOT NULL)" if agg_first
                  else "SUM(refunded_v)")
    has_items = bool(c("items")) or _packed_items(plan) != "NULL::VARCHAR"
    items_agg = "SUM(items_v)" if has_items else ("COUNT(*)" if line_items else "NULL")
    if repeats:
        cur.execute(f"""CREATE TEMP TABLE {o} AS SELECT okey AS order_id,
                COALESCE(min_by(customer_raw, rn) FILTER (WHERE customer_raw IS NOT NULL
                                                          AND amount_v >= 0),
                         min_by(customer_raw, rn) FILTER (WHERE customer_raw IS NOT NULL))
                    AS customer_raw,
                COALESCE(min_by(email, rn) FILTER (WHERE email IS NOT NULL AND amount_v >= 0),
                         min_by(email, rn) FILTER (WHERE email IS NOT NULL)) AS email,
                COALESCE(min_by(customer_name, rn) FILTER (WHERE customer_name IS NOT NULL
                                                           AND amount_v >= 0),
                         min_by(customer_name, rn) FILTER (WHERE customer_name IS NOT NULL))
                    AS cname,
                min(ordered_at) FILTER (WHERE amount_v >= 0) AS first_at, min(ordered_at) AS any_at,
                round({amount_agg} - COALESCE({refund_agg}, 0), 6) AS amount,
                round(COALESCE({refund_agg}, 0) {"" if agg_first else
                      "- COALESCE(SUM(amount_v) FILTER (WHERE amount_v < 0), 0)"}, 6)
                    AS refunded,
                min_by(currency, rn) FILTER (WHERE currency IS NOT NULL) AS currency,
                min_by(channel, rn) FILTER (WHERE channel IS NOT NULL) AS channel,
                CAST({items_agg} AS INTEGER) AS items,
                {"min_by(discount_v, rn)" if agg_first else "SUM(discount_v)"} AS discount,
                min_by(discount_code, rn) FILTER (WHERE discount_code IS NOT NULL) AS discount_code,
                min_by(product_category, rn) FILTER (WHERE product_category IS NOT NULL)
                    AS product_category,
                COUNT(*) AS lines
            FROM {g} GROUP BY okey""")
        cur.execute(f"ALTER TABLE {o} ADD COLUMN ordered_at TIMESTAMP")
        cur.execute(f"UPDATE {o} SET ordered_at = COALESCE(first_at, any_at)")
    else:
        cur.execute(f"""CREATE TEMP VIEW {o} AS SELECT okey AS order_id, customer_raw, email,
                customer_name AS cname, ordered_at,
                round(amount_v - COALESCE(refunded_v, 0), 6) AS amount,
                round(COALESCE(refunded_v, 0), 6) AS refunded, currency, channel,
                CAST({"items_v" if has_items else ("1" if line_items else "NULL")} AS INTEGER)
                    AS items, discount_v AS discount, discount_code, product_category,
                1 AS lines
            FROM {g}""")
    # customer identity: the id, else the customer with that email, else the email itself;
    # with both an id and an email, an id the store does not know yet but an email it does is
    # the same person (a payment processor's own customer id beside the shop's customers)
    by_email = ("(SELECT min(customer_id) FROM customers k WHERE o.email IS NOT NULL "
                "AND lower(trim(k.email)) = o.email)")
    if c("email") and not c("customer_id"):
        cust = f"COALESCE(o.customer_raw, {by_email}, o.email)"
    elif c("email"):
        known_id = ("(SELECT min(customer_id) FROM customers k WHERE o.customer_raw IS NOT NULL "
                    "AND k.customer_id = o.customer_raw)")
        cust = f"COALESCE({known_id}, {by_email}, o.customer_raw, o.email)"
    else:
        cust = "COALESCE(o.customer_raw, o.email)"
    source = plan.source
    # de-duplicate against what is loaded: orders already there are counted, not added
    ex = f"cx_ex_{tag}"
    cur.execute(f"CREATE TEMP TABLE {ex} AS SELECT order_id, lines FROM {o} "
                "WHERE order_id IN (SELECT order_id FROM transactions)")
    cur.execute(f"""INSERT INTO transactions (order_id, customer_id, ordered_at, amount, refunded,
            currency, channel, items, discount, discount_code, product_category, source, batch_id)
        SELECT o.order_id, {cust}, o.ordered_at, o.amount, NULLIF(o.refunded, 0), o.currency,
            o.channel, o.items,
            o.discount, o.discount_code, o.product_category, $source, $batch
        FROM {o} o WHERE o.order_id NOT IN (SELECT order_id FROM {ex})""",
                {"source": source, "batch": batch})
    tot = one(cur, f"""SELECT COUNT(*), COALESCE(SUM(lines), 0), COUNT(DISTINCT currency),
        COUNT(*) FILTER (WHERE currency IS NULL) FROM {o}""")
    old = one(cur, f"SELECT COUNT(*), COALESCE(SUM(lines), 0) FROM {ex}")
    records, loaded_lines = int(tot[0] - old[0]), int(tot[1] - old[1])
    total_good = int(tot[1])
    dup_file = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    duplicate = total_good - loaded_lines + dup_file
    # customers seen only in transactions become customers (first_seen = first order)
    cur.execute(f"""INSERT INTO customers (customer_id, first_seen, email, name, batch_id)
        SELECT cid, MIN(ordered_at), min(email), min(cname), $batch
        FROM (SELECT {cust} AS cid, o.ordered_at, o.email, o.cname FROM {o} o
              WHERE o.order_id NOT IN (SELECT order_id FROM {ex})) n
        WHERE cid IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM customers k WHERE k.customer_id = n.cid)
        GROUP BY cid""", {"batch": batch})
    cur.execute("""UPDATE customers SET first_seen = f.first FROM (
            SELECT customer_id, MIN(ordered_at) AS first FROM transactions
            WHERE batch_id = $batch AND customer_id IS NOT NULL GROUP BY customer_id) f
        WHERE customers.customer_id = f.customer_id
          AND (customers.first_seen IS NULL OR f.first < customers.first_seen)""",
                {"batch": batch})
    if c("discount_code") and one(cur, "SELECT EXISTS (SELECT 1 FROM referral_codes)")[0]:
        derived = derive_code_referrals(cur, batch)
        if derived:
            warnings.append(f"{derived:,} referral(s) found from orders that used a referrer's "
                            "discount code.")
    cancels = one(cur, f"SELECT COUNT(*) FROM {o} WHERE amount < 0 AND order_id NOT IN "
                       f"(SELECT order_id FROM {ex})")[0]
    if line_items or repeats or cancels:
        warnings.append(f"{loaded_lines:,} line(s) made {records:,} order(s); {cancels:,} of them "
                        "are cancellations or refunds (a negative amount): they reduce revenue "
                        "and are never purchases.")
    if not c("amount") and (c("line_total") or c("unit_price")):
        how = (f"its lines' '{plan.mapping['line_total']}'" if c("line_total") else
               f"'{plan.mapping['unit_price']}' x "
               f"'{plan.mapping.get('items', 'one')}' over its lines")
        warnings.append(f"The file has no order total: an order's amount is {how}.")
    if not c("customer_id") and not c("email"):
        warnings.append("The file has no customer column: its orders count for revenue but "
                        "not for customer metrics (retention, segments, churn).")
    if not c("currency") and tot[3]:
        warnings.append("The file has no currency column and its amounts no currency sign; "
                        "they were stored without a currency.")
    n_cur = tot[2]
    if n_cur > 1:
        warnings.append(f"The file holds {n_cur} currencies; they are kept apart, never added "
                        "up.")
    return {"loaded": loaded_lines, "duplicate": duplicate, "records": records,
            "skipped": _counts(cur, p, "skip_reason"), "rejected": _counts(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}


def _amount_text(plan: Plan) -> str:
    """The amount of a row as text: the amount column; in a file priced by line without an
    order total, the line total, else unit price x quantity (a missing quantity is one). A
    price that is not a number stays as its text, so the row is rejected as bad_amount."""
    c = plan.col
    if c("amount") or not (c("line_total") or c("unit_price")):
        return _text(c("amount"))
    if c("line_total"):
        return _text(c("line_total"))
    price = _text(c("unit_price"))
    value = P.money(price, plan.decimal_comma)
    qty = f"COALESCE({P.money(_text(c('items')), plan.decimal_comma)}, 1)" if c("items") else "1"
    line = f"printf('%.6f', {value} * {qty})"
    if plan.decimal_comma:
        line = f"replace({line}, '.', ',')"
    return f"(CASE WHEN {value} IS NULL THEN {price} ELSE {line} END)"


def _non_sale_col(plan: Plan) -> str | None:
    """The staged column of the profile's non-sale amount (Square `Gift Card Sales`)."""
    if plan.kind != "transactions" or not plan.profile or not plan.profile.non_sale:
        return None
    return plan.header_col(plan.profile.non_sale[1])


def _packed_amount(text: str) -> str:
    """A refund cell packed as WooCommerce (WebToffee) writes it, `amount:18.00|reason:...`
    (several refunds: each its own `amount:`), becomes the refunds' total as text; any other
    text is kept as it is (a plain amount)."""
    number = "(-?[0-9]+(?:\\.[0-9]+)?)"
    amounts = (f"TRY_CAST(regexp_extract_all({text}, '(?:^|[|;])\\s*amount:\\s*{number}', 1) "
               "AS DOUBLE[])")
    return (f"(CASE WHEN regexp_matches({text}, '(?:^|[|;])\\s*amount:') "
            f"THEN CAST(list_sum({amounts}) AS VARCHAR) ELSE {text} END)")


def _packed_items(plan: Plan) -> str:
    """Item count of a one-row-per-order export whose items are packed in cells (WooCommerce
    `line_item_1`, `line_item_2`, ... holding `name:...|quantity:2|total:...`): the quantities
    added up (a filled cell without a quantity is one item). NULL when there are no such cells
    or all are empty."""
    prefix = plan.profile.packed_items if plan.profile else None
    if not prefix:
        return "NULL::VARCHAR"
    stem = normalise_header(prefix)
    cols = [f"c{i}" for i, h in enumerate(plan.headers)
            if re.fullmatch(re.escape(stem) + r"\s*\d+", normalise_header(h))]
    if not cols:
        return "NULL::VARCHAR"
    qty = [f"(CASE WHEN {_text(col)} IS NULL THEN 0 ELSE COALESCE(TRY_CAST(regexp_extract("
           f"{col}, '(?:^|[|;])\\s*(?:quantity|qty):\\s*([0-9]+)', 1) AS BIGINT), 1) END)"
           for col in cols]
    filled = "COALESCE(" + ", ".join(_text(col) for col in cols) + ")"
    return f"(CASE WHEN {filled} IS NULL THEN NULL ELSE CAST({' + '.join(qty)} AS VARCHAR) END)"


def _lit(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


# -- customers --------------------------------------------------------------------------------
def _load_customers(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    c = plan.col
    extra = _has_extra(cur, stg)
    skips, _ = _noise_checks(plan, extra)
    name = _text(c("name"))
    if not c("name") and (c("first_name") or c("last_name")):
        name = (f"NULLIF(trim(concat_ws(' ', {_text(c('first_name'))}, "
                f"{_text(c('last_name'))})), '')")
    ts = P.timestamp(_text(c("first_seen")), plan.date_order) if c("first_seen") else \
        "NULL::TIMESTAMP"
    email = f"lower({_text(c('email'))})"
    known = (f"(SELECT min(k.customer_id) FROM customers k WHERE {email} IS NOT NULL "
             f"AND k.customer_id = {email})") if c("email") else "NULL"
    cid = f"COALESCE({known}, {_text(c('customer_id'))}, {email})"
    p = f"cx_p_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {p} AS SELECT *,
            reason IS NULL AND skip_reason IS NULL AND
                row_number() OVER (PARTITION BY customer_id, reason IS NULL AND
                    skip_reason IS NULL ORDER BY rn) > 1 AS dup
        FROM (SELECT rn, {cid} AS customer_id, {email} AS email, {name} AS name, {ts} AS first_seen,
                {_text(c('acquisition_channel'))} AS acquisition_channel,
                {_text(c('referred_by'))} AS referred_by, {_text(c('region'))} AS region,
                {_reason_case(skips)} AS skip_reason,
                CASE WHEN {_reason_case(skips)} IS NOT NULL THEN NULL
                     WHEN {"_extra > 0" if extra else "false"} THEN 'too_many_fields'
                     WHEN {cid} IS NULL THEN 'missing_customer'
                     WHEN {_text(c('first_seen'))} IS NOT NULL AND {P.bad_timestamp(ts)} THEN 'bad_date'
                END AS reason
              FROM {stg})""")
    good = f"cx_good_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {good} AS SELECT p.*,
            EXISTS (SELECT 1 FROM customers k WHERE k.customer_id = p.customer_id) AS existing
        FROM {p} p WHERE reason IS NULL AND skip_reason IS NULL AND NOT dup""")
    cur.execute(f"""INSERT INTO customers (customer_id, first_seen, name, email,
            acquisition_channel, referred_by, region, batch_id)
        SELECT customer_id, first_seen, name, email, acquisition_channel, referred_by, region,
               $batch FROM {good} WHERE NOT existing""", {"batch": batch})
    # merge: fill what existing customers lack (never overwrite what is there)
    filled = one(cur, f"""SELECT COUNT(*) FROM {good} g JOIN customers k USING (customer_id)
        WHERE g.existing AND ((k.name IS NULL AND g.name IS NOT NULL)
           OR (k.email IS NULL AND g.email IS NOT NULL)
           OR (k.region IS NULL AND g.region IS NOT NULL)
           OR (k.acquisition_channel IS NULL AND g.acquisition_channel IS NOT NULL)
           OR (k.referred_by IS NULL AND g.referred_by IS NOT NULL))""")[0]
    if filled:
        cur.execute(f"""UPDATE customers SET
                name = COALESCE(customers.name, g.name),
                email = COALESCE(customers.email, g.email),
                region = COALESCE(customers.region, g.region),
                acquisition_channel = COALESCE(customers.acquisition_channel,
                                               g.acquisition_channel),
                referred_by = COALESCE(customers.referred_by, g.referred_by),
                first_seen = COALESCE(customers.first_seen, g.first_seen)
            FROM {good} g WHERE g.existing AND customers.customer_id = g.customer_id""")
    warnings = []
    if filled:
        warnings.append(f"{filled:,} customer(s) already known were completed with this file's "
                        "details (names, emails, regions); undo does not remove those details.")
    # referred_by feeds referrals
    cur.execute(f"""INSERT INTO referrals (referrer_id, referred_id, referred_at, batch_id)
        SELECT DISTINCT COALESCE((SELECT min(k.customer_id) FROM customers k
                                  WHERE lower(k.email) = lower(g.referred_by)), g.referred_by),
               g.customer_id, g.first_seen, $batch
        FROM {good} g WHERE g.referred_by IS NOT NULL AND g.referred_by <> g.customer_id
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referred_id = g.customer_id
                          AND r.referrer_id = g.referred_by)""", {"batch": batch})
    new = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing")[0]
    existing = one(cur, f"SELECT COUNT(*) FROM {good} WHERE existing")[0]
    dups = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    return {"loaded": new, "duplicate": existing + dups, "records": new,
            "skipped": _counts(cur, p, "skip_reason"), "rejected": _counts(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}


# -- referrals --------------------------------------------------------------------------------
def _load_referrals(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    """Referral pairs (referrer -> referred customer), and code-to-referrer rows: a referral
    code with its referrer. Orders that used such a code become referrals of their customer."""
    c = plan.col
    extra = _has_extra(cur, stg)
    skips, _ = _noise_checks(plan, extra)
    if c("status"):
        skips.append(("not_approved", f"starts_with({_norm(c('status'))}, 'rejected') OR "
                                      f"{_norm(c('status'))} IN ('cancelled', 'canceled', "
                                      "'declined', 'void')"))

    def who(id_field, email_field):
        """The customer on one side: a known customer with that email (lower-cased, trimmed;
        a referral app's own ids mean nothing to the shop's exports), else a known customer
        with that id, else the id, else the email."""
        email = f"lower({_text(c(email_field))})"
        ident = _text(c(id_field))
        known_email = (f"(SELECT min(k.customer_id) FROM customers k WHERE {email} IS NOT NULL "
                       f"AND (lower(trim(k.email)) = {email} OR k.customer_id = {email}))")
        known_id = (f"(SELECT min(k.customer_id) FROM customers k WHERE {ident} IS NOT NULL "
                    f"AND k.customer_id = {ident})")
        return f"COALESCE({known_email}, {known_id}, {ident}, {email})"

    ts = P.timestamp(_text(c("referred_at")), plan.date_order) if c("referred_at") else \
        "NULL::TIMESTAMP"
    code = f"upper({_text(c('code'))})"
    p = f"cx_p_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {p} AS SELECT *,
            reason IS NULL AND skip_reason IS NULL AND row_number() OVER (
                PARTITION BY referrer_id, referred_id, code, reason IS NULL AND
                skip_reason IS NULL ORDER BY rn) > 1 AS dup
        FROM (SELECT rn, referrer_id, referred_id, referrer_email, referred_email, code,
                referred_at, skip_reason,
                CASE WHEN skip_reason IS NOT NULL THEN NULL
                     WHEN _extra > 0 THEN 'too_many_fields'
                     WHEN referrer_id IS NULL THEN 'missing_referrer'
                     WHEN referred_id IS NULL AND code IS NULL THEN 'missing_referred'
                     WHEN referrer_id = referred_id THEN 'self_referral'
                     WHEN date_txt IS NOT NULL AND {P.bad_timestamp('referred_at')}
                          THEN 'bad_date'
                END AS reason
              FROM (SELECT rn, {who('referrer_id', 'referrer_email')} AS referrer_id,
                      {who('referred_id', 'referred_email')} AS referred_id,
                      lower({_text(c('referrer_email'))}) AS referrer_email,
                      lower({_text(c('referred_email'))}) AS referred_email, {code} AS code,
                      {_text(c('referred_at'))} AS date_txt, {ts} AS referred_at,
                      {_reason_case(skips)} AS skip_reason,
                      {"_extra" if extra else "0"} AS _extra
                    FROM {stg}))""")
    good = f"cx_good_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {good} AS SELECT p.*,
            CASE WHEN referred_id IS NOT NULL THEN EXISTS (SELECT 1 FROM referrals r
                     WHERE r.referrer_id = p.referrer_id AND r.referred_id = p.referred_id)
                 ELSE EXISTS (SELECT 1 FROM referral_codes k WHERE k.code = p.code) END
                AS existing
        FROM {p} p WHERE reason IS NULL AND skip_reason IS NULL AND NOT dup""")
    cur.execute(f"""INSERT INTO referrals (referrer_id, referred_id, referred_at, batch_id)
        SELECT referrer_id, referred_id, referred_at, $batch FROM {good}
        WHERE NOT existing AND referred_id IS NOT NULL""", {"batch": batch})
    cur.execute(f"""INSERT INTO referral_codes (code, referrer_id, batch_id)
        SELECT code, min_by(referrer_id, rn), $batch FROM {good} g WHERE code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM referral_codes k WHERE k.code = g.code)
        GROUP BY code""", {"batch": batch})
    # both sides are customers; a new one keeps its email, so a later export of orders by
    # email finds the same person instead of adding another
    cur.execute(f"""INSERT INTO customers (customer_id, first_seen, email, batch_id)
        SELECT id, MIN(seen_at), min(COALESCE(email, CASE WHEN position('@' IN id) > 0
                                                      THEN id END)), $batch FROM (
            SELECT referrer_id AS id, NULL::TIMESTAMP AS seen_at, referrer_email AS email
            FROM {good} WHERE NOT existing
            UNION ALL SELECT referred_id, referred_at, referred_email FROM {good}
            WHERE NOT existing AND referred_id IS NOT NULL) u
        WHERE NOT EXISTS (SELECT 1 FROM customers k WHERE k.customer_id = u.id)
        GROUP BY id""", {"batch": batch})
    derived = derive_code_referrals(cur, batch)
    new = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing")[0]
    existing = one(cur, f"SELECT COUNT(*) FROM {good} WHERE existing")[0]
    dups = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    warnings = []
    if derived:
        warnings.append(f"{derived:,} referral(s) found from orders that used a referrer's "
                        "discount code.")
    return {"loaded": new, "duplicate": existing + dups, "records": new + derived,
            "skipped": _counts(cur, p, "skip_reason"), "rejected": _counts(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}


def derive_code_referrals(cur, batch: int) -> int:
    """Orders whose discount code belongs to a referrer make their customer a referral of that
    referrer (first such order's date); added under `batch`. Returns how many were added."""
    before = one(cur, "SELECT COUNT(*) FROM referrals")[0]
    cur.execute("""INSERT INTO referrals (referrer_id, referred_id, referred_at, batch_id)
        SELECT k.referrer_id, t.customer_id, MIN(t.ordered_at), $batch
        FROM transactions t JOIN referral_codes k ON upper(trim(t.discount_code)) = k.code
        WHERE t.customer_id IS NOT NULL AND t.customer_id <> k.referrer_id
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referred_id = t.customer_id
                          AND r.referrer_id = k.referrer_id)
        GROUP BY k.referrer_id, t.customer_id""", {"batch": batch})
    return one(cur, "SELECT COUNT(*) FROM referrals")[0] - before


# -- surveys ----------------------------------------------------------------------------------
def _load_surveys(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    c = plan.col
    extra = _has_extra(cur, stg)
    skips, _ = _noise_checks(plan, extra)
    score_txt = _text(c("score"))
    score = P.nps_score(c("score"))
    ts = P.timestamp(_text(c("responded_at")), plan.date_order)
    date_txt = _text(c("responded_at"))
    if c("responded_at") is None and plan.survey_date:
        # a survey without answer dates: every answer is dated the day it was run
        ts = f"TIMESTAMP '{date.fromisoformat(plan.survey_date).isoformat()}'"
        date_txt = f"'{date.fromisoformat(plan.survey_date).isoformat()}'"
    email = f"lower({_text(c('email'))})"
    order = _text(c("order_id"))
    p = f"cx_p_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {p} AS SELECT *,
            COALESCE(response_raw, 'resp-' || substr(row_hash, 1, 16) || '-' || CAST(
                row_number() OVER (PARTITION BY response_raw IS NULL, row_hash ORDER BY rn)
                AS VARCHAR)) AS response_id,
            reason IS NULL AND skip_reason IS NULL AND response_raw IS NOT NULL AND
                row_number() OVER (PARTITION BY response_raw, reason IS NULL AND
                    skip_reason IS NULL ORDER BY rn) > 1 AS dup
        FROM (SELECT rn, {_text(c('response_id'))} AS response_raw,
                {_text(c('customer_id'))} AS customer_raw, {email} AS email, {order} AS order_id,
                {ts} AS responded_at, {score} AS score, {_text(c('comment'))} AS comment,
                {_text(c('touchpoint'))} AS touchpoint, {_text(c('channel'))} AS channel,
                {_row_hash(plan)} AS row_hash,
                {_reason_case(skips)} AS skip_reason,
                CASE WHEN {_reason_case(skips)} IS NOT NULL THEN NULL
                     WHEN {"_extra > 0" if extra else "false"} THEN 'too_many_fields'
                     WHEN {score_txt} IS NULL THEN 'missing_score'
                     WHEN {score} IS NULL THEN 'bad_score'
                     WHEN {score} > 10 THEN 'score_out_of_range'
                     WHEN {date_txt} IS NULL THEN 'missing_date'
                     WHEN {P.bad_timestamp(ts)} THEN 'bad_date'
                END AS reason
              FROM {stg})""")
    good = f"cx_good_{tag}"
    # respondents matched to customers by id, else email, else the order they answered about
    cur.execute(f"""CREATE TEMP TABLE {good} AS SELECT p.*,
            COALESCE(p.customer_raw,
                     (SELECT min(k.customer_id) FROM customers k
                      WHERE p.email IS NOT NULL AND lower(trim(k.email)) = p.email),
                     (SELECT min(t.customer_id) FROM transactions t
                      WHERE p.order_id IS NOT NULL AND t.order_id IN (p.order_id,
                            '#' || p.order_id))) AS customer_id,
            EXISTS (SELECT 1 FROM survey_responses s WHERE s.response_id = p.response_id)
                AS existing
        FROM {p} p WHERE reason IS NULL AND skip_reason IS NULL AND NOT dup""")
    cur.execute(f"""INSERT INTO survey_responses (response_id, customer_id, email, order_id,
            responded_at, score, comment, touchpoint, channel, batch_id)
        SELECT response_id, customer_id, email, order_id, responded_at, score, comment,
               touchpoint, channel, $batch FROM {good} WHERE NOT existing""", {"batch": batch})
    new = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing")[0]
    existing = one(cur, f"SELECT COUNT(*) FROM {good} WHERE existing")[0]
    dups = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    unmatched = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing AND "
                         "customer_id IS NULL")[0]
    warnings = []
    if unmatched:
        warnings.append(f"{unmatched:,} response(s) could not be matched to a customer; they "
                        "still count for NPS.")
    return {"loaded": new, "duplicate": existing + dups, "records": new,
            "skipped": _counts(cur, p, "skip_reason"), "rejected": _counts(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}


# -- undo and preview -------------------------------------------------------------------------
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


@dataclass
class Preview:
    kind: str
    source: str
    source_label: str
    encoding: str
    delimiter: str
    headers: list[str]
    mapping: dict
    rows: pd.DataFrame
    rows_read: int
    date_question: bool
    date_examples: list[str]
    date_order: str | None
    warnings: list[str]
    file_name: str | None = None
    date_ambiguous: bool = False   # ask (or let the user change a layout's usual order)
    missing: list[str] = field(default_factory=list)  # required fields not mapped yet
    question: str | None = None      # 'values' / 'weak' / 'close': confirm the guess first
    evidence: dict = field(default_factory=dict)      # field -> 'header' | 'values'
    confirm: str = ""                # the sentence that says what to confirm (English)
    needs_survey_date: bool = False  # a survey without answer dates: ask when it was run
    rival: str | None = None         # with question 'close': the other kind it could be

    @property
    def pii_columns(self) -> list[str]:
        """Headers holding names or emails (masked in presenter mode)."""
        mapped = {self.mapping.get(f) for f in PII_FIELDS}
        return [h for h in self.headers if h in mapped or any(
            w in normalise_header(h) for w in PII_WORDS)]

    def masked_rows(self) -> pd.DataFrame:
        from cx.safety import mask_email, mask_name

        out = self.rows.copy()
        for h in self.pii_columns:
            if h in out.columns:
                is_email = "mail" in normalise_header(h) or self.mapping.get("email") == h
                out[h] = out[h].map(mask_email if is_email else mask_name)
        return out


PII_FIELDS = ("email", "customer_name", "name", "first_name", "last_name", "referrer_email",
              "referred_email")
PII_WORDS = ("name", "email", "e mail", "mail", "氏名", "名前", "メール", "氏(", "名(", "phone",
             "電話", "address", "住所")


@_readable
def preview_file(source, kind: str = "auto", mapping: dict | None = None,
                 date_order: str | None = None, file_name: str | None = None,
                 max_rows: int = 10, store: Store | None = None) -> Preview:
    """What the Data page shows before importing: detected kind and source, encoding,
    delimiter, the proposed mapping, the first rows, and whether to ask for the date order.
    Reads the whole file into a private in-memory DuckDB (the store's data is not touched;
    `store` only says where the rows wait while they are read: its folder's tmp/)."""
    plan = plan_file(source, kind, mapping, date_order, file_name, strict=False)
    con = duckdb.connect()
    try:
        stage(con, plan, "cx_preview", staging_dir(store))
        if satisfies(plan.kind, plan.mapping):
            analyse(con, plan, "cx_preview")
        df = con.execute(f"SELECT * EXCLUDE (rn) FROM cx_preview ORDER BY rn LIMIT {max_rows}"
                         ).df()
    finally:
        con.close()
    if "_extra" in df.columns:
        df = df.drop(columns="_extra")
    df.columns = plan.headers[: len(df.columns)]
    return Preview(plan.kind, plan.source, plan.source_label, plan.framed.encoding,
                   plan.framed.delimiter, plan.headers, dict(plan.mapping), df, plan.rows_read,
                   plan.needs_date_order, plan.date_examples, plan.date_order, plan.warnings,
                   plan.file_name, plan.date_order_found == "ambiguous",
                   missing_fields(plan.kind, plan.mapping),
                   plan.recognition.question if plan.recognition is not None else None,
                   dict(plan.recognition.evidence) if plan.recognition is not None else {},
                   confirm_sentence(plan) if plan.recognition is not None
                   and plan.recognition.question else "",
                   plan.kind == "surveys" and "responded_at" not in plan.mapping,
                   _rival(plan))
