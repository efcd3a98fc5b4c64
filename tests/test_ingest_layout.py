"""The shape of cx.ingest (issue 18): modules of one concept each and under 600 lines, imports at
the top, an explicit public surface, vendor words as data, and a Data page that is layout only."""
from __future__ import annotations

import ast
import importlib

import pytest

from cx.ingest import page
from cx.ingest.reading import normalise_header
from cx.ingest.vendors import REFUNDED, RETURNS, ROW_RULES
from tests.conftest import ROOT

INGEST = sorted((ROOT / "cx" / "ingest").glob("*.py"))


@pytest.mark.parametrize("path", INGEST, ids=lambda p: p.name)
def test_each_module_is_short_and_imports_at_the_top(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 600
    tree = ast.parse(text)
    top = set(map(id, tree.body))
    inner = [n.lineno for n in ast.walk(tree)
             if isinstance(n, (ast.Import, ast.ImportFrom)) and id(n) not in top]
    assert not inner, f"{path.name}: imports inside functions at lines {inner}"
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                and any(a.name == "*" for a in n.names)]


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
    for i in range(page.PREVIEWS_KEPT + 2):   # never more than PREVIEWS_KEPT kept
        page.preview_upload(store, data + f"{i + 3},c3,2024-01-07,{i}\n".encode(), "o.csv",
                            "auto", None, None)
    assert len(page._previews) == page.PREVIEWS_KEPT
