"""Practice data: card states, the review log, undo and settings.

Every write runs in one transaction that first bumps the single `practice_lock` row. On
SQLite the transaction already holds the write lock (BEGIN IMMEDIATE); on PostgreSQL the
row lock makes concurrent writers queue, and READ COMMITTED lets each one then see what
the others committed. Either way "is this submission based on the card's current
version?" and the write that follows cannot interleave with another writer. The commit
happens before the caller returns, so an acknowledged rating is on disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, func, insert, select, update

from dl500.bank.schema import Bank, QuestionId
from dl500.errors import BadRequest, Conflict, NotFound
from dl500.practice.queue import Filters, PracticeSettings, Queue, build_queue, day_start
from dl500.practice.scheduler import (
    CardState,
    Grade,
    Phase,
    new_card,
    rate,
    require_utc,
    state_from_dict,
    state_to_dict,
)
from dl500.practice.stats import ReviewEvent
from dl500.store import tables

SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
"""Client-made submission ids (an interview answer's id doubles as its rating's id)."""
MAX_HISTORY = 1000


@dataclass(frozen=True, slots=True)
class StoredCard:
    """A card's scheduling state and its version (`seq`, bumped by every rating or undo)."""

    state: CardState
    seq: int


@dataclass(frozen=True, slots=True)
class Submission:
    """One rating sent by a user: which card, which grade, and the version they saw."""

    submission_id: str
    question_id: QuestionId
    grade: Grade
    seq: int
    duration_ms: int | None = None

    def __post_init__(self) -> None:
        if not SUBMISSION_ID.match(self.submission_id):
            raise BadRequest("submission_id: expected 8-64 characters of A-Z a-z 0-9 _ -")
        if self.seq < 0:
            raise BadRequest(f"seq: expected a card version >= 0, got {self.seq}")


@dataclass(frozen=True, slots=True)
class Rated:
    """The outcome of a rating; `is_replay` when the submission had already been applied."""

    review_id: int
    card: StoredCard
    is_replay: bool


@dataclass(frozen=True, slots=True)
class Undone:
    """The outcome of an undo: the review taken back and the restored card."""

    review_id: int
    card: StoredCard
    is_replay: bool


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the review log."""

    review_id: int
    submission_id: str
    question_id: QuestionId
    grade: Grade
    reviewed_at: datetime
    source: str
    seq_after: int
    is_undone: bool


def utc(value: datetime) -> datetime:
    """Return a stored datetime as aware UTC (SQLite hands back naive values)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _opt_utc(value: datetime | None) -> datetime | None:
    return utc(value) if value is not None else None


def dump_state(state: CardState) -> str:
    """Serialise a state for the review log (floats and datetimes round-trip exactly)."""
    return json.dumps(state_to_dict(state), separators=(",", ":"))


@contextmanager
def write_transaction(writer: Engine) -> Iterator[Connection]:
    """Open a transaction that holds the practice write lock until it commits."""
    with writer.begin() as conn:
        lock = tables.practice_lock
        conn.execute(update(lock).where(lock.c.id == 1).values(writes=lock.c.writes + 1))
        yield conn


def card_from_row(row: Row[Any]) -> StoredCard:
    state = CardState(
        question_id=QuestionId(row.question_id),
        phase=Phase(row.phase),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=_opt_utc(row.due),
        last_review=_opt_utc(row.last_review),
        reps=row.reps,
        lapses=row.lapses,
    )
    return StoredCard(state, row.seq)


def load_card(conn: Connection, qid: QuestionId) -> StoredCard:
    """Return the stored card, or a new one at version 0."""
    row = conn.execute(select(tables.cards).where(tables.cards.c.question_id == qid)).first()
    return card_from_row(row) if row is not None else StoredCard(new_card(qid), 0)


