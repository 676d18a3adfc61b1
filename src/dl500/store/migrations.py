"""Ordered schema migrations; each runs once, in its own transaction, and is recorded.

Add a step by appending a function to `STEPS`; never edit a step that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select

from dl500.store import tables

Step = Callable[[Connection], None]


def _m1_bookmarks_and_notes(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.bookmarks, tables.notes])


def _m2_practice(conn: Connection) -> None:
    practice = [
        tables.practice_lock,
        tables.cards,
        tables.reviews,
        tables.interviews,
        tables.interview_answers,
        tables.practice_settings,
    ]
    tables.metadata.create_all(conn, tables=practice)
    conn.execute(insert(tables.practice_lock).values(id=1, writes=0))


STEPS: tuple[Step, ...] = (_m1_bookmarks_and_notes, _m2_practice)


def current_version(conn: Connection) -> int:
    """Return the highest applied migration (0 for an empty database)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    rows = conn.execute(select(tables.schema_migrations.c.version)).scalars().all()
    return max(rows, default=0)


def migrate(conn: Connection) -> int:
    """Apply pending steps; return the number applied."""
    tables.metadata.create_all(conn, tables=[tables.schema_migrations])
    done = current_version(conn)
    for version, step in enumerate(STEPS, start=1):
        if version <= done:
            continue
        step(conn)
        conn.execute(
            insert(tables.schema_migrations).values(version=version, applied_at=datetime.now(UTC))
        )
    return max(0, len(STEPS) - done)
