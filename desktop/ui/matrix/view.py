"""Matrix tab: the ACH grid (evidence x scenarios), edited in place, with the footers under its columns.

The view reads through services only and never writes: an edit changes the grid and the
footers at once (desktop.services.matrix.with_rating, no database read) and is announced by
`rating_edited(evidence id, scenario key, old, new)`; the window turns it into an undoable
SetRatingCommand, whose service call is followed by `refresh()` on every view, which reads
the matrix again and re-sorts it. Until then rows keep their places, so a row does not jump
away from the cursor while it is being rated. A key press (1–5, 0, Delete) edits at once; a
choice in the combo editor is applied as the editor closes, one event-loop turn later, so the
window's re-read never resets the model under an open editor.

The grid paints its visible cells itself (MatrixTable.paintEvent), from the model's cached
cells: through a Python item delegate Qt makes two Python calls per cell per frame, which
cost more than all the drawing; one pass per frame keeps a 100,000-row grid scrolling at
the speed of a plain C++ model (bench/bench_matrix.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QMargins, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QSizePolicy, QStyle, QTableView, QVBoxLayout,
    QWidget,
)

from desktop.services.matrix import AchMatrix, ach_matrix, matrix_rows
from desktop.ui.common.layout import steady_page_width
from desktop.ui.common.theme import muted_style, themed_style
from desktop.ui.matrix.delegate import CellPainter, RatingDelegate
from desktop.ui.matrix.model import (
    FIXED_COLUMNS, KEY_HELP, KEY_RATINGS, N_FIXED, MatrixFooterModel, MatrixModel,
)

ROW_HEIGHT = 24
# What each fixed column must show in full (besides its header); widths come from the font.
SAMPLES = {"key": "e00000", "date": "0000-00-00", "weight": "0.00", "diagnosticity": "0"}
SCENARIO_MIN_WIDTH = 90
QUOTE_MIN_WIDTH = 160      # with three scenarios every column (and footers such as "Inconsistency −0.5",
                           # "P 54% roughly even chance" in bold) fits a 1280-pixel screen with a window frame
CELL_PADDING = 16          # text margins of a cell or a header section, both sides
QUOTE_COLUMN = [key for key, _ in FIXED_COLUMNS].index("quote")
_KEY_RATINGS = {int(k): v for k, v in KEY_RATINGS.items()}
_CLEAR_KEYS = {int(Qt.Key.Key_Delete), int(Qt.Key.Key_Backspace)}


class MatrixTable(QTableView):
    """The grid; on a rating cell, 1–5 and 0 set CC … II and NA, Delete or Backspace clears.

    `resized` fires when the viewport changes size, so the Quote column can take up the slack
    (like a stretched section, but never narrower than QUOTE_MIN_WIDTH: a narrow window scrolls).
    """

    resized = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cells = CellPainter()
        self._grid_key = None
        self._grid = QPen(self.palette().color(QPalette.ColorRole.Mid), 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def paintEvent(self, event) -> None:
        """The visible cells in one pass over the model's cached cells (see desktop.ui.matrix.delegate)."""
        model = self.model()
        if not isinstance(model, MatrixModel) or not model.rowCount() or not model.columnCount():
            super().paintEvent(event)
            return
        area = event.rect()
        first = self.rowAt(area.top())
        if first < 0:
            return
        last = self.rowAt(area.bottom())
        last = model.rowCount() - 1 if last < 0 else last
        vh, hh = self.verticalHeader(), self.horizontalHeader()
        top, height = vh.sectionViewportPosition(first), vh.sectionSize(first)
        columns = []
        for c in range(model.columnCount()):
            x, w = hh.sectionViewportPosition(c), hh.sectionSize(c)
            if x + w > area.left() and x <= area.right() and w > 0:
                columns.append((c, x, w))
        if not columns:
            return
        palette = self.palette()
        self.cells.prepare(palette, self.font())
        if self._grid_key != palette.cacheKey():
            self._grid_key = palette.cacheKey()
            hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, None, self)
            self._grid = QPen(QColor.fromRgba(hint & 0xFFFFFFFF) if hint else palette.color(QPalette.ColorRole.Mid), 0)
        current = self.currentIndex()
        current_cell = (current.row(), current.column()) if current.isValid() and self.hasFocus() else None
        selected = {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}
        painter = QPainter(self.viewport())
        paint = self.cells.paint
        bottom = top + (last - first + 1) * height
        y = top
        for row in range(first, last + 1):
            cells = model.row_cells(row)
            for c, x, w in columns:
                key = (row, c)
                paint(painter, x, y, w - 1, height - 1, cells[c], c, key in selected, key == current_cell)
            y += height
        painter.setPen(self._grid)
        left, right = columns[0][1], columns[-1][1] + columns[-1][2] - 1
        for _, x, w in columns:
            painter.drawLine(x + w - 1, top, x + w - 1, bottom - 1)
        for k in range(1, last - first + 2):
            painter.drawLine(left, top + k * height - 1, right, top + k * height - 1)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.model()
        if (index.isValid() and isinstance(model, MatrixModel) and model.scenario_index(index.column()) is not None
                and self.state() != QAbstractItemView.State.EditingState
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            key = int(event.key())
            if key in _KEY_RATINGS:
                model.setData(index, _KEY_RATINGS[key], Qt.ItemDataRole.EditRole)
                event.accept()
                return
            if key in _CLEAR_KEYS:
                model.setData(index, None, Qt.ItemDataRole.EditRole)
                event.accept()
                return
        super().keyPressEvent(event)


class MatrixFooterTable(QTableView):
    """The footer rows; its viewport is kept exactly under the grid's (same left edge, same width),
    whatever frames and scroll bars the grid has."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._target: QWidget | None = None

    def follow(self, viewport: QWidget) -> None:
        self._target = viewport
        self.align()

    def align(self) -> None:
        viewport = self._target
        if viewport is None:
            return
        if viewport.window() is not self.window():   # not laid out together yet
            return
        left = viewport.mapToGlobal(QPoint(0, 0)).x() - self.mapToGlobal(QPoint(0, 0)).x() - self.frameWidth()
        right = self.width() - 2 * self.frameWidth() - left - viewport.width()
        margins = QMargins(max(left, 0), 0, max(right, 0), 0)
        if margins != self.viewportMargins():
            self.setViewportMargins(margins)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.align()

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        self.align()


@dataclass(frozen=True)
class _Place:
    """Where the reader is, by evidence id, so that a re-sorted matrix can put them back."""

    top_id: int | None
    current_id: int | None
    column: int
    current_visible: bool
    hscroll: int


class MatrixView(QWidget):
    """Evidence x scenarios, rows by diagnosticity (non-diagnostic ones greyed), footers per scenario."""

    rating_edited = Signal(int, str, object, object)   # evidence id, scenario key, old, new (None: unrated)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._edited_here: set[int] = set()      # items whose cells were edited here, not yet confirmed
        steady_page_width(self)   # the splitter beside the cards never moves (common/layout.py)
        self.setObjectName("matrix")
        self.database = None
        self.situation_id: int | None = None
        self.as_of: date | None = None

        self.model = MatrixModel(self)
        self.model.rating_changed.connect(self._rating_changed)
        self.footer_model = MatrixFooterModel(self)

        self.summary = QLabel()
        self.summary.setObjectName("matrixSummary")
        themed_style(self.summary, muted_style())
        self.ach_note = QLabel()
        self.ach_note.setObjectName("matrixAchNote")
        self.ach_note.setWordWrap(True)
        themed_style(self.ach_note, muted_style())
        self.ach_note.hide()
        keys = QLabel(KEY_HELP)
        themed_style(keys, muted_style())
        for label in (self.summary, keys):   # long lines must not hold the window wide
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        keys.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(keys, 1)

        self.table = MatrixTable()
        self.table.setObjectName("matrixTable")
        self.table.setModel(self.model)
        self.delegate = RatingDelegate(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)   # uniform rows: no per-row size queries
        vh.setDefaultSectionSize(ROW_HEIGHT)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setSectionsMovable(False)
        hh.setMinimumSectionSize(40)

        self.footer = MatrixFooterTable()
        self.footer.setObjectName("matrixFooter")
        self.footer.setModel(self.footer_model)
        self.footer.horizontalHeader().setVisible(False)
        self.footer.verticalHeader().setVisible(False)
        self.footer.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.footer.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.footer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.footer.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.footer.setWordWrap(False)
        self.footer.setFrameShape(QFrame.Shape.NoFrame)
        themed_style(self.footer, lambda c: (f"QTableView#matrixFooter {{ background: {c.window};"
                                             f" color: {c.window_text}; }}"))
        self.footer.setFixedHeight(ROW_HEIGHT * 3 + 2)
        # the footer follows the grid: same column widths, same horizontal scroll
        hh.sectionResized.connect(self._column_resized)
        self.footer.follow(self.table.viewport())
        self.table.resized.connect(self._table_resized)
        self.table.horizontalScrollBar().valueChanged.connect(self.footer.horizontalScrollBar().setValue)
        self.footer.horizontalScrollBar().rangeChanged.connect(
            lambda *_: self.footer.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.ach_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)

    # --- public API (the main window) ---------------------------------------------------

    @property
    def matrix(self) -> AchMatrix | None:
        """What the grid shows, including edits not yet read back from the database."""
        return self.model.matrix

    def show_situation(self, database, situation_id: int, as_of: date | None = None) -> None:
        """Show another situation (or database), scrolled to the top."""
        self._edited_here = set()
        self.database, self.situation_id, self.as_of = database, situation_id, as_of
        self._load(keep_place=False)

    def refresh(self) -> None:
        """Read the matrix again (after any change) and re-sort; the selected item and the top row stay put."""
        if self.database is not None and self.situation_id is not None:
            self._load(keep_place=True)

    def set_as_of(self, day: date | None) -> None:
        """Count only the evidence observed on or before `day` (None: all of it)."""
        self.as_of = day
        self.refresh()

    def selected_evidence_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.evidence_id(index.row()) if index.isValid() else None

    def key_of(self, evidence_id: int) -> str | None:
        """The item's key (e15…), for command labels."""
        m, row = self.model.matrix, self.model.row_of(evidence_id)
        return None if m is None or row is None else str(m.keys[row])

    def select(self, evidence_id: int, scenario_key: str | None = None) -> bool:
        """Make an item's row (and a scenario's cell) current and visible; False when it is not shown."""
        row = self.model.row_of(evidence_id)
        if row is None:
            return False
        column = 0
        m = self.model.matrix
        if scenario_key is not None:
            keys = [s.key for s in m.scenarios]
            if scenario_key in keys:
                column = N_FIXED + keys.index(scenario_key)
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)
        return True

    # --- loading ------------------------------------------------------------------------

    def _load(self, keep_place: bool) -> None:
        place = self._place() if keep_place else None
        database = self.database
        matrix = ach_matrix(database, self.situation_id, self.as_of)
        old_columns = self.model.columnCount()
        self.model.set_matrix(matrix, lambda ids: matrix_rows(database, ids))
        self._show_footers()
        if self.model.columnCount() != old_columns or not keep_place:
            self._size_columns()
        else:
            self._widen_for_footers()
        self._update_summary()
        if place is not None:
            self._restore(place)
        else:
            self.table.scrollToTop()

    def _place(self) -> _Place:
        table = self.table
        top = table.rowAt(0)
        bottom = table.rowAt(table.viewport().height() - 1)
        bottom = self.model.rowCount() - 1 if bottom < 0 else bottom
        current = table.currentIndex()
        return _Place(
            top_id=self.model.evidence_id(top) if top >= 0 else None,
            current_id=self.model.evidence_id(current.row()) if current.isValid() else None,
            column=current.column() if current.isValid() else -1,
            current_visible=current.isValid() and top <= current.row() <= bottom,
            hscroll=table.horizontalScrollBar().value())

    def _restore(self, place: _Place) -> None:
        """The same top row; the same item current, and kept in sight if it was (it may have moved)."""
        table = self.table
        if place.top_id is not None and (row := self.model.row_of(place.top_id)) is not None:
            table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        if place.current_id is not None and (row := self.model.row_of(place.current_id)) is not None:
            index = self.model.index(row, min(max(place.column, 0), self.model.columnCount() - 1))
            auto = table.hasAutoScroll()
            table.setAutoScroll(False)   # setting the current index would scroll to it
            try:
                table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            finally:
                table.setAutoScroll(auto)
            if place.current_visible:
                table.scrollTo(index)
        table.horizontalScrollBar().setValue(place.hscroll)

    def needed_width(self, column: int) -> int:
        """The width a column needs to show its header and its cells in full; for a scenario, also its
        footers ("Inconsistency −12", "P 50% roughly even chance", in bold when they lead)."""
        header = self.table.horizontalHeader()
        title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
        width = header.fontMetrics().horizontalAdvance(title) + CELL_PADDING
        cells = self.table.fontMetrics()
        if column < N_FIXED:
            key = FIXED_COLUMNS[column][0]
            m = self.model.matrix
            sample = SAMPLES.get(key, "")
            if key == "key" and m is not None and m.n_rows:
                sample = max((str(k) for k in m.keys), key=len)
            return max(width, cells.horizontalAdvance(sample) + CELL_PADDING)
        bold = QFont(self.footer.font())
        bold.setBold(True)
        footer = QFontMetrics(bold)
        texts = [self.footer_model.index(row, column).data() or "" for row in range(self.footer_model.rowCount())]
        return max([width, SCENARIO_MIN_WIDTH] + [footer.horizontalAdvance(t) + CELL_PADDING for t in texts])

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for i in range(self.model.columnCount()):
            key = FIXED_COLUMNS[i][0] if i < N_FIXED else "scenario"
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            if key != "quote":
                self.table.setColumnWidth(i, self.needed_width(i))
            if i >= N_FIXED:
                self.table.setItemDelegateForColumn(i, self.delegate)
        self._fit_quote()
        for i in range(self.model.columnCount()):
            self.footer.setColumnWidth(i, header.sectionSize(i))

    def _widen_for_footers(self) -> None:
        """New figures may be wider ("P 50% roughly even chance"): widen their columns, never narrow them."""
        header = self.table.horizontalHeader()
        for i in range(N_FIXED, self.model.columnCount()):
            needed = self.needed_width(i)
            if header.sectionSize(i) < needed:
                header.resizeSection(i, needed)

    def _table_resized(self) -> None:
        self._fit_quote()
        self.footer.align()
        self.footer.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())

    def _fit_quote(self) -> None:
        """Quote takes the width the other columns leave, at least QUOTE_MIN_WIDTH."""
        header = self.table.horizontalHeader()
        if header.count() <= QUOTE_COLUMN:
            return
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != QUOTE_COLUMN)
        width = max(QUOTE_MIN_WIDTH, self.table.viewport().width() - others)
        if header.sectionSize(QUOTE_COLUMN) != width:
            header.resizeSection(QUOTE_COLUMN, width)

    def _column_resized(self, index: int, _old: int, new: int) -> None:
        self.footer.setColumnWidth(index, new)
        if index != QUOTE_COLUMN:
            self._fit_quote()

    def _show_footers(self) -> None:
        m = self.model.matrix
        self.footer_model.set_footers(m.footers, tuple(s.name for s in m.scenarios), m.as_of)
        self.footer.clearSpans()   # the labels span the text columns
        for row in range(self.footer_model.rowCount()):
            self.footer.setSpan(row, 0, 1, N_FIXED)

    def _update_summary(self) -> None:
        m = self.model.matrix
        if m is None:
            self.summary.clear()
            return
        flat = m.n_flat
        when = f" observed by {m.as_of.isoformat()}" if m.as_of else ""
        self.summary.setText(f"{m.n_rows:,} items{when} · sorted by diagnosticity, newest first · "
                             f"{flat:,} non-diagnostic (greyed)")
        ach = m.ach_disagreement()      # under the summary, wrapped: the sentence is too long to share its line
        self.ach_note.setText(f"ACH and the model disagree: {ach}" if ach else "")
        self.ach_note.setVisible(bool(ach))

    # --- edits ----------------------------------------------------------------------

    def _rating_changed(self, row: int, scenario_index: int, old, new) -> None:
        m = self.model.matrix
        self.footer_model.set_footers(m.footers)
        self._widen_for_footers()
        self._update_summary()
        self._edited_here.add(int(m.evidence_ids[row]))
        self.rating_edited.emit(int(m.evidence_ids[row]), m.scenarios[scenario_index].key, old, new)

    def absorbs(self, changes) -> bool:
        """Whether `changes` are only the cells edited here, already shown in place with their footers
        (then nothing is read again); anything else, an undo included, needs a refresh."""
        edited, self._edited_here = self._edited_here, set()
        return bool(edited) and changes.tables == {"rating"} and changes.ids("rating") <= edited
