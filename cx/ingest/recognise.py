"""Recognising what a file's columns mean, by their header words and by their values.

Every column is profiled from a sample of its values (the share that parse as dates, times,
amounts, whole numbers, 0-10 answers, e-mails, currency codes; how many are distinct; how many
are free text) with the same SQL parsers the import runs (cx.ingest.parsing), so what counts as
a date here is what loads as a date. Each header is split into words (`InvoiceDate` is invoice +
date) with its unit set aside (`Sales ($)`: sales, currency USD). Header evidence and value
evidence add up to one score per (field, column); per kind the assignment with the best total
wins (scipy's linear_sum_assignment); the kind follows from the fields found (`decide`).

A field found only by its values (no header word for it) is a guess: `Recognition.question`
says so, and the import asks before loading (the command line names the flags that confirm it).
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import duckdb
import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from cx.ingest import parsing as P
from cx.ingest.reading import normalise_header

# -- header words -----------------------------------------------------------------------------
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
    from cx.ingest.mapping import FIELDS

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
    from cx.ingest.mapping import FIELDS

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


# -- field rules ------------------------------------------------------------------------------
# Each field: the kind of value it holds, and header keywords. A keyword rule is a tuple of
# words that must all be in the header (Latin words match whole words, Japanese ones as part
# of the header) and its weight; `avoid` words rule a header out for the field.
@dataclass(frozen=True)
class Rule:
    value: str                                  # date, time, money, count, nps, email, id, ...
    keys: tuple[tuple[tuple[str, ...], float], ...] = ()
    avoid: tuple[str, ...] = ()
    by_values: float = 0.0                      # score when found by values alone (0: never)


def _k(*pairs) -> tuple:
    return tuple((tuple(words.split()), weight) for words, weight in pairs)


_MONEY_AVOID = ("tax", "taxes", "shipping", "fee", "fees", "discount", "discounts", "refund",
                "refunded", "refunds", "cost", "costs", "profit", "margin", "balance", "tip",
                "tips", "commission", "unit", "each", "per", "payout", "deposit", "税額", "送料",
                "手数料", "割引", "値引", "返金", "原価", "利益", "単価", "ポイント")
_DATE_AVOID = ("ship", "shipped", "shipping", "delivery", "delivered", "fulfilled",
               "fulfillment", "due", "birth", "birthday", "updated", "modified", "cancelled",
               "canceled", "refunded", "expires", "expiry", "last", "発送", "配送", "出荷",
               "誕生", "更新", "キャンセル", "取消", "入金", "到着")

RULES: dict[str, dict[str, Rule]] = {
    "transactions": {
        "order_id": Rule("id", _k(("order id", 3), ("order no", 3), ("order number", 3),
                                  ("invoice", 2.5), ("invoice no", 3), ("receipt", 2.5),
                                  ("transaction id", 3), ("transaction", 1.5), ("order", 1.2),
                                  ("ticket", 2), ("sale id", 3), ("bill no", 2.5),
                                  ("注文番号", 3), ("注文id", 3), ("受注", 2.5), ("伝票", 2.5),
                                  ("取引id", 3), ("取引no", 3), ("レシート", 2.5), ("会計id", 3),
                                  ("売上 id", 3), ("売上 no", 3), ("売上番号", 3),
                                  ("basket", 2.2), ("バスケット", 2.5), ("order n", 2.8)),
                         avoid=("customer", "client", "member", "user", "item", "line", "product",
                                "sku", "stock", "date", "time", "status", "total", "amount",
                                "qty", "quantity", "会員", "顧客", "商品", "日", "金額")),
        "customer_id": Rule("id", _k(("customer id", 3), ("customer", 2), ("customer no", 3),
                                     ("customer number", 3), ("client", 2), ("member", 2),
                                     ("buyer", 2), ("user id", 2.5), ("account", 1.5),
                                     ("shopper", 2), ("patron", 2), ("guest id", 2),
                                     ("会員", 2.5), ("顧客", 2.5), ("お客様", 2.5),
                                     ("購入者", 2), ("注文者", 2), ("customer unique", 3.5)),
                            avoid=("name", "email", "mail", "phone", "address", "city", "country",
                                   "zip", "postal", "postcode", "since", "date", "type", "segment",
                                   "state", "名", "名前", "メール", "住所", "電話", "郵便",
                                   "都道府県", "ランク", "区分")),
        "email": Rule("email", _k(("email", 3), ("e mail", 3), ("mail", 2.5), ("メール", 3)),
                      by_values=2.0),
        "customer_name": Rule("name", _k(("customer name", 3), ("billing name", 3),
                                         ("buyer name", 3), ("full name", 3), ("name", 1.2),
                                         ("氏名", 3), ("お名前", 3), ("顧客名", 3), ("注文者名", 3),
                                         ("名前", 2.2), ("customer", 1.2)),
                              avoid=("product", "item", "store", "shop", "location", "shipping",
                                     "company", "first", "last", "variant", "menu", "type",
                                     "id", "number", "商品",
                                     "店舗", "メニュー", "配送")),
        "ordered_at": Rule("date", _k(("date", 2), ("order date", 3), ("ordered", 2.5),
                                      ("order time", 2.5), ("transaction time", 2.5),
                                      ("created", 2), ("datetime", 2), ("timestamp", 2),
                                      ("purchase", 1.5), ("purchased", 2.5), ("paid", 1.5),
                                      ("time", 1), ("day", 1), ("when", 1),
                                      ("日時", 2.5), ("日付", 2.5), ("注文日", 3), ("購入日", 3),
                                      ("~日", 1.5), ("年月日", 2.5)),
                           avoid=_DATE_AVOID, by_values=1.0),
        "ordered_time": Rule("time", _k(("time", 2), ("hour", 1.5), ("時刻", 2.5), ("時間", 2))),
        "amount": Rule("money", _k(("total", 2.2), ("amount", 2.2), ("sales", 2.4),
                                   ("revenue", 2.4), ("gross", 2.6), ("paid", 1.5),
                                   ("value", 1.5), ("spend", 2), ("spent", 2),
                                   ("charge", 1.5), ("charged", 2), ("collected", 2.2),
                                   ("grand total", 3), ("order total", 3), ("net", 1.2),
                                   ("price", 1.0), ("subtotal", 1.0), ("payment", 1.2),
                                   ("sum", 1.2), ("合計", 2.5), ("金額", 2.5), ("売上", 2.5),
                                   ("代金", 2.3), ("支払", 1.5), ("請求", 2)),
                       avoid=_MONEY_AVOID + ("line", "item", "items", "lineitem", "quantity",
                                             "qty", "count", "number", "no", "id", "points",
                                             "商品", "明細", "数"),
                       by_values=0.8),
        "unit_price": Rule("money", _k(("unit price", 3), ("price", 2.4), ("unit cost", 1.0),
                                       ("price each", 3), ("item price", 3), ("rate", 1.0),
                                       ("単価", 3), ("価格", 2.2), ("販売価格", 2.6)),
                           avoid=("total", "compare", "original", "list", "msrp", "cost", "sum",
                                  "合計", "原価", "定価")),
        "line_total": Rule("money", _k(("line total", 3), ("line amount", 3), ("item total", 3),
                                       ("lineitem total", 3), ("extended price", 3),
                                       ("line price", 2.5), ("line subtotal", 2.5),
                                       ("明細金額", 3), ("小計", 1.2)),
                           avoid=("tax", "discount", "shipping", "税", "割引")),
        "refunded": Rule("money", _k(("refunded", 2.5), ("refund", 2.3), ("refunds", 2.3),
                                     ("returned", 1.5), ("返金", 2.5), ("返品金額", 2.5)),
                         avoid=("date", "reason", "status", "id", "日", "理由")),
        "refund_of": Rule("id", _k(("reference txn id", 3), ("original transaction", 3),
                                   ("original order", 3), ("refund of", 3),
                                   ("parent transaction", 3), ("元取引", 3))),
        "currency": Rule("currency", _k(("currency", 3), ("通貨", 3))),
        "channel": Rule("text", _k(("channel", 2.5), ("source", 1.5), ("location", 1.5),
                                   ("store", 1.5), ("shop", 1.2), ("outlet", 1.5),
                                   ("branch", 1.5), ("platform", 1.5), ("marketplace", 1.5),
                                   ("チャネル", 2.5), ("店舗", 2.2), ("購入元", 2.5),
                                   ("販売経路", 2.5)),
                        avoid=("id", "name id", "utm", "address", "date")),
        "items": Rule("count", _k(("quantity", 3), ("qty", 3), ("units", 2.5), ("items", 2),
                                  ("item count", 3), ("pieces", 2), ("pcs", 2),
                                  ("数量", 3), ("個数", 3), ("点数", 3)),
                      avoid=("price", "amount", "refunded", "returned", "id", "name", "fee",
                             "shipping", "tax")),
        "discount": Rule("money", _k(("discount", 2.5), ("discounts", 2.5), ("値引", 2.5),
                                     ("割引", 2.5)),
                         avoid=("code", "name", "type", "id", "コード", "名")),
        "discount_code": Rule("text", _k(("discount code", 3), ("coupon", 2.5),
                                         ("promo", 2.5), ("voucher", 2.5), ("クーポン", 2.5))),
        "product_category": Rule("text", _k(("category", 2.5), ("product type", 2.5),
                                            ("department", 2), ("カテゴリ", 2.5), ("部門", 2.3),
                                            ("分類", 2.2))),
        "status": Rule("status", _k(("status", 2.5), ("state", 1.5), ("ステータス", 2.5),
                                    ("状況", 2), ("状態", 2), ("区分", 1.2)),
                       avoid=("fulfillment", "shipping", "delivery", "payment method", "tax",
                              "verification", "authenticity", "発送",
                              "配送")),
    },
    "customers": {
        "customer_id": Rule("id", _k(("customer id", 3), ("customer", 2), ("customer no", 3),
                                     ("client", 2), ("member", 2), ("user id", 2.5),
                                     ("contact id", 2.5), ("profile id", 2.5), ("id", 1.5),
                                     ("customer unique", 3.5),
                                     ("会員", 2.5), ("顧客", 2.5), ("お客様", 2.5)),
                            avoid=("name", "email", "mail", "phone", "address", "since", "date",
                                   "type", "order", "invoice", "transaction", "product", "item",
                                   "名", "メール", "日", "注文", "商品")),
        "email": Rule("email", _k(("email", 3), ("e mail", 3), ("mail", 2.5), ("メール", 3)),
                      by_values=2.0),
        "name": Rule("name", _k(("name", 2), ("full name", 3), ("customer name", 3),
                                ("氏名", 3), ("お名前", 3), ("名前", 3), ("顧客名", 3)),
                     avoid=("first", "last", "given", "family", "company", "user name",
                            "username", "姓", "名", "セイ", "メイ", "カナ", "フリガナ", "振り仮名")),
        "first_name": Rule("name", _k(("first name", 3), ("given name", 3), ("first", 1.2),
                                      ("名", 3)), avoid=("セイ", "メイ", "カナ", "フリガナ")),
        "last_name": Rule("name", _k(("last name", 3), ("surname", 3), ("family name", 3),
                                     ("last", 1.2), ("姓", 3)),
                          avoid=("セイ", "メイ", "カナ", "フリガナ")),
        "first_seen": Rule("date", _k(("created", 2.3), ("signup", 2.5), ("sign up", 2.5),
                                      ("registered", 2.5), ("joined", 2.5), ("since", 2),
                                      ("first", 1.0), ("date", 1.2), ("登録", 2.5),
                                      ("入会", 2.5), ("初回", 2)),
                           avoid=("updated", "last", "modified", "birth", "birthday", "誕生",
                                  "更新", "最終")),
        "acquisition_channel": Rule("text", _k(("acquisition", 2.5), ("channel", 2),
                                               ("source", 2), ("utm source", 3), ("referrer", 1),
                                               ("流入", 2.5), ("獲得", 2.5), ("チャネル", 2.5)),
                                    avoid=("id",)),
        "referred_by": Rule("id", _k(("referred by", 3), ("referrer", 2.5), ("紹介者", 2.5))),
        "region": Rule("text", _k(("region", 2.5), ("province", 2.5), ("state", 2),
                                  ("prefecture", 2.5), ("city", 1.5), ("country", 1.2),
                                  ("都道府県", 2.5), ("地域", 2.5), ("県", 1.5)),
                       avoid=("id", "zip", "postal")),
    },
    "referrals": {
        "referrer_id": Rule("id", _k(("referrer", 2.5), ("advocate", 2.5), ("referring", 2.5),
                                     ("sharer", 2), ("紹介者", 2.5)),
                            avoid=("email", "mail", "name", "メール", "名")),
        "referrer_email": Rule("email", _k(("referrer email", 3), ("advocate email", 3),
                                           ("referring customer", 2.5), ("sharer", 2),
                                           ("紹介者メール", 3))),
        "referred_id": Rule("id", _k(("referred", 2.5), ("friend", 2.5), ("referee", 2.5),
                                     ("invitee", 2.5), ("被紹介者", 2.5)),
                            avoid=("email", "mail", "name", "by", "at", "date", "メール", "名")),
        "referred_email": Rule("email", _k(("referred email", 3), ("friend email", 3),
                                           ("referee email", 3), ("invitee email", 3),
                                           ("purchaser email", 3), ("被紹介者メール", 3),
                                           ("お友達メール", 3))),
        "referred_at": Rule("date", _k(("date", 2), ("created", 2), ("referred at", 3),
                                       ("shared", 1.5), ("~日", 1.5)), avoid=_DATE_AVOID),
        "code": Rule("text", _k(("code", 2.3), ("coupon", 2.3), ("コード", 2.5),
                                ("クーポン", 2.5))),
        "status": Rule("status", _k(("status", 2.5), ("reward", 1.5), ("state", 1.5),
                                    ("ステータス", 2.5), ("状態", 2))),
    },
    "surveys": {
        "response_id": Rule("id", _k(("response id", 3), ("respondent id", 3),
                                     ("respondent", 2), ("response", 1.0), ("submission id", 3),
                                     ("review id", 3), ("feedback id", 3),
                                     ("回答id", 3), ("回答番号", 3)),
                            avoid=("date", "time", "type", "text", "日", "customer", "email")),
        "customer_id": Rule("id", _k(("customer id", 3), ("customer", 2), ("member", 2),
                                     ("user id", 2.5), ("client", 2), ("会員", 2.5),
                                     ("顧客", 2.5)),
                            avoid=("name", "email", "mail", "date", "名", "メール")),
        "email": Rule("email", _k(("email", 3), ("e mail", 3), ("mail", 2.5), ("メール", 3)),
                      by_values=2.0),
        "order_id": Rule("id", _k(("order id", 3), ("order number", 3), ("order", 2),
                                  ("invoice", 2), ("注文", 2.5))),
        "responded_at": Rule("date", _k(("date", 2), ("submitted", 2.5), ("submit", 2.5),
                                        ("responded", 2.5), ("recorded", 2.2),
                                        ("timestamp", 2.5), ("created", 1.8), ("end", 1.0),
                                        ("completed", 2.2), ("time", 1.0), ("日時", 2.5),
                                        ("回答日", 3), ("~日", 1.5), ("タイムスタンプ", 3)),
                             avoid=("start", "started", "birth", "updated", "開始", "誕生"),
                             by_values=1.0),
        "score": Rule("nps", _k(("recommend", 3), ("likely", 2.5), ("likelihood", 2.5),
                                ("nps", 3), ("score", 2.3), ("rating", 2), ("推奨", 3),
                                ("すすめ", 3), ("勧め", 3), ("薦め", 3), ("紹介", 2.2),
                                ("おすすめ", 3), ("可能性", 2.2),
                                ("評価", 2), ("点数", 2.2)),
                         avoid=("group", "category", "sentiment", "segment", "type", "comment",
                                "reason", "why", "区分", "理由"),
                         by_values=0.8),
        "comment": Rule("text", _k(("comment", 2.5), ("comments", 2.5), ("feedback", 2.3),
                                   ("reason", 2.3), ("why", 2.3), ("explication", 2.3),
                                   ("verbatim", 2.3), ("tell us", 2.3), ("improve", 2),
                                   ("better", 1.8), ("response text", 3), ("open", 1.5),
                                   ("remarks", 2), ("コメント", 2.5), ("理由", 2.5),
                                   ("ご意見", 2.5), ("感想", 2.5), ("改善", 2.2), ("自由", 2)),
                        avoid=("date", "id", "group")),
        "touchpoint": Rule("text", _k(("touchpoint", 3), ("touch point", 3), ("survey", 1.5),
                                      ("trigger", 2), ("タッチポイント", 3), ("接点", 2.5)),
                           avoid=("id", "date", "type")),
        "channel": Rule("text", _k(("channel", 2.5), ("source", 1.5), ("チャネル", 2.5)),
                        avoid=("id",)),
        "response_type": Rule("status", _k(("response type", 3), ("finished", 2.5),
                                           ("status", 1.5), ("completed", 1.2),
                                           ("回答完了", 3))),
    },
}

# A field of a kind found by an exact synonym (the lists of well-known headers in mapping.py).
EXACT = 3.2
THRESHOLD = 1.0        # the least score a field is mapped with
VALUE_ONLY = "values"  # evidence names
HEADER = "header"


# -- value profiles ---------------------------------------------------------------------------
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
             for h, label in zip(headers, labels or headers)]
    n = len(headers)
    columns = [[] for _ in range(n)]
    for r in sample:
        for i in range(min(n, len(r))):
            v = r[i].strip() if isinstance(r[i], str) else ""
            if v:
                columns[i].append(v)
    feats = _features({v for col in columns for v in col}) if any(columns) else {}
    return [_profile(name, col, feats) for name, col in zip(names, columns)]


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


def _value_only(rule: Rule, p: ColumnProfile) -> float:
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


# -- header evidence --------------------------------------------------------------------------
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
    from cx.ingest.mapping import FIELDS

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


# -- the mapping ------------------------------------------------------------------------------
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
                score[fi, ci] = _value_only(rule, p)
    mapping, evidence, scores, header_scores = {}, {}, {}, {}
    if n and fields:
        cost = np.where(np.isfinite(score), -score, 1e6)
        rows, cols = linear_sum_assignment(cost)
        for fi, ci in zip(rows, cols):
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
    required = _required_groups(km.kind)
    need = sum(max((km.scores.get(f, 0.0) for f in alts), default=0.0) for alts in required)
    extra = sum(s for f, s in km.scores.items()
                if not any(f in alts for alts in required))
    return need + 0.25 * extra + _PREFERENCE[km.kind] / 10


def _required_groups(kind: str) -> list[tuple[str, ...]]:
    from cx.ingest.mapping import REQUIRED

    return REQUIRED[kind]


def _satisfied(km: KindMapping) -> bool:
    from cx.ingest.mapping import satisfies

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
        for alts in _required_groups(km.kind))


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
        required = {f for alts in _required_groups(best.kind) for f in alts}
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
