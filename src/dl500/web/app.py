"""Build the Starlette app: routes, static files, security headers, error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dl500.bank.loader import default_content_root, read_bank
from dl500.render.katex import katex_dir
from dl500.search.query import SearchEngine
from dl500.store import Store
from dl500.web import api, practice, views
from dl500.web.context import AppContext
from dl500.web.pagecache import CachedPages
from dl500.web.templates import render_page

STATIC = Path(__file__).with_name("static")

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
        b"base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Add the security headers to every response (pure ASGI: no per-request objects)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return render_page(
        request,
        "error.html",
        {"status": exc.status_code, "detail": exc.detail},
        status_code=exc.status_code,
    )


async def _server_error(request: Request, exc: Exception) -> Response:
    # Never show a traceback to a user; the log has it.
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "internal error"}, status_code=500)
    return render_page(
        request, "error.html", {"status": 500, "detail": "internal error"}, status_code=500
    )


def create_app(
    content_root: Path, db_url: str | None = None, *, store: Store | None = None
) -> Starlette:
    """Load the bank once and return the ASGI app serving it."""
    bank, problems = read_bank(content_root)
    ctx = AppContext(
        bank,
        store or Store(db_url),
        content_root,
        SearchEngine.for_content(content_root, bank),
        problems=sum(1 for p in problems if not p.is_warning),
    )
    routes: list[Any] = [*views.routes(), *api.routes(), *practice.routes()]
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    kdir = katex_dir()
    if kdir is not None:
        routes.append(Mount("/vendor/katex", StaticFiles(directory=kdir / "dist"), name="katex"))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(CachedPages, ctx=ctx)],
        exception_handlers={HTTPException: _http_error, 500: _server_error},
    )
    app.state.ctx = ctx
    app.state.has_katex = kdir is not None
    return app


def app_from_env() -> Starlette:
    """App factory for ASGI servers started by import string (content and DB from env)."""
    import os

    return create_app(default_content_root(), os.environ.get("DL500_DATABASE_URL"))
