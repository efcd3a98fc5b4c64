"""Headline help texts: what a headline rests on (cx.headline)."""
STRINGS = {
    "headline.unit.customers": {"en": "{n} customers", "ja": "顧客 {n} 人"},
    "headline.unit.responses": {"en": "{n} answers", "ja": "回答 {n} 件"},
    "headline.unit.orders": {"en": "{n} orders", "ja": "注文 {n} 件"},
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
    "headline.thin": {
        "en": "{what}: only {n} so far; shown once at least {min} stand behind it.",
        "ja": "{what}：まだ {n} だけです。{min} 以上になると表示します。"},
}
