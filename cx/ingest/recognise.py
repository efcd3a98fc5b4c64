"""Recognising what a file's columns mean: header evidence (cx.ingest.header_words) and value
evidence (cx.ingest.value_profiles) add up to one score per (field, column); per kind the
assignment with the best total wins (scipy's linear_sum_assignment); the kind follows from the
fields found (`decide`).

A field found only by its values (no header word for it) is a guess: `Recognition.question`
says so, and the import asks before loading (the command line names the flags that confirm it).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from cx.ingest import value_profiles
from cx.ingest.field_rules import RULES
from cx.ingest.fields import REQUIRED, satisfies
from cx.ingest.header_words import EXACT, HeaderName, header_fit, header_name
from cx.ingest.value_profiles import ColumnProfile, value_fit, value_only

# The value profiles' cache: cx/bench.py empties it through this module (recognise._seen).
_seen = value_profiles._seen

THRESHOLD = 1.0        # the least score a field is mapped with
VALUE_ONLY = "values"  # evidence names
HEADER = "header"


@dataclass
class KindMapping:
    kind: str
    mapping: dict                              # field -> header
    evidence: dict                             # field -> 'header' | 'values'
    scores: dict                               # field -> score
    header_scores: dict = field(default_factory=dict)   # field -> the header's part of it
    satisfied: bool = False
    strength: float = 0.0


_TAX_IN = re.compile(r"\b(inc|incl|including|with) ?(tax|vat|gst)|税込|消費税込")
_TAX_OUT = re.compile(r"\b(ex|excl|excluding|without|before) ?(tax|vat|gst)|税抜|税別")


def _tax_note(name: HeaderName) -> float:
    """What the customer paid includes tax: of two amounts, the one with tax wins."""
    if _TAX_IN.search(name.full):
        return 0.05
    return -0.05 if _TAX_OUT.search(name.full) else 0.0


def map_kind(kind: str, profiles: list[ColumnProfile], fields: list[str],
             named: set[int] = frozenset()) -> KindMapping:
    """The best total assignment of this kind's fields to the file's columns."""
    n = len(profiles)
    tie = [0] * n
    for rank, ci in enumerate(sorted(range(n), key=lambda i: (profiles[i].header.bare,
                                                              profiles[i].header.full, i))):
        tie[ci] = rank
    score = np.full((len(fields), n), -math.inf)
    header_part = np.zeros((len(fields), n))
    for fi, fld in enumerate(fields):
        rule = RULES[kind][fld]
        for ci, p in enumerate(profiles):
            h = header_fit(kind, fld, p.header)
            if p.filled == 0 and h < EXACT - 0.4:
                continue      # an empty column is known by its exact name or not at all
            v = value_fit(rule.value, p)
            if v is None:
                continue      # the values rule the field out, whatever the header says
            if rule.value == "date" and p.serial >= 0.8 and p.date < 0.8 and h < 1.5:
                continue      # five-digit numbers are dates only under a date header
            if h >= THRESHOLD:
                if rule.value == "money":
                    h += _tax_note(p.header)
                # a tie goes the same way whatever the columns' order, case or width
                score[fi, ci] = h + v - 0.001 * tie[ci]
                header_part[fi, ci] = h
            elif rule.value == "email" or ci not in named:
                # by values alone only under a header that says nothing we can read (`Q1`,
                # `Kwota`): `item-tax` is a tax, whatever its values look like
                score[fi, ci] = value_only(rule, p)
    mapping, evidence, scores, header_scores = {}, {}, {}, {}
    if n and fields:
        cost = np.where(np.isfinite(score), -score, 1e6)
        rows, cols = linear_sum_assignment(cost)
        for fi, ci in zip(rows, cols, strict=True):
            if np.isfinite(score[fi, ci]) and score[fi, ci] >= THRESHOLD * 0.75:
                fld = fields[fi]
                mapping[fld] = profiles[ci].header.text
                evidence[fld] = HEADER if header_part[fi, ci] >= THRESHOLD else VALUE_ONLY
                scores[fld] = float(score[fi, ci])
                header_scores[fld] = float(header_part[fi, ci])
    return KindMapping(kind, mapping, evidence, scores, header_scores)


@dataclass
class Recognition:
    """What the file is: the kind, its mapping, how each field was found, the other kinds
    that fit, and a question when the guess should be confirmed before loading."""
    kind: str | None
    mapping: dict
    evidence: dict = field(default_factory=dict)
    candidates: list = field(default_factory=list)     # KindMapping, best first
    question: str | None = None                        # why to ask before loading
    currency: str | None = None                        # from the amount header's unit
    notes: list = field(default_factory=list)          # what the import summary says of it


_PREFERENCE = {"surveys": 0.4, "referrals": 0.3, "transactions": 0.2, "customers": 0.1}


def _strength(km: KindMapping) -> float:
    """Evidence for a kind: its required fields count fully, the rest a little."""
    required = REQUIRED[km.kind]
    need = sum(max((km.scores.get(f, 0.0) for f in alts), default=0.0) for alts in required)
    extra = sum(s for f, s in km.scores.items()
                if not any(f in alts for alts in required))
    return need + 0.25 * extra + _PREFERENCE[km.kind] / 10


def _satisfied(km: KindMapping) -> bool:
    m = km.mapping
    if not satisfies(km.kind, m):
        return False
    if km.kind == "referrals":
        return ("referrer_id" in m or "referrer_email" in m) and \
            any(f in m for f in ("referred_id", "referred_email", "code"))
    return True


def _prefer_gross(km: KindMapping, profiles: list[ColumnProfile]) -> str | None:
    """When the amount is a net-of-fees column and the file also has a gross one, revenue is
    the gross amount (fees are the shop's cost, not the customer's spend). The note to show."""
    header = km.mapping.get("amount")
    if header is None:
        return None
    words = header_name(header).words
    if "net" not in words and "正味" not in header and "手取" not in header:
        if "gross" in words or "総額" in header:
            net = next((p.header.text for p in profiles if p.header.text != header and (
                "net" in p.header.words or "手取" in p.header.bare) and
                value_fit("money", p) is not None), None)
            if net:
                return (f"Revenue is the gross amount '{header}', not '{net}' (net of fees: "
                        "fees are the shop's cost, not the customer's spend).")
        return None
    used = set(km.mapping.values())
    for p in profiles:
        if p.header.text not in used and ("gross" in p.header.words or "総額" in p.header.bare) \
                and value_fit("money", p) is not None:
            km.mapping["amount"] = p.header.text
            return (f"Revenue is the gross amount '{p.header.text}', not '{header}' (net of "
                    "fees: fees are the shop's cost, not the customer's spend).")
    return None


SPECIFIC = ("referrals", "surveys", "transactions", "customers")
STRONG = 2.0    # header evidence that names a required field beyond doubt
CLOSE = 0.85    # a rival kind this close to the best makes the guess a question


def _strong(km: KindMapping) -> bool:
    """Every required field found under a header that names it (not by values, not by a weak
    word such as `time` for a date)."""
    return km.satisfied and all(
        any(km.header_scores.get(f, 0.0) >= STRONG for f in alts)
        for alts in REQUIRED[km.kind])


def _price_is_the_amount(km: KindMapping, profiles: list[ColumnProfile]) -> None:
    """A bare `Price` is a unit price in a file of order lines (an order id repeats), but the
    order's amount where every row is its own order (the CDNOW log's `price`)."""
    header = km.mapping.get("unit_price")
    if header is None or "amount" in km.mapping or "line_total" in km.mapping:
        return
    if header_name(header).words not in (("price",), ("prices",)):
        return
    order = km.mapping.get("order_id")
    if order is not None:
        p = next(p for p in profiles if p.header.text == order)
        if p.filled and p.n_distinct < p.filled:
            return
    km.mapping["amount"] = km.mapping.pop("unit_price")
    km.evidence["amount"] = km.evidence.pop("unit_price")
    km.scores["amount"] = km.scores.pop("unit_price")
    km.header_scores["amount"] = km.header_scores.pop("unit_price", 0.0)


def decide(found: dict[str, KindMapping], profiles: list[ColumnProfile],
           forced: bool = False) -> Recognition:
    """The kind the fields say the file is. The most specific kind whose required fields are
    all named by their headers wins (referrer and referred columns make referrals, a 0-10
    answer under a recommend question a survey, an order date with an amount orders; a file is
    a customer list only when it has no order date with an amount). Without such a kind the
    best-scoring one is a guess, and comes with a question: found only by values, or weakly."""
    for km in found.values():
        km.satisfied = _satisfied(km)
        km.strength = _strength(km)
    tx = found.get("transactions")
    excluded = set()
    if not forced and tx is not None and tx.satisfied:
        excluded.add("customers")
    ranked = sorted((km for km in found.values() if km.kind not in excluded),
                    key=lambda km: (km.satisfied, km.strength), reverse=True)
    strong = {km.kind: km for km in ranked if _strong(km)}
    weak = [found[k] for k in SPECIFIC if k in found and k not in excluded
            and found[k].satisfied and k not in strong]
    question = None
    if "referrals" in strong:      # referrer and referred columns: nothing else has them
        best = strong["referrals"]
    elif "surveys" in strong and "transactions" in strong:
        best, rival = sorted((strong["surveys"], strong["transactions"]),
                             key=lambda km: km.strength, reverse=True)
        if rival.strength >= CLOSE * best.strength:
            question = "close"
    elif strong and not (list(strong) == ["customers"] and weak):
        best = next(iter(strong.values()))
    else:
        weak.sort(key=lambda km: km.strength, reverse=True)
        best = weak[0] if weak else (ranked[0] if ranked else None)
        if best is None or (not best.satisfied and not forced):
            return Recognition(None, {}, candidates=ranked)
        required = {f for alts in REQUIRED[best.kind] for f in alts}
        if any(best.evidence.get(f) == VALUE_ONLY for f in best.mapping if f in required):
            question = "values"
        elif best.satisfied and not forced:
            question = "weak"
    if best.kind == "customers" and question is None and tx is not None and not tx.satisfied \
            and tx.header_scores.get("order_id", 0.0) >= STRONG:
        question = "weak"   # orders without an amount are not a customer list either
    if best.kind == "transactions":
        _price_is_the_amount(best, profiles)
    ranked = [best] + [km for km in ranked if km is not best]
    notes = []
    gross = _prefer_gross(best, profiles) if best.kind == "transactions" else None
    if gross:
        notes.append(gross)
    currency = None
    for fld in ("amount", "line_total", "unit_price"):
        if fld in best.mapping:
            currency = header_name(best.mapping[fld]).currency
            break
    return Recognition(best.kind, dict(best.mapping), dict(best.evidence), ranked, question,
                       currency, notes)
