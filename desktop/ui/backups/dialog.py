"""File → Restore from backup…: the database's copies, newest first, and the one step to go back to one.

The restore itself is the service's (it keeps a copy of what it replaces and re-opens the
file on the way); the window then opens the restored database as if chosen anew.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.services import safekeeping
from desktop.ui.common.errors import show_error

REASONS = {"daily": "Daily, on open", "upgrade": "Before a schema upgrade", "manual": "Made by hand",
           "replaced": "What a restore replaced"}


class RestoreDialog(QDialog):
    """Lists the backups of the database at `location`; `restored` holds the result after a restore."""

    def __init__(self, location: str, parent: QWidget | None = None, reason: str = ""):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.location = location
        self.restored: safekeeping.RestoreResult | None = None
        self.backups = safekeeping.list_backups(location)
        intro = QLabel((reason + "\n\n" if reason else "") +
                       f"Copies of {location}, newest first. Restoring one replaces the database's content; "
                       "what it holds now is kept as a copy in the same folder.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(["Made", "Why", "Schema", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, b in enumerate(self.backups):
            for col, text in enumerate((f"{b.made_at:%Y-%m-%d %H:%M:%S}", REASONS.get(b.reason, b.reason),
                                        b.revision, f"{b.size / 1e6:.1f} MB")):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                self.table.setItem(row, col, item)
        if self.backups:
            self.table.selectRow(next((i for i, b in enumerate(self.backups) if b.reason != "replaced"), 0))
        self.empty = QLabel("This database has no backup yet: one is made each day it is opened.")
        self.empty.setVisible(not self.backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def selected(self) -> safekeeping.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_selected(self, confirm: bool = True) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self, "Restore from backup",
                f"Replace the database with the copy made {chosen.made_at:%Y-%m-%d %H:%M}?\n\n"
                "What it holds now is kept as a copy beside the backups.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.restored = safekeeping.restore(self.location, chosen.path)
        except Exception as exc:
            show_error(self, "Cannot restore", exc)
            return False
        self.accept()
        return True


def backup_now(parent: QWidget, location: str):
    """File → Back up now: the path written, or None after showing why not."""
    try:
        return safekeeping.backup_now(location)
    except Exception as exc:
        show_error(parent, "Cannot back up", exc)
        return None


def ask_to_restore(parent: QWidget | None, location: str, reason: str) -> safekeeping.RestoreResult | None:
    dialog = RestoreDialog(location, parent, reason)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    return dialog.restored if dialog.exec() == QDialog.DialogCode.Accepted else None
