"""Serve already-rendered question pages before routing, like a cache in front of the app.

Question pages are the same for every reader (bookmarks and notes arrive through the
API), and `views.question` keeps each one it renders in `AppContext.pages`. This pure
ASGI layer answers a GET for such a page from that dictionary without building a Request
or matching routes, which roughly doubles page throughput; anything not yet cached falls
through to the normal view, which renders and caches it.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from dl500.web.context import AppContext

LANGS = ("zh", "en")


def pick_lang(query_lang: str | None, cookie_lang: str | None) -> str:
    """Choose the page language: ?lang=, then the `lang` cookie, then Chinese."""
    lang = query_lang or cookie_lang or "zh"
    return lang if lang in LANGS else "zh"


def _scope_lang(scope: Scope) -> str:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
    cookie_lang = None
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                morsel = SimpleCookie(value.decode("latin-1")).get("lang")
            except CookieError:
                morsel = None
            cookie_lang = morsel.value if morsel else cookie_lang
    return pick_lang(query, cookie_lang)


class CachedPages:
    """Answer GET /q/<id> from the rendered-page cache when the page is there."""

    def __init__(self, app: ASGIApp, ctx: AppContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"][:3] == "/q/":
            page = self.ctx.pages.get((scope["path"][3:], _scope_lang(scope)))
            if page is not None:
                headers = [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(page)).encode()),
                ]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": page})
                return
        await self.app(scope, receive, send)
