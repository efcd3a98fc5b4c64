"""cx.nps.themes on small known corpora in English and Japanese."""
import math

import pandas as pd
import pytest

from cx.nps import themes


def corpus(rows):
    """rows: (comment, score) -> one row per distinct text with its counts."""
    df = pd.DataFrame(rows, columns=["comment", "score"])
    df["promoters"] = (df["score"] >= 9).astype(int)
    df["passives"] = df["score"].between(7, 8).astype(int)
    df["detractors"] = (df["score"] <= 6).astype(int)
    df["n"] = 1
    return (df.groupby("comment", as_index=False, sort=False)
            [["n", "promoters", "passives", "detractors"]].sum())


ENGLISH = [
    ("Delivery was late and the parcel was damaged", 2),
    ("My parcel arrived late, delivery is slow", 3),
    ("Late delivery again", 5),
    ("The barista was friendly", 10),
    ("Friendly barista, great coffee", 9),
    ("Prices are too high", 6),
    ("High prices for small cups", 7),
    ("I love it", 10),
]

JAPANESE = [
    ("配送が遅れて箱が潰れていました。", 2),
    ("配送が遅れた。", 4),
    ("また配送が遅れました", 5),
    ("スタッフの対応が丁寧でした。", 10),
    ("スタッフの対応がとても良い", 9),
    ("値段が高い。", 6),
    ("値段が少し高いです", 7),
    ("ありがとう", 10),
]


def theme_with(df, term):
    hits = df[df["terms"].map(lambda ts: term in ts)]
    assert len(hits) == 1, (term, df[["theme", "terms"]])
    return hits.iloc[0]


def test_english_themes_with_counts_nps_and_examples():
    df = themes.find_themes(corpus(ENGLISH))
    assert list(df.columns) == themes.THEME_COLUMNS
    late = theme_with(df, "late")
    assert late["comments"] == 3 and late["language"] == "en"
    assert late["nps"] == -100.0  # all three are detractors
    assert "delivery" in late["terms"]  # same three comments: one theme
    assert set(late["examples"]) == {t for t, _ in ENGLISH[:3]}
    barista = theme_with(df, "barista")
    assert barista["comments"] == 2 and barista["nps"] == 100.0
    assert "friendly" in barista["terms"]
    prices = theme_with(df, "prices")
    assert prices["comments"] == 2 and prices["nps"] == -50.0  # one detractor, one passive
    assert "high" in prices["terms"]
    # three themes; "parcel" (2 of the 3 late comments) joins the late theme by overlap
    assert len(df) == 3 and df["comments"].tolist() == [3, 2, 2]
    assert not any("love" in ts for ts in df["terms"])  # once only, and a sentiment word


def test_japanese_themes_from_character_ngrams():
    df = themes.find_themes(corpus(JAPANESE))
    late = theme_with(df, "配送")
    assert late["comments"] == 3 and late["nps"] == -100.0 and late["language"] == "ja"
    assert "遅れ" in late["terms"]
    staff = theme_with(df, "スタッフ")
    assert staff["comments"] == 2 and staff["nps"] == 100.0 and "対応" in staff["terms"]
    price = theme_with(df, "値段")
    assert price["comments"] == 2 and price["nps"] == -50.0
    assert len(df) == 3
    assert set(price["examples"]) == {"値段が高い。", "値段が少し高いです"}


def test_mixed_languages_and_weights():
    df = themes.find_themes(corpus(ENGLISH + JAPANESE))
    assert set(df["language"]) == {"en", "ja"}
    # a repeated text counts by its number of answers
    c = corpus(JAPANESE)
    c.loc[c["comment"] == "値段が高い。", ["n", "detractors"]] = [5, 5]
    price = theme_with(themes.find_themes(c), "値段")
    assert price["comments"] == 6
    assert price["nps"] == pytest.approx(100 * (0 - 5) / 6)


