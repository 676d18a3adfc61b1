"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when one is available."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import SKIP_REASON, base_url, temp_schema_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = base_url()
    if base is None:
        pytest.skip(SKIP_REASON)
    with temp_schema_url(base) as url:
        yield url
