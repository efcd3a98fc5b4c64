"""Known export layouts, recognised by their signature columns (never by position).

A profile fixes what the generic synonym mapper cannot know: which of Shopify's many columns is
the order id (`Name`), that line-item rows must be rolled up to one order, which rows are noise
(test payments, non-sales ledger rows, partial survey answers), which statuses are cancellations
and which column holds refunds. Anything not listed here falls back to mapping.auto_map.

Skip and cancel rules are (code, column header, values): a row is skipped when the normalised
value of that column is one of the values ("*" means any non-empty value, "~text" a value that
contains the text).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from cx.ingest.fields import NPS_WORDS
from cx.ingest.reading import normalise_header


@dataclass(frozen=True)
class Profile:
    key: str
    label_en: str
    label_ja: str
    kind: str
    signature: tuple[str, ...]
    mapping: dict = field(default_factory=dict)       # field -> header or tuple of alternatives
    line_items: bool = False                          # one row per item: roll up to one order
    amount_agg: str = "sum"                           # 'first' (order total repeated) or 'sum'
    skip: tuple = ()                                  # (code, header, values)
    default_currency: str | None = None
    date_order: str | None = None                     # used (with a warning) when ambiguous
    decimal_comma: bool = False
    subheader: int = 0                                # header rows after the header
    min_share: float = 0.75                           # share of signature columns required
    packed_items: str | None = None                   # items packed in cells <prefix>1, 2, ...
    non_sale: tuple[str, str] | None = None           # (skip code, header): amount not a sale

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def resolve(self, headers: list[str]) -> dict:
        """{field: header} for the headers present in this file."""
        norm = {normalise_header(h): h for h in reversed(headers)}
        out = {}
        for f, alts in self.mapping.items():
            for alt in (alts if isinstance(alts, tuple) else (alts,)):
                if normalise_header(alt) in norm:
                    out[f] = norm[normalise_header(alt)]
                    break
        return out


PROFILES: list[Profile] = [
    Profile(
        "shopify_orders", "Shopify orders export", "Shopify 注文エクスポート", "transactions",
        ("Name", "Financial Status", "Lineitem name", "Lineitem quantity", "Paid at",
         "Created at", "Total"),
        {"order_id": "Name", "email": "Email", "customer_name": "Billing Name",
         "ordered_at": ("Created at", "Paid at"), "amount": "Total",
         "refunded": "Refunded Amount", "currency": "Currency", "channel": "Source",
         "items": "Lineitem quantity", "discount": "Discount Amount",
         "discount_code": "Discount Code", "status": "Financial Status",
         "cancelled_at": "Cancelled at", "payment_method": "Payment Method"},
        line_items=True, amount_agg="first",
        skip=(("cancelled", "Financial Status", ("voided",)),
              ("cancelled", "Cancelled at", ("*",)),
              ("test", "Payment Method", ("bogus", "(for testing) bogus gateway", "test"))),
    ),
    Profile(
        "shopify_customers", "Shopify customers export", "Shopify 顧客エクスポート", "customers",
        ("Customer ID", "Accepts Email Marketing", "Total Spent", "Total Orders", "First Name",
         "Email"),
        {"customer_id": "Customer ID", "email": "Email", "first_name": "First Name",
         "last_name": "Last Name",
         "region": ("Default Address Province Code", "Province Code", "Province")},
        min_share=0.6,
    ),
    Profile(
        "square_transactions", "Square transactions export", "Square 取引エクスポート",
        "transactions",
        ("Date", "Time", "Time Zone", "Gross Sales", "Total Collected", "Transaction ID",
         "Event Type"),
        {"order_id": "Transaction ID", "customer_id": "Customer ID",
         "customer_name": "Customer Name", "ordered_at": "Date", "ordered_time": "Time",
         "amount": "Total Collected", "channel": ("Location", "Source"),
         "discount": "Discounts", "discount_code": "Discount Name", "status": "Event Type"},
        skip=(("cancelled", "Transaction Status", ("failed", "voided", "canceled",
                                                    "cancelled")),),
        default_currency="USD", date_order="monthfirst",
        non_sale=("gift_card", "Gift Card Sales"),   # gift card sales are not revenue
    ),
    Profile(
        "square_items", "Square item details export", "Square 商品明細エクスポート",
        "transactions",
        ("Date", "Time Zone", "Category", "Item", "Qty", "Price Point Name",
         "Modifiers Applied", "Transaction ID"),
        {"order_id": "Transaction ID", "customer_id": "Customer ID",
         "customer_name": "Customer Name", "ordered_at": "Date", "ordered_time": "Time",
         "amount": "Net Sales", "channel": "Location", "items": "Qty",
         "discount": "Discounts", "product_category": "Category", "status": "Event Type"},
        line_items=True, amount_agg="sum", default_currency="USD", date_order="monthfirst",
    ),
    Profile(
        "stripe_payments", "Stripe payments export", "Stripe 決済エクスポート", "transactions",
        ("id", "Amount", "Amount Refunded", "Currency", "Status", "Mode"),
        {"order_id": "id", "customer_id": "Customer ID", "email": "Customer Email",
         "ordered_at": ("Created date (UTC)", "Created (UTC)"), "amount": "Amount",
         "refunded": "Amount Refunded", "currency": "Currency", "status": "Status"},
        skip=(("test", "Mode", ("test",)),
              ("cancelled", "Status", ("failed", "canceled", "cancelled")),
              ("cancelled", "Captured", ("false",))),
        min_share=0.8,
    ),
    Profile(
        "paypal_activity", "PayPal activity download", "PayPal 取引履歴", "transactions",
        ("Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Net",
         "Transaction ID", "Reference Txn ID"),
        {"order_id": "Transaction ID", "refund_of": "Reference Txn ID", "ordered_at": "Date",
         "ordered_time": "Time", "amount": "Gross", "currency": "Currency",
         "email": "From Email Address", "customer_name": "Name", "status": "Status"},
        skip=(("not_a_sale", "Type", (
            "general currency conversion", "currency conversion", "general withdrawal",
            "withdrawal", "general withdrawal bank account", "transfer", "fee", "payout",
            "general account correction", "hold on balance for dispute investigation",
            "reversal of general account hold", "bank deposit to pp account",
            "general credit card withdrawal", "user initiated withdrawal")),),
        min_share=0.8,
    ),
    Profile(
        "woocommerce_orders", "WooCommerce orders export", "WooCommerce 注文エクスポート",
        "transactions",
        ("order_id", "order_number", "order_date", "order_total", "status", "order_currency"),
        {"order_id": "order_number", "customer_id": "customer_id",
         "email": ("customer_email", "billing_email"), "ordered_at": "order_date",
         "amount": "order_total", "currency": "order_currency",
         "discount": "discount_total", "status": "status",
         "discount_code": "coupon_items", "refunded": "refund_items"},
        skip=(("cancelled", "status", ("wc cancelled", "cancelled", "wc failed", "failed")),),
        min_share=0.8, packed_items="line_item_",
    ),
    Profile(
        "airregi", "Airレジ sales journal (会計明細)", "Airレジ 会計明細", "transactions",
        ("取引No", "会計日", "会計時間", "合計", "メニュー名", "注文数量"),
        {"order_id": "取引No", "ordered_at": "会計日", "ordered_time": "会計時間",
         "amount": ("修正後合計", "合計"), "items": "注文数量",
         "discount": "割引/割増合計(税込)", "product_category": "カテゴリー名"},
        line_items=True, amount_agg="first", default_currency="JPY",
    ),
    Profile(
        "base_orders", "BASE orders export", "BASE 注文CSV", "transactions",
        ("注文ID", "注文日時", "氏(請求先)", "名(請求先)", "商品名", "バリエーション"),
        {"order_id": "注文ID", "email": "メールアドレス(請求先)", "ordered_at": "注文日時",
         "amount": "合計金額", "items": "数量", "channel": "購入元", "status": "発送状況"},
        line_items=True, amount_agg="first", default_currency="JPY",
        skip=(("cancelled", "発送状況", ("キャンセル", "キャンセル済み")),
              # reference §5.1 is_test: テスト注文 written in the order memo
              ("test", "注文メモ", ("~テスト注文",))),
    ),
    Profile(
        "smaregi", "スマレジ transaction history (取引履歴)", "スマレジ 取引履歴", "transactions",
        ("取引ID", "取引日時", "取引区分", "取消区分", "小計", "合計"),
        {"order_id": "取引ID", "customer_id": "会員ID", "ordered_at": ("端末取引日時", "取引日時"),
         "amount": "合計", "discount": "小計値引き"},
        skip=(("not_a_sale", "取引区分", ("2", "3", "4", "5", "6", "7", "8", "11", "13", "14",
                                          "16")),
              ("cancelled", "取消区分", ("1",))),
        default_currency="JPY", min_share=0.8,
    ),
    Profile(
        "surveymonkey", "SurveyMonkey responses export", "SurveyMonkey 回答エクスポート",
        "surveys",
        ("Respondent ID", "Collector ID", "Start Date", "End Date"),
        {"response_id": "Respondent ID", "responded_at": "End Date",
         "email": "Email Address", "order_id": "Custom Data 1"},
        subheader=1, date_order="monthfirst",
    ),
    Profile(
        "qualtrics", "Qualtrics responses export", "Qualtrics 回答エクスポート", "surveys",
        ("StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate", "ResponseId"),
        {"response_id": "ResponseId", "responded_at": ("RecordedDate", "EndDate"),
         "email": "RecipientEmail", "order_id": "ExternalReference",
         "response_type": "Finished"},
        skip=(("test", "Status", ("survey preview", "spam", "1", "8")),),
        subheader=2, min_share=0.7,
    ),
    Profile(
        "typeform", "Typeform responses export", "Typeform 回答エクスポート", "surveys",
        ("#", "Submit Date (UTC)", "Network ID"),
        {"response_id": "#", "responded_at": "Submit Date (UTC)", "email": "email",
         "order_id": "order_id", "customer_id": "customer_id",
         "response_type": "Response Type"},
        skip=(("partial", "Response Type", ("partial",)),),
    ),
    Profile(
        "google_forms", "Google Forms responses", "Google フォームの回答", "surveys",
        ("Timestamp",), {"responded_at": "Timestamp", "email": "Email Address"},
        date_order="monthfirst", min_share=1.0,
    ),
    Profile(
        "google_forms_ja", "Google Forms responses (Japanese)", "Google フォームの回答",
        "surveys", ("タイムスタンプ",),
        {"responded_at": "タイムスタンプ", "email": "メールアドレス"},
        min_share=1.0,
    ),
]


def detect(headers: list[str]) -> Profile | None:
    """The profile whose signature columns are (mostly) present; the most specific wins."""
    norm = {normalise_header(h) for h in headers}
    best, best_hits = None, 0
    for p in PROFILES:
        sig = [normalise_header(s) for s in p.signature]
        hits = sum(1 for s in sig if s in norm)
        if hits / len(sig) >= p.min_share and hits > best_hits:
            best, best_hits = p, hits
    if best is not None and best.kind == "surveys" and best.key.startswith("google_forms"):
        # a Timestamp column alone is weak: require a question that reads like NPS
        if not any(any(w in h for w in NPS_WORDS) for h in norm):
            return None
    return best


def by_key(key: str) -> Profile | None:
    return next((p for p in PROFILES if p.key == key), None)
