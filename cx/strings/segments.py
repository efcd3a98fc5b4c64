"""The Spenders vs referrers page (issue 5)."""
STRINGS = {
    "segments.title": {"en": "Spenders vs referrers", "ja": "購入者と紹介者"},
    "segments.how_to_read": {
        "en": "A customer who spends a lot is not always the most valuable one: someone who spends "
              "less but keeps bringing friends can be worth more. Each customer's own spend "
              "(spend value) sits beside the revenue of the friends they referred (referral "
              "value), both over the lookback window ending at the analysis date.",
        "ja": "たくさん購入する顧客が、いちばん価値のある顧客とは限りません。購入額は少なくても友人を"
              "紹介し続ける顧客のほうが価値が高いこともあります。各顧客の購入額（購入価値）と、"
              "紹介した友人の売上（紹介価値）を、分析日までの集計期間で並べて示します。"},
    "segments.headline_referred_revenue": {"en": "Revenue from referred customers (30 days)",
                                           "ja": "紹介経由の顧客の売上（30日）"},
    "segments.headline_referred_share": {"en": "Share of revenue from referred customers (30 days)",
                                         "ja": "紹介経由の顧客の売上比率（30日）"},
    # controls
    "segments.lookback": {"en": "Lookback window", "ja": "集計期間"},
    "segments.lookback_help": {
        "en": "Spend and referral value count the orders in this many days up to the analysis "
              "date (the end of the sidebar period).",
        "ja": "分析日（サイドバーの期間の終わり）までのこの日数の注文で、購入価値と紹介価値を数えます。"},
    "segments.days": {"en": "{days} days", "ja": "{days}日"},
    "segments.percentile": {"en": "\"High\" means the top …", "ja": "「高い」とみなす上位の割合"},
    "segments.percentile_help": {
        "en": "A customer's spend (or referral value) is high when it is in this top share of the "
              "customers in the window. Customers tied at the threshold are all counted as high; "
              "zero is never high.",
        "ja": "購入価値（または紹介価値）が期間内の顧客のこの上位割合に入ると「高い」とします。"
              "しきい値と同じ値の顧客はすべて「高い」に含め、0 は「高い」に含めません。"},
    "segments.top_pct": {"en": "top {pct}%", "ja": "上位{pct}%"},
    "segments.window": {
        "en": "Window: {start} – {end} ({days} days); previous window ends {prev_end}. "
              "{customers} customers bought or brought buying friends in the window.",
        "ja": "集計期間: {start} 〜 {end}（{days}日）。前の期間は{prev_end}まで。"
              "この期間に購入した、または購入した友人を紹介した顧客は{customers}人です。"},
    "segments.window.one": {
        "en": "Window: {start} – {end} ({days} days); previous window ends {prev_end}. "
              "{customers} customer bought or brought buying friends in the window.",
        "ja": "集計期間: {start} 〜 {end}（{days}日）。前の期間は{prev_end}まで。"
              "この期間に購入した、または購入した友人を紹介した顧客は{customers}人です。"},
    "segments.empty": {
        "en": "No customer bought anything in this window. Choose a longer lookback or another "
              "analysis date, or import transactions on the Data page.",
        "ja": "この集計期間に購入した顧客がいません。集計期間を長くするか分析日を変えるか、"
              "データページで取引データを取り込んでください。"},
    "segments.no_referrals": {
        "en": "There are no referrals in the data, so customers are split by spend alone: only "
              "Spenders and Others appear. Import a referrals file, or a customer file with a "
              "\"referred by\" column, on the Data page to see who brings you customers.",
        "ja": "データに紹介の記録がないため、顧客は購入額だけで分けており、購入者とその他だけが表示されます。"
              "誰が顧客を連れてきているかを見るには、データページで紹介ファイル、または「紹介者」列のある"
              "顧客ファイルを取り込んでください。"},
    "segments.no_quadrant": {
        "en": "The spend-against-referral chart needs referrals: with none in the data every "
              "customer would sit on the zero line. The shares and the table below still compare "
              "big spenders with everyone else.",
        "ja": "購入価値と紹介価値のグラフには紹介の記録が必要です（記録がないと全員が 0 の線上に並びます）。"
              "右の割合と下の表では、購入額の多い顧客とそれ以外を比べています。"},
    "segments.no_referral_value": {
        "en": "The data has {referrals} referrals, but none of the referred customers bought "
              "anything in this window, so nobody has referral value here. Try a longer lookback.",
        "ja": "紹介の記録は{referrals}件ありますが、紹介された顧客はこの期間に購入していないため、"
              "紹介価値のある顧客はいません。集計期間を長くしてみてください。"},
    "segments.no_referral_value.one": {
        "en": "The data has {referrals} referral, but the referred customer bought nothing in "
              "this window, so nobody has referral value here. Try a longer lookback.",
        "ja": "紹介の記録は{referrals}件ありますが、紹介された顧客はこの期間に購入していないため、"
              "紹介価値のある顧客はいません。集計期間を長くしてみてください。"},
    "segments.unknown_referrals": {
        "en": "{count} referrals name a referrer who is not in your customer data; they count for "
              "nobody (the referred customers are counted as customers of their own).",
        "ja": "{count}件の紹介は、顧客データにない紹介者を指しています。これらは誰の紹介価値にも"
              "数えていません（紹介された顧客は通常の顧客として数えています）。"},
    "segments.unknown_referrals.one": {
        "en": "{count} referral names a referrer who is not in your customer data; it counts for "
              "nobody (the referred customer is counted as a customer of their own).",
        "ja": "{count}件の紹介は、顧客データにない紹介者を指しています。これは誰の紹介価値にも"
              "数えていません（紹介された顧客は通常の顧客として数えています）。"},
    # metrics row
    "segments.metric_customers": {"en": "Customers in the window", "ja": "期間内の顧客数"},
    "segments.metric_customers_help": {
        "en": "Customers who bought in the window, and those whose referred friends did.",
        "ja": "期間内に購入した顧客と、紹介した友人が期間内に購入した顧客です。"},
    "segments.noise.ratio": {
        "en": "A ratio of two totals of a segment whose members change with each window's "
              "thresholds: its noise is not estimated.",
        "ja": "期間ごとのしきい値でメンバーが変わるセグメントの合計どうしの比なので、誤差は推定して"
              "いません。"},
    "segments.metric_referrers": {"en": "Active referrers", "ja": "紹介で売上のある顧客"},
    "segments.metric_referrers_help": {
        "en": "Customers whose referred friends bought something in the window.",
        "ja": "紹介した友人が期間内に購入した顧客の数です。"},
    "segments.metric_referred_share": {"en": "Value from referrals", "ja": "紹介による価値の割合"},
    "segments.metric_referred_share_help": {
        "en": "Referral value as a share of total value (spend + referral value), all customers.",
        "ja": "全顧客の総価値（購入価値 + 紹介価値）に占める紹介価値の割合です。"},
    "segments.metric_referrers_value": {"en": "Referrers: value ÷ spend",
                                        "ja": "紹介者の価値 ÷ 購入額"},
    "segments.metric_referrers_value_help": {
        "en": "The Referrers segment's total value divided by what they spend themselves.",
        "ja": "紹介者セグメントの総価値を、自身の購入額で割った値です。"},
    "segments.times": {"en": "{x}×", "ja": "{x}倍"},
    # quadrant chart
    "segments.quadrant_title": {"en": "Spend value against referral value",
                                "ja": "購入価値と紹介価値"},
    "segments.axis_spend": {"en": "Spend value ({currency})", "ja": "購入価値（{currency}）"},
    "segments.axis_referral": {"en": "Referral value ({currency})", "ja": "紹介価値（{currency}）"},
    "segments.axis_log": {"en": "log scale", "ja": "対数目盛"},
    "segments.spend_line": {"en": "high spend ≥ {value}", "ja": "購入価値が高い ≥ {value}"},
    "segments.referral_line": {"en": "high referral ≥ {value}", "ja": "紹介価値が高い ≥ {value}"},
    "segments.referral_line_any": {"en": "any referral value is high",
                                   "ja": "紹介価値が少しでもあれば高い"},
    "segments.zero": {"en": "0", "ja": "0"},
    "segments.hover_customer": {"en": "Customer", "ja": "顧客"},
    "segments.points_all": {
        "en": "Each dot is a customer ({total}). Zero values sit on the axis line marked 0.",
        "ja": "点は 1 人の顧客です（{total}人）。値が 0 の顧客は「0」の目盛りの線上にあります。"},
    "segments.points_sampled": {
        "en": "{total} customers are too many to draw: the chart shows the {top} most valuable "
              "and a random sample of {sample} others ({shown} dots). Zero values sit on the axis "
              "line marked 0. The table and downloads count everyone.",
        "ja": "{total}人は多すぎるため、価値の高い上位{top}人と、それ以外から無作為に選んだ{sample}人"
              "（計{shown}点）を表示しています。値が 0 の顧客は「0」の目盛りの線上にあります。"
              "表とダウンロードは全員を数えています。"},
    "segments.quadrant_story": {
        "en": "Referrers are {share} of these customers but bring in {referred} through their "
              "friends, {times} what they spend themselves.",
        "ja": "紹介者はこれらの顧客の{share}ですが、友人を通じて{referred}をもたらしています。"
              "これは自身の購入額の{times}です。"},
    "segments.value_share_title": {"en": "Share of customers and of total value",
                                   "ja": "顧客数と総価値の割合"},
    "segments.share_customers": {"en": "customers", "ja": "顧客数"},
    "segments.share_value": {"en": "total value", "ja": "総価値"},
    # segment names
    "segments.seg.Champions": {"en": "Champions", "ja": "チャンピオン"},
    "segments.seg.Spenders": {"en": "Spenders", "ja": "購入者"},
    "segments.seg.Referrers": {"en": "Referrers", "ja": "紹介者"},
    "segments.seg.Others": {"en": "Others", "ja": "その他"},
    "segments.seg.All": {"en": "All", "ja": "全体"},
    "segments.seg.Not included": {"en": "Not in the window", "ja": "期間内にいない"},
    "segments.seg_explain": {
        "en": "Champions: high spend and high referral value. Spenders: high spend only. "
              "Referrers: high referral value only. Others: neither.",
        "ja": "チャンピオン: 購入価値も紹介価値も高い。購入者: 購入価値だけが高い。"
              "紹介者: 紹介価値だけが高い。その他: どちらも高くない。"},
    # segment table
    "segments.table_title": {"en": "Segments", "ja": "セグメント"},
    "segments.col.segment": {"en": "Segment", "ja": "セグメント"},
    "segments.col.customers": {"en": "Customers", "ja": "顧客数"},
    "segments.col.share": {"en": "Share", "ja": "割合"},
    "segments.col.revenue": {"en": "Own revenue", "ja": "自身の売上"},
    "segments.col.referred_customers": {"en": "Referred customers", "ja": "紹介した顧客数"},
    "segments.col.referred_revenue": {"en": "Referred revenue", "ja": "紹介による売上"},
    "segments.col.total_value": {"en": "Total value", "ja": "総価値"},
    "segments.col.nps_n": {"en": "NPS (respondents)", "ja": "NPS（回答者数）"},
    "segments.col.promoter_share": {"en": "Promoters", "ja": "推奨者の割合"},
    "segments.col.retention_90d": {"en": "90-day retention", "ja": "90日継続率"},
    "segments.col.customers_prev": {"en": "Customers, previous window",
                                    "ja": "前の期間の顧客数"},
    "segments.col.customers_change": {"en": "Change", "ja": "増減"},
    "segments.col.total_value_prev": {"en": "Total value, previous window",
                                      "ja": "前の期間の総価値"},
    "segments.table_explain": {
        "en": "Referred customers: everyone they referred up to the analysis date; referred "
              "revenue: what those friends bought in the window. NPS and promoters use each "
              "customer's latest survey answer in the window (respondents in brackets). 90-day "
              "retention: of the customers whose first purchase was more than 90 days before the "
              "analysis date, the share who bought in the last 90 days. A rate resting on fewer "
              "than 30 customers or answers has that count in brackets.",
        "ja": "紹介した顧客数: 分析日までに紹介したすべての顧客。紹介による売上: その友人たちの期間内の購入額。"
              "NPS と推奨者の割合は、各顧客の期間内の最新のアンケート回答を使います（括弧内は回答者数）。"
              "90日継続率: 初回購入が分析日の90日より前の顧客のうち、直近90日に購入した割合。"
              "30 人（件）未満にもとづく割合は、その数を括弧内に示します。"},
    "segments.moves_title": {"en": "How customers moved since the previous window",
                             "ja": "前の期間からのセグメントの移動"},
    "segments.moves_explain": {
        "en": "Rows: segment in the previous window (the same number of days just before this "
              "one, with its own thresholds); columns: segment now. Each cell counts customers.",
        "ja": "行: 前の期間（この期間の直前の同じ日数で、しきい値もその期間で計算）のセグメント、"
              "列: 現在のセグメント。各セルは顧客数です。"},
    "segments.moves_before": {"en": "Previous window ↓ / now →", "ja": "前の期間 ↓ / 現在 →"},
    # chain
    "segments.chain_title": {"en": "Referral value and the chain one level further",
                             "ja": "紹介価値と、その先の紹介（友人の友人）"},
    "segments.chain_explain": {
        "en": "Direct: revenue of the friends each customer referred. Friends of friends (one "
              "level further): revenue of the customers those friends referred in turn. The chain "
              "is a second view and is not part of total value. Top {top} referrers.",
        "ja": "直接: 各顧客が紹介した友人の売上。友人の友人（1 段先）: その友人がさらに紹介した顧客の売上。"
              "この連鎖は参考表示で、総価値には含めていません。紹介価値の上位{top}人。"},
    "segments.chain_explain.one": {
        "en": "Direct: revenue of the friends each customer referred. Friends of friends (one "
              "level further): revenue of the customers those friends referred in turn. The chain "
              "is a second view and is not part of total value. {top} referrer.",
        "ja": "直接: 各顧客が紹介した友人の売上。友人の友人（1 段先）: その友人がさらに紹介した顧客の売上。"
              "この連鎖は参考表示で、総価値には含めていません。紹介者{top}人。"},
    "segments.chain_direct": {"en": "direct referrals", "ja": "直接の紹介"},
    "segments.chain_fof": {"en": "friends of friends (not in total value)",
                           "ja": "友人の友人（総価値に含めない）"},
    "segments.chain_axis": {"en": "Revenue in the window ({currency})",
                            "ja": "期間内の売上（{currency}）"},
    "segments.chain_total": {
        "en": "All referrers together: friends of friends brought {count} more customers and "
              "{value} in the window.",
        "ja": "紹介者全体では、友人の友人がさらに{count}人の顧客と、期間内に{value}の売上をもたらしました。"},
    "segments.chain_total.one": {
        "en": "All referrers together: friends of friends brought {count} more customer and "
              "{value} in the window.",
        "ja": "紹介者全体では、友人の友人がさらに{count}人の顧客と、期間内に{value}の売上をもたらしました。"},
    "segments.chain_numbers": {"en": "The numbers behind the chart", "ja": "グラフの数値"},
    "segments.chain_none": {"en": "No referred customer bought anything in this window.",
                            "ja": "この期間に購入した紹介経由の顧客はいません。"},
    # RFM
    "segments.rfm_title": {"en": "RFM groups: recency × frequency",
                           "ja": "RFM グループ: 最近度 × 頻度"},
    "segments.rfm_explain": {
        "en": "Recency (R), frequency (F) and monetary (M) scores run from 1 to 5 (5 = best) "
              "among the customers who made a purchase in the window (a refund is not a "
              "purchase; monetary is net of refunds): 1 + floor(5 × percent rank), so "
              "distinct values split into fifths and customers tied on a value share the score "
              "of the lowest of them. Each cell shows its group and number of customers.",
        "ja": "最近度（R）・頻度（F）・金額（M）のスコアは、期間内に購入した顧客（返品は購入に数えず、金額は返品を差し引いた額）"
              "の中で 1〜5（5 が最良）です。"
              "5 × パーセント順位の小数点以下を切り捨てて 1 を足した値で、値が異なれば 5 等分され、同じ値の顧客はその中で"
              "いちばん低い順位のスコアになります。各セルにグループ名と顧客数を表示します。"},
    "segments.rfm_rules_title": {"en": "How the groups are defined", "ja": "グループの定義"},
    "segments.rfm_x": {"en": "Recency score (5 = most recent)", "ja": "最近度スコア（5 = 最近）"},
    "segments.rfm_y": {"en": "Frequency score (5 = most purchases)",
                        "ja": "頻度スコア（5 = 購入回数が多い）"},
    "segments.rfm_cell": {"en": "{group}<br>{count}", "ja": "{group}<br>{count}"},
    "segments.rfm_hover": {"en": "customers", "ja": "顧客数"},
    "segments.rfm_avg": {"en": "average spend", "ja": "平均購入額"},
    "segments.rfm_too_few": {
        "en": "RFM scores need at least {min} customers with purchases in the window; there are "
              "{count}.",
        "ja": "RFM スコアには期間内に購入した顧客が{min}人以上必要です（現在{count}人）。"},
    "segments.rfm_too_few.one": {
        "en": "RFM scores need at least {min} customers with purchases in the window; there is "
              "{count}.",
        "ja": "RFM スコアには期間内に購入した顧客が{min}人以上必要です（現在{count}人）。"},
    "segments.rfm.Champions": {"en": "Champions", "ja": "優良"},
    "segments.rfm.Loyal": {"en": "Loyal", "ja": "ロイヤル"},
    "segments.rfm.Potential": {"en": "Potential", "ja": "成長見込み"},
    "segments.rfm.New": {"en": "New", "ja": "新規"},
    "segments.rfm.At risk": {"en": "At risk", "ja": "離脱の恐れ"},
    "segments.rfm.Hibernating": {"en": "Hibernating", "ja": "休眠"},
    "segments.rfm.Lost": {"en": "Lost", "ja": "離脱"},
    "segments.rfm.No purchases": {"en": "No purchases", "ja": "購入なし"},
    "segments.rfm_rule.Champions": {"en": "bought recently and often", "ja": "最近よく購入"},
    "segments.rfm_rule.Loyal": {"en": "buy regularly, fairly recently", "ja": "定期的に購入"},
    "segments.rfm_rule.New": {"en": "first order recently", "ja": "最近初めて購入"},
    "segments.rfm_rule.Potential": {"en": "recent, a few orders", "ja": "最近購入、注文は少なめ"},
    "segments.rfm_rule.At risk": {"en": "used to buy often, not lately",
                                  "ja": "以前はよく購入、最近は購入なし"},
    "segments.rfm_rule.Hibernating": {"en": "few orders, a while ago", "ja": "注文が少なく、しばらく購入なし"},
    "segments.rfm_rule.Lost": {"en": "few orders, long ago", "ja": "注文が少なく、長く購入なし"},
    "segments.col.group": {"en": "Group", "ja": "グループ"},
    "segments.col.rule": {"en": "Scores", "ja": "スコア"},
    "segments.col.meaning": {"en": "Meaning", "ja": "意味"},
    "segments.col.avg_recency_days": {"en": "Avg days since last purchase",
                                      "ja": "最終購入からの平均日数"},
    # advocates
    "segments.advocates_title": {"en": "Advocates without referrals yet",
                                 "ja": "まだ紹介していない推奨者"},
    "segments.advocates_explain": {
        "en": "Promoters (latest survey score 9-10 in the window) who have referred at most the "
              "number below: the obvious people to ask for a referral.",
        "ja": "期間内の最新のアンケートで 9〜10 点をつけた推奨者のうち、紹介数が下の数以下の顧客です。"
              "紹介をお願いするのにいちばんふさわしい人たちです。"},
    "segments.max_referrals": {"en": "Referred at most", "ja": "紹介数の上限"},
    "segments.advocates_count": {"en": "{count} advocates; the {shown} who spend most are listed.",
                                 "ja": "推奨者は{count}人です。購入額の多い{shown}人を表示します。"},
    "segments.advocates_count_all": {"en": "{count} advocates, biggest spenders first.",
                                     "ja": "推奨者は{count}人です。購入額の多い順に表示します。"},
    "segments.advocates_count_all.one": {"en": "{count} advocate.",
                                         "ja": "推奨者は{count}人です。"},
    "segments.advocates_none": {
        "en": "No promoter with so few referrals in this window (or no survey answers matched to "
              "customers).",
        "ja": "この期間に、紹介数がこの上限以下の推奨者はいません（またはアンケート回答が顧客と"
              "結び付いていません）。"},
    "segments.col.customer_id": {"en": "Customer ID", "ja": "顧客ID"},
    "segments.col.name": {"en": "Name", "ja": "名前"},
    "segments.col.email": {"en": "Email", "ja": "メール"},
    "segments.col.nps_score": {"en": "Latest score", "ja": "最新スコア"},
    "segments.col.referrals": {"en": "Referrals", "ja": "紹介数"},
    "segments.col.spend_value": {"en": "Spend value", "ja": "購入価値"},
    "segments.col.referral_value": {"en": "Referral value", "ja": "紹介価値"},
    "segments.col.chain_referrals": {"en": "Friends of friends", "ja": "友人の友人"},
    "segments.col.chain_value": {"en": "Friends-of-friends revenue", "ja": "友人の友人の売上"},
    "segments.col.frequency": {"en": "Purchases", "ja": "購入回数"},
    "segments.col.last_order_at": {"en": "Last purchase", "ja": "最終購入日"},
    # action lists
    "segments.actions_title": {"en": "Action lists", "ja": "アクションリスト"},
    "segments.actions_explain": {
        "en": "CSV files with name and email where known, safe to open in a spreadsheet; names "
              "and emails are masked in presenter mode.",
        "ja": "名前とメール（わかる場合）入りの CSV です。表計算ソフトで安全に開けます。"
              "プレゼンターモードでは名前とメールを伏せます。"},
    "segments.list.thank_referrers": {"en": "Thank your referrers", "ja": "紹介者へのお礼"},
    "segments.list.vip": {"en": "VIP (Champions)", "ja": "上得意客（チャンピオン）"},
    "segments.list.ask_referral": {"en": "Ask for a referral", "ja": "紹介のお願い"},
    "segments.list.win_back": {"en": "Win back (at risk)", "ja": "呼び戻し（離脱の恐れ）"},
    "segments.list_help.thank_referrers": {
        "en": "Customers whose referred friends bought in the window, most referred revenue "
              "first.",
        "ja": "紹介した友人が期間内に購入した顧客。紹介による売上の多い順。"},
    "segments.list_help.vip": {"en": "Champions: high spend and high referral value.",
                               "ja": "チャンピオン: 購入価値も紹介価値も高い顧客。"},
    "segments.list_help.ask_referral": {
        "en": "Promoters with few referrals, then Spenders who never referred anyone and are not "
              "detractors.",
        "ja": "紹介の少ない推奨者と、まだ誰も紹介していない批判者でない購入者。"},
    "segments.list_help.win_back": {
        "en": "RFM 'At risk': used to buy often, nothing lately; highest spend first.",
        "ja": "RFM「離脱の恐れ」: 以前はよく購入していたが最近は購入がない顧客。購入額の多い順。"},
    "segments.list_count": {"en": "{count} customers", "ja": "{count}人"},
    "segments.list_count.one": {"en": "{count} customer", "ja": "{count}人"},
    "segments.list_capped": {"en": "{count} customers; the file holds the first {cap}.",
                             "ja": "{count}人。ファイルには上位{cap}人を入れています。"},
    "segments.list_choose": {"en": "List", "ja": "リスト"},
    "segments.list_empty": {"en": "nobody in this window", "ja": "この期間には該当者なし"},
}
