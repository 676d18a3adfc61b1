"""A throw-away PostgreSQL schema for one test, when DL500_TEST_POSTGRES_URL names a server.

Each test gets its own schema (through the connection's search_path), so parallel test
workers and repeated runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text

SKIP_REASON = "set DL500_TEST_POSTGRES_URL to run the PostgreSQL tests"


def base_url() -> str | None:
    """Return the test server's SQLAlchemy URL (psycopg 3 driver), or None."""
    raw = os.environ.get("DL500_TEST_POSTGRES_URL")
    if not raw:
        return None
    url = make_url(raw).set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


@contextmanager
def temp_schema_url(base: str) -> Iterator[str]:
    """Create a schema, yield a URL whose tables live in it, then drop it."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
