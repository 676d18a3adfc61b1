"""The practice page in a real browser: Space reveals, 3 rates, U undoes; no script errors."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_keyboard_review_and_undo(server: str, page: Any) -> None:
    page.goto(f"{server}/practice")
    assert page.get_attribute("#card", "data-qid") == "alpha/sigmoid-derivative"
    assert not page.is_visible("#grades") and not page.is_visible("#back")
    page.keyboard.press("Space")
    assert page.is_visible("#grades") and page.is_visible(".zh .katex")
    page.keyboard.press("3")
    page.wait_for_selector('#card[data-qid="alpha/norms"]')
    page.keyboard.press("u")
    page.wait_for_selector('#card[data-qid="alpha/sigmoid-derivative"][data-seq="2"]')
    assert "card=alpha" in page.url
    assert page.errors == []
