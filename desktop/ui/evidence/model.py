"""Table model over the evidence log: one row per item, one rating column per scenario."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.ui.common.theme import RATING_COLOURS, RATING_TEXT_COLOURS

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_RELEVANCE_ORDER = {"high": 0, "medium": 1, "low": 2}
_RATING_ORDER = {"CC": 0, "C": 1, "N": 2, "NA": 3, "I": 4, "II": 5}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any]
    rating_of: str | None = None  # scenario key for rating columns
    full_name: str | None = None


def short_header(key: str, name: str) -> str:
    """Rating columns are narrow: a short name stays, a long one gives way to the readable key."""
    return name if len(name) <= 12 else key.replace("_", " ").capitalize()


def _columns(scenarios: list[tuple[str, str]]) -> list[Column]:
    cols = [
        Column("date", "Date", lambda r: r.observed_at.isoformat(), lambda r: r.observed_at.toordinal()),
        Column("quote", "Quote", lambda r: r.quote, lambda r: r.quote.lower()),
        Column("source", "Source", lambda r: r.source_label, lambda r: r.source_label.lower()),
        Column("grade", "Grade", lambda r: r.grade, lambda r: r.grade),
        Column("relevance", "Relevance", lambda r: r.relevance, lambda r: _RELEVANCE_ORDER.get(r.relevance, 9)),
    ]
    for key, name in scenarios:
        cols.append(Column(f"rating:{key}", short_header(key, name), lambda r, k=key: r.ratings.get(k, ""),
                           lambda r, k=key: _RATING_ORDER.get(r.ratings.get(k, ""), 9), rating_of=key,
                           full_name=name))
    cols.append(Column("tags", "Tags", lambda r: ", ".join(r.tags), lambda r: ", ".join(r.tags)))
    return cols


class EvidenceTableModel(QAbstractTableModel):
    """Rows are EvidenceRow DTOs from the evidence service; reload replaces them with a reset."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._columns: list[Column] = _columns([])

    def set_rows(self, rows: list, scenarios: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._columns = _columns(scenarios)
        self.endResetModel()

    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            col = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.header
            if role == Qt.ItemDataRole.ToolTipRole and col.rating_of:
                return f"Rating against “{col.full_name}”: CC very consistent … II very inconsistent, NA not applicable"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (
                0 <= index.column() < len(self._columns)):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.key == "quote":
                return f"“{row.quote}”\n\n{row.summary}".strip()
            if col.key == "source":
                return row.source_title or ""
            if col.key == "grade":
                return "Admiralty grade: source reliability and information credibility"
            return None
        if col.rating_of is not None:
            value = row.ratings.get(col.rating_of, "")
            if role == Qt.ItemDataRole.BackgroundRole and value:
                return QBrush(QColor(RATING_COLOURS[value]))
            if role == Qt.ItemDataRole.ForegroundRole and value in RATING_TEXT_COLOURS:
                return QBrush(QColor(RATING_TEXT_COLOURS[value]))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.key in ("date", "grade"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
