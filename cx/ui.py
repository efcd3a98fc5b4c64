"""The only cx module that imports Streamlit: the shared store, cached calls, sidebar state and
the widgets every page uses (tables, downloads, charts) with presenter-mode masking built in."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from cx import annotations, auth, i18n
from cx.charts import PLOTLY_CONFIG
from cx.ingest.history import escape_markdown
from cx.safety import csv_bytes, mask_pii
from cx.scope import Scope, loaded_summary, resolve_scope, stored_currency
from cx.store import (
    PROJECT_ROOT,
    DataSummary,
    Store,
    display_currency,
    resolve_db_path,
    set_currency_setting,
)

MAX_TABLE_ROWS = 500


# -- the store and its version -------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _store_for(path: str) -> Store:
    # Let go of the file when idle so a scheduled `python -m cx import` can run meanwhile.
    return Store(path, idle_release=2.0, wait=20.0)


def get_store() -> Store:
    """One Store (one DuckDB connection) per process, shared by every session."""
    return _store_for(str(resolve_db_path()))


def call(fn: Callable, *args, **kwargs) -> Any:
    """fn(cursor, *args, **kwargs) on the shared store. Domain functions remember their own
    results (cx.cache); this layer keeps no cache of its own."""
    cur = get_store().cursor()
    try:
        return fn(cur, *args, **kwargs)
    finally:
        cur.close()


def summary() -> DataSummary:
    return call(loaded_summary)


# -- sidebar state -------------------------------------------------------------------------
def lang() -> str:
    return st.session_state.get("lang", "en")


def presenter() -> bool:
    return bool(st.session_state.get("presenter", False))


def t(key: str, **values) -> str:
    return i18n.t(key, lang(), **values)


def scope() -> Scope:
    """The analysis scope chosen in the sidebar, resolved against the data."""
    rng = st.session_state.get("date_range")
    start = end = None
    if isinstance(rng, (tuple, list)) and len(rng) == 2:
        start, end = rng
    currency = st.session_state.get("currency")
    if currency is None and not summary().currencies:
        # no row carries a currency: they are all in the stored setting (the filters keep
        # rows without a currency whatever the currency, so the numbers stay the same)
        currency = call(stored_currency)
    return call(resolve_scope, Scope(start=start, end=end, currency=currency))


def currency() -> str | None:
    """The currency amounts are shown in (cx.store.display_currency): the one chosen in the
    sidebar, the data's own, else the stored currency setting."""
    return display_currency(summary(), call(stored_currency), scope().currency)


def _save_currency_setting() -> None:
    set_currency_setting(get_store(), st.session_state.get("currency_setting") or None)


def currency_setting_widget() -> None:
    """When no transaction carries a currency, the currency they are in (stored with the data,
    so every session, the report and the CLI use it)."""
    stored = call(stored_currency)
    options = ["", *i18n.CURRENCY_SYMBOLS]
    if stored and stored not in options:
        options.append(stored)
    if st.session_state.get("currency_setting", "") != (stored or ""):
        st.session_state["currency_setting"] = stored or ""  # another session changed it
    none = t("sidebar.currency_none")  # bound now: format_func may run outside the script
    st.selectbox(t("sidebar.currency_setting"), options, key="currency_setting",
                 format_func=lambda c: (f"{i18n.currency_symbol(c).strip()} {c}"
                                        if c and i18n.currency_symbol(c).strip() != c
                                        else c or none),
                 on_change=_save_currency_setting, help=t("sidebar.currency_setting_help"))


def money(x, compact: bool = False) -> str:
    return i18n.fmt_money(x, currency(), lang(), compact=compact)


