"""Indicators tab: one trend plot per indicator, with its latest value, trend and status colour."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from desktop.ui.charts.indicator_chart import IndicatorChart
from desktop.ui.common.theme import MUTED, STATUS_COLOURS, STATUS_TEXT, epoch, format_day, format_number


class IndicatorPanel(QFrame):
    """Header (status dot, name, latest value, trend) above the indicator's chart."""

    def __init__(self, series, x_range: tuple[float, float] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorPanel")
        self.series = series
        colour = STATUS_COLOURS[series.status.value]
        self.setStyleSheet("#indicatorPanel { background: #ffffff; border: 1px solid #dde3e6; border-radius: 4px; }")
        self.status = QLabel("●")
        self.status.setObjectName("status")
        self.status.setStyleSheet(f"color: {colour}; font-size: 16pt;")
        self.status.setToolTip(STATUS_TEXT[series.status.value])
        name = QLabel(series.name)
        name.setWordWrap(True)
        name.setStyleSheet("font-weight: 600;")
        name.setToolTip(series.description)
        self.latest = QLabel(self._latest_text(series))
        self.latest.setObjectName("latest")
        self.latest.setTextFormat(Qt.TextFormat.RichText)
        self.trend = QLabel(self._trend_text(series))
        self.trend.setObjectName("trend")
        self.trend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.trend.setStyleSheet(f"color: {MUTED};")
        # Narrow panels clip the figures rather than push the grid wider than the window.
        self.trend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        head = QHBoxLayout()
        head.addWidget(self.status)
        head.addWidget(name, 1)
        figures = QHBoxLayout()
        figures.addWidget(self.latest)
        figures.addWidget(self.trend, 1)
        self.chart = IndicatorChart()
        self.chart.set_series(series, x_range)
        self.setFixedHeight(270)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addLayout(head)
        layout.addLayout(figures)
        layout.addWidget(self.chart.widget)

    @staticmethod
    def _latest_text(series) -> str:
        if series.latest is None:
            return f"<span style='color:{MUTED}'>no observations</span>"
        q = series.latest_qualifier if series.kind.value != "events" else None
        qualifier = f"{q} " if q else ""
        label = f"{series.trend_days} days: " if series.kind.value == "events" else ""
        return (f"<span style='font-size:13pt; font-weight:700'>{label}{qualifier}{format_number(series.latest)}"
                f"</span> {series.unit}")

    @staticmethod
    def _trend_text(series) -> str:
        if series.latest_at is None:
            return ""
        if series.trend is None:
            return f"as of {format_day(series.latest_at)}"
        arrow = "▲" if series.trend > 0 else "▼" if series.trend < 0 else "■"
        return f"{arrow} {series.trend:+,.0f} in {series.trend_days} days · {format_day(series.latest_at)}"


def shared_x_range(series: list, span_days: int = 120) -> tuple[float, float] | None:
    """One time span for every panel: the last `span_days` up to the latest observation."""
    firsts = [int(s.days[0]) for s in series if s.count]
    if not firsts:
        return None
    end = epoch(date.fromordinal(max(int(s.days[-1]) for s in series if s.count)))
    return max(epoch(date.fromordinal(min(firsts))), end - span_days * 86400.0), end


class IndicatorsView(QScrollArea):
    COLUMNS = 3

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicators")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panels: list[IndicatorPanel] = []
        self._inner = QWidget()
        self.grid = QGridLayout(self._inner)
        self.grid.setContentsMargins(8, 8, 8, 8)
        self.grid.setSpacing(8)
        self.empty = QLabel("No indicators yet.")
        self.empty.setStyleSheet(f"color: {MUTED};")
        self.setWidget(self._inner)

    def show_series(self, series: list) -> None:
        for panel in self.panels:
            self.grid.removeWidget(panel)
            panel.deleteLater()
        self.panels = []
        self.grid.removeWidget(self.empty)
        if not series:
            self.grid.addWidget(self.empty, 0, 0)
            return
        x_range = shared_x_range(series)
        for i, s in enumerate(series):
            panel = IndicatorPanel(s, x_range)
            self.grid.addWidget(panel, i // self.COLUMNS, i % self.COLUMNS)
            self.panels.append(panel)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
