"""New source from the clipboard (Ctrl+Shift+V): the pasted text with a title, day and grade."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget,
)

from desktop.domain.grading import RELIABILITY_LABELS


class PasteSourceDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pasteSource")
        self.setWindowTitle("New source from clipboard")
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        self.title = QLineEdit(first[:200])
        self.title.setObjectName("pasteTitle")
        self.outlet = QLineEdit()
        self.outlet.setPlaceholderText("outlet (optional)")
        self.known_date = QCheckBox("published on")
        self.published = QDateEdit(QDate.currentDate())
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("yyyy-MM-dd")
        self.known_date.setChecked(True)
        self.known_date.toggled.connect(self.published.setEnabled)
        self.reliability = QComboBox()
        for grade, label in RELIABILITY_LABELS.items():
            self.reliability.addItem(f"{grade} — {label}", grade)
        self.reliability.setCurrentIndex(self.reliability.findData("F"))
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("pasteText")
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Outlet", self.outlet)
        form.addRow(self.known_date, self.published)
        form.addRow("Reliability", self.reliability)
        form.addRow(self.text)
        form.addRow(buttons)
        self.resize(640, 480)

    def published_on(self) -> date | None:
        return self.published.date().toPython() if self.known_date.isChecked() else None
