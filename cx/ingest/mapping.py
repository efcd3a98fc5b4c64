"""From a file's header row and sample rows to a mapping: which record is the header (report
titles come first), what kind of file it is and which column holds each field. The header words
and values are read by cx.ingest.header_words and cx.ingest.value_profiles, and weighed by
cx.ingest.recognise; the fields and their synonyms are in cx.ingest.fields.
"""
from __future__ import annotations

import copy
import functools

from cx.ingest.fields import FIELDS, GROUP_WORDS, KINDS, NPS_WORDS
from cx.ingest.header_words import says_something
from cx.ingest.reading import normalise_header
from cx.ingest.recognise import Recognition, decide, map_kind
from cx.ingest.value_profiles import profile_columns

# every known header (normalised): finds the header row among report title lines
ALL_SYNONYMS = {normalise_header(s) for fields in FIELDS.values() for syns in fields.values()
                for s in syns}


def header_score(cells: list[str]) -> int:
    """How many cells look like known column names (used to find the header row)."""
    score = 0
    for c in cells:
        n = normalise_header(c)
        if not n:
            continue
        if n in ALL_SYNONYMS or any(w in n for w in NPS_WORDS[:3]):
            score += 1
    return score


def find_header(head: list[list[str]], limit: int = 20) -> int:
    """Index of the header record among the first records: the one with the most known column
    names (report preambles and title lines come before it). 0 when nothing is known."""
    best, best_score = 0, 0
    for i, row in enumerate(head[:limit]):
        s = header_score(row)
        if s > best_score:
            best, best_score = i, s
    return best


def auto_map(kind: str, headers: list[str], sample: list[list[str]] | None = None,
             labels: list[str] | None = None) -> dict:
    """{field: header} for one kind, by header words and values (cx.ingest.recognise)."""
    return recognise(headers, sample or [], kind, labels).mapping


def recognise(headers: list[str], sample: list[list[str]], kind: str = "auto",
              labels: list[str] | None = None):
    """The Recognition of a file: its kind (or the given one), mapping and evidence.
    `labels`: the header text to read per column when a second header row says more. The
    same file read twice (the Data page's preview, then its import) is recognised once."""
    found = _recognise(tuple(headers), tuple(map(tuple, sample)), kind or "auto",
                       tuple(labels) if labels else None)
    return copy.deepcopy(found)


@functools.lru_cache(maxsize=64)
def _recognise(headers: tuple, sample: tuple, kind: str, labels: tuple | None) -> Recognition:
    headers, sample, labels = list(headers), [list(r) for r in sample], \
        list(labels) if labels else None
    profiles = profile_columns(headers, _present(sample), labels)
    kinds = KINDS if kind in ("auto", None) else (kind,)
    named = {i for i, p in enumerate(profiles) if says_something(p.header)}
    found = {}
    for k in kinds:
        km = map_kind(k, profiles, list(FIELDS[k]), named)
        if k == "surveys":
            _comment_after_score(km, headers, profiles)
        found[k] = km
    return decide(found, profiles, forced=kind not in ("auto", None))


_MISSING = {"na", "n/a", "null", "none", "nan", "-", "--", "#n/a"}


def _present(sample: list[list[str]]) -> list[list[str]]:
    """The sample with the usual spellings of a missing value (NA, N/A, null, -) emptied."""
    return [[("" if (v or "").strip().lower() in _MISSING else v) for v in row]
            for row in sample]


def _comment_after_score(km, headers, profiles) -> None:
    """A survey's free-text column right after the score is its comment (the question's
    follow-up), unless it is the tool's own promoter/passive/detractor group column."""
    if "comment" in km.mapping or "score" not in km.mapping:
        return
    used = set(km.mapping.values())
    nxt = headers.index(km.mapping["score"]) + 1
    while nxt < len(headers) and headers[nxt] not in used and _group_column(profiles[nxt]):
        nxt += 1
    if nxt < len(headers) and headers[nxt] not in used:
        p = profiles[nxt]
        if p.filled and p.money < 0.5 and p.date < 0.5:
            km.mapping["comment"] = headers[nxt]
            km.evidence["comment"] = "header"
            km.scores["comment"] = 1.0


def _group_column(p) -> bool:
    return any(w in p.header.full for w in GROUP_WORDS)


def detect_kind(headers: list[str], sample: list[list[str]]) -> tuple[str | None, dict]:
    """The kind the file's fields say it is, and its mapping (see recognise)."""
    r = recognise(headers, sample)
    return r.kind, r.mapping
