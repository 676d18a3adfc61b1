"""Every page and API route through an in-process client, including the error paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dl500.web.app import create_app
from dl500.web.openapi import OPENAPI


@pytest.fixture
def client(mini_root: Path, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(mini_root, f"sqlite:///{tmp_path / 'web.sqlite3'}")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/c/1",
        "/c/2",
        "/q/alpha/sigmoid-derivative",
        "/search?q=sigmoid",
        "/search?q=",
        "/bookmarks",
    ],
)
def test_pages_render(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert "<html" in r.text and "Traceback" not in r.text


def test_question_page_has_both_languages_math_and_links(client: TestClient) -> None:
    html = client.get("/q/alpha/sigmoid-derivative").text
    assert '<div class="zh body"' in html and '<div class="en body"' in html
    assert '<div class="math display">\\max_z \\sigma&#x27;(z) = \\tfrac14</div>' in html
    assert '<a class="qlink" href="/q/alpha/norms">1.1.2 L1 范数和 L2 范数有什么区别？</a>' in html
    assert 'rel="next" href="/q/alpha/norms"' in html
    assert '<span class="n">math</span>' in html  # pygments highlighted the code


def test_language_cookie_and_query(client: TestClient) -> None:
    assert 'data-lang="zh"' in client.get("/?lang=xx").text  # unknown language: default
    assert 'data-lang="en"' in client.get("/q/alpha/norms?lang=en").text
    client.cookies.set("lang", "en")
    assert 'data-lang="en"' in client.get("/").text


def test_alias_redirects(client: TestClient) -> None:
    r = client.get("/q/alpha/old-name", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/q/alpha/linked"


@pytest.mark.parametrize("url", ["/c/99", "/q/alpha/nope", "/q/x", "/nope", "/c/abc"])
def test_unknown_pages_are_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "Traceback" not in r.text


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "cdn" not in r.text.lower()


def test_static_and_katex_are_served_locally(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/vendor/katex/katex.min.js").status_code == 200


def test_api_search_returns_marked_snippets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "sigmoid 导数"}).json()
    first = body["results"][0]
    assert body["lang"] == "zh" and first["id"] == "alpha/sigmoid-derivative"
    assert first["level"] == 1 and first["tags"] == ["activation", "sigmoid"]
    assert "<mark>导数</mark>" in first["snippet"]
    english = client.get("/api/search", params={"q": "sigmoid 导数", "lang": "en"}).json()
    assert "<mark>derivative</mark>" in english["results"][0]["snippet"]
    schema = OPENAPI["paths"]["/api/search"]["get"]["responses"]["200"]["content"]
    item = schema["application/json"]["schema"]["properties"]["results"]["items"]
    assert "snippet" in item["allOf"][1]["properties"]


def test_search_page_shows_snippets_in_both_languages(client: TestClient) -> None:
    html = client.get("/search", params={"q": "L1 norm"}).text
    assert '<a href="/q/alpha/norms">' in html
    assert '<p class="snippet"><span class="zh" lang="zh-CN"><mark>L1</mark>' in html
    assert "<mark>norms</mark>" in html or "<mark>L1</mark> sums" in html


def test_api_reads(client: TestClient) -> None:
    chapters = client.get("/api/chapters").json()
    assert [c["slug"] for c in chapters] == ["alpha", "beta"]
    assert client.get("/api/chapters/1").json()["sections"][0]["questions"][0]["number"] == "1.1.1"
    q = client.get("/api/questions/alpha/norms").json()
    assert q["title"]["en"] == "How do the L1 and L2 norms differ?"
    assert (
        client.get("/api/search?q=sigmoid").json()["results"][0]["id"] == "alpha/sigmoid-derivative"
    )


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/chapters/9", 404),
        ("/api/questions/alpha/none", 404),
        ("/api/search?q=a&limit=x", 400),
        ("/api/search?q=a&limit=1000", 400),
        ("/api/search?q=a&lang=fr", 400),
        ("/api/unknown", 404),
    ],
)
def test_api_errors_are_json_4xx(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert "error" in r.json()


def test_bookmark_roundtrip(client: TestClient) -> None:
    url = "/api/questions/alpha/norms/bookmark"
    assert client.get(url).json()["bookmarked"] is False
    assert client.put(url, json={"bookmarked": True}).json()["bookmarked"] is True
    assert [b["id"] for b in client.get("/api/bookmarks").json()] == ["alpha/norms"]
    assert "alpha/norms" in client.get("/bookmarks").text


def test_note_is_stored_escaped_and_limited(client: TestClient) -> None:
    url = "/api/questions/alpha/norms/note"
    body = "<script>alert(1)</script> 我的笔记"
    assert client.put(url, json={"body": body}).json()["body"] == body
    assert client.get(url).json()["body"] == body
    assert client.put(url, json={"body": "x" * 10_001}).status_code == 413
    assert client.get(url).json()["body"] == body  # the old note survives a refused write


@pytest.mark.parametrize("payload", [b"{not json", b"[1, 2]", b'{"body": 5}', b"\xff\xfe"])
def test_bad_note_bodies_are_400(client: TestClient, payload: bytes) -> None:
    r = client.put("/api/questions/alpha/norms/note", content=payload)
    assert r.status_code == 400


def test_cross_origin_write_is_refused(client: TestClient) -> None:
    r = client.put(
        "/api/questions/alpha/norms/bookmark",
        json={"bookmarked": True},
        headers={"origin": "http://evil.example"},
    )
    assert r.status_code == 403


@pytest.mark.parametrize("q", ["", " ", "x" * 10_000, "😀🔥", "\x00\x1f", '"*:()-', "BN和LN区别"])
def test_odd_queries_never_fail(client: TestClient, q: str) -> None:
    assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/search", params={"q": q}).status_code in (200, 400)


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    app_paths = {
        r.path.replace(":int", "")
        for r in client.app.routes  # type: ignore[attr-defined]
        if getattr(r, "path", "").startswith("/api/")
    }
    assert app_paths == set(OPENAPI["paths"])
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.")
