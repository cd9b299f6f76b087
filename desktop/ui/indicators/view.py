"""Indicators tab: the list of indicators beside the chosen one's trend chart and observations table.

The chart reads the nearest figure under a crosshair, zooms and pans with the mouse, and opens a
point's evidence on a click; the scenario probabilities can be shown beneath it on the same,
linked time axis. Every change is asked of the window (signals), which pushes an undo command.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from desktop.domain.indicators import corrections
from desktop.services.indicators import export_observations_csv, indicator_overview, observation_rows
from desktop.ui import settings
from desktop.ui.charts.export import ask_and_export
from desktop.ui.charts.indicator_chart import IndicatorChart
from desktop.ui.charts.probability_history import ProbabilityHistoryChart
from desktop.ui.common.errors import show_error
from desktop.ui.common.file_dialogs import save_file
from desktop.ui.common.layout import steady_page_width
from desktop.ui.common.theme import (
    STATUS_TEXT, Colours, colours, follow_palette, format_day, muted_style, themed_style,
)
from desktop.ui.indicators.observations_model import EVIDENCE_ID_ROLE, OBSERVATION_ID_ROLE, ObservationsModel
from desktop.ui.indicators.tiles import (
    latest_text, status_colour, status_text_colour, status_words, trend_arrow, trend_text,
)

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _button(text: str, name: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())   # `clicked` would hand `checked` in as an argument
    return button


class IndicatorsView(QWidget):
    evidence_activated = Signal(int)
    new_requested = Signal()
    edit_requested = Signal(int)                 # indicator id
    archive_requested = Signal(int, str)         # indicator id, name
    restore_requested = Signal()
    add_observation_requested = Signal(str)      # indicator key
    edit_observation_requested = Signal(int)     # observation id
    delete_observation_requested = Signal(int)
    import_csv_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        steady_page_width(self)   # the splitter beside the cards never moves (common/layout.py)
        self.setObjectName("indicators")
        self.database = None
        self.situation_id: int | None = None
        self.as_of = None
        self.series: list = []
        self.current = None
        self._history = None
        self._rounds = ()
        self._wanted: str | None = None     # the indicator to show after the next refresh

        self.list = QListWidget()
        self.list.setObjectName("indicatorList")
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self._edit())
        buttons = QHBoxLayout()
        for b in (_button("New…", "newIndicator", "Define a new indicator", self.new_requested.emit),
                  _button("Edit…", "editIndicator", "Edit the chosen indicator's definition", self._edit),
                  _button("Archive", "archiveIndicator", "Hide the indicator (its figures are kept; Undo or "
                                                         "Restore brings it back)", self._archive),
                  _button("Restore…", "restoreIndicator", "Bring back an archived indicator",
                          self.restore_requested.emit)):
            buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)

        self.status = QLabel("●")
        self.status.setObjectName("status")
        self.title = QLabel()
        self.title.setObjectName("indicatorTitle")
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.title.setWordWrap(True)
        self.latest = QLabel()
        self.latest.setObjectName("latest")
        self.latest.setStyleSheet("font-size: 13pt; font-weight: 700;")
        self.trend = QLabel()
        self.trend.setObjectName("trend")
        themed_style(self.trend, muted_style())
        self.trend.setWordWrap(True)          # "no trend: … · last figure …" is long beside a long name
        self.description = QLabel()
        self.description.setObjectName("indicatorDescriptionLabel")
        self.description.setWordWrap(True)
        themed_style(self.description, muted_style())
        # The value over its trend (or stale notice), right-aligned: side by side they were cut off in a
        # narrow window.
        figures = QVBoxLayout()
        figures.setSpacing(0)
        for label in (self.latest, self.trend):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            figures.addWidget(label)
        head = QHBoxLayout()
        head.addWidget(self.status)
        head.addWidget(self.title, 1)
        head.addSpacing(12)
        head.addLayout(figures)

        self.link_box = QCheckBox("Scenario probabilities beneath (same time axis)")
        self.link_box.setObjectName("linkProbabilities")
        self.link_box.setChecked(settings.LINK_PROBABILITIES.read())
        self.link_box.toggled.connect(self._link_toggled)
        tools = QHBoxLayout()
        tools.addWidget(_button("Record figure…", "recordFigure", "Add an observation of this indicator",
                                self._add_observation))
        tools.addWidget(_button("Fit all", "fitAll", "Show every observation (the mouse wheel zooms, "
                                                     "dragging pans)", self.fit_all))
        tools.addWidget(_button("Export chart…", "exportChart", "Save the chart as PNG or SVG at a size you choose",
                                self.export_chart))
        tools.addStretch(1)
        tools.addWidget(self.link_box)

        self.chart = IndicatorChart()
        self.chart.evidence_clicked.connect(self.evidence_activated)
        self.history = ProbabilityHistoryChart()
        self.history.widget.setObjectName("linkedProbabilityHistory")
        self.history.evidence_clicked.connect(self.evidence_activated)
        self.history.widget.setVisible(False)
        for plot in (self.chart.widget, self.history.widget):
            plot.getPlotItem().getAxis("left").setWidth(64)   # equal plot areas: one day at one x on both

        self.model = ObservationsModel(self)
        self.table = QTableView()
        self.table.setObjectName("observationsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._table_activated)
        rows = QHBoxLayout()
        for b in (_button("Add…", "addObservation", "Record a figure", self._add_observation),
                  _button("Edit…", "editObservation", "Edit the selected figure", self._edit_observation),
                  _button("Delete", "deleteObservation", "Delete the selected figure (Undo puts it back)",
                          self._delete_observation),
                  _button("Import CSV…", "importObservations", "Add figures from a CSV file "
                                                              "(date,value[,note]); all rows or none",
                          self._import_csv),
                  _button("Export CSV…", "exportObservations", "Write this indicator's figures to a CSV file",
                          self.export_csv)):
            rows.addWidget(b)
        rows.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("observationCount")
        themed_style(self.count, muted_style())
        rows.addWidget(self.count)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addLayout(rows)

        self.charts = QSplitter(Qt.Orientation.Vertical)
        self.charts.addWidget(self.chart.widget)
        self.charts.addWidget(self.history.widget)
        self.charts.addWidget(table_box)
        self.charts.setSizes([380, 260, 220])
        self.empty = QLabel("No indicators yet. “New…” defines one: what it counts, its thresholds and the "
                            "scenarios it speaks to.")
        self.empty.setObjectName("indicatorsEmpty")
        self.empty.setWordWrap(True)
        themed_style(self.empty, muted_style("padding: 20px;"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        right_layout.addLayout(head)
        right_layout.addWidget(self.description)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.charts, 1)
        right_layout.addWidget(self.empty)
        self.detail = right

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        follow_palette(self, self._recolour, now=False)

    def _recolour(self, c: Colours) -> None:
        """Status dots in the list and beside the title, in colours readable on their backgrounds."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            series = next((s for s in self.series if s.key == item.data(KEY_ROLE)), None)
            if series is not None:
                item.setData(Qt.ItemDataRole.DecorationRole, QColor(c.status[series.status.value]))
        if self.current is not None:
            self.status.setStyleSheet(f"color: {c.status_text[self.current.status.value]}; font-size: 16pt;")

    # --- contents ------------------------------------------------------------------------

    def show_situation(self, database, situation_id: int) -> None:
        self.database, self.situation_id, self.as_of = database, situation_id, None
        self.current = self._wanted = None
        self.refresh()

    def set_as_of(self, day) -> None:
        self.as_of = day

    def set_history(self, history, rounds=()) -> None:
        """The scenario probabilities the window computed (drawn beneath when asked for)."""
        self._history, self._rounds = history, tuple(rounds)
        if self.link_box.isChecked() and self.current is not None:
            self._draw_history()

    def refresh(self) -> None:
        if self.database is None:
            return
        self.show_series(indicator_overview(self.database, self.situation_id, self.as_of))

    def show_series(self, series: list) -> None:
        keep = self._wanted
        self.series = series
        self.list.blockSignals(True)
        self.list.clear()
        for s in series:
            item = QListWidgetItem(f"{s.name}\n{latest_text(s)}   {'stale' if s.stale else trend_arrow(s)}".rstrip())
            item.setData(KEY_ROLE, s.key)
            item.setToolTip(f"{s.name}: {status_words(s)}")
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(status_colour(s)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [s.key for s in series]
        self.empty.setVisible(not series)
        self.charts.setVisible(bool(series))
        for w in (self.status, self.title, self.latest, self.trend, self.description):
            w.setVisible(bool(series))
        if series:
            self.select_indicator(keep if keep in keys else keys[0])
        else:
            self.current = None
            self.model.set_series([], lambda ids: [])

    def select_indicator(self, key: str) -> bool:
        """Show `key` now if listed, and after every refresh until another is chosen."""
        self._wanted = key
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                if self.list.currentRow() == row:
                    self._show_current(self.series[row])      # same row, new figures: draw them
                else:
                    self.list.setCurrentRow(row)               # draws it through currentItemChanged
                return True
        return False

    def _current_changed(self, item, _previous) -> None:
        if item is not None:
            self._show_current(next(s for s in self.series if s.key == item.data(KEY_ROLE)))

    def _show_current(self, series) -> None:
        self.current = series
        self._wanted = series.key
        self.status.setStyleSheet(f"color: {status_text_colour(series)}; font-size: 16pt;")
        self.status.setToolTip(status_words(series))
        self.title.setText(series.name)
        self.latest.setText(latest_text(series))
        self.latest.setStyleSheet("font-size: 13pt; font-weight: 700;" + (f" color: {colours().muted};" if series.stale else ""))
        # A stale series already names its last figure's day; a current one names it after the trend.
        when = f" · last figure {format_day(series.latest_at)}" if series.latest_at and not series.stale else ""
        self.trend.setText(f"{trend_text(series)}{when}".strip(" ·"))
        thresholds = ", ".join(f"{name} at {v:,g}" for name, v in (("warn", series.warn), ("alert", series.alert))
                               if v is not None)
        worse = "higher is worse" if series.higher_is_worse else "lower is worse"
        self.description.setText(" · ".join(p for p in (series.kind.label.capitalize(), thresholds and
                                                        f"{thresholds} ({worse})", series.description) if p))
        database = self.database
        ids = series.observation_ids

        def details(i: int, database=database, ids=ids):
            rows = observation_rows(database, [int(ids[i])]) if database is not None else []
            return rows[0] if rows else None
        self.chart.set_series(series, details=details)
        self.model.set_series(ids, lambda page, database=database: observation_rows(database, page),
                              corrections=ids[corrections(series.values, series.kind)])
        self.count.setText(f"{series.count:,} figure{'s' if series.count != 1 else ''}")
        if self.link_box.isChecked():
            self._draw_history()

    # --- linked probability chart ---------------------------------------------------------------

    def _link_toggled(self, on: bool) -> None:
        settings.LINK_PROBABILITIES.write(on)
        if on:
            self._draw_history()
        else:
            self.history.widget.setVisible(False)
            self.history.widget.setXLink(None)

    def _draw_history(self) -> None:
        if self._history is None:
            return
        view_range = self.chart.widget.getPlotItem().viewRange()[0]
        self.history.widget.setXLink(None)
        self.history.set_data(self._history, self._rounds, self.as_of)
        self.history.widget.setVisible(True)
        self.history.widget.setXLink(self.chart.widget)       # one time axis: a jump in one lines up with the other
        self.chart.widget.getPlotItem().setXRange(*view_range, padding=0)

    def fit_all(self) -> None:
        self.chart.fit_all()

    # --- requests to the window ----------------------------------------------------------------

    def selected_observation_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(OBSERVATION_ID_ROLE) if index.isValid() else None

    def select_observation(self, observation_id: int) -> bool:
        row = self.model.row_of(observation_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _edit(self) -> None:
        if self.current is not None:
            self.edit_requested.emit(self.current.id)

    def _archive(self) -> None:
        if self.current is not None:
            self.archive_requested.emit(self.current.id, self.current.name)

    def _add_observation(self) -> None:
        if self.current is not None:
            self.add_observation_requested.emit(self.current.key)

    def _edit_observation(self) -> None:
        chosen = self.selected_observation_id()
        if chosen is not None:
            self.edit_observation_requested.emit(chosen)

    def _delete_observation(self) -> None:
        chosen = self.selected_observation_id()
        if chosen is not None:
            self.delete_observation_requested.emit(chosen)

    def _import_csv(self) -> None:
        if self.current is not None:
            self.import_csv_requested.emit(self.current.key)

    def _table_activated(self, index: QModelIndex) -> None:
        evidence_id = index.data(EVIDENCE_ID_ROLE)
        if index.column() == 3 and evidence_id is not None:
            self.evidence_activated.emit(int(evidence_id))
        else:
            self._edit_observation()

    # --- exports (no change to the database: done here) ---------------------------------------

    def _start_dir(self) -> Path:
        return Path(settings.LAST_DIRECTORY.read() or str(Path.home()))

    def export_csv(self, path: str | None = None) -> Path | None:
        if self.current is None:
            return None
        if path is None:
            path = save_file(self, "Export figures", str(self._start_dir() /
                                                                               f"{self.current.key}.csv"),
                                                  "CSV files (*.csv)")
            if not path:
                return None
        try:
            return export_observations_csv(self.database, self.situation_id, self.current.key, path)
        except Exception as exc:
            show_error(self, "Cannot export the figures", exc)
            return None

    def export_chart(self, path: str | None = None, size: tuple[int, int] | None = None) -> Path | None:
        """Ask for the size and the file (PNG or SVG by its suffix) unless given."""
        if self.current is None:
            return None
        if path is None or size is None:
            return ask_and_export(self, self.chart.widget, self.current.key, self.chart.hide_crosshair)
        try:
            return self.chart.export(path, *size)
        except Exception as exc:
            show_error(self, "Cannot export the chart", exc)
            return None
