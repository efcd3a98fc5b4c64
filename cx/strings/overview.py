"""The overview page, first-run experience and meeting report."""
STRINGS = {
    "overview.title": {"en": "Overview", "ja": "概要"},
    "overview.how_to_read": {
        "en": "The main numbers for the analysis period, each against the period before it; "
              "click through to the page that explains it.",
        "ja": "分析期間の主要な数値と、その前の期間との比較です。詳しくは各ページへ。"},
    "overview.active_customers": {"en": "Active customers (30 days)",
                                  "ja": "アクティブ顧客数（30日）"},
    "overview.revenue": {"en": "Revenue (30 days)", "ja": "売上（30日）"},
    "overview.vs_previous": {"en": "vs the 30 days before", "ja": "前の30日との比較"},
    "overview.open_page": {"en": "Open {page}", "ja": "{page}を開く"},
    "overview.what_changed": {"en": "What changed", "ja": "主な変化"},
    "overview.nothing_changed": {"en": "No notable change in this period.",
                                 "ja": "この期間に目立った変化はありません。"},
    "overview.interval": {"en": "95% interval {lo}–{hi}", "ja": "95% 区間 {lo}〜{hi}"},
    "overview.wc.nps_up": {
        "en": "NPS rose {n} points, from {b} in {other} to {a} in {current}: {verdict} "
              "(95% interval of the change {lo} to {hi}).",
        "ja": "NPS は {other}の {b} から {current}の {a} へ {n} ポイント上昇しました。"
              "{verdict}（変化の 95% 区間 {lo}〜{hi}）。"},
    "overview.wc.nps_down": {
        "en": "NPS fell {n} points, from {b} in {other} to {a} in {current}: {verdict} "
              "(95% interval of the change {lo} to {hi}).",
        "ja": "NPS は {other}の {b} から {current}の {a} へ {n} ポイント低下しました。"
              "{verdict}（変化の 95% 区間 {lo}〜{hi}）。"},
    "overview.wc.nps_same": {
        "en": "NPS held at {a} in {current} ({b} in {other}): {verdict} "
              "(95% interval of the change {lo} to {hi}).",
        "ja": "{current}の NPS は {a} で、{other}（{b}）から変わっていません。"
              "{verdict}（変化の 95% 区間 {lo}〜{hi}）。"},
    "overview.wc.so_far": {"en": "{period} so far", "ja": "{period}（途中まで）"},
    "overview.wc.group": {
        "en": "The biggest real change in one group: {dim} “{group}”, NPS {move} ({b} to {a}).",
        "ja": "グループ別で最も大きな変化：{dim}「{group}」の NPS が {move}（{b} → {a}）。"},
    "overview.wc.segment_loss": {
        "en": "{segment} lost the most customers: {now} in the last {days} days against {before} "
              "in the {days} days before ({change}).",
        "ja": "最も顧客が減ったのは{segment}です：直近 {days} 日で {now} 人、その前の {days} 日は "
              "{before} 人（{change} 人）。"},
    "overview.wc.no_segment_loss": {
        "en": "No customer segment shrank against the {days} days before.",
        "ja": "その前の {days} 日と比べて、顧客が減ったセグメントはありません。"},
    "overview.wc.referrers": {"en": "Top referrers in the last {days} days: {names}.",
                              "ja": "直近 {days} 日の紹介者トップ：{names}。"},
    "overview.wc.referrer": {"en": "{name} ({n} new customers)", "ja": "{name}（{n} 人を紹介）"},
    "overview.wc.referrer.one": {"en": "{name} ({n} new customer)", "ja": "{name}（{n} 人を紹介）"},
    "overview.wc.list_sep": {"en": ", ", "ja": "、"},
    "firstrun.title": {"en": "Welcome to Loyalty Loop", "ja": "Loyalty Loop へようこそ"},
    "firstrun.explain": {
        "en": "Loyalty Loop shows whether your customers come back, who brings you new customers, "
              "how customers feel and who is about to leave. Everything stays on this computer: "
              "start with a demo shop or import the CSV exports you already have.",
        "ja": "Loyalty Loop は、顧客が戻ってきているか、誰が新しい顧客を連れてきてくれるか、顧客の満足度、"
              "離れそうな顧客は誰かを示します。データはこのコンピューターの中だけで扱われます。"
              "デモ店舗で試すか、お手持ちの CSV を取り込んでください。"},
    "firstrun.demo": {"en": "Explore the demo", "ja": "デモを見る"},
    "firstrun.import": {"en": "Import your data", "ja": "データを取り込む"},
    "firstrun.demo_loading": {
        "en": "Creating the demo shop and training its churn model (a few seconds)...",
        "ja": "デモのお店を作成し、離反予測モデルを学習しています（数秒かかります）…"},
}
STRINGS.update({
    "report.title": {"en": "Loyalty Loop meeting report", "ja": "Loyalty Loop ミーティングレポート"},
    "report.period": {"en": "Analysis period: {start} – {end}", "ja": "分析期間: {start} 〜 {end}"},
    "report.generated": {"en": "generated {day}", "ja": "{day} 作成"},
    "report.headlines": {"en": "Headline numbers", "ja": "主要な数値"},
    "report.value": {"en": "Value", "ja": "値"},
    "report.change": {"en": "Change", "ja": "変化"},
    "report.year_ago": {"en": "Against a year earlier", "ja": "1年前との比較"},
    "report.value_interval": {"en": "{value} ({interval})", "ja": "{value}（{interval}）"},
    "report.activity": {"en": "Activity", "ja": "活動状況"},
    "report.activity_explain": {
        "en": "Revenue and active customers per month over the last twelve months (the last month "
              "may be partial).",
        "ja": "過去12か月の月別の売上とアクティブ顧客数です（最終月は途中までの場合があります）。"},
    "report.revenue": {"en": "Revenue", "ja": "売上"},
    "report.active_customers": {"en": "Active customers", "ja": "アクティブ顧客数"},
    "report.button": {"en": "Meeting report (HTML)", "ja": "ミーティングレポート（HTML）"},
    "report.building": {"en": "Building the report…", "ja": "レポートを作成しています…"},
})
