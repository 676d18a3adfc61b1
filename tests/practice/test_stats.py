"""Dashboard numbers: streak, per-day counts, weekly retention, forecast, mastery."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dl500.bank.loader import read_bank
from dl500.bank.schema import QuestionId
from dl500.practice.scheduler import Grade, Phase, new_card, rate
from dl500.practice.stats import (
    ReviewEvent,
    due_forecast,
    mastery_by_chapter,
    retention,
    retention_by_week,
    reviews_per_day,
    streak,
    summarize,
)

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday
Q = QuestionId("alpha/norms")


def ev(days_ago: float, grade: Grade = Grade.GOOD, phase: Phase = Phase.REVIEW) -> ReviewEvent:
    return ReviewEvent(Q, grade, NOW - timedelta(days=days_ago), phase)


def test_streak_counts_back_from_today_or_yesterday() -> None:
    assert streak([], NOW, 0) == 0
    assert streak([ev(0), ev(1), ev(2), ev(4)], NOW, 0) == 3
    assert streak([ev(1), ev(2)], NOW, 0) == 2  # today not done yet: the streak is alive
    assert streak([ev(2)], NOW, 0) == 0


def test_streak_respects_the_local_day() -> None:
    late = ReviewEvent(Q, Grade.GOOD, datetime(2026, 3, 3, 20, 0, tzinfo=UTC), Phase.REVIEW)
    # 20:00 UTC on the 3rd is the 4th in Beijing, so it is "today" there
    assert streak([late], NOW, 480) == 1 and streak([late], NOW, 0) == 1
    assert reviews_per_day([late], NOW, 480, 2) == ((date(2026, 3, 3), 0), (date(2026, 3, 4), 1))


def test_reviews_per_day_ends_today() -> None:
    days = reviews_per_day([ev(0), ev(0), ev(2)], NOW, 0, 3)
    assert days == ((date(2026, 3, 2), 1), (date(2026, 3, 3), 0), (date(2026, 3, 4), 2))


def test_retention_ignores_learning_ratings() -> None:
    events = [ev(1), ev(1, Grade.AGAIN), ev(1, Grade.AGAIN, Phase.LEARNING), ev(9)]
    assert retention(events, NOW - timedelta(days=30)) == 2 / 3
    weeks = retention_by_week(events, NOW, 0, 3)
    assert [w.week_start for w in weeks] == [date(2026, 2, 16), date(2026, 2, 23), date(2026, 3, 2)]
    assert [w.retention for w in weeks] == [None, 1.0, 0.5]
    assert retention([], NOW) is None


def test_forecast_puts_overdue_cards_today() -> None:
    overdue = rate(new_card(Q), Grade.EASY, NOW - timedelta(days=40))
    later = rate(new_card(QuestionId("beta/only")), Grade.EASY, NOW)
    forecast = due_forecast({Q: overdue, later.question_id: later}, NOW, 0, 30)
    assert forecast[0] == 1 and sum(forecast) == 2 and len(forecast) == 30


def test_mastery_and_summary(mini_root: Path) -> None:
    bank = read_bank(mini_root)[0]
    state = rate(new_card(Q), Grade.EASY, NOW)
    mastery = {m.chapter: m for m in mastery_by_chapter(bank, {Q: state}, NOW)}
    assert mastery[1].seen == 1 and mastery[1].total == 3
    assert 0.3 < mastery[1].mastery <= 1 / 3
    assert mastery[2].mastery == 0.0
    s = summarize(bank, {Q: state}, [ev(0, phase=Phase.NEW)], NOW, 0)
    assert (s.reviews_total, s.reviews_today, s.streak_days, s.seen, s.total) == (1, 1, 1, 1, 4)
    assert s.retention_30d is None
