"""The main window: scenario cards beside the Dashboard, Evidence, Matrix, Indicators, Sources and Compare tabs.

Every change goes through one QUndoStack; after each do or undo the window
refreshes from the services, as of the date on the as-of slider.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDockWidget, QInputDialog, QLabel, QMainWindow, QMessageBox,
    QProgressDialog, QSplitter, QTabWidget, QToolBar, QUndoView, QVBoxLayout, QWidget,
)

from desktop import __version__
from desktop.domain.indicator_rules import ObservationDraft
from desktop.services.articles import ImportReport, import_pasted_text, source_details
from desktop.services.sources import get_source
from desktop.services.bundles import export_bundle_file, import_bundle_file
from desktop.services.evidence import evidence_draft
from desktop.services.indicators import (
    archived_indicators, as_draft, crossing_since, evidence_choices, find_indicator, get_indicator, import_observations_csv,
    indicator_names, indicator_overview, indicator_status, observation_rows,
)
from desktop.services.judgements import (
    default_analyst, evidence_since_last_round, judgement_status, list_judgements,
)
from desktop.services.likelihoods import situation_overview
from desktop.services.situations import list_situations, resolve_situation
from desktop.services.suggestions import evidence_draft_for, list_suggestions, new_indicator_for, sentence_of
from desktop.services.workspace import open_workspace
from desktop.ui import settings
from desktop.ui.articles.importer import ARTICLE_FILTER, ImportReportDialog, article_paths, import_articles
from desktop.ui.articles.paste import PasteSourceDialog
from desktop.ui.backups.dialog import RestoreDialog, backup_now
from desktop.ui.commands import (
    AcceptQuantityCommand, AddObservationCommand, ArchiveIndicatorCommand, CreateIndicatorCommand,
    DeleteEvidenceCommand, DeleteObservationCommand, EditIndicatorCommand, EditObservationCommand,
    EditSourceDetailsCommand, ImportObservationsCommand, ImportSourcesCommand, RejectSuggestionCommand,
    SetRatingCommand, push_guarded,
)
from desktop.ui.common.appearance import fit_to_screen, install_theme_menu, keep_on_screen_when_shown
from desktop.ui.common.as_of_bar import AsOfBar
from desktop.ui.common.errors import show_error
from desktop.ui.common.file_dialogs import open_file, open_files, save_file
from desktop.ui.common.worker import run_in_background
from desktop.ui.compare.view import CompareView
from desktop.ui.dashboard.view import DashboardView
from desktop.ui.evidence.dialog import edit_evidence_interactively, log_evidence_interactively
from desktop.ui.evidence.view import EvidenceView
from desktop.ui.indicators.dialogs import IndicatorDialog, ObservationDialog
from desktop.ui.indicators.notice import ThresholdNotice, crossing_draft
from desktop.ui.indicators.view import IndicatorsView
from desktop.ui.judgements.dialog import JudgementDialog, RecordJudgementCommand
from desktop.ui.matrix.view import MatrixView
from desktop.ui.scenario_cards import ScenarioCardsPanel
from desktop.ui.sources.details_dialog import SourceDetailsDialog
from desktop.ui.sources.view import SourcesView

TABS = ("dashboard", "evidence", "matrix", "indicators", "sources", "compare")
BUNDLE_FILTER = "Signpost bundles (*.signpost.json *.json);;All files (*)"


def redo_shortcuts(platform: list[QKeySequence]) -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Shift+Z and Ctrl+Y, each once. On X11 the platform's are
    Ctrl+Shift+Z alone: giving it twice made it "ambiguous" to Qt, which then ran nothing, and Ctrl+Y
    was not bound at all."""
    keys: dict[str, QKeySequence] = {}
    for seq in [*platform, QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]:
        keys.setdefault(seq.toString(), seq)
    return list(keys.values())


