"""The page cache in front of the app serves exactly what the view rendered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dl500.web.app import create_app
from dl500.web.pagecache import pick_lang


@pytest.fixture
def client(mini_root: Path, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(mini_root, f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    with TestClient(app) as c:
        yield c


def test_second_request_comes_from_the_cache_and_is_identical(client: TestClient) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    first = client.get("/q/alpha/norms")
    assert ("alpha/norms", "zh") in ctx.pages
    ctx.pages[("alpha/norms", "zh")] = first.content + b"<!-- cached -->"
    second = client.get("/q/alpha/norms")
    assert second.content == first.content + b"<!-- cached -->"
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert second.headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("query", "cookie", "expected"),
    [
        ("", None, "zh"),
        ("?lang=en", None, "en"),
        ("", "en", "en"),
        ("?lang=zh", "en", "zh"),
        ("?lang=xx", "en", "zh"),
        ("", "fr", "zh"),
    ],
)
def test_cached_and_rendered_pages_pick_the_same_language(
    client: TestClient, query: str, cookie: str | None, expected: str
) -> None:
    if cookie:
        client.cookies.set("lang", cookie)
    for _ in range(2):  # first rendered by the view, then served by the cache
        assert f'data-lang="{expected}"' in client.get(f"/q/alpha/norms{query}").text


def test_malformed_cookie_header_is_harmless(client: TestClient) -> None:
    client.get("/q/alpha/norms")
    r = client.get("/q/alpha/norms", headers={"cookie": 'lang="en; bad=\\x'})
    assert r.status_code == 200


def test_pick_lang() -> None:
    assert pick_lang(None, None) == "zh"
    assert pick_lang("en", "zh") == "en"
    assert pick_lang("", "en") == "en"
    assert pick_lang("de", None) == "zh"
