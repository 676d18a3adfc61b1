"""The one real-browser test: Debian's Chromium, driven by Playwright, against `dl500 serve`.

Opt-in locally (skipped without /usr/bin/chromium); CI sets DL500_REQUIRE_BROWSER=1 and
installs chromium, so there a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(mini_root: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "DL500_DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite3'}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dl500", "serve", "--content", str(mini_root), "--port", str(port)],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urlopen(url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_question_page_renders_math_and_switches_language(server: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("DL500_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (apt-get install chromium)")
        pytest.skip("no /usr/bin/chromium; install it to run the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/q/alpha/sigmoid-derivative")
        page.wait_for_selector(".zh .katex-display")
        assert page.locator(".zh .katex").count() >= 2
        assert "$$" not in page.inner_text("article")
        assert page.is_visible("text=在 z=0 处取最大值") or page.is_visible(".zh .points")
        assert not page.is_visible(".en .points")
        page.click("#lang-toggle")
        assert page.is_visible(".en .points") and not page.is_visible(".zh .points")
        page.reload()  # the choice is remembered per browser
        assert page.evaluate("document.documentElement.dataset.lang") == "en"
        page.click("#bookmark")
        page.wait_for_selector('#bookmark[aria-pressed="true"]')
        page.screenshot(path=str(tmp_path / "question.png"), full_page=True)
        assert errors == []
        browser.close()
