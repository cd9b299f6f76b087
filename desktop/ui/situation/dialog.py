"""The analyst's situation in the window: File → New situation… and Analysis → Situation and scenarios….

The scenarios dialog edits a copy of the situation (a `SituationSpec`) and writes it on Save as one
undo step. Priors follow desktop.domain.priors as they are typed: giving one scenario a new prior, adding
one or archiving one rescales the others at once, so the table shows before saving what will be saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.domain.priors import PriorError, with_added, with_prior, without
from desktop.services.errors import InputError
from desktop.services.scenario_edits import ScenarioSpec, SituationSpec, checked
from desktop.ui.common.date_field import DateField, parse_day
from desktop.ui.common.theme import error_style, muted_style, themed_style

COLUMNS = ("Key", "Name", "Prior %", "Description", "Prior rationale")
KEY, NAME, PRIOR, DESCRIPTION, RATIONALE = range(5)


def _optional_day(field: DateField, name: str) -> date | None:
    """An empty field is no date; anything else must be one."""
    text = field.text().strip()
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        raise InputError(f"{name}: “{text}” is not a date (YYYY-MM-DD)")
    return day


def _date_field(day: date | None, name: str) -> DateField:
    field = DateField(day, allow_future=True, label=name)
    field.setObjectName(name)
    field.setPlaceholderText("YYYY-MM-DD (optional)")
    return field


class _CheckedDialog(QDialog):
    """A dialog whose OK holds while `value()` refuses what is typed; the refusal shows in `problem`."""

    problem: QLabel

    def value(self):
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.value()
        except InputError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()


class NewSituationDialog(_CheckedDialog):
    """Title, question, opened and horizon of a new situation (its scenarios are added next)."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("newSituationDialog")
        self.setWindowTitle("New situation")
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.question = QPlainTextEdit()
        self.question.setObjectName("question")
        self.question.setPlaceholderText("The one question the scenarios answer, with its time window")
        self.question.setFixedHeight(70)
        self.opened = _date_field(today or date.today(), "opened")
        self.horizon = _date_field(None, "horizon")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        themed_style(self.problem, error_style(""))
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Question", self.question)
        form.addRow("&Opened", self.opened)
        form.addRow("&Horizon", self.horizon)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def value(self) -> SituationSpec:
        return checked(SituationSpec(title=self.title.text(), question=self.question.toPlainText(),
                                     opened_at=_optional_day(self.opened, "opened"),
                                     horizon=_optional_day(self.horizon, "horizon")))



