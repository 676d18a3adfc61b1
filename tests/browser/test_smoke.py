"""The main real-browser test: a question page renders math and switches language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_question_page_renders_math_and_switches_language(
    server: str, page: Any, tmp_path: Path
) -> None:
    page.goto(f"{server}/q/alpha/sigmoid-derivative")
    page.wait_for_selector(".zh .katex-display")
    assert page.locator(".zh .katex").count() >= 2
    assert "$$" not in page.inner_text("article")
    assert page.is_visible(".zh .points") and not page.is_visible(".en .points")
    page.click("#lang-toggle")
    assert page.is_visible(".en .points") and not page.is_visible(".zh .points")
    page.reload()  # the choice is remembered per browser
    assert page.evaluate("document.documentElement.dataset.lang") == "en"
    page.click("#bookmark")
    page.wait_for_selector('#bookmark[aria-pressed="true"]')
    page.screenshot(path=str(tmp_path / "question.png"), full_page=True)
    assert page.errors == []
