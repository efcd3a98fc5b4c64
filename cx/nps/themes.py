"""Recurring themes in survey comments, found on this machine (no text leaves it), for English and
Japanese alike.

How (small, explainable, deterministic):
1. Each comment is English or Japanese (it contains kana or kanji).
2. Terms: English words without stop words or bare sentiment words (great, bad: the score
   already says that), single and in pairs of neighbours. Japanese has no spaces, so character
   n-grams (2 to 4 characters, like scikit-learn's char analyzer) that start with a kanji or
   katakana and hold no particle or punctuation, e.g. 配送, 遅れて, 値段, 梱包, taken after the
   Japanese sentiment and filler words (良い, 悪い, とても, 少し, すごい...) are cut out.
3. Each term's count is the number of comments containing it. From the most frequent term down,
   a term joins an existing theme when the comments containing it are mostly the same
   (Jaccard overlap >= 0.6), else it starts a new theme, until `max_themes`.
4. A theme reports its label (its one or two most telling terms), how many comments mention it,
   the NPS of those comments with its interval, and up to three example comments.

Input is one row per distinct comment text with its number of answers `n` and their
promoters/passives/detractors (cx.nps.metrics.comment_themes builds it in SQL), so repeated texts cost
nothing extra.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from cx.stats import nps_value

__all__ = ["THEME_COLUMNS", "english_terms", "find_themes", "japanese_terms", "language",
           "terms_of"]

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
HEAD = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uff66-\uff9f]")  # katakana or kanji
WORD_RUN = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uff66-\uff9f]+")
PARTICLES = set("がをはにでのもとへや")
PUNCT = re.compile(r"[\s、。，．,.!?！？「」『』（）()・…:;：；\"'\-ー〜~]")
EXTRA_STOP = {"just", "really", "got", "did", "does", "bit", "overall", "will", "would", "also",
              "again", "lot", "ve", "im", "don", "didn", "isn", "wasn"}
# Sentiment words say how, not what: the score already measures that, themes are about topics.
SENTIMENT = {"great", "good", "nice", "fine", "excellent", "lovely", "bad", "poor", "awesome",
             "amazing", "love", "like", "best", "better", "worse", "worst", "terrible", "okay",
             "happy", "perfect", "wonderful", "horrible", "awful"}
# Common English function words (a short list: terms need 3+ letters anyway). Kept here rather
# than imported from scikit-learn, whose import alone costs the page most of a second.
ENGLISH_STOP_WORDS = set("""
about above after again against all almost also although always among and another any anyone
anything are around because been before being below between both but can cannot could did does
doing down during each either else enough even ever every few for from further had has have
having her here hers herself him himself his how however into its itself just least less made
make many may more most much must myself neither never next nobody none nor not nothing now
off often once one only onto other others otherwise our ours ourselves out over own per perhaps
please put quite rather same see seem seemed seems several she should since some somehow someone
something sometime sometimes somewhere still such than that the their theirs them themselves
then there therefore these they thing things this those though through thus together too toward
towards under until upon very via was way well were what whatever when whenever where whether
which while who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves get gets getting got use used using you're it's i'm i've we've they're
""".split())
STOP = frozenset(ENGLISH_STOP_WORDS | EXTRA_STOP | SENTIMENT)
# The Japanese counterparts: sentiment words (良い, 悪い, 最高, 満足...) and intensifiers and
# fillers (とても, 少し, すごい, 本当に, また...). They are cut out of a comment before its
# n-grams are taken, so they are neither terms nor glued to one ("少し高"). A word that starts
# (ends) with kanji/katakana is only cut where no kanji/katakana precedes (follows) it, so
# compounds stay whole: 満足度, 最高級, 不良品.
JA_SENTIMENT = {
    "良い", "良かった", "良く", "良くない", "よい", "よかった", "よく", "いい", "悪い", "悪かった",
    "悪く", "わるい", "最高", "最悪", "最低", "素晴らしい", "素晴らしかった", "すばらしい", "素敵",
    "すてき", "満足", "不満", "残念", "嬉しい", "うれしい", "好き", "大好き", "嫌い", "完璧",
    "酷い", "ひどい", "普通", "まあまあ", "イマイチ", "いまいち", "微妙", "楽しい", "楽しかった",
    "感動", "ナイス", "グッド", "ベスト"}
JA_STOP = {
    "とても", "少し", "すこし", "もう少し", "すごい", "すごく", "凄い", "凄く", "本当に", "ほんとうに",
    "本当", "ほんと", "非常に", "大変", "かなり", "ちょっと", "一番", "いちばん", "また", "いつも",
    "全体的に", "全体", "特に", "思います", "思いました", "思う", "感じ", "もっと", "まだ", "今回",
    "毎回", "色々", "いろいろ", "沢山", "たくさん", "です", "でした", "ます", "ました",
    "ありがとう", "ございます"}
_HEAD_CLASS = r"\u30a0-\u30ff\u3400-\u9fff\uff66-\uff9f"


def _ja_pattern(word: str) -> str:
    head, tail = bool(HEAD.match(word[0])), bool(HEAD.match(word[-1]))
    return ((f"(?<![{_HEAD_CLASS}])" if head else "") + re.escape(word)
            + (f"(?![{_HEAD_CLASS}])" if tail else ""))


JA_STOP_RE = re.compile("|".join(_ja_pattern(w) for w in
                                 sorted(JA_SENTIMENT | JA_STOP, key=lambda w: (-len(w), w))))
JACCARD = 0.6
MAX_CANDIDATES = 400

THEME_COLUMNS = ["theme", "terms", "language", "comments", "promoters", "passives", "detractors",
                 "nps", "ci_low", "ci_high", "examples"]


def language(text: str) -> str:
    return "ja" if JAPANESE.search(text or "") else "en"


def japanese_terms(text: str) -> list[str]:
    """Character n-grams (2-4) starting with kanji/katakana, without particles or punctuation,
    and not cutting a kanji/katakana word in two; plus whole kanji/katakana words of 2+
    characters (so long compounds are kept whole)."""
    out = set()
    text = JA_STOP_RE.sub("、", text or "")
    for run in WORD_RUN.findall(text):
        if len(run) >= 2:
            out.add(run)
    for n in (2, 3, 4):
        for i in range(len(text) - n + 1):
            gram = text[i:i + n]
            if not HEAD.match(gram[0]) or gram[0] == "ー":
                continue
            if i > 0 and HEAD.match(text[i - 1]):  # starts inside a word
                continue
            if i + n < len(text) and HEAD.match(gram[-1]) and HEAD.match(text[i + n]):
                continue  # ends inside a word
            if any(ch in PARTICLES for ch in gram):
                continue
            if PUNCT.search(gram.replace("ー", "")):
                continue
            out.add(gram)
    return sorted(out)


ENGLISH_TOKEN = re.compile(r"[a-z][a-z']+")


def english_terms(text: str) -> list[str]:
    """Lower-case words of 3+ letters without stop words, and pairs of neighbouring kept words."""
    words = [w.strip("'") for w in ENGLISH_TOKEN.findall((text or "").lower())]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    kept = [w for w in words if len(w) >= 3 and w not in STOP]
    pairs = [f"{a} {b}" for a, b in zip(kept, kept[1:]) if a != b]
    return sorted(set(kept) | set(pairs))


def terms_of(text: str) -> list[str]:
    """Japanese terms and English words alike (a Japanese comment may name an English product:
    "Appが重い")."""
    if language(text) == "ja":
        return japanese_terms(text) + english_terms(text)
    return english_terms(text)


def _clean(term: str) -> bool:
    """A term that reads as a word: English, a whole kanji/katakana word, or a short n-gram
    (4-grams often cut a word's ending in two)."""
    return language(term) == "en" or bool(WORD_RUN.fullmatch(term)) or len(term) <= 3


def _prune(terms: list[str]) -> list[str]:
    """Drop terms contained in an earlier (more frequent or longer) term of the same theme."""
    kept: list[str] = []
    for t in terms:
        if not any(t in k for k in kept):
            kept.append(t)
    return kept


def _label(terms: list[str]) -> str:
    """The seed term and the next term not overlapping it, preferring whole words (a term made
    only of kanji/katakana, or an English word pair)."""
    first = terms[0]
    rest = [t for t in terms[1:] if t not in first and first not in t]
    whole = [t for t in rest if WORD_RUN.fullmatch(t) or " " in t]
    second = (whole or rest or [None])[0]
    return first if second is None else f"{first} / {second}"


def find_themes(corpus: pd.DataFrame, max_themes: int = 12, min_comments: int | None = None,
                examples: int = 3) -> pd.DataFrame:
    """Themes of `corpus` (columns comment, n, promoters, passives, detractors; n defaults to 1
    and the group counts may be left out when unknown). Columns: THEME_COLUMNS, most mentioned
    first. A theme needs at least `min_comments` comments (default: 2, or 1% of the comments
    when that is more)."""
    if corpus is None or corpus.empty:
        return pd.DataFrame(columns=THEME_COLUMNS)
    df = corpus.copy().reset_index(drop=True)
    df["comment"] = df["comment"].astype(str)
    if "n" not in df:
        df["n"] = 1
    for col in ("promoters", "passives", "detractors"):
        if col not in df:
            df[col] = 0
    weights = df["n"].to_numpy(dtype=float)
    total = weights.sum()
    if min_comments is None:
        min_comments = max(2, math.ceil(0.01 * total))

    postings: dict[str, list[int]] = {}
    for i, text in enumerate(df["comment"]):
        for term in terms_of(text):
            postings.setdefault(term, []).append(i)
    counts = {term: float(weights[docs].sum()) for term, docs in postings.items()}
    order = sorted((t for t in postings if counts[t] >= min_comments),
                   key=lambda t: (-counts[t], not _clean(t), -len(t), t))[:MAX_CANDIDATES]

    themes: list[dict] = []
    for term in order:
        docs = frozenset(postings[term])
        home = None
        for theme in themes:
            inter = weights[list(docs & theme["docs"])].sum()
            union = weights[list(docs | theme["docs"])].sum()
            if union and inter / union >= JACCARD:
                home = theme
                break
        if home is not None:
            home["terms"].append(term)
        elif len(themes) < max_themes:
            themes.append({"docs": docs, "terms": [term]})

    rows = []
    for theme in themes:
        idx = sorted(theme["docs"])
        part = df.iloc[idx]
        pr, pa, de = (float(part[c].sum()) for c in ("promoters", "passives", "detractors"))
        nps, lo, hi, _ = nps_value(pr, pa, de)
        ex = part.sort_values("n", ascending=False, kind="stable")["comment"].head(examples)
        rows.append({
            "theme": _label(theme["terms"]), "terms": _prune(theme["terms"]),
            "language": language(theme["terms"][0]), "comments": int(part["n"].sum()),
            "promoters": int(pr), "passives": int(pa), "detractors": int(de),
            "nps": nps, "ci_low": lo, "ci_high": hi, "examples": list(ex)})
    out = pd.DataFrame(rows, columns=THEME_COLUMNS)
    return out.sort_values(["comments", "theme"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)
