"""Every page in a real browser, in both languages and in presenter mode: no error on screen."""
import shutil
from contextlib import contextmanager

import pytest

from cx.store import Store
from tests.browser import chromium_browser, running_app, settle, wait_for

LANG_LABEL = {"en": "Language", "ja": "言語"}


HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_COMMENT = "[click](http://x) <b>bold</b> <script>alert(2)</script>"


def make_hostile(db):
    """Customer text that would run or link if it were ever rendered as HTML or markdown."""
    store = Store(db)
    with store.write() as cur:
        cur.execute("UPDATE customers SET name = $name WHERE customer_id IN "
                    "(SELECT customer_id FROM customers ORDER BY customer_id LIMIT 300)",
                    {"name": HOSTILE_NAME})
        cur.execute("UPDATE survey_responses SET comment = $c WHERE comment IS NOT NULL",
                    {"c": HOSTILE_COMMENT})
    store.close()


@pytest.fixture(scope="module")
def app_url(demo_db_path, tmp_path_factory):
    db = tmp_path_factory.mktemp("walk") / "walk.duckdb"
    shutil.copy(demo_db_path, db)
    make_hostile(db)
    with running_app(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """One chromium for this module's tests (launching one costs seconds); every test opens its
    own context, so its sessions, cookies and storage are as fresh as a new browser's."""
    with chromium_browser() as b:
        yield b


@contextmanager
def new_page(browser, width: int = 1400, height: int = 1000):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        yield context.new_page()
    finally:
        context.close()


def nav_paths(page, base):
    links = page.locator('[data-testid="stSidebarNavLink"]')
    paths = []
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        path = href.replace(base, "").strip("/")
        if path not in paths:
            paths.append(path)
    return paths


@pytest.mark.xdist_group("browser_walk_demo")  # one app_url server under pytest-xdist
@pytest.mark.parametrize("lang,presenter", [("en", False), ("ja", False), ("ja", True)])
def test_every_page_renders_without_errors(app_url, browser, lang, presenter, tmp_path):
    with new_page(browser) as page:
        page.goto(app_url)
        settle(page)
        # a fresh server's first run can start after settle's quiet second: wait for the links
        assert wait_for(lambda: nav_paths(page, app_url), 60), "no navigation links"
        paths = nav_paths(page, app_url)
        for path in paths:
            page.goto(f"{app_url}/{path}?lang={lang}&presenter={int(presenter)}")
            settle(page)
            page.screenshot(path=str(tmp_path / f"{path or 'home'}-{lang}.png"), full_page=True)
            body = page.inner_text("body")
            assert page.locator('[data-testid="stException"]').count() == 0, (path, lang)
            assert "Traceback" not in body
            assert presenter or wait_for(lambda: LANG_LABEL[lang] in page.inner_text("body"), 30)
            # customer text never becomes markup
            assert page.locator('img[src="x"]').count() == 0, f"an injected image on {path}"
            assert page.locator('a[href="http://x"]').count() == 0, f"an injected link on {path}"
            assert page.locator("b:text('bold')").count() == 0, f"injected bold text on {path}"
            if presenter:
                assert "@example.com" not in body, f"an email is visible on {path}"


# Each page's own address, and the page title it must open on (i18n keys).
DEEP_LINKS = {"": "overview.title", "overview": "overview.title",
              "retention": "retention.title", "repeat": "repeat.title",
              "segments": "segments.title",
              "nps": "nps.title", "churn": "churn.title", "data": "data.title"}


@pytest.mark.xdist_group("browser_walk_demo")  # one app_url server under pytest-xdist
@pytest.mark.parametrize("query", ["", "?lang=ja&presenter=1"])
def test_deep_links_open_their_page(app_url, browser, query):
    """A link straight to /overview, /retention, ... (with or without ?lang=ja&presenter=1)
    opens that page, with no "Page not found" dialog first."""
    from cx import i18n

    lang = "ja" if "lang=ja" in query else "en"
    with new_page(browser) as page:
        for path, title_key in DEEP_LINKS.items():
            page.goto(f"{app_url}/{path}{query}")
            settle(page)
            title = i18n.t(title_key, lang)
            assert wait_for(lambda: title in page.inner_text("body"), 30), (path, title)
            body = page.inner_text("body")
            assert "Page not found" not in body, path
            assert page.locator('[role="dialog"]').count() == 0, path
            assert page.locator('[data-testid="stException"]').count() == 0, path
            if query:
                assert "@example.com" not in body, f"an email is visible on /{path}"


# Every data shape of tests/test_shapes.py in a real browser (English): each page's address
# opens with no error, no "nan"/"None"/"inf" on screen.
SHAPE_PAGES = ["", "retention", "repeat", "segments", "nps", "churn", "data"]


def _shape_names() -> list[str]:
    from tests.test_shapes import BIG, SHAPES

    return [*SHAPES, BIG]


@pytest.mark.parametrize("name", _shape_names())
def test_pages_in_the_browser_on_sparse_data(name, tmp_path, browser):
    from cx import i18n
    from tests.test_shapes import FORBIDDEN, build

    db = tmp_path / f"{name}.duckdb"
    build(name, db)
    with running_app(db) as base, new_page(browser) as page:
        for path in SHAPE_PAGES:
            page.goto(f"{base}/{path}")
            settle(page)
            title = i18n.t(DEEP_LINKS[path], "en")  # the page ran (not a blank screen)
            assert wait_for(lambda: title in page.inner_text("body"), 30), (name, path, title)
            body = page.inner_text("body")
            assert page.locator('[data-testid="stException"]').count() == 0, (name, path)
            assert "Traceback" not in body and "Page not found" not in body, (name, path)
            assert not FORBIDDEN.search(body), (name, path, FORBIDDEN.findall(body)[:5])
