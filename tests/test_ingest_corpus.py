"""Real export layouts nobody wrote a fixture for (tests/corpus: 65 header sets from tools'
documentation, public repositories and the public datasets people learn cohort analysis on; two
or three made-up rows each; see tests/corpus/README.md): each is recognised as the kind it is,
with the columns a person would map, and imports; files that cannot be imported (no amount, no
date, star ratings) are refused in one sentence, never loaded as another kind. The mapping does
not change when the headers change case, spacing or width, gain a unit, or move."""
from __future__ import annotations

import csv
import functools
import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx.ingest import DateOrderQuestion, ImportError_, import_file
from cx.ingest.load import plan_file
from cx.store import Store
from tests.conftest import rows

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
IMPORTABLE = sorted(f for f, e in EXPECTED.items() if e.get("importable", True))
REFUSED = sorted(f for f, e in EXPECTED.items() if not e.get("importable", True))


def fits(got: dict, expected: dict) -> dict:
    """The expected fields the mapping got wrong: {field: (expected, got)}."""
    wrong = {}
    for fld, want in expected.items():
        ok = got.get(fld) in want if isinstance(want, list) else got.get(fld) == want
        if not ok:
            wrong[fld] = (want, got.get(fld))
    return wrong


def test_the_corpus_is_broad():
    kinds = [e["kind"] for e in EXPECTED.values()]
    assert len(EXPECTED) >= 60
    assert kinds.count("transactions") >= 30 and kinds.count("customers") >= 5 and \
        kinds.count("surveys") >= 5
    japanese = [f for f in EXPECTED if any("\u3040" <= ch <= "\u9fff" for ch in
                                          (CORPUS / f).read_bytes().decode(
                                              EXPECTED[f]["encoding"]))]
    assert len(japanese) >= 12
    assert sum(e["encoding"] == "cp932" for e in EXPECTED.values()) >= 6


@pytest.mark.parametrize("name", IMPORTABLE)
def test_each_export_is_recognised_and_imports(name):
    e = EXPECTED[name]
    plan = plan_file(CORPUS / name)         # strict: no question to confirm first
    assert plan.kind == e["kind"]
    assert fits(plan.mapping, e["mapping"]) == {}
    store = Store(":memory:")
    try:
        try:
            r = import_file(store, CORPUS / name)
        except DateOrderQuestion:           # 01/02/2024 in every row: the user is asked
            r = import_file(store, CORPUS / name, date_order="monthfirst")
        assert r.kind == e["kind"] and r.rows_loaded >= 1
    finally:
        store.close()


@pytest.mark.parametrize("name", REFUSED)
def test_what_cannot_be_imported_is_refused_in_one_sentence(name):
    store = Store(":memory:")
    try:
        with pytest.raises(ImportError_) as info:
            import_file(store, CORPUS / name)
        message = str(info.value)
        assert message.endswith(".") and "\n" not in message
        assert rows(store, "SELECT (SELECT COUNT(*) FROM transactions) + (SELECT COUNT(*) FROM "
                           "customers) + (SELECT COUNT(*) FROM survey_responses)") == [(0,)]
    finally:
        store.close()


# -- the same file, its headers written another way -------------------------------------------
def _read(name: str) -> tuple[list[list[str]], str]:
    enc = EXPECTED[name]["encoding"]
    text = (CORPUS / name).read_bytes().decode(enc)
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))), enc


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch)
                   for ch in text)


@functools.cache
def _base_plan(name: str):
    return plan_file(CORPUS / name, strict=False)


REWRITES = {
    "upper": str.upper,
    "lower": str.lower,
    "spaced": lambda h: f"  {h.replace(' ', '  ')} ",
    "underscored": lambda h: h.replace(" ", "_"),
    "fullwidth": _fullwidth,
}
MONEY = ("amount", "unit_price", "line_total")
UNITS = (" ($)", " (USD)", " [EUR]", "（円）", " (JPY)")


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from([f for f in IMPORTABLE if EXPECTED[f]["kind"] == "transactions"
                             or EXPECTED[f]["kind"] in ("customers", "surveys")]),
       rewrite=st.sampled_from(sorted(REWRITES)), unit=st.sampled_from(UNITS),
       order=st.randoms(use_true_random=False))
def test_mapping_survives_case_spacing_width_units_and_column_order(tmp_path_factory, name,
                                                                     rewrite, unit, order):
    records, enc = _read(name)
    header = records[0]
    base = _base_plan(name)
    columns = list(range(len(header)))
    order.shuffle(columns)
    money = {base.mapping[f] for f in MONEY if f in base.mapping}
    new_header = []
    for i in columns:
        h = REWRITES[rewrite](header[i])
        if header[i] in money and not any(ch in header[i] for ch in "([（【"):
            h += unit
        new_header.append(h)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(new_header)
    for rec in records[1:]:
        w.writerow([rec[i] if i < len(rec) else "" for i in columns])
    try:
        data = out.getvalue().encode(enc if enc != "utf-8-sig" else "utf-8")
    except UnicodeEncodeError:
        return                               # a unit cp932 cannot write
    path = tmp_path_factory.mktemp("variant") / name
    path.write_bytes(data)
    plan = plan_file(path, strict=False)
    assert plan.kind == base.kind
    renamed = {header[i].strip(): new_header[k].strip() for k, i in enumerate(columns)}
    assert plan.mapping == {f: renamed[h] for f, h in base.mapping.items()}


def test_a_unit_in_a_header_is_the_amounts_currency(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Customer Number,Purchase Date,Quantity,Sales ($)\n"
                    "1001,1997-01-01,2,29.33\n1002,1997-01-02,1,12.00\n1001,1997-02-11,3,"
                    "35.01\n", encoding="utf-8")
    store = Store(":memory:")
    try:
        r = import_file(store, path)
        assert r.kind == "transactions" and r.mapping["amount"] == "Sales ($)"
        assert rows(store, "SELECT customer_id, amount, currency, items FROM transactions "
                           "ORDER BY ordered_at") == [("1001", 29.33, "USD", 2),
                                                      ("1002", 12.0, "USD", 1),
                                                      ("1001", 35.01, "USD", 3)]
    finally:
        store.close()
    assert unicodedata.normalize("NFKC", "売上（円）") == "売上(円)"
