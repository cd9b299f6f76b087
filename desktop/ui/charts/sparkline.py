"""A sparkline painted straight with QPainter: one indicator's shape in a tile of the dashboard.

Fifty of them must open in a blink, so there is no plot widget behind each: the series is
reduced to one min/max pair per pixel column (numpy) and drawn as a single polyline.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget
from pyqtgraph.functions import arrayToQPolygonF


def column_envelope(xs: np.ndarray, ys: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """At most 2 x `columns` points that draw like (xs, ys) at `columns` pixels wide: per column its
    lowest and highest value, in x order (x in 0..1). Short series come back as they are."""
    n = len(xs)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    span = float(xs[-1] - xs[0]) or 1.0
    x01 = (xs - xs[0]) / span
    if n <= columns:
        return x01, ys.astype(float)
    col = np.minimum((x01 * columns).astype(np.int64), columns - 1)
    starts = np.flatnonzero(np.diff(col, prepend=-1))
    lo, hi = np.minimum.reduceat(ys, starts), np.maximum.reduceat(ys, starts)
    cx = (col[starts] + 0.5) / columns
    return np.repeat(cx, 2), np.column_stack((lo, hi)).ravel().astype(float)


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sparkline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(34)
        self._xs = np.zeros(0)
        self._ys = np.zeros(0)
        self._colour = self.palette().color(self.foregroundRole())
        self._step = False
        self._polygon: tuple[tuple[int, int], QPolygonF] | None = None   # (size, line) of the last paint
        self.points_drawn = 0     # how many vertices the last paint drew (tests read it)

    def sizeHint(self) -> QSize:
        return QSize(160, 34)

    def set_data(self, days: np.ndarray, values: np.ndarray, colour: str, step: bool = False) -> None:
        self._xs = np.asarray(days, dtype=float)
        self._ys = np.asarray(values, dtype=float)
        self._colour = QColor(colour)
        self._step = step
        self._polygon = None
        self.update()

    def _line(self, w: int, h: int) -> QPolygonF:
        """The line at this size, made once per size (a tile paints more than once as the window settles)."""
        if self._polygon is not None and self._polygon[0] == (w, h):
            return self._polygon[1]
        x01, ys = column_envelope(self._xs, self._ys, max(w, 1))
        if self._step and 1 < len(x01) <= w:
            x01, ys = np.repeat(x01, 2)[1:], np.repeat(ys, 2)[:-1]   # hold each value until the next
        lo, hi = float(min(ys.min(), 0.0)), float(ys.max())
        y01 = (ys - lo) / ((hi - lo) or 1.0)
        line = arrayToQPolygonF(2 + x01 * w, 2 + (1 - y01) * h)
        self._polygon = ((w, h), line)
        return line

    def paintEvent(self, _event) -> None:
        w, h = self.width() - 4, self.height() - 4
        if len(self._xs) == 0 or w <= 0 or h <= 0:
            self.points_drawn = 0
            return
        line = self._line(w, h)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._colour, 1.0))   # 1 px: Qt strokes a thin antialiased line several times faster
        last = line[line.size() - 1]
        if line.size() == 1:
            painter.setBrush(self._colour)
            painter.drawEllipse(QPointF(last.x() + w / 2, last.y()), 2.5, 2.5)
        else:
            painter.drawPolyline(line)
            painter.setBrush(self._colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(last, 2.5, 2.5)
        painter.end()
        self.points_drawn = line.size()
