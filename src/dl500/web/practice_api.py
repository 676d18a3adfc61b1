"""JSON API for spaced repetition: queue, ratings, undo, history, settings, stats, transfer.

A rating names the card version it was made at (`seq`) and carries a client-made
`submission_id`: sending it twice is harmless (the first result comes back, marked
`replayed`), and a rating made at an old version is refused with 409 instead of being
applied to a card that has moved on. The response is sent only after the commit.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dl500.bank.schema import QuestionId
from dl500.practice.queue import PracticeSettings
from dl500.practice.scheduler import Grade
from dl500.practice.stats import due_forecast, mastery_by_chapter, summarize
from dl500.store import transfer
from dl500.store.practice import HistoryEntry, Submission
from dl500.web.practice_common import (
    app_ctx,
    call,
    card_json,
    check_origin,
    counts,
    filters_from_query,
    now,
    question_or_404,
    read_object,
    snapshot,
)

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def _int_field(data: dict[str, Any], key: str, *, required: bool = True) -> int | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise HTTPException(400, f"{key}: expected an integer")
    return value


async def queue(request: Request) -> Response:
    ctx = app_ctx(request)
    at = now(request)
    snap = await call(snapshot, ctx, filters_from_query(request.query_params), at)
    nxt = snap.queue.next()
    body: dict[str, Any] = {"counts": counts(snap.queue), "next": None}
    if nxt is not None:
        card = await call(ctx.store.practice.card, nxt)
        body["next"] = card_json(ctx.bank.questions[nxt], card, at)
    return JSONResponse(body)


async def card(request: Request) -> Response:
    ctx = app_ctx(request)
    q = question_or_404(ctx, f"{request.path_params['chapter']}/{request.path_params['stem']}")
    stored = await call(ctx.store.practice.card, q.id)
    return JSONResponse(card_json(q, stored, now(request)))


def _submission(data: dict[str, Any], qid: QuestionId) -> Submission:
    rating = data.get("rating")
    if rating not in (1, 2, 3, 4) or isinstance(rating, bool):
        raise HTTPException(400, "rating: expected 1 (again), 2 (hard), 3 (good) or 4 (easy)")
    sub_id = data.get("submission_id")
    if not isinstance(sub_id, str):
        raise HTTPException(400, "submission_id: expected a string")
    seq = _int_field(data, "seq")
    duration = _int_field(data, "duration_ms", required=False)
    return Submission(sub_id, qid, Grade(rating), seq or 0, duration)


async def rate(request: Request) -> Response:
    ctx = app_ctx(request)
    data = await read_object(request)
    qid = data.get("question_id")
    if not isinstance(qid, str):
        raise HTTPException(400, "question_id: expected a string")
    q = question_or_404(ctx, qid)
    sub = await call(_submission, data, q.id)
    rated = await call(ctx.store.practice.rate, sub, now(request))
    body = {"review_id": rated.review_id, "replayed": rated.is_replay}
    return JSONResponse({**body, "card": card_json(q, rated.card)})


async def undo(request: Request) -> Response:
    ctx = app_ctx(request)
    data = await read_object(request)
    review_id = _int_field(data, "review_id", required=False)
    done = await call(ctx.store.practice.undo, review_id, now(request))
    q = ctx.bank.resolve(done.card.state.question_id)
    card = card_json(q, done.card) if q is not None else None
    return JSONResponse({"undone": done.review_id, "replayed": done.is_replay, "card": card})


def _entry(e: HistoryEntry) -> dict[str, Any]:
    return {
        "review_id": e.review_id,
        "submission_id": e.submission_id,
        "question_id": e.question_id,
        "rating": int(e.grade),
        "reviewed_at": e.reviewed_at.isoformat(),
        "source": e.source,
        "seq_after": e.seq_after,
        "undone": e.is_undone,
    }


def _query_int(request: Request, key: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.query_params.get(key)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HTTPException(400, f"{key}: expected an integer") from None
    if not low <= value <= high:
        raise HTTPException(400, f"{key}: expected {low}-{high}")
    return value


async def history(request: Request) -> Response:
    limit = _query_int(request, "limit", 100, 1, 1000) or 100
    before = _query_int(request, "before", None, 1, 2**63)
    entries = await call(app_ctx(request).store.practice.history, limit, before)
    return JSONResponse({"reviews": [_entry(e) for e in entries]})


def _settings_json(s: PracticeSettings) -> dict[str, int]:
    return {"new_per_day": s.new_per_day, "utc_offset_min": s.utc_offset_min}


async def settings(request: Request) -> Response:
    practice = app_ctx(request).store.practice
    if request.method == "PUT":
        data = await read_object(request)
        old = await call(practice.settings)
        merged = {**_settings_json(old), **data}
        if set(merged) != {"new_per_day", "utc_offset_min"}:
            raise HTTPException(400, "expected new_per_day and/or utc_offset_min")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in merged.values()):
            raise HTTPException(400, "settings must be integers")
        try:
            new = PracticeSettings(**merged)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        await call(practice.save_settings, new)
    return JSONResponse(_settings_json(await call(practice.settings)))


def _stats(request: Request) -> dict[str, Any]:
    ctx = app_ctx(request)
    at = now(request)
    offset = ctx.store.practice.settings().utc_offset_min
    states, events = ctx.store.practice.states(), ctx.store.practice.events()
    s = summarize(ctx.bank, states, events, at, offset)
    return {
        "reviews_total": s.reviews_total,
        "reviews_today": s.reviews_today,
        "streak_days": s.streak_days,
        "seen": s.seen,
        "total": s.total,
        "retention_30d": s.retention_30d,
        "mastery": s.mastery,
        "chapters": [
            {"chapter": m.chapter, "seen": m.seen, "total": m.total, "mastery": m.mastery}
            for m in mastery_by_chapter(ctx.bank, states, at)
        ],
        "forecast_30d": list(due_forecast(states, at, offset, 30)),
    }


async def stats(request: Request) -> Response:
    return JSONResponse(await call(_stats, request))


async def export(request: Request) -> Response:
    data = await call(transfer.export_progress, app_ctx(request).store.writer, now(request))
    stamp = now(request).strftime("%Y%m%d")
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers={"content-disposition": f'attachment; filename="dl500-progress-{stamp}.json"'},
    )


async def import_(request: Request) -> Response:
    check_origin(request)
    raw = await request.body()
    if len(raw) > MAX_IMPORT_BYTES:
        raise HTTPException(413, f"file over {MAX_IMPORT_BYTES} bytes")
    is_replace = request.query_params.get("replace") in ("1", "true")
    writer = app_ctx(request).store.writer
    done = await call(_import, writer, raw, is_replace)
    return JSONResponse(
        {"cards": done.cards, "reviews": done.reviews, "interviews": done.interviews}
    )


def _import(writer: Any, raw: bytes, is_replace: bool) -> transfer.ImportSummary:
    return transfer.import_progress(writer, raw, is_replace=is_replace)


def routes() -> list[Route]:
    base = "/api/practice"
    return [
        Route(f"{base}/queue", queue),
        Route(base + "/cards/{chapter}/{stem}", card),
        Route(f"{base}/reviews", history, methods=["GET"]),
        Route(f"{base}/reviews", rate, methods=["POST"]),
        Route(f"{base}/undo", undo, methods=["POST"]),
        Route(f"{base}/settings", settings, methods=["GET", "PUT"]),
        Route(f"{base}/stats", stats),
        Route(f"{base}/export", export),
        Route(f"{base}/import", import_, methods=["POST"]),
    ]
