"""Evidence tab: the sortable, filterable log, with the selected item in full below."""

from __future__ import annotations

import html

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter, QTableView, QTextBrowser,
    QVBoxLayout, QWidget,
)

from desktop.ui.common.theme import MUTED
from desktop.ui.evidence.model import ROW_ROLE, SORT_ROLE, EvidenceTableModel


class EvidenceView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evidence")
        self.model = EvidenceTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit()
        self.filter.setObjectName("evidenceFilter")
        self.filter.setPlaceholderText("Filter by quote, source, grade, rating or tag…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {MUTED};")
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.count)

        self.table = QTableView()
        self.table.setObjectName("evidenceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QTextBrowser()
        self.detail.setObjectName("evidenceDetail")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(splitter)

    def show_rows(self, rows: list, scenarios: list[tuple[str, str]]) -> None:
        self.model.set_rows(rows, scenarios)
        header = self.table.horizontalHeader()
        keys = self.model.column_keys()
        for i, key in enumerate(keys):
            mode = QHeaderView.ResizeMode.Stretch if key == "quote" else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(i, mode)
            if key.startswith("rating:"):
                self.table.setColumnWidth(i, 96)
            elif key == "date":
                self.table.setColumnWidth(i, 92)
            elif key in ("grade",):
                self.table.setColumnWidth(i, 56)
            elif key == "source":
                self.table.setColumnWidth(i, 170)
            elif key == "tags":
                self.table.setColumnWidth(i, 130)
        if self.table.horizontalHeader().sortIndicatorSection() >= len(keys) or not self.proxy.sortColumn() >= 0:
            self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._update_count()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} items" if shown == total else f"{shown} of {total} items")

    def _show_current(self, current, _previous) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            self.detail.clear()
            return
        ratings = " · ".join(f"{k}: <b>{v}</b>" for k, v in row.ratings.items())
        self.detail.setHtml(
            f"<p style='font-size:11pt'>“{html.escape(row.quote)}”</p>"
            f"<p>{html.escape(row.summary)}</p>"
            f"<p style='color:{MUTED}'>{html.escape(row.key)} · observed {row.observed_at.isoformat()} · "
            f"{html.escape(row.source_title or '(no source)')} · grade {row.grade} · relevance {row.relevance}"
            f"{' · group ' + html.escape(row.group) if row.group else ''}"
            f"{' · tags ' + html.escape(', '.join(row.tags)) if row.tags else ''}<br>{ratings}</p>")
