"""Header words: a header as matching reads it, and how well it names a field.

Each header is split into words (`InvoiceDate` is invoice + date, `売上ID` 売上 + id) with its
unit set aside (`Sales ($)`: sales, currency USD); abbreviations and a few foreign words are read
as the English field words they stand for. `header_fit` scores a header for one field: an exact
synonym (cx.ingest.fields), the field's keyword rules (cx.ingest.field_rules), or a close
spelling.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from cx.ingest.field_rules import RULES
from cx.ingest.fields import FIELDS
from cx.ingest.reading import normalise_header

# A unit or currency written in brackets or after the name: set aside for matching, kept as a
# hint of the amounts' currency.
CURRENCY_WORDS = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "¥": "JPY",
                  "￥": "JPY", "円": "JPY", "jpy": "JPY", "yen": "JPY", "€": "EUR", "eur": "EUR",
                  "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "aud": "AUD",
                  "cad": "CAD", "chf": "CHF", "cny": "CNY", "krw": "KRW", "inr": "INR",
                  "brl": "BRL", "r$": "BRL", "mxn": "MXN", "sek": "SEK", "nzd": "NZD",
                  "sgd": "SGD", "hkd": "HKD", "twd": "TWD"}
_BRACKETS = re.compile(r"[(\[{【〔<]([^)\]}】〕>]*)[)\]}】〕>]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass(frozen=True)
class HeaderName:
    """A header as matching sees it: `full` (normalised, brackets kept), `bare` (units and
    bracketed notes set aside), its `words`, and the currency its unit names, if any."""
    text: str
    full: str
    bare: str
    words: tuple[str, ...]
    currency: str | None


# Words that say what a bracket holds is a unit or a note on the value, not its meaning.
UNIT_NOTES = {"税込", "税抜", "税込み", "税抜き", "消費税込", "消費税込み", "tax", "incl", "inc",
              "excl", "ex", "including", "excluding", "vat", "utc", "gmt", "jst", "local",
              "in", "seconds", "s", "円", "yen", "%", "pct"}
# Everyday abbreviations in export headers, read as the word they stand for.
ABBREVIATIONS = {"amt": "amount", "dt": "date", "qty": "quantity", "qnty": "quantity",
                 "trans": "transaction", "tran": "transaction", "txn": "transaction",
                 "trx": "transaction", "tx": "transaction", "num": "number", "nbr": "number",
                 "cust": "customer", "ord": "order", "inv": "invoice", "desc": "description",
                 "cat": "category", "disc": "discount", "discnt": "discount", "curr": "currency",
                 "ccy": "currency", "tel": "phone", "addr": "address", "pmt": "payment",
                 "cnt": "count", "ts": "timestamp", "tot": "total", "prc": "price",
                 "mbr": "member", "usr": "user", "cmt": "comment", "resp": "response"}
# A few words of other languages shop exports are written in (French, Spanish, German,
# Portuguese), read as their English field words.
FOREIGN = {"commande": "order", "pedido": "order", "bestellung": "order", "encomenda": "order",
           "client": "customer", "cliente": "customer", "kunde": "customer",
           "fecha": "date", "datum": "date", "montant": "amount",
           "importe": "amount", "betrag": "amount", "valor": "amount", "ventes": "sales",
           "ventas": "sales", "umsatz": "sales", "vendas": "sales", "articles": "items",
           "artículos": "items", "quantité": "quantity", "cantidad": "quantity",
           "menge": "quantity", "anzahl": "quantity", "quantidade": "quantity",
           "état": "status", "statut": "status", "estado": "status", "prix": "price",
           "precio": "price", "preis": "price", "preço": "price", "remise": "discount",
           "descuento": "discount", "rabatt": "discount", "devise": "currency",
           "moneda": "currency", "währung": "currency", "nettes": "net", "netas": "net",
           "brutes": "gross", "brutas": "gross", "courriel": "email", "correo": "email",
           "nom": "name", "nombre": "name", "commentaire": "comment", "kommentar": "comment",
           "comentario": "comment", "raison": "reason", "note": "score"}


EXTRA_WORDS = ("id", "no", "number", "date", "time", "name", "first", "last", "full", "code",
               "type", "external", "data", "reference", "response", "set", "recipient", "ip",
               "address", "start", "end", "recorded", "finished", "progress", "duration",
               "location", "latitude", "longitude", "language", "user", "agent", "distribution",
               "subject", "stock", "description", "country", "unit", "line", "item", "net",
               "gross", "sub", "grand", "paid", "created", "updated", "at", "on", "by", "of",
               "phone", "city", "zip", "postal", "company", "billing", "shipping", "product",
               "variant", "sku", "title", "note", "notes", "tags", "vendor", "method", "fee",
               "tax", "taxes", "total", "amount", "order", "invoice", "customer", "email")


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """The words headers are matched on (keyword rules, synonyms, abbreviations)."""
    vocab = set(EXTRA_WORDS) | set(ABBREVIATIONS) | set(FOREIGN)
    for rules in RULES.values():
        for rule in rules.values():
            for key, _ in rule.keys:
                vocab.update(w for w in key if w.isascii())
            vocab.update(w for w in rule.avoid if w.isascii() and " " not in w)
    for fields in FIELDS.values():
        for syns in fields.values():
            for syn in syns:
                vocab.update(w for w in normalise_header(syn).split() if w.isascii())
    return frozenset(w for w in vocab if len(w) >= 2 and w.isalpha())


@functools.lru_cache(maxsize=4096)
def _segment(word: str) -> tuple[str, ...]:
    """A run-together lower-case header word as the known words it is made of (`invoicedate`
    is invoice + date, `externaldatareference` external + data + reference): a header written
    all in one case keeps its words. A word that does not split into known words is kept."""
    vocab = _vocabulary()
    if not 6 <= len(word) <= 32 or word in vocab or not word.isascii() or not word.isalpha():
        return (word,)
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 14), end - 1):
            piece, head = word[start:end], best[start]
            if head is not None and piece in vocab and (
                    best[end] is None or len(head) + 1 < len(best[end])):
                best[end] = head + (piece,)
    return best[-1] or (word,)


def says_something(name: HeaderName) -> bool:
    """Whether a header holds a word the rules know (so it names what the column is)."""
    vocab = _vocabulary() - set(EXTRA_WORDS)
    if any(w in vocab for w in name.words if w.isascii()):
        return True
    return any(k in name.bare.replace(" ", "") for k in _cjk_vocabulary())


@functools.lru_cache(maxsize=1)
def _cjk_vocabulary() -> tuple[str, ...]:
    out = set()
    for rules in RULES.values():
        for rule in rules.values():
            out.update(w.lstrip("~") for key, _ in rule.keys for w in key if _CJK.search(w))
            out.update(w for w in rule.avoid if _CJK.search(w))
    for fields in FIELDS.values():
        for syns in fields.values():
            out.update(normalise_header(s) for s in syns if _CJK.search(s))
    return tuple(sorted(w for w in out if len(w) >= 2))


def _split_camel(text: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    text = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    # Japanese next to Latin letters or digits: 売上ID is 売上 + id
    text = re.sub(r"(?<=[\u3040-\u30ff\u3400-\u9fff])(?=[A-Za-z0-9])", " ", text)
    return re.sub(r"(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u3400-\u9fff])", " ", text)


def header_name(text: str) -> HeaderName:
    raw = unicodedata.normalize("NFKC", str(text or "")).replace("\ufeff", "").strip()
    full = normalise_header(raw)
    currency = None

    def bracket(m: re.Match) -> str:
        """A unit or note in brackets is set aside (a currency kept as the hint); any other
        bracketed word is part of the name (`お名前(姓)`, `Grand Total (Purchased)`)."""
        nonlocal currency
        tokens = [t for t in re.split(r"[\s/,.]+", m.group(1).strip().lower()) if t]
        for t in tokens:
            if t in CURRENCY_WORDS:
                currency = currency or CURRENCY_WORDS[t]
        if all(t in CURRENCY_WORDS or t in UNIT_NOTES or t.startswith("消費税")
               for t in tokens):
            return " "
        return " " + m.group(1) + " "

    stem = _BRACKETS.sub(bracket, raw)
    words = normalise_header(_split_camel(stem).replace("/", " ").replace(":", " ")
                             .replace("#", " # ").replace("&", " ").replace("°", " ")).split()
    # a currency symbol or code written after or before the name: `Sales $`, `Amount EUR`,
    # `金額円`, `Price in USD`
    while len(words) > 1 and (words[-1] in CURRENCY_WORDS or (
            len(words) > 2 and words[-2] == "in" and words[-1] in CURRENCY_WORDS)):
        currency = currency or CURRENCY_WORDS[words[-1]]
        words = words[:-2] if words[-2] == "in" else words[:-1]
    while len(words) > 1 and words[0] in CURRENCY_WORDS:
        currency = currency or CURRENCY_WORDS[words[0]]
        words = words[1:]
    if words and _CJK.search(words[-1]) and words[-1].endswith("円") and len(words[-1]) > 1:
        currency = currency or "JPY"
        words[-1] = words[-1][:-1]
    for sym in ("$", "¥", "€", "£"):
        if any(sym in w for w in words):
            currency = currency or CURRENCY_WORDS[sym]
            words = [w.replace(sym, "") for w in words if w.replace(sym, "")]
    words = [x for w in words for x in _segment(w)]
    words = [ABBREVIATIONS.get(w, FOREIGN.get(w, w)) for w in words]
    return HeaderName(str(text), full, " ".join(words), tuple(words), currency)


# -- header evidence --------------------------------------------------------------------------
# A field of a kind found by an exact synonym (the lists of well-known headers in fields.py).
EXACT = 3.2


def _has(words: tuple[str, ...], bare: str, key: tuple[str, ...]) -> bool:
    for w in key:
        if w.startswith("~"):     # a Japanese suffix: 投稿日 is a date, 顧客名 a name
            if not any(x.endswith(w[1:]) for x in words):
                return False
        elif _CJK.search(w):
            if len(w) == 1:   # one character (名, 姓, 日) only as a word of its own
                if w not in words:
                    return False
            elif w not in bare.replace(" ", ""):
                return False
        elif w not in words:
            # plural / singular and a word inside a compound (`lineitem`) count
            if not any(x == w + "s" or w == x + "s" or (len(w) > 3 and x.startswith(w)
                                                            and len(x) - len(w) <= 3)
                       for x in words):
                return False
    return True


@functools.lru_cache(maxsize=8)
def _synonym_rank(kind: str) -> dict[str, tuple[str, float]]:
    """normalised synonym -> (field, 0..1 its place in the field's list: earlier is likelier)."""
    out: dict[str, tuple[str, float]] = {}
    for fld, syns in FIELDS[kind].items():
        for i, syn in enumerate(syns):
            out.setdefault(normalise_header(syn), (fld, i / max(len(syns), 1)))
    return out


@functools.lru_cache(maxsize=64)
def _own_synonyms(kind: str, fld: str) -> tuple[str, ...]:
    """A field's synonyms long enough to compare spellings with (5 letters or more)."""
    return tuple(s for s, (f, _) in _synonym_rank(kind).items() if f == fld and len(s) >= 5)


@functools.lru_cache(maxsize=20000)
def header_fit(kind: str, fld: str, name: HeaderName) -> float:
    """Header evidence for one field: an exact synonym (the earlier in its list, the
    stronger), keyword rules, or a close spelling."""
    if not name.full:
        return 0.0
    ranks = _synonym_rank(kind)
    hit = ranks.get(name.full) or ranks.get(name.bare)
    exact = hit[0] if hit else None
    if exact == fld:
        return EXACT - 0.4 * hit[1]
    rule = RULES[kind][fld]
    if any(_has(name.words, name.bare, (a,)) for a in rule.avoid):
        return 0.0
    best = max((w for key, w in rule.keys if _has(name.words, name.bare, key)), default=0.0)
    if best < 2.0 and len(name.bare) >= 5 and not _CJK.search(name.bare):
        own = _own_synonyms(kind, fld)
        hit = process.extractOne(name.bare, own, scorer=fuzz.ratio) if own else None
        if hit and hit[1] >= 88:
            best = max(best, 2.2)
    if exact is not None and exact != fld:
        best = min(best, 1.0)   # another field's own name
    return best
