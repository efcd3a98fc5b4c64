"""Deterministic synthetic demo data: a shop's last ~24 months, ending on `end_date` (today).

The story the data tells, on purpose:
- four kinds of customer: one-time buyers (many), occasional, a loyal core, and a minority of
  low-spending "connectors" who refer many friends;
- satisfaction is a latent trait per customer: it sets their NPS answers, shortens the lifetime
  of detractors and makes promoters refer more;
- NPS dips over the last few months (a delivery problem shows up in the comments).
Everything is vectorised numpy so 100,000 customers (~1M orders) build in seconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from cx.store import Store, next_batch_id

ACQUISITION_CHANNELS = np.array(["organic", "social", "search_ads", "email", "referral"])
ACQUISITION_WEIGHTS = np.array([0.32, 0.22, 0.18, 0.13, 0.15])
ORDER_CHANNELS = np.array(["online", "store", "app"])
CATEGORIES = np.array(["coffee", "tea", "pastry", "merch", "gift"])
TOUCHPOINTS = np.array(["checkout", "delivery", "support", "in_store"])
REGIONS = np.array(["Tokyo", "Osaka", "Kanagawa", "Aichi", "Fukuoka", "Hokkaido", "California",
                    "New York"])

# (share, purchases per 30 days, mean order value, mean lifetime days, referral rate)
CUSTOMER_TYPES = {
    "one_time": (0.42, 0.0, 38.0, 1.0, 0.05),
    "occasional": (0.33, 0.9, 42.0, 280.0, 0.25),
    "loyal": (0.19, 3.4, 48.0, 650.0, 0.45),
    "connector": (0.06, 0.5, 19.0, 480.0, 4.5),
}

FIRST_EN = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Mia", "Lucas", "Sofia", "Ethan", "Chloe",
            "Jack", "Grace", "Leo", "Ella", "Owen", "Ruby"]
LAST_EN = ["Smith", "Brown", "Lee", "Walker", "Young", "King", "Wright", "Hill", "Green", "Baker"]
FIRST_JA = ["陽菜", "蓮", "結衣", "湊", "葵", "樹", "凛", "大和", "美咲", "翔太", "さくら", "健"]
LAST_JA = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
ROMAJI_FIRST = ["hina", "ren", "yui", "minato", "aoi", "itsuki", "rin", "yamato", "misaki",
                "shota", "sakura", "ken"]
ROMAJI_LAST = ["sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura",
               "kobayashi", "kato"]

COMMENTS = {
    "promoter": [
        "Friendly staff and great coffee, I tell all my friends.",
        "Fast delivery and lovely packaging.",
        "The seasonal blend is excellent, will buy again.",
        "Great value for the quality.",
        "スタッフの対応がとても丁寧でした。",
        "コーヒーがおいしくて友達にも勧めています。",
        "配送が早くて梱包もきれいでした。",
    ],
    "passive": [
        "Good coffee but a bit expensive.",
        "Fine overall, the app could be easier to use.",
        "Nice shop, sometimes the wait is long.",
        "味は良いが値段が少し高い。",
        "アプリがもう少し使いやすいと良い。",
    ],
    "detractor": [
        "Delivery was late and the box was damaged.",
        "Too expensive for what you get.",
        "Support never answered my email.",
        "My order arrived late again.",
        "配送が遅れて箱が潰れていました。",
        "値段が高すぎる。",
        "問い合わせに返事がなかった。",
    ],
}


@dataclass(frozen=True)
class DemoData:
    customers: pd.DataFrame
    transactions: pd.DataFrame
    referrals: pd.DataFrame
    survey_responses: pd.DataFrame


def generate(customers: int = 5000, seed: int = 7, end_date: date | None = None,
             months: int = 24, currency: str = "USD") -> DemoData:
    """Build the demo tables in memory. Same arguments, same data."""
    rng = np.random.default_rng(seed)
    end = end_date or date.today()
    span_days = int(round(months * 30.44))
    start = end - timedelta(days=span_days)
    n = int(customers)
    if n < 1:
        raise ValueError("customers must be at least 1")

    # -- who the customers are -------------------------------------------------------------
    type_names = np.array(list(CUSTOMER_TYPES))
    params = np.array(list(CUSTOMER_TYPES.values()))
    ctype = rng.choice(len(type_names), size=n, p=params[:, 0] / params[:, 0].sum())
    rate30, mean_value, mean_life, ref_rate = (params[ctype, i] for i in range(1, 5))

    # acquisition grows over time (a business that is gaining customers): density ~ 1 + t
    u = rng.random(n)
    acq_offset = np.floor(span_days * (np.sqrt(1 + 3 * u) - 1)).astype(int)  # inverse CDF
    acq_offset = np.clip(acq_offset, 0, span_days)
    order = np.argsort(acq_offset, kind="stable")  # customer ids in order of arrival
    acq_offset = acq_offset[order]
    ctype, rate30, mean_value, mean_life, ref_rate = (
        a[order] for a in (ctype, rate30, mean_value, mean_life, ref_rate))

    channel_idx = rng.choice(len(ACQUISITION_CHANNELS), size=n, p=ACQUISITION_WEIGHTS)
    channel_quality = np.array([0.3, -0.2, -0.4, 0.1, 0.5])[channel_idx]  # referred stay longer

    # latent satisfaction: NPS answers, lifetime and referrals all follow it
    satisfaction = rng.normal(0.45 + 0.25 * (ctype == 2) + 0.35 * (ctype == 3)
                              + 0.15 * channel_quality, 0.9)
    life = rng.exponential(mean_life * np.exp(0.45 * satisfaction + 0.3 * channel_quality))
    life = np.where(ctype == 0, 0.0, life)
    observed = np.minimum(life, span_days - acq_offset)

    lam = rate30 / 30.0 * np.exp(0.15 * satisfaction)
    extra = rng.poisson(lam * observed)
    n_orders = 1 + extra
    total = int(n_orders.sum())

    # -- transactions ----------------------------------------------------------------------
    cust_of_tx = np.repeat(np.arange(n), n_orders)
    first_flag = np.ones(total, dtype=bool)
    starts = np.concatenate(([0], np.cumsum(n_orders)[:-1]))
    first_flag[:] = False
    first_flag[starts] = True
    offset = rng.random(total) * observed[cust_of_tx]
    offset[first_flag] = 0.0
    day = acq_offset[cust_of_tx] + np.floor(offset).astype(int)
    seconds = rng.integers(9 * 3600, 21 * 3600, size=total)
    ordered_at = (np.datetime64(start) + day.astype("timedelta64[D]")
                  + seconds.astype("timedelta64[s]"))

    value = mean_value[cust_of_tx] * rng.lognormal(-0.08, 0.4, size=total)
    refunded = rng.random(total) < 0.02
    value = np.where(refunded, value * rng.uniform(0.0, 0.6, size=total), value)
    amount = np.round(value, 2)
    pref_channel = rng.choice(3, size=n, p=[0.5, 0.35, 0.15])
    tx_channel = np.where(rng.random(total) < 0.8, pref_channel[cust_of_tx],
                          rng.choice(3, size=total))
    items = 1 + rng.poisson(np.maximum(amount / 25.0 - 1, 0.1))
    pref_cat = rng.choice(len(CATEGORIES), size=n, p=[0.4, 0.2, 0.2, 0.1, 0.1])
    tx_cat = np.where(rng.random(total) < 0.6, pref_cat[cust_of_tx],
                      rng.choice(len(CATEGORIES), size=total))

    customer_ids = pd.Series(np.arange(1, n + 1)).map("C{:06d}".format).to_numpy()
    order_ids = pd.Series(np.arange(1, total + 1)).map("D{:07d}".format).to_numpy()

    # -- referrals: who brought whom -------------------------------------------------------
    referred_mask = ACQUISITION_CHANNELS[channel_idx] == "referral"
    referred_by = np.full(n, None, dtype=object)
    weights = ref_rate * np.exp(0.8 * satisfaction) * (ctype != 0)
    weights = np.where(satisfaction < -0.3, 0.0, weights)  # detractors do not refer
    cumw = np.cumsum(weights)
    referred_idx = np.nonzero(referred_mask)[0]
    # a referrer must have arrived before the friend: customers are sorted by arrival
    k = np.searchsorted(acq_offset, acq_offset[referred_idx], side="left")
    ok = (k > 0) & (cumw[np.maximum(k - 1, 0)] > 0)
    draws = rng.random(len(referred_idx)) * cumw[np.maximum(k - 1, 0)]
    referrer = np.searchsorted(cumw, draws, side="right")
    referrer = np.minimum(referrer, np.maximum(k - 1, 0))
    referred_idx, referrer = referred_idx[ok], referrer[ok]
    referred_by[referred_idx] = customer_ids[referrer]
    channel_names = ACQUISITION_CHANNELS[channel_idx].astype(object)
    channel_names[referred_mask & (referred_by == None)] = "organic"  # noqa: E711 (numpy mask)

    first_tx = starts
    discount = np.zeros(total)
    discount_code = np.full(total, None, dtype=object)
    friend_first = first_tx[referred_idx]
    discount[friend_first] = np.round(amount[friend_first] * 0.1, 2)
    discount_code[friend_first] = ["FRIEND-" + c for c in customer_ids[referrer]]

    # -- names -----------------------------------------------------------------------------
    ja = rng.random(n) < 0.55
    fi = rng.integers(0, len(FIRST_JA), size=n)
    li = rng.integers(0, len(LAST_JA), size=n)
    fe = rng.integers(0, len(FIRST_EN), size=n)
    le = rng.integers(0, len(LAST_EN), size=n)
    name = np.where(ja, np.array(LAST_JA)[li].astype(object) + " " + np.array(FIRST_JA)[fi],
                    np.array(FIRST_EN)[fe].astype(object) + " " + np.array(LAST_EN)[le])
    local = np.where(ja, np.array(ROMAJI_FIRST)[fi].astype(object) + "." + np.array(ROMAJI_LAST)[li],
                     np.char.lower(np.array(FIRST_EN)[fe]).astype(object) + "."
                     + np.char.lower(np.array(LAST_EN)[le]))
    email = local + pd.Series(np.arange(1, n + 1)).astype(str).to_numpy() + "@example.com"

    first_seen = np.datetime64(start) + acq_offset.astype("timedelta64[D]")
    customers_df = pd.DataFrame({
        "customer_id": customer_ids,
        "first_seen": pd.to_datetime(ordered_at[first_tx]),
        "name": name,
        "email": email,
        "acquisition_channel": channel_names,
        "referred_by": referred_by,
        "region": REGIONS[rng.integers(0, len(REGIONS), size=n)],
    })
    del first_seen

    tx_df = pd.DataFrame({
        "order_id": order_ids,
        "customer_id": customer_ids[cust_of_tx],
        "ordered_at": pd.to_datetime(ordered_at),
        "amount": amount,
        "currency": currency,
        "channel": ORDER_CHANNELS[tx_channel],
        "items": items.astype("int32"),
        "discount": discount,
        "discount_code": discount_code,
        "product_category": CATEGORIES[tx_cat],
        "source": "demo",
    })

    referrals_df = pd.DataFrame({
        "referrer_id": customer_ids[referrer],
        "referred_id": customer_ids[referred_idx],
        "referred_at": pd.to_datetime(ordered_at[friend_first]),
    })

    # -- survey responses after some purchases ---------------------------------------------
    asked = rng.random(total) < 0.12
    tx_asked = np.nonzero(asked)[0]
    resp_day = day[tx_asked] + rng.integers(1, 6, size=len(tx_asked))
    keep = resp_day <= span_days
    tx_asked, resp_day = tx_asked[keep], resp_day[keep]
    c = cust_of_tx[tx_asked]
    recent_dip = np.clip((resp_day - (span_days - 120)) / 120.0, 0, 1)  # the last four months
    tp = rng.choice(len(TOUCHPOINTS), size=len(tx_asked), p=[0.4, 0.3, 0.1, 0.2])
    delivery_pain = (TOUCHPOINTS[tp] == "delivery") * recent_dip * 1.6
    raw_score = 7.4 + 1.5 * satisfaction[c] - delivery_pain - 0.5 * recent_dip \
        + rng.normal(0, 1.1, size=len(tx_asked))
    score = np.clip(np.round(raw_score), 0, 10).astype(int)
    group = np.where(score >= 9, "promoter", np.where(score >= 7, "passive", "detractor"))
    has_comment = rng.random(len(tx_asked)) < 0.45
    comment = np.full(len(tx_asked), None, dtype=object)
    for g, texts in COMMENTS.items():
        sel = np.nonzero(has_comment & (group == g))[0]
        pick = rng.integers(0, len(texts), size=len(sel))
        if g == "detractor":  # late deliveries dominate the recent complaints
            late = (TOUCHPOINTS[tp[sel]] == "delivery") & (rng.random(len(sel)) < 0.7)
            pick = np.where(late, np.where(ja[c[sel]], 4, 0), pick)
        comment[sel] = np.array(texts, dtype=object)[pick]
    resp_seconds = rng.integers(8 * 3600, 23 * 3600, size=len(tx_asked))
    responded_at = (np.datetime64(start) + resp_day.astype("timedelta64[D]")
                    + resp_seconds.astype("timedelta64[s]"))
    surveys_df = pd.DataFrame({
        "response_id": pd.Series(np.arange(1, len(tx_asked) + 1)).map("R{:07d}".format).to_numpy(),
        "customer_id": customer_ids[c],
        "email": email[c],
        "order_id": order_ids[tx_asked],
        "responded_at": pd.to_datetime(responded_at),
        "score": score.astype("int32"),
        "comment": comment,
        "touchpoint": TOUCHPOINTS[tp],
        "channel": ORDER_CHANNELS[tx_channel[tx_asked]],
    })
    return DemoData(customers_df, tx_df, referrals_df, surveys_df)


def load_demo(store: Store, customers: int = 5000, seed: int = 7, end_date: date | None = None,
              replace: bool = True, currency: str = "USD", train_model: bool = False) -> dict:
    """Generate the demo and write it as one import batch (undoable like any import).
    train_model: then fit and save the churn model the dashboard opens with and prepare every
    page's opening results (cx.prepare.prepare_after_import), so the pages load them instead of
    computing; the result's "churn_model_seconds" is the time the model took (None: no model,
    too little data), "pages_seconds" the time preparing every page's opening view took."""
    data = generate(customers=customers, seed=seed, end_date=end_date, currency=currency)
    with store.write() as cur:
        if replace:
            for table in ("customers", "transactions", "referrals", "survey_responses",
                          "import_batches", "rejected_rows"):
                cur.execute(f"DELETE FROM {table}")  # constant table names
        batch = next_batch_id(cur)
        for table, df in (("customers", data.customers), ("transactions", data.transactions),
                          ("referrals", data.referrals),
                          ("survey_responses", data.survey_responses)):
            cur.register("demo_frame", df)
            cols = ", ".join(df.columns)
            cur.execute(f"INSERT INTO {table} ({cols}, batch_id) "
                        f"SELECT {cols}, {batch} FROM demo_frame")  # constant names only
            cur.unregister("demo_frame")
        rows = len(data.transactions)
        cur.execute(
            "INSERT INTO import_batches (batch_id, kind, file_name, sha256, encoding, mapping, "
            "source, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate, "
            "imported_at) VALUES (?, 'demo', ?, NULL, NULL, NULL, 'demo', ?, ?, 0, 0, 0, ?)",
            [batch, f"demo (seed {seed}, {customers} customers)", rows, rows,
             datetime.now().replace(microsecond=0)])
    counts = {"customers": len(data.customers), "transactions": len(data.transactions),
              "referrals": len(data.referrals), "survey_responses": len(data.survey_responses)}
    if train_model:
        from cx.prepare import prepare_after_import

        done = prepare_after_import(store)
        counts["churn_model_seconds"] = done["model_seconds"] if done["bundle"] is not None else None
        counts["pages_seconds"] = done["pages_seconds"]
    return counts
