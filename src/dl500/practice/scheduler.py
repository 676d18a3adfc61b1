"""FSRS scheduling as a pure function: (card state, grade, now) → new card state.

`fsrs.Card` is mutable and stamps `datetime.now()` into its defaults, so the rest of dl500
works on the frozen `CardState` below and only this module touches fsrs. Fuzzing is off:
it calls `random()`, and with it the same review could land on two different due dates,
which would make replays, undo and the property tests impossible to compare exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

import fsrs

from dl500.bank.schema import QuestionId

DESIRED_RETENTION = 0.9
_SCHEDULER = fsrs.Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=False)
_CARD_ID = 1  # fsrs sleeps 1 ms to invent an id when none is given; ours are question ids


class Grade(IntEnum):
    """How well the answer was recalled (the four FSRS buttons)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Phase(IntEnum):
    """Where a card is in its life; NEW has never been rated (the others are fsrs states)."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True, slots=True)
class CardState:
    """Everything the scheduler knows about one question."""

    question_id: QuestionId
    phase: Phase = Phase.NEW
    step: int | None = None
    """Learning or relearning step; None in the review phase."""
    stability: float | None = None
    """Days until recall probability falls to 90%."""
    difficulty: float | None = None
    """1 (easy) … 10 (hard)."""
    due: datetime | None = None
    """When the card should be seen next; None while it is new."""
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    """Times a review-phase card was forgotten (rated Again)."""

    @property
    def is_new(self) -> bool:
        return self.phase is Phase.NEW

    @property
    def interval_days(self) -> float:
        """Days between the last review and the due date (0 for a new card)."""
        if self.due is None or self.last_review is None:
            return 0.0
        return (self.due - self.last_review) / timedelta(days=1)

    def is_due(self, now: datetime) -> bool:
        """Return whether a seen card is due at `now` (new cards never are)."""
        return self.due is not None and self.due <= now


def require_utc(now: datetime) -> datetime:
    """Return `now` in UTC; refuse naive datetimes, whose meaning depends on the machine."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got naive {now.isoformat()}")
    return now.astimezone(UTC)


def new_card(question_id: QuestionId) -> CardState:
    """Return the state of a question that was never rated."""
    return CardState(question_id)


def _to_fsrs(state: CardState, now: datetime) -> fsrs.Card:
    if state.is_new:
        return fsrs.Card(card_id=_CARD_ID, state=fsrs.State.Learning, step=0, due=now)
    return fsrs.Card(
        card_id=_CARD_ID,
        state=fsrs.State(int(state.phase)),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due or now,
        last_review=state.last_review,
    )


def rate(state: CardState, grade: Grade, now: datetime) -> CardState:
    """Return the card's state after being rated `grade` at `now` (pure: nothing is saved)."""
    now = require_utc(now)
    card, _log = _SCHEDULER.review_card(_to_fsrs(state, now), fsrs.Rating(int(grade)), now)
    is_lapse = state.phase is Phase.REVIEW and grade is Grade.AGAIN
    return CardState(
        question_id=state.question_id,
        phase=Phase(int(card.state)),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=state.reps + 1,
        lapses=state.lapses + int(is_lapse),
    )


def preview(state: CardState, now: datetime) -> dict[Grade, timedelta]:
    """Return the interval each grade would give, for labelling the buttons."""
    now = require_utc(now)
    out: dict[Grade, timedelta] = {}
    for grade in Grade:
        after = rate(state, grade, now)
        out[grade] = (after.due or now) - now
    return out


def retrievability(state: CardState, now: datetime) -> float:
    """Return the predicted probability of recalling the card at `now` (0 when new)."""
    if state.is_new or state.stability is None:
        return 0.0
    return float(_SCHEDULER.get_card_retrievability(_to_fsrs(state, now), require_utc(now)))


def format_interval(delta: timedelta) -> str:
    """Return a short label such as `10m`, `3d` or `1.2y` for a button."""
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)}h"
    days = minutes / (24 * 60)
    if days < 365:
        return f"{round(days)}d"
    return f"{days / 365:.1f}y"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: Any) -> datetime | None:
    return require_utc(datetime.fromisoformat(value)) if value is not None else None


def state_to_dict(state: CardState) -> dict[str, Any]:
    """Return a JSON-ready form that `state_from_dict` turns back into an equal state."""
    return {
        "question_id": state.question_id,
        "phase": int(state.phase),
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": _iso(state.due),
        "last_review": _iso(state.last_review),
        "reps": state.reps,
        "lapses": state.lapses,
    }


def state_from_dict(data: dict[str, Any]) -> CardState:
    """Rebuild a state saved by `state_to_dict`; raise ValueError/KeyError/TypeError if bad."""
    state = CardState(
        question_id=QuestionId(str(data["question_id"])),
        phase=Phase(int(data["phase"])),
        step=None if data["step"] is None else int(data["step"]),
        stability=None if data["stability"] is None else float(data["stability"]),
        difficulty=None if data["difficulty"] is None else float(data["difficulty"]),
        due=_date(data["due"]),
        last_review=_date(data["last_review"]),
        reps=int(data["reps"]),
        lapses=int(data["lapses"]),
    )
    if state.reps < 0 or state.lapses < 0:
        raise ValueError("reps and lapses cannot be negative")
    if not state.is_new and (state.due is None or state.stability is None):
        raise ValueError("a card that was rated needs a due date and a stability")
    return state
