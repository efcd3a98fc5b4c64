"""Property tests: the importer never crashes on random bytes or random CSV shapes; it either
loads rows (and reconciles) or says why not in one sentence, changing nothing."""
from __future__ import annotations

import csv
import io
import os
import random
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx.ingest import DateOrderQuestion, ImportError_, import_file, plan_file, preview_file
from cx.store import Store

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def counts(store):
    cur = store.cursor()
    try:
        return cur.execute("SELECT (SELECT COUNT(*) FROM transactions), (SELECT COUNT(*) FROM "
                           "survey_responses), (SELECT COUNT(*) FROM customers), "
                           "(SELECT COUNT(*) FROM import_batches)").fetchall()[0]
    finally:
        cur.close()


def check(store, data: bytes):
    before = counts(store)
    try:
        r = import_file(store, data, file_name="fuzz.csv")
    except ImportError_ as exc:
        message = str(exc)
        assert message and "\n" not in message.strip() and "Traceback" not in message
        assert counts(store) == before
        return
    assert r.rows_read == r.rows_loaded + r.rows_rejected + r.rows_skipped + r.rows_duplicate


@SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes_never_crash(data):
    store = Store(":memory:")
    try:
        check(store, data)
        check(store, b"order_id,date,amount\n" + data)
    finally:
        store.close()


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "2024-01-05", "01/02/2024", "2024年1月5日", "￥1,234", "(12.00)", "$5",
                     "1.234,56", "abc", "9", "11", "#1001", "'007", "\"", "a\nb", "Total"]),
    st.integers(-10**6, 10**6).map(str), st.floats(allow_nan=True).map(str))
HEADERS = st.lists(st.sampled_from(
    ["order_id", "customer_id", "date", "amount", "currency", "email", "score", "comment",
     "Timestamp", "注文番号", "合計金額", "referrer email", "friend email", "name", "status",
     "qty", "x", "", "Lineitem name", "Financial Status"]), min_size=1, max_size=7)


