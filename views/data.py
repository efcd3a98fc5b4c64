"""Data page: import files (preview, mapping, date order, progress, results), history with undo,
demo data, delete all."""
import hashlib
import json

import streamlit as st

from cx import churn, i18n, ui
from cx.demo import load_demo
from cx.exports import revenue_by_currency, revenue_text
from cx.ingest import (FIELDS, KINDS, DateOrderQuestion, ImportError_, escape_markdown,
                       import_file,
                       import_history, orders_without_customer, preview_file,
                       rejected_rows, undo_batch)
from cx.ingest.profiles import by_key
from cx.store import delete_all

ui.page_header("data.title", "data.how_to_read")
info = ui.summary()

st.subheader(ui.t("data.loaded"))
cols = st.columns(5)
cols[0].metric(ui.t("data.customers"), i18n.fmt_int(info.customers))
cols[1].metric(ui.t("data.orders"), i18n.fmt_int(info.transactions))
revenue = revenue_text(ui.cached(revenue_by_currency), ui.lang())  # never summed across
cols[2].metric(ui.t("data.revenue"), revenue or ui.money(info.revenue, compact=True),
               help=ui.t("data.revenue_help"))
cols[3].metric(ui.t("data.responses"), i18n.fmt_int(info.survey_responses))
cols[4].metric(ui.t("data.referrals"), i18n.fmt_int(info.referrals))
anonymous, all_orders = ui.cached(orders_without_customer)
if anonymous:
    st.caption(ui.t("data.anonymous", n=i18n.fmt_int(anonymous), total=i18n.fmt_int(all_orders)))


# -- import --------------------------------------------------------------------------------
LANG = ui.lang()


def tr(key: str, **values) -> str:
    """ui.t with the language fixed now (widget format functions may run later)."""
    return i18n.t(key, LANG, **values)


def reason_text(code: str) -> str:
    key = f"data.reason.{code}"
    return ui.t(key) if i18n.has(key) else code


def error_text(exc: ImportError_ | tuple) -> str:
    """The import's one-sentence refusal, in the user's language when it has a translation.
    Takes the exception or its (message, code, values) as cached_preview keeps it."""
    message, code, values = exc if isinstance(exc, tuple) else (
        str(exc), getattr(exc, "code", None), getattr(exc, "values", {}))
    if code and i18n.has(f"data.err.{code}"):
        if "reason" in values:
            values = {**values, "reason": reason_text(values["reason"])}
        if "kind" in values and i18n.has(f"data.kind.{values['kind']}"):
            values = {**values, "kind": tr(f"data.kind.{values['kind']}")}
        return tr(f"data.err.{code}", **values)
    return message


def file_key(upload) -> str:
    return hashlib.sha1(f"{upload.file_id}".encode()).hexdigest()[:10]


@st.cache_data(max_entries=16, show_spinner=False)
def cached_preview(data: bytes, name: str, kind: str, mapping_json: str, order: str | None):
    mapping = json.loads(mapping_json) or None
    try:
        return preview_file(data, kind=kind, mapping=mapping, date_order=order,
                            file_name=name, store=ui.get_store()), None
    except ImportError_ as exc:  # kept untranslated: the cache is shared by every language
        return None, (str(exc), exc.code, dict(exc.values))


