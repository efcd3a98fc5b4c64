"""Reading a file: size and binary checks, encoding, delimiter, record boundaries, header row.

Everything here works on the whole file with vectorised byte scans (numpy), never a per-row
Python loop, so a 40 MB export is framed in a fraction of a second. The actual field splitting
of the data rows is left to DuckDB's CSV reader (see staging.py); this module only decides *how*
to read the file and counts the records independently, so the import can reconcile.
"""
from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import logging
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

MAX_FILE_MB = 200  # .streamlit/config.toml server.maxUploadSize
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
HEAD_RECORDS = 40  # records parsed in Python to find the header and preview
DELIMITERS = [",", "\t", ";", "|"]
SNIFF_BYTES = 1 << 20  # the start of the file the delimiter is sniffed on
# Python's csv module refuses fields over 128 KiB by default; the file-size limit already bounds
# every field, so a long comment or a packed line-item cell is read, never a crash.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES + 1))


class ImportError_(ValueError):
    """A file that cannot be imported at all; the message is one sentence for the user.
    `code` and `values` let the Data page say it in the user's language (data.err.<code>)."""

    def __init__(self, message: str, code: str | None = None, **values):
        super().__init__(message)
        self.code, self.values = code, values


class DateOrderQuestion(ImportError_):
    """Dates like 01/02/2024 could be day-first or month-first and nothing in the file decides."""

    def __init__(self, column: str, examples: list[str]):
        self.column, self.examples = column, examples
        super().__init__(
            f"The dates in column '{column}' (for example {', '.join(examples[:3])}) could be "
            "day/month or month/day; choose the order (--dayfirst or --monthfirst).")


@dataclass
class Framed:
    """A decoded file cut into records: what the import needs to read it and to reconcile."""
    sha256: str
    encoding: str
    text_bytes: bytes          # the file as UTF-8 (no BOM)
    delimiter: str
    starts: np.ndarray         # byte offset of each non-blank record
    ends: np.ndarray           # byte offset of its terminator (exclusive end)
    newlines: np.ndarray       # offsets of every "\n" (for line numbers)
    head: list[list[str]] = field(default_factory=list)  # first records, parsed

    def line_no(self, record_index: np.ndarray | int):
        """1-based line number (as an editor shows it) where a record starts."""
        return np.searchsorted(self.newlines, self.starts[record_index]) + 1

    @property
    def records(self) -> int:
        return len(self.starts)