def test_japanese_terms_keep_words_whole_and_skip_particles():
    terms = themes.japanese_terms("コーヒーがおいしくて友達にも勧めています。")
    assert "コーヒー" in terms and "友達" in terms
    assert "コーヒ" not in terms and "ーヒー" not in terms  # never a word cut in two
    assert not any(ch in t for t in terms for ch in "がにも。")
    assert all(t[0] not in "おいしくてま" for t in terms)  # never starts with hiragana
    long = themes.japanese_terms("顧客満足度調査の結果")
    assert "顧客満足度調査" in long and "結果" in long


def test_english_words_inside_japanese_comments_count_too():
    rows = [("新しいblendがおいしい", 10), ("Seasonal blend がまた飲みたい", 9), ("blend 最高", 10)]
    df = themes.find_themes(corpus(rows))
    assert df["terms"].iloc[0] == ["blend"] and df["comments"].iloc[0] == 3


def test_english_terms_drop_stop_and_sentiment_words():
    assert themes.english_terms("The delivery was GREAT and fast!") == [
        "delivery", "delivery fast", "fast"]


def test_nothing_recurs_nothing_to_show():
    assert themes.find_themes(corpus([("Late delivery", 2), ("Lovely staff", 10)])).empty
    assert themes.find_themes(pd.DataFrame(columns=["comment", "n"])).empty
    assert themes.find_themes(corpus([("the and", 2), ("and the", 3)])).empty  # stop words only


def test_max_themes_and_min_comments():
    df = themes.find_themes(corpus(ENGLISH), max_themes=1)
    assert df["terms"].iloc[0][0] in ("late", "delivery") and len(df) == 1
    assert themes.find_themes(corpus(ENGLISH), min_comments=3)["comments"].tolist() == [3]


def test_markup_in_comments_is_just_text():
    rows = [("[click](http://x) <b>late</b> delivery", 2), ("late delivery <script>", 3)]
    df = themes.find_themes(corpus(rows))
    late = theme_with(df, "late delivery")  # "late" and "delivery" alone are inside it
    assert "[click](http://x) <b>late</b> delivery" in late["examples"]
    assert not math.isnan(late["nps"])


SENTIMENT_JA = [
    ("少し高いけど味は良い", 8),
    ("少し待ったが接客が良い", 9),
    ("量が少し多いがとても良い", 7),
    ("すごい良い雰囲気、また来ます", 10),
    ("配送が遅い", 3),
    ("配送がとても遅れた", 2),
    ("悪い対応でした", 1),
    ("対応が悪い", 0),
]


def test_japanese_sentiment_and_filler_words_make_no_theme():
    # 少し and 良い share the first three comments, which are about price, waiting and portion
    # size: as terms they would make one theme "少し / 良い" of unrelated comments (English drops
    # good/great the same way). 配送 (delivery) and 対応 (service) are the real topics.
    df = themes.find_themes(corpus(SENTIMENT_JA))
    words = ("良い", "少し", "とても", "すごい", "悪い", "また")
    assert not [t for ts in df["terms"] for t in ts if any(w in t for w in words)], df
    assert not any(w in label for label in df["theme"] for w in words)
    delivery = theme_with(df, "配送")
    assert delivery["comments"] == 2 and delivery["nps"] == -100.0
    service = theme_with(df, "対応")
    assert service["comments"] == 2
    assert len(df) == 2


def test_japanese_stop_words_cut_only_whole_words():
    assert themes.japanese_terms("値段が少し高いです") == ["値段", "高い"]  # not 少し, 少し高
    assert "顧客満足度調査" in themes.japanese_terms("顧客満足度調査の結果")  # 満足 inside a word
    assert themes.japanese_terms("最高級の豆") == ["最高級"]
    assert "不良品" in themes.japanese_terms("不良品が届いた")
    assert themes.japanese_terms("最高です") == [] and themes.japanese_terms("満足です") == []
