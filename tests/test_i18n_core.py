from datetime import date

from cx import i18n
from cx.strings import STRINGS


def test_every_string_has_english_and_japanese():
    missing = [k for k, v in STRINGS.items() if not v.get("en") or not v.get("ja")]
    assert missing == []


def test_placeholders_match_between_languages():
    import string
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    bad = [k for k, v in STRINGS.items() if fields(v["en"]) != fields(v["ja"])]
    assert bad == []


def test_formatting():
    assert i18n.fmt_money(1234, "JPY", "ja") == "¥1,234"
    assert i18n.fmt_money(1234.5, "USD", "en") == "$1,234"
    assert i18n.fmt_money(12.5, "USD", "en") == "$12.50"
    assert i18n.fmt_money(-3.2, "USD", "en") == "-$3.20"
    assert i18n.fmt_money(123456, "JPY", "ja", compact=True) == "¥12.3万"
    assert i18n.fmt_money(123456, "USD", "en", compact=True) == "$123.5k"
    assert i18n.fmt_pct(0.123) == "12.3%"
    assert i18n.fmt_pct(0.05, signed=True) == "+5.0%"
    assert i18n.fmt_month(date(2024, 1, 5), "ja") == "2024年1月"
    assert i18n.fmt_month(date(2024, 1, 5), "en") == "Jan 2024"
    assert i18n.fmt_date(date(2024, 1, 5), "ja") == "2024年1月5日"
    assert i18n.fmt_period(date(2024, 4, 1), "quarter", "en") == "Q2 2024"
    assert i18n.fmt_int(1234567) == "1,234,567"
    assert i18n.fmt_int(None) == "–"


def test_japanese_compact_money_uses_man_and_oku():
    ja = lambda x, cur="JPY": i18n.fmt_money(x, cur, "ja", compact=True)
    assert ja(5000) == "¥5,000"  # below 1万: written in full, never ¥5.0k
    assert ja(9999) == "¥9,999"
    assert ja(12345) == "¥1.2万"
    assert ja(123456) == "¥12.3万"
    assert ja(1.5e8) == "¥1.5億"
    assert ja(99_999_999) == "¥1.0億"  # rounds up into the next unit, not ¥10,000.0万
    assert ja(-12345) == "-¥1.2万"
    assert ja(3200, "USD") == "$3,200"  # a dollar amount on a Japanese screen: no "k"
    assert ja(32000, "USD") == "$3.2万"
    assert ja(12345, None) == "1.2万"  # no currency known: no symbol


def test_english_compact_money():
    en = lambda x: i18n.fmt_money(x, "USD", "en", compact=True)
    assert en(999) == "$999"  # compact: no cents from 100
    assert en(12.5) == "$12.50"
    assert en(5000) == "$5.0k"
    assert en(999_960) == "$1.0M"  # not $1,000.0k
    assert en(2.5e9) == "$2.5B"
    assert i18n.fmt_money(5000, "JPY", "en", compact=True) == "¥5.0k"


def test_signed_formatting_for_changes():
    assert i18n.fmt_money(3200, "USD", "en", compact=True, signed=True) == "+$3.2k"
    assert i18n.fmt_money(-3200, "USD", "ja", compact=True, signed=True) == "-$3,200"
    assert i18n.fmt_money(0.001, "USD", "en", signed=True) == "$0.00"  # no sign on zero
    assert i18n.fmt_int(1234, "ja", signed=True) == "+1,234"
    assert i18n.fmt_int(-5, "en", signed=True) == "-5"
    assert i18n.fmt_int(0, "en", signed=True) == "0"
    assert i18n.fmt_points(4.6, "en", signed=True) == "+5"
    assert i18n.fmt_points(-0.3, "en", signed=True) == "0"  # never "-0"
    assert i18n.fmt_pct(-0.0001) == "0.0%"
    assert i18n.fmt_pct_points(0.012, "en") == "+1.2 pt"
    assert i18n.fmt_pct_points(-0.012, "ja") == "-1.2ポイント"


def test_every_formatter_in_both_languages():
    d = date(2024, 1, 5)
    assert [i18n.fmt_int(1234567, lang) for lang in ("en", "ja")] == ["1,234,567"] * 2
    assert [i18n.fmt_num(1234.56, lang) for lang in ("en", "ja")] == ["1,234.6"] * 2
    assert [i18n.fmt_pct(0.123, lang) for lang in ("en", "ja")] == ["12.3%"] * 2
    assert [i18n.fmt_points(42.4, lang) for lang in ("en", "ja")] == ["42"] * 2
    assert [i18n.fmt_money(1234, "JPY", lang) for lang in ("en", "ja")] == ["¥1,234"] * 2
    assert [i18n.fmt_date(d, lang) for lang in ("en", "ja")] == ["5 Jan 2024", "2024年1月5日"]
    assert [i18n.fmt_month(d, lang) for lang in ("en", "ja")] == ["Jan 2024", "2024年1月"]
    assert [i18n.fmt_period(d, "quarter", lang) for lang in ("en", "ja")] == ["Q1 2024",
                                                                              "2024年Q1"]
    assert [i18n.fmt_period(d, "week", lang) for lang in ("en", "ja")] == ["wk 5 Jan 2024",
                                                                           "2024年1月5日週"]
    assert [i18n.fmt_compact(15000, lang) for lang in ("en", "ja")] == ["15k", "1.5万"]
    assert [i18n.fmt_compact(1000, lang) for lang in ("en", "ja")] == ["1k", "1,000"]
    for fmt in (i18n.fmt_int, i18n.fmt_num, i18n.fmt_pct, i18n.fmt_points, i18n.fmt_compact):
        assert fmt(None, "ja") == fmt(float("nan"), "en") == "–"
    assert i18n.fmt_money(None, "JPY", "ja", compact=True) == "–"
