"""The observations of one indicator as a table, newest first, read a page at a time.

The model holds only the series' observation ids (a numpy array, possibly a million long);
a page of rows is fetched through the callable given to `set_series` (a service call) when one
of its rows is first shown, like the ACH matrix.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.common.theme import format_number

COLUMNS = (("date", "Date"), ("value", "Value"), ("qualifier", "Qualifier"), ("evidence", "Evidence"),
           ("note", "Note"))
PAGE = 200
MAX_PAGES = 32
OBSERVATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ObservationsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids = np.zeros(0, dtype=np.int64)
        self._fetch: Callable[[list[int]], list] = lambda ids: []
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._corrections: frozenset[int] = frozenset()

    def set_series(self, observation_ids: np.ndarray, fetch: Callable[[list[int]], list],
                   corrections=()) -> None:
        """`corrections`: ids of running-total figures lower than the one before (flagged, not refused)."""
        self.beginResetModel()
        self._ids = np.asarray(observation_ids, dtype=np.int64)[::-1]    # newest first
        self._fetch = fetch
        self._corrections = frozenset(int(i) for i in corrections)
        self._pages.clear()
        self.endResetModel()

    def observation(self, row: int):
        """The ObservationRow shown at `row` (its page fetched on first use)."""
        if not 0 <= row < len(self._ids):
            return None
        page = self._pages.get(row // PAGE)
        if page is None:
            ids = self._ids[(row // PAGE) * PAGE:(row // PAGE + 1) * PAGE].tolist()
            found = {r.id: r for r in self._fetch(ids)}
            page = self._pages[row // PAGE] = [found.get(i) for i in ids]
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(row // PAGE)
        return page[row % PAGE]

    def row_of(self, observation_id: int) -> int | None:
        where = np.flatnonzero(self._ids == observation_id)
        return int(where[0]) if len(where) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self.observation(index.row())
        if row is None:
            return None
        if role == OBSERVATION_ID_ROLE:
            return row.id
        if role == EVIDENCE_ID_ROLE:
            return row.evidence_id
        key = COLUMNS[index.column()][0]
        corrected = row.id in self._corrections
        if role == Qt.ItemDataRole.DisplayRole:
            qualifier = " · ".join(q for q in (row.qualifier, "correction" if corrected else None) if q)
            return {"date": row.at.isoformat(), "value": format_number(row.value), "qualifier": qualifier,
                    "evidence": row.evidence or "", "note": row.note or ""}[key]
        if role == Qt.ItemDataRole.ToolTipRole and key in ("value", "qualifier") and corrected:
            return "Lower than the running total before it: a revised count, kept as reported"
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("note", "evidence"):
            return (row.note or None) if key == "note" else (
                "Double-click to open the evidence item" if row.evidence_id else None)
        return None
