"""The suggestions panel beside the reader: what extraction proposed from the open source.

Evidence candidates are the rows; the figures in a sentence are its children. Enter (or A)
accepts the current row, R or Delete rejects it, U puts a decided one back; selecting a row
shows its words in the reader. The panel only asks: the window does the accepting (through
the undo stack) and tells the panel to refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop.services.suggestions import SuggestionRow, list_suggestions
from desktop.ui.common.theme import Colours, colours, follow_palette, format_day, muted_style, themed_style

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
def _days(first, last) -> str:
    """A sentence's day, or the run of days it names, as short as it reads: "3–4 Mar 2026"."""
    if first is None:
        return ""
    if last is None or last == first:
        return format_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_day(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {format_day(last)}"
    return f"{format_day(first)} – {format_day(last)}"


def _status_colour(c: Colours, status: str) -> str:
    """Accepted in the rise colour, rejected muted, pending as plain text: all readable on the list."""
    return {"accepted": c.positive, "rejected": c.muted}.get(status, c.text)


_REASON_MARK = {"attributed": "❝", "direct quote": "“”", "figures": "#", "date": "📅", "event": "•"}


class _SuggestionTree(QTreeWidget):
    def __init__(self):
        super().__init__()
        self.keys: dict = {}

    def keyPressEvent(self, event) -> None:
        handler = self.keys.get(event.key()) if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier else None
        if handler is not None:
            handler()
            event.accept()
            return
        super().keyPressEvent(event)


class SuggestionsPanel(QWidget):
    accept_requested = Signal(object)      # SuggestionRow
    find_requested = Signal(int)           # source id: read it for suggestions again (an undoable command)
    reject_requested = Signal(object)      # SuggestionRow
    reopen_requested = Signal(object)      # SuggestionRow (rejected -> pending)
    edit_requested = Signal(object)        # SuggestionRow: accept after changing it (figure, indicator)
    span_selected = Signal(int, int)       # start, end in the source text

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("suggestionsPanel")
        self.database = None
        self.source_id: int | None = None
        self.rows: list[SuggestionRow] = []

        self.heading = QLabel("Suggestions")
        self.heading.setStyleSheet("font-weight: 600;")
        self.hide_decided = QCheckBox("Pending only")
        self.hide_decided.setObjectName("pendingOnly")
        self.hide_decided.setChecked(True)
        self.hide_decided.toggled.connect(self._fill)
        self.tree = _SuggestionTree()
        self.tree.setObjectName("suggestionTree")
        self.tree.setHeaderLabels(["Suggestion", "Day"])
        self.tree.setColumnCount(2)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        # Enter, Return and a double click all "activate" the current row: accept it
        self.tree.activated.connect(lambda _index: self._ask(self.accept_requested))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.ResizeToContents)

        self.accept_button = QPushButton("&Accept")
        self.accept_button.setObjectName("acceptSuggestion")
        self.accept_button.setToolTip("Accept: log the sentence (rate it in the dialog), or record the figure (Enter)")
        self.accept_button.clicked.connect(lambda: self._ask(self.accept_requested))
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editSuggestion")
        self.edit_button.setToolTip("Change the figure or the indicator before recording it (E)")
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.reject_button = QPushButton("&Reject")
        self.reject_button.setObjectName("rejectSuggestion")
        self.reject_button.setToolTip("Reject: it will not be suggested again (R or Delete; Edit → Undo brings it back)")
        self.reject_button.clicked.connect(lambda: self._ask(self.reject_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        self.find_button = QPushButton("Find suggestions")
        self.find_button.setObjectName("findSuggestions")
        self.find_button.setToolTip("Read this source for evidence, figures and dates (decided suggestions stay)")
        self.find_button.clicked.connect(self._find)
        self.count = QLabel()
        self.count.setWordWrap(True)     # the panel stays narrow beside the reader in a 1280-pixel window
        themed_style(self.count, muted_style())
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.find_button)

        # single keys on the list (an item view would take letters for its type-ahead search)
        self.tree.keys = {Qt.Key.Key_A: lambda: self._ask(self.accept_requested),
                          Qt.Key.Key_R: lambda: self._ask(self.reject_requested),
                          Qt.Key.Key_Delete: lambda: self._ask(self.reject_requested),
                          Qt.Key.Key_U: lambda: self._ask(self.reopen_requested),
                          Qt.Key.Key_E: lambda: self._ask(self.edit_requested)}

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.hide_decided)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(bottom)
        self._update_buttons()
        follow_palette(self, self._recolour, now=False)

    def _recolour(self, c: Colours) -> None:
        for item in self._items():
            row = item.data(0, ROW_ROLE)
            if row is not None:
                item.setForeground(0, QBrush(QColor(_status_colour(c, row.status))))

    # --- what the view calls -------------------------------------------------------------------

    def show_source(self, database, source_id: int | None) -> None:
        self.database, self.source_id = database, source_id
        self.refresh()

    def refresh(self) -> None:
        self.rows = list_suggestions(self.database, self.source_id) if self.database and self.source_id else []
        self._fill()

    def current_row(self) -> SuggestionRow | None:
        item = self.tree.currentItem()
        return item.data(0, ROW_ROLE) if item is not None else None

    def select_suggestion(self, suggestion_id: int) -> bool:
        for item in self._items():
            if item.data(0, ROW_ROLE).id == suggestion_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    # --- inside ----------------------------------------------------------------------------------

    def _find(self) -> None:
        if self.database is not None and self.source_id is not None:
            self.find_requested.emit(self.source_id)

    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            yield top
            for j in range(top.childCount()):
                yield top.child(j)

    def _fill(self) -> None:
        current = self.current_row()
        items = list(self._items())
        position = next((i for i, it in enumerate(items) if it is self.tree.currentItem()), 0)
        self.tree.clear()
        pending_only = self.hide_decided.isChecked()
        sentences = [r for r in self.rows if r.kind == "evidence"]
        figures = [r for r in self.rows if r.kind == "quantity"]
        shown = 0
        for sentence in sentences:
            children = [q for q in figures if q.sentence == (sentence.start, sentence.end)
                        and not (pending_only and q.status != "pending")]
            if pending_only and sentence.status != "pending" and not children:
                continue
            top = self._item(sentence)
            for q in children:
                top.addChild(self._item(q))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
            shown += 1 + len(children)
        pending = sum(r.status == "pending" for r in self.rows)
        self.count.setText(f"{pending} pending of {len(self.rows)} · Enter accept · E edit · R reject · U un-reject"
                           if self.rows else "No suggestions for this source.")
        if current is None or not self.select_suggestion(current.id):
            # the row just decided left the list: go on with the one that took its place
            remaining = list(self._items())
            if remaining:
                self.tree.setCurrentItem(remaining[min(position, len(remaining) - 1)])
        self._update_buttons()

    def _item(self, row: SuggestionRow) -> QTreeWidgetItem:
        if row.kind == "evidence":
            marks = " ".join(_REASON_MARK.get(r, "") for r in row.reasons)
            status = "" if row.status == "pending" else f"[{row.status}{' ' + row.evidence_key if row.evidence_key else ''}] "
            text = f"{status}{row.text}"
            tip = f"{', '.join(row.reasons)}{' · according to ' + row.who if row.who else ''}\n\n{row.text}"
            day = _days(row.observed, row.until)
            item = QTreeWidgetItem([text, day])
            item.setToolTip(0, f"{marks}  {tip}")
        else:
            status = "" if row.status == "pending" else f"[{row.status}] "
            item = QTreeWidgetItem([f"{status}{row.label}", ""])
            item.setToolTip(0, f"“{row.text}”: {row.label}")
            font = item.font(0)
            font.setBold(row.status == "pending")
            item.setFont(0, font)
        item.setForeground(0, QBrush(QColor(_status_colour(colours(), row.status))))
        item.setData(0, ROW_ROLE, row)
        return item

    def _current_changed(self, current, _previous) -> None:
        self._update_buttons()
        row = current.data(0, ROW_ROLE) if current is not None else None
        if row is not None:
            self.span_selected.emit(row.start, row.end)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.accept_button.setEnabled(row is not None and row.status == "pending")
        self.reject_button.setEnabled(row is not None and row.status == "pending")
        self.edit_button.setEnabled(row is not None and row.status == "pending")
        self.find_button.setEnabled(self.source_id is not None)

    def _ask(self, signal, item=None) -> None:
        item = item or self.tree.currentItem()
        row = item.data(0, ROW_ROLE) if item is not None else None
        if row is None:
            return
        if signal is self.reopen_requested:
            if row.status == "rejected":
                signal.emit(row)
        elif row.status == "pending":
            signal.emit(row)
