"""pyqtgraph set-up shared by every chart: configured once, white background, date axes in UTC."""

from __future__ import annotations

import pyqtgraph as pg

from desktop.ui.common.theme import INK

_configured = False


def configure_pyqtgraph() -> None:
    """Global options must be set before the first plot widget exists (../shared/stack.md)."""
    global _configured
    if not _configured:
        pg.setConfigOptions(antialias=True, background="w", foreground=INK)
        _configured = True


def date_axis() -> pg.DateAxisItem:
    # Dates are stored as calendar days; x is UTC midnight, so the axis must not shift by the local zone.
    return pg.DateAxisItem(orientation="bottom", utcOffset=0)


def new_plot(with_dates: bool = True) -> pg.PlotWidget:
    configure_pyqtgraph()
    axes = {"bottom": date_axis()} if with_dates else {}
    plot = pg.PlotWidget(axisItems=axes)
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.setMenuEnabled(False)
    plot.getPlotItem().hideButtons()
    return plot
