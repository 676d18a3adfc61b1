"""Persistence of user data (bookmarks, notes, later reviews) with SQLAlchemy Core.

SQLite (WAL) in the user data folder by default; any SQLAlchemy URL, e.g. PostgreSQL,
with `--db` or `DL500_DATABASE_URL`.
"""

from dl500.store.base import Store, default_url

__all__ = ["Store", "default_url"]
