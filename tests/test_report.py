"""The meeting report is one self-contained file: no network needed, every section present."""
import re

import pytest

from cx.report import report_html, write_report
from cx.store import Store


def test_report_is_self_contained_and_has_every_section(demo_store, tmp_path):
    out = write_report(demo_store, tmp_path / "r.html", lang="en")
    text = out.read_text(encoding="utf-8")
    # nothing loaded from elsewhere: no script src, no stylesheet link, no remote image;
    # plotly.js is inlined (its bundle mentions URLs in strings, which load nothing)
    assert not re.search(r"<script[^>]*\ssrc=", text)
    assert not re.search(r"<link[^>]*>", text)
    assert not re.search(r"<img[^>]*src=[\"']?https?:", text)
    assert "Plotly.newPlot" in text or "Plotly.react" in text
    assert "Headline numbers" in text and "Activity" in text
    from cx.report import AREA_SECTIONS
    import importlib
    for name in AREA_SECTIONS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "report_section"):
            section = module.report_section(demo_store.cursor(), _scope(demo_store), "en", False)
            assert section is None or section.title in text


def _scope(store):
    from cx.scope import resolve_scope
    return resolve_scope(store.cursor())


def test_report_in_japanese_and_presenter_mode_masks_emails(demo_store):
    text = report_html(demo_store, lang="ja", presenter=True)
    assert "主要な数値" in text
    assert "@example.com" not in text


def test_report_on_an_empty_database_says_why(store):
    with pytest.raises(ValueError, match="no data"):
        report_html(store)
