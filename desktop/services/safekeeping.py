"""Backups, restores and checks of the database file (issue 10, point 9).

These take the database's location rather than an open Database: a damaged
file cannot be opened, and restoring it is exactly what is needed then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.services.errors import InputError
from desktop.store import backups, health
from desktop.store.engine import describe_location, open_database, resolve_location, sqlite_file
from desktop.store.migrate import SCHEMA_HEAD, known_revision

SERVER_BACKUPS = ("is a PostgreSQL database: use the server's own backups (pg_dump and pg_restore); "
                  "Signpost backs up SQLite files only")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    revision: str
    reason: str
    size: int


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    replaced_copy: Path | None


@dataclass(frozen=True)
class CheckResult:
    database: Path
    problem: str | None     # None: integrity_check passed
    was_marked: bool


def database_file(location: str | None) -> Path:
    """The SQLite file at `location` (as --db takes it), or InputError for a server."""
    url = resolve_location(location)
    path = sqlite_file(url)
    if path is None:
        server = not url.startswith("sqlite:")
        raise InputError(f"{describe_location(url)} {SERVER_BACKUPS if server else 'has no file to back up'}")
    return path


def list_backups(location: str | None) -> list[BackupInfo]:
    path = database_file(location)
    return [BackupInfo(b.path, b.made_at, b.revision, b.reason, b.path.stat().st_size)
            for b in backups.list_backups(path)]


def backup_now(location: str | None) -> Path:
    """Check the file, then copy it into its backup folder (the database is opened, so it is migrated first)."""
    path = database_file(location)
    if not path.exists():
        raise InputError(f"{path}: no such database")
    open_database(resolve_location(str(path)), create_folder=False).close()  # refuses a damaged file
    problem = backups.quick_check(path)
    if problem:
        raise health.mark_damaged(path, problem)
    return backups.make_backup(path, SCHEMA_HEAD, "manual")


def _revision_of(copy: Path) -> str:
    """The schema revision of a file offered for restoring, or InputError saying why it cannot be used."""
    if not copy.is_file():
        raise InputError(f"{copy}: no such file")
    problem = backups.integrity_check(copy)
    if problem:
        raise InputError(f"{copy}: cannot restore from it: it fails SQLite's integrity check ({problem})")
    revision = backups.revision_of(copy)
    if not revision or not known_revision(revision):
        raise InputError(f"{copy}: not a Signpost database this version can open")
    return revision


def restore(location: str | None, copy: str | Path) -> RestoreResult:
    """Put `copy`'s content in place of the database, keeping a copy of what it replaces."""
    path = database_file(location)
    copy = Path(copy).expanduser().resolve()
    _revision_of(copy)
    replaced = None
    if path.exists():
        readable = backups.quick_check(path) is None
        current = backups.revision_of(path) if readable else None
        replaced = (backups.make_backup(path, current, "replaced") if readable
                    else backups.keep_raw_copy(path, current))
        if readable:
            backups.copy_into(copy, path)
        else:
            backups.replace_file(copy, path)
    else:
        if not path.parent.is_dir():
            raise InputError(f"folder does not exist: {path.parent}")
        backups.replace_file(copy, path)
    health.clear_damage(path)
    open_database(resolve_location(str(path)), create_folder=False).close()  # upgraded if the copy is older
    return RestoreResult(path, copy, replaced)


def check(location: str | None) -> CheckResult:
    """SQLite's full integrity check; a clean result lifts the damage marker (after a repair by hand)."""
    path = database_file(location)
    if not path.exists():
        raise InputError(f"{path}: no such database")
    was_marked = health.is_marked(path)
    problem = backups.integrity_check(path)
    if problem:
        health.mark_damaged(path, problem)
    else:
        health.clear_damage(path)
        health.remember_as_closed(path)
    return CheckResult(path, problem, was_marked)
