"""Mock interviews in the store: ordered answers, replays, the card rating, finishing."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dl500.bank.loader import read_bank
from dl500.errors import BadRequest, Conflict, NotFound
from dl500.practice.queue import Filters
from dl500.practice.scheduler import Grade
from dl500.store import Store
from dl500.store.interviews import AnswerSubmission

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    yield s
    s.close()


def answer(
    position: int, covered: set[int], sid: str | None = None, total: int = 3
) -> AnswerSubmission:
    return AnswerSubmission(
        sid or f"answer-{position}-x", position, "my words", frozenset(covered), total, 40
    )


def test_interview_lifecycle(store: Store, mini_root: Path) -> None:
    bank = read_bank(mini_root)[0]
    iid = store.interviews.create(
        bank, Filters(chapters=frozenset({1})), 5, 60, NOW, random.Random(3)
    )
    record = store.interviews.get(iid)
    assert sorted(record.question_ids) == [
        "alpha/linked",
        "alpha/norms",
        "alpha/sigmoid-derivative",
    ]
    assert record.next_position == 0 and record.scope.chapters == {1}

    first = store.interviews.answer(iid, answer(0, {0, 1, 2}), NOW)
    assert (first.score, first.grade) == (1.0, Grade.EASY)
    assert store.interviews.answer(iid, answer(0, {0, 1, 2}), NOW) == first  # replay
    with pytest.raises(Conflict, match="is answered"):
        store.interviews.answer(iid, answer(0, {0}, sid="another-id"), NOW)
    with pytest.raises(Conflict, match="position 1 next"):
        store.interviews.answer(iid, answer(2, {0}), NOW)

    card = store.practice.card(record.question_ids[0])
    assert card.seq == 1 and store.practice.history()[0].source == "interview"

    store.interviews.answer(iid, answer(1, set()), NOW + timedelta(minutes=2))
    store.interviews.answer(iid, answer(2, {1}), NOW + timedelta(minutes=4))
    done = store.interviews.get(iid)
    assert done.is_finished and done.next_position is None
    assert [a.grade for a in done.answers] == [Grade.EASY, Grade.AGAIN, Grade.AGAIN]
    with pytest.raises(Conflict, match="finished"):
        store.interviews.answer(iid, answer(3, {0}, sid="late-answer"), NOW)
    assert [r.id for r in store.interviews.recent()] == [iid]


def test_finish_early_and_errors(store: Store, mini_root: Path) -> None:
    bank = read_bank(mini_root)[0]
    iid = store.interviews.create(bank, Filters(), 10, 120, NOW, random.Random(1))
    assert len(store.interviews.get(iid).question_ids) == 4  # the whole mini bank
    finished = store.interviews.finish(iid, NOW)
    assert finished.is_finished and store.interviews.finish(iid, NOW) == finished
    with pytest.raises(NotFound):
        store.interviews.get(999)
    with pytest.raises(BadRequest, match="no questions match"):
        store.interviews.create(
            bank, Filters(tags=frozenset({"nope"})), 5, 60, NOW, random.Random()
        )
    with pytest.raises(BadRequest, match="key point indexes"):
        answer(0, {3})
