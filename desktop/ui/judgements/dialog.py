"""Recording the analyst's own probability for every scenario: typed figures stay as typed.

The dialog shows the sum as figures are typed and keeps Save disabled, saying why, until it is
100 % (± 0.05 points). It never changes a figure the analyst typed (it once rebalanced the others
on every keystroke, so 10/70/20 became 12.9/67.1/20.0); "Spread the rest" shares what is left, or
what is over, among the scenarios not typed yet, in proportion to their current figures (see
`desktop.domain.judgements.spread_rest`). The round has a stated date (default: the As-of date,
else today; never after today) and is stamped with the moment it is entered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.domain.judgements import UNITS, check_judgement, rounded_round, spread_rest
from desktop.services import judgements as judgement_service
from desktop.ui.commands import ServiceCommand
from desktop.ui.common.date_field import DateField
from desktop.ui.common.theme import colours, error_style, muted_style, themed_style

SUM_OK_STYLE = lambda c: f"color: {c.status_text['green']}; font-weight: 600;"  # noqa: E731
SUM_OFF_STYLE = error_style("font-weight: 600;")


def _points(tenths: int) -> str:
    """Tenths of a point as the analyst reads them: 100, 99.9, 0.5."""
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def sum_text(tenths: int) -> str:
    """"Sum: 100 %", "Sum: 90 % — 10 points left" or "Sum: 110 % — 10 points over"."""
    gap = UNITS - tenths
    if gap == 0:
        return "Sum: 100 %"
    unit = "point" if abs(gap) == 10 else "points"
    return f"Sum: {_points(tenths)} % — {_points(abs(gap))} {unit} {'left' if gap > 0 else 'over'}"


class JudgementDialog(QDialog):
    """`scenarios`: (key, name, model probability). `previous`: the last round's probabilities or None.
    `as_of`: the window's As-of date, the default stated date (else today); `today` is for tests."""

    def __init__(self, scenarios: list[tuple[str, str, float]], previous: dict[str, float] | None,
                 basis: list[str], analyst: str, parent: QWidget | None = None, as_of: date | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.setObjectName("judgementDialog")
        self.setWindowTitle("Record your judgement")
        self.keys = [k for k, _, _ in scenarios]
        self.reference = previous or {k: p for k, _, p in scenarios}
        self.typed: set[str] = set()     # the figures the analyst typed (or stepped) in this dialog
        self._spreading = False
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Scenario</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Model</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Your last</b>"), 0, 2)
        grid.addWidget(QLabel("<b>You now</b>"), 0, 3)
        self.spins: dict[str, QDoubleSpinBox] = {}
        start = rounded_round({k: (previous or {}).get(k, p) for k, _, p in scenarios}) if scenarios else {}
        for row, (key, name, model) in enumerate(scenarios, start=1):
            spin = QDoubleSpinBox()
            spin.setObjectName(f"judgement_{key}")
            spin.setRange(0.0, 100.0)
            spin.setDecimals(1)
            spin.setSingleStep(1.0)
            spin.setSuffix(" %")
            spin.setValue(start[key] * 100)
            spin.valueChanged.connect(lambda _v, k=key: self._typed(k))
            self.spins[key] = spin
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(QLabel(f"{model:.0%}"), row, 1)
            grid.addWidget(QLabel(f"{previous[key]:.0%}" if previous and key in previous else "—"), row, 2)
            grid.addWidget(spin, row, 3)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.spread = QPushButton("S&pread the rest")
        self.spread.setObjectName("spreadRest")
        self.spread.setToolTip("Share what is left to 100 % (or what is over) among the scenarios you have not "
                               "typed, in proportion to their figures. Your typed figures stay as they are "
                               "(all share it once you have typed every one).")
        self.spread.setAutoDefault(False)
        self.spread.clicked.connect(self.spread_rest)
        sum_row = QHBoxLayout()
        sum_row.addWidget(self.total, 1)
        sum_row.addWidget(self.spread)
        self.stated = DateField(as_of or today or date.today(), today=today, label="Stated date")
        self.stated.setObjectName("statedOn")
        self.stated.setToolTip("The day your judgement speaks for: back-date it if you formed it earlier. "
                               "It is also stamped with the moment you save it, which scoring uses.")
        self.stated.textChanged.connect(self._validate)
        stated_note = QLabel("entered now")
        themed_style(stated_note, muted_style())
        stated_row = QHBoxLayout()
        stated_row.addWidget(self.stated)
        stated_row.addWidget(stated_note, 1)
        self.rationale = QPlainTextEdit()
        self.rationale.setObjectName("rationale")
        self.rationale.setPlaceholderText("Why you judge it so: what the model misses, what you weigh differently…")
        self.rationale.setFixedHeight(90)
        self.rationale.textChanged.connect(self._validate)
        self.analyst = QLineEdit(analyst)
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        themed_style(self.problems, error_style())
        self.problems.setWordWrap(True)
        basis_text = (f"Rests on the {len(basis)} items logged since your last judgement: {', '.join(basis[:20])}"
                      f"{'…' if len(basis) > 20 else ''}" if basis else "No evidence logged since your last judgement.")
        self.basis = QLabel(basis_text)
        self.basis.setWordWrap(True)
        themed_style(self.basis, muted_style())
        form = QFormLayout()
        stated_label = QLabel("&Stated date")
        stated_label.setBuddy(self.stated)     # Alt+S; a row of a layout gets no buddy by itself
        form.addRow(stated_label, stated_row)
        form.addRow("Rationale", self.rationale)
        form.addRow("Analyst", self.analyst)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save_if_valid)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._save_if_valid)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(sum_row)
        layout.addLayout(form)
        layout.addWidget(self.basis)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._validate()

    def _typed(self, key: str) -> None:
        if not self._spreading:
            self.typed.add(key)
        self._validate()

    def spread_rest(self) -> None:
        """Share what is left (or over) among the figures not typed; a typed figure is left alone."""
        spread = spread_rest(self.value(), self.typed)
        self._spreading = True
        try:
            for key, spin in self.spins.items():
                spin.setValue(spread[key] * 100)
        finally:
            self._spreading = False
        self._validate()

    def value(self) -> dict[str, float]:
        return {k: s.value() / 100 for k, s in self.spins.items()}

    def stated_on(self) -> date | None:
        """The stated date as typed (None when it is not a date; Save is disabled then)."""
        return self.stated.day()

    def _tenths(self) -> dict[str, int]:
        return {k: round(s.value() * 10) for k, s in self.spins.items()}

    def _validate(self) -> None:
        tenths = self._tenths()
        total = sum(tenths.values())
        self.total.setText(sum_text(total))
        self.total.setStyleSheet((SUM_OK_STYLE if total == UNITS else SUM_OFF_STYLE)(colours()))
        spread = {k: round(p * UNITS) for k, p in spread_rest(self.value(), self.typed).items()}
        self.spread.setEnabled(spread != tenths)
        messages = [self.stated.problem()] if self.stated.problem() else []
        messages += [p.message for p in check_judgement(self.value(), self.keys, self.reference,
                                                        self.rationale.toPlainText())]
        self.problems.setText("\n".join(messages))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not messages)
        save.setToolTip(messages[0] if messages else "")

    def _save_if_valid(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled():
            self.accept()


class RecordJudgementCommand(ServiceCommand):
    """A judgement round; undo deletes it, redo records it again at the same moment and stated date.
    `stated_on` None: the day it is entered."""

    def __init__(self, database, situation_id: int, probabilities: dict[str, float], rationale: str,
                 analyst: str, on_change=None, stated_on: date | None = None):
        super().__init__(database, "Record judgement", on_change)
        self.situation_id = situation_id
        self.probabilities, self.rationale, self.analyst = probabilities, rationale, analyst
        self.made_at = None
        self.stated_on = stated_on
        self.ids: tuple[int, ...] = ()

    def apply(self) -> None:
        done = judgement_service.record_judgement(self.database, self.situation_id, self.probabilities,
                                                  self.rationale, self.analyst, self.made_at, self.stated_on)
        self.made_at, self.stated_on, self.ids = done.made_at, done.stated_on, done.judgement_ids

    def revert(self) -> None:
        judgement_service.delete_judgement_round(self.database, self.ids)
