"""Jinja2 environment and the page renderer shared by the views."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from dl500.web.pagecache import pick_lang

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def request_lang(request: Request) -> str:
    """Pick the page language: ?lang=, then the `lang` cookie, then Chinese."""
    return pick_lang(request.query_params.get("lang"), request.cookies.get("lang"))


def render_to_string(template: str, context: dict[str, Any]) -> str:
    """Render a template to a string."""
    return _ENV.get_template(template).render(**context)


def render_page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a full page with the shared layout variables."""
    ctx = request.app.state.ctx
    full = {
        "lang": request_lang(request),
        "chapters": ctx.bank.chapters,
        "has_katex": request.app.state.has_katex,
        "path": request.url.path,
        **context,
    }
    return HTMLResponse(render_to_string(template, full), status_code=status_code)
