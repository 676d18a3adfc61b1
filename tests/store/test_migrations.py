"""Migration 2 (practice tables) upgrades a database created at version 1 in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, inspect

from dl500.store import Store, tables
from dl500.store.migrations import STEPS, current_version


def test_version_1_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v1.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as conn:  # what a dl500 with only migration 1 left behind
        tables.metadata.create_all(conn, tables=[tables.schema_migrations])
        STEPS[0](conn)
        conn.execute(
            insert(tables.schema_migrations).values(version=1, applied_at=datetime.now(UTC))
        )
        conn.execute(
            insert(tables.bookmarks).values(question_id="a/b", created_at=datetime.now(UTC))
        )
    engine.dispose()
    store = Store(url)
    with store.engine.connect() as conn:
        assert current_version(conn) == len(STEPS) >= 2
        assert {"cards", "reviews", "interviews", "practice_lock"} <= set(
            inspect(conn).get_table_names()
        )
    assert store.bookmarks() == ["a/b"]
    store.close()
