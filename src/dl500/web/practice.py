"""Practice pages: the review session and the progress dashboard; `routes()` gathers all
practice routes (pages and API) for the app.

The session page is server-rendered one card at a time, with both languages and the
math in the page like a question page; practice.js only sends the rating and reloads,
so a phone, a slow connection or a reload in the middle never loses a rating.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dl500.practice.scheduler import DESIRED_RETENTION
from dl500.practice.stats import (
    due_forecast,
    mastery_by_chapter,
    retention_by_week,
    reviews_per_day,
    summarize,
)
from dl500.web import charts, interview, practice_api
from dl500.web.context import AppContext
from dl500.web.practice_common import (
    Snapshot,
    app_ctx,
    buttons,
    call,
    counts,
    filters_from_query,
    now,
    snapshot,
)
from dl500.web.templates import render_page

HEATMAP_DAYS = 26 * 7
RETENTION_WEEKS = 12
FORECAST_DAYS = 30


def _current(ctx: AppContext, snap: Snapshot, wanted: str | None) -> Any:
    """Return the question to show: `?card=` (after an undo) or the head of the queue."""
    q = ctx.bank.resolve(wanted) if wanted else None
    if q is not None:
        return q
    nxt = snap.queue.next()
    return ctx.bank.questions[nxt] if nxt is not None else None


def _session(ctx: AppContext, request: Request, at: datetime) -> dict[str, Any]:
    filters = filters_from_query(request.query_params)
    snap = snapshot(ctx, filters, at)
    q = _current(ctx, snap, request.query_params.get("card"))
    latest = ctx.store.practice.history(1)
    context: dict[str, Any] = {
        "filters": filters,
        "counts": counts(snap.queue),
        "settings": snap.settings,
        "q": q,
        "undo_id": latest[0].review_id if latest and not latest[0].is_undone else None,
        "tags": sorted({t for x in ctx.bank.questions.values() for t in x.meta.tags}),
    }
    if q is not None:
        stored = ctx.store.practice.card(q.id)
        context |= {
            "card": stored,
            "buttons": buttons(stored.state, at),
            "html": {lang: ctx.rendered(q, lang) for lang in ("zh", "en")},
            "submission_id": uuid.uuid4().hex,
        }
    return context


async def practice_page(request: Request) -> Response:
    ctx = app_ctx(request)
    context = await call(_session, ctx, request, now(request))
    return render_page(request, "practice.html", context)


def _dashboard(ctx: AppContext, at: datetime) -> dict[str, Any]:
    practice = ctx.store.practice
    offset = practice.settings().utc_offset_min
    states, events = practice.states(), practice.events()
    mastery = mastery_by_chapter(ctx.bank, states, at)
    titles = {c.number: c.title for c in ctx.bank.chapters}
    rows = [
        charts.Bar(
            f"{m.chapter}. {titles[m.chapter].get('zh')}",
            f"{m.chapter}. {titles[m.chapter].get('en')}",
            m.mastery,
            f"{m.seen}/{m.total}",
        )
        for m in mastery
    ]
    weeks = retention_by_week(events, at, offset, RETENTION_WEEKS)
    points = [(w.week_start.strftime("%m-%d"), w.retention) for w in weeks]
    return {
        "summary": summarize(ctx.bank, states, events, at, offset),
        "mastery_svg": charts.bars(rows, "Mastery per chapter"),
        "heatmap_svg": charts.heatmap(
            reviews_per_day(events, at, offset, HEATMAP_DAYS), "Reviews per day"
        ),
        "retention_svg": charts.line(points, "Retention per week", DESIRED_RETENTION),
        "forecast_svg": charts.columns(
            due_forecast(states, at, offset, FORECAST_DAYS), "Cards due in the next 30 days"
        ),
        "has_reviews": bool(events),
    }


async def dashboard_page(request: Request) -> Response:
    context = await call(_dashboard, app_ctx(request), now(request))
    return render_page(request, "dashboard.html", context)


def routes() -> list[Route]:
    """Return every practice route: pages, the practice API and mock interviews."""
    pages = [Route("/practice", practice_page), Route("/dashboard", dashboard_page)]
    return [*pages, *practice_api.routes(), *interview.routes()]
