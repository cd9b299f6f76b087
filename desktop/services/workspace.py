"""Opening the database the user asked for, seeded with the first case when empty."""

from __future__ import annotations

from desktop.store.engine import Database, StoreError, describe_location, open_database, resolve_location

__all__ = ["Database", "StoreError", "open_workspace", "describe_location", "resolve_location"]


def open_workspace(db: str | None = None, seed: bool = True) -> Database:
    """Open (and migrate) the database named by `--db`, SIGNPOST_DB or the default; seed it if empty."""
    database = open_database(resolve_location(db))
    if seed:
        from desktop.services.situations import ensure_seeded

        try:
            ensure_seeded(database)
        except Exception:
            database.close()
            raise
    return database