def show_file(upload) -> dict | None:
    """Preview one uploaded file with its editable mapping; the import settings, or None when
    the file cannot be imported."""
    key = file_key(upload)
    data = upload.getvalue()
    kind = st.session_state.get(f"kind-{key}", "auto")
    custom = st.session_state.get(f"custom-{key}-{kind}")
    order = st.session_state.get(f"order-{key}")
    preview, error = cached_preview(data, upload.name, kind,
                                    json.dumps(custom or {}, sort_keys=True, ensure_ascii=False),
                                    order)
    if preview is None and custom:  # the edited mapping no longer fits: say so, keep editing
        st.warning(ui.t("data.file_error", name=escape_markdown(upload.name),
                        message=escape_markdown(error_text(error))))
        preview, error = cached_preview(data, upload.name, kind, "{}", order)
    kinds = ["auto", *KINDS]
    if preview is None:
        st.error(ui.t("data.file_error", name=escape_markdown(upload.name),
                      message=escape_markdown(error_text(error))))
        # nothing recognised: the user can still say what the file is and map its columns
        st.selectbox(ui.t("data.kind_label"), kinds, key=f"kind-{key}",
                     format_func=lambda k: "—" if k == "auto" else tr(f"data.kind.{k}"))
        return None
    profile = by_key(preview.source)
    source = (ui.t("data.recognised", source=profile.label(LANG)) if profile
              else ui.t("data.generic"))
    st.text(f"{upload.name} — {source}")  # file names are user text: plain text only
    st.caption(ui.t("data.file_facts", kind=ui.t(f"data.kind.{preview.kind}"),
                    rows=i18n.fmt_int(preview.rows_read), encoding=preview.encoding,
                    delimiter={"\t": "TAB", ",": ",", ";": ";", "|": "|"}.get(
                        preview.delimiter, preview.delimiter)))
    st.selectbox(ui.t("data.kind_label"), kinds, key=f"kind-{key}",
                 format_func=lambda k: tr(f"data.kind.{preview.kind}") + " ✓" if k == "auto"
                 else tr(f"data.kind.{k}"))
    with st.expander(ui.t("data.mapping"), expanded=bool(preview.question)):
        options = ["", *preview.headers]
        mapping = {}
        grid = st.columns(3)
        for i, fld in enumerate(FIELDS[preview.kind]):
            current = preview.mapping.get(fld, "")
            choice = grid[i % 3].selectbox(
                ui.t(f"data.field.{fld}"), options, index=options.index(current)
                if current in options else 0, key=f"map-{key}-{preview.kind}-{fld}",
                format_func=lambda h: h if h else tr("data.not_mapped"))
            if choice:
                mapping[fld] = choice
        if mapping != preview.mapping:
            st.session_state[f"custom-{key}-{kind}"] = mapping
            st.rerun()
    if preview.date_ambiguous:  # rendered on every run so the answer is kept
        orders = ["dayfirst", "monthfirst"]
        st.radio(ui.t("data.date_question",
                      examples=escape_markdown(", ".join(preview.date_examples[:3]))),
                 orders, index=orders.index(preview.date_order) if preview.date_order else None,
                 key=f"order-{key}", format_func=lambda o: tr(f"data.{o}"), horizontal=True)
    if preview.date_question:
        st.info(ui.t("data.choose_order"))
    confirmed = True
    if preview.question and not custom:
        # a guess (fields found only by their values, or weakly): shown, and asked before loading
        guessed = [f for f, how in preview.evidence.items() if how == "values"] if \
            preview.question == "values" else list(preview.mapping)
        fields = ("、" if LANG == "ja" else ", ").join(
            ui.t(f"data.field.{f}") for f in guessed if f in preview.mapping)
        st.warning(ui.t(f"data.guess_{preview.question}", kind=tr(f"data.kind.{preview.kind}"),
                        fields=fields, other=tr(f"data.kind.{preview.rival}")
                        if preview.rival else ""))
        confirmed = st.checkbox(ui.t("data.guess_confirm", kind=tr(f"data.kind.{preview.kind}")),
                                key=f"confirm-{key}")
    survey_date = None
    if preview.needs_survey_date:
        survey_date = st.date_input(ui.t("data.survey_date"), value=None, key=f"survey-{key}",
                                    format="YYYY-MM-DD")
    st.caption(ui.t("data.first_rows"))
    ui.table(preview.masked_rows() if ui.presenter() else preview.rows, max_rows=10)
    if preview.missing:
        st.warning(ui.t("data.missing_required", fields=", ".join(
            " / ".join(ui.t(f"data.field.{f}") for f in alts.split(" or "))
            for alts in preview.missing)))
    if preview.date_question or preview.missing or not confirmed or (
            preview.needs_survey_date and survey_date is None):
        return None
    # a confirmed guess is imported with the mapping the user saw
    mapping = st.session_state.get(f"custom-{key}-{kind}") or (
        dict(preview.mapping) if preview.question else None)
    return {"data": data, "name": upload.name, "kind": preview.kind, "mapping": mapping,
            "order": preview.date_order,
            "survey_date": survey_date.isoformat() if survey_date else None}


st.subheader(ui.t("data.import"))
st.caption(ui.t("data.upload_hint"))
# a new key after each import empties the drop zone
upload_round = st.session_state.get("upload_round", 0)
uploads = ui.file_uploader(ui.t("data.upload"), type=["csv", "tsv", "txt"],
                           accept_multiple_files=True, key=f"uploads-{upload_round}",
                           help=ui.t("data.upload_help"))
ready = []
for upload in uploads or []:
    with st.container(border=True):
        settings = show_file(upload)
        if settings is not None:
            ready.append(settings)

if ready and st.button(ui.t("data.import_button", n=len(ready)), type="primary",
                       key="import_files"):
    bar = st.progress(0.0)
    results = []
    for i, item in enumerate(ready):
        bar.progress(i / len(ready), text=ui.t("data.importing", name=item["name"]))
        try:
            r = import_file(ui.get_store(), item["data"], kind=item["kind"],
                            date_order=item["order"], mapping=item["mapping"],
                            file_name=item["name"], survey_date=item["survey_date"])
            results.append({"ok": True, "name": item["name"], "source": r.source_label,
                            "batch": r.batch_id, "read": r.rows_read, "loaded": r.rows_loaded,
                            "rejected": r.rows_rejected, "skipped": r.rows_skipped,
                            "duplicates": r.rows_duplicate, "warnings": r.warnings})
        except (ImportError_, DateOrderQuestion) as exc:
            results.append({"ok": False, "name": item["name"], "message": error_text(exc)})
    bar.progress(1.0, text=ui.t("data.done"))
    if any(r["ok"] and r["loaded"] for r in results):
        churn.train_in_background(ui.get_store())  # the churn page then opens without fitting
    st.session_state["import_results"] = results
    st.session_state["upload_round"] = upload_round + 1
    st.rerun()

