"""Mock interviews: draw questions, score answers against key points, and report.

The draw leans towards what the user is weakest at, because an interview that only
asks what you already know feels good and teaches nothing. Unseen questions count as
weak; so do forgotten ones; and each further pick from a chapter is made less likely
so one session spans the handbook instead of drilling one chapter.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from dl500.bank.schema import Question, QuestionId
from dl500.practice.scheduler import CardState, Grade, Phase, retrievability

LENGTHS = (5, 10, 20)
"""Interview lengths offered to the user."""
SECONDS_PER_QUESTION = (60, 120, 180, 300)
WEIGHT_FLOOR = 0.1
"""Even a mastered question keeps a little chance of being asked."""
REVIEW_BELOW = 0.67
"""Answers scoring under this are listed under 'review next'."""


def weakness(state: CardState | None, now: datetime) -> float:
    """Return 0 (solid) … 1 (unknown or forgotten) for one question."""
    if state is None or state.is_new:
        return 1.0
    forgetting = 1.0 - retrievability(state, now)
    is_learning = state.phase in (Phase.LEARNING, Phase.RELEARNING)
    return min(1.0, forgetting + 0.1 * state.lapses + (0.3 if is_learning else 0.0))


def _chapter_weakness(
    pool: Sequence[Question], states: Mapping[QuestionId, CardState], now: datetime
) -> dict[int, float]:
    totals: dict[int, list[float]] = defaultdict(list)
    for q in pool:
        totals[q.chapter].append(weakness(states.get(q.id), now))
    return {ch: sum(ws) / len(ws) for ch, ws in totals.items()}


def draw_questions(
    pool: Sequence[Question],
    states: Mapping[QuestionId, CardState],
    now: datetime,
    count: int,
    rng: random.Random,
) -> tuple[QuestionId, ...]:
    """Draw `count` distinct questions from `pool`, weighted towards weak and unseen areas."""
    by_chapter = _chapter_weakness(pool, states, now)
    base = {
        q.id: (WEIGHT_FLOOR + weakness(states.get(q.id), now)) * (0.5 + by_chapter[q.chapter])
        for q in pool
    }
    remaining = list(pool)
    picked: list[QuestionId] = []
    per_chapter: dict[int, int] = defaultdict(int)
    while remaining and len(picked) < count:
        weights = [base[q.id] / (1 + per_chapter[q.chapter]) ** 2 for q in remaining]
        q = rng.choices(remaining, weights=weights, k=1)[0]
        remaining.remove(q)
        picked.append(q.id)
        per_chapter[q.chapter] += 1
    return tuple(picked)


def score_answer(covered: int, total_points: int) -> float:
    """Return the share of key points the user says they covered (0…1)."""
    if total_points <= 0:
        return 0.0
    return max(0, min(covered, total_points)) / total_points


def grade_for(score: float, is_overtime: bool) -> Grade:
    """Map an interview score to an FSRS grade; running over time caps it at Good."""
    if score < 0.34:
        return Grade.AGAIN
    if score < REVIEW_BELOW:
        return Grade.HARD
    if score < 0.95 or is_overtime:
        return Grade.GOOD
    return Grade.EASY


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """One answered interview question."""

    question_id: QuestionId
    chapter: int
    score: float
    grade: Grade
    elapsed_s: int
    is_overtime: bool


@dataclass(frozen=True, slots=True)
class ChapterScore:
    """The interview score restricted to one chapter."""

    chapter: int
    answered: int
    mean_score: float


@dataclass(frozen=True, slots=True)
class Report:
    """What the user sees when an interview ends, and what history keeps."""

    score: float
    """Mean score over every question asked (skipped ones count as 0)."""
    answered: int
    asked: int
    per_chapter: tuple[ChapterScore, ...]
    review_next: tuple[QuestionId, ...]
    """Weakest answers first, then questions that were skipped."""
    weakest_chapters: tuple[int, ...]


def build_report(asked: Sequence[QuestionId], results: Sequence[AnswerResult]) -> Report:
    """Summarise an interview: overall score, per chapter, and what to review next."""
    groups: dict[int, list[float]] = defaultdict(list)
    for r in results:
        groups[r.chapter].append(r.score)
    per_chapter = tuple(
        ChapterScore(ch, len(scores), sum(scores) / len(scores))
        for ch, scores in sorted(groups.items())
    )
    answered = {r.question_id for r in results}
    weak = sorted((r for r in results if r.score < REVIEW_BELOW), key=lambda r: r.score)
    skipped = [qid for qid in asked if qid not in answered]
    weakest = sorted((c for c in per_chapter if c.mean_score < REVIEW_BELOW), key=_by_score)
    return Report(
        score=sum(r.score for r in results) / len(asked) if asked else 0.0,
        answered=len(results),
        asked=len(asked),
        per_chapter=per_chapter,
        review_next=tuple([r.question_id for r in weak] + skipped),
        weakest_chapters=tuple(c.chapter for c in weakest),
    )


def _by_score(c: ChapterScore) -> tuple[float, int]:
    return (c.mean_score, c.chapter)
