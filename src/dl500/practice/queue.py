"""The due queue: which cards to show now, under the user's filters and daily new-card limit.

Days are the user's local days (`utc_offset_min`), not UTC ones: a reader in Beijing
who practises at 07:00 must not find that "today" started at 08:00 the day before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from dl500.bank.schema import Bank, Question, QuestionId
from dl500.practice.scheduler import CardState, Phase, require_utc

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing is due, learning cards due within this window are shown early."""
MAX_NEW_PER_DAY = 1000


@dataclass(frozen=True, slots=True)
class PracticeSettings:
    """The user's practice preferences."""

    new_per_day: int = 20
    """Unseen cards introduced per local day."""
    utc_offset_min: int = 0
    """The user's clock minus UTC, in minutes (480 for Beijing)."""

    def __post_init__(self) -> None:
        if not 0 <= self.new_per_day <= MAX_NEW_PER_DAY:
            raise ValueError(f"new_per_day: expected 0-{MAX_NEW_PER_DAY}, got {self.new_per_day}")
        if not -14 * 60 <= self.utc_offset_min <= 14 * 60:
            raise ValueError(f"utc_offset_min: expected -840..840, got {self.utc_offset_min}")


@dataclass(frozen=True, slots=True)
class Filters:
    """Which questions a session draws from; an empty set means 'any'."""

    chapters: frozenset[int] = frozenset()
    levels: frozenset[int] = frozenset()
    tags: frozenset[str] = frozenset()
    is_bookmarked_only: bool = False

    def matches(self, q: Question, bookmarked: AbstractSet[str]) -> bool:
        """Return whether the question passes every filter."""
        return (
            (not self.chapters or q.chapter in self.chapters)
            and (not self.levels or q.meta.level in self.levels)
            and (not self.tags or not self.tags.isdisjoint(q.meta.tags))
            and (not self.is_bookmarked_only or q.id in bookmarked)
        )

    def select(self, bank: Bank, bookmarked: AbstractSet[str]) -> list[Question]:
        """Return the matching questions in reading order."""
        return [q for q in bank.ordered() if self.matches(q, bookmarked)]


@dataclass(frozen=True, slots=True)
class Queue:
    """Cards to show now, in order, and the counts the practice page displays."""

    due: tuple[QuestionId, ...]
    """Seen cards due now, most overdue first."""
    new: tuple[QuestionId, ...]
    """Unseen cards still allowed today, in reading order."""
    ahead: tuple[QuestionId, ...] = ()
    """Learning cards due soon, shown only when nothing else is left."""
    new_total: int = 0
    """Unseen cards matching the filters, before the daily limit."""
    new_today: int = 0
    """Unseen cards already introduced today (any filter)."""

    def next(self) -> QuestionId | None:
        """Return the card to show now: due first, then new, then learning ahead."""
        for group in (self.due, self.new, self.ahead):
            if group:
                return group[0]
        return None


def day_start(now: datetime, utc_offset_min: int) -> datetime:
    """Return the start of the user's local day containing `now`, as a UTC datetime."""
    offset = timedelta(minutes=utc_offset_min)
    local = require_utc(now) + offset
    return local.replace(hour=0, minute=0, second=0, microsecond=0) - offset


def build_queue(
    bank: Bank,
    states: Mapping[QuestionId, CardState],
    now: datetime,
    *,
    filters: Filters = Filters(),
    bookmarked: AbstractSet[str] = frozenset(),
    new_per_day: int = 20,
    new_today: int = 0,
) -> Queue:
    """Return the queue at `now`; `new_today` counts cards first rated since local midnight."""
    now = require_utc(now)
    seen: list[CardState] = []
    unseen: list[QuestionId] = []
    for q in filters.select(bank, bookmarked):
        state = states.get(q.id)
        if state is None or state.is_new:
            unseen.append(q.id)
        else:
            seen.append(state)
    allowed = max(0, new_per_day - new_today)
    return Queue(
        due=_ids(s for s in seen if s.is_due(now)),
        new=tuple(unseen[:allowed]),
        ahead=_ids(s for s in seen if _is_learning_soon(s, now)),
        new_total=len(unseen),
        new_today=new_today,
    )


def _is_learning_soon(state: CardState, now: datetime) -> bool:
    is_learning = state.phase in (Phase.LEARNING, Phase.RELEARNING)
    return is_learning and state.due is not None and now < state.due <= now + LEARN_AHEAD


def _ids(states: Iterable[CardState]) -> tuple[QuestionId, ...]:
    ordered = sorted(
        states, key=lambda s: (s.due or datetime.max.replace(tzinfo=UTC), s.question_id)
    )
    return tuple(s.question_id for s in ordered)


def filters_to_dict(filters: Filters) -> dict[str, Any]:
    """Return a JSON-ready form of the filters (sorted, so equal filters dump equally)."""
    return {
        "chapters": sorted(filters.chapters),
        "levels": sorted(filters.levels),
        "tags": sorted(filters.tags),
        "bookmarked": filters.is_bookmarked_only,
    }


def filters_from_dict(data: Mapping[str, Any]) -> Filters:
    """Rebuild filters saved by `filters_to_dict`; raise ValueError/TypeError when bad."""
    return Filters(
        chapters=frozenset(int(c) for c in data.get("chapters", ())),
        levels=frozenset(int(v) for v in data.get("levels", ())),
        tags=frozenset(str(t) for t in data.get("tags", ())),
        is_bookmarked_only=bool(data.get("bookmarked", False)),
    )
