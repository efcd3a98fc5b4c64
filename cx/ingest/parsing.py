"""Value parsing as SQL expressions over text columns: money, dates, whole numbers.

Each builder takes a SQL expression of a VARCHAR column (never user text: column references are
built by the loaders from positions) and returns a DuckDB expression. The same rules run on every
row in the engine, so a million rows parse in well under a second.

Money: `¥1,234`, `￥1,234`, `1,234円`, `$1,234.50`, `-$0.95`, `(12.00)`, `USD 12`, full-width
digits, and `1.234,56` when the file uses decimal commas. Dates: `2024-01-05`, `2024/01/05`,
`2024年1月5日`, `20240105`, `2024-05-01 10:00:05 -0400` (wall-clock time kept, offset dropped),
`2024-06-05T20:38:34Z`, `01/22/2024 10:04 AM`, `1/5/2024 14:03:22` (day/month order per file).
"""
from __future__ import annotations

import re

FULLWIDTH_FROM = "０１２３４５６７８９－．，（）＋：／　"
FULLWIDTH_TO = "0123456789-.,()+:/ "


def clean(col: str) -> str:
    """Trimmed text with full-width digits and punctuation folded; '' becomes NULL."""
    return f"NULLIF(trim(translate({col}, '{FULLWIDTH_FROM}', '{FULLWIDTH_TO}')), '')"


# currency signs, and a currency written in letters before or after the number (`USD 12`,
# `70,48 zł`, `12 kr`, `Rs. 500`)
_LETTER = "[A-Za-z\u00c0-\u024f]"   # Latin letters with accents (zł, kr, Rs, USD)
_SYMBOLS = rf"[\s$¥￥€£₹₩₽₺₫₪円\\]|^{_LETTER}{{1,3}}\.?|{_LETTER}{{1,3}}\.?$"
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
    return (f"(CASE WHEN regexp_full_match({col}, '{plain}') THEN CAST({col} AS DOUBLE) "
            f"ELSE {slow} END)")


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
# month names: `May 3, 2024`, `Jun 2, 2024 3:15:44 PM`, `3 May 2024`, `03-May-2024`,
# `Mar-05-2024` (two-digit years are widened first), with or without a time of day
NAMED_MONTH_FORMATS = [f"{d}{t}" for d in ("%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y",
                                           "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%b-%d-%Y")
                       for t in ("", " %H:%M:%S", " %H:%M", " %I:%M:%S %p", " %I:%M %p")]


def _dm_formats(first: str, second: str) -> list[str]:
    base = f"{first}/{second}/%Y"
    return [f"{base} %H:%M:%S", f"{base} %H:%M", f"{base} %I:%M:%S %p", f"{base} %I:%M %p",
            base]


def date_text(col: str) -> str:
    """Text normalised for strptime: full-width folded, 年月日 and 'T' removed, a trailing UTC
    offset dropped (the wall-clock time of the export is kept), d.m.Y / d-m-Y made d/m/Y,
    午前/午後 made AM/PM."""
    s = _western_year(clean(col))
    s = (f"regexp_replace({s}, '^([0-9]{{4}})年\\s*([0-9]{{1,2}})月\\s*([0-9]{{1,2}})日', "
         "'\\1/\\2/\\3')")
    s = f"regexp_replace({s}, '^([0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}})T', '\\1 ')"
    s = (f"regexp_replace({s}, '([0-9]{{1,2}}:[0-9]{{2}}(:[0-9]{{2}}(\\.[0-9]+)?)?)\\s*"
         f"(Z|UTC|GMT|[+-][0-9]{{2}}:?[0-9]{{2}})$', '\\1')")
    s = (f"regexp_replace({s}, '^([0-9]{{1,2}})[.-]([0-9]{{1,2}})[.-]([0-9]{{4}}|[0-9]{{2}}\\b)', "
         "'\\1/\\2/\\3')")
    s = f"regexp_replace(regexp_replace({s}, '午前\\s*(.*)$', '\\1 AM'), '午後\\s*(.*)$', '\\1 PM')"
    s = f"regexp_replace({s}, '\\s+', ' ', 'g')"
    # a two-digit year (`01/31/97`, `03-May-24`) as four digits, pivoting as POSIX does:
    # 69-99 are 1969-1999, 00-68 are 2000-2068
    head = "^((?:[0-9]{1,2}|[A-Za-z]{3,9})[/-](?:[0-9]{1,2}|[A-Za-z]{3,9})[/-])"
    s = f"regexp_replace({s}, '{head}(69|[7-9][0-9])( |$)', '\\119\\2\\3')"
    s = f"regexp_replace({s}, '{head}([0-6][0-9])( |$)', '\\120\\2\\3')"
    return s


ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}


