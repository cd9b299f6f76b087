"""One indicator's trend: steps for cumulative counts, stems for event counts, a line for levels,
with its warn and alert thresholds drawn across."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from desktop.ui.charts.base import new_plot
from desktop.ui.common.theme import STATUS_COLOURS, epoch

DAY = 86400.0
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class IndicatorChart:
    """Owns a PlotWidget; `set_series` draws an IndicatorSeries from the indicators service."""

    def __init__(self):
        self.widget = new_plot(with_dates=True)
        self.widget.setObjectName("indicatorChart")
        self.widget.setMinimumHeight(150)
        self.curve: pg.PlotDataItem | None = None
        self.points: pg.ScatterPlotItem | None = None

    def set_series(self, series, x_range: tuple[float, float] | None = None) -> None:
        """Draw `series`; `x_range` (epoch seconds) lines every indicator up on one time span."""
        plot = self.widget.getPlotItem()
        plot.clear()
        plot.setLabel("left", series.unit)
        last = np.append(series.days[1:] != series.days[:-1], True) if series.count else np.zeros(0, bool)
        xs = (series.days[last] - EPOCH_ORDINAL) * DAY    # the last figure reported for a day wins
        ys = series.values[last]
        if not len(xs):
            return
        colour = STATUS_COLOURS[series.status.value]
        end = max(x_range[1] if x_range else xs[-1], xs[-1]) + 3 * DAY
        kind = series.kind.value
        if kind == "cumulative":
            edges = np.append(xs, end)
            self.curve = plot.plot(edges, ys, stepMode="center", pen=pg.mkPen(colour, width=2),
                                   fillLevel=0, brush=pg.mkBrush(colour + "22"))
        elif kind == "events":
            self.curve = None
            plot.addItem(pg.BarGraphItem(x=xs, height=ys, width=DAY * 1.5, brush=pg.mkBrush(colour)))
        else:
            self.curve = plot.plot(xs, ys, pen=pg.mkPen(colour, width=2))
        self.points = pg.ScatterPlotItem(xs, ys, size=7, brush=pg.mkBrush(colour), pen=pg.mkPen("w", width=1))
        self.points.setToolTip(f"{series.name}")
        plot.addItem(self.points)
        for value, name in ((series.warn, "amber"), (series.alert, "red")):
            if value is not None:
                plot.addItem(pg.InfiniteLine(
                    pos=value, angle=0, pen=pg.mkPen(STATUS_COLOURS[name], width=1, style=Qt.PenStyle.DashLine),
                    label=f"{'warn' if name == 'amber' else 'alert'} {value:,.0f}",
                    labelOpts={"position": 0.05, "color": STATUS_COLOURS[name], "anchors": [(0, 1), (0, 1)]}))
        top = max([ys.max()] + [v for v in (series.warn, series.alert) if v is not None])
        plot.setYRange(0, top * 1.15 if top > 0 else 1, padding=0)
        plot.setXRange((x_range[0] if x_range else xs[0]) - 3 * DAY, end, padding=0)
