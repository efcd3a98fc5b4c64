"""Loading orders: the staged rows parsed in SQL (a reject or a skip reason per row), line items
rolled up to one order, de-duplicated against what is loaded, written with their customers.

The steps, each a temporary table or view named with the import's tag:
  p0  each row's texts (its order key, customer, date, amounts, ...) and its skip reason;
  p1  (order ids repeat) order-level cells filled from the order's other rows;
  p   the values parsed, each row's reject reason, and identical rows within the file;
  g   the good rows with their key (the order id, or the row's content);
  o   one row per order.
What a tool writes in its status and cells (refunds, returns, packed cells) is in
cx.ingest.vendors.
"""
from __future__ import annotations

import re

from cx.ingest import parsing as P
from cx.ingest.noise import non_sale_col, skip_checks
from cx.ingest.plan import Plan
from cx.ingest.reading import normalise_header
from cx.ingest.referrals import derive_code_referrals
from cx.ingest.sql import (
    cell_text,
    count_by,
    folded,
    reason_case,
    row_fingerprint,
    row_hash,
    sql_list,
    sql_literal,
)
from cx.ingest.staging import has_extra
from cx.ingest.vendors import (
    GUEST_CUSTOMER_ID,
    JAPANESE_CURRENCY,
    PACKED_AMOUNT_KEY,
    PACKED_CODE_KEY,
    PACKED_QUANTITY_KEYS,
    REFUNDED,
    RETURNS,
)
from cx.store import one


