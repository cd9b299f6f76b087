"""Recording the analyst's own probability for every scenario, kept summing to 100 %."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QPlainTextEdit,
    QVBoxLayout, QWidget,
)

from desktop.domain.judgements import balance, check_judgement
from desktop.services import judgements as judgement_service
from desktop.ui.commands import ServiceCommand
from desktop.ui.common.theme import error_style, muted_style, themed_style



class JudgementDialog(QDialog):
    """`scenarios`: (key, name, model probability). `previous`: the last round's probabilities or None."""

    def __init__(self, scenarios: list[tuple[str, str, float]], previous: dict[str, float] | None,
                 basis: list[str], analyst: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("judgementDialog")
        self.setWindowTitle("Record your judgement")
        self.keys = [k for k, _, _ in scenarios]
        self.reference = previous or {k: p for k, _, p in scenarios}
        self._balancing = False
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Scenario</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Model</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Your last</b>"), 0, 2)
        grid.addWidget(QLabel("<b>You now</b>"), 0, 3)
        self.spins: dict[str, QDoubleSpinBox] = {}
        start = previous or {k: p for k, _, p in scenarios}
        for row, (key, name, model) in enumerate(scenarios, start=1):
            spin = QDoubleSpinBox()
            spin.setObjectName(f"judgement_{key}")
            spin.setRange(0.0, 100.0)
            spin.setDecimals(1)
            spin.setSingleStep(1.0)
            spin.setSuffix(" %")
            spin.setValue(round(start[key] * 100, 1))
            spin.valueChanged.connect(lambda _v, k=key: self._rebalance(k))
            self.spins[key] = spin
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(QLabel(f"{model:.0%}"), row, 1)
            grid.addWidget(QLabel(f"{previous[key]:.0%}" if previous and key in previous else "—"), row, 2)
            grid.addWidget(spin, row, 3)
        self.total = QLabel()
        self.total.setObjectName("total")
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
        form.addRow("Rationale", self.rationale)
        form.addRow("Analyst", self.analyst)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._save_if_valid)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.total)
        layout.addLayout(form)
        layout.addWidget(self.basis)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._validate()

    def _rebalance(self, changed: str) -> None:
        """The others share what is left in their current proportions, so the round stays at 100 %."""
        if self._balancing:
            return
        self._balancing = True
        values = balance({k: s.value() / 100 for k, s in self.spins.items()}, changed)
        for key, spin in self.spins.items():
            if key != changed:
                spin.setValue(round(values[key] * 100, 1))
        # rounding to 0.1 may leave a tenth over or under: give it to the largest other scenario
        drift = 100.0 - sum(s.value() for s in self.spins.values())
        others = [k for k in self.spins if k != changed]
        if others and abs(drift) >= 0.05:
            biggest = max(others, key=lambda k: self.spins[k].value())
            self.spins[biggest].setValue(self.spins[biggest].value() + drift)
        self._balancing = False
        self._validate()

    def value(self) -> dict[str, float]:
        return {k: s.value() / 100 for k, s in self.spins.items()}

    def _validate(self) -> None:
        total = sum(s.value() for s in self.spins.values())
        self.total.setText(f"Total {total:.1f} %")
        problems = check_judgement(self.value(), self.keys, self.reference, self.rationale.toPlainText())
        self.problems.setText("\n".join(p.message for p in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)

    def _save_if_valid(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled():
            self.accept()


class RecordJudgementCommand(ServiceCommand):
    """A judgement round; undo deletes it, redo records it again at the same moment."""

    def __init__(self, database, situation_id: int, probabilities: dict[str, float], rationale: str,
                 analyst: str, on_change=None):
        super().__init__(database, "Record judgement", on_change)
        self.situation_id = situation_id
        self.probabilities, self.rationale, self.analyst = probabilities, rationale, analyst
        self.made_at = None
        self.ids: tuple[int, ...] = ()

    def apply(self) -> None:
        done = judgement_service.record_judgement(self.database, self.situation_id, self.probabilities,
                                                  self.rationale, self.analyst, self.made_at)
        self.made_at, self.ids = done.made_at, done.judgement_ids

    def revert(self) -> None:
        judgement_service.delete_judgement_round(self.database, self.ids)
