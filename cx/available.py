"""What data exists: which kinds of file and which columns the shop has loaded.

Most shops start with one orders export (customer, date, quantity, amount). A number that needs a
kind of data the shop has not loaded (referrals, surveys, channels, categories, discounts, names,
e-mails) is not a zero: every page asks `available(cur)` and shows `absent_sentence(...)`, one
sentence naming the file that adds it, instead (DESIGN.md "Absent is not zero"). A measured zero
(referral data exists, nobody was referred in the window) stays a zero.

Availability is about the whole store, not the analysis period: a referrals file that has no rows
in the chosen dates still makes "0 referred customers" a measurement.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from cx import i18n
from cx.cache import kept
from cx.scope import TX_UNTIL_END, Scope
from cx.store import one

# The kinds a page can need, in the order sentences list them.
KINDS = ("orders", "customer_ids", "referrals", "surveys", "channels", "categories", "discounts",
         "names", "emails", "acquisition_channels", "regions", "touchpoints", "comments")

AVAILABLE_SQL = """
SELECT
    EXISTS (SELECT 1 FROM transactions) AS orders,
    EXISTS (SELECT 1 FROM transactions WHERE customer_id IS NOT NULL) AS customer_ids,
    EXISTS (SELECT 1 FROM referrals) AS referrals,
    EXISTS (SELECT 1 FROM survey_responses) AS surveys,
    EXISTS (SELECT 1 FROM transactions WHERE channel IS NOT NULL) AS channels,
    EXISTS (SELECT 1 FROM transactions WHERE product_category IS NOT NULL) AS categories,
    EXISTS (SELECT 1 FROM transactions
            WHERE discount IS NOT NULL OR discount_code IS NOT NULL) AS discounts,
    EXISTS (SELECT 1 FROM customers WHERE name IS NOT NULL) AS names,
    EXISTS (SELECT 1 FROM customers WHERE email IS NOT NULL) AS emails,
    EXISTS (SELECT 1 FROM customers WHERE acquisition_channel IS NOT NULL) AS acquisition_channels,
    EXISTS (SELECT 1 FROM customers WHERE region IS NOT NULL) AS regions,
    EXISTS (SELECT 1 FROM survey_responses WHERE touchpoint IS NOT NULL) AS touchpoints,
    EXISTS (SELECT 1 FROM survey_responses WHERE comment IS NOT NULL) AS comments
"""


@dataclass(frozen=True)
class Available:
    """Which kinds of data exist in the store (True: at least one row carries it)."""
    orders: bool = False
    customer_ids: bool = False  # orders with a customer: customer metrics are possible
    referrals: bool = False
    surveys: bool = False
    channels: bool = False  # sales channel on orders
    categories: bool = False  # product category on orders
    discounts: bool = False  # discount amount or code on orders
    names: bool = False  # customer names
    emails: bool = False  # customer e-mails
    acquisition_channels: bool = False  # how customers were acquired (customers file)
    regions: bool = False  # customer regions (customers file)
    touchpoints: bool = False  # survey touchpoints
    comments: bool = False  # survey comments

    def has(self, kind: str) -> bool:
        if kind not in KINDS:
            raise ValueError(f"unknown data kind {kind!r}; one of {', '.join(KINDS)}")
        return bool(getattr(self, kind))

    def missing(self, *kinds: str) -> tuple[str, ...]:
        """The kinds among `kinds` that the data does not have, in the order given."""
        return tuple(k for k in kinds if not self.has(k))


def available(cur) -> Available:
    """What exists in the store (one query of EXISTS checks: cheap at any size)."""
    row = one(cur, AVAILABLE_SQL)
    names = [f.name for f in fields(Available)]
    return Available(**{n: bool(v) for n, v in zip(names, row)})


# Columns of people tables that hold a kind of data: left out of a table when it is absent.
COLUMN_KINDS = {"name": "names", "email": "emails", "acquisition_channel": "acquisition_channels",
                "region": "regions", "channel": "channels", "product_category": "categories",
                "nps_score": "surveys", "referrals": "referrals",
                "active_referrals": "referrals", "referral_value": "referrals",
                "chain_referrals": "referrals", "chain_value": "referrals"}


def present_columns(columns, avail: Available) -> list[str]:
    """`columns` without those holding a kind of data the store does not have (a name column
    of a shop without names would show "None" on every row)."""
    return [c for c in columns if c not in COLUMN_KINDS or avail.has(COLUMN_KINDS[c])]


def absent_sentence(kind: str, lang: str = "en", what: str | None = None) -> str:
    """One sentence: the data has no `kind`, and which file adds it. `what` (already translated)
    names the number or view that needs it ("Revenue from referred customers")."""
    if kind not in KINDS:
        raise ValueError(f"unknown data kind {kind!r}")
    text = i18n.t(f"absent.{kind}", lang)
    return i18n.t("absent.with_what", lang, what=what, text=text) if what else text


def absent_list_sentence(kinds, lang: str = "en") -> str | None:
    """One sentence for several absent kinds (e.g. the segment splits a page cannot offer)."""
    kinds = [k for k in kinds if k in KINDS]
    if not kinds:
        return None
    names = i18n.t("absent.list_sep", lang).join(i18n.t(f"absent.name.{k}", lang) for k in kinds)
    return i18n.t("absent.several", lang, names=names)


NULL_CUSTOMER_SQL = f"""
SELECT COUNT(*) FROM transactions WHERE customer_id IS NULL AND {TX_UNTIL_END}
    AND ordered_at >= $start
"""


@kept
def orders_without_customer(cur, scope: Scope | None = None) -> int:
    """Orders with no customer_id (POS exports often have none): counted in revenue, left out of
    every customer metric; in the scope's dates and currency, or in all the data when `scope`
    is None."""
    return int(one(cur, NULL_CUSTOMER_SQL, (scope or Scope()).params())[0])