@SETTINGS
@given(HEADERS, st.lists(st.lists(CELL, max_size=8), max_size=12),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp932"]))
def test_random_csv_shapes_load_or_say_why(headers, body, delimiter, encoding):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in body:
        writer.writerow(row)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode("utf-8")
    store = Store(":memory:")
    try:
        check(store, data)
        check(store, data)   # the second time adds nothing new or fails the same way
    finally:
        store.close()


# -- the mutation fuzzer: real vendor exports, damaged in seeded random ways -------------------
# Every case goes through the import's reading stage (plan_file: size and binary checks,
# encoding, delimiter, record framing, quotes, header, mapping, profile detection), strict as
# the import reads and lenient as the Data page reads; that is where a damaged file is refused,
# and a refusal must be the one-sentence ImportError_. A case that passes reading then gets the
# whole real import (staging, validation, load; every third case the Data page's preview
# first) on one in-memory store reused across cases, so a refusal is checked against a store
# holding data and its before/after state is compared. A full import costs ~80 ms on this
# machine (several times that on a busy one), so the first FUZZ_IMPORTS readable cases (default
# 150) get the full import and the rest are read only: a count, not a time budget, so a slow
# machine runs longer instead of testing less. FUZZ_IMPORTS=3000 imports every readable case (about 6 minutes;
# 2026-12-02, no crash: seed 11, 3,000 cases, 2,033 imported (13 refused by the import), 967
# refused on reading; seeds 20261202 and 7 imported all 6,000 without the preview and lenient
# reading steps). FUZZ_CASES / FUZZ_SEED choose the cases.
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.csv"))
FUZZ_CASES = int(os.environ.get("FUZZ_CASES", "3000"))
FUZZ_IMPORTS = int(os.environ.get("FUZZ_IMPORTS", "150"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "20261202"))

HOSTILE_TEXT = [
    "=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1",
    "=cmd|'/c calc'!A0", "<img src=x onerror=alert(1)>", "<script>alert(2)</script>",
    "[click](http://x)", "**bold** _it_ `code`", "# heading", "<b>bold</b>",
    "'; DROP TABLE customers; --", "$(rm -rf /)", "{{7*7}}", "\u202eevil", "😀👍🏽", "ｶﾀｶﾅ",
    "名前\u3000太郎", "NULL", "None", "nan", "-", "", " ", "\"", "\"\"", "Total", "合計",
    "1e309", "-0", "0x1F", "９９９",
]
BAD_BYTES = ["\u30c6\u30b9\u30c8".encode("cp932"), "caf\u00e9".encode("latin-1"), b"\xff\xfe",
             b"\x81", b"\xe3\x81", b"\xc0\xaf", b"\xed\xa0\x80", b"\x00", b"\x1a", b"\x85"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _delimiter_of(data: bytes) -> bytes:
    head = data.split(b"\n", 1)[0]
    return max([b",", b"\t", b";", b"|"], key=head.count)


def _pick_line(rng, lines, header_too=False):
    lo = 0 if header_too or len(lines) < 2 else 1
    return rng.randrange(lo, len(lines)) if lines else 0


def m_flip_bytes(rng, data):
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def m_truncate(rng, data):
    return data[:rng.randrange(len(data) + 1)]


def m_drop_delimiter(rng, data):
    lines, d = _lines(data), _delimiter_of(data)
    i = _pick_line(rng, lines, True)
    lines[i] = lines[i].replace(d, b"", rng.randint(1, 3))
    return b"\n".join(lines)


def m_duplicate_delimiter(rng, data):
    lines, d = _lines(data), _delimiter_of(data)
    i = _pick_line(rng, lines)
    pos = [k for k in range(len(lines[i])) if lines[i][k:k + 1] == d]
    if pos:
        k = rng.choice(pos)
        lines[i] = lines[i][:k] + d * rng.randint(2, 5) + lines[i][k + 1:]
    return b"\n".join(lines)


def m_drop_quote(rng, data):
    pos = [k for k in range(len(data)) if data[k:k + 1] == b'"']
    if not pos:
        return m_add_quote(rng, data)
    k = rng.choice(pos)
    return data[:k] + data[k + 1:]


def m_add_quote(rng, data):
    k = rng.randrange(len(data) + 1)
    return data[:k] + b'"' * rng.randint(1, 2) + data[k:]


def m_ragged(rng, data):
    lines, d = _lines(data), _delimiter_of(data)
    for _ in range(rng.randint(1, 4)):
        i = _pick_line(rng, lines)
        if rng.random() < 0.5:
            lines[i] = lines[i].rstrip(b"\r") + (d + b"extra") * rng.randint(1, 4)
        else:
            cells = lines[i].split(d)
            lines[i] = d.join(cells[:rng.randrange(len(cells) + 1)])
    return b"\n".join(lines)


def m_nul(rng, data):
    for _ in range(rng.randint(1, 5)):
        k = rng.randrange(len(data) + 1)
        data = data[:k] + b"\x00" * rng.randint(1, 3) + data[k:]
    return data


def m_huge_field(rng, data):
    lines, d = _lines(data), _delimiter_of(data)
    i = _pick_line(rng, lines)
    cells = lines[i].split(d)
    j = rng.randrange(len(cells))
    size = rng.choice([70_000, 140_000, 300_000])
    filler = rng.choice([b"A", "\u3042".encode(), b"x,y\n", b'"'])
    blob = (filler * (size // len(filler)))
    cells[j] = b'"' + blob.replace(b'"', b'""') + b'"' if rng.random() < 0.7 else blob
    lines[i] = d.join(cells)
    return b"\n".join(lines)


def m_bad_encoding(rng, data):
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(data) + 1)
        data = data[:k] + rng.choice(BAD_BYTES) + data[k:]
    return data


def m_reencode(rng, data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp932", "replace")
    enc = rng.choice(["cp932", "latin-1", "utf-16", "utf-8-sig", "euc-jp", "utf-8"])
    return text.encode(enc, "replace")


def m_hostile_cell(rng, data):
    lines, d = _lines(data), _delimiter_of(data)
    for _ in range(rng.randint(1, 4)):
        i = _pick_line(rng, lines)
        cells = lines[i].split(d)
        j = rng.randrange(len(cells))
        text = rng.choice(HOSTILE_TEXT)
        cell = text.encode()
        if rng.random() < 0.6:
            cell = b'"' + cell.replace(b'"', b'""') + b'"'
        cells[j] = cell
        lines[i] = d.join(cells)
    return b"\n".join(lines)


def m_extra_rows(rng, data):
    lines, d = _lines(data), _delimiter_of(data)
    ncells = lines[0].count(d) + 1 if lines else 1
    extra = rng.choice([
        lines[0] if lines else b"",                                # a repeated header
        d.join([b"Total"] + [b""] * (ncells - 2) + [b"12,345"]),   # a totals row
        d.join([b"\xe5\x90\x88\xe8\xa8\x88"] + [b"999"] * (ncells - 1)),  # 合計
        d * (ncells - 1),                                          # an all-empty row
        b"# exported by a tool",                                   # a comment line
        b"",                                                       # a blank line
    ])
    i = rng.randrange(len(lines) + 1)
    lines.insert(i, extra)
    if rng.random() < 0.3:
        lines.insert(0, b"Report generated 2024-01-05")  # a title above the header
    return b"\n".join(lines)


def m_duplicate_lines(rng, data):
    lines = _lines(data)
    i = _pick_line(rng, lines)
    lines[i:i] = [lines[i]] * rng.randint(1, 3)
    return b"\n".join(lines)


def m_line_ends(rng, data):
    return rng.choice([data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"),
                       data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"),
                       data.replace(b"\n", b"\r\n", rng.randint(1, 5)),
                       data + b"\n\n\n", data.rstrip(b"\r\n")])


def m_bom(rng, data):
    return b"\xef\xbb\xbf" + data if not data.startswith(b"\xef\xbb\xbf") else data[3:]


def m_swap_rows(rng, data):
    lines = _lines(data)
    body = lines[1:]
    rng.shuffle(body)
    return b"\n".join(lines[:1] + body)


MUTATIONS = [m_flip_bytes, m_truncate, m_drop_delimiter, m_duplicate_delimiter, m_drop_quote,
             m_add_quote, m_ragged, m_nul, m_huge_field, m_bad_encoding, m_reencode,
             m_hostile_cell, m_extra_rows, m_duplicate_lines, m_line_ends, m_bom, m_swap_rows]
WEIGHTS = [3, 2, 2, 2, 2, 2, 3, 2, 1, 3, 1, 4, 3, 2, 1, 1, 1]


def fuzz_case(seed: int, index: int, originals: list[bytes]) -> tuple[str, list[str], bytes]:
    rng = random.Random(f"{seed}:{index}")
    which = rng.randrange(len(originals))
    data = originals[which]
    names = []
    for fn in rng.choices(MUTATIONS, WEIGHTS, k=rng.choice([1, 1, 2, 2, 3])):
        data = fn(rng, data)
        names.append(fn.__name__[2:])
    return FIXTURES[which].name, names, data


def db_state(store):
    cur = store.cursor()
    try:
        return cur.execute(
            "SELECT (SELECT COUNT(*) FROM transactions), (SELECT COALESCE(SUM(amount), 0) FROM "
            "transactions), (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM referrals), "
            "(SELECT COUNT(*) FROM survey_responses), (SELECT COUNT(*) FROM import_batches), "
            "(SELECT COUNT(*) FROM rejected_rows), (SELECT value FROM meta WHERE "
            "key = 'data_counter')").fetchall()[0]
    finally:
        cur.close()


def run_case(store, data: bytes, name: str, date_order: str | None = None) -> str:
    """One import; returns its outcome ('loaded', 'refused', 'date-order') or raises
    AssertionError / whatever unexpected exception the import raised."""
    before = db_state(store)
    try:
        r = import_file(store, data, file_name=name, date_order=date_order)
    except ImportError_ as exc:
        check_refusal(exc)
        message = str(exc).strip()
        assert db_state(store) == before, f"a refused file changed the database: {message}"
        return "date-order" if isinstance(exc, DateOrderQuestion) else "refused"
    assert r.rows_read == r.rows_loaded + r.rows_rejected + r.rows_skipped + r.rows_duplicate, \
        r.line()
    after = db_state(store)
    assert after[5] == before[5] + 1, "an import that is not exactly one batch"
    assert after[6] == before[6] + r.rows_rejected, "rejected rows not all kept"
    return "loaded"


def check_refusal(exc: ImportError_) -> None:
    message = str(exc).strip()
    assert message, "an empty refusal"
    assert "\n" not in message and "Traceback" not in message, message


def test_mutated_vendor_exports_never_crash_and_always_reconcile(tmp_path, record_property):
    originals = [p.read_bytes() for p in FIXTURES]
    assert len(originals) >= 20
    store = Store(":memory:")
    for p, data in zip(FIXTURES, originals):  # the store starts with every vendor's real rows
        try:
            import_file(store, data, file_name=p.name)
        except DateOrderQuestion:
            import_file(store, data, file_name=p.name, date_order="dayfirst")
    outcomes: dict[str, int] = {}
    failures = []
    started = time.monotonic()
    imports_run = 0
    try:
        for index in range(FUZZ_CASES):
            name, names, data = fuzz_case(FUZZ_SEED, index, originals)
            outcome = None
            try:
                try:  # import_file's own first step, so a refusal here is the import's
                    plan_file(data, file_name=name, strict=False)  # as the Data page reads
                    plan_file(data, file_name=name)
                except DateOrderQuestion:
                    pass  # readable; the import asks (and is answered) below
                except ImportError_ as exc:  # refused while reading: nothing was written
                    check_refusal(exc)
                    outcome = "refused on reading"
                if outcome is None and imports_run >= FUZZ_IMPORTS:
                    outcome = "read only (import quota reached)"
                elif outcome is None:
                    imports_run += 1
                    if index % 3 == 0:  # the Data page's preview (a third of the cases: time)
                        try:
                            preview_file(data, file_name=name, store=store)
                        except ImportError_ as exc:
                            check_refusal(exc)
                    outcome = run_case(store, data, name)
                    if outcome == "date-order":  # answer the question, as the Data page does
                        outcome = run_case(store, data, name, "dayfirst")
                    outcome = "imported: " + outcome
            except Exception as exc:  # noqa: BLE001 - every unexpected failure is a finding
                repro = tmp_path / f"case-{index}-{name}"
                repro.write_bytes(data)
                failures.append(f"case {index} ({name}: {'+'.join(names)}) -> "
                                f"{type(exc).__name__}: {str(exc)[:300]} [{repro}]")
                outcome = "FAILED"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        store.close()
    elapsed = time.monotonic() - started
    run = sum(outcomes.values())
    imported = sum(v for k, v in outcomes.items() if k.startswith("imported"))
    summary = (f"mutation fuzz: {run} cases in {elapsed:.1f} s (seed {FUZZ_SEED}), "
               f"{imported} fully imported: "
               + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(summary)
    record_property("fuzz_cases", run)
    record_property("fuzz_full_imports", imported)
    record_property("fuzz_outcomes", outcomes)
    assert not failures, f"{summary}\n" + "\n".join(failures[:20])
    assert run == FUZZ_CASES, summary
    assert imported == min(FUZZ_IMPORTS, run - outcomes.get("refused on reading", 0)), summary
