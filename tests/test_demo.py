from datetime import date

import pandas as pd

from cx.demo import generate

END = date(2026, 11, 22)


def test_same_seed_same_data():
    a, b = generate(400, seed=3, end_date=END), generate(400, seed=3, end_date=END)
    pd.testing.assert_frame_equal(a.transactions, b.transactions)
    pd.testing.assert_frame_equal(a.survey_responses, b.survey_responses)
    c = generate(400, seed=4, end_date=END)
    assert not a.transactions["amount"].equals(c.transactions["amount"])


def test_shape_of_the_story():
    d = generate(3000, end_date=END)
    tx = d.transactions
    assert tx["ordered_at"].max().date() <= END
    span = (tx["ordered_at"].max() - tx["ordered_at"].min()).days
    assert 700 <= span <= 740  # about 24 months
    orders = tx.groupby("customer_id").size()
    assert (orders == 1).mean() > 0.3  # many one-time buyers
    assert (orders >= 10).mean() > 0.1  # a loyal core
    assert 3 <= d.customers["acquisition_channel"].nunique() <= 5
    # a minority of low spenders who refer many friends
    refs = d.referrals.groupby("referrer_id").size()
    spend = tx.groupby("customer_id")["amount"].sum()
    big_referrers = refs[refs >= 4].index
    assert len(big_referrers) > 0
    assert spend.reindex(big_referrers).median() < spend.median() * 3
    # referrals point backwards in time
    first = tx.groupby("customer_id")["ordered_at"].min()
    assert (first.reindex(d.referrals["referrer_id"]).to_numpy()
            <= first.reindex(d.referrals["referred_id"]).to_numpy()).all()


def test_scores_relate_to_behaviour():
    d = generate(4000, end_date=END)
    s = d.survey_responses
    assert s["score"].between(0, 10).all()
    first_score = s.sort_values("responded_at").groupby("customer_id")["score"].first()
    orders = d.transactions.groupby("customer_id").size().reindex(first_score.index)
    promoters, detractors = orders[first_score >= 9], orders[first_score <= 6]
    assert promoters.mean() > detractors.mean()  # detractors leave sooner
    refs = d.referrals.groupby("referrer_id").size().reindex(first_score.index).fillna(0)
    assert refs[first_score >= 9].mean() > refs[first_score <= 6].mean()  # promoters refer more
    comments = s["comment"].dropna()
    assert comments.str.contains("[ぁ-んァ-ン一-龥]", regex=True).any()
    assert comments.str.contains("[a-z]", regex=True).any()


def test_hundred_thousand_customers_make_about_a_million_orders():
    d = generate(20000, end_date=END)  # scaled down; 100k gives ~950k (see bench)
    assert 150_000 <= len(d.transactions) <= 260_000
