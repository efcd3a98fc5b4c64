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

CURRENCY_SYMBOLS = {"USD": "$", "JPY": "¥", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$",
                    "CNY": "CN¥", "KRW": "₩"}
ZERO_DECIMAL = {"JPY", "KRW"}

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def t(key: str, lang: str = "en", **values) -> str:
    """The string for key in lang; a missing key raises (a test walks every key)."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in STRINGS


def t_count(key: str, lang: str, count, /, **values) -> str:
    """The string `key` for a count: `key.one` when the count is exactly 1 and that key exists
    (English singular; Japanese has no plural, so its `.one` text reads like the plain one)."""
    one = f"{key}.one"
    return t(one if count == 1 and has(one) else key, lang, **values)


def money_column_format(currency: str | None) -> str:
    """The number format of a money column in a table (st.column_config.NumberColumn): whole
    units for currencies without minor units (JPY, KRW), cents for the others."""
    return "%.0f" if (currency or "").upper() in ZERO_DECIMAL else "%.2f"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _signed(text: str, negative: bool, positive: bool, signed: bool) -> str:
    """A sign in front of an already formatted magnitude: '-' for negatives, '+' for positives
    when `signed`; a value that rounds to zero gets no sign (never '-0')."""
    if negative:
        return "-" + text
    return ("+" + text) if signed and positive else text


def _rounds_to_zero(text: str) -> bool:
    return not any(ch in "123456789" for ch in text)


def fmt_int(n, lang: str = "en", signed: bool = False) -> str:
    """1,234,567 in both languages (Japanese screens use the same comma grouping)."""
    if _missing(n):
        return "–"
    n = int(round(n))
    return _signed(f"{abs(n):,}", n < 0, n > 0, signed)


def fmt_num(x, lang: str = "en", digits: int = 1, signed: bool = False) -> str:
    if _missing(x):
        return "–"
    text = f"{abs(x):,.{digits}f}"
    zero = _rounds_to_zero(text)
    return _signed(text, x < 0 and not zero, x > 0 and not zero, signed)


def fmt_pct(x, lang: str = "en", digits: int = 1, signed: bool = False) -> str:
    """x is a fraction (0.123 -> 12.3%)."""
    if _missing(x):
        return "–"
    return fmt_num(x * 100, lang, digits, signed) + "%"


def fmt_pct_points(x, lang: str = "en", digits: int = 1, signed: bool = True) -> str:
    """A change of a rate in percentage points; x is a fraction (0.012 -> +1.2 pt / +1.2ポイント)."""
    if _missing(x):
        return "–"
    unit = "ポイント" if lang == "ja" else " pt"
    return fmt_num(x * 100, lang, digits, signed) + unit


def fmt_points(x, lang: str = "en", digits: int = 0, signed: bool = False) -> str:
    """NPS-style points (-100..100), no unit in either language."""
    if _missing(x):
        return "–"
    return fmt_num(x, lang, digits, signed)


def currency_symbol(currency: str | None) -> str:
    if not currency:
        return ""
    return CURRENCY_SYMBOLS.get(currency.upper(), currency.upper() + " ")


# Compact money units, largest first, and the amount below which amounts are written in full:
# English 12.3k / 4.5M / 1.2B from 1,000; Japanese 1.2万 / 3.4億 from 1万 (¥5,000 stays ¥5,000).
COMPACT_UNITS = {"en": ((1e9, "B"), (1e6, "M"), (1e3, "k")),
                 "ja": ((1e12, "兆"), (1e8, "億"), (1e4, "万"))}


def fmt_money(x, currency: str | None = "USD", lang: str = "en", compact: bool = False,
              signed: bool = False) -> str:
    """¥1,234 / $1,234 / $12.50; compact gives $12.3k / $1.2M in English and ¥1.2万 / ¥3.4億 in
    Japanese (amounts below the first unit are written in full, without cents from 100);
    `signed` puts + on gains."""
    if _missing(x):
        return "–"
    sym = currency_symbol(currency)
    neg, pos = x < 0, x > 0
    x = abs(x)
    units = COMPACT_UNITS["ja" if lang == "ja" else "en"]
    if compact and x >= units[-1][0]:
        for div, unit in units:
            # the largest unit the amount reaches once rounded (999,960 -> 1.0M, not 1,000.0k)
            if round(x / div, 1) >= 1:
                return _signed(f"{sym}{x / div:,.1f}{unit}", neg, pos, signed)
    # cents only where they matter: never on yen, never from 1,000 (from 100 when compact)
    whole = (currency or "").upper() in ZERO_DECIMAL or x >= (100 if compact else 1000)
    text = f"{x:,.{0 if whole else 2}f}"
    zero = _rounds_to_zero(text)
    return _signed(sym + text, neg and not zero, pos and not zero, signed)


def fmt_compact(x, lang: str = "en") -> str:
    """A short number without a currency, for axis ticks: 1k / 10k / 1.5M in English,
    1,000 / 1万 / 1.5億 in Japanese (whole values without a decimal)."""
    if _missing(x):
        return "–"
    neg, pos = x < 0, x > 0
    x = abs(x)
    units = COMPACT_UNITS["ja" if lang == "ja" else "en"]
    if x >= units[-1][0]:
        for div, unit in units:
            if round(x / div, 1) >= 1:
                v = round(x / div, 1)
                return _signed(f"{v:,.0f}{unit}" if v == int(v) else f"{v:,.1f}{unit}",
                               neg, pos, False)
    text = f"{x:,.0f}" if x >= 1 or x == 0 else f"{x:g}"
    return _signed(text, neg and not _rounds_to_zero(text), False, False)


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
