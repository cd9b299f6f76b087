"""Compare tab: two dates (or a judgement against the model now) side by side, and the evidence between."""

from __future__ import annotations

import math
from datetime import timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QTableWidget, QTableWidgetItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop.services.judgements import evidence_ids_logged_since, list_judgements
from desktop.services.likelihoods import compare_dates, compare_with_judgement
from desktop.ui.common.date_field import DateField
from desktop.ui.common.layout import steady_page_width
from desktop.ui.common.theme import Colours, colours, follow_palette, format_day, known_tip, muted_style, themed_style

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SIGN_ROLE = Qt.ItemDataRole.UserRole + 2     # +1 a rise, -1 a fall (a difference's colour)
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 3   # a contribution at full precision (the column's rows sum to the change)
KIND_ROLE = Qt.ItemDataRole.UserRole + 4     # "item", "others" or "sum": what a line under a scenario is
DATES, JUDGEMENT = 0, 1
SHOWN = 25    # items listed by name per scenario; the rest are one line, so the column still adds up
COLUMNS = ["Evidence between them", "When it arrived", "Impact now", "Reported"]


def _qdate(d) -> QDate:
    return QDate(d.year, d.month, d.day)


class CompareView(QWidget):
    evidence_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        steady_page_width(self)   # the splitter beside the cards never moves (common/layout.py)
        self.setObjectName("compare")
        self.database = None
        self.situation_id = None
        self.mode = QComboBox()
        self.mode.setObjectName("compareMode")
        self.mode.addItems(["Two dates", "A judgement vs the model now"])
        self.before = DateField(allow_future=True)     # dates to compare, not stated days
        self.before.setObjectName("compareBefore")
        self.after = DateField(allow_future=True)
        self.after.setObjectName("compareAfter")
        self.after_now = QCheckBox("now")
        self.after_now.setChecked(True)
        self.judgement = QComboBox()
        self.judgement.setObjectName("compareJudgement")
        for w in (self.mode, self.before, self.after, self.judgement):
            signal = w.currentIndexChanged if isinstance(w, QComboBox) else w.dateChanged
            signal.connect(self.refresh)
        self.after_now.toggled.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.mode)
        self.dates_box = QWidget()
        dates = QHBoxLayout(self.dates_box)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel("from"))
        dates.addWidget(self.before)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.after)
        dates.addWidget(self.after_now)
        bar.addWidget(self.dates_box)
        bar.addWidget(self.judgement)
        bar.addStretch(1)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("compareTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.explain = QTreeWidget()
        self.explain.setObjectName("compareEvidence")
        self.explain.setHeaderLabels(COLUMNS)
        self.explain.headerItem().setToolTip(1, "What the item did when it arrived: the probability after it minus "
                                                "before it, items added in order of date. They sum to the difference.")
        self.explain.headerItem().setToolTip(2, "What the item does now: the probability with it minus without it.")
        self.explain.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.explain.header().setStretchLastSection(False)
        self.explain.itemActivated.connect(self._activated)
        self.note = QLabel()
        self.note.setObjectName("compareNote")
        self.note.setWordWrap(True)
        themed_style(self.note, muted_style())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.explain)
        splitter.setSizes([200, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        follow_palette(self, self._recolour, now=False)

    def _recolour(self, c: Colours) -> None:
        """Rises and falls in colours readable on the table."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 3)
            sign = item.data(SIGN_ROLE) if item is not None else None
            if sign:
                item.setForeground(QBrush(QColor(c.positive if sign > 0 else c.negative)))

    def show_situation(self, database, situation_id: int, last_day=None) -> None:
        """Open on the week to `last_day` (the latest evidence) when given."""
        self.database, self.situation_id = database, situation_id
        widgets = (self.before, self.after, self.mode, self.judgement, self.after_now)
        for w in widgets:
            w.blockSignals(True)
        if last_day is not None:
            self.after.setDate(_qdate(last_day))
            self.before.setDate(_qdate(last_day - timedelta(days=7)))
        self._fill_judgements()
        for w in widgets:
            w.blockSignals(False)
        self.refresh()

    def set_as_of(self, day) -> None:
        """Follow the window's as-of date: compare the week up to it (None: back to "now")."""
        widgets = (self.before, self.after, self.after_now)
        for w in widgets:
            w.blockSignals(True)
        self.after_now.setChecked(day is None)
        if day is not None:
            self.after.setDate(_qdate(day))
            if self.before.date().toPython() >= day:
                self.before.setDate(_qdate(day - timedelta(days=7)))
        for w in widgets:
            w.blockSignals(False)

    def _fill_judgements(self) -> None:
        """The rounds, newest first, keeping the one chosen (a round recorded or undone since shows at once)."""
        chosen = self.judgement.currentData()
        self.rounds = list_judgements(self.database, self.situation_id)
        self.judgement.blockSignals(True)
        self.judgement.clear()
        for r in reversed(self.rounds):
            # Stated date first (what the analyst chose), then the entry stamp, which tells rounds apart.
            self.judgement.addItem(f"{r.stated_on.isoformat()} by {r.analyst or 'analyst'} "
                                   f"(entered {r.made_at.astimezone():%Y-%m-%d %H:%M})", r.judgement_ids)
        ids = [self.judgement.itemData(i) for i in range(self.judgement.count())]
        self.judgement.setCurrentIndex(ids.index(chosen) if chosen in ids else 0)
        self.judgement.blockSignals(False)
        self.judgement.setEnabled(bool(self.rounds))

    def refresh(self, *_args) -> None:
        if self.database is None:
            return
        by_judgement = self.mode.currentIndex() == JUDGEMENT
        self.dates_box.setVisible(not by_judgement)
        self.judgement.setVisible(by_judgement)
        self.after.setEnabled(not self.after_now.isChecked())
        if by_judgement:
            self._fill_judgements()
            if not self.rounds:
                self._show(None, "Record a judgement (Ctrl+J) to compare it with the model.")
                return
            chosen = self.rounds[len(self.rounds) - 1 - max(self.judgement.currentIndex(), 0)]
            logged = evidence_ids_logged_since(self.database, self.situation_id, chosen.made_at)
            result = compare_with_judgement(self.database, self.situation_id, chosen.probabilities,
                                            chosen.made_at, logged, chosen.stated_on)
            self._show(result, f"Your judgement against the model now; {len(logged)} items logged since you "
                               f"entered it.")
        else:
            before = self.before.date().toPython()
            after = None if self.after_now.isChecked() else self.after.date().toPython()
            result = compare_dates(self.database, self.situation_id, before, after)
            if after is not None and after <= before:
                note = "Pick a “to” date after the “from” date to see what each item did when it arrived."
            else:
                note = (f"Evidence reported after {format_day(before)} up to "
                        f"{'now' if after is None else format_day(after)}, added in order of date: "
                        f"“When it arrived” sums to the difference; “Impact now” is with it minus without it.")
            self._show(result, note)

    def _show(self, result, note: str) -> None:
        self.note.setText(note)
        self.table.setRowCount(0)
        self.explain.clear()
        if result is None:
            return
        self.table.setHorizontalHeaderLabels(["Scenario", result.before_label, result.after_label, "Difference"])
        self.table.setRowCount(len(result.rows))
        for i, row in enumerate(result.rows):
            diff = QTableWidgetItem(f"{row.difference * 100:+.1f} pts")
            if abs(row.difference) >= 0.005:
                diff.setData(SIGN_ROLE, 1 if row.difference > 0 else -1)
                diff.setForeground(QBrush(QColor(colours().positive if row.difference > 0 else colours().negative)))
            for col, item in enumerate((QTableWidgetItem(row.name), QTableWidgetItem(f"{row.before:.1%}"),
                                        QTableWidgetItem(f"{row.after:.1%}"), diff)):
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, item)
        if result.contributions:
            self._show_contributions(result)
        else:
            for row, impacts in zip(result.rows, result.explaining):
                top = QTreeWidgetItem([f"{row.name}: {row.difference * 100:+.1f} pts", "", "", ""])
                for imp in impacts:
                    top.addChild(self._evidence_line(imp.evidence, imp.quote, imp.evidence_id, None, imp.impact,
                                                     imp.reported_at or imp.observed_at))
                self.explain.addTopLevelItem(top)
                top.setExpanded(True)
        for column in (1, 2, 3):
            self.explain.resizeColumnToContents(column)

    def _show_contributions(self, result) -> None:
        """Per scenario: the items that did most when they arrived, the rest in one line, and their sum."""
        for j, (row, added) in enumerate(zip(result.rows, result.contributions)):
            top = QTreeWidgetItem([f"{row.name}: {row.difference * 100:+.1f} pts", "", "", ""])
            ranked = sorted(added, key=lambda c: -abs(c.change))
            for c in ranked[:SHOWN]:
                now = (result.impact_now or {}).get(c.evidence_id)
                top.addChild(self._evidence_line(c.evidence, c.quote, c.evidence_id, c.change,
                                                 now[j] if now else None, c.known_at))
            if len(ranked) > SHOWN:
                rest = math.fsum(c.change for c in ranked[SHOWN:])
                top.addChild(self._total_line(f"{len(ranked) - SHOWN} other items", rest, "others"))
            top.addChild(self._total_line(f"Sum of {len(added)} items (the difference)",
                                          math.fsum(c.change for c in added), "sum"))
            self.explain.addTopLevelItem(top)
            top.setExpanded(True)

    @staticmethod
    def _evidence_line(key, quote, evidence_id, change, impact, day) -> QTreeWidgetItem:
        line = QTreeWidgetItem([f"{key}  “{quote}”", "" if change is None else f"{change * 100:+.1f} pts",
                                "" if impact is None else f"{impact * 100:+.1f} pts", format_day(day)])
        line.setData(0, ID_ROLE, evidence_id)
        line.setData(0, KIND_ROLE, "item")
        if change is not None:
            line.setData(1, CHANGE_ROLE, change)
        line.setToolTip(0, quote)
        for column in (1, 2):
            line.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return line

    @staticmethod
    def _total_line(label: str, change: float, kind: str) -> QTreeWidgetItem:
        line = QTreeWidgetItem([label, f"{change * 100:+.1f} pts", "", ""])
        line.setData(0, KIND_ROLE, kind)
        line.setData(1, CHANGE_ROLE, change)
        line.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if kind == "sum":
            font = line.font(0)
            font.setBold(True)
            line.setFont(0, font)
            line.setFont(1, font)
        return line

    def _activated(self, item, _column) -> None:
        evidence_id = item.data(0, ID_ROLE)
        if evidence_id is not None:
            self.evidence_activated.emit(int(evidence_id))