def sidebar() -> None:
    """Language, presenter mode, analysis period, currency and what is loaded."""
    params = st.query_params  # ?lang=ja&presenter=1 opens a link straight in that mode
    if "lang" not in st.session_state and params.get("lang") in i18n.LANGS:
        st.session_state["lang"] = params.get("lang")
    if "presenter" not in st.session_state and params.get("presenter") in ("1", "true"):
        st.session_state["presenter"] = True
    with st.sidebar:
        st.selectbox(i18n.t("sidebar.language", lang()), list(i18n.LANGS),
                     format_func=i18n.LANG_NAMES.get, key="lang")
        st.toggle(t("sidebar.presenter"), key="presenter", help=t("sidebar.presenter_help"))
        info = summary()
        if info.first_date and info.last_date:
            current = st.session_state.get("date_range")
            valid = (isinstance(current, (tuple, list)) and len(current) == 2
                     and info.first_date <= current[0] <= current[1] <= info.last_date)
            if not valid:
                st.session_state["date_range"] = (info.first_date, info.last_date)
            st.date_input(t("sidebar.date_range"), min_value=info.first_date,
                          max_value=info.last_date, key="date_range",
                          help=t("sidebar.date_range_help"), format="YYYY-MM-DD")
        if len(info.currencies) > 1:
            st.selectbox(t("sidebar.currency"), list(info.currencies), key="currency",
                         help=t("sidebar.currency_help"))
        elif not info.currencies and info.transactions:
            currency_setting_widget()
        st.caption(t("sidebar.loaded"))
        if info.is_empty:
            st.caption(t("sidebar.empty"))
        else:
            # only the kinds of data there are: no "0 survey responses" for a shop without a
            # survey file
            parts = [t(f"sidebar.loaded_{kind}", n=i18n.fmt_int(n)) for kind, n in (
                ("customers", info.customers), ("orders", info.transactions),
                ("responses", info.survey_responses), ("referrals", info.referrals)) if n]
            st.caption(" · ".join(parts))
            if info.first_date:
                st.caption(t("sidebar.span", first=i18n.fmt_date(info.first_date, lang()),
                             last=i18n.fmt_date(info.last_date, lang())))
    if presenter():
        st.markdown(_PRESENTER_CSS, unsafe_allow_html=True)  # constant CSS, no user text


_PRESENTER_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 1.2rem; }
[data-testid="stMetricValue"] { font-size: 3rem; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 2rem; padding-right: 2rem; }
</style>
"""


# -- shared page widgets -------------------------------------------------------------------
def file_uploader(label: str, **kwargs):
    """st.file_uploader whose own words (the button, the size line) are in the chosen language:
    Streamlit draws them in English, so CSS puts our translations in their place."""
    button = json.dumps(t("data.upload_button"), ensure_ascii=False)
    limits = json.dumps(t("data.upload_limits", mb=st.get_option("server.maxUploadSize")),
                        ensure_ascii=False)
    st.markdown(  # constant CSS with our own strings (JSON-quoted), no user text
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
        "{font-size:0}"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after'
        f"{{content:{button};font-size:0.875rem}}"
        '[data-testid="stFileUploaderDropzoneInstructions"] span{font-size:0}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span::after'
        f"{{content:{limits};font-size:0.875rem}}"
        "</style>", unsafe_allow_html=True)
    return st.file_uploader(label, **kwargs)



# -- events on the timeline ------------------------------------------------------------------
EVENT_MESSAGE = "event_message"  # the outcome of the last event change, shown after the rerun


def event_done(message: str) -> None:
    """Say `message` after the rerun that redraws the charts with the change."""
    st.session_state[EVENT_MESSAGE] = message
    st.rerun()


def event_message() -> None:
    """The outcome of the last add, delete or import, once (a toast: it survives the rerun)."""
    message = st.session_state.pop(EVENT_MESSAGE, None)
    if message:
        st.toast(message, icon=":material/event:")


def event_form(key: str) -> None:
    """The small form adding one event (date, optional end date, label); an error is one
    sentence under it, a success reruns the page so every chart shows the event. All the logic
    is cx.annotations.add."""
    with st.form(f"event-form-{key}", clear_on_submit=False, border=False):
        left, right = st.columns(2)
        start = left.date_input(t("annotations.date"), value=None, format="YYYY-MM-DD",
                                key=f"{key}-date")
        end = right.date_input(t("annotations.end"), value=None, format="YYYY-MM-DD",
                               key=f"{key}-end")
        label = st.text_input(t("annotations.label"), max_chars=annotations.MAX_LABEL,
                              key=f"{key}-label",
                              help=t("annotations.label_help", max=annotations.MAX_LABEL))
        submitted = st.form_submit_button(t("annotations.add"), key=f"{key}-add")
    if submitted:
        try:
            event = annotations.add(get_store(), start, label, end)
        except annotations.AnnotationError as err:
            st.error(escape_markdown(err.text(lang())))
        else:
            for part in ("date", "end", "label"):
                st.session_state.pop(f"{key}-{part}", None)
            event_done(escape_markdown(t("annotations.added", label=event.label)))


def event_popover() -> None:
    """The chart pages' "Add event" button: the same form in a popover (written once here)."""
    event_message()
    with st.popover(t("annotations.add"), icon=":material/event:"):
        st.caption(t("annotations.explain"))
        event_form("popover")


def page_header(title_key: str, how_to_read_key: str | None = None) -> None:
    st.title(t(title_key))
    if how_to_read_key:
        st.caption(t(how_to_read_key))


