"""Value profiles: what a column's sampled values look like.

Every column is profiled from a sample of its values (the share that parse as dates, times,
amounts, whole numbers, 0-10 answers, e-mails, currency codes; how many are distinct; how many
are free text) with the same SQL parsers the import runs (cx.ingest.parsing), so what counts as
a date here is what loads as a date. `value_fit` says how well a column's values fit a kind of
value, `value_only` what a field found by its values alone scores.
"""
from __future__ import annotations

import dataclasses
import math
import threading
from dataclasses import dataclass

import duckdb

from cx.ingest import parsing as P
from cx.ingest.field_rules import Rule
from cx.ingest.header_words import HeaderName, header_name


@dataclass
class ColumnProfile:
    """What a column's sampled values look like (shares of the non-empty values)."""
    header: HeaderName
    filled: int = 0
    date: float = 0.0
    has_time: float = 0.0
    time_only: float = 0.0
    money: float = 0.0
    integer: float = 0.0
    nps: float = 0.0
    email: float = 0.0
    currency: float = 0.0
    decimals: float = 0.0
    negative: float = 0.0
    symbol: float = 0.0
    text: float = 0.0
    distinct: float = 0.0
    varied: bool = False
    max_abs: float = 0.0
    serial: float = 0.0     # five-digit numbers an Excel date could be
    n_distinct: int = 0
    max_whole: float = 0.0


_TIME_ONLY = r"^\s*[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?\s*([AaPp][Mm])?\s*$|^\s*(午前|午後)"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_TEXT = "[A-Za-z\u3040-\u30ff\u3400-\u9fff]{2,}.*\\s|[\u3040-\u30ff\u3400-\u9fff]{4,}"


# What one value is, computed by the import's own SQL parsers: (is a date, has a time of day,
# is a time only, is an amount, its amount, whole number, 0-10 answer, e-mail, currency code,
# has cents, has a currency sign, is free text, could be an Excel serial date).
_FEATURES = [
    "ok_ts AND NOT regexp_full_match(v, '[0-9]{1,7}(\\.[0-9]+)?')",
    "ok_ts AND regexp_matches(v, '[0-9]:[0-9]{2}')",
    f"regexp_matches(v, '{_TIME_ONLY}')",
    "m IS NOT NULL AND NOT (ok_ts AND NOT regexp_full_match(v, '[0-9]+')) "
    "AND NOT regexp_matches(v, '[0-9]:[0-9]')",
    "m",
    "w",
    f"{P.nps_score('v')} BETWEEN 0 AND 10",
    f"regexp_full_match(v, '{_EMAIL}')",
    f"{P.currency_code('v')} IS NOT NULL",
    "m IS NOT NULL AND regexp_matches(v, '[.,][0-9]{1,2}\\D*$')",
    "m IS NOT NULL AND regexp_matches(v, '[$¥￥€£円]')",
    f"regexp_matches(v, '{_TEXT}')",
    "regexp_full_match(v, '[0-9]{5}(\\.[0-9]+)?') AND TRY_CAST(v AS DOUBLE) BETWEEN 20000 "
    "AND 80000",
]
_seen: dict[str, tuple] = {}      # value -> features (bounded: cleared when it grows large)
_SEEN_MAX = 200_000
_seen_lock = threading.Lock()


def _features(values: set[str]) -> dict[str, tuple]:
    """Features of each value; values seen before (the same export again, its other columns)
    are not parsed again: planning the parsers costs more than running them."""
    with _seen_lock:
        known = {v: _seen[v] for v in values if v in _seen}
    todo = [v for v in values if v not in known]
    if todo:
        ts = P.timestamp("v", "either")
        sql = (f"SELECT v, {', '.join(_FEATURES)} FROM (SELECT v, t, m, w, (t IS NOT NULL AND "
               f"year(t) BETWEEN 1900 AND 2100) AS ok_ts FROM (SELECT v, {ts} AS t, "
               f"COALESCE({P.money('v')}, {P.money('v', True)}) AS m, {P.whole_number('v')} AS w "
               "FROM (SELECT unnest($values::VARCHAR[]) AS v)))")
        con = duckdb.connect()   # private and short-lived: never shared with another thread
        try:
            got = {r[0]: tuple(r[1:]) for r in con.execute(sql, {"values": todo}).fetchall()}
        finally:
            con.close()
        with _seen_lock:
            if len(_seen) > _SEEN_MAX:
                _seen.clear()
            _seen.update(got)
        known.update(got)
    return known


