"""Whether a SQLite file can be trusted with writes.

A damaged file keeps a marker in its backup folder until it is restored or
checked clean: every process that opens it, and every write transaction,
sees the marker and refuses, so nothing is written into a broken b-tree.
`quick_check` costs 0.6 s on a 65 MB file, so it runs with the daily backup and
whenever the file has changed since a Signpost process last left it (a fingerprint
of size and modification time written at close), not on every open.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from desktop.store.backups import backup_folder, newest_backup
from desktop.store.errors import DatabaseDamaged
from desktop.store.files import private_folder, write_private_text

MARKER = "damaged"
FINGERPRINT = "last-closed.json"


def damage_reason(db_path: Path) -> str | None:
    marker = backup_folder(db_path) / MARKER
    try:
        return marker.read_text(encoding="utf-8").strip() or "marked damaged"
    except (FileNotFoundError, NotADirectoryError):
        return None


def is_marked(db_path: Path) -> bool:
    return (backup_folder(db_path) / MARKER).exists()


def damaged_error(db_path: Path, reason: str) -> DatabaseDamaged:
    backup = newest_backup(db_path)
    remedy = (f"newest backup {backup}; restore it with `signpost restore {backup}`" if backup
              else "no backup exists; repair it with the sqlite3 tool's .recover, then run `signpost check`")
    return DatabaseDamaged(f"database is damaged: {db_path} ({reason}); nothing will be written to it; {remedy}")


def mark_damaged(db_path: Path, reason: str) -> DatabaseDamaged:
    """Leave the marker (best effort: a read-only folder still gets the error) and return the error to raise."""
    try:
        write_private_text(private_folder(backup_folder(db_path)) / MARKER, reason + "\n")
    except OSError:
        pass
    return damaged_error(db_path, reason)


def clear_damage(db_path: Path) -> None:
    (backup_folder(db_path) / MARKER).unlink(missing_ok=True)


def _stat(db_path: Path) -> list[int] | None:
    try:
        st = os.stat(db_path)
    except FileNotFoundError:
        return None
    return [st.st_size, st.st_mtime_ns]


def changed_since_closed(db_path: Path) -> bool:
    """True unless the file is exactly as a Signpost process last left it."""
    try:
        seen = json.loads((backup_folder(db_path) / FINGERPRINT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return seen != _stat(db_path)


def remember_as_closed(db_path: Path) -> None:
    stat = _stat(db_path)
    if stat is None:
        return
    try:
        write_private_text(private_folder(backup_folder(db_path)) / FINGERPRINT, json.dumps(stat))
    except OSError:
        pass  # a read-only folder: the next open checks the file again, which is only slower
