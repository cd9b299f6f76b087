"""pyqtgraph set-up shared by every chart: configured once, the palette's colours, date axes in UTC."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from desktop.ui.charts.date_axis import CalendarAxis
from desktop.ui.common.theme import Colours, colours, follow_palette

_configured = False
MIN_DAYS_IN_VIEW = 3


def configure_pyqtgraph() -> None:
    """Global options must be set before the first plot widget exists (../shared/stack.md)."""
    global _configured
    if not _configured:
        c = colours()
        pg.setConfigOptions(antialias=True, background=c.chart_background, foreground=c.chart_foreground)
        _configured = True


def date_axis() -> pg.DateAxisItem:
    # Dates are stored as calendar days; x is UTC midnight, so the axis must not shift by the local zone.
    # One row of labels that fit and say the year (pyqtgraph's own ran "31Aug" and "Nov03" together).
    return CalendarAxis(orientation="bottom")


def new_plot(with_dates: bool = True) -> pg.PlotWidget:
    configure_pyqtgraph()
    axes = {"bottom": date_axis()} if with_dates else {}
    plot = pg.PlotWidget(axisItems=axes)
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.setMenuEnabled(False)
    plot.getPlotItem().hideButtons()
    if with_dates:
        # Figures are per day: zooming in past a few days shows nothing more (and leaves no day to label).
        plot.getPlotItem().setLimits(minXRange=MIN_DAYS_IN_VIEW * 86400.0)
    # Axes are mostly text, the dearest thing to paint; keep each as a pixmap that is redrawn only
    # when the axis itself changes (new range or ticks), not whenever a curve moves.
    for name in ("left", "bottom"):
        plot.getPlotItem().getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    follow_palette(plot, lambda c: apply_chart_colours(plot, c))
    return plot


def apply_chart_colours(plot: pg.PlotWidget, c: Colours) -> None:
    """The plot's background, axes, tick labels, axis titles and legend in the palette's colours
    (the grid is drawn with the axis pen, faded)."""
    plot.setBackground(c.chart_background)
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(c.chart_foreground)
        axis.setTextPen(c.chart_foreground)
    if item.legend is not None:
        item.legend.setLabelTextColor(c.chart_foreground)
        for _sample, label in item.legend.items:
            label.setText(label.text)       # the colour is only an option until the text is laid out again
