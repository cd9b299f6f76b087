"""Correcting a source after import: its publication day, outlet and Admiralty reliability."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from desktop.domain.grading import RELIABILITY_LABELS
from desktop.services.articles import SourceDetails
from desktop.ui.common.theme import muted_style, themed_style


class SourceDetailsDialog(QDialog):
    def __init__(self, title: str, details: SourceDetails, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sourceDetails")
        self.setWindowTitle("Source details")
        self.known = QCheckBox("published on")
        self.known.setObjectName("dateKnown")
        self.day = QDateEdit()
        self.day.setObjectName("publishedOn")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(details.published_at) if details.published_at else QDate.currentDate())
        self.known.setChecked(details.published_at is not None)
        self.day.setEnabled(details.published_at is not None)
        self.known.toggled.connect(self.day.setEnabled)
        self.outlet = QLineEdit(details.outlet or "")
        self.reliability = QComboBox()
        self.reliability.setObjectName("reliability")
        for grade, label in RELIABILITY_LABELS.items():
            self.reliability.addItem(f"{grade} — {label}", grade)
        self.reliability.setCurrentIndex(max(0, self.reliability.findData(details.reliability)))
        self.note = QLineEdit(details.reliability_note or "")
        self.note.setPlaceholderText("why this grade (optional)")
        hint = QLabel("A new day re-reads the pending suggestions: “Monday”, “yesterday” resolve against it.")
        hint.setWordWrap(True)
        themed_style(hint, muted_style())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600;")
        form.addRow(heading)
        form.addRow(self.known, self.day)
        form.addRow("Outlet", self.outlet)
        form.addRow("Reliability", self.reliability)
        form.addRow("Grade note", self.note)
        form.addRow(hint)
        form.addRow(buttons)
        self.resize(520, 260)

    def value(self) -> SourceDetails:
        day: date | None = self.day.date().toPython() if self.known.isChecked() else None
        return SourceDetails(day, self.outlet.text().strip() or None, self.reliability.currentData(),
                             self.note.text().strip() or None)
