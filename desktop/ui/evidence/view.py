"""Evidence tab: the log as a lazy, sortable table with search and filters, the selected item below.

The filter bar builds an EvidenceQuery (desktop.services.search); the table's model holds
only the ids it lets through and reads rows a page at a time, so 100,000 items open and
search on the GUI thread (bench/bench_evidence_table.py measures it). Typing in the search
box re-queries after a short pause (SEARCH_DELAY_MS); every other filter applies at once.

Public API used by the main window:
    show_situation(database, situation_id, scenarios)   once per situation (or database)
    refresh()                                            after every change; keeps the selection
    selected_evidence_id() -> int | None
    evidence_activated(int)  Enter or double-click on a row
    delete_requested(int)    the Delete key on a row
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from desktop.domain.bundle import DIGEST_NOTE
from desktop.domain.grading import CREDIBILITY_LABELS, RATING_LABELS, RELIABILITY_LABELS
from desktop.services.search import (
    MARK_START, EvidenceQuery, count_evidence, evidence_date_span, marked_segments, search_sources, tags_in_use,
)
from desktop.ui.common.date_field import DateField
from desktop.ui.common.layout import steady_page_width
from desktop.ui.common.theme import colours, follow_palette, muted_style, themed_style
from desktop.ui.evidence.model import ID_ROLE, MARKED_ROLE, ROW_ROLE, EvidenceTableModel

SEARCH_DELAY_MS = 150

# Rating filter choices: label, ratings accepted.
RATING_CHOICES: list[tuple[str, tuple[str, ...]]] = [
    ("any rating", ()),
    ("supports it (CC or C)", ("CC", "C")),
    ("contradicts it (I or II)", ("I", "II")),
] + [(f"{v}: {RATING_LABELS[v]}", (v,)) for v in ("CC", "C", "N", "I", "II", "NA")]


def marked_html(marked: str | None, plain: str = "") -> str:
    """HTML for a marked string: the matched words highlighted, everything else escaped."""
    if not marked:
        return html.escape(plain).replace("\n", "<br>")
    c = colours()
    style = f"background-color:{c.match_bg}; color:{c.match_text}; font-weight:bold"
    return "".join(f"<span style='{style}'>{html.escape(text)}</span>" if hit else html.escape(text)
                   for text, hit in marked_segments(marked)).replace("\n", "<br>")


class MarkedTextDelegate(QStyledItemDelegate):
    """Paints a cell's MARKED_ROLE text with the matched words highlighted; other cells as usual."""

    def paint(self, painter, option, index: QModelIndex) -> None:
        marked = index.data(MARKED_ROLE)
        if not marked or MARK_START not in marked:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(opt.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(text_option)
        doc.setHtml(f"<span style='color:{colour.name()}'>{marked_html(marked)}</span>")
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.left() + 3, rect.top() + max(0.0, (rect.height() - doc.size().height()) / 2))
        doc.drawContents(painter)
        painter.restore()


