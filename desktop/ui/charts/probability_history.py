"""Scenario probabilities over time: one line per scenario on a date axis, evidence days marked."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from desktop.ui.charts.base import new_plot
from desktop.ui.common.theme import epoch, scenario_colour


class ProbabilityHistoryChart:
    """Owns a PlotWidget; `set_data` redraws from a ProbabilityHistory service result."""

    DEFAULT_SPAN_DAYS = 120

    def __init__(self):
        self.widget = new_plot(with_dates=True)
        self.widget.setObjectName("probabilityHistory")
        plot = self.widget.getPlotItem()
        plot.setLabel("left", "probability", units="%")
        plot.setYRange(0, 100, padding=0.02)
        plot.setLimits(yMin=-5, yMax=105)
        self.legend = plot.addLegend(offset=(10, 10), labelTextSize="9pt")
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.markers: pg.ScatterPlotItem | None = None

    def set_data(self, history) -> None:
        plot = self.widget.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.curves = {}
        xs = np.array([epoch(d) for d in history.days])
        for j, meta in enumerate(history.scenarios):
            pen = pg.mkPen(scenario_colour(meta.colour, j), width=2.5)
            curve = plot.plot(xs, history.probabilities[:, j] * 100, pen=pen, name=meta.name)
            self.curves[meta.key] = curve
        if history.evidence_days:
            ex = np.array([epoch(d) for d in history.evidence_days])
            self.markers = pg.ScatterPlotItem(ex, np.full(len(ex), 1.5), symbol="t1", size=9,
                                              brush=pg.mkBrush("#546e7a"), pen=pg.mkPen(None))
            self.markers.setToolTip("a day with new evidence")
            plot.addItem(self.markers)
        if len(xs):
            # Open on the recent past, where an analyst looks first; the rest is a pan away.
            start = max(xs[0], xs[-1] - self.DEFAULT_SPAN_DAYS * 86400)
            pad = max((xs[-1] - start) * 0.02, 86400)
            plot.setXRange(start - pad, xs[-1] + pad, padding=0)
        line = pg.InfiniteLine(pos=50, angle=0, pen=pg.mkPen("#b0bec5", style=Qt.PenStyle.DashLine))
        plot.addItem(line)
