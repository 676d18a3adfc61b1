"""Which index belongs to the content: the key, its remembered value, the index folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dl500.search import cache
from dl500.search.cache import content_files, content_key, current_key, index_home


def test_index_home_honours_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DL500_INDEX_DIR", str(tmp_path / "idx"))
    assert index_home() == tmp_path / "idx"
    monkeypatch.delenv("DL500_INDEX_DIR")
    assert index_home().parts[-2:] == ("dl500", "search")


def test_key_follows_the_content(bank_copy: Path, edit: Callable[[str, str, str], Path]) -> None:
    before = content_key(bank_copy)
    assert [p.name for p in content_files(bank_copy)][:2] == ["_chapter.yaml", "linked.md"]
    assert content_key(bank_copy) == before
    (bank_copy / "01-alpha" / "notes.txt").write_text("not content", "utf-8")
    assert content_key(bank_copy) == before  # only chapter YAML and question Markdown count
    edit("01-alpha/norms.md", "L1 是绝对值之和", "L1 是绝对值之和，像出租车距离")
    assert content_key(bank_copy) != before


def test_current_key_rehashes_only_after_a_change(
    bank_copy: Path,
    edit: Callable[[str, str, str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashed: list[Path] = []
    real = cache.content_key
    monkeypatch.setattr(
        cache, "content_key", lambda root, files: hashed.append(root) or real(root, files)
    )
    home = tmp_path / "home"
    first = current_key(bank_copy, home)
    assert current_key(bank_copy, home) == first and len(hashed) == 1  # remembered
    path = edit("01-alpha/norms.md", "有尖角", "有尖角!")
    assert current_key(bank_copy, home) != first and len(hashed) == 2
    os.utime(path, ns=(1, 1))  # only the time changed: hashed again, same content key
    assert current_key(bank_copy, home) == real(bank_copy, None) and len(hashed) == 3
    (home / "keys.json").write_text("[broken", "utf-8")  # a damaged memo costs a rehash only
    assert current_key(bank_copy, home) == real(bank_copy, None)


def test_index_home_matches_platformdirs_without_importing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs

    monkeypatch.delenv("DL500_INDEX_DIR", raising=False)
    expected = Path(platformdirs.user_cache_dir("dl500")) / "search"
    assert index_home() == expected
