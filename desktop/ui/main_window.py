"""The main window: scenario cards beside the Dashboard, Evidence and Indicators tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressDialog, QSplitter, QTabWidget, QToolBar,
    QWidget,
)

from desktop import __version__
from desktop.services.bundles import export_bundle_file, import_bundle_file
from desktop.services.evidence import list_evidence
from desktop.services.indicators import indicator_overview
from desktop.services.likelihoods import situation_overview
from desktop.services.situations import list_situations, resolve_situation
from desktop.services.workspace import open_workspace
from desktop.ui import settings
from desktop.ui.common.errors import show_error
from desktop.ui.common.worker import run_in_background
from desktop.ui.dashboard.view import DashboardView
from desktop.ui.evidence.view import EvidenceView
from desktop.ui.indicators.view import IndicatorsView
from desktop.ui.scenario_cards import ScenarioCardsPanel

TABS = ("dashboard", "evidence", "indicators")
BUNDLE_FILTER = "Signpost bundles (*.signpost.json *.json);;All files (*)"


class MainWindow(QMainWindow):
    """Holds the open database (an opaque handle from services) and the situation shown."""

    def __init__(self, database, situation_id: int | None = None, parent: QWidget | None = None,
                 persist_state: bool = True):
        super().__init__(parent)
        self.persist_state = persist_state  # a snapshot must not overwrite the user's window layout
        self.setObjectName("mainWindow")
        self.database = database
        self.situation = resolve_situation(database, situation_id)
        self._build()
        if persist_state:
            self._restore_state()
        self.reload()

    # --- construction --------------------------------------------------------

    def _build(self) -> None:
        self.cards = ScenarioCardsPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.dashboard = DashboardView()
        self.evidence = EvidenceView()
        self.indicators = IndicatorsView()
        self.tabs.addTab(self.dashboard, "&Dashboard")
        self.tabs.addTab(self.evidence, "&Evidence")
        self.tabs.addTab(self.indicators, "&Indicators")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.cards)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 1100])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.setStyleSheet("QMainWindow, #cardsInner { background: #f4f6f7; }")
        self._build_menus()
        self._build_toolbar()
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.database_label)
        self.resize(1440, 900)
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
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.setObjectName("fileMenu")
        for a in (self.open_action, self.import_action, self.export_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
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
        self.situation_box.setMinimumWidth(380)
        self.situation_box.activated.connect(self._situation_chosen)
        bar.addWidget(self.situation_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # --- data ----------------------------------------------------------------

    def reload(self) -> None:
        """Redraw everything from the services for the current situation."""
        sid = self.situation.id
        overview = situation_overview(self.database, sid)
        report = overview.report
        self.cards.set_cards(overview.cards)
        self.dashboard.show_data(report, overview.history)
        self.evidence.show_rows(list_evidence(self.database, sid), [(s.key, s.name) for s in report.scenarios])
        self.indicators.show_series(indicator_overview(self.database, sid))
        self.setWindowTitle(f"{self.situation.title} — Signpost")
        self.database_label.setText(f"Database: {self.database.location}")
        self.statusBar().showMessage(f"{report.evidence_count} evidence items counted", 5000)
        self._fill_situations()

    def _fill_situations(self) -> None:
        self.situation_box.blockSignals(True)
        self.situation_box.clear()
        for info in list_situations(self.database):
            self.situation_box.addItem(f"{info.title}  (#{info.id})", info.id)
        self.situation_box.setCurrentIndex(max(self.situation_box.findData(self.situation.id), 0))
        self.situation_box.blockSignals(False)

    def open_situation(self, situation_id: int) -> None:
        self.situation = resolve_situation(self.database, situation_id)
        self.reload()

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
        path, _ = QFileDialog.getOpenFileName(self, "Open database", self._start_dir(),
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
        self.reload()
        return True

    def choose_bundle_to_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import bundle", self._start_dir(), BUNDLE_FILTER)
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
        path, _ = QFileDialog.getSaveFileName(self, "Export bundle", suggested, BUNDLE_FILTER)
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