def profile_columns(headers: list[str], sample: list[list[str]],
                    labels: list[str] | None = None) -> list[ColumnProfile]:
    """One profile per column from the sample rows, with the import's own SQL parsers.
    `labels` are what to read as each header (a second header row's question text added)."""
    names = [dataclasses.replace(header_name(label), text=h)
             for h, label in zip(headers, labels or headers, strict=False)]
    n = len(headers)
    columns = [[] for _ in range(n)]
    for r in sample:
        for i in range(min(n, len(r))):
            v = r[i].strip() if isinstance(r[i], str) else ""
            if v:
                columns[i].append(v)
    feats = _features({v for col in columns for v in col}) if any(columns) else {}
    return [_profile(name, col, feats) for name, col in zip(names, columns, strict=True)]


def _profile(name: HeaderName, values: list[str], feats: dict[str, tuple]) -> ColumnProfile:
    filled = len(values)
    if not filled:
        return ColumnProfile(name)
    rows = [feats[v] for v in values]

    def share(k: int) -> float:
        return sum(1 for f in rows if f[k]) / filled

    money = [f[4] for f in rows if f[4] is not None]
    whole = [f[5] for f in rows if f[5] is not None]
    distinct = len(set(values))
    return ColumnProfile(
        name, filled, date=share(0), has_time=share(1), time_only=share(2), money=share(3),
        integer=len(whole) / filled, nps=share(6), email=share(7), currency=share(8),
        decimals=share(9), negative=sum(1 for m in money if m < 0) / filled, symbol=share(10),
        text=share(11), distinct=distinct / filled, varied=distinct > 1,
        max_abs=max((abs(m) for m in money), default=0.0), serial=share(12),
        n_distinct=distinct, max_whole=float(max(whole, default=0)))


def value_fit(value: str, p: ColumnProfile) -> float | None:
    """How well a column's values fit a kind of value: a score, or None when they rule the
    field out. An empty column neither helps nor rules out."""
    if p.filled == 0:
        return 0.0
    if value == "date":
        if p.date >= 0.8:
            return 1.0
        if p.serial >= 0.8:   # an Excel serial date: only with a date word in the header
            return 0.0
        return 0.2 if p.date >= 0.5 else None
    if p.date >= 0.8 and value not in ("any", "text", "status"):
        return None
    if value == "time":
        return 1.0 if p.time_only >= 0.8 else None
    if p.time_only >= 0.8:
        return None
    if value == "money":
        if p.money < 0.5:
            return None
        return 0.3 + 0.4 * min(1.0, p.decimals + p.symbol) if p.money >= 0.8 else 0.0
    if value == "count":
        if p.integer >= 0.8:
            return 0.6
        return 0.1 if p.money >= 0.8 and p.decimals < 0.5 else None
    if value == "nps":
        if p.nps >= 0.9 and p.decimals == 0:
            return 1.0
        return 0.2 if p.nps >= 0.5 else None
    if value == "email":
        return 1.2 if p.email >= 0.5 else (0.0 if p.email > 0 else None)
    if value == "currency":
        return 1.0 if p.currency >= 0.8 else None
    if value == "id":
        if p.email >= 0.5:
            return 0.1      # an e-mail can be the id
        if p.text >= 0.5 or (p.money >= 0.8 and p.decimals >= 0.5 and p.integer < 0.8):
            return None
        return 0.3 * min(1.0, p.distinct * 1.5)
    if value == "name":
        if p.money >= 0.8 or p.email >= 0.5:
            return None
        return 0.2
    if value == "text":
        if p.money >= 0.9 and p.text == 0:
            return None
        return 0.2 if p.text >= 0.3 else 0.0
    if value == "status":   # a status in words over its numeric code
        return 0.2 if p.integer < 0.5 else 0.0
    return 0.0


def value_only(rule: Rule, p: ColumnProfile) -> float:
    """Score of a field found by its values alone (no header word for it)."""
    if not rule.by_values or p.filled < 2:
        return -math.inf
    if rule.value == "date" and p.date >= 0.9:
        return rule.by_values
    if rule.value == "email" and p.email >= 0.8:
        return rule.by_values
    if rule.value == "money" and p.money >= 0.95 and (p.decimals >= 0.3 or p.symbol >= 0.3) \
            and p.varied and p.date == 0:
        return rule.by_values
    if rule.value == "nps" and p.nps >= 0.95 and p.decimals == 0 and p.n_distinct >= 3 \
            and p.max_whole >= 7 and p.date == 0:
        return rule.by_values   # answers spread over the scale, not a 1/2 code
    return -math.inf
