"""The due queue: filters, ordering, the new-card limit and local days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dl500.bank.loader import read_bank
from dl500.bank.schema import Bank, QuestionId
from dl500.practice.queue import (
    Filters,
    PracticeSettings,
    build_queue,
    day_start,
    filters_from_dict,
    filters_to_dict,
)
from dl500.practice.scheduler import Grade, new_card, rate

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
SIG, NORMS, LINKED, ONLY = (
    QuestionId(q) for q in ("alpha/sigmoid-derivative", "alpha/norms", "alpha/linked", "beta/only")
)


@pytest.fixture(scope="module")
def bank(mini_root: Path) -> Bank:
    return read_bank(mini_root)[0]


def test_empty_history_gives_new_cards_in_reading_order(bank: Bank) -> None:
    queue = build_queue(bank, {}, NOW)
    assert queue.due == () and queue.new == (SIG, NORMS, LINKED, ONLY)
    assert queue.next() == SIG


def test_due_cards_come_first_most_overdue_first(bank: Bank) -> None:
    old = rate(new_card(NORMS), Grade.EASY, NOW - timedelta(days=30))
    recent = rate(new_card(ONLY), Grade.EASY, NOW - timedelta(days=20))
    fresh = rate(new_card(SIG), Grade.EASY, NOW)  # due in days: not yet
    queue = build_queue(bank, {NORMS: old, ONLY: recent, SIG: fresh}, NOW)
    assert queue.due == (NORMS, ONLY)
    assert queue.new == (LINKED,)
    assert queue.next() == NORMS


def test_new_per_day_counts_what_was_introduced_today(bank: Bank) -> None:
    assert build_queue(bank, {}, NOW, new_per_day=3, new_today=1).new == (SIG, NORMS)
    assert build_queue(bank, {}, NOW, new_per_day=2, new_today=5).new == ()
    assert build_queue(bank, {}, NOW, new_per_day=2, new_today=5).new_total == 4


def test_learning_cards_are_shown_ahead_only_when_nothing_else_is_left(bank: Bank) -> None:
    learning = rate(new_card(SIG), Grade.GOOD, NOW)  # due in 10 minutes
    queue = build_queue(bank, {SIG: learning}, NOW, new_per_day=0)
    assert queue.due == () and queue.ahead == (SIG,) and queue.next() == SIG
    assert build_queue(bank, {SIG: learning}, NOW).next() == NORMS


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(chapters=frozenset({2})), (ONLY,)),
        (Filters(levels=frozenset({2})), (NORMS, ONLY)),
        (Filters(tags=frozenset({"sigmoid", "meta"})), (SIG, LINKED)),
        (Filters(is_bookmarked_only=True), (NORMS,)),
        (Filters(chapters=frozenset({1}), levels=frozenset({3})), (LINKED,)),
    ],
)
def test_filters(bank: Bank, filters: Filters, expected: tuple[QuestionId, ...]) -> None:
    queue = build_queue(bank, {}, NOW, filters=filters, bookmarked={NORMS})
    assert queue.new == expected
    assert filters_from_dict(filters_to_dict(filters)) == filters


def test_day_start_uses_the_users_midnight() -> None:
    # 07:00 in Beijing on 3 March is 23:00 UTC on 2 March: the local day began at 16:00 UTC.
    at = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)
    assert day_start(at, 480) == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    assert day_start(at, 0) == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    assert day_start(at, -300) == datetime(2026, 3, 2, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "bad", [{"new_per_day": -1}, {"new_per_day": 5000}, {"utc_offset_min": 900}]
)
def test_settings_are_checked(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        PracticeSettings(**bad)
