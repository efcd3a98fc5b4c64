"""Security and reliability in a real browser: the login gate of a dashboard opened to the
network, a broken upload that changes nothing, and two sessions importing at the same moment."""
from __future__ import annotations

from cx import auth
from cx.ingest import import_file
from cx.store import Store
from tests.browser import (
    browser_page,
    chromium_browser,
    metric_value,
    no_error_on_screen,
    running_app,
    settle,
    wait_for,
)
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "orders.csv"  # 7 orders load, 1 rejected, 4 customers
PASSWORD = "correct horse battery staple"
# the import's uploader is the page's first (the events' CSV upload comes further down)
UPLOAD = '[data-testid="stFileUploader"] input[type="file"]'


def sample_db(path):
    store = Store(path)
    import_file(store, SAMPLE.read_bytes(), file_name="orders.csv")
    store.close()
    return path


def db_counts(path):
    """(customers, transactions, import batches, rejected rows) of a database file; call once
    the server has stopped (one process at a time can open a DuckDB file)."""
    store = Store(path)
    try:
        cur = store.cursor()
        return cur.execute("SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM "
                           "transactions), (SELECT COUNT(*) FROM import_batches), "
                           "(SELECT COUNT(*) FROM rejected_rows)").fetchall()[0]
    finally:
        store.close()


# -- 1. the login gate ------------------------------------------------------------------------
def gated_app(tmp_path, name):
    """A dashboard listening on every interface (as `make run ADDRESS=0.0.0.0` does), which
    turns the gate on, with an access password in its own secrets.toml."""
    db = sample_db(tmp_path / f"{name}.duckdb")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[auth]\npassword_hash = "{auth.hash_password(PASSWORD)}"\n')
    return running_app(db, address="0.0.0.0", secrets=secrets)


def test_a_dashboard_on_the_network_shows_nothing_until_the_right_password(tmp_path):
    with gated_app(tmp_path, "gate") as base, browser_page() as page:
        def shows_no_data():
            assert page.locator('[data-testid="stMetric"]').count() == 0
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            body = page.inner_text("body")
            assert "Overview" not in body and "ann@example.com" not in body
            no_error_on_screen(page)

        page.goto(base)
        settle(page)
        assert wait_for(lambda: page.get_by_role("heading", name="Sign in").count() == 1, 30)
        shows_no_data()

        field = page.get_by_label("Password", exact=True)
        field.fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        assert wait_for(lambda: page.locator('[data-testid="stAlert"]').count() > 0, 30)
        settle(page)
        alerts = page.locator('[data-testid="stAlert"]')
        assert alerts.count() == 1
        assert alerts.first.inner_text().strip() == "That password is not right."
        shows_no_data()

        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        assert wait_for(lambda: page.locator('[data-testid="stMetric"]').count() > 0, 60)
        settle(page)
        assert page.get_by_role("heading", name="Overview").count() >= 1
        assert page.get_by_role("heading", name="Sign in").count() == 0
        assert page.locator('[data-testid="stSidebarNavLink"]').count() >= 2
        no_error_on_screen(page)
        page.screenshot(path=str(tmp_path / "after-sign-in.png"), full_page=True)


def test_no_page_opens_by_its_address_or_sidebar_link_before_sign_in(tmp_path):
    with gated_app(tmp_path, "links") as base, browser_page() as page:
        for path in ("/data", "/overview", "/segments"):
            page.goto(base + path)
            settle(page)
            assert page.locator('[data-testid="stMetric"]').count() == 0, path
            assert wait_for(lambda: page.get_by_role("heading", name="Sign in").count() == 1,
                            30), path
        page.goto(base)
        settle(page)
        links = page.locator('[data-testid="stSidebarNavLink"]')
        for i in range(links.count()):
            label = links.nth(i).inner_text()
            links.nth(i).click()
            settle(page)
            assert page.locator('[data-testid="stMetric"]').count() == 0, label
            assert wait_for(lambda: page.get_by_role("heading", name="Sign in").count() == 1,
                            30), label


# -- 2. a broken upload -----------------------------------------------------------------------
GARBAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
UNCLOSED = (b"order_id,customer_id,email,order_date,total,currency\n"
            b"X-1,cust-90,x@example.com,2024-03-01,10.00,USD\n"
            b"X-2,cust-91,y@example.com,2024-03-02,\"11.00,USD\n"
            b"X-3,cust-92,z@example.com,2024-03-03,12.00,USD\n")


