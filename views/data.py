"""Data page: import files (preview, mapping, date order, progress, results), history with undo,
demo data, delete all."""
import hashlib

import streamlit as st

from cx import annotations, churn, i18n, ui
from cx.available import orders_without_customer
from cx.demo import load_demo
from cx.exports import revenue_by_currency, revenue_text
from cx.ingest import FIELDS, KINDS, escape_markdown, page, undo_batch

ui.page_header("data.title", "data.how_to_read")
info = ui.summary()

st.subheader(ui.t("data.loaded"))
cols = st.columns(5)
cols[0].metric(ui.t("data.customers"), i18n.fmt_int(info.customers))
cols[1].metric(ui.t("data.orders"), i18n.fmt_int(info.transactions))
revenue = revenue_text(ui.call(revenue_by_currency), ui.lang())  # never summed across
cols[2].metric(ui.t("data.revenue"), revenue or ui.money(info.revenue, compact=True),
               help=ui.t("data.revenue_help"))
cols[3].metric(ui.t("data.responses"), i18n.fmt_int(info.survey_responses))
cols[4].metric(ui.t("data.referrals"), i18n.fmt_int(info.referrals))
anonymous = ui.call(orders_without_customer)
if anonymous:
    st.caption(ui.t("data.anonymous", n=i18n.fmt_int(anonymous), total=i18n.fmt_int(info.transactions)))


# -- import --------------------------------------------------------------------------------
LANG = ui.lang()


def tr(key: str, **values) -> str:
    """ui.t with the language fixed now (widget format functions may run later)."""
    return i18n.t(key, LANG, **values)


def file_key(upload) -> str:
    return hashlib.sha1(f"{upload.file_id}".encode()).hexdigest()[:10]


def show_file(upload) -> dict | None:
    """Preview one uploaded file with its editable mapping; the import settings, or None when
    the file cannot be imported."""
    key = file_key(upload)
    data = upload.getvalue()
    kind = st.session_state.get(f"kind-{key}", "auto")
    custom = st.session_state.get(f"custom-{key}-{kind}")
    order = st.session_state.get(f"order-{key}")
    preview, error = page.preview_upload(ui.get_store(), data, upload.name, kind, custom, order)
    if preview is None and custom:  # the edited mapping no longer fits: say so, keep editing
        st.warning(ui.t("data.file_error", name=escape_markdown(upload.name),
                        message=escape_markdown(page.error_text(error, LANG))))
        preview, error = page.preview_upload(ui.get_store(), data, upload.name, kind, None, order)
    kinds = ["auto", *KINDS]
    if preview is None:
        st.error(ui.t("data.file_error", name=escape_markdown(upload.name),
                      message=escape_markdown(page.error_text(error, LANG))))
        # nothing recognised: the user can still say what the file is and map its columns
        st.selectbox(ui.t("data.kind_label"), kinds, key=f"kind-{key}",
                     format_func=lambda k: "—" if k == "auto" else tr(f"data.kind.{k}"))
        return None
    layout = page.layout_name(preview.source, LANG)
    source = ui.t("data.recognised", source=layout) if layout else ui.t("data.generic")
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
        results.append(page.import_upload(ui.get_store(), item, LANG))
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
            # in presenter mode without the raw line (names, emails): not on the projector
            shown, rej = ui.call(page.rejected_table, r["batch"], LANG, ui.presenter())
            with st.expander(ui.t("data.rejected_title")):
                ui.table(shown, max_rows=50)
            ui.download_csv(rej, f"rejected-{r['batch']}.csv",
                            label=ui.t("data.rejected_download", n=i18n.fmt_int(r["rejected"]),
                                       name=escape_markdown(r["name"])),
                            key=f"dl-rej-{r['batch']}")

# -- history and undo ----------------------------------------------------------------------
st.subheader(ui.t("data.history"))
history = ui.call(page.history, LANG)
if history.table.empty:
    st.caption(ui.t("data.history_empty"))
else:
    ui.table(history.table)
    if history.undoable:
        with st.expander(ui.t("data.undo")):
            labels = history.undoable
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

# -- events on the timeline ----------------------------------------------------------------
st.subheader(ui.t("annotations.title"))
st.caption(ui.t("annotations.explain"))
ui.event_message()
with st.container(border=True):
    ui.event_form("data-event")
listing = ui.call(page.events_listing, LANG)
if not listing:
    st.caption(ui.t("annotations.none"))
for event_id, text in listing:
    left, right = st.columns([8, 1], vertical_alignment="center")
    left.text(text)  # user text: plain text only
    if right.button(ui.t("annotations.delete"), key=f"event-delete-{event_id}"):
        annotations.delete(ui.get_store(), event_id)
        ui.event_done(escape_markdown(ui.t("annotations.deleted", label=text)))
if listing:
    ui.download_csv(ui.call(page.events_frame), "events.csv", label=ui.t("annotations.download"),
                    key="events_download")
events_round = st.session_state.get("events_round", 0)
events_file = ui.file_uploader(ui.t("annotations.upload"), type=["csv", "txt"],
                               key=f"events-upload-{events_round}")
if events_file is not None and st.button(ui.t("annotations.import_button"), key="events_import"):
    try:
        result = annotations.import_csv(ui.get_store(), events_file.getvalue())
    except annotations.AnnotationError as err:
        st.error(escape_markdown(err.text(LANG)))  # nothing was imported
    else:
        st.session_state["events_round"] = events_round + 1  # an empty drop zone again
        ui.event_done(result.text(LANG))

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
        page.delete_everything(ui.get_store())
        st.success(ui.t("data.deleted"))
        st.rerun()
