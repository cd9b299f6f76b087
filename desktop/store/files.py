"""Files and folders that only their owner can read.

An analyst's log names sources and judgements: the database, its -wal and -shm
(SQLite gives those the database file's own mode), backups and exports are
created 0600 and their folders 0700, whatever the umask says.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def ensure_private_file(path: Path) -> bool:
    """Create `path` empty and 0600 if it does not exist; True when it was created here."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def private_folder(path: Path) -> Path:
    """`path` as a folder only its owner can enter (created if missing, tightened if not)."""
    path.mkdir(mode=FOLDER_MODE, exist_ok=True)
    if path.stat().st_mode & 0o777 != FOLDER_MODE:
        os.chmod(path, FOLDER_MODE)
    return path


def private_copy(source: Path, target: Path) -> Path:
    """Copy a file byte for byte into a new 0600 file."""
    with open(source, "rb") as src, os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE),
                                              "wb") as dst:
        shutil.copyfileobj(src, dst)
    return target


def write_private_text(path: Path, text: str) -> Path:
    """Write `text` to `path` through a 0600 temporary file renamed into place (never half written)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE), "w", encoding="utf-8",
                       newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
