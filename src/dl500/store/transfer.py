"""Export and import of practice history as versioned JSON, so a user can back it up or move.

An import is checked completely before anything is written, then written in one
transaction that replaces all practice data: a truncated, malformed or future-version
file is refused with a message and leaves the database exactly as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from dl500.errors import BadRequest, Conflict
from dl500.practice.queue import PracticeSettings, filters_from_dict, filters_to_dict
from dl500.practice.scheduler import require_utc, state_from_dict, state_to_dict
from dl500.store import tables
from dl500.store.notes_transfer import export_notes, merge_notes, parse_notes
from dl500.store.practice import card_from_row, dump_state, utc, write_transaction

FORMAT = "dl500-progress"
VERSION = 2
"""Bump when the file layout changes; older files stay importable (2 added notes)."""
_PRACTICE = (
    tables.interview_answers,
    tables.interviews,
    tables.reviews,
    tables.cards,
    tables.practice_settings,
)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import wrote."""

    cards: int
    reviews: int
    interviews: int


# export ---------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return utc(value).isoformat() if value is not None else None


def _row_dict(row: Any, times: tuple[str, ...]) -> dict[str, Any]:
    out = dict(row._mapping)
    for key in times:
        out[key] = _iso(out[key])
    return out


def export_progress(writer: Engine, now: datetime) -> dict[str, Any]:
    """Return all practice data as a JSON-ready document (a consistent snapshot)."""
    with write_transaction(writer) as conn:  # the lock gives one snapshot on any database
        cards = [_card_out(r) for r in conn.execute(select(tables.cards))]
        reviews = [_review_out(r) for r in conn.execute(select(tables.reviews).order_by("id"))]
        interviews = [_interview_out(conn, r) for r in conn.execute(select(tables.interviews))]
        settings = {r.key: int(r.value) for r in conn.execute(select(tables.practice_settings))}
        notes = export_notes(conn)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": require_utc(now).isoformat(),
        "counts": {
            "cards": len(cards),
            "reviews": len(reviews),
            "interviews": len(interviews),
            **{key: len(items) for key, items in notes.items()},
        },
        "settings": settings,
        "cards": cards,
        "reviews": reviews,
        "interviews": interviews,
        **notes,
    }


def _card_out(r: Any) -> dict[str, Any]:
    card = card_from_row(r)
    return {"seq": card.seq, "state": state_to_dict(card.state)}


def _review_out(r: Any) -> dict[str, Any]:
    out = _row_dict(r, ("reviewed_at", "undone_at"))
    out["state_before"] = json.loads(out["state_before"])
    out["state_after"] = json.loads(out["state_after"])
    return out


def _interview_out(conn: Connection, r: Any) -> dict[str, Any]:
    out = _row_dict(r, ("started_at", "finished_at"))
    out["scope"] = json.loads(out["scope"])
    out["question_ids"] = json.loads(out["question_ids"])
    a = tables.interview_answers
    rows = conn.execute(select(a).where(a.c.interview_id == r.id).order_by(a.c.position))
    out["answers"] = [_answer_out(x) for x in rows]
    return out


def _answer_out(r: Any) -> dict[str, Any]:
    out = _row_dict(r, ("answered_at",))
    del out["interview_id"]
    out["covered"] = json.loads(out["covered"])
    return out


# import: parse and check everything first --------------------------------------


class _Check:
    """Typed field access that reports the JSON path of the first problem."""

    def __init__(self, where: str, obj: Any) -> None:
        if not isinstance(obj, dict):
            raise BadRequest(f"{where}: expected an object, got {type(obj).__name__}")
        self.where = where
        self.obj = obj

    def fail(self, key: str, message: str) -> BadRequest:
        return BadRequest(f"{self.where}.{key}: {message}")

    def get(self, key: str, kind: type | tuple[type, ...], *, nullable: bool = False) -> Any:
        if key not in self.obj:
            raise self.fail(key, "missing")
        value = self.obj[key]
        if value is None and nullable:
            return None
        is_bool = isinstance(value, bool) and kind is not bool
        if is_bool or not isinstance(value, kind):
            raise self.fail(key, f"expected {_kind_name(kind)}, got {value!r:.40}")
        return value

    def integer(self, key: str, low: int, high: int, *, nullable: bool = False) -> int | None:
        value = self.get(key, int, nullable=nullable)
        if value is not None and not low <= value <= high:
            raise self.fail(key, f"expected {low}-{high}, got {value}")
        return value  # type: ignore[no-any-return]

    def time(self, key: str, *, nullable: bool = False) -> datetime | None:
        value = self.get(key, str, nullable=nullable)
        if value is None:
            return None
        try:
            return require_utc(datetime.fromisoformat(value))
        except ValueError:
            raise self.fail(key, f"expected an ISO time with a UTC offset, got {value!r}") from None

    def text(self, key: str, max_len: int) -> str:
        value: str = self.get(key, str)
        if len(value) > max_len:
            raise self.fail(key, f"longer than {max_len} characters")
        return value

    def state(self, key: str) -> str:
        try:
            return dump_state(state_from_dict(self.get(key, dict)))
        except (KeyError, ValueError, TypeError) as exc:
            raise self.fail(key, f"not a card state ({exc})") from None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


