"""Loading referrals: referral pairs (referrer -> referred customer), and code-to-referrer rows
(a referral code with its referrer); orders that used such a code become referrals of their
customer (`derive_code_referrals`, also run after orders are loaded)."""
from __future__ import annotations

from cx.ingest import parsing as P
from cx.ingest.noise import skip_checks
from cx.ingest.plan import Plan
from cx.ingest.sql import cell_text, count_by, reason_case
from cx.ingest.staging import has_extra
from cx.store import one


def load_referrals(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    """Load the staged referrals as batch `batch`; the counts and warnings of the import."""
    c = plan.col
    extra = has_extra(cur, stg)
    skips = skip_checks(plan)   # with a referral the tool turned down (vendors.ROW_RULES)

    def who(id_field, email_field):
        """The customer on one side: a known customer with that email (lower-cased, trimmed;
        a referral app's own ids mean nothing to the shop's exports), else a known customer
        with that id, else the id, else the email."""
        email = f"lower({cell_text(c(email_field))})"
        ident = cell_text(c(id_field))
        known_email = (f"(SELECT min(k.customer_id) FROM customers k WHERE {email} IS NOT NULL "
                       f"AND (lower(trim(k.email)) = {email} OR k.customer_id = {email}))")
        known_id = (f"(SELECT min(k.customer_id) FROM customers k WHERE {ident} IS NOT NULL "
                    f"AND k.customer_id = {ident})")
        return f"COALESCE({known_email}, {known_id}, {ident}, {email})"

    ts = P.timestamp(cell_text(c("referred_at")), plan.date_order) if c("referred_at") else \
        "NULL::TIMESTAMP"
    code = f"upper({cell_text(c('code'))})"
    p = f"cx_p_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {p} AS SELECT *,
            reason IS NULL AND skip_reason IS NULL AND row_number() OVER (
                PARTITION BY referrer_id, referred_id, code, reason IS NULL AND
                skip_reason IS NULL ORDER BY rn) > 1 AS dup
        FROM (SELECT rn, referrer_id, referred_id, referrer_email, referred_email, code,
                referred_at, skip_reason,
                CASE WHEN skip_reason IS NOT NULL THEN NULL
                     WHEN _extra > 0 THEN 'too_many_fields'
                     WHEN referrer_id IS NULL THEN 'missing_referrer'
                     WHEN referred_id IS NULL AND code IS NULL THEN 'missing_referred'
                     WHEN referrer_id = referred_id THEN 'self_referral'
                     WHEN date_txt IS NOT NULL AND {P.bad_timestamp('referred_at')}
                          THEN 'bad_date'
                END AS reason
              FROM (SELECT rn, {who('referrer_id', 'referrer_email')} AS referrer_id,
                      {who('referred_id', 'referred_email')} AS referred_id,
                      lower({cell_text(c('referrer_email'))}) AS referrer_email,
                      lower({cell_text(c('referred_email'))}) AS referred_email, {code} AS code,
                      {cell_text(c('referred_at'))} AS date_txt, {ts} AS referred_at,
                      {reason_case(skips)} AS skip_reason,
                      {"_extra" if extra else "0"} AS _extra
                    FROM {stg}))""")
    good = f"cx_good_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {good} AS SELECT p.*,
            CASE WHEN referred_id IS NOT NULL THEN EXISTS (SELECT 1 FROM referrals r
                     WHERE r.referrer_id = p.referrer_id AND r.referred_id = p.referred_id)
                 ELSE EXISTS (SELECT 1 FROM referral_codes k WHERE k.code = p.code) END
                AS existing
        FROM {p} p WHERE reason IS NULL AND skip_reason IS NULL AND NOT dup""")
    cur.execute(f"""INSERT INTO referrals (referrer_id, referred_id, referred_at, batch_id)
        SELECT referrer_id, referred_id, referred_at, $batch FROM {good}
        WHERE NOT existing AND referred_id IS NOT NULL""", {"batch": batch})
    cur.execute(f"""INSERT INTO referral_codes (code, referrer_id, batch_id)
        SELECT code, min_by(referrer_id, rn), $batch FROM {good} g WHERE code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM referral_codes k WHERE k.code = g.code)
        GROUP BY code""", {"batch": batch})
    # both sides are customers; a new one keeps its email, so a later export of orders by
    # email finds the same person instead of adding another
    cur.execute(f"""INSERT INTO customers (customer_id, first_seen, email, batch_id)
        SELECT id, MIN(seen_at), min(COALESCE(email, CASE WHEN position('@' IN id) > 0
                                                      THEN id END)), $batch FROM (
            SELECT referrer_id AS id, NULL::TIMESTAMP AS seen_at, referrer_email AS email
            FROM {good} WHERE NOT existing
            UNION ALL SELECT referred_id, referred_at, referred_email FROM {good}
            WHERE NOT existing AND referred_id IS NOT NULL) u
        WHERE NOT EXISTS (SELECT 1 FROM customers k WHERE k.customer_id = u.id)
        GROUP BY id""", {"batch": batch})
    derived = derive_code_referrals(cur, batch)
    new = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing")[0]
    existing = one(cur, f"SELECT COUNT(*) FROM {good} WHERE existing")[0]
    dups = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    warnings = []
    if derived:
        warnings.append(f"{derived:,} referral(s) found from orders that used a referrer's "
                        "discount code.")
    return {"loaded": new, "duplicate": existing + dups, "records": new + derived,
            "skipped": count_by(cur, p, "skip_reason"), "rejected": count_by(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}


def derive_code_referrals(cur, batch: int) -> int:
    """Orders whose discount code belongs to a referrer make their customer a referral of that
    referrer (first such order's date); added under `batch`. Returns how many were added."""
    before = one(cur, "SELECT COUNT(*) FROM referrals")[0]
    cur.execute("""INSERT INTO referrals (referrer_id, referred_id, referred_at, batch_id)
        SELECT k.referrer_id, t.customer_id, MIN(t.ordered_at), $batch
        FROM transactions t JOIN referral_codes k ON upper(trim(t.discount_code)) = k.code
        WHERE t.customer_id IS NOT NULL AND t.customer_id <> k.referrer_id
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referred_id = t.customer_id
                          AND r.referrer_id = k.referrer_id)
        GROUP BY k.referrer_id, t.customer_id""", {"batch": batch})
    return one(cur, "SELECT COUNT(*) FROM referrals")[0] - before
