"""The practice page in a real browser: Space reveals, 3 rates, U undoes; no script errors."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.browser.test_smoke import CHROMIUM, _free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def practice_server(mini_root: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "DL500_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"}
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


def test_keyboard_review_and_undo(practice_server: str) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("DL500_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (apt-get install chromium)")
        pytest.skip("no /usr/bin/chromium; install it to run the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{practice_server}/practice")
        assert page.get_attribute("#card", "data-qid") == "alpha/sigmoid-derivative"
        assert not page.is_visible("#grades") and not page.is_visible("#back")
        page.keyboard.press("Space")
        assert page.is_visible("#grades") and page.is_visible(".zh .katex")
        page.keyboard.press("3")
        page.wait_for_selector('#card[data-qid="alpha/norms"]')
        page.keyboard.press("u")
        page.wait_for_selector('#card[data-qid="alpha/sigmoid-derivative"][data-seq="2"]')
        assert "card=alpha" in page.url
        browser.close()
    assert errors == []
