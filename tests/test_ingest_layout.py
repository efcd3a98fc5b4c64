"""The shape of cx.ingest (issue 18): modules of one concept each and under 600 lines, imports at
the top, an explicit public surface, vendor words as data, and a Data page that is layout only."""
from __future__ import annotations

import ast
import importlib

from cx.ingest import page
from cx.ingest.reading import normalise_header
from cx.ingest.vendors import REFUNDED, RETURNS, ROW_RULES
from tests.conftest import ROOT

INGEST = sorted((ROOT / "cx" / "ingest").glob("*.py"))


def test_the_package_names_what_it_exports():
    ingest = importlib.import_module("cx.ingest")
    assert ingest.__all__ and len(set(ingest.__all__)) == len(ingest.__all__)
    for name in ingest.__all__:
        assert hasattr(ingest, name), name


def test_the_data_page_is_layout_only():
    text = (ROOT / "views" / "data.py").read_text(encoding="utf-8")
    tree = ast.parse(text)
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in modules if m and m.startswith("cx.store")}
    assert "cache_data" not in text and ".cursor(" not in text and ".execute(" not in text


def test_vendor_words_are_written_as_they_are_compared():
    """The loaders compare a column's value folded as a header is (lower case, `_ - .` as
    spaces); a word written otherwise would never match."""
    words = [w.lstrip("~^") for rule in ROW_RULES for w in rule.words] + [*REFUNDED, *RETURNS]
    assert [w for w in words if normalise_header(w) != w] == []
    assert {r.kind for r in ROW_RULES} <= {"transactions", "customers", "referrals", "surveys"}


def test_a_preview_is_kept_and_each_caller_gets_its_own_copy(store):
    data = b"order_id,customer_id,date,amount\n1,c1,2024-01-05,5\n2,c2,2024-01-06,6\n"
    first, error = page.preview_upload(store, data, "o.csv", "auto", None, None)
    assert error is None and first.kind == "transactions" and first.rows_read == 2
    first.mapping.clear()
    again, _ = page.preview_upload(store, data, "o.csv", "auto", None, None)
    assert again is not first and again.mapping["amount"] == "amount"
    none, refusal = page.preview_upload(store, b"", "empty.csv", "auto", None, None)
    assert none is None and refusal[1] == "empty"
    assert page.error_text(refusal, "ja") == "ファイルが空です。"


def test_a_preview_is_computed_once_per_file_and_settings(store, monkeypatch):
    data = b"order_id,customer_id,date,amount\n1,c1,2024-01-05,5\n"
    calls = []
    real = page.preview_file
    monkeypatch.setattr(page, "preview_file", lambda *a, **k: calls.append(1) or real(*a, **k))
    for _ in range(3):
        page.preview_upload(store, data, "p.csv", "auto", None, None)
    page.preview_upload(store, data, "p.csv", "transactions", None, None)  # other settings
    assert len(calls) == 2
