"""Progress export/import: a lossless round trip, and bad files refused with nothing written."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dl500.bank.loader import read_bank
from dl500.bank.schema import QuestionId
from dl500.errors import BadRequest, Conflict
from dl500.practice.queue import Filters, PracticeSettings
from dl500.practice.scheduler import Grade
from dl500.store import Store
from dl500.store.interviews import AnswerSubmission
from dl500.store.practice import Submission
from dl500.store.transfer import VERSION, export_progress, import_progress

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    yield s
    s.close()


def fill(store: Store, mini_root: Path) -> None:
    """Give the store cards, an undone rating, settings and an interview."""
    for i, qid in enumerate(("alpha/norms", "beta/only", "alpha/norms")):
        card = store.practice.card(QuestionId(qid))
        sub = Submission(uuid.uuid4().hex, QuestionId(qid), Grade(2 + i % 3), card.seq)
        store.practice.rate(sub, NOW + timedelta(days=i))
    store.practice.undo(None, NOW + timedelta(days=3))
    store.practice.save_settings(PracticeSettings(new_per_day=7, utc_offset_min=480))
    bank = read_bank(mini_root)[0]
    iid = store.interviews.create(bank, Filters(), 5, 60, NOW, random.Random(2))
    store.interviews.answer(
        iid, AnswerSubmission("iv-answer-1", 0, "我的回答", frozenset({0}), 2, 75), NOW
    )
    store.set_bookmark("alpha/norms", True)
    store.set_note("beta/only", "记住 p − y")


def without_time(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def test_round_trip_is_lossless(store: Store, mini_root: Path, tmp_path: Path) -> None:
    fill(store, mini_root)
    doc = export_progress(store.writer, NOW)
    assert doc["version"] == VERSION and doc["counts"] == {
        "cards": 2,
        "reviews": 4,
        "interviews": 1,
        "bookmarks": 1,
        "notes": 1,
    }
    target = Store(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    done = import_progress(target.writer, json.dumps(doc), is_replace=False)
    assert (done.cards, done.reviews, done.interviews) == (2, 4, 1)
    assert without_time(export_progress(target.writer, NOW)) == without_time(doc)
    assert target.practice.states() == store.practice.states()
    assert target.practice.settings() == PracticeSettings(new_per_day=7, utc_offset_min=480)
    # ids keep counting after the imported ones (PostgreSQL sequences are moved on too)
    card = target.practice.card(QuestionId("beta/only"))
    rated = target.practice.rate(
        Submission("after-import-1", card.state.question_id, Grade.GOOD, card.seq), NOW
    )
    assert rated.review_id == 5
    target.close()


def test_import_back_into_the_same_store_needs_replace(store: Store, mini_root: Path) -> None:
    fill(store, mini_root)
    raw = json.dumps(export_progress(store.writer, NOW))
    with pytest.raises(Conflict, match="already has 4 reviews"):
        import_progress(store.writer, raw, is_replace=False)
    import_progress(store.writer, raw, is_replace=True)
    card = store.practice.card(QuestionId("beta/only"))
    store.practice.rate(
        Submission("after-replace-1", card.state.question_id, Grade.GOOD, card.seq), NOW
    )
    iid = store.interviews.create(read_bank(mini_root)[0], Filters(), 5, 60, NOW, random.Random(0))
    assert iid == 2


def _doc(store: Store, mini_root: Path) -> dict[str, Any]:
    fill(store, mini_root)
    return export_progress(store.writer, NOW)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: {**d, "version": 99},
            f"format version 99, newer than this dl500 reads ({VERSION})",
        ),
        (lambda d: {**d, "format": "anki"}, "not a dl500 progress file"),
        (lambda d: {**d, "version": "1"}, "file.version: expected int"),
        (lambda d: {**d, "counts": {**d["counts"], "reviews": 9}}, "lists 9 reviews but holds 4"),
        (
            lambda d: {
                **d,
                "reviews": [*d["reviews"][:2], {**d["reviews"][2], "rating": 7}, *d["reviews"][3:]],
            },
            "reviews[2].rating: expected 1-4, got 7",
        ),
        (
            lambda d: {
                **d,
                "reviews": [
                    {**d["reviews"][0], "reviewed_at": "2026-01-01T00:00:00"},
                    *d["reviews"][1:],
                ],
            },
            "reviews[0].reviewed_at: expected an ISO time with a UTC offset",
        ),
        (
            lambda d: {**d, "cards": [{"seq": 1, "state": {"phase": 2}}, *d["cards"][1:]]},
            "cards[0].state: not a card state",
        ),
        (
            lambda d: {
                **d,
                "reviews": d["reviews"] + d["reviews"][:1],
                "counts": {**d["counts"], "reviews": 5},
            },
            "reviews: id values repeat",
        ),
        (lambda d: {**d, "settings": {"new_per_day": -3}}, "new_per_day: expected 0-1000"),
        (lambda d: [d], "file: expected an object"),
        (
            lambda d: {**d, "notes": [{**d["notes"][0], "body": "x" * 10_001}]},
            "notes[0].body: expected 1-10000 characters",
        ),
        (lambda d: {**d, "counts": {**d["counts"], "notes": 3}}, "lists 3 notes but holds 1"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(
    store: Store, mini_root: Path, mutate: Any, message: str
) -> None:
    doc = _doc(store, mini_root)
    before = export_progress(store.writer, NOW)
    with pytest.raises(BadRequest) as caught:
        import_progress(store.writer, json.dumps(mutate(doc)), is_replace=True)
    assert message in str(caught.value)
    assert without_time(export_progress(store.writer, NOW)) == without_time(before)


def test_truncated_and_binary_files(store: Store, mini_root: Path) -> None:
    raw = json.dumps(_doc(store, mini_root))
    with pytest.raises(BadRequest, match="is the file truncated"):
        import_progress(store.writer, raw[: len(raw) // 2], is_replace=True)
    with pytest.raises(BadRequest, match="not UTF-8"):
        import_progress(store.writer, b"\xff\xfe\x00junk", is_replace=True)
    assert len(store.practice.history()) == 4


def test_a_failure_while_writing_rolls_everything_back(store: Store, mini_root: Path) -> None:
    doc = _doc(store, mini_root)
    # passes the checks but breaks a database constraint: two answers at one position
    iv = doc["interviews"][0]
    iv["answers"].append({**iv["answers"][0], "submission_id": "another-answer"})
    before = without_time(export_progress(store.writer, NOW))
    with pytest.raises(BadRequest, match="file is inconsistent"):
        import_progress(store.writer, json.dumps(doc), is_replace=True)
    assert without_time(export_progress(store.writer, NOW)) == before


def test_notes_and_bookmarks_are_merged_not_replaced(
    store: Store, mini_root: Path, tmp_path: Path
) -> None:
    doc = _doc(store, mini_root)
    target = Store(f"sqlite:///{tmp_path / 'notes.sqlite3'}")
    target.set_note("beta/only", "old text")
    target.set_note("alpha/linked", "only here")
    target.set_bookmark("beta/only", True)
    import_progress(target.writer, json.dumps(doc), is_replace=False)
    assert target.note("beta/only") == "记住 p − y"  # the file's text wins
    assert target.note("alpha/linked") == "only here"  # never deleted
    assert sorted(target.bookmarks()) == ["alpha/norms", "beta/only"]
    target.close()


def test_version_1_files_without_notes_still_import(store: Store, mini_root: Path) -> None:
    doc = _doc(store, mini_root)
    for key in ("bookmarks", "notes"):
        del doc[key], doc["counts"][key]
    doc["version"] = 1
    import_progress(store.writer, json.dumps(doc), is_replace=True)
    assert store.note("beta/only") == "记住 p − y"  # untouched by a file without notes
