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
}
STRINGS.update({
    "report.title": {"en": "Loyalty Loop meeting report", "ja": "Loyalty Loop ミーティングレポート"},
    "report.period": {"en": "Analysis period: {start} – {end}", "ja": "分析期間: {start} 〜 {end}"},
    "report.generated": {"en": "generated {day}", "ja": "{day} 作成"},
    "report.headlines": {"en": "Headline numbers", "ja": "主要な数値"},
    "report.value": {"en": "Value", "ja": "値"},
    "report.change": {"en": "Change", "ja": "変化"},
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
