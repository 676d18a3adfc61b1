"""The store on SQLite: migrations, bookmarks and notes survive a reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from dl500.errors import BadRequest
from dl500.store import Store
from dl500.store.migrations import STEPS, current_version


def test_migrations_run_once_and_record_version(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    store = Store(url)
    with store.engine.connect() as conn:
        assert current_version(conn) == len(STEPS)
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    store.close()
    Store(url).close()  # reopening applies nothing and does not fail


def test_data_survives_reopen(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    store = Store(url)
    store.set_bookmark("cnn/a", True)
    store.set_bookmark("cnn/a", True)  # idempotent
    store.set_note("cnn/a", "记住 1×1 卷积")
    store.close()
    again = Store(url)
    assert again.bookmarks() == ["cnn/a"]
    assert again.note("cnn/a") == "记住 1×1 卷积"
    again.set_note("cnn/a", "")
    assert again.note("cnn/a") == ""
    again.set_bookmark("cnn/a", False)
    assert again.bookmarks() == []


def test_oversized_note_is_refused_and_old_note_kept(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    store.set_note("q/x", "keep me")
    with pytest.raises(BadRequest, match="limit is 10000"):
        store.set_note("q/x", "y" * 10_001)
    assert store.note("q/x") == "keep me"
