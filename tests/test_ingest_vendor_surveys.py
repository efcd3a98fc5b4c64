"""Survey exports the profiles do not name: a HubSpot feedback-submissions export (reference
§2.6: Date/Submitted, Rating, Sentiment, the follow-up Response, the Contact; CSV labels not
verified, so no profile, only the generic mapper) and a survey whose NPS question header says
nothing (`Q1`), found by its 0-10 answers."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from cx.ingest import ImportError_, import_file, preview_file
from cx.nps import window_nps
from tests.conftest import FIXTURES, rows

HUBSPOT = FIXTURES / "hubspot_feedback_ILLUSTRATIVE.csv"


def test_hubspot_mapping_takes_the_response_not_the_sentiment_and_the_contact_email():
    p = preview_file(HUBSPOT)
    assert (p.kind, p.source) == ("surveys", "csv")
    assert p.mapping["score"] == "Rating"
    assert p.mapping["comment"] == "Response"            # not "Sentiment" (Promoter, ...)
    assert p.mapping["email"] == "Contact email"
    assert p.mapping["responded_at"] == "Submitted at"
    assert "Sentiment" not in p.mapping.values()


def test_hubspot_import_scores_comments_emails_and_csat_rows_skipped(store):
    import_file(store, FIXTURES / "shopify_orders_en.csv")    # ann and bo are customers
    r = import_file(store, HUBSPOT)
    # 4 rows: 3 NPS answers, 1 CSAT answer (rating 2 on CSAT's 0-2 scale: not an NPS score)
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (4, 3, 0)
    assert r.skipped_reasons == {"not_nps": 1} and r.records_loaded == 3
    got = rows(store, "SELECT responded_at, score, comment, email, customer_id "
                   "FROM survey_responses ORDER BY responded_at")
    assert got == [
        (datetime(2024, 2, 1, 9, 15), 10, "Great service, will come back",
         "ann.test@example.com", "ann.test@example.com"),      # " Ann.Test@Example.com"
        (datetime(2024, 2, 2, 18, 40), 7, None, "bo.test@example.com", "bo.test@example.com"),
        (datetime(2024, 2, 3, 12, 0), 3, "Order arrived late.", "cy.test@example.com", None),
    ]
    # 1 promoter, 1 passive, 1 detractor: NPS 0; cy is unmatched but still counts
    cur = store.cursor()
    try:
        nps = window_nps(cur, date(2024, 2, 1), date(2024, 2, 29))
    finally:
        cur.close()
    assert (nps.responses, nps.nps) == (3, 0.0)
    assert any("could not be matched" in w for w in r.warnings)


def test_a_group_column_beside_the_score_is_never_the_comment(tmp_path):
    # no comment header words: the free-text column after the score, passing over the group
    path = tmp_path / "nps.csv"
    path.write_text("Date,Rating,NPS Group,Follow-up\n2024-03-01,9,Promoter,Lovely\n"
                    "2024-03-02,2,Detractor,Too slow\n")
    p = preview_file(path)
    assert p.mapping["score"] == "Rating" and p.mapping["comment"] == "Follow-up"


def test_nps_question_with_a_blank_header_is_found_by_its_values_and_confirmed(store, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("Response ID,Date,Email,Q1,Q2\n"
                    "r1,2024-04-01,ann.test@example.com,9,Friendly staff\n"
                    "r2,2024-04-02,bo.test@example.com,6,Slow delivery\n"
                    "r3,2024-04-03,cy.test@example.com,10,\n"
                    "r4,2024-04-04,dee.test@example.com,0,Never again\n")
    p = preview_file(path)
    assert p.kind == "surveys" and p.mapping["score"] == "Q1" and p.mapping["comment"] == "Q2"
    # the score was found only by its values: the guess is confirmed before anything loads
    assert p.question == "values"
    with pytest.raises(ImportError_, match='--kind surveys --map score="Q1"'):
        import_file(store, path)
    assert rows(store, "SELECT COUNT(*) FROM survey_responses") == [(0,)]
    r = import_file(store, path, kind="surveys", overrides={"score": "Q1"})
    assert (r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_skipped) == (4, 4, 0, 0)
    assert rows(store, "SELECT response_id, score, comment FROM survey_responses ORDER BY 1") == [
        ("r1", 9, "Friendly staff"), ("r2", 6, "Slow delivery"), ("r3", 10, None),
        ("r4", 0, "Never again")]
    # promoters 2 (9, 10), detractors 2 (6, 0) of 4: NPS 0
    cur = store.cursor()
    try:
        nps = window_nps(cur, date(2024, 4, 1), date(2024, 4, 30))
    finally:
        cur.close()
    assert (nps.responses, nps.promoters, nps.detractors, nps.nps) == (4, 2, 2, 0.0)