def read_source(source) -> tuple[bytes, str | None]:
    """Bytes of a path or of bytes already in memory (an upload); refuses oversized files."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
        name = None
    else:
        path = Path(source)
        if not path.exists():
            raise ImportError_(f"The file {path} does not exist.")
        if path.is_dir():
            raise ImportError_(f"{path} is a folder, not a file.")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportError_(f"The file is {size / 1024 / 1024:,.0f} MB, over the "
                               f"{MAX_FILE_MB} MB limit; split it into smaller exports.",
                               "too_big", mb=f"{size / 1024 / 1024:,.0f}", limit=MAX_FILE_MB)
        raw = path.read_bytes()
        name = path.name
    raw = _uncompressed(raw)
    if len(raw) > MAX_FILE_BYTES:
        raise ImportError_(f"The file is {len(raw) / 1024 / 1024:,.0f} MB, over the "
                           f"{MAX_FILE_MB} MB limit; split it into smaller exports.",
                           "too_big", mb=f"{len(raw) / 1024 / 1024:,.0f}", limit=MAX_FILE_MB)
    return raw, name


def _uncompressed(raw: bytes) -> bytes:
    """The CSV inside a gzip file (`orders.csv.gz`) or a zip archive holding one CSV file; any
    other bytes as they are. Never more than the size limit is unpacked."""
    if raw.startswith(b"\x1f\x8b"):
        d = zlib.decompressobj(wbits=31)
        try:
            out = d.decompress(raw, MAX_FILE_BYTES + 1)
        except zlib.error as exc:
            raise ImportError_("The file looks like a gzip archive but cannot be unpacked.",
                               "binary") from exc
        return out
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                names = [i for i in z.infolist() if not i.is_dir()
                         and not i.filename.startswith(("__MACOSX", "."))]
                texts = [i for i in names if i.filename.lower().endswith((".csv", ".tsv", ".txt"))]
                if len(names) == 1 and texts or len(texts) == 1:
                    item = texts[0]
                    if item.file_size > MAX_FILE_BYTES:
                        raise ImportError_(f"The file inside the archive is over the "
                                           f"{MAX_FILE_MB} MB limit; split it into smaller "
                                           "exports.", "too_big",
                                           mb=f"{item.file_size / 2**20:,.0f}",
                                           limit=MAX_FILE_MB)
                    return z.read(item)
        except zipfile.BadZipFile as exc:   # read as it is: refused as a zip archive below
            log.debug("not a readable zip archive: %s", exc)
    return raw


_MAGIC = {
    b"PK\x03\x04": "a zip archive or an Excel workbook (.xlsx); save it as CSV first",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls); save it as CSV first",
    b"%PDF": "a PDF document",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"\x1f\x8b": "a gzip archive",
}


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding name: UTF-8 (with or without BOM), UTF-16 with BOM, cp932,
    or what charset-normalizer finds. Binary and empty files are refused in one sentence."""
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ImportError_("The file is empty.", "empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportError_("The file says it is UTF-16 but cannot be decoded as such.") from exc
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise ImportError_(f"This is not a CSV file: it looks like {what}.", "binary")
    head = raw[:65536]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head[:4096]) > 8:
        raise ImportError_("This is not a CSV file: it contains binary data.", "binary")
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportError_("The file starts like UTF-8 but contains bytes that are not "
                               "UTF-8; re-export it as UTF-8.") from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:   # the next encodings are tried
        log.debug("not UTF-8: %s", exc)
    mixed = _utf8_with_cp1252_lines(raw)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    try:
        text = raw.decode("cp932")
        if _plausible(text):
            return text, "cp932"
    except UnicodeDecodeError as exc:
        log.debug("not cp932: %s", exc)
    best = from_bytes(raw[:200_000]).best()
    if best is not None:
        try:
            text = raw.decode(best.encoding)
            if _plausible(text):
                return text, best.encoding
        except (UnicodeDecodeError, LookupError) as exc:
            log.debug("not %s: %s", best.encoding, exc)
    raise ImportError_("The file's text encoding could not be recognised; re-export it as "
                       "UTF-8 or Shift_JIS (cp932).", "encoding")


def _cp1252_fallback(err: UnicodeDecodeError):
    """Decode the bytes UTF-8 refused as cp1252 (Windows' Western encoding)."""
    chunk = err.object[err.start:err.end]
    return chunk.decode("cp1252", errors="replace"), err.end


codecs.register_error("cx_cp1252", _cp1252_fallback)


def _utf8_with_cp1252_lines(raw: bytes) -> str | None:
    """A UTF-8 file with some lines saved by a Windows program (é as one byte 0xE9): mostly
    valid UTF-8 beside single bytes that are not. The text, or None when the file is another
    encoding (cp932 bytes are almost never valid UTF-8 sequences)."""
    head = raw[:2_000_000]
    sequences = re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                           rb"[\xf0-\xf4][\x80-\xbf]{3}", head)
    high = sum(1 for b in head if b >= 0x80) if len(head) < 200_000 else int(
        (np.frombuffer(head, dtype=np.uint8) >= 0x80).sum())
    stray = high - sum(len(x) for x in sequences)
    if not sequences or stray <= 0 or stray > 2 * len(sequences):
        return None
    text = raw.decode("utf-8", errors="cx_cp1252")
    return None if "\ufffd" in text else text


def _plausible(text: str) -> bool:
    """No replacement characters, few control characters, and no private-use runs."""
    sample = text[:100_000]
    if "\ufffd" in sample:
        return False
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn", "Cc")
              and ch not in "\r\n\t")
    return odd <= len(sample) // 1000


