"""Sentences for data a shop has not loaded (cx.available): what is missing, which file adds it."""
STRINGS = {
    "absent.with_what": {"en": "{what}: {text}", "ja": "{what}：{text}"},
    "absent.orders": {
        "en": "No orders loaded yet: import an orders export on the Data page.",
        "ja": "注文データがまだありません。データページで注文ファイルを取り込んでください。"},
    "absent.customer_ids": {
        "en": "Your orders carry no customer: import an orders export with a customer ID or "
              "e-mail column to follow customers over time.",
        "ja": "注文に顧客の情報がありません。顧客 ID かメールアドレスの列がある注文ファイルを取り込むと、"
              "顧客ごとの推移がわかります。"},
    "absent.referrals": {
        "en": "No referral data loaded: import a referrals file (or a customers file with a "
              "“referred by” column) to see it.",
        "ja": "紹介データがありません。紹介ファイル（または「紹介者」列のある顧客ファイル）を取り込むと"
              "表示されます。"},
    "absent.surveys": {
        "en": "No survey answers loaded: import a survey file (a 0–10 score per answer) to see it.",
        "ja": "アンケート回答がありません。アンケートファイル（回答ごとに 0〜10 点）を取り込むと表示されます。"},
    "absent.channels": {
        "en": "Your orders have no sales channel: import an orders export with a channel column "
              "to see it.",
        "ja": "注文に販売チャネルの情報がありません。チャネル列のある注文ファイルを取り込むと表示されます。"},
    "absent.categories": {
        "en": "Your orders have no product category: import an orders export with a category "
              "column to see it.",
        "ja": "注文に商品カテゴリーの情報がありません。カテゴリー列のある注文ファイルを取り込むと表示されます。"},
    "absent.discounts": {
        "en": "Your orders have no discounts: import an orders export with a discount or coupon "
              "column to see it.",
        "ja": "注文に割引の情報がありません。割引額かクーポン列のある注文ファイルを取り込むと表示されます。"},
    "absent.names": {
        "en": "No customer names loaded: import a customers file with a name column to see them.",
        "ja": "顧客の氏名がありません。氏名列のある顧客ファイルを取り込むと表示されます。"},
    "absent.emails": {
        "en": "No customer e-mails loaded: import a customers file with an e-mail column to see "
              "them.",
        "ja": "顧客のメールアドレスがありません。メール列のある顧客ファイルを取り込むと表示されます。"},
    "absent.acquisition_channels": {
        "en": "No acquisition channels loaded: import a customers file with an acquisition "
              "channel column to see them.",
        "ja": "獲得チャネルの情報がありません。獲得チャネル列のある顧客ファイルを取り込むと表示されます。"},
    "absent.regions": {
        "en": "No customer regions loaded: import a customers file with a region column to see "
              "them.",
        "ja": "顧客の地域の情報がありません。地域列のある顧客ファイルを取り込むと表示されます。"},
    "absent.touchpoints": {
        "en": "Your survey answers have no touchpoint: import a survey file with a touchpoint "
              "column to see it.",
        "ja": "アンケート回答にタッチポイントの情報がありません。タッチポイント列のあるアンケートファイルを"
              "取り込むと表示されます。"},
    "absent.comments": {
        "en": "Your survey answers have no comments: import a survey file with a comment column "
              "to see them.",
        "ja": "アンケート回答にコメントがありません。コメント列のあるアンケートファイルを取り込むと"
              "表示されます。"},
    "absent.several": {
        "en": "Not in your data yet: {names}. A customers file or a richer orders or survey "
              "export adds them.",
        "ja": "まだデータにないもの：{names}。顧客ファイル、または列の多い注文・アンケートファイルを"
              "取り込むと追加されます。"},
    "absent.list_sep": {"en": ", ", "ja": "、"},
    "absent.name.orders": {"en": "orders", "ja": "注文"},
    "absent.name.customer_ids": {"en": "customer IDs", "ja": "顧客 ID"},
    "absent.name.referrals": {"en": "referrals", "ja": "紹介"},
    "absent.name.surveys": {"en": "survey answers", "ja": "アンケート回答"},
    "absent.name.channels": {"en": "sales channels", "ja": "販売チャネル"},
    "absent.name.categories": {"en": "product categories", "ja": "商品カテゴリー"},
    "absent.name.discounts": {"en": "discounts", "ja": "割引"},
    "absent.name.names": {"en": "customer names", "ja": "顧客の氏名"},
    "absent.name.emails": {"en": "customer e-mails", "ja": "メールアドレス"},
    "absent.name.acquisition_channels": {"en": "acquisition channels", "ja": "獲得チャネル"},
    "absent.name.regions": {"en": "regions", "ja": "地域"},
    "absent.name.touchpoints": {"en": "touchpoints", "ja": "タッチポイント"},
    "absent.name.comments": {"en": "survey comments", "ja": "アンケートのコメント"},
}
