"""Copies of a SQLite database an analyst can go back to.

Made with SQLite's online backup API (a consistent copy, WAL included, while
other programs keep working) into `NAME.backups/` beside the database: before
every schema upgrade and once a day on open, each after `PRAGMA quick_check`
so that a damaged file never pushes a good copy out. The newest ten are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.store.files import FILE_MODE, ensure_private_file, private_copy, private_folder

KEEP = 10
REASONS = ("daily", "upgrade", "manual", "replaced")
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}-\d{6})\.(?P<revision>[A-Za-z0-9_]+)\.(?P<reason>[a-z]+)\.db$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    revision: str
    reason: str


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.backups")


def list_backups(db_path: Path) -> list[Backup]:
    """The database's backups, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            made = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f")
            found.append(Backup(entry, made, m["revision"], m["reason"]))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def newest_backup(db_path: Path) -> Path | None:
    """The newest copy to go back to (copies of what a restore replaced are not offered)."""
    usable = [b for b in list_backups(db_path) if b.reason != "replaced"]
    return usable[0].path if usable else None


def made_today(db_path: Path, today: date | None = None) -> bool:
    today = today or date.today()
    return any(b.made_at.date() == today and b.reason != "replaced" for b in list_backups(db_path))


def _read(path: Path, sql: str) -> list[tuple]:
    """Rows of one statement on a read-only connection (sqlite3.Error when the file cannot answer)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _check(path: Path, pragma: str) -> str | None:
    try:
        rows = _read(path, f"PRAGMA {pragma}")
    except sqlite3.Error as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


def quick_check(path: Path) -> str | None:
    """None when SQLite's quick_check passes, else its first complaints (or why the file cannot be read)."""
    return _check(path, "quick_check")


def integrity_check(path: Path) -> str | None:
    """The full check (indexes against their tables too): for restores and `signpost check`, not every open."""
    return _check(path, "integrity_check")


def revision_of(path: Path) -> str | None:
    try:
        rows = _read(path, "SELECT version_num FROM alembic_version")
    except sqlite3.Error:
        return None
    return rows[0][0] if rows else None


def _target(db_path: Path, revision: str | None, reason: str) -> Path:
    folder = private_folder(backup_folder(db_path))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stamp}.{revision or 'unknown'}.{reason}.db"


def make_backup(db_path: Path, revision: str | None, reason: str) -> Path:
    """An online copy of the database into its backup folder (0600), then the oldest beyond ten removed."""
    assert reason in REASONS
    target = _target(db_path, revision, reason)
    partial = target.with_name(f".{target.name}.partial")
    ensure_private_file(partial)
    try:
        src = sqlite3.connect(db_path, timeout=5)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file: no -wal or -shm beside it
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    prune(db_path)
    return target


def _last_change(path: Path) -> int | None:
    """The newest change-log id in the file (every Signpost write adds one), or None if unreadable."""
    try:
        return _read(path, "SELECT coalesce(max(id), 0) FROM change_log")[0][0]
    except sqlite3.Error:
        return None


def upgrade_backup(db_path: Path, revision: str) -> Path:
    """The copy taken before upgrading from `revision`. One made earlier for the same content (no change
    logged since) is reused: retrying after a failed or interrupted upgrade does not add a copy each time."""
    current = _last_change(db_path)
    for b in list_backups(db_path):
        if b.reason == "upgrade" and b.revision == revision and current is not None \
                and _last_change(b.path) == current:
            return b.path
    return make_backup(db_path, revision, "upgrade")


def prune(db_path: Path, keep: int = KEEP) -> None:
    for b in list_backups(db_path)[keep:]:
        b.path.unlink(missing_ok=True)


def keep_raw_copy(db_path: Path, revision: str | None) -> Path:
    """A byte copy of the database and its -wal (for a file too damaged for the backup API)."""
    target = _target(db_path, revision, "replaced")
    private_copy(db_path, target)
    wal = Path(f"{db_path}-wal")
    if wal.exists() and wal.stat().st_size:
        private_copy(wal, Path(f"{target}-wal"))
    return target


def copy_into(source: Path, db_path: Path) -> None:
    """Replace the database's content with `source`'s through the backup API: other programs that have
    it open see the restored content at their next transaction instead of a file swapped under them."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path, timeout=5)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def replace_file(source: Path, db_path: Path) -> None:
    """Put a copy of `source` in place of a database SQLite cannot open at all."""
    staged = db_path.with_name(f".{db_path.name}.restoring")
    private_copy(source, staged)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, db_path)
    os.chmod(db_path, FILE_MODE)
