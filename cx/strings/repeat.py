"""The Repeat purchase page: second purchase by cohort, the funnel, days to a second purchase,
first-purchase groups."""
STRINGS = {
    "nav.repeat": {"en": "Repeat purchase", "ja": "リピート購入"},
    "repeat.title": {"en": "Do first-time buyers buy again?", "ja": "初回購入者は再び買うか"},
    "repeat.how_to_read": {
        "en": "A customer's second purchase is their first purchase on a later day than the "
              "first (orders on the first day are one visit). Customers are grouped by when "
              "they first bought; a cohort's share for N days shows once every customer in it "
              "has had N days.",
        "ja": "2回目の購入とは、初回購入日より後の日の最初の購入です（初回購入日の注文はまとめて1回の来店）。"
              "顧客を初回購入の時期でまとめ、コホートの全員がN日を経過した時点でN日以内の割合を表示します。"},
    "repeat.no_customers": {
        "en": "No customer has a purchase in the analysis period yet. Import orders with a "
              "customer column or widen the analysis period.",
        "ja": "分析期間に顧客の購入がまだありません。顧客列のある注文を取り込むか、分析期間を広げてください。"},
    "repeat.tab.cohorts": {"en": "Second purchase by cohort", "ja": "コホート別の2回目購入"},
    "repeat.tab.funnel": {"en": "Order funnel", "ja": "購入回数ファネル"},
    "repeat.tab.days": {"en": "Days to second purchase", "ja": "2回目購入までの日数"},
    "repeat.tab.first": {"en": "What was the first order?", "ja": "初回注文の内容別"},
    "repeat.by.category": {"en": "Product category", "ja": "商品カテゴリ"},
    "repeat.by.discount": {"en": "Discount or not", "ja": "割引の有無"},
    "repeat.by.channel": {"en": "Channel", "ja": "チャネル"},
    "repeat.by.value": {"en": "Order value band", "ja": "注文金額帯"},
    "repeat.by.referred": {"en": "Referred or not", "ja": "紹介の有無"},
    "repeat.by.label": {"en": "Group customers by their first order's", "ja": "初回注文のグループ分け"},
    "repeat.window": {"en": "{n} days", "ja": "{n}日"},
    # key numbers
    "repeat.kpi.second": {"en": "Back within 90 days", "ja": "90日以内の2回目購入"},
    "repeat.kpi.second_help": {
        "en": "First-time buyers whose second purchase came within 90 days of the first: "
              "{active} of {customers} customers ({basis}).",
        "ja": "初回購入から90日以内に2回目の購入をした顧客: {customers} 人中 {active} 人（{basis}）。"},
    "repeat.kpi.thin": {
        "en": "Second purchase within 90 days: only {n} customers have had 90 days since their "
              "first purchase; it shows once {min} have.",
        "ja": "90日以内の2回目購入: 初回購入から90日を経過した顧客がまだ {n} 人です。{min} 人に達すると表示します。"},
    "repeat.kpi.thin.one": {
        "en": "Second purchase within 90 days: only {n} customer has had 90 days since their "
              "first purchase; it shows once {min} have.",
        "ja": "90日以内の2回目購入: 初回購入から90日を経過した顧客がまだ {n} 人です。{min} 人に達すると表示します。"},
    "repeat.kpi.not_yet": {
        "en": "Second purchase within 90 days: no cohort has had 90 days since the end of its "
              "month yet.",
        "ja": "90日以内の2回目購入: 月末から90日を経過したコホートがまだありません。"},
    "repeat.kpi.p50": {"en": "Half come back by", "ja": "半数が戻るまで"},
    "repeat.kpi.p80": {"en": "80% come back by", "ja": "80%が戻るまで"},
    "repeat.kpi.day": {"en": "day {d}", "ja": "{d}日目"},
    "repeat.kpi.days_help": {
        "en": "{share} of the second purchases within {window} days had happened by day {d} "
              "after the first purchase ({basis}: the latest cohorts old enough, pooled until "
              "they hold 30).",
        "ja": "{window}日以内の2回目購入の{share}が初回購入から{d}日目までに起きています（{basis}。"
              "経過済みの最新コホートを30件に達するまでまとめています）。"},
    "repeat.kpi.days_missing": {
        "en": "Days to a second purchase: fewer than {min} second purchases in cohorts old "
              "enough to count them yet.",
        "ja": "2回目購入までの日数: 数えられるだけ経過したコホートの2回目購入がまだ {min} 件未満です。"},
    "repeat.kpi.once": {"en": "One-time buyers so far", "ja": "これまで1回だけの購入者"},
    "repeat.kpi.once_help": {
        "en": "{k} of {n} customers have bought on one day only so far (recent customers have "
              "had less time to come back). Compared with the same share {days} days earlier "
              "and a year earlier, each of the customers acquired by then.",
        "ja": "{n} 人中 {k} 人がこれまで1日しか購入していません（最近の顧客は戻るまでの時間がまだ短い点に注意）。"
              "{days}日前と1年前の同じ割合（それぞれその時点までに獲得した顧客）と比較しています。"},
    "repeat.once.short_history": {
        "en": "Not compared: the share grows with the history behind it, and less than a year "
              "of history stands behind the earlier day.",
        "ja": "比較していません: この割合は履歴の長さで変わり、比較する日までの履歴が1年未満です。"},
    "repeat.once.short_history.short": {"en": "less than a year of history then",
                                        "ja": "当時の履歴が1年未満"},
    "repeat.kpi.once_caption": {"en": "of {n} customers", "ja": "{n} 人中"},
    # second purchase by cohort
    "repeat.cohorts.chart": {"en": "Second purchase within N days of the first, by cohort",
                             "ja": "コホート別: 初回からN日以内の2回目購入"},
    "repeat.cohorts.x": {"en": "Second purchase within", "ja": "2回目購入までの日数"},
    "repeat.cohorts.size": {"en": "Customers", "ja": "顧客数"},
    "repeat.cohorts.explain": {
        "en": "Each row is a cohort of first-time buyers; each column the share whose second "
              "purchase came within that many days. A cell stays empty until every customer "
              "of the cohort has had that many days. The top row pools the cohorts that "
              "have.",
        "ja": "各行は初回購入者のコホート、各列はその日数以内に2回目の購入をした割合です。"
              "コホートの全員がその日数を経過するまでセルは空欄です。最上段は経過済みのコホートの合計です。"},
    "repeat.cohorts.pooled_sentence": {
        "en": "Over the cohorts old enough to tell: {parts}.",
        "ja": "判定できるだけ経過したコホート全体では、{parts}。"},
    "repeat.cohorts.pooled_part": {"en": "{pct} within {window} days",
                                   "ja": "{window}日以内に{pct}"},
    "repeat.cohorts.download": {"en": "Download the table (CSV)", "ja": "表をダウンロード (CSV)"},
    "repeat.cell.hover": {
        "en": "{cohort} cohort: {pct} made a second purchase within {window} days ({k} of {n})",
        "ja": "{cohort} コホート: {window}日以内に2回目購入 {pct}（{n} 人中 {k} 人）"},
    "repeat.cell.immature": {
        "en": "{cohort} cohort: not every customer has had {window} days yet",
        "ja": "{cohort} コホート: まだ全員が{window}日を経過していません"},
    "repeat.cell.size": {"en": "{cohort} cohort: {n} customers",
                         "ja": "{cohort} コホート: {n} 人"},
    "repeat.pooled": {"en": "All cohorts old enough", "ja": "経過済みコホート全体"},
    "repeat.pooled.hover": {
        "en": "Cohorts old enough: {pct} within {window} days ({k} of {n})",
        "ja": "経過済みコホート: {window}日以内 {pct}（{n} 人中 {k} 人）"},
    "repeat.pooled.none": {"en": "No cohort has had {window} days yet",
                           "ja": "{window}日を経過したコホートはまだありません"},
    # funnel
    "repeat.step.1": {"en": "1st purchase", "ja": "1回目の購入"},
    "repeat.step.2": {"en": "2nd purchase", "ja": "2回目の購入"},
    "repeat.step.3": {"en": "3rd purchase", "ja": "3回目の購入"},
    "repeat.step.4": {"en": "4th purchase", "ja": "4回目の購入"},
    "repeat.funnel.chart": {"en": "From the first purchase to the fourth (purchase days so far)",
                            "ja": "1回目から4回目の購入まで（これまでの購入日数）"},
    "repeat.funnel.bar": {"en": "{n} ({pct} of first-time buyers, {prev} of the step before)",
                          "ja": "{n}（初回購入者の{pct}、前の段階の{prev}）"},
    "repeat.funnel.sentence": {
        "en": "Of {n} first-time buyers, {second} bought on a second day; of those, {third} "
              "came a third time, and {fourth} of those a fourth.",
        "ja": "初回購入者 {n} 人のうち {second} が別の日に2回目の購入をし、そのうち {third} が3回目、"
              "さらにその {fourth} が4回目の購入をしています。"},
    "repeat.funnel.cohort": {"en": "Cohort", "ja": "コホート"},
    "repeat.funnel.cell": {"en": "{n} ({pct})", "ja": "{n}（{pct}）"},
    "repeat.funnel.by_cohort": {
        "en": "By cohort (share of the cohort's first-time buyers). Recent cohorts have had "
              "less time.",
        "ja": "コホート別（コホートの初回購入者に対する割合）。最近のコホートは経過時間が短い点に注意。"},
    # days to second purchase
    "repeat.days.chart": {"en": "Days from the first to the second purchase (within {window} days)",
                          "ja": "初回から2回目の購入までの日数（{window}日以内）"},
    "repeat.days.x": {"en": "Days after the first purchase", "ja": "初回購入からの日数"},
    "repeat.days.y": {"en": "Second purchases", "ja": "2回目の購入数"},
    "repeat.days.y2": {"en": "Share of second purchases so far", "ja": "累積の割合"},
    "repeat.days.cumulative": {"en": "Cumulative share", "ja": "累積割合"},
    "repeat.days.hover": {"en": "Days {a}–{b}: {n} second purchases ({pct} by day {b})",
                          "ja": "{a}〜{b}日目: 2回目購入 {n} 件（{b}日目までに {pct}）"},
    "repeat.days.hover_day": {"en": "Day {a}: {n} second purchases ({pct} by then)",
                              "ja": "{a}日目: 2回目購入 {n} 件（累積 {pct}）"},
    "repeat.days.mark": {"en": "{pct} by day {d}", "ja": "{d}日目で{pct}"},
    "repeat.days.sentence": {
        "en": "Half of the second purchases happen within {p50} days of the first and 80% "
              "within {p80}: send the win-back offer before day {p80}. ({n} second purchases "
              "within {window} days, cohorts {first} to {last}.)",
        "ja": "2回目の購入の半数は初回から{p50}日以内、80%は{p80}日以内に起きています。"
              "再来店を促す案内は{p80}日目より前に送りましょう。（{window}日以内の2回目購入 {n} 件、"
              "{first}〜{last} のコホート）"},
    "repeat.days.none": {
        "en": "Not enough second purchases yet: the chart needs at least {min} in cohorts "
              "old enough to count them.",
        "ja": "2回目の購入がまだ足りません。経過済みのコホートで {min} 件以上必要です。"},
    # first-purchase groups
    "repeat.first.chart": {"en": "Second purchase within {days} days, by first order",
                           "ja": "初回注文別: {days}日以内の2回目購入"},
    "repeat.first.x": {"en": "Second purchase within {days} days (95% interval)",
                       "ja": "{days}日以内の2回目購入（95%区間）"},
    "repeat.first.none": {"en": "No customer has had {days} days since their first purchase yet.",
                          "ja": "初回購入から{days}日を経過した顧客はまだいません。"},
    "repeat.first.thin_legend": {"en": "Fewer than 30 customers", "ja": "顧客30人未満"},
    "repeat.first.thin": {"en": "(thin: under {min})", "ja": "（{min}未満: 参考値）"},
    "repeat.first.hover": {
        "en": "{group}: {pct} ({low}–{high}) came back within {days} days, {k} of {n}",
        "ja": "{group}: {days}日以内に再購入 {pct}（{low}〜{high}）、{n} 人中 {k} 人"},
    "repeat.first.interval": {"en": "{value} ({low}–{high})", "ja": "{value}（{low}〜{high}）"},
    "repeat.first.standout_more": {
        "en": "{who} come back more often: {a} within {days} days against {b} of the "
              "others (n = {na} / {nb}), outside the noise.",
        "ja": "{who}はよく戻ってきます: {days}日以内の再購入 {a}、"
              "その他は {b}（n = {na} / {nb}、誤差の範囲外）。"},
    "repeat.first.standout_less": {
        "en": "{who} come back less often: {a} within {days} days against {b} of the "
              "others (n = {na} / {nb}), outside the noise.",
        "ja": "{who}は戻りにくい傾向です: {days}日以内の再購入 {a}、"
              "その他は {b}（n = {na} / {nb}、誤差の範囲外）。"},
    "repeat.first.no_standout": {
        "en": "No group's second-purchase rate within {days} days differs from the others' "
              "beyond the noise.",
        "ja": "{days}日以内の再購入率が他と誤差以上に異なるグループはありません。"},
    "repeat.first.revenue_note": {
        "en": "Revenue: net revenue per customer in the first {days} days, of the {n} "
              "customers who have had {days} days since their first purchase.",
        "ja": "売上: 初回購入から{days}日間の顧客1人あたりの純売上（{days}日を経過した {n} 人）。"},
    "repeat.first.revenue_shorter": {
        "en": "Too few customers have had {full} days yet, so a shorter window is shown.",
        "ja": "{full}日を経過した顧客がまだ少ないため、短い期間で表示しています。"},
    "repeat.first.col.group": {"en": "First order", "ja": "初回注文"},
    "repeat.first.col.customers": {"en": "Customers", "ja": "顧客数"},
    "repeat.first.col.rate": {"en": "Came back within {days} days", "ja": "{days}日以内の再購入"},
    "repeat.first.col.rate_n": {"en": "Customers observed", "ja": "対象顧客数"},
    "repeat.first.col.revenue": {"en": "Revenue per customer, first {days} days",
                                 "ja": "初回から{days}日間の1人あたり売上"},
    "repeat.first.col.revenue_n": {"en": "Customers (revenue)", "ja": "対象顧客数（売上）"},
    "repeat.first.col.nps": {"en": "NPS", "ja": "NPS"},
    "repeat.first.col.responses": {"en": "Answers", "ja": "回答数"},
    "repeat.first.download": {"en": "Download the groups (CSV)",
                              "ja": "グループをダウンロード (CSV)"},
    "repeat.group.discount": {"en": "with a discount", "ja": "割引あり"},
    "repeat.group.full_price": {"en": "at full price", "ja": "割引なし"},
    "repeat.group.referred": {"en": "referred customers", "ja": "紹介された顧客"},
    "repeat.group.not_referred": {"en": "customers not referred", "ja": "紹介なしの顧客"},
    "repeat.who.first_order": {"en": "Customers whose first order was {group}",
                               "ja": "初回注文が「{group}」の顧客"},
    "repeat.who.referred": {"en": "Referred customers", "ja": "紹介された顧客"},
    "repeat.who.not_referred": {"en": "Customers not referred", "ja": "紹介なしの顧客"},
    "repeat.group.unknown": {"en": "unknown", "ja": "不明"},
    "repeat.group.low": {"en": "low value ({low}–{high})", "ja": "低額（{low}〜{high}）"},
    "repeat.group.middle": {"en": "middle value ({low}–{high})", "ja": "中額（{low}〜{high}）"},
    "repeat.group.high": {"en": "high value ({low}–{high})", "ja": "高額（{low}〜{high}）"},
    # report
    "repeat.report.second": {"en": "Second purchase within 90 days of the first: {value}. {help}",
                             "ja": "90日以内の2回目購入: {value}。{help}"},
    "repeat.report.by": {"en": "By first order ({by}): {sentence}",
                         "ja": "初回注文別（{by}）: {sentence}"},
}
