"""The scenario cards and the six tabs, kept in step with the window's change stream.

Each `ChangeSet` is read once here: the cards and the dashboard redraw when evidence or
judgements moved, the indicator tiles when figures did, and each tab is marked stale only
for the tables it shows, then redrawn when it is next in view (so logging one item stays quick
however large the log). Redraws keep the analyst's place: selections, filters and scroll
positions survive them, and the undo history is never touched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget

from desktop.services.changes import EVIDENCE_TABLES, INDICATOR_TABLES, JUDGEMENT_TABLES, ChangeSet
from desktop.services.indicators import indicator_overview
from desktop.services.judgements import judgement_status, list_judgements
from desktop.services.likelihoods import situation_overview
from desktop.ui.compare.view import CompareView
from desktop.ui.dashboard.view import DashboardView
from desktop.ui.evidence.view import EvidenceView
from desktop.ui.indicators.notice import ThresholdNotice
from desktop.ui.indicators.view import IndicatorsView
from desktop.ui.matrix.view import MatrixView
from desktop.ui.scenario_cards import ScenarioCardsPanel
from desktop.ui.sources.view import SourcesView

TABS = ("dashboard", "evidence", "matrix", "indicators", "sources", "compare")
TAB_TITLES = ("Dashboard", "Evidence", "Matrix", "Indicators", "Sources", "Compare")

# What each tab shows, by table: a change to any of them makes the tab stale.
_SHOWN_BY = {
    "evidence": EVIDENCE_TABLES | {"suggestion"},
    "matrix": EVIDENCE_TABLES,
    "indicators": INDICATOR_TABLES | {"evidence"},
    "sources": {"source", "suggestion", "evidence"},
    "compare": EVIDENCE_TABLES | JUDGEMENT_TABLES,
}
_OVERVIEW = EVIDENCE_TABLES | JUDGEMENT_TABLES


class Screens(QObject):
    """Builds the views and redraws them from the context: the window only lays them out."""

    overview_shown = Signal(object)     # the SituationOverview just drawn

    def __init__(self, context, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
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
        self.threshold_notice = ThresholdNotice()
        for name, title in zip(TABS, TAB_TITLES):
            self.tabs.addTab(self.view(name), title)
        self._stale: set[str] = set()
        self._tiles_stale = True
        self.tabs.currentChanged.connect(lambda _i: self._redraw_current())
        context.changed.connect(self.apply)
        context.situation_shown.connect(self.show_situation)
        context.as_of_changed.connect(self.set_as_of)

    def view(self, name: str):
        return getattr(self, name)

    def current_name(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_view(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    # --- whole situations -----------------------------------------------------------------------

    def show_situation(self) -> None:
        """Point every view at the context's situation (after opening a database or a situation)."""
        c = self.context
        database, sid = c.database, c.situation_id
        for name in ("evidence", "sources", "compare", "indicators"):
            self.view(name).set_as_of(None)
        overview = situation_overview(database, sid)
        c.scenarios = [(s.key, s.name) for s in overview.report.scenarios]
        days = overview.history.evidence_days
        self.evidence.show_situation(database, sid, c.scenarios)
        self.matrix.show_situation(database, sid)
        self.sources.show_situation(database, sid)
        self.indicators.show_situation(database, sid)
        self.threshold_notice.hide()
        self.compare.show_situation(database, sid, last_day=max(days) if days else None)
        self._tiles_stale = True
        self._stale = set()
        self._draw_overview(overview)

    def set_as_of(self, day) -> None:
        """Replay every view as it stood on `day` (None: all evidence)."""
        for name in ("evidence", "sources", "compare", "indicators"):
            self.view(name).set_as_of(day)
        self.matrix.set_as_of(day)
        self._tiles_stale = True
        self._stale = set(_SHOWN_BY)
        self._draw_overview()
        self._redraw_current()

    # --- changes ------------------------------------------------------------------------------

    def apply(self, changes: ChangeSet) -> None:
        """Redraw what `changes` touch in the situation in view; leave the rest for when it is shown."""
        c = self.context
        if not changes.concerns(c.situation_id):
            return
        if changes.touches({"scenario", "situation"}) and self._scenarios_moved():
            self._keep_place(self.show_situation)
            return
        for name, tables in _SHOWN_BY.items():
            absorbs = getattr(self.view(name), "absorbs", None)
            if changes.touches(tables) and not (absorbs is not None and absorbs(changes)):
                self._stale.add(name)
        if changes.touches(INDICATOR_TABLES):
            self._tiles_stale = True
        if changes.touches(_OVERVIEW) or self._tiles_stale:
            self._draw_overview()
        self._redraw_current()

    def _scenarios_moved(self) -> bool:
        c = self.context
        now = [(s.key, s.name) for s in situation_overview(c.database, c.situation_id, c.as_of).report.scenarios]
        return now != c.scenarios

    def _keep_place(self, redraw) -> None:
        current = self.tabs.currentIndex()
        redraw()
        self.tabs.setCurrentIndex(current)

    def _redraw_current(self) -> None:
        name = self.current_name()
        if name in self._stale:
            self._stale.discard(name)
            self.view(name).refresh()

    def _draw_overview(self, overview=None) -> None:
        c = self.context
        if overview is None:
            overview = situation_overview(c.database, c.situation_id, c.as_of)
        report = overview.report
        rounds = list_judgements(c.database, c.situation_id)
        status = judgement_status(c.database, c.situation_id, {s.key: s.probability for s in report.scenarios},
                                  rounds=rounds) if rounds else None
        self.cards.set_cards(overview.cards)
        self.dashboard.show_data(overview, rounds, status)
        self.indicators.set_history(overview.history, rounds)
        if self._tiles_stale:
            self._tiles_stale = False
            self.dashboard.show_indicators(indicator_overview(c.database, c.situation_id, c.as_of))
        self.overview_shown.emit(overview)
