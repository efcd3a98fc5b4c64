"""The Retention page: cohorts, curves, revenue retention, survival, drill-down."""
STRINGS = {
    "retention.title": {"en": "Do customers come back?", "ja": "顧客は戻ってきているか"},
    "retention.how_to_read": {
        "en": "Customers are grouped by when they first bought (their cohort); each view follows "
              "a cohort over the periods after that first purchase. Orders without a customer "
              "are left out; refunds count as purchases only in revenue.",
        "ja": "顧客を初回購入の時期（コホート）でまとめ、その後の各期間に再び購入したかを追います。"
              "顧客が特定できない注文は除外し、返金は売上にのみ反映します。"},
    "retention.no_cohorts": {
        "en": "No customer has a purchase in the analysis period yet, so there is no cohort to "
              "follow. Import orders with a customer column or widen the analysis period.",
        "ja": "分析期間に顧客の購入がまだないため、追跡できるコホートがありません。顧客列のある注文を取り込むか、"
              "分析期間を広げてください。"},
    "retention.null_orders": {
        "en": "{n} orders in this period have no customer and are left out of these numbers.",
        "ja": "この期間の注文のうち {n} 件は顧客が不明のため、これらの数値から除外しています。"},
    "retention.null_orders.one": {
        "en": "{n} order in this period has no customer and is left out of these numbers.",
        "ja": "この期間の注文のうち {n} 件は顧客が不明のため、これらの数値から除外しています。"},
    "retention.small": {
        "en": "Only {n} customers so far: percentages move a lot with each customer.",
        "ja": "顧客はまだ {n} 人です。1人ごとに割合が大きく動きます。"},
    "retention.small.one": {
        "en": "Only {n} customer so far: percentages move a lot with each customer.",
        "ja": "顧客はまだ {n} 人です。1人ごとに割合が大きく動きます。"},
    # key numbers
    "retention.kpi.repeat": {"en": "Repeat purchase rate (90 days)", "ja": "リピート率（90日）"},
    "retention.kpi.repeat_help": {
        "en": "Bought again on another day within 90 days of their first purchase: {active} of "
              "{customers} customers ({basis}).{change}",
        "ja": "初回購入から90日以内に別の日に再購入した顧客: {customers} 人中 {active} 人"
              "（{basis}）。{change}"},
    "retention.kpi.month1": {"en": "Month-1 retention", "ja": "翌月リテンション"},
    "retention.kpi.month3": {"en": "Month-3 retention", "ja": "3か月後リテンション"},
    "retention.kpi.month_help": {
        "en": "Bought in calendar month {k} after their first purchase: {active} of {customers} "
              "customers ({basis}: the latest cohorts whose month {k} is over, each of at least "
              "{min} customers).{change}",
        "ja": "初回購入から{k}か月後の暦月に購入した顧客: {customers} 人中 {active} 人（{basis}。"
              "{k}か月後が終わった最新のコホートで、{min} 人以上のもの）。{change}"},
    "retention.kpi.gap": {"en": "Median days between purchases", "ja": "購入間隔の中央値（日）"},
    "retention.kpi.gap_help": {
        "en": "Middle value of {n} gaps between one customer's purchase days, for gaps ending "
              "in the analysis period.",
        "ja": "分析期間内に終わる、同じ顧客の購入日の間隔 {n} 件の中央値です。"},
    "retention.kpi.gap_help.one": {
        "en": "The only gap ({n}) between one customer's purchase days that ends in the "
              "analysis period.",
        "ja": "分析期間内に終わる、同じ顧客の購入日の間隔 {n} 件の中央値です。"},
    "retention.kpi.gap_delta_vs": {"en": "{current} vs {previous}",
                                   "ja": "{current}と{previous}の比較"},
    "retention.kpi.gap_change_help": {
        "en": "The change: the median of the gaps ending in {current} ({a} days, {na} gaps) "
              "against those ending in {previous} ({b} days, {nb} gaps). Shorter is better.",
        "ja": "変化: {current}に終わった間隔の中央値（{a} 日、{na} 件）と{previous}に終わった間隔の中央値"
              "（{b} 日、{nb} 件）の比較です。短いほど良い状態です。"},
    "retention.kpi.missing.repeat": {
        "en": "Repeat purchase rate: needs customers who first bought by {date} (90 days must "
              "have passed since the end of their first month).",
        "ja": "リピート率: {date}までに初回購入した顧客が必要です（初回購入の月の終わりから90日が"
              "経っている必要があります）。"},
    "retention.kpi.missing.month": {
        "en": "Month-{k} retention: needs customers who first bought by {date} (calendar month "
              "{k} after their first purchase must be over).",
        "ja": "{k}か月後リテンション: {date}までに初回購入した顧客が必要です（初回購入から{k}か月後の"
              "暦月が終わっている必要があります）。"},
    "retention.kpi.missing.gap": {
        "en": "Median days between purchases: needs a customer who bought on two different days.",
        "ja": "購入間隔の中央値: 2 日以上に分けて購入した顧客が必要です。"},
    "retention.kpi.missing.thin": {
        "en": "{what}: the cohorts complete so far hold {n} customers; a rate is shown from {min}.",
        "ja": "{what}：期間を終えたコホートの顧客はまだ {n} 人です。{min} 人以上で割合を表示します。"},
    "retention.kpi.missing.thin.one": {
        "en": "{what}: the cohorts complete so far hold {n} customer; a rate is shown from {min}.",
        "ja": "{what}：期間を終えたコホートの顧客はまだ {n} 人です。{min} 人以上で割合を表示します。"},
    "retention.chart.thin": {"en": "hollow: a cohort of fewer than {n} customers",
                             "ja": "白抜き：顧客 {n} 人未満のコホート"},
    "retention.kpi.not_yet": {
        "en": "Not enough history yet: no cohort has completed this window.",
        "ja": "まだ履歴が足りません。この期間を終えたコホートがありません。"},
    # controls
    "retention.period": {"en": "Cohorts by", "ja": "コホートの単位"},
    "retention.mode": {"en": "A customer counts as retained in period k if they bought",
                       "ja": "期間 k に継続とみなす条件"},
    "retention.mode.on": {"en": "in period k", "ja": "期間 k に購入"},
    "retention.mode.on_or_after": {"en": "in period k or later", "ja": "期間 k 以降に購入"},
    "retention.show": {"en": "Cells show", "ja": "セルの表示"},
    "retention.show.pct": {"en": "Percent", "ja": "割合"},
    "retention.show.count": {"en": "Customers", "ja": "顧客数"},
    "retention.tab.cohorts": {"en": "Cohorts", "ja": "コホート"},
    "retention.tab.curves": {"en": "Curves by segment", "ja": "セグメント別の曲線"},
    "retention.tab.revenue": {"en": "Revenue retention", "ja": "売上リテンション"},
    "retention.tab.survival": {"en": "Time until inactive", "ja": "離脱までの期間"},
    "retention.tab.customers": {"en": "Customers of a cohort", "ja": "コホートの顧客"},
    # period words
    "retention.unit.week": {"en": "week", "ja": "週"},
    "retention.unit.month": {"en": "month", "ja": "月"},
    "retention.unit.quarter": {"en": "quarter", "ja": "四半期"},
    "retention.units.week": {"en": "Weeks", "ja": "週"},
    "retention.units.month": {"en": "Months", "ja": "月"},
    "retention.units.quarter": {"en": "Quarters", "ja": "四半期"},
    "retention.after.week": {"en": "week {k}", "ja": "{k}週後"},
    "retention.after.month": {"en": "month {k}", "ja": "{k}か月後"},
    "retention.after.quarter": {"en": "quarter {k}", "ja": "{k}四半期後"},
    # heatmap
    "retention.chart.heatmap": {"en": "Share of each cohort buying again, by {unit}",
                                "ja": "コホート別の再購入率（{unit}単位）"},
    "retention.chart.heatmap_count": {"en": "Customers of each cohort buying again, by {unit}",
                                      "ja": "コホート別の再購入顧客数（{unit}単位）"},
    "retention.chart.x": {"en": "{units} since first purchase", "ja": "初回購入からの経過（{units}）"},
    "retention.chart.size": {"en": "Cohort size", "ja": "コホートの人数"},
    "retention.chart.avg_row": {"en": "All (weighted)", "ja": "全体（加重平均）"},
    "retention.chart.total_row": {"en": "All (total)", "ja": "全体（合計）"},
    "retention.chart.in_progress": {"en": "Period still in progress", "ja": "集計中の期間"},
    "retention.hover.cell": {
        "en": "{cohort}, {after}: {active} of {customers} customers ({pct})",
        "ja": "{cohort}、{after}: {customers} 人中 {active} 人（{pct}）"},
    "retention.hover.cell.one": {
        "en": "{cohort}, {after}: {active} of {customers} customer ({pct})",
        "ja": "{cohort}、{after}: {customers} 人中 {active} 人（{pct}）"},
    "retention.hover.avg": {
        "en": "All cohorts, {after}: {active} of {customers} customers ({pct}) over {cohorts} "
              "complete cohorts",
        "ja": "全コホート、{after}: {customers} 人中 {active} 人（{pct}）、完了した {cohorts} コホート"},
    "retention.hover.avg.one": {
        "en": "All cohorts, {after}: {active} of {customers} customer ({pct}) over {cohorts} "
              "complete cohort",
        "ja": "全コホート、{after}: {customers} 人中 {active} 人（{pct}）、完了した {cohorts} コホート"},
    "retention.hover.in_progress": {"en": "still in progress", "ja": "集計中"},
    "retention.hover.size": {"en": "{cohort}: {n} customers", "ja": "{cohort}: {n} 人"},
    "retention.hover.size.one": {"en": "{cohort}: {n} customer", "ja": "{cohort}: {n} 人"},
    "retention.hover.revenue": {
        "en": "{cohort}, {after}: revenue {revenue}, {pct} of the first period ({revenue0})",
        "ja": "{cohort}、{after}: 売上 {revenue}、最初の期間（{revenue0}）の {pct}"},
    "retention.heatmap.explain": {
        "en": "Each row is the customers whose first purchase fell in that {unit}; each cell is "
              "the share who bought in a later {unit}. Period 0 is 100% by definition; empty "
              "cells are not observed yet; a red dot marks the {unit} still in progress. The top "
              "row averages the complete cells, weighted by cohort size. Colours stop at the "
              "highest later-period value so that differences stay visible.",
        "ja": "各行はその{unit}に初回購入した顧客で、各セルはその後の{unit}に購入した割合です。期間 0 は定義上 100% "
              "です。空のセルはまだ観測されていない期間、赤い点は集計中の{unit}です。最上段は完了したセルの"
              "コホート人数による加重平均です。色は期間 1 以降の最大値で頭打ちにし、差が見えるようにしています。"},
    "retention.heatmap.truncated": {
        "en": "Showing the latest {shown} of {total} cohorts and periods 0 to {cols} so the "
              "chart stays readable; the CSV below has every cell.",
        "ja": "見やすさのため {total} コホート中、最新の {shown} コホートと期間 0〜{cols} を表示しています。"
              "すべてのセルは下の CSV にあります。"},
    "retention.download_matrix": {"en": "Download the matrix (CSV)",
                                  "ja": "マトリクスをダウンロード（CSV）"},
    # period-k line
    "retention.kline.k": {"en": "Period after first purchase", "ja": "初回購入からの期間"},
    "retention.chart.kline": {"en": "Retention in {after}, cohort by cohort",
                              "ja": "コホートごとの{after}のリテンション"},
    "retention.chart.kline_y": {"en": "Retained", "ja": "継続率"},
    "retention.chart.cohort_axis": {"en": "Cohort (first purchase)", "ja": "コホート（初回購入）"},
    "retention.chart.average": {"en": "Average of these cohorts", "ja": "これらのコホートの平均"},
    "retention.kline.explain": {
        "en": "Is retention getting better? Each point is one cohort whose {after} is over.",
        "ja": "リテンションは改善しているか。各点は{after}が終わったコホートです。"},
    "retention.kline.none": {"en": "No cohort has completed {after} yet.",
                             "ja": "{after}を終えたコホートはまだありません。"},
    # curves
    "retention.curves.by": {"en": "Split by", "ja": "分け方"},
    "retention.curves.explain": {
        "en": "Average share of customers buying in each period after their first purchase, "
              "weighted by cohort size over the cohorts whose period is complete.",
        "ja": "初回購入後の各期間に購入した顧客の割合を、期間が完了したコホートの人数で加重平均したものです。"},
    "retention.curves.min": {
        "en": "Points backed by fewer than {n} customers are left out.",
        "ja": "{n} 人未満の点は表示していません。"},
    "retention.curves.min_cohorts": {
        "en": "Points backed by fewer than {n} customers or by a single cohort are left out.",
        "ja": "{n} 人未満、または1つのコホートだけに基づく点は表示していません。"},
    "retention.chart.curves": {"en": "Retention curves", "ja": "リテンション曲線"},
    "retention.chart.curves_y": {"en": "Customers buying", "ja": "購入した顧客の割合"},
    "retention.hover.curve": {
        "en": "{name}, {after}: {pct} ({active} of {customers})",
        "ja": "{name}、{after}: {pct}（{customers} 人中 {active} 人）"},
    "retention.bands": {
        "en": "First-order value bands (a third of the customers each): low {low}, middle "
              "{middle}, high {high}.",
        "ja": "初回購入額の帯（各帯が顧客の3分の1）: 低 {low}、中 {middle}、高 {high}。"},
    # revenue
    "retention.revenue.explain": {
        "en": "Net revenue (after refunds) of each cohort in each period, relative to its first "
              "period. Above 100% means the cohort spends more than in the period it joined. "
              "The top row and the curve use complete periods only.",
        "ja": "各コホートの各期間の純売上（返金後）を、最初の期間に対する割合で示します。100% を超えると、"
              "加入した期間より多く購入しています。最上段と曲線は完了した期間のみを使います。"},
    "retention.chart.revenue_heatmap": {"en": "Revenue relative to each cohort's first {unit}",
                                        "ja": "最初の{unit}に対するコホート別売上"},
    "retention.chart.revenue_curve": {"en": "Revenue retention curve", "ja": "売上リテンション曲線"},
    "retention.chart.revenue_y": {"en": "Revenue vs first period", "ja": "最初の期間に対する売上"},
    "retention.hover.revenue_curve": {
        "en": "{name}, {after}: {pct} of first-period revenue",
        "ja": "{name}、{after}: 最初の期間の売上の {pct}"},
    # survival
    "retention.survival.horizon": {"en": "Inactive after this many days without a purchase",
                                   "ja": "購入がないまま何日で離脱とみなすか"},
    "retention.survival.by": {"en": "Split by", "ja": "分け方"},
    "retention.survival.explain": {
        "en": "Kaplan-Meier estimate of the share of customers who have not yet gone {h} days "
              "without buying, by days since their first purchase; the shaded band is the 95% "
              "interval (Greenwood). Customers still active on the analysis date count up to "
              "that day; a customer who lapses and later returns counts as lapsed.",
        "ja": "初回購入からの日数ごとに、まだ{h}日間購入が途絶えていない顧客の割合を Kaplan-Meier 法で推定"
              "しています。帯は 95% 区間（グリーンウッドの方法）です。分析基準日にまだアクティブな顧客はその日まで数え、"
              "離脱後に戻った顧客も離脱として数えます。"},
    "retention.survival.median": {
        "en": "Half of the customers have gone {h} days without buying by day {days} after their "
              "first purchase.",
        "ja": "初回購入から {days} 日目までに、半数の顧客が{h}日間購入していない状態になります。"},
    "retention.survival.no_median": {
        "en": "More than half of the customers are still active: the median is not reached.",
        "ja": "半数以上の顧客がまだアクティブなため、中央値には達していません。"},
    "retention.chart.survival": {"en": "Customers still active", "ja": "アクティブなままの顧客"},
    "retention.chart.survival_x": {"en": "Days since first purchase", "ja": "初回購入からの日数"},
    "retention.chart.survival_y": {"en": "Still active", "ja": "アクティブな割合"},
    "retention.chart.band": {"en": "95% band", "ja": "95% 区間"},
    "retention.hover.survival": {
        "en": "{name}, day {t}: {pct} still active ({n} still followed)",
        "ja": "{name}、{t}日目: {pct} がアクティブ（追跡中 {n} 人）"},
    "retention.scol.segment": {"en": "Segment", "ja": "セグメント"},
    "retention.scol.customers": {"en": "Customers", "ja": "顧客数"},
    "retention.scol.lapsed": {"en": "Lapsed so far", "ja": "離脱済み"},
    "retention.scol.median_days": {"en": "Median days to lapse", "ja": "離脱までの日数（中央値）"},
    # segments
    "retention.segment.all": {"en": "All customers", "ja": "全顧客"},
    "retention.dim.none": {"en": "No split", "ja": "分けない"},
    "retention.dim.acquisition_channel": {"en": "Acquisition channel", "ja": "獲得チャネル"},
    "retention.dim.first_order_value": {"en": "First order value", "ja": "初回購入額"},
    "retention.dim.first_product": {"en": "First product", "ja": "初回購入の商品"},
    "retention.dim.first_channel": {"en": "First order channel", "ja": "初回購入のチャネル"},
    "retention.dim.first_nps": {"en": "First NPS answer", "ja": "最初の NPS 回答"},
    "retention.dim.region": {"en": "Region", "ja": "地域"},
    "retention.seg.unknown": {"en": "Unknown", "ja": "不明"},
    "retention.seg.low": {"en": "Low first order", "ja": "初回購入額: 低"},
    "retention.seg.middle": {"en": "Middle first order", "ja": "初回購入額: 中"},
    "retention.seg.high": {"en": "High first order", "ja": "初回購入額: 高"},
    "retention.seg.promoter": {"en": "Promoter", "ja": "推奨者"},
    "retention.seg.passive": {"en": "Passive", "ja": "中立者"},
    "retention.seg.detractor": {"en": "Detractor", "ja": "批判者"},
    "retention.seg.none": {"en": "No survey answer", "ja": "アンケート回答なし"},
    # drill-down
    "retention.drill.explain": {
        "en": "Choose a cohort and a period to list its customers, those who came back first.",
        "ja": "コホートと期間を選ぶと、その顧客を一覧にします（戻ってきた顧客が先頭）。"},
    "retention.drill.cohort": {"en": "Cohort", "ja": "コホート"},
    "retention.drill.k": {"en": "Period after first purchase", "ja": "初回購入からの期間"},
    "retention.drill.show": {"en": "List", "ja": "表示する顧客"},
    "retention.drill.show.returned": {"en": "Came back", "ja": "戻ってきた顧客"},
    "retention.drill.show.lost": {"en": "Did not come back", "ja": "戻ってこなかった顧客"},
    "retention.drill.show.all": {"en": "Everyone", "ja": "全員"},
    "retention.drill.summary": {
        "en": "{active} of the {customers} customers of this cohort bought in {after}{suffix}.",
        "ja": "このコホートの {customers} 人中 {active} 人が{after}{suffix}に購入しました。"},
    "retention.drill.summary.one": {
        "en": "{active} of the {customers} customer of this cohort bought in {after}{suffix}.",
        "ja": "このコホートの {customers} 人中 {active} 人が{after}{suffix}に購入しました。"},
    "retention.drill.suffix_after": {"en": " or later", "ja": "以降"},
    "retention.drill.in_progress": {"en": "This period is still in progress.",
                                    "ja": "この期間はまだ集計中です。"},
    "retention.drill.download": {"en": "Download these customers (CSV)",
                                 "ja": "この顧客一覧をダウンロード（CSV）"},
    "retention.col.customer_id": {"en": "Customer ID", "ja": "顧客 ID"},
    "retention.col.returned": {"en": "Came back", "ja": "再購入"},
    "retention.col.name": {"en": "Name", "ja": "氏名"},
    "retention.col.email": {"en": "Email", "ja": "メール"},
    "retention.col.acquisition_channel": {"en": "Acquisition channel", "ja": "獲得チャネル"},
    "retention.col.first_purchase": {"en": "First purchase", "ja": "初回購入日"},
    "retention.col.last_purchase": {"en": "Last purchase", "ja": "最終購入日"},
    "retention.col.orders_in_period": {"en": "Purchases in period", "ja": "期間内の購入回数"},
    "retention.col.revenue_in_period": {"en": "Revenue in period", "ja": "期間内の売上"},
    "retention.col.orders_total": {"en": "Purchases in all", "ja": "購入回数（合計）"},
    "retention.col.revenue_total": {"en": "Revenue in all", "ja": "売上（合計）"},
    # meeting report
    "retention.report.month1": {
        "en": "Month-1 retention ({cohort}): {pct}{change}.",
        "ja": "翌月リテンション（{cohort}）: {pct}{change}。"},
    "retention.report.repeat": {
        "en": "Repeat purchase rate within 90 days ({cohort}): {pct}{change}.",
        "ja": "90日以内のリピート率（{cohort}）: {pct}{change}。"},
    "retention.report.change": {"en": " ({x} pt against {previous})",
                                "ja": "（{previous}比 {x} ポイント）"},
}
