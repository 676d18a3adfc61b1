"""Helpers shared by the practice pages and the practice API: input parsing, error
mapping, the clock, and one snapshot of the queue.

Store calls run in Starlette's thread pool: a rating waits for an fsync, and the event
loop must keep serving other clients while it does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request

from dl500.bank.schema import Question
from dl500.errors import BadRequest, Conflict, NotFound
from dl500.practice.queue import Filters, PracticeSettings, Queue
from dl500.practice.scheduler import CardState, Grade, format_interval, preview
from dl500.store.practice import StoredCard
from dl500.web.context import AppContext

T = TypeVar("T")
MAX_JSON_BYTES = 64 * 1024
_STATUS = ((BadRequest, 400), (NotFound, 404), (Conflict, 409))


def app_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def now(request: Request) -> datetime:
    """Return the current time; tests replace `app.state.clock` to move through days."""
    clock: Callable[[], datetime] | None = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run a store call in the thread pool and turn domain errors into HTTP errors."""
    try:
        return await run_in_threadpool(fn, *args)
    except (BadRequest, NotFound, Conflict) as exc:
        status = next(code for kind, code in _STATUS if isinstance(exc, kind))
        raise HTTPException(status, str(exc)) from None


def check_origin(request: Request) -> None:
    """Refuse writes from other sites (a page elsewhere could post to a local server)."""
    origin = request.headers.get("origin")
    if origin and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, "cross-origin write refused")


async def read_json(request: Request, limit: int = MAX_JSON_BYTES) -> Any:
    """Read a JSON body from a same-origin request, or fail with a 4xx."""
    check_origin(request)
    raw = await request.body()
    if len(raw) > limit:
        raise HTTPException(413, f"body over {limit} bytes")
    try:
        return json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HTTPException(400, "body is not valid JSON") from None


async def read_object(request: Request) -> dict[str, Any]:
    """Read a JSON object body (see `read_json`)."""
    data = await read_json(request)
    if not isinstance(data, dict):
        raise HTTPException(400, "expected a JSON object")
    return data


def _ints(values: Sequence[Any], name: str, low: int, high: int) -> frozenset[int]:
    try:
        out = frozenset(int(v) for v in values)
    except (TypeError, ValueError):
        raise HTTPException(400, f"{name}: expected integers") from None
    if any(not low <= v <= high for v in out):
        raise HTTPException(400, f"{name}: expected {low}-{high}")
    return out


def filters_from_query(params: QueryParams) -> Filters:
    """Parse `chapter`, `level`, `tag` (each repeatable) and `bookmarked=1`."""
    return Filters(
        chapters=_ints(params.getlist("chapter"), "chapter", 1, 99),
        levels=_ints(params.getlist("level"), "level", 1, 3),
        tags=frozenset(t for t in params.getlist("tag") if t),
        is_bookmarked_only=params.get("bookmarked") in ("1", "true", "on"),
    )


def filters_from_json(data: Mapping[str, Any]) -> Filters:
    """Parse the same filters from a JSON object (lists instead of repeated keys)."""
    lists = {}
    for key in ("chapters", "levels", "tags"):
        value = data.get(key, [])
        if not isinstance(value, list):
            raise HTTPException(400, f"{key}: expected a list")
        lists[key] = value
    if not all(isinstance(t, str) for t in lists["tags"]):
        raise HTTPException(400, "tags: expected strings")
    return Filters(
        chapters=_ints(lists["chapters"], "chapters", 1, 99),
        levels=_ints(lists["levels"], "levels", 1, 3),
        tags=frozenset(lists["tags"]),
        is_bookmarked_only=data.get("bookmarked") is True,
    )


def question_or_404(ctx: AppContext, qid: str) -> Question:
    q = ctx.bank.resolve(qid)
    if q is None:
        raise HTTPException(404, f"no question {qid}")
    return q


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The queue and the settings it was built under, read once per request."""

    queue: Queue
    settings: PracticeSettings


def snapshot(ctx: AppContext, filters: Filters, at: datetime) -> Snapshot:
    """Read the settings and build the queue at `at` (blocking: run it via `call`)."""
    practice = ctx.store.practice
    return Snapshot(practice.queue(ctx.bank, at, filters), practice.settings())


def counts(queue: Queue) -> dict[str, int]:
    return {
        "due": len(queue.due),
        "new": len(queue.new),
        "new_total": queue.new_total,
        "new_today": queue.new_today,
        "learning_ahead": len(queue.ahead),
    }


def buttons(state: CardState, at: datetime) -> list[dict[str, Any]]:
    """Return the four rating buttons with the interval each would schedule."""
    names = {
        Grade.AGAIN: ("重来", "Again"),
        Grade.HARD: ("困难", "Hard"),
        Grade.GOOD: ("良好", "Good"),
        Grade.EASY: ("简单", "Easy"),
    }
    return [
        {"grade": int(g), "zh": names[g][0], "en": names[g][1], "after": format_interval(d)}
        for g, d in preview(state, at).items()
    ]


def card_json(q: Question, card: StoredCard, at: datetime | None = None) -> dict[str, Any]:
    """Return a card for the API: the question summary, its version and schedule."""
    s = card.state
    out: dict[str, Any] = {
        "id": q.id,
        "number": q.number,
        "title": {"zh": q.title.zh, "en": q.title.en},
        "seq": card.seq,
        "phase": s.phase.name.lower(),
        "due": s.due.isoformat() if s.due else None,
        "stability_days": s.stability,
        "reps": s.reps,
        "lapses": s.lapses,
    }
    if at is not None:
        out["buttons"] = buttons(s, at)
    return out
