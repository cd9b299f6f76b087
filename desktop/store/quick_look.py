"""A look at a SQLite database before SQLAlchemy is imported: what the window's first paint may rely on.

The window paints its frame, then the dashboard, before the ORM has loaded (it costs more than the
window itself). For the dashboard it needs to know, with the standard library's sqlite3 alone and
only reading, whether the file is a Signpost database at this schema that no Signpost process
marked damaged or left in an unknown state, how far its change log runs (the mark every logged
write moves), and which situation was open last. When anything is unusual the answer is None,
and the window opens the database the usual way (migration, checks, daily backup) first.

The dashboard last drawn is kept beside the database, in its private backup folder, with the
mark it was drawn at; it is handed back only while the database's mark is still that one.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.store import health
from desktop.store.backups import backup_folder
from desktop.store.files import private_folder, write_private_text
from desktop.store.migrate import SCHEMA_HEAD

ENV_VAR = "SIGNPOST_DB"
FIRST_PAINT = "first-paint.json"
MAX_FIRST_PAINT_BYTES = 16 * 1024 * 1024   # a bigger drawing takes longer to read than the database does


def default_database_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("signpost", appauthor=False)) / "signpost.db"


def database_file(cli_value: str | None = None, environ: dict[str, str] | None = None) -> Path | None:
    """The SQLite file `--db` > SIGNPOST_DB > the default names, when it is given as a path (a URL: None)."""
    environ = os.environ if environ is None else environ
    value = cli_value or environ.get(ENV_VAR) or str(default_database_path())
    if "://" in value:
        return None
    return Path(value).expanduser().resolve()


@dataclass(frozen=True)
class Glance:
    path: Path
    mark: tuple[int, str | None]    # the newest change-log id and its time: any logged write moves it
    state: str | None               # the app_state value asked for (e.g. the situation last opened)


def glance(path: Path | None, state_name: str) -> Glance | None:
    """The file's mark and one app_state value, read-only; None unless the file is a Signpost database at
    this schema, not marked damaged, and exactly as a Signpost process last left it (otherwise its
    quick_check is due, which opening it the usual way runs)."""
    if path is None or not path.is_file():
        return None
    if health.damage_reason(path) is not None or health.changed_since_closed(path):
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchall()
            if revision != [(SCHEMA_HEAD,)]:
                return None
            last = con.execute("SELECT id, at FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
            state = con.execute("SELECT value FROM app_state WHERE name = ?", (state_name,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return Glance(path, (int(last[0]), str(last[1])) if last else (0, None), state[0] if state else None)


def change_mark_at(path: Path, mark: int) -> tuple[int, str | None] | None:
    """(mark, the time of that change-log entry): the key a drawing made at `mark` is kept under."""
    if mark == 0:
        return (0, None)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            row = con.execute("SELECT at FROM change_log WHERE id = ?", (mark,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return (mark, str(row[0])) if row else None


def read_first_paint(path: Path) -> dict | None:
    """The kept drawing of the database at `path` (its key and content as written), None when there is none."""
    try:
        file = backup_folder(path) / FIRST_PAINT
        if file.stat().st_size > MAX_FIRST_PAINT_BYTES:
            return None
        found = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def write_first_paint(path: Path, document: dict) -> bool:
    """Keep `document` (JSON) beside the database at `path`, replacing the one before; False when it is too big
    to be worth reading back or the folder refused (the next start then reads the database, which is
    only slower)."""
    file = backup_folder(path) / FIRST_PAINT
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    try:
        if len(text) > MAX_FIRST_PAINT_BYTES:
            file.unlink(missing_ok=True)
            return False
        write_private_text(private_folder(backup_folder(path)) / FIRST_PAINT, text)
    except OSError:
        return False
    return True
