"""Screenshots of every page on a given database, in a given language, in headless Chromium.

Usage, from the project root:
    .venv/bin/python tools/shoot_pages.py DB SHOTS_DIR [en|ja] [--upload FILE]
Serves app.py on DB, opens each page's address with ?lang=..., saves DIR/<page>-<lang>.png and
prints any page that shows a Streamlit exception, a traceback, "nan", "None" or "inf" as text.
With --upload, the Data page also gets FILE dropped on it (the preview and mapping shown).
Uses Debian's chromium (never `playwright install`); fonts-noto-cjk for the Japanese glyphs.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["overview", "retention", "segments", "nps", "churn", "data"]

db, shots = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
lang = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("--") else "en"
upload = Path(sys.argv[sys.argv.index("--upload") + 1]) if "--upload" in sys.argv else None
shots.mkdir(parents=True, exist_ok=True)
project = Path(__file__).resolve().parent.parent
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen(
    [str(project / ".venv" / "bin" / "python"), "-m", "streamlit", "run", "app.py",
     "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
     "--browser.gatherUsageStats", "false"], env={**os.environ, "CX_DB": str(db)}, cwd=project,
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
problems = []
try:
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        def settle():
            """Until the page has run: no running widget and no skeleton, twice in a row."""
            page.wait_for_selector('[data-testid="stApp"]', timeout=120000)
            time.sleep(1.5)
            quiet = 0
            for _ in range(240):
                busy = page.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]'
                                    ).count()
                quiet = 0 if busy else quiet + 1
                if quiet >= 3:
                    break
                time.sleep(0.5)

        for name in PAGES:
            page.goto(f"{base}/{name}?lang={lang}")
            settle()
            if name == "data" and upload is not None:
                page.locator('input[type="file"]').set_input_files(str(upload))
                settle()
                for label in page.get_by_text(re.compile("Column mapping|列の対応")).all()[:1]:
                    label.click()
                    settle()
            page.screenshot(path=str(shots / f"{name}-{lang}.png"), full_page=True)
            body = page.inner_text("body")
            bad = [w for w in ("nan", "None", "inf") if re.search(rf"(?<![\w.]){w}(?![\w.])",
                                                                   body)]
            if page.locator('[data-testid="stException"]').count() or "Traceback" in body:
                problems.append(f"{name}: an exception")
            if bad:
                problems.append(f"{name}: shows {', '.join(bad)}")
        browser.close()
finally:
    server.terminate()
    server.wait(timeout=10)
print("\n".join(problems) if problems else f"{len(PAGES)} pages, {lang}: no error, nan, None or inf")
