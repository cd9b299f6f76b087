"""The indicator editor and the observation dialog: plain values in, a draft out.

Both check their draft with the domain's rules as the analyst types and show each problem
beside its field, with OK disabled until there are none; saving is the window's business
(an undo command), so a dialog never writes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit,
    QSpinBox, QVBoxLayout, QWidget,
)

from desktop.domain.evidence_rules import Problem
from desktop.domain.indicator_rules import (
    QUALIFIERS, IndicatorDraft, ObservationDraft, check_indicator, check_observation, parse_figure,
)
from desktop.domain.indicators import IndicatorKind
from desktop.ui.common.date_field import DateField
from desktop.ui.common.theme import error_style, themed_style

LINKS = (("Not linked", 0), ("A rise points toward it (+1)", 1), ("A rise points away from it (−1)", -1))


def _number_or_none(text: str):
    """"" -> None, "1,500" -> 1500.0, anything else -> the text itself (the rules name it)."""
    if not text.strip():
        return None
    try:
        return parse_figure(text)
    except ValueError:
        return text.strip()


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    themed_style(label, error_style())
    label.setWordWrap(True)
    label.hide()
    return label


class _CheckedDialog(QDialog):
    """OK enabled only when `problems()` is empty; each problem shown under its field."""

    def _finish(self, layout: QVBoxLayout) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.check()

    def problems(self):
        raise NotImplementedError

    def check(self) -> list:
        problems = self.problems()
        for field, label in self.errors.items():
            messages = [p.message for p in problems if p.field == field]
            label.setText(" ".join(messages))
            label.setVisible(bool(messages))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return problems

    def accept(self) -> None:
        if not self.check():
            super().accept()


class IndicatorDialog(_CheckedDialog):
    """Name, unit, kind, thresholds, which way is worse, trend window, linked scenarios, description."""

    def __init__(self, scenarios: list[tuple[str, str]], draft: IndicatorDraft | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorDialog")
        self.setWindowTitle("Edit indicator" if draft else "New indicator")
        self.scenario_keys = [k for k, _ in scenarios]
        draft = draft or IndicatorDraft(name="")
        self.name = QLineEdit(draft.name)
        self.name.setObjectName("indicatorName")
        self.name.setPlaceholderText("e.g. US troops mobilised in the region")
        self.unit = QLineEdit(draft.unit)
        self.unit.setObjectName("indicatorUnit")
        self.unit.setPlaceholderText("soldiers, vessels, people…")
        self.kind = QComboBox()
        self.kind.setObjectName("indicatorKind")
        for k in IndicatorKind:
            self.kind.addItem(k.label.capitalize(), k.value)
        self.kind.setCurrentIndex(max(self.kind.findData(draft.kind), 0))
        self.kind.setToolTip("Level: a stock (troops present). Cumulative: a running total (people killed since…). "
                             "Event count: how many happened on the day (strikes).")
        self.warn = QLineEdit("" if draft.warn is None else f"{draft.warn:g}")
        self.warn.setObjectName("indicatorWarn")
        self.alert = QLineEdit("" if draft.alert is None else f"{draft.alert:g}")
        self.alert.setObjectName("indicatorAlert")
        for edit in (self.warn, self.alert):
            edit.setPlaceholderText("none")
        self.direction = QComboBox()
        self.direction.setObjectName("indicatorDirection")
        self.direction.addItem("Higher is worse", True)
        self.direction.addItem("Lower is worse", False)
        self.direction.setCurrentIndex(0 if draft.higher_is_worse else 1)
        self.trend_days = QSpinBox()
        self.trend_days.setObjectName("indicatorTrendDays")
        self.trend_days.setRange(1, 3650)
        self.trend_days.setSuffix(" days")
        self.trend_days.setValue(draft.trend_days)
        self.description = QPlainTextEdit(draft.description)
        self.description.setObjectName("indicatorDescription")
        self.description.setPlaceholderText("What counts as an observation, and where it is reported")
        self.description.setFixedHeight(70)
        self.links: dict[str, QComboBox] = {}
        links_box = QGroupBox("Linked scenarios")
        links_form = QFormLayout(links_box)
        for key, name in scenarios:
            box = QComboBox()
            box.setObjectName(f"link_{key}")
            for label, sign in LINKS:
                box.addItem(label, sign)
            box.setCurrentIndex(box.findData(draft.scenarios.get(key, 0)))
            box.currentIndexChanged.connect(self.check)
            links_form.addRow(name, box)
            self.links[key] = box
        self.errors = {f: _error_label(f"error_{f}") for f in ("name", "kind", "warn", "alert", "trend_days",
                                                              "scenarios")}
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("", self.errors["name"])
        form.addRow("&Unit", self.unit)
        form.addRow("&Kind", self.kind)
        form.addRow("&Warn at", self.warn)
        form.addRow("", self.errors["warn"])
        form.addRow("&Alert at", self.alert)
        form.addRow("", self.errors["alert"])
        form.addRow("&Direction", self.direction)
        form.addRow("&Trend over", self.trend_days)
        form.addRow("", self.errors["trend_days"])
        form.addRow("&Description", self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(links_box)
        layout.addWidget(self.errors["scenarios"])
        for edit in (self.name, self.warn, self.alert):
            edit.textChanged.connect(self.check)
        for box in (self.kind, self.direction):
            box.currentIndexChanged.connect(self.check)
        self.trend_days.valueChanged.connect(self.check)
        self._finish(layout)
        self.resize(480, self.sizeHint().height())

    def value(self) -> IndicatorDraft:
        return IndicatorDraft(
            name=self.name.text().strip(), unit=self.unit.text().strip(), kind=self.kind.currentData(),
            warn=_number_or_none(self.warn.text()), alert=_number_or_none(self.alert.text()),
            higher_is_worse=bool(self.direction.currentData()), description=self.description.toPlainText().strip(),
            scenarios={k: box.currentData() for k, box in self.links.items() if box.currentData()},
            trend_days=self.trend_days.value())

    def problems(self):
        return check_indicator(self.value(), self.scenario_keys)


class ObservationDialog(_CheckedDialog):
    """Indicator, date, value, qualifier, evidence it comes from, note."""

    def __init__(self, indicators: list[tuple[str, str, str]], evidence: list[tuple[int, str, str]],
                 draft: ObservationDraft | None = None, indicator: str | None = None,
                 parent: QWidget | None = None, today: date | None = None):
        """`indicators`: (key, name, unit); `evidence`: (id, key, short quote), newest first."""
        super().__init__(parent)
        self.setObjectName("observationDialog")
        self.setWindowTitle("Edit figure" if draft and draft.value is not None else "Record a figure")
        self.today = today or date.today()
        draft = draft or ObservationDraft(self.today, None)
        self.indicator = QComboBox()
        self.indicator.setObjectName("observationIndicator")
        for key, name, unit in indicators:
            self.indicator.addItem(f"{name} ({unit})" if unit else name, key)
        if indicator is not None:
            self.indicator.setCurrentIndex(max(self.indicator.findData(indicator), 0))
        # Typed whole, as in the CSV files and on the command line (a sectioned date editor makes the
        # analyst step through year, month and day), or picked from the field's calendar.
        self.at = DateField(draft.observed_at or self.today, today=self.today)
        self.at.setObjectName("observationDate")
        self.at.setToolTip("The day the figure stands for (YYYY-MM-DD), not the day it was reported")
        self.value_edit = QLineEdit("" if draft.value is None else f"{draft.value:g}")
        self.value_edit.setObjectName("observationValue")
        self.value_edit.setPlaceholderText("e.g. 15000")
        self.qualifier = QComboBox()
        self.qualifier.setObjectName("observationQualifier")
        self.qualifier.setEditable(False)  # one of the known qualifiers, as the CLI and CSV files must use
        self.qualifier.addItem("")
        self.qualifier.addItems(QUALIFIERS)
        self.qualifier.setCurrentText(draft.qualifier or "")
        self.evidence = QComboBox()
        self.evidence.setObjectName("observationEvidence")
        self.evidence.addItem("(no evidence item)", None)
        for ev_id, key, quote in evidence:
            self.evidence.addItem(f"{key}  “{quote}”", ev_id)
        self.evidence.setCurrentIndex(max(self.evidence.findData(draft.evidence_id), 0))
        self.note = QLineEdit(draft.note or "")
        self.note.setObjectName("observationNote")
        self.errors = {f: _error_label(f"error_{f}") for f in ("observed_at", "value", "evidence")}
        form = QFormLayout()
        form.addRow("&Indicator", self.indicator)
        form.addRow("&Date", self.at)
        form.addRow("", self.errors["observed_at"])
        form.addRow("&Value", self.value_edit)
        form.addRow("", self.errors["value"])
        form.addRow("&Qualifier", self.qualifier)
        form.addRow("&Evidence", self.evidence)
        form.addRow("", self.errors["evidence"])
        form.addRow("&Note", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.value_edit.textChanged.connect(self.check)
        self.at.textChanged.connect(self.check)
        self._finish(layout)
        self.value_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(520, self.sizeHint().height())

    def indicator_key(self) -> str | None:
        return self.indicator.currentData()

    def _day(self) -> date | None:
        return self.at.day()

    def value(self) -> ObservationDraft:
        number = _number_or_none(self.value_edit.text())
        return ObservationDraft(self._day(), number,
                                self.qualifier.currentText().strip() or None, self.evidence.currentData(),
                                self.note.text().strip() or None)

    def problems(self):
        problems = check_observation(self.value(), self.today)
        if self._day() is None and self.at.text().strip():
            problems = [p for p in problems if p.field != "observed_at"] + [
                Problem("observed_at", self.at.problem())]
        if self.indicator_key() is None:
            problems.append(Problem("value", "There is no indicator to record it in: make one first."))
        return problems
