"""The main window: scenario cards beside the Dashboard, Evidence, Matrix, Indicators, Sources and Compare tabs.

Layout, menus and wiring only. What screens depend on is the `WindowContext` (database,
situation, undo stack, change stream); what each menu item does lives with its screen
(`ui/<screen>/actions.py`, `ui/files/actions.py`); how views follow changes is `Screens`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QLabel, QMainWindow, QMessageBox, QSplitter, QToolBar, QUndoView, QVBoxLayout, QWidget,
)

from desktop import __version__
from desktop.services.situations import list_situations
from desktop.ui import settings
from desktop.ui.articles.importer import article_paths
from desktop.ui.common.appearance import fit_to_screen, install_theme_menu, keep_on_screen_when_shown
from desktop.ui.common.as_of_bar import AsOfBar
from desktop.ui.common.shortcuts import ShortcutsDialog, redo_shortcuts
from desktop.ui.context import WindowContext
from desktop.ui.evidence.actions import EvidenceActions
from desktop.ui.files.actions import FileActions
from desktop.ui.indicators.actions import IndicatorActions
from desktop.ui.judgements.actions import JudgementActions
from desktop.ui.screens import TAB_TITLES, TABS, Screens
from desktop.ui.sources.actions import SourceActions

__all__ = ["MainWindow", "TABS"]


class MainWindow(QMainWindow):
    def __init__(self, database, situation_id: int | None = None, parent: QWidget | None = None,
                 persist_state: bool = True, poll_ms: int | None = None):
        super().__init__(parent)
        self.persist_state = persist_state  # a snapshot must not overwrite the user's window layout
        self.setObjectName("mainWindow")
        kwargs = {} if poll_ms is None else {"poll_ms": poll_ms}
        self.context = WindowContext(database, situation_id, self, **kwargs)
        self.undo_stack = self.context.undo_stack
        self.screens = Screens(self.context, self)
        s = self.screens
        self.cards, self.tabs, self.threshold_notice = s.cards, s.tabs, s.threshold_notice
        self.dashboard, self.evidence, self.matrix = s.dashboard, s.evidence, s.matrix
        self.indicators, self.sources, self.compare = s.indicators, s.sources, s.compare
        self.evidence_actions = EvidenceActions(self.context, self)
        self.indicator_actions = IndicatorActions(self.context, self, self.evidence_actions)
        self.source_actions = SourceActions(self.context, self, self.evidence_actions, self.indicator_actions)
        self.file_actions = FileActions(self.context, self.source_actions.import_articles)
        self.judgement_actions = JudgementActions(self.context)
        self._build()
        self._wire()
        if persist_state:
            self._restore_state()
        self.context.situation_shown.connect(self._situation_shown)
        self.context.show(database, situation_id)

    # --- what tests and the command line reach for ----------------------------------------------

    @property
    def database(self):
        return self.context.database

    @property
    def situation(self):
        return self.context.situation

    @property
    def as_of(self):
        return self.context.as_of

    def show_view(self, name: str) -> None:
        self.screens.show_view(name)

    # --- construction ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.setAcceptDrops(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.cards)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 1100])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.threshold_notice)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_toolbar()
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.database_label)
        fit_to_screen(self)
        self.setMinimumSize(900, 600)

    def _action(self, text: str, slot, shortcut=None, tip: str = "", name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _menu(self, title: str, name: str, items) -> None:
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(name)
        for item in items:
            menu.addSeparator() if item is None else menu.addAction(item)
        return menu

    def _build_menus(self) -> None:
        f, e, i, s = self.file_actions, self.evidence_actions, self.indicator_actions, self.source_actions
        std = QKeySequence.StandardKey
        self.open_action = self._action("&Open database…", f.choose_database, std.Open,
                                        "Open another Signpost database file")
        self.import_action = self._action("&Import bundle…", f.choose_bundle_to_import, "Ctrl+I",
                                          "Load a .signpost.json bundle as a new situation")
        self.export_action = self._action("&Export bundle…", f.choose_bundle_to_export, "Ctrl+Shift+S",
                                          "Write this situation to a .signpost.json bundle")
        self.import_articles_action = self._action(
            "Import &articles…", f.choose_articles_to_import, "Ctrl+Shift+I",
            "Import .txt, .md, .html files or RSS/Atom feeds as sources (or drop files on the window)",
            "importArticles")
        self.paste_action = self._action("New source from clip&board…", s.paste_source, "Ctrl+Shift+V",
                                         "Make a new source of the text on the clipboard", "pasteSource")
        self.backup_action = self._action("Bac&k up now", f.back_up_now, None,
                                          "Copy the database into its backup folder", "backupNow")
        self.restore_action = self._action("&Restore from backup…", f.choose_backup_to_restore, None,
                                           "Go back to one of the database's backups", "restoreBackup")
        self.quit_action = self._action("&Quit", self.close, std.Quit)
        self._menu("&File", "fileMenu", [self.open_action, self.import_action, self.export_action, None,
                                         self.import_articles_action, self.paste_action, None,
                                         self.backup_action, self.restore_action, None, self.quit_action])

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(std.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(redo_shortcuts(QKeySequence.keyBindings(std.Redo)))
        self.edit_action = self._action("&Edit evidence…", lambda: self._with_selected(e.edit), "Ctrl+Shift+E",
                                        "Edit the selected evidence item")
        self.delete_action = self._action("&Delete evidence", lambda: self._with_selected(e.delete), None,
                                          "Delete the selected item (it can be restored with Undo)")
        self.history_dock = QDockWidget("Undo history", self)
        self.history_dock.setObjectName("undoHistoryDock")
        self.history_dock.setWidget(QUndoView(self.undo_stack))
        self.history_dock.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Undo &history")
        self.history_action.setShortcut("Ctrl+H")
        self._menu("&Edit", "editMenu", [self.undo_action, self.redo_action, None, self.edit_action,
                                         self.delete_action, None, self.history_action])

        self.tab_actions = [self._action(title, lambda _=False, n=name: self.show_view(n), f"Ctrl+{k}",
                                         f"Show the {title} tab", f"show-{name}")
                            for k, (name, title) in enumerate(zip(TABS, TAB_TITLES), start=1)]
        self.next_tab_action = self._action("&Next tab", lambda: self._step_tab(1), "Ctrl+Tab")
        self.previous_tab_action = self._action("&Previous tab", lambda: self._step_tab(-1), "Ctrl+Shift+Tab")
        self.view_menu = self._menu("&View", "viewMenu", [*self.tab_actions, None, self.next_tab_action,
                                                          self.previous_tab_action])
        install_theme_menu(self.view_menu)

        self.log_action = self._action("&Log evidence…", lambda: e.log(None), std.New,
                                       "Log a new evidence item (Ctrl+N)")
        self.judgement_action = self._action("Record &judgement…", self.judgement_actions.record, "Ctrl+J",
                                             "State your own probability for each scenario")
        self.record_figure_action = self._action(
            "Record indicator &figure…", i.record_from_selection, "Ctrl+Shift+O",
            "Record a dated value of an indicator (from the selected evidence item, if any)", "recordFigureAction")
        self.new_indicator_action = self._action("New &indicator…", i.new, None,
                                                 "Define a new indicator with its thresholds and scenarios")
        self._menu("&Analysis", "analysisMenu", [self.log_action, self.judgement_action, None,
                                                 self.record_figure_action, self.new_indicator_action])

        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, "F1",
                                             "Every key the window answers to")
        self.about_action = self._action("&About Signpost", self.show_about)
        self._menu("&Help", "helpMenu", [self.shortcuts_action, self.about_action])

    def _build_toolbar(self) -> None:
        bar = QToolBar("Situation")
        bar.setObjectName("situationBar")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Situation: "))
        self.situation_box = QComboBox()
        self.situation_box.setObjectName("situationBox")
        self.situation_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.situation_box.setMinimumContentsLength(32)   # a longer title is elided: the as-of slider stays in view
        self.situation_box.activated.connect(self._situation_chosen)
        bar.addWidget(self.situation_box)
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
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _wire(self) -> None:
        e, i, s, c = self.evidence_actions, self.indicator_actions, self.source_actions, self.context
        for view in (self.dashboard, self.evidence, self.compare, self.indicators):
            view.evidence_activated.connect(e.edit)
        self.dashboard.indicator_activated.connect(i.open)
        ind = self.indicators
        ind.new_requested.connect(i.new)
        ind.edit_requested.connect(i.edit)
        ind.archive_requested.connect(i.archive)
        ind.restore_requested.connect(i.restore)
        ind.add_observation_requested.connect(lambda key: i.record(indicator=key))
        ind.edit_observation_requested.connect(i.edit_figure)
        ind.delete_observation_requested.connect(i.delete_figure)
        ind.import_csv_requested.connect(i.import_figures)
        self.threshold_notice.log_requested.connect(i.log_crossing)
        self.evidence.delete_requested.connect(e.delete)
        self.matrix.rating_edited.connect(lambda i, key, old, new: e.rate(i, key, old, new, self.matrix.key_of(i)))
        src = self.sources
        src.log_requested.connect(e.log)
        src.accept_suggestion.connect(s.accept)
        src.reject_suggestion.connect(lambda row, _sid: s.decide(row))
        src.reopen_suggestion.connect(lambda row, _sid: s.decide(row, reopen=True))
        src.details_requested.connect(s.edit_details)
        src.edit_suggestion.connect(lambda row, sid: s.accept(row, sid, edit=True))
        src.find_suggestions.connect(s.find_suggestions)
        c.message.connect(self.statusBar().showMessage)
        c.changed.connect(self._changed)
        self.screens.overview_shown.connect(self._overview_shown)

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
        self.situation_box.blockSignals(True)
        self.situation_box.clear()
        for info in list_situations(self.database):
            self.situation_box.addItem(f"{info.title}  (#{info.id})", info.id)
        self.situation_box.setCurrentIndex(max(self.situation_box.findData(self.situation.id), 0))
        self.situation_box.blockSignals(False)

    def _situation_chosen(self, index: int) -> None:
        sid = self.situation_box.itemData(index)
        if sid is not None and sid != self.situation.id:
            self.context.show(self.database, int(sid))

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _with_selected(self, action) -> None:
        evidence_id = self.evidence.selected_evidence_id()
        if evidence_id is None:
            self.statusBar().showMessage("Select an evidence item in the Evidence tab first", 5000)
            return
        action(evidence_id)

    def dragEnterEvent(self, event) -> None:
        if article_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = article_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.source_actions.import_articles(paths)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About Signpost",
            f"<h3>Signpost {__version__}</h3>"
            "<p>A scenario tracker for analysts following a fast-moving crisis: log graded evidence, "
            "rate it against competing scenarios, track indicators, and compare scenario likelihoods "
            "(Bayesian ACH, ICD 203 estimative language, Admiralty grading).</p>"
            f"<p>Database: {self.database.location}</p>")

    # --- state ----------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.read()
        if geometry:
            self.restoreGeometry(geometry)
            keep_on_screen_when_shown(self)
            keep_on_screen_when_shown(self)
        state = settings.WINDOW_STATE.read()
        if state:
            self.restoreState(state)
        splitter = settings.SPLITTER_STATE.read()
        if splitter:
            self.splitter.restoreState(splitter)
        tab = settings.CURRENT_TAB.read()
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def save_state(self) -> None:
        settings.WINDOW_GEOMETRY.write(self.saveGeometry())
        settings.WINDOW_STATE.write(self.saveState())
        settings.SPLITTER_STATE.write(self.splitter.saveState())
        settings.CURRENT_TAB.write(self.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.persist_state:
            self.save_state()
        super().closeEvent(event)
