"""The canonical fields of each kind of file and the headers that name them.

Every kind (orders, customers, referrals, survey answers) has its fields, each with the header
texts that name it in English and Japanese exports (matched after NFKC normalisation, see
reading.normalise_header), and the fields a file of that kind cannot do without. A mapping is a
plain dict {canonical field: header text}; the Data page shows it and lets the user change it,
and `import_file(..., mapping=...)` takes it back.
"""
from __future__ import annotations

KINDS = ("transactions", "customers", "referrals", "surveys")

# canonical field -> synonyms (matched after normalise_header). Order of fields matters only
# for display. Exact synonyms are tried before the keyword rules below.
FIELDS: dict[str, dict[str, list[str]]] = {
    "transactions": {
        "order_id": ["order id", "order number", "order no", "order", "order_id", "orderid",
                     "transaction id", "receipt number", "receipt no", "invoice number",
                     "invoice id", "sale id", "ticket id", "id",
                     "注文番号", "注文id", "受注番号", "取引id", "取引no", "取引番号", "伝票番号",
                     "会計id", "レシート番号", "オーダー番号", "注文no"],
        "customer_id": ["customer id", "customer", "customer number", "customer no", "client id",
                        "member id", "buyer id", "customer reference id", "buyer user id",
                        "user id", "会員id", "顧客id", "会員番号", "顧客番号", "注文者のユーザーid",
                        "お客様番号"],
        "email": ["email", "e mail", "email address", "customer email", "billing email",
                  "buyer email", "メールアドレス", "eメール", "注文者メールアドレス",
                  "メールアドレス(請求先)"],
        "customer_name": ["customer name", "billing name", "full name", "buyer name",
                          "氏名", "お名前", "注文者名", "注文者の氏名", "顧客名"],
        "ordered_at": ["ordered at", "order date", "order date time", "created at", "created",
                       "created (utc)", "created date (utc)", "date", "datetime",
                       "transaction date", "purchase date", "sale date", "paid at",
                       "date paid", "timestamp", "invoice date", "order datetime",
                       "注文日時", "注文日", "会計日", "取引日時", "端末取引日時", "購入日時",
                       "購入日", "受注日", "売上日", "日付", "日時", "注文日付"],
        "ordered_time": ["time", "order time of day", "時間", "時刻", "会計時間", "注文時間"],
        "amount": ["amount", "total", "order total", "total amount", "grand total",
                   "total price", "total collected", "revenue", "sales", "gross",
                   "gross sales", "net sales", "order value", "value", "total sales",
                   "支払合計", "お支払い合計", "お支払合計", "合計", "合計金額", "修正後合計",
                   "請求金額", "ご注文金額", "注文の合計",
                   "売上合計", "総売上", "売上", "売上金額", "金額", "支払金額", "税込合計"],
        "unit_price": ["unit price", "price", "unitprice", "price each", "item price",
                       "lineitem price", "単価", "販売単価", "価格"],
        "line_total": ["line total", "line amount", "item total", "lineitem total",
                       "extended price", "明細金額"],
        "refunded": ["refunded amount", "amount refunded", "refund amount", "refunds",
                     "partial refunds", "返金額", "合計返金額"],
        "refund_of": ["reference txn id", "reference transaction id", "original transaction id",
                      "original order id", "refund of", "parent transaction id", "元取引id",
                      "返品元取引id"],
        "currency": ["currency", "currency code", "order currency", "通貨"],
        "channel": ["channel", "sales channel", "source", "location", "store", "shop",
                    "order type", "店舗名", "店舗", "購入元", "販売チャネル", "チャネル"],
        "items": ["items", "quantity", "qty", "item count", "number of items", "units",
                  "lineitem quantity", "商品点数", "数量", "個数", "注文数量", "点数"],
        "discount": ["discount", "discounts", "discount amount", "discount total",
                     "値引き", "割引", "割引額", "値引額", "割引/割増合計(税込)"],
        "discount_code": ["discount code", "coupon code", "coupon", "promo code", "voucher",
                          "クーポンコード", "クーポン", "割引コード"],
        "product_category": ["product category", "category", "product type", "item category",
                             "カテゴリ", "カテゴリー", "カテゴリー名", "商品カテゴリ", "部門"],
        "status": ["status", "financial status", "order status", "transaction status",
                   "payment status", "event type", "type", "ステータス", "受注ステータス",
                   "注文状況", "取引区分", "入金状況"],
    },
    "customers": {
        "customer_id": ["customer id", "customer", "customer number", "customer no", "client id",
                        "member id", "user id", "id", "会員id", "顧客id", "会員番号", "顧客番号",
                        "お客様番号"],
        "email": ["email", "e mail", "email address", "customer email", "contact email",
                  "メールアドレス", "eメール"],
        "name": ["name", "full name", "customer name", "氏名", "お名前", "顧客名", "名前"],
        "first_name": ["first name", "given name", "名", "名(請求先)"],
        "last_name": ["last name", "surname", "family name", "姓", "氏(請求先)"],
        "first_seen": ["first seen", "created at", "created", "signup date", "sign up date",
                       "date registered", "registered", "joined", "first order date",
                       "customer since", "登録日", "会員登録日", "初回購入日", "入会日"],
        "acquisition_channel": ["acquisition channel", "channel", "source", "utm source",
                                "how did you hear about us", "流入元", "獲得チャネル", "チャネル"],
        "referred_by": ["referred by", "referrer", "referrer id", "referred by customer id",
                        "紹介者", "紹介者id"],
        "region": ["region", "province", "state", "province code", "prefecture", "city",
                   "default address province code", "都道府県", "地域"],
    },
    "referrals": {
        "referrer_id": ["referrer id", "advocate id", "referrer customer id", "referrer",
                        "紹介者id", "紹介者会員id", "紹介者"],
        "referrer_email": ["referrer email", "advocate email", "referring customer",
                           "sharer", "紹介者メールアドレス"],
        "referred_id": ["referred id", "friend id", "referee id", "referred customer id",
                        "referred", "被紹介者id"],
        "referred_email": ["referred email", "friend email", "purchaser email",
                           "referred customer", "referee", "referee email",
                           "被紹介者メールアドレス", "お友達メールアドレス"],
        "referred_at": ["referred at", "referral date", "date", "created", "created at",
                        "shared at", "紹介日", "日付"],
        "code": ["referral code", "code", "coupon code", "discount code", "friend discount code",
                 "referral coupon", "紹介コード", "クーポンコード", "クーポン"],
        "status": ["status", "reward", "reward status", "ステータス", "状態"],
    },
    "surveys": {
        "response_id": ["response id", "respondent id", "responseid", "#", "id", "token",
                        "回答id", "回答番号"],
        "customer_id": ["customer id", "customer", "member id", "custom data 1",
                        "externalreference", "会員id", "顧客id"],
        "email": ["email", "email address", "e mail", "recipientemail", "respondent email",
                  "contact email", "contact email address", "メールアドレス"],
        "order_id": ["order id", "order number", "order", "注文番号", "注文id"],
        "responded_at": ["responded at", "submit date (utc)", "submitted at", "submitted",
                         "end date", "enddate", "recordeddate", "timestamp", "created at",
                         "date", "response date", "タイムスタンプ", "回答日時", "送信日時",
                         "回答日", "日付"],
        "score": ["score", "nps", "nps score", "rating", "likelihood to recommend",
                  "推奨度", "おすすめ度", "点数", "評価"],
        "comment": ["comment", "comments", "feedback", "reason", "open ended response",
                    "response", "response text", "follow up response",
                    "コメント", "理由", "ご意見", "ご感想", "自由記述"],
        "touchpoint": ["touchpoint", "touch point", "survey", "survey name", "trigger",
                       "タッチポイント", "接点"],
        "channel": ["channel", "source", "チャネル"],
        "response_type": ["response type", "finished", "status", "回答完了"],
    },
}

REQUIRED = {
    "transactions": [("ordered_at",), ("amount", "line_total", "unit_price")],
    "customers": [("customer_id", "email")],
    "referrals": [("referrer_id", "referrer_email"), ("referred_id", "referred_email", "code")],
    "surveys": [("score",)],   # without a date column the file's survey date is asked for
}

# Header keywords that mark the NPS question when the header is the question's text.
NPS_WORDS = ("recommend", "likely", "nps", "推奨", "すすめ", "勧め", "紹介", "おすすめ")
# The tool's own promoter/passive/detractor column (HubSpot "Sentiment", Qualtrics
# Q1_NPS_GROUP): derived from the score, never the comment.
GROUP_WORDS = ("sentiment", "nps group", "group", "category", "推奨者", "区分")


def field_names(kind: str) -> list[str]:
    return list(FIELDS[kind])


def satisfies(kind: str, mapping: dict) -> bool:
    return all(any(f in mapping for f in alts) for alts in REQUIRED[kind])


def missing_fields(kind: str, mapping: dict) -> list[str]:
    return [" or ".join(alts) for alts in REQUIRED[kind] if not any(f in mapping for f in alts)]
