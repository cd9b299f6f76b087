"""Current scenario probabilities as horizontal bars, most likely on top."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from desktop.ui.charts.base import new_plot
from desktop.ui.charts.export import add_export_menu
from desktop.ui.common.theme import Colours, colours, follow_palette


class ProbabilityBarsChart:
    """Owns a PlotWidget; `set_data` updates the bars and labels in place (made once per scenario set)."""

    def __init__(self):
        self.widget = new_plot(with_dates=False)
        add_export_menu(self.widget, "current-probabilities")
        self.widget.setObjectName("probabilityBars")
        self.widget.setMouseEnabled(x=False, y=False)
        plot = self.widget.getPlotItem()
        plot.setLabel("bottom", "probability", units="%")
        plot.showGrid(x=True, y=False, alpha=0.15)
        plot.setXRange(0, 110, padding=0)
        self.bars: pg.BarGraphItem | None = None
        self.labels: list[pg.TextItem] = []
        self._ticks: list | None = None
        self._shown: tuple | None = None     # the last data, drawn again in new colours
        follow_palette(self.widget, self._recolour, now=False)

    def _recolour(self, c: Colours) -> None:
        for label in self.labels:
            label.setColor(c.chart_foreground)
        if self._shown is not None:
            self.set_data(*self._shown)

    def set_data(self, names: list[str], probabilities: list[float], scenario_colours: list[str | None]) -> None:
        self._shown = (names, probabilities, scenario_colours)
        c = colours()
        plot = self.widget.getPlotItem()
        if not names:       # a new situation before its first scenario: nothing to draw (pyqtgraph fails on no bars)
            plot.clear()
            self.bars, self.labels, self._ticks = None, [], None
            plot.getAxis("left").setTicks([[]])
            return
        if self.bars is None or len(self.labels) != len(names):
            plot.clear()
            self.bars = pg.BarGraphItem(x0=[0] * len(names), y=list(range(len(names))), height=0.6,
                                        width=[0] * len(names))
            plot.addItem(self.bars)
            font = QFont()
            font.setBold(True)
            self.labels = []
            for _ in names:
                label = pg.TextItem("", anchor=(0, 0.5), color=c.chart_foreground)
                label.setFont(font)
                plot.addItem(label)
                self.labels.append(label)
            plot.setYRange(-0.6, len(names) - 0.4, padding=0)
            self._ticks = None
        order = sorted(range(len(names)), key=lambda i: probabilities[i])  # lowest at the bottom
        self.bars.setOpts(width=[probabilities[i] * 100 for i in order],
                          brushes=[pg.mkBrush(c.scenario(scenario_colours[i], i)) for i in order],
                          pens=[pg.mkPen(None)] * len(order))
        for y, (i, label) in enumerate(zip(order, self.labels)):
            label.setText(f"{probabilities[i]:.0%}")
            label.setPos(probabilities[i] * 100 + 1, y)
        ticks = [[(y, names[i]) for y, i in enumerate(order)]]
        if ticks != self._ticks:  # the axis repaints only when the order changes
            plot.getAxis("left").setTicks(ticks)
            self._ticks = ticks
