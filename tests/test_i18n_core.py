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
