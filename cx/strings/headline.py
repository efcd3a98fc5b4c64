"""Headline help texts: what a headline rests on (cx.headline)."""
STRINGS = {
    "headline.unit.customers": {"en": "{n} customers", "ja": "顧客 {n} 人"},
    "headline.unit.responses": {"en": "{n} answers", "ja": "回答 {n} 件"},
    "headline.unit.orders": {"en": "{n} orders", "ja": "注文 {n} 件"},
    "headline.unit.gaps": {"en": "{n} gaps", "ja": "間隔 {n} 件"},
    "headline.days": {"en": "{n} days", "ja": "{n} 日"},
    "headline.basis.cohort": {"en": "{cohort} cohort, {n}", "ja": "{cohort}コホート、{n}"},
    "headline.basis.cohorts": {"en": "{first}–{last} cohorts, {n}",
                               "ja": "{first}〜{last}のコホート、{n}"},
    "headline.basis.month": {"en": "{month}, {n}", "ja": "{month}、{n}"},
    "headline.basis.months": {"en": "{first}–{last}, {n}", "ja": "{first}〜{last}、{n}"},
    "headline.basis.days": {"en": "the {days} days to {end}, {n}",
                            "ja": "{end}までの {days} 日間、{n}"},
    "headline.help.basis": {"en": "Rests on {basis}.", "ja": "対象：{basis}。"},
    "headline.help.previous": {"en": "The change is against {basis}.",
                               "ja": "変化は{basis}との比較です。"},
    "headline.help.previous_change": {
        "en": "Against {basis}: {change}, {verdict}.",
        "ja": "{basis}との比較：{change}、{verdict}。"},
    "headline.help.previous_change_plain": {
        "en": "Against the previous period: {change}, {verdict}.",
        "ja": "前の期間との比較：{change}、{verdict}。"},
    "headline.help.year_change": {
        "en": "Against a year earlier ({basis}): {change}, {verdict}.",
        "ja": "1年前（{basis}）との比較：{change}、{verdict}。"},
    "headline.help.year_change_plain": {
        "en": "Against the same period a year earlier: {change}, {verdict}.",
        "ja": "1年前の同じ期間との比較：{change}、{verdict}。"},
    "headline.verdict.up": {"en": "a real rise", "ja": "誤差を超える上昇"},
    "headline.verdict.down": {"en": "a real drop", "ja": "誤差を超える低下"},
    "headline.verdict.noise": {"en": "within the noise", "ja": "誤差の範囲内"},
    "headline.verdict.unknown": {"en": "noise not estimated", "ja": "誤差は推定していません"},
    "headline.change_verdict": {"en": "{change}, {verdict}", "ja": "{change}、{verdict}"},
    "headline.year.short": {"en": "vs a year ago: {change}, {verdict}",
                            "ja": "1年前比：{change}、{verdict}"},
    "headline.year.none": {"en": "No data a year earlier.", "ja": "1年前のデータはありません。"},
    "headline.year.none.short": {"en": "no data a year earlier",
                                 "ja": "1年前のデータなし"},
    "headline.year.thin": {
        "en": "Too few a year earlier to compare ({basis}; at least {min} needed).",
        "ja": "1年前は比較するには少なすぎます（{basis}。{min} 以上が必要）。"},
    "headline.year.thin.short": {"en": "too few a year earlier to compare",
                                 "ja": "1年前は少なすぎて比較できません"},
    "headline.thin": {
        "en": "{what}: only {n} so far; shown once at least {min} stand behind it.",
        "ja": "{what}：まだ {n} だけです。{min} 以上になると表示します。"},
}
