"""Dashboard tab: current probabilities as bars, their history as lines on a date axis."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from desktop.ui.charts.probability_bars import ProbabilityBarsChart
from desktop.ui.charts.probability_history import ProbabilityHistoryChart
from desktop.ui.common.theme import MUTED


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"font-weight: 600; color: {MUTED}; padding: 6px 2px 2px 2px;")
    return label


class DashboardView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.bars = ProbabilityBarsChart()
        self.history = ProbabilityHistoryChart()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(_heading("Current probabilities (Bayesian ACH)"))
        top_layout.addWidget(self.bars.widget)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.history_heading = _heading("Probability over time")
        bottom_layout.addWidget(self.history_heading)
        bottom_layout.addWidget(self.history.widget)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(splitter)

    def show_data(self, report, history) -> None:
        self.bars.set_data([s.name for s in report.scenarios], [s.probability for s in report.scenarios],
                           [s.colour for s in report.scenarios])
        self.history.set_data(history)
        n = len(history.evidence_days)
        self.history_heading.setText(
            f"Probability over time  ·  ▲ marks the {n} days with new evidence" if n else "Probability over time")
