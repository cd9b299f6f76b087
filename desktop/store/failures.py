"""Database errors turned into one line a user can act on.

Installed as the engine's `handle_error` hook, so every statement anywhere in the
program is covered; the SQL and its parameters (the analyst's quotes) never
reach the message. Damage leaves the marker that blocks later writes.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.backups import backup_folder
from desktop.store.errors import StoreError
from desktop.store.health import mark_damaged

if TYPE_CHECKING:   # SQLAlchemy itself only where the hook is installed: the rest serves stdlib sqlite3 too
    from sqlalchemy.engine import Engine

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def sqlite_failure(exc: BaseException, path: Path | None, where: str) -> StoreError | None:
    """The StoreError for a sqlite3 error that comes from the file or the machine, or None for other errors
    (a constraint, a bug), which their callers handle."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None or not isinstance(exc, sqlite3.Error):
        return None
    primary = code & 0xFF
    reason = first_line(exc)
    if primary == SQLITE_NOTADB and (path is None or not backup_folder(path).exists()):
        return StoreError(f"{where}: not a usable Signpost database ({reason})")  # never was one: nothing to mark
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        if path is not None:
            return mark_damaged(path, reason)
        return StoreError(f"database is damaged: {where} ({reason})")
    if primary == SQLITE_READONLY:
        return StoreError(f"database is read-only: {where}")
    if primary == SQLITE_FULL:
        return StoreError(f"disk full while writing {where}; nothing was written")
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(f"database is busy: {where} (another program kept it locked); nothing was written")
    if primary in (SQLITE_CANTOPEN, SQLITE_PERM):
        folder = path.parent if path is not None else None
        if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
            return StoreError(f"folder is read-only: {folder} (SQLite writes {path.name}-wal beside the database)")
        return StoreError(f"cannot open database file: {where} ({reason})")
    if primary == SQLITE_IOERR:
        return StoreError(f"input/output error on {where} ({reason}); nothing was written")
    return None


def install_failure_messages(engine: Engine, path: Path | None, where: str) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "handle_error")
    def _translate(context) -> None:
        exc = context.original_exception
        if engine.dialect.name == "sqlite":
            failure = sqlite_failure(exc, path, where)
        elif context.is_disconnect or type(exc).__name__ == "OperationalError":
            failure = StoreError(f"cannot use the database server {where} ({first_line(exc)})")
        else:
            failure = None
        if failure is not None:
            raise failure from None
