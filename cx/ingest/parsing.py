"""Value parsing as SQL expressions over text columns: money, dates, whole numbers.

Each builder takes a SQL expression of a VARCHAR column (never user text: column references are
built by load.py from positions) and returns a DuckDB expression. The same rules run on every row
in the engine, so a million rows parse in well under a second.

Money: `¥1,234`, `￥1,234`, `1,234円`, `$1,234.50`, `-$0.95`, `(12.00)`, `USD 12`, full-width digits,
and `1.234,56` when the file uses decimal commas. Dates: `2024-01-05`, `2024/01/05`, `2024年1月5日`,
`20240105`, `2024-05-01 10:00:05 -0400` (wall-clock time kept, offset dropped),
`2024-06-05T20:38:34Z`, `01/22/2024 10:04 AM`, `1/5/2024 14:03:22` (day/month order per file).
"""
from __future__ import annotations

import re

FULLWIDTH_FROM = "０１２３４５６７８９－．，（）＋：／　"
FULLWIDTH_TO = "0123456789-.,()+:/ "


def clean(col: str) -> str:
    """Trimmed text with full-width digits and punctuation folded; '' becomes NULL."""
    return f"NULLIF(trim(translate({col}, '{FULLWIDTH_FROM}', '{FULLWIDTH_TO}')), '')"


_SYMBOLS = r"[\s$¥￥€£円\\]|^[A-Za-z]{1,3}|[A-Za-z]{1,3}$"
_DOT_NUMBER = r"^\(?[-+]?\(?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?\)?-?$"
_COMMA_NUMBER = r"^\(?[-+]?\(?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?\)?-?$"


def money(col: str, decimal_comma: bool = False) -> str:
    """DOUBLE, or NULL when the text is not an amount (see `money_ok`)."""
    s = f"regexp_replace({clean(col)}, '{_SYMBOLS}', '', 'g')"
    if decimal_comma:
        digits = f"replace(regexp_replace({s}, '[^0-9,]', '', 'g'), ',', '.')"
        pattern = _COMMA_NUMBER
    else:
        digits = f"regexp_replace({s}, '[^0-9.]', '', 'g')"
        pattern = _DOT_NUMBER
    sign = f"(CASE WHEN {s} LIKE '%(%' OR {s} LIKE '%-%' THEN -1 ELSE 1 END)"
    slow = (f"(CASE WHEN regexp_full_match({s}, '{pattern}') AND regexp_matches({s}, '[0-9]') "
            f"THEN {sign} * TRY_CAST({digits} AS DOUBLE) END)")
    plain = "-?[0-9]+" if decimal_comma else "-?[0-9]+(\\.[0-9]+)?"
    return f"(CASE WHEN regexp_full_match({col}, '{plain}') THEN CAST({col} AS DOUBLE) ELSE {slow} END)"


def whole_number(col: str) -> str:
    """INTEGER from `3`, `3.0`, `３`, `1,200`; NULL otherwise."""
    s = f"replace({clean(col)}, ',', '')"
    return (f"(CASE WHEN regexp_full_match({col}, '-?[0-9]+') THEN TRY_CAST({col} AS BIGINT) "
            f"WHEN regexp_full_match({s}, '-?[0-9]+(\\.0+)?') "
            f"THEN TRY_CAST(TRY_CAST({s} AS DOUBLE) AS BIGINT) END)")


def nps_score(col: str) -> str:
    """0-10 from `9`, `9.0`, `10 - Extremely likely`, `10（とてもそう思う）`; NULL otherwise."""
    s = clean(col)
    return (f"(CASE WHEN regexp_full_match({s}, '([0-9]{{1,2}})(\\.0+)?([^0-9.].*)?') "
            f"THEN TRY_CAST(regexp_extract({s}, '^([0-9]{{1,2}})', 1) AS INTEGER) END)")


YMD_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f",
               "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y%m%d", "%Y%m%d %H:%M:%S",
               "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p", "%Y/%m/%d %I:%M:%S %p",
               "%Y/%m/%d %I:%M %p"]


def _dm_formats(first: str, second: str) -> list[str]:
    base = f"{first}/{second}/%Y"
    return [f"{base} %H:%M:%S", f"{base} %H:%M", f"{base} %I:%M:%S %p", f"{base} %I:%M %p",
            base]


def date_text(col: str) -> str:
    """Text normalised for strptime: full-width folded, 年月日 and 'T' removed, a trailing UTC
    offset dropped (the wall-clock time of the export is kept), d.m.Y / d-m-Y made d/m/Y,
    午前/午後 made AM/PM."""
    s = clean(col)
    s = f"regexp_replace({s}, '^([0-9]{{4}})年\\s*([0-9]{{1,2}})月\\s*([0-9]{{1,2}})日', '\\1/\\2/\\3')"
    s = f"regexp_replace({s}, '^([0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}})T', '\\1 ')"
    s = (f"regexp_replace({s}, '([0-9]{{1,2}}:[0-9]{{2}}(:[0-9]{{2}}(\\.[0-9]+)?)?)\\s*"
         f"(Z|UTC|GMT|[+-][0-9]{{2}}:?[0-9]{{2}})$', '\\1')")
    s = f"regexp_replace({s}, '^([0-9]{{1,2}})[.-]([0-9]{{1,2}})[.-]([0-9]{{4}})', '\\1/\\2/\\3')"
    s = f"regexp_replace(regexp_replace({s}, '午前\\s*(.*)$', '\\1 AM'), '午後\\s*(.*)$', '\\1 PM')"
    s = f"regexp_replace({s}, '\\s+', ' ', 'g')"
    return s


