"""No English left on the Japanese screens and no Japanese on the English ones (every page).

Checks the text the app itself writes (titles, captions, labels, options, messages, metric
labels); data values (customer names, channel names from the user's files, comments) and table
cells are the user's data and are not checked.
"""
import re

import pytest

from tests.test_pages import PAGE_SCRIPTS, run_page

# Proper nouns and technical terms that stay in Latin letters in Japanese UIs.
ALLOWED_LATIN = {
    "nps", "csv", "tsv", "rfm", "id", "html", "png", "loyalty", "loop", "kaplan", "meier", "bg",
    "nbd", "roc", "auc", "brier", "usd", "jpy", "eur", "gbp", "utf", "bom", "shift_jis", "cp932",
    "excel", "shopify", "square", "stripe", "woocommerce", "surveymonkey", "typeform", "google",
    "forms", "base", "json", "pt", "vs", "top", "rfm", "cx", "db", "duckdb", "ok", "wk", "ci",
    "api", "sql", "url", "pos", "lift", "what", "if", "sku", "k", "m", "b", "q1", "q2", "q3", "q4",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")


def app_texts(at) -> list[str]:
    texts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning",
                 "success", "error"):
        texts += [e.value for e in getattr(at, kind)]
    for kind in ("button", "checkbox", "toggle", "text_input", "number_input", "slider",
                 "select_slider", "date_input", "multiselect", "selectbox", "radio", "metric",
                 "expander", "tabs"):
        for e in getattr(at, kind):
            texts.append(getattr(e, "label", "") or "")
    for kind in ("selectbox", "radio", "multiselect", "select_slider"):
        for e in getattr(at, kind):
            if getattr(e, "key", None) in ("lang", "currency") or kind == "select_slider":
                continue
            texts += [str(o) for o in getattr(e, "options", [])]
    return [t for t in texts if isinstance(t, str)]


def english_words(text: str) -> list[str]:
    text = re.sub(r"\S+@\S+", "", text)  # emails are data
    text = re.sub(r"https?://\S+", "", text)
    return [w for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED_LATIN]


@pytest.mark.parametrize("script", PAGE_SCRIPTS)
def test_japanese_screens_have_no_english(app_env, script):
    at = run_page(script, "ja")
    assert not at.exception
    leftovers = sorted({w for t in app_texts(at) for w in english_words(t)})
    assert leftovers == [], f"English on the Japanese {script}: {leftovers}"


@pytest.mark.parametrize("script", PAGE_SCRIPTS)
def test_english_screens_have_no_japanese(app_env, script):
    at = run_page(script, "en")
    assert not at.exception
    leftovers = [t for t in app_texts(at) if JAPANESE.search(t) and t != "日本語"]
    assert leftovers == [], f"Japanese on the English {script}: {leftovers}"
