"""The `Store` facade: one object per database, small methods per kind of user data."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, select
from sqlalchemy.dialects import postgresql, sqlite

from dl500.errors import BadRequest
from dl500.store import tables
from dl500.store.interviews import InterviewStore
from dl500.store.migrations import migrate
from dl500.store.practice import PracticeStore

MAX_NOTE_CHARS = 10_000


def default_url() -> str:
    """Return $DL500_DATABASE_URL or a SQLite file in the user data folder."""
    if os.environ.get("DL500_DATABASE_URL"):
        return os.environ["DL500_DATABASE_URL"]
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("dl500", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'dl500.sqlite3'}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL keeps readers from blocking the writer; synchronous=FULL makes every committed
    # rating survive a power cut or SIGKILL, which is the durability the practice loop needs.
    # The driver's own transaction handling is switched off so `_sqlite_begin` decides.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN. A deferred transaction that reads and then
    # writes fails at once with SQLITE_BUSY if another writer committed in between
    # (busy_timeout cannot help it); readers stay deferred so they never block anyone.
    is_writer = conn.get_execution_options().get("is_writer", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if is_writer else "BEGIN")


class Store:
    """User data for one person (bookmarks, notes, practice) in one database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.writer: Engine = self.engine.execution_options(is_writer=True)
        """The same database for transactions that write (immediate locking on SQLite)."""
        with self.writer.begin() as conn:
            migrate(conn)
        self.practice = PracticeStore(self.engine, self.writer)
        self.interviews = InterviewStore(self.engine, self.writer)

    def close(self) -> None:
        self.engine.dispose()

    # bookmarks ---------------------------------------------------------------
    def bookmarks(self) -> list[str]:
        """Return bookmarked question ids, newest first."""
        t = tables.bookmarks
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.c.question_id).order_by(t.c.created_at.desc()))
            return [str(r) for r in rows.scalars()]

    def is_bookmarked(self, qid: str) -> bool:
        t = tables.bookmarks
        with self.engine.connect() as conn:
            return (
                conn.execute(select(t.c.question_id).where(t.c.question_id == qid)).first()
                is not None
            )

    def set_bookmark(self, qid: str, is_on: bool) -> None:
        """Add or remove a bookmark (idempotent)."""
        t = tables.bookmarks
        with self.writer.begin() as conn:
            conn.execute(delete(t).where(t.c.question_id == qid))
            if is_on:
                conn.execute(t.insert().values(question_id=qid, created_at=datetime.now(UTC)))

    # notes -------------------------------------------------------------------
    def note(self, qid: str) -> str:
        """Return the user's note on a question ('' when none)."""
        t = tables.notes
        with self.engine.connect() as conn:
            body = conn.execute(select(t.c.body).where(t.c.question_id == qid)).scalar()
            return str(body or "")

    def set_note(self, qid: str, body: str) -> None:
        """Save a note (an empty one deletes it); refuse notes over MAX_NOTE_CHARS."""
        if len(body) > MAX_NOTE_CHARS:
            raise BadRequest(f"note is {len(body)} characters; the limit is {MAX_NOTE_CHARS}")
        t = tables.notes
        values = {"question_id": qid, "body": body, "updated_at": datetime.now(UTC)}
        with self.writer.begin() as conn:
            if not body.strip():
                conn.execute(delete(t).where(t.c.question_id == qid))
                return
            dialect = conn.dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            stmt = insert(t).values(**values)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[t.c.question_id],
                    set_={"body": stmt.excluded.body, "updated_at": stmt.excluded.updated_at},
                )
            )
