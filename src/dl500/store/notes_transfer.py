"""Bookmarks and notes in the progress file: exported with the history, merged on import.

Practice history is replaced on import (a history is one consistent sequence), but notes
are the user's own writing: an import adds and updates notes and bookmarks from the file
and never deletes one that the database has and the file lacks. Format version 1 files
have neither key and import as before.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from dl500.errors import BadRequest
from dl500.store import tables
from dl500.store.base import MAX_NOTE_CHARS

MAX_ID_CHARS = 200


def export_notes(conn: Connection) -> dict[str, list[dict[str, str]]]:
    """Return every bookmark and note as JSON-ready lists."""
    b, n = tables.bookmarks, tables.notes
    return {
        "bookmarks": [
            {"question_id": r.question_id, "created_at": _iso(r.created_at)}
            for r in conn.execute(select(b).order_by(b.c.question_id))
        ],
        "notes": [
            {"question_id": r.question_id, "body": r.body, "updated_at": _iso(r.updated_at)}
            for r in conn.execute(select(n).order_by(n.c.question_id))
        ],
    }


def _iso(value: datetime) -> str:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def parse_notes(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Check the file's bookmarks and notes; return rows ready to write."""
    bookmarks = [
        _row(item, f"bookmarks[{i}]", "created_at")
        for i, item in enumerate(_list(doc, "bookmarks"))
    ]
    notes = [_row(item, f"notes[{i}]", "updated_at") for i, item in enumerate(_list(doc, "notes"))]
    for i, note in enumerate(notes):
        body = note.get("body")
        if not isinstance(body, str) or not body.strip() or len(body) > MAX_NOTE_CHARS:
            raise BadRequest(f"notes[{i}].body: expected 1-{MAX_NOTE_CHARS} characters of text")
    for name, rows in (("bookmarks", bookmarks), ("notes", notes)):
        ids = [r["question_id"] for r in rows]
        if len(set(ids)) != len(ids):
            raise BadRequest(f"{name}: question_id values repeat")
    return bookmarks, notes


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise BadRequest(f"{key}: expected a list")
    return value


def _row(item: Any, where: str, time_key: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise BadRequest(f"{where}: expected an object")
    qid = item.get("question_id")
    if not isinstance(qid, str) or not 0 < len(qid) <= MAX_ID_CHARS:
        raise BadRequest(f"{where}.question_id: expected a question id")
    try:
        stamp = datetime.fromisoformat(str(item.get(time_key)))
    except ValueError:
        raise BadRequest(f"{where}.{time_key}: expected an ISO date-time") from None
    row = {"question_id": qid, time_key: stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)}
    if "body" in item:
        row["body"] = item["body"]
    return row


def merge_notes(
    conn: Connection, bookmarks: list[dict[str, Any]], notes: list[dict[str, Any]]
) -> None:
    """Add the file's bookmarks and notes; a note in both places takes the file's text."""
    b, n = tables.bookmarks, tables.notes
    for row in bookmarks:
        conn.execute(delete(b).where(b.c.question_id == row["question_id"]))
    if bookmarks:
        conn.execute(insert(b), bookmarks)
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    for row in notes:
        stmt = dialect_insert(n).values(**row)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[n.c.question_id],
                set_={"body": stmt.excluded.body, "updated_at": stmt.excluded.updated_at},
            )
        )
