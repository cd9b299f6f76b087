"""One indicator's trend: steps for cumulative counts, bars for event counts, a line for levels, with
its warn and alert bands shaded, a crosshair that reads the nearest figure, and click-to-open.

Built for long series: the curve is peak-downsampled and clipped to the view, markers are drawn
only for short series, and the crosshair finds the nearest point by binary search, so a million
observations pan and zoom like a hundred. The figure's details (qualifier, evidence, note) come
from the `details` callable the view hands in, for the one point under the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor

from desktop.domain.units import unit_for
from desktop.ui.charts.base import new_plot
from desktop.ui.charts.export import add_export_menu, export_plot
from desktop.ui.common.theme import Colours, colours, follow_palette, format_day, format_number

DAY = 86400.0
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
LONG_SERIES = 5_000          # points from which the curve is drawn thin
MARKERS_UP_TO = 2_000        # points drawn as markers; longer series are a curve only
BAND_REACH = 50              # how far past the largest figure or threshold the open side of a band goes
SNAP_PIXELS = 12             # how near (on screen) a click must be to a point to open it
LABEL_OFFSET = 6             # pixels between the crosshair's point and its reading


def step_coordinates(xs: np.ndarray, ys: np.ndarray, end: float) -> tuple[np.ndarray, np.ndarray]:
    """A running total as a staircase: each value held until the next day, the last until `end`.
    Plain coordinates rather than pyqtgraph's stepMode, so peak downsampling and the fill apply as
    to any line (stepMode's last step fell to the fill level)."""
    sx = np.repeat(np.append(xs, end), 2)[1:-1]
    return sx, np.repeat(ys, 2)


def bar_coordinates(xs: np.ndarray, ys: np.ndarray, half: float) -> tuple[np.ndarray, np.ndarray]:
    """A bar per day (event counts): up at x - half, across, down at x + half, as one line."""
    bx = np.column_stack((xs - half, xs - half, xs + half, xs + half)).ravel()
    by = np.column_stack((np.zeros_like(ys), ys, ys, np.zeros_like(ys))).ravel()
    return bx, by


class _Signals(QObject):
    evidence_clicked = Signal(int)
    hovered = Signal(str)

    def __init__(self, on_leave):
        super().__init__()
        self._on_leave = on_leave

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Leave:      # the mouse left the chart: no reading stays behind
            self._on_leave()
        return False


class IndicatorChart:
    """Owns a PlotWidget; `set_series` draws an IndicatorSeries from the indicators service."""

    def __init__(self, interactive: bool = True):
        self.signals = _Signals(self.hide_crosshair)
        self.evidence_clicked = self.signals.evidence_clicked
        self.hovered = self.signals.hovered
        self.widget = new_plot(with_dates=True)
        self.widget.setObjectName("indicatorChart")
        self.widget.setMinimumHeight(150)
        self.interactive = interactive
        self.curve: pg.PlotDataItem | None = None
        self.points: pg.ScatterPlotItem | None = None
        self.bands: list[pg.LinearRegionItem] = []
        self.series = None
        self._details: Callable[[int], object] | None = None
        self._detail_cache: tuple[int, object] | None = None
        self.xs = np.zeros(0)          # one x (epoch seconds) per day shown
        self.ys = np.zeros(0)
        self._index = np.zeros(0, dtype=np.int64)   # position in the series of each point shown
        self.hover_text = ""
        plot = self.widget.getPlotItem()
        if not interactive:
            plot.setMouseEnabled(x=False, y=False)
        self.v_line = pg.InfiniteLine(angle=90, movable=False)
        self.h_line = pg.InfiniteLine(angle=0, movable=False)
        self.label = pg.TextItem(anchor=(0, 0))
        self._shown: int | None = None       # the shown point the crosshair is on
        self._x_range: tuple[float, float] | None = None
        # A zoom or pan (or a resize) moves the point under the reading: place it again, inside the box.
        plot.vb.sigRangeChanged.connect(lambda *_: self.place_label())
        plot.vb.sigResized.connect(lambda *_: self.place_label())
        follow_palette(self.widget, self._recolour)
        self._mouse_proxy = None
        if interactive:
            scene = self.widget.scene()
            self._mouse_proxy = pg.SignalProxy(scene.sigMouseMoved, rateLimit=60, slot=self._mouse_moved)
            scene.sigMouseClicked.connect(self._mouse_clicked)
            self.widget.viewport().installEventFilter(self.signals)
            add_export_menu(self.widget, "indicator", self.hide_crosshair)

    # --- drawing -------------------------------------------------------------------------

    def _recolour(self, c: Colours) -> None:
        """The crosshair and its label in the palette's colours; the series drawn again in the status colours."""
        for line in (self.v_line, self.h_line):
            line.setPen(pg.mkPen(c.muted, width=1, style=Qt.PenStyle.DotLine))
        fill = QColor(c.chart_background)
        fill.setAlpha(235)
        self.label.setColor(c.chart_foreground)
        self.label.fill = pg.mkBrush(fill)
        self.label.border = pg.mkPen(c.chart_reference)
        self.label.update()
        if self.series is not None:
            self.set_series(self.series, self._x_range, self._details)

    def set_series(self, series, x_range: tuple[float, float] | None = None,
                   details: Callable[[int], object] | None = None) -> None:
        """Draw `series`; `x_range` (epoch seconds) lines panels up on one span; `details(i)` gives the
        ObservationRow of the series' i-th observation (for the crosshair and clicks)."""
        self.series, self._details, self._x_range = series, details, x_range
        c = colours()
        self._detail_cache = None
        self._shown = None
        plot = self.widget.getPlotItem()
        plot.clear()
        self.curve, self.points, self.bands = None, None, []
        plot.setLabel("left", series.unit)
        n = series.count
        last = np.append(series.days[1:] != series.days[:-1], True) if n else np.zeros(0, bool)
        self._index = np.flatnonzero(last)
        self.xs = (series.days[self._index] - EPOCH_ORDINAL).astype(np.float64) * DAY
        if series.kind.value == "events" and n:
            # Events add up: a day's bar is the sum of its reports, as in the status and the trend.
            firsts = np.concatenate(([0], self._index[:-1] + 1))
            self.ys = np.add.reduceat(series.values.astype(np.float64), firsts)
        else:
            self.ys = series.values[self._index].astype(np.float64)   # the last figure of a day wins
        self._draw_bands(plot, series)
        if not len(self.xs):
            plot.setYRange(0, max([v for v in (series.warn, series.alert) if v is not None] + [1]) * 1.15,
                           padding=0)
            return
        colour = c.status[series.status.value]
        xs, ys = self.xs, self.ys
        end = max(x_range[1] if x_range else xs[-1], xs[-1], self._silent_until(series)) + 3 * DAY
        kind = series.kind.value
        # A long series is a dense zig-zag even downsampled: Qt strokes a 2 px antialiased path of it
        # ~8x slower than a 1 px one (140 against 18 ms a pan at a million points).
        long = len(xs) > LONG_SERIES
        pen = pg.mkPen(colour, width=1 if long else 2)
        if kind == "cumulative":
            sx, sy = step_coordinates(xs, ys, end)
            self.curve = plot.plot(sx, sy, pen=pen, fillLevel=0, brush=pg.mkBrush(colour + "22"))
        elif kind == "events":
            bx, by = bar_coordinates(xs, ys, 0.4 * DAY)
            self.curve = plot.plot(bx, by, pen=pg.mkPen(colour, width=1), fillLevel=0, brush=pg.mkBrush(colour))
        else:
            self.curve = plot.plot(xs, ys, pen=pen)
        self.curve.setDownsampling(auto=True, method="peak")
        self.curve.setClipToView(True)
        if long:
            self.curve.curve.setSegmentedLineMode("on")
        if len(xs) <= MARKERS_UP_TO:
            self.points = pg.ScatterPlotItem(xs, ys, size=7, brush=pg.mkBrush(colour),
                                             pen=pg.mkPen(c.chart_background, width=1))
            plot.addItem(self.points)
        for item in (self.v_line, self.h_line, self.label):
            plot.addItem(item, ignoreBounds=True)
            item.hide()
        top = max([float(ys.max())] + [v for v in (series.warn, series.alert) if v is not None])
        bottom = min(0.0, float(ys.min()))
        plot.setYRange(bottom, top * 1.15 if top > 0 else 1, padding=0)
        plot.setXRange((x_range[0] if x_range else xs[0]) - 3 * DAY, end, padding=0)

    def _draw_bands(self, plot, series) -> None:
        """Shaded warn and alert zones, with the thresholds as dashed lines."""
        c = colours()
        warn, alert, up = series.warn, series.alert, series.higher_is_worse
        # The open side of a band ends far past anything in the series, not at infinity: a region of
        # 1e15 makes SVG renderers drop it (Qt's own refuses to rasterise it).
        reach = max([abs(float(v)) for v in (warn, alert) if v is not None]
                    + ([float(np.abs(self.ys).max())] if len(self.ys) else []) + [1.0]) * BAND_REACH
        far = reach if up else -reach
        zones = []
        if warn is not None:
            zones.append(("amber", warn, alert if alert is not None else far))
        if alert is not None:
            zones.append(("red", alert, far))
        for name, a, b in zones:
            band = pg.LinearRegionItem(values=sorted((a, b)), orientation="horizontal", movable=False,
                                       brush=pg.mkBrush(c.status[name] + "1c"), pen=pg.mkPen(None))
            band.setZValue(-20)
            plot.addItem(band, ignoreBounds=True)
            self.bands.append(band)
        for value, name in ((warn, "amber"), (alert, "red")):
            if value is not None:
                plot.addItem(pg.InfiniteLine(
                    pos=value, angle=0, pen=pg.mkPen(c.status[name], width=1, style=Qt.PenStyle.DashLine),
                    label=f"{'warn' if name == 'amber' else 'alert'} {format_number(value)}",
                    labelOpts={"position": 0.05, "color": c.chart_status_text[name], "anchors": [(0, 1), (0, 1)]}))

    def _silent_until(self, series) -> float:
        """x of the day an event count's window ends (the As-of date or today) when that is after its last
        figure: days without a report are days without events, which the reading counts, so they are shown."""
        end = getattr(series, "end", None)
        if series.kind.value != "events" or end is None:
            return float(self.xs[-1]) if len(self.xs) else 0.0
        return float(end.toordinal() - EPOCH_ORDINAL) * DAY

    def fit_all(self) -> None:
        """Every observation in view (the mouse may have zoomed or panned anywhere)."""
        if not len(self.xs):
            return
        plot = self.widget.getPlotItem()
        plot.setXRange(self.xs[0] - 3 * DAY, max(self.xs[-1], self._silent_until(self.series)) + 3 * DAY,
                       padding=0.02)
        s = self.series
        top = max([float(self.ys.max())] + [v for v in (s.warn, s.alert) if v is not None])
        plot.setYRange(min(0.0, float(self.ys.min())), top * 1.1 if top > 0 else 1, padding=0)

    # --- reading the chart -----------------------------------------------------------------

    def nearest(self, x: float) -> int | None:
        """The shown point whose day is nearest `x` (epoch seconds)."""
        n = len(self.xs)
        if not n:
            return None
        i = int(np.searchsorted(self.xs, x))
        if i >= n or (i > 0 and x - self.xs[i - 1] < self.xs[i] - x):
            i -= 1
        return max(i, 0)

    def detail(self, i: int):
        """The ObservationRow behind shown point `i` (None without a details lookup)."""
        if self._details is None:
            return None
        at = int(self._index[i])
        if self._detail_cache is None or self._detail_cache[0] != at:   # the mouse moves 60 times a second
            self._detail_cache = (at, self._details(at))
        return self._detail_cache[1]

    def describe(self, i: int) -> str:
        """Date, value with its qualifier, unit and source of shown point `i`."""
        s = self.series
        day = date.fromordinal(int(s.days[self._index[i]]))
        row = self.detail(i)
        qualifier = f"{row.qualifier} " if row is not None and row.qualifier else ""
        lines = [format_day(day), f"{qualifier}{format_number(self.ys[i])} {unit_for(self.ys[i], s.unit)}".strip()]
        if row is not None:
            lines.append(f"source: evidence {row.evidence}" if row.evidence else "source: no evidence linked")
            if row.note:
                lines.append(row.note if len(row.note) <= 80 else row.note[:79] + "…")
        return "\n".join(lines)

    def show_crosshair(self, i: int) -> str:
        """Put the crosshair on shown point `i` and its description beside it; returns the text."""
        x, y = float(self.xs[i]), float(self.ys[i])
        self.v_line.setValue(x)
        self.h_line.setValue(y)
        self.hover_text = self.describe(i)
        self.label.setText(self.hover_text)
        self._shown = i
        for item in (self.v_line, self.h_line, self.label):
            item.show()
        self.place_label()
        self.hovered.emit(self.hover_text)
        return self.hover_text

    def place_label(self) -> None:
        """Put the reading beside the crosshair's point, inside the plot's view box: above and to the right
        of the point, or to the left / below where that would leave the box, then clamped to the box (a
        point at a corner, a label larger than the room left)."""
        if self._shown is None or not self.label.isVisible() or self._shown >= len(self.xs):
            return
        vb = self.widget.getPlotItem().vb
        box = vb.sceneBoundingRect()
        at = vb.mapViewToScene(QPointF(float(self.xs[self._shown]), float(self.ys[self._shown])))
        # Wider than the box (a long note on a narrow chart): wrap it to the box's width.
        self.label.setTextWidth(-1)
        if self.label.textItem.boundingRect().width() > box.width() - 2:
            self.label.setTextWidth(max(box.width() - 2, 40.0))
        size = self.label.textItem.boundingRect()            # pixels: a TextItem ignores the view's scale
        w, h = size.width(), size.height()
        left = at.x() + LABEL_OFFSET if at.x() + LABEL_OFFSET + w <= box.right() else at.x() - LABEL_OFFSET - w
        top = at.y() - LABEL_OFFSET - h if at.y() - LABEL_OFFSET - h >= box.top() else at.y() + LABEL_OFFSET
        left = max(box.left(), min(left, box.right() - w))
        top = max(box.top(), min(top, box.bottom() - h))
        self.label.setAnchor((0, 0))
        self.label.setPos(vb.mapSceneToView(QPointF(left, top)))

    def hide_crosshair(self) -> None:
        self._shown = None
        for item in (self.v_line, self.h_line, self.label):
            item.hide()

    def _mouse_moved(self, event) -> None:
        pos = event[0]
        plot = self.widget.getPlotItem()
        if not len(self.xs) or not plot.sceneBoundingRect().contains(pos):
            self.hide_crosshair()
            return
        i = self.nearest(plot.vb.mapSceneToView(pos).x())
        if i is not None:
            self.show_crosshair(i)

    def point_at(self, scene_pos: QPointF) -> int | None:
        """The shown point within SNAP_PIXELS of `scene_pos`, if any."""
        plot = self.widget.getPlotItem()
        i = self.nearest(plot.vb.mapSceneToView(scene_pos).x())
        if i is None:
            return None
        where = plot.vb.mapViewToScene(QPointF(float(self.xs[i]), float(self.ys[i])))
        near = abs(where.x() - scene_pos.x()) <= SNAP_PIXELS and abs(where.y() - scene_pos.y()) <= SNAP_PIXELS
        return i if near else None

    def open_point(self, i: int) -> bool:
        """Open the evidence behind shown point `i`; False when it has none."""
        row = self.detail(i)
        if row is None or row.evidence_id is None:
            return False
        self.evidence_clicked.emit(int(row.evidence_id))
        return True

    def _mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        i = self.point_at(event.scenePos())
        if i is not None and self.open_point(i):
            event.accept()

    # --- export ----------------------------------------------------------------------------

    def export(self, path: str | Path, width: int, height: int) -> Path:
        """The chart as it is in view, as PNG (`width` x `height` pixels) or SVG (by the file's suffix)."""
        self.hide_crosshair()
        return export_plot(self.widget, path, width, height, self.series.name if self.series else "")
