"""Churn risk page."""
STRINGS = {
    "churn.title": {"en": "Churn risk", "ja": "離反リスク"},
    "churn.how_to_read": {
        "en": "Who is likely to make no purchase in the coming horizon, why, and what would keep "
              "them. The model learns from your own history (what customers like these did "
              "before) and is checked on a period it never saw.",
        "ja": "次の期間に購入しない可能性が高いのは誰か、その理由、引き留めるには何が効くかを示します。"
              "モデルは自社の過去データ（似た顧客がその後どうしたか）から学習し、学習に使っていない期間で検証しています。"},
    "churn.horizon": {"en": "Horizon", "ja": "予測期間"},
    "churn.horizon_help": {
        "en": "A customer counts as lost when they buy nothing in this many days. Suggested from "
              "your data: {default} days (for about 9 in 10 repeat customers, the next purchase "
              "usually comes sooner; every customer counts the same, however often they buy).",
        "ja": "この日数のあいだに購入がなければ離反とみなします。データからの推奨値は {default} 日です"
              "（リピート顧客の約 9 割は、通常これより短い間隔で次の購入をしています。購入頻度にかかわらず、顧客 1 人を同じ重みで数えています）。"},
    "churn.days": {"en": "{n} days", "ja": "{n} 日"},
    "churn.horizon_capped": {
        "en": "The gaps between purchases suggest {suggested} days, which needs more history than "
              "there is: {default} days is the longest horizon your history supports.",
        "ja": "購入間隔からは {suggested} 日が推奨されますが、それには履歴が足りません。{default} 日が現在の履歴で選べる最長の予測期間です。"},
    "churn.horizon.needs": {"en": "{days} days needs {more} of history.",
                            "ja": "{days} 日の予測期間には、あと {more}分の履歴が必要です。"},
    "churn.more.days": {"en": "{n} more days", "ja": "{n} 日"},
    "churn.more.months": {"en": "{n} more months", "ja": "{n} か月"},
    "churn.as_of": {
        "en": "Risk as of {day}: the chance of no purchase in the next {days} days.",
        "ja": "{day} 時点のリスク：今後 {days} 日間に購入がない確率です。"},
    "churn.customers": {"en": "Customers", "ja": "顧客数"},
    # small data
    "churn.small.title": {"en": "Not enough data for a churn model yet.",
                          "ja": "離反モデルを作るにはまだデータが足りません。"},
    "churn.small.customers": {
        "en": "It needs {n} more customers with purchases (it has {have} in the oldest training "
              "period, and both customers who came back and who did not).",
        "ja": "購入のある顧客があと {n} 人必要です（最も古い学習期間に {have} 人。戻ってきた顧客と戻らなかった顧客の両方が必要です）。"},
    "churn.small.days": {
        "en": "It needs {n} more days of history ({need} days: {warmup} days of purchases before "
              "the backtest, one horizon to train on, one to test on; the data covers {have}).",
        "ja": "履歴があと {n} 日必要です（検証の前に {warmup} 日分の購入履歴、学習に予測期間 1 つ分、検証に 1 つ分の計 {need} 日が必要で、現在は {have} 日分です）。"},
    "churn.small.no_orders": {
        "en": "There are no orders on or before {day}: choose a later analysis date.",
        "ja": "{day} 以前の注文がありません。もっと後の分析日を選んでください。"},
    "churn.small.shorter": {"en": "A shorter horizon needs less history.",
                            "ja": "予測期間を短くすると、必要な履歴も短くなります。"},
    "churn.recency.title": {"en": "Days since the last purchase",
                            "ja": "最終購入からの日数"},
    "churn.recency.explain": {
        "en": "Without a model, recency is the best early warning: customers who have not bought "
              "for more than {days} days are the ones to contact first.",
        "ja": "モデルがなくても、最終購入からの日数は有力な兆候です。{days} 日以上購入のない顧客から優先して連絡しましょう。"},
    "churn.recency.chart": {"en": "Customers by days since their last purchase",
                            "ja": "最終購入からの日数別の顧客数"},
    "churn.recency.x": {"en": "Days since the last purchase", "ja": "最終購入からの日数"},
    "churn.recency.band1": {"en": "0–{a} days", "ja": "0〜{a} 日"},
    "churn.recency.band2": {"en": "{a}–{b} days", "ja": "{a}〜{b} 日"},
    "churn.recency.band3": {"en": "{a}–{b} days", "ja": "{a}〜{b} 日"},
    "churn.recency.band4": {"en": "over {a} days", "ja": "{a} 日超"},
    # training progress
    "churn.progress.features": {"en": "Computing customer features…", "ja": "顧客の特徴量を計算中…"},
    "churn.progress.backtest": {"en": "Training the backtest model…", "ja": "検証用モデルを学習中…"},
    "churn.progress.baselines": {"en": "Fitting the baselines (recency, BG/NBD)…",
                                 "ja": "比較モデル（最終購入日数・BG/NBD）を推定中…"},
    "churn.progress.training": {"en": "Training the model on the latest period…",
                                "ja": "直近の期間でモデルを学習中…"},
    "churn.progress.scoring": {"en": "Scoring customers and finding reasons…",
                               "ja": "顧客ごとのリスクと理由を計算中…"},
    "churn.progress.done": {"en": "Done.", "ja": "完了しました。"},
    "churn.progress.background": {"en": "Fitting the model on the data just imported…",
                                  "ja": "取り込んだデータでモデルを学習中…"},
    # KPIs and headline
    "churn.kpi.active": {"en": "Active customers", "ja": "アクティブ顧客"},
    "churn.kpi.active_help": {"en": "Customers with a purchase in the last {days} days.",
                              "ja": "直近 {days} 日間に購入のある顧客です。"},
    "churn.kpi.high": {"en": "At high risk", "ja": "高リスク顧客"},
    "churn.kpi.high_help": {
        "en": "Active customers with a churn probability of {p} or more. The change compares "
              "with the same count {days} days ago, from the model as it was then.",
        "ja": "離反確率が {p} 以上のアクティブ顧客です。増減は {days} 日前の同じ人数（当時のモデルによる）との比較です。"},
    "churn.kpi.revenue": {"en": "Spend they carry", "ja": "高リスク顧客の売上"},
    "churn.kpi.revenue_help": {
        "en": "What the high-risk customers typically spend in {days} days (their spend so far "
              "per day, times the horizon).",
        "ja": "高リスク顧客が通常 {days} 日間に使う金額（これまでの 1 日あたり購入額 × 予測期間）です。"},
    "churn.kpi.auc": {"en": "Backtest ROC AUC", "ja": "検証 ROC AUC"},
    "churn.kpi.auc_help": {
        "en": "How well the model told leavers from stayers on a period it never saw (0.5 = "
              "coin toss, 1 = perfect). See the model quality tab.",
        "ja": "学習に使っていない期間で、離反した顧客とそうでない顧客をどれだけ見分けられたか（0.5 = 偶然、1 = 完全）。「モデルの精度」タブを参照。"},
    "churn.noise.model": {
        "en": "These are a model's scores, and the earlier value comes from the model fitted one "
              "horizon earlier: the noise of the change is not estimated.",
        "ja": "これはモデルのスコアで、前の値は1期間前に学習したモデルによるものです。"
              "変化の誤差は推定していません。"},
    "churn.year.model": {
        "en": "No comparison with a year earlier: the model is fitted for the analysis date only.",
        "ja": "1年前との比較はありません。モデルは分析日について学習したものだけです。"},
    "churn.year.model.short": {"en": "no year-ago model", "ja": "1年前のモデルなし"},
    "churn.headline.high_risk": {"en": "Customers at high churn risk", "ja": "離反リスクの高い顧客"},
    "churn.headline.needs_model": {
        "en": "Churn risk: open the churn page to score customers (the model trains once, "
              "then these numbers appear here).",
        "ja": "離反リスク：離反リスクのページを開くと顧客をスコアリングします（モデルは一度だけ学習し、その後ここに数値が表示されます）。"},
    "churn.headline.revenue_at_risk": {"en": "Spend of high-risk customers",
                                       "ja": "高リスク顧客の売上見込み"},
    # tabs
    "churn.tab.list": {"en": "Risk list", "ja": "リスク一覧"},
    "churn.tab.groups": {"en": "Where we lose customers", "ja": "離反の多いグループ"},
    "churn.tab.whatif": {"en": "What if", "ja": "もしも分析"},
    "churn.tab.quality": {"en": "Model quality", "ja": "モデルの精度"},
    # risk list
    "churn.band.low": {"en": "Low risk", "ja": "低リスク"},
    "churn.band.medium": {"en": "Medium risk", "ja": "中リスク"},
    "churn.band.high": {"en": "High risk", "ja": "高リスク"},
    "churn.bands.title": {"en": "Active customers by risk", "ja": "リスク別のアクティブ顧客"},
    "churn.list.sort": {"en": "Sort by", "ja": "並べ替え"},
    "churn.list.sort.probability": {"en": "Churn probability", "ja": "離反確率"},
    "churn.list.sort.revenue": {"en": "Revenue at risk", "ja": "失う可能性のある売上"},
    "churn.list.explain": {
        "en": "{n} customers: the riskiest by probability and those with the most revenue at "
              "risk (probability × their typical spend over {days} days). Reasons are what "
              "pushes each customer's risk above a typical customer's.",
        "ja": "{n} 人：離反確率の高い顧客と、失う可能性のある売上（確率 × {days} 日間の通常の購入額）の大きい顧客です。"
              "理由は、その顧客のリスクを平均的な顧客より押し上げている要因です。"},
    "churn.list.download": {"en": "Download win-back list (CSV)", "ja": "引き留めリストをダウンロード（CSV）"},
    "churn.col.customer_id": {"en": "Customer", "ja": "顧客"},
    "churn.col.name": {"en": "Name", "ja": "氏名"},
    "churn.col.email": {"en": "Email", "ja": "メール"},
    "churn.col.churn_probability": {"en": "Churn probability", "ja": "離反確率"},
    "churn.col.risk": {"en": "Risk", "ja": "リスク"},
    "churn.col.reasons": {"en": "Top reasons", "ja": "主な理由"},
    "churn.col.revenue_at_risk": {"en": "Revenue at risk", "ja": "失う可能性のある売上"},
    "churn.col.expected_spend": {"en": "Typical spend in horizon", "ja": "予測期間の通常購入額"},
    "churn.col.recency_days": {"en": "Days since last purchase", "ja": "最終購入からの日数"},
    "churn.col.frequency": {"en": "Orders", "ja": "注文数"},
    "churn.col.avg_order_value": {"en": "Average order", "ja": "平均注文額"},
    "churn.col.nps_latest": {"en": "Latest NPS score", "ja": "最新の NPS 回答"},
    "churn.col.acquisition_channel": {"en": "Acquired via", "ja": "獲得チャネル"},
    "churn.col.last_purchase": {"en": "Last purchase", "ja": "最終購入日"},
    # reasons (explanation groups)
    "churn.reason.recency": {"en": "Long since last purchase", "ja": "最終購入から日数が経過"},
    "churn.reason.history": {"en": "Few orders / short history", "ja": "注文回数・購入歴"},
    "churn.reason.regularity": {"en": "Irregular or slowing purchases", "ja": "購入間隔の乱れ・鈍化"},
    "churn.reason.order_value": {"en": "Order value", "ja": "注文金額"},
    "churn.reason.channels": {"en": "Channels used", "ja": "利用チャネル"},
    "churn.reason.refunds": {"en": "Refunds", "ja": "返金"},
    "churn.reason.discounts": {"en": "Discount use", "ja": "割引の利用"},
    "churn.reason.nps": {"en": "Survey answers (NPS)", "ja": "アンケート回答（NPS）"},
    "churn.reason.referrals_made": {"en": "Referrals made", "ja": "紹介した人数"},
    "churn.reason.referred": {"en": "Came through a referral", "ja": "紹介経由で獲得"},
    "churn.reason.acquisition": {"en": "Acquisition channel", "ja": "獲得チャネル"},
    "churn.reason.first_product": {"en": "First product", "ja": "最初に買った商品"},
    # groups
    "churn.groups.by": {"en": "Group customers by", "ja": "グループの分け方"},
    "churn.dim.acquisition_channel": {"en": "Acquisition channel", "ja": "獲得チャネル"},
    "churn.dim.first_category": {"en": "First product", "ja": "最初に買った商品"},
    "churn.dim.first_channel": {"en": "First order channel", "ja": "初回注文のチャネル"},
    "churn.dim.nps_group": {"en": "Latest NPS answer", "ja": "最新の NPS 回答"},
    "churn.dim.segment": {"en": "Segment", "ja": "セグメント"},
    "churn.group.none": {"en": "No answer", "ja": "回答なし"},
    "churn.group.unknown": {"en": "Unknown", "ja": "不明"},
    "churn.group.promoter": {"en": "Promoters (9–10)", "ja": "推奨者（9〜10）"},
    "churn.group.passive": {"en": "Passives (7–8)", "ja": "中立者（7〜8）"},
    "churn.group.detractor": {"en": "Detractors (0–6)", "ja": "批判者（0〜6）"},
    "churn.groups.explain": {
        "en": "Churn rate = share of the customers active {days} days ago who have bought "
              "nothing since (what really happened). Today's risk comes from the model.",
        "ja": "離反率 = {days} 日前にアクティブだった顧客のうち、その後購入がなかった割合（実績）です。現在のリスクはモデルによる予測です。"},
    "churn.groups.chart": {"en": "Churn rate by {dim}", "ja": "{dim}別の離反率"},
    "churn.groups.x": {"en": "No purchase in the last {days} days",
                       "ja": "直近 {days} 日間に購入なし"},
    "churn.groups.bar": {"en": "{rate} of {n}", "ja": "{n} 人中 {rate}"},
    "churn.groups.sentence": {
        "en": "Losing customers fastest: {worst} ({rate} churned); slowest: {best} ({best_rate}).",
        "ja": "最も離反が多いのは {worst}（離反率 {rate}）、最も少ないのは {best}（{best_rate}）です。"},
    "churn.gcol.label": {"en": "Group", "ja": "グループ"},
    "churn.gcol.past_customers": {"en": "Customers then", "ja": "当時の顧客数"},
    "churn.gcol.churn_rate": {"en": "Churn rate", "ja": "離反率"},
    "churn.gcol.customers": {"en": "Active now", "ja": "現在のアクティブ顧客"},
    "churn.gcol.mean_risk": {"en": "Mean risk now", "ja": "現在の平均リスク"},
    "churn.gcol.high_risk": {"en": "High risk now", "ja": "現在の高リスク顧客"},
    "churn.gcol.revenue_at_risk": {"en": "Revenue at risk", "ja": "失う可能性のある売上"},
    # what-if
    "churn.whatif.explain": {
        "en": "Move a slider and the model re-scores the customer at once. Each label shows the "
              "customer's real value; the chart marks the probability as it is.",
        "ja": "スライダーを動かすと、モデルがすぐに再計算します。各ラベルの値は顧客の実際の値で、グラフには現在の確率を示しています。"},
    "churn.whatif.subject": {"en": "Who", "ja": "対象"},
    "churn.whatif.subject.customer": {"en": "A customer from the risk list",
                                      "ja": "リスク一覧の顧客"},
    "churn.whatif.subject.typical": {"en": "A typical customer", "ja": "平均的な顧客"},
    "churn.whatif.customer": {"en": "Customer", "ja": "顧客"},
    "churn.whatif.typical_of": {"en": "Typical customer of", "ja": "平均的な顧客の対象"},
    "churn.whatif.all": {"en": "All active customers", "ja": "すべてのアクティブ顧客"},
    "churn.whatif.recency": {"en": "Days since last purchase (now {v})",
                             "ja": "最終購入からの日数（現在 {v}）"},
    "churn.whatif.frequency": {"en": "Number of orders (now {v})", "ja": "注文回数（現在 {v}）"},
    "churn.whatif.aov": {"en": "Average order value (now {v})", "ja": "平均注文額（現在 {v}）"},
    "churn.whatif.nps": {"en": "Latest NPS score, – = no answer (now {v})",
                         "ja": "最新の NPS 回答、– = 回答なし（現在 {v}）"},
    "churn.whatif.referrals": {"en": "Friends referred (now {v})", "ja": "紹介した人数（現在 {v}）"},
    "churn.whatif.discount": {"en": "Orders with a discount, % (now {v})",
                              "ja": "割引を使った注文の割合 %（現在 {v}）"},
    "churn.whatif.probability": {"en": "Churn probability with these values",
                                 "ja": "この条件での離反確率"},
    "churn.whatif.original": {"en": "Churn probability as it is", "ja": "現在の離反確率"},
    "churn.whatif.reasons": {"en": "What drives this customer's risk",
                             "ja": "この顧客のリスクの要因"},
    "churn.whatif.reasons_x": {"en": "Change in churn probability vs a typical customer",
                               "ja": "平均的な顧客と比べた離反確率の差"},
    "churn.whatif.chart": {"en": "Churn probability: as it is and with these values",
                           "ja": "離反確率：現在と、この条件の場合"},
    "churn.whatif.as_is": {"en": "As it is", "ja": "現在"},
    "churn.whatif.with_values": {"en": "With these values", "ja": "この条件"},
    "churn.whatif.original_mark": {"en": "As it is: {p}", "ja": "現在：{p}"},
    "churn.whatif.col.input": {"en": "Input", "ja": "項目"},
    "churn.whatif.col.original": {"en": "As it is", "ja": "現在"},
    "churn.whatif.col.new": {"en": "With these values", "ja": "この条件"},
    "churn.whatif.in.recency": {"en": "Days since last purchase", "ja": "最終購入からの日数"},
    "churn.whatif.in.frequency": {"en": "Number of orders", "ja": "注文回数"},
    "churn.whatif.in.aov": {"en": "Average order value", "ja": "平均注文額"},
    "churn.whatif.in.nps": {"en": "Latest NPS score", "ja": "最新の NPS 回答"},
    "churn.whatif.in.referrals": {"en": "Friends referred", "ja": "紹介した人数"},
    "churn.whatif.in.discount": {"en": "Orders with a discount", "ja": "割引を使った注文の割合"},
    "churn.whatif.reasons_explain": {
        "en": "Each bar: the probability minus the probability with that factor set to a typical "
              "customer's value. Red bars push the risk up, green bars down; a grey diamond "
              "marks the same factor as it is, before the sliders moved.",
        "ja": "各棒は、その要因を平均的な顧客の値に置き換えたときとの確率の差です。赤はリスクを上げ、緑は下げる要因です。"
              "灰色のひし形は、スライダーを動かす前の現在の値です。"},
    "churn.business.title": {"en": "What if, for the business", "ja": "もしも分析（事業全体）"},
    "churn.business.share": {"en": "Win back this share of the high-risk customers (%)",
                             "ja": "高リスク顧客のうち引き留める割合（%）"},
    "churn.business.kept": {"en": "Customers kept", "ja": "維持できる顧客数"},
    "churn.business.kept_help": {
        "en": "Of {n} high-risk customers the model expects to lose {lost}.",
        "ja": "高リスク顧客 {n} 人のうち、モデルは {lost} 人の離反を見込んでいます。"},
    "churn.business.revenue": {"en": "Revenue kept over {days} days",
                               "ja": "{days} 日間で維持できる売上"},
    "churn.business.explain": {
        "en": "The model expects {lost} of the {n} high-risk customers to leave; winning back "
              "{share}% of them keeps their typical spend over {days} days.",
        "ja": "モデルは高リスク顧客 {n} 人のうち {lost} 人の離反を見込んでいます。その {share}% を引き留めると、{days} 日間の通常の購入額が維持されます。"},
    "churn.business.detractors": {"en": "If detractors became passives",
                                  "ja": "批判者が中立者になったら"},
    "churn.business.det_risk": {"en": "Their mean churn probability",
                                "ja": "批判者の平均離反確率"},
    "churn.business.det_explain": {
        "en": "The {n} active customers whose latest answer was 0–6 are re-scored by the model "
              "as if they had answered 7. A small change means the model sees little link "
              "between their score and whether they come back.",
        "ja": "最新の回答が 0〜6 のアクティブ顧客 {n} 人を、回答が 7 だった場合としてモデルで再計算しています。"
              "変化が小さい場合、モデルは回答と再購入の関係をあまり見いだしていません。"},
    "churn.business.det_range": {
        "en": "95% range: {low} to {high} customers kept.",
        "ja": "95% の範囲：維持できる顧客は {low}〜{high} 人。"},
    "churn.business.det_noise": {
        "en": "The model finds no clear effect: as passives, the {n} detractors' churn probability "
              "changes by {pt} on average, too little to tell apart from zero. On this data, "
              "their survey answers tell the model little about whether they come back, so do "
              "not count on kept customers or revenue from this alone.",
        "ja": "モデルには明確な効果が見られません：{n} 人の批判者が中立者になっても、離反確率の変化は平均 {pt} で、"
              "ゼロと区別できないほど小さいものです。このデータでは、アンケート回答から再購入するかどうかはほとんど分からないため、"
              "これだけで顧客や売上が維持できるとは見込まないでください。"},
    "churn.business.det_loss": {
        "en": "The model does not expect this to keep anyone: as passives, the {n} detractors "
              "score {pt} riskier on average. That is a quirk of a model that finds little link "
              "between survey answers and coming back on this data, not a reason to leave "
              "unhappy customers as they are; it just cannot promise kept revenue.",
        "ja": "モデルはこれで顧客を維持できるとは見込んでいません：{n} 人の批判者が中立者になると、離反確率は平均 {pt} 高くなります。"
              "これは、このデータでアンケート回答と再購入の関係をほとんど見いだせないモデルの癖であり、不満のある顧客を放置してよい理由ではありません。"
              "ただし、維持できる売上は約束できません。"},
    "churn.business.no_detractors": {"en": "No active customer's latest survey answer is 0–6.",
                                     "ja": "最新のアンケート回答が 0〜6 のアクティブ顧客はいません。"},
    # model quality
    "churn.model.gradient_boosting": {
        "en": "Our model (gradient boosting with logistic regression)",
        "ja": "本モデル（勾配ブースティングとロジスティック回帰）"},
    "churn.model.logistic": {"en": "Logistic regression", "ja": "ロジスティック回帰"},
    "churn.model.recency": {"en": "Days since last purchase only", "ja": "最終購入からの日数のみ"},
    "churn.model.bgnbd": {"en": "BG/NBD", "ja": "BG/NBD"},
    "churn.quality.explain": {
        "en": "Backtest: the models learned from customers as of {train} and what they did "
              "next, then scored the customers of {cut}; the table compares those scores with "
              "what really happened by {end} ({n} customers, {rate} bought nothing in {days} "
              "days).",
        "ja": "検証：各モデルは {train} 時点の顧客とその後の行動から学習し、{cut} 時点の顧客を予測しました。"
              "表はその予測と {end} までの実績の比較です（顧客 {n} 人、うち {rate} が {days} 日間購入なし）。"},
    "churn.quality.model": {"en": "Model", "ja": "モデル"},
    "churn.quality.auc": {"en": "ROC AUC (higher is better)", "ja": "ROC AUC（高いほど良い）"},
    "churn.quality.top10": {"en": "Precision in the riskiest 10%", "ja": "上位 10% の的中率"},
    "churn.quality.brier": {"en": "Brier score (lower is better)", "ja": "Brier スコア（低いほど良い）"},
    "churn.quality.wins": {
        "en": "Our model did best on this backtest: ROC AUC {auc} against {best_auc} for the best "
              "baseline ({baseline}), Brier score {brier} against {best_brier}.",
        "ja": "この検証では本モデルが最も良い結果でした：ROC AUC {auc}（最良の比較モデル {baseline} は {best_auc}）、"
              "Brier スコア {brier}（同 {best_brier}）。"},
    "churn.quality.on_par": {
        "en": "On this backtest our model is about as good as {winner} (within 0.005 in ROC AUC "
              "and Brier score): it adds reasons and what-ifs, not accuracy. Compare again as "
              "more history arrives.",
        "ja": "この検証では、本モデルは {winner} とほぼ同等です（ROC AUC と Brier スコアの差が 0.005 以内）。"
              "精度よりも、理由ともしも分析の点で役立ちます。履歴が増えたら改めて比較してください。"},
    "churn.quality.loses": {
        "en": "On this data our model did not beat every baseline: {winner} ranked leavers as "
              "well or better, or gave more accurate probabilities. Treat the scores as a "
              "guide, and compare again as more history arrives.",
        "ja": "このデータでは、本モデルはすべての比較モデルを上回ってはいません（{winner} が同等以上でした）。"
              "スコアは目安として扱い、履歴が増えたら改めて比較してください。"},
    "churn.quality.vs_bgnbd": {
        "en": "Against BG/NBD, the classic model of repeat buying: ROC AUC {auc} against "
              "{bg_auc} (higher is better), Brier score {brier} against {bg_brier} (lower is "
              "better).",
        "ja": "購買行動の定番モデル BG/NBD との比較：ROC AUC {auc}（BG/NBD は {bg_auc}、高いほど良い）、"
              "Brier スコア {brier}（同 {bg_brier}、低いほど良い）。"},
    "churn.signals.title": {"en": "What the model learned from", "ja": "モデルが学習に使った情報"},
    "churn.signals.used": {"en": "Signals used: {signals}.", "ja": "使った情報：{signals}。"},
    "churn.signals.sep": {"en": ", ", "ja": "、"},
    "churn.signals.missing": {
        "en": "Not used, because they are empty or the same for every customer in your data:",
        "ja": "データが空か、全顧客で同じ値のため使えなかった情報："},
    "churn.signals.missing_one": {"en": "{signals} (add {source}).",
                                  "ja": "{signals}（{source}を追加すると使えます）。"},
    "churn.signals.col.signal": {"en": "Signal not used", "ja": "使えなかった情報"},
    "churn.signals.col.source": {"en": "What adds it", "ja": "追加に必要なもの"},
    "churn.source.orders": {"en": "orders with different amounts and dates",
                            "ja": "金額や日付の異なる注文"},
    "churn.source.repeat_orders": {"en": "more customers who bought on more than one day",
                                   "ja": "複数の日に購入した顧客"},
    "churn.source.tx_channel": {"en": "a channel column in the orders file",
                                "ja": "注文ファイルのチャネル列"},
    "churn.source.refunds": {"en": "refunds or cancellations in the orders file",
                             "ja": "注文ファイルの返金・キャンセル"},
    "churn.source.tx_discount": {"en": "a discount or discount code column in the orders file",
                                 "ja": "注文ファイルの割引額または割引コードの列"},
    "churn.source.surveys": {"en": "a surveys file with NPS answers",
                             "ja": "NPS 回答のアンケートファイル"},
    "churn.source.referrals": {"en": "a referrals file, or a customers file saying who referred whom",
                               "ja": "紹介ファイル、または紹介者を含む顧客ファイル"},
    "churn.source.customers_channels": {"en": "a customers file with an acquisition channel column",
                                        "ja": "獲得チャネル列のある顧客ファイル"},
    "churn.source.tx_category": {"en": "a product category column in the orders file",
                                 "ja": "注文ファイルの商品カテゴリ列"},
    "churn.groups.none": {
        "en": "There are no groups to compare yet: {sources} would split customers by channel, "
              "first product or survey answer.",
        "ja": "比較できるグループがまだありません。{sources}があると、チャネル・最初の商品・アンケート回答で顧客を分けられます。"},
    "churn.quality.metrics_help": {
        "en": "ROC AUC: chance that a random leaver is ranked riskier than a random stayer. "
              "Precision in the riskiest 10%: share of them who really left. Brier score: "
              "mean squared error of the probabilities.",
        "ja": "ROC AUC：離反した顧客を継続した顧客より高リスクと順位づけできる確率。上位 10% の的中率：リスク上位 10% のうち実際に離反した割合。"
              "Brier スコア：確率の平均二乗誤差。"},
    "churn.quality.calibration": {"en": "Calibration: predicted vs real churn",
                                  "ja": "較正：予測と実績の離反率"},
    "churn.quality.predicted": {"en": "Predicted churn probability", "ja": "予測した離反確率"},
    "churn.quality.observed": {"en": "Share who really left", "ja": "実際に離反した割合"},
    "churn.quality.ideal": {"en": "Perfectly calibrated", "ja": "完全に較正された場合"},
    "churn.quality.lift": {"en": "Lift: leavers caught, riskiest first",
                           "ja": "リフト：高リスク順に連絡して捕捉できる離反者"},
    "churn.quality.contacted": {"en": "Share of customers contacted (riskiest first)",
                                "ja": "連絡した顧客の割合（高リスク順）"},
    "churn.quality.captured": {"en": "Share of all leavers caught", "ja": "捕捉した離反者の割合"},
    "churn.quality.saved": {
        "en": "Trained in {seconds} s on {n} customers; kept for this data version and saved "
              "next to the database, so a restart does not retrain.",
        "ja": "顧客 {n} 人で {seconds} 秒で学習しました。このデータ版のあいだは再利用され、データベースの隣に保存されるため、再起動しても再学習しません。"},
    "churn.report.summary": {
        "en": "{n} of {active} active customers are at high risk of buying nothing in the next "
              "{days} days; they usually spend {money} in that time.",
        "ja": "アクティブ顧客 {active} 人のうち {n} 人が、今後 {days} 日間に購入しない高リスク状態です。この期間の通常の購入額は {money} です。"},
    "churn.report.auc": {
        "en": "Backtest ROC AUC: our model {gradient_boosting}, logistic regression {logistic}, "
              "days since last purchase {recency}, BG/NBD {bgnbd}.",
        "ja": "検証 ROC AUC：本モデル {gradient_boosting}、ロジスティック回帰 {logistic}、最終購入からの日数 {recency}、BG/NBD {bgnbd}。"},
}
