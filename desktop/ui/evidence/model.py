"""Lazy table model over a situation's evidence: the ordered ids, and rows fetched a page at a time.

The model holds only what a query shows (the ordered evidence ids from
desktop.services.search.evidence_ids) and a bounded cache of display rows, filled a page
(PAGE_SIZE rows) at a time by evidence_rows when the view asks for a row it has not got.
100,000 items cost a list of ints; painting reads one or two pages. Sorting re-queries the
ids in the database (override of sort()), so every column sorts the whole log, not the cache.

GUI thread only. The model reads the database it was given through the services; it never
writes. Call reload() after a change so that rows and order are read again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.domain.rating_rule import RATING_MEANINGS, rating_line, rating_scale_text
from desktop.domain.bundle import DIGEST_NOTE
from desktop.services.search import EvidenceHit, EvidenceQuery, evidence_ids, evidence_rows
from desktop.ui.common.theme import Colours, follow_palette, known_tip

ROW_ROLE = Qt.ItemDataRole.UserRole + 1      # the row's EvidenceHit (fetches its page if needed)
ID_ROLE = Qt.ItemDataRole.UserRole + 3       # the evidence id (never fetches)
MARKED_ROLE = Qt.ItemDataRole.UserRole + 4   # quote with matched words marked, None when nothing matched

_DISPLAY, _TOOLTIP, _ALIGN = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
                              int(Qt.ItemDataRole.TextAlignmentRole))
_BACKGROUND, _FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
_ROW, _ID, _MARKED = int(ROW_ROLE), int(ID_ROLE), int(MARKED_ROLE)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGN, _BACKGROUND, _FOREGROUND, _ROW, _ID, _MARKED})
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

PAGE_SIZE = 100      # rows read per fetch: about two screens, well under a frame to read (bench)
MAX_PAGES = 50       # pages kept (5,000 rows); the least recently used page goes first


@dataclass(frozen=True)
class Column:
    key: str                         # also the sort key the service knows
    header: str
    text: Callable[[Any], str]
    rating_of: str | None = None     # scenario key for rating columns
    full_name: str | None = None


def short_header(key: str, name: str) -> str:
    """Rating columns are narrow: a short name stays, a long one gives way to the readable key."""
    return name if len(name) <= 12 else key.replace("_", " ").capitalize()


def _columns(scenarios: list[tuple[str, str]]) -> list[Column]:
    cols = [
        Column("date", "Date", lambda r: r.observed_at.isoformat()),
        Column("quote", "Quote", lambda r: r.quote),
        Column("source", "Source", lambda r: r.source_label),
        Column("grade", "Grade", lambda r: r.grade),
        Column("relevance", "Relevance", lambda r: r.relevance),
    ]
    for key, name in scenarios:
        cols.append(Column(f"rating:{key}", short_header(key, name), lambda r, k=key: r.ratings.get(k, ""),
                           rating_of=key, full_name=name))
    cols.append(Column("tags", "Tags", lambda r: ", ".join(r.tags)))
    return cols


class EvidenceTableModel(QAbstractTableModel):
    """Rows are EvidenceHit DTOs from desktop.services.search, read lazily by id."""

    completed = Signal()   # a search's remaining ids have arrived (rows appended)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0   # bumped by every query, so a late completion of an old one is dropped
        self._database = None
        self._situation_id: int | None = None
        self._query = EvidenceQuery()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, EvidenceHit]] = OrderedDict()
        self._columns: list[Column] = _columns([])
        self.fetches = 0   # pages read so far (tests and the benchmark watch it)
        self._fills: dict[str, QBrush] = {}     # rating -> cell background, and its text (the palette's)
        self._inks: dict[str, QBrush] = {}
        follow_palette(self, self._recolour)

    def _recolour(self, c: Colours) -> None:
        self._fills = {value: QBrush(QColor(colour)) for value, colour in c.rating_fill.items()}
        self._inks = {value: QBrush(QColor(colour)) for value, colour in c.rating_text.items()}
        if self._ids and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole])

    # --- what is shown -------------------------------------------------------

    def set_situation(self, database, situation_id: int, scenarios: list[tuple[str, str]],
                      query: EvidenceQuery | None = None) -> None:
        """Show another situation (or the same one afresh) with these rating columns."""
        self.beginResetModel()
        self._database, self._situation_id = database, situation_id
        self._columns = _columns(scenarios)
        self._query = query or EvidenceQuery()
        self._requery()
        self.endResetModel()

    def set_query(self, query: EvidenceQuery) -> None:
        """Filter and order by `query`: the ids are read again and the view is reset."""
        self.beginResetModel()
        self._query = query
        self._requery()
        self.endResetModel()

    def reload(self) -> None:
        """Read ids and rows again for the same query (after an edit, a delete, an import)."""
        self.set_query(self._query)

    def query(self) -> EvidenceQuery:
        return self._query

    def drop_cache(self) -> None:
        """Forget the fetched rows (they are read again when next painted)."""
        self._pages.clear()

    # While searching, the first rows come back at once and the rest a moment later: a word in
    # half of 100,000 items takes ~100 ms to list in full but ~25 ms for its first page.
    FIRST_IDS = 400

    def _requery(self) -> None:
        self._pages.clear()
        self._generation += 1
        if self._database is None:
            self._ids = []
            return
        if not self._query.searching:
            self._ids = evidence_ids(self._database, self._situation_id, self._query)
            return
        self._ids = evidence_ids(self._database, self._situation_id, self._query, limit=self.FIRST_IDS)
        if len(self._ids) == self.FIRST_IDS:
            generation = self._generation
            QTimer.singleShot(0, lambda: self._complete(generation))

    def _complete(self, generation: int) -> None:
        """Append the rest of a search's ids (dropped if another query came meanwhile)."""
        if generation != self._generation or self._database is None:
            return
        full = evidence_ids(self._database, self._situation_id, self._query)
        if full[:len(self._ids)] != self._ids:   # the log changed in between: start over
            self.beginResetModel()
            self._ids = full
            self._pages.clear()
            self.endResetModel()
        elif len(full) > len(self._ids):
            self.beginInsertRows(QModelIndex(), len(self._ids), len(full) - 1)
            self._ids = full
            self.endInsertRows()
        self.completed.emit()

    # --- lookups -------------------------------------------------------------

    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns]

    def column_of(self, sort_key: str) -> int:
        """The column a sort key belongs to; -1 for "rank", which has none."""
        keys = self.column_keys()
        return keys.index(sort_key) if sort_key in keys else -1

    def evidence_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, evidence_id: int | None) -> int | None:
        """The row showing this item, or None when the query leaves it out."""
        try:
            return self._ids.index(evidence_id)
        except ValueError:
            return None

    def row_data(self, row: int) -> EvidenceHit | None:
        """The display row (read with its page when not cached); None if it was deleted meanwhile."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def _fetch(self, page_no: int) -> dict[int, EvidenceHit]:
        ids = self._ids[page_no * PAGE_SIZE:(page_no + 1) * PAGE_SIZE]
        page = {r.id: r for r in evidence_rows(self._database, ids, self._query)}
        self.fetches += 1
        self._pages[page_no] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # --- Qt model ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            col = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.header
            if role == Qt.ItemDataRole.ToolTipRole and col.rating_of:
                return f"Rating against “{col.full_name}”\n\n{rating_scale_text()}"
            if role == Qt.ItemDataRole.ToolTipRole and col.key == "date":
                return ("When it happened; hover a date for when it became known "
                        "(as of an earlier day it does not count)")
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(
                self._ids):
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called about eight times per painted cell: the cheap answers come first, as plain ints.
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._ids) and 0 <= c < len(self._columns)):
            return None
        if role == _ID:
            return self._ids[r]
        col = self._columns[c]
        if role == _ALIGN:
            return _CENTRE if col.rating_of is not None or col.key in ("date", "grade") else None
        if role in (_BACKGROUND, _FOREGROUND) and col.rating_of is None:
            return None
        row = self.row_data(r)
        if row is None:
            return None
        if role == _DISPLAY:
            return col.text(row)
        if role == _ROW:
            return row
        if role == _MARKED:
            return row.quote_marked if col.key == "quote" and row.matched else None
        if role == _BACKGROUND:
            return self._fills.get(row.ratings.get(col.rating_of, ""))
        if role == _FOREGROUND:
            return self._inks.get(row.ratings.get(col.rating_of, ""))
        # tooltip
        if col.key == "date":
            return known_tip(row)
        if col.key == "quote":
            return f"“{row.quote}”\n\n{row.summary}".strip()
        if col.key == "source":
            note = f"\n{DIGEST_NOTE}" if row.is_digest else ""
            return (row.source_title or "") + note
        if col.key == "grade":
            return "Admiralty grade: source reliability and information credibility"
        if col.rating_of is not None and row.ratings.get(col.rating_of):
            value = row.ratings[col.rating_of]
            return f"Against “{col.full_name}”: {rating_line(value)}" if value in RATING_MEANINGS else value
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the whole log by a column (re-queried in the database); rows keep their selection.

        A column outside the table (-1) means the default order: best match first while
        searching, otherwise newest first.
        """
        if 0 <= column < len(self._columns):
            query = self._query.with_(sort=self._columns[column].key,
                                      descending=order == Qt.SortOrder.DescendingOrder)
        else:
            query = self._query.with_(sort="rank" if self._query.searching else "date", descending=True)
        if query == self._query:
            return
        if self._database is None:
            self._query = query
            return
        new_ids = evidence_ids(self._database, self._situation_id, query)
        if len(new_ids) != len(self._ids):   # the data changed under us: start over
            self.beginResetModel()
            self._query, self._ids = query, new_ids
            self._pages.clear()
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        where = {evidence_id: row for row, evidence_id in enumerate(new_ids)}
        old_ids = self._ids
        self._query, self._ids = query, new_ids
        self._pages.clear()
        for old in self.persistentIndexList():
            row = where.get(old_ids[old.row()]) if 0 <= old.row() < len(old_ids) else None
            self.changePersistentIndex(old, QModelIndex() if row is None else self.index(row, old.column()))
        self.layoutChanged.emit()
