"""The scenario cards and the six tabs, kept in step with the window's change stream.

Each `ChangeSet` is read once here: the cards and the dashboard redraw when evidence or
judgements moved, the indicator tiles when figures did, and each tab is marked stale only
for the tables it shows, then redrawn when it is next in view (so logging one item stays quick
however large the log). Redraws keep the analyst's place: selections, filters and scroll
positions survive them, and the undo history is never touched.

The cards and the dashboard exist from the start; every other tab is built, and its modules
imported, when it is first shown or first asked for (`view(name)`): until then a `PendingPage`
holds its place and nothing needs redrawing. So the window shows its dashboard without loading
the matrix, the evidence table, the indicator charts or the source reader. Before the window
follows a context (`follow`), it can draw a dashboard kept from the last session (`draw_kept`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget

from desktop.services.changes import EVIDENCE_TABLES, INDICATOR_TABLES, JUDGEMENT_TABLES, ChangeSet
from desktop.services.likelihoods import situation_overview
from desktop.ui.dashboard.view import DashboardView
from desktop.ui.indicators.notice import ThresholdNotice
from desktop.ui.scenario_cards import ScenarioCardsPanel
from desktop.ui.shell import TAB_TITLES, TABS, PendingPage

# What each tab shows, by table: a change to any of them makes the tab stale.
_SHOWN_BY = {
    "evidence": EVIDENCE_TABLES | {"suggestion"},
    "matrix": EVIDENCE_TABLES,
    "indicators": INDICATOR_TABLES | {"evidence"},
    "sources": {"source", "suggestion", "evidence"},
    "compare": EVIDENCE_TABLES | JUDGEMENT_TABLES,
}
_OVERVIEW = EVIDENCE_TABLES | JUDGEMENT_TABLES
_AS_OF_LATER = ("evidence", "sources", "compare", "indicators")   # views whose as-of date waits for a refresh


def _make_view(name: str):
    """A new view of tab `name`, its module imported now (the first time the tab is needed)."""
    if name == "evidence":
        from desktop.ui.evidence.view import EvidenceView
        return EvidenceView()
    if name == "matrix":
        from desktop.ui.matrix.view import MatrixView
        return MatrixView()
    if name == "indicators":
        from desktop.ui.indicators.view import IndicatorsView
        return IndicatorsView()
    if name == "sources":
        from desktop.ui.sources.view import SourcesView
        return SourcesView()
    if name == "compare":
        from desktop.ui.compare.view import CompareView
        return CompareView()
    raise KeyError(name)


class Screens(QObject):
    """Builds the views and redraws them from the context: the window only lays them out."""

    overview_shown = Signal(object)     # the SituationOverview just drawn
    built = Signal(str, object)         # (tab name, view): a tab's view has just been made (the window wires it)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.context = None
        self.cards = ScenarioCardsPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.dashboard = DashboardView()
        self.threshold_notice = ThresholdNotice()
        self._views: dict[str, object] = {"dashboard": self.dashboard}
        for name, title in zip(TABS, TAB_TITLES):
            self.tabs.addTab(self.dashboard if name == "dashboard" else PendingPage(name), title)
        self._stale: set[str] = set()
        self._tiles_stale = True
        self._series: list = []
        self._history = (None, ())      # the last overview's history and judgement rounds (for the indicators tab)
        self._last_day = None           # the situation's latest evidence day (where the compare tab opens)
        self._drawn = None              # see last_drawn()
        self.tabs.currentChanged.connect(lambda _i: self._current_changed())

    def follow(self, context) -> None:
        """Draw from `context` from now on: its situation, its changes, its as-of date."""
        self.context = context
        context.changed.connect(self.apply)
        context.situation_shown.connect(self.show_situation)
        context.as_of_changed.connect(self.set_as_of)

    def view(self, name: str):
        """The view of tab `name`, built now if it was not yet."""
        return self._views.get(name) or self._build(name)

    def built_view(self, name: str):
        """The view of tab `name` if it has been built, else None."""
        return self._views.get(name)

    def current_name(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_view(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    # --- building a tab when it is first needed -------------------------------------------------

    def _build(self, name: str):
        view = _make_view(name)
        self._views[name] = view
        i = TABS.index(name)
        pending, current = self.tabs.widget(i), self.tabs.currentIndex()
        self.tabs.blockSignals(True)        # the same tab stays current: nobody needs to hear of the swap
        try:
            self.tabs.removeTab(i)
            self.tabs.insertTab(i, view, TAB_TITLES[i])
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        pending.deleteLater()
        self.built.emit(name, view)
        if self.context is not None:
            self._open_in(name, view)
            self._stale.discard(name)
            day = self.context.as_of
            if day is not None:
                view.set_as_of(day)
                if name != "matrix":                # the matrix reads again at once, the others when refreshed
                    self._stale.add(name)
        return view

    def _open_in(self, name: str, view) -> None:
        """Point one view at the context's situation, as opening the situation does."""
        c = self.context
        database, sid = c.database, c.situation_id
        if name == "evidence":
            view.show_situation(database, sid, c.scenarios)
        elif name in ("matrix", "sources"):
            view.show_situation(database, sid)
        elif name == "indicators":
            view.show_situation(database, sid)
            if self._history[0] is not None:
                view.set_history(*self._history)
        elif name == "compare":
            view.show_situation(database, sid, last_day=self._last_day)

    def _current_changed(self) -> None:
        name = self.current_name()
        if name not in self._views and self.context is not None:
            self._build(name)
        self._redraw_current()

    # --- whole situations -----------------------------------------------------------------------

    def draw_kept(self, paint) -> None:
        """The cards and the dashboard as the last session left them (a `FirstPaint`), before any context."""
        self.cards.set_cards(paint.overview.cards)
        self.dashboard.show_data(paint.overview, paint.rounds, paint.status)
        self.dashboard.show_indicators(list(paint.indicators))

    def show_situation(self) -> None:
        """Point every view at the context's situation (after opening a database or a situation)."""
        c = self.context
        database, sid = c.database, c.situation_id
        for name in _AS_OF_LATER:
            if name in self._views:
                self._views[name].set_as_of(None)
        overview = situation_overview(database, sid)
        c.scenarios = [(s.key, s.name) for s in overview.report.scenarios]
        days = overview.history.evidence_days
        self._last_day = max(days) if days else None
        self._history = (None, ())      # the indicators tab gets this situation's with the overview below
        for name in ("evidence", "matrix", "sources", "indicators"):
            if name in self._views:
                self._open_in(name, self._views[name])
        self.threshold_notice.hide()
        if "compare" in self._views:
            self._open_in("compare", self._views["compare"])
        self._tiles_stale = True
        self._stale = set()
        self._draw_overview(overview)
        if self.current_name() not in self._views:
            self._build(self.current_name())

    def set_as_of(self, day) -> None:
        """Replay every view as it stood on `day` (None: all evidence)."""
        for name in _AS_OF_LATER:
            if name in self._views:
                self._views[name].set_as_of(day)
        if "matrix" in self._views:
            self._views["matrix"].set_as_of(day)
        self._tiles_stale = True
        self._stale = set(_SHOWN_BY) & set(self._views)
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
            view = self._views.get(name)
            if view is None:
                continue                # not built yet: it reads everything when it is
            absorbs = getattr(view, "absorbs", None)
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
        if name in self._stale and name in self._views:
            self._stale.discard(name)
            self._views[name].refresh()

    def _draw_overview(self, overview=None) -> None:
        from desktop.services.indicators import indicator_overview
        from desktop.services.judgements import judgement_status, list_judgements

        c = self.context
        mark = c.mark           # read before what follows: the numbers are at least this recent
        if overview is None:
            overview = situation_overview(c.database, c.situation_id, c.as_of)
        report = overview.report
        rounds = list_judgements(c.database, c.situation_id)
        status = judgement_status(c.database, c.situation_id, {s.key: s.probability for s in report.scenarios},
                                  rounds=rounds) if rounds else None
        self.cards.set_cards(overview.cards)
        self.dashboard.show_data(overview, rounds, status)
        self._history = (overview.history, rounds)
        if "indicators" in self._views:
            self._views["indicators"].set_history(overview.history, rounds)
        if self._tiles_stale:
            self._tiles_stale = False
            self._series = indicator_overview(c.database, c.situation_id, c.as_of)
            self.dashboard.show_indicators(self._series)
        if c.as_of is None:
            self._drawn = (mark, c.situation_id, overview, rounds, status, self._series)
        self.overview_shown.emit(overview)

    def last_drawn(self):
        """(change-log mark, situation id, overview, rounds, status, indicator series) of the latest state drawn
        without an as-of date, read at that mark or later; None before the first."""
        return self._drawn
