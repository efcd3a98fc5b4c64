"""Browser-test support: a real dashboard server on a free port and Debian's headless chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed (make test installs it).")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(db_path: Path, extra_env: dict | None = None, address: str = "127.0.0.1",
                secrets: Path | None = None):
    """Start `streamlit run app.py` on db_path; yield its base URL; always stop it.
    `address`: what the server listens on (the browser always connects to 127.0.0.1);
    `secrets`: a secrets.toml to read instead of the usual places (the access password)."""
    port = free_port()
    env = {**os.environ, "CX_DB": str(db_path), **(extra_env or {})}
    args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.port", str(port), "--server.address", address,
            "--browser.gatherUsageStats", "false"]
    if secrets is not None:
        args += ["--secrets.files", str(secrets)]
    server = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/_stcore/health", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("The dashboard server exited at start.")
                time.sleep(0.25)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


@contextmanager
def chromium_browser():
    """Debian's headless chromium; new_context() on it gives independent sessions."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browser_page(width: int = 1400, height: int = 1000):
    with chromium_browser() as browser:
        yield browser.new_page(viewport={"width": width, "height": height})


def settle(page, timeout_s: float = 120) -> None:
    """Wait until Streamlit has finished running the script: its running indicator absent for a
    full second (on a slow machine the run can start, or start again, after a first quiet look)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count():
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= 1.0:
            break
        time.sleep(0.2)
    time.sleep(0.3)


def metric_value(page, label: str) -> str:
    """The value of the st.metric whose label contains `label`."""
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for(predicate, timeout_s: float = 60) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def no_error_on_screen(page) -> None:
    """No Streamlit exception box and no traceback text anywhere on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")