def load_transactions(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    """Load the staged orders as batch `batch`; the counts and warnings of the import."""
    c = plan.col
    extra = has_extra(cur, stg)
    warnings: list[str] = []
    line_items = plan.line_items
    skip_case = reason_case(skip_checks(plan))
    order, repeats = _order_key(cur, plan, stg, skip_case)
    p0 = f"cx_p0_{tag}"
    p0_sql = _row_texts(plan, stg, order, skip_case, repeats, extra)
    if repeats:
        cur.execute(f"CREATE TEMP TABLE {p0} AS {p0_sql}")
        src = p0
    else:
        src = f"({p0_sql})"
    agg_first = plan.profile.amount_agg == "first" if plan.profile else False
    if repeats:
        src = f"cx_p1_{tag}"
        agg_first = _fill_orders(cur, plan, p0, src, agg_first, line_items, warnings)
    p = f"cx_p_{tag}"
    _parse(cur, plan, src, p, repeats, line_items, warnings)
    g = f"cx_g_{tag}"
    _key(cur, p, g, warnings)
    o = f"cx_o_{tag}"
    has_items = bool(c("items")) or _packed_items(plan) != "NULL::VARCHAR"
    _roll_up(cur, g, o, repeats, agg_first, has_items, line_items)
    cust = _customer(plan)
    # de-duplicate against what is loaded: orders already there are counted, not added
    ex = f"cx_ex_{tag}"
    cur.execute(f"CREATE TEMP TABLE {ex} AS SELECT order_id, lines FROM {o} "
                "WHERE order_id IN (SELECT order_id FROM transactions)")
    cur.execute(f"""INSERT INTO transactions (order_id, customer_id, ordered_at, amount, refunded,
            currency, channel, items, discount, discount_code, product_category, source, batch_id)
        SELECT o.order_id, {cust}, o.ordered_at, o.amount, NULLIF(o.refunded, 0), o.currency,
            o.channel, o.items,
            o.discount, o.discount_code, o.product_category, $source, $batch
        FROM {o} o WHERE o.order_id NOT IN (SELECT order_id FROM {ex})""",
                {"source": plan.source, "batch": batch})
    tot = one(cur, f"""SELECT COUNT(*), COALESCE(SUM(lines), 0), COUNT(DISTINCT currency),
        COUNT(*) FILTER (WHERE currency IS NULL) FROM {o}""")
    old = one(cur, f"SELECT COUNT(*), COALESCE(SUM(lines), 0) FROM {ex}")
    records, loaded_lines = int(tot[0] - old[0]), int(tot[1] - old[1])
    total_good = int(tot[1])
    dup_file = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    duplicate = total_good - loaded_lines + dup_file
    _add_customers(cur, o, ex, cust, batch)
    if c("discount_code") and one(cur, "SELECT EXISTS (SELECT 1 FROM referral_codes)")[0]:
        derived = derive_code_referrals(cur, batch)
        if derived:
            warnings.append(f"{derived:,} referral(s) found from orders that used a referrer's "
                            "discount code.")
    cancels = one(cur, f"SELECT COUNT(*) FROM {o} WHERE amount < 0 AND order_id NOT IN "
                       f"(SELECT order_id FROM {ex})")[0]
    warnings += _summary(plan, line_items or repeats, loaded_lines, records, cancels,
                         missing_currency=tot[3], currencies=tot[2])
    return {"loaded": loaded_lines, "duplicate": duplicate, "records": records,
            "skipped": count_by(cur, p, "skip_reason"), "rejected": count_by(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}


# -- p0: each row's texts -------------------------------------------------------------------
def _order_key(cur, plan: Plan, stg: str, skip_case: str) -> tuple[str, bool]:
    """The order key of a row (SQL), and whether keys repeat (several rows per order)."""
    c = plan.col
    order = cell_text(c("order_id"))
    # fill order-level fields down from each order's first row (line-item exports)
    repeats = c("order_id") is not None and one(
        cur, f"SELECT COUNT({order}) > COUNT(DISTINCT {order}) FROM {stg}")[0]
    if c("refund_of") and c("order_id"):
        # a refund row that names the payment it refunds (PayPal "Reference Txn ID") belongs
        # to that order, so the refund reduces it; noise rows keep their own key
        amount_raw = cell_text(c("amount"))
        order = (f"(CASE WHEN {cell_text(c('refund_of'))} IS NOT NULL AND ({skip_case}) IS NULL "
                 f"AND regexp_matches({amount_raw}, '^[(-]|^[^0-9]*-') "
                 f"THEN {cell_text(c('refund_of'))} ELSE {order} END)")
        repeats = True
    return order, repeats


def _row_texts(plan: Plan, stg: str, order: str, skip_case: str, repeats: bool,
               extra: bool) -> str:
    """SELECT of each row's texts, its content keys and its skip reason."""
    c = plan.col
    date_expr = c("ordered_at")
    if c("ordered_time"):
        # a date column and a time column are one timestamp (a compact 103309 is 10:33:09);
        # a date that already has its time keeps it
        d, t = c("ordered_at"), c("ordered_time")
        clock = (f"regexp_replace(trim({t}), '^([0-9]{{1,2}})([0-9]{{2}})([0-9]{{2}})$', "
                 "'\\1:\\2:\\3')")
        date_expr = (f"(CASE WHEN regexp_matches({d}, '[0-9]:[0-9]{{2}}') THEN {d} "
                     f"ELSE COALESCE({d}, '') || ' ' || COALESCE({clock}, '') END)")
    code = cell_text(c("discount_code"))
    prefix = f"{PACKED_CODE_KEY}:"
    return f"""SELECT rn, {order} AS order_raw,
            NULLIF({cell_text(c('customer_id'))}, {sql_literal(GUEST_CUSTOMER_ID)}) AS customer_raw,
            lower({cell_text(c('email'))}) AS email,
            {cell_text(c('customer_name'))} AS customer_name,
            NULLIF(trim({date_expr}), '') AS date_txt,
            {_amount_text(plan)} AS amount_txt,
            {cell_text(non_sale_col(plan))} AS nonsale_txt,
            {_packed_amount(cell_text(c('refunded')))} AS refunded_txt,
            {cell_text(c('currency'))} AS currency_txt,
            {cell_text(c('channel'))} AS channel,
            {cell_text(c('items')) if c('items') else _packed_items(plan)} AS items_txt,
            {cell_text(c('discount'))} AS discount_txt,
            CASE WHEN starts_with({code}, '{prefix}') THEN
                regexp_extract({code}, '^{prefix}([^|;]*)', 1)
                ELSE {code} END AS discount_code,
            {cell_text(c('product_category'))} AS product_category,
            {cell_text(c('status'))} AS status_txt,
            CASE WHEN {order} IS NULL THEN {row_hash(plan)} END AS row_hash,
            {row_fingerprint(plan) if repeats else "NULL::UBIGINT"} AS row_fp,
            {skip_case} AS skip0,
            {"_extra" if extra else "0"} AS _extra
        FROM {stg}"""


def _amount_text(plan: Plan) -> str:
    """The amount of a row as text: the amount column; in a file priced by line without an
    order total, the line total, else unit price x quantity (a missing quantity is one). A
    price that is not a number stays as its text, so the row is rejected as bad_amount."""
    c = plan.col
    if c("amount") or not (c("line_total") or c("unit_price")):
        return cell_text(c("amount"))
    if c("line_total"):
        return cell_text(c("line_total"))
    price = cell_text(c("unit_price"))
    value = P.money(price, plan.decimal_comma)
    qty = (f"COALESCE({P.money(cell_text(c('items')), plan.decimal_comma)}, 1)" if c("items")
           else "1")
    line = f"printf('%.6f', {value} * {qty})"
    if plan.decimal_comma:
        line = f"replace({line}, '.', ',')"
    return f"(CASE WHEN {value} IS NULL THEN {price} ELSE {line} END)"


def _packed_amount(text: str) -> str:
    """A refund cell packed as WooCommerce (WebToffee) writes it, `amount:18.00|reason:...`
    (several refunds: each its own `amount:`), becomes the refunds' total as text; any other
    text is kept as it is (a plain amount)."""
    number = "(-?[0-9]+(?:\\.[0-9]+)?)"
    key = PACKED_AMOUNT_KEY
    amounts = (f"TRY_CAST(regexp_extract_all({text}, '(?:^|[|;])\\s*{key}:\\s*{number}', 1) "
               "AS DOUBLE[])")
    return (f"(CASE WHEN regexp_matches({text}, '(?:^|[|;])\\s*{key}:') "
            f"THEN CAST(list_sum({amounts}) AS VARCHAR) ELSE {text} END)")


def _packed_items(plan: Plan) -> str:
    """Item count of a one-row-per-order export whose items are packed in cells (WooCommerce
    `line_item_1`, `line_item_2`, ... holding `name:...|quantity:2|total:...`): the quantities
    added up (a filled cell without a quantity is one item). NULL when there are no such cells
    or all are empty."""
    prefix = plan.profile.packed_items if plan.profile else None
    if not prefix:
        return "NULL::VARCHAR"
    stem = normalise_header(prefix)
    cols = [f"c{i}" for i, h in enumerate(plan.headers)
            if re.fullmatch(re.escape(stem) + r"\s*\d+", normalise_header(h))]
    if not cols:
        return "NULL::VARCHAR"
    keys = "|".join(PACKED_QUANTITY_KEYS)
    qty = [f"(CASE WHEN {cell_text(col)} IS NULL THEN 0 ELSE COALESCE(TRY_CAST(regexp_extract("
           f"{col}, '(?:^|[|;])\\s*(?:{keys}):\\s*([0-9]+)', 1) AS BIGINT), 1) END)"
           for col in cols]
    filled = "COALESCE(" + ", ".join(cell_text(col) for col in cols) + ")"
    return f"(CASE WHEN {filled} IS NULL THEN NULL ELSE CAST({' + '.join(qty)} AS VARCHAR) END)"


# -- p1: an order's cells filled from its rows ----------------------------------------------
def _fill_orders(cur, plan: Plan, p0: str, p1: str, agg_first: bool, line_items: bool,
                 warnings: list[str]) -> bool:
    """Order-level columns blank on continuation rows are filled from the order's rows, and
    the order's skip reason is its first row's. Whether an order's amount is taken once (its
    first row's) rather than added up over its rows."""
    fill = ["customer_raw", "email", "customer_name", "date_txt", "currency_txt",
            "channel", "discount_code"]
    if line_items and agg_first:
        fill += ["amount_txt", "refunded_txt", "discount_txt"]
    sel = ", ".join(
        f"CASE WHEN order_raw IS NULL THEN {f} ELSE COALESCE({f}, first_value({f} IGNORE "
        f"NULLS) OVER (PARTITION BY order_raw ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING "
        f"AND UNBOUNDED FOLLOWING)) END AS {f}" for f in fill)
    rest = [x for x in ("rn", "order_raw", "amount_txt", "nonsale_txt", "refunded_txt",
                        "items_txt",
                        "discount_txt", "product_category", "row_hash", "row_fp", "skip0",
                        "status_txt",
                        "_extra") if x not in fill]
    # skip rules of the order's first row apply to all of its lines; a non-sale row (a
    # gift card refunded after a sale that also sold coffee) is skipped on its own
    own = sql_literal(plan.profile.non_sale[0]) if non_sale_col(plan) else "NULL"
    cur.execute(f"""CREATE TEMP TABLE {p1} AS SELECT {', '.join(rest)}, {sel},
        CASE WHEN order_raw IS NOT NULL THEN first_value(
            CASE WHEN skip0 IS DISTINCT FROM {own} THEN skip0 END IGNORE NULLS) OVER (
            PARTITION BY order_raw ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING
            AND UNBOUNDED FOLLOWING) END AS order_skip
        FROM {p0}""")
    if not agg_first:
        agg_first = one(cur, f"""SELECT COALESCE(bool_and(n_amt = 1), false) FROM (
            SELECT COUNT(DISTINCT amount_txt) AS n_amt FROM {p1} WHERE order_raw IS NOT NULL
            GROUP BY order_raw HAVING COUNT(*) > 1)""")[0]
        if agg_first:
            warnings.append("Order ids repeat with the same amount on every row: the amount "
                            "was taken once per order, not added up.")
    return agg_first


# -- p: the values parsed, each row's reject reason -----------------------------------------
def _parse(cur, plan: Plan, src: str, p: str, repeats: bool, line_items: bool,
           warnings: list[str]) -> None:
    c = plan.col
    order_skip = "order_skip" if repeats else "NULL"
    ts = P.timestamp("date_txt", plan.date_order)
    amt = P.money("amount_txt", plan.decimal_comma)
    if non_sale_col(plan):
        # the part of the amount that is not a sale (Square gift card sales) is not revenue
        amt = f"({amt} - COALESCE({P.money('nonsale_txt', plan.decimal_comma)}, 0))"
    ref = P.money("refunded_txt", plan.decimal_comma)
    if c("status"):
        # a fully refunded order whose refund column is empty (or that has none): its revenue
        # is gone, it stays an order of net amount 0 (not a purchase: amount > 0 is). (A
        # refund row's own amount counts negative, see RETURNS below.)
        full = f"(CASE WHEN {folded('status_txt')} IN ({sql_list(REFUNDED)}) THEN {amt} END)"
        ref = f"COALESCE({ref}, {full})" if c("refunded") else full
    disc = P.money("discount_txt", plan.decimal_comma)
    items = P.whole_number("items_txt")
    currency = _currency(plan, warnings)
    dup_in_file = ("(order_raw IS NOT NULL AND row_number() OVER (PARTITION BY order_raw, row_fp "
                   "ORDER BY rn) > 1)") if repeats and not line_items else "false"
    # a return / refund row written with a positive amount takes revenue away: its amount
    # counts negative
    signed_amt = (f"(CASE WHEN {folded('status_txt')} IN ({sql_list(RETURNS)}) "
                  f"THEN -abs({amt}) ELSE {amt} END)") if c("status") else amt
    cur.execute(f"""
        CREATE TEMP TABLE {p} AS SELECT *,
            CASE WHEN skip_reason IS NOT NULL OR reason IS NOT NULL THEN false
                 ELSE {dup_in_file} END AS dup
        FROM (SELECT *, CASE WHEN skip_reason IS NOT NULL THEN NULL
                     WHEN _extra > 0 THEN 'too_many_fields'
                     WHEN date_txt IS NULL THEN 'missing_date'
                     WHEN {P.bad_timestamp('ordered_at')} THEN 'bad_date'
                     WHEN amount_txt IS NULL THEN 'missing_amount'
                     WHEN amount_v IS NULL THEN 'bad_amount'
                     WHEN refunded_txt IS NOT NULL AND refunded_v IS NULL THEN 'bad_amount'
                     WHEN items_txt IS NOT NULL AND items_v IS NULL THEN 'bad_items'
                END AS reason
        FROM (SELECT rn, order_raw, customer_raw, email, customer_name, channel, discount_code,
                product_category, row_hash, row_fp, date_txt, amount_txt, refunded_txt, items_txt,
                _extra, status_txt, {ts} AS ordered_at, {signed_amt} AS amount_v,
                {ref} AS refunded_v,
                {disc} AS discount_v, {items} AS items_v, {currency} AS currency,
                COALESCE(skip0, {order_skip}) AS skip_reason
              FROM {src}))""")


def _currency(plan: Plan, warnings: list[str]) -> str:
    """A row's currency: its currency column, else its amount's sign, else the layout's or the
    header's currency (yen for a file with Japanese headers and no currency anywhere)."""
    c = plan.col
    default_cur = plan.profile.default_currency if plan.profile else plan.currency_hint
    if plan.currency_hint and not c("currency"):
        warnings.append(f"Amounts without a currency were stored as {plan.currency_hint}, as "
                        "the amount's header says.")
    if default_cur is None and not c("currency") and any(
            re.search(r"[\u3040-\u30ff\u3400-\u9fff]", h) for h in plan.headers):
        default_cur = JAPANESE_CURRENCY
        warnings.append(f"Amounts without a currency were stored as {JAPANESE_CURRENCY} (the "
                        "file's headers are Japanese).")
    return (f"COALESCE({P.currency_code('currency_txt')}, "
            f"{P.currency_from_symbol('amount_txt')}, {sql_literal(default_cur)})")


# -- g: the good rows and their keys; o: one row per order ----------------------------------
def _key(cur, p: str, g: str, warnings: list[str]) -> None:
    """Keys: the order id, or the row's content hash plus its occurrence among identical rows."""
    good_rows = "reason IS NULL AND skip_reason IS NULL AND NOT dup"
    if not one(cur, f"SELECT COUNT(*) FROM {p} WHERE order_raw IS NULL AND {good_rows}")[0]:
        cur.execute(f"CREATE TEMP VIEW {g} AS SELECT *, order_raw AS okey, false AS repeated_line "
                    f"FROM {p} WHERE {good_rows}")
    else:
        cur.execute(f"""CREATE TEMP TABLE {g} AS SELECT *,
            COALESCE(order_raw, 'row-' || substr(row_hash, 1, 16) || '-' ||
                CAST(row_number() OVER (PARTITION BY order_raw IS NULL, row_hash ORDER BY rn)
                     AS VARCHAR)) AS okey,
            order_raw IS NULL AND row_number() OVER (PARTITION BY order_raw IS NULL, row_hash
                ORDER BY rn) > 1 AS repeated_line
        FROM {p} WHERE {good_rows}""")
    n_repeat = one(cur, f"SELECT COUNT(*) FROM {g} WHERE repeated_line")[0]
    no_id = one(cur, f"SELECT COUNT(*) FROM {g} WHERE order_raw IS NULL")[0]
    if no_id:
        warnings.append(f"{no_id:,} row(s) have no order id: each is keyed by its content, so "
                        "importing the same file again adds nothing.")
    if n_repeat:
        warnings.append(f"{n_repeat:,} row(s) without an order id are identical to an earlier "
                        "row of the file; they were loaded as separate purchases.")


def _roll_up(cur, g: str, o: str, repeats: bool, agg_first: bool, has_items: bool,
             line_items: bool) -> None:
    """One row per order: amounts added up over its rows (or its first row's, when the order
    total repeats on every row), refunds and negative rows netted, the first customer."""
    amount_agg = "min_by(amount_v, rn)" if agg_first else "SUM(amount_v)"
    refund_agg = ("min_by(refunded_v, rn) FILTER (WHERE refunded_v IS NOT NULL)" if agg_first
                  else "SUM(refunded_v)")
    items_agg = "SUM(items_v)" if has_items else ("COUNT(*)" if line_items else "NULL")
    if not repeats:
        cur.execute(f"""CREATE TEMP VIEW {o} AS SELECT okey AS order_id, customer_raw, email,
                customer_name AS cname, ordered_at,
                round(amount_v - COALESCE(refunded_v, 0), 6) AS amount,
                round(COALESCE(refunded_v, 0), 6) AS refunded, currency, channel,
                CAST({"items_v" if has_items else ("1" if line_items else "NULL")} AS INTEGER)
                    AS items, discount_v AS discount, discount_code, product_category,
                1 AS lines
            FROM {g}""")
        return
    cur.execute(f"""CREATE TEMP TABLE {o} AS SELECT okey AS order_id,
            COALESCE(min_by(customer_raw, rn) FILTER (WHERE customer_raw IS NOT NULL
                                                      AND amount_v >= 0),
                     min_by(customer_raw, rn) FILTER (WHERE customer_raw IS NOT NULL))
                AS customer_raw,
            COALESCE(min_by(email, rn) FILTER (WHERE email IS NOT NULL AND amount_v >= 0),
                     min_by(email, rn) FILTER (WHERE email IS NOT NULL)) AS email,
            COALESCE(min_by(customer_name, rn) FILTER (WHERE customer_name IS NOT NULL
                                                       AND amount_v >= 0),
                     min_by(customer_name, rn) FILTER (WHERE customer_name IS NOT NULL))
                AS cname,
            min(ordered_at) FILTER (WHERE amount_v >= 0) AS first_at, min(ordered_at) AS any_at,
            round({amount_agg} - COALESCE({refund_agg}, 0), 6) AS amount,
            round(COALESCE({refund_agg}, 0) {"" if agg_first else
                  "- COALESCE(SUM(amount_v) FILTER (WHERE amount_v < 0), 0)"}, 6)
                AS refunded,
            min_by(currency, rn) FILTER (WHERE currency IS NOT NULL) AS currency,
            min_by(channel, rn) FILTER (WHERE channel IS NOT NULL) AS channel,
            CAST({items_agg} AS INTEGER) AS items,
            {"min_by(discount_v, rn)" if agg_first else "SUM(discount_v)"} AS discount,
            min_by(discount_code, rn) FILTER (WHERE discount_code IS NOT NULL) AS discount_code,
            min_by(product_category, rn) FILTER (WHERE product_category IS NOT NULL)
                AS product_category,
            COUNT(*) AS lines
        FROM {g} GROUP BY okey""")
    cur.execute(f"ALTER TABLE {o} ADD COLUMN ordered_at TIMESTAMP")
    cur.execute(f"UPDATE {o} SET ordered_at = COALESCE(first_at, any_at)")


# -- customers of the orders ----------------------------------------------------------------
def _customer(plan: Plan) -> str:
    """Customer identity: the id, else the customer with that email, else the email itself;
    with both an id and an email, an id the store does not know yet but an email it does is
    the same person (a payment processor's own customer id beside the shop's customers)."""
    c = plan.col
    by_email = ("(SELECT min(customer_id) FROM customers k WHERE o.email IS NOT NULL "
                "AND lower(trim(k.email)) = o.email)")
    if c("email") and not c("customer_id"):
        return f"COALESCE(o.customer_raw, {by_email}, o.email)"
    if c("email"):
        known_id = ("(SELECT min(customer_id) FROM customers k WHERE o.customer_raw IS NOT NULL "
                    "AND k.customer_id = o.customer_raw)")
        return f"COALESCE({known_id}, {by_email}, o.customer_raw, o.email)"
    return "COALESCE(o.customer_raw, o.email)"


def _add_customers(cur, o: str, ex: str, cust: str, batch: int) -> None:
    """Customers seen only in orders become customers (first_seen = first order); a known
    customer's first_seen moves back to an earlier order."""
    cur.execute(f"""INSERT INTO customers (customer_id, first_seen, email, name, batch_id)
        SELECT cid, MIN(ordered_at), min(email), min(cname), $batch
        FROM (SELECT {cust} AS cid, o.ordered_at, o.email, o.cname FROM {o} o
              WHERE o.order_id NOT IN (SELECT order_id FROM {ex})) n
        WHERE cid IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM customers k WHERE k.customer_id = n.cid)
        GROUP BY cid""", {"batch": batch})
    cur.execute("""UPDATE customers SET first_seen = f.first FROM (
            SELECT customer_id, MIN(ordered_at) AS first FROM transactions
            WHERE batch_id = $batch AND customer_id IS NOT NULL GROUP BY customer_id) f
        WHERE customers.customer_id = f.customer_id
          AND (customers.first_seen IS NULL OR f.first < customers.first_seen)""",
                {"batch": batch})


def _summary(plan: Plan, rolled_up: bool, loaded_lines: int, records: int, cancels: int,
             missing_currency: int, currencies: int) -> list[str]:
    """What the import summary says of the orders loaded."""
    c = plan.col
    out = []
    if rolled_up or cancels:
        out.append(f"{loaded_lines:,} line(s) made {records:,} order(s); {cancels:,} of them "
                   "are cancellations or refunds (a negative amount): they reduce revenue "
                   "and are never purchases.")
    if not c("amount") and (c("line_total") or c("unit_price")):
        how = (f"its lines' '{plan.mapping['line_total']}'" if c("line_total") else
               f"'{plan.mapping['unit_price']}' x "
               f"'{plan.mapping.get('items', 'one')}' over its lines")
        out.append(f"The file has no order total: an order's amount is {how}.")
    if not c("customer_id") and not c("email"):
        out.append("The file has no customer column: its orders count for revenue but "
                   "not for customer metrics (retention, segments, churn).")
    if not c("currency") and missing_currency:
        out.append("The file has no currency column and its amounts no currency sign; "
                   "they were stored without a currency.")
    if currencies > 1:
        out.append(f"The file holds {currencies} currencies; they are kept apart, never added "
                   "up.")
    return out