def frame(raw: bytes) -> Framed:
    """Decode, find record boundaries (quotes respected, as Python's csv module reads them),
    sniff the delimiter, parse the head. A quoted field that never closes is refused with the
    line where it opens (it would swallow the rest of the file)."""
    sha = hashlib.sha256(raw).hexdigest()
    text, encoding = decode(raw)
    if encoding == "utf-8":
        buf = raw
    else:
        buf = text.encode("utf-8")
    buf = unify_line_ends(buf)
    arr = np.frombuffer(buf, dtype=np.uint8)
    newlines = np.flatnonzero(arr == 10)
    delimiter = sniff_delimiter(_sniff_text(buf, newlines))
    quotes = structural_quotes(arr, delimiter)
    if len(quotes) % 2:
        line = int(np.searchsorted(newlines, quotes[-1])) + 1
        raise ImportError_(f"A quoted field opens on line {line} and never closes, so the rest "
                           "of the file would be read as one cell; fix the stray quote on that "
                           "line.", "unclosed_quote", line=line)
    stray = _misquoted_field(arr, quotes, newlines, delimiter)
    if stray is not None:
        raise ImportError_(f"A quoted field opens on line {stray[0]} and closes in the middle "
                           f"of line {stray[1]}, so the lines between would be read as one "
                           "cell; fix the stray quote on line "
                           f"{stray[0]}.", "stray_quote", line=stray[0], end=stray[1])
    if len(quotes):
        inside = (np.searchsorted(quotes, newlines) & 1).astype(bool)
        terms = newlines[~inside]
    else:
        terms = newlines
    if len(buf) and (not len(terms) or terms[-1] != len(buf) - 1):
        terms = np.append(terms, len(buf))
    starts = np.concatenate(([0], terms[:-1] + 1)) if len(terms) else np.array([], dtype=np.int64)
    ends = terms
    length = ends - starts
    # strip a trailing \r from the length when checking for blank records
    last = (np.where(length > 0, arr[np.clip(ends - 1, 0, max(len(arr) - 1, 0))], 0)
            if len(arr) else length)
    blank = (length == 0) | ((length == 1) & (last == 13))
    starts, ends = starts[~blank], ends[~blank]
    if not len(starts):
        raise ImportError_("The file is empty.", "empty")
    head = [_parse_record(buf[int(s):int(e)], delimiter)
            for s, e in zip(starts[:HEAD_RECORDS], ends[:HEAD_RECORDS], strict=True)]
    return Framed(sha, encoding, buf, delimiter, starts.astype(np.int64), ends.astype(np.int64),
                  newlines, head)


SAMPLE_RECORDS = 400  # data records profiled to recognise the columns


