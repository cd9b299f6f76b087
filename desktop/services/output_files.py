"""Files Signpost writes for the user (bundles, CSV): whole or not at all, 0600, one clear line on failure."""

from __future__ import annotations

import errno
from pathlib import Path

from desktop.services.errors import EnvironmentFailure, InputError
from desktop.store.files import write_private_text


def check_output_path(path: str | Path) -> Path:
    """The path to write, or InputError when it names a folder or a folder that does not exist."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise InputError(f"{path}: folder {path.parent} does not exist")
    return path


def os_failure(exc: OSError, path: Path | str, doing: str = "writing") -> Exception:
    """The one-line error for an OSError met while `doing` something with `path`."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return EnvironmentFailure(f"disk full while {doing} {path}; nothing was written")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return EnvironmentFailure(f"permission denied while {doing} {path}")
    if exc.errno == errno.EROFS:
        return EnvironmentFailure(f"read-only file system: cannot write {path}")
    if exc.errno == errno.EISDIR:
        return InputError(f"{path}: is a folder; give a file name")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputError(f"{path}: no such file or folder")
    return EnvironmentFailure(f"cannot complete {doing} {path} ({exc.strerror or type(exc).__name__})")


def write_text_output(path: str | Path, text: str) -> Path:
    """Write `text` to `path` atomically (a 0600 temporary file renamed into place)."""
    path = check_output_path(path)
    try:
        return write_private_text(path, text)
    except OSError as exc:
        raise os_failure(exc, path) from None