def _western_year(s: str) -> str:
    """A Japanese era year (`令和6年1月5日`, `平成元年4月1日`) as the western year (2024年1月5日).
    One regular expression, its groups read in a lambda (each pattern costs time to plan)."""
    era = "^(令和|平成|昭和|大正|明治)\\s*([0-9]{1,2}|元)\\s*年(.*)$"
    offset = "CASE m.e " + " ".join(f"WHEN '{name}' THEN {base}"
                                    for name, base in ERAS.items()) + " END"
    year = f"{offset} + CASE WHEN m.n = '元' THEN 1 ELSE TRY_CAST(m.n AS INTEGER) END"
    return (f"COALESCE(list_transform([regexp_extract(@X@, '{era}', ['e', 'n', 'r'])], "
            f"lambda m: CASE WHEN m.e <> '' THEN CAST({year} AS VARCHAR) || '年' || m.r END)[1], "
            "@X@)").replace("@X@", s)


EXCEL_EPOCH = "1899-12-30"   # day 0 of Excel's serial dates (1900 system, leap-year bug kept)


def timestamp(col: str, date_order: str | None = None) -> str:
    """TIMESTAMP or NULL. `date_order` is 'dayfirst' or 'monthfirst' for d/m/Y forms; without
    it such values stay NULL (load.py asks first when the file has them); 'either' reads them
    in whichever order fits (for recognising a date column, never for loading one)."""
    formats = list(YMD_FORMATS)
    if date_order in ("dayfirst", "either"):
        formats += _dm_formats("%d", "%m")
    if date_order in ("monthfirst", "either"):
        formats += _dm_formats("%m", "%d")
    formats += NAMED_MONTH_FORMATS
    fmt_list = "[" + ", ".join(f"'{f}'" for f in formats) + "]"
    # fast path: plain ISO-like text, which DuckDB casts directly (wall-clock time, offset
    # dropped); everything else goes through the normalising chain and the format list
    iso = ("'[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?"
           "\\s*(Z|[+-][0-9]{2}:?[0-9]{2})?'")
    # an Excel serial date (45296 is 2024-01-05; a fraction is the time of day), 1954-2119
    serial = (f"WHEN regexp_full_match({col}, '[0-9]{{5}}(\\.[0-9]+)?') AND TRY_CAST({col} AS "
              f"DOUBLE) BETWEEN 20000 AND 80000 THEN TIMESTAMP '{EXCEL_EPOCH}' + to_microseconds("
              f"CAST(round(TRY_CAST({col} AS DOUBLE) * 86400000000) AS BIGINT))")
    # text that has no date shape (digits, a separator, digits; eight digits; a month name;
    # an era) is not tried against every format: most columns profiled are not dates
    shape = ("'[0-9０-９][/.\\-年／．－][0-9０-９]|^\\s*[0-9０-９]{8}|(?i)(jan|feb|mar|apr|may|"
             "jun|jul|aug|sep|oct|nov|dec)|令和|平成|昭和|大正|明治'")
    parsed = (f"(CASE WHEN regexp_full_match({col}, {iso}) THEN TRY_CAST({col} AS TIMESTAMP) "
              f"{serial} WHEN NOT regexp_matches({col}, {shape}) THEN NULL "
              f"ELSE try_strptime({date_text(col)}, {fmt_list}) END)")
    return parsed


def bad_timestamp(expr: str) -> str:
    """True when a parsed timestamp is missing or its year is outside 1900-2100 (a typo, or a
    two-digit year read wrong)."""
    return f"({expr} IS NULL OR year({expr}) NOT BETWEEN 1900 AND 2100)"


def date_order_sql(col: str) -> str:
    """One row: (values in d/m/Y-or-m/d/Y form, max first part, max second part)."""
    s = date_text(col)
    pat = "^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})( |$)"
    return (f"SELECT COUNT(*), MAX(TRY_CAST(regexp_extract(s, '{pat}', 1) AS INTEGER)), "
            f"MAX(TRY_CAST(regexp_extract(s, '{pat}', 2) AS INTEGER)), "
            f"list(s ORDER BY s)[1:3] "
            f"FROM (SELECT {s} AS s FROM {{table}} WHERE regexp_matches({col}, "
            f"'^\\s*[0-9０-９]{{1,2}}[/.\\-／]')) WHERE regexp_matches(s, '{pat}')")


def infer_date_order(count: int, max_first: int | None, max_second: int | None) -> str | None:
    """'dayfirst', 'monthfirst', 'ambiguous' (every part <= 12), 'mixed', or None (no such
    dates)."""
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
