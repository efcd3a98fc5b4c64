"""The Data page: import, history, demo, delete."""
STRINGS = {
    "data.title": {"en": "Data", "ja": "データ"},
    "data.how_to_read": {
        "en": "Import CSV exports from your shop, POS and survey tools; every import can be "
              "undone.",
        "ja": "ショップ・POS・アンケートの CSV を取り込みます。取り込みはいつでも取り消せます。"},
    "data.loaded": {"en": "What is loaded", "ja": "読み込み済みのデータ"},
    "data.customers": {"en": "Customers", "ja": "顧客"},
    "data.orders": {"en": "Orders", "ja": "注文"},
    "data.revenue": {"en": "Revenue", "ja": "売上"},
    "data.revenue_no_currency": {"en": "{amount} (no currency)", "ja": "{amount}（通貨不明）"},
    "data.revenue_help": {
        "en": "Net of refunds, one amount per currency: amounts in different currencies are "
              "never added up.",
        "ja": "返金を差し引いた売上です。通貨ごとに表示し、異なる通貨を合算することはありません。"},
    "data.responses": {"en": "Survey responses", "ja": "アンケート回答"},
    "data.referrals": {"en": "Referrals", "ja": "紹介"},
    "data.history": {"en": "Import history", "ja": "取り込み履歴"},
    "data.history_empty": {"en": "Nothing imported yet.", "ja": "まだ取り込みはありません。"},
    "data.demo": {"en": "Demo data", "ja": "デモデータ"},
    "data.demo_help": {
        "en": "Replace everything with the built-in demo shop (5,000 customers, 24 months).",
        "ja": "すべてのデータを組み込みのデモ店舗（顧客 5,000 人・24 か月分）に置き換えます。"},
    "data.load_demo": {"en": "Load demo data", "ja": "デモデータを読み込む"},
    "data.demo_loaded": {"en": "Demo data loaded.", "ja": "デモデータを読み込みました。"},
    "data.danger": {"en": "Delete all data", "ja": "すべてのデータを削除"},
    "data.delete_confirm": {"en": "I understand this deletes every customer, order and response.",
                            "ja": "すべての顧客・注文・回答が削除されることを理解しました。"},
    "data.delete": {"en": "Delete all data", "ja": "すべて削除する"},
    "data.deleted": {"en": "All data deleted.", "ja": "すべてのデータを削除しました。"},

    "data.anonymous": {
        "en": "{n} of {total} orders have no customer (for example from a POS export): they "
              "count for revenue, but retention, segments and churn exclude them.",
        "ja": "注文 {total} 件のうち {n} 件は顧客が不明です（POS の出力など）。"
              "売上には含まれますが、"
              "リピート・セグメント・離反の分析には含まれません。"},

    # import
    "data.import": {"en": "Import files", "ja": "ファイルを取り込む"},
    "data.upload": {"en": "CSV or TSV exports (drop one or several files)",
                    "ja": "CSV・TSV ファイル（複数まとめてドロップできます）"},
    "data.upload_button": {"en": "Upload", "ja": "ファイルを選択"},
    "data.upload_limits": {"en": "{mb}MB per file • CSV, TSV, TXT",
                           "ja": "1 ファイル {mb}MB まで・CSV、TSV、TXT"},
    "data.upload_help": {
        "en": "Orders, customers, referrals or survey responses. UTF-8, UTF-8 with BOM and "
              "Shift_JIS (cp932) are read; the kind of file and its columns are detected.",
        "ja": "注文・顧客・紹介・アンケート回答のファイル。UTF-8（BOM 付き可）と Shift_JIS "
              "(cp932) に対応し、種類と列は自動で判別します。"},
    "data.upload_hint": {
        "en": "Drop exports from Shopify, Square, Stripe, AirREGI, BASE, Smaregi, SurveyMonkey, "
              "Typeform, Google Forms or any CSV with a header row. Try the samples in "
              "data/samples/.",
        "ja": "Shopify・Square・Stripe・エアレジ・BASE・スマレジ・SurveyMonkey・Typeform・"
              "Google フォーム、または見出し行のある CSV を取り込めます。同梱の見本ファイルでも"
              "試せます。"},
    "data.file_error": {"en": "{name}: this file cannot be imported. {message}",
                        "ja": "{name}: このファイルは取り込めません。{message}"},
    "data.err.empty": {"en": "The file is empty.", "ja": "ファイルが空です。"},
    "data.err.too_big": {
        "en": "The file is {mb} MB, over the {limit} MB limit; split it into smaller exports.",
        "ja": "ファイルが {mb} MB あり、上限の {limit} MB を超えています。"
              "小さく分けて出力してください。"},
    "data.err.binary": {
        "en": "This is not a CSV file (it looks like a workbook, archive, PDF or image); save "
              "it as CSV first.",
        "ja": "CSV ファイルではありません（ブック・圧縮ファイル・PDF・画像のようです）。CSV で"
              "保存し直してください。"},
    "data.err.encoding": {
        "en": "The file's text encoding could not be recognised; re-export it as UTF-8 or "
              "Shift_JIS (cp932).",
        "ja": "文字コードを判別できませんでした。UTF-8 か Shift_JIS (cp932) "
              "で出力し直してください。"},
    "data.err.no_header": {"en": "The file has no header row.", "ja": "見出し行がありません。"},
    "data.err.no_rows": {"en": "The file has a header but no data rows.",
                         "ja": "見出し行だけで、データ行がありません。"},
    "data.err.no_columns": {
        "en": "No column was recognised (no order date and amount, customer id or email, "
              "survey score or referrer): choose the kind of data below and map the columns.",
        "ja": "認識できる列がありません（注文日と金額、顧客 ID かメールアドレス、点数、紹介者の"
              "いずれもありません）。下でデータの種類を選び、列を対応付けてください。"},
    "data.err.unclosed_quote": {
        "en": "A quoted field opens on line {line} and never closes, so the rest of the file "
              "would be read as one cell; fix the stray quote on that line.",
        "ja": "{line} 行目で始まる引用符（\"）が閉じられていないため、ファイルの残りがすべて 1 つの"
              "セルになってしまいます。その行の余分な引用符を直してください。"},
    "data.err.stray_quote": {
        "en": "A quoted field opens on line {line} and closes in the middle of line {end}, so "
              "the lines between would be read as one cell; fix the stray quote on line {line}.",
        "ja": "{line} 行目で始まる引用符（\"）が {end} 行目の途中で閉じているため、その間の行が "
              "1 つのセルになってしまいます。{line} 行目の余分な引用符を直してください。"},
    "data.err.unreadable": {
        "en": "The file could not be read as CSV ({detail}).",
        "ja": "CSV として読み取れませんでした（{detail}）。"},
    "data.err.inconsistent": {
        "en": "The file's rows could not be read consistently ({parsed} rows parsed, {expected} "
              "expected); check for an unclosed quote.",
        "ja": "行を一貫して読み取れませんでした（{expected} 行のはずが {parsed} 行）。"
              "閉じられていない"
              "引用符がないか確認してください。"},
    "data.err.unknown_columns": {
        "en": "The mapping names columns the file does not have: {columns}.",
        "ja": "対応付けに、ファイルにない列が含まれています: {columns}"},
    "data.err.unknown_field": {"en": "{fields} is not a field of this kind of file.",
                               "ja": "{fields} はこの種類のファイルの項目ではありません。"},
    "data.err.confirm_kind": {
        "en": "This file looks like {kind}, but that is a guess: confirm it below before "
              "importing.",
        "ja": "このファイルは「{kind}」と推定しましたが確実ではありません。"
              "下で確認してから取り込んで"
              "ください。"},
    "data.err.survey_date": {
        "en": "This survey file has no answer date: give the date the survey was run below.",
        "ja": "このアンケートのファイルには回答日の列がありません。下でアンケートの実施日を入力して"
              "ください。"},
    "data.err.survey_date_bad": {"en": "The survey date {value} is not a date.",
                                 "ja": "アンケート実施日 {value} は日付ではありません。"},
    "data.err.nothing_fits": {
        "en": "None of the file's {n} rows could be imported (line {line} and the others: "
              "{reason}); check the column mapping and the date order. Nothing was imported.",
        "ja": "ファイルの {n} 行をどれも取り込めませんでした（{line} 行目ほか: {reason}）。"
              "列の対応付け"
              "と日付の順序を確認してください。何も取り込んでいません。"},
    "data.guess_values": {
        "en": "This looks like a file of {kind}, but {fields} were recognised only from their "
              "values (the headers do not say so). Check the columns above.",
        "ja": "{kind}のファイルと推定しましたが、{fields} は見出しではなく値から推定したものです。"
              "上の列の対応付けを確認してください。"},
    "data.guess_weak": {
        "en": "This looks like a file of {kind}, but the headers of {fields} do not say so "
              "clearly. Check the columns above.",
        "ja": "{kind}のファイルと推定しましたが、{fields} の見出しからははっきり判断できません。"
              "上の列の対応付けを確認してください。"},
    "data.guess_close": {
        "en": "This could be a file of {kind} or of {other}. Check the kind and the "
              "columns above.",
        "ja": "このファイルは「{kind}」とも「{other}」とも読めます。"
              "上で種類と列の対応付けを確認して"
              "ください。"},
    "data.guess_confirm": {"en": "Yes, import it as {kind} with this mapping",
                           "ja": "この対応付けで「{kind}」として取り込む"},
    "data.survey_date": {"en": "The date the survey was run (the file has no answer dates)",
                         "ja": "アンケートの実施日（ファイルに回答日がありません）"},
    "data.field.unit_price": {"en": "Unit price", "ja": "単価"},
    "data.field.line_total": {"en": "Line total", "ja": "明細の金額"},
    "data.err.missing_fields": {"en": "The file has no column for {fields}.",
                                "ja": "次の項目の列がありません: {fields}"},
    "data.err.date_order": {
        "en": "Dates such as {examples} could be day/month or month/day; choose the order.",
        "ja": "{examples} のような日付は「日/月」とも「月/日」とも読めます。順序を選んでください。"
              ""},
    "data.recognised": {"en": "Recognised: {source}", "ja": "判別結果: {source}"},
    "data.generic": {"en": "No known export layout: columns were recognised by their names "
                           "and their values.",
                     "ja": "既知の形式ではないため、列名と値から対応付けました。"},
    "data.file_facts": {
        "en": "{kind} · {rows} data rows · encoding {encoding} · delimiter {delimiter}",
        "ja": "{kind}・データ {rows} 行・文字コード {encoding}・区切り {delimiter}"},
    "data.kind_label": {"en": "Kind of data", "ja": "データの種類"},
    "data.mapping": {"en": "Columns (change any that are wrong)",
                     "ja": "列の対応（違っていれば変更してください）"},
    "data.not_mapped": {"en": "— not in this file —", "ja": "— なし —"},
    "data.first_rows": {"en": "First rows of the file", "ja": "ファイルの先頭行"},
    "data.date_question": {
        "en": "Dates such as {examples} could be day/month or month/day. Which is it?",
        "ja": "{examples} のような日付は「日/月」と「月/日」のどちらとも読めます。どちらですか？"},
    "data.dayfirst": {"en": "Day/month/year (25/12/2024)", "ja": "日/月/年 (25/12/2024)"},
    "data.monthfirst": {"en": "Month/day/year (12/25/2024)", "ja": "月/日/年 (12/25/2024)"},
    "data.choose_order": {"en": "Choose the date order above to import this file.",
                          "ja": "取り込むには上で日付の順序を選んでください。"},
    "data.missing_required": {"en": "Map a column for: {fields}.",
                              "ja": "次の項目に列を割り当ててください: {fields}"},
    "data.import_button": {"en": "Import {n} file(s)", "ja": "{n} 件のファイルを取り込む"},
    "data.importing": {"en": "Importing {name}…", "ja": "{name} を取り込んでいます…"},
    "data.done": {"en": "Import finished.", "ja": "取り込みが完了しました。"},
    "data.results": {"en": "Last import", "ja": "直前の取り込み"},
    "data.result_line": {
        "en": "{name} ({source}): {read} rows read — {loaded} loaded, {rejected} rejected, "
              "{skipped} skipped (test / not a sale), {duplicates} already loaded.",
        "ja": "{name}（{source}）: {read} 行を読み込み — 取り込み {loaded}・除外 {rejected}・"
              "スキップ（テスト・売上以外）{skipped}・取り込み済み {duplicates}"},
    "data.rejected_download": {"en": "Download the {n} rejected rows of {name}",
                               "ja": "{name} の除外された {n} 行をダウンロード"},
    "data.rejected_title": {"en": "Rejected rows and why", "ja": "除外された行と理由"},
    "data.notes": {"en": "Notes on this file", "ja": "このファイルについて"},
    "data.undo": {"en": "Undo an import", "ja": "取り込みを取り消す"},
    "data.undo_pick": {"en": "Import to undo", "ja": "取り消す取り込み"},
    "data.undo_button": {"en": "Undo this import", "ja": "この取り込みを取り消す"},
    "data.undone": {"en": "Import {batch} undone: {n} rows removed.",
                    "ja": "取り込み {batch} を取り消しました（{n} 行を削除）。"},
    "data.batch_label": {"en": "#{batch} {name} ({loaded} rows)",
                         "ja": "#{batch} {name}（{loaded} 行）"},
    "data.status_active": {"en": "active", "ja": "有効"},
    "data.status_undone": {"en": "undone", "ja": "取り消し済み"},
    "data.col.batch": {"en": "Batch", "ja": "番号"},
    "data.col.kind": {"en": "Kind", "ja": "種類"},
    "data.col.file": {"en": "File", "ja": "ファイル"},
    "data.col.source": {"en": "Recognised as", "ja": "判別結果"},
    "data.col.read": {"en": "Rows read", "ja": "読込行"},
    "data.col.loaded": {"en": "Loaded", "ja": "取り込み"},
    "data.col.rejected": {"en": "Rejected", "ja": "除外"},
    "data.col.skipped": {"en": "Skipped", "ja": "スキップ"},
    "data.col.duplicates": {"en": "Already loaded", "ja": "取り込み済み"},
    "data.col.when": {"en": "Imported at", "ja": "取り込み日時"},
    "data.col.status": {"en": "Status", "ja": "状態"},
    "data.col.line": {"en": "Line", "ja": "行"},
    "data.col.reason": {"en": "Reason", "ja": "理由"},
    "data.col.raw": {"en": "Row as in the file", "ja": "ファイル上の行"},

    "data.kind.transactions": {"en": "Orders / transactions", "ja": "注文・取引"},
    "data.kind.customers": {"en": "Customers", "ja": "顧客"},
    "data.kind.referrals": {"en": "Referrals", "ja": "紹介"},
    "data.kind.surveys": {"en": "Survey responses (NPS)", "ja": "アンケート回答（NPS）"},
    "data.kind.demo": {"en": "Demo data", "ja": "デモデータ"},

    "data.field.order_id": {"en": "Order id", "ja": "注文番号"},
    "data.field.customer_id": {"en": "Customer id", "ja": "顧客 ID"},
    "data.field.email": {"en": "Email", "ja": "メールアドレス"},
    "data.field.customer_name": {"en": "Customer name", "ja": "顧客名"},
    "data.field.ordered_at": {"en": "Order date", "ja": "注文日"},
    "data.field.ordered_time": {"en": "Order time (separate column)", "ja": "注文時刻（別の列）"},
    "data.field.amount": {"en": "Amount", "ja": "金額"},
    "data.field.refunded": {"en": "Refunded amount", "ja": "返金額"},
    "data.field.currency": {"en": "Currency", "ja": "通貨"},
    "data.field.refund_of": {"en": "Refund of (original transaction id)",
                             "ja": "返金元の取引 ID"},
    "data.field.code": {"en": "Referral / discount code", "ja": "紹介コード・クーポンコード"},
    "data.field.channel": {"en": "Channel", "ja": "チャネル"},
    "data.field.items": {"en": "Items", "ja": "点数"},
    "data.field.discount": {"en": "Discount", "ja": "値引き"},
    "data.field.discount_code": {"en": "Discount code", "ja": "クーポンコード"},
    "data.field.product_category": {"en": "Product category", "ja": "商品カテゴリー"},
    "data.field.status": {"en": "Status", "ja": "ステータス"},
    "data.field.name": {"en": "Name", "ja": "氏名"},
    "data.field.first_name": {"en": "First name", "ja": "名"},
    "data.field.last_name": {"en": "Last name", "ja": "姓"},
    "data.field.first_seen": {"en": "First seen / signed up", "ja": "登録日"},
    "data.field.acquisition_channel": {"en": "Acquisition channel", "ja": "獲得チャネル"},
    "data.field.referred_by": {"en": "Referred by", "ja": "紹介者"},
    "data.field.region": {"en": "Region", "ja": "地域"},
    "data.field.referrer_id": {"en": "Referrer id", "ja": "紹介者 ID"},
    "data.field.referrer_email": {"en": "Referrer email", "ja": "紹介者メールアドレス"},
    "data.field.referred_id": {"en": "Referred customer id", "ja": "被紹介者 ID"},
    "data.field.referred_email": {"en": "Referred customer email",
                                  "ja": "被紹介者メールアドレス"},
    "data.field.referred_at": {"en": "Referral date", "ja": "紹介日"},
    "data.field.response_id": {"en": "Response id", "ja": "回答 ID"},
    "data.field.responded_at": {"en": "Response date", "ja": "回答日"},
    "data.field.score": {"en": "Score 0-10 (recommend)", "ja": "おすすめ度 0〜10"},
    "data.field.comment": {"en": "Comment", "ja": "コメント"},
    "data.field.touchpoint": {"en": "Touchpoint", "ja": "接点"},
    "data.field.response_type": {"en": "Complete / partial", "ja": "回答完了／途中"},

    "data.reason.too_many_fields": {"en": "more fields than the header",
                                    "ja": "見出しより項目が多い"},
    "data.reason.missing_date": {"en": "date missing", "ja": "日付がない"},
    "data.reason.bad_date": {"en": "date not recognised", "ja": "日付が読めない"},
    "data.reason.missing_amount": {"en": "amount missing", "ja": "金額がない"},
    "data.reason.bad_amount": {"en": "amount is not a number", "ja": "金額が数値でない"},
    "data.reason.bad_items": {"en": "item count is not a whole number",
                              "ja": "点数が整数でない"},
    "data.reason.missing_customer": {"en": "no customer id or email",
                                     "ja": "顧客 ID もメールアドレスもない"},
    "data.reason.missing_referrer": {"en": "referrer missing", "ja": "紹介者がない"},
    "data.reason.missing_referred": {"en": "referred customer missing",
                                     "ja": "被紹介者がない"},
    "data.reason.self_referral": {"en": "a customer referring themselves",
                                  "ja": "本人による紹介"},
    "data.reason.missing_score": {"en": "score missing", "ja": "点数がない"},
    "data.reason.bad_score": {"en": "score is not a number 0-10",
                              "ja": "点数が 0〜10 の数値でない"},
    "data.reason.score_out_of_range": {"en": "score outside 0-10", "ja": "点数が 0〜10 の範囲外"},
}