def timestamp(col: str, date_order: str | None = None) -> str:
    """TIMESTAMP or NULL. `date_order` is 'dayfirst' or 'monthfirst' for d/m/Y forms; without
    it such values stay NULL (load.py asks first when the file has them)."""
    formats = list(YMD_FORMATS)
    if date_order == "dayfirst":
        formats += _dm_formats("%d", "%m")
    elif date_order == "monthfirst":
        formats += _dm_formats("%m", "%d")
    fmt_list = "[" + ", ".join(f"'{f}'" for f in formats) + "]"
    # fast path: plain ISO-like text, which DuckDB casts directly (wall-clock time, offset
    # dropped); everything else goes through the normalising chain and the format list
    iso = ("'[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?"
           "\\s*(Z|[+-][0-9]{2}:?[0-9]{2})?'")
    parsed = (f"(CASE WHEN regexp_full_match({col}, {iso}) THEN TRY_CAST({col} AS TIMESTAMP) "
              f"ELSE try_strptime({date_text(col)}, {fmt_list}) END)")
    return parsed


def bad_timestamp(expr: str) -> str:
    """True when a parsed timestamp is missing or its year is outside 1900-2100 (a typo, or a
    two-digit year read wrong)."""
    return f"({expr} IS NULL OR year({expr}) NOT BETWEEN 1900 AND 2100)"


def date_order_sql(col: str) -> str:
    """One row: (values in d/m/Y-or-m/d/Y form, max first part, max second part)."""
    s = date_text(col)
    pat = "^([0-9]{1,2})/([0-9]{1,2})/[0-9]{4}"
    return (f"SELECT COUNT(*), MAX(TRY_CAST(regexp_extract(s, '{pat}', 1) AS INTEGER)), "
            f"MAX(TRY_CAST(regexp_extract(s, '{pat}', 2) AS INTEGER)), "
            f"list(s ORDER BY s)[1:3] "
            f"FROM (SELECT {s} AS s FROM {{table}} WHERE regexp_matches({col}, "
            f"'^\\s*[0-9０-９]{{1,2}}[/.\\-／]')) WHERE regexp_matches(s, '{pat}')")


def infer_date_order(count: int, max_first: int | None, max_second: int | None) -> str | None:
    """'dayfirst', 'monthfirst', 'ambiguous' (every part <= 12), 'mixed', or None (no such dates)."""
    if not count:
        return None
    first_big = (max_first or 0) > 12
    second_big = (max_second or 0) > 12
    if first_big and second_big:
        return "mixed"
    if first_big:
        return "dayfirst"
    if second_big:
        return "monthfirst"
    return "ambiguous"


_COMMA_DEC = re.compile(r"^[^0-9]*\d{1,3}(\.\d{3})*,\d{1,2}\D*$|^[^0-9]*\d+,\d{1,2}\D*$")
_DOT_DEC = re.compile(r"\d\.\d{1,2}\D*$|\d,\d{3}(\D|$)")


def uses_decimal_comma(values: list[str]) -> bool:
    """True when amounts look like `1.234,56` / `35,82` and none like `1,234` / `12.50`."""
    folded = [v.translate(str.maketrans(FULLWIDTH_FROM, FULLWIDTH_TO)).strip() for v in values
              if v and v.strip()]
    comma = sum(1 for v in folded if _COMMA_DEC.search(v))
    dot = sum(1 for v in folded if _DOT_DEC.search(v) and not _COMMA_DEC.search(v))
    return comma > 0 and dot == 0


SYMBOL_CURRENCY = [("¥", "JPY"), ("￥", "JPY"), ("円", "JPY"), ("€", "EUR"), ("£", "GBP"),
                   ("$", "USD")]


def currency_from_symbol(col: str) -> str:
    """ISO code implied by a symbol in an amount (¥/円 JPY, € EUR, £ GBP, $ USD), else NULL."""
    parts = " ".join(f"WHEN strpos({col}, '{sym}') > 0 THEN '{code}'"
                     for sym, code in SYMBOL_CURRENCY)
    return f"(CASE WHEN regexp_full_match({col}, '[-0-9.,() ]*') THEN NULL {parts} END)"


def currency_code(col: str) -> str:
    """Upper-case three-letter code, or NULL for anything else (円 and ¥ mean JPY)."""
    s = f"upper({clean(col)})"
    return (f"(CASE WHEN {col} IS NULL THEN NULL "
            f"WHEN regexp_full_match({col}, '[A-Za-z]{{3}}') THEN upper({col}) "
            f"WHEN regexp_full_match({s}, '[A-Z]{{3}}') THEN {s} "
            f"WHEN {s} IN ('円', '¥', '￥', 'YEN') THEN 'JPY' WHEN {s} = '$' THEN 'USD' END)")
