"""The on-disk index: keyed by content, rebuilt on change, reused otherwise, self-healing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dl500.search import cache
from dl500.search.cache import ensure_index
from dl500.search.query import SearchEngine


def test_built_once_then_rebuilt_after_an_edit(
    bank_copy: Path, edit: Callable[[str, str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An index home of its own: other tests may already have indexed this very content.
    monkeypatch.setenv("DL500_INDEX_DIR", str(bank_copy.parent / "own-home"))
    builds: list[int] = []
    first = ensure_index(bank_copy, on_build=builds.append)
    assert ensure_index(bank_copy, on_build=builds.append) == first
    assert builds == [6]  # 4 question files + 2 chapter files, indexed once
    engine = SearchEngine.for_content(bank_copy)
    assert [h.id for h in engine.search("taxicab")] == []

    edit("01-alpha/norms.md", "- L1 sums absolute values", "- L1 sums absolute values (taxicab)")
    engine = SearchEngine.for_content(bank_copy, on_build=builds.append)
    assert len(builds) == 2 and engine.directory != first
    assert [h.id for h in engine.search("taxicab")] == ["alpha/norms"]


def test_a_broken_index_is_rebuilt(bank_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DL500_INDEX_DIR", str(bank_copy.parent / "own-home"))
    directory = ensure_index(bank_copy)
    (directory / "meta.json").write_text("{not json", "utf-8")
    engine = SearchEngine.for_content(bank_copy)
    assert [h.id for h in engine.search("sigmoid", 1)] == ["alpha/sigmoid-derivative"]
    (engine.directory / "meta.json").unlink()  # a build killed before its last file
    (engine.directory / "main" / "meta.json").unlink(missing_ok=True)
    engine = SearchEngine.for_content(bank_copy)
    assert [h.id for h in engine.search("sigmoid", 1)] == ["alpha/sigmoid-derivative"]


def test_old_indexes_are_pruned(
    bank_copy: Path, edit: Callable[[str, str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DL500_INDEX_DIR", str(bank_copy.parent / "own-home"))
    for n in range(cache.KEEP_INDEXES + 2):
        edit("01-alpha/norms.md", "有尖角", f"有尖角 {n}")  # a new content key each time
        ensure_index(bank_copy)
    kept = [p for p in (bank_copy.parent / "own-home").iterdir() if p.is_dir()]
    assert len(kept) == cache.KEEP_INDEXES


def test_the_index_needs_no_bank_to_answer(mini_root: Path) -> None:
    directory = ensure_index(mini_root)
    engine = SearchEngine(directory)  # stored titles and text; the Markdown is not read
    hit = engine.search("L1 范数", 1)[0]
    assert (hit.id, hit.number, hit.title.zh) == (
        "alpha/norms",
        "1.1.2",
        "L1 范数和 L2 范数有什么区别？",
    )


def test_an_engine_survives_its_index_being_pruned(
    bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DL500_INDEX_DIR", str(bank_copy.parent / "own-home"))
    engine = SearchEngine.for_content(bank_copy)
    assert engine.search("sigmoid", 1)[0].id == "alpha/sigmoid-derivative"
    for name in ("zh_vocab.json", "words.json", "meta.json"):
        (engine.directory / name).unlink()  # what a prune by another process does
    assert engine.search("sigmoid", 1)[0].id == "alpha/sigmoid-derivative"  # open files
    assert isinstance(engine.search("导数 sigmiod"), list)  # lazily read data: degraded, no error
