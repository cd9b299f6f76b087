"""New source from the clipboard (Ctrl+Shift+V): the pasted text with a title, day and grade."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from desktop.domain.grading import RELIABILITY_LABELS
from desktop.ui.common.date_field import DateField
from desktop.ui.common.theme import error_style, themed_style



class PasteSourceDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("pasteSource")
        self.setWindowTitle("New source from clipboard")
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        self.title = QLineEdit(first[:200])
        self.title.setObjectName("pasteTitle")
        self.outlet = QLineEdit()
        self.outlet.setPlaceholderText("outlet (optional)")
        self.known_date = QCheckBox("published on")
        self.published = DateField(today or date.today(), today=today, label="Published")
        self.published.setObjectName("pastePublished")
        self.known_date.setChecked(True)
        self.known_date.toggled.connect(self.published.setEnabled)
        self.problem = QLabel()
        self.problem.setObjectName("pasteProblem")
        themed_style(self.problem, error_style())
        self.reliability = QComboBox()
        for grade, label in RELIABILITY_LABELS.items():
            self.reliability.addItem(f"{grade} — {label}", grade)
        self.reliability.setCurrentIndex(self.reliability.findData("F"))
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("pasteText")
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Outlet", self.outlet)
        form.addRow(self.known_date, self.published)
        form.addRow("", self.problem)
        form.addRow("Reliability", self.reliability)
        form.addRow(self.text)
        form.addRow(buttons)
        self.resize(640, 480)
        self.published.textChanged.connect(self._validate)
        self.known_date.toggled.connect(self._validate)
        self._validate()

    def published_on(self) -> date | None:
        return self.published.day() if self.known_date.isChecked() else None

    def date_problem(self) -> str | None:
        """Not a date, or after today (the rule of the CLI and bundles); None when the day is fine or unknown."""
        return self.published.problem() if self.known_date.isChecked() else None

    def _validate(self, *_args) -> None:
        problem = self.date_problem()
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.import_button.setEnabled(problem is None)

    def _accept_if_valid(self) -> None:
        if self.date_problem() is None:
            self.accept()