results = st.session_state.get("import_results")
if results:
    st.subheader(ui.t("data.results"))
    for r in results:
        if not r["ok"]:
            st.error(ui.t("data.file_error", name=escape_markdown(r["name"]),
                          message=escape_markdown(r["message"])))
            continue
        line = ui.t("data.result_line", name=escape_markdown(r["name"]),
                    source=escape_markdown(r["source"]),
                    read=i18n.fmt_int(r["read"]), loaded=i18n.fmt_int(r["loaded"]),
                    rejected=i18n.fmt_int(r["rejected"]), skipped=i18n.fmt_int(r["skipped"]),
                    duplicates=i18n.fmt_int(r["duplicates"]))
        (st.warning if r["rejected"] else st.success)(line)
        if r["warnings"]:
            with st.expander(ui.t("data.notes")):
                for w in r["warnings"]:
                    st.text(w)
        if r["rejected"]:
            rej = ui.cached(rejected_rows, r["batch"])
            if ui.presenter():  # the raw line may hold names and emails: not on the projector
                rej = rej.drop(columns=["raw"])
            shown = rej.assign(reason=rej["reason"].map(reason_text)).rename(columns={
                "line_no": ui.t("data.col.line"), "reason": ui.t("data.col.reason"),
                "raw": ui.t("data.col.raw")})
            with st.expander(ui.t("data.rejected_title")):
                ui.table(shown, max_rows=50)
            ui.download_csv(rej, f"rejected-{r['batch']}.csv",
                            label=ui.t("data.rejected_download", n=i18n.fmt_int(r["rejected"]),
                                       name=escape_markdown(r["name"])),
                            key=f"dl-rej-{r['batch']}")

# -- history and undo ----------------------------------------------------------------------
st.subheader(ui.t("data.history"))
history = ui.cached(import_history)
if history.empty:
    st.caption(ui.t("data.history_empty"))
else:
    shown = history.assign(
        source=history["source"].map(lambda k: by_key(k).label(LANG) if by_key(k) else k),
        kind=history["kind"].map(lambda k: ui.t(f"data.kind.{k}")
                                 if i18n.has(f"data.kind.{k}") else k),
        status=history["undone_at"].map(lambda u: ui.t("data.status_undone") if u is not None
                                        and u == u else ui.t("data.status_active")),
    ).drop(columns=["undone_at"]).rename(columns={
        "batch_id": ui.t("data.col.batch"), "kind": ui.t("data.col.kind"),
        "file_name": ui.t("data.col.file"), "source": ui.t("data.col.source"),
        "rows_read": ui.t("data.col.read"), "rows_loaded": ui.t("data.col.loaded"),
        "rows_rejected": ui.t("data.col.rejected"), "rows_skipped": ui.t("data.col.skipped"),
        "rows_duplicate": ui.t("data.col.duplicates"), "imported_at": ui.t("data.col.when"),
        "status": ui.t("data.col.status")})
    ui.table(shown)
    active = history[history["undone_at"].isna()]
    if not active.empty:
        with st.expander(ui.t("data.undo")):
            labels = {int(b.batch_id): ui.t("data.batch_label", batch=int(b.batch_id),
                                             name=ui.t("data.kind.demo") if b.kind == "demo"
                                             else (b.file_name or ""),
                                             loaded=i18n.fmt_int(b.rows_loaded or 0))
                      for b in active.itertuples()}
            batch = st.selectbox(ui.t("data.undo_pick"), list(labels),
                                 format_func=labels.get, key="undo_batch")
            if st.button(ui.t("data.undo_button"), key="undo"):
                removed = undo_batch(ui.get_store(), batch)
                churn.train_in_background(ui.get_store())
                st.session_state["undo_message"] = ui.t(
                    "data.undone", batch=batch, n=i18n.fmt_int(sum(removed.values())))
                st.session_state.pop("import_results", None)
                st.rerun()
if st.session_state.get("undo_message"):
    st.success(st.session_state.pop("undo_message"))

with st.expander(ui.t("data.demo")):
    st.caption(ui.t("data.demo_help"))
    if st.button(ui.t("data.load_demo"), key="load_demo"):
        with st.spinner(ui.t("firstrun.demo_loading")):
            load_demo(ui.get_store(), train_model=True)
        st.success(ui.t("data.demo_loaded"))
        st.rerun()

with st.expander(ui.t("data.danger")):
    sure = st.checkbox(ui.t("data.delete_confirm"), key="delete_confirm")
    if st.button(ui.t("data.delete"), disabled=not sure, type="primary", key="delete_all"):
        delete_all(ui.get_store())
        st.success(ui.t("data.deleted"))
        st.rerun()
