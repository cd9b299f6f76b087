"""Opening the database the user asked for, seeded with the first case when empty."""

from __future__ import annotations

import os

from desktop.store.engine import (
    ENV_VAR, BadLocation, Database, DatabaseDamaged, StoreError, describe_location, open_database, resolve_location,
)

__all__ = ["Database", "StoreError", "BadLocation", "DatabaseDamaged", "open_workspace", "describe_location",
           "resolve_location"]


def open_workspace(db: str | None = None, seed: bool = True) -> Database:
    """Open (and migrate) the database named by `--db`, SIGNPOST_DB or the default; seed it if empty.

    Only the default location gets its folders made: a folder missing from a path the user
    typed is more likely a typo than a wish for a new, empty database."""
    named = bool(db or os.environ.get(ENV_VAR))
    database = open_database(resolve_location(db), create_folder=not named)
    if seed:
        from desktop.services.situations import ensure_seeded

        try:
            ensure_seeded(database)
        except Exception:
            database.close()
            raise
    return database
