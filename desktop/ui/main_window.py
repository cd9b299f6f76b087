"""The main window: scenario cards beside the Dashboard, Evidence, Matrix, Indicators, Sources and Compare tabs.

Layout and wiring: screens depend on the `WindowContext` (database, situation, undo stack, change
stream); menu items call each screen's actions (`ui/<screen>/actions.py`, `ui/menus.py`); views
follow changes through `Screens`. It comes up in three steps (`desktop.ui.app.start_gui`), each on
screen before the next: the frame (`MainWindow()`), the dashboard the last session drew while the
database has not changed (`show_kept`), then the database (`attach`). Only what the frame uses is
imported at the top (PySide6 makes each class the first time it is named): the rest loads later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenu, QToolBar, QWidget

from desktop.ui import window_state
from desktop.ui.articles.dropped import article_paths
from desktop.ui.shell import CARDS_WIDTH, MENUS, TAB_TITLES, TABS, LayoutSketch

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from desktop.ui.common.shortcuts import ShortcutsDialog

__all__ = ["MainWindow", "TABS"]


class MainWindow(QMainWindow):
    """`MainWindow(database, situation_id)`: the window on an open database, as tests and snapshots use it.
    `MainWindow()`: the frame alone, which `show_kept` and `attach` fill in place."""

    def __init__(self, database=None, situation_id: int | None = None, parent: QWidget | None = None,
                 persist_state: bool = True, poll_ms: int | None = None):
        super().__init__(parent)
        self.persist_state = persist_state  # a snapshot must not overwrite the user's window layout
        self.setObjectName("mainWindow")
        self.context = None
        self.screens = None
        self._situations: tuple[tuple[int, str], ...] = ()     # (id, title) listed in the situation box
        self._build_frame()
        if persist_state:
            window_state.restore_frame(self)
        if database is not None:
            self.attach(database, situation_id, poll_ms)

    def attach(self, database, situation_id: int | None = None, poll_ms: int | None = None) -> None:
        """Open the window on `database`: the context, the screens drawing from it, the menus' items."""
        from desktop.ui.context import WindowContext
        from desktop.ui.evidence.actions import EvidenceActions
        from desktop.ui.files.actions import FileActions
        from desktop.ui.indicators.actions import IndicatorActions
        from desktop.ui.judgements.actions import JudgementActions
        from desktop.ui.situation.actions import SituationActions
        from desktop.ui.sources.actions import SourceActions

        kwargs = {} if poll_ms is None else {"poll_ms": poll_ms}
        self.context = WindowContext(database, situation_id, self, **kwargs)
        self.undo_stack = self.context.undo_stack
        self._build_screens()
        self.evidence_actions = EvidenceActions(self.context, self)
        self.indicator_actions = IndicatorActions(self.context, self, self.evidence_actions)
        self.source_actions = SourceActions(self.context, self, self.evidence_actions, self.indicator_actions)
        self.file_actions = FileActions(self.context, self.source_actions.import_articles)
        self.judgement_actions = JudgementActions(self.context)
        self.situation_actions = SituationActions(self.context)
        self._build_menus()
        self._build_toolbar()
        self._wire()
        if self.persist_state:
            self.restoreDockWidget(self.history_dock)     # the saved layout was read before the dock existed
        self.screens.follow(self.context)
        self.context.situation_shown.connect(self._situation_shown)
        self.context.show(database, situation_id)

    def show_kept(self, paint) -> None:
        """Draw the cards and the dashboard the last session left (a `services.first_paint.FirstPaint`, valid
        for the database as it is now) while the database is not open yet."""
        self._build_screens()
        self.screens.draw_kept(paint)
        self.setWindowTitle(f"{paint.title} — Signpost")
        self._list_situations(paint.situations, paint.situation_id)
        report = paint.overview.report
        self.statusBar().showMessage(f"{report.evidence_count} evidence items counted; opening the database…")

    # --- what tests and the command line reach for ----------------------------------------------

    @property
    def database(self):
        return self.context.database if self.context is not None else None

    @property
    def situation(self):
        return self.context.situation

    @property
    def as_of(self):
        return self.context.as_of

    def show_view(self, name: str) -> None:
        self.screens.show_view(name)

    # Each tab's view is built when it is first shown or asked for here (`Screens.view`).
    evidence = property(lambda self: self.screens.view("evidence"))
    matrix = property(lambda self: self.screens.view("matrix"))
    indicators = property(lambda self: self.screens.view("indicators"))
    sources = property(lambda self: self.screens.view("sources"))
    compare = property(lambda self: self.screens.view("compare"))

    # --- construction ---------------------------------------------------------------------------

    def _build_frame(self) -> None:
        """What shows before anything is read: title, size, the menus' titles, the situation bar, a sketch."""
        self.setWindowTitle("Signpost")
        self.setAcceptDrops(True)
        for title, name in MENUS:
            self.menuBar().addMenu(title).setObjectName(name)
        self._build_situation_bar()
        self.sketch = LayoutSketch()
        self.setCentralWidget(self.sketch)
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.database_label)
        self.statusBar().showMessage("Opening the database…")
        from desktop.ui.common.appearance import fit_to_screen

        fit_to_screen(self)
        self.setMinimumSize(900, 600)

    def _build_screens(self) -> None:
        """The cards beside the tabs, in the sketch's place (once)."""
        if self.screens is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QVBoxLayout

        from desktop.ui.screens import Screens

        self.screens = s = Screens(self)
        self.cards, self.tabs, self.threshold_notice, self.dashboard = s.cards, s.tabs, s.threshold_notice, s.dashboard
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.cards)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([CARDS_WIDTH, 1100])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.threshold_notice)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)      # the sketch goes with the old central widget
        self.sketch = None
        if self.persist_state:
            window_state.restore_screens(self)

    def make_action(self, text: str, slot, shortcut=None, tip: str = "", name: str = "") -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def fill_menu(self, title: str, name: str, items) -> None:
        """The menu the frame made under `name` (else a new one titled `title`), with `items` added."""
        menu = self.menuBar().findChild(QMenu, name)
        if menu is None:
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(name)
        for item in items:
            menu.addSeparator() if item is None else menu.addAction(item)
        return menu

    def _build_menus(self) -> None:
        from desktop.ui.menus import build_menus

        build_menus(self)

    def _build_situation_bar(self) -> None:
        """The toolbar's first part, in the frame already (the rest follows with the database: same height)."""
        self.situation_bar = bar = QToolBar("Situation")
        bar.setObjectName("situationBar")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Situation: "))
        self.situation_box = QComboBox()
        self.situation_box.setObjectName("situationBox")
        self.situation_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.situation_box.setMinimumContentsLength(32)   # a longer title is elided: the as-of slider stays in view
        self.situation_box.activated.connect(self._situation_chosen)
        self.situation_box.setEnabled(False)       # until the database is open (attach)
        bar.addWidget(self.situation_box)
        self.addToolBar(bar)            # at the top

    def _build_toolbar(self) -> None:
        from PySide6.QtGui import QAction

        from desktop.ui.common.as_of_bar import AsOfBar

        bar = self.situation_bar
        self.situation_box.setEnabled(True)
        bar.addSeparator()
        bar.addAction(self.log_action)
        bar.addAction(self.judgement_action)
        bar.addSeparator()
        # Short labels in the toolbar (the menu items name the command: "Undo Log evidence e55 …").
        for label, action, changed in (("Undo", self.undo_action, self.undo_stack.undoTextChanged),
                                       ("Redo", self.redo_action, self.undo_stack.redoTextChanged)):
            short = QAction(label, self)
            short.setEnabled(False)
            short.triggered.connect(action.trigger)
            # Bound slots of `short`, not lambdas: Qt drops them when the window goes.
            action.enabledChanged.connect(short.setEnabled)
            changed.connect(short.setToolTip)
            bar.addAction(short)
        bar.addSeparator()
        self.as_of_bar = AsOfBar()
        self.as_of_bar.as_of_changed.connect(self.context.set_as_of)
        bar.addWidget(self.as_of_bar)

    def _wire(self) -> None:
        e, i, c = self.evidence_actions, self.indicator_actions, self.context
        self.dashboard.evidence_activated.connect(e.edit)
        self.dashboard.indicator_activated.connect(i.open)
        self.threshold_notice.log_requested.connect(i.log_crossing)
        self.screens.built.connect(self._wire_view)
        for name in TABS[1:]:
            view = self.screens.built_view(name)
            if view is not None:
                self._wire_view(name, view)
        c.message.connect(self.statusBar().showMessage)
        c.changed.connect(self._changed)
        self.screens.overview_shown.connect(self._overview_shown)

    def _wire_view(self, name: str, view) -> None:
        """Connect a tab's view to what its requests do, when the view is built."""
        e, i, s = self.evidence_actions, self.indicator_actions, self.source_actions
        if name in ("evidence", "compare", "indicators"):
            view.evidence_activated.connect(e.edit)
        if name == "indicators":
            view.new_requested.connect(i.new)
            view.edit_requested.connect(i.edit)
            view.archive_requested.connect(i.archive)
            view.restore_requested.connect(i.restore)
            view.add_observation_requested.connect(lambda key: i.record(indicator=key))
            view.edit_observation_requested.connect(i.edit_figure)
            view.delete_observation_requested.connect(i.delete_figure)
            view.import_csv_requested.connect(i.import_figures)
        elif name == "evidence":
            view.delete_requested.connect(e.delete)
        elif name == "matrix":
            view.rating_edited.connect(lambda i, key, old, new: e.rate(i, key, old, new, view.key_of(i)))
        elif name == "sources":
            view.log_requested.connect(e.log)
            view.accept_suggestion.connect(s.accept)
            view.reject_suggestion.connect(lambda row, _sid: s.decide(row))
            view.reopen_suggestion.connect(lambda row, _sid: s.decide(row, reopen=True))
            view.details_requested.connect(s.edit_details)
            view.edit_suggestion.connect(lambda row, sid: s.accept(row, sid, edit=True))
            view.find_suggestions.connect(s.find_suggestions)

    # --- following the context ------------------------------------------------------------------

    def _situation_shown(self) -> None:
        self._fill_situations()
        self.setWindowTitle(f"{self.situation.title} — Signpost")
        self.database_label.setText(f"Database: {self.database.location}")

    def _overview_shown(self, overview) -> None:
        days = overview.history.evidence_days
        self.as_of_bar.set_range(days[0] if days else None, days[-1] if days else None, keep=True)
        report = overview.report
        when = f" as of {report.as_of.isoformat()}" if report.as_of else ""
        self.statusBar().showMessage(f"{report.evidence_count} evidence items counted{when}", 5000)

    def _changed(self, changes) -> None:
        if changes.touches({"situation"}):
            self._fill_situations()

    def _fill_situations(self) -> None:
        from desktop.services.situations import list_situations

        self._list_situations([(info.id, info.title) for info in list_situations(self.database)], self.situation.id)

    def _list_situations(self, situations, current: int) -> None:
        self._situations = tuple((int(sid), title) for sid, title in situations)
        self.situation_box.blockSignals(True)
        self.situation_box.clear()
        for sid, title in situations:
            self.situation_box.addItem(f"{title}  (#{sid})", sid)
        self.situation_box.setCurrentIndex(max(self.situation_box.findData(current), 0))
        self.situation_box.blockSignals(False)

    def _situation_chosen(self, index: int) -> None:
        sid = self.situation_box.itemData(index)
        if sid is not None and sid != self.situation.id:
            self.context.show(self.database, int(sid))

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def with_selected(self, action) -> None:
        evidence = self.screens.built_view("evidence")      # not built yet: nothing can be selected in it
        evidence_id = evidence.selected_evidence_id() if evidence is not None else None
        if evidence_id is None:
            self.statusBar().showMessage("Select an evidence item in the Evidence tab first", 5000)
            return
        action(evidence_id)

    def dragEnterEvent(self, event) -> None:
        if self.context is not None and article_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = article_paths(event.mimeData().urls()) if self.context is not None else []
        if paths:
            event.acceptProposedAction()
            self.source_actions.import_articles(paths)

    def show_shortcuts(self) -> ShortcutsDialog:
        from desktop.ui.common.shortcuts import ShortcutsDialog

        for name in TABS:
            self.screens.view(name)     # the tabs not shown yet too: their keys are listed (the reader's Ctrl+E)
        dialog = ShortcutsDialog(self)
        dialog.show()
        return dialog

    # --- state ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            if self.persist_state:
                window_state.save_state(self)
                window_state.keep_first_paint(self)
        finally:
            super().closeEvent(event)
