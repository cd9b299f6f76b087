"""The evidence dialog: quote, source, date, grade and a rating per scenario, checked as the analyst types.

The dialog only collects an `EvidenceDraft`; it never writes evidence. After `exec()`
returns Accepted the caller pushes an AddEvidenceCommand / EditEvidenceCommand on the
window's undo stack — `log_evidence_interactively` and `edit_evidence_interactively`
do exactly that. The one write the dialog makes itself is the inline "New source…",
pushed as an AddSourceCommand on the same undo stack, so it can be undone like any action.

Validation is `desktop.domain.evidence_rules.check_evidence`, run on every change; each
problem is shown in red under its field and Save stays disabled while there are any.

Keyboard: Ctrl+Enter (or Ctrl+Return) saves from anywhere. A scenario's rating row takes
the focus (Tab to it, Alt+R for the first one, or click it); there 1–5 rate CC, C, N, I, II,
0 rates NA and focus moves on to the next scenario (after the last, to Save);
Delete/Backspace clears the row and Up/Down move between rows. Digits typed in text fields,
the date or the combo boxes stay with those fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from desktop.domain.day_rules import default_reported
from desktop.domain.evidence_rules import (
    QUOTE_NOT_IN_SOURCE, EvidenceDraft, Problem, check_evidence, duplicate_problem,
)
from desktop.domain.grading import (
    CREDIBILITY_LABELS, RATINGS, RELEVANCE_WEIGHTS, RELIABILITY_LABELS, admiralty_code,
)
from desktop.domain.rating_rule import rating_line, rating_scale_text
from desktop.services.errors import NotFound
from desktop.services.evidence import duplicate_of, evidence_draft, group_names
from desktop.services.grouping import GroupProposal, propose_group
from desktop.services.sources import NewSource, SourceDocument, SourceSummary, get_source, list_sources
from desktop.ui.commands import AddEvidenceCommand, AddSourceCommand, EditEvidenceCommand, push_guarded
from desktop.ui.common.date_field import DateField
from desktop.ui.common.theme import error_style, muted_style, themed_style

NO_SOURCE = "(no source)"

# Rating keys: 1–5 walk the scale from very consistent to very inconsistent, 0 is "not applicable".
RATING_KEYS: dict[int, str] = {
    Qt.Key.Key_1: "CC", Qt.Key.Key_2: "C", Qt.Key.Key_3: "N", Qt.Key.Key_4: "I", Qt.Key.Key_5: "II",
    Qt.Key.Key_0: "NA",
}
_KEY_OF_RATING = {"CC": "1", "C": "2", "N": "3", "I": "4", "II": "5", "NA": "0"}
RATING_HINT = ("Ratings: click a button, or Tab to a scenario's row (Alt+R: the first) and press "
               "1 CC · 2 C · 3 N · 4 I · 5 II · 0 NA — the next scenario follows. "
               "Delete clears a row. Ctrl+Enter saves.")
RELEVANCES: tuple[str, ...] = tuple(RELEVANCE_WEIGHTS)   # high, medium, low
PROPOSAL_DELAY_MS = 300   # typing pauses this long before the grouping proposal is looked up


def _error_label(field: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"error:{field}")
    label.setWordWrap(True)
    themed_style(label, error_style())
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _with_error(field_widget: QWidget | QHBoxLayout, error: QWidget) -> QWidget:
    """A form cell: the field with its error message directly beneath it."""
    cell = QWidget()
    box = QVBoxLayout(cell)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(field_widget, QHBoxLayout):
        box.addLayout(field_widget)
    else:
        box.addWidget(field_widget)
    box.addWidget(error)
    return cell


# --- one scenario's rating row ---------------------------------------------------------------

class RatingRow(QFrame):
    """Six checkable buttons CC C N I II NA for one scenario: at most one checked, none allowed."""

    changed = Signal()
    move_focus = Signal(object, int)   # (this row, +1 next / -1 previous)

    def __init__(self, key: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key, self.name = key, name
        self.setObjectName(f"rating:{key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(f"{name}: press 1–5 or 0 to rate\n\n{rating_scale_text()}")
        themed_style(self, lambda c: (
            "RatingRow { border: 1px solid transparent; border-radius: 4px; }"
            f"RatingRow:focus {{ border: 1px solid {c.focus_border}; background: {c.focus_bg}; }}"))
        self.label = QLabel(name)
        self.label.setObjectName("ratingName")
        self.label.setMinimumWidth(200)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)   # exclusive by hand below, so that no rating at all is allowed
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(4)
        layout.addWidget(self.label, 1)
        for value in RATINGS:
            b = QToolButton()
            b.setObjectName(f"rating:{key}:{value}")
            b.setText(value)
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumWidth(40)
            b.setToolTip(f"{rating_line(value)} (key {_KEY_OF_RATING[value]})")
            themed_style(b, lambda c, value=value: (
                f"QToolButton:checked {{ background: {c.rating_fill[value]}; color: {c.rating_text[value]};"
                f" border: 2px solid {c.window_text}; font-weight: bold; border-radius: 3px; }}"))
            self.group.addButton(b)
            self.buttons[value] = b
            layout.addWidget(b)
        self.group.buttonClicked.connect(self._clicked)

    def value(self) -> str | None:
        for value, b in self.buttons.items():
            if b.isChecked():
                return value
        return None

    def set_value(self, value: str | None) -> None:
        if value is not None and value not in self.buttons:
            raise ValueError(f"unknown rating {value!r}")
        if value == self.value():
            return
        for v, b in self.buttons.items():
            b.setChecked(v == value)
        self.changed.emit()

    def _clicked(self, button: QAbstractButton) -> None:
        if button.isChecked():
            for b in self.buttons.values():
                if b is not button:
                    b.setChecked(False)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if mods == Qt.KeyboardModifier.NoModifier and key in RATING_KEYS:
            self.set_value(RATING_KEYS[key])
            self.move_focus.emit(self, 1)
        elif mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        elif mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_focus.emit(self, 1 if key == Qt.Key.Key_Down else -1)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


# --- the inline "New source…" form -------------------------------------------------------------

class NewSourceDialog(QDialog):
    """A small form for a source; `value()` is the NewSource to add. Title required, date not after today."""

    def __init__(self, parent: QWidget | None = None, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("newSourceDialog")
        self.setWindowTitle("New source")
        self._today = today
        self.title = QLineEdit()
        self.title.setObjectName("sourceTitle")
        self.title.setPlaceholderText("Headline or document title")
        self.outlet = QLineEdit()
        self.outlet.setObjectName("sourceOutlet")
        self.url = QLineEdit()
        self.url.setObjectName("sourceUrl")
        self.url.setPlaceholderText("https://…")
        self.has_date = QCheckBox("Known")
        self.has_date.setObjectName("sourceHasDate")
        self.has_date.setChecked(True)
        self.published = DateField(today(), today=today)
        self.published.setObjectName("sourcePublished")
        self.has_date.toggled.connect(self.published.setEnabled)
        self.reliability = QComboBox()
        self.reliability.setObjectName("sourceReliability")
        for grade, label in RELIABILITY_LABELS.items():
            self.reliability.addItem(f"{grade} — {label}", grade)
        self.reliability.setCurrentIndex(self.reliability.findData("F"))
        self.reliability_note = QLineEdit()
        self.reliability_note.setObjectName("sourceReliabilityNote")
        self.reliability_note.setPlaceholderText("Why this grade (optional)")
        self.text = QPlainTextEdit()
        self.text.setObjectName("sourceText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Paste the full text (optional): quotes are then checked against it")
        self.refusal = _error_label("refusal")
        self.errors = {"title": _error_label("title"), "published_at": _error_label("published_at")}

        form = QFormLayout()
        form.addRow("&Title", _with_error(self.title, self.errors["title"]))
        form.addRow("&Outlet", self.outlet)
        form.addRow("&URL", self.url)
        when = QHBoxLayout()
        when.addWidget(self.published)
        when.addWidget(self.has_date)
        when.addStretch(1)
        form.addRow("&Published", _with_error(when, self.errors["published_at"]))
        form.addRow("&Reliability", self.reliability)
        form.addRow("&Note", self.reliability_note)
        form.addRow("Te&xt", self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add source")
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for w in (self.title, self.published):
            w.textChanged.connect(self._validate)
        self.has_date.toggled.connect(self._validate)
        self.resize(560, 420)
        self._validate()

    def value(self) -> NewSource:
        return NewSource(
            title=self.title.text().strip(), outlet=self.outlet.text().strip() or None,
            url=self.url.text().strip() or None,
            published_at=self.published.day() if self.has_date.isChecked() else None,
            reliability=self.reliability.currentData(),
            reliability_note=self.reliability_note.text().strip() or None, text=self.text.toPlainText())

    def problems(self) -> list[Problem]:
        new = self.value()
        out = []
        if not new.title:
            out.append(Problem("title", "A source needs a title."))
        if self.has_date.isChecked() and self.published.problem():
            out.append(Problem("published_at", self.published.problem()))   # not a date, or after today
        return out

    def show_refusal(self, exc: BaseException) -> None:
        self.refusal.setText(f"Not added: {exc}")
        self.refusal.show()

    def _validate(self, *_args) -> None:
        problems = self.problems()
        for field, label in self.errors.items():
            text = "\n".join(p.message for p in problems if p.field == field)
            label.setText(text)
            label.setVisible(bool(text))
        self.ok_button.setEnabled(not problems)

    def _accept_if_valid(self) -> None:
        if not self.problems():
            self.accept()


def add_source_interactively(parent: QWidget | None, database, situation_id: int, undo_stack,
                             on_change: Callable[[], None] | None = None) -> SourceSummary | None:
    """Run the New source form and push an AddSourceCommand; the new source, or None if cancelled."""
    form = NewSourceDialog(parent)
    try:
        while form.exec() == QDialog.DialogCode.Accepted:
            command = AddSourceCommand(database, situation_id, form.value(), on_change)
            refusal = push_guarded(undo_stack, command)
            if refusal is None:
                return command.added
            form.show_refusal(refusal)   # e.g. the same text is already a source: say so, keep the form
        return None
    finally:
        form.deleteLater()


# --- the evidence dialog ---------------------------------------------------------------------

class EvidenceDialog(QDialog):
    """Collects one evidence item; `value()` after `exec()` is the draft to log or apply."""

    def __init__(self, database, situation_id: int, scenarios: list[tuple[str, str]], undo_stack,
                 parent: QWidget | None = None, draft: EvidenceDraft | None = None, title: str = "Log evidence",
                 on_change: Callable[[], None] | None = None, evidence_id: int | None = None):
        super().__init__(parent)
        self.setObjectName("evidenceDialog")
        self.setWindowTitle(title)
        self.database, self.situation_id = database, situation_id
        self.scenarios = list(scenarios)
        self.scenario_keys = [k for k, _ in self.scenarios]
        self.undo_stack = undo_stack
        self.on_change = on_change         # the window's refresh, run by commands pushed from here
        self.evidence_id = evidence_id     # the item being edited (None: a new one)
        self.problems: list[Problem] = []
        self._prefill = draft
        self._prefill_shown: str | None = None   # the prefilled quote as the editor shows it
        self._documents: dict[int, SourceDocument | None] = {}
        self._summaries: dict[int, SourceSummary] = {}
        self._date_touched = False
        self._setting_date = False
        self._reported_touched = False
        # The grouping proposal reads the fact index: once typing pauses, not at every keystroke.
        self.proposal: GroupProposal | None = None
        self._proposal_checked: tuple | None = None     # (quote, source, day) the shown proposal is for
        self._proposal_timer = QTimer(self)
        self._proposal_timer.setSingleShot(True)
        self._proposal_timer.setInterval(PROPOSAL_DELAY_MS)
        self._proposal_timer.timeout.connect(self.check_proposal)
        self._build()
        self._reload_sources()
        self._fill_groups()
        if draft is not None:
            self._apply(draft)
        else:
            self._source_changed()
        # Undo/redo anywhere (e.g. of the inline New source) changes the source list under us; once
        # the dialog is closed it no longer listens (a closed dialog re-reading sources at each undo,
        # or a deleted one being called, was the cost of staying connected).
        self._listening = False
        self._join_undo_stack()
        self.finished.connect(self._leave_undo_stack)
        self._validate()

    # --- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.refusal = _error_label("refusal")
        self.errors: dict[str, QLabel] = {
            f: _error_label(f) for f in ("quote", "summary", "source", "observed_at", "reported_at", "credibility",
                                         "relevance", "group", "tags", "ratings", "other")}

        self.quote = QPlainTextEdit()
        self.quote.setObjectName("quote")
        self.quote.setTabChangesFocus(True)
        self.quote.setPlaceholderText("The exact words from the source (or a paraphrase)")
        self.quote.setMinimumHeight(72)
        self.quote.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.paraphrase = QCheckBox("&Paraphrase, not the source's exact words")
        self.paraphrase.setObjectName("paraphrase")
        self.paraphrase_button = QPushButton("Save as paraphrase")
        self.paraphrase_button.setObjectName("saveAsParaphrase")
        self.paraphrase_button.setAutoDefault(False)
        self.paraphrase_button.setToolTip("Keep the wording, mark it as a paraphrase, and save")
        self.paraphrase_button.hide()
        self.paraphrase_button.clicked.connect(self.save_as_paraphrase)
        quote_error = QWidget()
        qe = QHBoxLayout(quote_error)
        qe.setContentsMargins(0, 0, 0, 0)
        qe.addWidget(self.errors["quote"], 1)
        qe.addWidget(self.paraphrase_button, 0, Qt.AlignmentFlag.AlignTop)
        self.proposal_box = QFrame()
        self.proposal_box.setObjectName("groupProposalBox")
        themed_style(self.proposal_box, lambda c: (
            f"QFrame#groupProposalBox {{ background: {c.info_bg}; border: 1px solid {c.info_border};"
            f" border-radius: 4px; }} QFrame#groupProposalBox QLabel {{ color: {c.info_text}; background:"
            f" transparent; border: none; }}"))
        self.proposal_label = QLabel()
        self.proposal_label.setObjectName("groupProposal")
        self.proposal_label.setWordWrap(True)
        self.group_with = QCheckBox()
        self.group_with.setObjectName("groupWithEarlier")
        self.group_with.setToolTip("Items reporting one fact share a group and count once in the probabilities")
        self.group_with.toggled.connect(self._group_with_toggled)
        pb = QHBoxLayout(self.proposal_box)
        pb.setContentsMargins(6, 3, 6, 3)
        pb.addWidget(self.proposal_label, 1)
        pb.addWidget(self.group_with, 0)
        self.proposal_box.hide()
        quote_cell = QWidget()
        qc = QVBoxLayout(quote_cell)
        qc.setContentsMargins(0, 0, 0, 0)
        qc.setSpacing(2)
        qc.addWidget(self.quote)
        qc.addWidget(self.paraphrase)
        qc.addWidget(quote_error)
        qc.addWidget(self.proposal_box)

        self.summary = QLineEdit()
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText("What it tells you, in a line (optional)")

        self.source = QComboBox()
        self.source.setObjectName("source")
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(40)
        self.source.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.new_source_button = QPushButton("&New source…")
        self.new_source_button.setObjectName("newSource")
        self.new_source_button.setAutoDefault(False)
        self.new_source_button.clicked.connect(self.new_source)
        src = QHBoxLayout()
        src.addWidget(self.source, 1)
        src.addWidget(self.new_source_button)

        self.observed = DateField(date.today())
        self.observed.setObjectName("observedAt")
        self.date_hint = QLabel()
        self.date_hint.setObjectName("dateHint")
        themed_style(self.date_hint, muted_style())
        # When it became known: as of an earlier day it does not count (design §4). It follows its default
        # (the source's date, else the observed day) until the analyst sets it.
        self.reported = DateField(date.today(), label="Reported")
        self.reported.setObjectName("reportedAt")
        self.reported.setToolTip("When it became known: replays as of an earlier day leave it out")
        reported_label = QLabel("Reporte&d")
        reported_label.setBuddy(self.reported)
        when = QHBoxLayout()
        when.addWidget(self.observed)
        when.addSpacing(12)
        when.addWidget(reported_label)
        when.addWidget(self.reported)
        when.addWidget(self.date_hint, 1)
        when_errors = QVBoxLayout()
        when_errors.setSpacing(0)
        when_errors.addWidget(self.errors["observed_at"])
        when_errors.addWidget(self.errors["reported_at"])
        when_error_cell = QWidget()
        when_error_cell.setLayout(when_errors)
        when_errors.setContentsMargins(0, 0, 0, 0)

        self.credibility = QComboBox()
        self.credibility.setObjectName("credibility")
        for grade, label in CREDIBILITY_LABELS.items():
            self.credibility.addItem(f"{grade} — {label}", grade)
        self.credibility.setCurrentIndex(self.credibility.findData(6))
        self.grade = QLabel()
        self.grade.setObjectName("grade")
        themed_style(self.grade, muted_style())
        cred = QHBoxLayout()
        cred.addWidget(self.credibility)
        cred.addWidget(self.grade, 1)

        self.relevance = QComboBox()
        self.relevance.setObjectName("relevance")
        for r in RELEVANCES:
            self.relevance.addItem(r, r)
        self.relevance.setCurrentIndex(self.relevance.findData("medium"))

        self.group = QComboBox()
        self.group.setObjectName("group")
        self.group.setEditable(True)
        self.group.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group.lineEdit().setPlaceholderText("Items reporting the same fact share a group (optional)")

        self.tags = QLineEdit()
        self.tags.setObjectName("tags")
        self.tags.setPlaceholderText("military, diplomacy, … (comma-separated)")

        self.rating_rows: dict[str, RatingRow] = {}
        ratings_cell = QWidget()
        rc = QVBoxLayout(ratings_cell)
        rc.setContentsMargins(0, 0, 0, 0)
        rc.setSpacing(2)
        for key, name in self.scenarios:
            row = RatingRow(key, name)
            row.changed.connect(self._validate)
            row.move_focus.connect(self._move_rating_focus)
            self.rating_rows[key] = row
            rc.addWidget(row)
        if not self.scenarios:
            rc.addWidget(QLabel("This situation has no scenarios to rate against."))
        rc.addWidget(self.errors["ratings"])
        self.rating_hint = QLabel(RATING_HINT)
        self.rating_hint.setObjectName("ratingHint")
        self.rating_hint.setWordWrap(True)
        themed_style(self.rating_hint, muted_style())
        rc.addWidget(self.rating_hint)
        # The dialog is modal, so Help ▸ Rating guide… is out of reach while rating: the guide opens from here too.
        self.guide_link = QLabel('<a href="rating-guide">Rating guide…</a> what CC, C, N, I, II and NA mean, '
                                 'and how to choose')
        self.guide_link.setObjectName("ratingGuideLink")
        self.guide_link.setToolTip(rating_scale_text())
        self.guide_link.linkActivated.connect(self._show_rating_guide)
        rc.addWidget(self.guide_link)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Quote", quote_cell)
        form.addRow("Su&mmary", _with_error(self.summary, self.errors["summary"]))
        form.addRow("So&urce", _with_error(src, self.errors["source"]))
        form.addRow("&Observed", _with_error(when, when_error_cell))
        form.addRow("&Credibility", _with_error(cred, self.errors["credibility"]))
        form.addRow("Re&levance", _with_error(self.relevance, self.errors["relevance"]))
        form.addRow("&Group", _with_error(self.group, self.errors["group"]))
        form.addRow("&Tags", _with_error(self.tags, self.errors["tags"]))
        ratings_label = QLabel("&Ratings")
        ratings_label.setObjectName("ratingsLabel")
        ratings_label.setToolTip(rating_scale_text())
        if self.rating_rows:
            ratings_label.setBuddy(next(iter(self.rating_rows.values())))
        form.addRow(ratings_label, ratings_cell)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip("Save (Ctrl+Enter)")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal)
        layout.addLayout(form, 1)
        layout.addWidget(self.errors["other"])
        layout.addWidget(self.buttons)

        order = [self.quote, self.paraphrase, self.group_with, self.summary, self.source, self.new_source_button, self.observed,
                 self.reported, self.credibility, self.relevance, self.group, self.tags, *self.rating_rows.values(),
                 self.save_button]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)

        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.save)

        self.quote.textChanged.connect(self._validate)
        self.paraphrase.toggled.connect(self._validate)
        self.summary.textChanged.connect(self._validate)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.observed.textChanged.connect(self._date_changed)
        self.reported.textChanged.connect(self._reported_changed)
        self.credibility.currentIndexChanged.connect(self._validate)
        self.relevance.currentIndexChanged.connect(self._validate)
        self.group.editTextChanged.connect(self._validate)
        self.group.editTextChanged.connect(self._group_edited)
        self.tags.textChanged.connect(self._validate)
        self.resize(720, 580)

    # --- reading the form ----------------------------------------------------------------------

    def source_id(self) -> int | None:
        return self.source.currentData()

    def ratings(self) -> dict[str, str]:
        return {k: row.value() for k, row in self.rating_rows.items() if row.value() is not None}

    def value(self) -> EvidenceDraft:
        """The draft as the form stands; a prefilled quote keeps its exact text and offsets while unchanged."""
        shown = self.quote.toPlainText()
        source_id = self.source_id()
        start = end = None
        if self._prefill is not None and self._prefill_shown is not None and shown == self._prefill_shown:
            quote = self._prefill.quote   # the editor turns \r\n and U+2029 into \n; keep the source's own text
            if source_id == self._prefill.source_id:
                start, end = self._prefill.start, self._prefill.end
        else:
            quote = shown.strip()
        group = self.group.currentText().strip() or None
        if self.join_target() is not None and group == self.proposal.group:
            group = None     # the service puts it with the earlier item (and that item in the group, if new)
        return EvidenceDraft(
            quote=quote, observed_at=self.observed.day(), ratings=self.ratings(),
            summary=self.summary.text().strip(), source_id=source_id, credibility=self.credibility.currentData(),
            relevance=self.relevance.currentData(), group=group,
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            paraphrase=self.paraphrase.isChecked(), start=start, end=end, reported_at=self.reported.day())

    def source_document(self, source_id: int | None) -> SourceDocument | None:
        """The source with its text (cached for the dialog's life); None for no source or a deleted one."""
        if source_id is None:
            return None
        if source_id not in self._documents:
            try:
                self._documents[source_id] = get_source(self.database, source_id)
            except NotFound:
                self._documents[source_id] = None
        return self._documents[source_id]

    # --- actions -------------------------------------------------------------------------------

    def join_target(self) -> int | None:
        """The earlier item to group the new one with: the proposal's, while its box is ticked."""
        if self.proposal is not None and self.group_with.isChecked() and not self.proposal_box.isHidden():
            return self.proposal.evidence_id
        return None

    def save(self) -> None:
        """Accept if there is nothing to fix; otherwise put the focus on the first problem. A grouping
        proposal not shown yet (typing had not paused) is shown first: nothing is grouped unseen."""
        self._validate()
        if not self.problems and self._proposal_timer.isActive():
            shown = self.proposal
            self.check_proposal()
            if self.proposal is not None and (shown is None or shown.evidence_id != self.proposal.evidence_id):
                self.group_with.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        if not self.problems:
            self.accept()
            return
        first = self.problems[0].field
        target = {"quote": self.quote, "observed_at": self.observed, "reported_at": self.reported,
                  "source": self.source,
                  "credibility": self.credibility, "relevance": self.relevance}.get(first)
        if first == "ratings" and self.rating_rows:
            unrated = [r for r in self.rating_rows.values() if r.value() is None]
            target = (unrated or list(self.rating_rows.values()))[0]
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_as_paraphrase(self) -> None:
        self.paraphrase.setChecked(True)
        self.save()

    def new_source(self) -> SourceSummary | None:
        """The inline New source form; the new source is pushed on the undo stack and selected."""
        added = add_source_interactively(self, self.database, self.situation_id, self.undo_stack, self.on_change)
        if added is not None:
            self._reload_sources()
            self.select_source(added.id)
        return added

    def select_source(self, source_id: int | None) -> bool:
        index = self.source.findData(source_id)
        if index < 0:
            return False
        self.source.setCurrentIndex(index)
        return True

    def show_refusal(self, exc: BaseException) -> None:
        """What the service said when it still refused the draft; shown at the top until the next save."""
        problems = getattr(exc, "problems", None)
        text = "; ".join(p.message for p in problems) if problems else str(exc)
        self.refusal.setText(f"Not saved: {text}")
        self.refusal.show()
        self._documents.clear()   # the source may have changed under us
        self._validate()

    # --- reactions -----------------------------------------------------------------------------

    def _apply(self, draft: EvidenceDraft) -> None:
        self.quote.setPlainText(draft.quote)
        self._prefill_shown = self.quote.toPlainText()
        self.summary.setText(draft.summary)
        if draft.source_id is not None and not self.select_source(draft.source_id):
            self.source.addItem(f"(source {draft.source_id}, no longer listed)", draft.source_id)
            self.select_source(draft.source_id)
        self.credibility.setCurrentIndex(max(0, self.credibility.findData(draft.credibility)))
        self.relevance.setCurrentIndex(max(0, self.relevance.findData(draft.relevance)))
        self.group.setEditText(draft.group or "")
        self.tags.setText(", ".join(draft.tags))
        self.paraphrase.setChecked(draft.paraphrase)
        for key, value in draft.ratings.items():
            if key in self.rating_rows and value in RATINGS:
                self.rating_rows[key].set_value(value)
        self._source_changed()
        if draft.observed_at is not None:
            self._set_date(draft.observed_at)
            # A date other than the source's own was chosen by someone: keep it when the source changes.
            self._date_touched = draft.observed_at != self._default_date()[0]
        if draft.reported_at is not None:      # a stored item's: kept as it is (it was stored when logged)
            self._set_reported(draft.reported_at)
            self._reported_touched = True
        self._update_date_hint()

    def _show_rating_guide(self, _link: str = "") -> None:
        from desktop.ui.rating_guide import show_rating_guide

        show_rating_guide(self)

    def _reload_sources(self) -> None:
        current = self.source_id() if self.source.count() else (None if self._prefill is None
                                                                 else self._prefill.source_id)
        summaries = list_sources(self.database, self.situation_id)
        self._summaries = {s.id: s for s in summaries}
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(NO_SOURCE, None)
        for s in summaries:
            self.source.addItem(s.label, s.id)
            self.source.setItemData(self.source.count() - 1,
                                    f"{s.key}: reliability {s.reliability} — {RELIABILITY_LABELS[s.reliability]}",
                                    Qt.ItemDataRole.ToolTipRole)
        index = self.source.findData(current)
        self.source.setCurrentIndex(max(index, 0))
        self.source.blockSignals(False)
        if index < 0 and current is not None:
            self._source_changed()   # the chosen source went away (undone): fall back to no source

    def _fill_groups(self) -> None:
        groups = group_names(self.database, self.situation_id)
        text = self.group.currentText()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem("")
        self.group.addItems(groups)
        self.group.setEditText(text)
        self.group.blockSignals(False)

    def showEvent(self, event) -> None:
        self._join_undo_stack()                 # shown again after a refusal: listen again
        super().showEvent(event)

    def _join_undo_stack(self) -> None:
        if not self._listening:
            self.undo_stack.indexChanged.connect(self._undo_index_changed)
            self._listening = True

    def _leave_undo_stack(self, _result: int = 0) -> None:
        if self._listening:
            self.undo_stack.indexChanged.disconnect(self._undo_index_changed)
            self._listening = False

    def _undo_index_changed(self, _index: int) -> None:
        self._documents.clear()
        self._reload_sources()
        self._validate()

    def _default_date(self) -> tuple[date, str]:
        summary = self._summaries.get(self.source_id())
        if summary is not None and summary.published_at is not None:
            return summary.published_at, "the source's publication date"
        return date.today(), "today"

    def _source_changed(self, *_args) -> None:
        if not self._date_touched:
            self._set_date(self._default_date()[0])
        self._follow_default_reported()
        self._update_date_hint()
        self._validate()

    def _set_date(self, d: date) -> None:
        self._setting_date = True
        try:
            self.observed.setDate(d)
        finally:
            self._setting_date = False
        self._follow_default_reported()

    def _date_changed(self, *_args) -> None:
        if not self._setting_date:
            self._date_touched = True
            self._follow_default_reported()
        self._update_date_hint()
        self._validate()

    def default_reported(self) -> tuple[date, str]:
        """The reported date the item gets unless the analyst sets one, and why (design §4)."""
        observed = self.observed.day() or date.today()
        summary = self._summaries.get(self.source_id())
        published = summary.published_at if summary is not None else None
        day = default_reported(observed, published)
        return day, ("the source's publication date" if published is not None and day == published
                     else "the observed date")

    def _set_reported(self, d: date) -> None:
        self._setting_date = True
        try:
            self.reported.setDate(d)
        finally:
            self._setting_date = False

    def _follow_default_reported(self) -> None:
        if not self._reported_touched:
            self._set_reported(self.default_reported()[0])

    def _reported_changed(self, *_args) -> None:
        if not self._setting_date:
            self._reported_touched = True
        self._update_date_hint()
        self._validate()

    def _update_date_hint(self) -> None:
        default, why = self._default_date()
        if self.observed.day() == default:
            hint = f"observed = {why}"
        else:
            hint = f"{why}: {default.isoformat()}"
        known, known_why = self.default_reported()
        if self.reported.day() == known:
            hint += f" · reported = {known_why}"
        else:
            hint += f" · reported by default: {known.isoformat()} ({known_why})"
        self.date_hint.setText(hint)

    def _move_rating_focus(self, row: RatingRow, step: int) -> None:
        rows = list(self.rating_rows.values())
        i = rows.index(row) + step
        if 0 <= i < len(rows):
            rows[i].setFocus(Qt.FocusReason.TabFocusReason)
        elif i >= len(rows):
            self.save_button.setFocus(Qt.FocusReason.TabFocusReason)

    def _validate(self, *_args) -> list[Problem]:
        draft = self.value()
        document = self.source_document(draft.source_id)
        text = (document.text or None) if document is not None else None
        problems = check_evidence(draft, self.scenario_keys, date.today(), text)
        if draft.observed_at is None and self.observed.text().strip():   # typed, but not a date: say so
            problems = [Problem("observed_at", self.observed.problem()) if p.field == "observed_at" else p
                        for p in problems]
        if draft.reported_at is None:        # empty or not a date: the field says which
            problems.append(Problem("reported_at", self.reported.problem() or "Reported: give a date."))
        if draft.source_id is not None and document is None:
            problems.append(Problem("source", "This source no longer exists; pick another."))
        if not problems:        # the one check that reads the log: only for an otherwise valid draft
            earlier = duplicate_of(self.database, self.situation_id, draft, self.evidence_id)
            if earlier is not None:
                problems.append(duplicate_problem(earlier))
        self.problems = problems
        for field, label in self.errors.items():
            messages = [p.message for p in problems if (p.field if p.field in self.errors else "other") == field]
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
        self.paraphrase_button.setVisible(any(p.code == QUOTE_NOT_IN_SOURCE for p in problems))
        self.save_button.setEnabled(not problems)
        if self.evidence_id is None and self._proposal_input(draft) != self._proposal_checked:
            self._proposal_timer.start()      # (re)started by what the proposal depends on: looked up at a pause
        reliability = document.reliability if document is not None else None
        self.grade.setText(f"grade {admiralty_code(reliability, draft.credibility)}"
                           + (f" (source {reliability}: {RELIABILITY_LABELS[reliability]})" if reliability else
                              " (no source)"))
        return problems


    # --- grouping proposal (issue 12 §1) ---------------------------------------------------------

    def check_proposal(self) -> GroupProposal | None:
        """Look up the earlier item this one repeats and show the proposal at the quote (a new item only)."""
        self._proposal_timer.stop()
        draft = self.value()
        self._proposal_checked = self._proposal_input(draft)
        found = None
        if self.evidence_id is None and draft.quote.strip() and not any(p.field == "quote" for p in self.problems):
            found = propose_group(self.database, self.situation_id, draft.quote, draft.observed_at, draft.source_id)
        self._show_proposal(found)
        return found

    @staticmethod
    def _proposal_input(draft: EvidenceDraft) -> tuple:
        return draft.quote, draft.source_id, draft.observed_at

    def _show_proposal(self, found: GroupProposal | None) -> None:
        before = self.proposal
        same = before is not None and found is not None and before.evidence_id == found.evidence_id
        if before is not None and not same and self.group.currentText().strip() == before.group:
            self._set_group_text("")            # the group the last proposal put there goes with it
        self.proposal = found
        if found is None:
            self.proposal_box.hide()
            return
        self.proposal_label.setText(found.question())
        self.proposal_label.setToolTip(f"{found.reason}; it would join group “{found.group}”"
                                       + (" (new)" if found.new_group else ""))
        self.group_with.setText(f"Group with {found.key}")
        if not same:
            typed = self.group.currentText().strip()
            self.group_with.blockSignals(True)
            self.group_with.setChecked(not typed or typed == found.group)   # a group typed by hand wins
            self.group_with.blockSignals(False)
            if self.group_with.isChecked():
                self._set_group_text(found.group)
        self.proposal_box.show()

    def _group_with_toggled(self, checked: bool) -> None:
        if self.proposal is None:
            return
        if checked:
            self._set_group_text(self.proposal.group)
        elif self.group.currentText().strip() == self.proposal.group:
            self._set_group_text("")

    def _group_edited(self, text: str) -> None:
        if self.proposal is not None:
            self.group_with.blockSignals(True)
            self.group_with.setChecked(text.strip() == self.proposal.group)
            self.group_with.blockSignals(False)

    def _set_group_text(self, text: str) -> None:
        self.group.blockSignals(True)
        self.group.setEditText(text)
        self.group.blockSignals(False)
        self._validate()


# --- what the window calls ----------------------------------------------------------------------

def log_evidence_interactively(parent: QWidget | None, database, situation_id: int, scenarios: list[tuple[str, str]],
                               undo_stack, draft: EvidenceDraft | None = None,
                               on_change: Callable[[], None] | None = None,
                               suggestion_id: int | None = None) -> bool:
    """Run the dialog and push an AddEvidenceCommand; True if an item was logged.

    If the service still refuses the draft (say, its source was deleted meanwhile) the dialog
    comes back with the service's message at the top and the analyst's input intact.
    """
    dialog = EvidenceDialog(database, situation_id, scenarios, undo_stack, parent, draft=draft, on_change=on_change)
    if suggestion_id is not None and dialog.rating_rows:
        # a suggestion brings quote, source and day: what is left is rating it
        first = next(iter(dialog.rating_rows.values()))
        QTimer.singleShot(0, lambda: first.setFocus(Qt.FocusReason.OtherFocusReason))
    try:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            refusal = push_guarded(undo_stack, AddEvidenceCommand(database, situation_id, dialog.value(), on_change,
                                                                  suggestion_id=suggestion_id,
                                                                  join=dialog.join_target()))
            if refusal is None:
                return True
            dialog.show_refusal(refusal)
        return False
    finally:
        dialog.deleteLater()


def edit_evidence_interactively(parent: QWidget | None, database, situation_id: int,
                                scenarios: list[tuple[str, str]], undo_stack, evidence_id: int,
                                label: str = "", on_change: Callable[[], None] | None = None) -> bool:
    """Run the dialog on a stored item and push an EditEvidenceCommand; True if something changed."""
    old = evidence_draft(database, evidence_id)
    title = f"Edit evidence {label}".strip()
    dialog = EvidenceDialog(database, situation_id, scenarios, undo_stack, parent, draft=old, title=title,
                            on_change=on_change, evidence_id=evidence_id)
    try:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            new = dialog.value()
            if new == old:
                return False
            refusal = push_guarded(undo_stack, EditEvidenceCommand(database, evidence_id, old, new, on_change))
            if refusal is None:
                return True
            dialog.show_refusal(refusal)
        return False
    finally:
        dialog.deleteLater()
