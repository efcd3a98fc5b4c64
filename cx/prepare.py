"""After new data lands: refit the churn model, then make every page's opening calls inside
`cx.cache.preparing()` so their results are kept on disk for any process (cx/cache.py)."""
from __future__ import annotations

import functools
import time
from collections.abc import Callable

from cx import overview
from cx.areas import AREAS
from cx.available import orders_without_customer
from cx.cache import preparing
from cx.churn import train_default
from cx.exports import revenue_by_currency
from cx.i18n import LANGS
from cx.scope import Scope, loaded_summary, resolve_scope, stored_currency
from cx.store import display_currency


def opening_scope(cur):
    """The scope a page opens with before anyone touches the sidebar (cx.ui.scope's default),
    read through the same kept calls as the sidebar, so those are kept too."""
    summary, stored = loaded_summary(cur), stored_currency(cur)  # the sidebar asks for both
    currency = None if summary.currencies else stored
    if summary.first_date and summary.last_date:  # the sidebar's choices, as it first shows
        chosen = summary.currencies[0] if len(summary.currencies) > 1 else currency
        resolve_scope(cur, Scope(start=summary.first_date, end=summary.last_date,
                                 currency=chosen))
    return resolve_scope(cur, Scope(start=None, end=None, currency=currency))


def prepare_pages(cur) -> dict[str, float]:
    """Compute (and so keep) every @kept result the pages open with: the same calls with the same
    arguments as views/*.py make before anyone touches a widget. Seconds per page."""
    scope = opening_scope(cur)
    seconds = {}

    def page(name: str, *calls: Callable[[], object]) -> None:
        t0 = time.perf_counter()
        for call in calls:
            call()
        seconds[name] = time.perf_counter() - t0

    with preparing():
        shown = display_currency(loaded_summary(cur), stored_currency(cur), scope.currency)
        page("overview", *[functools.partial(overview.overview_page, cur, scope, lang, False,
                                             shown) for lang in LANGS])
        for area in AREAS:
            if area.opening is not None:
                page(area.name, functools.partial(area.opening, cur, scope))
        page("data", lambda: revenue_by_currency(cur), lambda: orders_without_customer(cur))
    return seconds


def prepare_after_import(store, model_ready: Callable[[], object] | None = None) -> dict:
    """After new data lands: refit the churn model (then call model_ready), then prepare every
    page's opening results. Returns the model (None when the data is too small for one) and the
    seconds each took."""
    t0 = time.perf_counter()
    with preparing():
        bundle = train_default(store)
    if model_ready is not None:
        model_ready()
    t1 = time.perf_counter()
    cur = store.cursor()
    try:
        pages = prepare_pages(cur)
    finally:
        cur.close()
    return {"bundle": bundle, "model_seconds": t1 - t0, "pages": pages,
            "pages_seconds": time.perf_counter() - t1}