class EvidenceView(QWidget):
    """The Evidence tab. Holds the database handle it was given; reads through the services only."""

    evidence_activated = Signal(int)   # evidence id: Enter or double-click
    delete_requested = Signal(int)     # evidence id: the Delete key
    source_activated = Signal(int)     # source id: a matching source double-clicked
    results_changed = Signal(int, int)  # (items shown, live items in the situation), after every query

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        steady_page_width(self)   # the splitter beside the cards never moves (common/layout.py)
        self.setObjectName("evidence")
        self._database = None
        self._as_of = None  # the window's as-of date: items observed later are left out
        self._situation_id: int | None = None
        self._scenarios: list[tuple[str, str]] = []
        self._total = 0
        self.model = EvidenceTableModel(self)
        self.model.completed.connect(self._show_count)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self._build()

    # --- construction --------------------------------------------------------

    def _build(self) -> None:
        self.filter = QLineEdit()
        self.filter.setObjectName("evidenceFilter")
        self.filter.setPlaceholderText("Search quotes, summaries, tags and sources…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._search_timer.start)
        self.filter.returnPressed.connect(self._apply_now)

        self.tag_box = self._combo("evidenceTag", "Only items with this tag")
        self.tag_box.addItem("Any tag", None)
        self.rating_scenario_box = self._combo("evidenceRatingScenario", "Filter by the rating against a scenario")
        self.rating_scenario_box.addItem("Rated against: any scenario", None)
        self.rating_box = self._combo("evidenceRating", "Ratings to keep")
        for label, values in RATING_CHOICES:
            self.rating_box.addItem(label, values)
        self.rating_box.setEnabled(False)
        self.reliability_box = self._combo("evidenceReliability", "Admiralty source reliability")
        self.reliability_box.addItem("Any reliability", ())
        for letter, label in RELIABILITY_LABELS.items():
            self.reliability_box.addItem(f"{letter}: {label}", (letter,))
        self.reliability_box.addItem("-: no source", ("-",))
        self.credibility_box = self._combo("evidenceCredibility", "Admiralty information credibility")
        self.credibility_box.addItem("Any credibility", ())
        for number, label in CREDIBILITY_LABELS.items():
            self.credibility_box.addItem(f"{number}: {label}", (number,))

        self.from_check = QCheckBox("From")
        self.from_check.setObjectName("evidenceFromCheck")
        self.from_date = self._date_edit("evidenceFrom")
        self.to_check = QCheckBox("to")
        self.to_check.setObjectName("evidenceToCheck")
        self.to_date = self._date_edit("evidenceTo")
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.setToolTip("Only items observed on or after / on or before this date")
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._apply_filters)
            edit.dateChanged.connect(self._date_changed)

        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("evidenceClear")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count = QLabel()
        self.count.setObjectName("evidenceCount")
        themed_style(self.count, muted_style())

        for box in (self.tag_box, self.rating_scenario_box, self.rating_box, self.reliability_box,
                    self.credibility_box):
            box.currentIndexChanged.connect(self._apply_filters)
        self.rating_scenario_box.currentIndexChanged.connect(
            lambda: self.rating_box.setEnabled(self.rating_scenario_box.currentData() is not None))

        search_row = QHBoxLayout()
        search_row.addWidget(self.filter, 1)
        search_row.addWidget(self.tag_box)
        search_row.addWidget(self.count)
        filter_row = QHBoxLayout()
        for w in (self.rating_scenario_box, self.rating_box, self.reliability_box, self.credibility_box,
                  self.from_check, self.from_date, self.to_check, self.to_date):
            filter_row.addWidget(w)
        filter_row.addStretch(1)
        filter_row.addWidget(self.clear_button)

        self.table = QTableView()
        self.table.setObjectName("evidenceTable")
        self.table.setModel(self.model)
        self._marked_delegate = MarkedTextDelegate(self.table)   # set on the quote column (_size_columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: 100,000 rows must never be measured one by one.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)   # a header click calls model.sort(), which re-queries
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        # After a sort the selected item keeps its selection (the model moves it): bring it into view.
        self.model.layoutChanged.connect(lambda: self.table.scrollTo(self.table.currentIndex()))
        # Double-click here, Enter and Delete in eventFilter: not `activated`, which some styles fire
        # on a single click.
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)

        self.detail = QTextBrowser()
        self.detail.setObjectName("evidenceDetail")
        self.detail.setOpenLinks(False)

        self.sources_label = QLabel("Matching sources")
        themed_style(self.sources_label, muted_style())
        self.sources = QListWidget()
        self.sources.setObjectName("evidenceSources")
        self.sources.setItemDelegate(MarkedTextDelegate(self.sources))
        self.sources.setToolTip("Sources whose title, outlet or text match the search, best first")
        self.sources.itemActivated.connect(lambda item: self.source_activated.emit(item.data(ID_ROLE)))
        self.sources_panel = QWidget()
        panel = QVBoxLayout(self.sources_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.sources_label)
        panel.addWidget(self.sources)
        self.sources_panel.setVisible(False)

        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.detail)
        below.addWidget(self.sources_panel)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(search_row)
        layout.addLayout(filter_row)
        layout.addWidget(splitter)
        # The detail pane and the matched sources are HTML coloured when drawn: draw them again.
        follow_palette(self, lambda _c: self._show_current(self.table.currentIndex(), QModelIndex()), now=False)

    def _combo(self, name: str, tip: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setToolTip(tip)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return box

    def _date_edit(self, name: str) -> DateField:
        """A filter bound, typed whole or picked (a bound, not a stated day: a later one is allowed)."""
        edit = DateField(date.today(), allow_future=True)
        edit.setObjectName(name)
        edit.setEnabled(False)
        return edit

    # --- public API ----------------------------------------------------------

    def show_situation(self, database, situation_id: int, scenarios: list[tuple[str, str]]) -> None:
        """Show a situation's evidence, newest first, with no filters; one rating column per scenario."""
        self._search_timer.stop()
        self._database, self._situation_id, self._scenarios = database, situation_id, list(scenarios)
        with _Quiet(self._filter_widgets()):
            self.filter.clear()
            self._reset_filter_widgets()
            self.rating_scenario_box.clear()
            self.rating_scenario_box.addItem("Rated against: any scenario", None)
            for key, name in scenarios:
                self.rating_scenario_box.addItem(f"Rated against: {name}", key)
            self.rating_box.setEnabled(False)
            span = evidence_date_span(database, situation_id)
            for edit, day in ((self.from_date, span[0]), (self.to_date, span[1])):
                if day is not None:
                    edit.setDate(QDate(day.year, day.month, day.day))
        self._fill_tags()
        self._total = count_evidence(database, situation_id)
        self.model.set_situation(database, situation_id, self._scenarios, EvidenceQuery())
        self._size_columns()
        self._sync_sort_indicator()
        self._show_sources("")
        self._after_query(keep_id=None, fallback_row=0)

    def refresh(self) -> None:
        """Read everything again for the same filters and order; the selected item stays selected."""
        if self._database is None:
            return
        self._search_timer.stop()
        keep = self.selected_evidence_id()
        row = self.table.currentIndex().row()
        self._fill_tags()
        self._total = count_evidence(self._database, self._situation_id)
        query = self._query_from_widgets()
        self.model.set_query(query)
        self._show_sources(query.text)
        self._after_query(keep_id=keep, fallback_row=row)

    def selected_evidence_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return index.data(ID_ROLE)

    def select_evidence(self, evidence_id: int) -> bool:
        """Select and show an item; False when the current filters leave it out."""
        row = self.model.row_of(evidence_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def clear_filters(self) -> None:
        """Back to every item (the sort order stays, unless it was by best match)."""
        self._search_timer.stop()
        with _Quiet(self._filter_widgets()):
            self.filter.clear()
            self._reset_filter_widgets()
        self._apply_filters()

    def set_as_of(self, day) -> None:
        """Show only what was observed by `day` (None: everything), on top of the analyst's own filters.
        Takes effect at the next refresh(), which the window runs when the tab is in view."""
        self._as_of = day

    # --- filters -------------------------------------------------------------

    def _filter_widgets(self) -> list[QObject]:
        return [self.filter, self.tag_box, self.rating_scenario_box, self.rating_box, self.reliability_box,
                self.credibility_box, self.from_check, self.to_check, self.from_date, self.to_date]

    def _reset_filter_widgets(self) -> None:
        for box in (self.tag_box, self.rating_scenario_box, self.rating_box, self.reliability_box,
                    self.credibility_box):
            box.setCurrentIndex(0)
        self.rating_box.setEnabled(False)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.setChecked(False)
            edit.setEnabled(False)

    def _fill_tags(self) -> None:
        current = self.tag_box.currentData()
        with _Quiet([self.tag_box]):
            self.tag_box.clear()
            self.tag_box.addItem("Any tag", None)
            for tag in tags_in_use(self._database, self._situation_id):
                self.tag_box.addItem(tag, tag)
            self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(current)) if current else 0)

    def _query_from_widgets(self) -> EvidenceQuery:
        old = self.model.query()
        text = self.filter.text()
        scenario = self.rating_scenario_box.currentData()
        values = self.rating_box.currentData() or ()
        query = EvidenceQuery(
            text=text,
            tag=self.tag_box.currentData(),
            rating=(scenario, tuple(values)) if scenario is not None and values else None,
            reliability=tuple(self.reliability_box.currentData() or ()),
            credibility=tuple(self.credibility_box.currentData() or ()),
            date_from=_day(self.from_date.date()) if self.from_check.isChecked() else None,
            date_to=_earliest(_day(self.to_date.date()) if self.to_check.isChecked() else None, self._as_of),
            sort=old.sort, descending=old.descending)
        if query.searching and not old.searching:
            query = query.with_(sort="rank", descending=True)   # a new search: best match first
        elif not query.searching and query.sort == "rank":
            query = query.with_(sort="date", descending=True)
        return query

    def _apply_now(self) -> None:
        self._search_timer.stop()
        self._apply_filters()

    def _date_changed(self) -> None:
        if self.from_check.isChecked() or self.to_check.isChecked():
            self._apply_filters()

    def _apply_filters(self) -> None:
        if self._database is None:
            return
        self._search_timer.stop()
        query = self._query_from_widgets()
        if query == self.model.query():
            return
        keep = self.selected_evidence_id()
        text_changed = query.text != self.model.query().text
        self.model.set_query(query)
        self._sync_sort_indicator()
        if text_changed:
            self._show_sources(query.text)
        # A new search shows its best match; other filters keep the item in hand when they can.
        self._after_query(keep_id=None if text_changed else keep, fallback_row=0)

    # --- after each query ----------------------------------------------------

    def _after_query(self, keep_id: int | None, fallback_row: int) -> None:
        row = self.model.row_of(keep_id) if keep_id is not None else None
        if row is None and self.model.rowCount():
            row = min(max(fallback_row, 0), self.model.rowCount() - 1)
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self._show_current(QModelIndex(), QModelIndex())
        else:
            self._select_row(row)
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        filtered = self.model.query().filtered
        self.count.setText(f"{shown:,} of {self._total:,} items" if filtered else f"{self._total:,} items")
        self.clear_button.setEnabled(filtered)
        self.results_changed.emit(shown, self._total)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        selection = self.table.selectionModel()
        moved = selection.currentIndex().row() != row   # if so, currentRowChanged shows it
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.table.scrollTo(index)
        if not moved:
            self._show_current(index, QModelIndex())

    def _sync_sort_indicator(self) -> None:
        """Show the model's order on the header without sorting again."""
        query = self.model.query()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.column_of(query.sort),
                                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        header.viewport().update()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for i in range(header.count()):
            self.table.setItemDelegateForColumn(i, None)
        # Only the quote column pays for a Python delegate; the others paint in C++.
        self.table.setItemDelegateForColumn(self.model.column_of("quote"), self._marked_delegate)
        # The quote takes what the others leave: they are as narrow as their header and content allow,
        # so that a 1280-pixel window still shows a good part of each quote.
        titles, cells = header.fontMetrics(), self.table.fontMetrics()
        sort_arrow = 24
        for i, key in enumerate(self.model.column_keys()):
            header.setSectionResizeMode(
                i, QHeaderView.ResizeMode.Stretch if key == "quote" else QHeaderView.ResizeMode.Interactive)
            title = titles.horizontalAdvance(str(self.model.headerData(i, Qt.Orientation.Horizontal) or ""))
            sample = {"date": "0000-00-00", "grade": "A1", "relevance": "medium", "rating": "CC"}.get(
                "rating" if key.startswith("rating:") else key)
            if sample is not None:
                self.table.setColumnWidth(i, max(title + sort_arrow, cells.horizontalAdvance(sample) + 16))
            elif key in ("source", "tags"):
                self.table.setColumnWidth(i, {"source": 140, "tags": 110}[key])

    def _show_sources(self, text: str) -> None:
        matches = search_sources(self._database, self._situation_id, text) if self._database is not None else []
        self.sources.clear()
        for m in matches:
            plain = "".join(t for t, _ in marked_segments(m.snippet))
            item = QListWidgetItem(f"{m.label}\n{plain}")   # two lines: the default size hint fits them
            item.setData(ID_ROLE, m.id)
            item.setData(MARKED_ROLE, f"{m.label}\n{m.snippet}")
            item.setToolTip(f"{m.key} · {m.label}\n{plain}")
            self.sources.addItem(item)
        self.sources_label.setText(f"Matching sources ({len(matches)})" if matches else "No matching sources")
        self.sources_panel.setVisible(bool(self.model.query().searching))

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            self.detail.clear()
            return
        ratings = " · ".join(f"{html.escape(k)}: <b>{html.escape(v)}</b>" for k, v in row.ratings.items())
        quote = marked_html(row.quote_marked, row.quote)
        summary = marked_html(row.summary_marked, row.summary)
        digest = f"<p><i>{html.escape(DIGEST_NOTE)}</i></p>" if row.is_digest else ""
        self.detail.setHtml(
            f"<p style='font-size:11pt'>“{quote}”</p>{digest}"
            f"<p>{summary}</p>"
            f"<p style='color:{colours().muted}'>{html.escape(row.key)} · observed {row.observed_at.isoformat()} · "
            f"{html.escape(row.source_title or '(no source)')} · grade {row.grade} · relevance {row.relevance}"
            f"{' · group ' + html.escape(row.group) if row.group else ''}"
            f"{' · tags ' + html.escape(', '.join(row.tags)) if row.tags else ''}<br>{ratings}</p>")

    # --- keys ----------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        evidence_id = index.data(ID_ROLE) if index.isValid() else None
        if evidence_id is not None:
            self.evidence_activated.emit(evidence_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and event.key() in _ITEM_KEYS:
            evidence_id = self.selected_evidence_id()
            if evidence_id is not None:
                signal = self.delete_requested if event.key() == Qt.Key.Key_Delete else self.evidence_activated
                signal.emit(evidence_id)
                return True
        return super().eventFilter(watched, event)


_ITEM_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _Quiet:
    """Block the signals of some widgets while they are set from code."""

    def __init__(self, widgets):
        self.widgets = widgets

    def __enter__(self):
        self.previous = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc):
        for w, was in zip(self.widgets, self.previous):
            w.blockSignals(was)


def _earliest(a, b):
    """The earlier of two optional dates (None means no limit)."""
    return b if a is None else a if b is None else min(a, b)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
