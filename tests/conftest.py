"""Shared fixtures: the mini bank (valid), a mutable copy of it, and an empty store."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres import SKIP_REASON, base_url, temp_schema_url

MINI = Path(__file__).parent / "data" / "mini_bank" / "content"


@pytest.fixture(scope="session", autouse=True)
def _search_index_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep search indexes built by tests out of the user's cache folder."""
    home = tmp_path_factory.mktemp("search-index")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DL500_INDEX_DIR", str(home))
        yield home


@pytest.fixture(scope="session")
def mini_root() -> Path:
    """The valid mini bank, read-only."""
    return MINI


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini bank at tmp_path/content."""
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


@pytest.fixture
def edit(bank_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace `old` by `new` in one file of the copy; fail loudly if `old` is absent."""

    def apply(rel: str, old: str, new: str) -> Path:
        path = bank_copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return apply


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: SQLite, and PostgreSQL when one is available."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = base_url()
    if base is None:
        pytest.skip(SKIP_REASON)
    with temp_schema_url(base) as url:
        yield url
