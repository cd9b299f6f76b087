"""Correcting a source after import: its publication day, outlet and Admiralty reliability."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from desktop.domain.grading import RELIABILITY_LABELS
from desktop.services.articles import SourceDetails
from desktop.ui.common.date_field import DateField
from desktop.ui.common.theme import error_style, muted_style, themed_style



class SourceDetailsDialog(QDialog):
    def __init__(self, title: str, details: SourceDetails, parent: QWidget | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.setObjectName("sourceDetails")
        self.setWindowTitle("Source details")
        self.known = QCheckBox("published on")
        self.known.setObjectName("dateKnown")
        self.day = DateField(details.published_at or today or date.today(), today=today, label="Published")
        self.day.setObjectName("publishedOn")
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
        self.problem = QLabel()
        self.problem.setObjectName("detailsProblem")
        themed_style(self.problem, error_style())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600;")
        form.addRow(heading)
        form.addRow(self.known, self.day)
        form.addRow("", self.problem)
        form.addRow("Outlet", self.outlet)
        form.addRow("Reliability", self.reliability)
        form.addRow("Grade note", self.note)
        form.addRow(hint)
        form.addRow(buttons)
        self.resize(520, 260)
        self.day.textChanged.connect(self._validate)
        self.known.toggled.connect(self._validate)
        self._validate()

    def date_problem(self) -> str | None:
        """Not a date, or after today (the rule of the CLI and bundles); None when the day is fine or unknown."""
        return self.day.problem() if self.known.isChecked() else None

    def _validate(self, *_args) -> None:
        problem = self.date_problem()
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.ok_button.setEnabled(problem is None)

    def _accept_if_valid(self) -> None:
        if self.date_problem() is None:
            self.accept()

    def value(self) -> SourceDetails:
        day: date | None = self.day.day() if self.known.isChecked() else None
        return SourceDetails(day, self.outlet.text().strip() or None, self.reliability.currentData(),
                             self.note.text().strip() or None)
