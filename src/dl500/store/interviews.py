"""Mock interviews: the questions asked, each answer, and its effect on the FSRS card.

An answer and the rating it produces are written in the same transaction, so history
never shows an answered question whose card was not rescheduled, or the reverse.
Answers must arrive in order (position 0, 1, …); a replayed answer returns what was
stored the first time, and anything else out of order is refused with `Conflict`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, insert, select, update

from dl500.bank.schema import Bank, QuestionId
from dl500.errors import BadRequest, Conflict, NotFound
from dl500.practice.interview import draw_questions, grade_for, score_answer
from dl500.practice.queue import Filters, filters_from_dict, filters_to_dict
from dl500.practice.scheduler import Grade, require_utc
from dl500.store import tables
from dl500.store.practice import (
    SUBMISSION_ID,
    PracticeStore,
    Submission,
    apply_rating,
    utc,
    write_transaction,
)

MAX_ANSWER_CHARS = 20_000
MAX_INTERVIEW_QUESTIONS = 50


@dataclass(frozen=True, slots=True)
class AnswerSubmission:
    """What the user sends for one interview question."""

    submission_id: str
    position: int
    answer: str
    covered: frozenset[int]
    """Indexes of the key points the user ticked as covered."""
    points_total: int
    elapsed_s: int

    def __post_init__(self) -> None:
        if not SUBMISSION_ID.match(self.submission_id):
            raise BadRequest("submission_id: expected 8-64 characters of A-Z a-z 0-9 _ -")
        if len(self.answer) > MAX_ANSWER_CHARS:
            raise BadRequest(f"answer: at most {MAX_ANSWER_CHARS} characters")
        if any(not 0 <= i < self.points_total for i in self.covered):
            raise BadRequest(f"covered: key point indexes must be 0-{self.points_total - 1}")
        if self.elapsed_s < 0:
            raise BadRequest("elapsed_s: cannot be negative")


@dataclass(frozen=True, slots=True)
class InterviewAnswer:
    """One stored answer and how it was scored."""

    position: int
    question_id: QuestionId
    answer: str
    covered: tuple[int, ...]
    points_total: int
    score: float
    grade: Grade
    elapsed_s: int
    review_id: int
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class InterviewRecord:
    """A mock interview as stored: its questions in order and the answers so far."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    seconds_per_question: int
    scope: Filters
    question_ids: tuple[QuestionId, ...]
    answers: tuple[InterviewAnswer, ...]

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def next_position(self) -> int | None:
        """Return the position awaiting an answer, or None when there is none."""
        if self.is_finished or len(self.answers) >= len(self.question_ids):
            return None
        return len(self.answers)


