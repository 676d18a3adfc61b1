"""Ratings, replays, stale versions, undo and settings, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dl500.bank.schema import QuestionId
from dl500.errors import BadRequest, Conflict, NotFound
from dl500.practice.queue import PracticeSettings
from dl500.practice.scheduler import Grade, Phase, new_card
from dl500.store import Store
from dl500.store.practice import Submission

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
Q = QuestionId("alpha/norms")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    yield s
    s.close()


def sub(grade: Grade, seq: int, qid: QuestionId = Q, sid: str | None = None) -> Submission:
    return Submission(sid or uuid.uuid4().hex, qid, grade, seq)


def test_rating_is_saved_and_logged(store: Store) -> None:
    rated = store.practice.rate(sub(Grade.GOOD, 0), NOW)
    assert not rated.is_replay and rated.card.seq == 1
    assert store.practice.card(Q) == rated.card
    assert store.practice.states() == {Q: rated.card.state}
    [entry] = store.practice.history()
    assert (entry.review_id, entry.grade, entry.reviewed_at) == (rated.review_id, Grade.GOOD, NOW)
    assert store.practice.new_since(NOW - timedelta(hours=1)) == 1


def test_replay_is_idempotent_and_a_reused_id_is_refused(store: Store) -> None:
    first = store.practice.rate(sub(Grade.GOOD, 0, sid="same-id-123"), NOW)
    again = store.practice.rate(sub(Grade.GOOD, 0, sid="same-id-123"), NOW + timedelta(minutes=1))
    assert again.is_replay and again.review_id == first.review_id and again.card == first.card
    assert len(store.practice.history()) == 1
    with pytest.raises(Conflict, match="already used"):
        store.practice.rate(sub(Grade.EASY, 1, sid="same-id-123"), NOW)


def test_stale_version_is_refused_and_nothing_is_written(store: Store) -> None:
    store.practice.rate(sub(Grade.GOOD, 0), NOW)
    before = store.practice.card(Q)
    with pytest.raises(Conflict, match="at version 1"):
        store.practice.rate(sub(Grade.EASY, 0), NOW)
    assert store.practice.card(Q) == before and len(store.practice.history()) == 1


@pytest.mark.parametrize("bad", ["short", "has space in it", "x" * 65])
def test_bad_submission_ids(bad: str) -> None:
    with pytest.raises(BadRequest, match="submission_id"):
        sub(Grade.GOOD, 0, sid=bad)


def test_undo_restores_the_exact_state_and_only_the_latest(store: Store) -> None:
    first = store.practice.rate(sub(Grade.EASY, 0), NOW)
    state_after_first = store.practice.card(Q).state
    second = store.practice.rate(sub(Grade.AGAIN, 1), NOW + timedelta(days=9))
    with pytest.raises(Conflict, match="not the latest"):
        store.practice.undo(first.review_id, NOW)
    done = store.practice.undo(second.review_id, NOW)
    assert done.card.state == state_after_first and done.card.seq == 3
    assert store.practice.undo(second.review_id, NOW).is_replay  # undoing twice is harmless
    store.practice.undo(None, NOW)
    assert store.practice.card(Q).state == new_card(Q)
    assert store.practice.new_since(NOW - timedelta(days=1)) == 0  # undone: not counted
    assert [e.is_undone for e in store.practice.history()] == [True, True]
    assert store.practice.events() == []
    with pytest.raises(NotFound, match="nothing to undo"):
        store.practice.undo(None, NOW)
    with pytest.raises(NotFound, match="no review 99"):
        store.practice.undo(99, NOW)


def test_undo_after_any_history_restores_exactly(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('undo') / 'u.sqlite3'}")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(st.tuples(st.sampled_from(list(Grade)), st.integers(0, 90 * 86400)), max_size=6)
    )
    def check(steps: list[tuple[Grade, int]]) -> None:
        qid = QuestionId(f"h/{uuid.uuid4().hex[:8]}")
        at = NOW
        for grade, gap_s in steps:
            at += timedelta(seconds=gap_s)
            before = store.practice.card(qid)
            store.practice.rate(sub(grade, before.seq, qid), at)
            undone = store.practice.undo(None, at)
            assert undone.card.state == before.state
            assert store.practice.card(qid).state == before.state
            store.practice.rate(sub(grade, undone.card.seq, qid), at)

    check()
    store.close()


def test_learning_flow_and_states(store: Store) -> None:
    rated = store.practice.rate(sub(Grade.GOOD, 0), NOW)
    assert rated.card.state.phase is Phase.LEARNING
    rated = store.practice.rate(sub(Grade.GOOD, 1), NOW + timedelta(minutes=11))
    assert rated.card.state.phase is Phase.REVIEW
    assert rated.card.state.due is not None and rated.card.state.due.tzinfo is not None


def test_settings_round_trip(store: Store) -> None:
    assert store.practice.settings() == PracticeSettings()
    store.practice.save_settings(PracticeSettings(new_per_day=5, utc_offset_min=480))
    assert store.practice.settings() == PracticeSettings(new_per_day=5, utc_offset_min=480)


def test_concurrent_writers_all_succeed(store: Store) -> None:
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for k in range(5):
                qid = QuestionId(f"c/{n}-{k}")
                store.practice.rate(sub(Grade.GOOD, 0, qid), NOW)
        except BaseException as exc:  # collected and re-raised by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.practice.history(limit=1000)) == 40


def test_racing_ratings_of_one_card_apply_once(store: Store) -> None:
    results: list[str] = []

    def worker() -> None:
        try:
            store.practice.rate(sub(Grade.GOOD, 0), NOW)
            results.append("ok")
        except Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 5 + ["ok"]
    assert store.practice.card(Q).seq == 1
