"""A real browser uploads a CSV on the Data page, imports it and sees the counts change."""
from cx.store import Store
from tests.browser import browser_page, metric_value, running_app, settle, wait_for
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "orders.csv"


def test_upload_and_import_in_a_browser(tmp_path):
    db = tmp_path / "upload.duckdb"
    Store(db).close()  # an empty database
    with running_app(db) as base, browser_page() as page:
        page.goto(f"{base}/data")
        settle(page)
        assert metric_value(page, "Orders") == "0"
        # the first uploader is the import's (the events' CSV upload comes further down)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
            str(SAMPLE))
        button = page.get_by_role("button", name="Import 1 file(s)")
        button.wait_for(timeout=60_000)
        settle(page)
        assert page.get_by_text("orders.csv — No known export layout", exact=False).count()
        button.click()
        assert wait_for(lambda: metric_value(page, "Orders") == "7"), metric_value(page, "Orders")
        settle(page)
        assert metric_value(page, "Customers") == "4"  # cust-05 had only a rejected row
        alert = page.locator('[data-testid="stAlert"]').filter(has_text="7 loaded, 1 rejected")
        assert alert.count() == 1
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(tmp_path / "data-after-import.png"), full_page=True)
