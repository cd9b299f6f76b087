"""Current scenario probabilities as horizontal bars, most likely on top."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from desktop.ui.charts.base import new_plot
from desktop.ui.common.theme import scenario_colour


class ProbabilityBarsChart:
    """Owns a PlotWidget; `set_data` replaces the bars (created fresh: there are only a handful)."""

    def __init__(self):
        self.widget = new_plot(with_dates=False)
        self.widget.setObjectName("probabilityBars")
        self.widget.setMouseEnabled(x=False, y=False)
        plot = self.widget.getPlotItem()
        plot.setLabel("bottom", "probability", units="%")
        plot.showGrid(x=True, y=False, alpha=0.15)
        self.bars: pg.BarGraphItem | None = None
        self.labels: list[pg.TextItem] = []

    def set_data(self, names: list[str], probabilities: list[float], colours: list[str | None]) -> None:
        plot = self.widget.getPlotItem()
        plot.clear()
        self.labels = []
        order = sorted(range(len(names)), key=lambda i: probabilities[i])  # lowest at the bottom
        ys = list(range(len(order)))
        widths = [probabilities[i] * 100 for i in order]
        brushes = [pg.mkBrush(scenario_colour(colours[i], i)) for i in order]
        self.bars = pg.BarGraphItem(x0=[0] * len(order), y=ys, height=0.6, width=widths, brushes=brushes,
                                    pens=[pg.mkPen(None)] * len(order))
        plot.addItem(self.bars)
        font = QFont()
        font.setBold(True)
        for y, i in zip(ys, order):
            label = pg.TextItem(f"{probabilities[i]:.0%}", anchor=(0, 0.5), color="#263238")
            label.setFont(font)
            label.setPos(probabilities[i] * 100 + 1, y)
            plot.addItem(label)
            self.labels.append(label)
        plot.getAxis("left").setTicks([[(y, names[i]) for y, i in zip(ys, order)]])
        plot.setXRange(0, 110, padding=0)
        plot.setYRange(-0.6, len(order) - 0.4, padding=0)