BIG = 2**31 - 1


def _parse(raw: str | bytes) -> _Check:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadRequest(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "is the file truncated?"
        ) from None
    except UnicodeDecodeError:
        raise BadRequest("not UTF-8 text; is this a dl500 progress file?") from None
    top = _Check("file", data)
    if data.get("format") != FORMAT:
        raise BadRequest(f'not a dl500 progress file (expected "format": "{FORMAT}")')
    version = top.integer("version", 1, BIG)
    if version is not None and version > VERSION:
        raise BadRequest(
            f"file is format version {version}, newer than this dl500 reads ({VERSION}); "
            "upgrade dl500 to import it"
        )
    return top


def _items(top: _Check, key: str) -> list[_Check]:
    items = top.get(key, list)
    return [_Check(f"{key}[{i}]", item) for i, item in enumerate(items)]


def _card_row(c: _Check) -> dict[str, Any]:
    state_json = json.loads(c.state("state"))
    return {"seq": c.integer("seq", 0, BIG), **_state_columns(state_json)}


def _state_columns(s: dict[str, Any]) -> dict[str, Any]:
    state = state_from_dict(s)
    return {
        "question_id": state.question_id,
        "phase": int(state.phase),
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": state.due,
        "last_review": state.last_review,
        "reps": state.reps,
        "lapses": state.lapses,
    }


def _review_row(r: _Check) -> dict[str, Any]:
    source = r.text("source", 16)
    if source not in ("review", "interview"):
        raise r.fail("source", f'expected "review" or "interview", got {source!r}')
    return {
        "id": r.integer("id", 1, BIG),
        "submission_id": r.text("submission_id", 64),
        "question_id": r.text("question_id", 200),
        "rating": r.integer("rating", 1, 4),
        "reviewed_at": r.time("reviewed_at"),
        "source": source,
        "interview_id": r.integer("interview_id", 1, BIG, nullable=True),
        "phase_before": r.integer("phase_before", 0, 3),
        "state_before": r.state("state_before"),
        "state_after": r.state("state_after"),
        "seq_after": r.integer("seq_after", 1, BIG),
        "duration_ms": r.integer("duration_ms", 0, BIG, nullable=True),
        "undone_at": r.time("undone_at", nullable=True),
    }


def _interview_rows(i: _Check) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    ids = i.get("question_ids", list)
    if not all(isinstance(q, str) for q in ids):
        raise i.fail("question_ids", "expected a list of question ids")
    try:
        scope = filters_to_dict(filters_from_dict(i.get("scope", dict)))
    except (TypeError, ValueError) as exc:
        raise i.fail("scope", f"not a filter ({exc})") from None
    interview_id = i.integer("id", 1, BIG)
    row = {
        "id": interview_id,
        "started_at": i.time("started_at"),
        "finished_at": i.time("finished_at", nullable=True),
        "seconds_per_question": i.integer("seconds_per_question", 1, 3600),
        "scope": json.dumps(scope),
        "question_ids": json.dumps(ids),
    }
    answers = [_answer_row(a, interview_id or 0) for a in _items(i, "answers")]
    return row, answers


def _answer_row(a: _Check, interview_id: int) -> dict[str, Any]:
    covered = a.get("covered", list)
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in covered):
        raise a.fail("covered", "expected a list of key point indexes")
    score = a.get("score", (int, float))
    if not 0 <= score <= 1:
        raise a.fail("score", f"expected 0-1, got {score}")
    return {
        "interview_id": interview_id,
        "position": a.integer("position", 0, 1000),
        "submission_id": a.text("submission_id", 64),
        "question_id": a.text("question_id", 200),
        "answer": a.text("answer", 100_000),
        "covered": json.dumps(covered),
        "points_total": a.integer("points_total", 0, 1000),
        "score": float(score),
        "rating": a.integer("rating", 1, 4),
        "elapsed_s": a.integer("elapsed_s", 0, BIG),
        "review_id": a.integer("review_id", 1, BIG),
        "answered_at": a.time("answered_at"),
    }


