"""What the Data page shows of a file before importing it: the plan (kind, layout, mapping,
encoding, delimiter), the first rows, and what to ask first (the date order, a guess to
confirm, the date a survey was run). The store's data is never touched."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from cx.ingest.fields import missing_fields, satisfies
from cx.ingest.plan import analyse, confirm_sentence, csv_errors_refused, plan_file, rival
from cx.ingest.reading import normalise_header
from cx.ingest.staging import stage, staging_dir
from cx.safety import mask_email, mask_name
from cx.store import Store


@dataclass
class Preview:
    """What the Data page shows of one file before importing it."""
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


@csv_errors_refused
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
                   rival(plan))
