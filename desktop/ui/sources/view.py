"""Sources tab: the situation's sources (filterable) on the left, the selected one in the reader on the right.

`log_requested` is the reader's, re-emitted: the window answers it with the evidence
dialog (`log_evidence_interactively(..., draft=draft, on_change=...)`) and refreshes this
view from its on_change so the new quote is highlighted at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from desktop.domain.grading import RELIABILITY_LABELS
from desktop.services.sources import SourceSummary, list_sources
from desktop.ui.common.layout import steady_page_width
from desktop.ui.common.theme import format_day, muted_style, themed_style
from desktop.ui.sources.reader import SourceReader
from desktop.ui.sources.suggestions_panel import SuggestionsPanel

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1   # the SourceSummary of a row
TITLE_CHARACTERS = 30     # the list shows at least this much of a title when the window allows
LIST_SHARE, SUGGESTIONS_SHARE = 0.34, 0.24    # of the tab's width, until the analyst moves the dividers
READER_MIN_WIDTH = 380    # narrower, the suggestions go under the reader instead of beside it
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_COLUMNS = (
    ("date", "Date", lambda s: s.published_at.isoformat() if s.published_at else "",
     lambda s: s.published_at.toordinal() if s.published_at else 0),
    ("title", "Title", lambda s: s.title, lambda s: s.title.lower()),
    ("outlet", "Outlet", lambda s: s.outlet or "", lambda s: (s.outlet or "").lower()),
    ("grade", "Grade", lambda s: s.reliability, lambda s: s.reliability),
)


class SourceListModel(QAbstractTableModel):
    """Rows are SourceSummary DTOs from the sources service; reload replaces them with a reset."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[SourceSummary] = []

    def set_rows(self, rows: list[SourceSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[SourceSummary]:
        return list(self._rows)

    def row_of(self, source_id: int) -> int:
        for i, s in enumerate(self._rows):
            if s.id == source_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(_COLUMNS):
            return _COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(_COLUMNS)):
            return None
        s = self._rows[index.row()]
        key, _header, text, sort = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(s)
        if role == SORT_ROLE:
            return sort(s)
        if role == SOURCE_ROLE:
            return s
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "grade":
                return f"{s.reliability} — {RELIABILITY_LABELS.get(s.reliability, '')}"
            return f"{s.key}: {s.label}"
        return None


class SourcesView(QWidget):
    log_requested = Signal(object)   # EvidenceDraft, from the reader
    accept_suggestion = Signal(object, int)   # SuggestionRow, source id
    reject_suggestion = Signal(object, int)
    reopen_suggestion = Signal(object, int)
    details_requested = Signal(int)           # source id
    edit_suggestion = Signal(object, int)
    find_suggestions = Signal(int)            # source id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        steady_page_width(self)   # the splitter beside the cards never moves (common/layout.py)
        self.setObjectName("sources")
        self.database = None
        self.as_of = None       # the window's as-of date: sources published later are not listed
        self._later = 0
        self.situation_id: int | None = None

        self.model = SourceListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit()
        self.filter.setObjectName("sourceFilter")
        self.filter.setPlaceholderText("Filter by title, outlet, date or grade…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel()
        self.count.setObjectName("sourceCount")
        themed_style(self.count, muted_style())

        self.table = QTableView()
        self.table.setObjectName("sourceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        sort_arrow = 24     # the header's sort indicator and margins
        self.table.setColumnWidth(0, max(metrics.horizontalAdvance("0000-00-00") + 12,
                                         header.fontMetrics().horizontalAdvance("Date") + sort_arrow))
        self.table.setColumnWidth(2, metrics.horizontalAdvance("Outlet name") + 12)
        self.table.setColumnWidth(3, header.fontMetrics().horizontalAdvance("Grade") + sort_arrow)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(8, 8, 0, 8)
        lv.addWidget(self.filter)
        lv.addWidget(self.table, 1)
        self.details_button = QPushButton("Source &details…")
        self.details_button.setObjectName("sourceDetailsButton")
        self.details_button.setToolTip("Publication day, outlet and reliability grade of the selected source")
        self.details_button.clicked.connect(self._ask_details)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.details_button)
        lv.addLayout(bottom)

        self.reader = SourceReader()
        self.reader.log_requested.connect(self.log_requested)

        self.suggestions = SuggestionsPanel()
        self.suggestions.span_selected.connect(self.reader.select_range)
        self.suggestions.accept_requested.connect(lambda row: self._forward(self.accept_suggestion, row))
        self.suggestions.reject_requested.connect(lambda row: self._forward(self.reject_suggestion, row))
        self.suggestions.reopen_requested.connect(lambda row: self._forward(self.reopen_suggestion, row))
        self.suggestions.edit_requested.connect(lambda row: self._forward(self.edit_suggestion, row))
        self.suggestions.find_requested.connect(self.find_suggestions)

        # The list, then the reader with the suggestions beside it (or under it, in a narrow window).
        self.reading = QSplitter(Qt.Orientation.Horizontal)
        self.reading.setObjectName("sourceReading")
        self.reading.addWidget(self.reader)
        self.reading.addWidget(self.suggestions)
        self.reading.setStretchFactor(0, 3)
        self.reading.setStretchFactor(1, 2)
        self.reading.setChildrenCollapsible(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reading)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setSizes([330, 900])
        self._sized_by_hand = False     # once the analyst moves a divider, the panes keep their sizes
        self.splitter.splitterMoved.connect(self._dividers_moved)
        self.reading.splitterMoved.connect(self._dividers_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # --- layout ---------------------------------------------------------------------------------

    def list_width_for_titles(self) -> int:
        """The list pane's width that shows TITLE_CHARACTERS of a title beside the other columns."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != 1)
        metrics = self.table.fontMetrics()
        title = metrics.horizontalAdvance("x" * TITLE_CHARACTERS + "…") + 12   # text margins
        chrome = (self.table.frameWidth() * 2 + self.table.verticalScrollBar().sizeHint().width()
                  + self.splitter.widget(0).layout().contentsMargins().left())
        return others + title + chrome

    def _dividers_moved(self, *_args) -> None:
        self._sized_by_hand = True

    def _share_width(self) -> None:
        """The list wide enough for readable titles; the reader and the suggestions side by side when the
        reader keeps READER_MIN_WIDTH beside suggestions as wide as their buttons, else one over the other."""
        handle = self.splitter.handleWidth()
        total = self.splitter.width() - handle
        if total <= 0:
            return
        listing = max(self.list_width_for_titles(), int(total * LIST_SHARE))
        least = self.suggestions.minimumSizeHint().width()
        rest = total - listing - handle
        side_by_side = rest - least >= READER_MIN_WIDTH
        self.reading.setOrientation(Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical)
        if side_by_side:
            suggestions = max(least, min(int(total * SUGGESTIONS_SHARE), rest - READER_MIN_WIDTH))
            self.reading.setSizes([rest - suggestions, suggestions])
        else:
            height = self.reading.height() - handle
            self.reading.setSizes([height * 3 // 5, height - height * 3 // 5])
        self.splitter.setSizes([listing, total - listing])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._sized_by_hand:
            self._share_width()

    # --- what the window calls -------------------------------------------------------------------

    def show_situation(self, database, situation_id: int) -> None:
        """List the situation's sources and open the newest."""
        self.database, self.situation_id = database, situation_id
        self.filter.clear()
        self.reader.show_source(database, None)
        self.suggestions.show_source(database, None)
        self._load()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        """Reload the list (keeping the open source) and the reader's highlights."""
        if self.database is None:
            return
        current = self.reader.source_id
        self._load()
        if current is not None and self._select(current):
            self.reader.refresh()
            self.suggestions.refresh()
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.reader.show_source(self.database, None)
            self.suggestions.show_source(self.database, None)

    def open_source(self, source_id: int) -> bool:
        """Select the source in the list (clearing a filter that hides it) and show it; False if not listed."""
        if self.model.row_of(source_id) < 0:
            return False
        if not self._select(source_id):
            self.filter.clear()
            self._select(source_id)
        if self.reader.source_id != source_id:
            self.reader.show_source(self.database, source_id)
            self.suggestions.show_source(self.database, source_id)
        return True

    def set_as_of(self, day) -> None:
        """List what had been published by `day` (None: everything); takes effect on the next refresh."""
        self.as_of = day

    def _ask_details(self) -> None:
        if self.reader.source_id is not None:
            self.details_requested.emit(self.reader.source_id)

    def _forward(self, signal, row) -> None:
        if self.reader.source_id is not None:
            signal.emit(row, self.reader.source_id)

    def current_source_id(self) -> int | None:
        return self.reader.source_id

    # --- inside ----------------------------------------------------------------------------------

    def _load(self) -> None:
        rows = list_sources(self.database, self.situation_id)
        if self.as_of is not None:       # undated sources stay: nothing says they came later
            shown = [r for r in rows if r.published_at is None or r.published_at <= self.as_of]
            self._later = len(rows) - len(shown)
            rows = shown
        else:
            self._later = 0
        self.model.set_rows(rows)
        self._update_count()

    def _select(self, source_id: int) -> bool:
        row = self.model.row_of(source_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())   # the reader follows only if this is another source
        self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = current.data(SOURCE_ROLE) if current.isValid() else None
        if summary is not None and summary.id != self.reader.source_id:
            self.reader.show_source(self.database, summary.id)
            self.suggestions.show_source(self.database, summary.id)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "source" if total == 1 else "sources"
        text = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        if self.as_of is not None:
            text += f" published by {format_day(self.as_of)}"
            if self._later:
                text += f" ({self._later} later not listed)"
        self.count.setText(text)
