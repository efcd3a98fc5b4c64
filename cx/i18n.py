"""English and Japanese strings and number/currency/date formatting.

Strings live in cx/strings/<area>.py as {key: {"en": ..., "ja": ...}}; this module merges them.
`t(key, lang, **values)` fills `{name}` placeholders with str.format.
"""
from __future__ import annotations

import math
from datetime import date, datetime

from cx.strings import STRINGS

LANGS = ("en", "ja")
LANG_NAMES = {"en": "English", "ja": "日本語"}

CURRENCY_SYMBOLS = {"USD": "$", "JPY": "¥", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$"}
ZERO_DECIMAL = {"JPY", "KRW"}

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def t(key: str, lang: str = "en", **values) -> str:
    """The string for key in lang; a missing key raises (a test walks every key)."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in STRINGS


def fmt_int(n, lang: str = "en") -> str:
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "–"
    return f"{int(round(n)):,}"


def fmt_num(x, lang: str = "en", digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:,.{digits}f}"


def fmt_pct(x, lang: str = "en", digits: int = 1, signed: bool = False) -> str:
    """x is a fraction (0.123 -> 12.3%)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x * 100:{'+' if signed else ''}.{digits}f}%"


def fmt_points(x, lang: str = "en", digits: int = 0, signed: bool = False) -> str:
    """NPS-style points (-100..100); `pt` in both languages."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:{'+' if signed else ''}.{digits}f}"


def currency_symbol(currency: str | None) -> str:
    if not currency:
        return ""
    return CURRENCY_SYMBOLS.get(currency.upper(), currency.upper() + " ")


def fmt_money(x, currency: str | None = "USD", lang: str = "en", compact: bool = False) -> str:
    """¥1,234 / $1,234.50; compact gives $12.3k / ¥1.2M (en) and 1.2万 / 3.4億 style in ja."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    sym = currency_symbol(currency)
    neg = "-" if x < 0 else ""
    x = abs(x)
    if compact and x >= 1000:
        if lang == "ja":
            for div, unit in ((1e8, "億"), (1e4, "万")):
                if x >= div:
                    return f"{neg}{sym}{x / div:,.1f}{unit}"
        for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
            if x >= div:
                return f"{neg}{sym}{x / div:,.1f}{unit}"
    digits = 0 if (currency or "").upper() in ZERO_DECIMAL or x >= 1000 else 2
    return f"{neg}{sym}{x:,.{digits}f}"


def fmt_date(d, lang: str = "en") -> str:
    if d is None:
        return "–"
    if isinstance(d, datetime):
        d = d.date()
    if lang == "ja":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def fmt_month(d, lang: str = "en") -> str:
    if isinstance(d, datetime):
        d = d.date()
    if lang == "ja":
        return f"{d.year}年{d.month}月"
    return f"{MONTHS_EN[d.month - 1]} {d.year}"


def fmt_period(d, period: str, lang: str = "en") -> str:
    """A period's start date shown for people: 2024年1月 / Jan 2024, 2024年Q1, 2024年1月8日週."""
    if isinstance(d, datetime):
        d = d.date()
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    if period == "month":
        return fmt_month(d, lang)
    if period == "quarter":
        q = (d.month - 1) // 3 + 1
        return f"{d.year}年Q{q}" if lang == "ja" else f"Q{q} {d.year}"
    if lang == "ja":
        return f"{d.year}年{d.month}月{d.day}日週"
    return f"wk {d.day} {MONTHS_EN[d.month - 1]} {d.year}"
