"""Putting Signpost in the desktop's application menu, and taking it out (freedesktop.org).

Copies the desktop entry, the icon (every hicolor size and the scalable SVG) and the AppStream
metadata from `resources/` into the user's data folder (`$XDG_DATA_HOME`, else ~/.local/share),
with the entry's Exec and TryExec pointing at one `signpost` program by its absolute path, so the
menu starts the installation that installed it (a venv is never on the desktop's PATH).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.services.errors import InputError
from desktop.services.output_files import os_failure
from desktop.services.shipped import APP_ID, desktop_entry_file, icon_files, metainfo_file

# Exec arguments holding one of these must be quoted (Desktop Entry Specification, "The Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class DesktopFiles:
    data_home: Path
    files: tuple[Path, ...]      # written by an install, removed by an uninstall
    executable: Path | None = None


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the spec says to ignore any other), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def installed_files(home: Path | None = None) -> dict[Path, Path]:
    """Where each shipped file goes: {installed path: shipped path}."""
    home = home or data_home()
    files = {
        home / "applications" / f"{APP_ID}.desktop": desktop_entry_file(),
        home / "metainfo" / f"{APP_ID}.metainfo.xml": metainfo_file(),
    }
    for size, icon in icon_files().items():
        files[home / "icons" / "hicolor" / size / "apps" / icon.name] = icon
    return files


def exec_argument(program: Path) -> str:
    """`program` as the Exec key's first argument: quoted when it must be, then escaped as a string value."""
    text = str(program)
    if any(ch in _EXEC_RESERVED for ch in text):
        text = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in text) + '"'
    return _string_value(text).replace("%", "%%")


def _string_value(text: str) -> str:
    return text.replace("\\", "\\\\")


def desktop_entry_text(template: str, executable: Path) -> str:
    """The shipped entry with Exec and TryExec naming `executable`; every other line as shipped."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_argument(executable)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={_string_value(str(executable))}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install_desktop_entry(executable: Path, home: Path | None = None) -> DesktopFiles:
    """Install the entry, icons and metadata for the user; an earlier install is replaced."""
    if sys.platform in ("win32", "darwin"):
        raise InputError("the application-menu entry is for Linux and other freedesktop.org desktops")
    executable = Path(executable).absolute()
    if "\n" in str(executable) or "\r" in str(executable):
        raise InputError(f"{executable!r}: a program path with a line break cannot go in a desktop entry")
    if not executable.is_file() or not os.access(executable, os.X_OK):
        raise InputError(f"{executable}: not an executable file; give the `signpost` program to start")
    home = home or data_home()
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)   # the XDG base folder is private when made here
    except OSError as exc:
        raise os_failure(exc, home, "making") from None
    written = []
    for target, source in installed_files(home).items():
        if target.suffix == ".desktop":
            data = desktop_entry_text(source.read_text(encoding="utf-8"), executable).encode("utf-8")
        else:
            data = source.read_bytes()
        _write(target, data)
        written.append(target)
    _refresh_icon_cache(home / "icons" / "hicolor")
    return DesktopFiles(home, tuple(written), executable)


def uninstall_desktop_entry(home: Path | None = None) -> DesktopFiles:
    """Remove what an install wrote (and nothing else); returns the files that were there."""
    home = home or data_home()
    removed = []
    for target in installed_files(home):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise os_failure(exc, target, "removing") from None
        removed.append(target)
    _refresh_icon_cache(home / "icons" / "hicolor")
    return DesktopFiles(home, tuple(removed))


def _write(target: Path, data: bytes) -> None:
    """Whole or not at all, readable by all (a menu entry and an icon hold nothing private)."""
    try:
        _make_folders(target.parent)
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise os_failure(exc, target) from None


def _make_folders(folder: Path) -> None:
    """Like mkdir -p, with the folders it makes open to read (0755) whatever Signpost's private umask says."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(exist_ok=True)
        os.chmod(made, 0o755)


def _refresh_icon_cache(theme: Path) -> None:
    """A user's hicolor folder rarely has an icon cache; when it has one, a stale cache would hide the icon."""
    tool = shutil.which("gtk-update-icon-cache")
    if tool and (theme / "icon-theme.cache").exists():
        subprocess.run([tool, "--quiet", "--force", "--ignore-theme-index", str(theme)], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
