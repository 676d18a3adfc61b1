"""Real-browser fixtures: `dl500 serve` on the mini bank, and a Chromium page.

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
from typing import Any
from urllib.request import urlopen

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(mini_root: Path, tmp_path: Path) -> Iterator[str]:
    """Start `dl500 serve` on a free loopback port with a fresh database; yield its URL."""
    port = _free_port()
    env = {**os.environ, "DL500_DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite3'}"}
    command = [sys.executable, "-m", "dl500", "serve", "--content", str(mini_root)]
    proc = subprocess.Popen([*command, "--port", str(port)], env=env)
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


@pytest.fixture
def page() -> Iterator[Any]:
    """A Chromium page that records script errors in `page.errors`."""
    if not CHROMIUM.exists():
        if os.environ.get("DL500_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (apt-get install chromium)")
        pytest.skip("no /usr/bin/chromium; install it to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        new_page = browser.new_page()
        new_page.errors = []  # type: ignore[attr-defined]
        new_page.on("pageerror", lambda e: new_page.errors.append(str(e)))  # type: ignore[attr-defined]
        yield new_page
        browser.close()
