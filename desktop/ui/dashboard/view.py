"""Dashboard tab: where the scenarios stand, what moved them, how they moved, and what is fragile."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.domain.horizon import horizon_notice
from desktop.ui.charts.probability_bars import ProbabilityBarsChart
from desktop.ui.charts.probability_history import ProbabilityHistoryChart
from desktop.ui.common.layout import steady_page_width
from desktop.ui.common.theme import Colours, colours, follow_palette, format_day, known_tip, muted_style, themed_style
from desktop.ui.indicators.tiles import IndicatorGrid

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SCENARIO_ROLE = Qt.ItemDataRole.UserRole + 2     # (colour, index) of a scenario's line in "What moved it"


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    themed_style(label, muted_style("font-weight: 600; padding: 6px 2px 2px 2px;"))
    return label


def _banner(name: str, kind: str) -> QLabel:
    """A notice above the charts; `kind` "warning" or "info" picks its colours."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    themed_style(label, lambda c: (f"background: {getattr(c, kind + '_bg')}; color: {getattr(c, kind + '_text')};"
                                   f" border: 1px solid {getattr(c, kind + '_border')}; border-radius: 4px;"
                                   " padding: 6px;"))
    label.hide()
    return label


class DashboardView(QWidget):
    evidence_activated = Signal(int)
    indicator_activated = Signal(str)     # an indicator's key: a tile was clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        steady_page_width(self)   # the splitter beside the cards never moves (common/layout.py)
        self.setObjectName("dashboard")
        self.fragility = _banner("fragilityWarning", "warning")
        self.unrated = _banner("unratedWarning", "warning")
        self.carrier = _banner("carrierWarning", "warning")
        self.ach_disagreement = _banner("achDisagreement", "info")
        self.judgement_notice = _banner("judgementNotice", "info")
        self.horizon_notice = _banner("horizonNotice", "warning")
        self.scenario_notice = _banner("noScenariosNotice", "info")
        self.bars = ProbabilityBarsChart()
        self.history = ProbabilityHistoryChart()
        self.history.evidence_clicked.connect(self.evidence_activated)
        self.moved = QTreeWidget()
        self._moved_shown: list | None = None
        self.moved.setObjectName("whatMovedIt")
        self.moved.setHeaderLabels(["Scenario / evidence", "Impact", "Observed"])
        self.moved.setRootIsDecorated(True)
        self.moved.setUniformRowHeights(True)
        self.moved.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.moved.header().setStretchLastSection(False)
        self.moved.itemActivated.connect(self._activated)

        bars_box = QWidget()
        bars_layout = QVBoxLayout(bars_box)
        bars_layout.setContentsMargins(0, 0, 0, 0)
        bars_layout.addWidget(_heading("Current probabilities (Bayesian ACH)"))
        bars_layout.addWidget(self.bars.widget)
        moved_box = QWidget()
        moved_layout = QVBoxLayout(moved_box)
        moved_layout.setContentsMargins(0, 0, 0, 0)
        moved_layout.addWidget(_heading("What moved it: impact of each item (with minus without)"))
        moved_layout.addWidget(self.moved)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(bars_box)
        top.addWidget(moved_box)
        top.setSizes([500, 600])

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.history_heading = _heading("Probability over time")
        bottom_layout.addWidget(self.history_heading)
        bottom_layout.addWidget(self.history.widget)
        self.indicator_grid = IndicatorGrid()
        self.indicator_grid.activated.connect(self.indicator_activated)
        grid_scroll = QScrollArea()
        grid_scroll.setObjectName("indicatorGridScroll")
        grid_scroll.setWidgetResizable(True)
        grid_scroll.setFrameShape(QFrame.Shape.NoFrame)
        grid_scroll.setWidget(self.indicator_grid)
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(_heading("Indicators  ·  status colour, latest figure, trend (click one to open it)"))
        grid_layout.addWidget(grid_scroll, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.addWidget(grid_box)
        splitter.setSizes([260, 400, 220])

        banners = QHBoxLayout()
        banners.addWidget(self.scenario_notice, 1)
        banners.addWidget(self.horizon_notice, 1)
        banners.addWidget(self.fragility, 1)
        banners.addWidget(self.unrated, 1)
        banners.addWidget(self.carrier, 1)
        banners.addWidget(self.ach_disagreement, 1)
        banners.addWidget(self.judgement_notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(banners)
        layout.addWidget(splitter, 1)
        follow_palette(self, self._recolour, now=False)

    def _recolour(self, c: Colours) -> None:
        """The scenarios' lines in "What moved it" in their colours, readable on the list's background."""
        for i in range(self.moved.topLevelItemCount()):
            item = self.moved.topLevelItem(i)
            colour, index = item.data(0, SCENARIO_ROLE)
            item.setForeground(0, c.scenario_text(colour, index, c.base))

    def show_data(self, overview, rounds=(), status=None) -> None:
        report = overview.report
        self.bars.set_data([s.name for s in report.scenarios], [s.probability for s in report.scenarios],
                           [s.colour for s in report.scenarios])
        horizon = getattr(overview, "horizon", None)
        self.history.set_data(overview.history, rounds, report.as_of, horizon)
        self.history_heading.setText(
            "Probability over time, as it was known  ·  ▲ an evidence item, on the day it was reported "
            "(click to open)  ·  ◆ your judgements")
        self._show_moved(report)
        self._show_fragility(report)
        self._show_unrated(report)
        self._show_carrier(report)
        self._show_ach_disagreement(report)
        self._show_judgement_status(report, status)
        self._show_horizon(horizon)
        self.scenario_notice.setText("No scenarios yet, so no probabilities: add them in Analysis → "
                                     "Situation and scenarios…")
        self.scenario_notice.setVisible(not report.scenarios)

    def _show_horizon(self, horizon: date | None, today: date | None = None) -> None:
        """Near or past the horizon with the question open (no resolutions yet: every question is open)."""
        text = horizon_notice(horizon, today or date.today())
        self.horizon_notice.setText(html.escape(text) if text else "")
        self.horizon_notice.setVisible(text is not None)

    def show_indicators(self, series: list) -> None:
        self.indicator_grid.show_series(series)

    def _show_moved(self, report) -> None:
        ranked = sorted(report.scenarios, key=lambda s: -s.probability)
        shown = [(f"{s.name}  {s.probability:.0%} ({s.words})", s.colour,
                  tuple((imp.evidence_id, imp.evidence, imp.quote, f"{imp.impact * 100:+.1f} pts", imp.observed_at)
                        for imp in s.impacts)) for s in ranked]
        if shown == self._moved_shown:
            return       # the same lines as on screen (one more item in 10,000 rarely moves a tenth of a point)
        self._moved_shown = shown
        self.moved.clear()
        for j, s in enumerate(ranked):
            top = QTreeWidgetItem([shown[j][0], "", ""])
            top.setData(0, SCENARIO_ROLE, (s.colour, j))
            top.setForeground(0, colours().scenario_text(s.colour, j, colours().base))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for imp in s.impacts:
                child = QTreeWidgetItem([f"{imp.evidence}  “{imp.quote}”", f"{imp.impact * 100:+.1f} pts",
                                         format_day(imp.observed_at)])
                child.setData(0, ID_ROLE, imp.evidence_id)
                child.setToolTip(0, imp.quote)
                child.setToolTip(2, known_tip(imp))
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                top.addChild(child)
            self.moved.addTopLevelItem(top)
            top.setExpanded(j == 0)
        self.moved.resizeColumnToContents(1)
        self.moved.resizeColumnToContents(2)

    def _show_fragility(self, report) -> None:
        if not report.fragile or report.leader is None:
            self.fragility.hide()
            return
        names = {s.key: s.name for s in report.scenarios}
        items = "; ".join(f"<b>{html.escape(f.evidence)}</b> “{html.escape(f.quote[:90])}” → "
                          f"{html.escape(names.get(f.leader_without, f.leader_without))}"
                          for f in report.fragile[:3])
        more = f" and {len(report.fragile) - 3} more" if len(report.fragile) > 3 else ""
        self.fragility.setText(
            f"⚠ <b>Fragile lead.</b> {html.escape(report.leader.name)} ranks first, but removing one item would "
            f"change that: {items}{more}.")
        self.fragility.show()

    def _show_unrated(self, report) -> None:
        warning = report.unrated_warning()
        self.unrated.setText(f"⚠ <b>Unrated cells.</b> {html.escape(warning)}" if warning else "")
        self.unrated.setVisible(bool(warning))

    def _show_carrier(self, report) -> None:
        """An item that alone moves a scenario by more than 25 points: the lead rests on one report."""
        if not report.carriers:
            self.carrier.hide()
            return
        first = report.carriers[0]
        others = {c.evidence for c in report.carriers} - {first.evidence}
        more = f" ({len(others)} more item{'s' if len(others) > 1 else ''} too)" if others else ""
        self.carrier.setText(
            f"⚠ <b>One item carries this lead:</b> <b>{html.escape(first.evidence)}</b> moves "
            f"{html.escape(first.scenario_name)} by {first.impact * 100:+.0f} pts{more}. Check it before "
            f"relying on the figure.")
        self.carrier.show()

    def _show_ach_disagreement(self, report) -> None:
        sentence = report.ach_disagreement()
        self.ach_disagreement.setText(f"<b>ACH and the model disagree.</b> {html.escape(sentence)}" if sentence else "")
        self.ach_disagreement.setVisible(bool(sentence))

    def _show_judgement_status(self, report, status) -> None:
        if status is None or status.latest is None:
            self.judgement_notice.hide()
            return
        names = {s.key: s.name for s in report.scenarios}
        parts = []
        if status.disagreements:
            gaps = ", ".join(f"{html.escape(names.get(k, k))} {v * 100:+.0f} pts"
                             for k, v in status.disagreements.items())
            parts.append(f"<b>You and the model disagree</b> by more than 15 points: {gaps} (you minus model).")
        if status.stale:
            latest = status.latest
            entered = latest.made_at.astimezone().date()
            when = format_day(latest.stated_on) + (f" (entered {format_day(entered)})"
                                                   if entered != latest.stated_on else "")
            parts.append(f"<b>Your judgement of {when} is stale</b>: "
                         f"{status.evidence_since} items logged since. Record a new one (Ctrl+J).")
        self.judgement_notice.setText(" ".join(parts))
        self.judgement_notice.setVisible(bool(parts))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        evidence_id = item.data(0, ID_ROLE)
        if evidence_id is not None:
            self.evidence_activated.emit(int(evidence_id))