def save_card(conn: Connection, card: StoredCard) -> None:
    """Insert or overwrite a card (callers hold the write lock, so no race between them)."""
    t = tables.cards
    s = card.state
    values = {
        "phase": int(s.phase),
        "step": s.step,
        "stability": s.stability,
        "difficulty": s.difficulty,
        "due": s.due,
        "last_review": s.last_review,
        "reps": s.reps,
        "lapses": s.lapses,
        "seq": card.seq,
    }
    done = conn.execute(update(t).where(t.c.question_id == s.question_id).values(**values))
    if done.rowcount == 0:
        conn.execute(insert(t).values(question_id=s.question_id, **values))


def _replayed(conn: Connection, sub: Submission, source: str) -> Rated | None:
    row = conn.execute(
        select(tables.reviews).where(tables.reviews.c.submission_id == sub.submission_id)
    ).first()
    if row is None:
        return None
    if (row.question_id, row.rating, row.source) != (sub.question_id, int(sub.grade), source):
        raise Conflict(f"submission {sub.submission_id} was already used for another rating")
    card = StoredCard(state_from_dict(json.loads(row.state_after)), row.seq_after)
    return Rated(row.id, card, is_replay=True)


def apply_rating(
    conn: Connection,
    sub: Submission,
    now: datetime,
    *,
    source: str = "review",
    interview_id: int | None = None,
    check_seq: bool = True,
) -> Rated:
    """Rate a card inside a write transaction: replay-safe, refusing stale versions (409)."""
    now = require_utc(now)
    replay = _replayed(conn, sub, source)
    if replay is not None:
        return replay
    card = load_card(conn, sub.question_id)
    if check_seq and sub.seq != card.seq:
        raise Conflict(
            f"card {sub.question_id} is at version {card.seq}, "
            f"but the rating was made at version {sub.seq}; reload and rate again"
        )
    after = StoredCard(rate(card.state, sub.grade, now), card.seq + 1)
    save_card(conn, after)
    review_id = _log(conn, sub, card.state, after, now, source, interview_id)
    return Rated(review_id, after, is_replay=False)