class SituationDialog(_CheckedDialog):
    """Question, dates and scenarios of the situation in view; `value()` is the spec Save writes."""

    def __init__(self, spec: SituationSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("situationDialog")
        self.setWindowTitle("Situation and scenarios")
        self.resize(900, 560)
        self.original = spec
        self.archived = [s for s in spec.scenarios if s.archived]     # kept as they are, after the live ones
        self._filling = False

        self.title = QLineEdit(spec.title)
        self.title.setObjectName("title")
        self.question = QPlainTextEdit(spec.question)
        self.question.setObjectName("question")
        self.question.setFixedHeight(60)
        self.opened = _date_field(spec.opened_at, "opened")
        self.horizon = _date_field(spec.horizon, "horizon")
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Opened"))
        dates.addWidget(self.opened)
        dates.addSpacing(16)
        dates.addWidget(QLabel("Horizon"))
        dates.addWidget(self.horizon)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Question", self.question)
        form.addRow("Window", dates)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("scenarioTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RATIONALE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._cell_changed)

        self.new_key = QLineEdit()
        self.new_key.setObjectName("newKey")
        self.new_key.setPlaceholderText("key, e.g. ceasefire")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newName")
        self.new_name.setPlaceholderText("name")
        self.new_prior = QDoubleSpinBox()
        self.new_prior.setObjectName("newPrior")
        self.new_prior.setRange(0.1, 100.0)
        self.new_prior.setDecimals(1)
        self.new_prior.setSuffix(" %")
        self.new_prior.setValue(20.0)
        self.add_button = QPushButton("&Add scenario")
        self.add_button.setObjectName("addScenario")
        self.add_button.clicked.connect(self.add_scenario)
        adding = QHBoxLayout()
        adding.addWidget(self.new_key)
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.new_prior)
        adding.addWidget(self.add_button)

        self.up_button = QPushButton("Move &up")
        self.up_button.setObjectName("moveUp")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move &down")
        self.down_button.setObjectName("moveDown")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.archive_button = QPushButton("Arc&hive")
        self.archive_button.setObjectName("archiveScenario")
        self.archive_button.setToolTip("Retire the selected scenario: it leaves the model, its ratings are kept")
        self.archive_button.clicked.connect(self.archive_selected)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.up_button)
        row_buttons.addWidget(self.down_button)
        row_buttons.addWidget(self.archive_button)
        row_buttons.addStretch(1)

        self.priors_note = QLabel()
        self.priors_note.setObjectName("priorsNote")
        self.priors_note.setWordWrap(True)
        themed_style(self.priors_note, muted_style(""))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        themed_style(self.problem, error_style(""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        heading = QLabel("<b>Scenarios</b> (mutually exclusive and exhaustive: their priors always sum to 100 %; "
                         "a new prior rescales the others)")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(adding)
        layout.addWidget(self.priors_note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._fill([s for s in spec.scenarios if not s.archived])

    # --- the table ------------------------------------------------------------------------------

    def _fill(self, live: list[ScenarioSpec], select: int | None = None) -> None:
        self._filling = True
        self.table.setRowCount(len(live))
        for row, s in enumerate(live):
            key = QTableWidgetItem(s.key)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)    # bundles and the CLI name it by its key
            self.table.setItem(row, KEY, key)
            self.table.setItem(row, NAME, QTableWidgetItem(s.name))
            prior = QTableWidgetItem(f"{s.prior * 100:.1f}")
            prior.setData(Qt.ItemDataRole.UserRole, s.prior)             # the exact figure behind the rounded text
            prior.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, PRIOR, prior)
            self.table.setItem(row, DESCRIPTION, QTableWidgetItem(s.description))
            self.table.setItem(row, RATIONALE, QTableWidgetItem(s.prior_rationale))
        self.table.resizeColumnToContents(KEY)
        self.table.resizeColumnToContents(NAME)
        self._filling = False
        if select is not None and 0 <= select < len(live):
            self.table.selectRow(select)
        self._show_sum()

    def live(self) -> list[ScenarioSpec]:
        """The scenarios not archived, as the table shows them."""
        out = []
        for row in range(self.table.rowCount()):
            text = lambda col: self.table.item(row, col).text()   # noqa: E731
            out.append(ScenarioSpec(text(KEY), text(NAME).strip(), float(self.table.item(row, PRIOR).data(
                Qt.ItemDataRole.UserRole)), text(DESCRIPTION).strip(), text(RATIONALE).strip()))
        return out

    def priors(self) -> dict[str, float]:
        return {s.key: s.prior for s in self.live()}

    def _with_priors(self, priors: dict[str, float], extra: ScenarioSpec | None = None) -> list[ScenarioSpec]:
        live = self.live() + ([extra] if extra else [])
        return [replace(s, prior=priors[s.key]) for s in live if s.key in priors]

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != PRIOR:
            return
        key = self.table.item(item.row(), KEY).text()
        try:
            typed = float(item.text().replace("%", "").replace(",", ".").strip()) / 100
            priors = with_prior(self.priors(), key, typed)
        except (ValueError, PriorError) as exc:
            self.problem.setText(str(exc) if isinstance(exc, PriorError) else
                                 f"prior: “{item.text()}” is not a percentage")
            self._fill(self.live(), item.row())
            return
        self.problem.clear()
        self._fill(self._with_priors(priors), item.row())
        self._say_rescaled(key)

    def add_scenario(self) -> bool:
        key, name = self.new_key.text().strip(), self.new_name.text().strip()
        try:
            if not name:
                raise InputError("name: the new scenario needs a name")
            if any(s.key == key for s in self.archived):
                raise InputError(f"key: {key} is an archived scenario's key")
            priors = with_added(self.priors(), key, self.new_prior.value() / 100)
            live = self._with_priors(priors, ScenarioSpec(key, name, priors.get(key, 1.0)))
            checked(SituationSpec("check", scenarios=tuple(live)))      # key form and uniqueness
        except (InputError, PriorError) as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.clear()
        self._fill(live, len(live) - 1)
        self._say_rescaled(key)
        self.new_key.clear()
        self.new_name.clear()
        return True

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        live = self.live()
        if row is None or not 0 <= row + step < len(live):
            return
        live[row], live[row + step] = live[row + step], live[row]
        self._fill(live, row + step)

    def archive_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            self.problem.setText("Select the scenario to archive first.")
            return False
        live = self.live()
        gone = live[row]
        try:
            priors = without(self.priors(), gone.key)
        except PriorError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.clear()
        self.archived.append(replace(gone, archived=True))
        self._fill(self._with_priors(priors), min(row, len(live) - 2))
        self.priors_note.setText(f"{gone.name} will be archived (its ratings are kept); the others now share "
                                 f"100 %: " + self._priors_text())
        return True

    def _priors_text(self) -> str:
        return ", ".join(f"{s.name} {s.prior * 100:.1f} %" for s in self.live())

    def _say_rescaled(self, key: str) -> None:
        self.priors_note.setText(f"Priors after saving (the others rescaled to keep their proportions): "
                                 f"{self._priors_text()}")

    def _show_sum(self) -> None:
        if not self.priors_note.text():
            self.priors_note.setText(f"Priors: {self._priors_text()}" if self.table.rowCount() else
                                     "No scenarios yet: add the first (it gets 100 %).")

    # --- saving ---------------------------------------------------------------------------------

    def value(self) -> SituationSpec:
        return checked(SituationSpec(
            title=self.title.text(), question=self.question.toPlainText(),
            opened_at=_optional_day(self.opened, "opened"), horizon=_optional_day(self.horizon, "horizon"),
            scenarios=tuple(self.live()) + tuple(self.archived), description=self.original.description))

