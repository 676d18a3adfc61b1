"""The JSON API under /api/, described by the OpenAPI document at /api/openapi.json."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dl500.bank.schema import Chapter, Question
from dl500.errors import BadRequest
from dl500.search.tokenize import has_cjk
from dl500.web.context import AppContext
from dl500.web.openapi import OPENAPI

MAX_BODY_BYTES = 64 * 1024


def _ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def _question_or_404(request: Request) -> Question:
    qid = f"{request.path_params['chapter']}/{request.path_params['stem']}"
    q = _ctx(request).bank.resolve(qid)
    if q is None:
        raise HTTPException(404, f"no question {qid}")
    return q


def _summary(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "number": q.number,
        "level": q.meta.level,
        "tags": list(q.meta.tags),
        "title": {"zh": q.title.zh, "en": q.title.en},
    }


def _chapter(ch: Chapter, bank_questions: Any) -> dict[str, Any]:
    return {
        "number": ch.number,
        "slug": ch.slug,
        "title": {"zh": ch.title.zh, "en": ch.title.en},
        "summary": {"zh": ch.summary.zh, "en": ch.summary.en},
        "questions": len(ch.question_ids),
    }


async def _json_body(request: Request) -> dict[str, Any]:
    """Read a small JSON object from a same-origin request, or fail with a 4xx."""
    origin = request.headers.get("origin")
    if origin and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, "cross-origin write refused")
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise HTTPException(413, f"body over {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HTTPException(400, "body is not valid JSON") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "expected a JSON object")
    return data


async def chapters(request: Request) -> Response:
    bank = _ctx(request).bank
    return JSONResponse([_chapter(c, bank.questions) for c in bank.chapters])


async def chapter(request: Request) -> Response:
    bank = _ctx(request).bank
    ch = bank.chapter(request.path_params["number"])
    if ch is None:
        raise HTTPException(404, f"no chapter {request.path_params['number']}")
    sections = [
        {
            "number": s.number,
            "title": {"zh": s.title.zh, "en": s.title.en},
            "questions": [_summary(bank.questions[i]) for i in s.question_ids],
        }
        for s in ch.sections
    ]
    return JSONResponse({**_chapter(ch, bank.questions), "sections": sections})


async def question(request: Request) -> Response:
    q = _question_or_404(request)
    body = {
        "zh": {"key_points": list(q.zh.key_points), "answer": q.zh.answer},
        "en": {"key_points": list(q.en.key_points), "answer": q.en.answer},
    }
    return JSONResponse(
        {
            **_summary(q),
            "related": list(q.meta.related),
            "refs": list(q.meta.refs),
            "markdown": body,
        }
    )


async def search(request: Request) -> Response:
    query = request.query_params.get("q", "")
    try:
        limit = int(request.query_params.get("limit", "10"))
    except ValueError:
        raise HTTPException(400, "limit must be an integer") from None
    if not 1 <= limit <= 100:
        raise HTTPException(400, "limit must be between 1 and 100")
    lang = request.query_params.get("lang") or ("zh" if has_cjk(query) else "en")
    if lang not in ("zh", "en"):
        raise HTTPException(400, "lang must be zh or en")
    ctx = _ctx(request)
    hits = ctx.search.search(query, limit=limit, snippet_langs=(lang,))  # type: ignore[arg-type]
    results = [
        {**_summary(q), "score": round(h.score, 3), "snippet": h.snippet.get(lang)}  # type: ignore[arg-type]
        for h in hits
        if (q := ctx.bank.questions.get(h.id)) is not None
    ]
    return JSONResponse({"query": query, "lang": lang, "results": results})


async def bookmarks(request: Request) -> Response:
    ctx = _ctx(request)
    found = [q for q in (ctx.bank.resolve(i) for i in ctx.store.bookmarks()) if q]
    return JSONResponse([_summary(q) for q in found])


async def bookmark(request: Request) -> Response:
    q = _question_or_404(request)
    store = _ctx(request).store
    if request.method == "PUT":
        data = await _json_body(request)
        if not isinstance(data.get("bookmarked"), bool):
            raise HTTPException(400, 'expected {"bookmarked": true|false}')
        store.set_bookmark(q.id, data["bookmarked"])
    return JSONResponse({"id": q.id, "bookmarked": store.is_bookmarked(q.id)})


async def note(request: Request) -> Response:
    q = _question_or_404(request)
    store = _ctx(request).store
    if request.method == "PUT":
        data = await _json_body(request)
        if not isinstance(data.get("body"), str):
            raise HTTPException(400, 'expected {"body": "..."}')
        try:
            store.set_note(q.id, data["body"])
        except BadRequest as exc:
            raise HTTPException(413, str(exc)) from None
    return JSONResponse({"id": q.id, "body": store.note(q.id)})


async def openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


def routes() -> list[Route]:
    q = "/api/questions/{chapter}/{stem}"
    return [
        Route("/api/openapi.json", openapi),
        Route("/api/chapters", chapters),
        Route("/api/chapters/{number:int}", chapter),
        Route(q, question),
        Route(q + "/bookmark", bookmark, methods=["GET", "PUT"]),
        Route(q + "/note", note, methods=["GET", "PUT"]),
        Route("/api/search", search),
        Route("/api/bookmarks", bookmarks),
    ]
