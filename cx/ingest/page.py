"""What the Data page shows, in the user's language: a file's preview (kept for the files the
page asks about again on every rerun), an import's outcome, the import history with the batches
that can be undone, a batch's rejected rows, and the refusal sentences. The page passes the
store (cx.ui.get_store()) or a cursor (cx.ui.cached); it never touches the store itself."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pandas as pd

from cx import annotations, i18n
from cx.cache import remember_file
from cx.ingest.history import import_history, rejected_rows
from cx.ingest.load import import_file
from cx.ingest.preview import Preview, preview_file
from cx.ingest.profiles import by_key
from cx.ingest.reading import DateOrderQuestion, ImportError_
from cx.ingest.staging import staging_dir
from cx.store import Store, delete_all


# -- the words ------------------------------------------------------------------------------
def reason_text(code: str, lang: str) -> str:
    """A reject or skip reason code in words (the code itself when it has none)."""
    key = f"data.reason.{code}"
    return i18n.t(key, lang) if i18n.has(key) else code


def error_text(exc: ImportError_ | tuple, lang: str) -> str:
    """The import's one-sentence refusal, in the user's language when it has a translation.
    Takes the exception or its (message, code, values) as preview_upload keeps it."""
    message, code, values = exc if isinstance(exc, tuple) else (
        str(exc), getattr(exc, "code", None), getattr(exc, "values", {}))
    if code and i18n.has(f"data.err.{code}"):
        if "reason" in values:
            values = {**values, "reason": reason_text(values["reason"], lang)}
        if "kind" in values and i18n.has(f"data.kind.{values['kind']}"):
            values = {**values, "kind": i18n.t(f"data.kind.{values['kind']}", lang)}
        return i18n.t(f"data.err.{code}", lang, **values)
    return message


def layout_name(source: str, lang: str) -> str | None:
    """The name of the known export layout a file was recognised as, or None."""
    profile = by_key(source)
    return profile.label(lang) if profile else None


# -- before importing -----------------------------------------------------------------------
def preview_upload(store: Store, data: bytes, name: str, kind: str, mapping: dict | None,
                   order: str | None) -> tuple[Preview | None, tuple | None]:
    """(the preview, None) of an uploaded file, or (None, (message, code, values)) when it
    cannot be imported. Previews are kept in the one cache's memory (the page asks again on every
    rerun), whatever the session; the refusal is kept untranslated, for every language. Each
    call gets its own copy."""
    mapping_key = json.dumps(mapping or {}, sort_keys=True, ensure_ascii=False)
    key = (hashlib.sha256(data).hexdigest(), name, kind, mapping_key, order,
           str(staging_dir(store)))

    def compute() -> tuple:
        try:
            return (preview_file(data, kind=kind, mapping=json.loads(mapping_key) or None,
                                 date_order=order, file_name=name, store=store), None)
        except ImportError_ as exc:
            return (None, (str(exc), exc.code, dict(exc.values)))

    return remember_file(("cx.ingest.page.preview_upload", *key), compute)


# -- importing ------------------------------------------------------------------------------
def import_upload(store: Store, item: dict, lang: str) -> dict:
    """Import one file as the page settled it (data, name, kind, mapping, order, survey_date):
    what the results list shows of it."""
    try:
        r = import_file(store, item["data"], kind=item["kind"], date_order=item["order"],
                        mapping=item["mapping"], file_name=item["name"],
                        survey_date=item["survey_date"])
    except (ImportError_, DateOrderQuestion) as exc:
        return {"ok": False, "name": item["name"], "message": error_text(exc, lang)}
    return {"ok": True, "name": item["name"], "source": r.source_label, "batch": r.batch_id,
            "read": r.rows_read, "loaded": r.rows_loaded, "rejected": r.rows_rejected,
            "skipped": r.rows_skipped, "duplicates": r.rows_duplicate, "warnings": r.warnings}


def rejected_table(cur, batch_id: int, lang: str, presenter: bool) -> tuple[pd.DataFrame,
                                                                            pd.DataFrame]:
    """A batch's rejected rows: (as shown, with the reasons in words; as downloaded). In
    presenter mode without the raw line, which may hold names and e-mails."""
    rej = rejected_rows(cur, batch_id)
    if presenter:
        rej = rej.drop(columns=["raw"])
    shown = rej.assign(reason=rej["reason"].map(lambda c: reason_text(c, lang))).rename(
        columns={"line_no": i18n.t("data.col.line", lang),
                 "reason": i18n.t("data.col.reason", lang), "raw": i18n.t("data.col.raw", lang)})
    return shown, rej


def delete_everything(store: Store) -> None:
    """Delete every customer, order, response, referral and import batch."""
    delete_all(store)


# -- after importing ------------------------------------------------------------------------
@dataclass
class ImportHistory:
    table: pd.DataFrame     # every batch, newest first, in words (empty: nothing imported)
    undoable: dict          # batch id -> its label, for the batches not undone


def history(cur, lang: str) -> ImportHistory:
    """The import history as the page shows it, and the batches that can be undone."""
    batches = import_history(cur)
    if batches.empty:
        return ImportHistory(batches, {})

    def kind_words(k):
        return i18n.t(f"data.kind.{k}", lang) if i18n.has(f"data.kind.{k}") else k

    table = batches.assign(
        source=batches["source"].map(lambda k: layout_name(k, lang) or k),
        kind=batches["kind"].map(kind_words),
        status=batches["undone_at"].map(
            lambda u: i18n.t("data.status_undone", lang) if u is not None and u == u
            else i18n.t("data.status_active", lang)),
    ).drop(columns=["undone_at"]).rename(columns={
        "batch_id": i18n.t("data.col.batch", lang), "kind": i18n.t("data.col.kind", lang),
        "file_name": i18n.t("data.col.file", lang), "source": i18n.t("data.col.source", lang),
        "rows_read": i18n.t("data.col.read", lang),
        "rows_loaded": i18n.t("data.col.loaded", lang),
        "rows_rejected": i18n.t("data.col.rejected", lang),
        "rows_skipped": i18n.t("data.col.skipped", lang),
        "rows_duplicate": i18n.t("data.col.duplicates", lang),
        "imported_at": i18n.t("data.col.when", lang), "status": i18n.t("data.col.status", lang)})
    active = batches[batches["undone_at"].isna()]
    undoable = {int(b.batch_id): i18n.t("data.batch_label", lang, batch=int(b.batch_id),
                                        name=i18n.t("data.kind.demo", lang) if b.kind == "demo"
                                        else (b.file_name or ""),
                                        loaded=i18n.fmt_int(b.rows_loaded or 0))
                for b in active.itertuples()}
    return ImportHistory(table, undoable)


# -- events on the timeline -----------------------------------------------------------------
def events_listing(cur, lang: str) -> list[tuple[int, str]]:
    """(id, "label · date[ – end]") of every event by date, for the list with delete buttons.
    Uncached: events change without a new data version (cx.annotations)."""
    return [(e.annotation_id, annotations.describe(e, lang))
            for e in annotations.list_events(cur)]


def events_frame(cur) -> pd.DataFrame:
    """Every event as the CSV download's columns date, label, end."""
    return annotations.export_frame(annotations.list_events(cur))
