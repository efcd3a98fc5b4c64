"""Loading survey answers: one 0-10 score per response, matched to a customer by id, e-mail
or the order answered about; unfinished answers and previews skipped (cx.ingest.vendors)."""
from __future__ import annotations

from datetime import date

from cx.ingest import parsing as P
from cx.ingest.noise import skip_checks
from cx.ingest.plan import Plan
from cx.ingest.sql import cell_text, count_by, reason_case, row_hash
from cx.ingest.staging import has_extra
from cx.store import one


def load_surveys(cur, plan: Plan, stg: str, batch: int, tag: str) -> dict:
    """Load the staged answers as batch `batch`; the counts and warnings of the import."""
    c = plan.col
    extra = has_extra(cur, stg)
    skips = skip_checks(plan)
    score_txt = cell_text(c("score"))
    score = P.nps_score(c("score"))
    ts = P.timestamp(cell_text(c("responded_at")), plan.date_order)
    date_txt = cell_text(c("responded_at"))
    if c("responded_at") is None and plan.survey_date:
        # a survey without answer dates: every answer is dated the day it was run
        ts = f"TIMESTAMP '{date.fromisoformat(plan.survey_date).isoformat()}'"
        date_txt = f"'{date.fromisoformat(plan.survey_date).isoformat()}'"
    email = f"lower({cell_text(c('email'))})"
    order = cell_text(c("order_id"))
    p = f"cx_p_{tag}"
    cur.execute(f"""CREATE TEMP TABLE {p} AS SELECT *,
            COALESCE(response_raw, 'resp-' || substr(row_hash, 1, 16) || '-' || CAST(
                row_number() OVER (PARTITION BY response_raw IS NULL, row_hash ORDER BY rn)
                AS VARCHAR)) AS response_id,
            reason IS NULL AND skip_reason IS NULL AND response_raw IS NOT NULL AND
                row_number() OVER (PARTITION BY response_raw, reason IS NULL AND
                    skip_reason IS NULL ORDER BY rn) > 1 AS dup
        FROM (SELECT rn, {cell_text(c('response_id'))} AS response_raw,
                {cell_text(c('customer_id'))} AS customer_raw, {email} AS email,
                {order} AS order_id,
                {ts} AS responded_at, {score} AS score, {cell_text(c('comment'))} AS comment,
                {cell_text(c('touchpoint'))} AS touchpoint, {cell_text(c('channel'))} AS channel,
                {row_hash(plan)} AS row_hash,
                {reason_case(skips)} AS skip_reason,
                CASE WHEN {reason_case(skips)} IS NOT NULL THEN NULL
                     WHEN {"_extra > 0" if extra else "false"} THEN 'too_many_fields'
                     WHEN {score_txt} IS NULL THEN 'missing_score'
                     WHEN {score} IS NULL THEN 'bad_score'
                     WHEN {score} > 10 THEN 'score_out_of_range'
                     WHEN {date_txt} IS NULL THEN 'missing_date'
                     WHEN {P.bad_timestamp(ts)} THEN 'bad_date'
                END AS reason
              FROM {stg})""")
    good = f"cx_good_{tag}"
    # respondents matched to customers by id, else email, else the order they answered about
    cur.execute(f"""CREATE TEMP TABLE {good} AS SELECT p.*,
            COALESCE(p.customer_raw,
                     (SELECT min(k.customer_id) FROM customers k
                      WHERE p.email IS NOT NULL AND lower(trim(k.email)) = p.email),
                     (SELECT min(t.customer_id) FROM transactions t
                      WHERE p.order_id IS NOT NULL AND t.order_id IN (p.order_id,
                            '#' || p.order_id))) AS customer_id,
            EXISTS (SELECT 1 FROM survey_responses s WHERE s.response_id = p.response_id)
                AS existing
        FROM {p} p WHERE reason IS NULL AND skip_reason IS NULL AND NOT dup""")
    cur.execute(f"""INSERT INTO survey_responses (response_id, customer_id, email, order_id,
            responded_at, score, comment, touchpoint, channel, batch_id)
        SELECT response_id, customer_id, email, order_id, responded_at, score, comment,
               touchpoint, channel, $batch FROM {good} WHERE NOT existing""", {"batch": batch})
    new = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing")[0]
    existing = one(cur, f"SELECT COUNT(*) FROM {good} WHERE existing")[0]
    dups = one(cur, f"SELECT COUNT(*) FROM {p} WHERE dup")[0]
    unmatched = one(cur, f"SELECT COUNT(*) FROM {good} WHERE NOT existing AND "
                         "customer_id IS NULL")[0]
    warnings = []
    if unmatched:
        warnings.append(f"{unmatched:,} response(s) could not be matched to a customer; they "
                        "still count for NPS.")
    return {"loaded": new, "duplicate": existing + dups, "records": new,
            "skipped": count_by(cur, p, "skip_reason"), "rejected": count_by(cur, p, "reason"),
            "rejected_table": p, "warnings": warnings}
