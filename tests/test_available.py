"""cx.available: which kinds of data exist, and the sentences shown instead of zeros."""
from __future__ import annotations

from datetime import datetime

import pytest

from cx import i18n
from cx.available import (
    KINDS,
    Available,
    absent_list_sentence,
    absent_sentence,
    available,
    present_columns,
)


def test_an_empty_store_has_nothing(store):
    a = available(store.cursor())
    assert a == Available() and a.missing(*KINDS) == KINDS


def test_each_kind_is_seen_where_it_lives(store):
    with store.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount) "
                    "VALUES ('o1', NULL, ?, 5)", [datetime(2026, 1, 5)])
    a = available(store.cursor())
    assert a.orders and not a.customer_ids  # guest orders only
    with store.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, customer_id, ordered_at, amount, "
                    "channel, product_category, discount_code) "
                    "VALUES ('o2', 'c1', ?, 5, 'web', 'tea', 'SPRING')", [datetime(2026, 1, 6)])
        cur.execute("INSERT INTO customers (customer_id, email) VALUES ('c1', 'c1@x.test')")
        cur.execute("INSERT INTO survey_responses (response_id, responded_at, score, touchpoint) "
                    "VALUES ('r1', ?, 9, 'delivery')", [datetime(2026, 1, 7)])
    a = available(store.cursor())
    assert a.missing(*KINDS) == ("referrals", "names", "acquisition_channels", "regions",
                                 "comments")
    with pytest.raises(ValueError):
        a.has("shoe sizes")


def test_columns_of_absent_kinds_are_left_out():
    a = Available(orders=True, customer_ids=True, emails=True)
    cols = ["customer_id", "name", "email", "acquisition_channel", "referral_value", "orders"]
    assert present_columns(cols, a) == ["customer_id", "email", "orders"]


def test_sentences_name_the_file_that_adds_the_data():
    assert absent_sentence("referrals", "en").startswith("No referral data loaded: import a "
                                                         "referrals file")
    assert absent_sentence("referrals", "en", what="Revenue from referred customers") == (
        "Revenue from referred customers: " + i18n.t("absent.referrals", "en"))
    assert "紹介ファイル" in absent_sentence("referrals", "ja")
    for kind in KINDS:  # every kind has both languages
        for lang in ("en", "ja"):
            assert absent_sentence(kind, lang) and i18n.t(f"absent.name.{kind}", lang)
    assert absent_list_sentence([], "en") is None
    assert absent_list_sentence(["regions", "channels"], "en") == (
        "Not in your data yet: regions, sales channels. A customers file or a richer orders or "
        "survey export adds them.")


def test_headlines_missing_the_same_data_share_one_sentence():
    from cx.headline import Headline, sentences_instead, shown_as_number

    heads = [Headline("overview.revenue", 10.0, kind="money"),
             Headline("segments.headline_referred_revenue", None, kind="absent",
                      absent="referrals"),
             Headline("segments.headline_referred_share", None, kind="absent",
                      absent="referrals"),
             Headline("retention.kpi.month1", None, kind="pct", thin=3)]
    assert [shown_as_number(h) for h in heads] == [True, False, False, False]
    got = [text for _, text in sentences_instead(heads, "en")]
    assert got == [
        i18n.t("segments.headline_referred_revenue", "en") + ", "
        + i18n.t("segments.headline_referred_share", "en") + ": "
        + i18n.t("absent.referrals", "en"),
        "Month-1 retention: only 3 customers so far; shown once at least 30 stand behind it."]
