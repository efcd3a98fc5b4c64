"""NPS page."""
STRINGS = {
    "nps.title": {"en": "NPS: how customers feel", "ja": "NPS：顧客の気持ち"},
    "nps.how_to_read": {
        "en": "NPS = % promoters (score 9–10) − % detractors (0–6), from −100 to 100. The shaded "
              "band is the 95% interval: with few answers it is wide, and a move inside it may "
              "be chance. Periods with fewer than 30 answers are marked as thin.",
        "ja": "NPS＝推奨者（9〜10点）の割合 − 批判者（0〜6点）の割合で、−100〜100 の値をとります。"
              "帯は 95% 区間です。回答が少ないと幅が広くなり、その中での変動は偶然かもしれません。"
              "回答が 30 件未満の期間は「少数」として印を付けています。"},
    "nps.empty": {
        "en": "No survey answers in the selected dates. Import a survey file on the Data page "
              "(score 0–10 per answer) or widen the date range in the sidebar.",
        "ja": "選択した期間にアンケート回答がありません。データページでアンケートファイル（回答ごとに 0〜10 点）を"
              "取り込むか、サイドバーで期間を広げてください。"},
    "nps.headline": {"en": "NPS (last full month)", "ja": "NPS（直近の満了月）"},
    "nps.headline_partial": {"en": "NPS (this month so far)", "ja": "NPS（今月これまで）"},
    # controls
    "nps.period": {"en": "Period", "ja": "集計単位"},
    "nps.period.week": {"en": "Week", "ja": "週"},
    "nps.period.month": {"en": "Month", "ja": "月"},
    "nps.period.quarter": {"en": "Quarter", "ja": "四半期"},
    "nps.rolling": {"en": "Smoothing", "ja": "平滑化"},
    "nps.rolling_help": {
        "en": "With few answers per period, pool each period with the ones before it (a rolling "
              "window): the line is steadier and the band narrower, at the cost of reacting "
              "later.",
        "ja": "期間ごとの回答が少ないときは、各期間をその前の期間とまとめて集計します（移動窓）。"
              "線が安定し帯も狭くなりますが、変化への反応は遅くなります。"},
    "nps.rolling.off": {"en": "None", "ja": "なし"},
    "nps.rolling.week": {"en": "Rolling {n} weeks", "ja": "{n} 週の移動集計"},
    "nps.rolling.month": {"en": "Rolling {n} months", "ja": "{n} か月の移動集計"},
    "nps.rolling.quarter": {"en": "Rolling {n} quarters", "ja": "{n} 四半期の移動集計"},
    # KPIs
    "nps.kpi.nps": {"en": "NPS, selected dates", "ja": "NPS（選択期間）"},
    "nps.kpi.nps_help": {"en": "From {n} answers; 95% interval: {lo} to {hi}.",
                         "ja": "回答 {n} 件から。95% 区間：{lo}〜{hi}。"},
    "nps.kpi.thin": {
        "en": "Only {n} answers in the selected dates: fewer than {min}, so this NPS is thin and "
              "can move a lot with each answer.",
        "ja": "選択期間の回答は {n} 件で、{min} 件未満です。この NPS は回答 1 件ごとに大きく動きます。"},
    "nps.kpi.responses": {"en": "Answers", "ja": "回答数"},
    "nps.kpi.responses_help": {"en": "Survey answers from {start} to {end}.",
                               "ja": "{start}〜{end} のアンケート回答です。"},
    "nps.kpi.mix": {"en": "Promoters / detractors", "ja": "推奨者／批判者"},
    "nps.kpi.mix_help": {
        "en": "Share of the {n} answers scoring 9–10 and 0–6. The change is the promoters' "
              "share's; the detractors' share moved by that change minus the NPS card's.",
        "ja": "回答 {n} 件のうち、9〜10点と0〜6点の割合です。増減は推奨者の割合の変化です。"
              "批判者の割合の変化は、これから NPS の変化を引いた値です。"},
    "nps.kpi.unmatched": {"en": "Unmatched answers", "ja": "顧客と未照合の回答"},
    "nps.kpi.unmatched_help": {
        "en": "Answers that match no customer by customer ID, order or email. They still count "
              "for NPS; only the breakdowns by customer leave them in their own group.",
        "ja": "顧客ID・注文・メールのいずれでも顧客と照合できなかった回答です。NPS には含めています。"
              "顧客情報による内訳では別のグループとして示します。"},
    "nps.interval_line": {
        "en": "NPS {nps} from {n} answers; 95% interval {lo} to {hi}.",
        "ja": "NPS {nps}（回答 {n} 件）、95% 区間 {lo}〜{hi}。"},
    "nps.interval_line.one": {
        "en": "NPS {nps} from {n} answer; 95% interval {lo} to {hi}.",
        "ja": "NPS {nps}（回答 {n} 件）、95% 区間 {lo}〜{hi}。"},
    "nps.answers": {"en": "{n} answers", "ja": "回答 {n} 件"},
    "nps.answers.one": {"en": "{n} answer", "ja": "回答 {n} 件"},
    # comparison
    "nps.cmp.title": {"en": "Is the change real?", "ja": "変化は本物か？"},
    "nps.cmp.sentence": {
        "en": "{current} vs {other}: NPS {a} ({answers_a}) vs {b} ({answers_b}), {move} "
              "(95% interval {lo} to {hi}): {verdict}.",
        "ja": "{current} と {other} の比較：NPS {a}（{answers_a}）対 {b}（{answers_b}）、{move}"
              "（95% 区間 {lo}〜{hi}）：{verdict}。"},
    "nps.cmp.thin_note": {
        "en": "One of the two periods has fewer than {n} answers: read this with care.",
        "ja": "どちらかの期間の回答が {n} 件未満のため、慎重に解釈してください。"},
    "nps.cmp.up": {"en": "up {n} points", "ja": "{n} ポイント上昇"},
    "nps.cmp.down": {"en": "down {n} points", "ja": "{n} ポイント低下"},
    "nps.cmp.same": {"en": "unchanged", "ja": "変化なし"},
    "nps.cmp.verdict.up": {"en": "a real rise", "ja": "偶然では説明しにくい上昇です"},
    "nps.cmp.verdict.down": {"en": "a real drop", "ja": "偶然では説明しにくい低下です"},
    "nps.cmp.verdict.noise": {"en": "within the noise", "ja": "誤差の範囲内です"},
    "nps.cmp.no_current": {
        "en": "No answers up to the analysis date: nothing to compare.",
        "ja": "分析日までの回答がないため、比較できる数値がありません。"},
    "nps.cmp.no_previous": {"en": "There is no earlier period with answers to compare with.",
                            "ja": "比較できる回答のある前の期間がありません。"},
    "nps.cmp.no_year": {"en": "The same period a year earlier has no answers to compare with.",
                        "ja": "1 年前の同じ期間には比較できる回答がありません。"},
    "nps.cmp.partial": {
        "en": "Only the unfinished current period ({current}) has answers so far: NPS {nps} "
              "({answers}). It is compared once it is over.",
        "ja": "回答があるのは途中の今期（{current}）だけです：NPS {nps}（{answers}）。"
              "期間が終わってから比較します。"},
    "nps.cmp.skipped": {
        "en": "{current} is the latest full {unit} with answers; the {n} {units} after it had "
              "none.",
        "ja": "回答のある直近の満了した{unit}は{current}です。その後の {n} {units}には回答がありません。"},
    "nps.cmp.skipped.one": {
        "en": "{current} is the latest full {unit} with answers; the {unit} after it had none.",
        "ja": "回答のある直近の満了した{unit}は{current}です。その後の{unit}には回答がありません。"},
    "nps.cmp.pending": {
        "en": "The unfinished {unit} ({current}, {answers} so far) is compared once it is over.",
        "ja": "途中の{unit}（{current}、これまでに{answers}）は、期間が終わってから比較します。"},
    "nps.cmp.explain": {
        "en": "The latest full period with answers is compared with the most recent earlier "
              "period with answers (periods without answers are skipped) and with the same "
              "period a year earlier. A change is called real when the 95% interval of the "
              "difference does not include zero.",
        "ja": "回答のある直近の満了期間を、回答のあるその前の直近の期間（回答のない期間は飛ばします）および"
              "1 年前の同じ期間と比較しています。差の 95% 区間が 0 を含まないときに、本物の変化とみなします。"},
    "nps.unit.week": {"en": "week", "ja": "週"},
    "nps.unit.month": {"en": "month", "ja": "月"},
    "nps.unit.quarter": {"en": "quarter", "ja": "四半期"},
    "nps.units.week": {"en": "weeks", "ja": "週"},
    "nps.units.month": {"en": "months", "ja": "か月"},
    "nps.units.quarter": {"en": "quarters", "ja": "四半期"},
    "nps.window.week": {"en": "{n} weeks", "ja": "{n} 週"},
    "nps.window.month": {"en": "{n} months", "ja": "{n} か月"},
    "nps.window.quarter": {"en": "{n} quarters", "ja": "{n} 四半期"},
    # tabs
    "nps.tab.trend": {"en": "Trend", "ja": "推移"},
    "nps.tab.breakdowns": {"en": "What drives it", "ja": "内訳"},
    "nps.tab.behaviour": {"en": "NPS and behaviour", "ja": "NPS と購買行動"},
    "nps.tab.comments": {"en": "What customers wrote", "ja": "顧客のコメント"},
    # trend
    "nps.trend.title": {"en": "NPS with its 95% interval, and answers per period",
                        "ja": "NPS と 95% 区間、期間ごとの回答数"},
    "nps.trend.title_rolling": {
        "en": "NPS over a rolling {window} (each point pools the {window} up to it), with its "
              "95% interval",
        "ja": "{window}の移動集計による NPS と 95% 区間（各点はその時点までの{window}の合計）"},
    "nps.trend.nps": {"en": "NPS", "ja": "NPS"},
    "nps.trend.band": {"en": "95% interval", "ja": "95% 区間"},
    "nps.trend.responses": {"en": "Answers", "ja": "回答数"},
    "nps.trend.thin": {"en": "thin: fewer than 30 answers", "ja": "少数：回答 30 件未満"},
    "nps.trend.partial": {"en": "period not complete", "ja": "期間の途中"},
    "nps.trend.explain": {
        "en": "Hollow markers and grey bars: thin periods (fewer than {n} answers, {thin} "
              "here). Hover a point for its interval and count.",
        "ja": "白抜きの点と灰色の棒は回答が {n} 件未満の期間です（ここでは {thin} 期間）。"
              "点にカーソルを合わせると区間と件数が表示されます。"},
    "nps.trend.last_partial": {
        "en": "The last period (diamond) is not over: it counts answers up to {day}.",
        "ja": "最後の期間（ひし形）は途中で、{day} までの回答を数えています。"},
    "nps.trend.try_rolling": {
        "en": "Most periods are thin: try a longer period or smoothing above.",
        "ja": "多くの期間で回答が少なめです。上で集計単位を長くするか、平滑化をお試しください。"},
    "nps.mix.title": {"en": "Promoters, passives and detractors per period",
                      "ja": "期間ごとの推奨者・中立者・批判者"},
    "nps.mix.title_rolling": {
        "en": "Promoters, passives and detractors over a rolling {window}",
        "ja": "{window}の移動集計による推奨者・中立者・批判者"},
    "nps.mix.y": {"en": "Share of answers", "ja": "回答の割合"},
    "nps.group.promoter": {"en": "Promoters (9–10)", "ja": "推奨者（9〜10）"},
    "nps.group.passive": {"en": "Passives (7–8)", "ja": "中立者（7〜8）"},
    "nps.group.detractor": {"en": "Detractors (0–6)", "ja": "批判者（0〜6）"},
    # breakdowns
    "nps.break.by": {"en": "Break down by", "ja": "内訳の軸"},
    "nps.dim.channel": {"en": "Order channel", "ja": "注文チャネル"},
    "nps.dim.touchpoint": {"en": "Touchpoint", "ja": "接点"},
    "nps.dim.acquisition_channel": {"en": "Acquisition channel", "ja": "獲得チャネル"},
    "nps.dim.segment": {"en": "Customer segment", "ja": "顧客セグメント"},
    "nps.dim.tenure": {"en": "Customer tenure", "ja": "顧客歴"},
    "nps.break.chart": {"en": "NPS by {dim}, with 95% intervals",
                        "ja": "{dim}別の NPS と 95% 区間"},
    "nps.break.no_segments": {
        "en": "The breakdown by customer segment appears once the spenders-vs-referrers "
              "analysis is installed.",
        "ja": "顧客セグメント別の内訳は、購入者と紹介者の分析が利用可能になると表示されます。"},
    "nps.break.explain.channel": {
        "en": "The channel of the answer (or of its order). Grey hollow markers: fewer than {n} "
              "answers, too few to read much into.",
        "ja": "回答（またはその注文）のチャネル別です。白抜きの灰色の点は回答 {n} 件未満で、"
              "解釈には注意が必要です。"},
    "nps.break.explain.touchpoint": {
        "en": "Where the customer was asked (checkout, delivery, support…). Grey hollow "
              "markers: fewer than {n} answers.",
        "ja": "回答を依頼した接点（会計・配送・サポートなど）別です。白抜きの灰色の点は回答 {n} 件未満です。"},
    "nps.break.explain.acquisition_channel": {
        "en": "How the customer first came to you. Answers that match no customer form their "
              "own group. Grey hollow markers: fewer than {n} answers.",
        "ja": "顧客が最初に来た経路別です。顧客と照合できない回答は別グループです。"
              "白抜きの灰色の点は回答 {n} 件未満です。"},
    "nps.break.explain.segment": {
        "en": "Spenders-vs-referrers segments over the 365 days up to the analysis date; "
              "customers with no purchase in those days form their own group. Grey hollow "
              "markers: fewer than {n} answers.",
        "ja": "分析日までの 365 日間の購入者・紹介者セグメント別です。その期間に購入のない顧客は"
              "別グループです。白抜きの灰色の点は回答 {n} 件未満です。"},
    "nps.break.explain.tenure": {
        "en": "Days from the customer's first purchase to their answer, in order: new customers "
              "often score higher (the honeymoon effect). Grey hollow markers: fewer than {n} "
              "answers.",
        "ja": "初回購入から回答までの日数順です。新しい顧客ほど高い点を付けがちです（ハネムーン効果）。"
              "白抜きの灰色の点は回答 {n} 件未満です。"},
    "nps.break.limited": {
        "en": "Showing the {shown} groups with the most answers, of {total}.",
        "ja": "{total} グループのうち、回答の多い {shown} グループを表示しています。"},
    "nps.break.sentence": {
        "en": "Highest: {a} ({a_nps}); lowest: {b} ({b_nps}); a gap of {diff} points (95% "
              "interval {lo} to {hi}): {verdict}.",
        "ja": "最高：{a}（{a_nps}）、最低：{b}（{b_nps}）。差は {diff} ポイント（95% 区間 {lo}〜{hi}）で、"
              "{verdict}。"},
    "nps.break.tenure": {
        "en": "Newest customers ({a}): NPS {a_nps}; longest-standing ({b}): {b_nps}; a "
              "difference of {diff} points (95% interval {lo} to {hi}): {verdict}.",
        "ja": "最も新しい顧客（{a}）の NPS は {a_nps}、最も長い顧客（{b}）は {b_nps}。差は {diff} ポイント"
              "（95% 区間 {lo}〜{hi}）で、{verdict}。"},
    "nps.break.real": {"en": "a real difference", "ja": "偶然では説明しにくい差です"},
    "nps.break.noise": {"en": "within the noise", "ja": "誤差の範囲内です"},
    "nps.small": {"en": "small", "ja": "少数"},
    "nps.unmatched": {"en": "(no matching customer)", "ja": "（顧客と未照合）"},
    "nps.unknown": {"en": "(not given)", "ja": "（記載なし）"},
    "nps.no_segment": {"en": "(no purchase in the last 365 days)",
                       "ja": "（直近 365 日に購入なし）"},
    "nps.segment.Champions": {"en": "Champions", "ja": "チャンピオン"},
    "nps.segment.Spenders": {"en": "Spenders", "ja": "購入者"},
    "nps.segment.Referrers": {"en": "Referrers", "ja": "紹介者"},
    "nps.segment.Others": {"en": "Others", "ja": "その他"},
    "nps.tenure.t0_30": {"en": "0–30 days", "ja": "0〜30 日"},
    "nps.tenure.t31_90": {"en": "31–90 days", "ja": "31〜90 日"},
    "nps.tenure.t91_180": {"en": "91–180 days", "ja": "91〜180 日"},
    "nps.tenure.t181_365": {"en": "181–365 days", "ja": "181〜365 日"},
    "nps.tenure.t366": {"en": "over a year", "ja": "1 年超"},
    "nps.col.label": {"en": "Group", "ja": "グループ"},
    "nps.col.responses": {"en": "Answers", "ja": "回答数"},
    "nps.col.nps": {"en": "NPS", "ja": "NPS"},
    "nps.col.ci_low": {"en": "95% low", "ja": "95% 下限"},
    "nps.col.ci_high": {"en": "95% high", "ja": "95% 上限"},
    "nps.col.promoters": {"en": "Promoters", "ja": "推奨者"},
    "nps.col.passives": {"en": "Passives", "ja": "中立者"},
    "nps.col.detractors": {"en": "Detractors", "ja": "批判者"},
    "nps.col.small": {"en": "Fewer than 30", "ja": "30 件未満"},
    # behaviour
    "nps.behave.none_matched": {
        "en": "None of the {n} answers matches a customer (by customer ID, order or email), so "
              "behaviour cannot be linked to scores. NPS above still counts every answer.",
        "ja": "{n} 件の回答のいずれも顧客（顧客ID・注文・メール）と照合できないため、購買行動と点数を"
              "結び付けられません。上の NPS はすべての回答を数えています。"},
    "nps.behave.none_matched.one": {
        "en": "The {n} answer matches no customer (by customer ID, order or email), so "
              "behaviour cannot be linked to scores. NPS above still counts it.",
        "ja": "{n} 件の回答は顧客（顧客ID・注文・メール）と照合できないため、購買行動と点数を"
              "結び付けられません。上の NPS にはこの回答も数えています。"},
    "nps.behave.matched": {
        "en": "{of} matched a customer ({by_id} by customer ID, {by_order} by order, {by_email} "
              "by email); {unmatched}.",
        "ja": "{of}の回答を顧客と照合しました（顧客ID {by_id} 件、注文 {by_order} 件、"
              "メール {by_email} 件）。{unmatched}。"},
    "nps.behave.matched_of": {"en": "{matched} of {n} answers", "ja": "{n} 件中 {matched} 件"},
    "nps.behave.matched_of.one": {"en": "{matched} of {n} answer", "ja": "{n} 件中 {matched} 件"},
    "nps.behave.unmatched": {"en": "{n} match no customer and count only for NPS",
                             "ja": "照合できない {n} 件は NPS の集計にのみ使っています"},
    "nps.behave.unmatched.one": {"en": "{n} matches no customer and counts only for NPS",
                                 "ja": "照合できない {n} 件は NPS の集計にのみ使っています"},
    "nps.behave.cost": {
        "en": "In the {days} days after answering, a detractor spent {gap} less than a promoter "
              "on average; across {n} detractors that is about {total}.",
        "ja": "回答後 {days} 日間で、批判者の購入額は推奨者より平均 {gap} 少なく、批判者 {n} 人分で"
              "約 {total} になります。"},
    "nps.behave.cost.one": {
        "en": "In the {days} days after answering, a detractor spent {gap} less than a promoter "
              "on average; for the {n} detractor here that is about {total}.",
        "ja": "回答後 {days} 日間で、批判者の購入額は推奨者より平均 {gap} 少なく、批判者 {n} 人分で"
              "約 {total} になります。"},
    "nps.behave.no_cost": {
        "en": "In the {days} days after answering, detractors spent {gap} more than promoters "
              "on average: no revenue gap shows in this data.",
        "ja": "回答後 {days} 日間で、批判者は推奨者より平均 {gap} 多く購入しており、この"
              "データでは売上の差は見られません。"},
    "nps.behave.too_recent": {
        "en": "The revenue gap needs promoters and detractors who answered at least {days} days "
              "before the analysis date.",
        "ja": "売上の差を見るには、分析日の {days} 日以上前に回答した推奨者と批判者が必要です。"},
    "nps.behave.explain": {
        "en": "Each customer counts once, in the group of their latest answer. Repeat rate: "
              "two or more purchases (a refund is not a purchase). Came back and revenue after "
              "(net of refunds): the {days} days after the answer, for customers who answered "
              "at least {days} days ago. This shows "
              "association, not cause.",
        "ja": "各顧客は最新の回答のグループで 1 回だけ数えます。リピート率：購入 2 回以上（返品は購入に数えません）。"
              "再購入率と回答後の購入額（返品を差し引いた額）：回答後 {days} 日間（{days} 日以上前に回答した顧客のみ）。"
              "相関であり、因果を示すものではありません。"},
    "nps.behave.chart": {"en": "After answering: who came back, and what they spent",
                         "ja": "回答後の再購入と購入額"},
    "nps.bcol.group": {"en": "Group", "ja": "グループ"},
    "nps.bcol.responses": {"en": "Answers", "ja": "回答数"},
    "nps.bcol.unmatched": {"en": "Unmatched answers", "ja": "未照合の回答"},
    "nps.bcol.customers": {"en": "Customers", "ja": "顧客数"},
    "nps.bcol.repeat_rate": {"en": "Repeat rate", "ja": "リピート率"},
    "nps.bcol.followed": {"en": "Answered 90+ days ago", "ja": "90 日以上前に回答"},
    "nps.bcol.came_back_rate": {"en": "Came back within 90 days", "ja": "90 日以内の再購入率"},
    "nps.bcol.revenue_after": {"en": "Revenue in 90 days after", "ja": "回答後 90 日の購入額"},
    "nps.bcol.revenue_year": {"en": "Revenue, last 365 days", "ja": "直近 365 日の購入額"},
    # comments and themes
    "nps.themes.title": {"en": "Recurring themes", "ja": "繰り返し出てくる話題"},
    "nps.themes.chart": {"en": "Comments per theme (colour: the theme's NPS)",
                         "ja": "話題ごとのコメント数（色は話題の NPS）"},
    "nps.themes.sort": {"en": "Order themes by", "ja": "話題の並び順"},
    "nps.themes.sort.comments": {"en": "Most mentioned", "ja": "多い順"},
    "nps.themes.sort.nps": {"en": "Lowest NPS first", "ja": "NPS の低い順"},
    "nps.themes.x": {"en": "Comments", "ja": "コメント数"},
    "nps.themes.bar": {"en": "{n} · NPS {nps}", "ja": "{n} 件・NPS {nps}"},
    "nps.themes.none": {
        "en": "No theme recurs in the {n} comments yet (a theme needs at least two comments "
              "sharing words).",
        "ja": "{n} 件のコメントにはまだ繰り返し出てくる話題がありません（同じ言葉を含むコメントが 2 件以上必要です）。"},
    "nps.themes.none.one": {
        "en": "No theme recurs in {n} comment (a theme needs at least two comments sharing "
              "words).",
        "ja": "{n} 件のコメントにはまだ繰り返し出てくる話題がありません（同じ言葉を含むコメントが 2 件以上必要です）。"},
    "nps.themes.explain": {
        "en": "Found on this computer (no text is sent anywhere): words and word pairs in "
              "English, character sequences in Japanese, grouped when they appear in the same "
              "comments.",
        "ja": "このコンピューター上で抽出しています（文章は外部に送信しません）。英語は単語と単語の組、"
              "日本語は文字の並びを使い、同じコメントに現れるものをまとめています。"},
    "nps.themes.used": {
        "en": "Based on the {used} most recent of {texts} different texts ({comments} comments).",
        "ja": "{texts} 種類の文章のうち最近の {used} 種類（コメント {comments} 件）に基づきます。"},
    "nps.tcol.theme": {"en": "Theme", "ja": "話題"},
    "nps.tcol.comments": {"en": "Comments", "ja": "コメント数"},
    "nps.tcol.nps": {"en": "NPS", "ja": "NPS"},
    "nps.tcol.ci_low": {"en": "95% low", "ja": "95% 下限"},
    "nps.tcol.ci_high": {"en": "95% high", "ja": "95% 上限"},
    "nps.tcol.examples": {"en": "Examples", "ja": "例"},
    "nps.comments.title": {"en": "Comments", "ja": "コメント"},
    "nps.comments.group": {"en": "Score group", "ja": "点数グループ"},
    "nps.comments.all": {"en": "All answers", "ja": "すべての回答"},
    "nps.comments.search": {"en": "Search the comments", "ja": "コメントを検索"},
    "nps.comments.search_hint": {"en": "e.g. delivery", "ja": "例：配送"},
    "nps.comments.download": {"en": "Download these {n} comments (CSV)",
                               "ja": "表示中の {n} 件のコメントをダウンロード（CSV）"},
    "nps.comments.download.one": {"en": "Download the {n} comment shown (CSV)",
                                   "ja": "表示中の {n} 件のコメントをダウンロード（CSV）"},
    "nps.comments.none": {"en": "No comment matches.", "ja": "該当するコメントはありません。"},
    "nps.comments.count": {"en": "{n} comments match; the newest {shown} are shown.",
                           "ja": "該当するコメントは {n} 件です。新しい順に {shown} 件を表示しています。"},
    "nps.comments.count_all": {"en": "{n} comments match, newest first.",
                               "ja": "該当するコメントは {n} 件です（新しい順）。"},
    "nps.comments.count_all.one": {"en": "{n} comment matches.",
                                   "ja": "該当するコメントは {n} 件です。"},
    "nps.ccol.responded_at": {"en": "Answered", "ja": "回答日時"},
    "nps.ccol.score": {"en": "Score", "ja": "点数"},
    "nps.ccol.group": {"en": "Group", "ja": "グループ"},
    "nps.ccol.touchpoint": {"en": "Touchpoint", "ja": "接点"},
    "nps.ccol.channel": {"en": "Channel", "ja": "チャネル"},
    "nps.ccol.comment": {"en": "Comment", "ja": "コメント"},
}