def _log(
    conn: Connection,
    sub: Submission,
    before: CardState,
    after: StoredCard,
    now: datetime,
    source: str,
    interview_id: int | None,
) -> int:
    """Append the rating to the review log with the states around it; return its id."""
    key = conn.execute(
        insert(tables.reviews).values(
            submission_id=sub.submission_id,
            question_id=sub.question_id,
            rating=int(sub.grade),
            reviewed_at=now,
            source=source,
            interview_id=interview_id,
            phase_before=int(before.phase),
            state_before=dump_state(before),
            state_after=dump_state(after.state),
            seq_after=after.seq,
            duration_ms=sub.duration_ms,
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


class PracticeStore:
    """Card states, ratings, undo and settings (one per `Store`, as `store.practice`)."""

    def __init__(self, engine: Engine, writer: Engine) -> None:
        self.engine = engine
        self.writer = writer

    def card(self, qid: QuestionId) -> StoredCard:
        """Return one card (new at version 0 if never rated)."""
        with self.engine.connect() as conn:
            return load_card(conn, qid)

    def states(self) -> dict[QuestionId, CardState]:
        """Return every stored card state by question id."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(tables.cards)).all()
        return {QuestionId(r.question_id): card_from_row(r).state for r in rows}

    def bookmarked(self) -> frozenset[str]:
        """Return the bookmarked question ids (the 'bookmarked only' filter reads them)."""
        with self.engine.connect() as conn:
            return frozenset(conn.execute(select(tables.bookmarks.c.question_id)).scalars())

    def queue(self, bank: Bank, now: datetime, filters: Filters | None = None) -> Queue:
        """Return the due queue at `now` under the saved settings and `filters`."""
        settings = self.settings()
        return build_queue(
            bank,
            self.states(),
            now,
            filters=filters or Filters(),
            bookmarked=self.bookmarked(),
            new_per_day=settings.new_per_day,
            new_today=self.new_since(day_start(now, settings.utc_offset_min)),
        )

    def rate(self, sub: Submission, now: datetime) -> Rated:
        """Apply and commit one rating; a replayed submission returns its first result."""
        with write_transaction(self.writer) as conn:
            return apply_rating(conn, sub, now)

    def undo(self, review_id: int | None, now: datetime) -> Undone:
        """Take back the latest rating (only it: an older one is refused with Conflict)."""
        with write_transaction(self.writer) as conn:
            t = tables.reviews
            latest = conn.execute(
                select(t).where(t.c.undone_at.is_(None)).order_by(t.c.id.desc()).limit(1)
            ).first()
            if review_id is not None:
                target = conn.execute(select(t).where(t.c.id == review_id)).first()
                if target is None:
                    raise NotFound(f"no review {review_id}")
                if target.undone_at is not None:
                    card = load_card(conn, QuestionId(target.question_id))
                    return Undone(review_id, card, is_replay=True)
                if latest is None or latest.id != review_id:
                    raise Conflict(f"review {review_id} is not the latest rating")
            if latest is None:
                raise NotFound("nothing to undo")
            return _undo_row(conn, latest, now)

    def history(self, limit: int = 100, before: int | None = None) -> list[HistoryEntry]:
        """Return the review log newest first, `limit` entries with id < `before`."""
        t = tables.reviews
        query = select(t).order_by(t.c.id.desc()).limit(min(limit, MAX_HISTORY))
        if before is not None:
            query = query.where(t.c.id < before)
        with self.engine.connect() as conn:
            return [_entry(r) for r in conn.execute(query)]

    def events(self) -> list[ReviewEvent]:
        """Return every rating that was not undone, oldest first."""
        t = tables.reviews
        cols = select(t.c.question_id, t.c.rating, t.c.reviewed_at, t.c.phase_before)
        with self.engine.connect() as conn:
            rows = conn.execute(cols.where(t.c.undone_at.is_(None)).order_by(t.c.id)).all()
        return [ReviewEvent(QuestionId(r[0]), Grade(r[1]), utc(r[2]), Phase(r[3])) for r in rows]

    def new_since(self, since: datetime) -> int:
        """Return how many unseen cards were first rated at or after `since` (not undone)."""
        t = tables.reviews
        query = select(func.count()).where(
            t.c.phase_before == int(Phase.NEW),
            t.c.undone_at.is_(None),
            t.c.reviewed_at >= require_utc(since),
        )
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def settings(self) -> PracticeSettings:
        """Return the saved preferences (defaults for anything never set)."""
        t = tables.practice_settings
        with self.engine.connect() as conn:
            saved = {r.key: r.value for r in conn.execute(select(t))}
        defaults = PracticeSettings()
        return PracticeSettings(
            new_per_day=int(saved.get("new_per_day", defaults.new_per_day)),
            utc_offset_min=int(saved.get("utc_offset_min", defaults.utc_offset_min)),
        )

    def save_settings(self, settings: PracticeSettings) -> None:
        """Save the preferences (all keys, in one transaction)."""
        t = tables.practice_settings
        values = {"new_per_day": settings.new_per_day, "utc_offset_min": settings.utc_offset_min}
        with write_transaction(self.writer) as conn:
            conn.execute(t.delete())
            conn.execute(insert(t), [{"key": k, "value": str(v)} for k, v in values.items()])


def _undo_row(conn: Connection, row: Row[Any], now: datetime) -> Undone:
    qid = QuestionId(row.question_id)
    current = load_card(conn, qid)
    restored = StoredCard(state_from_dict(json.loads(row.state_before)), current.seq + 1)
    save_card(conn, restored)
    t = tables.reviews
    conn.execute(update(t).where(t.c.id == row.id).values(undone_at=require_utc(now)))
    return Undone(row.id, restored, is_replay=False)


def _entry(r: Row[Any]) -> HistoryEntry:
    return HistoryEntry(
        review_id=r.id,
        submission_id=r.submission_id,
        question_id=QuestionId(r.question_id),
        grade=Grade(r.rating),
        reviewed_at=utc(r.reviewed_at),
        source=r.source,
        seq_after=r.seq_after,
        is_undone=r.undone_at is not None,
    )
