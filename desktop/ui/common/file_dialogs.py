"""File dialogs that never open the files they list.

Qt's file dialog asks its icon provider for each entry's type, and the default one
reads the first bytes of files it cannot place by name (the database, its -wal and
-shm among them). Opening and closing a descriptor on the database file drops every
SQLite lock this process holds on it (POSIX advisory locks belong to the process),
so these dialogs place entries by name only. The store holds no connection between
actions either; this keeps even a transaction in flight on another thread safe.
The widget dialog is used everywhere because a platform's native dialog sniffs
contents in-process in the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the name and the kind of entry, never from the content."""

    def icon(self, what):
        if isinstance(what, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


_PROVIDER: NameOnlyIconProvider | None = None


def _dialog(parent: QWidget | None, title: str, start: str, filters: str, mode: QFileDialog.FileMode,
            accept: QFileDialog.AcceptMode) -> QFileDialog:
    global _PROVIDER
    if _PROVIDER is None:
        _PROVIDER = NameOnlyIconProvider()
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(_PROVIDER)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """The chosen existing file, or "" when cancelled."""
    chosen = _run(_dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFile,
                          QFileDialog.AcceptMode.AcceptOpen))
    return chosen[0] if chosen else ""


def open_files(parent: QWidget | None, title: str, start: str, filters: str) -> list[str]:
    return _run(_dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFiles,
                        QFileDialog.AcceptMode.AcceptOpen))


def save_file(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """The path to write (the user confirmed replacing an existing file), or "" when cancelled."""
    chosen = _run(_dialog(parent, title, start, filters, QFileDialog.FileMode.AnyFile,
                          QFileDialog.AcceptMode.AcceptSave))
    return chosen[0] if chosen else ""