@dataclass(frozen=True, slots=True)
class _Rows:
    cards: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    interviews: list[dict[str, Any]]
    answers: list[dict[str, Any]]
    settings: PracticeSettings
    bookmarks: list[dict[str, Any]]
    notes: list[dict[str, Any]]


def parse_progress(raw: str | bytes) -> _Rows:
    """Check a progress file completely; raise BadRequest naming the first problem."""
    top = _parse(raw)
    cards = [_card_row(c) for c in _items(top, "cards")]
    reviews = [_review_row(r) for r in _items(top, "reviews")]
    pairs = [_interview_rows(i) for i in _items(top, "interviews")]
    try:
        settings = PracticeSettings(**top.get("settings", dict))
    except (TypeError, ValueError) as exc:
        raise top.fail("settings", str(exc)) from None
    bookmarks, notes = parse_notes(top.obj)
    interviews, answers = [p[0] for p in pairs], [a for p in pairs for a in p[1]]
    rows = _Rows(cards, reviews, interviews, answers, settings, bookmarks, notes)
    _check_counts(top, rows)
    _check_unique(rows)
    return rows


def _check_counts(top: _Check, rows: _Rows) -> None:
    counts = _Check("file.counts", top.get("counts", dict))
    for key, found in (
        ("cards", len(rows.cards)),
        ("reviews", len(rows.reviews)),
        ("interviews", len(rows.interviews)),
    ):
        expected = counts.integer(key, 0, BIG)
        if expected != found:
            raise BadRequest(f"file lists {expected} {key} but holds {found}; is it truncated?")
    for key, found in (("bookmarks", len(rows.bookmarks)), ("notes", len(rows.notes))):
        expected = counts.obj.get(key, found)  # absent from version-1 files
        if expected != found:
            raise BadRequest(f"file lists {expected} {key} but holds {found}; is it truncated?")


def _check_unique(rows: _Rows) -> None:
    for name, items, key in (
        ("cards", rows.cards, "question_id"),
        ("reviews", rows.reviews, "id"),
        ("reviews", rows.reviews, "submission_id"),
        ("interviews", rows.interviews, "id"),
        ("interview answers", rows.answers, "submission_id"),
    ):
        values = [item[key] for item in items]
        if len(set(values)) != len(values):
            raise BadRequest(f"{name}: {key} values repeat")
    review_ids = {r["id"] for r in rows.reviews}
    if any(a["review_id"] not in review_ids for a in rows.answers):
        raise BadRequest("interview answers: review_id refers to a review not in the file")


# import: write in one transaction ----------------------------------------------


def import_progress(writer: Engine, raw: str | bytes, *, is_replace: bool) -> ImportSummary:
    """Replace all practice data with the file's, or refuse without writing anything."""
    rows = parse_progress(raw)
    try:
        with write_transaction(writer) as conn:
            existing = conn.execute(select(func.count()).select_from(tables.reviews)).scalar_one()
            if existing and not is_replace:
                raise Conflict(
                    f"this database already has {existing} reviews; importing would replace them"
                )
            for table in _PRACTICE:
                conn.execute(table.delete())
            _insert_all(conn, rows)
            merge_notes(conn, rows.bookmarks, rows.notes)
    except IntegrityError as exc:  # the transaction is rolled back: nothing was written
        raise BadRequest(f"file is inconsistent ({exc.orig}); nothing was imported") from None
    return ImportSummary(len(rows.cards), len(rows.reviews), len(rows.interviews))


def _insert_all(conn: Connection, rows: _Rows) -> None:
    for table, items in (
        (tables.cards, rows.cards),
        (tables.reviews, rows.reviews),
        (tables.interviews, rows.interviews),
        (tables.interview_answers, rows.answers),
    ):
        if items:
            conn.execute(insert(table), items)
    s = rows.settings
    settings = [
        {"key": "new_per_day", "value": str(s.new_per_day)},
        {"key": "utc_offset_min", "value": str(s.utc_offset_min)},
    ]
    conn.execute(insert(tables.practice_settings), settings)
    if conn.dialect.name == "postgresql":  # explicit ids do not move PostgreSQL's sequences
        for name in ("reviews", "interviews"):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                )
            )
