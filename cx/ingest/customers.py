"""Loading customer lists: new customers added, known ones completed (never overwritten), and
each `referred by` a referral."""
from __future__ import annotations

from cx.ingest import parsing as P
from cx.ingest.noise import skip_checks
from cx.ingest.plan import Plan
from cx.ingest.sql import cell_text, count_by, reason_case
from cx.ingest.staging import has_extra
from cx.store import one


def load_customers(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    """Load the staged customers as batch `batch`; the counts and warnings of the import."""
    c = plan.col
    extra = has_extra(cur, stg)
    skips = skip_checks(plan)
    name = cell_text(c("name"))
    if not c("name") and (c("first_name") or c("last_name")):
        name = (f"NULLIF(trim(concat_ws(' ', {cell_text(c('first_name'))}, "
                f"{cell_text(c('last_name'))})), '')")
    ts = P.timestamp(cell_text(c("first_seen")), plan.date_order) if c("first_seen") else \
        "NULL::TIMESTAMP"
    email = f"lower({cell_text(c('email'))})"
    known = (f"(SELECT min(k.customer_id) FROM customers k WHERE {email} IS NOT NULL "
             f"AND k.customer_id = {email})") if c("email") else "NULL"
    cid = f"COALESCE({known}, {cell_text(c('customer_id'))}, {email})"
    p = f"cx_p_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {p} AS SELECT *,
            reason IS NULL AND skip_reason IS NULL AND
                row_number() OVER (PARTITION BY customer_id, reason IS NULL AND
                    skip_reason IS NULL ORDER BY rn) > 1 AS dup
        FROM (SELECT rn, {cid} AS customer_id, {email} AS email, {name} AS name, {ts} AS first_seen,
                {cell_text(c('acquisition_channel'))} AS acquisition_channel,
                {cell_text(c('referred_by'))} AS referred_by, {cell_text(c('region'))} AS region,
                {reason_case(skips)} AS skip_reason,
                CASE WHEN {reason_case(skips)} IS NOT NULL THEN NULL
                     WHEN {"_extra > 0" if extra else "false"} THEN 'too_many_fields'
                     WHEN {cid} IS NULL THEN 'missing_customer'
                     WHEN {cell_text(c('first_seen'))} IS NOT NULL AND {P.bad_timestamp(ts)}
                          THEN 'bad_date'
                END AS reason
              FROM {stg})""")
    good = f"cx_good_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {good} AS SELECT p.*,
            EXISTS (SELECT 1 FROM customers k WHERE k.customer_id = p.customer_id) AS existing
        FROM {p} p WHERE reason IS NULL AND skip_reason IS NULL AND NOT dup""")
    cur.execute(f"""INSERT INTO customers (customer_id, first_seen, name, email,
            acquisition_channel, referred_by, region, batch_id)
        SELECT customer_id, first_seen, name, email, acquisition_channel, referred_by, region,
               $batch FROM {good} WHERE NOT existing""", {"batch": batch})
    # merge: fill what existing customers lack (never overwrite what is there)
    filled = one(cur, f"""SELECT COUNT(*) FROM {good} g JOIN customers k USING (customer_id)
        WHERE g.existing AND ((k.name IS NULL AND g.name IS NOT NULL)
           OR (k.email IS NULL AND g.email IS NOT NULL)
           OR (k.region IS NULL AND g.region IS NOT NULL)
           OR (k.acquisition_channel IS NULL AND g.acquisition_channel IS NOT NULL)
           OR (k.referred_by IS NULL AND g.referred_by IS NOT NULL))""")[0]
    if filled:
        cur.execute(f"""UPDATE customers SET
                name = COALESCE(customers.name, g.name),
                email = COALESCE(customers.email, g.email),
                region = COALESCE(customers.region, g.region),
                acquisition_channel = COALESCE(customers.acquisition_channel,
                                               g.acquisition_channel),
                referred_by = COALESCE(customers.referred_by, g.referred_by),
                first_seen = COALESCE(customers.first_seen, g.first_seen)
            FROM {good} g WHERE g.existing AND customers.customer_id = g.customer_id""")
    warnings = []
    if filled:
        warnings.append(f"{filled:,} customer(s) already known were completed with this file's "
                        "details (names, emails, regions); undo does not remove those details.")
    # referred_by feeds referrals
    cur.execute(f"""INSERT INTO referrals (referrer_id, referred_id, referred_at, batch_id)
        SELECT DISTINCT COALESCE((SELECT min(k.customer_id) FROM customers k
                                  WHERE lower(k.email) = lower(g.referred_by)), g.referred_by),
               g.customer_id, g.first_seen, $batch
        FROM {good} g WHERE g.referred_by IS NOT NULL AND g.referred_by <> g.customer_id
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referred_id = g.customer_id
                          AND r.referrer_id = g.referred_by)""", {"batch": batch})
    new = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing")[0]
    existing = one(cur, f"SELECT COUNT(*) FROM {good} WHERE existing")[0]
    dups = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    return {"loaded": new, "duplicate": existing + dups, "records": new,
            "skipped": count_by(cur, p, "skip_reason"), "rejected": count_by(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}
