"""Table definitions. Question ids are stored as text: they are permanent by contract."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

bookmarks = Table(
    "bookmarks",
    metadata,
    Column("question_id", String(200), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

notes = Table(
    "notes",
    metadata,
    Column("question_id", String(200), primary_key=True),
    Column("body", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# practice (migration 2) ------------------------------------------------------

practice_lock = Table(
    "practice_lock",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("writes", Integer, nullable=False),
)
"""One row; every practice write bumps it first, which serialises writers on any database."""

cards = Table(
    "cards",
    metadata,
    Column("question_id", String(200), primary_key=True),
    Column("phase", Integer, nullable=False),
    Column("step", Integer),
    Column("stability", Double),
    Column("difficulty", Double),
    Column("due", DateTime(timezone=True), index=True),
    Column("last_review", DateTime(timezone=True)),
    Column("reps", Integer, nullable=False),
    Column("lapses", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
)
"""Current FSRS state per question; `seq` counts changes so stale submissions are refused."""

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(64), nullable=False, unique=True),
    Column("question_id", String(200), nullable=False, index=True),
    Column("rating", Integer, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False, index=True),
    Column("source", String(16), nullable=False),
    Column("interview_id", Integer),
    Column("phase_before", Integer, nullable=False),
    Column("state_before", Text, nullable=False),
    Column("state_after", Text, nullable=False),
    Column("seq_after", Integer, nullable=False),
    Column("duration_ms", Integer),
    Column("undone_at", DateTime(timezone=True)),
)
"""Every rating ever given, with the states around it so undo restores exactly."""

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("seconds_per_question", Integer, nullable=False),
    Column("scope", Text, nullable=False),
    Column("question_ids", Text, nullable=False),
)

interview_answers = Table(
    "interview_answers",
    metadata,
    Column("interview_id", Integer, ForeignKey("interviews.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("submission_id", String(64), nullable=False, unique=True),
    Column("question_id", String(200), nullable=False),
    Column("answer", Text, nullable=False),
    Column("covered", Text, nullable=False),
    Column("points_total", Integer, nullable=False),
    Column("score", Double, nullable=False),
    Column("rating", Integer, nullable=False),
    Column("elapsed_s", Integer, nullable=False),
    Column("review_id", Integer, nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=False),
)

practice_settings = Table(
    "practice_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