def test_a_broken_upload_says_why_in_one_sentence_and_changes_nothing(tmp_path):
    db = sample_db(tmp_path / "broken.duckdb")
    before = db_counts(db)
    with running_app(db) as base, browser_page() as page:
        page.goto(f"{base}/data")
        settle(page)
        assert (metric_value(page, "Customers"), metric_value(page, "Orders")) == ("4", "7")
        page.locator(UPLOAD).first.set_input_files([
            {"name": "garbage.csv", "mimeType": "text/csv", "buffer": GARBAGE},
            {"name": "unclosed.csv", "mimeType": "text/csv", "buffer": UNCLOSED}])
        errors = page.locator('[data-testid="stAlert"]').filter(
            has_text="this file cannot be imported")
        assert wait_for(lambda: errors.count() == 2, 60), errors.count()
        settle(page)
        texts = sorted(errors.all_inner_texts())
        assert texts[0].startswith("garbage.csv: this file cannot be imported. This is not a CSV")
        assert texts[1] == ("unclosed.csv: this file cannot be imported. A quoted field opens "
                            "on line 3 and never closes, so the rest of the file would be read "
                            "as one cell; fix the stray quote on that line.")
        for text in texts:
            assert "\n" not in text.strip() and "Error" not in text and "Traceback" not in text
        no_error_on_screen(page)
        # nothing can be imported, and the numbers did not move
        assert page.get_by_role("button", name="Import").count() == 0
        assert (metric_value(page, "Customers"), metric_value(page, "Orders")) == ("4", "7")
        page.reload()
        settle(page)
        assert (metric_value(page, "Customers"), metric_value(page, "Orders")) == ("4", "7")
    assert db_counts(db) == before


# -- 3. two sessions importing at the same moment ---------------------------------------------
ROWS = 4000


def orders_file(prefix: str, first_customer: int) -> bytes:
    """ROWS orders with ids `<prefix>-n`; the two files share half their customers."""
    lines = ["order_id,customer_id,email,order_date,total,currency"]
    for i in range(ROWS):
        c = first_customer + i % 2000
        lines.append(f"{prefix}-{i:05d},cust-{c:05d},c{c}@example.com,"
                     f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00,{10 + i % 90}.50,USD")
    return ("\n".join(lines) + "\n").encode()


def test_two_sessions_importing_at_once_both_land_completely(tmp_path):
    db = tmp_path / "parallel.duckdb"
    Store(db).close()
    files = {"A": orders_file("A", 0), "B": orders_file("B", 1000)}
    with running_app(db) as base, chromium_browser() as browser:
        pages = {}
        for name, data in files.items():  # two contexts: two independent browser sessions
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{base}/data")
            settle(page)
            page.locator(UPLOAD).first.set_input_files(
                {"name": f"orders-{name}.csv", "mimeType": "text/csv", "buffer": data})
            pages[name] = page
        buttons = {n: p.get_by_role("button", name="Import 1 file(s)") for n, p in pages.items()}
        for button in buttons.values():
            button.wait_for(timeout=60_000)
        for page in pages.values():
            settle(page)
        for button in buttons.values():  # both clicks leave before either import ends
            button.click(no_wait_after=True)
        for name, page in pages.items():
            done = page.locator('[data-testid="stAlert"]').filter(
                has_text=f"orders-{name}.csv")
            assert wait_for(lambda: done.count() == 1, 90), name
        for name, page in pages.items():
            settle(page)
            alert = page.locator('[data-testid="stAlert"]').filter(has_text=f"orders-{name}.csv")
            assert f"{ROWS:,} rows read — {ROWS:,} loaded, 0 rejected" in alert.inner_text(), \
                alert.inner_text()
            assert page.locator('[data-testid="stAlert"]').filter(
                has_text="cannot be imported").count() == 0
            no_error_on_screen(page)
        # a fresh look in the first session shows both files
        pages["A"].reload()
        settle(pages["A"])
        assert metric_value(pages["A"], "Orders") == f"{2 * ROWS:,}"
        assert metric_value(pages["A"], "Customers") == "3,000"
    store = Store(db)
    try:
        cur = store.cursor()
        per_file = dict(cur.execute(
            "SELECT substr(order_id, 1, 1), COUNT(*) FROM transactions GROUP BY 1").fetchall())
        distinct = cur.execute("SELECT COUNT(DISTINCT order_id), COUNT(*) FROM transactions"
                               ).fetchall()[0]
        batches = cur.execute("SELECT file_name, rows_read, rows_loaded FROM import_batches "
                              "ORDER BY file_name").fetchall()
        customers = cur.execute("SELECT COUNT(*), COUNT(DISTINCT customer_id) FROM customers"
                                ).fetchall()[0]
    finally:
        store.close()
    assert per_file == {"A": ROWS, "B": ROWS}
    assert distinct == (2 * ROWS, 2 * ROWS)
    assert batches == [("orders-A.csv", ROWS, ROWS), ("orders-B.csv", ROWS, ROWS)]
    assert customers == (3000, 3000)