class MainWindow(QMainWindow):
    """Holds the open database (an opaque handle from services) and the situation shown."""

    def __init__(self, database, situation_id: int | None = None, parent: QWidget | None = None,
                 persist_state: bool = True):
        super().__init__(parent)
        self.persist_state = persist_state  # a snapshot must not overwrite the user's window layout
        self.setObjectName("mainWindow")
        self.database = database
        self.situation = resolve_situation(database, situation_id)
        self.as_of = None
        self._stale: set[int] = set()  # tabs to redraw when next shown
        self._indicators_stale = True  # the dashboard's indicator tiles (redrawn only when figures change)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.last_import_report = None
        self._build()
        if persist_state:
            self._restore_state()
        self._show_situation()

    # --- construction --------------------------------------------------------

    def _build(self) -> None:
        self.cards = ScenarioCardsPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.dashboard = DashboardView()
        self.evidence = EvidenceView()
        self.matrix = MatrixView()
        self.indicators = IndicatorsView()
        self.sources = SourcesView()
        self.compare = CompareView()
        for view, title in ((self.dashboard, "&Dashboard"), (self.evidence, "&Evidence"), (self.matrix, "&Matrix"),
                            (self.indicators, "&Indicators"), (self.sources, "&Sources"),
                            (self.compare, "&Compare")):
            self.tabs.addTab(view, title)
        self.tabs.currentChanged.connect(self._refresh_tab)
        for view in (self.dashboard, self.evidence, self.compare, self.indicators):
            view.evidence_activated.connect(self.edit_evidence)
        self.dashboard.indicator_activated.connect(self.open_indicator)
        ind = self.indicators
        ind.new_requested.connect(self.new_indicator)
        ind.edit_requested.connect(self.edit_indicator)
        ind.archive_requested.connect(self.archive_indicator)
        ind.restore_requested.connect(self.restore_indicator)
        ind.add_observation_requested.connect(lambda key: self.record_figure(indicator=key))
        ind.edit_observation_requested.connect(self.edit_figure)
        ind.delete_observation_requested.connect(self.delete_figure)
        ind.import_csv_requested.connect(self.import_figures)
        self.threshold_notice = ThresholdNotice()
        self.threshold_notice.log_requested.connect(self.log_evidence)
        self.evidence.delete_requested.connect(self.delete_evidence)
        self.matrix.rating_edited.connect(self._rating_edited)
        self.sources.log_requested.connect(self.log_evidence)
        self.sources.accept_suggestion.connect(self.accept_suggestion)
        self.sources.reject_suggestion.connect(lambda row, _sid: self._decide_suggestion(row, reopen=False))
        self.sources.reopen_suggestion.connect(lambda row, _sid: self._decide_suggestion(row, reopen=True))
        self.sources.details_requested.connect(self.edit_source_details)
        self.sources.edit_suggestion.connect(lambda row, sid: self.accept_suggestion(row, sid, edit=True))
        self.setAcceptDrops(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.cards)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 1100])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.threshold_notice)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_toolbar()
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.database_label)
        fit_to_screen(self)
        self.setMinimumSize(900, 600)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.open_action = self._action("&Open database…", self.choose_database, QKeySequence.StandardKey.Open,
                                        "Open another Signpost database file")
        self.import_action = self._action("&Import bundle…", self.choose_bundle_to_import, "Ctrl+I",
                                          "Load a .signpost.json bundle as a new situation")
        self.export_action = self._action("&Export bundle…", self.choose_bundle_to_export, "Ctrl+Shift+S",
                                          "Write this situation to a .signpost.json bundle")
        self.import_articles_action = self._action(
            "Import &articles…", self.choose_articles_to_import, "Ctrl+Shift+I",
            "Import .txt, .md, .html files or RSS/Atom feeds as sources (or drop files on the window)")
        self.import_articles_action.setObjectName("importArticles")
        self.paste_action = self._action("New source from clip&board…", self.paste_source, "Ctrl+Shift+V",
                                         "Make a new source of the text on the clipboard")
        self.paste_action.setObjectName("pasteSource")
        self.backup_action = self._action("&Back up now", self.back_up_now, None,
                                          "Copy the database into its backup folder")
        self.backup_action.setObjectName("backupNow")
        self.restore_action = self._action("&Restore from backup…", self.choose_backup_to_restore, None,
                                           "Go back to one of the database's backups")
        self.restore_action.setObjectName("restoreBackup")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.setObjectName("fileMenu")
        for a in (self.open_action, self.import_action, self.export_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.import_articles_action)
        file_menu.addAction(self.paste_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(redo_shortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)))
        self.edit_action = self._action("&Edit evidence…", lambda: self._with_selected(self.edit_evidence),
                                        "Ctrl+Shift+E", "Edit the selected evidence item")
        self.delete_action = self._action("&Delete evidence", lambda: self._with_selected(self.delete_evidence),
                                          None, "Delete the selected item (it can be restored with Undo)")
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.setObjectName("editMenu")
        for a in (self.undo_action, self.redo_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addSeparator()
        self.history_dock = QDockWidget("Undo history", self)
        self.history_dock.setObjectName("undoHistoryDock")
        self.history_dock.setWidget(QUndoView(self.undo_stack))
        self.history_dock.hide()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Undo &history")
        self.history_action.setShortcut("Ctrl+H")
        edit_menu.addAction(self.history_action)
        install_theme_menu(self)

        self.log_action = self._action("&Log evidence…", lambda: self.log_evidence(None),
                                       QKeySequence.StandardKey.New, "Log a new evidence item (Ctrl+N)")
        self.judgement_action = self._action("Record &judgement…", self.record_judgement, "Ctrl+J",
                                             "State your own probability for each scenario")
        analysis_menu = self.menuBar().addMenu("&Analysis")
        analysis_menu.setObjectName("analysisMenu")
        analysis_menu.addAction(self.log_action)
        analysis_menu.addAction(self.judgement_action)
        analysis_menu.addSeparator()
        self.record_figure_action = self._action(
            "Record indicator &figure…", lambda: self.record_figure(evidence_id=self._evidence_in_hand()),
            "Ctrl+Shift+O", "Record a dated value of an indicator (from the selected evidence item, if any)")
        self.record_figure_action.setObjectName("recordFigureAction")
        self.new_indicator_action = self._action("New &indicator…", self.new_indicator, None,
                                                 "Define a new indicator with its thresholds and scenarios")
        analysis_menu.addAction(self.record_figure_action)
        analysis_menu.addAction(self.new_indicator_action)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.setObjectName("helpMenu")
        self.about_action = self._action("&About Signpost", self.show_about)
        help_menu.addAction(self.about_action)

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
        self.as_of_bar.as_of_changed.connect(self.set_as_of)
        bar.addWidget(self.as_of_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # --- data ----------------------------------------------------------------

    def _show_situation(self) -> None:
        """Point every view at the current situation (after opening a database or a situation)."""
        sid = self.situation.id
        self.undo_stack.clear()
        self.as_of = None
        self.evidence.set_as_of(None)
        self.sources.set_as_of(None)
        overview = situation_overview(self.database, sid)
        self.scenarios = [(s.key, s.name) for s in overview.report.scenarios]
        days = overview.history.evidence_days
        self.as_of_bar.set_range(days[0] if days else None, days[-1] if days else None)
        self.evidence.show_situation(self.database, sid, self.scenarios)
        self.matrix.show_situation(self.database, sid)
        self.sources.show_situation(self.database, sid)
        self.indicators.show_situation(self.database, sid)
        self.threshold_notice.hide()
        self.compare.show_situation(self.database, sid, last_day=max(days) if days else None)
        self._fill_situations()
        self.setWindowTitle(f"{self.situation.title} — Signpost")
        self.database_label.setText(f"Database: {self.database.location}")
        self._indicators_stale = True
        self._show_overview(overview)
        self._stale = set()

    def reload(self) -> None:
        """Redraw after any change, as of the slider's date: the cards and the tab in view now, the other
        tabs when they are next shown (so logging one item stays quick however large the log)."""
        indicators_tab = self.tabs.indexOf(self.indicators)
        waiting = indicators_tab in self._stale      # a figure changed earlier, the tab not shown since
        self._stale = set(range(self.tabs.count()))
        if not (self._indicators_stale or waiting):
            self._stale.discard(indicators_tab)      # evidence alone does not move a figure
        self._show_overview(situation_overview(self.database, self.situation.id, self.as_of))
        self._refresh_tab(self.tabs.currentIndex())

    def _refresh_tab(self, index: int) -> None:
        if index not in self._stale:
            return
        self._stale.discard(index)
        view = self.tabs.widget(index)
        if view is not self.dashboard:  # the dashboard is drawn with the cards
            view.refresh()

    def _show_overview(self, overview) -> None:
        report = overview.report
        rounds = list_judgements(self.database, self.situation.id)
        status = judgement_status(self.database, self.situation.id,
                                  {s.key: s.probability for s in report.scenarios}, rounds=rounds) if rounds else None
        self.cards.set_cards(overview.cards)
        self.dashboard.show_data(overview, rounds, status)
        self.indicators.set_history(overview.history, rounds)
        if self._indicators_stale:
            self._indicators_stale = False
            self.dashboard.show_indicators(indicator_overview(self.database, self.situation.id, self.as_of))
        when = f" as of {report.as_of.isoformat()}" if report.as_of else ""
        self.statusBar().showMessage(f"{report.evidence_count} evidence items counted{when}", 5000)

    def set_as_of(self, day) -> None:
        """Replay the window as it stood on `day` (None: all evidence)."""
        self.as_of = day
        self.evidence.set_as_of(day)
        self.matrix.set_as_of(day)
        self.sources.set_as_of(day)
        self.compare.set_as_of(day)
        self.indicators.set_as_of(day)
        self._indicators_stale = True
        self.reload()

    # --- evidence actions (all through the undo stack) -------------------------

    def log_evidence(self, draft=None) -> bool:
        """The evidence dialog, prefilled from the reader when `draft` is given; saved as an undoable command."""
        done = log_evidence_interactively(self, self.database, self.situation.id, self.scenarios, self.undo_stack,
                                          draft, on_change=self.reload)
        return done

    def edit_evidence(self, evidence_id: int) -> bool:
        return edit_evidence_interactively(self, self.database, self.situation.id, self.scenarios, self.undo_stack,
                                           evidence_id, on_change=self.reload)

    def delete_evidence(self, evidence_id: int) -> None:
        label = f"“{evidence_draft(self.database, evidence_id).quote[:40]}”"
        self._push(DeleteEvidenceCommand(self.database, evidence_id, label, self.reload))
        self.statusBar().showMessage(f"Deleted {label}: Edit → Undo restores it", 8000)

    def _push(self, command) -> bool:
        refusal = push_guarded(self.undo_stack, command)
        if refusal is not None:
            show_error(self, command.text(), refusal)
        return refusal is None

    def _with_selected(self, action) -> None:
        evidence_id = self.evidence.selected_evidence_id()
        if evidence_id is None:
            self.statusBar().showMessage("Select an evidence item in the Evidence tab first", 5000)
            return
        action(evidence_id)

    def _rating_edited(self, evidence_id: int, scenario_key: str, old, new) -> None:
        label = evidence_draft(self.database, evidence_id).quote[:30]
        if not self._push(SetRatingCommand(self.database, evidence_id, f"“{label}”", scenario_key, old, new,
                                           self.reload)):
            self.matrix.refresh()

    def record_judgement(self) -> bool:
        sid = self.situation.id
        overview = situation_overview(self.database, sid)
        rounds = list_judgements(self.database, sid)
        dialog = JudgementDialog([(s.key, s.name, s.probability) for s in overview.report.scenarios],
                                 rounds[-1].probabilities if rounds else None,
                                 evidence_since_last_round(self.database, sid), default_analyst(), self)
        if not dialog.exec():
            return False
        return self._push(RecordJudgementCommand(self.database, sid, dialog.value(), dialog.rationale.toPlainText(),
                                                 dialog.analyst.text(), self.reload))

    def _fill_situations(self) -> None:
        self.situation_box.blockSignals(True)
        self.situation_box.clear()
        for info in list_situations(self.database):
            self.situation_box.addItem(f"{info.title}  (#{info.id})", info.id)
        self.situation_box.setCurrentIndex(max(self.situation_box.findData(self.situation.id), 0))
        self.situation_box.blockSignals(False)

    def open_situation(self, situation_id: int) -> None:
        self.situation = resolve_situation(self.database, situation_id)
        self._show_situation()

    def _situation_chosen(self, index: int) -> None:
        sid = self.situation_box.itemData(index)
        if sid is not None and sid != self.situation.id:
            self.open_situation(int(sid))

    def show_view(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    # --- file actions --------------------------------------------------------

    def _start_dir(self) -> str:
        return settings.LAST_DIRECTORY.read() or str(Path.home())

    def choose_database(self) -> None:
        path = open_file(self, "Open database", self._start_dir(),
                                              "Signpost databases (*.db *.sqlite);;All files (*)")
        if path:
            self.open_database(path)

    def open_database(self, location: str) -> bool:
        """Switch to another database (created and seeded if new); the current one stays on error."""
        try:
            database = open_workspace(location)
            situation = resolve_situation(database)
        except Exception as exc:
            show_error(self, "Cannot open database", exc)
            return False
        settings.LAST_DIRECTORY.write(str(Path(location).parent))
        old = self.database
        self.database, self.situation = database, situation
        old.close()
        self._show_situation()
        return True

    def back_up_now(self):
        out = backup_now(self, self.database.location)
        if out is not None:
            self.statusBar().showMessage(f"Backed up to {out}", 8000)
        return out

    def choose_backup_to_restore(self) -> bool:
        """The backups dialog; after a restore the database is opened again (caches and undo history
        belong to the content it replaced)."""
        dialog = RestoreDialog(self.database.location, self)
        if dialog.exec() != dialog.DialogCode.Accepted or dialog.restored is None:
            return False
        return self.reopen_after_restore(dialog.restored)

    def reopen_after_restore(self, restored) -> bool:
        if not self.open_database(str(restored.database)):
            return False
        self.undo_stack.clear()
        kept = f"; what it replaced is in {restored.replaced_copy}" if restored.replaced_copy else ""
        self.statusBar().showMessage(f"Restored from {restored.restored_from.name}{kept}", 12000)
        return True

    def choose_bundle_to_import(self) -> None:
        path = open_file(self, "Import bundle", self._start_dir(), BUNDLE_FILTER)
        if path:
            settings.LAST_DIRECTORY.write(str(Path(path).parent))
            self.import_bundle(path)

    def import_bundle(self, path: str):
        """Import off the GUI thread behind a busy dialog; opens the new situation when done."""
        progress = QProgressDialog(f"Importing {Path(path).name}…", "", 0, 0, self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Import bundle")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        database = self.database

        def done(summary):
            progress.close()
            self.open_situation(summary.situation_id)
            self.statusBar().showMessage(
                f"Imported {summary.evidence} evidence items, {summary.sources} sources and "
                f"{summary.indicators} indicators from {Path(path).name}", 8000)

        def failed(exc):
            progress.close()
            show_error(self, "Cannot import bundle", exc)

        return run_in_background(lambda: import_bundle_file(database, path, remember=True), done, failed)

    def choose_bundle_to_export(self) -> None:
        suggested = str(Path(self._start_dir()) / "situation.signpost.json")
        path = save_file(self, "Export bundle", suggested, BUNDLE_FILTER)
        if path:
            self.export_bundle(path)

    def export_bundle(self, path: str) -> bool:
        try:
            out = export_bundle_file(self.database, self.situation.id, path)
        except Exception as exc:
            show_error(self, "Cannot export bundle", exc)
            return False
        settings.LAST_DIRECTORY.write(str(Path(path).parent))
        self.statusBar().showMessage(f"Wrote {out}", 8000)
        return True

    # --- articles ------------------------------------------------------------

    def choose_articles_to_import(self) -> None:
        paths = open_files(self, "Import articles", self._start_dir(), ARTICLE_FILTER)
        if paths:
            settings.LAST_DIRECTORY.write(str(Path(paths[0]).parent))
            self.import_articles(paths)

    def import_articles(self, paths: list[str]):
        """Import off the GUI thread behind a cancellable progress dialog, then report and open the first."""
        return import_articles(self, self.database, self.situation.id, paths, self._articles_imported)

    def _articles_imported(self, report) -> None:
        ids = [a.source.id for a in report.imported]
        if ids:
            label = report.imported[0].source.title if len(ids) == 1 else f"{len(ids)} articles"
            self.undo_stack.push(ImportSourcesCommand(self.database, ids, label, self.reload))
            self.show_view("sources")
            self.sources.refresh()
            self.sources.open_source(ids[0])
        self.statusBar().showMessage(
            f"Imported {len(ids)} source{'s' if len(ids) != 1 else ''}"
            + (f", {len(report.problems)} refused" if report.problems else "")
            + (" (cancelled)" if report.cancelled else ""), 8000)
        if report.problems or report.cancelled or any(a.similar or a.source.published_at is None
                                                       for a in report.imported):
            if self.last_import_report is not None:
                self.last_import_report.close()
                self.last_import_report.deleteLater()
            self.last_import_report = ImportReportDialog(self.database, report, self)
            self.last_import_report.show()      # not modal: the analyst can read the sources beside it

    def paste_source(self) -> bool:
        text = QApplication.clipboard().text()
        if not text.strip():
            self.statusBar().showMessage("The clipboard holds no text to make a source of", 5000)
            return False
        dialog = PasteSourceDialog(text, self)
        if not dialog.exec():
            return False
        try:
            imported = import_pasted_text(self.database, self.situation.id, text, dialog.title.text(),
                                          dialog.published_on(), dialog.reliability.currentData(),
                                          dialog.outlet.text())
        except Exception as exc:
            show_error(self, "Cannot make a source of the clipboard", exc)
            return False
        self._articles_imported(ImportReport(imported=[imported]))
        return True

    def dragEnterEvent(self, event) -> None:
        if article_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = article_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_articles(paths)

    def accept_suggestion(self, row, source_id: int, edit: bool = False) -> bool:
        """Evidence: the dialog prefilled (rate and save). A figure: recorded against its indicator,
        linked to the evidence its sentence became (logging the sentence first if need be)."""
        sid = self.situation.id
        rows = list_suggestions(self.database, source_id)
        if row.kind == "evidence":
            return log_evidence_interactively(self, self.database, sid, self.scenarios, self.undo_stack,
                                              evidence_draft_for(row, source_id), on_change=self.reload,
                                              suggestion_id=row.id)
        sentence = sentence_of(rows, row)
        if sentence is None:
            return False
        if sentence.evidence_id is None:
            if not log_evidence_interactively(self, self.database, sid, self.scenarios, self.undo_stack,
                                              evidence_draft_for(sentence, source_id), on_change=self.reload,
                                              suggestion_id=sentence.id):
                return False
            sentence = next(r for r in list_suggestions(self.database, source_id) if r.id == sentence.id)
        value = None
        if edit:
            value, ok = QInputDialog.getDouble(self, "Figure", f"Value of “{row.text}”:", float(row.value),
                                               -1e15, 1e15, 2)
            if not ok:
                return False
        indicator = row.indicator if row.indicator and not edit else self._choose_indicator(row)
        if indicator is None:
            return False
        before = indicator_status(self.database, sid, indicator)
        if not self._push(AcceptQuantityCommand(self.database, sid, row.id, sentence.evidence_id, indicator,
                                                sentence.observed or date.today(), row.text,
                                                self.reload_indicators, value)):
            return False
        self._check_crossing(indicator, before)
        return True

    def _choose_indicator(self, row) -> str | None:
        listed = indicator_names(self.database, self.situation.id)
        new = f"New indicator “{row.unit}”…"
        names = [f"{name} ({unit})" for _id, _key, name, unit in listed] + [new]
        keys = [key for _id, key, _name, _unit in listed]
        current = keys.index(row.indicator) if row.indicator in keys else len(names) - 1
        question = (f"Record “{row.text}” in:" if row.indicator else
                    f"No indicator matches “{row.text}”. Record it in:")
        choice, ok = QInputDialog.getItem(self, "Which indicator?", question, names, current, False)
        if not ok:
            return None
        if choice != new:
            return keys[names.index(choice)]
        name, ok = QInputDialog.getText(self, "New indicator", "Name:", text=row.unit.capitalize())
        if not ok or not name.strip():
            return None
        try:
            return new_indicator_for(self.database, self.situation.id, row.unit, name)
        except Exception as exc:
            show_error(self, "Cannot create the indicator", exc)
            return None

    def edit_source_details(self, source_id: int) -> bool:
        old = source_details(self.database, source_id)
        title = get_source(self.database, source_id).title
        dialog = SourceDetailsDialog(title, old, self)
        if not dialog.exec() or dialog.value() == old:
            return False
        return self._push(EditSourceDetailsCommand(self.database, source_id, old, dialog.value(), title, self.reload))

    def _decide_suggestion(self, row, reopen: bool) -> bool:
        return self._push(RejectSuggestionCommand(self.database, row.id, row.text, self.reload, reopen=reopen))

    # --- indicators (all through the undo stack) ------------------------------------------------

    def reload_indicators(self) -> None:
        """A reload after a change to an indicator or its figures: the tiles and the tab redraw too."""
        self._indicators_stale = True
        self.reload()

    def open_indicator(self, key: str) -> None:
        self.show_view("indicators")
        self.indicators.select_indicator(key)

    def new_indicator(self) -> bool:
        dialog = IndicatorDialog(self.scenarios, parent=self)
        if not dialog.exec():
            return False
        command = CreateIndicatorCommand(self.database, self.situation.id, dialog.value(), self.reload_indicators)
        if not self._push(command):
            return False
        self.open_indicator(command.made.key)
        return True

    def edit_indicator(self, indicator_id: int) -> bool:
        old = get_indicator(self.database, indicator_id).draft
        dialog = IndicatorDialog(self.scenarios, old, self)
        if not dialog.exec() or dialog.value() == old:
            return False
        return self._push(EditIndicatorCommand(self.database, indicator_id, old, dialog.value(),
                                               self.reload_indicators))

    def archive_indicator(self, indicator_id: int, name: str) -> bool:
        done = self._push(ArchiveIndicatorCommand(self.database, indicator_id, name, self.reload_indicators))
        if done:
            self.statusBar().showMessage(f"Archived “{name}”: Edit → Undo or Restore… brings it back", 8000)
        return done

    def restore_indicator(self) -> bool:
        archived = archived_indicators(self.database, self.situation.id)
        if not archived:
            self.statusBar().showMessage("No archived indicators", 5000)
            return False
        names = [f"{name} ({key})" for _id, key, name in archived]
        choice, ok = QInputDialog.getItem(self, "Restore indicator", "Archived indicators:", names, 0, False)
        if not ok:
            return False
        indicator_id, key, name = archived[names.index(choice)]
        if not self._push(ArchiveIndicatorCommand(self.database, indicator_id, name, self.reload_indicators,
                                                  restore=True)):
            return False
        self.open_indicator(key)
        return True

    def _evidence_in_hand(self) -> int | None:
        """The evidence item selected in the Evidence tab, when that tab is in view."""
        return self.evidence.selected_evidence_id() if self.tabs.currentWidget() is self.evidence else None

    def _observation_dialog(self, draft=None, indicator: str | None = None) -> ObservationDialog:
        names = indicator_names(self.database, self.situation.id)
        evidence = evidence_choices(self.database, self.situation.id, include=draft.evidence_id if draft else None)
        return ObservationDialog([(key, name, unit) for _id, key, name, unit in names], evidence, draft, indicator,
                                 self)

    def record_figure(self, indicator: str | None = None, evidence_id: int | None = None) -> bool:
        """The observation dialog (from an evidence item: its day and link preset); when the figure takes
        the indicator past a threshold, the notice offers to log that as evidence."""
        draft = None
        if evidence_id is not None:
            item = evidence_draft(self.database, evidence_id)
            draft = ObservationDraft(item.observed_at, None, evidence_id=evidence_id)
        dialog = self._observation_dialog(draft, indicator)
        if not dialog.exec():
            return False
        value, key = dialog.value(), dialog.indicator_key()
        command = AddObservationCommand(self.database, self.situation.id, key, value,
                                        f"{value.value:g}", self.reload_indicators)
        if not self._push(command):
            return False
        self.indicators.select_indicator(key)
        self.indicators.select_observation(command.result.id)
        if command.result.crossed:
            self._announce_crossing(command.result, value)
        return True

    def _check_crossing(self, indicator: str, before) -> None:
        """Figures that came in another way than the figure dialog: the same notice if they crossed."""
        found = crossing_since(self.database, self.situation.id, indicator, before)
        if found is not None:
            self._announce_crossing(*found)

    def _announce_crossing(self, added, value) -> None:
        definition = find_indicator(self.database, self.situation.id, added.indicator).draft
        source_id = evidence_draft(self.database, value.evidence_id).source_id if value.evidence_id else None
        draft = crossing_draft(added, value, definition, source_id)
        self.threshold_notice.announce(added, draft, dict(self.scenarios))

    def edit_figure(self, observation_id: int) -> bool:
        rows = observation_rows(self.database, [observation_id])
        if not rows:
            return False
        old = as_draft(rows[0])
        key = get_indicator(self.database, rows[0].indicator_id).key
        dialog = self._observation_dialog(old, key)
        dialog.indicator.setEnabled(False)          # a figure stays with its indicator
        if not dialog.exec() or dialog.value() == old:
            return False
        return self._push(EditObservationCommand(self.database, observation_id, old, dialog.value(),
                                                 f"{old.value:g} of {old.observed_at.isoformat()}",
                                                 self.reload_indicators))

    def delete_figure(self, observation_id: int) -> bool:
        rows = observation_rows(self.database, [observation_id])
        if not rows:
            return False
        label = f"{rows[0].value:g} of {rows[0].at.isoformat()}"
        done = self._push(DeleteObservationCommand(self.database, observation_id, label, self.reload_indicators))
        if done:
            self.statusBar().showMessage(f"Deleted figure {label}: Edit → Undo puts it back", 8000)
        return done

    def import_figures(self, indicator: str, path: str | None = None):
        """A CSV file read and stored off the GUI thread behind a busy dialog; then one undoable command."""
        if path is None:
            path = open_file(self, "Import figures", self._start_dir(),
                                                  "CSV files (*.csv *.txt);;All files (*)")
            if not path:
                return None
            settings.LAST_DIRECTORY.write(str(Path(path).parent))
        progress = QProgressDialog(f"Importing {Path(path).name}…", "", 0, 0, self)
        progress.setObjectName("figuresProgress")
        progress.setWindowTitle("Import figures")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        database, sid = self.database, self.situation.id
        before = indicator_status(database, sid, indicator)

        def done(ids):
            progress.close()
            # the push redraws (the command's first redo runs reload_indicators)
            self.undo_stack.push(ImportObservationsCommand(database, ids, Path(path).name, self.reload_indicators))
            self._check_crossing(indicator, before)
            self.statusBar().showMessage(f"Imported {len(ids)} figures of {indicator} from {Path(path).name}", 8000)

        def failed(exc):
            progress.close()
            show_error(self, "Cannot import the figures", exc)

        return run_in_background(lambda: import_observations_csv(database, sid, indicator, path), done, failed)

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About Signpost",
            f"<h3>Signpost {__version__}</h3>"
            "<p>A scenario tracker for analysts following a fast-moving crisis: log graded evidence, "
            "rate it against competing scenarios, track indicators, and compare scenario likelihoods "
            "(Bayesian ACH, ICD 203 estimative language, Admiralty grading).</p>"
            f"<p>Database: {self.database.location}</p>")

    # --- state ---------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.read()
        if geometry:
            self.restoreGeometry(geometry)
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