def chart_page(title_key: str, how_to_read_key: str) -> tuple:
    """The top of an analysis page: its title and how to read it, a sentence and a stop when
    nothing is loaded, the "Add event" button; then (scope, lang, presenter, currency)."""
    page_header(title_key, how_to_read_key)
    if summary().is_empty:
        empty_state(t("common.no_data"))
        st.stop()
    event_popover()
    return scope(), lang(), presenter(), currency()


def table(df: pd.DataFrame, max_rows: int = MAX_TABLE_ROWS, **kwargs) -> None:
    """A read-only table: masked in presenter mode, never more rows than a person can read.
    st.dataframe renders cells as text, so customer text never becomes markup."""
    shown = mask_pii(df) if presenter() else df
    if len(shown) > max_rows:
        st.caption(t("common.rows_shown", shown=i18n.fmt_int(max_rows),
                     total=i18n.fmt_int(len(shown))))
        shown = shown.head(max_rows)
    st.dataframe(shown, hide_index=True, width="stretch", **kwargs)


def download_csv(df: pd.DataFrame, file_name: str, label: str | None = None,
                 key: str | None = None) -> None:
    """A CSV download that is formula-safe and masked in presenter mode."""
    data = mask_pii(df) if presenter() else df
    st.download_button(label or t("common.download_csv"), csv_bytes(data), file_name=file_name,
                       mime="text/csv", key=key or f"dl-{file_name}")


def plot(fig, key: str | None = None) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch")


def metric(label: str, value: str, delta: str | None = None, help: str | None = None,
           delta_color: str = "normal") -> None:
    st.metric(label, value, delta=delta, help=help, delta_color=delta_color)


def kpi_row(kpis, columns: int | None = None) -> None:
    """Key-number cards (cx.headline.Kpi) side by side, each with what it rests on below it;
    a delta within the noise is grey (delta_style)."""
    for col, kpi in zip(st.columns(columns or len(kpis)), kpis):
        col.metric(kpi.label, kpi.value, delta=kpi.delta, delta_description=kpi.delta_description,
                   help=kpi.help, chart_data=kpi.chart_data, border=True,
                   **delta_style(kpi.delta, kpi.higher_is_better, kpi.real))
        if kpi.caption:
            col.caption(kpi.caption)


def delta_style(delta: str | None, higher_is_better: bool = True, real: bool = True) -> dict:
    """st.metric's delta_color and delta_arrow: a change that shows as zero ("+0 days",
    "+0.0 pt") is grey without an arrow, not a red or green "up"; a change within the noise (or
    whose noise is not estimated: `real` False) is grey with its arrow."""
    if delta is not None and not re.search(r"[1-9]", delta):
        return {"delta_color": "off", "delta_arrow": "off"}
    if not real:
        return {"delta_color": "off"}
    return {"delta_color": "normal" if higher_is_better else "inverse"}


def empty_state(message: str) -> None:
    st.info(message)


def page_exists(script: str) -> bool:
    """Pages are listed in app.py once their script exists; links follow the same rule."""
    return (PROJECT_ROOT / script).exists()


def today() -> date:
    return date.today()


# -- access password -----------------------------------------------------------------------
def _auth_settings() -> dict:
    try:
        return dict(st.secrets.get("auth", {}))
    except Exception:  # no secrets.toml at all
        return {}


def require_login() -> None:
    """Stop the script behind a password form when the server is shared on the network.

    Also enforces the safety settings whatever config.toml was (or was not) found: no error
    details in the browser, and an unset server.address (Streamlit then listens on every
    interface) counts as shared."""
    st.set_option("client.showErrorDetails", "none")
    settings = _auth_settings()
    address = st.get_option("server.address")
    required = auth.password_required(address, bool(settings.get("require_password", False)))
    if not required or st.session_state.get("authenticated"):
        return
    stored = settings.get("password_hash")
    if not stored:
        st.error(t("auth.started_without_settings" if auth.address_unset(address)
                   else "auth.not_configured"))
        st.stop()
    ctx = get_script_run_ctx()
    client = ctx.session_id if ctx is not None else ""  # lockout delays are per session
    st.title(t("auth.title"))
    st.caption(t("auth.explain"))
    with st.form("login"):
        password = st.text_input(t("auth.password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("auth.submit"))
    if submitted:
        outcome = auth.check_login(password, stored, client=client)
        if outcome == "ok":
            st.session_state["authenticated"] = True
            st.session_state.pop("login_password", None)
            st.rerun()
        elif outcome == "locked":
            st.error(t("auth.locked",
                       seconds=int(auth.THROTTLE.wait_seconds(client=client)) + 1))
        else:
            st.error(t("auth.wrong"))
    st.stop()
