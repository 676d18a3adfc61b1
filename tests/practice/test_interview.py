"""Mock interviews: the weighted draw, scoring, grades and the report."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dl500.bank.loader import read_bank
from dl500.bank.schema import Bank, QuestionId
from dl500.practice.interview import (
    AnswerResult,
    build_report,
    draw_questions,
    grade_for,
    score_answer,
    weakness,
)
from dl500.practice.scheduler import Grade, new_card, rate

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank(mini_root: Path) -> Bank:
    return read_bank(mini_root)[0]


def test_draw_is_distinct_seeded_and_bounded(bank: Bank) -> None:
    pool = list(bank.ordered())
    first = draw_questions(pool, {}, NOW, 3, random.Random(7))
    assert len(set(first)) == 3
    assert first == draw_questions(pool, {}, NOW, 3, random.Random(7))
    assert len(draw_questions(pool, {}, NOW, 20, random.Random(1))) == len(pool)


def test_draw_prefers_weak_and_unseen_questions(bank: Bank) -> None:
    pool = list(bank.ordered())
    strong = {
        q.id: rate(new_card(q.id), Grade.EASY, NOW - timedelta(hours=1))
        for q in pool
        if q.id != "alpha/norms"
    }
    firsts = Counter(draw_questions(pool, strong, NOW, 1, random.Random(i))[0] for i in range(400))
    assert firsts.most_common(1)[0][0] == "alpha/norms"
    assert firsts["alpha/norms"] > 200


def test_draw_spreads_across_chapters(bank: Bank) -> None:
    pool = list(bank.ordered())
    has_beta = sum(
        "beta/only" in draw_questions(pool, {}, NOW, 2, random.Random(i)) for i in range(300)
    )
    assert has_beta > 120  # one question in four, but a chapter of its own


def test_weakness_scale() -> None:
    qid = QuestionId("alpha/norms")
    assert weakness(None, NOW) == 1.0
    fresh = rate(new_card(qid), Grade.EASY, NOW)
    assert weakness(fresh, NOW) < 0.05
    assert weakness(fresh, NOW + timedelta(days=365)) > weakness(fresh, NOW + timedelta(days=10))


@pytest.mark.parametrize(
    ("covered", "total", "overtime", "grade"),
    [
        (0, 3, False, Grade.AGAIN),
        (1, 3, False, Grade.AGAIN),
        (1, 2, False, Grade.HARD),
        (2, 3, False, Grade.HARD),
        (3, 4, False, Grade.GOOD),
        (3, 3, False, Grade.EASY),
        (3, 3, True, Grade.GOOD),
    ],
)
def test_score_to_grade(covered: int, total: int, overtime: bool, grade: Grade) -> None:
    assert grade_for(score_answer(covered, total), overtime) is grade


def test_score_is_clamped() -> None:
    assert score_answer(5, 3) == 1.0 and score_answer(-1, 3) == 0.0 and score_answer(0, 0) == 0.0


def test_report() -> None:
    a, b, c = QuestionId("x/a"), QuestionId("x/b"), QuestionId("y/c")
    results = [
        AnswerResult(a, 1, 1.0, Grade.EASY, 30, False),
        AnswerResult(b, 1, 0.5, Grade.HARD, 90, False),
    ]
    report = build_report((a, b, c), results)
    assert report.score == pytest.approx(0.5)
    assert (report.answered, report.asked) == (2, 3)
    assert [(x.chapter, x.answered, x.mean_score) for x in report.per_chapter] == [(1, 2, 0.75)]
    assert report.review_next == (b, c)
    assert report.weakest_chapters == ()
