"""Screenshots of every page on a given database, in a given language, in headless Chromium.

Usage, from the project root:
    .venv/bin/python tools/shoot_pages.py DB SHOTS_DIR [en|ja] [--upload FILE]
Serves app.py on DB (tests/browser.py's server and browser), opens each page's address with
?lang=..., saves DIR/<page>-<lang>.png and prints any page that shows a Streamlit exception, a
traceback, or "nan", "None" or "inf" as text (tests/test_shapes.py's rule). With --upload, the
Data page also gets FILE dropped on it (its preview and mapping shown).
Uses Debian's chromium (never `playwright install`); fonts-noto-cjk for the Japanese glyphs.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run by path

from tests.browser import browser_page, running_app, settle  # noqa: E402
from tests.test_shapes import FORBIDDEN  # noqa: E402

HEIGHT = 3000  # pixels
PAGES = ["overview", "retention", "repeat", "segments", "nps", "churn", "data"]


def loaded(page) -> None:
    """Settled, and no chart or table still drawn as a skeleton."""
    settle(page)
    for _ in range(240):
        if not page.locator('[data-testid="stSkeleton"]').count():
            return
        time.sleep(0.5)


def main(argv: list[str]) -> int:
    db, shots = Path(argv[0]).resolve(), Path(argv[1])
    lang = argv[2] if len(argv) > 2 and not argv[2].startswith("--") else "en"
    upload = Path(argv[argv.index("--upload") + 1]) if "--upload" in argv else None
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    # a tall window: Streamlit scrolls inside the page, so full_page alone shoots the first
    # screen only
    with running_app(db) as base, browser_page(height=HEIGHT) as page:
        for name in PAGES:
            page.goto(f"{base}/{name}?lang={lang}")
            loaded(page)
            # a fresh server's first page may still be loading its libraries: wait for its title
            page.locator("h1").first.wait_for(timeout=120_000)
            loaded(page)
            if name == "data" and upload is not None:
                page.locator('input[type="file"]').set_input_files(str(upload))
                loaded(page)
            page.screenshot(path=str(shots / f"{name}-{lang}.png"), full_page=True)
            body = page.inner_text("body")
            if page.locator('[data-testid="stException"]').count() or "Traceback" in body:
                problems.append(f"{name}: an exception")
            if FORBIDDEN.search(body):
                problems.append(f"{name}: shows {FORBIDDEN.findall(body)[:3]}")
    print("\n".join(problems) if problems else
          f"{len(PAGES)} pages, {lang}: no error, nan, None or inf")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
