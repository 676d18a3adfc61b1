"""The FSRS wrapper: pure, never negative, Good never shortens, states round-trip exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl500.bank.schema import QuestionId
from dl500.practice.scheduler import (
    CardState,
    Grade,
    Phase,
    format_interval,
    new_card,
    preview,
    rate,
    retrievability,
    state_from_dict,
    state_to_dict,
)

QID = QuestionId("cnn/receptive-field")
START = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
grades = st.sampled_from(list(Grade))
gaps = st.integers(min_value=0, max_value=200 * 24 * 3600).map(lambda s: timedelta(seconds=s))
histories = st.lists(st.tuples(grades, gaps), min_size=0, max_size=12)


def replay(history: list[tuple[Grade, timedelta]]) -> tuple[CardState, datetime]:
    """Rate a new card through `history`; return its state and the time of the last rating."""
    state, now = new_card(QID), START
    for grade, gap in history:
        now += gap
        state = rate(state, grade, now)
    return state, now


@settings(max_examples=300)
@given(histories)
def test_intervals_are_never_negative(history: list[tuple[Grade, timedelta]]) -> None:
    state, now = new_card(QID), START
    for grade, gap in history:
        now += gap
        state = rate(state, grade, now)
        assert state.interval_days >= 0
        assert state.due is not None and state.due >= now
        assert state.last_review == now
        assert state.stability is not None and state.stability > 0


@settings(max_examples=300)
@given(histories, gaps)
def test_good_never_shortens_a_review_cards_interval(
    history: list[tuple[Grade, timedelta]], gap: timedelta
) -> None:
    state, now = replay([*history, (Grade.EASY, timedelta(0))])  # ends in the review phase
    assert state.phase is Phase.REVIEW
    after = rate(state, Grade.GOOD, now + gap)
    assert after.phase is Phase.REVIEW
    assert after.interval_days >= state.interval_days


@given(histories)
def test_state_survives_a_dict_round_trip_exactly(history: list[tuple[Grade, timedelta]]) -> None:
    state, _ = replay(history)
    assert state_from_dict(state_to_dict(state)) == state


@given(histories, grades, gaps)
def test_rate_is_pure(history: list[tuple[Grade, timedelta]], grade: Grade, gap: timedelta) -> None:
    state, now = replay(history)
    assert rate(state, grade, now + gap) == rate(state, grade, now + gap)


def test_new_card_counts_reps_and_lapses() -> None:
    state = rate(new_card(QID), Grade.EASY, START)
    assert (state.phase, state.reps, state.lapses) == (Phase.REVIEW, 1, 0)
    lapsed = rate(state, Grade.AGAIN, START + timedelta(days=10))
    assert (lapsed.phase, lapsed.reps, lapsed.lapses) == (Phase.RELEARNING, 2, 1)


def test_naive_now_is_refused_and_other_zones_are_converted() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        rate(new_card(QID), Grade.GOOD, datetime(2026, 1, 1, 12))
    beijing = timezone(timedelta(hours=8))
    state = rate(new_card(QID), Grade.GOOD, datetime(2026, 1, 1, 20, tzinfo=beijing))
    assert state.last_review == datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert state.last_review is not None and state.last_review.tzinfo is UTC


def test_preview_orders_the_buttons() -> None:
    intervals = preview(new_card(QID), START)
    assert intervals[Grade.AGAIN] < intervals[Grade.HARD] <= intervals[Grade.GOOD]
    assert intervals[Grade.GOOD] < intervals[Grade.EASY]
    assert [format_interval(intervals[g]) for g in Grade] == ["1m", "6m", "10m", "8d"]


def test_retrievability_falls_with_time() -> None:
    assert retrievability(new_card(QID), START) == 0.0
    state = rate(new_card(QID), Grade.EASY, START)
    soon = retrievability(state, START + timedelta(days=1))
    later = retrievability(state, START + timedelta(days=60))
    assert 1.0 >= soon > later > 0.0


@pytest.mark.parametrize(
    "bad",
    [
        {"reps": -1},
        {"phase": 9},
        {"phase": 2, "due": None},
        {"due": "2026-01-01T00:00:00"},
    ],
)
def test_state_from_dict_refuses_bad_values(bad: dict[str, object]) -> None:
    good = state_to_dict(rate(new_card(QID), Grade.GOOD, START))
    with pytest.raises((ValueError, KeyError, TypeError)):
        state_from_dict({**good, **bad})
