"""HTML pages. Each view parses its input, asks the context, renders a template."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from dl500.bank.schema import Question
from dl500.search.query import MAX_QUERY_CHARS
from dl500.web.context import AppContext
from dl500.web.templates import render_page, render_to_string, request_lang


def _ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


async def home(request: Request) -> Response:
    ctx = _ctx(request)
    return render_page(request, "home.html", {"bank": ctx.bank, "problems": ctx.problems})


async def chapter(request: Request) -> Response:
    ctx = _ctx(request)
    ch = ctx.bank.chapter(request.path_params["number"])
    if ch is None:
        raise HTTPException(404, f"no chapter {request.path_params['number']}")
    return render_page(request, "chapter.html", {"chapter": ch, "bank": ctx.bank})


def question_context(ctx: AppContext, q: Question) -> dict[str, Any]:
    """Everything the question template needs, in both languages."""
    prev, nxt = ctx.bank.neighbours(q.id)
    related = [r for r in (ctx.bank.resolve(i) for i in q.meta.related) if r is not None]
    return {
        "q": q,
        "prev": prev,
        "next": nxt,
        "related": related,
        "chapter": ctx.bank.chapter(q.chapter),
        "html": {lang: ctx.rendered(q, lang) for lang in ("zh", "en")},
    }


async def question(request: Request) -> Response:
    ctx = _ctx(request)
    qid = f"{request.path_params['chapter']}/{request.path_params['stem']}"
    q = ctx.bank.resolve(qid)
    if q is None:
        raise HTTPException(404, f"no question {qid}")
    if q.id != qid:  # an alias: send the reader to the permanent address
        return Response(status_code=301, headers={"location": f"/q/{q.id}"})
    lang = request_lang(request)
    key = (q.id, lang)
    page = ctx.pages.get(key)
    if page is None:
        full = {
            "lang": lang,
            "chapters": ctx.bank.chapters,
            "path": request.url.path,
            "has_katex": request.app.state.has_katex,
            **question_context(ctx, q),
        }
        page = render_to_string("question.html", full).encode()
        ctx.pages[key] = page
    return HTMLResponse(page)


async def search_page(request: Request) -> Response:
    ctx = _ctx(request)
    query = request.query_params.get("q", "")
    if len(query) > MAX_QUERY_CHARS * 50:
        raise HTTPException(400, "query too long")
    hits = ctx.search.search(query, limit=50) if query.strip() else []
    return render_page(
        request,
        "search.html",
        {"query": query, "hits": hits, "is_truncated": len(query) > MAX_QUERY_CHARS},
    )


async def bookmarks_page(request: Request) -> Response:
    ctx = _ctx(request)
    questions = [q for q in (ctx.bank.resolve(i) for i in ctx.store.bookmarks()) if q]
    return render_page(request, "bookmarks.html", {"questions": questions})


def routes() -> list[Route]:
    return [
        Route("/", home),
        Route("/c/{number:int}", chapter),
        Route("/q/{chapter}/{stem}", question),
        Route("/search", search_page),
        Route("/bookmarks", bookmarks_page),
    ]


__all__ = ["HTMLResponse", "routes"]