class InterviewStore:
    """Start, answer, finish and list mock interviews (as `store.interviews`)."""

    def __init__(self, engine: Engine, writer: Engine) -> None:
        self.engine = engine
        self.writer = writer

    def start(
        self,
        question_ids: tuple[QuestionId, ...],
        scope: Filters,
        seconds_per_question: int,
        now: datetime,
    ) -> int:
        """Record a new interview and return its id."""
        if not 1 <= len(question_ids) <= MAX_INTERVIEW_QUESTIONS:
            raise BadRequest("no questions match this scope")
        with write_transaction(self.writer) as conn:
            key = conn.execute(
                insert(tables.interviews).values(
                    started_at=require_utc(now),
                    seconds_per_question=seconds_per_question,
                    scope=json.dumps(filters_to_dict(scope)),
                    question_ids=json.dumps(list(question_ids)),
                )
            ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def create(
        self,
        bank: Bank,
        scope: Filters,
        length: int,
        seconds_per_question: int,
        now: datetime,
        rng: random.Random,
    ) -> int:
        """Draw `length` questions under `scope`, weighted to weak areas; start and return id."""
        practice = PracticeStore(self.engine, self.writer)
        pool = scope.select(bank, practice.bookmarked())
        if not pool:
            raise BadRequest("no questions match this scope")
        ids = draw_questions(pool, practice.states(), now, length, rng)
        return self.start(ids, scope, seconds_per_question, now)

    def get(self, interview_id: int) -> InterviewRecord:
        """Return one interview with its answers; raise NotFound if there is none."""
        with self.engine.connect() as conn:
            return _load(conn, interview_id)

    def recent(self, limit: int = 50) -> list[InterviewRecord]:
        """Return the latest interviews, newest first."""
        t = tables.interviews
        with self.engine.connect() as conn:
            ids = conn.execute(select(t.c.id).order_by(t.c.id.desc()).limit(limit)).scalars()
            return [_load(conn, i) for i in list(ids)]

    def answer(self, interview_id: int, sub: AnswerSubmission, now: datetime) -> InterviewAnswer:
        """Store one answer and rate its card, atomically; replays return the first result."""
        with write_transaction(self.writer) as conn:
            record = _load(conn, interview_id)
            for done in record.answers:
                if done.position == sub.position:
                    return _replay(conn, interview_id, sub, done)
            if record.next_position != sub.position:
                raise Conflict(_order_message(record, sub.position))
            return _store_answer(conn, record, sub, now)

    def finish(self, interview_id: int, now: datetime) -> InterviewRecord:
        """Mark the interview finished (again is harmless) and return it."""
        with write_transaction(self.writer) as conn:
            t = tables.interviews
            record = _load(conn, interview_id)
            if not record.is_finished:
                stamp = {"finished_at": require_utc(now)}
                conn.execute(update(t).where(t.c.id == interview_id).values(**stamp))
            return _load(conn, interview_id)


def _order_message(record: InterviewRecord, position: int) -> str:
    if record.is_finished:
        return f"interview {record.id} is finished"
    if position >= len(record.question_ids):
        return f"interview {record.id} has only {len(record.question_ids)} questions"
    return f"interview {record.id} expects the answer at position {record.next_position} next"


def _replay(
    conn: Connection, interview_id: int, sub: AnswerSubmission, done: InterviewAnswer
) -> InterviewAnswer:
    t = tables.interview_answers
    row = conn.execute(
        select(t.c.submission_id).where(
            t.c.interview_id == interview_id, t.c.position == sub.position
        )
    ).scalar_one()
    if row != sub.submission_id:
        raise Conflict(f"position {sub.position} of interview {interview_id} is answered")
    return done


def _store_answer(
    conn: Connection, record: InterviewRecord, sub: AnswerSubmission, now: datetime
) -> InterviewAnswer:
    qid = record.question_ids[sub.position]
    score = score_answer(len(sub.covered), sub.points_total)
    grade = grade_for(score, is_overtime=sub.elapsed_s > record.seconds_per_question)
    review_sub = Submission(sub.submission_id, qid, grade, seq=0, duration_ms=sub.elapsed_s * 1000)
    rated = apply_rating(
        conn, review_sub, now, source="interview", interview_id=record.id, check_seq=False
    )
    values: dict[str, Any] = {
        "interview_id": record.id,
        "position": sub.position,
        "submission_id": sub.submission_id,
        "question_id": qid,
        "answer": sub.answer,
        "covered": json.dumps(sorted(sub.covered)),
        "points_total": sub.points_total,
        "score": score,
        "rating": int(grade),
        "elapsed_s": sub.elapsed_s,
        "review_id": rated.review_id,
        "answered_at": require_utc(now),
    }
    conn.execute(insert(tables.interview_answers).values(**values))
    if sub.position + 1 == len(record.question_ids):
        t = tables.interviews
        conn.execute(update(t).where(t.c.id == record.id).values(finished_at=require_utc(now)))
    return _answer_from_row_values(values)


def _answer_from_row_values(v: Any) -> InterviewAnswer:
    return InterviewAnswer(
        position=v["position"],
        question_id=QuestionId(v["question_id"]),
        answer=v["answer"],
        covered=tuple(json.loads(v["covered"])),
        points_total=v["points_total"],
        score=float(v["score"]),
        grade=Grade(v["rating"]),
        elapsed_s=v["elapsed_s"],
        review_id=v["review_id"],
        answered_at=utc(v["answered_at"]),
    )


def _load(conn: Connection, interview_id: int) -> InterviewRecord:
    t = tables.interviews
    row = conn.execute(select(t).where(t.c.id == interview_id)).first()
    if row is None:
        raise NotFound(f"no interview {interview_id}")
    a = tables.interview_answers
    answers = conn.execute(
        select(a).where(a.c.interview_id == interview_id).order_by(a.c.position)
    ).all()
    return _record(row, answers)


def _record(row: Row[Any], answers: Sequence[Row[Any]]) -> InterviewRecord:
    return InterviewRecord(
        id=row.id,
        started_at=utc(row.started_at),
        finished_at=utc(row.finished_at) if row.finished_at is not None else None,
        seconds_per_question=row.seconds_per_question,
        scope=filters_from_dict(json.loads(row.scope)),
        question_ids=tuple(QuestionId(q) for q in json.loads(row.question_ids)),
        answers=tuple(_answer_from_row_values(r._mapping) for r in answers),
    )
