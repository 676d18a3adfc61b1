"""Mock interviews: the start page, one page per question, the report, and their JSON API.

The draw uses fresh system randomness here at the edge; the weighting itself lives in
`practice.interview` and takes its random generator as an argument, so tests can seed it.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from dl500.bank.schema import Bank, Question
from dl500.errors import BadRequest
from dl500.practice.interview import (
    LENGTHS,
    SECONDS_PER_QUESTION,
    AnswerResult,
    Report,
    build_report,
)
from dl500.practice.queue import Filters
from dl500.store.interviews import AnswerSubmission, InterviewRecord
from dl500.web import charts
from dl500.web.context import AppContext
from dl500.web.practice_common import (
    app_ctx,
    call,
    filters_from_json,
    now,
    question_or_404,
    read_object,
)
from dl500.web.templates import render_page


def report_for(bank: Bank, record: InterviewRecord) -> Report:
    """Score a stored interview (questions since removed from the bank count as chapter 0)."""
    results = []
    for a in record.answers:
        q = bank.resolve(a.question_id)
        is_overtime = a.elapsed_s > record.seconds_per_question
        chapter = q.chapter if q is not None else 0
        results.append(
            AnswerResult(a.question_id, chapter, a.score, a.grade, a.elapsed_s, is_overtime)
        )
    return build_report(record.question_ids, results)


def _report_json(report: Report) -> dict[str, Any]:
    return {
        "score": report.score,
        "answered": report.answered,
        "asked": report.asked,
        "per_chapter": [
            {"chapter": c.chapter, "answered": c.answered, "mean_score": c.mean_score}
            for c in report.per_chapter
        ],
        "review_next": list(report.review_next),
        "weakest_chapters": list(report.weakest_chapters),
    }


def _record_json(bank: Bank, record: InterviewRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "started_at": record.started_at.isoformat(),
        "finished": record.is_finished,
        "seconds_per_question": record.seconds_per_question,
        "question_ids": list(record.question_ids),
        "next_position": record.next_position,
        "report": _report_json(report_for(bank, record)),
    }


def _start(ctx: AppContext, filters: Filters, length: int, seconds: int, at: datetime) -> int:
    rng = random.Random()  # fresh system randomness; tests seed the core function instead
    return ctx.store.interviews.create(ctx.bank, filters, length, seconds, at, rng)


async def api_start(request: Request) -> Response:
    ctx = app_ctx(request)
    data = await read_object(request)
    length, seconds = data.get("length", 10), data.get("seconds_per_question", 120)
    if length not in LENGTHS or isinstance(length, bool):
        raise HTTPException(400, f"length: expected one of {', '.join(map(str, LENGTHS))}")
    if seconds not in SECONDS_PER_QUESTION or isinstance(seconds, bool):
        choices = ", ".join(map(str, SECONDS_PER_QUESTION))
        raise HTTPException(400, f"seconds_per_question: expected one of {choices}")
    filters = filters_from_json(data)
    new_id = await call(_start, ctx, filters, length, seconds, now(request))
    record = await call(ctx.store.interviews.get, new_id)
    body = {**_record_json(ctx.bank, record), "url": f"/interview/{new_id}"}
    return JSONResponse(body, status_code=201)


async def api_list(request: Request) -> Response:
    ctx = app_ctx(request)
    records = await call(ctx.store.interviews.recent)
    return JSONResponse([_record_json(ctx.bank, r) for r in records])


async def api_get(request: Request) -> Response:
    ctx = app_ctx(request)
    record = await call(ctx.store.interviews.get, request.path_params["id"])
    return JSONResponse(_record_json(ctx.bank, record))


def _answer_input(data: dict[str, Any], record: InterviewRecord, bank: Bank) -> AnswerSubmission:
    position, elapsed = data.get("position"), data.get("elapsed_s", 0)
    for key, value in (("position", position), ("elapsed_s", elapsed)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadRequest(f"{key}: expected an integer")
    assert isinstance(position, int) and isinstance(elapsed, int)
    if not 0 <= position < len(record.question_ids):
        raise BadRequest(f"position: expected 0-{len(record.question_ids) - 1}")
    covered, lang = data.get("covered", []), data.get("lang", "zh")
    if not isinstance(covered, list) or not all(type(i) is int for i in covered):
        raise BadRequest("covered: expected a list of key point indexes")
    if lang not in ("zh", "en"):
        raise BadRequest('lang: expected "zh" or "en"')
    answer, sub_id = data.get("answer", ""), data.get("submission_id")
    if not isinstance(answer, str) or not isinstance(sub_id, str):
        raise BadRequest("answer and submission_id: expected strings")
    q = bank.resolve(record.question_ids[position])
    total = len(q.body(lang).key_points) if q is not None else 0
    return AnswerSubmission(sub_id, position, answer, frozenset(covered), total, elapsed)


def _answer(ctx: AppContext, interview_id: int, data: dict[str, Any], at: datetime) -> Any:
    record = ctx.store.interviews.get(interview_id)
    sub = _answer_input(data, record, ctx.bank)
    return ctx.store.interviews.answer(interview_id, sub, at)


async def api_answer(request: Request) -> Response:
    ctx = app_ctx(request)
    data = await read_object(request)
    interview_id = request.path_params["id"]
    done = await call(_answer, ctx, interview_id, data, now(request))
    record = await call(ctx.store.interviews.get, interview_id)
    return JSONResponse(
        {
            "position": done.position,
            "score": done.score,
            "rating": int(done.grade),
            "review_id": done.review_id,
            "finished": record.is_finished,
        }
    )


async def api_finish(request: Request) -> Response:
    ctx = app_ctx(request)
    check = await read_object(request)  # same-origin check; the body may be empty
    del check
    record = await call(ctx.store.interviews.finish, request.path_params["id"], now(request))
    return JSONResponse(_record_json(ctx.bank, record))


# pages ------------------------------------------------------------------------


async def start_page(request: Request) -> Response:
    ctx = app_ctx(request)
    records = await call(ctx.store.interviews.recent)
    history = [(r, report_for(ctx.bank, r)) for r in records]
    tags = sorted({t for q in ctx.bank.questions.values() for t in q.meta.tags})
    context = {
        "history": history,
        "lengths": LENGTHS,
        "seconds_choices": SECONDS_PER_QUESTION,
        "tags": tags,
        "no_filters": Filters(),
    }
    return render_page(request, "interview.html", context)


def _html(ctx: AppContext, q: Question) -> dict[str, Any]:
    return {lang: ctx.rendered(q, lang) for lang in ("zh", "en")}


async def question_page(request: Request) -> Response:
    ctx = app_ctx(request)
    record = await call(ctx.store.interviews.get, request.path_params["id"])
    position = record.next_position
    if position is None:
        return RedirectResponse(f"/interview/{record.id}/report", status_code=303)
    q = question_or_404(ctx, record.question_ids[position])
    context = {
        "record": record,
        "position": position,
        "q": q,
        "html": _html(ctx, q),
        "submission_id": uuid.uuid4().hex,
    }
    return render_page(request, "interview_question.html", context)


async def report_page(request: Request) -> Response:
    ctx = app_ctx(request)
    record = await call(ctx.store.interviews.get, request.path_params["id"])
    report = report_for(ctx.bank, record)
    answers = [(a, ctx.bank.resolve(a.question_id)) for a in record.answers]
    review_next = [q for q in (ctx.bank.resolve(i) for i in report.review_next) if q]
    chapters = {c.number: c for c in ctx.bank.chapters}
    bars = [
        charts.Bar(
            f"{c.chapter}. {chapters[c.chapter].title.get('zh')}" if c.chapter in chapters else "?",
            f"{c.chapter}. {chapters[c.chapter].title.get('en')}" if c.chapter in chapters else "?",
            c.mean_score,
            f"{c.answered}",
        )
        for c in report.per_chapter
    ]
    context = {
        "chapter_svg": charts.bars(bars, "Score per chapter"),
        "record": record,
        "report": report,
        "answers": answers,
        "review_next": review_next,
        "chapter_by_number": chapters,
    }
    return render_page(request, "interview_report.html", context)


def routes() -> list[Route]:
    one = "/api/interviews/{id:int}"
    return [
        Route("/interview", start_page),
        Route("/interview/{id:int}", question_page),
        Route("/interview/{id:int}/report", report_page),
        Route("/api/interviews", api_list, methods=["GET"]),
        Route("/api/interviews", api_start, methods=["POST"]),
        Route(one, api_get),
        Route(one + "/answers", api_answer, methods=["POST"]),
        Route(one + "/finish", api_finish, methods=["POST"]),
    ]