def sample_records(fr: Framed, first: int, n: int = SAMPLE_RECORDS) -> list[list[str]]:
    """Up to n data records from `first` on, parsed: the first ones and the rest spread
    evenly over the file (an export sorted by date or kind still shows all its shapes)."""
    total = fr.records - first
    if total <= 0:
        return []
    if total <= n:
        idx = np.arange(first, fr.records)
    else:
        head = np.arange(first, first + n // 4)
        spread = np.linspace(first + n // 4, fr.records - 1, n - n // 4).astype(np.int64)
        idx = np.unique(np.concatenate([head, spread]))
    return [_parse_record(fr.text_bytes[int(fr.starts[i]):int(fr.ends[i])], fr.delimiter)
            for i in idx]


def unify_line_ends(buf: bytes) -> bytes:
    """Old-Mac files end their lines with a lone CR: when lone CRs outnumber LFs, they become
    LFs (CRLF pairs are left alone), so such a file has lines like any other."""
    if b"\r" not in buf:
        return buf
    lone_cr = buf.count(b"\r") - buf.count(b"\r\n")
    if lone_cr and lone_cr > buf.count(b"\n"):
        return re.sub(rb"\r(?!\n)", b"\n", buf)
    return buf


def _sniff_text(buf: bytes, newlines: np.ndarray) -> str:
    """The first lines of the file (at most SNIFF_BYTES) as text, for sniffing the delimiter."""
    cut = len(buf)
    if len(newlines) > HEAD_RECORDS * 2:
        cut = int(newlines[HEAD_RECORDS * 2])
    return buf[:min(cut, SNIFF_BYTES)].decode("utf-8", "replace")


def structural_quotes(arr: np.ndarray, delimiter: str) -> np.ndarray:
    """Offsets of the quotes that open and close quoted fields, in pairs; a quote that opens a
    field never closed leaves the count odd. As in Python's csv module, a quote opens a field
    only at its start (after a delimiter, a line end or at the file's start); a quote inside an
    unquoted field (`Pizza 12" large`) is a literal character and is left out; `""` inside a
    quoted field is an escaped quote (kept as a pair).

    Vectorised: quote parity is right until the first opener that is not at a field start; that
    quote is dropped and parity resumes after it. Many such quotes go to a loop over the quotes
    (never over every byte)."""
    quotes = np.flatnonzero(arr == 34)
    n = len(quotes)
    if not n:
        return quotes
    d = ord(delimiter) if len(delimiter) == 1 and ord(delimiter) < 128 else 10

    def field_start(q: np.ndarray) -> np.ndarray:
        prev = arr[np.maximum(q - 1, 0)]
        return (q == 0) | (prev == d) | (prev == 10) | (prev == 13)

    def openers_ok(r: np.ndarray, start_ok: np.ndarray) -> np.ndarray:
        """start_ok: field_start of r's openers (r[0::2])."""
        ok = start_ok.copy()
        ok[1:] |= r[2::2] - 1 == r[1:-1:2][: len(ok) - 1]  # right after a closer: "" escape
        return ok

    # the common case: every opener by parity is at a field start (checked on half the quotes)
    ok = openers_ok(quotes, field_start(quotes[0::2]))
    if ok.all():
        return quotes
    at_start = field_start(quotes)
    kept, s, rounds = [], 0, 0
    while s < n:
        r = quotes[s:]
        bad = np.flatnonzero(~openers_ok(r, at_start[s:][0::2]))
        if not len(bad):
            kept.append(r)
            break
        b = 2 * int(bad[0])
        kept.append(r[:b])
        s += b + 1          # quotes[s - 1] is a literal quote inside an unquoted field
        rounds += 1
        if rounds >= 32 and s < n:
            kept.append(_structural_quotes_loop(quotes[s:].tolist(), at_start[s:].tolist()))
            break
    return np.concatenate(kept).astype(np.int64)


def _misquoted_field(arr: np.ndarray, quotes: np.ndarray, newlines: np.ndarray,
                     delimiter: str) -> tuple[int, int] | None:
    """(line it opens on, line it closes on) of the first quoted field that spans a line break
    and whose closing quote is followed by more text instead of a delimiter or the line end:
    a stray quote that swallowed lines, not a quoted newline. None when there is none. (On one
    line, `"abc"def` is read as csv reads it.)"""
    if not len(quotes):
        return None
    openers, closers = quotes[0::2], quotes[1::2]
    d = ord(delimiter) if len(delimiter) == 1 and ord(delimiter) < 128 else 10
    nxt = arr[np.minimum(closers + 1, len(arr) - 1)]
    junk = (nxt != d) & (nxt != 10) & (nxt != 13) & (nxt != 34) & (closers + 1 < len(arr))
    candidates = np.flatnonzero(junk)
    if not len(candidates):
        return None
    # where the field of each such closer opened (back over "" escapes inside it)
    escape = np.zeros(len(openers), dtype=bool)
    escape[1:] = openers[1:] - 1 == closers[:-1]
    field_first = np.maximum.accumulate(np.where(~escape, np.arange(len(openers)), 0))
    first, last = openers[field_first[candidates]], closers[candidates]
    spans = np.searchsorted(newlines, first) != np.searchsorted(newlines, last)
    bad = np.flatnonzero(spans)
    if not len(bad):
        return None
    i = int(bad[0])
    return (int(np.searchsorted(newlines, first[i])) + 1,
            int(np.searchsorted(newlines, last[i])) + 1)


def _structural_quotes_loop(quotes: list[int], at_start: list[bool]) -> np.ndarray:
    out, inside, i, n = [], False, 0, len(quotes)
    while i < n:
        p = quotes[i]
        if not inside:
            if at_start[i]:
                out.append(p)
                inside = True
            i += 1
        elif i + 1 < n and quotes[i + 1] == p + 1:   # "" inside a quoted field
            out += [p, p + 1]
            i += 2
        else:
            out.append(p)
            inside = False
            i += 1
    return np.array(out, dtype=np.int64)


def _parse_record(chunk: bytes, delimiter: str) -> list[str]:
    text = chunk.decode("utf-8", "replace").rstrip("\r")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                           doublequote=True, strict=False))
    return rows[0] if rows else []


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most consistent number of fields
    (more than one); a comma when nothing splits."""
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar='"',
                               strict=False))
        widths = [len(r) for r in rows if r]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        consistency = widths.count(common) / len(widths)
        score = consistency * 10 + min(common, 50) / 50
        if score > best_score + 1e-9:
            best, best_score = delim, score
    return best


@functools.lru_cache(maxsize=65536)
def normalise_header(name: str) -> str:
    """NFKC, trimmed, lower case, leading apostrophe and BOM removed, `_ - .` and runs of spaces
    folded to one space: `Lineitem_quantity ` and `ＬＩＮＥＩＴＥＭ quantity` match."""
    text = unicodedata.normalize("NFKC", str(name or "")).replace("\ufeff", "").strip()
    text = text.lstrip("'").lower()
    out = []
    for ch in text:
        out.append(" " if ch in "_-." or ch.isspace() else ch)
    return " ".join("".join(out).split())
