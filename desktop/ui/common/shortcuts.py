"""Help → Keyboard shortcuts: every key the window answers to, read from the window itself.

Listed from the live actions and shortcuts (menus, toolbars, tabs, the reader), so the list
cannot drift from what the keys do.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout


def shortcuts_of(window) -> list[tuple[str, str]]:
    """(keys, what they do) for every action and shortcut under `window`, in menu order, each once."""
    seen: dict[tuple[str, str], None] = {}
    for action in window.findChildren(QAction):
        keys = ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts())
        if keys:
            what = action.statusTip() or action.text()
            seen.setdefault((keys, what.replace("&", "").rstrip("…").strip()), None)
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            seen.setdefault((keys, shortcut.whatsThis() or shortcut.objectName() or "dialog key"), None)
    return list(seen)


def redo_shortcuts(platform: list[QKeySequence]) -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Shift+Z and Ctrl+Y, each once. On X11 the platform's are
    Ctrl+Shift+Z alone: giving it twice made it "ambiguous" to Qt, which then ran nothing, and Ctrl+Y
    was not bound at all."""
    keys: dict[str, QKeySequence] = {}
    for seq in [*platform, QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]:
        keys.setdefault(seq.toString(), seq)
    return list(keys.values())


class ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcuts_of(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)
