"""App shell: navigation, sidebar, shared widgets."""
STRINGS = {
    "app.title": {"en": "Loyalty Loop", "ja": "Loyalty Loop"},
    "app.tagline": {"en": "Customer experience dashboard", "ja": "顧客体験ダッシュボード"},
    "nav.overview": {"en": "Overview", "ja": "概要"},
    "nav.retention": {"en": "Retention", "ja": "リテンション"},
    "nav.segments": {"en": "Spenders vs referrers", "ja": "購入者と紹介者"},
    "nav.nps": {"en": "NPS", "ja": "NPS"},
    "nav.churn": {"en": "Churn risk", "ja": "離反リスク"},
    "nav.data": {"en": "Data", "ja": "データ"},
    "nav.section.insights": {"en": "Insights", "ja": "分析"},
    "nav.section.manage": {"en": "Manage", "ja": "管理"},
    "sidebar.language": {"en": "Language", "ja": "言語"},
    "sidebar.presenter": {"en": "Presenter mode", "ja": "プレゼンモード"},
    "sidebar.presenter_help": {"en": "Larger type, names and emails masked everywhere.",
                               "ja": "文字を大きくし、氏名とメールアドレスをすべて伏せます。"},
    "sidebar.date_range": {"en": "Analysis period", "ja": "分析期間"},
    "sidebar.date_range_help": {
        "en": "The last day is the analysis date: windows count back from it.",
        "ja": "最終日が分析基準日です。各期間はこの日から遡って数えます。"},
    "sidebar.currency": {"en": "Currency shown", "ja": "表示通貨"},
    "sidebar.currency_help": {"en": "Amounts in different currencies are never added together.",
                              "ja": "異なる通貨の金額は合算しません。"},
    "sidebar.currency_setting": {"en": "Currency of the amounts", "ja": "金額の通貨"},
    "sidebar.currency_setting_help": {
        "en": "Your orders carry no currency: choose the one they are in. It is stored with the "
              "data and used on every page and in the report.",
        "ja": "注文データに通貨の情報がありません。金額の通貨を選んでください。"
              "データと一緒に保存され、すべてのページとレポートで使われます。"},
    "sidebar.currency_none": {"en": "Not set (no symbol)", "ja": "未設定（記号なし）"},
    "sidebar.loaded": {"en": "Loaded data", "ja": "読み込み済みデータ"},
    "sidebar.loaded_customers": {"en": "{n} customers", "ja": "顧客 {n} 人"},
    "sidebar.loaded_orders": {"en": "{n} orders", "ja": "注文 {n} 件"},
    "sidebar.loaded_responses": {"en": "{n} survey responses", "ja": "アンケート {n} 件"},
    "sidebar.loaded_referrals": {"en": "{n} referrals", "ja": "紹介 {n} 件"},
    "sidebar.span": {"en": "{first} – {last}", "ja": "{first} 〜 {last}"},
    "sidebar.empty": {"en": "No data loaded yet.", "ja": "まだデータがありません。"},
    "common.download_csv": {"en": "Download CSV", "ja": "CSV をダウンロード"},
    "common.no_data": {"en": "No data for this view yet.", "ja": "この表示に使えるデータがまだありません。"},
    "common.rows_shown": {"en": "Showing {shown} of {total} rows.",
                          "ja": "{total} 行中 {shown} 行を表示しています。"},
    "common.how_to_read": {"en": "How to read this", "ja": "見方"},
    "common.masked": {"en": "hidden", "ja": "非表示"},
    "common.error": {"en": "Something went wrong: {message}", "ja": "エラーが発生しました: {message}"},
    "common.period": {"en": "Period", "ja": "期間"},
    "period.week": {"en": "Week", "ja": "週"},
    "period.month": {"en": "Month", "ja": "月"},
    "period.quarter": {"en": "Quarter", "ja": "四半期"},
}
STRINGS.update({
    "auth.title": {"en": "Sign in", "ja": "サインイン"},
    "auth.explain": {"en": "This dashboard is shared on the network; enter the access password.",
                     "ja": "このダッシュボードはネットワークで共有されています。アクセス用パスワードを入力してください。"},
    "auth.password": {"en": "Password", "ja": "パスワード"},
    "auth.submit": {"en": "Sign in", "ja": "サインイン"},
    "auth.wrong": {"en": "That password is not right.", "ja": "パスワードが違います。"},
    "auth.locked": {"en": "Too many wrong attempts; wait {seconds} seconds and try again.",
                    "ja": "誤りが続いたため、{seconds} 秒待ってから再度お試しください。"},
    "auth.not_configured": {
        "en": "This dashboard listens beyond this computer but no access password is set: add "
              "auth.password_hash to .streamlit/secrets.toml (see README).",
        "ja": "このダッシュボードは外部から接続できる設定ですが、パスワードが未設定です。"
              ".streamlit/secrets.toml に auth.password_hash を追加してください（README 参照）。"},
    "auth.sign_out": {"en": "Sign out", "ja": "サインアウト"},
})
STRINGS.update({
    "auth.started_without_settings": {
        "en": "This dashboard was started without its settings, so it listens on every network "
              "interface with no access password set: start it with `make run` in its folder "
              "(or add --server.address 127.0.0.1), or set a password as described in "
              "docs/operations.md.",
        "ja": "このダッシュボードは設定なしで起動されたため、パスワード未設定のまま全ての"
              "ネットワークで待ち受けています。フォルダー内で `make run` で起動するか"
              "（または --server.address 127.0.0.1 を付けて）、docs/operations.md の手順で"
              "パスワードを設定してください。"},
})
