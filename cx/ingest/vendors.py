"""What shop, POS, payment, referral and survey tools write in their exports, as data: the
status and type words that mark a row as noise (skipped and counted, cx.ingest.noise), a fully
refunded order or a return (cx.ingest.transactions), and the conventions of their cells.

A known export layout's own rules (which column is the order id, its own skip words) are in
cx.ingest.profiles; the words here apply to any file whose column is mapped to the field.
Words are compared normalised (lower case, `_ - .` folded to spaces: `wc-refunded` is
`wc refunded`).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowRule:
    """Rows of a `kind` of file whose column holds one of `words` are skipped and counted under
    `code` (a word `~text` matches a value containing the text, `^text` one starting with it).
    The column is the one mapped to `field`, else the first of `headers` the file has; `needs`
    are fields the file must have mapped for the rule to apply."""
    code: str
    kind: str
    words: tuple[str, ...]
    field: str | None = None
    headers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()


# An order that never happened: cancelled, voided, failed or declined.
CANCELLED = ("cancelled", "canceled", "void", "voided", "failed", "declined", "denied",
             "キャンセル", "取消", "取り消し", "無効")

# Applied in this order after the layout's own skip rules; the first that holds names the row.
ROW_RULES: tuple[RowRule, ...] = (
    RowRule("cancelled", "transactions", CANCELLED, field="status"),
    RowRule("test", "transactions", ("test", "test mode", "テスト"), field="status"),
    # a feedback export mixing survey kinds (HubSpot: NPS, CSAT 0-2, CES 1-7): only the NPS
    # answers are NPS scores
    RowRule("not_nps", "surveys", ("csat", "ces", "customer satisfaction", "customer effort",
                                   "customer effort score", "customer satisfaction score"),
            headers=("survey type", "feedback type", "survey kind"), needs=("score",)),
    # unfinished answers (a response type `partial`, a `finished` of false or 0) and previews
    RowRule("partial", "surveys", ("partial", "false", "0", "no", "incomplete", "未完了"),
            field="response_type"),
    RowRule("test", "surveys", ("survey preview", "preview", "test"), field="response_type"),
    # a referral the referral tool turned down (`rejected`, or any status starting so)
    RowRule("not_approved", "referrals", ("cancelled", "canceled", "declined", "void",
                                          "^rejected"), field="status"),
)

# A fully refunded order (Shopify `refunded`, WooCommerce `wc-refunded`, BASE 返金済み): its
# revenue is gone even when the refund column is empty (or there is none); it stays an order of
# net amount 0.
REFUNDED = ("refunded", "wc refunded", "返金済み")
# A return or refund row written with a positive amount (EZレジ 取引区分=返品): its amount
# counts negative.
RETURNS = ("refund", "return", "returned", "payment refund", "返品", "返金", "払戻")

# A customer id that means a guest checkout.
GUEST_CUSTOMER_ID = "0"
# Amounts in a file with Japanese headers and no currency anywhere are yen.
JAPANESE_CURRENCY = "JPY"
# WooCommerce (WebToffee) packs several values in one cell, `key:value|key:value`: a coupon
# `code:...|...`, refunds `amount:18.00|reason:...` (several refunds: each its own `amount:`),
# line items in `line_item_1`, `line_item_2`, ... as `name:...|quantity:2|total:...`.
PACKED_CODE_KEY = "code"
PACKED_AMOUNT_KEY = "amount"
PACKED_QUANTITY_KEYS = ("quantity", "qty")
